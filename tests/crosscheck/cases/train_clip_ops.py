"""clip_by_value (tensor bounds, broadcasting, int dtype, min>max), clip_by_norm (axes, zero tensor,
IndexedSlices), global_norm (None entries, IndexedSlices), clip_by_global_norm (inf/nan norm, names),
clip_by_average_norm; op names and static shapes."""
import numpy as np


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    t = tf.constant([[-3.0, 0.5, 2.0], [4.0, -1.0, 0.0]], name="t")
    cv = tf.clip_by_value(t, -1.0, 1.5)
    cv_t = tf.clip_by_value(t, tf.constant([-1.0, 0.0, -2.0]), tf.constant(1.0))
    cv_int = tf.clip_by_value(tf.constant([1, 5, -3]), 0, 3)
    cv_named = tf.clip_by_value(t, 0.0, 1.0, name="clipv")
    obs["cv_names"] = [cv.name, cv_named.name, cv.op.type, cv_int.dtype.name]
    obs["cv_shape"] = [cv.shape.as_list(), cv_t.shape.as_list()]
    obs["cv_bad_broadcast"] = _err(lambda: tf.clip_by_value(t, tf.constant([1.0, 2.0]), 3.0))
    cn = tf.clip_by_norm(t, 2.0)
    cn_ax0 = tf.clip_by_norm(t, 2.0, axes=0)
    cn_zero = tf.clip_by_norm(tf.zeros([3]), 1.0)
    cn_named = tf.clip_by_norm(t, 2.0, name="cnorm")
    obs["cn_names"] = [cn.name, cn_named.name, cn.op.type]
    params = tf.Variable(np.arange(8, dtype=np.float32).reshape(4, 2), name="params")
    g = tf.gradients(tf.reduce_sum(tf.gather(params, [1, 3]) * 3.0), params)[0]
    cn_sparse = tf.clip_by_norm(g, 1.0)
    obs["cn_sparse_type"] = type(cn_sparse).__name__
    gn = tf.global_norm([t, None, tf.constant([3.0, 4.0])])
    gn_sparse = tf.global_norm([g])
    obs["gn_name"] = [gn.name, gn.shape.as_list()]
    obs["gn_empty"] = _err(lambda: tf.global_norm([]))
    obs["gn_not_list"] = _err(lambda: tf.global_norm(t))
    clipped, norm = tf.clip_by_global_norm([t, None, g], 2.0)
    obs["cg_names"] = [clipped[0].name, norm.name, type(clipped[2]).__name__]
    obs["cg_not_list"] = _err(lambda: tf.clip_by_global_norm(t, 1.0))
    inf_clip, inf_norm = tf.clip_by_global_norm([tf.constant([np.inf, 1.0])], 1.0)
    nan_clip, _ = tf.clip_by_global_norm([tf.constant([np.nan, 1.0])], 1.0)
    can = tf.clip_by_average_norm(t, 0.5)
    obs["can_name"] = can.name
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        r = sess.run({"cv": cv, "cv_t": cv_t, "cv_int": cv_int, "cn": cn, "cn_ax0": cn_ax0,
                      "cn_zero": cn_zero, "gn": gn, "gn_sparse": gn_sparse, "c0": clipped[0],
                      "norm": norm, "inf_norm": inf_norm, "can": can})
        obs.update({k: v.tolist() for k, v in r.items()})
        s = sess.run(cn_sparse)
        obs["cn_sparse"] = [s.values.tolist(), s.indices.tolist()]
        c2 = sess.run(clipped[2])
        obs["c2"] = [c2.values.tolist(), c2.indices.tolist()]
        obs["inf_clip"] = [str(x) for x in sess.run(inf_clip[0]).tolist()]
        obs["nan_clip"] = [str(x) for x in sess.run(nan_clip[0]).tolist()]
        obs["min_gt_max"] = _err(lambda: sess.run(tf.clip_by_value(t, 2.0, 1.0)))
    return obs
