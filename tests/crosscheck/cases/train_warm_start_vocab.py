"""tf.train.warm_start with tf.train.VocabInfo: rows remapped from an old vocabulary file to a new one
(with OOV buckets, a limited old vocabulary, partitioned variables, an OOV-only part and a renamed
checkpoint tensor), columns remapped with axis=1, VocabInfo's fields, and the error classes of bad
vocabulary arguments at build and at run time."""
import numpy as np


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    with open("old.txt", "w") as f:
        f.write("a\nb\nc\nd\n")
    with open("new.txt", "w") as f:
        f.write("d\nx\nb\na\ny\n")
    with tf.Graph().as_default():
        tf.get_variable("emb", initializer=np.arange(12, dtype=np.float32).reshape(4, 3))
        tf.get_variable("out", initializer=np.arange(8, dtype=np.float32).reshape(2, 4))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = tf.train.Saver().save(sess, "vocab/model.ckpt")
    V = tf.train.VocabInfo
    info = V("new.txt", 5, 1, "old.txt")
    obs["fields"] = [list(info._fields), info.old_vocab_size, info.backup_initializer, info.axis]
    obs["bad_axis"] = _err(lambda: V("new.txt", 5, 1, "old.txt", axis=2))

    def warm(key, name, shape, vocab_info, parts=None, select="", prev=None):
        with tf.Graph().as_default():
            var = tf.get_variable(name, shape=shape, initializer=tf.zeros_initializer(),
                                  partitioner=tf.fixed_size_partitioner(parts) if parts else None)
            try:
                tf.train.warm_start(path, name if select == "" else select,
                                    var_name_to_vocab_info={name: vocab_info},
                                    var_name_to_prev_var_name=prev)
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    obs[key] = sess.run(var.as_tensor() if parts else var).tolist()
            except Exception as e:  # noqa: BLE001 - the class is the observation
                obs[key] = type(e).__name__

    warm("rows", "emb", [6, 3], info)
    warm("rows_select_none", "emb", [6, 3], info, select=None)
    warm("rows_two_parts", "emb", [6, 3], info, parts=2)
    warm("rows_three_parts", "emb", [6, 3], info, parts=3)
    warm("oov_only_part", "emb", [6, 3], V("new.txt", 3, 3, "old.txt"), parts=2)
    warm("old_vocab_size", "emb", [6, 3], V("new.txt", 5, 1, "old.txt", old_vocab_size=2))
    warm("columns", "out", [2, 6], V("new.txt", 5, 1, "old.txt", axis=1))
    warm("renamed", "emb2", [6, 3], info, prev={"emb2": "emb"})
    warm("random_backup_shape", "emb", [6, 3], V("new.txt", 5, 1, "old.txt",
                                                 backup_initializer=tf.random_uniform_initializer(
                                                     0.5, 0.6, seed=3)))
    if isinstance(obs["random_backup_shape"], list):
        value = np.array(obs["random_backup_shape"])
        obs["random_backup_shape"] = [value[[0, 2, 3]].tolist(),
                                      bool(np.all((value[[1, 4, 5]] >= 0.5) & (value[[1, 4, 5]] < 0.6)))]
    warm("vocab_too_short", "emb", [7, 3], V("new.txt", 7, 0, "old.txt"))
    warm("cols_mismatch", "emb", [6, 4], info)
    warm("missing_vocab_file", "emb", [6, 3], V("new.txt", 5, 1, "nothere.txt"))
    warm("no_new_vocab", "emb", [6, 3], V(None, 5, 1, "old.txt"))
    with tf.Graph().as_default():
        tf.get_variable("emb", shape=[4, 3])
        obs["unused"] = _err(lambda: tf.train.warm_start(path, "emb",
                                                         var_name_to_vocab_info={"zz": info}))
    return obs
