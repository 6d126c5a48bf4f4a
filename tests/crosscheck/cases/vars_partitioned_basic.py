"""Partitioned variables: fixed_size_partitioner parts (names part_N, shapes, uneven splits),
PartitionedVariable API (name, shape, dtype, len, iteration, as_tensor/concat, get_partitions),
collections, values after initialization, axis=1."""
import numpy as np


def case(tf):
    obs = {}
    with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(3)):
        pv = tf.get_variable("w", initializer=tf.constant(np.arange(40.0).reshape(10, 4), dtype=tf.float32))
        try:        # a full-size constant initializer does not fit the parts
            tf.get_variable("wc", [10, 4], initializer=tf.constant_initializer(np.arange(40).reshape(10, 4)))
            obs["const_init_parts"] = "ok"
        except Exception as e:
            obs["const_init_parts"] = type(e).__name__
    parts = list(pv)
    obs["type"] = type(pv).__name__
    obs["pv"] = [pv.name, pv.get_shape().as_list(), pv.dtype.name, len(parts)]
    obs["parts"] = [[p.name, p.shape.as_list(), p.dtype.name] for p in parts]
    obs["globals"] = [v.name for v in tf.global_variables()]
    obs["trainable"] = [v.name for v in tf.trainable_variables()]
    t = pv.as_tensor()
    obs["as_tensor"] = [t.name, t.op.type, t.shape.as_list()]
    c = tf.convert_to_tensor(pv)
    obs["convert"] = [c.name, c.op.type]
    obs["partitions"] = list(pv._get_partitions())
    obs["has_op"] = hasattr(pv, "op")
    obs["initial_values"] = [[p.initial_value.name, p.initial_value.op.type] for p in parts]
    a = pv.assign(np.ones([10, 4], np.float32))
    obs["assign"] = [[x.name, x.op.type] for x in a]
    obs["slice_info"] = [[p._get_save_slice_info().full_name, p._get_save_slice_info().full_shape,
                          p._get_save_slice_info().var_offset, p._get_save_slice_info().var_shape]
                         for p in parts]
    obs["spec"] = [p._get_save_slice_info().spec for p in parts]
    pv2 = tf.get_variable("cols", [3, 7], partitioner=tf.fixed_size_partitioner(2, axis=1),
                          initializer=tf.ones_initializer())
    obs["axis1"] = [[p.name, p.shape.as_list()] for p in pv2]
    pv3 = tf.get_variable("many", [2, 3], partitioner=tf.fixed_size_partitioner(5))
    obs["more_shards_than_rows"] = [[p.name, p.shape.as_list()] for p in pv3]
    pv4 = tf.get_variable("one", [4], partitioner=tf.fixed_size_partitioner(1))
    obs["one_shard"] = [type(pv4).__name__, [p.name for p in pv4]]
    s = tf.get_variable("scalar", [], partitioner=tf.fixed_size_partitioner(2))
    obs["scalar"] = [type(s).__name__, s.name]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["value"] = sess.run(t).tolist()
        obs["part1"] = sess.run(parts[1]).tolist()
        obs["cols"] = sess.run(tf.convert_to_tensor(pv2)).tolist()
        sess.run(a)
        obs["after_assign"] = sess.run(pv.as_tensor()).tolist()
    return obs
