"""Segment ops: segment_sum/mean/max/min/prod on sorted ids with gaps (empty segments get 0 or
the dtype's lowest/highest), unsorted_segment_sum/max/min/prod/mean/sqrt_n with num_segments,
negative ids dropped, multi-dim data and ids, int dtypes, static shapes (unknown for sorted),
gradients (incl. max ties), op types; unsorted run-time id out of range errors."""
import numpy as np


def case(tf):
    data = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, -8.0], [0.5, 0.5]])
    ids = tf.constant([0, 0, 2, 2, 3])
    uids = tf.constant([2, -1, 0, 2, 0])
    exprs = {
        "ssum": tf.math.segment_sum(data, ids), "smean": tf.math.segment_mean(data, ids),
        "smax": tf.math.segment_max(data, ids), "smin": tf.math.segment_min(data, ids),
        "sprod": tf.math.segment_prod(data, ids), "ssum_int": tf.segment_sum(tf.constant([1, 2, 3]), [0, 1, 1]),
        "smax_int": tf.segment_max(tf.constant([1, 2, 3]), [0, 2, 2]),
        "usum": tf.math.unsorted_segment_sum(data, uids, 4), "umax": tf.math.unsorted_segment_max(data, uids, 4),
        "umin": tf.math.unsorted_segment_min(data, uids, 3), "uprod": tf.math.unsorted_segment_prod(data, uids, 3),
        "umean": tf.math.unsorted_segment_mean(data, uids, 4), "usqrt": tf.math.unsorted_segment_sqrt_n(data, uids, 4),
        "umax_int": tf.unsorted_segment_max(tf.constant([1, 5, 3]), [0, 0, 2], 3),
        "u2d": tf.math.unsorted_segment_sum(tf.constant([[1, 2], [3, 4]]), tf.constant([[0, 1], [1, 1]]), 2),
        "usum_tensor_n": tf.math.unsorted_segment_sum(data, uids, tf.constant(3)),
    }
    obs = {"shapes": {k: str(e.shape) for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()},
           "names": {k: e.name for k, e in exprs.items()},
           "dtypes": {k: e.dtype.name for k, e in exprs.items()}}
    obs["ph"] = [str(tf.math.unsorted_segment_sum(tf.placeholder(tf.float32, [None, 3]),
                                                  tf.placeholder(tf.int32, [None]), 5).shape),
                 str(tf.math.segment_sum(tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.int32, [None])).shape),
                 str(tf.math.unsorted_segment_sum(data, uids, tf.placeholder(tf.int32, [])).shape)]
    gs = {k: tf.gradients(tf.reduce_sum(exprs[k] * exprs[k]), data)[0] for k in
          ("ssum", "smean", "smax", "smin", "sprod", "usum", "umax", "umean", "usqrt", "uprod")}
    with tf.Session() as sess:
        obs["vals"] = {k: np.round(v.astype(np.float64), 5).tolist() for k, v in sess.run(exprs).items()}
        obs["grads"] = {k: np.round(v.astype(np.float64), 5).tolist() for k, v in sess.run(gs).items()}
        for k, t in (("u_oob", tf.math.unsorted_segment_sum(data, [0, 1, 5, 0, 0], 3)),
                     ("s_unsorted", tf.math.segment_sum(data, [1, 0, 0, 2, 2])),
                     ("s_neg", tf.math.segment_sum(data, [-1, 0, 0, 1, 1]))):
            try:
                obs["run_" + k] = sess.run(t).tolist()
            except Exception as e:
                obs["run_" + k] = type(e).__name__
    for k, fn in (("len_mismatch", lambda: tf.math.segment_sum(data, [0, 1])),
                  ("float_ids", lambda: tf.math.segment_sum(data, [0.0, 1.0, 1.0, 2.0, 2.0])),
                  ("u_len_mismatch", lambda: tf.math.unsorted_segment_sum(data, [0, 1], 3))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
