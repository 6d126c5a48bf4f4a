"""Every reduce_*: sum/mean/max/min/prod/logsumexp/any/all/std/variance/euclidean_norm over
None, ints, negative axes, lists, empty list, with keepdims and legacy keep_dims and
reduction_indices; int mean truncation; bool reductions; output dtypes, static shapes (also with
placeholder unknown dims), op types, names; argmax/argmin (output_type, ties, axis default);
count_nonzero; errors for out-of-range axes."""
import numpy as np


def case(tf):
    xv = np.array([[[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]], [[0.5, 0.0, 2.0], [-1.0, 8.0, 1.0]]], np.float32)
    x = tf.constant(xv)
    xi = tf.constant([[3, 4, 5], [7, 1, 2]])
    xb = tf.constant([[True, False, True], [True, True, True]])
    m = tf.math
    exprs = {
        "sum_none": tf.reduce_sum(x), "sum_0": tf.reduce_sum(x, 0), "sum_neg": tf.reduce_sum(x, -1),
        "sum_list": tf.reduce_sum(x, [0, 2]), "sum_empty": tf.reduce_sum(x, []),
        "sum_keep": tf.reduce_sum(x, 1, keepdims=True), "sum_keep_dims": tf.reduce_sum(x, 1, keep_dims=True),
        "sum_ri": tf.reduce_sum(x, reduction_indices=[1]),
        "mean_0": tf.reduce_mean(x, 0), "mean_int": tf.reduce_mean(xi), "mean_int_ax": tf.reduce_mean(xi, 1),
        "max": tf.reduce_max(x, [1, 2]), "min": tf.reduce_min(x, 2, keepdims=True),
        "prod": tf.reduce_prod(x, 0), "prod_int": tf.reduce_prod(xi, 1),
        "lse": tf.reduce_logsumexp(x, 2), "lse_all": tf.reduce_logsumexp(x),
        "lse_keep": tf.reduce_logsumexp(x, [0, 1], keepdims=True),
        "any": tf.reduce_any(xb, 1), "all": tf.reduce_all(xb, 1), "all_none": tf.reduce_all(xb),
        "std": m.reduce_std(x, 1), "var": m.reduce_variance(x, [0, 2]),
        "enorm": m.reduce_euclidean_norm(x, 2),
        "sum_int": tf.reduce_sum(xi, 0), "sum_bool_cast": tf.reduce_sum(tf.cast(xb, tf.int32)),
        "argmax": tf.argmax(x, 2), "argmax_default": tf.argmax(xi), "argmin": tf.argmin(x, 1),
        "argmax_i32": tf.argmax(x, 2, output_type=tf.int32), "argmax_ties": tf.argmax(tf.constant([2, 5, 5, 1])),
        "argmin_ties": tf.argmin(tf.constant([[2, 1, 1], [0, 0, 3]]), axis=1),
        "math_argmax": m.argmax(x, axis=-1), "cnz": tf.count_nonzero(x), "cnz_ax": tf.count_nonzero(x, 1),
        "cnz_keep": tf.count_nonzero(x, [0, 1], keepdims=True, dtype=tf.int32),
        "axis_tensor": tf.reduce_sum(x, tf.constant([0, 1])),
    }
    obs = {"names": {k: e.name for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()},
           "shapes": {k: e.shape.as_list() for k, e in exprs.items()},
           "dtypes": {k: e.dtype.name for k, e in exprs.items()}}
    p = tf.placeholder(tf.float32, [None, 4, None])
    obs["ph"] = {"sum1": str(tf.reduce_sum(p, 1).shape), "keep": str(tf.reduce_max(p, [0, 2], keepdims=True).shape),
                 "none": str(tf.reduce_mean(p).shape), "argmax": str(tf.argmax(p, 2).shape),
                 "axis_ph": str(tf.reduce_sum(p, tf.placeholder(tf.int32, [2])).shape),
                 "axis_ph_keep": str(tf.reduce_sum(p, tf.placeholder(tf.int32), keepdims=True).shape),
                 "unknown_rank": str(tf.reduce_sum(tf.placeholder(tf.float32), 1).shape)}
    with tf.Session() as sess:
        vals = sess.run(exprs)
        try:
            sess.run(tf.reduce_sum(x, tf.placeholder_with_default(tf.constant([5]), [None])))
        except Exception as e:
            obs["run_bad_axis"] = type(e).__name__
    obs["vals"] = {k: v.tolist() for k, v in vals.items()}
    for k, fn in (("axis3", lambda: tf.reduce_sum(x, 3)), ("axis_neg4", lambda: tf.reduce_max(x, -4)),
                  ("argmax_axis", lambda: tf.argmax(x, 5)), ("both_kw", lambda: tf.reduce_sum(x, 0, reduction_indices=0)),
                  ("any_float", lambda: tf.reduce_any(x)), ("float_axis", lambda: tf.reduce_sum(x, 1.0))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
