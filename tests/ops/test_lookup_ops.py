"""Lookup tables: StaticHashTable, StaticVocabularyTable, text-file and tensor initializers,
MutableHashTable, DenseHashTable and tables_initializer. Expected numbers were observed in TF 2.21."""
import numpy as np
import pytest

import varflow as tf
from varflow import lookup
from varflow.framework import errors
from varflow.framework.graph_keys import GraphKeys
from varflow.ops.lookup_ops import initialize_all_tables, tables_initializer


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


def _table(keys=("a", "b", "c"), values=(1, 2, 3), default=-1, **kw):
    return lookup.StaticHashTable(lookup.KeyValueTensorInitializer(list(keys), list(values)),
                                  default, **kw)


def test_static_hash_table_graph_structure():
    t = _table()
    out = t.lookup(tf.constant(["a", "x"]))
    g = tf.get_default_graph()
    assert t.name == "hash_table" and t.resource_handle.name == "hash_table:0"
    assert t.resource_handle.dtype == tf.resource
    assert g.get_operation_by_name("hash_table").type == "HashTableV2"
    assert t.initializer.name == "key_value_init/LookupTableImportV2"
    assert t.initializer.type == "LookupTableImportV2"
    assert out.name == "hash_table_Lookup/LookupTableFindV2:0"
    assert out.dtype == tf.int32 and out.shape.as_list() == [2]
    assert t.size().name == "hash_table_Size/LookupTableSizeV2:0"
    assert tf.get_collection(GraphKeys.TABLE_INITIALIZERS) == [t.initializer]
    shared = g.get_operation_by_name("hash_table").get_attr("shared_name")
    assert shared.startswith("hash_table_")


def test_static_hash_table_values_and_session_state():
    t = _table()
    keys = tf.placeholder(tf.string, [None, 2])
    found = t.lookup(keys)
    assert found.shape.as_list() == [None, 2]
    init = tables_initializer()
    assert init.type == "NoOp" and init.name == "init_all_tables"
    with tf.Session() as sess:
        with pytest.raises(errors.FailedPreconditionError, match="Table not initialized"):
            sess.run(found, {keys: [["a", "b"]]})
        assert sess.run(t.size()) == 0          # TF: size of an uninitialized table is 0
        sess.run(init)
        np.testing.assert_array_equal(sess.run(found, {keys: [["a", "z"], ["c", "b"]]}),
                                      [[1, -1], [3, 2]])
        assert sess.run(t.lookup(tf.constant("b"))) == 2
        assert sess.run(t.size()) == 3
        sess.run(init)                           # re-running the same initializer is allowed
        with tf.Session() as other:              # each session has its own table contents
            with pytest.raises(errors.FailedPreconditionError):
                other.run(t.lookup(tf.constant(["a"])))


def test_lookup_sparse_keys_and_export():
    t = _table()
    sp = t.lookup(tf.SparseTensor([[0, 0], [1, 1]], ["c", "q"], [2, 2]))
    keys, values = t.export()
    assert keys.shape.ndims is None and values.dtype == tf.int32
    with tf.Session() as sess:
        with pytest.raises(errors.AbortedError, match="HashTable is not initialized"):
            sess.run(t.export())
        sess.run(t.initializer)
        result = sess.run(sp)
        np.testing.assert_array_equal(result.values, [3, -1])
        np.testing.assert_array_equal(result.dense_shape, [2, 2])
        k, v = sess.run([keys, values])
        assert sorted(zip(k.tolist(), v.tolist())) == [(b"a", 1), (b"b", 2), (b"c", 3)]


def test_build_time_errors_match_tf():
    t = _table()
    with pytest.raises(TypeError, match="Dtype of argument `keys` must be"):
        t.lookup(tf.constant([1, 2]))
    with pytest.raises(TypeError):
        _table(default=-1.5)
    with pytest.raises(TypeError):
        _table(default="x")
    with pytest.raises(ValueError):
        _table(default=[1, 2])
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        _table(keys=("a", "b", "c"), values=(1, 2))
    with pytest.raises(ValueError, match="Shape must be rank 1"):
        lookup.StaticHashTable(lookup.KeyValueTensorInitializer([["a", "b"]], [[1, 2]]), -1)
    with pytest.raises(TypeError):
        lookup.KeyValueTensorInitializer(["a"], [1], key_dtype=tf.int64)


def test_duplicate_keys_and_reinitialization():
    dup = _table(keys=("a", "a"), values=(1, 2))
    same = _table(keys=("a", "a"), values=(1, 1))
    ph = tf.placeholder(tf.int32, [None])
    fed = lookup.StaticHashTable(lookup.KeyValueTensorInitializer(["a", "b"], ph), -1)
    with tf.Session() as sess:
        with pytest.raises(errors.FailedPreconditionError,
                           match="Key a has 1 and trying to add value 2"):
            sess.run(dup.initializer)
        sess.run(same.initializer)
        assert sess.run(same.size()) == 1
        with pytest.raises(errors.FailedPreconditionError, match="already initialized"):
            sess.run(same.initializer)
        with pytest.raises(errors.InvalidArgumentError):
            sess.run(fed.initializer, {ph: [1, 2, 3]})
        sess.run(fed.initializer, {ph: [1, 2]})
        sess.run(fed.initializer, {ph: [5, 6]})      # TF keeps the first contents
        np.testing.assert_array_equal(sess.run(fed.lookup(tf.constant(["a", "b"]))), [1, 2])


def test_vocabulary_table_buckets_match_tf():
    pytest.importorskip("farmhash")
    v = lookup.StaticVocabularyTable(
        lookup.KeyValueTensorInitializer(["a", "b"], tf.constant([0, 1], tf.int64)), 3)
    found = v.lookup(tf.constant([["a", "zz"], ["b", "q"]]))
    assert found.name == "hash_table_Lookup/SelectV2:0" and v.name == "hash_table"
    ids = lookup.StaticVocabularyTable(
        lookup.KeyValueTensorInitializer(tf.constant([5, 7], tf.int64),
                                         tf.constant([0, 1], tf.int64)),
        4, lookup_key_dtype=tf.int32, name="ids")
    ids_found = ids.lookup(tf.constant([5, 6, 7, 8, 100]))
    only = lookup.StaticVocabularyTable(None, 5)
    only_found = only.lookup(tf.constant(["x", "y", "hello"]))
    assert ids.key_dtype == tf.int32 and only.name == "hash_bucket"
    with tf.Session() as sess:
        sess.run(tables_initializer())
        np.testing.assert_array_equal(sess.run(found), [[0, 3], [1, 4]])   # observed in TF 2.21
        assert sess.run(v.size()) == 5
        np.testing.assert_array_equal(sess.run(ids_found), [0, 5, 1, 5, 5])
        np.testing.assert_array_equal(sess.run(only_found), [0, 0, 1])
        assert sess.run(only.size()) == 5


def test_vocabulary_table_argument_errors():
    init = lookup.KeyValueTensorInitializer(["a"], tf.constant([0], tf.int64))
    with pytest.raises(ValueError, match="must be > 0"):
        lookup.StaticVocabularyTable(init, 0)
    with pytest.raises(TypeError, match="Invalid `value_dtype`"):
        lookup.StaticVocabularyTable(lookup.KeyValueTensorInitializer(["a"], [0]), 2)
    with pytest.raises(TypeError, match="Invalid `key_dtype`"):
        lookup.StaticVocabularyTable(
            lookup.KeyValueTensorInitializer([1], tf.constant([0], tf.int64)), 2)


def test_vocabulary_table_without_farmhash_says_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "farmhash", None)
    v = lookup.StaticVocabularyTable(None, 2)
    with tf.Session() as sess, pytest.raises(ImportError, match="pyfarmhash"):
        sess.run(v.lookup(tf.constant(["x"])))


def _text_table(tmp_path, content, key_dtype, key_index, value_dtype, value_index, default,
                **kw):
    path = tmp_path / "vocab.txt"
    path.write_bytes(content)
    return lookup.StaticHashTable(lookup.TextFileInitializer(
        str(path), key_dtype, key_index, value_dtype, value_index, **kw), default)


def test_text_file_initializer(tmp_path):
    whole, line = lookup.TextFileIndex.WHOLE_LINE, lookup.TextFileIndex.LINE_NUMBER
    assert (whole, line) == (-2, -1)
    t = _text_table(tmp_path, b"apple\nbanana\ncherry\n", tf.string, whole, tf.int64, line, -1)
    found = t.lookup(tf.constant(["banana", "kiwi"]))
    assert t.initializer.name == "text_file_init/InitializeTableFromTextFileV2"
    assert [a.name for a in tf.get_collection(GraphKeys.ASSET_FILEPATHS)] == ["asset_path:0"]
    op = tf.get_default_graph().get_operation_by_name("hash_table")
    assert op.get_attr("shared_name") == "hash_table_%s_-2_-1" % (tmp_path / "vocab.txt")
    cols_path = tmp_path / "cols.txt"
    cols_path.write_bytes(b"apple\t10\t0.5\nbanana\t20\t1.5\ncherry\t30\t2.5")
    cols = lookup.StaticHashTable(
        lookup.TextFileInitializer(str(cols_path), tf.int64, 1, tf.float32, 2), -1.0)
    rev = lookup.StaticHashTable(
        lookup.TextFileInitializer(str(cols_path), tf.int64, line, tf.string, 0, vocab_size=2),
        "UNK")
    offset = lookup.StaticHashTable(lookup.TextFileInitializer(
        str(cols_path), tf.string, 0, tf.int64, line, value_index_offset=3), -1)
    with tf.Session() as sess:
        sess.run(tables_initializer())
        np.testing.assert_array_equal(sess.run(found), [1, -1])
        np.testing.assert_allclose(sess.run(cols.lookup(tf.constant([20, 99], tf.int64))),
                                   [1.5, -1.0])
        assert sess.run(rev.lookup(tf.constant([0, 1, 2], tf.int64))).tolist() == [
            b"apple", b"banana", b"UNK"]
        assert sess.run(rev.size()) == 2
        np.testing.assert_array_equal(sess.run(offset.lookup(tf.constant(["apple", "cherry"]))),
                                      [3, 5])


@pytest.mark.parametrize("content, kw, error, message", [
    (b"a\nb\na\n", {}, errors.FailedPreconditionError, "Key a has 0 and trying to add value 2"),
    (b"a\n\nb\n", {}, errors.InvalidArgumentError, "empty line found at position 3"),
    (b"a\nb", {"vocab_size": 5}, errors.InvalidArgumentError,
     "Invalid vocab_size .*: expected 5 but got 2"),
])
def test_text_file_run_errors(tmp_path, content, kw, error, message):
    t = _text_table(tmp_path, content, tf.string, -2, tf.int64, -1, -1, **kw)
    with tf.Session() as sess, pytest.raises(error, match=message):
        sess.run(t.initializer)


def test_text_file_column_errors(tmp_path):
    bad_int = _text_table(tmp_path, b"a 1\nb x\n", tf.string, 0, tf.int64, 1, -1, delimiter=" ")
    few = lookup.StaticHashTable(lookup.TextFileInitializer(
        str(tmp_path / "vocab.txt"), tf.string, 0, tf.int64, 5, delimiter=" "), -1)
    missing = lookup.StaticHashTable(lookup.TextFileInitializer(
        str(tmp_path / "nope.txt"), tf.string, -2, tf.int64, -1), -1)
    with tf.Session() as sess:
        with pytest.raises(errors.InvalidArgumentError, match="Field x in line 1 is not a valid"):
            sess.run(bad_int.initializer)
        with pytest.raises(errors.InvalidArgumentError, match="expected at least 6 got 2"):
            sess.run(few.initializer)
        with pytest.raises(errors.NotFoundError, match="No such file or directory"):
            sess.run(missing.initializer)


def test_text_file_argument_errors():
    with pytest.raises(ValueError, match="`key_dtype` must be int64"):
        lookup.TextFileInitializer("v.txt", tf.string, -1, tf.int64, -1)
    with pytest.raises(ValueError, match="should be >= -2"):
        lookup.TextFileInitializer("v.txt", tf.string, -3, tf.int64, -1)
    with pytest.raises(ValueError, match="`filename` argument required"):
        lookup.TextFileInitializer("", tf.string, -2, tf.int64, -1)
    with pytest.raises(ValueError, match="`vocab_size` should be > 0"):
        lookup.TextFileInitializer("v.txt", tf.string, -2, tf.int64, -1, vocab_size=0)


def test_mutable_hash_table():
    m = lookup.experimental.MutableHashTable(tf.string, tf.int64, -1)
    ins = m.insert(["a", "b", "c"], [1, 2, 3])
    found = m.lookup(["a", "z"])
    assert m.name == "MutableHashTable"
    assert ins.name == "MutableHashTable_lookup_table_insert/LookupTableInsertV2"
    assert found.name == "MutableHashTable_lookup_table_find/LookupTableFindV2:0"
    assert found.shape.as_list() == [2]
    assert tf.get_default_graph().get_operation_by_name(
        "MutableHashTable_lookup_table_export_values/LookupTableExportV2").type == \
        "LookupTableExportV2"        # built with the table, as TF's checkpoint saveable does
    rm = m.remove(tf.constant(["b"]))
    keys, values = m.export()
    with pytest.raises(TypeError):
        m.insert([1], [9])
    with pytest.raises(TypeError, match="Dtype of argument `keys`"):
        m.remove(tf.constant([1]))
    with pytest.raises(ValueError):
        m.lookup(tf.constant([1]))
    with tf.Session() as sess:
        assert sess.run(m.size()) == 0
        sess.run(ins)
        np.testing.assert_array_equal(sess.run(found), [1, -1])
        sess.run(rm)
        k, v = sess.run([keys, values])
        assert sorted(zip(k.tolist(), v.tolist())) == [(b"a", 1), (b"c", 3)]
        sess.run(m.insert(["a"], [9]))
        np.testing.assert_array_equal(
            sess.run(m.lookup(["a", "q"], dynamic_default_values=tf.constant([7, 8], tf.int64))),
            [9, 8])
        with pytest.raises(errors.InvalidArgumentError, match=r"Expected shape \[2\] for value"):
            sess.run(m.insert(["a", "b"], [9]))
        with tf.Session() as other:
            assert other.run(m.size()) == 0


def test_mutable_hash_table_of_vectors():
    m = lookup.experimental.MutableHashTable(tf.int64, tf.float32, [0.0, 0.0], name="vec")
    assert tf.get_default_graph().get_operation_by_name("vec").type == \
        "MutableHashTableOfTensorsV2"
    ins = m.insert(tf.constant([1, 2], tf.int64), [[1.0, 2.0], [3.0, 4.0]])
    found = m.lookup(tf.constant([2, 5], tf.int64))
    assert found.shape.as_list() == [2, 2]
    with tf.Session() as sess:
        sess.run(ins)
        np.testing.assert_array_equal(sess.run(found), [[3.0, 4.0], [0.0, 0.0]])
        with pytest.raises(errors.InvalidArgumentError, match=r"Expected shape \[1,2\]"):
            sess.run(m.insert(tf.constant([1], tf.int64), [[1.0, 2.0, 3.0]]))


def test_dense_hash_table_reserved_keys():
    d = lookup.experimental.DenseHashTable(tf.int64, tf.int64, -1, empty_key=0, deleted_key=-1)
    ins = d.insert(tf.constant([1, 2, 3], tf.int64), tf.constant([10, 20, 30], tf.int64))
    found = d.lookup(tf.constant([[1], [5]], tf.int64))
    assert found.shape.as_list() == [2, 1]
    with pytest.raises(TypeError, match="Signature mismatch"):
        d.erase(tf.constant([1]))
    with tf.Session() as sess:
        sess.run(ins)
        sess.run(d.remove(tf.constant([2], tf.int64)))
        np.testing.assert_array_equal(sess.run(found), [[10], [-1]])
        assert sess.run(d.size()) == 2
        for bad, what in ((0, "empty_key"), (-1, "deleted_key")):
            with pytest.raises(errors.InvalidArgumentError, match="Using the %s" % what):
                sess.run(d.insert(tf.constant([bad], tf.int64), tf.constant([1], tf.int64)))


def test_tables_initializer_groups_all():
    assert tables_initializer().type == "NoOp"
    a, b = _table(), _table(keys=("x",), values=(5,))
    init = initialize_all_tables(name="again")
    assert init.name == "again"
    assert sorted(c.name for c in init.control_inputs) == sorted(
        [a.initializer.name, b.initializer.name])


def test_table_in_dataset_map():
    t = _table(values=(1, 2, 3))
    ds = tf.data.Dataset.from_tensor_slices(["b", "a", "z"]).map(t.lookup)
    it = tf.data.make_initializable_iterator(ds)
    element = it.get_next()
    with tf.Session() as sess:
        sess.run([tables_initializer(), it.initializer])
        assert [sess.run(element) for _ in range(3)] == [2, 1, -1]
