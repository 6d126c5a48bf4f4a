"""allow_empty=True: save returns None and writes nothing, restore does nothing; defer_build: save/restore
before build() fail, build() collects the variables existing then, and a second build() is a no-op."""
import os


def _err(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        empty = tf.train.Saver(allow_empty=True)
        obs["empty_def"] = [empty.as_saver_def() is None, getattr(empty.as_saver_def(), "restore_op_name", None)]
        with tf.Session() as sess:
            obs["empty_save"] = empty.save(sess, "e", write_meta_graph=False)
            obs["empty_restore"] = _err(lambda: empty.restore(sess, "nothing"))
            obs["empty_last"] = empty.last_checkpoints
        obs["files_after_empty"] = sorted(os.listdir("."))
        obs["empty_ops"] = [op.name for op in tf.get_default_graph().get_operations()]
    with tf.Graph().as_default():
        a = tf.Variable(1.0, name="a")
        saver = tf.train.Saver(defer_build=True)
        b = tf.Variable(2.0, name="b")
        obs["deferred_def"] = saver.as_saver_def() is None
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["save_before_build"] = _err(lambda: saver.save(sess, "d", write_meta_graph=False))
            obs["restore_before_build_missing"] = _err(lambda: saver.restore(sess, "d"))
            tf.train.Saver([a]).save(sess, "exists", write_meta_graph=False)
            obs["restore_before_build_exists"] = _err(lambda: saver.restore(sess, "exists"))
        c = tf.Variable(3.0, name="c")
        saver.build()
        d = tf.Variable(4.0, name="d")
        saver.build()
        obs["restore_op"] = saver.as_saver_def().restore_op_name
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            saver.save(sess, "d", write_meta_graph=False)
        obs["deferred_saved"] = [n for n, _ in tf.train.list_variables("d")]
        del a, b, c, d
    return obs
