"""What each var_list form saves: a list (keys = op names), a tuple, a dict (keys rename), a
PartitionedVariable (one full-shape key), the parts list of one, one part alone, resource variables."""
import os


def case(tf):
    obs = {}
    a = tf.Variable([1.0, 2.0], name="a")
    with tf.variable_scope("net"):
        b = tf.get_variable("b", [2], use_resource=True, initializer=tf.ones_initializer())
        p = tf.get_variable("p", [4, 2], partitioner=tf.fixed_size_partitioner(2),
                            initializer=tf.constant_initializer(3.0))
    i = tf.Variable(7, name="i")
    forms = {
        "list": [a, b, i],
        "tuple": (a, b),
        "dict": {"renamed/a": a, "bee": b},
        "partitioned": [p],
        "parts": list(p),
        "one_part": [list(p)[1]],
        "dict_partitioned": {"pp": p},
        "dict_parts": {"pp": list(p)},
        "dict_one_part": {"pp": list(p)[0]},
        "default": None,
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for label, var_list in forms.items():
            saver = tf.train.Saver(var_list)
            path = saver.save(sess, label, write_meta_graph=False)
            obs[label] = [[n, s] for n, s in tf.train.list_variables(path)]
        try:
            obs["one_part_value"] = tf.train.load_variable("one_part", "net/p").tolist()
        except Exception as e:  # noqa: BLE001
            obs["one_part_value"] = type(e).__name__
        obs["dict_one_part_value"] = tf.train.load_variable("dict_one_part", "pp").tolist()
        obs["renamed_value"] = tf.train.load_variable("dict", "renamed/a").tolist()
    obs["n_files"] = len([f for f in os.listdir(".") if f.endswith(".index")])
    return obs
