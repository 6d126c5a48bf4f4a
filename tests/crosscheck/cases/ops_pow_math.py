"""pow and elementwise math: pow with float/int/complex, 0**0, negative base with fractional
exponent (nan), ** operator with Python scalars on either side, pow gradients (incl. at x=0),
exp/log/log of 0, sqrt of negative, expm1, sin/cos/tan/asin/acos/atan/atan2, sinh/cosh/
asinh/acosh/atanh, floor/ceil/round (banker's), rint, is_nan/is_inf/is_finite, erf/erfc, lgamma,
digamma, sigmoid of extremes. Values (nan/inf as strings), dtypes, op types."""
import numpy as np


def _s(v):
    return [str(float(x)) if not np.isfinite(x) else round(float(x), 5) for x in np.ravel(v)]


def case(tf):
    x = tf.constant([0.0, 0.5, 2.0, -2.0, -0.5])
    exprs = {
        "pow_half": tf.pow(x, 0.5), "pow_2": x ** 2, "rpow": 2.0 ** x, "pow_0": tf.pow(x, 0.0),
        "pow_int_neg_exp": tf.pow(tf.constant([2.0, 4.0]), -1), "pow_neg_frac": tf.pow(tf.constant(-8.0), 1.0 / 3),
        "exp": tf.exp(x), "log": tf.log(x), "sqrt": tf.sqrt(x), "expm1": tf.expm1(x), "log1p": tf.log1p(x),
        "sin": tf.sin(x), "cos": tf.cos(x), "tan": tf.tan(x), "asin": tf.asin(x), "acos": tf.acos(x),
        "atan": tf.atan(x), "atan2": tf.atan2(x, tf.constant([1.0, -1.0, 0.0, -1.0, 0.0])),
        "sinh": tf.sinh(x), "cosh": tf.cosh(x), "asinh": tf.asinh(x), "acosh": tf.acosh(x + 2.0),
        "atanh": tf.atanh(x), "floor": tf.floor(x * 1.5), "ceil": tf.ceil(x * 1.5),
        "round": tf.round(tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, 2.4])),
        "rint": tf.rint(tf.constant([0.5, 1.5, 2.5, -0.5, -2.6])),
        "erf": tf.math.erf(x), "erfc": tf.math.erfc(x), "lgamma": tf.lgamma(x + 3.0),
        "digamma": tf.digamma(x + 3.0), "sigmoid_ext": tf.sigmoid(tf.constant([-100.0, 100.0, 0.0])),
        "log_sigmoid_ext": tf.log_sigmoid(tf.constant([-100.0, 100.0])),
        "softplus_ext": tf.nn.softplus(tf.constant([-100.0, 100.0])),
        "square": tf.square(x), "rsqrt": tf.rsqrt(x), "reciprocal": tf.math.reciprocal(x),
        "xlogy": tf.math.xlogy(tf.constant([0.0, 1.0]), tf.constant([0.0, 2.0])),
        "xdivy": tf.math.xdivy(tf.constant([0.0, 1.0]), tf.constant([0.0, 2.0])),
    }
    obs = {"vals": {}, "types": {k: e.op.type for k, e in exprs.items()}}
    bools = {"isnan": tf.is_nan(tf.log(x)), "isinf": tf.is_inf(tf.log(x)), "isfinite": tf.is_finite(tf.log(x))}
    ints = {"pow_ii": tf.pow(tf.constant([2, 3]), 2), "pow_ii_op": tf.constant([2, 3]) ** tf.constant([0, 3]),
            "rpow_int": 2 ** tf.constant([1, 4])}
    cpx = tf.pow(tf.constant([1 + 1j, 2j], tf.complex64), tf.constant([2 + 0j, 2 + 0j], tf.complex64))
    gx = tf.constant([0.0, 1.0, 2.0, 3.0])
    grads = {"g_pow2": tf.gradients(tf.pow(gx, 2.0), gx)[0],
             "g_pow_half": tf.gradients(tf.pow(gx, 0.5), gx)[0],
             "g_pow_y": tf.gradients(tf.pow(gx, tf.constant(2.0)), [])
             if False else tf.gradients(tf.reduce_sum(tf.pow(gx, tf.constant(2.0))), gx)[0]}
    ey = tf.constant(2.0)
    grads["g_exp_wrt_y"] = tf.gradients(tf.reduce_sum(tf.pow(gx, ey)), ey)[0]
    obs["dtypes"] = {k: e.dtype.name for k, e in {**exprs, **ints, **bools}.items()}
    obs["grad_types"] = {k: g.op.type for k, g in grads.items()}
    with tf.Session() as sess:
        vals = sess.run(exprs)
        obs["vals"] = {k: _s(v) for k, v in vals.items()}
        obs["bools"] = {k: v.tolist() for k, v in sess.run(bools).items()}
        obs["ints"] = {k: v.tolist() for k, v in sess.run(ints).items()}
        c = sess.run(cpx)
        obs["cpx"] = [np.real(c).tolist(), np.imag(c).tolist(), cpx.dtype.name]
        obs["grads"] = {k: _s(v) for k, v in sess.run(grads).items()}
    return obs
