"""tf.train.warm_start: variable selection, partitioned variables, renames, errors (as TF 2.21)."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.train import checkpoint_ops, warm_starting
from varflow.train.warm_starting import VocabInfo, warm_start

A = np.arange(6, dtype=np.float32).reshape(2, 3)
B = np.array([1.0, 2.0], np.float32)
P = np.array([[0, 1], [2, 3], [10, 11], [12, 13]], np.float32)


@pytest.fixture()
def ckpt(tmp_path):
    """A checkpoint of a (2x3), s/b (2), c (scalar 7, not trainable) and p (4x2, two parts)."""
    with tf.Graph().as_default():
        tf.get_variable("a", initializer=A)
        tf.get_variable("s/b", initializer=B)
        tf.get_variable("c", initializer=np.float32(7.0), trainable=False)
        p = tf.get_variable("p", shape=[4, 2], initializer=tf.zeros_initializer(),
                            partitioner=tf.fixed_size_partitioner(2))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for k, part in enumerate(p):
                part.load(P[2 * k:2 * k + 2], sess)
            return tf.train.Saver().save(sess, str(tmp_path) + "/model.ckpt")


def _build():
    zeros = tf.zeros_initializer()
    return (tf.get_variable("a", shape=[2, 3], initializer=zeros),
            tf.get_variable("s/b", shape=[2], initializer=zeros),
            tf.get_variable("c", shape=[], initializer=zeros, trainable=False),
            tf.get_variable("p", shape=[4, 2], initializer=zeros,
                            partitioner=tf.fixed_size_partitioner(2)))


def _warm(path, *args, **kwargs):
    """(new op names, values of a, s/b, c, p) after warm-starting a fresh graph."""
    with tf.Graph().as_default() as graph:
        variables = _build()
        before = len(graph.get_operations())
        warm_start(path, *args, **kwargs)
        new_ops = [op.name for op in graph.get_operations()[before:]]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run(list(variables[:3]) + [variables[3].as_tensor()])
    return new_ops, values


def _check(values, a=False, b=False, c=False, p=False):
    np.testing.assert_array_equal(values[0], A if a else 0)
    np.testing.assert_array_equal(values[1], B if b else 0)
    np.testing.assert_array_equal(values[2], 7.0 if c else 0)
    np.testing.assert_array_equal(values[3], P if p else 0)


def test_default_warm_starts_trainable_variables_only(ckpt):
    ops, values = _warm(ckpt)
    _check(values, a=True, b=True, p=True)
    # observed in TF 2.21: one RestoreV2 + Assign per variable or part
    assert ops == [name for k in ("", "_1", "_2", "_3") for name in (
        "checkpoint_initializer%s/prefix" % k, "checkpoint_initializer%s/tensor_names" % k,
        "checkpoint_initializer%s/shape_and_slices" % k, "checkpoint_initializer%s" % k,
        "Assign" + k)]


def test_regex_string_matches_from_the_start(ckpt):
    _, values = _warm(ckpt, "s/")
    _check(values, b=True)
    _, values = _warm(ckpt, "c")          # c is not trainable: a string only sees trainable ones
    _check(values)


def test_list_of_regexes_uses_global_variables(ckpt):
    _, values = _warm(ckpt, ["c"])
    _check(values, c=True)
    _, values = _warm(ckpt, ["p", "s/.*"])
    _check(values, b=True, p=True)


def test_partitioned_variable_is_warm_started_whole(ckpt):
    ops, values = _warm(ckpt, "p")
    _check(values, p=True)
    assert [o for o in ops if o.startswith("Assign")] == ["Assign", "Assign_1"]


def test_list_of_variables_and_of_parts(ckpt):
    with tf.Graph().as_default():
        a, b, c, p = _build()
        warm_start(ckpt, [a, c] + list(p))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            _check(sess.run([a, b, c, p.as_tensor()]), a=True, c=True, p=True)


def test_none_and_empty_warm_start_nothing(ckpt, tmp_path):
    for arg in (None, [], ""):
        ops, values = _warm(ckpt, arg)
        assert ops == []
        _check(values)
    # TF 2.21: nothing to warm-start never opens the checkpoint
    assert _warm(str(tmp_path / "nowhere"), [])[0] == []


def test_directory_means_its_latest_checkpoint(ckpt, tmp_path):
    _, values = _warm(str(tmp_path), ".*")
    _check(values, a=True, b=True, p=True)


def test_missing_checkpoint_is_not_found(tmp_path):
    with pytest.raises(errors.NotFoundError):
        _warm(str(tmp_path / "nonexist"), ".*")


def test_prev_var_name_renames(ckpt):
    with tf.Graph().as_default():
        a, b, c, p = _build()
        other = tf.get_variable("other", shape=[2], initializer=tf.zeros_initializer())
        warm_start(ckpt, ["other", "s/b"], var_name_to_prev_var_name={"other": "s/b"})
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            np.testing.assert_array_equal(sess.run(other), B)
            np.testing.assert_array_equal(sess.run(b), B)    # two variables from one tensor
            np.testing.assert_array_equal(sess.run(a), 0)


def test_errors_as_tensorflow(ckpt):
    # Messages observed in TF 2.21.
    with pytest.raises(ValueError, match=r"var_name_to_prev_var_name that were not used: \{'zz'\}"):
        _warm(ckpt, "a", var_name_to_prev_var_name={"zz": "a"})
    with pytest.raises(ValueError, match=r"Shape of variable a:0 \(\(2, 3\)\) doesn't match with shape "
                                         r"of tensor s/b \(\[2\]\) from checkpoint reader."):
        _warm(ckpt, "a", var_name_to_prev_var_name={"a": "s/b"})
    with pytest.raises(ValueError, match="Tensor nothere is not found in"):
        _warm(ckpt, "a", var_name_to_prev_var_name={"a": "nothere"})
    with pytest.raises(ValueError, match="must be a `list` or `str`.  Given type is <class 'int'>"):
        _warm(ckpt, 5)
    with pytest.raises(ValueError, match="must be a `list` or `str`"):
        _warm(ckpt, ("a",))
    with pytest.raises(ValueError, match="it must be all `Variable` or all `str`"):
        _warm(ckpt, ["a", 5])
    with pytest.raises(ValueError, match="At least two variables have the same name: a"):
        _warm(ckpt, ["a", "a.*"])


def test_partitioned_variable_object_in_list_is_rejected(ckpt):
    with tf.Graph().as_default():
        p = _build()[3]
        with pytest.raises(ValueError, match="all `Variable` or all `str`"):
            warm_start(ckpt, [p])


def test_dtype_mismatch(ckpt):
    with tf.Graph().as_default():
        tf.get_variable("a", shape=[2, 3], dtype=tf.float64)
        with pytest.raises(ValueError, match="Dtype of variable a:0 \\(float64\\)"):
            warm_start(ckpt, "a")


def test_initializer_built_earlier_keeps_old_values(ckpt):
    with tf.Graph().as_default():
        a = _build()[0]
        early = tf.global_variables_initializer()
        warm_start(ckpt, "a")
        with tf.Session() as sess:
            sess.run(early)
            np.testing.assert_array_equal(sess.run(a), 0)
            sess.run(a.initializer)
            np.testing.assert_array_equal(sess.run(a), A)


def test_object_based_checkpoint_maps_names_to_keys(tmp_path):
    key = "model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE"
    graph_proto = warm_starting._TrackableObjectGraph(nodes=[
        warm_starting._TrackableObject(),
        warm_starting._TrackableObject(attributes=[warm_starting._SerializedTensor(
            name="VARIABLE_VALUE", full_name="dense/kernel", checkpoint_key=key)])])
    with tf.Graph().as_default():
        kernel = tf.Variable(A, name="kernel_saved")
        graph_var = tf.Variable(graph_proto.SerializeToString(), name="object_graph")
        saver = tf.train.Saver({key: kernel, warm_starting._OBJECT_GRAPH_KEY: graph_var})
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = saver.save(sess, str(tmp_path) + "/obj")
    with tf.Graph().as_default():
        kernel = tf.get_variable("dense/kernel", shape=[2, 3], initializer=tf.zeros_initializer())
        warm_start(path, "dense/")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            np.testing.assert_array_equal(sess.run(kernel), A)
    with tf.Graph().as_default():
        tf.get_variable("dense/bias", shape=[2])
        with pytest.raises(ValueError, match="object-based checkpoint.*missing: \\{'dense/bias'\\}"):
            warm_start(path, "dense/")


# ---------------------------------------------------------------------------------------------
# Vocabulary remapping (VocabInfo); expected values observed in TF 2.21
# ---------------------------------------------------------------------------------------------
EMB = np.arange(12, dtype=np.float32).reshape(4, 3)      # rows for the old vocabulary a, b, c, d
OUT = np.arange(8, dtype=np.float32).reshape(2, 4)       # columns for a, b, c, d


@pytest.fixture()
def vocab(tmp_path):
    (tmp_path / "old.txt").write_text("a\nb\nc\nd\n")
    (tmp_path / "new.txt").write_text("d\nx\nb\na\ny\n")
    with tf.Graph().as_default():
        tf.get_variable("emb", initializer=EMB)
        tf.get_variable("out", initializer=OUT)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = tf.train.Saver().save(sess, str(tmp_path) + "/vocab.ckpt")
    return path, str(tmp_path / "new.txt"), str(tmp_path / "old.txt")


def _warm_vocab(path, name, shape, info, partitions=None, select=None, prev=None):
    with tf.Graph().as_default():
        var = tf.get_variable(name, shape=shape, initializer=tf.zeros_initializer(),
                              partitioner=partitions and tf.fixed_size_partitioner(partitions))
        warm_start(path, name if select is None else select, var_name_to_vocab_info={name: info},
                   var_name_to_prev_var_name=prev)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(var.as_tensor() if partitions else var)


ROWS = [[9, 10, 11], [0, 0, 0], [3, 4, 5], [0, 1, 2], [0, 0, 0], [0, 0, 0]]   # d x b a y +1 OOV


def test_vocab_info_fields_and_axis():
    info = VocabInfo("new", 5, 1, "old")
    assert info._fields == ("new_vocab", "new_vocab_size", "num_oov_buckets", "old_vocab",
                            "old_vocab_size", "backup_initializer", "axis")
    assert (info.old_vocab_size, info.backup_initializer, info.axis) == (-1, None, 0)
    with pytest.raises(ValueError, match="only supported values for the axis argument are 0 and 1"):
        VocabInfo("new", 5, 1, "old", axis=2)


def test_vocab_rows_remapped(vocab):
    path, new, old = vocab
    np.testing.assert_array_equal(_warm_vocab(path, "emb", [6, 3], VocabInfo(new, 5, 1, old)), ROWS)
    # None selects only the variables with a vocabulary
    np.testing.assert_array_equal(_warm_vocab(path, "emb", [6, 3], VocabInfo(new, 5, 1, old),
                                              select=None), ROWS)


def test_vocab_partitioned_rows(vocab):
    path, new, old = vocab
    for parts in (2, 3):
        np.testing.assert_array_equal(
            _warm_vocab(path, "emb", [6, 3], VocabInfo(new, 5, 1, old), partitions=parts), ROWS)
    # three new entries + three OOV rows: the second part holds only OOV rows
    np.testing.assert_array_equal(
        _warm_vocab(path, "emb", [6, 3], VocabInfo(new, 3, 3, old), partitions=2),
        [[9, 10, 11], [0, 0, 0], [3, 4, 5], [0, 0, 0], [0, 0, 0], [0, 0, 0]])


def test_vocab_old_vocab_size_limits_old_lines(vocab):
    path, new, old = vocab
    np.testing.assert_array_equal(
        _warm_vocab(path, "emb", [6, 3], VocabInfo(new, 5, 1, old, old_vocab_size=2)),
        [[0, 0, 0], [0, 0, 0], [3, 4, 5], [0, 1, 2], [0, 0, 0], [0, 0, 0]])


def test_vocab_columns_remapped(vocab):
    path, new, old = vocab
    np.testing.assert_array_equal(
        _warm_vocab(path, "out", [2, 6], VocabInfo(new, 5, 1, old, axis=1)),
        [[3, 0, 1, 0, 0, 0], [7, 0, 5, 4, 0, 0]])


def test_vocab_backup_initializer_and_rename(vocab):
    path, new, old = vocab
    value = _warm_vocab(path, "emb2", [6, 3],
                        VocabInfo(new, 5, 1, old, backup_initializer=tf.constant_initializer(-1.0)),
                        prev={"emb2": "emb"})
    expected = np.array(ROWS, np.float32)
    expected[[1, 4, 5]] = -1.0
    np.testing.assert_array_equal(value, expected)
    value = _warm_vocab(path, "emb", [6, 3], VocabInfo(
        new, 5, 1, old, backup_initializer=tf.random_uniform_initializer(0.5, 0.6, seed=1)))
    assert np.all((value[[1, 4, 5]] >= 0.5) & (value[[1, 4, 5]] < 0.6))
    np.testing.assert_array_equal(value[[0, 2, 3]], EMB[[3, 1, 0]])


def test_vocab_errors(vocab, tmp_path):
    path, new, old = vocab
    with pytest.raises(ValueError, match="var_name_to_vocab_info that were not used: \\{'zz'\\}"):
        warm_start_unused(path, VocabInfo(new, 5, 1, old))
    with pytest.raises(ValueError, match="Invalid args: Must provide all of"):
        _warm_vocab(path, "emb", [6, 3], VocabInfo(None, 5, 1, old))
    with pytest.raises(errors.InvalidArgumentError, match="larger than last new vocab entry"):
        _warm_vocab(path, "emb", [6, 3], VocabInfo(new, 7, 0, old))        # new.txt has 5 lines
    with pytest.raises(errors.InvalidArgumentError, match="2nd dimension is 3 instead of .* num_cols=4"):
        _warm_vocab(path, "emb", [6, 4], VocabInfo(new, 5, 1, old))
    with pytest.raises(errors.NotFoundError):
        _warm_vocab(path, "emb", [6, 3], VocabInfo(new, 5, 1, str(tmp_path / "missing.txt")))
    with pytest.raises(TypeError):                 # float32 values into a float64 variable
        with tf.Graph().as_default():
            tf.get_variable("emb", shape=[6, 3], dtype=tf.float64)
            warm_start(path, "emb", var_name_to_vocab_info={"emb": VocabInfo(new, 5, 1, old)})
    with pytest.raises(ValueError, match="Expected 2-dim shape"):
        _warm_vocab(path, "emb", [6], VocabInfo(new, 5, 1, old))


def warm_start_unused(path, info):
    with tf.Graph().as_default():
        tf.get_variable("emb", shape=[4, 3])
        warm_start(path, "emb", var_name_to_vocab_info={"zz": info})


def _run(t):
    with tf.Session() as sess:
        return sess.run(t)


def test_generate_vocab_remapping_op(tmp_path):
    # observed in TF 2.21 with tf.raw_ops.GenerateVocabRemapping
    (tmp_path / "new.txt").write_text("c\nb\nz\na\n")
    (tmp_path / "old.txt").write_text("a\nb\nc")
    (tmp_path / "crlf.txt").write_text("a\r\nb\r\nc\r\n")
    (tmp_path / "dup.txt").write_text("a\nb\na\n")
    (tmp_path / "empty_line.txt").write_text("a\n\nb\n")
    new, old = str(tmp_path / "new.txt"), str(tmp_path / "old.txt")
    with tf.Graph().as_default():
        gen = checkpoint_ops.generate_vocab_remapping
        remap, present = gen(new, old, 0, 4)
        assert (remap.dtype, present.dtype, remap.shape.as_list()) == (tf.int64, tf.int32, [4])
        r, n = _run((remap, present))
        assert r.tolist() == [2, 1, -1, 0] and n == 3
        r, n = _run(gen(new, old, 0, 4, old_vocab_size=2))
        assert r.tolist() == [-1, 1, -1, 0] and n == 2
        r, n = _run(gen(new, old, 1, 2))
        assert r.tolist() == [1, -1] and n == 1
        assert _run(gen(new, old, 4, 0))[0].tolist() == []
        assert _run(gen(new, str(tmp_path / "crlf.txt"), 0, 4))[0].tolist() == [2, 1, -1, 0]
        for args, error in (((new, old, 0, 4, 5), errors.InvalidArgumentError),
                            ((new, old, 3, 3), errors.InvalidArgumentError),
                            ((new, str(tmp_path / "dup.txt"), 0, 4), errors.FailedPreconditionError),
                            ((new, str(tmp_path / "empty_line.txt"), 0, 4), errors.InvalidArgumentError),
                            ((new, str(tmp_path / "none.txt"), 0, 1), errors.NotFoundError)):
            with pytest.raises(error):
                _run(gen(*args))


def test_load_and_remap_matrix_op(tmp_path):
    # observed in TF 2.21 with tf.raw_ops.LoadAndRemapMatrix
    with tf.Graph().as_default():
        m = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3), name="m")
        with tf.Session() as sess:
            sess.run(m.initializer)
            path = tf.train.Saver([m]).save(sess, str(tmp_path) + "/ck")
    load = checkpoint_ops.load_and_remap_matrix
    with tf.Graph().as_default():
        out = load(path, "m", [3, -1, 0], [2, -1], [-1.0, -2.0, -3.0, -4.0], 3, 2)
        assert out.shape.as_list() == [3, 2]
        np.testing.assert_array_equal(_run(out), [[11, -1], [-2, -3], [2, -4]])
        np.testing.assert_array_equal(_run(load(path, "m", [3, -1, 0], [], [-1.0, -2.0, -3.0], 3, 3)),
                                      [[9, 10, 11], [-1, -2, -3], [0, 1, 2]])
        for args in (([3, -1, 0], [], [-1.0, -2.0], 3, 3),      # too few initializing values
                     ([3, -1], [], [-1.0, -2.0, -3.0], 3, 3),   # row_remapping shorter than num_rows
                     ([3, 0], [1], [], 2, 2),                    # col_remapping not num_cols long
                     ([3, 5, 0], [], [], 3, 3)):                 # old row 5 does not exist
            with pytest.raises(errors.InvalidArgumentError):
                _run(load(path, "m", *args))
