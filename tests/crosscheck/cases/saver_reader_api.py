"""NewCheckpointReader: shape and dtype maps (partitioned variables as one full-shape entry), has_tensor,
get_tensor's types and dtypes for strings, bools, scalars, float16, float64, and its errors."""


def _err(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    import numpy as np
    obs = {}
    with tf.variable_scope("net"):
        tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [3.0, 4.0]]))
        tf.get_variable("b", initializer=tf.constant([0.5], dtype=tf.float64))
    tf.Variable([7, 8, 9], name="ints")
    tf.Variable(["a", "bc"], name="strs")
    tf.Variable([True, False], name="bools")
    tf.Variable(3, dtype=tf.int64, name="scalar")
    tf.Variable(np.ones([2], np.float16), name="half")
    tf.get_variable("p", [4, 3], partitioner=tf.fixed_size_partitioner(2), initializer=tf.ones_initializer())
    tf.get_variable("r", [2], use_resource=True, initializer=tf.zeros_initializer())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = tf.train.Saver().save(sess, "m", write_meta_graph=False)
    reader = tf.train.NewCheckpointReader(path)
    obs["shapes"] = sorted(reader.get_variable_to_shape_map().items())
    obs["shape_value_type"] = type(reader.get_variable_to_shape_map()["p"]).__name__
    obs["dtypes"] = sorted((k, v.name) for k, v in reader.get_variable_to_dtype_map().items())
    obs["dtype_is_tf_dtype"] = all(isinstance(v, tf.DType) for v in reader.get_variable_to_dtype_map().values())
    obs["has"] = [reader.has_tensor(k) for k in ["net/w", "net/w:0", "nope", "p", "p/part_0", "r"]]
    for k in ["strs", "bools", "scalar", "half", "p", "net/b", "ints", "r"]:
        t = reader.get_tensor(k)
        obs["get_" + k] = [type(t).__name__, str(t.dtype), list(np.shape(t)), t.tolist()]
    obs["get_missing"] = _err(lambda: reader.get_tensor("nope"))
    obs["get_colon"] = _err(lambda: reader.get_tensor("net/w:0"))
    obs["debug_string_type"] = type(reader.debug_string()).__name__
    obs["new_reader_missing"] = _err(lambda: tf.train.NewCheckpointReader("nothere"))
    obs["load_checkpoint_same"] = sorted(tf.train.load_checkpoint(path).get_variable_to_shape_map()) == \
        sorted(reader.get_variable_to_shape_map())
    return obs
