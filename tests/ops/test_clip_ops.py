"""Tests for varflow.ops.clip_ops: values, TF's op names, gradients at the clipping bounds and the
global-norm rules (None entries, use_norm, non-finite norms)."""
import numpy as np
import pytest

import varflow as tf
from varflow.testing.gradient_checker import assert_gradients_match

RS = np.random.RandomState(3)


def run(fetches, feed=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed)


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


def test_clip_by_value_values_name_and_bound_gradient():
    x = tf.constant([-2.0, -1.0, 0.5, 1.0, 3.0])
    y = tf.clip_by_value(x, -1.0, 1.0)
    assert y.op.name == "clip_by_value" and y.op.type == "Maximum"
    assert run(y).tolist() == [-1.0, -1.0, 0.5, 1.0, 1.0]
    g = tf.gradients(tf.reduce_sum(y), x)[0]
    assert run(g).tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]     # 1 at both bounds (TF)


def test_clip_by_value_tensor_bounds_and_shape_check():
    x = tf.constant([[1.0, 5.0], [-3.0, 2.0]])
    y = tf.clip_by_value(x, tf.constant([0.0, 1.0]), tf.constant([2.0, 3.0]))
    assert run(y).tolist() == [[1.0, 3.0], [0.0, 2.0]]
    with pytest.raises(ValueError):
        tf.clip_by_value(tf.constant([1.0, 2.0]), 0.0, tf.zeros([3, 2]))


def test_clip_by_value_gradient():
    assert_gradients_match(lambda x, lo, hi: tf.clip_by_value(x, lo, hi),
                           [np.array([-2.0, 0.3, 0.7, 4.0]), np.array(0.1), np.array(1.0)])


def test_clip_by_norm():
    v = RS.randn(2, 3) * 3
    x = tf.constant(v)
    whole, rows, small = run([tf.clip_by_norm(x, 2.0), tf.clip_by_norm(x, 2.0, axes=[1]),
                              tf.clip_by_norm(x, 1e6)])
    np.testing.assert_allclose(whole, v * 2.0 / np.linalg.norm(v))
    n = np.linalg.norm(v, axis=1, keepdims=True)
    np.testing.assert_allclose(rows, v * 2.0 / np.maximum(n, 2.0))
    np.testing.assert_allclose(small, v)
    assert tf.clip_by_norm(x, 2.0).op.name == "clip_by_norm_3"
    assert run(tf.clip_by_norm(tf.zeros([3]), 1.0)).tolist() == [0.0, 0.0, 0.0]


def test_clip_by_norm_gradient_both_regimes():
    assert_gradients_match(lambda x: tf.clip_by_norm(x, 1.0), [RS.randn(2, 3) * 3])
    assert_gradients_match(lambda x: tf.clip_by_norm(x, 100.0), [RS.randn(4)])
    assert_gradients_match(lambda x: tf.clip_by_norm(x, 1.0, axes=[0]), [RS.randn(3, 2) * 2])


def test_global_norm_and_clip_by_global_norm():
    a, b = RS.randn(2, 3) * 3, RS.randn(4)
    ta, tb = tf.constant(a), tf.constant(b)
    norm = np.sqrt((a ** 2).sum() + (b ** 2).sum())
    gn = tf.global_norm([ta, None, tb])
    assert gn.op.name == "global_norm/global_norm"
    np.testing.assert_allclose(run(gn), norm)
    clipped, used = tf.clip_by_global_norm([ta, None, tb], 3.0)
    assert clipped[1] is None
    out = run([clipped[0], clipped[2], used])
    np.testing.assert_allclose(out[0], a * 3.0 / norm)
    np.testing.assert_allclose(out[1], b * 3.0 / norm)
    np.testing.assert_allclose(out[2], norm)
    assert clipped[0].op.name == "clip_by_global_norm/clip_by_global_norm/_0"
    same, _ = tf.clip_by_global_norm([ta], 1e6)
    np.testing.assert_allclose(run(same[0]), a)
    forced, n = tf.clip_by_global_norm([ta], 1.0, use_norm=tf.constant(4.0, tf.float64))
    np.testing.assert_allclose(run(forced[0]), a / 4.0)
    assert run(n) == 4.0


def test_clip_by_global_norm_nonfinite_gives_nan_and_type_errors():
    x = tf.constant([1.0, np.inf])
    clipped, _ = tf.clip_by_global_norm([x], 1.0)
    assert np.isnan(run(clipped[0])).all()
    with pytest.raises(TypeError):
        tf.clip_by_global_norm(x, 1.0)
    with pytest.raises(TypeError):
        tf.global_norm(x)


def test_clip_by_global_norm_gradient():
    def build(a, b):
        clipped, _ = tf.clip_by_global_norm([a, b], 1.0)
        return clipped[0] * 2.0 + tf.reduce_sum(clipped[1])
    assert_gradients_match(build, [RS.randn(2, 2), RS.randn(2)])


def test_clip_by_indexed_slices():
    s = tf.IndexedSlices(tf.constant([[3.0, 4.0]]), tf.constant([1]), tf.constant([3, 2]))
    c = tf.clip_by_norm(s, 1.0)
    assert isinstance(c, tf.IndexedSlices)
    np.testing.assert_allclose(run(c.values), [[0.6, 0.8]])
    (g,), n = tf.clip_by_global_norm([s], 1.0)
    assert isinstance(g, tf.IndexedSlices) and run(n) == 5.0


def test_clip_by_average_norm():
    v = RS.randn(2, 3)
    out = run(tf.clip_by_average_norm(tf.constant(v), 0.1))
    avg = np.linalg.norm(v) / v.size
    np.testing.assert_allclose(out, v * 0.1 / max(avg, 0.1))
    assert_gradients_match(lambda x: tf.clip_by_average_norm(x, 0.1), [v])
