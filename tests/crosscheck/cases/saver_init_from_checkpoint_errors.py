"""init_from_checkpoint errors: a tensor missing from the checkpoint, a variable missing from the graph, a
shape mismatch, scope mapped to a name, a name mapped to a scope, a checkpoint dir without checkpoints."""
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
        with tf.variable_scope("old"):
            tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            os.mkdir("ck")
            tf.train.Saver().save(sess, "ck/m", write_meta_graph=False)
    os.mkdir("empty")
    with tf.Graph().as_default():
        with tf.variable_scope("new"):
            tf.get_variable("w", [2])
            tf.get_variable("w3", [3])
        tf.Variable([1.0, 2.0], name="plain")
        obs["missing_tensor"] = _err(lambda: tf.train.init_from_checkpoint("ck", {"old/nope": "new/w"}))
        obs["missing_var"] = _err(lambda: tf.train.init_from_checkpoint("ck", {"old/w": "new/nope"}))
        obs["shape"] = _err(lambda: tf.train.init_from_checkpoint("ck", {"old/w": "new/w3"}))
        obs["scope_to_name"] = _err(lambda: tf.train.init_from_checkpoint("ck", {"old/": "new/w"}))
        obs["name_to_scope"] = _err(lambda: tf.train.init_from_checkpoint("ck", {"old/w": "new/"}))
        obs["empty_dir"] = _err(lambda: tf.train.init_from_checkpoint("empty", {"old/w": "new/w"}))
        obs["missing_path"] = _err(lambda: tf.train.init_from_checkpoint("ck/nothere", {"old/w": "new/w"}))
        obs["plain_variable_by_name"] = _err(lambda: tf.train.init_from_checkpoint("ck", {"old/w": "plain"}))
        obs["scope_missing_in_ckpt"] = _err(lambda: tf.train.init_from_checkpoint("ck", {"zzz/": "new/"}))
        obs["ok_prefix"] = _err(lambda: tf.train.init_from_checkpoint("ck/m", {"old/w": "new/w"}))
    return obs
