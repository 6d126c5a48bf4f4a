"""tf.train.Saver across processes: `--mode=train` trains and saves, `--mode=restore` checks."""
import sys

import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_string("mode", "train", "train or restore")
flags.DEFINE_string("checkpoint_dir", "/tmp/saver_roundtrip", "where checkpoints go")
FLAGS = flags.FLAGS


def build():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [2, 1], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
    step = tf.train.get_or_create_global_step()
    train_op = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss, global_step=step)
    return x, y, w, b, step, loss, train_op


def main(_):
    x, y, w, b, step, loss, train_op = build()
    saver = tf.train.Saver(max_to_keep=2)
    rng = np.random.RandomState(0)
    xs = rng.randn(64, 2).astype(np.float32)
    ys = xs @ np.array([[1.5], [-2.0]], np.float32) + 0.25
    if FLAGS.mode == "train":
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(100):
                sess.run(train_op, {x: xs, y: ys})
            path = saver.save(sess, FLAGS.checkpoint_dir + "/model.ckpt", global_step=step)
            np.save(FLAGS.checkpoint_dir + "/expected.npy", np.concatenate([sess.run(w).ravel(), sess.run(b)]))
            print("saved %s loss %.6f" % (path, sess.run(loss, {x: xs, y: ys})))
            sess.run(train_op, {x: xs, y: ys})      # the loss one step later, for the restoring process
            np.save(FLAGS.checkpoint_dir + "/next_loss.npy", sess.run(loss, {x: xs, y: ys}))
    else:
        latest = tf.train.latest_checkpoint(FLAGS.checkpoint_dir)
        print("latest checkpoint", latest)
        with tf.Session() as sess:
            saver.restore(sess, latest)
            got = np.concatenate([sess.run(w).ravel(), sess.run(b)])
            expected = np.load(FLAGS.checkpoint_dir + "/expected.npy")
            np.testing.assert_array_equal(got, expected)
            print("restored step %d, values match" % sess.run(step))
            uninit = sess.run(tf.report_uninitialized_variables())
            assert len(uninit) == 0, uninit
            before = sess.run(loss, {x: xs, y: ys})
            sess.run(train_op, {x: xs, y: ys})      # the Momentum slots were restored too
            after = sess.run(loss, {x: xs, y: ys})
            np.testing.assert_allclose(after, np.load(FLAGS.checkpoint_dir + "/next_loss.npy"), rtol=1e-6)
            print("restored loss %.6f, after one more step %.6f as in the training process" % (before, after))
    return 0


if __name__ == "__main__":
    tf.app.run(main=main, argv=sys.argv)
