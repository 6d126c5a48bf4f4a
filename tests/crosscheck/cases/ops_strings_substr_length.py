def case(tf):
    obs = {}

    def err(label, fn):
        try:
            fn()
            obs[label] = "no error"
        except Exception as e:
            obs[label] = type(e).__name__

    x = tf.constant(["hello", "W\u00f6rld", "ab"])
    ops = {
        "len": tf.strings.length(x),
        "len_utf8": tf.strings.length(x, unit="UTF8_CHAR"),
        "len_named": tf.strings.length("abc", name="n"),
        "lower": tf.strings.lower(["AbC \u00d6"]),
        "lower_utf8": tf.strings.lower(["AbC \u00d6"], encoding="utf-8"),
        "upper_utf8": tf.strings.upper(["abc \u00f6 \u00df"], encoding="utf-8"),
        "upper": tf.strings.upper(["abc \u00f6"]),
        "strip": tf.strings.strip(["  a b \t\n", "\x0b\x0cx\r"]),
        "strip_v1": tf.string_strip("  a "),
        "substr": tf.strings.substr(x, 1, 3),
        "substr_v1": tf.substr(x, [0, 1, 1], [1, 2, 5]),
        "substr_neg_pos": tf.strings.substr(x, -2, 2),
        "substr_neg_len": tf.strings.substr(x, 1, -1),
        "substr_end": tf.strings.substr(["ab"], 2, 1),
        "substr_utf8": tf.strings.substr(x, 1, 3, unit="UTF8_CHAR"),
        "substr_utf8_neg": tf.strings.substr(["h\u00e9llo"], -2, 5, unit="UTF8_CHAR"),
        "substr_utf8_neg_len": tf.strings.substr(["h\u00e9llo"], 1, -2, unit="UTF8_CHAR"),
        "substr_bcast": tf.strings.substr([["ab", "cd"], ["ef", "gh"]], [0, 1], [1, 1]),
        "substr_bcast_input": tf.strings.substr("abcdef", [0, 1, 2], [1, 2, 3]),
        "substr_int64": tf.strings.substr(["abc", "def"], tf.constant([0, 1], tf.int64),
                                          tf.constant([1, 1], tf.int64)),
    }
    ps = tf.placeholder(tf.string, None)
    pi = tf.placeholder(tf.int32, None)
    dyn = tf.strings.substr(ps, pi, pi)
    dyn_utf8 = tf.strings.substr(ps, pi, pi, unit="UTF8_CHAR")
    utf8_len = tf.strings.length(ps, unit="UTF8_CHAR")
    failing = {"run_pos_oob": tf.strings.substr(x, 3, 1),
               "run_neg_pos_oob": tf.strings.substr(x, -3, 2),
               "run_utf8_neg_oob": tf.strings.substr(x, -3, 2, unit="UTF8_CHAR"),
               "run_bad_encoding": tf.strings.upper(["abc"], encoding="latin1")}
    with tf.Session() as sess:
        values = sess.run(ops)
        obs["dyn_bcast"] = sess.run(dyn, {ps: ["abc", "def"], pi: [[0], [1]]})
        obs["dyn_bcast_scalar"] = sess.run(dyn, {ps: "abc", pi: [[0], [1]]})
        obs["dyn_utf8_invalid"] = [sess.run(dyn_utf8, {ps: [b"\xff\xfeab"], pi: [1]}),
                                   sess.run(dyn_utf8, {ps: [b"a\xc3"], pi: [1]})]
        obs["utf8_len_invalid"] = sess.run(utf8_len, {ps: [b"\xff\xfeab", b"a\xc3", b"\xc3\xa9"]})
        err("run_incompatible", lambda: sess.run(dyn, {ps: ["abc", "def"], pi: [0, 1, 2]}))
        for label, t in failing.items():
            err(label, lambda t=t: sess.run(t))
    for key, t in ops.items():
        obs[key] = [t.name, t.op.type, t.dtype.name, str(t.shape), values[key]]
    obs["attrs"] = [ops["len_utf8"].op.get_attr("unit"), ops["lower_utf8"].op.get_attr("encoding"),
                    ops["substr_utf8"].op.get_attr("unit"), ops["substr_int64"].op.get_attr("T").name]
    obs["const_names"] = [i.name for i in ops["substr_bcast_input"].op.inputs]

    def shape(a, b, c):
        return str(tf.strings.substr(tf.placeholder(tf.string, a), tf.placeholder(tf.int32, b),
                                     tf.placeholder(tf.int32, c)).shape)
    obs["shapes"] = [shape([None], [None], [None]), shape([2], [None, 2], [None, 2]),
                     shape([3], None, [2]), shape([4, 1], [3], [3]), str(dyn.shape)]
    err("build_pos_len_rank", lambda: shape([2], [3], []))
    err("build_pos_len_dims", lambda: shape([3], [3], [None]))
    err("build_pos_len_unknown", lambda: shape(None, [3], None))
    err("build_bcast", lambda: shape([2], [3], [3]))
    err("build_rank2_pos", lambda: tf.strings.substr(["abc", "def"], [[0], [1]], [1]))
    err("build_mixed_dtype", lambda: tf.strings.substr(["abc"], tf.constant([0], tf.int64),
                                                       tf.constant([1])))
    err("build_float_pos", lambda: tf.strings.substr(["abc"], 0.5, 1))
    err("build_bad_unit", lambda: tf.strings.substr(["abc"], 0, 1, unit="B"))
    err("build_len_bad_unit", lambda: tf.strings.length(["abc"], unit="X"))
    err("build_len_int", lambda: tf.strings.length([1]))
    err("build_lower_int", lambda: tf.strings.lower(tf.constant([1])))
    return obs
