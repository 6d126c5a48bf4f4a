"""tf.train.Saver: round trips, naming, max_to_keep, renamed keys, partitioned variables, TF's fixtures, errors."""
import json
import os

import numpy as np
import pytest

import varflow as tf
from varflow.checkpoint import BundleReader, get_checkpoint_state, latest_checkpoint, list_variables
from varflow.framework import errors
from varflow.train.saver import Saver

FIXTURES = "/work/shared/fixtures/tf_checkpoints"


def _values(folder):
    with open(os.path.join(FIXTURES, folder, "values.json")) as f:
        raw = json.load(f)
    out = {}
    for name, spec in raw.items():
        if spec["dtype"] == "string":
            arr = np.array([s.encode() for s in spec["values"]], dtype=object)
        else:
            arr = np.array(spec["values"], dtype=spec["dtype"])
        out[name] = (arr.reshape(spec["shape"]), spec["dtype"])
    return out


def _save_simple(tmp_path, name="model.ckpt", **saver_kwargs):
    v = tf.get_variable("v", [2], initializer=tf.constant_initializer(1.0))
    saver = Saver(**saver_kwargs)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    return v, saver, sess, str(tmp_path / name)


# --- round trips --------------------------------------------------------------------------------
def test_round_trip_in_new_graph_and_session_without_initializers(tmp_path):
    prefix = str(tmp_path / "model.ckpt")
    with tf.Graph().as_default():
        with tf.variable_scope("net"):
            w = tf.get_variable("w", initializer=np.arange(6, dtype=np.float32).reshape(2, 3))
            r = tf.get_variable("r", initializer=np.array([1.5, 2.5]), use_resource=True)
        i = tf.Variable(np.array([1 << 40, -3], dtype=np.int64), name="ints")
        s = tf.Variable(np.array([b"a", b"", b"xyz"], dtype=object), name="words")
        flag = tf.Variable(True, name="flag")
        saver = Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(w.assign(w * 2.0))
            assert saver.save(sess, prefix) == prefix
    assert [n for n, _ in list_variables(prefix)] == ["flag", "ints", "net/r", "net/w", "words"]
    with tf.Graph().as_default():
        with tf.variable_scope("net"):
            w = tf.get_variable("w", [2, 3])
            r = tf.get_variable("r", [2], dtype=tf.float64, use_resource=True)
        i = tf.Variable(np.zeros(2, dtype=np.int64), name="ints")
        s = tf.Variable(np.array([b"", b"", b""], dtype=object), name="words")
        flag = tf.Variable(False, name="flag")
        saver = Saver()
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            np.testing.assert_array_equal(sess.run(w), np.arange(6, dtype=np.float32).reshape(2, 3) * 2)
            np.testing.assert_array_equal(sess.run(r), [1.5, 2.5])
            np.testing.assert_array_equal(sess.run(i), [1 << 40, -3])
            assert list(sess.run(s)) == [b"a", b"", b"xyz"]
            assert sess.run(flag)
            assert sess.run(tf.report_uninitialized_variables()).tolist() == []


def test_restore_builds_no_ops_and_values_are_independent_per_session(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path)
    saver.save(sess, prefix, write_meta_graph=False)
    n_ops = len(tf.get_default_graph().get_operations())
    for _ in range(3):
        sess2 = tf.Session()
        saver.restore(sess2, prefix)
        np.testing.assert_array_equal(sess2.run(v), [1.0, 1.0])
    assert len(tf.get_default_graph().get_operations()) == n_ops
    tf.get_default_graph().finalize()  # save and restore work on a finalized graph
    saver.save(sess, prefix, write_meta_graph=False)
    saver.restore(sess, prefix)


def test_relative_save_path_and_state_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    v, saver, sess, _ = _save_simple(tmp_path)
    assert saver.save(sess, "rel", write_meta_graph=False) == "rel"
    with open("checkpoint") as f:
        assert f.read() == 'model_checkpoint_path: "rel"\nall_model_checkpoint_paths: "rel"\n'
    os.mkdir("sub")
    assert saver.save(sess, "sub/rel", write_meta_graph=False) == "sub/rel"
    with open("sub/checkpoint") as f:  # as TF 2.21 writes it
        assert f.read() == ('model_checkpoint_path: "rel"\nall_model_checkpoint_paths: "../rel"\n'
                            'all_model_checkpoint_paths: "rel"\n')


def test_save_relative_paths_stores_names_relative_to_the_directory(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path, save_relative_paths=True)
    saver.save(sess, prefix, write_meta_graph=False)
    with open(tmp_path / "checkpoint") as f:
        assert f.read().startswith('model_checkpoint_path: "model.ckpt"\n')
    assert latest_checkpoint(str(tmp_path)) == prefix


# --- naming and max_to_keep ---------------------------------------------------------------------
def test_global_step_int_tensor_variable_and_padding(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path)
    gs = tf.train.get_or_create_global_step()
    sess.run(gs.initializer)
    sess.run(gs.assign(42))
    assert saver.save(sess, prefix, global_step=7, write_meta_graph=False) == prefix + "-7"
    assert saver.save(sess, prefix, global_step=np.int64(8), write_meta_graph=False) == prefix + "-8"
    assert saver.save(sess, prefix, global_step=gs, write_meta_graph=False) == prefix + "-42"
    assert saver.save(sess, prefix, global_step=tf.constant(9), write_meta_graph=False) == prefix + "-9"
    padded = Saver([v], pad_step_number=True)
    assert padded.save(sess, prefix, global_step=3, write_meta_graph=False) == prefix + "-00000003"


def test_max_to_keep_deletes_oldest_as_tf(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path, max_to_keep=2)
    for step in range(4):
        saver.save(sess, prefix, global_step=step, write_meta_graph=False)
    assert saver.last_checkpoints == [prefix + "-2", prefix + "-3"]
    assert sorted(os.listdir(tmp_path)) == ["checkpoint", "model.ckpt-2.data-00000-of-00001", "model.ckpt-2.index",
                                            "model.ckpt-3.data-00000-of-00001", "model.ckpt-3.index"]
    state = get_checkpoint_state(str(tmp_path))
    assert state.model_checkpoint_path == prefix + "-3"
    assert state.all_model_checkpoint_paths == [prefix + "-2", prefix + "-3"]
    saver.save(sess, prefix, global_step=2, write_meta_graph=False)  # re-saving moves it to the end
    assert saver.last_checkpoints == [prefix + "-3", prefix + "-2"]


def test_max_to_keep_none_keeps_everything_and_state_names_only_latest(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path, max_to_keep=None)
    for step in range(3):
        saver.save(sess, prefix, global_step=step, write_meta_graph=False)
    assert saver.last_checkpoints == []
    assert len([f for f in os.listdir(tmp_path) if f.endswith(".index")]) == 3
    assert get_checkpoint_state(str(tmp_path)).all_model_checkpoint_paths == [prefix + "-2"]


def test_keep_checkpoint_every_n_hours_preserves_old_checkpoints(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path, max_to_keep=1, keep_checkpoint_every_n_hours=1e-12)
    for step in range(3):
        saver.save(sess, prefix, global_step=step, write_meta_graph=False)
    assert saver.last_checkpoints == [prefix + "-2"]
    assert len([f for f in os.listdir(tmp_path) if f.endswith(".index")]) == 3  # preserved by age


def test_recover_and_set_last_checkpoints(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path, max_to_keep=2)
    for step in range(2):
        saver.save(sess, prefix, global_step=step, write_meta_graph=False)
    fresh = Saver(max_to_keep=2)
    fresh.recover_last_checkpoints([prefix + "-0", prefix + "-1", prefix + "-missing"])
    assert fresh.last_checkpoints == [prefix + "-0", prefix + "-1"]
    fresh.save(sess, prefix, global_step=2, write_meta_graph=False)
    assert not os.path.exists(prefix + "-0.index")
    fresh.set_last_checkpoints_with_time([(prefix + "-1", 1.0)])
    assert fresh.last_checkpoints == [prefix + "-1"]
    fresh.set_last_checkpoints([prefix + "-2"])
    assert fresh.last_checkpoints == [prefix + "-2"]
    with pytest.raises(AssertionError):   # TF asserts it is a list
        fresh.set_last_checkpoints(prefix)


def test_write_state_false_and_latest_filename(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path)
    saver.save(sess, prefix, write_state=False, write_meta_graph=False)
    assert not os.path.exists(tmp_path / "checkpoint")
    saver.save(sess, prefix, latest_filename="mystate", write_meta_graph=False)
    assert latest_checkpoint(str(tmp_path), "mystate") == prefix
    with pytest.raises(ValueError, match="path components"):
        saver.save(sess, prefix, latest_filename="a/b")
    with pytest.raises(ValueError, match="collides"):
        saver.save(sess, str(tmp_path / "checkpoint"))


# --- var_list forms -------------------------------------------------------------------------------
def test_dict_var_list_renames_keys(tmp_path):
    prefix = str(tmp_path / "m")
    a = tf.Variable([1.0, 2.0], name="a")
    b = tf.Variable([[3]], name="b")
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    Saver({"renamed/a": a, "bee": b}).save(sess, prefix, write_meta_graph=False)
    assert list_variables(prefix) == [("bee", [1, 1]), ("renamed/a", [2])]
    with tf.Graph().as_default():
        x = tf.Variable([0.0, 0.0], name="x")
        with tf.Session() as s2:
            Saver({"renamed/a": x}).restore(s2, prefix)
            assert s2.run(x).tolist() == [1.0, 2.0]


def test_default_var_list_and_subsets(tmp_path):
    prefix = str(tmp_path / "m")
    tf.get_variable("g", [1])
    tf.get_variable("frozen", [1], trainable=False)
    tf.get_local_variable("loc", [1])
    tf.get_variable("only_custom", [1], collections=["custom"])
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    Saver().save(sess, prefix, write_meta_graph=False)
    assert [n for n, _ in list_variables(prefix)] == ["frozen", "g"]


def test_partitioned_variable_is_one_full_entry_and_restores_into_other_partitionings(tmp_path):
    prefix = str(tmp_path / "m")
    full = np.arange(20, dtype=np.float32).reshape(10, 2)
    with tf.Graph().as_default():
        p = tf.get_variable("emb", [10, 2], partitioner=tf.fixed_size_partitioner(3))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(p.assign(full))
            Saver().save(sess, prefix, write_meta_graph=False)
    assert list_variables(prefix) == [("emb", [10, 2])]
    with BundleReader(prefix) as reader:
        assert reader.tensor_info("emb").is_partitioned
        np.testing.assert_array_equal(reader.get_tensor("emb"), full)
    with tf.Graph().as_default():
        q = tf.get_variable("emb", [10, 2], partitioner=tf.fixed_size_partitioner(4))
        with tf.Session() as sess:
            Saver().restore(sess, prefix)
            np.testing.assert_array_equal(sess.run(q.as_tensor()), full)
            np.testing.assert_array_equal(sess.run(list(q)[0]), full[:3])
    with tf.Graph().as_default():
        whole = tf.get_variable("whole", [10, 2])
        parts = tf.get_variable("parts", [10, 2], partitioner=tf.fixed_size_partitioner(2))
        with tf.Session() as sess:
            Saver({"emb": whole}).restore(sess, prefix)
            Saver({"emb": list(parts)}).restore(sess, prefix)
            np.testing.assert_array_equal(sess.run(whole), full)
            np.testing.assert_array_equal(sess.run(parts.as_tensor()), full)
            Saver({"re_saved": parts}).save(sess, prefix + "2", write_meta_graph=False)
    assert list_variables(prefix + "2") == [("re_saved", [10, 2])]


def test_reshape_restores_same_size_into_other_shape(tmp_path):
    v, saver, sess, prefix = _save_simple(tmp_path)
    saver.save(sess, prefix, write_meta_graph=False)
    with tf.Graph().as_default():
        w = tf.get_variable("v", [2, 1])
        with tf.Session() as s2:
            with pytest.raises(errors.InvalidArgumentError):
                Saver().restore(s2, prefix)
            Saver(reshape=True).restore(s2, prefix)
            assert s2.run(w).tolist() == [[1.0], [1.0]]


def test_sharded_save_writes_one_shard_per_device(tmp_path):
    prefix = str(tmp_path / "m")
    with tf.device("/cpu:0"):
        tf.Variable([1.0], name="a")
    with tf.device("/cpu:1"):
        tf.Variable([2.0], name="b")
        tf.Variable([3.0], name="c")
    sess = tf.Session(config=tf.ConfigProto(allow_soft_placement=True))
    sess.run(tf.global_variables_initializer())
    Saver(sharded=True).save(sess, prefix, write_meta_graph=False)
    assert os.path.exists(prefix + ".data-00001-of-00002")
    with BundleReader(prefix) as reader:
        assert reader.num_shards == 2
        assert reader.tensor_info("b").shard_id == reader.tensor_info("c").shard_id == 1
        assert reader.get_tensor("a").tolist() == [1.0] and reader.get_tensor("b").tolist() == [2.0]


def test_sharded_save_builds_tensorflow_per_device_saves_and_a_merge(tmp_path):
    with tf.device("/job:ps/task:0"):
        tf.Variable(1.0, name="a")
    with tf.device("/job:ps/task:1"):
        tf.Variable([2.0, 3.0], name="b")
    tf.Variable(4, name="c")
    start = len(tf.get_default_graph().get_operations())
    saver = Saver(sharded=True)
    ops = {op.name: op for op in tf.get_default_graph().get_operations()[start:]}
    assert ops["save/StringJoin"].inputs[1].op.name == "save/Select"
    assert ops["save/StaticRegexFullMatch"].device == "/device:CPU:*"
    assert [ops["save/SaveV2_%d" % i if i else "save/SaveV2"].inputs[0].op.name for i in range(3)] == [
        "save/ShardedFilename", "save/ShardedFilename_1", "save/ShardedFilename_2"]
    assert ops["save/ShardedFilename_1"].device == "/job:ps/task:0/device:CPU:0"
    merge = ops["save/MergeV2Checkpoints"]
    assert [t.op.name for t in merge.inputs] == ["save/MergeV2Checkpoints/checkpoint_prefixes", "save/Const"]
    assert merge.get_attr("delete_old_dirs") is True and merge.device == "/job:ps/task:1/device:CPU:0"
    assert [c.name for c in ops["save/Identity"].control_inputs] == [
        "save/control_dependency", "save/control_dependency_1", "save/control_dependency_2",
        "save/MergeV2Checkpoints"]
    assert saver.saver_def.save_tensor_name == "save/Identity:0"


def test_sharded_save_merges_into_one_checkpoint_and_removes_its_temp_files(tmp_path):
    prefix = str(tmp_path / "m")
    with tf.device(tf.train.replica_device_setter(ps_tasks=2)):   # one part on each ps task
        emb = tf.get_variable("emb", [6, 2], initializer=tf.ones_initializer(),
                              partitioner=tf.fixed_size_partitioner(2))
        tf.Variable([2.0], name="b")
    assert [part.device for part in emb] == ["/job:ps/task:0", "/job:ps/task:1"]
    sess = tf.Session(config=tf.ConfigProto(allow_soft_placement=True))
    sess.run(tf.global_variables_initializer())
    saver = Saver(sharded=True)
    for _ in range(2):              # the second save replaces the first in place
        assert saver.save(sess, prefix, write_meta_graph=False) == prefix
    assert sorted(os.listdir(tmp_path)) == ["checkpoint", "m.data-00000-of-00002", "m.data-00001-of-00002",
                                            "m.index"]
    with BundleReader(prefix) as reader:
        assert reader.get_tensor("emb").tolist() == np.ones([6, 2]).tolist()   # slices of both shards
        assert reader.tensor_info("b").shard_id == 0
    sess.run([part.assign(tf.zeros([3, 2])) for part in emb])
    saver.restore(sess, prefix)
    assert sess.run(emb.as_tensor()).tolist() == np.ones([6, 2]).tolist()


def test_merge_v2_checkpoints_errors_name_what_is_wrong(tmp_path):
    from varflow.checkpoint import io_ops, write_bundle

    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    write_bundle(a, {"x": np.ones(2, np.float32)})
    write_bundle(b, {"x": np.zeros(2, np.float32)})
    with tf.Session() as sess:
        with pytest.raises(errors.InvalidArgumentError, match="allow_missing_files was set to false"):
            sess.run(io_ops.merge_v2_checkpoints([str(tmp_path / "nothere")], str(tmp_path / "d")))
        with pytest.raises(errors.InvalidArgumentError, match="Duplicate tensor keyed by x"):
            sess.run(io_ops.merge_v2_checkpoints([a, b], str(tmp_path / "d")))
        assert not os.path.exists(str(tmp_path / "d.index"))        # nothing half-written
        sess.run(io_ops.merge_v2_checkpoints([a, str(tmp_path / "gone")], str(tmp_path / "d"),
                                             allow_missing_files=True))
        assert sess.run(io_ops.sharded_filename("p", 3, 12)) == b"p-00003-of-00012"
        assert sess.run(io_ops.sharded_filespec("p", 12)) == b"p-?????-of-00012"
    with BundleReader(str(tmp_path / "d")) as reader:
        assert reader.get_tensor("x").tolist() == [1.0, 1.0]
    assert not os.path.exists(a + ".index") and os.path.exists(b + ".index")


# --- TensorFlow's own checkpoints ---------------------------------------------------------------
def test_restore_tf_basic_fixture():
    values = _values("basic")
    variables = {name: tf.Variable(np.zeros_like(arr) if dt != "string" else
                                   np.array([b""] * arr.size, dtype=object).reshape(arr.shape), name=name)
                 for name, (arr, dt) in values.items()}
    with tf.Session() as sess:
        Saver().restore(sess, latest_checkpoint(os.path.join(FIXTURES, "basic")))
        for name, (arr, dt) in values.items():
            got = sess.run(variables[name])
            if dt == "string":
                assert list(np.asarray(got).reshape(-1)) == list(arr.reshape(-1))
            else:
                np.testing.assert_array_equal(got, arr)
                assert got.dtype == np.dtype(dt)


def test_restore_tf_partitioned_fixture_into_two_parts():
    full = _values("partitioned")["emb"][0]
    emb = tf.get_variable("emb", [10, 2], partitioner=tf.fixed_size_partitioner(2))
    with tf.Session() as sess:
        Saver().restore(sess, os.path.join(FIXTURES, "partitioned", "model.ckpt"))
        np.testing.assert_array_equal(sess.run(emb.as_tensor()), full)


def test_restore_tf_adam_fixture_into_linear_model_by_hand():
    values = _values("adam")
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [2, 1])
        b = tf.get_variable("b", [1])
    slots = {}
    for var in (w, b):
        for suffix in ("Adam", "Adam_1"):
            with tf.variable_scope(var.op.name, reuse=tf.AUTO_REUSE):
                slots[var.op.name + "/" + suffix] = tf.get_variable(suffix, var.shape, trainable=False)
    tf.get_variable("beta1_power", [], trainable=False)
    tf.get_variable("beta2_power", [], trainable=False)
    gs = tf.train.get_or_create_global_step()
    saver = Saver()
    with tf.Session() as sess:
        saver.restore(sess, latest_checkpoint(os.path.join(FIXTURES, "adam")))
        for name, (arr, _) in values.items():
            var = tf.get_default_graph().get_tensor_by_name(name + ":0")
            np.testing.assert_allclose(sess.run(var), arr, rtol=0, atol=0)
        assert sess.run(gs) == 3


def test_restore_tf_adam_fixture_with_adam_optimizer():
    adam = getattr(tf.train, "AdamOptimizer", None)
    if adam is None:
        pytest.skip("tf.train.AdamOptimizer is not available yet")
    values = _values("adam")
    x = tf.placeholder(tf.float32, [None, 2])
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [2, 1])
        b = tf.get_variable("b", [1])
    gs = tf.train.get_or_create_global_step()
    adam(0.1).minimize(tf.reduce_mean(tf.square(tf.matmul(x, w) + b)), global_step=gs)
    with tf.Session() as sess:
        Saver().restore(sess, latest_checkpoint(os.path.join(FIXTURES, "adam")))
        for name, (arr, _) in values.items():
            var = tf.get_default_graph().get_tensor_by_name(name + ":0")
            np.testing.assert_array_equal(sess.run(var), arr)


# --- errors ---------------------------------------------------------------------------------------
def test_construction_errors():
    with pytest.raises(ValueError, match="No variables to save"):
        Saver()
    v = tf.Variable([1.0], name="v")
    with pytest.raises(ValueError, match="same name: v"):
        Saver([v, v])
    with pytest.raises(ValueError, match="two names"):
        Saver({"a": v, "b": v})
    with pytest.raises(TypeError, match="not a Variable"):
        Saver([v * 2.0])
    with pytest.raises(TypeError, match="Not a variable"):
        Saver({"t": v * 2.0})
    with pytest.raises(ValueError, match="No variables to save"):
        Saver([])
    empty = Saver([], allow_empty=True)
    with tf.Session() as sess:
        assert empty.save(sess, "/nonexistent/dir/x") is None
        empty.restore(sess, "/nonexistent/dir/x")
    deferred = Saver(defer_build=True)
    with tf.Session() as sess:
        with pytest.raises(RuntimeError, match="build"):
            deferred.save(sess, "/tmp/x")
    deferred.build()
    assert deferred.as_saver_def().restore_op_name.endswith("restore_all")


def test_save_errors(tmp_path):
    v = tf.Variable([1.0], name="v")
    saver = Saver()
    with tf.Session() as sess:
        with pytest.raises(errors.FailedPreconditionError, match="uninitialized"):
            saver.save(sess, str(tmp_path / "m"))
        sess.run(v.initializer)
        with pytest.raises(ValueError, match="Parent directory"):
            saver.save(sess, str(tmp_path / "missing" / "deeper" / "m"))
        with pytest.raises(TypeError, match="Session"):
            saver.save(None, str(tmp_path / "m"))
    assert not any(f.endswith(".index") for f in os.listdir(tmp_path))


def test_restore_errors_name_what_differs(tmp_path):
    prefix = str(tmp_path / "m")
    with tf.Graph().as_default():
        tf.Variable([1.0, 2.0], name="layer/kernel")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            Saver().save(sess, prefix, write_meta_graph=False)
    v = tf.Variable([0.0, 0.0], name="layer/kernal")
    wide = tf.Variable([0.0, 0.0, 0.0], name="wide")
    ints = tf.Variable([0, 0], name="ints")
    with tf.Session() as sess:
        with pytest.raises(ValueError, match="None"):
            Saver([v]).restore(sess, None)
        with pytest.raises(ValueError, match="not a valid checkpoint"):
            Saver([v]).restore(sess, prefix + "-nope")
        with pytest.raises(errors.NotFoundError, match="layer/kernal.*Closest names in the checkpoint: layer/kernel"):
            Saver([v]).restore(sess, prefix)
        with pytest.raises(errors.InvalidArgumentError, match=r"shape \[2\].*shape \[3\]"):
            Saver({"layer/kernel": wide}).restore(sess, prefix)
        with pytest.raises(errors.InvalidArgumentError, match="dtype float32.*dtype int32"):
            Saver({"layer/kernel": ints}).restore(sess, prefix)
        assert sess.run(tf.report_uninitialized_variables()).tolist() == [b"layer/kernal", b"wide", b"ints"]


def test_restore_subset_leaves_others_uninitialized(tmp_path):
    prefix = str(tmp_path / "m")
    with tf.Graph().as_default():
        tf.Variable([1.0, 2.0], name="a")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            Saver().save(sess, prefix, write_meta_graph=False)
    a = tf.Variable([0.0, 0.0], name="a")
    tf.Variable([0.0], name="b")
    with tf.Session() as sess:
        Saver([a]).restore(sess, prefix)
        assert sess.run(a).tolist() == [1.0, 2.0]
        assert sess.run(tf.report_uninitialized_variables()).tolist() == [b"b"]


def test_var_list_of_variable_tensors_and_resource_handles(tmp_path):
    r = tf.get_variable("r", initializer=np.array([1.0, 2.0], np.float32), use_resource=True)
    v = tf.Variable([3.0], name="v")
    saver = Saver([r.handle, v._ref()])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, str(tmp_path / "m"), write_meta_graph=False)
        sess.run([r.assign([0.0, 0.0]), v.assign([0.0])])
        saver.restore(sess, path)
        assert [x.tolist() for x in sess.run([r, v])] == [[1.0, 2.0], [3.0]]
    assert list_variables(path) == [("r", [2]), ("v", [1])]
