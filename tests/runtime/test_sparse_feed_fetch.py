"""Session.run with SparseTensors: fetched as SparseTensorValue (alone or nested), fed from a
SparseTensorValue or an (indices, values, dense_shape) sequence (zipped with the components, as TF
does), through eval, make_callable and partial runs."""
import collections

import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors


def sparse_value(v):
    return [v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist()]


def test_fetch_returns_sparse_tensor_value_namedtuple():
    sp = tf.SparseTensor([[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    with tf.Session() as sess:
        got = sess.run(sp)
    assert type(got) is tf.SparseTensorValue and got._fields == ("indices", "values", "dense_shape")
    assert sparse_value(got) == [[[0, 0], [1, 2]], [1.0, 2.0], [3, 4]]
    assert got.indices.dtype == np.int64 and got.values.dtype == np.float32
    assert got.dense_shape.dtype == np.int64
    got.indices[0, 0] = 9          # the fetched arrays are the caller's own (not the graph's Consts)
    with tf.Session() as sess:
        assert sess.run(sp).indices[0, 0] == 0


def test_fetch_nested_structures():
    sp = tf.SparseTensor([[0]], [5], [2])
    dense = tf.sparse.to_dense(sp)
    Pair = collections.namedtuple("Pair", ["sparse", "dense"])
    with tf.Session() as sess:
        got = sess.run({"a": [sp, dense], "b": (sp,), "c": Pair(sp, dense), "d": {"e": sp}})
    assert sparse_value(got["a"][0]) == [[[0]], [5], [2]] and got["a"][1].tolist() == [5, 0]
    assert type(got["b"]) is tuple and type(got["b"][0]) is tf.SparseTensorValue
    assert type(got["c"]) is Pair and got["c"].dense.tolist() == [5, 0]
    assert sparse_value(got["d"]["e"]) == [[[0]], [5], [2]]


@pytest.mark.parametrize("value", [
    tf.SparseTensorValue([[0, 1], [1, 0]], [1.0, 2.0], [2, 3]),
    ([[0, 1], [1, 0]], [1.0, 2.0], [2, 3]),
    [np.array([[0, 1], [1, 0]]), np.array([1, 2]), np.array([2, 3])],
])
def test_feed_sparse_value_or_sequence(value):
    p = tf.sparse_placeholder(tf.float32)
    dense = tf.sparse.to_dense(p)
    with tf.Session() as sess:
        got, d = sess.run([p, dense], {p: value})
    assert sparse_value(got) == [[[0, 1], [1, 0]], [1.0, 2.0], [2, 3]]
    assert got.values.dtype == np.float32 and got.indices.dtype == np.int64
    assert d.tolist() == [[0, 1, 0], [2, 0, 0]]


def test_feed_pair_leaves_the_default_dense_shape():
    p = tf.sparse_placeholder(tf.float32, shape=[None, 5])
    with tf.Session() as sess:
        assert sess.run(p.dense_shape).tolist() == [-1, 5]
        got = sess.run(p, {p: ([[0, 0]], [1.0])})
        assert got.dense_shape.tolist() == [-1, 5]
        assert sess.run(p, {p: ([[0, 0]], [1.0], [7, 6])}).dense_shape.tolist() == [7, 6]


def test_sparse_placeholder_graph():
    p = tf.sparse_placeholder(tf.float32, shape=[2, None], name="sp")
    ops = [(op.name, op.type) for op in tf.get_default_graph().get_operations()]
    assert ops == [("sp/shape_default", "Const"), ("sp/shape", "PlaceholderWithDefault"),
                   ("sp/values", "Placeholder"), ("sp/indices", "Placeholder")]
    assert p.shape.as_list() == [2, None] and p.indices.shape.as_list() == [None, 2]
    q = tf.sparse.placeholder(tf.int32)
    assert [t.op.type for t in (q.indices, q.values, q.dense_shape)] == ["Placeholder"] * 3
    assert q.shape.ndims is None and q.dtype == tf.int32
    with pytest.raises(ValueError, match="unknown rank"):
        tf.sparse_placeholder(tf.float32, shape=tf.TensorShape(None))


def test_bad_sparse_feeds():
    p = tf.sparse_placeholder(tf.float32, shape=[None, 2])
    with tf.Session() as sess:
        with pytest.raises(ValueError, match="Cannot feed value of shape"):
            sess.run(p, {p: ([0, 0], [1.0], [2, 2])})
        with pytest.raises(ValueError):
            sess.run(p, {p: np.zeros([3, 3])})
        with pytest.raises(TypeError):
            sess.run(p, {p: 3})
        with pytest.raises(TypeError, match="cannot be a tf.Tensor"):
            sess.run(p, {p: (tf.constant([[0, 0]], tf.int64), [1.0], [2, 2])})
        with pytest.raises(errors.InvalidArgumentError, match="must feed a value"):
            sess.run(p.values)


def test_eval_with_default_and_explicit_session():
    p = tf.sparse_placeholder(tf.float32)
    with tf.Session():
        got = p.eval(feed_dict={p: ([[1]], [2.0], [3])})
        assert sparse_value(got) == [[[1]], [2.0], [3]]
    other = tf.Session()
    assert sparse_value(tf.SparseTensor([[0]], [1.0], [1]).eval(session=other)) == [[[0]], [1.0], [1]]
    other.close()
    with pytest.raises(ValueError, match="No default session"):
        p.eval()


def test_make_callable_with_sparse_feeds_and_fetches():
    p = tf.sparse_placeholder(tf.float32)
    x = tf.placeholder(tf.float32)
    y = tf.sparse.reduce_sum(p) * x
    with tf.Session() as sess:
        call = sess.make_callable([y, p], [p, x])
        got = call(([[0], [2]], [1.0, 2.0], [3]), 10.0)
        assert got[0] == 30.0 and sparse_value(got[1]) == [[[0], [2]], [1.0, 2.0], [3]]
        assert call(tf.SparseTensorValue([[1]], [4.0], [3]), 0.5)[0] == 2.0
        with pytest.raises(errors.InvalidArgumentError, match="expects 2 feed values"):
            call(([[0]], [1.0], [3]))
        with pytest.raises(ValueError, match="indices, values, dense_shape"):
            call(([[0]], [1.0]), 1.0)
        single = sess.make_callable(p, [p])
        assert type(single(([[1]], [3.0], [2]))) is tf.SparseTensorValue
        plain = sess.make_callable(x * 2.0, [x])       # no composite: the arguments pass through
        assert plain(4.0) == 8.0


def test_partial_run_feeds_sparse_components():
    p = tf.sparse_placeholder(tf.float32)
    total = tf.sparse.reduce_sum(p)
    doubled = total * 2.0
    with tf.Session() as sess:
        handle = sess.partial_run_setup([total, doubled], [p.indices, p.values, p.dense_shape])
        assert sess.partial_run(handle, total, {p: ([[0], [1]], [1.0, 2.0], [2])}) == 3.0
        assert sess.partial_run(handle, doubled) == 6.0


def test_plain_tensor_feeds_and_fetches_unchanged():
    x = tf.placeholder(tf.float32, [2])
    y = x + 1.0
    with tf.Session() as sess:
        assert sess.run(y, {x: [1.0, 2.0]}).tolist() == [2.0, 3.0]
        assert sess.run(y, {"Placeholder:0": [0.0, 0.0]}).tolist() == [1.0, 1.0]
        assert sess.run(tf.constant(3.0)) == 3.0
