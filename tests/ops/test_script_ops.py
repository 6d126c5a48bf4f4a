"""tf.py_func / tf.numpy_function: op types and names, result checks, error classes, no gradient
(behaviour observed in TF 2.21)."""
import numpy as np
import pytest

import varflow as tf


@pytest.fixture
def graph():
    with tf.Graph().as_default() as g:
        yield g


def test_names_types_and_structure(graph):
    x = tf.placeholder(tf.float32, [3])
    a = tf.py_func(lambda v: v * 2, [x], tf.float32)
    b = tf.py_func(lambda v: (v, v.astype(np.int32)), [x], [tf.float32, tf.int32], stateful=False)
    c = tf.numpy_function(lambda v: v + 1, [x], tf.float32)
    none = tf.py_func(lambda v: None, [x], [])
    assert a.name == "PyFunc:0" and a.op.type == "PyFunc"
    assert [t.name for t in b] == ["PyFuncStateless:0", "PyFuncStateless:1"]
    assert c.name == "PyFunc_1:0" and a.shape.ndims is None
    assert isinstance(none, tf.Operation)
    with tf.Session() as sess:
        out = sess.run([a, b, c, none], {x: [1, 2, 3]})
    assert out[0].tolist() == [2, 4, 6] and out[1][1].dtype == np.int32
    assert out[2].tolist() == [2, 3, 4] and out[3] is None


def test_no_gradient_flows(graph):
    x = tf.placeholder(tf.float32, [3])
    assert tf.gradients(tf.py_func(lambda v: v, [x], tf.float32), x) == [None]


@pytest.mark.parametrize("func,tout,expected", [
    (lambda v: 1.5, tf.float64, 1.5), (lambda v: np.float32(1.5), tf.float32, 1.5),
    (lambda v: b"hi", tf.string, b"hi"), (lambda v: "hi", tf.string, b"hi"),
])
def test_results_of_the_declared_dtype(graph, func, tout, expected):
    x = tf.placeholder(tf.float32, [3])
    with tf.Session() as sess:
        assert sess.run(tf.py_func(func, [x], tout), {x: [1, 2, 3]}) == expected


@pytest.mark.parametrize("func,tout,error,text", [
    (lambda v: 1.5, tf.float32, tf.errors.InvalidArgumentError, "is float64, but expects float32"),
    (lambda v: 2, tf.int32, tf.errors.InvalidArgumentError, "is int64, but expects int32"),
    (lambda v: [1.5, 2.5], tf.float32, tf.errors.InvalidArgumentError, "returns 2 values, but expects"),
    (lambda v: int("x"), tf.float32, tf.errors.InvalidArgumentError, "ValueError"),
    (lambda v: [][1], tf.float32, tf.errors.UnknownError, "IndexError: list index out of range"),
    (lambda v: next(iter([])), tf.float32, tf.errors.OutOfRangeError, "StopIteration"),
])
def test_errors(graph, func, tout, error, text):
    x = tf.placeholder(tf.float32, [3])
    y = tf.py_func(func, [x], tout, name="user_fn")
    with tf.Session() as sess:
        with pytest.raises(error, match=text) as info:
            sess.run(y, {x: [1, 2, 3]})
    assert info.value.op.name == "user_fn"


def test_function_stays_out_of_the_graph_def(graph):
    tf.py_func(lambda: np.float32(1), [], tf.float32)
    node = graph.as_graph_def().node[0]
    assert node.op == "PyFunc" and "_func" not in node.attr and "token" in node.attr
