"""tf.math special functions at their edges and in float64: igamma/igammac (a <= 0, x < 0,
x = 0, large a ~ x), betainc (x at 0/1, a or b <= 0, large a, b), Hurwitz zeta (s = 1, s < 1,
q a non-positive integer, negative non-integer q), polygamma (n = 0, negative x, fractional n),
scaled Bessel i0e/i1e for large |x| and their unscaled forms, erfinv near +-1 and outside,
ndtri in the far tail (float64 1e-300), lbeta of an empty axis, and a few gradients
(igamma in x, zeta in q, polygamma in x, i0e, i1e at 0, erfinv, ndtri). NaN/inf as strings."""
import numpy as np


def _s(v):
    return [str(float(x)) if not np.isfinite(x) else float(x) for x in np.ravel(v)]


def case(tf):
    m = tf.math
    f32 = lambda v: tf.constant(v, tf.float32)  # noqa: E731
    f64 = lambda v: tf.constant(v, tf.float64)  # noqa: E731
    exprs = {
        "igamma": m.igamma(f32([0.5, 1.0, 2.5, 0.0, -1.0, 3.0, 1e-3, 100.0, 5.0]),
                           f32([0.5, 0.0, 30.0, 1.0, 1.0, -1.0, 1e-3, 99.0, np.inf])),
        "igammac": m.igammac(f32([0.5, 1.0, 2.5, 7.0]), f32([0.5, 0.0, 30.0, 2.0])),
        "igamma64": m.igamma(f64([0.5, 2.5, 100.0, 40.0]), f64([0.5, 30.0, 99.0, 45.5])),
        "betainc": m.betainc(f32([0.5, 2.0, 1.0, 0.0, -1.0, 50.0, 3.0, 2.0]),
                             f32([0.5, 3.0, 1.0, 1.0, 1.0, 40.0, 3.0, 2.0]),
                             f32([0.2, 0.5, 1.0, 0.3, 0.3, 0.55, 0.0, 1.5])),
        "betainc64": m.betainc(f64([0.1, 7.5]), f64([0.2, 2.5]), f64([0.999, 0.9])),
        "zeta": m.zeta(f32([2.0, 1.0, 0.5, 3.0, 2.0, 2.0, 4.0, 1.5]), f32([1.0, 1.0, 1.0, 0.5, -1.0, -1.5, 10.0, 2.0])),
        "zeta64": m.zeta(f64([2.0, 6.5]), f64([1.0, 0.25])),
        "polygamma": m.polygamma(f32([0.0, 1.0, 2.0, 3.0, 1.5, -1.0, 4.0]), f32([0.5, 0.5, 2.0, -0.5, 1.0, 1.0, 7.5])),
        "i0e": m.bessel_i0e(f32([0.0, 0.5, -2.0, 10.0, 100.0, 1e4, 1e6])),
        "i1e": m.bessel_i1e(f32([0.0, 0.5, -2.0, 10.0, 100.0, 1e4, 1e6])),
        "i0e64": m.bessel_i0e(f64([3.7, -25.0, 700.0])), "i1e64": m.bessel_i1e(f64([3.7, -25.0, 700.0])),
        "i0": m.bessel_i0(f32([0.0, 0.5, -2.0, 10.0])), "i1": m.bessel_i1(f32([0.0, 0.5, -2.0, 10.0])),
        "erfinv": m.erfinv(f32([-1.0, -0.999, -0.5, 0.0, 1e-8, 0.7, 1.0, 1.5])),
        "erfinv64": m.erfinv(f64([1e-12, 0.999999, -0.3])),
        "ndtri": m.ndtri(f32([0.0, 1e-30, 1e-5, 0.3, 0.5, 0.9, 1.0, 1.2])),
        "ndtri64": m.ndtri(f64([1e-300, 1e-5, 0.3, 1 - 1e-12])),
        "lbeta": m.lbeta(f32([[1.0, 2.0], [3.0, 4.0]])), "lbeta_empty": m.lbeta(tf.zeros([2, 0])),
        "lbeta_3": m.lbeta(f32([0.5, 1.5, 2.5])),
    }
    x = f32([0.5, 1.5, 3.0])
    grads = {
        "g_igamma": tf.gradients(m.igamma(f32(2.0), x), x)[0],
        "g_igammac": tf.gradients(m.igammac(f32(2.0), x), x)[0],
        "g_zeta": tf.gradients(m.zeta(f32(3.0), x), x)[0],
        "g_polygamma": tf.gradients(m.polygamma(f32(1.0), x), x)[0],
        "g_i0e": tf.gradients(m.bessel_i0e(x - 1.5), x)[0],
        "g_i1e": tf.gradients(m.bessel_i1e(x - 1.5), x)[0],
        "g_erfinv": tf.gradients(m.erfinv(x / 4.0), x)[0],
        "g_ndtri": tf.gradients(m.ndtri(x / 4.0), x)[0],
        "g_betainc_x": tf.gradients(m.betainc(f32(2.0), f32(3.0), x / 4.0), x)[0],
        "g_lbeta": tf.gradients(m.lbeta(x), x)[0],
    }
    obs = {"dtypes": {k: [e.dtype.name, str(e.shape)] for k, e in exprs.items()}}
    with tf.Session() as sess:
        obs["vals"] = {k: _s(v) for k, v in sess.run(exprs).items()}
        obs["grads"] = {k: _s(v) for k, v in sess.run(grads).items()}
    obs["_tol"] = 2e-4
    return obs
