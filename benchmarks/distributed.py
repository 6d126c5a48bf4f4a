"""Parameter-server throughput: training steps/s (each updates a variable on each of 2 ps tasks) and
the latency of reading one variable, with 1, 2 and 4 worker processes, for varflow (ps tasks are
Ray actors) and, when it is installed, TensorFlow's own gRPC servers on the same machine.

    python benchmarks/distributed.py [--seconds 3] [--size 10000] [--workers 1,2,4]

TensorFlow runs in its own interpreter: /work/tfenv/bin/python or $VARFLOW_TF_PYTHON. Worker
processes are started first, report READY once their session is up, then all start on GO.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.abspath(__file__)
ROOT = os.path.dirname(os.path.dirname(HERE))


# ------------------------------------------------------------------------------------------------
# One worker (either framework): build the graph, report READY, wait for GO, measure, print JSON
# ------------------------------------------------------------------------------------------------
def _worker(tf, target, cluster, task, size, seconds, config=None):
    import numpy as np

    with tf.device(tf.train.replica_device_setter(
            cluster=cluster, worker_device="/job:worker/task:%d" % task)):
        a = tf.Variable(tf.zeros([size]), name="a")            # ps task 0
        b = tf.Variable(tf.zeros([size]), name="b")            # ps task 1
        grad = tf.constant(np.full([size], 1e-3, np.float32))
        opt = tf.train.GradientDescentOptimizer(0.1)
        train = opt.apply_gradients([(grad, a), (grad, b)])
    sess = tf.Session(target, config=config)
    if task == 0:
        sess.run(tf.global_variables_initializer())
    while sess.run(tf.report_uninitialized_variables()).size:
        time.sleep(0.05)
    for _ in range(5):
        sess.run(train)
        sess.run(a)
    print("READY", flush=True)
    sys.stdin.readline()
    steps, end = 0, time.time() + seconds
    while time.time() < end:
        sess.run(train)
        steps += 1
    reads = []
    for _ in range(200):
        t0 = time.perf_counter()
        sess.run(a)
        reads.append(time.perf_counter() - t0)
    print("RESULT " + json.dumps({"steps_per_s": steps / seconds,
                                  "read_ms": 1e3 * float(np.median(reads))}), flush=True)


def varflow_worker(args):
    sys.path.insert(0, ROOT)
    import varflow as tf

    cluster = json.loads(args.cluster)
    server = tf.train.Server(cluster, job_name="worker", task_index=args.task)
    _worker(tf, server.target, tf.train.ClusterSpec(cluster), args.task, args.size, args.seconds)


def tf_worker(args):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
    cluster = tf.train.ClusterSpec(json.loads(args.cluster))
    server = tf.train.Server(cluster, job_name="worker", task_index=args.task)
    config = tf.ConfigProto(device_filters=["/job:ps", "/job:worker/task:%d" % args.task])
    _worker(tf, server.target, cluster, args.task, args.size, args.seconds, config)


def tf_ps(args):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
    cluster = tf.train.ClusterSpec(json.loads(args.cluster))
    tf.train.Server(cluster, job_name="ps", task_index=args.task).join()


# ------------------------------------------------------------------------------------------------
# The driver
# ------------------------------------------------------------------------------------------------
def _ports(n):
    out = []
    for _ in range(n):
        with socket.socket() as s:
            s.bind(("localhost", 0))
            out.append(s.getsockname()[1])
    return out


def _cluster(n_workers):
    ports = _ports(2 + n_workers)
    return {"ps": ["localhost:%d" % p for p in ports[:2]],
            "worker": ["localhost:%d" % p for p in ports[2:]]}


def _measure(python, role, cluster, n_workers, args, env=None):
    """Start `n_workers` worker processes, release them together, collect their results."""
    base = [python, HERE, "--role", role, "--cluster", json.dumps(cluster),
            "--size", str(args.size), "--seconds", str(args.seconds)]
    procs = [subprocess.Popen(base + ["--task", str(i)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
             for i in range(n_workers)]
    for p in procs:
        for line in p.stdout:
            if line.startswith("READY"):
                break
        else:
            raise RuntimeError("a %s worker exited before it was ready" % role)
    for p in procs:
        p.stdin.write("GO\n")
        p.stdin.flush()
    results = []
    for p in procs:
        for line in p.stdout:
            if line.startswith("RESULT"):
                results.append(json.loads(line.split(" ", 1)[1]))
        p.wait(timeout=120)
    return {"steps_per_s": sum(r["steps_per_s"] for r in results),
            "read_ms": sum(r["read_ms"] for r in results) / len(results)}


def run_varflow(n_workers, args):
    sys.path.insert(0, ROOT)
    from varflow.distributed import runtime
    from varflow.train.server_lib import Server

    runtime.ensure_ray()            # workers join this Ray instance through RAY_ADDRESS
    cluster = _cluster(n_workers)
    for i in range(2):
        Server(cluster, job_name="ps", task_index=i)     # creates the ps actors
    return _measure(sys.executable, "varflow-worker", cluster, n_workers, args)


def run_tf(python, n_workers, args):
    cluster = _cluster(n_workers)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    ps = [subprocess.Popen([python, HERE, "--role", "tf-ps", "--cluster", json.dumps(cluster),
                            "--task", str(i)], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL) for i in range(2)]
    try:
        return _measure(python, "tf-worker", cluster, n_workers, args, env)
    finally:
        for p in ps:
            p.send_signal(signal.SIGKILL)
            p.wait()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", default="driver")
    parser.add_argument("--cluster", default="")
    parser.add_argument("--task", type=int, default=0)
    parser.add_argument("--size", type=int, default=10000, help="floats per variable")
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per run")
    parser.add_argument("--workers", default="1,2,4")
    args = parser.parse_args(argv)
    roles = {"varflow-worker": varflow_worker, "tf-worker": tf_worker, "tf-ps": tf_ps}
    if args.role in roles:
        roles[args.role](args)
        return 0
    tf_python = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")
    has_tf = os.path.exists(tf_python) and subprocess.run(
        [tf_python, "-c", "import tensorflow"], capture_output=True,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")).returncode == 0
    rows = []
    for n in [int(w) for w in args.workers.split(",")]:
        rows.append(("varflow (Ray)", n, run_varflow(n, args)))
        if has_tf:
            rows.append(("TensorFlow (gRPC)", n, run_tf(tf_python, n, args)))
    print("2 ps tasks, variables of %d float32 on each, %.0f s per run, %d CPUs"
          % (args.size, args.seconds, os.cpu_count()))
    print("| system | workers | train steps/s (all workers) | read latency (median ms) |")
    print("|---|---|---|---|")
    for name, n, r in rows:
        print("| %s | %d | %.0f | %.2f |" % (name, n, r["steps_per_s"], r["read_ms"]))
    if not has_tf:
        print("(TensorFlow not found at %s: set VARFLOW_TF_PYTHON)" % tf_python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
