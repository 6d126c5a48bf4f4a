"""Session.partial_run: setup with fetches and feeds, running in steps that reuse earlier values,
feeding in a later step, errors for fetching twice / feeding a tensor not declared."""


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    a = tf.placeholder(tf.float32, shape=[], name="a")
    b = tf.placeholder(tf.float32, shape=[], name="b")
    c = tf.placeholder(tf.float32, shape=[], name="c")
    r1 = tf.add(a, b)
    r2 = tf.multiply(r1, c)
    with tf.Session() as sess:
        h = sess.partial_run_setup([r1, r2], [a, b, c])
        obs["h_type"] = type(h).__name__
        obs["r1"] = float(sess.partial_run(h, r1, feed_dict={a: 1.0, b: 2.0}))
        obs["r2"] = float(sess.partial_run(h, r2, feed_dict={c: 3.0}))
        h2 = sess.partial_run_setup([r1, r2], [a, b, c])
        obs["both"] = [float(x) for x in sess.partial_run(h2, [r1], {a: 2.0, b: 2.0})]
        obs["refetch"] = _err(lambda: sess.partial_run(h2, r1))
        obs["undeclared_feed"] = _err(lambda: sess.partial_run(h2, r2, {a: 5.0}))
        h3 = sess.partial_run_setup([r2], [a, b, c])
        obs["missing_feed"] = _err(lambda: sess.partial_run(h3, r2, {a: 1.0}))
        obs["undeclared_fetch"] = _err(lambda: sess.partial_run(h3, r1, {a: 1.0, b: 1.0}))
        obs["bad_handle"] = _err(lambda: sess.partial_run("nope", r1))
        v = tf.Variable(0.0, name="v")
        inc = tf.assign_add(v, 1.0)
        rnd = tf.random_uniform([], seed=1)
        o1 = inc * 2.0 + rnd * 0.0
        o2 = inc * 3.0 + a
        rr = rnd + a
        sess.run(v.initializer)
        h4 = sess.partial_run_setup([o1, o2, rnd, rr], [a])
        first = sess.partial_run(h4, [o1, rnd])
        second = sess.partial_run(h4, {"o2": o2, "rr": rr}, {a: 10.0})
        obs["stateful"] = [float(first[0]), float(second["o2"]),
                           abs(float(second["rr"]) - float(first[1]) - 10.0) < 1e-5,
                           float(sess.run(v))]
        h5 = sess.partial_run_setup([o1, inc.op], [a])
        obs["op_fetch"] = _err(lambda: sess.partial_run(h5, inc.op))
        obs["op_in_list"] = _err(lambda: sess.partial_run(h5, [o1, inc.op]))
        obs["after_op_error"] = float(sess.partial_run(h5, o1))
    return obs
