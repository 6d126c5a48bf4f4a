"""Layers resolve Keras names: activation='relu'/'tanh'/'softmax'/'linear'/... (op names),
kernel_initializer='zeros'/'ones'/'random_normal'/'he_uniform'/... (value statistics: Keras'
random defaults are ±0.05), kernel_regularizer='l2' (0.01 * sum(w²)); unknown names raise."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 400])
    acts = ["relu", "sigmoid", "tanh", "softmax", "elu", "selu", "softplus", "softsign",
            "linear", "exponential", "relu6"]
    obs = {"act_names": {a: tf.layers.dense(x, 2, activation=a, name="a_" + a).name
                         for a in acts}}
    inits = ["zeros", "ones", "random_normal", "random_uniform", "truncated_normal",
             "glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal",
             "lecun_uniform", "orthogonal", "variance_scaling", "Zeros", "GlorotUniform"]
    kernels = {}
    for name in inits:
        layer = tf.layers.Dense(300, kernel_initializer=name, bias_initializer="ones",
                                name="i_" + name)
        layer(x)
        kernels[name] = layer.kernel
    reg_layer = tf.layers.Dense(2, kernel_initializer="ones", kernel_regularizer="l2",
                                bias_regularizer="l1", name="reg")
    reg_layer(x)
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run(kernels)
        obs["reg_values"] = [float(v) for v in sess.run(losses)]
    # in hundredths, rounded: robust to the draw, far apart for Keras' and TF's defaults
    obs["kernel_stats"] = {k: [int(round(100 * float(v.mean()))), int(round(100 * float(v.std()))),
                               int(round(100 * float(np.abs(v).max()))) if "uniform" in k else 0]
                           for k, v in vals.items()}
    obs["n_reg"] = len(losses)
    for key, kwargs in (("bad_act", {"activation": "nope"}),
                        ("bad_init", {"kernel_initializer": "nope"}),
                        ("bad_reg", {"kernel_regularizer": "nope"})):
        try:
            tf.layers.dense(x, 2, **kwargs)
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    obs["_tol"] = 0.02
    return obs
