def case(tf):
    """tf.scan / tf.foldl / tf.foldr: names and shapes, values with and without an initializer,
    reverse, nested states, unknown and empty lengths, gradients w.r.t. elems and the
    initializer, and the error classes of bad input."""
    import numpy as np

    obs = {}

    def flat(o):
        if isinstance(o, dict):
            return [t for k in sorted(o) for t in flat(o[k])]
        if isinstance(o, (list, tuple)):
            return [t for x in o for t in flat(x)]
        return [o]

    def desc(t):
        return [t.name, t.shape.as_list() if t.shape.ndims is not None else None, t.dtype.name]

    def build_error(tag, fn):
        try:
            fn()
            obs[tag] = "built"
        except Exception as e:  # noqa: BLE001 - the class is the observation
            obs[tag] = type(e).__name__

    a = tf.constant([[1., 2.], [3., 4.], [5., 6.]])
    b = tf.constant([1, 2, 3])
    n = tf.placeholder(tf.int32, [None], name="n")
    outs = {
        "scan": tf.scan(lambda acc, e: acc + e, b),
        "scan_reverse": tf.scan(lambda acc, e: acc * 10 + e, b, reverse=True),
        "scan_reverse_init": tf.scan(lambda acc, e: acc * 10 + e, b, initializer=tf.constant(7),
                                     reverse=True),
        "scan_tuple": tf.scan(lambda acc, e: (acc[0] + e, acc[1] * 2), b,
                              initializer=(tf.constant(0), tf.constant(1.))),
        "scan_dict": tf.scan(lambda acc, e: {"s": acc["s"] + e}, b, initializer={"s": tf.constant(0)}),
        "scan_elems_tuple": tf.scan(lambda acc, e: (acc[0] + e[0], acc[1] * e[1]), (a, b), name="sc"),
        "scan_2d": tf.scan(lambda acc, e: acc * e, a),
        "scan_empty_init": tf.scan(lambda acc, e: acc + e, tf.zeros([0, 2]),
                                   initializer=tf.constant([1., 1.])),
        "foldl": tf.foldl(lambda acc, e: acc * 10 + e, b),
        "foldr": tf.foldr(lambda acc, e: acc * 10 + e, b),
        "foldl_init": tf.foldl(lambda acc, e: acc * 10 + e, b, initializer=tf.constant(9)),
        "foldr_init": tf.foldr(lambda acc, e: acc * 10 + e, b, initializer=9),
        "foldl_tuple": tf.foldl(lambda acc, e: (acc[0] + e[1], acc[1] + e[0]), (a, b),
                                initializer=(tf.constant(0), tf.zeros([2]))),
        "foldr_tuple": tf.foldr(lambda acc, e: (acc[0] + e[0], acc[1] + e[1]), (a, b), name="fr"),
        "foldl_empty_init": tf.foldl(lambda acc, e: acc + e, tf.zeros([0]), initializer=2.),
    }
    obs["names"] = {k: [desc(t) for t in flat(o)] for k, o in outs.items()}
    dyn = {"scan_n": tf.scan(lambda acc, e: acc + e, n), "foldl_n": tf.foldl(lambda acc, e: acc + e, n),
           "foldr_n": tf.foldr(lambda acc, e: acc - e, n)}
    obs["dyn_names"] = {k: desc(t) for k, t in dyn.items()}
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    w = tf.placeholder(tf.float32, [3], name="w")
    losses = {
        "scan": tf.scan(lambda acc, e: acc * e + w, x, initializer=w),
        "scan_rev": tf.scan(lambda acc, e: acc * tf.sin(e) + w, x, reverse=True),
        "foldl": tf.foldl(lambda acc, e: acc * e + w, x, initializer=w),
        "foldr": tf.foldr(lambda acc, e: tf.tanh(acc) * e + w, x, initializer=w),
    }
    grads = {k: tf.gradients(tf.reduce_sum(v * v), [x, w]) for k, v in losses.items()}
    build_error("scan_scalar", lambda: tf.scan(lambda acc, e: acc, tf.constant(1)))
    build_error("foldl_scalar", lambda: tf.foldl(lambda acc, e: acc + e, tf.constant(1.)))
    build_error("scan_mismatched", lambda: tf.scan(lambda acc, e: acc, (b, tf.constant([1, 2]))))
    build_error("scan_structure", lambda: tf.scan(lambda acc, e: (acc, acc), b, initializer=tf.constant(0)))
    build_error("scan_list_vs_tuple", lambda: tf.scan(lambda acc, e: [acc[0] + e, acc[1]], b,
                                                      initializer=(tf.constant(0), tf.constant(1))))
    build_error("foldl_structure", lambda: tf.foldl(lambda acc, e: acc[0], b,
                                                    initializer=(tf.constant(0), tf.constant(1))))
    build_error("foldl_shape_change", lambda: tf.foldl(lambda acc, e: tf.concat([acc, [e]], 0), b,
                                                       initializer=tf.constant([0])))
    build_error("scan_not_callable", lambda: tf.scan(3, b))
    build_error("foldr_none", lambda: tf.foldr(lambda acc, e: acc, None))
    xv = np.array([[0.5, 1., -1.], [2., 0.3, 1.], [-0.7, 1.1, 0.2], [1., -2., 0.4]], np.float32)
    wv = np.array([0.1, -0.4, 0.9], np.float32)
    with tf.Session() as sess:
        vals = sess.run(outs)
        obs["values"] = {k: [np.asarray(t).tolist() for t in flat(o)] for k, o in vals.items()}
        obs["dyn"] = {k: np.asarray(sess.run(t, {n: [1, 2, 3, 4]})).tolist() for k, t in dyn.items()}
        for k, t in dyn.items():
            try:
                obs["dyn_empty_" + k] = np.asarray(sess.run(t, {n: []})).tolist()
            except Exception as e:  # noqa: BLE001
                obs["dyn_empty_" + k] = type(e).__name__
        obs["losses"] = {k: sess.run(v, {x: xv, w: wv}).tolist() for k, v in losses.items()}
        obs["grads"] = {k: [g.tolist() for g in sess.run(v, {x: xv, w: wv})] for k, v in grads.items()}
    return obs
