"""The ops a Saver builds (names, types, inputs, control inputs, devices, output shapes): the filename
placeholders, SaveV2 over ref / resource / partitioned variables (sorted by checkpoint key), RestoreV2 and
the assigns grouped in restore_all; a sharded Saver over two devices."""


def _ops(tf, prefix):
    out = []
    for op in tf.get_default_graph().get_operations():
        if op.name.startswith(prefix):
            out.append([op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs],
                        op.device, [str(t.shape) for t in op.outputs]])
    return out


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        tf.get_variable("r", [2], use_resource=True)
        tf.get_variable("p", [4, 2], partitioner=tf.fixed_size_partitioner(2))
        tf.Variable(1.0, name="v")
        tf.Variable(["a"], name="a_strings")
        saver = tf.train.Saver()
        obs["plain"] = _ops(tf, "save/")
        obs["reads"] = [op.name for op in tf.get_default_graph().get_operations() if "Read" in op.name]
        with tf.Session() as sess:
            obs["consts"] = [[x.decode() for x in sess.run(name).tolist()] for name in
                             ["save/SaveV2/tensor_names:0", "save/SaveV2/shape_and_slices:0",
                              "save/RestoreV2/tensor_names:0", "save/RestoreV2/shape_and_slices:0"]]
        obs["saver_def"] = [saver.saver_def.filename_tensor_name, saver.saver_def.save_tensor_name,
                            saver.saver_def.restore_op_name]
    with tf.Graph().as_default():
        tf.Variable(1.0, name="x")
        with tf.device("/cpu:0"):
            tf.Variable(2.0, name="y")
        sharded = tf.train.Saver(sharded=True)
        names = [op.name for op in tf.get_default_graph().get_operations()]
        obs["sharded_has"] = [n for n in ["save/Const", "save/SaveV2", "save/control_dependency", "save/Identity",
                                          "save/restore_all", "save/restore_shard", "save/restore_shard_1",
                                          "save/RestoreV2", "save/RestoreV2_1", "save/Assign", "save/Assign_1"]
                              if n in names]
        obs["sharded_def"] = [sharded.saver_def.filename_tensor_name, sharded.saver_def.save_tensor_name,
                              sharded.saver_def.restore_op_name]
        obs["sharded_restore_devices"] = [tf.get_default_graph().get_operation_by_name(n).device
                                          for n in ["save/RestoreV2", "save/RestoreV2_1"]]
    return obs
