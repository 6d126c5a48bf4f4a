"""Running a Saver's ops by the names in its SaverDef: feeding save/Const:0 and running the save tensor
writes a checkpoint (no state file), running restore_all with the filename restores; the filename tensor's
default is the Saver's `filename`; a Saver made from that SaverDef builds no ops and runs those."""
import os


def case(tf):
    obs = {}
    v = tf.Variable([1.0, 2.0], name="v")
    saver = tf.train.Saver(filename="deflt")
    d = saver.as_saver_def()
    g = tf.get_default_graph()
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = sess.run(d.save_tensor_name, {d.filename_tensor_name: "direct"})
        obs["save_result"] = out.decode() if isinstance(out, bytes) else out
        obs["files"] = sorted(os.listdir("."))
        obs["list"] = tf.train.list_variables("direct")
        sess.run(v.assign([7.0, 7.0]))
        sess.run(d.restore_op_name, {d.filename_tensor_name: "direct"})
        obs["restored"] = sess.run(v).tolist()
        default = sess.run(d.filename_tensor_name)
        obs["default_filename"] = default.decode() if isinstance(default, bytes) else default
        sess.run(d.save_tensor_name)
        obs["files_default"] = sorted(os.listdir("."))
        obs["tensors"] = [g.get_tensor_by_name(d.filename_tensor_name).dtype.name,
                          str(g.get_tensor_by_name(d.filename_tensor_name).shape),
                          g.get_tensor_by_name(d.save_tensor_name).op.type,
                          g.get_operation_by_name(d.restore_op_name).type]
        try:
            sess.run(d.restore_op_name, {d.filename_tensor_name: "nothere"})
            obs["restore_missing"] = "ok"
        except Exception as e:  # noqa: BLE001
            obs["restore_missing"] = type(e).__name__
        n_ops = len(g.get_operations())
        again = tf.train.Saver(saver_def=d, max_to_keep=9)
        obs["from_saver_def"] = [len(g.get_operations()) - n_ops, again.as_saver_def() is d,
                                 again.as_saver_def().max_to_keep]
        obs["from_saver_def_save"] = again.save(sess, "again", write_meta_graph=False)
        obs["from_saver_def_list"] = tf.train.list_variables("again")
    return obs
