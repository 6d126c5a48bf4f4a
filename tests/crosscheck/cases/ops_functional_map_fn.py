def case(tf):
    """tf.map_fn: output names, static shapes and dtypes for tensors, tuples, dicts and declared
    dtypes; values (also of an unknown-length placeholder and of empty elems); gradients w.r.t.
    elems and a variable used inside fn; the error classes of bad input at build and run time."""
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
    p = tf.placeholder(tf.float32, [None, 2], name="p")
    e3 = tf.placeholder(tf.float32, [None, 3], name="e3")
    v = tf.Variable([0.5, -1.5], name="v")
    outs = {
        "single": tf.map_fn(lambda e: e * 2, a),
        "tuple": tf.map_fn(lambda t: (t[0] * 2, t[1] + 1), (a, b)),
        "dict": tf.map_fn(lambda e: {"x": e, "y": e * 2}, b, dtype={"x": tf.int32, "y": tf.int32}),
        "dtype": tf.map_fn(lambda t: t[0] * tf.cast(t[1], tf.float32), [a, b], dtype=tf.float32,
                           name="named"),
        "signature": tf.map_fn(lambda e: tf.cast(e, tf.float64) / 4, b, fn_output_signature=tf.float64),
        "python_result": tf.map_fn(lambda e: 1, b),
        "placeholder": tf.map_fn(lambda e: tf.reduce_sum(e * v), p),
        "ragged_rows": tf.map_fn(lambda e: tf.range(e), b),
        "empty": tf.map_fn(lambda e: tf.concat([e, e], 0), e3),
        "strings": tf.map_fn(lambda e: tf.as_string(e), b, dtype=tf.string),
    }
    obs["names"] = {k: [desc(t) for t in flat(o)] for k, o in outs.items()}
    obs["no_infer"] = desc(tf.map_fn(lambda e: e * 2, a, infer_shape=False))
    loss = tf.reduce_sum(outs["placeholder"] ** 2)
    grads = tf.gradients(loss, [p, v])
    ga = tf.gradients(tf.reduce_sum(tf.map_fn(lambda e: e * e * tf.sin(e), a)), a)[0]
    build_error("scalar", lambda: tf.map_fn(lambda e: e, tf.constant(3.)))
    build_error("mismatched", lambda: tf.map_fn(lambda t: t[0], (a, tf.constant([1, 2])), dtype=tf.float32))
    build_error("structure", lambda: tf.map_fn(lambda t: t[0], (a, b)))
    build_error("list_vs_tuple", lambda: tf.map_fn(lambda t: [t[0], t[1]], (a, b)))
    build_error("dtype_count", lambda: tf.map_fn(lambda t: (t, t), b, dtype=(tf.int32,)))
    build_error("none_elems", lambda: tf.map_fn(lambda e: e, None))
    build_error("no_tensors", lambda: tf.map_fn(lambda e: e, ()))
    build_error("none_result", lambda: tf.map_fn(lambda e: None, b))
    build_error("not_callable", lambda: tf.map_fn(3, b))
    wrong_dtype = tf.map_fn(lambda e: tf.cast(e, tf.float64) * 1.5, b)
    uneven = tf.map_fn(lambda e: tf.range(e), b, infer_shape=False)
    e_unknown = tf.placeholder(tf.float32, [None, None], name="e_unknown")
    empty_unknown = tf.map_fn(lambda e: tf.concat([e, e], 0), e_unknown)
    x = np.array([[1., 2.], [0.5, -1.], [3., 0.], [2., 2.]], np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run({k: o for k, o in outs.items() if k not in ("ragged_rows", "empty")},
                        {p: x})
        obs["values"] = {k: [np.asarray(t).tolist() for t in flat(o)]
                         for k, o in vals.items()}
        obs["empty"] = list(sess.run(outs["empty"], {e3: np.zeros([0, 3])}).shape)
        obs["grads"] = [g.tolist() for g in sess.run(grads, {p: x})]
        obs["grad_elems"] = sess.run(ga).tolist()
        for tag, t, feed in [("wrong_dtype", wrong_dtype, None), ("ragged", outs["ragged_rows"], None),
                             ("uneven", uneven, None),
                             ("empty_unknown", empty_unknown, {e_unknown: np.zeros([0, 3])})]:
            try:
                sess.run(t, feed)
                obs["run_" + tag] = "ran"
            except Exception as e:  # noqa: BLE001
                obs["run_" + tag] = type(e).__name__
    return obs
