"""range (start/limit/delta, negative delta, float, dtype arg, empty, int64 promotion), linspace
(num=1, float64, int inputs error), top_k (sorted, ties keep lower index, k > n error, k tensor),
sort/argsort (DESCENDING, stable, axis), unique / unique_with_counts (out_idx int64),
boolean_mask (axis, 2-D mask, placeholders), sequence_mask (maxlen, dtype, 2-D lengths);
values, dtypes, static shapes, op types and names."""
import numpy as np


def case(tf):
    v = tf.constant([[3.0, 1.0, 3.0, 2.0], [0.0, -1.0, 5.0, 5.0]])
    tk = tf.nn.top_k(v, 2)
    tk1 = tf.math.top_k(tf.constant([1, 3, 3, 2]), k=3, sorted=True)
    un = tf.unique(tf.constant([4, 1, 4, 2, 1]))
    un64 = tf.unique(tf.constant([4.0, 1.0, 4.0]), out_idx=tf.int64)
    uwc = tf.unique_with_counts(tf.constant([4, 1, 4, 2, 1]))
    exprs = {
        "r1": tf.range(5), "r2": tf.range(2, 11, 3), "r_neg": tf.range(10, 2, -3), "r_float": tf.range(0.5, 2.0, 0.5),
        "r_dtype": tf.range(4, dtype=tf.float32), "r_empty": tf.range(2, 2), "r_mixed": tf.range(0, 2.5),
        "r_i64": tf.range(tf.constant(3, tf.int64)), "r_limit_kw": tf.range(1, limit=4),
        "ls": tf.linspace(0.0, 1.0, 7), "ls1": tf.linspace(2.0, 3.0, 1), "ls_neg": tf.linspace(-3.3, 7.1, 13), "ls64": tf.lin_space(tf.constant(0.0, tf.float64), 1.0, 3),
        "tk_vals": tk.values, "tk_idx": tk.indices, "tk1_vals": tk1[0], "tk1_idx": tk1[1],
        "sort": tf.sort(v), "sort_desc": tf.sort(v, direction="DESCENDING"), "sort_ax0": tf.sort(v, axis=0),
        "argsort": tf.argsort(v), "argsort_desc": tf.argsort(v, direction="DESCENDING", stable=True),
        "un_y": un.y, "un_idx": un.idx, "un64_idx": un64[1], "uwc_count": uwc.count,
        "bm": tf.boolean_mask(v, tf.constant([[True, False, True, False], [False, False, True, True]])),
        "bm_rows": tf.boolean_mask(v, [False, True]), "bm_axis1": tf.boolean_mask(v, [True, False, False, True], axis=1),
        "sm": tf.sequence_mask([1, 3, 0], 4), "sm_nomax": tf.sequence_mask([1, 3, 2]),
        "sm_dtype": tf.sequence_mask([2], 3, dtype=tf.float32), "sm_2d": tf.sequence_mask([[1, 2], [0, 3]], 3),
    }
    # linspace's graph (TF builds ~70 ops ending in a Slice) is left out of names and types
    obs = {"shapes": {k: str(e.shape) for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items() if not k.startswith("ls")},
           "names": {k: e.name for k, e in exprs.items() if not k.startswith("ls")},
           "dtypes": {k: e.dtype.name for k, e in exprs.items()}}
    p = tf.placeholder(tf.float32, [None, 4])
    obs["ph"] = [str(tf.nn.top_k(p, 3).values.shape), str(tf.sort(p).shape),
                 str(tf.boolean_mask(p, tf.placeholder(tf.bool, [None])).shape),
                 str(tf.boolean_mask(p, tf.placeholder(tf.bool, [None, 4])).shape),
                 str(tf.sequence_mask(tf.placeholder(tf.int32, [None]), 5).shape),
                 str(tf.sequence_mask(tf.placeholder(tf.int32, [3])).shape),
                 str(tf.range(tf.placeholder(tf.int32, [])).shape),
                 str(tf.nn.top_k(p, tf.placeholder(tf.int32, [])).values.shape),
                 str(tf.unique(tf.placeholder(tf.int32, [None])).y.shape)]
    g = tf.gradients(tf.reduce_sum(tk.values * [[1.0, 2.0], [3.0, 4.0]]), v)[0]
    gm = tf.gradients(tf.reduce_sum(exprs["bm"] * 2.0), v)[0]
    obs["grad_dense"] = isinstance(gm, tf.Tensor)
    with tf.Session() as sess:
        obs["vals"] = {k: np.round(x, 5).tolist() if x.dtype != bool else x.tolist()
                       for k, x in sess.run(exprs).items()}
        obs["grads"] = [sess.run(g).tolist(), sess.run(tf.convert_to_tensor(gm)).tolist()]
        try:
            sess.run(tf.nn.top_k(p, 5), {p: np.ones((2, 4))})
        except Exception as e:
            obs["run_topk_big"] = type(e).__name__
    for k, fn in (("topk_big", lambda: tf.nn.top_k(v, 5)), ("ls_int", lambda: tf.linspace(0, 1, 3)),
                  ("range_zero_delta", lambda: tf.range(0, 5, 0)), ("range_backwards", lambda: tf.range(5, 2)), ("sort_bad_dir", lambda: tf.sort(v, direction="UP")),
                  ("bm_scalar", lambda: tf.boolean_mask(v, True)), ("bm_shape", lambda: tf.boolean_mask(v, [True])),
                  ("unique_2d", lambda: tf.unique(v)), ("topk_neg", lambda: tf.nn.top_k(v, -1))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
