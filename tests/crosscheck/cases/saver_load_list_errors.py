"""list_variables / load_variable / load_checkpoint on a prefix, a directory (its latest checkpoint), a
directory without checkpoints (ValueError), a missing prefix (NotFoundError), a missing key, `:0` names."""
import os


def _err(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    v = tf.Variable([[1.0, 2.0]], name="v")
    tf.train.get_or_create_global_step()
    os.mkdir("ck")
    os.mkdir("empty")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver = tf.train.Saver()
        saver.save(sess, "ck/m", global_step=1, write_meta_graph=False)
        sess.run(v.assign([[5.0, 6.0]]))
        saver.save(sess, "ck/m", global_step=2, write_meta_graph=False)
    obs["by_dir"] = tf.train.load_variable("ck", "v").tolist()
    obs["by_prefix"] = tf.train.load_variable("ck/m-1", "v").tolist()
    obs["colon"] = tf.train.load_variable("ck/m-1", "v:0").tolist()
    obs["colon1"] = _err(lambda: tf.train.load_variable("ck/m-1", "v:1"))
    obs["gs"] = [type(tf.train.load_variable("ck", "global_step")).__name__,
                 int(tf.train.load_variable("ck", "global_step"))]
    obs["list_dir"] = tf.train.list_variables("ck")
    obs["list_types"] = [type(tf.train.list_variables("ck")).__name__,
                         type(tf.train.list_variables("ck")[0]).__name__,
                         type(tf.train.list_variables("ck")[0][1]).__name__]
    obs["missing_key"] = _err(lambda: tf.train.load_variable("ck", "nope"))
    obs["empty_dir_list"] = _err(lambda: tf.train.list_variables("empty"))
    obs["empty_dir_load"] = _err(lambda: tf.train.load_variable("empty", "v"))
    obs["empty_dir_ckpt"] = _err(lambda: tf.train.load_checkpoint("empty"))
    obs["missing_prefix_list"] = _err(lambda: tf.train.list_variables("ck/nothere"))
    obs["missing_prefix_load"] = _err(lambda: tf.train.load_variable("ck/nothere", "v"))
    obs["missing_dir"] = _err(lambda: tf.train.list_variables("nodir"))
    os.remove("ck/m-2.index")
    obs["stale_state_dir"] = _err(lambda: tf.train.list_variables("ck"))
    return obs
