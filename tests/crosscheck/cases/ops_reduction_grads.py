"""Gradients of reductions: sum/mean (incl. keepdims, negative axis, reduce over all), max/min
with ties (TF splits equally), prod with zeros, logsumexp, euclidean norm, and of argmax-free
ops; gradient shapes with placeholder unknown dims."""
import numpy as np


def case(tf):
    xv = np.array([[1.0, 3.0, 3.0], [0.0, 2.0, -1.0]], np.float32)
    x = tf.constant(xv)
    w = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    ys = {
        "sum": tf.reduce_sum(x * w), "sum_keep": tf.reduce_sum(tf.reduce_sum(x, 1, keepdims=True) * [[2.0], [3.0]]),
        "mean_ax": tf.reduce_sum(tf.reduce_mean(x, -1) * [1.0, 2.0]), "mean_all": tf.reduce_mean(x),
        "max_ties": tf.reduce_sum(tf.reduce_max(x, 1)), "max_all": tf.reduce_max(x),
        "min": tf.reduce_sum(tf.reduce_min(x, 0)), "prod": tf.reduce_sum(tf.reduce_prod(x, 1)),
        "prod_all": tf.reduce_prod(x + 1.0), "lse": tf.reduce_sum(tf.reduce_logsumexp(x, 1)),
        "enorm": tf.reduce_sum(tf.math.reduce_euclidean_norm(x, 1)),
        "std": tf.reduce_sum(tf.math.reduce_std(x, 0)),
    }
    grads = {k: tf.gradients(y, x)[0] for k, y in ys.items()}
    obs = {"grad_shapes": {k: g.shape.as_list() for k, g in grads.items()}}
    p = tf.placeholder(tf.float32, [None, 3])
    gp = tf.gradients(tf.reduce_mean(tf.reduce_max(p, 1)), p)[0]
    obs["ph_grad_shape"] = str(gp.shape)
    gs = tf.gradients(tf.reduce_sum(p, 0), p)[0]
    obs["ph_sum_grad_shape"] = str(gs.shape)
    with tf.Session() as sess:
        vals = sess.run(grads)
        obs["ph_grad"] = sess.run(gp, {p: xv}).tolist()
    obs["grads"] = {k: v.tolist() for k, v in vals.items()}
    return obs
