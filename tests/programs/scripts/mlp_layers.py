"""A two-layer perceptron with tf.layers.dense, tf.layers.dropout and tf.metrics.accuracy."""
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

tf.set_random_seed(1)
digits = load_digits()
images = (digits.data / 16.0).astype(np.float32)
train_x, test_x = images[:1500], images[1500:]
train_y, test_y = digits.target[:1500].astype(np.int64), digits.target[1500:].astype(np.int64)

x = tf.placeholder(tf.float32, [None, 64], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
training = tf.placeholder_with_default(False, shape=(), name="training")

hidden = tf.layers.dense(x, 128, activation=tf.nn.relu, name="hidden1")
hidden = tf.layers.dropout(hidden, rate=0.2, training=training)
hidden = tf.layers.dense(hidden, 64, activation=tf.nn.relu, name="hidden2")
logits = tf.layers.dense(hidden, 10, name="logits")
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
global_step = tf.train.get_or_create_global_step()
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss, global_step=global_step)
predictions = tf.argmax(logits, axis=1)
acc, acc_update = tf.metrics.accuracy(labels=y, predictions=predictions)

with tf.Session() as sess:
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    rng = np.random.RandomState(0)
    for _ in range(15):
        order = rng.permutation(len(train_x))
        for start in range(0, len(train_x), 50):
            idx = order[start:start + 50]
            _, l = sess.run([train_op, loss], {x: train_x[idx], y: train_y[idx], training: True})
    print("step %d loss %.4f" % (sess.run(global_step), l))
    for start in range(0, len(test_x), 100):
        sess.run(acc_update, {x: test_x[start:start + 100], y: test_y[start:start + 100]})
    print("Test accuracy: %.4f" % sess.run(acc))
