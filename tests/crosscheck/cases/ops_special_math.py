"""tf.math special and misc functions: lbeta, polyval, bessel_i0e/i1e, igamma/igammac, betainc,
zeta, polygamma, softplus/log_softmax aliases, math.log_softmax, math.softmax, ndtri/erfinv,
truediv on ints, math.divide_no_nan, math.multiply_no_nan, math.nextafter, math.sign of ints and
of nan, math.floormod alias, math.logical_xor, math.equal with broadcasting, math.in_top_k,
math.confusion_matrix, math.bincount, math.count_nonzero on bools; values and dtypes."""
import numpy as np


def _s(v):
    return [str(float(x)) if not np.isfinite(x) else round(float(x), 5) for x in np.ravel(v)]


def case(tf):
    m = tf.math
    x = tf.constant([0.5, 1.0, 2.5])
    obs = {"vals": {}, "dtypes": {}, "errs": {}}
    builders = {
        "lbeta": lambda: m.lbeta(tf.constant([[1.0, 2.0], [3.0, 4.0]])),
        "polyval": lambda: m.polyval([1.0, 2.0, 3.0], x),
        "i0e": lambda: m.bessel_i0e(x), "i1e": lambda: m.bessel_i1e(x),
        "igamma": lambda: m.igamma(x, x), "igammac": lambda: m.igammac(x, x),
        "betainc": lambda: m.betainc(x, x, tf.constant([0.2, 0.5, 0.9])),
        "zeta": lambda: m.zeta(x + 1.5, x), "polygamma": lambda: m.polygamma(tf.constant([1.0, 1.0, 2.0]), x),
        "ndtri": lambda: m.ndtri(tf.constant([0.1, 0.5, 0.9])), "erfinv": lambda: m.erfinv(tf.constant([-0.5, 0.0, 0.5])),
        "log_softmax": lambda: m.log_softmax(x), "softmax": lambda: m.softmax(x),
        "dnn": lambda: m.divide_no_nan(x, tf.constant([0.0, 2.0, 0.0])),
        "mnn": lambda: m.multiply_no_nan(tf.constant([np.inf, 1.0, np.nan]), tf.constant([0.0, 2.0, 0.0])),
        "nextafter": lambda: m.nextafter(tf.constant([1.0], tf.float64), tf.constant([2.0], tf.float64)),
        "sign_int": lambda: m.sign(tf.constant([-3, 0, 2])), "sign_nan": lambda: m.sign(tf.constant([np.nan, -0.0])),
        "lxor": lambda: m.logical_xor(tf.constant([True, False]), tf.constant([True, True])),
        "equal_b": lambda: m.equal(tf.constant([[1], [2]]), tf.constant([1, 2, 3])),
        "cm": lambda: m.confusion_matrix([0, 1, 2, 1], [0, 2, 2, 1]),
        "cm_n": lambda: m.confusion_matrix([0, 1], [1, 1], num_classes=3, weights=[2.0, 3.0]),
        "bincount": lambda: m.bincount(tf.constant([1, 1, 3, 0])),
        "bincount_w": lambda: m.bincount(tf.constant([1, 1, 3]), weights=tf.constant([0.5, 1.0, 2.0]), minlength=5),
        "cnz_bool": lambda: m.count_nonzero(tf.constant([True, False, True])),
        "cnz_str": lambda: m.count_nonzero(tf.constant(["a", "", "b"])),
        "abs_c": lambda: m.abs(tf.constant([3 + 4j], tf.complex64)), "angle": lambda: m.angle(tf.constant([1j], tf.complex64)),
        "real_f": lambda: m.real(x), "conj_f": lambda: m.conj(x), "sqrt_c": lambda: m.sqrt(tf.constant([-4 + 0j], tf.complex128)),
        "cumsum_alias": lambda: m.cumsum(x, reverse=True), "rsqrt": lambda: m.rsqrt(x),
        "log_ndtr": lambda: m.log_ndtr(x) if hasattr(m, "log_ndtr") else tf.constant([0.0]),
        "reduce_lse_alias": lambda: m.reduce_logsumexp(x), "squared_diff": lambda: m.squared_difference(x, 1.0),
        "truediv_int": lambda: m.truediv(tf.constant([3], tf.int64), tf.constant([2], tf.int64)),
        "floordiv_alias": lambda: m.floordiv(tf.constant([-3]), 2), "mod_alias": lambda: m.mod(tf.constant([-3]), 2),
        "is_non_decreasing": lambda: m.is_non_decreasing(tf.constant([1, 2, 2])),
        "is_strictly_increasing": lambda: m.is_strictly_increasing(tf.constant([1, 2, 2])),
        "add_n1": lambda: m.add_n([x]), "accumulate_n": lambda: m.accumulate_n([x, x]),
    }
    fetch = {}
    for k, b in builders.items():
        try:
            t = b()
            fetch[k] = t
            obs["dtypes"][k] = [t.dtype.name, str(t.shape), t.op.type]
        except Exception as e:
            obs["errs"][k] = type(e).__name__
    with tf.Session() as sess:
        for k, t in fetch.items():
            try:
                v = sess.run(t)
                if np.iscomplexobj(v):
                    v = np.concatenate([np.real(v), np.imag(v)])
                obs["vals"][k] = _s(np.asarray(v, dtype=np.float64))
            except Exception as e:
                obs["vals"][k] = type(e).__name__
    obs["_tol"] = 1e-4
    return obs
