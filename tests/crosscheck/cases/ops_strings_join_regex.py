def case(tf):
    obs = {}

    def err(label, fn):
        try:
            fn()
            obs[label] = "no error"
        except Exception as e:
            obs[label] = type(e).__name__

    a = tf.constant(["a", "b"])
    s = tf.constant("x")
    ph = tf.placeholder(tf.string)
    ph_rows = tf.placeholder(tf.string, [None, 3])
    ops = {
        "join": tf.strings.join([a, s], separator="-"),
        "join_v1": tf.string_join([a, "q"]),
        "join_scalars": tf.strings.join([s, s, "y"], separator=","),
        "join_single": tf.strings.join([a], name="one"),
        "join_empty": tf.strings.join([]),
        "full_static": tf.strings.regex_full_match(a, "a.*"),
        "full_tensor": tf.strings.regex_full_match(a, tf.constant("[ab]")),
        "full_utf8": tf.strings.regex_full_match([b"\xc3\xa9", b"x", b"ab\n"], "."),
        "full_classes": tf.strings.regex_full_match(["a1_", "\u00e91", "a b"], "\\w\\d\\w?"),
        "rr": tf.strings.regex_replace(["aabb", "ba"], "a", "x"),
        "rr_once": tf.strings.regex_replace(["aabb", "ba"], "a", "x", replace_global=False),
        "rr_groups": tf.strings.regex_replace(["aabb", "ba"], "(a)(b)", "<\\2\\1\\0\\\\>"),
        "rr_tensor": tf.regex_replace(["aabb", "ba"], tf.constant("(a)(b)"), "[\\1]"),
        "rr_missing_group": tf.strings.regex_replace(["aabb"], "(a)", "\\2"),
        "rr_bad_escape": tf.strings.regex_replace(["xay"], "(a)", "A\\xB"),
        "rr_bad_escape_once": tf.strings.regex_replace(["xay"], "(a)", "A\\xB", replace_global=False),
        "rr_dollar": tf.strings.regex_replace(["ab\n", "ba"], "$", "E"),
        "rr_empty": tf.strings.regex_replace(["abc"], "", "-"),
        "rr_empty_after": tf.strings.regex_replace(["axxb"], "x*", "-"),
        "rr_posix": tf.strings.regex_replace(["a1 b2"], "[[:digit:]]", "#"),
        "rr_ascii_d": tf.strings.regex_replace(["a1 b2 \u0663"], "\\d", "#"),
        "rr_ascii_w": tf.strings.regex_replace(["a\u00e9_1"], "\\w", "#"),
        "rr_ascii_s": tf.strings.regex_replace(["a\u00a0b c"], "\\s", "#"),
        "rr_boundary": tf.strings.regex_replace(["\u00e9 ab"], "\\b", "|"),
        "rr_ci": tf.strings.regex_replace(["AbA"], "(?i)a", "x"),
        "rr_lazy": tf.strings.regex_replace(["<a><b>"], "<.*?>", "z"),
        "rr_z": tf.strings.regex_replace(["aa\n"], "\\n\\z", "Z"),
        "rr_quote": tf.strings.regex_replace(["a.b"], "\\Q.\\E", "Z"),
        "rr_named": tf.strings.regex_replace(["ab"], "(?P<x>a)", "[\\1]"),
        "rr_dotall": tf.strings.regex_replace(["a\nb"], "(?s).", "z"),
        "rr_scalar": tf.strings.regex_replace("AbA", "A", "z"),
        "rr_flag_alternation": tf.strings.regex_replace(["xAb Ab"], "a(?i)b|A", "<\\0>"),
        "rr_flag_group": tf.strings.regex_replace(["aAB"], "(a(?i)b)B", "[\\1]"),
        "rr_multiline": tf.strings.regex_replace(["ab\nab"], "(?m)b$", "X"),
        "rr_repeat_assertion": tf.strings.regex_replace(["ab ab"], "^+a|b\\b{1,2}", "X"),
        "rr_twice_named": tf.strings.regex_replace(["bb"], "(?P<n>b)(?P<n>b)", "\\2\\1-"),
        "rr_unicode_fold": tf.strings.regex_replace(["\u00e9\u00c9"], "(?i)\u00e9", "e"),
    }
    with tf.name_scope("sc"):
        ops["scoped_join"] = tf.strings.join(["a"], name="jj")
        ops["scoped_match"] = tf.strings.regex_full_match("a", "b", name="rr")
    fed_join = tf.strings.join([ph, ph], "+")
    fed_scalar = tf.strings.join([ph, a])
    failing = {
        "run_bad_pattern": tf.strings.regex_full_match(a, "("),
        "run_bad_pattern_tensor": tf.strings.regex_full_match(a, tf.constant("(")),
        "run_pattern_not_scalar": tf.strings.regex_full_match(
            "a", tf.placeholder_with_default(["a", "b"], None)),
        "run_lookahead": tf.strings.regex_replace(["ab"], "a(?=b)", "z"),
        "run_backref": tf.strings.regex_replace(["aa"], "(a)\\1", "z"),
        "run_angle_name": tf.strings.regex_replace(["aa"], "(?<x>a)", "z"),
    }
    with tf.Session() as sess:
        values = sess.run(ops)
        obs["fed_join"] = sess.run(fed_join, {ph: [["x"], ["y"]]})
        obs["fed_scalar"] = sess.run(fed_scalar, {ph: "z"})
        err("run_shape_mismatch", lambda: sess.run(fed_scalar, {ph: ["z"]}))
        for label, t in failing.items():
            err(label, lambda t=t: sess.run(t))
    for key, t in ops.items():
        obs[key] = [t.name, t.op.type, t.dtype.name, str(t.shape), values[key]]
    obs["full_pattern_attr"] = ops["full_static"].op.get_attr("pattern")
    obs["rr_attrs"] = [ops["rr_once"].op.get_attr("pattern"), ops["rr_once"].op.get_attr("rewrite"),
                       ops["rr_once"].op.get_attr("replace_global")]
    obs["join_sep_attr"] = ops["join"].op.get_attr("separator")
    obs["const_names"] = [ops["join_v1"].op.inputs[1].name,
                          tf.strings.regex_full_match("abc", tf.constant("a.*")).op.inputs[0].name]
    obs["shape_unknown_rank"] = str(tf.strings.join([ph, a]).shape)
    obs["shape_partial"] = str(tf.strings.join([ph_rows, s]).shape)
    err("build_rank_mismatch", lambda: tf.strings.join([a, tf.constant([["p", "q"], ["r", "s"]])]))
    err("build_dim_mismatch", lambda: tf.strings.join([a, tf.constant(["a", "b", "c"])]))
    err("build_int_input", lambda: tf.strings.join([a, tf.constant([1, 2])]))
    err("build_py_int", lambda: tf.strings.join(["a", 1]))
    err("build_not_list", lambda: tf.strings.join("ab"))
    err("build_match_int", lambda: tf.strings.regex_full_match(tf.constant([1]), "a"))
    err("build_pattern_rank", lambda: tf.strings.regex_full_match("a", tf.constant(["a", "b"])))
    err("build_rr_pattern_rank", lambda: tf.strings.regex_replace(["A"], tf.constant(["A"]), "z"))
    return obs
