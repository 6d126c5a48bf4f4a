"""Between-graph replicated training, TF1 style: one script for ps and worker tasks.

    python ps_worker.py --ps_hosts=localhost:2222 --worker_hosts=localhost:2223,localhost:2224 \
        --job_name=ps --task_index=0       # and --job_name=worker --task_index=0/1
"""
import sys

import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_string("ps_hosts", "", "Comma-separated list of hostname:port pairs")
flags.DEFINE_string("worker_hosts", "", "Comma-separated list of hostname:port pairs")
flags.DEFINE_string("job_name", "", "One of 'ps', 'worker'")
flags.DEFINE_integer("task_index", 0, "Index of task within the job")
flags.DEFINE_integer("train_steps", 200, "Global steps to train")
FLAGS = flags.FLAGS

TRUE_W = np.array([[2.0], [-3.0], [0.5]], np.float32)


def main(_):
    ps_hosts = FLAGS.ps_hosts.split(",")
    worker_hosts = FLAGS.worker_hosts.split(",")
    cluster = tf.train.ClusterSpec({"ps": ps_hosts, "worker": worker_hosts})
    server = tf.train.Server(cluster, job_name=FLAGS.job_name, task_index=FLAGS.task_index)

    if FLAGS.job_name == "ps":
        print("ps %d serving" % FLAGS.task_index, flush=True)
        try:
            server.join()
        except KeyboardInterrupt:
            pass
        return

    with tf.device(tf.train.replica_device_setter(
            worker_device="/job:worker/task:%d" % FLAGS.task_index, cluster=cluster)):
        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.placeholder(tf.float32, [None, 1])
        w = tf.Variable(tf.zeros([3, 1]), name="w")
        b = tf.Variable(0.0, name="b")
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        global_step = tf.train.get_or_create_global_step()
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)
    print("worker %d: w on %s, global_step on %s" % (FLAGS.task_index, w.device, global_step.device),
          flush=True)

    rng = np.random.RandomState(FLAGS.task_index)
    hooks = [tf.train.StopAtStepHook(last_step=FLAGS.train_steps)]
    mine = 0
    with tf.train.MonitoredTrainingSession(master=server.target, is_chief=(FLAGS.task_index == 0),
                                           hooks=hooks) as mon_sess:
        while not mon_sess.should_stop():
            xs = rng.randn(32, 3).astype(np.float32)
            ys = xs @ TRUE_W + 1.0
            _, loss_value, step = mon_sess.run([train_op, loss, global_step], feed_dict={x: xs, y: ys})
            mine += 1
    print("worker %d done: %d local steps, global step %d, loss %.6f"
          % (FLAGS.task_index, mine, step, loss_value), flush=True)


if __name__ == "__main__":
    tf.app.run(main=main, argv=[sys.argv[0]] + sys.argv[1:])
