"""dynamic_partition / dynamic_stitch (values, static shapes, gradients), batch_gather, repeat,
searchsorted, unravel_index, bitcast and the fixed-width histograms, with their error classes."""
import numpy as np


def _desc(t):
    return [t.op.type, t.dtype.name, t.shape.as_list() if t.shape.ndims is not None else None]


def case(tf):
    obs, outs = {}, {}
    x = tf.constant([10., 20, 30, 40, 50])
    p = tf.placeholder(tf.int32, [None], name="p")
    parts = tf.dynamic_partition(x, [0, 1, 0, 2, 1], 3)
    outs["parts"] = parts
    outs["parts_ph"] = tf.dynamic_partition(tf.reshape(tf.range(8.), [4, 2]), p[:4], 2)
    obs["parts"] = [[t.name] + _desc(t) for t in parts]
    w = tf.constant([[1.], [2.]])
    g = tf.gradients([parts[0] * 2.0, parts[2] * 3.0], x)[0]
    obs["part_grad"] = _desc(g)
    outs["part_grad"] = g
    d1 = tf.constant([1., 2])
    st = tf.dynamic_stitch([tf.constant([0, 2]), tf.constant([1, 3])], [d1, tf.constant([3., 4])])
    obs["stitch"] = [st.name] + _desc(st)
    outs["stitch"] = st
    outs["stitch_grad"] = tf.gradients(st * tf.constant([1., 2, 3, 4]), d1)[0]
    bg = tf.batch_gather(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.constant([[2, 0], [1, 1]]))
    outs["bg"] = bg
    obs["bg"] = _desc(bg)[1:]
    r1 = tf.repeat(tf.constant([[1, 2], [3, 4]]), [1, 2], axis=0)
    r2 = tf.repeat(tf.constant([[1, 2], [3, 4]]), 2)
    r3 = tf.repeat(tf.constant([[1, 2], [3, 4]]), [3, 0], axis=1)
    outs.update(r1=r1, r2=r2, r3=r3, r4=tf.repeat(w, 3, axis=-1))
    obs["repeat"] = [_desc(r)[1:] for r in (r1, r2)]
    s1 = tf.searchsorted(tf.constant([[1., 3, 5], [0, 2, 4]]), tf.constant([[2., 5, 6, 0], [4, 4, -1, 9]]))
    s2 = tf.searchsorted(tf.constant([1., 3, 5]), tf.constant([2., 5, 6]), side="right",
                         out_type=tf.int64)
    outs.update(s1=s1, s2=s2)
    obs["search"] = [_desc(s1)[1:], _desc(s2)[1:]]
    u1 = tf.unravel_index(tf.constant([5, 7, 0]), tf.constant([3, 4]))
    u2 = tf.unravel_index(tf.constant(5, tf.int64), tf.constant([2, 3, 4], tf.int64))
    outs.update(u1=u1, u2=u2)
    obs["unravel"] = [[u1.name] + _desc(u1), _desc(u2)]
    b1 = tf.bitcast(tf.constant([1., 2]), tf.int32)
    b2 = tf.bitcast(tf.constant([1., -2]), tf.uint16)
    b3 = tf.bitcast(tf.constant([[1, 2], [3, 4]], tf.int16), tf.int32)
    outs.update(b1=b1, b2=b2, b3=b3)
    obs["bitcast"] = [[b1.name] + _desc(b1), _desc(b2), _desc(b3)]
    h1 = tf.histogram_fixed_width(tf.constant([-1., 0, 1.5, 2, 5, 15]), [0., 5.], nbins=5)
    h2 = tf.histogram_fixed_width(tf.constant([[1, 2], [3, 9]]), [0, 10], nbins=3, dtype=tf.int64)
    hb = tf.histogram_fixed_width_bins(tf.constant([[-1., 0, 1.5], [2, 5, 15]]), [0., 5.], nbins=5)
    outs.update(h1=h1, h2=h2, hb=hb)
    obs["hist"] = [[h1.name] + _desc(h1), _desc(h2), _desc(hb)[1:]]
    errs = {}
    for key, fn in [("part_shape", lambda: tf.dynamic_partition(tf.zeros([3, 2]), tf.zeros([2], tf.int32), 2)),
                    ("part_float", lambda: tf.dynamic_partition(x, tf.constant([0., 1, 0, 1, 0]), 2)),
                    ("bitcast_shape", lambda: tf.bitcast(tf.constant([1, 2, 3], tf.int16), tf.int32)),
                    ("search_side", lambda: tf.searchsorted([1., 2], [1.], side="middle")),
                    ("complex_int", lambda: tf.unravel_index(tf.constant([1.]), [2]))]:
        try:
            fn()
            errs[key] = None
        except Exception as e:  # noqa: BLE001
            errs[key] = type(e).__name__
    obs["build_errors"] = errs
    with tf.Session() as sess:
        vals = sess.run(outs, {p: [1, 0, 1, 1, 5]})
        obs["values"] = {k: (np.asarray(v).tolist() if not isinstance(v, list)
                             else [np.asarray(a).tolist() for a in v]) for k, v in vals.items()}
        run_errs = {}
        for key, t, feed in [("part_range", tf.dynamic_partition(x, p, 2), {p: [0, 1, 2, 0, 1]}),
                             ("unravel_range", tf.unravel_index(p, [2, 2]), {p: [4]}),
                             ("hist_range", tf.histogram_fixed_width(x, tf.cast(p[:2], tf.float32)), {p: [3, 1]})]:
            try:
                sess.run(t, feed)
                run_errs[key] = None
            except Exception as e:  # noqa: BLE001
                run_errs[key] = type(e).__name__
        obs["run_errors"] = run_errs
    return obs
