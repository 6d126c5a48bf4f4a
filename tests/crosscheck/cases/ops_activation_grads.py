"""Gradients of activations via tf.gradients, at points including 0 and the relu6 kink at 6:
relu, relu6, elu, selu, leaky_relu, softplus, softsign, swish, sigmoid, tanh. Pins gradient values
and the op types of the gradient ops (ReluGrad, Relu6Grad, EluGrad, ...)."""
import numpy as np


def case(tf):
    x = tf.constant(np.array([-2.0, -0.5, 0.0, 0.5, 6.0, 8.0], np.float32))
    fns = {
        "relu": tf.nn.relu, "relu6": tf.nn.relu6, "elu": tf.nn.elu, "selu": tf.nn.selu,
        "leaky": lambda t: tf.nn.leaky_relu(t, alpha=0.1), "softplus": tf.nn.softplus,
        "softsign": tf.nn.softsign, "swish": tf.nn.swish, "sigmoid": tf.sigmoid, "tanh": tf.tanh,
    }
    grads, obs = {}, {"grad_op_types": {}}
    for k, fn in fns.items():
        y = fn(x)
        g = tf.gradients(y * tf.constant([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), x)[0]
        grads[k] = g
        obs["grad_op_types"][k] = g.op.type
    b = tf.constant(1.5)
    ys = tf.nn.swish(x, beta=b)
    gx, gb = tf.gradients(tf.reduce_sum(ys * tf.constant([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])), [x, b])
    grads["swish_beta_x"], grads["swish_beta_b"] = gx, gb
    obs["swish_beta_second_order"] = tf.gradients(gx, x)[0] is not None
    obs["swish_names"] = [ys.name, ys.op.type, len(ys.op.inputs)]
    with tf.Session() as sess:
        vals = sess.run(grads)
    obs["grads"] = {k: v.tolist() for k, v in vals.items()}
    # float32 cancellation in 1 - sigmoid(12) makes the beta gradient agree to ~1e-4 only
    obs["grads"]["swish_beta_b"] = round(obs["grads"]["swish_beta_b"], 3)
    return obs
