def case(tf):
    """tf.switch_case: output names and shapes, the branch taken for in- and out-of-range indices
    (with and without a default), dict and pair branch lists, nested outputs, gradients, and the
    error classes of bad indices and branch lists."""
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

    def fns():
        return [lambda: tf.constant(10), lambda: tf.constant(20), lambda: tf.constant(30)]

    i = tf.placeholder(tf.int32, [], name="i")
    x = tf.placeholder(tf.float32, [], name="x")
    outs = {
        "plain": tf.switch_case(i, fns()),
        "default": tf.switch_case(i, fns(), default=lambda: tf.constant(99), name="sw"),
        "dict": tf.switch_case(i, {1: lambda: tf.constant(2), 0: lambda: tf.constant(1)}),
        "pairs": tf.switch_case(i, [(1, lambda: tf.constant(5)), (0, lambda: tf.constant(6))]),
        "tuple": tf.switch_case(i, [lambda: (tf.constant(1), tf.constant(2.)),
                                    lambda: (tf.constant(3), tf.constant(4.))]),
        "dict_out": tf.switch_case(i, [lambda: {"a": x * 2}, lambda: {"a": x * x}]),
        "shapes": tf.switch_case(i, [lambda: tf.constant([1]), lambda: tf.constant([1, 2])]),
        "python": tf.switch_case(i, [lambda: 1, lambda: 2]),
    }
    obs["names"] = {k: [desc(t) for t in flat(o)] for k, o in outs.items()}
    y = tf.switch_case(i, [lambda: x * 2, lambda: x * x, lambda: tf.sin(x)])
    g = tf.gradients(y, x)[0]
    build_error("python_index", lambda: tf.switch_case(1, fns()))
    build_error("float_index", lambda: tf.switch_case(tf.constant(1.), fns()))
    build_error("int64_index", lambda: tf.switch_case(tf.constant(1, tf.int64), fns()))
    build_error("empty", lambda: tf.switch_case(i, []))
    build_error("gap", lambda: tf.switch_case(i, {0: fns()[0], 2: fns()[1]}))
    build_error("not_pairs", lambda: tf.switch_case(i, [1, 2]))
    build_error("not_callable", lambda: tf.switch_case(i, [(0, 1), (1, 2)]))
    build_error("str_key", lambda: tf.switch_case(i, {"a": fns()[0]}))
    build_error("not_list", lambda: tf.switch_case(i, fns()[0]))
    build_error("dtypes", lambda: tf.switch_case(i, [lambda: tf.constant(1), lambda: tf.constant(1.)]))
    v = tf.placeholder(tf.int32, [None], name="v")
    vec = tf.switch_case(v, fns())
    with tf.Session() as sess:
        for k in (0, 1, 2, 3, -1):
            obs["run_%d" % k] = [[t.tolist() for t in flat(o)]
                                 for o in sess.run(list(outs.values()), {i: k, x: 1.5})]
            obs["grad_%d" % k] = [float(a) for a in sess.run([y, g], {i: k, x: 0.7})]
        try:
            sess.run(vec, {v: [1]})
            obs["vector_index"] = "ran"
        except Exception as e:  # noqa: BLE001
            obs["vector_index"] = type(e).__name__
    return obs
