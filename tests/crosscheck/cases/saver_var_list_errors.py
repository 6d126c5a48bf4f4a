"""Saver constructor errors (duplicates, non-variables, non-string keys, a bare variable or string,
nothing to save, defer_build with var_list, mixing a partitioned variable with its part), and that a
failed constructor does not use up the `save` name scope."""


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    a = tf.Variable([1.0, 2.0], name="a")
    p = tf.get_variable("p", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    obs["dup_list"] = _err(lambda: tf.train.Saver([a, a]))
    obs["dup_dict"] = _err(lambda: tf.train.Saver({"x": a, "y": a}))
    obs["tensor"] = _err(lambda: tf.train.Saver([tf.constant(1.0)]))
    obs["read_tensor"] = _err(lambda: tf.train.Saver([a.value()]))
    obs["dict_tensor"] = _err(lambda: tf.train.Saver({"x": tf.constant(1.0)}))
    obs["dict_read_tensor"] = _err(lambda: tf.train.Saver({"x": a.value()}))
    obs["int_key"] = _err(lambda: tf.train.Saver({1: a}))
    obs["string"] = _err(lambda: tf.train.Saver("a"))
    obs["bare_variable"] = _err(lambda: tf.train.Saver(a))
    obs["empty_list"] = _err(lambda: tf.train.Saver([]))
    obs["empty_dict"] = _err(lambda: tf.train.Saver({}))
    obs["defer_with_list"] = _err(lambda: tf.train.Saver([a], defer_build=True))
    obs["mix_partitioned_and_part"] = _err(lambda: tf.train.Saver([p, list(p)[0]]))
    obs["same_part_twice"] = _err(lambda: tf.train.Saver([list(p)[0], list(p)[0]]))
    obs["partitioned_twice"] = _err(lambda: tf.train.Saver([p, p]))
    obs["ops_after_failures"] = sorted(op.name for op in tf.get_default_graph().get_operations()
                                       if op.name.endswith("restore_all"))
    saver = tf.train.Saver([a])
    obs["first_success"] = saver.as_saver_def().restore_op_name
    return obs
