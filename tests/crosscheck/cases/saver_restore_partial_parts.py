"""A checkpoint holding only some parts of a partitioned variable: list_variables shows the full shape,
load_variable fails, a Saver over the same parts restores them, a whole-variable restore fails."""


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        p = tf.get_variable("p", initializer=tf.reshape(tf.range(6.0), [6, 1]),
                            partitioner=tf.fixed_size_partitioner(3))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.train.Saver([list(p)[1], list(p)[2]]).save(sess, "m", write_meta_graph=False)
    obs["list"] = tf.train.list_variables("m")
    obs["load"] = _err(lambda: tf.train.load_variable("m", "p"))
    with tf.Graph().as_default():
        p = tf.get_variable("p", [6, 1], partitioner=tf.fixed_size_partitioner(3),
                            initializer=tf.zeros_initializer())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["same_parts"] = _err(lambda: tf.train.Saver([list(p)[1], list(p)[2]]).restore(sess, "m"))
            obs["values"] = [sess.run(x).tolist() for x in p]
            obs["one_part"] = _err(lambda: tf.train.Saver([list(p)[2]]).restore(sess, "m"))
            obs["missing_part"] = _err(lambda: tf.train.Saver([list(p)[0]]).restore(sess, "m"))
            obs["whole"] = _err(lambda: tf.train.Saver([p]).restore(sess, "m"))
    with tf.Graph().as_default():
        q = tf.get_variable("p", [6, 1])
        with tf.Session() as sess:
            obs["unpartitioned"] = _err(lambda: tf.train.Saver([q]).restore(sess, "m"))
    return obs
