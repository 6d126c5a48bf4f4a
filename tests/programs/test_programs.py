"""Classic TF1 programs, written against `import tensorflow as tf`, run unchanged through `varflow run`.

Each script under scripts/ runs in its own process (`python -m varflow run SCRIPT ARGS`); the tests
check its exit status and the numbers it prints (final loss, accuracy, restored values, events files).
"""
import glob
import os
import re
import signal
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "scripts")
REPO = os.path.dirname(os.path.dirname(HERE))


def _command(script: str, *args: str) -> list:
    return [sys.executable, "-m", "varflow", "run", os.path.join(SCRIPTS, script)] + list(args)


def _env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (REPO, env.get("PYTHONPATH")) if p)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")   # tiny GEMMs: BLAS threads only contend on a busy machine
    env.update(extra or {})
    return env


def run_program(script: str, *args: str, timeout: float = 60) -> str:
    """Run one script through `varflow run`; assert it exits 0 and return its stdout."""
    proc = subprocess.run(_command(script, *args), capture_output=True, text=True, timeout=timeout,
                          env=_env(), cwd=REPO)
    assert proc.returncode == 0, "%s exited %d\n%s\n%s" % (script, proc.returncode, proc.stdout[-3000:],
                                                           proc.stderr[-5000:])
    return proc.stdout


def number(pattern: str, text: str) -> float:
    """The float captured by `pattern` (its last match) in `text`."""
    found = re.findall(pattern, text)
    assert found, "no line matching %r in:\n%s" % (pattern, text)
    return float(found[-1])


def test_linear_regression_fits_the_line():
    out = run_program("linear_regression.py")
    assert number(r"Training cost=([\d.]+)", out) < 0.002
    assert abs(number(r"W=([-\d.]+)", out) - 3.0) < 0.05
    assert abs(number(r"b=([-\d.]+)", out) - 2.0) < 0.05


def test_logistic_regression_on_digits():
    pytest.importorskip("sklearn")
    out = run_program("logistic_regression.py")
    assert number(r"Final cost=([\d.]+)", out) < 0.25
    assert number(r"Accuracy=([\d.]+)", out) > 0.85


def test_mlp_with_layers_dropout_and_metrics_accuracy():
    pytest.importorskip("sklearn")
    out = run_program("mlp_layers.py")
    assert re.search(r"^step 450 loss", out, re.M), out        # 15 epochs of 30 batches
    assert number(r"loss ([\d.]+)", out) < 0.5
    assert number(r"Test accuracy: ([\d.]+)", out) > 0.85


def test_raw_variable_cnn_on_digits():
    pytest.importorskip("sklearn")
    out = run_program("raw_cnn.py")
    assert number(r"test accuracy ([\d.]+)", out) > 0.8


def test_gan_with_shared_discriminator_scope_and_two_optimizers():
    out = run_program("gan.py")
    assert "discriminator variables: ['discriminator/w0:0', 'discriminator/b0:0', " \
           "'discriminator/w1:0', 'discriminator/b1:0']" in out
    assert "generator variables: ['generator/h0/kernel:0', 'generator/h0/bias:0', " \
           "'generator/out/kernel:0', 'generator/out/bias:0']" in out
    assert abs(number(r"generated mean ([-\d.]+)", out) - 4.0) < 0.5   # the data's mean is 4.0


def test_saver_restores_in_a_second_process(tmp_path):
    out = run_program("saver_roundtrip.py", "--mode=train", "--checkpoint_dir=%s" % tmp_path)
    assert "saved %s/model.ckpt-100 " % tmp_path in out
    assert os.path.exists(tmp_path / "model.ckpt-100.index")
    assert os.path.exists(tmp_path / "checkpoint")
    out = run_program("saver_roundtrip.py", "--mode=restore", "--checkpoint_dir=%s" % tmp_path)
    assert "latest checkpoint %s/model.ckpt-100" % tmp_path in out
    assert "restored step 100, values match" in out
    assert "as in the training process" in out


def test_word2vec_with_nce_loss_learns_the_topics():
    out = run_program("word2vec.py")
    assert "embedding gradient type: IndexedSlices" in out
    losses = [float(v) for v in re.findall(r"Average loss at step \d+ : ([\d.]+)", out)]
    assert len(losses) == 2 and losses[1] < losses[0]
    within = number(r"within topic ([-\d.]+)", out)
    across = number(r"across topics ([-\d.]+)", out)
    assert within > across + 0.3
    nearest = re.search(r"Nearest to cat: (.*)", out).group(1).split(", ")
    assert set(nearest) <= {"dog", "mouse", "horse", "cow", "sheep"}


def test_summaries_write_a_readable_events_file(tmp_path):
    from varflow.tools.event_file import summary_iterator

    out = run_program("summaries.py", str(tmp_path))
    assert number(r"final loss ([\d.]+)", out) < 1e-3
    files = glob.glob(str(tmp_path / "events.out.tfevents.*"))
    assert len(files) == 1
    events = list(summary_iterator(files[0]))
    assert events[0].file_version == "brain.Event:2"
    assert any(e.graph_def for e in events)
    steps, tags, losses = [], set(), []
    for e in events:
        if e.HasField("summary"):
            steps.append(e.step)
            for v in e.summary.value:
                tags.add(v.tag)
                if v.tag == "loss/loss":
                    losses.append(v.simple_value)
    assert steps == list(range(50))
    assert tags == {"layer/weights_1", "layer/biases_1", "loss/loss"}   # names as TF 2.21 gives them
    assert losses[-1] < losses[0]


def test_dataset_pipeline_with_one_shot_iterator():
    pytest.importorskip("sklearn")
    out = run_program("dataset_pipeline.py")
    assert "batch shapes: (?, 64) (?,)" in out
    assert "trained on 300 batches" in out                 # 15 batches an epoch, 20 epochs, then OutOfRange
    assert number(r"test accuracy ([\d.]+)", out) > 0.8


@pytest.fixture(scope="module")
def ray_env():
    """One Ray instance for the cluster; its address and auth settings go to the task processes."""
    ray = pytest.importorskip("ray")
    from varflow.distributed import runtime

    started = not ray.is_initialized()
    saved = dict(os.environ)
    runtime.ensure_ray(private=True)   # never join another process's instance
    yield {k: v for k, v in os.environ.items() if saved.get(k) != v}
    if started:
        ray.shutdown()
        os.environ.clear()
        os.environ.update(saved)


def test_ps_and_two_workers_train_one_model(ray_env):
    hosts = ["--ps_hosts=localhost:24222", "--worker_hosts=localhost:24223,localhost:24224"]
    env = _env(ray_env)

    def task(job, index):
        return subprocess.Popen(_command("ps_worker.py", *hosts, "--job_name=%s" % job,
                                         "--task_index=%d" % index),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)

    ps = task("ps", 0)
    workers = [task("worker", i) for i in range(2)]
    try:
        results = [w.communicate(timeout=90) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
        ps.send_signal(signal.SIGINT)          # server.join() ends with KeyboardInterrupt
        try:
            ps_out, ps_err = ps.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            ps.kill()
            ps_out, ps_err = ps.communicate()
    for w, (out, err) in zip(workers, results):
        assert w.returncode == 0, out + err[-5000:]
    assert "ps 0 serving" in ps_out, ps_err[-3000:]
    local_steps = 0
    for i, (out, _) in enumerate(results):
        assert "worker %d: w on /job:ps/task:0, global_step on /job:ps/task:0" % i in out, out
        done = re.search(r"worker %d done: (\d+) local steps, global step (\d+), loss ([\d.]+)" % i, out)
        assert done, out
        local_steps += int(done.group(1))
        assert int(done.group(2)) >= 195     # fetched with the last train_op; StopAtStepHook stops at 200
        assert float(done.group(3)) < 0.05
    assert local_steps >= 200          # both workers advanced one shared global step
