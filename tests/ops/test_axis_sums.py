"""Sums over leading axes in blocks (`ops/axis_sums.py`): the kernels that use them (Sum, Mean,
SumToShapeOf, BiasAddGrad) agree with a float64 sum, and keep NumPy's behaviour elsewhere."""
import numpy as np
import pytest

import varflow as tf
from varflow.ops import axis_sums


def _exact(x, axes, keepdims=False):
    return x.astype(np.float64).sum(axis=axes, keepdims=keepdims)


@pytest.mark.parametrize("shape,axes", [((32, 64, 64, 32), (0, 1, 2)), ((1000, 100), (0,)),
                                        ((64, 28, 28, 64), (0, 1, 2)), ((8192, 3, 5), (0,))])
@pytest.mark.parametrize("keepdims", [False, True])
def test_blocked_sum_is_at_least_as_close_to_the_exact_sum_as_numpys(shape, axes, keepdims):
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    got = axis_sums.sum_axes(x, axes, keepdims)
    assert got is not None and got.dtype == np.float32
    want = _exact(x, axes, keepdims)
    assert got.shape == want.shape
    numpy_error = np.abs(x.sum(axis=axes, keepdims=keepdims) - want).max()
    assert np.abs(got - want).max() <= max(numpy_error, 1e-6 * np.abs(want).max())


def test_cases_left_to_numpy():
    rng = np.random.default_rng(1)
    big = rng.standard_normal((64, 64, 64, 8)).astype(np.float32)
    assert axis_sums.sum_axes(big, (0, 2, 3)) is None                   # not the leading axes
    assert axis_sums.sum_axes(big, (0, 1, 2, 3)) is None                # every axis
    assert axis_sums.sum_axes(big.astype(np.int32), (0, 1)) is None     # integers stay exact
    assert axis_sums.sum_axes(big[:, :, ::2], (0, 1)) is None           # not contiguous
    assert axis_sums.sum_axes(rng.standard_normal((8, 4)), (0,)) is None      # small
    assert axis_sums.sum_axes(rng.standard_normal((1024, 512)), (0,)) is None  # wide rows
    assert axis_sums.sum_axes(rng.standard_normal((65537, 3)), (0,)) is None   # odd row count


def test_nan_and_inf_propagate_as_in_a_plain_sum():
    x = np.ones((4096, 32), np.float32)
    x[5, 3] = np.nan
    x[7, 4] = np.inf
    x[9, 5], x[10, 5] = np.inf, -np.inf
    with np.errstate(invalid="ignore"):
        got = axis_sums.sum_axes(x, (0,))
    assert np.isnan(got[3]) and got[4] == np.inf and np.isnan(got[5])
    assert got[0] == 4096


def test_kernels_using_the_blocked_sum():
    rng = np.random.default_rng(2)
    g = rng.standard_normal((16, 32, 32, 16)).astype(np.float32)
    x = tf.placeholder(tf.float32, g.shape)
    b = tf.zeros([16])
    bias_grad_nhwc = tf.gradients(tf.reduce_sum((x + b) * g), b)[0]
    bias_add_grad = tf.gradients(tf.reduce_sum(tf.nn.bias_add(x, b) * g), b)[0]
    sums = tf.reduce_sum(x, axis=[0, 1, 2])
    means = tf.reduce_mean(x, axis=[0, 1, 2], keepdims=True)
    with tf.Session() as sess:
        got = sess.run([bias_grad_nhwc, bias_add_grad, sums, means], {x: g})
    exact = _exact(g, (0, 1, 2))
    for value in got[:3]:
        np.testing.assert_allclose(value, exact, rtol=1e-5, atol=1e-3)
    assert got[3].shape == (1, 1, 1, 16) and got[3].dtype == np.float32
    np.testing.assert_allclose(got[3].reshape(-1), exact / (16 * 32 * 32), rtol=1e-5, atol=1e-6)
