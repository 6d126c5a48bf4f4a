"""Partitioned variables in checkpoints: one full-shape entry whatever the partitioning (axis 0 or 1,
min_slice / variable_axis_size partitioners), restored into other partitionings, resource partitions."""


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        a = tf.get_variable("a", initializer=tf.reshape(tf.range(12.0), [4, 3]),
                            partitioner=tf.fixed_size_partitioner(3, axis=1))
        b = tf.get_variable("b", initializer=tf.reshape(tf.range(10.0), [5, 2]),
                            partitioner=tf.fixed_size_partitioner(2), use_resource=True)
        c = tf.get_variable("c", initializer=tf.reshape(tf.range(8.0), [8, 1]),
                            partitioner=tf.variable_axis_size_partitioner(max_shard_bytes=8))
        obs["parts"] = [[p.name, p.shape.as_list()] for x in (a, b, c) for p in x]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = tf.train.Saver().save(sess, "m", write_meta_graph=False)
        obs["list"] = tf.train.list_variables(path)
        obs["a"] = tf.train.load_variable(path, "a").tolist()
        obs["b"] = tf.train.load_variable(path, "b").tolist()
    with tf.Graph().as_default():
        a = tf.get_variable("a", [4, 3], partitioner=tf.fixed_size_partitioner(2, axis=0))
        b = tf.get_variable("b", [5, 2])
        c = tf.get_variable("c", [8, 1], partitioner=tf.fixed_size_partitioner(3))
        with tf.Session() as sess:
            tf.train.Saver().restore(sess, path)
            obs["a_parts"] = [sess.run(p).tolist() for p in a]
            obs["b_full"] = sess.run(b).tolist()
            obs["c_parts"] = [sess.run(p).tolist() for p in c]
            obs["a_as_tensor"] = sess.run(tf.convert_to_tensor(a)).tolist()
    return obs
