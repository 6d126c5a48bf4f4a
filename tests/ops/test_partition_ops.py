"""dynamic_partition / stitch, batch_gather, repeat, searchsorted, unravel_index, bitcast and the
fixed-width histograms; expected numbers were observed in TF 2.21 (tf.compat.v1)."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.ops import partition_ops as P  # noqa: N812
from varflow.testing.gradient_checker import assert_gradients_match


def run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed)


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default():
        yield


def test_dynamic_partition_values_shapes_names():
    x = tf.constant([10., 20, 30, 40, 50])
    parts = P.dynamic_partition(x, [0, 1, 0, 2, 1], 3)
    assert [t.name for t in parts] == ["DynamicPartition:0", "DynamicPartition:1", "DynamicPartition:2"]
    assert [t.shape.as_list() for t in parts] == [[None]] * 3
    got = run(parts)
    np.testing.assert_array_equal(got[0], [10., 30])
    np.testing.assert_array_equal(got[1], [20., 50])
    np.testing.assert_array_equal(got[2], [40.])
    data = tf.placeholder(tf.float32, [None, 2, 4])
    two = P.dynamic_partition(data, tf.placeholder(tf.int32, [None, 2]), 2)
    assert two[0].shape.as_list() == [None, 4]
    one = P.dynamic_partition(x, tf.zeros([5], tf.int32), 1)
    np.testing.assert_array_equal(run(one[0]), [10., 20, 30, 40, 50])


def test_dynamic_partition_errors():
    with pytest.raises(ValueError):
        P.dynamic_partition(tf.zeros([3, 2]), tf.zeros([2], tf.int32), 2)
    with pytest.raises(TypeError):
        P.dynamic_partition(tf.zeros([2]), tf.constant([0., 1]), 2)
    p = tf.placeholder(tf.int32, [None])
    t = P.dynamic_partition(tf.constant([1., 2, 3]), p, 2)
    with pytest.raises(errors.InvalidArgumentError):
        run(t, {p: [0, 2, 1]})


def test_dynamic_partition_gradient():
    x = tf.constant([10., 20, 30, 40, 50])
    parts = P.dynamic_partition(x, [0, 1, 0, 2, 1], 3)
    g = tf.gradients([parts[0] * 2.0, parts[2] * 3.0], x)[0]
    assert g.name == "gradients/DynamicPartition_grad/Reshape_1:0"
    np.testing.assert_allclose(run(g), [2., 0, 2, 3, 0])    # observed in TF 2.21
    assert_gradients_match(lambda d: tf.concat(P.dynamic_partition(d, [[1, 0], [0, 1], [1, 1]], 2), 0),
                           [np.random.RandomState(0).randn(3, 2, 2)])


def test_dynamic_stitch_and_parallel():
    d1 = tf.constant([1., 2])
    idx = [tf.constant([0, 2]), tf.constant([1, 3])]
    st = P.dynamic_stitch(idx, [d1, tf.constant([3., 4])])
    pst = P.parallel_dynamic_stitch(idx, [d1, tf.constant([3., 4])])
    assert (st.name, st.shape.as_list()) == ("DynamicStitch:0", [4])
    assert pst.op.type == "ParallelDynamicStitch"
    np.testing.assert_array_equal(run(st), [1., 3, 2, 4])
    np.testing.assert_array_equal(run(pst), [1., 3, 2, 4])
    g = tf.gradients(st * tf.constant([1., 2, 3, 4]), d1)[0]
    assert g.name == "gradients/DynamicStitch_grad/GatherV2:0"
    np.testing.assert_array_equal(run(g), [1., 3])
    np.testing.assert_array_equal(run(tf.gradients(pst * tf.constant([1., 2, 3, 4]), d1)[0]), [1., 3])
    assert_gradients_match(lambda a, b: P.dynamic_stitch([[[0, 3]], [2, 1]], [a, b]),
                           [np.ones((1, 2, 3)), np.arange(6.).reshape(2, 3)])


def test_batch_gather_and_repeat():
    bg = P.batch_gather(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.constant([[2, 0], [1, 1]]))
    assert bg.shape.as_list() == [2, 2]
    np.testing.assert_array_equal(run(bg), [[3, 1], [5, 5]])
    r1 = P.repeat(tf.constant([[1, 2], [3, 4]]), [1, 2], axis=0)
    r2 = P.repeat(tf.constant([[1, 2], [3, 4]]), 2)
    r3 = P.repeat(tf.constant([[1, 2], [3, 4]]), [3, 0], axis=1)
    assert r1.shape.as_list() == [None, 2] and r2.shape.as_list() == [8]
    assert r1.name.startswith("Repeat/") and r2.name.startswith("Repeat_1/")
    np.testing.assert_array_equal(run(r1), [[1, 2], [3, 4], [3, 4]])
    np.testing.assert_array_equal(run(r2), [1, 1, 2, 2, 3, 3, 4, 4])
    np.testing.assert_array_equal(run(r3), [[1, 1, 1], [3, 3, 3]])
    assert_gradients_match(lambda d: P.repeat(d, [2, 1, 3], axis=1), [np.arange(6.).reshape(2, 3)])


def test_searchsorted():
    s1 = P.searchsorted(tf.constant([[1., 3, 5], [0, 2, 4]]), tf.constant([[2., 5, 6, 0], [4, 4, -1, 9]]))
    s2 = P.searchsorted(tf.constant([1., 3, 5]), tf.constant([2., 5, 6]), side="right", out_type=tf.int64)
    assert (s1.dtype, s1.shape.as_list()) == (tf.int32, [2, 4])
    assert (s2.dtype, s2.shape.as_list()) == (tf.int64, [3])
    assert {o.type for o in tf.get_default_graph().get_operations()} >= {"LowerBound", "UpperBound"}
    np.testing.assert_array_equal(run(s1), [[1, 2, 3, 0], [2, 2, 0, 3]])
    np.testing.assert_array_equal(run(s2), [1, 3, 3])
    with pytest.raises(ValueError):
        P.searchsorted([1., 2], [1.], side="middle")


def test_unravel_index_and_bitcast():
    u1 = P.unravel_index(tf.constant([5, 7, 0]), tf.constant([3, 4]))
    u2 = P.unravel_index(tf.constant(5, tf.int64), tf.constant([2, 3, 4], tf.int64))
    assert (u1.name, u1.shape.as_list(), u2.dtype, u2.shape.as_list()) == \
        ("UnravelIndex:0", [2, 3], tf.int64, [3])
    np.testing.assert_array_equal(run(u1), [[1, 1, 0], [1, 3, 0]])
    np.testing.assert_array_equal(run(u2), [0, 1, 1])
    p = tf.placeholder(tf.int32, [None])
    with pytest.raises(errors.InvalidArgumentError):
        run(P.unravel_index(p, [2, 2]), {p: [4]})
    with pytest.raises(TypeError):
        P.unravel_index(tf.constant([1.]), [2])
    b1 = P.bitcast(tf.constant([1., 2]), tf.int32)
    b2 = P.bitcast(tf.constant([1., -2]), tf.uint16)
    b3 = P.bitcast(tf.constant([[1, 2], [3, 4]], tf.int16), tf.int32)
    assert (b1.shape.as_list(), b2.shape.as_list(), b3.shape.as_list()) == ([2], [2, 2], [2])
    np.testing.assert_array_equal(run(b1), [1065353216, 1073741824])
    np.testing.assert_array_equal(run(b2), [[0, 16256], [0, 49152]])
    np.testing.assert_array_equal(run(b3), [131073, 262147])
    with pytest.raises(ValueError):
        P.bitcast(tf.constant([1, 2, 3], tf.int16), tf.int32)


def test_histograms():
    h1 = P.histogram_fixed_width(tf.constant([-1., 0, 1.5, 2, 5, 15]), [0., 5.], nbins=5)
    h2 = P.histogram_fixed_width(tf.constant([[1, 2], [3, 9]]), [0, 10], nbins=3, dtype=tf.int64)
    hb = P.histogram_fixed_width_bins(tf.constant([[-1., 0, 1.5], [2, 5, 15]]), [0., 5.], nbins=5)
    assert (h1.name, h1.op.type, h1.shape.as_list()) == ("histogram_fixed_width:0", "HistogramFixedWidth", [5])
    assert (h2.dtype, hb.shape.as_list()) == (tf.int64, [2, 3])
    np.testing.assert_array_equal(run(h1), [2, 1, 1, 0, 2])
    np.testing.assert_array_equal(run(h2), [3, 0, 1])
    np.testing.assert_array_equal(run(hb), [[0, 0, 1], [2, 4, 4]])
    lo = tf.placeholder(tf.float32, [2])
    with pytest.raises(errors.InvalidArgumentError):
        run(P.histogram_fixed_width(tf.constant([1.]), lo), {lo: [3., 1.]})
