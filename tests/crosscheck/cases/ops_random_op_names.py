def case(tf):
    a = tf.random_uniform([2])
    b = tf.random_uniform([2], 0.0, 1.0)
    c = tf.random_uniform([2], -1, 3)
    d = tf.random_uniform([2], 0, 5, tf.int32)
    e = tf.random_normal([2], name="n")
    f = tf.truncated_normal([2], stddev=0.5)
    v = tf.get_variable("x", [2, 2])
    return {"outputs": [t.name for t in (a, b, c, d, e, f)],
            "ops": [(op.name, op.type) for op in tf.get_default_graph().get_operations()],
            "initial_value": v.initial_value.name}
