def case(tf):
    """tf.Assert (guarded by an AssertGuard cond for non-string/int32 data), the tf.debugging
    asserts' scopes and data, tf.cond branches returning ops, nested conds and capture order."""
    obs = {}
    a = tf.placeholder(tf.float32, [None], name="pa")
    i = tf.placeholder(tf.int32, [None], name="pi")
    c = tf.placeholder(tf.bool, [], name="pc")
    q = tf.placeholder(tf.bool, [], name="pq")
    built = {
        "assert_float": tf.Assert(c, ["bad", a], name="A"),
        "assert_str": tf.Assert(c, ["bad", 3]),
        "eq": tf.assert_equal(i, i + 1),
        "eq_same": tf.assert_equal(i, i, name="same"),
        "less_msg": tf.assert_less(a, a + 1.0, message="m"),
        "positive": tf.assert_positive(i),
        "non_positive": tf.assert_non_positive(a, message="np"),
        "non_negative_data": tf.assert_non_negative(i, data=["d", i]),
    }
    def branch():
        with tf.control_dependencies([tf.Print(a, [a]).op]):
            y = a * 2.0
        return tf.cond(q, lambda: y + a, lambda: tf.zeros_like(a))
    out = tf.cond(c, branch, lambda: a - 1.0, name="C")
    with tf.control_dependencies([c.op]):
        out2 = tf.cond(c, lambda: a * 3.0, lambda: a, name="D")
    op_out = tf.cond(c, tf.no_op, lambda: tf.Print(a, [a]).op, name="G")
    obs["names"] = {k: [v.name, v.type] for k, v in built.items()}
    obs["ops"] = [[op.name, op.type, [t.name for t in op.inputs], [x.name for x in op.control_inputs]]
                  for op in tf.get_default_graph().get_operations()]
    try:
        tf.assert_positive(tf.constant([1, -1]), message="st")
    except Exception as e:
        obs["static"] = [type(e).__name__, str(e)]
    with tf.Session() as sess:
        feed = {a: [1.0, 2.0], i: [1, 2], c: True, q: True}
        obs["run"] = [v.tolist() for v in sess.run([out, out2, op_out], feed)]
        obs["run_f"] = sess.run(out, {a: [1.0, 2.0], c: True, q: False}).tolist()
        sess.run([built["positive"], built["assert_str"]], feed)
        try:
            sess.run(built["assert_float"], {a: [1.0], c: False})
        except Exception as e:
            obs["fail"] = type(e).__name__
    return obs
