"""A GAN on 1-D Gaussian data: two optimizers, a discriminator scope shared with AUTO_REUSE."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.random.seed(3)
MU, SIGMA, BATCH = 4.0, 0.5, 64


def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 16, activation=tf.nn.relu, name="h0")
        return tf.layers.dense(h, 1, name="out")


def discriminator(x):
    with tf.variable_scope("discriminator", reuse=tf.AUTO_REUSE):
        w0 = tf.get_variable("w0", [1, 16], initializer=tf.random_normal_initializer(stddev=0.5))
        b0 = tf.get_variable("b0", [16], initializer=tf.zeros_initializer())
        h = tf.nn.relu(tf.matmul(x, w0) + b0)
        w1 = tf.get_variable("w1", [16, 1], initializer=tf.random_normal_initializer(stddev=0.5))
        b1 = tf.get_variable("b1", [1], initializer=tf.zeros_initializer())
        return tf.matmul(h, w1) + b1


z = tf.placeholder(tf.float32, [None, 1], name="z")
x = tf.placeholder(tf.float32, [None, 1], name="x")
g = generator(z)
d_real = discriminator(x)
d_fake = discriminator(g)

d_loss = tf.reduce_mean(
    tf.nn.sigmoid_cross_entropy_with_logits(logits=d_real, labels=tf.ones_like(d_real))
    + tf.nn.sigmoid_cross_entropy_with_logits(logits=d_fake, labels=tf.zeros_like(d_fake)))
g_loss = tf.reduce_mean(
    tf.nn.sigmoid_cross_entropy_with_logits(logits=d_fake, labels=tf.ones_like(d_fake)))

g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="discriminator")
print("generator variables:", [v.name for v in g_vars])
print("discriminator variables:", [v.name for v in d_vars])
assert len(d_vars) == 4, d_vars

d_train = tf.train.AdamOptimizer(1e-2, beta1=0.5).minimize(d_loss, var_list=d_vars)
g_train = tf.train.AdamOptimizer(1e-2, beta1=0.5).minimize(g_loss, var_list=g_vars)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(1500):
        real = np.random.normal(MU, SIGMA, (BATCH, 1)).astype(np.float32)
        noise = np.random.uniform(-1.0, 1.0, (BATCH, 1)).astype(np.float32)
        dl, _ = sess.run([d_loss, d_train], {x: real, z: noise})
        gl, _ = sess.run([g_loss, g_train], {z: noise})
        if step % 500 == 0:
            print("step %d d_loss %.4f g_loss %.4f" % (step, dl, gl))
    samples = sess.run(g, {z: np.random.uniform(-1.0, 1.0, (2000, 1)).astype(np.float32)})
    print("generated mean %.4f std %.4f" % (samples.mean(), samples.std()))
