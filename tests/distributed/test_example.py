"""examples/distributed_train.py trains the digits CNN on 2 ps + 2 worker processes, async and sync
(both launched at once, sharing the tests' Ray instance), as accurately as one process."""
import os
import re
import subprocess
import sys

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "distributed_train.py")


def test_async_and_sync_training_reach_the_one_process_accuracy(ray_session, tmp_path):
    env = dict(os.environ, VARFLOW_SYNC_TIMEOUT="60")
    procs = {mode: subprocess.Popen(
        [sys.executable, EXAMPLE, "--train_steps=80", "--learning_rate=0.01", "--checkpoint_dir=%s" % (tmp_path / mode)]
        + (["--sync"] if mode == "sync" else []),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        for mode in ("async", "sync")}
    for mode, proc in procs.items():
        out, _ = proc.communicate(timeout=170)
        assert proc.returncode == 0, out[-3000:]
        assert "mode: %s" % mode in out
        chief = float(re.search(r"worker 0: \d+ of my steps, test accuracy ([\d.]+)", out).group(1))
        local = float(re.search(r"one process: test accuracy ([\d.]+)", out).group(1))
        assert re.search(r"worker 1: \d+ of my steps", out), out[-3000:]
        assert chief > 0.85 and chief > local - 0.06, out[-3000:]
        assert os.path.exists(tmp_path / mode / "checkpoint")
