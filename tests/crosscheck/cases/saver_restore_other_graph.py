"""Restoring into a differently built graph: a {checkpoint_key: variable} dict renames, a partitioned
variable restores from an unpartitioned checkpoint and vice versa (other partition counts too), a
resource variable restores what a ref variable saved, and restore leaves other variables uninitialized."""


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        w = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]], name="w")
        p = tf.get_variable("p", initializer=tf.constant([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]]),
                            partitioner=tf.fixed_size_partitioner(3))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = tf.train.Saver().save(sess, "m", write_meta_graph=False)
    with tf.Graph().as_default():
        with tf.variable_scope("new"):
            w2 = tf.get_variable("weights", [4, 2], partitioner=tf.fixed_size_partitioner(2))
            p2 = tf.get_variable("pp", [6, 1])
            r = tf.get_variable("res", [4, 2], use_resource=True)
            other = tf.get_variable("other", [1])
        with tf.Session() as sess:
            tf.train.Saver({"w": w2, "p": p2}).restore(sess, path)
            obs["parts"] = [sess.run(x).tolist() for x in w2]
            obs["unpartitioned"] = sess.run(p2).tolist()
            tf.train.Saver({"w": r}).restore(sess, path)
            obs["resource"] = sess.run(r).tolist()
            obs["uninit"] = sorted(x.decode() for x in sess.run(tf.report_uninitialized_variables()))
    with tf.Graph().as_default():
        p3 = tf.get_variable("p", [6, 1], partitioner=tf.fixed_size_partitioner(4))
        with tf.Session() as sess:
            tf.train.Saver().restore(sess, path)
            obs["four_parts"] = [sess.run(x).tolist() for x in p3]
            obs["four_part_shapes"] = [x.shape.as_list() for x in p3]
            obs["four_part_names"] = [x.name for x in p3]
    del w, p, other
    return obs
