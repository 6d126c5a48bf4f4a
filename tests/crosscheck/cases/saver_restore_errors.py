"""Restore errors: no checkpoint at the path (ValueError), None, a directory, a missing key (NotFoundError),
a shape mismatch and a dtype mismatch (InvalidArgumentError); reshape=True accepts same-size shapes."""
import os


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        a = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="a")
        i = tf.Variable([1, 2], name="i")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            os.mkdir("ck")
            tf.train.Saver().save(sess, "ck/m", write_meta_graph=False)
    with tf.Graph().as_default():
        a = tf.Variable([[0.0, 0.0], [0.0, 0.0]], name="a")
        i = tf.Variable([0, 0], name="i")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            obs["missing_file"] = _err(lambda: saver.restore(sess, "ck/nothere"))
            obs["none"] = _err(lambda: saver.restore(sess, None))
            obs["directory"] = _err(lambda: saver.restore(sess, "ck"))
            obs["data_file_name"] = _err(lambda: saver.restore(sess, "ck/m.index"))
            obs["ok"] = _err(lambda: saver.restore(sess, "ck/m"))
            obs["values"] = sess.run([a, i])
    with tf.Graph().as_default():
        tf.Variable([0.0], name="zz")
        with tf.Session() as sess:
            obs["missing_key"] = _err(lambda: tf.train.Saver().restore(sess, "ck/m"))
    with tf.Graph().as_default():
        tf.Variable([0.0, 0.0, 0.0, 0.0], name="a")
        with tf.Session() as sess:
            obs["shape"] = _err(lambda: tf.train.Saver().restore(sess, "ck/m"))
            ra = tf.Variable([0.0, 0.0, 0.0, 0.0], name="a2")
            reshaping = tf.train.Saver({"a": ra}, reshape=True)
            obs["reshape"] = _err(lambda: reshaping.restore(sess, "ck/m"))
            obs["reshaped_value"] = sess.run(ra).tolist() if obs["reshape"] == "ok" else None
            rb = tf.Variable([0.0, 0.0, 0.0], name="a3")
            obs["reshape_wrong_size"] = _err(lambda: tf.train.Saver({"a": rb}, reshape=True).restore(sess, "ck/m"))
    with tf.Graph().as_default():
        tf.Variable([0.0, 0.0], name="i")
        with tf.Session() as sess:
            obs["dtype"] = _err(lambda: tf.train.Saver().restore(sess, "ck/m"))
    with tf.Graph().as_default():
        tf.Variable([[0.0, 0.0], [0.0, 0.0]], name="a", dtype=tf.float64)
        with tf.Session() as sess:
            obs["dtype_float64"] = _err(lambda: tf.train.Saver().restore(sess, "ck/m"))
    return obs
