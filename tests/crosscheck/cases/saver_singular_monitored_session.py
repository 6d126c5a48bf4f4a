"""SingularMonitoredSession: initializes variables, raw_session(), run() with fetch structures and feeds,
a hook feeding a placeholder (and the error when the caller feeds it too), close / closed behaviour,
restoring from checkpoint_dir and checkpoint_filename_with_path."""
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
        v = tf.Variable([1.0, 2.0], name="v")
        x = tf.placeholder(tf.float32, [], name="x")
        y = v * x

        class Feeder(tf.train.SessionRunHook):
            def before_run(self, run_context):
                obs.setdefault("original_fetches", repr(type(run_context.original_args.fetches).__name__))
                return tf.train.SessionRunArgs(None, feed_dict={x: 3.0})

        sess = tf.train.SingularMonitoredSession(hooks=[Feeder()])
        obs["raw_type"] = type(sess.raw_session()).__name__
        obs["graph_same"] = sess.graph is tf.get_default_graph()
        obs["fetch_dict"] = {k: val.tolist() for k, val in sess.run({"y": y, "v": v}).items()}
        obs["fetch_list"] = [val.tolist() for val in sess.run([y, v])]
        obs["double_feed"] = _err(lambda: sess.run(y, feed_dict={x: 1.0}))
        obs["should_stop"] = sess.should_stop()
        sess.close()
        obs["should_stop_closed"] = sess.should_stop()
        obs["run_closed"] = _err(lambda: sess.run(v))
        obs["close_twice"] = _err(sess.close)
        with tf.Session() as plain:
            plain.run(v.assign([5.0, 6.0]))
            os.mkdir("ck")
            tf.train.Saver().save(plain, "ck/m", write_meta_graph=False)
            tf.train.Saver().save(plain, "other", write_meta_graph=False)
    with tf.Graph().as_default():
        v = tf.Variable([0.0, 0.0], name="v")
        with tf.train.SingularMonitoredSession(checkpoint_dir="ck") as sess:
            obs["restored_dir"] = sess.run(v).tolist()
        with tf.train.SingularMonitoredSession(checkpoint_filename_with_path="other") as sess:
            obs["restored_path"] = sess.run(v).tolist()
        with tf.train.SingularMonitoredSession(checkpoint_dir="nothing_here") as sess:
            obs["initialized"] = sess.run(v).tolist()
        obs["dir_made"] = os.path.exists("nothing_here")
    return obs
