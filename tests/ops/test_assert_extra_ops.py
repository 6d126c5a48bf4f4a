"""assert_near, assert_integer, assert_rank_in, assert_same_float_dtype, assert_proper_iterable;
names, messages and error classes as observed in TF 2.21 (tf.compat.v1)."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.ops import assert_extra_ops as A  # noqa: N812


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default():
        yield


def test_assert_near_structure_and_data():
    x = tf.constant([1., 2])
    a = A.assert_near(x, tf.constant([1., 2.0000001]))
    assert (a.name, a.type) == ("assert_near/Assert/AssertGuard/Merge", "Merge")
    types = [o.type for o in tf.get_default_graph().get_operations() if o.name.startswith("assert_near/")]
    assert types[:10] == ["Const", "Const", "Abs", "Mul", "AddV2", "Sub", "Abs", "Less", "Const", "All"]
    p = tf.placeholder(tf.float32, [2])
    a2 = A.assert_near(p, x, rtol=0.1, atol=0.01, message="msg", name="near")
    assert a2.name == "near/Assert/AssertGuard/Merge"
    with tf.Session() as sess:
        sess.run(a, {})
        sess.run(a2, {p: [1., 2.05]})
        with pytest.raises(errors.InvalidArgumentError) as info:
            sess.run(a2, {p: [5., 5.]})
    text = str(info.value)
    assert "[msg.  ] [x and y not equal to tolerance rtol = Tensor(\"near/rtol:0\", shape=(), " \
           "dtype=float32), atol = Tensor(\"near/atol:0\", shape=(), dtype=float32)]" in text
    assert "[x (Placeholder:0) = ] [5 5] [y (Const:0) = ] [1 2]" in text
    a3 = A.assert_near(tf.constant([1., 2], tf.float64), [3., 2])   # no build-time check in TF
    with pytest.raises(errors.InvalidArgumentError):
        tf.Session().run(a3)
    with pytest.raises(ValueError, match="not inexact"):
        A.assert_near(tf.constant([1]), tf.constant([1]))


def test_assert_integer():
    assert A.assert_integer(tf.constant([1, 2])).name == "assert_integer/statically_determined_was_integer"
    assert A.assert_integer(tf.constant([1], tf.int64), name="ai").type == "NoOp"
    with pytest.raises(TypeError) as info:
        A.assert_integer(tf.constant([1.]), message="m")
    assert str(info.value) == 'm.  Expected "x" to be integer type.  Found: Const_2:0 of dtype ' \
                              "<dtype: 'float32'>"


def test_assert_rank_in():
    x = tf.constant([1, 2])
    assert A.assert_rank_in(x, [1, 2]).name == "assert_rank_in/static_checks_determined_all_ok"
    with pytest.raises(ValueError) as info:
        A.assert_rank_in(x, (0, 2), message="m")
    assert str(info.value) == "m.  Tensor Const:0 must have rank in (0, 2).  Received rank 1, shape (2,)"
    q = tf.placeholder(tf.float32)
    r = A.assert_rank_in(q, [0, 2])
    assert r.type == "Assert"
    with tf.Session() as sess:
        sess.run(r, {q: np.zeros((2, 2))})
        sess.run(r, {q: 1.0})
        with pytest.raises(errors.InvalidArgumentError) as info:
            sess.run(r, {q: [1., 2.]})
    assert "[] [Tensor Placeholder:0 must have rank in] [0] [2] [Received shape: ] [2]" in str(info.value)


def test_assert_same_float_dtype():
    x, y = tf.constant([1.]), tf.constant([2.], tf.float64)
    assert A.assert_same_float_dtype([x, x]) == tf.float32
    assert A.assert_same_float_dtype(None, tf.float64) == tf.float64
    assert A.assert_same_float_dtype() == tf.float32
    with pytest.raises(ValueError) as info:
        A.assert_same_float_dtype([x, y])
    assert str(info.value) == "Const_1:0, type=<dtype: 'float64'>, must be of the same type " \
                              "(<dtype: 'float32'>) as Const:0."
    with pytest.raises(ValueError) as info:
        A.assert_same_float_dtype([x], tf.float64)
    assert str(info.value) == "Const:0, type=<dtype: 'float32'>, must be of the same type " \
                              "(<dtype: 'float64'>)."
    for args in (([tf.constant([1])],), (None, tf.int32)):
        with pytest.raises(ValueError, match=r"Expected floating point type, got <dtype: 'int32'>\."):
            A.assert_same_float_dtype(*args)


def test_assert_proper_iterable():
    for ok in ([1, 2], (1,), {1: 2}, iter([1])):
        assert A.assert_proper_iterable(ok) is None
    for bad in ("abc", b"abc", tf.constant([1.]), np.array([1]), tf.SparseTensor([[0]], [1.], [2])):
        with pytest.raises(TypeError, match='"proper" iterable'):
            A.assert_proper_iterable(bad)
    for bad in (np.float32(1), 3):
        with pytest.raises(TypeError, match="to be iterable"):
            A.assert_proper_iterable(bad)
