"""An input pipeline with tf.data: from_tensor_slices().shuffle().batch().repeat(), one-shot iterator."""
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

digits = load_digits()
features = (digits.data / 16.0).astype(np.float32)
labels = digits.target.astype(np.int64)
train_x, train_y = features[:1500], labels[:1500]
test_x, test_y = features[1500:], labels[1500:]

dataset = tf.data.Dataset.from_tensor_slices((train_x, train_y))
dataset = dataset.shuffle(buffer_size=1500, seed=0).batch(100).repeat(20)
iterator = dataset.make_one_shot_iterator()
images, targets = iterator.get_next()
print("batch shapes:", images.shape, targets.shape)

logits = tf.layers.dense(images, 10, name="softmax")
loss = tf.losses.sparse_softmax_cross_entropy(labels=targets, logits=logits)
global_step = tf.train.get_or_create_global_step()
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss, global_step=global_step)

test_images = tf.constant(test_x)
with tf.variable_scope("", reuse=True):
    test_logits = tf.layers.dense(test_images, 10, name="softmax")
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(test_logits, 1), test_y), tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    batches = 0
    while True:
        try:
            _, l = sess.run([train_op, loss])
            batches += 1
        except tf.errors.OutOfRangeError:
            break
    print("trained on %d batches, final loss %.4f" % (batches, l))
    print("test accuracy %.4f" % sess.run(accuracy))
