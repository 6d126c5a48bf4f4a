"""MetaGraphDefs: export_meta_graph / import_meta_graph, the .meta files Saver.save writes, and the protos
behind them (SaverDef, VariableDef, CondContextDef). What TF writes for the same graphs is pinned by the
recorded cross-check case train_meta_graph_export; tests/interop/test_meta_graph_interop.py runs TF."""
import logging
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import varflow as tf
from varflow.framework.meta_graph import (CollectionDef, CondContextDef, MetaGraphDef, SaverDef, VariableDef,
                                          prepend_name_scope, read_meta_graph_file, strip_name_scope)

RNG = np.random.RandomState(0)
X = RNG.randn(16, 4).astype(np.float32)
Y = RNG.randn(16, 1).astype(np.float32)
W1 = (RNG.randn(4, 8) * 0.5).astype(np.float32)
W2 = (RNG.randn(8, 1) * 0.5).astype(np.float32)


def _mlp():
    """An MLP trained with Adam, its train op in the `train_op` collection and a tf.cond on the loss."""
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    with tf.variable_scope("h"):
        w1 = tf.get_variable("kernel", initializer=W1)
        b1 = tf.get_variable("bias", [8], initializer=tf.zeros_initializer())
    with tf.variable_scope("out"):
        w2 = tf.get_variable("kernel", initializer=W2)
        b2 = tf.get_variable("bias", [1], initializer=tf.zeros_initializer())
    out = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2
    loss = tf.reduce_mean(tf.square(out - y), name="loss")
    train = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=tf.train.get_or_create_global_step())
    tf.add_to_collection("train_op", train)
    picked = tf.cond(loss > 1.0, lambda: loss * 2, lambda: loss * 3, name="pick")
    return x, y, loss, train, picked


def _train_and_save(prefix, steps_after=3):
    """Train 3 steps, save (writing the .meta), train `steps_after` more; the losses after saving."""
    x, y, loss, train, _ = _mlp()
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, {x: X, y: Y})
        saver.save(sess, prefix)
        return [sess.run([loss, train], {x: X, y: Y})[0] for _ in range(steps_after)]


# --- the classic workflow -------------------------------------------------------------------------
def test_import_meta_graph_restores_and_continues_training_with_the_same_numbers(tmp_path):
    prefix = str(tmp_path / "m.ckpt")
    expected = _train_and_save(prefix)
    with tf.Graph().as_default() as g:
        saver = tf.train.import_meta_graph(prefix + ".meta")
        x, y, loss = (g.get_tensor_by_name(n) for n in ("x:0", "y:0", "loss:0"))
        train = tf.get_collection("train_op")[0]
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            got = [sess.run([loss, train], {x: X, y: Y})[0] for _ in range(3)]
            assert sess.run(tf.train.get_global_step()) == 6
    np.testing.assert_array_equal(got, expected)


def test_import_in_a_fresh_process(tmp_path):
    prefix = str(tmp_path / "m.ckpt")
    expected = _train_and_save(prefix)
    code = textwrap.dedent("""
        import sys, numpy as np, varflow as tf
        rng = np.random.RandomState(0)
        X = rng.randn(16, 4).astype(np.float32); Y = rng.randn(16, 1).astype(np.float32)
        saver = tf.train.import_meta_graph(sys.argv[1] + ".meta")
        g = tf.get_default_graph()
        train = tf.get_collection("train_op")[0]
        with tf.Session() as sess:
            saver.restore(sess, sys.argv[1])
            feed = {g.get_tensor_by_name("x:0"): X, g.get_tensor_by_name("y:0"): Y}
            print([float(sess.run(["loss:0", train], feed)[0]) for _ in range(3)])
    """)
    out = subprocess.run([sys.executable, "-c", code, prefix], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    np.testing.assert_array_equal(eval(out.stdout.strip().splitlines()[-1]), np.float32(expected))


def test_imported_variables_are_variables_shared_between_collections(tmp_path):
    prefix = str(tmp_path / "m.ckpt")
    _train_and_save(prefix, steps_after=0)
    names = [v.name for v in tf.global_variables()]
    with tf.Graph().as_default():
        tf.train.import_meta_graph(prefix + ".meta")
        assert [v.name for v in tf.global_variables()] == names
        assert [v.name for v in tf.trainable_variables()] == ["h/kernel:0", "h/bias:0", "out/kernel:0",
                                                             "out/bias:0"]
        assert all(isinstance(v, tf.Variable) for v in tf.global_variables())
        assert tf.trainable_variables()[0] is tf.global_variables()[0]
        # TF rebuilds GLOBAL_STEP's entry separately (it is not one of the variable collections)
        step = tf.get_collection(tf.GraphKeys.GLOBAL_STEP)[0]
        assert step.name == "global_step:0" and step is not tf.global_variables()[4]
        assert step.aggregation == tf.VariableAggregation.ONLY_FIRST_REPLICA and not step.trainable
        w = tf.global_variables()[0]
        assert w.initializer.name == "h/kernel/Assign" and w.value().name == "h/kernel/read:0"
        assert w.initial_value.name == "h/kernel/initial_value:0"
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())     # the imported initializers run
            np.testing.assert_array_equal(sess.run(w), W1)


def test_gradients_through_an_imported_cond(tmp_path):
    prefix = str(tmp_path / "m.ckpt")
    _train_and_save(prefix, steps_after=0)
    with tf.Graph().as_default() as g:
        saver = tf.train.import_meta_graph(prefix + ".meta")
        merge = g.get_tensor_by_name("pick/Merge:0")
        assert merge.op.get_attr("_cond_pred").name == "pick/pred_id:0"
        assert [c.name for c in tf.get_collection("cond_context")] == ["pick/cond_text", "pick/cond_text_1"]
        loss = g.get_tensor_by_name("loss:0")
        grad = tf.gradients(merge, loss)[0]
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            feed = {"x:0": X, "y:0": Y}
            value = sess.run(loss, feed)
            assert sess.run(grad, feed) == (2.0 if value > 1.0 else 3.0)
            assert sess.run(grad, {"x:0": X, "y:0": Y + 100}) == 2.0


def test_import_scope_prefixes_graph_collections_and_saver(tmp_path):
    prefix = str(tmp_path / "m.ckpt")
    tf.placeholder(tf.float32, [None, 2], name="x")
    v = tf.get_variable("v", initializer=[1.0, 2.0])
    y = tf.multiply(v, 3.0, name="y")
    tf.add_to_collection("outs", y)
    tf.add_to_collection("ops", y.op)
    tf.add_to_collection("strs", "hello")
    tf.add_to_collection("strs", b"raw")
    tf.add_to_collection("ints", 7)
    tf.add_to_collection("floats", 2.5)
    with tf.Session() as sess:
        sess.run(v.initializer)
        tf.train.Saver().save(sess, prefix)
    with tf.Graph().as_default() as g:
        tf.constant(0, name="imp")               # the scope name is taken: TF imports under imp_1/
        saver = tf.train.import_meta_graph(prefix + ".meta", import_scope="imp")
        assert saver.saver_def.restore_op_name == "imp_1/save/restore_all"
        assert saver.saver_def.filename_tensor_name == "imp_1/save/Const:0"
        assert [v.name for v in tf.global_variables()] == ["imp_1/v:0"]
        assert tf.get_collection("outs") == [g.get_tensor_by_name("imp_1/y:0")]
        assert tf.get_collection("ops") == [g.get_operation_by_name("imp_1/y")]
        assert tf.get_collection("strs") == ["imp_1/hello", "imp_1/raw"]   # TF prefixes strings too
        assert tf.get_collection("ints") == [7] and tf.get_collection("floats") == [2.5]
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            np.testing.assert_array_equal(sess.run("imp_1/y:0"), [3.0, 6.0])
    with tf.Graph().as_default():
        tf.train.import_meta_graph(prefix + ".meta")
        assert tf.get_collection("strs") == [b"hello", b"raw"]             # unscoped: bytes, as TF


def test_import_without_saver_def(tmp_path):
    v = tf.Variable(1.0, name="v")
    with_vars = tf.train.export_meta_graph()
    assert not with_vars.HasField("saver_def")
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(with_vars)       # TF: a default Saver over the variables
        assert isinstance(saver, tf.train.Saver)
        assert saver.saver_def.restore_op_name == "save/restore_all"
    with tf.Graph().as_default():
        c = tf.constant(1.0, name="c")
        tf.add_to_collection("consts", c)
        no_vars = tf.train.export_meta_graph()
    with tf.Graph().as_default() as g:
        assert tf.train.import_meta_graph(no_vars) is None
        assert tf.get_collection("consts") == [g.get_tensor_by_name("c:0")]
    del v


def test_clear_devices_on_export_and_import():
    with tf.device("/cpu:0"):
        tf.Variable(1.0, name="v")
    full = tf.train.export_meta_graph()
    assert {n.device for n in full.graph_def.node} == {"/device:CPU:0"}
    assert {n.device for n in tf.train.export_meta_graph(clear_devices=True).graph_def.node} == {""}
    names = ("v", "v/Assign", "v/read", "v/initial_value")
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(full, clear_devices=True)
        assert {g.get_operation_by_name(n).device for n in names} == {""}
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(full)
        assert {g.get_operation_by_name(n).device for n in names} == {"/device:CPU:0"}
    assert {n.device for n in full.graph_def.node} == {"/device:CPU:0"}   # the message is not changed


def test_resource_and_partitioned_variables_round_trip(tmp_path):
    prefix = str(tmp_path / "m")
    r = tf.get_variable("r", initializer=[1.0, 2.0], use_resource=True)
    rc = tf.get_variable("rc", initializer=[3.0], use_resource=True, caching_device="/cpu:0")
    emb = tf.get_variable("emb", [6, 2], partitioner=tf.fixed_size_partitioner(2),
                          initializer=tf.constant_initializer(0.5))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.Saver().save(sess, prefix)
    defs = {d.variable_name: d for d in (v.to_proto() for v in tf.global_variables())}
    assert defs["r:0"].is_resource and defs["r:0"].snapshot_name == "r/Read/ReadVariableOp:0"
    assert defs["rc:0"].snapshot_name == "rc/Read/Identity:0"
    part = defs["emb/part_1:0"].save_slice_info_def
    assert (part.full_name, list(part.full_shape), list(part.var_offset), list(part.var_shape)) == \
        ("emb", [6, 2], [3, 0], [3, 2])
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(prefix + ".meta")
        got = {v.name: v for v in tf.global_variables()}
        assert type(got["r:0"]).__name__ == "_ImportedResourceVariable" and got["r:0"].dtype == tf.float32
        assert got["rc:0"].value().name == "rc/Read/Identity:0"
        info = got["emb/part_1:0"]._get_save_slice_info()
        assert (info.full_name, info.var_offset) == ("emb", [3, 0])
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            np.testing.assert_array_equal(sess.run(got["r:0"]), [1.0, 2.0])
            np.testing.assert_array_equal(sess.run(got["rc:0"].value()), [3.0])
            np.testing.assert_array_equal(sess.run(got["emb/part_0:0"]), np.full((3, 2), 0.5))
    del r, rc, emb


def test_savers_collection_round_trips_as_saver_defs():
    tf.Variable(1.0, name="v")
    first, second = tf.train.Saver(), tf.train.Saver(max_to_keep=3)
    tf.add_to_collection("savers", first)
    tf.add_to_collection("savers", second)
    mg = second.export_meta_graph()
    assert len(mg.collection_def["savers"].bytes_list.value) == 2
    with tf.Graph().as_default():
        tf.train.import_meta_graph(mg, import_scope="q")
        savers = tf.get_collection("savers")
        assert [s.saver_def.save_tensor_name for s in savers] == ["q/save/control_dependency:0",
                                                                 "q/save_1/control_dependency:0"]
        assert savers[1].saver_def.max_to_keep == 3


def test_restore_collections_predicate_and_unknown_kwargs():
    tf.Variable(1.0, name="v")
    tf.add_to_collection("keep", 1)
    tf.add_to_collection("drop", 2)
    mg = tf.train.export_meta_graph()
    with tf.Graph().as_default():
        tf.train.import_meta_graph(mg, restore_collections_predicate=lambda key: key != "drop")
        assert tf.get_collection("keep") == [1] and tf.get_collection("drop") == []
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        tf.train.import_meta_graph(mg, bogus=1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        tf.train.export_meta_graph(bogus=1)


# --- what export writes ---------------------------------------------------------------------------
def test_collections_that_cannot_be_written_are_skipped_with_tf_warning(caplog):
    tf.add_to_collection("objs", object())
    tf.add_to_collection("mixed", 1)
    tf.add_to_collection("mixed", "a")
    tf.add_to_collection("bools", True)
    tf.add_to_collection("nones", None)
    tf.add_to_collection("ok", 1.5)
    tf.get_collection_ref("empty")
    tf.add_to_collection(("not", "a", "string"), 1)
    caplog.set_level(logging.WARNING, logger="varflow")
    mg = tf.train.export_meta_graph()
    assert sorted(mg.collection_def) == ["ok"]
    warned = [r.getMessage() for r in caplog.records if "Issue encountered when serializing" in r.getMessage()]
    assert sorted(m.split("\n")[0] for m in warned) == [
        "Issue encountered when serializing %s." % k for k in ("bools", "mixed", "nones", "objs")]
    assert any("Expected an int, got a boolean" in m for m in warned)


def test_meta_info_def_and_saver_def():
    tf.Variable(1.0, name="v")
    info = MetaGraphDef.MetaInfoDef(meta_graph_version="v7", tags=["train"])
    mg = tf.train.export_meta_graph(meta_info_def=info)
    assert mg.meta_info_def.meta_graph_version == "v7" and list(mg.meta_info_def.tags) == ["train"]
    assert mg.meta_info_def.tensorflow_version == tf.__version__
    assert mg.meta_info_def.tensorflow_git_version == tf.GIT_VERSION
    assert not mg.meta_info_def.HasField("stripped_op_list")
    saver = tf.train.Saver()
    assert saver.export_meta_graph().saver_def == saver.as_saver_def()
    with pytest.raises(TypeError, match="graph_def must be of type GraphDef"):
        tf.train.export_meta_graph(graph_def="nope")
    with pytest.raises(TypeError, match="meta_info_def must be of type MetaInfoDef"):
        tf.train.export_meta_graph(meta_info_def={})


def test_export_scope_strips_names_and_records_unbound_inputs():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [2, 1])
        y = tf.matmul(x, w, name="y")
        tf.add(y, x[:, :1], name="z")
    other = tf.get_variable("other", [1])
    tf.add_to_collection("outs", y)
    tf.add_to_collection("outs", x)
    mg = tf.train.export_meta_graph(export_scope="net")
    nodes = {n.name: n for n in mg.graph_def.node}
    assert "x" not in nodes and "other" not in nodes and "w" in nodes
    assert list(nodes["y"].input) == ["$unbound_inputs_x", "w/read"]
    assert list(nodes["w"].attr["_class"].list.s) == [b"loc:@w"]
    assert list(mg.collection_def["unbound_inputs"].bytes_list.value) == [b"$unbound_inputs_x"]  # once
    assert list(mg.collection_def["outs"].node_list.value) == ["y:0"]
    assert VariableDef.FromString(mg.collection_def["variables"].bytes_list.value[0]).variable_name == "w:0"
    assert w.to_proto(export_scope="net").initializer_name == "w/Assign"
    assert other.to_proto(export_scope="net") is None
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match=r"unbound inputs: \$unbound_inputs_x\. Must provide"):
            tf.train.import_meta_graph(mg)
        with pytest.raises(ValueError, match=r"unbound inputs: \$unbound_inputs_x\."):
            tf.train.import_meta_graph(mg, input_map={"$unbound_inputs_other": tf.zeros([3, 2])})
        feed = tf.placeholder(tf.float32, [None, 2], name="feed")
        tf.train.import_meta_graph(mg, import_scope="net2", input_map={"$unbound_inputs_x": feed})
        assert tf.get_default_graph().get_tensor_by_name("net2/y:0").op.inputs[0] is feed
        assert tf.get_collection("unbound_inputs") == []           # not restored, as TF


def test_clear_extraneous_savers_keeps_one_saver():
    tf.Variable(1.0, name="v")
    tf.add_to_collection("savers", tf.train.Saver())
    kept = tf.train.Saver(max_to_keep=3)
    tf.add_to_collection("savers", kept)
    mg = kept.export_meta_graph(clear_extraneous_savers=True)
    names = [n.name for n in mg.graph_def.node]
    assert not any(n.startswith("save/") for n in names) and "save_1/restore_all" in names
    savers = mg.collection_def["savers"].bytes_list.value
    assert [SaverDef.FromString(s).restore_op_name for s in savers] == ["save_1/restore_all"]


def test_strip_default_attrs_and_import_adds_them_back(tmp_path):
    v = tf.Variable(1.0, name="v")
    mg = tf.train.export_meta_graph(strip_default_attrs=True)
    assert mg.meta_info_def.stripped_default_attrs
    nodes = {n.name: n for n in mg.graph_def.node}
    assert sorted(nodes["v"].attr) == ["_output_shapes", "dtype", "shape"]
    assert "use_locking" not in nodes["v/Assign"].attr
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(mg)
        assert g.get_operation_by_name("v/Assign").get_attr("use_locking") is True
        with tf.Session() as sess:
            sess.run(g.get_operation_by_name("v/Assign"))
            assert sess.run("v:0") == 1.0
    del v


def test_export_writes_tf_attrs_and_output_shapes():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.get_variable("w", [3, 2])
    tf.matmul(x, w, name="mm")
    tf.no_op(name="nothing")
    nodes = {n.name: n for n in tf.train.export_meta_graph().graph_def.node}
    assert nodes["mm"].attr["grad_a"].b is False          # TF's op def default, written as TF does
    assert "_output_shapes" not in nodes["nothing"].attr  # TF adds it only to ops with outputs
    assert [d.size for d in nodes["mm"].attr["_output_shapes"].list.shape[0].dim] == [-1, 2]
    assert list(nodes["w"].attr["_class"].list.s) == [b"loc:@w"]  # from a callable initializer, as TF


# --- files ------------------------------------------------------------------------------------------
def test_saver_save_writes_meta_files_as_tf(tmp_path):
    prefix = str(tmp_path / "m")
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
        sess.run(v.initializer)
        for step in range(4):
            saver.save(sess, prefix, global_step=step)
        saver.save(sess, str(tmp_path / "nometa"), write_meta_graph=False)
        saver.save(sess, str(tmp_path / "suffix"), meta_graph_suffix="mg", write_state=False)
        assert tf.train.Saver([], allow_empty=True).save(sess, str(tmp_path / "empty")) is None
    assert sorted(os.listdir(tmp_path)) == [
        "checkpoint", "empty.meta", "m-3.data-00000-of-00001", "m-3.index", "m-3.meta",
        "nometa.data-00000-of-00001", "nometa.index", "suffix.data-00000-of-00001", "suffix.index",
        "suffix.mg"]
    mg = read_meta_graph_file(prefix + "-3.meta")
    assert mg.saver_def == saver.as_saver_def()
    assert sorted(mg.collection_def) == ["trainable_variables", "variables"]


def test_files_are_binary_or_text_and_written_atomically(tmp_path):
    tf.Variable(1.0, name="v")
    tf.add_to_collection("words", "hi")
    binary = tf.train.export_meta_graph(str(tmp_path / "deep" / "er" / "g.meta"))
    text = tf.train.export_meta_graph(str(tmp_path / "g.pbtxt"), as_text=True)
    assert sorted(os.listdir(tmp_path / "deep" / "er")) == ["g.meta"]        # no temporary file left
    with open(tmp_path / "deep" / "er" / "g.meta", "rb") as f:
        assert MetaGraphDef.FromString(f.read()) == binary
    with open(tmp_path / "g.pbtxt") as f:
        assert f.read() == str(text)
    assert read_meta_graph_file(str(tmp_path / "g.pbtxt")) == text
    with tf.Graph().as_default():
        assert tf.train.import_meta_graph(str(tmp_path / "g.pbtxt")) is not None
        assert tf.get_collection("words") == [b"hi"]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        tf.train.export_meta_graph("relative.meta")
    finally:
        os.chdir(cwd)
    assert (tmp_path / "relative.meta").exists()


def test_save_debug_info_warns_that_no_debug_file_is_written(tmp_path, caplog):
    from varflow.platform import tf_logging

    tf.Variable(1.0)
    tf_logging._once.clear()
    caplog.set_level(logging.WARNING, logger="varflow")
    tf.train.export_meta_graph(str(tmp_path / "d.meta"), save_debug_info=True)
    assert sorted(os.listdir(tmp_path)) == ["d.meta"]
    assert any("no .debug file" in r.getMessage() for r in caplog.records)


def test_missing_file_is_an_ioerror_naming_the_meta_files_there(tmp_path):
    with pytest.raises(IOError, match=r"File does not exist\. Received: .*nope\.meta\. No \.meta files"):
        tf.train.import_meta_graph(str(tmp_path / "nope.meta"))
    tf.Variable(1.0)
    tf.train.export_meta_graph(str(tmp_path / "real.meta"))
    with pytest.raises(OSError, match=r"\.meta files in .*: real\.meta"):
        tf.train.import_meta_graph(str(tmp_path / "nope.meta"))
    with pytest.raises(OSError, match="directory .* does not exist"):
        tf.train.import_meta_graph(str(tmp_path / "no_dir" / "x.meta"))


def test_unparseable_files(tmp_path):
    text = tmp_path / "bad.pbtxt"
    text.write_text("meta_info_def { tags: oops }")
    with pytest.raises(IOError, match="Cannot parse file .*bad.pbtxt: expected a string"):
        tf.train.import_meta_graph(str(text))
    garbage = tmp_path / "garbage.meta"
    garbage.write_bytes(b"\xff\xfe\x00garbage{{{")
    with pytest.raises(UnicodeDecodeError, match="neither a binary nor a text-format MetaGraphDef"):
        tf.train.import_meta_graph(str(garbage))        # TF's class for this case
    (tmp_path / "empty.meta").write_bytes(b"")
    assert read_meta_graph_file(str(tmp_path / "empty.meta")) == MetaGraphDef()


def test_tensorflow_message_objects_are_accepted():
    tf.Variable(1.0, name="v")
    mg = tf.train.export_meta_graph()

    class ForeignMetaGraphDef:                   # e.g. TF's own protobuf message
        collection_def = {}

        def SerializeToString(self):  # noqa: N802 - protobuf's name
            return mg.SerializeToString()

    with tf.Graph().as_default():
        tf.train.import_meta_graph(ForeignMetaGraphDef())
        assert [v.name for v in tf.global_variables()] == ["v:0"]


# --- the protos --------------------------------------------------------------------------------------
def test_saver_def_is_tf_message_with_its_field_numbers():
    d = SaverDef(filename_tensor_name="save/Const:0", save_tensor_name="save/control_dependency:0",
                 restore_op_name="save/restore_all", max_to_keep=5, keep_checkpoint_every_n_hours=10000.0,
                 version=SaverDef.V2)
    assert d.SerializeToString() == (b'\n\x0csave/Const:0\x12\x19save/control_dependency:0\x1a\x10save/'
                                     b'restore_all \x055\x00@\x1cF8\x02')
    assert str(d).endswith("keep_checkpoint_every_n_hours: 10000\nversion: V2\n")
    assert tf.train.SaverDef is SaverDef and SaverDef().max_to_keep == 0
    assert (SaverDef.LEGACY, SaverDef.V1, SaverDef.V2) == (0, 1, 2)


def test_saver_from_saver_def_checks_it_and_prefixes_names():
    v = tf.Variable(1.0, name="v")
    base = tf.train.Saver()
    d = base.as_saver_def()
    assert tf.train.Saver(saver_def=d).as_saver_def() is d       # used as given, as TF
    with pytest.raises(ValueError, match="saver_def must be a saver_pb2.SaverDef"):
        tf.train.Saver(saver_def="x")
    with pytest.raises(ValueError, match="must specify the save_tensor_name"):
        tf.train.Saver(saver_def=SaverDef())
    with pytest.raises(ValueError, match="must specify the restore_op_name"):
        tf.train.Saver(saver_def=SaverDef(save_tensor_name="a"))
    scoped = tf.train.Saver.from_proto(SaverDef.FromString(d.SerializeToString()), import_scope="q")
    assert scoped.saver_def.restore_op_name == "q/save/restore_all"
    assert base.to_proto(export_scope="save").restore_op_name == "restore_all"
    assert base.to_proto(export_scope="elsewhere") is None
    assert base.to_proto() is d
    assert "running save/restore_all" in repr(tf.train.Saver(saver_def=d))
    del v


def test_variable_def_fields_and_tf_variable_from_variable_def():
    v = tf.get_variable("v", [2])
    d = v.to_proto()
    assert isinstance(d, VariableDef)
    assert (d.variable_name, d.initializer_name, d.snapshot_name, d.initial_value_name, d.trainable) == \
        ("v:0", "v/Assign", "v/read:0", "v/Initializer/random_uniform:0", True)
    assert VariableDef.FromString(d.SerializeToString()) == d
    again = tf.Variable(variable_def=d)
    assert again.op is v.op and again.initializer is v.initializer and again.value() is v.value()
    assert tf.Variable.from_proto(d).name == "v:0"
    with pytest.raises(ValueError, match="variable_def and initial_value are mutually exclusive"):
        tf.Variable(1.0, variable_def=d)
    with pytest.raises(KeyError, match="nope/v"):
        tf.Variable.from_proto(d, import_scope="nope")


def test_synchronization_and_aggregation_are_kept_and_written():
    on_read = tf.get_variable("r", [1], synchronization=tf.VariableSynchronization.ON_READ)
    assert on_read.trainable is False and on_read.synchronization == tf.VariableSynchronization.ON_READ
    asked = tf.get_variable("t", [1], synchronization=tf.VariableSynchronization.ON_READ, trainable=True)
    assert asked.trainable is True
    mean = tf.Variable(1.0, aggregation=tf.VariableAggregation.MEAN)
    assert "aggregation: VARIABLE_AGGREGATION_MEAN" in str(mean.to_proto())
    assert tf.train.get_or_create_global_step().to_proto().aggregation == 3


def test_cond_contexts_are_collected_and_written_as_tf():
    x = tf.placeholder(tf.float32, [], name="x")
    tf.cond(x > 0, lambda: tf.cond(x > 1, lambda: x * 2, lambda: x * 3), lambda: x * 4)
    outer = tf.get_collection("cond_context")
    assert [c.name for c in outer] == ["cond/cond_text", "cond/cond_text_1"]   # nested ones live inside
    d = outer[0].to_proto()
    assert isinstance(d, CondContextDef)
    assert (d.pred_name, d.pivot_name, d.branch) == ("cond/pred_id:0", "cond/switch_t:0", 1)
    assert [n.cond_ctxt.context_name for n in d.nested_contexts] == ["cond/cond/cond_text",
                                                                     "cond/cond/cond_text_1"]
    assert d.values_def.external_values["x:0"] == "cond/Greater/Switch:1"
    assert "cond/cond/Merge:0" in d.values_def.values and "x:0" in d.values_def.values
    assert outer[0].to_proto(export_scope="other") is None
    assert outer[1].to_proto(export_scope="cond").pred_name == "pred_id:0"


def test_nested_cond_gradient_after_import():
    x = tf.placeholder(tf.float32, [], name="x")
    r = tf.cond(x > 0, lambda: tf.cond(x > 1, lambda: x * 2, lambda: x * 3), lambda: x * 4)
    mg = tf.train.export_meta_graph()
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(mg)
        xx, rr = g.get_tensor_by_name("x:0"), g.get_tensor_by_name(r.name)
        grad = tf.gradients(rr, xx)[0]
        with tf.Session() as sess:
            assert [sess.run(grad, {xx: v}) for v in (-1.0, 0.5, 2.0)] == [4.0, 3.0, 2.0]


def test_name_scope_helpers():
    assert strip_name_scope("net/w:0", "net") == "w:0"
    assert strip_name_scope("^net/w", "net/") == "^w"
    assert strip_name_scope("loc:@net/w", "net") == "loc:@w"
    assert strip_name_scope("other/w:0", "net") == "other/w:0"
    assert prepend_name_scope("w:0", "imp") == "imp/w:0"
    assert prepend_name_scope("^w", "imp/") == "^imp/w"
    assert prepend_name_scope("loc:@w", "imp") == "loc:@imp/w"
    assert prepend_name_scope("w", "") == "w"


def test_collection_def_kinds_are_a_oneof():
    col = CollectionDef(node_list=CollectionDef.NodeList(value=["a"]))
    col.int64_list = CollectionDef.Int64List(value=[1])
    assert col.WhichOneof("kind") == "int64_list"
    assert CollectionDef.FromString(col.SerializeToString()) == col


def test_checkpoint_saver_hook_and_supervisor_write_meta_files_as_tf(tmp_path):
    tf.train.get_or_create_global_step()
    tf.Variable(1.0, name="v")
    with tf.train.MonitoredTrainingSession(checkpoint_dir=str(tmp_path / "mts")):
        pass
    assert "model.ckpt-0.meta" in os.listdir(tmp_path / "mts")
    os.makedirs(tmp_path / "nograph")
    hook = tf.train.CheckpointSaverHook(str(tmp_path / "nograph"), save_steps=1, save_graph_def=False)
    with tf.train.MonitoredSession(hooks=[hook]):
        pass
    assert not [f for f in os.listdir(tmp_path / "nograph") if f.endswith(".meta") or f.endswith(".pbtxt")]
    with tf.Graph().as_default():
        step = tf.train.get_or_create_global_step()
        sv = tf.train.Supervisor(logdir=str(tmp_path / "sv"), global_step=step, save_model_secs=3600,
                                 save_summaries_secs=0)
        with sv.managed_session():
            pass
    assert [f for f in os.listdir(tmp_path / "sv") if f.endswith(".meta")] == ["model.ckpt-0.meta"]


def test_file_writer_add_meta_graph(tmp_path):
    tf.Variable(1.0, name="v")
    mg = tf.train.export_meta_graph()
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        writer.add_meta_graph(mg, global_step=3)
        with pytest.raises(TypeError, match="meta_graph_def must be type MetaGraphDef"):
            writer.add_meta_graph(mg.SerializeToString())
    events = [e for f in os.listdir(tmp_path) for e in tf.train.summary_iterator(str(tmp_path / f))]
    written = [e for e in events if e.WhichOneof("what") == "meta_graph_def"]
    assert len(written) == 1 and written[0].step == 3
    assert MetaGraphDef.FromString(written[0].meta_graph_def) == mg


def test_given_graph_def_and_collection_list():
    tf.Variable(1.0, name="v")
    tf.add_to_collection("a", 1)
    tf.add_to_collection("b", 2)
    gd = tf.get_default_graph().as_graph_def()
    before = gd.SerializeToString()
    mg = tf.train.export_meta_graph(graph_def=gd, collection_list=["a"], strip_default_attrs=True)
    assert gd.SerializeToString() == before                      # the caller's GraphDef is not changed
    assert sorted(mg.collection_def) == ["a"]
    assert "container" not in {n.name: n for n in mg.graph_def.node}["v"].attr
    with tf.Graph().as_default() as other:
        tf.constant(1.0, name="elsewhere")
    assert [n.name for n in tf.train.export_meta_graph(graph=other).graph_def.node] == ["elsewhere"]


def test_while_contexts_and_queue_runners_are_skipped_with_a_warning(caplog):
    from varflow.framework.meta_graph import Any, WhileContextDef

    tf.constant(1.0, name="c")
    mg = tf.train.export_meta_graph()
    mg.collection_def["while_context"] = CollectionDef(bytes_list=CollectionDef.BytesList(
        value=[WhileContextDef(context_name="while/while_context").SerializeToString()]))
    mg.collection_def["queue_runners"] = CollectionDef(bytes_list=CollectionDef.BytesList(value=[b"\n\x01q"]))
    mg.collection_def["anys"] = CollectionDef(any_list=CollectionDef.AnyList(
        value=[Any(type_url="type.googleapis.com/x", value=b"\x01")]))
    mg.collection_def["kindless"] = CollectionDef()
    caplog.set_level(logging.INFO, logger="varflow")
    with tf.Graph().as_default():
        assert tf.train.import_meta_graph(MetaGraphDef.FromString(mg.SerializeToString())) is None
        assert tf.get_collection("while_context") == [] and tf.get_collection("queue_runners") == []
        assert tf.get_collection("anys")[0].type_url == "type.googleapis.com/x"
        assert tf.get_collection("kindless") == []
    messages = [r.getMessage() for r in caplog.records]
    assert any("while_context" in m and "WhileContextDef" in m for m in messages)
    assert any("queue_runners" in m and "QueueRunnerDef" in m for m in messages)
    assert any("Cannot identify data type for collection kindless" in m for m in messages)
    assert any("Saver not created because there are no variables" in m for m in messages)
