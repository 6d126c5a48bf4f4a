"""Initializers on partitioned variables scale by the full shape (partition_info): variance
scaling / glorot / uniform_unit_scaling stds per part, identity slices, constant and ones on
parts; a callable taking partition_info sees the full shape and offsets."""
import numpy as np


def case(tf):
    obs = {"_tol": 0.08}
    tf.set_random_seed(7)
    part = tf.fixed_size_partitioner(4)
    seen = []

    def spy(shape, dtype=None, partition_info=None):
        seen.append([list(shape), None if partition_info is None else
                     [list(partition_info.full_shape), list(partition_info.var_offset)]])
        return tf.zeros(shape, dtype)

    with tf.variable_scope("p", partitioner=part):
        vs = tf.get_variable("vs", [400, 100], initializer=tf.variance_scaling_initializer(2.0, "fan_in", "untruncated_normal"))
        gl = tf.get_variable("gl", [400, 100], initializer=tf.glorot_uniform_initializer())
        uu = tf.get_variable("uu", [400, 100], initializer=tf.uniform_unit_scaling_initializer())
        ident = tf.get_variable("id", [8, 6], initializer=tf.initializers.identity(gain=2.0))
        sp = tf.get_variable("sp", [10, 3], initializer=spy)
        on = tf.get_variable("on", [6, 2], dtype=tf.float64, initializer=tf.ones_initializer())
    obs["seen"] = seen
    obs["on"] = [v.dtype.name for v in on]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for label, pv in (("vs", vs), ("gl", gl), ("uu", uu)):
            obs[label] = [float(np.std(x) * 10) for x in s.run(list(pv))]
        obs["id"] = s.run(ident.as_tensor()).tolist()
        obs["sp"] = s.run(sp.as_tensor()).shape
    obs["sp"] = list(obs["sp"])
    return obs
