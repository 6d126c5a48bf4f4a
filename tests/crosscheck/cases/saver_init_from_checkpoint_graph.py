"""The ops init_from_checkpoint adds: a RestoreV2 `checkpoint_initializer` (its prefix, names and slices
constants) on the variable's CPU, then Assign / Identity + AssignVariableOp; the variables' initial_value."""


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        tf.get_variable("a", initializer=tf.constant([1.0, 2.0]))
        tf.get_variable("p", initializer=tf.constant([[1.0], [2.0], [3.0], [4.0]]),
                        partitioner=tf.fixed_size_partitioner(2))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.train.Saver().save(sess, "m", write_meta_graph=False)
    with tf.Graph().as_default():
        with tf.device("/cpu:0"):
            b = tf.get_variable("b", [2])
        q = tf.get_variable("q", [4, 1], partitioner=tf.fixed_size_partitioner(2))
        r = tf.get_variable("r", [2], use_resource=True)
        n = len(tf.get_default_graph().get_operations())
        tf.train.init_from_checkpoint("m", {"a": "b", "p": "q"})
        tf.train.init_from_checkpoint("m", {"a": "r"})
        obs["ops"] = [[op.name, op.type, [t.name for t in op.inputs], op.device, [str(t.shape) for t in op.outputs]]
                      for op in tf.get_default_graph().get_operations()[n:]]
        obs["initial_values"] = [b.initial_value.name, r.initial_value.name, str(r.initial_value.shape)]
        with tf.Session() as sess:
            obs["slices"] = [x.decode() for x in sess.run("checkpoint_initializer_2/shape_and_slices:0").tolist()]
            sess.run(tf.global_variables_initializer())
            obs["values"] = [sess.run(b).tolist(), [sess.run(x).tolist() for x in q], sess.run(r).tolist()]
    return obs
