def case(tf):
    obs = {}

    def err(label, fn):
        try:
            fn()
            obs[label] = "no error"
        except Exception as e:
            obs[label] = type(e).__name__

    floats = ["1.5", "-2", "1e3", "inf", "-Infinity", " 3 ", "+4", ".5", "5.", "1e400", "0x1p3",
              "0X1P-2", "1.e2", "-0", "1e-400", "\t1.0\n", "INF", "nan()"]
    f = tf.constant([1.5, -0.1, 1e10, 123456789.0, float("inf"), -float("inf"), 0.0, 1e-7])
    d = tf.constant([1.5, -0.1, 1e10, 1 / 3, 1e-7, 1e22], tf.float64)
    i = tf.constant([1, -20, 300])
    ops = {
        "num_f64": tf.strings.to_number(floats, tf.float64),
        "num_f32": tf.strings.to_number(["1e39", "-1e39", "1e-50", "3.4028236e38", "0.1"]),
        "num_i32": tf.string_to_number(["12", "-3", "+4", " 5", "007"], tf.int32),
        "num_i64": tf.strings.to_number(["3000000000", "-9223372036854775808"], tf.int64),
        "num_u32": tf.strings.to_number(["4294967295", "+0"], tf.uint32),
        "num_kw": tf.strings.to_number(input=["1"], name="n"),
        "as_f": tf.as_string(f),
        "as_d": tf.strings.as_string(d),
        "as_f_prec": tf.as_string(f, precision=2),
        "as_f_sci": tf.as_string(f, scientific=True),
        "as_d_sci_prec": tf.as_string(d, scientific=True, precision=3),
        "as_f_shortest": tf.as_string(f, shortest=True),
        "as_d_shortest_prec": tf.as_string(d, shortest=True, precision=3),
        "as_f_width": tf.as_string(f, width=12),
        "as_f_fill0": tf.as_string(f, width=12, fill="0"),
        "as_f_fill_plus": tf.as_string(f, width=12, fill="+"),
        "as_f_fill_space": tf.as_string(f, width=12, fill=" "),
        "as_f_zero_prec": tf.as_string([1.5, 2.5], precision=0),
        "as_i": tf.as_string(i),
        "as_i_width": tf.as_string(i, width=5),
        "as_i_fill0": tf.as_string(i, width=5, fill="0"),
        "as_i_left": tf.as_string(i, width=5, fill="-"),
        "as_i64": tf.as_string(tf.constant([2 ** 40, -5], tf.int64)),
        "as_u8": tf.as_string(tf.constant([200], tf.uint8)),
        "as_bool": tf.as_string([True, False], width=7),
        "as_c64": tf.as_string(tf.constant([1 + 2j, -0.5 - 1.5j], tf.complex64)),
        "as_c64_prec": tf.as_string(tf.constant([1 + 2j], tf.complex64), precision=2, width=12),
        "as_c128_short": tf.as_string(tf.constant([1 + 2j], tf.complex128), shortest=True),
        "as_half": tf.as_string(tf.constant([1.5, 0.1], tf.float16)),
        "as_str": tf.as_string(["a"], width=5),
        "as_py": tf.as_string(1),
        "fmt": tf.strings.format("x={} y={}", [tf.constant(1.5), tf.constant([1, 2, 3, 4, 5])]),
        "fmt_strings": tf.strings.format("x={}", tf.constant([["a", "b"], ["c", "d"]])),
        "fmt_placeholder": tf.strings.format("x=<> {}", [tf.constant(1)], placeholder="<>",
                                             summarize=-1),
        "fmt_elide": tf.strings.format("{}", [tf.range(10)], summarize=2),
        "fmt_3d": tf.strings.format("{}", [tf.reshape(tf.range(24), [2, 3, 4])], summarize=1),
        "fmt_floats": tf.strings.format("{}", [tf.constant([0.1, 1e-8, 123456.0, 1234567.0])]),
        "fmt_scalars": tf.strings.format("{} and {} {}", [tf.constant("hi"), tf.constant(True),
                                                          tf.constant(3, tf.int64)]),
        "fmt_py": tf.strings.format("{} {}", [1.5, "x"]),
        "fmt_none": tf.strings.format("hi", []),
        "fmt_empty": tf.strings.format("{}", [tf.zeros([0, 2])]),
        "fmt_sum0": tf.strings.format("{}", [tf.range(5)], summarize=0),
    }
    failing = {
        "run_num_bad": tf.strings.to_number(["abc"]),
        "run_num_underscore": tf.strings.to_number(["1_0"]),
        "run_num_empty": tf.strings.to_number([""]),
        "run_num_hex_int": tf.strings.to_number(["0x10"], tf.int32),
        "run_num_float_int": tf.strings.to_number(["1.5"], tf.int32),
        "run_num_i32_overflow": tf.strings.to_number(["3000000000"], tf.int32),
        "run_num_u32_neg": tf.strings.to_number(["-1"], tf.uint32),
        "run_num_exp_only": tf.strings.to_number(["1e"]),
        "run_num_infinit": tf.strings.to_number(["infinit"]),
        "run_as_fill_x": tf.as_string(f, width=12, fill="x"),
        "run_as_fill_long": tf.as_string(f, fill="ab"),
        "run_as_sci_short": tf.as_string(f, scientific=True, shortest=True),
        "run_as_int_prec": tf.as_string(i, precision=2),
        "run_as_int_sci": tf.as_string(i, scientific=True),
        "run_as_bool_short": tf.as_string([True], shortest=True),
    }
    with tf.Session() as sess:
        values = sess.run(ops)
        for label, t in failing.items():
            err(label, lambda t=t: sess.run(t))
    for key, t in ops.items():
        obs[key] = [t.name, t.op.type, t.dtype.name, str(t.shape), values[key]]
    obs["as_attrs"] = [ops["as_f_fill0"].op.get_attr(k) for k in
                       ("precision", "scientific", "shortest", "width", "fill")]
    obs["num_out_type"] = ops["num_i64"].op.get_attr("out_type").name
    obs["fmt_attrs"] = [ops["fmt"].op.get_attr("template"), ops["fmt"].op.get_attr("placeholder"),
                        ops["fmt"].op.get_attr("summarize")]
    obs["input_names"] = [tf.strings.to_number("1").op.inputs[0].name,
                          tf.as_string(2.0).op.inputs[0].name]
    err("build_num_int16", lambda: tf.strings.to_number(["1"], tf.int16))
    err("build_num_float_input", lambda: tf.strings.to_number(tf.constant([1.0])))
    err("build_num_both", lambda: tf.strings.to_number(["1"], input=["2"]))
    err("build_fmt_count", lambda: tf.strings.format("{} {}", [tf.constant(1)]))
    err("build_fmt_not_list", lambda: tf.strings.format("{}", 1.5))
    return obs
