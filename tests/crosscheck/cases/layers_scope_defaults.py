"""Layers inherit variable_scope defaults: a scope initializer fills the kernel (bias keeps
zeros), a scope regularizer applies to layer weights without their own, a custom_getter sees
the layer's variables (names, shapes, trainable flags), and a scope dtype does not override
the inputs' dtype."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    seen = []

    def getter(next_getter, name, *args, **kwargs):
        seen.append((name, list(kwargs.get("shape") or []), kwargs.get("trainable")))
        return next_getter(name, *args, **kwargs)

    with tf.variable_scope("init", initializer=tf.constant_initializer(3.0)):
        y1 = tf.layers.dense(x, 2)
    with tf.variable_scope("reg", regularizer=lambda t: tf.reduce_sum(t, name="scope_reg")):
        y2 = tf.layers.dense(x, 2, kernel_regularizer=lambda t: tf.reduce_max(t, name="own"))
        tf.layers.conv1d(tf.placeholder(tf.float32, [None, 4, 3]), 2, 1)
    with tf.variable_scope("get", custom_getter=getter):
        tf.layers.dense(x, 4, trainable=False)
        tf.layers.Dense(1)(x)
    obs = {
        "reg_losses": [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)],
        "seen": seen,
        "outs": [y1.name, y2.name],
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["y1"] = sess.run(y1, {x: np.ones((1, 3), np.float32)}).tolist()
    return obs
