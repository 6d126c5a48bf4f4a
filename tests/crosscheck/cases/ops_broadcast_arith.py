"""Broadcasting arithmetic: add/sub/mul/div/maximum/minimum/squared_difference between shapes
[2,1,3] and [4,1] and scalars; op types and default names (add, add_1, mul, truediv, Maximum,
SquaredDifference); static shapes with unknown dims; incompatible shapes errors; gradients reduced
back to each input's shape, incl. a scalar and a placeholder with unknown dims."""
import numpy as np


def case(tf):
    av = np.arange(6, dtype=np.float32).reshape(2, 1, 3) - 2.0
    bv = np.array([[1.0], [2.0], [-1.0], [0.5]], np.float32)
    a, b = tf.constant(av), tf.constant(bv)
    s = tf.constant(3.0)
    exprs = {
        "add": a + b, "add_fn": tf.add(a, b), "sub": a - b, "mul": a * b, "div": a / b,
        "rsub": 2.0 - a, "rdiv": 1.0 / b, "neg": -a, "radd": 1 + a,
        "max": tf.maximum(a, b), "min": tf.minimum(a, s), "sqd": tf.squared_difference(a, b),
        "addv2_scalar": a + s, "divide": tf.divide(a, b), "realdiv": tf.realdiv(a, b),
        "multiply": tf.multiply(a, 2), "subtract": tf.subtract(b, 1), "abs": tf.abs(a),
        "square": tf.square(a), "sqrt": tf.sqrt(tf.abs(b)), "rsqrt": tf.rsqrt(tf.abs(b)),
        "recip": tf.reciprocal(b), "sign": tf.sign(a), "exp": tf.exp(b), "log1p": tf.log1p(tf.abs(b)),
        "add_n": tf.add_n([a, a, a]), "scalar_mul": tf.scalar_mul(2.0, a),
        "div_no_nan": tf.div_no_nan(a, tf.constant([[0.0], [2.0], [0.0], [1.0]])),
    }
    obs = {"names": {k: e.name for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()},
           "shapes": {k: e.shape.as_list() for k, e in exprs.items()}}
    p = tf.placeholder(tf.float32, [None, 1, 3])
    q = tf.placeholder(tf.float32, [5, None])
    obs["ph_shapes"] = [str((p + q).shape), str((p * b).shape), str((p - tf.placeholder(tf.float32)).shape),
                        str(tf.maximum(p, tf.placeholder(tf.float32, [None])).shape)]
    gs = {}
    for k in ("add", "sub", "mul", "div", "max", "sqd"):
        ga, gb = tf.gradients(tf.reduce_sum(exprs[k] * exprs[k]), [a, b])
        gs[k + "_a"], gs[k + "_b"] = ga, gb
    gs["min_s"] = tf.gradients(tf.reduce_sum(exprs["min"]), s)[0]
    gs["scalar_a"] = tf.gradients(tf.reduce_sum(exprs["addv2_scalar"]), s)[0]
    obs["grad_shapes"] = {k: g.shape.as_list() for k, g in gs.items()}
    obs["grad_types"] = {k: [g.op.type, g.name] for k, g in gs.items()}
    gp = tf.gradients(tf.reduce_sum(p * q), [p, q])
    obs["ph_grad_shapes"] = [str(g.shape) for g in gp]
    with tf.Session() as sess:
        vals = sess.run(exprs)
        gvals = sess.run(gs)
        pv = sess.run(gp, {p: np.ones((5, 1, 3), np.float32), q: np.ones((5, 3), np.float32) * 2})
    obs["vals"] = {k: v.tolist() for k, v in vals.items()}
    obs["grads"] = {k: v.tolist() for k, v in gvals.items()}
    obs["ph_grads"] = [v.tolist() for v in pv]
    for k, fn in (("incompat", lambda: a + tf.constant(np.ones((3, 2), np.float32))),
                  ("incompat_run", None)):
        if fn is None:
            try:
                with tf.Session() as sess:
                    sess.run(p + q, {p: np.ones((5, 1, 3), np.float32), q: np.ones((5, 4), np.float32)})
                obs["err_" + k] = "ok"
            except Exception as e:
                obs["err_" + k] = type(e).__name__
            continue
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
