"""Linear regression, TF1 style: tf.Variable, feed_dict and GradientDescentOptimizer."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
train_x = rng.uniform(-1.0, 1.0, size=100).astype(np.float32)
train_y = 3.0 * train_x + 2.0 + rng.normal(0.0, 0.05, size=100).astype(np.float32)

X = tf.placeholder("float")
Y = tf.placeholder("float")
W = tf.Variable(rng.randn(), name="weight")
b = tf.Variable(rng.randn(), name="bias")
pred = tf.add(tf.multiply(X, W), b)
cost = tf.reduce_sum(tf.pow(pred - Y, 2)) / (2 * 100)
optimizer = tf.train.GradientDescentOptimizer(0.5).minimize(cost)

init = tf.global_variables_initializer()
with tf.Session() as sess:
    sess.run(init)
    for epoch in range(200):
        sess.run(optimizer, feed_dict={X: train_x, Y: train_y})
        if (epoch + 1) % 50 == 0:
            c = sess.run(cost, feed_dict={X: train_x, Y: train_y})
            print("Epoch:", "%04d" % (epoch + 1), "cost=", "{:.9f}".format(c))
    training_cost = sess.run(cost, feed_dict={X: train_x, Y: train_y})
    print("Training cost=%.6f W=%.4f b=%.4f" % (training_cost, sess.run(W), sess.run(b)))
