"""3-D convolution and pooling (ops/nn3d_ops.py): values against NumPy references, gradients
(float64 finite differences for the convolutions; references for pooling, whose CPU kernels run
float32), the rules TF 2.21's run-time kernels follow (observed numbers are marked), static
shapes, graph structure and names, and errors at build and run time."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.ops import nn3d_ops
from varflow.ops.op_util import make1
from varflow.testing.gradient_checker import assert_gradients_match

RS = np.random.RandomState(0)
LOWEST = float(np.finfo(np.float32).min)


def run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed)


# --- references --------------------------------------------------------------------------------
def plan(sizes, ksize, strides, padding, dil=(1, 1, 1)):
    out, pads = [], []
    for n, k, s, d in zip(sizes, ksize, strides, dil):
        eff = (k - 1) * d + 1
        if padding == "SAME":
            o = -(-n // s)
            total = max((o - 1) * s + eff - n, 0)
            pads.append((total // 2, total - total // 2))
        else:
            o = (n - eff) // s + 1
            pads.append((0, 0))
        out.append(o)
    return out, pads


def taps(ksize, out, strides, dil=(1, 1, 1)):
    """(tap index, index into the padded NDHWC array) for every window tap, row-major."""
    for a in range(ksize[0]):
        for b in range(ksize[1]):
            for c in range(ksize[2]):
                yield (a, b, c), (slice(None),) + tuple(
                    slice(t * d, t * d + s * (o - 1) + 1, s)
                    for t, d, s, o in zip((a, b, c), dil, strides, out)) + (slice(None),)


def ref_conv3d(x, w, strides=(1, 1, 1), padding="VALID", dil=(1, 1, 1)):
    """NDHWC convolution in float64, one tensordot per filter tap."""
    out, pads = plan(x.shape[1:4], w.shape[:3], strides, padding, dil)
    xp = np.pad(x.astype(np.float64), [(0, 0)] + pads + [(0, 0)])
    y = np.zeros([x.shape[0]] + out + [w.shape[4]])
    for (a, b, c), index in taps(w.shape[:3], out, strides, dil):
        y += xp[index] @ w[a, b, c].astype(np.float64)
    return y


def ref_conv3d_grads(x, w, gy, strides=(1, 1, 1), padding="VALID", dil=(1, 1, 1)):
    """(d<conv(x, w), gy>/dx, .../dw) in float64."""
    out, pads = plan(x.shape[1:4], w.shape[:3], strides, padding, dil)
    xp = np.pad(x.astype(np.float64), [(0, 0)] + pads + [(0, 0)])
    gxp = np.zeros_like(xp)
    gw = np.zeros(w.shape)
    for (a, b, c), index in taps(w.shape[:3], out, strides, dil):
        gxp[index] += gy @ w[a, b, c].T
        gw[a, b, c] = np.tensordot(xp[index], gy, axes=([0, 1, 2, 3], [0, 1, 2, 3]))
    d, h, wd = x.shape[1:4]
    return gxp[:, pads[0][0]:pads[0][0] + d, pads[1][0]:pads[1][0] + h,
               pads[2][0]:pads[2][0] + wd], gw


def ref_max_pool3d(x, ksize, strides, padding):
    """TF's run-time rule: NaN and -inf are the lowest finite value; padding never wins."""
    out, pads = plan(x.shape[1:4], ksize, strides, padding)
    xp = np.pad(np.fmax(x, LOWEST), [(0, 0)] + pads + [(0, 0)], constant_values=-np.inf)
    idx = list(taps(ksize, out, strides))
    return np.max(np.stack([xp[i] for _, i in idx]), axis=0).astype(np.float32)


def ref_max_pool3d_grad(x, y, g, ksize, strides, padding):
    """Each window's gradient to its first tap (row-major, padding included) whose cleaned input
    equals y."""
    out, pads = plan(x.shape[1:4], ksize, strides, padding)
    xp = np.pad(np.fmax(x, LOWEST), [(0, 0)] + pads + [(0, 0)], constant_values=LOWEST)
    dxp = np.zeros(xp.shape)
    taken = np.zeros(y.shape, bool)
    for _, index in taps(ksize, out, strides):
        hit = (xp[index] == y) & ~taken
        taken |= hit
        dxp[index] += np.where(hit, g, 0)
    d, h, w = x.shape[1:4]
    return dxp[:, pads[0][0]:pads[0][0] + d, pads[1][0]:pads[1][0] + h, pads[2][0]:pads[2][0] + w]


def ref_avg_pool3d(x, ksize, strides, padding):
    out, pads = plan(x.shape[1:4], ksize, strides, padding)
    xp = np.pad(x.astype(np.float64), [(0, 0)] + pads + [(0, 0)])
    ones = np.pad(np.ones((1,) + x.shape[1:4] + (1,)), [(0, 0)] + pads + [(0, 0)])
    idx = [i for _, i in taps(ksize, out, strides)]
    return sum(xp[i] for i in idx) / sum(ones[i] for i in idx)


def ref_avg_pool3d_grad(shape, g, ksize, strides, padding):
    out, pads = plan(shape[1:4], ksize, strides, padding)
    ones = np.pad(np.ones((1,) + tuple(shape[1:4]) + (1,)), [(0, 0)] + pads + [(0, 0)])
    idx = [i for _, i in taps(ksize, out, strides)]
    share = g / sum(ones[i] for i in idx)
    dxp = np.zeros([shape[0]] + [n + a + b for n, (a, b) in zip(shape[1:4], pads)] + [shape[4]])
    for i in idx:
        dxp[i] += share
    d, h, w = shape[1:4]
    return dxp[:, pads[0][0]:pads[0][0] + d, pads[1][0]:pads[1][0] + h, pads[2][0]:pads[2][0] + w]


def ndhwc(x):
    return np.ascontiguousarray(np.transpose(x, (0, 4, 1, 2, 3)))


def from_ncdhw(x):
    return np.transpose(x, (0, 2, 3, 4, 1))


# --- Conv3D --------------------------------------------------------------------------------------
CONV_CASES = [((1, 1, 1), "SAME", (1, 1, 1)), ((2, 1, 2), "VALID", (1, 1, 1)),
              ((1, 2, 1), "SAME", (2, 1, 2)), ((2, 2, 2), "SAME", (1, 1, 1)),
              ((1, 1, 1), "VALID", (2, 1, 1)), ((1, 1, 1), "VALID", (1, 2, 2)),
              ((1, 1, 1), "SAME", (1, 2, 1)), ((3, 2, 1), "SAME", (1, 1, 1))]


@pytest.mark.parametrize("strides,padding,dil", CONV_CASES)
def test_conv3d_values(strides, padding, dil):
    x, w = RS.randn(2, 5, 6, 7, 3), RS.randn(2, 3, 2, 3, 4)
    y = tf.nn.conv3d(x.astype(np.float32), w.astype(np.float32), [1, *strides, 1], padding,
                     dilations=[1, *dil, 1])
    np.testing.assert_allclose(run(y), ref_conv3d(x, w, strides, padding, dil), rtol=1e-4,
                               atol=1e-4)
    y64 = tf.nn.conv3d(x, w, [1, *strides, 1], padding, dilations=[1, *dil, 1])
    assert y64.dtype == tf.float64
    np.testing.assert_allclose(run(y64), ref_conv3d(x, w, strides, padding, dil), rtol=1e-12)


@pytest.mark.parametrize("strides,padding,dil", CONV_CASES)
def test_conv3d_gradients(strides, padding, dil):
    x, w = RS.randn(1, 4, 4, 5, 2), RS.randn(2, 2, 3, 2, 2)
    assert_gradients_match(lambda a, b: tf.nn.conv3d(a, b, [1, *strides, 1], padding,
                                                     dilations=[1, *dil, 1]), [x, w])


@pytest.mark.parametrize("strides,padding,dil", CONV_CASES)
def test_conv3d_float32_gradients_against_reference(strides, padding, dil):
    x, w = RS.randn(2, 5, 6, 7, 3).astype(np.float32), RS.randn(2, 3, 2, 3, 4).astype(np.float32)
    xt, wt = tf.constant(x), tf.constant(w)
    y = tf.nn.conv3d(xt, wt, [1, *strides, 1], padding, dilations=[1, *dil, 1])
    gy = RS.randn(*y.shape.as_list()).astype(np.float32)
    gx, gw = run(tf.gradients(y, [xt, wt], grad_ys=gy))
    rx, rw = ref_conv3d_grads(x, w, gy, strides, padding, dil)
    np.testing.assert_allclose(gx, rx, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(gw, rw, rtol=1e-4, atol=1e-3)


def test_conv3d_ncdhw_equals_ndhwc_with_gradients():
    x, w = RS.randn(2, 3, 4, 5, 6), RS.randn(2, 3, 2, 3, 2)
    y = tf.nn.conv3d(x, w, [1, 1, 2, 1, 2], "SAME", data_format="NCDHW", dilations=[1, 1, 1, 2, 1])
    assert y.shape.as_list() == [2, 2, 2, 5, 3]
    ref = ref_conv3d(from_ncdhw(x), w, (2, 1, 2), "SAME", (1, 2, 1))
    np.testing.assert_allclose(run(y), ndhwc(ref), rtol=1e-12)
    assert_gradients_match(lambda a, b: tf.nn.conv3d(a, b, [1, 1, 1, 2, 1], "VALID",
                                                     data_format="NCDHW"),
                           [x[:1, :2, :3], w[:, :, :, :2]])


def test_conv3d_large_channels_run_through_the_2d_kernels():
    x, w = RS.randn(2, 6, 7, 8, 16).astype(np.float32), RS.randn(3, 3, 3, 16, 32).astype(np.float32)
    y = run(tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "SAME"))
    np.testing.assert_allclose(y, ref_conv3d(x, w, padding="SAME"), rtol=1e-4, atol=1e-3)
    assert y.dtype == np.float32 and y.flags.c_contiguous


@pytest.mark.parametrize("dtype", [tf.float16, tf.bfloat16])
def test_conv3d_half_precision_is_computed_in_float32_and_rounded(dtype):
    x, w = RS.randn(1, 3, 4, 4, 2), RS.randn(2, 2, 2, 2, 3)
    xt, wt = tf.cast(tf.constant(x), dtype), tf.cast(tf.constant(w), dtype)
    y = tf.nn.conv3d(xt, wt, [1, 1, 1, 1, 1], "SAME")
    gx, gw = tf.gradients(tf.reduce_sum(y), [xt, wt])
    yv, gxv, gwv = run([y, gx, gw])
    assert yv.dtype == gxv.dtype == gwv.dtype == dtype.as_numpy_dtype
    xr = run(tf.cast(xt, tf.float64))
    wr = run(tf.cast(wt, tf.float64))
    np.testing.assert_allclose(yv.astype(np.float64), ref_conv3d(xr, wr, padding="SAME"),
                               rtol=2e-2, atol=3e-2)


def test_conv3d_op_names_and_converted_inputs():
    y = tf.nn.conv3d(np.ones((1, 3, 3, 3, 1), np.float32), np.ones((2, 2, 2, 1, 1), np.float32),
                     [1, 1, 1, 1, 1], "SAME")
    # observed in TF 2.21: the constants are made inside the op's name scope
    assert [t.op.name for t in y.op.inputs] == ["Conv3D/input", "Conv3D/filter"]
    assert run(y)[0, :, :, :, 0].tolist() == [[[8, 8, 4], [8, 8, 4], [4, 4, 2]],
                                              [[8, 8, 4], [8, 8, 4], [4, 4, 2]],
                                              [[4, 4, 2], [4, 4, 2], [2, 2, 1]]]
    x = tf.placeholder(tf.float32, [1, 3, 3, 3, 1])
    f = tf.ones([1, 1, 1, 1, 2])
    assert tf.nn.conv3d(x, f, [1] * 5, "SAME").name == "Conv3D_1:0"
    assert tf.nn.conv3d(x, filters=f, strides=[1] * 5, padding="VALID", name="c").name == "c:0"
    assert y.op.get_attr("dilations") == [1, 1, 1, 1, 1]
    assert y.op.get_attr("data_format") == "NDHWC"


def test_conv3d_static_shapes():
    f = tf.zeros([2, 3, 2, 3, 4])
    p = tf.placeholder(tf.float32, [None, None, 5, None, 3])
    assert tf.nn.conv3d(p, f, [1] * 5, "VALID").shape.as_list() == [None, None, 3, None, 4]
    assert tf.nn.conv3d(p, f, [1, 2, 2, 2, 1], "SAME").shape.as_list() == [None, None, 3, None, 4]
    unknown = tf.nn.conv3d(tf.placeholder(tf.float32), f, [1] * 5, "VALID").shape
    assert unknown.as_list() == [None, None, None, None, 4]
    assert tf.nn.conv3d(p, tf.placeholder(tf.float32), [1] * 5, "VALID").shape.ndims == 5
    pf = tf.placeholder(tf.float32, [None, 3, None, 5, 6])
    assert tf.nn.conv3d(pf, f, [1] * 5, "SAME", data_format="NCDHW").shape.as_list() == \
        [None, 4, None, 5, 6]
    assert tf.nn.conv3d(tf.placeholder(tf.float32, None), tf.placeholder(tf.float32, None),
                        [1] * 5, "SAME", data_format="NCDHW").shape.ndims == 5


def test_conv3d_static_shape_swaps_height_and_width_dilations_as_tensorflow():
    # observed in TF 2.21: the Conv3D shape function reads the height and width dilations swapped
    # (the kernel dilates correctly), so with VALID and unequal ones the static shape is TF's
    x = tf.placeholder(tf.float32, [2, 5, 6, 7, 3])
    y = tf.nn.conv3d(x, tf.zeros([2, 3, 2, 3, 4]), [1] * 5, "VALID", dilations=[1, 2, 2, 1, 1])
    assert y.shape.as_list() == [2, 3, 4, 5, 4]
    assert run(y, {x: np.zeros((2, 5, 6, 7, 3))}).shape == (2, 3, 2, 6, 4)
    xc = tf.placeholder(tf.float32, [2, 3, 5, 6, 7])
    yc = tf.nn.conv3d(xc, tf.zeros([2, 3, 2, 3, 4]), [1, 1, 2, 1, 1], "VALID",
                      data_format="NCDHW", dilations=[1, 1, 1, 2, 1])
    assert yc.shape.as_list() == [2, 4, 2, 4, 5]
    # so its gradient's fully known grad_ys has the wrong shape, and the backprop op fails to run
    # (in TF too, as an AbortedError from oneDNN)
    with pytest.raises(errors.OpError):
        run(tf.gradients(y, x)[0], {x: np.zeros((2, 5, 6, 7, 3))})


def test_conv3d_gradient_graph_is_tensorflows():
    x = tf.placeholder(tf.float32, [2, 5, 6, 7, 3])
    f = tf.placeholder(tf.float32, [2, 3, 2, 3, 4])
    y = tf.nn.conv3d(x, f, [1, 1, 1, 1, 1], "SAME")
    gx, gf = tf.gradients(y, [x, f])
    assert (gx.name, gf.name) == ("gradients/Conv3D_grad/Conv3DBackpropInputV2:0",
                                  "gradients/Conv3D_grad/Conv3DBackpropFilterV2:0")
    assert [t.name for t in gx.op.inputs] == ["gradients/Conv3D_grad/ShapeN:0", f.name,
                                              "gradients/grad_ys_0:0"]
    assert gf.op.inputs[1].name == "gradients/Conv3D_grad/ShapeN:1"
    assert gx.shape.as_list() == [2, 5, 6, 7, 3] and gf.shape.as_list() == [2, 3, 2, 3, 4]
    assert gx.op.get_attr("strides") == y.op.get_attr("strides")


def test_conv3d_second_order():
    x, w = RS.randn(1, 3, 3, 3, 2), RS.randn(2, 2, 2, 2, 1)

    def grad_x(a, b):
        y = tf.nn.conv3d(a, b, [1, 1, 1, 1, 1], "SAME")
        return tf.gradients(tf.reduce_sum(y * y), a)[0]

    def grad_w(a, b):
        y = tf.nn.conv3d(a, b, [1, 2, 1, 1, 1], "VALID")
        return tf.gradients(tf.reduce_sum(y * y), b)[0]
    assert_gradients_match(grad_x, [x, w])
    assert_gradients_match(grad_w, [x, w])
    g = grad_x(tf.constant(x), tf.constant(w))
    second = tf.gradients(tf.reduce_sum(g), g.op.inputs[2].op.inputs[1])   # through the backprops
    assert second[0] is not None


def test_conv3d_transpose_is_the_adjoint_of_conv3d():
    v, w = RS.randn(2, 3, 4, 5, 3), RS.randn(2, 2, 3, 4, 3)            # filter [d, h, w, out, in]
    y = tf.nn.conv3d_transpose(v, w, [2, 6, 8, 10, 4], [1, 2, 2, 2, 1], "SAME")
    assert y.shape.as_list() == [2, 6, 8, 10, 4]
    assert y.op.type == "Conv3DBackpropInputV2" and y.name == "conv3d_transpose:0"
    assert y.op.inputs[0].op.name == "conv3d_transpose/input_sizes"
    u = RS.randn(2, 6, 8, 10, 4)
    conv_u = run(tf.nn.conv3d(u, w, [1, 2, 2, 2, 1], "SAME"))
    np.testing.assert_allclose(np.sum(conv_u * v), np.sum(u * run(y)), rtol=1e-10)
    assert_gradients_match(
        lambda a, b: tf.nn.conv3d_transpose(a, b, [1, 5, 7, 9, 2], 2, "VALID"),
        [v[:1, :2, :3, :4], w[:, :, :, :2]])
    ga, gb = tf.gradients(y, [y.op.inputs[2], y.op.inputs[1]])
    assert (ga.op.type, gb.op.type) == ("Conv3D", "Conv3DBackpropFilterV2")


def test_conv3d_transpose_spellings_and_shapes():
    v = tf.placeholder(tf.float32, [2, 3, 4, 5, 3])
    w = tf.zeros([2, 2, 2, 4, 3])
    assert tf.nn.conv3d_transpose(v, w, [2, 5, 7, 9, 4], 2, "SAME").op.get_attr("strides") == \
        [1, 2, 2, 2, 1]
    assert tf.nn.conv3d_transpose(v, w, [2, 5, 7, 9, 4], [2, 1, 3], "SAME").op.get_attr(
        "strides") == [1, 2, 1, 3, 1]
    dyn = tf.nn.conv3d_transpose(v, w, tf.placeholder(tf.int32, [5]), 2, "SAME")
    assert dyn.shape.ndims == 5 and dyn.shape.as_list() == [None] * 5
    part = tf.nn.conv3d_transpose(v, w, tf.stack([tf.shape(v)[0], 6, 8, 10, 4]), 2, "SAME")
    assert part.shape.as_list() == [2, 6, 8, 10, 4]
    named = tf.nn.conv3d_transpose(v, filters=w, output_shape=[2, 6, 8, 10, 4], strides=2,
                                   name="up")
    assert named.name == "up:0"
    nc = tf.nn.conv3d_transpose(tf.placeholder(tf.float32, [1, 3, 2, 3, 4]), w, [1, 4, 4, 6, 8],
                                [1, 1, 2, 2, 2], "SAME", data_format="NCDHW")
    assert nc.shape.as_list() == [1, 4, 4, 6, 8]
    with pytest.raises(ValueError, match="rank 5"):
        tf.nn.conv3d_transpose(v, w, [2, 6, 8, 10], 2, "SAME")


def test_conv3d_backprop_filter_called_directly():
    x, gy = RS.randn(2, 5, 6, 7, 3), RS.randn(2, 5, 6, 7, 4)
    bf = tf.nn.conv3d_backprop_filter(x, [2, 3, 2, 3, 4], gy, [1, 1, 1, 1, 1], "SAME")
    assert bf.name == "Conv3DBackpropFilterV2:0" and bf.shape.as_list() == [2, 3, 2, 3, 4]
    assert [t.op.name for t in bf.op.inputs] == ["Conv3DBackpropFilterV2/input",
                                                  "Conv3DBackpropFilterV2/filter_sizes",
                                                  "Conv3DBackpropFilterV2/out_backprop"]
    w = np.zeros((2, 3, 2, 3, 4))
    np.testing.assert_allclose(run(bf), ref_conv3d_grads(x, w, gy, padding="SAME")[1], rtol=1e-10)
    bf2 = tf.nn.conv3d_backprop_filter_v2(x, tf.constant([1, 1, 1, 3, 2]), gy[:, ::2, :, ::2, :2],
                                          [1, 2, 1, 2, 1], "VALID", name="bf")
    assert bf2.name == "bf:0" and bf2.shape.as_list() == [1, 1, 1, 3, 2]
    assert tf.nn.conv3d_backprop_filter(x, tf.placeholder(tf.int32, [5]), gy, [1] * 5,
                                        "SAME").shape.as_list() == [None] * 5


def test_conv3d_graph_def_nodes_carry_tensorflows_attrs():
    x = tf.placeholder(tf.float32, [1, 4, 4, 4, 2])
    y = tf.nn.conv3d(x, tf.ones([2, 2, 2, 2, 3]), [1, 1, 1, 1, 1], "SAME")
    t = tf.nn.conv3d_transpose(y, tf.ones([2, 2, 2, 2, 3]), [1, 4, 4, 4, 2], 1, "SAME")
    m = tf.nn.max_pool3d(x, 2, 2, "SAME")
    a = tf.nn.avg_pool3d(x, 2, 2, "SAME")
    g = tf.gradients(tf.reduce_sum(m) + tf.reduce_sum(t) + tf.reduce_sum(a), x)[0]
    tf.gradients(g, x)
    attrs = {(n.op, " ".join(sorted(n.attr.keys())))
             for n in tf.get_default_graph().as_graph_def().node if "3D" in n.op}
    # the op defs observed in TF 2.21 (`op.op_def`): no explicit_paddings / use_cudnn_on_gpu
    assert attrs == {
        ("Conv3D", "T data_format dilations padding strides"),
        ("Conv3DBackpropInputV2", "T Tshape data_format dilations padding strides"),
        ("Conv3DBackpropFilterV2", "T data_format dilations padding strides"),
        ("MaxPool3D", "T data_format ksize padding strides"),
        ("MaxPool3DGrad", "T TInput data_format ksize padding strides"),
        ("MaxPool3DGradGrad", "T data_format ksize padding strides"),
        ("AvgPool3D", "T data_format ksize padding strides"),
        ("AvgPool3DGrad", "T data_format ksize padding strides")}


def test_conv3d_build_errors():
    x = tf.placeholder(tf.float32, [1, 4, 5, 6, 2])
    f = tf.zeros([2, 2, 2, 2, 3])
    with pytest.raises(ValueError, match=r"Negative dimension size caused by subtracting 5 from 4 "
                                         r"for 'Conv3D' with input shapes: \[1,4,5,6,2\], "
                                         r"\[5,2,2,2,3\]"):
        tf.nn.conv3d(x, tf.zeros([5, 2, 2, 2, 3]), [1] * 5, "VALID")
    with pytest.raises(ValueError, match="subtracting 7 from 6"):
        tf.nn.conv3d(x, tf.zeros([1, 2, 7, 2, 3]), [1] * 5, "VALID")
    with pytest.raises(ValueError, match="subtracting 5 from 4"):     # dilated depth window
        tf.nn.conv3d(x, f, [1] * 5, "VALID", dilations=[1, 4, 1, 1, 1])
    assert tf.nn.conv3d(x, tf.zeros([5, 6, 7, 2, 3]), [1] * 5, "SAME").shape.as_list() == \
        [1, 4, 5, 6, 3]
    assert tf.nn.conv3d(x, tf.zeros([4, 5, 6, 2, 3]), [1] * 5, "VALID").shape.as_list() == \
        [1, 1, 1, 1, 3]
    with pytest.raises(ValueError, match="not a multiple of input depth"):
        tf.nn.conv3d(x, tf.zeros([2, 2, 2, 3, 3]), [1] * 5, "VALID")
    with pytest.raises(ValueError, match="number of groups"):
        tf.nn.conv3d(tf.zeros([1, 4, 5, 6, 4]), f, [1] * 5, "VALID")
    with pytest.raises(ValueError, match="rank 5"):
        tf.nn.conv3d(tf.zeros([4, 5, 6, 2]), f, [1] * 5, "VALID")
    with pytest.raises(ValueError, match="rank 5"):
        tf.nn.conv3d(x, tf.zeros([2, 2, 2, 3]), [1] * 5, "VALID")
    with pytest.raises(ValueError, match="less than minimum 5"):
        tf.nn.conv3d(x, f, [1, 1, 1, 1], "VALID")
    with pytest.raises(ValueError, match="5 values"):
        tf.nn.conv3d(x, f, [1] * 6, "VALID")
    with pytest.raises(TypeError, match="Expected list for 'strides'"):
        tf.nn.conv3d(x, f, 1, "VALID")
    with pytest.raises(ValueError, match="padding"):
        tf.nn.conv3d(x, f, [1] * 5, "FULL")
    with pytest.raises(TypeError, match="padding"):
        tf.nn.conv3d(x, f, [1] * 5, [[0, 0]] + [[1, 1]] * 3 + [[0, 0]])
    with pytest.raises(ValueError, match="data_format"):
        tf.nn.conv3d(x, f, [1] * 5, "VALID", data_format="NHWC")
    with pytest.raises(TypeError):
        tf.nn.conv3d(tf.zeros([1, 4, 5, 6, 2], tf.int32), tf.zeros([2, 2, 2, 2, 3], tf.int32),
                     [1] * 5, "VALID")
    with pytest.raises(TypeError):
        tf.nn.conv3d(x, tf.zeros([2, 2, 2, 2, 3], tf.float64), [1] * 5, "VALID")
    # batch strides pass the op's checks; the kernel refuses them (below)
    assert tf.nn.conv3d(x, f, [2, 1, 1, 1, 1], "VALID").shape.as_list() == [1, 3, 4, 5, 3]


def _run_error(y, feed=None):
    with pytest.raises(errors.OpError) as info:
        run(y, feed)
    return type(info.value)


def test_conv3d_run_time_errors_are_tensorflows():
    xv, fv = RS.randn(1, 4, 5, 6, 2), RS.randn(2, 2, 2, 2, 3)
    x, f = tf.constant(xv), tf.constant(fv)
    # TF 2.21's CPU kernels: strides of batch/channels Unimplemented, their dilations invalid
    assert _run_error(tf.nn.conv3d(x, f, [2, 1, 1, 1, 1], "VALID")) is errors.UnimplementedError
    assert _run_error(tf.nn.conv3d(x, f, [1, 1, 1, 1, 2], "VALID")) is errors.UnimplementedError
    assert _run_error(tf.nn.conv3d(x, f, [1] * 5, "VALID", dilations=[2, 1, 1, 1, 1])) is \
        errors.InvalidArgumentError
    # a grouped filter passes shape inference, but TF's CPU Conv3D needs equal depths
    grouped = tf.nn.conv3d(RS.randn(1, 3, 3, 3, 4), RS.randn(2, 2, 2, 2, 6), [1] * 5, "VALID")
    assert grouped.shape.as_list() == [1, 2, 2, 2, 6]
    with pytest.raises(errors.InvalidArgumentError, match="same depth: 4 vs 2"):
        run(grouped)
    # a window larger than a fed input
    p = tf.placeholder(tf.float64, [1, None, None, None, 2])
    y = tf.nn.conv3d(p, f, [1] * 5, "VALID")
    assert _run_error(y, {p: np.ones((1, 1, 3, 3, 2))}) is errors.InvalidArgumentError
    # inconsistent backprop inputs
    gi = tf.nn.conv3d_transpose(RS.randn(1, 4, 5, 6, 2), RS.randn(2, 2, 2, 4, 2),
                                [1, 8, 10, 12, 5], [1, 2, 2, 2, 1], "SAME")
    assert _run_error(gi) is errors.InvalidArgumentError
    gi = tf.nn.conv3d_transpose(RS.randn(1, 4, 5, 6, 2), RS.randn(2, 2, 2, 4, 2),
                                [1, 9, 10, 12, 4], [1, 2, 2, 2, 1], "SAME")
    assert _run_error(gi) is errors.InvalidArgumentError
    bf = tf.nn.conv3d_backprop_filter(xv, [2, 2, 2, 2, 3], RS.randn(1, 4, 5, 5, 3), [1] * 5, "SAME")
    assert _run_error(bf) is errors.InvalidArgumentError


# --- pooling ---------------------------------------------------------------------------------
POOL_CASES = [((2, 2, 2), (2, 2, 2), "SAME"), ((3, 2, 2), (1, 1, 1), "VALID"),
              ((3, 3, 3), (2, 1, 2), "SAME"), ((1, 3, 2), (1, 2, 2), "VALID"),
              ((2, 3, 1), (2, 2, 1), "SAME")]


@pytest.mark.parametrize("k,s,pad", POOL_CASES)
def test_pool3d_values_and_gradients(k, s, pad):
    x = RS.randn(2, 5, 6, 7, 3).astype(np.float32)
    xt = tf.constant(x)
    mp = tf.nn.max_pool3d(xt, [1, *k, 1], [1, *s, 1], pad)
    ap = tf.nn.avg_pool3d(xt, [1, *k, 1], [1, *s, 1], pad)
    gy = RS.randn(*mp.shape.as_list()).astype(np.float32)
    gm, ga = tf.gradients(mp, xt, grad_ys=gy)[0], tf.gradients(ap, xt, grad_ys=gy)[0]
    mv, av, gmv, gav = run([mp, ap, gm, ga])
    ref_m = ref_max_pool3d(x, k, s, pad)
    np.testing.assert_array_equal(mv, ref_m)
    np.testing.assert_allclose(av, ref_avg_pool3d(x, k, s, pad), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gmv, ref_max_pool3d_grad(x, ref_m, gy, k, s, pad), rtol=1e-6,
                               atol=1e-6)
    np.testing.assert_allclose(gav, ref_avg_pool3d_grad(x.shape, gy, k, s, pad), rtol=1e-5,
                               atol=1e-6)
    assert (gm.op.type, ga.op.type) == ("MaxPool3DGrad", "AvgPool3DGrad")
    assert mv.dtype == av.dtype == np.float32


def test_pool3d_ncdhw_and_argument_spellings():
    x = RS.randn(2, 4, 5, 6, 3).astype(np.float32)
    xc = tf.constant(ndhwc(x))
    m = tf.nn.max_pool3d(xc, [1, 1, 2, 3, 2], [1, 1, 2, 2, 1], "SAME", data_format="NCDHW")
    a = tf.nn.avg_pool3d(xc, [1, 1, 2, 2, 2], [1, 1, 1, 2, 2], "VALID", data_format="NCDHW")
    assert m.shape.as_list() == [2, 3, 2, 3, 6] and a.shape.as_list() == [2, 3, 3, 2, 3]
    np.testing.assert_array_equal(run(m), ndhwc(ref_max_pool3d(x, (2, 3, 2), (2, 2, 1), "SAME")))
    np.testing.assert_allclose(run(a), ndhwc(ref_avg_pool3d(x, (2, 2, 2), (1, 2, 2), "VALID")),
                               rtol=1e-5)
    gy = RS.randn(2, 3, 2, 3, 6).astype(np.float32)
    g = run(tf.gradients(m, xc, grad_ys=gy)[0])
    ref_y = ref_max_pool3d(x, (2, 3, 2), (2, 2, 1), "SAME")
    np.testing.assert_allclose(g, ndhwc(ref_max_pool3d_grad(x, ref_y, from_ncdhw(gy), (2, 3, 2),
                                                            (2, 2, 1), "SAME")), atol=1e-6)
    xt = tf.constant(x)
    assert tf.nn.max_pool3d(xt, 2, 2, "SAME").op.get_attr("ksize") == [1, 2, 2, 2, 1]
    assert tf.nn.max_pool3d(xt, [2], [1, 2, 1], "SAME").op.get_attr("strides") == [1, 1, 2, 1, 1]
    assert tf.nn.avg_pool3d(xc, 2, [1, 2, 3], "SAME", data_format="NCDHW").op.get_attr(
        "strides") == [1, 1, 1, 2, 3]
    assert tf.nn.max_pool3d(np.ones((1, 2, 2, 2, 1), np.float32), 2, 2, "VALID").op.inputs[0] \
        .op.name == "MaxPool3D_3/input"
    assert tf.nn.avg_pool3d(xt, 2, 2, "SAME", name="pool").name == "pool:0"


def test_max_pool3d_gradient_goes_to_the_first_maximum_only():
    # observed in TF 2.21 (inputs fed; constant folding runs another kernel, which gives every
    # tied maximum the gradient)
    x = tf.placeholder(tf.float32, [1, 2, 2, 2, 1])
    p = tf.nn.max_pool3d(x, [1, 1, 2, 2, 1], [1, 1, 1, 1, 1], "SAME")
    g = tf.gradients(p, x, grad_ys=np.arange(1., 9., dtype=np.float32).reshape(1, 2, 2, 2, 1))[0]
    xv = np.array([1, 3, 3, 0, 2, 3, 1, 3], np.float32).reshape(1, 2, 2, 2, 1)
    assert run(g, {x: xv}).ravel().tolist() == [0, 3, 3, 4, 0, 11, 0, 15]
    p2 = tf.nn.max_pool3d(x, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "VALID")
    g2 = tf.gradients(p2, x)[0]
    assert run(g2, {x: xv}).ravel().tolist() == [0, 1, 0, 0, 0, 0, 0, 0]


def test_max_pool3d_nan_and_minus_inf_count_as_the_lowest_float():
    # observed in TF 2.21 with fed inputs: NaN and -inf never win; a window of them gives the
    # lowest float, whose gradient goes to the window's first tap (lost when that is padding)
    x = tf.placeholder(tf.float32, [1, 2, 2, 2, 1])
    p = tf.nn.max_pool3d(x, [1, 1, 2, 2, 1], [1, 1, 2, 2, 1], "VALID")
    g = tf.gradients(p, x)[0]
    xv = np.array([np.nan, np.nan, -np.inf, np.nan, 1, np.nan, 2, -np.inf],
                  np.float32).reshape(1, 2, 2, 2, 1)
    pv, gv = run([p, g], {x: xv})
    assert pv.ravel().tolist() == [LOWEST, 2.0]
    assert gv.ravel().tolist() == [1, 0, 0, 0, 0, 0, 1, 0]
    xi = tf.placeholder(tf.float32, [1, 1, 3, 3, 1])
    pi = tf.nn.max_pool3d(xi, [1, 1, 3, 3, 1], [1, 1, 2, 2, 1], "SAME")
    gi = tf.gradients(pi, xi, grad_ys=np.arange(1, 5, dtype=np.float32).reshape(1, 1, 2, 2, 1))[0]
    iv = np.full((1, 1, 3, 3, 1), -np.inf, np.float32)
    iv[0, 0, 2, 2, 0] = np.nan
    piv, giv = run([pi, gi], {xi: iv})
    assert piv.ravel().tolist() == [LOWEST] * 4
    assert giv.ravel().tolist() == [0, 0, 0, 0, 4, 0, 0, 0, 0]
    xl = tf.placeholder(tf.float32, [1, 1, 2, 2, 1])
    gl = tf.gradients(tf.nn.max_pool3d(xl, [1, 1, 2, 2, 1], [1] * 5, "VALID"), xl)[0]
    lv = np.array([np.nan, -np.inf, LOWEST, LOWEST], np.float32).reshape(1, 1, 2, 2, 1)
    assert run(gl, {xl: lv}).ravel().tolist() == [1, 0, 0, 0]


def test_max_pool3d_grad_compares_with_the_orig_output_it_is_given():
    # observed in TF 2.21 through tf.raw_ops.MaxPool3DGrad / MaxPool3DGradGrad
    attrs = dict(ksize=[1, 2, 2, 2, 1], strides=[1, 2, 2, 2, 1], padding="VALID",
                 data_format="NDHWC")
    xv = np.arange(8, dtype=np.float32).reshape(1, 2, 2, 2, 1)
    y3 = np.full((1, 1, 1, 1, 1), 3, np.float32)
    y9 = np.full((1, 1, 1, 1, 1), 9, np.float32)
    one = np.ones((1, 1, 1, 1, 1), np.float32)
    grad3 = make1("MaxPool3DGrad", [tf.constant(xv), tf.constant(y3), tf.constant(one)], attrs)
    grad9 = make1("MaxPool3DGrad", [tf.constant(xv), tf.constant(y9), tf.constant(one)], attrs)
    gg3 = make1("MaxPool3DGradGrad", [tf.constant(xv), tf.constant(y3), tf.constant(xv + 1)], attrs)
    gg9 = make1("MaxPool3DGradGrad", [tf.constant(xv), tf.constant(y9), tf.constant(xv + 1)], attrs)
    g3, g9, h3, h9 = run([grad3, grad9, gg3, gg9])
    assert g3.ravel().tolist() == [0, 0, 0, 1, 0, 0, 0, 0]
    assert g9.ravel().tolist() == [0] * 8
    assert h3.ravel().tolist() == [4] and h9.ravel().tolist() == [0]


def test_max_pool3d_second_order():
    # observed in TF 2.21: MaxPool3DGradGrad takes each window's first input equal to its max
    x = tf.placeholder(tf.float32, [1, 2, 2, 2, 1])
    p = tf.nn.max_pool3d(x, [1, 1, 2, 2, 1], [1, 1, 1, 1, 1], "SAME")
    gy = tf.placeholder(tf.float32, [1, 2, 2, 2, 1])
    g = tf.gradients(p, x, grad_ys=gy)[0]
    gg = tf.gradients(g, gy, grad_ys=np.arange(1., 9., dtype=np.float32).reshape(1, 2, 2, 2, 1))[0]
    assert gg.op.type == "MaxPool3DGradGrad"
    xv = np.array([1, 3, 3, 0, 2, 3, 1, 3], np.float32).reshape(1, 2, 2, 2, 1)
    assert run(gg, {x: xv, gy: np.ones((1, 2, 2, 2, 1))}).ravel().tolist() == \
        [2, 2, 3, 4, 6, 6, 8, 8]
    # TF gives MaxPool3DGrad's inputs zeros (not None) and differentiates the GradGrad again
    gx, gp = tf.gradients(g, [x, p])
    assert gx.op.type == "AddN" and gp is not None
    n = len(tf.get_default_graph().get_operations())
    ggg = tf.gradients(gg, gy)
    assert ggg[0] is None
    h = tf.gradients(gg, [x])[0]
    assert h is not None
    types = {op.type for op in tf.get_default_graph().get_operations()[n:]}
    assert "MaxPool3DGrad" in types


def test_max_pool3d_random_ties_against_reference():
    x = RS.randint(0, 3, size=(2, 4, 5, 6, 8)).astype(np.float32)
    for k, s, pad in POOL_CASES:
        xt = tf.placeholder(tf.float32, x.shape)
        p = tf.nn.max_pool3d(xt, [1, *k, 1], [1, *s, 1], pad)
        gy = RS.randn(*p.shape.as_list()).astype(np.float32)
        g = tf.gradients(p, xt, grad_ys=gy)[0]
        pv, gv = run([p, g], {xt: x})
        np.testing.assert_allclose(gv, ref_max_pool3d_grad(x, pv, gy, k, s, pad), atol=1e-6)


def test_avg_pool3d_counts_only_real_cells_and_second_order():
    x = tf.reshape(tf.range(27.), [1, 3, 3, 3, 1])
    a = tf.nn.avg_pool3d(x, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "SAME")
    # observed in TF 2.21
    assert run(a).ravel().tolist() == [6.5, 8.0, 11.0, 12.5, 20.0, 21.5, 24.5, 26.0]
    xp = tf.placeholder(tf.float32, [1, 2, 2, 2, 1])
    ap = tf.nn.avg_pool3d(xp, [1, 1, 2, 2, 1], [1] * 5, "SAME")
    gy = tf.placeholder(tf.float32, [1, 2, 2, 2, 1])
    g = tf.gradients(ap, xp, grad_ys=gy)[0]
    n = len(tf.get_default_graph().get_operations())
    gx, ggy = tf.gradients(g, [xp, gy], grad_ys=tf.ones_like(g))
    assert gx is None and ggy.op.type == "AvgPool3D"
    # as TF: the shape input's gradient is a StopGradient of it
    assert {op.type for op in tf.get_default_graph().get_operations()[n:]} >= {"StopGradient",
                                                                               "AvgPool3D"}
    assert run(ggy, {xp: np.zeros((1, 2, 2, 2, 1))}).ravel().tolist() == [1.0] * 8


def test_pool3d_static_shapes_and_build_errors():
    x = tf.placeholder(tf.float32, [None, 4, None, 6, 2])
    assert tf.nn.max_pool3d(x, 2, 2, "SAME").shape.as_list() == [None, 2, None, 3, 2]
    assert tf.nn.avg_pool3d(x, [1, 3, 1, 2, 1], [1] * 5, "VALID").shape.as_list() == \
        [None, 2, None, 5, 2]
    assert tf.nn.max_pool3d(tf.placeholder(tf.float32), 2, 2, "SAME").shape.ndims == 5
    xs = tf.placeholder(tf.float32, [1, 4, 5, 6, 2])
    with pytest.raises(ValueError, match=r"subtracting 5 from 4 for 'MaxPool3D' with input "
                                         r"shapes: \[1,4,5,6,2\]"):
        tf.nn.max_pool3d(xs, [1, 5, 2, 2, 1], [1] * 5, "VALID")
    with pytest.raises(ValueError, match="subtracting 6 from 5 for 'AvgPool3D'"):
        tf.nn.avg_pool3d(xs, [1, 2, 6, 2, 1], [1] * 5, "VALID")
    assert tf.nn.max_pool3d(xs, [1, 5, 6, 7, 1], [1] * 5, "SAME").shape.as_list() == [1, 4, 5, 6, 2]
    with pytest.raises(ValueError, match="rank 5"):
        tf.nn.max_pool3d(tf.zeros([4, 5, 6, 2]), 2, 2, "SAME")
    with pytest.raises(TypeError):                       # MaxPool3D's op def has no float64
        tf.nn.max_pool3d(tf.zeros([1, 4, 5, 6, 2], tf.float64), 2, 2, "SAME")
    with pytest.raises(TypeError):
        tf.nn.max_pool3d(tf.zeros([1, 4, 5, 6, 2], tf.int32), 2, 2, "SAME")
    assert tf.nn.avg_pool3d(tf.zeros([1, 4, 5, 6, 2], tf.float64), 2, 2, "SAME").dtype == tf.float64
    with pytest.raises(ValueError, match="length 1, 3 or 5"):
        tf.nn.max_pool3d(xs, [1, 2, 2, 1], 2, "SAME")
    with pytest.raises(ValueError, match="padding"):
        tf.nn.avg_pool3d(xs, 2, 2, "FULL")
    with pytest.raises(ValueError, match="data_format"):
        tf.nn.avg_pool3d(xs, 2, 2, "SAME", data_format="NHWC")


def test_pool3d_run_time_errors_are_tensorflows():
    xv = RS.randn(1, 4, 5, 6, 2)
    x32 = tf.constant(xv.astype(np.float32))
    for y in (tf.nn.max_pool3d(x32, [1, 2, 2, 2, 2], [1] * 5, "SAME"),
              tf.nn.max_pool3d(x32, [2, 2, 2, 2, 1], [1] * 5, "SAME"),
              tf.nn.avg_pool3d(x32, [1, 2, 2, 2, 1], [2, 1, 1, 1, 1], "SAME"),
              tf.nn.avg_pool3d(x32, [1, 2, 2, 2, 2], [1] * 5, "SAME")):
        assert _run_error(y) is errors.UnimplementedError
    # no CPU kernel for these types in TF 2.21 (they pass the op's type check)
    for y in (tf.nn.max_pool3d(tf.constant(xv.astype(np.float16)), 2, 2, "SAME"),
              tf.nn.avg_pool3d(tf.constant(xv.astype(np.float16)), 2, 2, "SAME"),
              tf.nn.avg_pool3d(tf.constant(xv), 2, 2, "SAME")):
        with pytest.raises(errors.InvalidArgumentError, match="No OpKernel"):
            run(y)
    p = tf.placeholder(tf.float32, [1, None, None, None, 2])
    assert _run_error(tf.nn.avg_pool3d(p, [1, 3, 1, 1, 1], [1] * 5, "VALID"),
                      {p: np.ones((1, 1, 3, 3, 2))}) is errors.InvalidArgumentError
    # TF's MaxPool3DGradGrad runs NDHWC only
    xc = tf.placeholder(tf.float32, [1, 2, 4, 5, 6])
    m = tf.nn.max_pool3d(xc, [1, 1, 2, 2, 2], [1] * 5, "SAME", data_format="NCDHW")
    gy = tf.placeholder(tf.float32, m.shape)
    g = tf.gradients(m, xc, grad_ys=gy)[0]
    gg = tf.gradients(g, gy, grad_ys=xc)[0]
    feed = {xc: np.ones((1, 2, 4, 5, 6)), gy: np.ones((1, 2, 4, 5, 6))}
    assert run(g, feed).shape == (1, 2, 4, 5, 6)
    with pytest.raises(errors.InvalidArgumentError, match="NDHWC"):
        run(gg, feed)


def test_bfloat16_pools_run():
    x = RS.randn(1, 2, 3, 3, 2).astype(np.float32)
    xb = tf.cast(tf.constant(x), tf.bfloat16)
    m = tf.nn.max_pool3d(xb, 2, 1, "SAME")
    a = tf.nn.avg_pool3d(xb, 2, 1, "SAME")
    g = tf.gradients(tf.reduce_sum(tf.cast(m, tf.float32)) + tf.reduce_sum(tf.cast(a, tf.float32)),
                     xb)[0]
    mv, av, gv = run([m, a, g])
    assert mv.dtype == av.dtype == gv.dtype == tf.bfloat16.as_numpy_dtype
    xr = run(tf.cast(xb, tf.float32))
    np.testing.assert_array_equal(mv.astype(np.float32),
                                  ref_max_pool3d(xr, (2, 2, 2), (1, 1, 1), "SAME"))
    np.testing.assert_allclose(av.astype(np.float32), ref_avg_pool3d(xr, (2, 2, 2), (1, 1, 1),
                                                                      "SAME"), rtol=1e-2, atol=1e-2)


def test_training_a_conv3d_net_lowers_the_loss():
    tf.set_random_seed(1)
    img = tf.placeholder(tf.float32, [None, 4, 5, 6, 2])
    w1 = tf.Variable(RS.randn(2, 2, 2, 2, 3).astype(np.float32) * 0.3)
    w2 = tf.Variable(RS.randn(3, 1).astype(np.float32) * 0.3)
    h = tf.nn.relu(tf.nn.conv3d(img, w1, [1, 1, 1, 1, 1], "SAME"))
    h = tf.nn.max_pool3d(h, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "SAME")
    h = tf.nn.avg_pool3d(h, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "VALID")
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.reshape(h, [-1, 3]), w2) - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    data = RS.randn(3, 4, 5, 6, 2).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([loss, train], {img: data})[0] for _ in range(20)]
    assert losses[-1] < 0.5 * losses[0]


def test_geometry_helpers():
    geo = nn3d_ops._Geometry3D({"strides": [1, 1, 2, 3, 4], "padding": "SAME",
                                "data_format": "NCDHW", "dilations": [1, 1, 5, 6, 7],
                                "ksize": [1, 1, 2, 2, 2]})
    assert geo.strides == (2, 3, 4) and geo.dilations == (5, 6, 7) and geo.ksize == (2, 2, 2)
    assert geo.shape_ndhwc([1, 2, 3, 4, 5]) == [1, 3, 4, 5, 2]
    assert geo.shape_from_ndhwc([1, 3, 4, 5, 2]) == [1, 2, 3, 4, 5]
    assert geo.plan((7, 7, 7), (3, 3, 3), (1, 1, 1)) == [(4, 1, 1), (3, 1, 1), (2, 0, 0)]
    assert geo.plan((7, 8, 9), (4, 4, 4), (1, 1, 1)) == [(4, 1, 2), (3, 1, 1), (3, 1, 2)]
    with pytest.raises(errors.InvalidArgumentError):
        nn3d_ops._Geometry3D({"strides": [1] * 5, "padding": "VALID"}).run_plan(
            "Conv3D", (2, 2, 2), (3, 1, 1))
