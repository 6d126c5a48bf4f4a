"""Between-graph training of the digits CNN (examples/digits_cnn.py) with 2 parameter servers and
2 workers.

    python examples/distributed_train.py            # launches 2 ps + 2 worker processes (async)
    python examples/distributed_train.py --sync     # the same with tf.train.SyncReplicasOptimizer
    python examples/distributed_train.py --job_name=worker --task_index=0 --cluster=...  # one task

Each worker builds the same graph; tf.train.replica_device_setter puts the variables on the ps
tasks (Ray actors, started by Ray itself on this machine), so both workers update the same weights,
each from its own half of the training set. Worker 0 is the chief: it initializes the model, writes
checkpoints to --checkpoint_dir and reports the test accuracy; the launcher also trains the same
model in one process for the same number of steps, to compare.
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
tf.app.flags.DEFINE_integer("train_steps", 600, "global steps to train")
tf.app.flags.DEFINE_integer("batch_size", 32, "examples per worker step")
tf.app.flags.DEFINE_float("learning_rate", 0.005, "Adam learning rate")
tf.app.flags.DEFINE_boolean("sync", False, "aggregate both workers' gradients each step")
FLAGS = tf.app.flags.FLAGS

NUM_WORKERS = 2


def load_data():
    """Digits as [N, 64] float32 in [0, 1] and int32 labels: (x_train, x_test, y_train, y_test)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    data = load_digits()
    return train_test_split((data.data / 16.0).astype(np.float32), data.target.astype(np.int32),
                            test_size=0.2, random_state=0, stratify=data.target)


def model(num_workers=1):
    """The training issue's convnet (conv_relu ×2 + dense, in variable scopes): a dict of its
    tensors, the train op and the optimizer."""
    from digits_cnn import model as convnet     # examples/digits_cnn.py, beside this script

    tf.set_random_seed(0)
    x = tf.placeholder(tf.float32, [None, 64], name="x")
    y = tf.placeholder(tf.int32, [None], name="y")
    with tf.variable_scope("model"):
        logits = convnet(tf.reshape(x, [-1, 8, 8, 1]), keep_prob=1.0)
    loss = tf.losses.sparse_softmax_cross_entropy(y, logits) + tf.losses.get_regularization_loss()
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1, output_type=tf.int32), y),
                                      tf.float32))
    step = tf.train.get_or_create_global_step()
    opt = tf.train.AdamOptimizer(FLAGS.learning_rate)
    if FLAGS.sync and num_workers > 1:
        opt = tf.train.SyncReplicasOptimizer(opt, replicas_to_aggregate=num_workers,
                                             total_num_replicas=num_workers)
    train_op = opt.minimize(loss, global_step=step)
    return dict(x=x, y=y, loss=loss, accuracy=accuracy, step=step, train_op=train_op, opt=opt)


def batches(x, y, seed):
    rng = np.random.default_rng(seed)
    while True:
        order = rng.permutation(len(x))
        for i in range(0, len(order) - FLAGS.batch_size + 1, FLAGS.batch_size):
            idx = order[i:i + FLAGS.batch_size]
            yield x[idx], y[idx]


def run_worker(cluster):
    x_train, x_test, y_train, y_test = load_data()
    shard = slice(FLAGS.task_index, None, NUM_WORKERS)          # each worker: its half
    server = tf.train.Server(cluster, job_name="worker", task_index=FLAGS.task_index)
    is_chief = FLAGS.task_index == 0
    with tf.device(tf.train.replica_device_setter(
            worker_device="/job:worker/task:%d" % FLAGS.task_index, cluster=cluster)):
        m = model(NUM_WORKERS)
    final = tf.train.FinalOpsHook(m["accuracy"], {m["x"]: x_test, m["y"]: y_test})
    hooks = [tf.train.StopAtStepHook(last_step=FLAGS.train_steps), final]
    if FLAGS.sync:
        hooks.append(m["opt"].make_session_run_hook(is_chief))
    mine = 0
    with tf.train.MonitoredTrainingSession(master=server.target, is_chief=is_chief,
                                           checkpoint_dir=FLAGS.checkpoint_dir or None,
                                           hooks=hooks, log_step_count_steps=None) as sess:
        data = batches(x_train[shard], y_train[shard], FLAGS.task_index)
        while not sess.should_stop():
            xs, ys = next(data)
            sess.run(m["train_op"], {m["x"]: xs, m["y"]: ys})
            mine += 1
    accuracy = final.final_ops_values
    print("worker %d: %d of my steps, test accuracy %s"
          % (FLAGS.task_index, mine, "n/a" if accuracy is None else "%.4f" % accuracy),
          flush=True)


def train_one_process() -> float:
    """The same model and number of steps in one local session: the accuracy to match."""
    x_train, x_test, y_train, y_test = load_data()
    with tf.Graph().as_default():
        m = model()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            data = batches(x_train, y_train, 0)
            for _ in range(FLAGS.train_steps):
                xs, ys = next(data)
                sess.run(m["train_op"], {m["x"]: xs, m["y"]: ys})
            return float(sess.run(m["accuracy"], {m["x"]: x_test, m["y"]: y_test}))


def launch():
    """Start the 2 ps and 2 worker processes of a local cluster and wait for the workers."""
    from varflow.distributed import runtime
    from varflow.train.server_lib import _pick_unused_port

    runtime.ensure_ray()          # one local Ray instance; children join it through RAY_ADDRESS
    ports = [_pick_unused_port() for _ in range(4)]
    cluster = {"ps": ["localhost:%d" % p for p in ports[:2]],
               "worker": ["localhost:%d" % p for p in ports[2:]]}
    ckpt = FLAGS.checkpoint_dir or tempfile.mkdtemp(prefix="varflow_dist_")
    os.makedirs(ckpt, exist_ok=True)
    base = [sys.executable, os.path.abspath(__file__), "--cluster=" + json.dumps(cluster),
            "--checkpoint_dir=" + ckpt, "--train_steps=%d" % FLAGS.train_steps,
            "--batch_size=%d" % FLAGS.batch_size, "--learning_rate=%g" % FLAGS.learning_rate,
            "--sync=%s" % FLAGS.sync]
    ps = [subprocess.Popen(base + ["--job_name=ps", "--task_index=%d" % i]) for i in range(2)]
    workers = [subprocess.Popen(base + ["--job_name=worker", "--task_index=%d" % i])
               for i in range(NUM_WORKERS)]
    local = train_one_process()
    codes = [w.wait() for w in workers]
    for p in ps:
        p.send_signal(signal.SIGINT)      # Server.join() returns on KeyboardInterrupt
        p.wait()
    print("one process: test accuracy %.4f after %d steps" % (local, FLAGS.train_steps))
    print("mode: %s; checkpoints in %s" % ("sync" if FLAGS.sync else "async", ckpt), flush=True)
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
