"""init_from_checkpoint assignment maps: variable name -> variable name, scope/ -> scope/, '/' -> scope/,
scope/ -> '/', a Variable object as the value, a partitioned variable (name and part list forms), and
that only mapped variables get the checkpoint values."""


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        with tf.variable_scope("old"):
            tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
            with tf.variable_scope("inner"):
                tf.get_variable("b", initializer=tf.constant([3.0]))
        tf.get_variable("top", initializer=tf.constant([4.0, 5.0, 6.0, 7.0]))
        tf.get_variable("part", initializer=tf.constant([[1.0], [2.0], [3.0], [4.0]]),
                        partitioner=tf.fixed_size_partitioner(2))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.train.Saver().save(sess, "m", write_meta_graph=False)
    with tf.Graph().as_default():
        with tf.variable_scope("new"):
            w = tf.get_variable("w", [2])
            with tf.variable_scope("inner"):
                b = tf.get_variable("b", [1])
        with tf.variable_scope("a"):
            w_a = tf.get_variable("w", [2])
        with tf.variable_scope("root"):
            top = tf.get_variable("top", [4])
            part_r = tf.get_variable("part", [4, 1])
        x = tf.get_variable("x", [4], initializer=tf.zeros_initializer())
        part2 = tf.get_variable("p2", [4, 1], partitioner=tf.fixed_size_partitioner(4))
        part3 = tf.get_variable("p3", [4, 1], partitioner=tf.fixed_size_partitioner(2))
        unmapped = tf.get_variable("unmapped", [1], initializer=tf.constant_initializer(9.0))
        tf.train.init_from_checkpoint("m", {"old/": "new/"})
        tf.train.init_from_checkpoint("m", {"old/w": "a/w"})
        tf.train.init_from_checkpoint("m", {"/": "root/"})
        tf.train.init_from_checkpoint("m", {"top": x})
        tf.train.init_from_checkpoint("m", {"part": "p2"})
        tf.train.init_from_checkpoint("m", {"part": list(part3)})
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["scope_map"] = sess.run([w, b]) and [sess.run(w).tolist(), sess.run(b).tolist()]
            obs["name_map"] = sess.run(w_a).tolist()
            obs["root_map"] = [sess.run(top).tolist(), sess.run(part_r).tolist()]
            obs["var_object"] = sess.run(x).tolist()
            obs["partitioned_name"] = [sess.run(p).tolist() for p in part2]
            obs["partitioned_list"] = [sess.run(p).tolist() for p in part3]
            obs["unmapped"] = sess.run(unmapped).tolist()
        obs["initial_value_name_has_ckpt"] = "checkpoint_initializer" in w.initial_value.name
    return obs
