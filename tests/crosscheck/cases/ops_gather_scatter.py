"""gather with axis and batch_dims (incl. negative), indices of higher rank, gather on
placeholders; gather_nd with batch_dims; scatter_nd (duplicate indices add up, slices);
tensor_scatter_nd_update/add/sub; out-of-range indices at run time; gradient of gather
(IndexedSlices -> dense via convert) and gather_nd; op types and static shapes."""
import numpy as np


def case(tf):
    params = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    obs, fetch = {}, {}
    exprs = {
        "g0": tf.gather(params, [1, 0, 1]), "g_axis1": tf.gather(params, [[0, 2], [1, 1]], axis=1),
        "g_axis_neg": tf.gather(params, [3, 0], axis=-1),
        "g_bd1": tf.gather(params, [[2, 0], [1, 1]], axis=2, batch_dims=1),
        "g_bd1_ax1": tf.gather(params, [[0, 2, 1], [1, 1, 0]], axis=1, batch_dims=1),
        "g_bd_neg": tf.gather(params, [[0], [2]], batch_dims=-1),
        "g_scalar": tf.gather(params, 1, axis=1),
        "gnd": tf.gather_nd(params, [[0, 1], [1, 2]]), "gnd_full": tf.gather_nd(params, [[0, 1, 2], [1, 2, 3]]),
        "gnd_bd": tf.gather_nd(params, [[1], [2]], batch_dims=1),
        "gnd_bd2": tf.gather_nd(params, [[[0, 1]], [[2, 3]]], batch_dims=1),
        "snd": tf.scatter_nd([[0], [2], [0]], [1.0, 2.0, 3.0], [4]),
        "snd_slices": tf.scatter_nd([[1], [3]], [[1, 2], [3, 4]], [4, 2]),
        "tsu": tf.tensor_scatter_nd_update(tf.zeros([3, 2]), [[0, 1], [2, 0]], [5.0, 6.0]),
        "tsa": tf.tensor_scatter_nd_add(tf.ones([3, 2]), [[1], [1]], [[1.0, 2.0], [3.0, 4.0]]),
        "tss": tf.tensor_scatter_nd_sub(tf.ones([3]), [[0], [0]], [1.0, 1.0]),
    }
    obs["shapes"] = {k: e.shape.as_list() for k, e in exprs.items()}
    obs["types"] = {k: e.op.type for k, e in exprs.items()}
    obs["names"] = {k: e.name for k, e in exprs.items()}
    p = tf.placeholder(tf.float32, [None, 5])
    idx = tf.placeholder(tf.int32, [None])
    obs["ph"] = [str(tf.gather(p, idx).shape), str(tf.gather(p, idx, axis=1).shape),
                 str(tf.gather_nd(p, tf.placeholder(tf.int32, [3, 2])).shape),
                 str(tf.gather_nd(p, tf.placeholder(tf.int32, [3, 1])).shape),
                 str(tf.scatter_nd(tf.placeholder(tf.int32, [None, 1]), tf.placeholder(tf.float32, [None]),
                                   tf.placeholder(tf.int32, [1])).shape),
                 str(tf.scatter_nd([[0]], [1.0], tf.constant([6])).shape)]
    g = tf.gradients(tf.reduce_sum(exprs["g_axis1"] * 2.0), params)[0]
    obs["g_grad_type"] = [isinstance(g, tf.IndexedSlices), g.dense_shape.dtype.name if hasattr(g, "dense_shape") else None]
    fetch["g_grad"] = tf.convert_to_tensor(g)
    g0 = tf.gradients(tf.reduce_sum(exprs["g0"]), params)[0]
    obs["g0_grad_type"] = isinstance(g0, tf.IndexedSlices)
    fetch["g0_values"] = g0.values
    fetch["g0_indices"] = g0.indices
    fetch["gnd_grad"] = tf.gradients(tf.reduce_sum(exprs["gnd"] * 3.0), params)[0]
    fetch["gbd_grad"] = tf.gradients(tf.reduce_sum(exprs["g_bd1"]), params)[0]
    upd = tf.constant([1.0, 2.0, 3.0])
    gs = tf.gradients(tf.reduce_sum(tf.scatter_nd([[0], [2], [0]], upd, [4]) * [1.0, 2.0, 3.0, 4.0]), upd)[0]
    fetch["snd_grad"] = gs
    with tf.Session() as sess:
        vals = sess.run(exprs)
        obs["vals"] = {k: v.tolist() for k, v in vals.items()}
        obs["grads"] = {k: v.tolist() for k, v in sess.run(fetch).items()}
        for k, t in (("gather_oob", tf.gather(params, [5])), ("gnd_oob", tf.gather_nd(params, [[3, 0]])),
                     ("snd_oob", tf.scatter_nd([[7]], [1.0], [4])), ("gather_neg", tf.gather(params, [-1]))):
            try:
                obs["run_" + k] = sess.run(t).tolist()
            except Exception as e:
                obs["run_" + k] = type(e).__name__
    for k, fn in (("float_idx", lambda: tf.gather(params, [0.0])),
                  ("gnd_too_deep", lambda: tf.gather_nd(params, [[0, 0, 0, 0]])),
                  ("snd_shape_mis", lambda: tf.scatter_nd([[0], [1]], [1.0, 2.0, 3.0], [4]))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
