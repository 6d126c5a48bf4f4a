"""A convolutional network from raw variables (tf.nn.conv2d, max_pool) on 8x8 digits, TF1 style."""
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

digits = load_digits()
images = (digits.data / 16.0).astype(np.float32).reshape(-1, 8, 8, 1)
labels = np.eye(10, dtype=np.float32)[digits.target]
train_x, test_x = images[:1500], images[1500:]
train_y, test_y = labels[:1500], labels[1500:]


def weight_variable(shape):
    initial = tf.truncated_normal(shape, stddev=0.1)
    return tf.Variable(initial)


def bias_variable(shape):
    initial = tf.constant(0.1, shape=shape)
    return tf.Variable(initial)


def conv2d(x, W):
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding="SAME")


def max_pool_2x2(x):
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


tf.set_random_seed(0)
x = tf.placeholder(tf.float32, shape=[None, 8, 8, 1])
y_ = tf.placeholder(tf.float32, shape=[None, 10])
keep_prob = tf.placeholder(tf.float32)

W_conv1 = weight_variable([3, 3, 1, 8])
b_conv1 = bias_variable([8])
h_conv1 = tf.nn.relu(conv2d(x, W_conv1) + b_conv1)
h_pool1 = max_pool_2x2(h_conv1)                       # 4x4x8

W_conv2 = weight_variable([3, 3, 8, 16])
b_conv2 = bias_variable([16])
h_conv2 = tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2)
h_pool2 = max_pool_2x2(h_conv2)                       # 2x2x16

W_fc1 = weight_variable([2 * 2 * 16, 64])
b_fc1 = bias_variable([64])
h_pool2_flat = tf.reshape(h_pool2, [-1, 2 * 2 * 16])
h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1)
h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)

W_fc2 = weight_variable([64, 10])
b_fc2 = bias_variable([10])
y_conv = tf.matmul(h_fc1_drop, W_fc2) + b_fc2

cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=y_conv))
train_step = tf.train.AdamOptimizer(1e-3).minimize(cross_entropy)
correct_prediction = tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    rng = np.random.RandomState(0)
    for i in range(300):
        idx = rng.randint(0, len(train_x), 50)
        if i % 100 == 0:
            train_accuracy = accuracy.eval(feed_dict={x: train_x[idx], y_: train_y[idx], keep_prob: 1.0})
            print("step %d, training accuracy %g" % (i, train_accuracy))
        train_step.run(feed_dict={x: train_x[idx], y_: train_y[idx], keep_prob: 0.5})
    print("test accuracy %g" % accuracy.eval(feed_dict={x: test_x, y_: test_y, keep_prob: 1.0}))
