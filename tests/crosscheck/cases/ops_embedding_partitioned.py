"""embedding_lookup over partitioned variables (get_variable with fixed_size_partitioner, uneven
shards), mod vs div on the same ids, ids of rank 2 and 0, duplicated ids, the IndexedSlices
gradients each shard receives (indices relative to the shard), and embedding_lookup of a
PartitionedVariable list vs a plain list; names and shapes."""
import numpy as np


def case(tf):
    obs = {}
    table = np.arange(11 * 3, dtype=np.float32).reshape(11, 3)
    with tf.variable_scope("emb_mod"):
        pv = tf.get_variable("table", [11, 3], initializer=tf.zeros_initializer(),
                             partitioner=tf.fixed_size_partitioner(3))
    fill, start = [], 0
    for v in pv:   # shard i holds rows [start, start + rows) of the table
        rows = v.shape.as_list()[0]
        fill.append(tf.assign(v, table[start:start + rows]))
        start += rows
    ids = tf.constant([[0, 10], [4, 4], [7, 2]])
    e_div = tf.nn.embedding_lookup(pv, ids, partition_strategy="div")
    e_mod = tf.nn.embedding_lookup(list(pv), ids, partition_strategy="mod")
    e_scalar = tf.nn.embedding_lookup(pv, tf.constant(5), partition_strategy="div")
    obs["shapes"] = [e_div.shape.as_list(), e_mod.shape.as_list(), e_scalar.shape.as_list()]
    obs["shard_shapes"] = [v.shape.as_list() for v in pv]
    obs["shard_names"] = [v.name for v in pv]
    grads = tf.gradients(tf.reduce_sum(e_div * 2.0), list(pv))
    obs["grad_kinds"] = [isinstance(g, tf.IndexedSlices) for g in grads]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(fill)
        obs["div"] = sess.run(e_div).tolist()
        obs["mod"] = sess.run(e_mod).tolist()
        obs["scalar"] = sess.run(e_scalar).tolist()
        gv = sess.run([(g.indices, g.values) for g in grads])
        obs["grads"] = [[i.tolist(), v.tolist()] for i, v in gv]
    return obs
