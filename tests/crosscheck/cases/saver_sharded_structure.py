"""A sharded Saver's save ops as TF builds them: the `_temp/part` prefix (StaticRegexFullMatch,
Select, StringJoin), one ShardedFilename + SaveV2 + control_dependency per device (on that device's
CPU), a Pack of the shard prefixes, MergeV2Checkpoints and the final Identity on the last device; the
merge of a partitioned variable whose parts live on two devices."""
import os


def case(tf):
    obs = {}
    g = tf.get_default_graph()
    with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
        tf.get_variable("emb", [4, 2], initializer=tf.ones_initializer(),
                        partitioner=tf.fixed_size_partitioner(2))
        tf.Variable([2.0], name="b")
    tf.Variable(3, name="c")
    start = len(g.get_operations())
    saver = tf.train.Saver(sharded=True)
    obs["save_ops"] = [[op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs],
                        op.device, [str(t.shape) for t in op.outputs]]
                       for op in g.get_operations()[start:] if not op.name.startswith("save/Restore")
                       and "restore" not in op.name and "Assign" not in op.name]
    obs["attrs"] = [g.get_operation_by_name("save/StaticRegexFullMatch").get_attr("pattern"),
                    g.get_operation_by_name("save/StringJoin").get_attr("separator"),
                    g.get_operation_by_name("save/MergeV2Checkpoints").get_attr("delete_old_dirs")]
    obs["saver_def"] = [saver.saver_def.save_tensor_name, saver.saver_def.sharded]

    local = tf.Graph()
    with local.as_default():
        with tf.device("/cpu:0"):
            tf.get_variable("emb", [4, 2], initializer=tf.ones_initializer(),
                            partitioner=tf.fixed_size_partitioner(2))
        with tf.device("/job:localhost/replica:0/task:0/device:CPU:0"):
            b = tf.Variable([2.0], name="b")
        saver = tf.train.Saver(sharded=True)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["path"] = saver.save(sess, "m", write_meta_graph=False)
            obs["files"] = sorted(os.listdir("."))
            obs["vars"] = tf.train.list_variables("m")
            sess.run(b.assign([0.0]))
            saver.restore(sess, "m")
            obs["restored"] = sess.run(b).tolist()
    return obs
