"""tf.train.warm_start: a regex over trainable variables, lists of regexes over global variables, lists
of variables, partitioned variables warm-started whole, renames, the initializer ops it adds, and the
error classes of bad selections, unused renames and shape mismatches."""
import numpy as np


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def _build(tf):
    zeros = tf.zeros_initializer()
    return (tf.get_variable("a", shape=[2, 3], initializer=zeros),
            tf.get_variable("s/b", shape=[2], initializer=zeros),
            tf.get_variable("c", shape=[], initializer=zeros, trainable=False),
            tf.get_variable("p", shape=[4, 2], initializer=zeros,
                            partitioner=tf.fixed_size_partitioner(2)))


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        tf.get_variable("a", initializer=np.arange(6, dtype=np.float32).reshape(2, 3))
        tf.get_variable("s/b", initializer=np.array([1.0, 2.0], np.float32))
        tf.get_variable("c", initializer=np.float32(7.0), trainable=False)
        p = tf.get_variable("p", shape=[4, 2], initializer=tf.zeros_initializer(),
                            partitioner=tf.fixed_size_partitioner(2))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for k, part in enumerate(p):
                part.load(np.arange(4, dtype=np.float32).reshape(2, 2) + 10 * k, sess)
            path = tf.train.Saver().save(sess, "ws/model.ckpt")

    def warm(key, select, ckpt=path, **kwargs):
        with tf.Graph().as_default() as graph:
            variables = _build(tf)
            before = len(graph.get_operations())
            try:
                tf.train.warm_start(ckpt, select, **kwargs)
            except Exception as e:  # noqa: BLE001 - the class is the observation
                obs[key] = type(e).__name__
                return
            ops = [(op.name, op.type) for op in graph.get_operations()[before:]]
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                values = sess.run(list(variables[:3]) + [variables[3].as_tensor()])
            obs[key] = {"ops": ops, "values": [v.tolist() for v in values]}

    warm("default", ".*")
    warm("scope", "s/")
    warm("nontrainable_string", "c")
    warm("list_global", ["c", "p"])
    warm("none", None)
    warm("empty_list_missing_ckpt", [], ckpt="ws/nonexist")
    warm("directory", "a", ckpt="ws")
    warm("missing_ckpt", ".*", ckpt="ws/nonexist")
    warm("rename", "a", var_name_to_prev_var_name={"a": "a"})
    warm("unused_rename", "a", var_name_to_prev_var_name={"zz": "a"})
    warm("shape_mismatch", "a", var_name_to_prev_var_name={"a": "s/b"})
    warm("missing_tensor", "a", var_name_to_prev_var_name={"a": "nothere"})
    warm("bad_type", 5)
    warm("tuple", ("a",))
    warm("mixed_list", ["a", 5])
    warm("duplicate", ["a", "a.*"])

    with tf.Graph().as_default():
        a, b, c, p = _build(tf)
        other = tf.get_variable("other", shape=[2], initializer=tf.zeros_initializer())
        obs["partitioned_object"] = _err(lambda: tf.train.warm_start(path, [p]))
        tf.train.warm_start(path, [a, c] + list(p))
        tf.train.warm_start(path, ["other"], var_name_to_prev_var_name={"other": "s/b"})
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["variables_list"] = [v.tolist() for v in sess.run([a, b, c, p.as_tensor(), other])]
    return obs
