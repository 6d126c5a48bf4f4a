"""The less common `tf.nn` ops (ops/nn_lrn_ops.py, nn_spatial_ops.py, nn_nd_ops.py): values against
NumPy references and numbers observed in TF 2.21, float64 gradient checks, static shapes, graph
structure and names, and errors at build and run time."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.ops import nn_lrn_ops, nn_morph_ops, nn_nd_ops, nn_ops, nn_spatial_ops
from varflow.testing.gradient_checker import assert_gradients_match

RS = np.random.RandomState(0)


def run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed)


def names(graph=None):
    return [(op.name, op.type) for op in (graph or tf.get_default_graph()).get_operations()]


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default():
        yield


# --- LRN ------------------------------------------------------------------------------------------
def ref_lrn(x, r, bias, alpha, beta):
    x = x.astype(np.float64)
    out = np.empty_like(x)
    d = x.shape[-1]
    for c in range(d):
        sq = np.sum(x[..., max(0, c - r):min(d, c + r + 1)] ** 2, axis=-1)
        out[..., c] = x[..., c] / (bias + alpha * sq) ** beta
    return out


def test_lrn_values_observed_in_tf():
    x = np.random.RandomState(0).randn(1, 2, 2, 5).astype(np.float32)
    y = run(nn_lrn_ops.lrn(x, 2, 0.5, 0.1, 0.75))
    # observed in TF 2.21: tf.nn.lrn(x, 2, 0.5, 0.1, 0.75), first 5 values
    np.testing.assert_allclose(y.ravel()[:5], [1.8733223676681519, 0.3067851960659027,
                                               0.6367425918579102, 1.6847875118255615,
                                               1.41573965549469], rtol=1e-6)
    np.testing.assert_allclose(y, ref_lrn(x, 2, 0.5, 0.1, 0.75), rtol=1e-6)
    xx = tf.constant(x)
    yy = nn_lrn_ops.lrn(xx, 1, 1.5, 0.3, 0.6)
    g = run(tf.gradients(yy * yy, xx)[0])
    # observed in TF 2.21: the gradient of sum(lrn(x, 1, 1.5, 0.3, 0.6) ** 2), first 5 values
    np.testing.assert_allclose(g.ravel()[:5], [0.6286311149597168, 0.09005366265773773,
                                               0.2606043219566345, 0.08154657483100891,
                                               0.21354380249977112], rtol=1e-5)


def test_lrn_defaults_structure_and_gradient_op():
    x = tf.placeholder(tf.float32, [2, 3, 4, 8])
    y = nn_lrn_ops.local_response_normalization(x)
    assert nn_lrn_ops.lrn is nn_lrn_ops.local_response_normalization
    assert (y.op.type, y.op.name) == ("LRN", "LRN")
    assert {k: y.op._attrs[k] for k in ("depth_radius", "bias", "alpha", "beta")} == \
        {"depth_radius": 5, "bias": 1.0, "alpha": 1.0, "beta": 0.5}
    y2 = nn_lrn_ops.lrn(x, 2, 0.5, 0.1, 0.75, name="foo")
    assert y2.op.get_attr("alpha") == 0.1      # the value as written (0.1 in float32 in a NodeDef)
    g = tf.gradients(y2, x)[0]
    assert (g.op.type, g.op.name) == ("LRNGrad", "gradients/foo_grad/LRNGrad")
    assert [t.name for t in g.op.inputs][1:] == ["Placeholder:0", "foo:0"]
    with pytest.raises(LookupError):
        tf.gradients(g, x)


def test_lrn_gradient_kernel_matches_finite_differences_float64():
    # LRN takes float16/bfloat16/float32 only (as TF): the gradient kernel is checked in float64
    x = RS.randn(1, 2, 3, 6)
    w = RS.randn(*x.shape)
    attrs = dict(depth_radius=2, bias=0.7, alpha=0.4, beta=0.65)
    y = nn_lrn_ops._lrn_kernel(x, **attrs)
    dx = nn_lrn_ops._lrn_grad_kernel(w, x, y, **attrs)
    num = np.zeros_like(x)
    eps = 1e-6
    for i in range(x.size):
        p, m = x.copy().ravel(), x.copy().ravel()
        p[i] += eps
        m[i] -= eps
        num.ravel()[i] = (np.sum(w * nn_lrn_ops._lrn_kernel(p.reshape(x.shape), **attrs)) -
                          np.sum(w * nn_lrn_ops._lrn_kernel(m.reshape(x.shape), **attrs))) / (2 * eps)
    np.testing.assert_allclose(dx, num, rtol=1e-6, atol=1e-8)


def test_lrn_shapes_and_errors():
    assert nn_lrn_ops.lrn(tf.placeholder(tf.float32, [None, 2, None, 3])).shape.as_list() == \
        [None, 2, None, 3]
    assert nn_lrn_ops.lrn(tf.placeholder(tf.float32)).shape.ndims == 4
    assert nn_lrn_ops.lrn(tf.zeros([1, 2, 2, 3], tf.float16)).dtype == tf.float16
    with pytest.raises(TypeError, match="float64"):
        nn_lrn_ops.lrn(tf.zeros([1, 2, 2, 3], tf.float64))
    with pytest.raises(ValueError, match="rank 4"):
        nn_lrn_ops.lrn(tf.zeros([2, 3, 3]))
    p = tf.placeholder(tf.float32)
    with pytest.raises(errors.InvalidArgumentError, match="4-dimensional"):
        run(nn_lrn_ops.lrn(p), {p: np.zeros([2, 3])})


# --- DepthToSpace / SpaceToDepth --------------------------------------------------------------------
def ref_depth_to_space(x, b):
    n, h, w, c = x.shape
    out = np.zeros([n, h * b, w * b, c // (b * b)], x.dtype)
    for i in range(h * b):
        for j in range(w * b):
            k0 = ((i % b) * b + j % b) * (c // (b * b))
            out[:, i, j] = x[:, i // b, j // b, k0:k0 + c // (b * b)]
    return out


def test_depth_to_space_and_back():
    x = RS.randn(2, 2, 3, 12).astype(np.float32)
    y = nn_spatial_ops.depth_to_space(x, 2)
    assert (y.op.type, y.op.name, y.shape.as_list()) == ("DepthToSpace", "DepthToSpace",
                                                         [2, 4, 6, 3])
    yv = run(y)
    np.testing.assert_array_equal(yv, ref_depth_to_space(x, 2))
    np.testing.assert_array_equal(run(nn_spatial_ops.space_to_depth(yv, 2)), x)
    # NCHW is the NHWC result transposed (TF's GPU kernels run it; its CPU kernels refuse it)
    xn = np.transpose(x, (0, 3, 1, 2))
    np.testing.assert_array_equal(run(nn_spatial_ops.depth_to_space(xn, 2, data_format="NCHW")),
                                  np.transpose(yv, (0, 3, 1, 2)))
    s2d = nn_spatial_ops.space_to_depth(np.transpose(yv, (0, 3, 1, 2)), 2, data_format="NCHW")
    assert s2d.shape.as_list() == [2, 12, 2, 3]
    np.testing.assert_array_equal(run(s2d), xn)
    # observed in TF 2.21: depth_to_space(arange(128).reshape(2, 2, 4, 8), 2).ravel()[:6]
    v = np.arange(128, dtype=np.float32).reshape(2, 2, 4, 8)
    assert run(nn_spatial_ops.depth_to_space(v, 2)).ravel()[:6].tolist() == [0, 1, 2, 3, 8, 9]
    # strings and ints rearrange too
    s = np.array([b"a", b"b", b"c", b"d"], object).reshape(1, 1, 1, 4)
    assert run(nn_spatial_ops.depth_to_space(s, 2)).ravel().tolist() == [b"a", b"b", b"c", b"d"]


def test_depth_space_gradients():
    x = RS.randn(1, 2, 2, 8)
    assert_gradients_match(lambda t: nn_spatial_ops.depth_to_space(t, 2), [x])
    assert_gradients_match(lambda t: nn_spatial_ops.space_to_depth(t, 2), [RS.randn(1, 4, 2, 3)])
    p = tf.placeholder(tf.float32, [2, 4, 6, 8])
    g = tf.gradients(nn_spatial_ops.depth_to_space(p, 2), p)[0]
    assert (g.op.type, g.op.name) == ("SpaceToDepth", "gradients/DepthToSpace_grad/SpaceToDepth")
    g = tf.gradients(nn_spatial_ops.space_to_depth(p, 2), p)[0]
    assert g.op.type == "DepthToSpace" and g.shape.as_list() == [2, 4, 6, 8]


def test_depth_space_static_shapes_and_errors():
    assert nn_spatial_ops.space_to_depth(tf.placeholder(tf.float32, [None, None, 6, None]),
                                         2).shape.as_list() == [None, None, 3, None]
    assert nn_spatial_ops.depth_to_space(tf.placeholder(tf.float32, [None, None, 6, None]),
                                         2).shape.as_list() == [None, None, 12, None]
    with pytest.raises(ValueError, match="evenly divisible by 4 but is 6"):
        nn_spatial_ops.depth_to_space(tf.zeros([2, 4, 6, 6]), 2)
    with pytest.raises(ValueError, match="less than minimum 2"):
        nn_spatial_ops.space_to_depth(tf.zeros([2, 4, 6, 8]), 1)
    with pytest.raises(ValueError, match="evenly divisible by 2 but is 5"):
        nn_spatial_ops.space_to_depth(tf.zeros([2, 5, 6, 8]), 2)
    with pytest.raises(ValueError, match="rank 4"):
        nn_spatial_ops.depth_to_space(tf.zeros([2, 4, 6]), 2)
    with pytest.raises(ValueError, match="not in"):
        nn_spatial_ops.depth_to_space(tf.zeros([2, 4, 6, 8]), 2, data_format="NHCW")
    p = tf.placeholder(tf.float32)
    with pytest.raises(errors.InvalidArgumentError, match="divisible by: 4"):
        run(nn_spatial_ops.depth_to_space(p, 2), {p: np.zeros([1, 2, 2, 6])})
    with pytest.raises(errors.InvalidArgumentError, match="divisible by block_size"):
        run(nn_spatial_ops.space_to_depth(p, 2), {p: np.zeros([1, 3, 2, 6])})
    with pytest.raises(errors.InvalidArgumentError, match="rank should be: 4"):
        run(nn_spatial_ops.depth_to_space(p, 2), {p: np.zeros([2, 6])})


# --- SpaceToBatchND / BatchToSpaceND ------------------------------------------------------------------
def ref_space_to_batch(x, block, pads):
    xp = np.pad(x, [(0, 0)] + [tuple(p) for p in pads] + [(0, 0)] * (x.ndim - len(block) - 1))
    n = x.shape[0]
    out = []
    for offsets in np.ndindex(*block):           # batch index = offset (row-major) * n + b
        index = (slice(None),) + tuple(slice(o, None, b) for o, b in zip(offsets, block))
        out.append(xp[index])
    return np.concatenate(out, axis=0).reshape((n * int(np.prod(block)),) + out[0].shape[1:])


def test_space_to_batch_nd_values_and_inverse():
    x = RS.randn(2, 4, 6, 3).astype(np.float32)
    y = nn_spatial_ops.space_to_batch_nd(x, [2, 3], [[1, 1], [0, 3]])
    assert (y.op.type, y.op.name, y.shape.as_list()) == ("SpaceToBatchND", "SpaceToBatchND",
                                                         [12, 3, 3, 3])
    assert [t.op.name for t in y.op.inputs][1:] == ["SpaceToBatchND/block_shape",
                                                    "SpaceToBatchND/paddings"]
    yv = run(y)
    np.testing.assert_array_equal(yv, ref_space_to_batch(x, [2, 3], [[1, 1], [0, 3]]))
    back = nn_spatial_ops.batch_to_space_nd(yv, [2, 3], [[1, 1], [0, 3]])
    assert back.shape.as_list() == [2, 4, 6, 3]
    np.testing.assert_array_equal(run(back), x)
    one = run(nn_spatial_ops.space_to_batch_nd(x, [2], [[0, 2]]))
    np.testing.assert_array_equal(one, ref_space_to_batch(x, [2], [[0, 2]]))


def test_space_to_batch_legacy_wrappers():
    x = tf.placeholder(tf.float32, [2, 4, 6, 3])
    c = nn_spatial_ops.space_to_batch(x, [[1, 1], [0, 2]], 2)
    assert (c.op.type, c.shape.as_list()) == ("SpaceToBatchND", [8, 3, 4, 3])
    assert c.op.inputs[1].dtype == tf.int64 and c.op.inputs[2].dtype == tf.int32
    d = nn_spatial_ops.batch_to_space(c, [[1, 1], [0, 2]], block_size=2)
    assert (d.op.type, d.shape.as_list()) == ("BatchToSpaceND", [2, 4, 6, 3])
    assert nn_spatial_ops.space_to_batch(x, [[0, 0], [0, 0]], block_shape=1).shape.as_list() == \
        [2, 4, 6, 3]
    with pytest.raises(ValueError, match="must have rank 4"):
        nn_spatial_ops.space_to_batch(tf.zeros([2, 4, 6]), [[0, 0], [0, 0]], 2)
    v = RS.randn(2, 4, 6, 3).astype(np.float32)
    np.testing.assert_array_equal(run(d, {x: v}), v)


def test_space_batch_gradients():
    assert_gradients_match(lambda t: nn_spatial_ops.space_to_batch_nd(t, [2, 2], [[1, 1], [0, 2]]),
                           [RS.randn(1, 4, 2, 2)])
    assert_gradients_match(lambda t: nn_spatial_ops.batch_to_space_nd(t, [2, 1], [[1, 0], [0, 1]]),
                           [RS.randn(4, 2, 3, 1)])
    x = tf.placeholder(tf.float32, [2, 4, 6, 3])
    y = nn_spatial_ops.space_to_batch_nd(x, [2, 3], [[0, 0], [0, 0]])
    g = tf.gradients(y, x)[0]
    assert (g.op.type, g.op.name) == ("BatchToSpaceND", "gradients/SpaceToBatchND_grad/BatchToSpaceND")
    assert list(g.op.inputs[1:]) == list(y.op.inputs[1:])


def test_space_batch_static_shapes():
    x = tf.placeholder(tf.float32, [2, 4, 6, 3])
    assert nn_spatial_ops.space_to_batch_nd(
        x, [2, 2], tf.placeholder(tf.int32, [2, 2])).shape.as_list() == [8, None, None, 3]
    assert nn_spatial_ops.space_to_batch_nd(
        x, tf.placeholder(tf.int32, [2]), [[0, 0], [0, 0]]).shape.as_list() == [None] * 3 + [3]
    assert nn_spatial_ops.batch_to_space_nd(tf.placeholder(tf.float32, [None, 4, 6, 3]), [2, 1],
                                            [[1, 0], [0, 0]]).shape.as_list() == [None, 7, 6, 3]
    assert nn_spatial_ops.batch_to_space_nd(x, [2, 1], [[3, 2], [0, 0]]).shape.as_list() == \
        [1, 3, 6, 3]


def test_space_batch_errors():
    x = tf.zeros([2, 4, 6, 3])
    for fn, match in ((lambda: nn_spatial_ops.space_to_batch_nd(x, [2, 4], [[0, 0], [0, 0]]),
                       "divisible by 4 but is 6"),
                      (lambda: nn_spatial_ops.space_to_batch_nd(x, [2, 2, 2, 2], [[0, 0]] * 4),
                       "at least rank 5"),
                      (lambda: nn_spatial_ops.space_to_batch_nd(x, [0, 2], [[0, 0], [0, 0]]),
                       "positive"),
                      (lambda: nn_spatial_ops.space_to_batch_nd(x, [2, 2], [[0, 0], [-1, 1]]),
                       "cannot be negative"),
                      (lambda: nn_spatial_ops.space_to_batch_nd(x, [2, 2], [[0, 0]]),
                       "must be equal"),
                      (lambda: nn_spatial_ops.space_to_batch_nd(x, [[2, 2]], [[0, 0], [0, 0]]),
                       "rank 1"),
                      (lambda: nn_spatial_ops.batch_to_space_nd(x, [3, 1], [[0, 0], [0, 0]]),
                       "divisible by 3 but is 2")):
        with pytest.raises(ValueError, match=match):
            fn()
    with pytest.raises(TypeError):
        nn_spatial_ops.space_to_batch_nd(x, [2.0, 2.0], [[0, 0], [0, 0]])
    p, q = tf.placeholder(tf.float32), tf.placeholder(tf.int32)
    with pytest.raises(errors.InvalidArgumentError, match="not divisible"):
        run(nn_spatial_ops.space_to_batch_nd(p, [2, 2], q),
            {p: np.zeros([1, 3, 4, 1]), q: [[0, 0], [0, 0]]})
    with pytest.raises(errors.InvalidArgumentError, match="non-negative"):
        run(nn_spatial_ops.space_to_batch_nd(p, [2, 2], q),
            {p: np.zeros([1, 4, 4, 1]), q: [[0, 0], [-2, 2]]})
    with pytest.raises(errors.InvalidArgumentError, match="not divisible"):
        run(nn_spatial_ops.batch_to_space_nd(p, [2, 2], [[0, 0], [0, 0]]),
            {p: np.zeros([3, 2, 2, 1])})


# --- pooling wrappers -------------------------------------------------------------------------------
def test_pool1d_structure_and_values():
    x = RS.randn(2, 9, 3).astype(np.float32)
    p = tf.placeholder(tf.float32, [2, 9, 3], name="x3")
    y = nn_nd_ops.max_pool1d(p, 2, 2, "VALID")
    a = nn_nd_ops.avg_pool1d(p, [3], 1, "SAME")
    assert names()[1:] == [("MaxPool1d/ExpandDims/dim", "Const"), ("MaxPool1d/ExpandDims", "ExpandDims"),
                           ("MaxPool1d", "MaxPool"), ("MaxPool1d/Squeeze", "Squeeze"),
                           ("AvgPool1D/ExpandDims/dim", "Const"), ("AvgPool1D/ExpandDims", "ExpandDims"),
                           ("AvgPool1D", "AvgPool"), ("AvgPool1D/Squeeze", "Squeeze")]
    assert y.shape.as_list() == [2, 4, 3] and a.shape.as_list() == [2, 9, 3]
    yv, av = run([y, a], {p: x})
    np.testing.assert_allclose(yv, np.maximum(x[:, 0:8:2], x[:, 1:9:2]))
    pad = np.pad(x.astype(np.float64), [(0, 0), (1, 1), (0, 0)])
    cnt = np.pad(np.ones(9), 1)
    ref = sum(pad[:, i:i + 9] for i in range(3)) / sum(cnt[i:i + 9] for i in range(3))[:, None]
    np.testing.assert_allclose(av, ref, rtol=1e-5)
    xn = np.transpose(x, (0, 2, 1))
    np.testing.assert_allclose(run(nn_nd_ops.max_pool1d(xn, 2, 2, "VALID", data_format="NCW")),
                               np.transpose(yv, (0, 2, 1)))


def test_pool_v2_dispatches_on_rank():
    x3, x4, x5 = (tf.placeholder(tf.float32, s) for s in ([2, 9, 3], [2, 9, 8, 3], [2, 5, 9, 8, 3]))
    assert nn_nd_ops.max_pool_v2(x4, 2, 2, "VALID").op.name == "MaxPool2d"
    assert nn_nd_ops.avg_pool_v2(x4, 3, 1, "SAME").op.name == "AvgPool"
    assert nn_nd_ops.max_pool_v2(x3, 2, 1, "VALID").name == "MaxPool1d/Squeeze:0"
    assert nn_nd_ops.avg_pool_v2(x3, 2, 1, "VALID").name == "AvgPool1D/Squeeze:0"
    y5 = nn_nd_ops.avg_pool_v2(x5, 2, 2, "VALID")
    assert (y5.op.type, y5.shape.as_list()) == ("AvgPool3D", [2, 2, 4, 4, 3])
    assert nn_nd_ops.max_pool_v2(x5, 2, 2, "VALID").op.type == "MaxPool3D"
    with pytest.raises(ValueError, match="rank` must be 3, 4 or 5"):
        nn_nd_ops.max_pool_v2(tf.zeros([2, 3]), 2, 2, "VALID")
    with pytest.raises(ValueError, match="ksize should be of length 1, 2 or 4"):
        nn_nd_ops.max_pool_v2(x4, [2, 3, 4], 2, "VALID")


def test_pool_structure_dilation_and_errors():
    x = tf.placeholder(tf.float32, [2, 9, 8, 3], name="x4")
    y = nn_nd_ops.pool(x, [2, 2], "AVG", "VALID", dilation_rate=[2, 1])
    assert [n for n, _ in names()[1:]] == [
        "avg_pool/dilation_rate", "avg_pool/required_space_to_batch_paddings/input_shape",
        "avg_pool/required_space_to_batch_paddings/base_paddings",
        "avg_pool/required_space_to_batch_paddings/paddings",
        "avg_pool/required_space_to_batch_paddings/crops", "avg_pool/SpaceToBatchND/block_shape",
        "avg_pool/SpaceToBatchND/paddings", "avg_pool/SpaceToBatchND", "avg_pool",
        "avg_pool/BatchToSpaceND/block_shape", "avg_pool/BatchToSpaceND/crops",
        "avg_pool/BatchToSpaceND"]
    assert y.shape.as_list() == [2, 7, 7, 3]
    v = RS.randn(2, 9, 8, 3)
    ref = (v[:, 0:7, 0:7] + v[:, 2:9, 0:7] + v[:, 0:7, 1:8] + v[:, 2:9, 1:8]) / 4
    np.testing.assert_allclose(run(y, {x: v}), ref, rtol=1e-5, atol=1e-6)
    m = nn_nd_ops.pool(x, [2, 2], "MAX", "SAME", strides=[2, 2])
    assert (m.op.type, m.op.name, m.shape.as_list()) == ("MaxPool", "max_pool", [2, 5, 4, 3])
    for kwargs, match in ((dict(padding="SAME", dilation_rate=[2, 2]), "'SAME' padding"),
                          (dict(padding="VALID", dilation_rate=[2, 1], strides=[2, 2]), "strides > 1"),
                          (dict(padding="VALID", pooling_type="MIN"), "MIN pooling")):
        args = dict(pooling_type="MAX")
        args.update(kwargs)
        with pytest.raises(ValueError, match=match):
            nn_nd_ops.pool(x, [2, 2], **args)
    with pytest.raises(ValueError, match="must have rank 5"):
        nn_nd_ops.pool(x, [2, 2, 2], "MAX", "VALID")


def test_pool_gradients_float64():
    assert_gradients_match(lambda t: nn_nd_ops.pool(t, [2, 2], "AVG", "VALID", dilation_rate=[2, 1]),
                           [RS.randn(1, 5, 4, 2)])
    distinct = RS.permutation(40).reshape(1, 5, 4, 2) / 7.0     # no ties: max is differentiable
    assert_gradients_match(lambda t: nn_nd_ops.pool(t, [2, 2], "MAX", "VALID", dilation_rate=[2, 2]),
                           [distinct])
    assert_gradients_match(lambda t: nn_nd_ops.avg_pool1d(t, 2, 1, "SAME"), [RS.randn(2, 5, 2)])


# --- convolution wrappers -----------------------------------------------------------------------------
def test_convolution_dilated_equals_dilated_conv2d():
    x = RS.randn(2, 9, 8, 3)
    f = RS.randn(3, 2, 3, 4)
    p = tf.placeholder(tf.float64, [2, 9, 8, 3], name="x4")
    y = nn_nd_ops.convolution(p, f, "SAME", dilation_rate=[2, 3])
    assert y.op.type == "BatchToSpaceND" and y.shape.as_list() == [2, 9, 8, 4]
    consts = {op.name: op._attrs["value"].tolist() for op in tf.get_default_graph().get_operations()
              if op.type == "Const"}
    # observed in TF 2.21
    assert consts["convolution/stack"] == [[2, 2], [1, 2]]
    assert consts["convolution/required_space_to_batch_paddings/paddings"] == [[2, 3], [1, 3]]
    assert consts["convolution/required_space_to_batch_paddings/crops"] == [[0, 1], [0, 1]]
    ref = nn_ops.conv2d(p, f, [1, 1, 1, 1], "SAME", dilations=[1, 2, 3, 1])
    a, b = run([y, ref], {p: x})
    np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-10)
    v = nn_nd_ops.convolution(p, f, "VALID", dilation_rate=2)
    np.testing.assert_allclose(run(v, {p: x}), run(nn_ops.conv2d(
        p, f, [1, 1, 1, 1], "VALID", dilations=[1, 2, 2, 1]), {p: x}), rtol=1e-10, atol=1e-10)


def test_convolution_ranks_and_structure():
    x3 = tf.placeholder(tf.float32, [2, 9, 3])
    y1 = nn_nd_ops.convolution(x3, tf.zeros([2, 3, 4]), "VALID")
    assert (y1.op.type, y1.name, y1.shape.as_list()) == ("Squeeze", "convolution/Squeeze:0", [2, 8, 4])
    assert y1.op._attrs["squeeze_dims"] == [-3]
    x5 = tf.placeholder(tf.float32, [2, 5, 9, 8, 3])
    y3 = nn_nd_ops.convolution(x5, tf.zeros([2, 2, 2, 3, 4]), "VALID", dilation_rate=[1, 2, 2])
    assert y3.shape.as_list() == [2, 4, 7, 6, 4]
    assert y3.op.inputs[0].op.type == "Conv3D"
    with pytest.raises(ValueError, match="strides > 1"):
        nn_nd_ops.convolution(tf.zeros([1, 5, 5, 1]), tf.zeros([2, 2, 1, 1]), "SAME", strides=2,
                              dilation_rate=2)
    p = tf.placeholder(tf.float32, [None, None, None, 3])
    yd = nn_nd_ops.convolution(p, tf.ones([3, 2, 3, 4]), "SAME", dilation_rate=[2, 2])
    assert yd.shape.as_list() == [None, None, None, 4]
    v = RS.randn(1, 7, 5, 3)
    np.testing.assert_allclose(
        run(yd, {p: v}), run(nn_ops.conv2d(p, tf.ones([3, 2, 3, 4]), [1, 1, 1, 1], "SAME",
                                           dilations=[1, 2, 2, 1]), {p: v}), rtol=1e-5, atol=1e-5)


def test_convolution_gradients_float64():
    f1 = RS.randn(2, 2, 3)
    assert_gradients_match(lambda t: nn_nd_ops.convolution(t, f1, "SAME", dilation_rate=[2]),
                           [RS.randn(1, 5, 2)])
    assert_gradients_match(lambda t, w: nn_nd_ops.convolution(t, w, "SAME", dilation_rate=[2, 1]),
                           [RS.randn(1, 5, 4, 2), RS.randn(2, 2, 2, 2)])


def test_with_space_to_batch_identity_rate_calls_op_directly():
    seen = []

    def op(converted, num_spatial_dims, padding):
        seen.append((num_spatial_dims, padding))
        return converted
    x = tf.zeros([1, 4, 4, 1])
    assert nn_nd_ops.with_space_to_batch(x, [1, 1], "SAME", op) is x
    assert seen == [(2, "SAME")]
    with pytest.raises(ValueError, match="filter_shape"):
        nn_nd_ops.with_space_to_batch(x, [2, 2], "SAME", op)


def test_conv1d_transpose_is_the_gradient_of_conv1d():
    x = RS.randn(2, 18, 3)
    f = RS.randn(2, 3, 4)
    g = RS.randn(2, 9, 4)
    px = tf.placeholder(tf.float64, [2, 18, 3])
    y = nn_ops.conv1d(px, f, 2, "SAME")
    dx = tf.gradients(y, px, grad_ys=g)[0]
    t = nn_nd_ops.conv1d_transpose(g, f, [2, 18, 3], 2)
    assert (t.name, t.shape.as_list()) == ("conv1d_transpose/Squeeze:0", [2, 18, 3])
    assert t.op.inputs[0].op.type == "Conv2DBackpropInput"
    np.testing.assert_allclose(run(t), run(dx, {px: x}), rtol=1e-10)
    assert_gradients_match(lambda v, w: nn_nd_ops.conv1d_transpose(v, w, [1, 7, 2], 1, "VALID"),
                           [RS.randn(1, 6, 3), RS.randn(2, 2, 3)])


def test_relu_layer():
    x, w, b = RS.randn(5, 4), RS.randn(4, 3), RS.randn(3)
    y = nn_nd_ops.relu_layer(x, w, b)
    assert [n for n, t in names() if t != "Const"] == ["relu_layer/MatMul", "relu_layer/BiasAdd",
                                                       "relu_layer"]
    np.testing.assert_allclose(run(y), np.maximum(x @ w + b, 0), rtol=1e-10)
    assert_gradients_match(nn_nd_ops.relu_layer, [x, w, b])


def test_depthwise_backprop_wrappers():
    x = RS.randn(2, 4, 4, 3)
    f = RS.randn(3, 3, 3, 2)
    g = RS.randn(2, 4, 4, 6)
    px, pf = tf.placeholder(tf.float64, x.shape), tf.placeholder(tf.float64, f.shape)
    y = nn_ops.depthwise_conv2d_native(px, pf, [1, 1, 1, 1], "SAME")
    gx, gf = tf.gradients(y, [px, pf], grad_ys=g)
    di = nn_nd_ops.depthwise_conv2d_native_backprop_input([2, 4, 4, 3], f, g, [1, 1, 1, 1], "SAME")
    df = nn_nd_ops.depthwise_conv2d_backprop_filter(x, [3, 3, 3, 2], g, [1, 1, 1, 1], "SAME")
    assert nn_nd_ops.depthwise_conv2d_backprop_input is \
        nn_nd_ops.depthwise_conv2d_native_backprop_input
    assert (di.op.name, di.shape.as_list()) == ("DepthwiseConv2dNativeBackpropInput", [2, 4, 4, 3])
    assert di.op.inputs[0].op.name == "DepthwiseConv2dNativeBackpropInput/input_sizes"
    assert (df.op.name, df.shape.as_list()) == ("DepthwiseConv2dNativeBackpropFilter", [3, 3, 3, 2])
    feed = {px: x, pf: f}
    np.testing.assert_allclose(run(di), run(gx, feed), rtol=1e-10)
    np.testing.assert_allclose(run(df), run(gf, feed), rtol=1e-10)


# --- Dilation2D / erosion2d ---------------------------------------------------------------------------
def ref_dilation(x, f, strides, rates, padding):
    n, h, w, c = x.shape
    kh, kw, _ = f.shape
    eh, ew = (kh - 1) * rates[0] + 1, (kw - 1) * rates[1] + 1
    if padding == "SAME":
        ho, wo = -(-h // strides[0]), -(-w // strides[1])
        pt = max((ho - 1) * strides[0] + eh - h, 0) // 2
        pl = max((wo - 1) * strides[1] + ew - w, 0) // 2
    else:
        ho, wo = (h - eh) // strides[0] + 1, (w - ew) // strides[1] + 1
        pt = pl = 0
    out = np.full((n, ho, wo, c), -np.inf)
    for y in range(ho):
        for z in range(wo):
            for i in range(kh):
                for j in range(kw):
                    a, b = y * strides[0] + i * rates[0] - pt, z * strides[1] + j * rates[1] - pl
                    if 0 <= a < h and 0 <= b < w:
                        out[:, y, z] = np.maximum(out[:, y, z], x[:, a, b] + f[i, j])
    return out


def test_dilation2d_values_structure_and_ties():
    x, f = RS.randn(2, 5, 6, 3), RS.randn(2, 3, 3)
    for strides, rates, padding in (([1, 2, 1, 1], [1, 1, 2, 1], "SAME"),
                                    ([1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
                                    ([1, 2, 2, 1], [1, 2, 1, 1], "VALID")):
        y = nn_morph_ops.dilation2d(x, f, strides, rates, padding)
        ref = ref_dilation(x, f, strides[1:3], rates[1:3], padding)
        assert y.shape.as_list() == list(ref.shape)
        np.testing.assert_allclose(run(y), ref, rtol=1e-12)
    e = nn_morph_ops.erosion2d(tf.constant(x), tf.constant(f), [1, 1, 1, 1], [1, 1, 1, 1], "SAME")
    assert [n for n, _ in names() if n.startswith("erosion2d")] == [
        "erosion2d/Neg", "erosion2d/ReverseV2/axis", "erosion2d/ReverseV2", "erosion2d",
        "erosion2d/Neg_1"]
    np.testing.assert_allclose(run(e), -ref_dilation(-x, f[::-1, ::-1], [1, 1], [1, 1], "SAME"))
    # observed in TF 2.21: ties send the gradient to the first maximal tap
    xt = tf.constant([[[[1.0], [1.0], [2.0], [2.0]]]])
    kt = tf.constant([[[0.0], [0.0]]])
    yt = nn_morph_ops.dilation2d(xt, kt, [1, 1, 1, 1], [1, 1, 1, 1], "VALID")
    gx, gk = run(tf.gradients(yt, [xt, kt]))
    assert gx.ravel().tolist() == [1, 0, 2, 0] and gk.ravel().tolist() == [2, 1]
    assert gx.dtype == np.float32
    ints = nn_morph_ops.dilation2d(np.arange(16, dtype=np.int32).reshape(1, 4, 4, 1),
                                   np.array([[[1], [-2]], [[0], [3]]], np.int32), [1, 1, 1, 1],
                                   [1, 1, 1, 1], "SAME")
    assert ints.dtype == tf.int32
    np.testing.assert_array_equal(run(ints), ref_dilation(
        np.arange(16).reshape(1, 4, 4, 1), np.array([[[1], [-2]], [[0], [3]]]), [1, 1], [1, 1],
        "SAME"))


def test_dilation2d_gradients_float64():
    x = RS.permutation(60).reshape(1, 5, 4, 3) / 5.0     # well separated: no ties within delta
    f = RS.permutation(12).reshape(2, 2, 3) / 11.0
    assert_gradients_match(lambda a, b: nn_morph_ops.dilation2d(a, b, [1, 2, 1, 1], [1, 1, 2, 1],
                                                                "SAME"), [x, f])
    assert_gradients_match(lambda a, b: nn_morph_ops.erosion2d(a, b, [1, 1, 1, 1], [1, 1, 1, 1],
                                                               "VALID"), [x, f])
    p = tf.placeholder(tf.float32, [1, 5, 4, 3])
    y = nn_morph_ops.dilation2d(p, f.astype(np.float32), [1, 1, 1, 1], [1, 1, 1, 1], "VALID")
    g = tf.gradients(y, p)[0]
    assert (g.op.type, g.op.name) == ("Dilation2DBackpropInput",
                                      "gradients/Dilation2D_grad/Dilation2DBackpropInput")
    with pytest.raises(LookupError):
        tf.gradients(g, p)


def test_dilation2d_errors():
    x, k = tf.zeros([2, 5, 6, 3]), tf.zeros([2, 3, 3])
    with pytest.raises(ValueError, match="not in"):
        nn_morph_ops.dilation2d(x, k, [1, 1, 1, 1], [1, 1, 1, 1], "EXPLICIT")
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        nn_morph_ops.dilation2d(x, tf.zeros([2, 3, 4]), [1, 1, 1, 1], [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError, match="length 2"):
        nn_morph_ops.dilation2d(x, k, [1, 1], [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError, match="negative"):
        nn_morph_ops.dilation2d(x, tf.zeros([9, 2, 3]), [1, 1, 1, 1], [1, 1, 1, 1], "VALID")
    with pytest.raises(TypeError):
        nn_morph_ops.dilation2d(tf.zeros([1, 4, 4, 3], tf.bool), tf.zeros([2, 2, 3], tf.bool),
                                [1, 1, 1, 1], [1, 1, 1, 1], "VALID")
    assert nn_morph_ops.dilation2d(tf.placeholder(tf.float32, [None, None, 6, 3]), k, [1, 1, 2, 1],
                                   [1, 1, 1, 1], "VALID").shape.as_list() == [None, None, None, 3]
    p = tf.placeholder(tf.float32)
    with pytest.raises(errors.InvalidArgumentError, match="negative"):
        run(nn_morph_ops.dilation2d(p, k, [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
            {p: np.zeros([1, 1, 1, 3])})
    with pytest.raises(errors.InvalidArgumentError, match="batch and depth"):
        run(nn_morph_ops.dilation2d(x, k, [2, 1, 1, 1], [1, 1, 1, 1], "SAME"))
