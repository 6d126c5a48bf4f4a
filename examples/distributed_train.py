"""Asynchronous between-graph training with 2 parameter servers and 2 workers on one machine.

    python examples/distributed_train.py            # launches 2 ps + 2 worker processes
    python examples/distributed_train.py --job_name=worker --task_index=0 --cluster=...  # one task

Each worker builds the same graph; tf.train.replica_device_setter puts the variables on the ps
tasks (Ray actors, started by Ray itself on this machine), so both workers update the same weights.
Worker 0 is the chief: it initializes the model and writes checkpoints to --checkpoint_dir.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile

import numpy as np

import varflow as tf

tf.app.flags.DEFINE_string("job_name", "", "ps or worker; empty: launch the whole cluster")
tf.app.flags.DEFINE_integer("task_index", 0, "index of the task within its job")
tf.app.flags.DEFINE_string("cluster", "", "cluster spec as JSON")
tf.app.flags.DEFINE_string("checkpoint_dir", "", "where the chief writes checkpoints")
tf.app.flags.DEFINE_integer("train_steps", 300, "global steps to train")
tf.app.flags.DEFINE_float("learning_rate", 0.1, "learning rate")
FLAGS = tf.app.flags.FLAGS

TRUE_W, TRUE_B = np.array([[2.0], [-3.0], [0.5]], np.float32), 1.0


def model():
    """A linear regression on synthetic data: returns (global_step, loss, train_op)."""
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    w = tf.Variable(tf.zeros([3, 1]), name="w")
    b = tf.Variable(0.0, name="b")
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
    step = tf.train.get_or_create_global_step()
    opt = tf.train.GradientDescentOptimizer(FLAGS.learning_rate)
    return step, loss, opt.minimize(loss, global_step=step), x, y


def run_worker(cluster):
    server = tf.train.Server(cluster, job_name="worker", task_index=FLAGS.task_index)
    with tf.device(tf.train.replica_device_setter(
            worker_device="/job:worker/task:%d" % FLAGS.task_index, cluster=cluster)):
        step, loss, train_op, x, y = model()
    rng = np.random.default_rng(FLAGS.task_index)
    hooks = [tf.train.StopAtStepHook(last_step=FLAGS.train_steps)]
    with tf.train.MonitoredTrainingSession(master=server.target, is_chief=FLAGS.task_index == 0,
                                           checkpoint_dir=FLAGS.checkpoint_dir or None,
                                           hooks=hooks, log_step_count_steps=None) as sess:
        mine = 0
        while not sess.should_stop():
            xs = rng.normal(size=(32, 3)).astype(np.float32)
            ys = xs @ TRUE_W + TRUE_B
            _, value, global_step = sess.run([train_op, loss, step], {x: xs, y: ys})
            mine += 1
    print("worker %d: %d of my steps, global step %d, loss %.6f"
          % (FLAGS.task_index, mine, global_step, value), flush=True)


def launch():
    """Start the 2 ps and 2 worker processes of a local cluster and wait for the workers."""
    from varflow.distributed import runtime

    runtime.ensure_ray()          # one local Ray instance; children join it through RAY_ADDRESS
    cluster = {"ps": ["localhost:2222", "localhost:2223"],
               "worker": ["localhost:2224", "localhost:2225"]}
    ckpt = FLAGS.checkpoint_dir or tempfile.mkdtemp(prefix="varflow_dist_")
    base = [sys.executable, os.path.abspath(__file__), "--cluster=" + json.dumps(cluster),
            "--checkpoint_dir=" + ckpt, "--train_steps=%d" % FLAGS.train_steps]
    ps = [subprocess.Popen(base + ["--job_name=ps", "--task_index=%d" % i]) for i in range(2)]
    workers = [subprocess.Popen(base + ["--job_name=worker", "--task_index=%d" % i])
               for i in range(2)]
    codes = [w.wait() for w in workers]
    for p in ps:
        p.send_signal(signal.SIGINT)      # Server.join() returns on KeyboardInterrupt
        p.wait()
    print("checkpoints in", ckpt)
    return max(codes)


def main(argv):
    if not FLAGS.job_name:
        return launch()
    cluster = tf.train.ClusterSpec(json.loads(FLAGS.cluster))
    if FLAGS.job_name == "ps":
        try:
            tf.train.Server(cluster, job_name="ps", task_index=FLAGS.task_index).join()
        except KeyboardInterrupt:
            pass
        return 0
    run_worker(cluster)
    return 0


if __name__ == "__main__":
    tf.app.run(main)
