"""A Saver built inside a non-default graph context and used later; used with a session of another graph
that has the same op names (TF runs the Saver's ops by name there); restoring one graph's checkpoint into
a graph with extra and renamed scopes."""


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    g1 = tf.Graph()
    with g1.as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        saver = tf.train.Saver()
        init = v.initializer
    obs["saver_graph_ops"] = saver.as_saver_def().restore_op_name
    obs["default_graph_untouched"] = len(tf.get_default_graph().get_operations())
    with tf.Session(graph=g1) as sess:
        sess.run(init)
        obs["save_outside_context"] = saver.save(sess, "m", write_meta_graph=False)
        obs["restore_outside_context"] = _err(lambda: saver.restore(sess, "m"))
    g2 = tf.Graph()
    with g2.as_default():  # the same structure: the first Saver's op names resolve in this graph
        v2 = tf.Variable([5.0, 6.0], name="v")
        tf.train.Saver()
        with tf.Session(graph=g2) as other:
            obs["restore_same_names"] = _err(lambda: saver.restore(other, "m"))
            obs["restored_same_names"] = other.run(v2).tolist()
            obs["save_same_names"] = _err(lambda: saver.save(other, "m2", write_meta_graph=False))
            obs["saved_same_names"] = tf.train.load_variable("m2", "v").tolist()
    with tf.Graph().as_default():
        with tf.variable_scope("outer"):
            w = tf.get_variable("v", [2])
        extra = tf.get_variable("extra", [1], initializer=tf.ones_initializer())
        with tf.Session() as sess:
            sess.run(extra.initializer)
            tf.train.Saver({"v": w}).restore(sess, "m")
            obs["renamed_scope"] = sess.run(w).tolist()
            obs["extra_kept"] = sess.run(extra).tolist()
    return obs
