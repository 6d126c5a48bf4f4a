"""Activations on a fixed input: relu, relu6, elu, selu, leaky_relu (default and custom alpha),
softplus, softsign, crelu (default and axis), swish/silu, gelu (approximate and exact), sigmoid,
tanh, log_sigmoid. Pins values, dtypes, static shapes, op types and default op names."""
import numpy as np


def case(tf):
    xv = np.array([[-3.0, -1.0, -0.5, 0.0], [0.5, 1.0, 3.0, 7.0]], np.float32)
    x = tf.constant(xv)
    exprs = {
        "relu": tf.nn.relu(x), "relu6": tf.nn.relu6(x), "elu": tf.nn.elu(x), "selu": tf.nn.selu(x),
        "leaky": tf.nn.leaky_relu(x), "leaky_03": tf.nn.leaky_relu(x, alpha=0.3),
        "softplus": tf.nn.softplus(x), "softsign": tf.nn.softsign(x), "crelu": tf.nn.crelu(x),
        "crelu_axis0": tf.nn.crelu(x, axis=0), "swish": tf.nn.swish(x), "silu": tf.nn.silu(x),
        "sigmoid": tf.nn.sigmoid(x), "tanh": tf.nn.tanh(x), "log_sigmoid": tf.math.log_sigmoid(x),
        "math_softplus": tf.math.softplus(x),
    }
    try:
        exprs["gelu"] = tf.nn.gelu(x)
        exprs["gelu_approx"] = tf.nn.gelu(x, approximate=True)
    except Exception as e:
        exprs_err = type(e).__name__
    else:
        exprs_err = None
    obs = {"gelu_err": exprs_err}
    obs["op_types"] = {k: e.op.type for k, e in exprs.items()}
    obs["names"] = {k: e.name for k, e in exprs.items()}
    obs["shapes"] = {k: e.shape.as_list() for k, e in exprs.items()}
    obs["dtypes"] = {k: e.dtype.name for k, e in exprs.items()}
    with tf.Session() as sess:
        vals = sess.run(exprs)
    obs["vals"] = {k: v.tolist() for k, v in vals.items()}
    return obs
