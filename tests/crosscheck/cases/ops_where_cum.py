"""where (1-arg coordinates, int64 output, unknown static shape), where v1 with a rank-1 condition
selecting rows, where_v2 broadcasting, errors for mismatched shapes; cumsum/cumprod with
exclusive/reverse/both, axis -1 and 0, int dtypes, gradients; tf.math.cumulative_logsumexp;
op types (Where, Select, SelectV2, Cumsum) and default names."""
import numpy as np


def case(tf):
    c = tf.constant([[True, False, True], [False, False, True]])
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    y = tf.constant([[-1.0, -2.0, -3.0], [-4.0, -5.0, -6.0]])
    exprs = {
        "w1": tf.where(c), "w1_int": tf.where(tf.constant([0, 3, 0, -1])), "w3": tf.where(c, x, y),
        "w_rows": tf.where(tf.constant([True, False]), x, y), "w2_bcast": tf.where_v2(c, x, 0.0),
        "w2_cond_bcast": tf.where_v2(tf.constant([True, False, True]), x, y),
        "w2_1arg": tf.where_v2(c),
        "cs": tf.cumsum(x), "cs_ax1": tf.cumsum(x, axis=1), "cs_ex": tf.cumsum(x, axis=1, exclusive=True),
        "cs_rev": tf.cumsum(x, axis=-1, reverse=True), "cs_both": tf.cumsum(x, 1, exclusive=True, reverse=True),
        "cp": tf.cumprod(x, 1), "cp_ex": tf.cumprod(x, 1, exclusive=True), "cp_rev": tf.cumprod(x, 0, reverse=True),
        "cp_both": tf.cumprod(x, 1, exclusive=True, reverse=True), "cs_int": tf.cumsum(tf.constant([1, 2, 3])),
        "math_cs": tf.math.cumsum(x, axis=1), "clse": tf.math.cumulative_logsumexp(x, axis=1),
    }
    obs = {"shapes": {k: str(e.shape) for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()},
           "names": {k: e.name for k, e in exprs.items()},
           "dtypes": {k: e.dtype.name for k, e in exprs.items()}}
    w = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    gs = {k: tf.gradients(tf.reduce_sum(exprs[k] * w), x)[0] for k in
          ("cs_ax1", "cs_ex", "cs_rev", "cs_both", "cp", "cp_ex", "cp_rev", "w3", "w_rows", "w2_bcast")}
    gs["w3_y"] = tf.gradients(tf.reduce_sum(exprs["w3"] * w), y)[0]
    obs["grad_types"] = {k: g.op.type for k, g in gs.items()}
    with tf.Session() as sess:
        obs["vals"] = {k: np.round(v, 5).tolist() for k, v in sess.run(exprs).items()}
        obs["grads"] = {k: v.tolist() for k, v in sess.run(gs).items()}
    for k, fn in (("w_mismatch", lambda: tf.where(c, x, tf.constant([1.0, 2.0]))),
                  ("w_rows_bad", lambda: tf.where(tf.constant([True, False, True]), x, y)),
                  ("w2_bad", lambda: tf.where_v2(c, x, tf.constant([1.0, 2.0]))),
                  ("w_xy_dtype", lambda: tf.where(c, x, tf.constant([[1, 2, 3], [4, 5, 6]]))),
                  ("w_one_none", lambda: tf.where(c, x)), ("cs_axis_oob", lambda: tf.cumsum(x, 2)),
                  ("cs_bool", lambda: tf.cumsum(c)), ("w_cond_float", lambda: tf.where(x, x, y))):
        try:
            r = fn()
            obs["err_" + k] = ["ok", str(r.shape)]
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
