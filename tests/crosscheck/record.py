"""Record what TensorFlow does for each cross-check case (run with an interpreter that has tensorflow).

    /path/to/tf-venv/bin/python tests/crosscheck/record.py [-k SUBSTR] [--check]

Each case runs in its own process through `tensorflow.compat.v1` with v2 behaviour disabled, and its
observations go to `expected/<case>.json`. With `--check` nothing is written: it prints the cases whose
TensorFlow observations differ from the recording (to confirm a recording is stable).
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from observe import EXPECTED, case_names, differences  # noqa: E402


def _tensorflow_v1():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import warnings
    warnings.filterwarnings("ignore")
    import tensorflow as tf2
    tf2.get_logger().setLevel("ERROR")
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    try:
        tf.layers.dense  # noqa: B018 - Keras 3 builds raise here; TF still bundles the TF1 layers
    except Exception:  # noqa: BLE001
        from tensorflow.python.layers import layers as tf1_layers
        tf.layers = tf1_layers
    return tf


def _child(name: str) -> None:
    from observe import observe
    tf = _tensorflow_v1()
    os.chdir(tempfile.mkdtemp(prefix="crosscheck_"))
    print(json.dumps(observe(tf, name), sort_keys=True))


def _run(name: str) -> tuple:
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--_child", name],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONHASHSEED="0"))
    lines = proc.stdout.strip().splitlines()
    if proc.returncode or not lines:
        return name, None, proc.stderr[-2000:]
    return name, json.loads(lines[-1]), ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="substr", default="")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--_child")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if args._child:
        _child(args._child)
        return 0
    names = [n for n in case_names() if args.substr in n]
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, seen, err in pool.map(_run, names):
            path = os.path.join(EXPECTED, name + ".json")
            if seen is None:
                failed += 1
                print("ERROR %s\n%s" % (name, err))
            elif args.check:
                with open(path) as f:
                    diffs = differences(json.load(f), seen)
                print(("DIFF %s\n  " % name + "\n  ".join(diffs)) if diffs else "same %s" % name)
                failed += bool(diffs)
            else:
                with open(path, "w") as f:
                    json.dump(seen, f, indent=1, sort_keys=True)
                    f.write("\n")
                print("recorded %s" % name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
