"""SaveV2 / RestoreV2: the ops a Saver runs, usable directly with TF's inputs (prefix, names, slices)."""
import numpy as np
import pytest

import varflow as tf
from varflow.checkpoint import BundleReader, io_ops
from varflow.framework import errors


def test_save_v2_writes_whole_tensors_and_slices(tmp_path):
    prefix = str(tmp_path / "ck")
    with tf.Graph().as_default():
        a = tf.constant([[1.0, 2.0]])
        part = tf.constant([[3.0], [4.0]])
        filename = tf.placeholder(tf.string, [])
        save = io_ops.save_v2(filename, ["a", "p"], ["", "4 1 2,2:0,1"], [a, part])
        assert save.type == "SaveV2" and save.name == "SaveV2"
        assert [t.name for t in save.inputs[:3]] == ["Placeholder:0", "SaveV2/tensor_names:0",
                                                     "SaveV2/shape_and_slices:0"]
        with tf.Session() as sess:
            sess.run(save, {filename: prefix})
    with BundleReader(prefix) as reader:
        assert reader.list_variables() == [("a", [1, 2]), ("p", [4, 1])]
        np.testing.assert_array_equal(reader.read_slice("p", ((2, 2), (0, -1))), [[3.0], [4.0]])
        with pytest.raises(ValueError, match="sufficient slices"):
            reader.read("p")


def test_restore_v2_reads_tensors_slices_and_checks_them(tmp_path):
    prefix = str(tmp_path / "ck")
    with tf.Graph().as_default():
        with tf.Session() as sess:
            sess.run(io_ops.save_v2(prefix, ["w", "n"], ["", ""],
                                    [tf.constant(np.arange(6.0, dtype=np.float32).reshape(3, 2)),
                                     tf.constant([7, 8])]))
        whole, top = io_ops.restore_v2(prefix, ["w", "w"], ["", "3 2 0,1:0,2"], [tf.float32, tf.float32])
        assert whole.op.name == "RestoreV2" and whole.shape.ndims is None and top.shape.as_list() == [1, 2]
        with tf.Session() as sess:
            got_whole, got_top = sess.run([whole, top])
            np.testing.assert_array_equal(got_top, [[0.0, 1.0]])
            assert got_whole.shape == (3, 2)
            with pytest.raises(errors.NotFoundError, match="Key x not found.*Restore a subset"):
                sess.run(io_ops.restore_v2(prefix, ["x"], [""], [tf.float32]))
            with pytest.raises(errors.InvalidArgumentError, match="dtype float32 does not equal .* int32"):
                sess.run(io_ops.restore_v2(prefix, ["n"], [""], [tf.float32]))
            with pytest.raises(errors.InvalidArgumentError, match="does not match the shape stored"):
                sess.run(io_ops.restore_v2(prefix, ["w"], ["4 2 0,1:0,2"], [tf.float32]))


def test_saver_ops_are_tfs_and_run_by_their_saver_def_names(tmp_path):
    prefix = str(tmp_path / "direct")
    with tf.Graph().as_default() as g:
        v = tf.Variable([1.0, 2.0], name="v")
        saver = tf.train.Saver()
        d = saver.as_saver_def()
        assert [d.filename_tensor_name, d.save_tensor_name, d.restore_op_name] == \
            ["save/Const:0", "save/control_dependency:0", "save/restore_all"]
        assert g.get_operation_by_name("save/SaveV2").type == "SaveV2"
        assert g.get_operation_by_name("save/RestoreV2").device == "/device:CPU:0"
        with tf.Session() as sess:
            sess.run(v.initializer)
            sess.run(d.save_tensor_name, {d.filename_tensor_name: prefix})
            sess.run(v.assign([0.0, 0.0]))
            sess.run(d.restore_op_name, {d.filename_tensor_name: prefix})
            assert sess.run(v).tolist() == [1.0, 2.0]
