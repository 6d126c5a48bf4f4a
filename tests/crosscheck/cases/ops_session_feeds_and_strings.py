def case(tf):
    """Session.run checks feeds before fetches and keeps the conversion error's class; computed
    strings come back as bytes while a fed tensor fetched directly is handed back as fed."""
    import numpy as np
    obs = {}
    x = tf.placeholder(tf.float32, [2], name="x")
    s = tf.placeholder(tf.string, [], name="s")
    v = tf.placeholder(tf.string, [2], name="v")
    sess = tf.Session()

    def err(f):
        try:
            f()
            return "ok"
        except Exception as e:
            return type(e).__name__
    obs["bad_fetch_and_bad_feed"] = err(lambda: sess.run("nope:0", {x: object()}))
    obs["feed_object"] = err(lambda: sess.run(x, {x: object()}))
    obs["feed_str_to_float"] = err(lambda: sess.run(x, {x: ["a", "b"]}))
    obs["feed_wrong_shape"] = err(lambda: sess.run(x, {x: [1., 2., 3.]}))
    obs["feed_unknown_key"] = err(lambda: sess.run(x, {"zzz:0": [1., 2.]}))
    direct = sess.run(s, {s: "hello"})
    obs["direct"] = [type(direct).__name__, type(direct[()]).__name__, str(direct[()])]
    computed = sess.run(tf.identity(s), {s: "hello"})
    obs["computed"] = [type(computed).__name__, repr(computed)]
    vec = sess.run(tf.identity(v), {v: ["a", b"b"]})
    obs["computed_vec"] = [repr(e) for e in vec.tolist()]
    arr = sess.run(tf.identity(s), {s: np.array("uni")})
    obs["computed_np_str"] = repr(arr)
    obs["const"] = repr(sess.run(tf.constant("c")))
    return obs
