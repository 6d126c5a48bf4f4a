"""TensorBoard summaries, TF1 style: scalar/histogram summaries, merge_all and a FileWriter with the graph."""
import sys

import numpy as np
import tensorflow as tf

logdir = sys.argv[1] if len(sys.argv) > 1 else "/tmp/summaries_logs"

rng = np.random.RandomState(0)
data_x = rng.randn(200, 4).astype(np.float32)
data_y = (data_x @ np.array([[1.0], [-1.0], [2.0], [0.5]], np.float32)).astype(np.float32)

with tf.name_scope("input"):
    x = tf.placeholder(tf.float32, [None, 4], name="x-input")
    y = tf.placeholder(tf.float32, [None, 1], name="y-input")
with tf.name_scope("layer"):
    weights = tf.Variable(tf.truncated_normal([4, 1], stddev=0.1), name="weights")
    biases = tf.Variable(tf.zeros([1]), name="biases")
    tf.summary.histogram("weights", weights)
    tf.summary.histogram("biases", biases)
    preds = tf.matmul(x, weights) + biases
with tf.name_scope("loss"):
    loss = tf.reduce_mean(tf.square(preds - y))
    tf.summary.scalar("loss", loss)
train_step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
merged = tf.summary.merge_all()

with tf.Session() as sess:
    writer = tf.summary.FileWriter(logdir, sess.graph)
    sess.run(tf.global_variables_initializer())
    for i in range(50):
        summary, _ = sess.run([merged, train_step], feed_dict={x: data_x, y: data_y})
        writer.add_summary(summary, i)
    writer.close()
    print("final loss %.6f" % sess.run(loss, {x: data_x, y: data_y}))
print("wrote summaries to", logdir)
