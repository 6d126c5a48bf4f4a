def case(tf):
    """tf.case as TF builds it (the last pair as the checked default, exclusive asserts, dict pairs
    ordered by predicate name), a nested cond's Merge as a control input in an untaken branch, and
    RefSwitch for a ref variable read inside a cond."""
    obs = {}
    x = tf.placeholder(tf.int32, [], name="px")
    r = tf.case([(x < 1, lambda: tf.constant(1)), (x > 5, lambda: tf.constant(2))], exclusive=True)
    r2 = tf.case({x < 1: lambda: tf.constant(1), x > 5: lambda: tf.constant(2)},
                 default=lambda: tf.constant(3), exclusive=True, name="c2")
    r3 = tf.case([(x < 2, lambda: tf.constant(10))], default=lambda: tf.constant(20))
    gs = tf.train.get_or_create_global_step()
    lr = tf.train.piecewise_constant(gs, [10, 20], [1.0, 0.5, 0.1])
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    read = tf.cond(x > 0, w.read_value, lambda: tf.zeros([2]))
    obs["ops"] = [[op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs]]
                  for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for v in (0, 3, 7):
            try:
                obs["run_%d" % v] = [int(a) for a in sess.run([r, r2, r3], {x: v})]
            except Exception as e:
                obs["run_%d" % v] = type(e).__name__
        obs["lr"] = [float(sess.run(lr, {gs: s})) for s in (0, 10, 15, 25)]
        obs["read"] = sess.run(read, {x: 1}).tolist()
    return obs
