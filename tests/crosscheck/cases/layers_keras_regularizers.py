"""tf.keras.regularizers (l1, l2, l1_l2, L1L2) used as layer kernel/bias/activity regularizers
and with get_variable: loss values and names in REGULARIZATION_LOSSES, get_config, and a zero
regularizer."""
import numpy as np


def _regularizers(tf):
    if tf.__name__ != "tensorflow.compat.v1":
        return tf.keras.regularizers
    # TF 2.21's tf.keras is Keras 3; TF1 graph code used the tf.keras bundled with TF.
    from tensorflow.python.keras import regularizers
    return regularizers


def case(tf):
    regs = _regularizers(tf)
    x = tf.placeholder(tf.float32, [None, 2])
    init = tf.constant_initializer([[1.0, -2.0], [0.5, 3.0]])
    y = tf.layers.dense(x, 2, kernel_initializer=init,
                        bias_initializer=tf.constant_initializer(-1.0),
                        kernel_regularizer=regs.l2(0.1), bias_regularizer=regs.l1(0.5),
                        activity_regularizer=regs.l1_l2(l1=0.01, l2=0.02), name="d")
    tf.layers.dense(x, 2, kernel_initializer=init, kernel_regularizer=regs.L1L2(l1=0.0, l2=0.0),
                    name="zero")
    v = tf.get_variable("v", initializer=tf.constant([2.0, -4.0]), regularizer=regs.l1(0.25))
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    obs = {
        "n": len(losses),
        "shapes": [t.shape.as_list() for t in losses],
        "configs": [sorted((k, round(float(val), 6)) for k, val in r.get_config().items())
                    for r in (regs.l2(0.1), regs.l1(0.5), regs.l1_l2(l1=0.01, l2=0.02))],
        "defaults": [sorted((k, round(float(val), 6)) for k, val in r.get_config().items())
                     for r in (regs.l1(), regs.l2(), regs.l1_l2())],
        "v": v.name,
        "y": y.name,
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run(losses, {x: np.array([[1.0, 1.0], [2.0, 0.0]], np.float32)})
    obs["values"] = [float(val) for val in vals]
    obs["_tol"] = 1e-5
    return obs
