def case(tf):
    obs = {}

    def err(label, fn):
        try:
            fn()
            obs[label] = "no error"
        except Exception as e:
            obs[label] = type(e).__name__

    x = tf.constant([["a", "b", "c"], ["d", "e", "f"]])
    ops = {
        "rj": tf.reduce_join(x),
        "rj0": tf.reduce_join(x, 0),
        "rj1_sep": tf.strings.reduce_join(x, axis=1, separator="-"),
        "rj_neg_keep": tf.strings.reduce_join(x, axis=-1, keepdims=True),
        "rj_keep_dims": tf.reduce_join(x, 1, keep_dims=True),
        "rj_ri": tf.reduce_join(x, reduction_indices=[0]),
        "rj_both": tf.reduce_join(x, [0, 1]),
        "rj_both_sep": tf.reduce_join(x, [0, 1], separator="-"),
        "rj_both_keep": tf.reduce_join(x, [1, 0], keepdims=True),
        "rj_none": tf.reduce_join(x, []),
        "rj_scalar": tf.reduce_join("abc"),
        "rj_empty0": tf.reduce_join(tf.zeros([0, 2], tf.string), 0),
        "rj_empty1": tf.reduce_join(tf.zeros([0, 2], tf.string), 1),
        "rj_named": tf.reduce_join(x, name="foo"),
    }
    ph = tf.placeholder(tf.string, [None, 3])
    any_ph = tf.placeholder(tf.string)
    axis_ph = tf.placeholder(tf.int32)
    rj_axis = tf.reduce_join(x, axis_ph)
    rj_unknown = tf.reduce_join(any_ph)
    rj_dup = tf.reduce_join(x, [0, 0])
    sparse = {
        "ss": tf.string_split(["a b  c", "", " d"]),
        "ss_delim": tf.string_split(["a,b,,c", "d"], delimiter=","),
        "ss_noskip": tf.string_split(["a,b,,c", "d", "", ","], ",", skip_empty=False),
        "ss_multichar": tf.string_split(["a,b;c"], delimiter=",;"),
        "ss_sep": tf.string_split(["a,b;c"], sep=","),
        "ss_bytes": tf.string_split(["abc", "\u00e9"], delimiter=""),
        "ss_tabs": tf.string_split(["a\tb c"]),
        "ss_named": tf.string_split(["a b"], name="xx"),
        "split": tf.strings.split(["a b  c", "", " d"]),
        "split_sep": tf.strings.split(["a,b,,c", "d", ""], sep=","),
        "split_max": tf.strings.split(["a,b,,c", "d", ""], sep=",", maxsplit=1),
        "split_ws_max": tf.strings.split([" a b  c d "], maxsplit=2),
        "split_multichar": tf.strings.split(["a<>b<>c", "<>"], sep="<>"),
        "split_source": tf.strings.split(source=["a b"]),
        "split_scalar": tf.strings.split("a b"),
        "split_ws": tf.strings.split(["a\tb\nc\x0bd\x0ce\rf"]),
        "split_empty_sep": tf.strings.split(["ab"], sep=""),
        "split_named": tf.strings.split(["a b"], name="yy"),
    }
    fed_split = tf.string_split(any_ph)
    fed_delim = tf.string_split(["a b"], any_ph)
    with tf.Session() as sess:
        values = sess.run(ops)
        svalues = sess.run(sparse)
        obs["rj_axis_fed"] = [sess.run(rj_axis, {axis_ph: 1}), sess.run(rj_axis, {axis_ph: [1, 0]})]
        obs["rj_unknown_fed"] = sess.run(rj_unknown, {any_ph: [["a", "b"], ["c", "d"]]})
        err("run_rj_oob", lambda: sess.run(rj_axis, {axis_ph: 2}))
        err("run_rj_neg_oob", lambda: sess.run(rj_axis, {axis_ph: -3}))
        err("run_rj_dup", lambda: sess.run(rj_dup))
        err("run_split_scalar", lambda: sess.run(fed_split, {any_ph: "a b"}))
        err("run_split_delim", lambda: sess.run(fed_delim, {any_ph: ["a", "b"]}))
    for key, t in ops.items():
        obs[key] = [t.name, t.op.type, t.dtype.name, str(t.shape), values[key]]
    for key, st in sparse.items():
        v = svalues[key]
        obs[key] = [st.indices.name, st.values.name, st.dense_shape.name, st.values.op.type,
                    str(st.indices.shape), str(st.values.shape), str(st.dense_shape.shape),
                    v.indices, v.values, v.dense_shape]
    obs["rj_inputs"] = [(t.name, t.op.type) for t in ops["rj_named"].op.inputs]
    obs["rj_unknown_inputs"] = [(t.name, t.op.type) for t in rj_unknown.op.inputs]
    obs["rj_attrs"] = [ops["rj1_sep"].op.get_attr("separator"), ops["rj_keep_dims"].op.get_attr("keep_dims")]
    obs["rj_shapes"] = [str(tf.reduce_join(ph, 1).shape), str(tf.reduce_join(ph).shape),
                        str(tf.reduce_join(ph, axis_ph).shape),
                        str(tf.reduce_join(ph, axis_ph, keepdims=True).shape),
                        str(tf.reduce_join(any_ph, 0).shape), str(rj_dup.shape),
                        str(tf.reduce_join(x, [0, 0], keepdims=True).shape)]
    obs["split_inputs"] = [[t.name for t in sparse["ss"].values.op.inputs],
                           [t.name for t in sparse["split_scalar"].values.op.inputs],
                           sparse["ss"].values.op.get_attr("skip_empty"),
                           sparse["split_max"].values.op.get_attr("maxsplit")]
    err("build_rj_oob", lambda: tf.reduce_join(x, 2))
    err("build_rj_rank2_axis", lambda: tf.reduce_join(x, [[0]]))
    err("build_rj_axis_both", lambda: tf.reduce_join(x, axis=0, reduction_indices=0))
    err("build_rj_keep_both", lambda: tf.reduce_join(x, keep_dims=True, keepdims=True))
    err("build_rj_int64_axis", lambda: tf.reduce_join(x, tf.constant(1, tf.int64)))
    err("build_rj_float", lambda: tf.reduce_join(tf.constant([1.0])))
    err("build_ss_scalar", lambda: tf.string_split("a b"))
    err("build_ss_2d", lambda: tf.string_split([["a b"]]))
    err("build_ss_both", lambda: tf.string_split(["a"], sep=",", delimiter=","))
    err("build_ss_bad_type", lambda: tf.string_split(["a"], result_type="X"))
    err("build_split_bad_type", lambda: tf.strings.split(["a"], result_type="X"))
    err("build_split_both", lambda: tf.strings.split(input=["a"], source=["b"]))
    return obs
