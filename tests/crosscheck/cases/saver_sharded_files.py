"""sharded=True writes one data file per device (`-0000k-of-0000n`), the same index; the restore op
structure groups per device; restore and list_variables work as for unsharded checkpoints."""
import os


def case(tf):
    obs = {}
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.device("/cpu:0"):
        w = tf.Variable([3.0], name="w")
        u = tf.Variable([4.0], name="u")
    with tf.device("/job:localhost/replica:0/task:0/device:CPU:0"):
        x = tf.Variable([5.0], name="x")
    saver = tf.train.Saver(sharded=True)
    one = tf.train.Saver([v], sharded=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["path"] = saver.save(sess, "m", global_step=3, write_meta_graph=False)
        obs["path_one"] = one.save(sess, "one", write_meta_graph=False)
        obs["files"] = sorted(f for f in os.listdir(".") if not f.endswith(".meta"))
        with open("checkpoint") as f:
            obs["state"] = f.read()
        sess.run([v.assign([0.0, 0.0]), w.assign([0.0]), x.assign([0.0])])
        saver.restore(sess, "m-3")
        obs["restored"] = sess.run([v, w, u, x])
        obs["list"] = tf.train.list_variables("m-3")
    obs["restore_op_device"] = tf.get_default_graph().get_operation_by_name(
        saver.as_saver_def().restore_op_name).device
    obs["restore_all_inputs"] = sorted(op.name for op in tf.get_default_graph().get_operation_by_name(
        saver.as_saver_def().restore_op_name).control_inputs)
    return obs
