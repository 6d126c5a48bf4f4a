"""tf.nn ops: values against NumPy references (or numbers observed in TF 2.21), static shapes,
errors, and float64 finite-difference gradient checks for every differentiable op."""
import numpy as np
import pytest

import varflow as tf
from varflow.testing.gradient_checker import assert_gradients_match

RS = np.random.RandomState(0)


def run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed)


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


# --- references ------------------------------------------------------------------------------
def ref_conv(x, w, strides=(1, 1), pads=((0, 0), (0, 0)), dil=(1, 1)):
    """Naive NHWC (grouped) convolution, one output pixel at a time."""
    n, h, wd, c = x.shape
    kh, kw, cg, o = w.shape
    groups, og = c // cg, o // (c // cg)
    xp = np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)))
    ho = (xp.shape[1] - (kh - 1) * dil[0] - 1) // strides[0] + 1
    wo = (xp.shape[2] - (kw - 1) * dil[1] - 1) // strides[1] + 1
    out = np.zeros((n, ho, wo, o))
    for i in range(ho):
        for j in range(wo):
            patch = xp[:, i * strides[0]:i * strides[0] + (kh - 1) * dil[0] + 1:dil[0],
                       j * strides[1]:j * strides[1] + (kw - 1) * dil[1] + 1:dil[1], :]
            for g in range(groups):
                out[:, i, j, g * og:(g + 1) * og] = np.tensordot(
                    patch[..., g * cg:(g + 1) * cg], w[..., g * og:(g + 1) * og], axes=3)
    return out


def ref_pool(x, k, s, pads, fn, fill):
    xp = np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)), constant_values=fill)
    ho = (xp.shape[1] - k[0]) // s[0] + 1
    wo = (xp.shape[2] - k[1]) // s[1] + 1
    out = np.zeros((x.shape[0], ho, wo, x.shape[3]))
    for i in range(ho):
        for j in range(wo):
            out[:, i, j, :] = fn(xp[:, i * s[0]:i * s[0] + k[0], j * s[1]:j * s[1] + k[1], :])
    return out


# --- activations -------------------------------------------------------------------------------
ACTIVATIONS = {
    "relu": (tf.nn.relu, lambda x: np.maximum(x, 0)),
    "relu6": (tf.nn.relu6, lambda x: np.clip(x, 0, 6)),
    "elu": (tf.nn.elu, lambda x: np.where(x > 0, x, np.expm1(x))),
    "selu": (tf.nn.selu, lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x))),
    "softplus": (tf.nn.softplus, lambda x: np.log1p(np.exp(x))),
    "softsign": (tf.nn.softsign, lambda x: x / (1 + np.abs(x))),
    "leaky_relu": (lambda x: tf.nn.leaky_relu(x, alpha=0.3), lambda x: np.where(x > 0, x, 0.3 * x)),
    "swish": (tf.nn.swish, lambda x: x / (1 + np.exp(-x))),
}
X_ACT = np.array([-7.0, -2.5, -0.7, 0.3, 1.2, 5.5, 6.6])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_values_and_gradients(name):
    fn, ref = ACTIVATIONS[name]
    y = run(fn(tf.constant(X_ACT.astype(np.float32))))
    assert y.dtype == np.float32
    np.testing.assert_allclose(y, ref(X_ACT), rtol=1e-5, atol=1e-6)
    assert_gradients_match(fn, [X_ACT])


@pytest.mark.parametrize("name", ["elu", "selu", "softplus", "softsign"])
def test_activation_second_order(name):
    fn = ACTIVATIONS[name][0]
    assert_gradients_match(lambda x: tf.gradients(tf.reduce_sum(fn(x) * x), x)[0], [X_ACT])


def test_activation_extremes_and_names():
    x = tf.constant([-1000.0, 0.0, 1000.0])
    np.testing.assert_allclose(run(tf.nn.softplus(x)), [0, np.log(2), 1000], rtol=1e-6)
    assert tf.nn.relu(x).op.type == "Relu" and tf.nn.relu(x).op.name == "Relu_1"
    assert run(tf.nn.relu(tf.constant([-2, 3]))).tolist() == [0, 3]
    with pytest.raises(TypeError):
        tf.nn.elu(tf.constant([1, 2]))


def test_crelu():
    x = np.array([[1.0, -2.0]])
    np.testing.assert_allclose(run(tf.nn.crelu(tf.constant(x))), [[1, 0, 0, 2]])
    assert_gradients_match(tf.nn.crelu, [np.array([[0.5, -1.5, 2.0]])])


# --- softmax -------------------------------------------------------------------------------------
def np_softmax(x, axis=-1):
    e = np.exp(x - x.max(axis, keepdims=True))
    return e / e.sum(axis, keepdims=True)


def test_softmax_axis_dim_and_gradients():
    x = RS.randn(2, 3, 4)
    np.testing.assert_allclose(run(tf.nn.softmax(tf.constant(x))), np_softmax(x), rtol=1e-10)
    np.testing.assert_allclose(run(tf.nn.softmax(tf.constant(x), dim=1)), np_softmax(x, 1), rtol=1e-10)
    np.testing.assert_allclose(run(tf.nn.log_softmax(tf.constant(x), axis=0)),
                               np.log(np_softmax(x, 0)), rtol=1e-10)
    big = run(tf.nn.softmax(tf.constant([1000.0, 0.0, -1000.0])))
    assert big.tolist() == [1.0, 0.0, 0.0]
    with pytest.raises(ValueError):
        tf.nn.softmax(tf.constant([1.0]), axis=0, dim=0)
    for axis in (-1, 1):
        assert_gradients_match(lambda t, axis=axis: tf.nn.softmax(t, axis=axis), [x[:, :2, :3]])
        assert_gradients_match(lambda t, axis=axis: tf.nn.log_softmax(t, axis=axis), [x[:, :2, :3]])


# --- bias_add ------------------------------------------------------------------------------------
def test_bias_add():
    x, b = RS.randn(2, 3, 2, 4), RS.randn(4)
    np.testing.assert_allclose(run(tf.nn.bias_add(x, b)), x + b)
    xc, b3 = RS.randn(2, 3, 2, 2), RS.randn(3)
    np.testing.assert_allclose(run(tf.nn.bias_add(xc, b3, data_format="NCHW")),
                               xc + b3[:, None, None])
    with pytest.raises(ValueError):
        tf.nn.bias_add(tf.zeros([3, 4]), tf.zeros([3]))
    assert_gradients_match(tf.nn.bias_add, [x[:, :2, :1], b])
    assert_gradients_match(lambda a, c: tf.nn.bias_add(a, c, data_format="NCHW"), [xc[:1], b3])
    # gradient of the bias gradient (BiasAddGrad's own gradient)
    assert_gradients_match(lambda a, c: tf.gradients(tf.reduce_sum(tf.nn.bias_add(a, c) ** 2), c)[0],
                           [x[:1, :1], b])


def test_xw_plus_b():
    x, w, b = RS.randn(2, 3), RS.randn(3, 4), RS.randn(4)
    np.testing.assert_allclose(run(tf.nn.xw_plus_b(x, w, b)), x @ w + b)


# --- conv2d --------------------------------------------------------------------------------------
CONV_CASES = [
    # strides, padding, dilations, expected NHWC pads for a 5x6 input and 3x2 kernel
    ([1, 1, 1, 1], "SAME", [1, 1, 1, 1], ((1, 1), (0, 1))),
    ([1, 2, 2, 1], "SAME", [1, 1, 1, 1], ((1, 1), (0, 0))),
    ([1, 2, 1, 1], "VALID", [1, 1, 1, 1], ((0, 0), (0, 0))),
    ([1, 1, 1, 1], "SAME", [1, 2, 2, 1], ((2, 2), (1, 1))),
    ([1, 1, 2, 1], [[0, 0], [2, 1], [0, 3], [0, 0]], [1, 1, 1, 1], ((2, 1), (0, 3))),
]


@pytest.mark.parametrize("strides,padding,dil,pads", CONV_CASES)
def test_conv2d_values(strides, padding, dil, pads):
    x, w = RS.randn(2, 5, 6, 3), RS.randn(3, 2, 3, 4)
    y = tf.nn.conv2d(x, w, strides=strides, padding=padding, dilations=dil)
    expected = ref_conv(x, w, (strides[1], strides[2]), pads, (dil[1], dil[2]))
    assert y.shape.as_list() == list(expected.shape)
    np.testing.assert_allclose(run(y), expected, rtol=1e-10)


def test_conv2d_even_kernel_same_pads_after():
    probe = tf.nn.conv2d(tf.constant(np.arange(9, dtype=np.float32).reshape(1, 3, 3, 1)),
                         tf.ones([2, 2, 1, 1]), strides=[1, 1, 1, 1], padding="SAME")
    # observed in TF 2.21 (conformance case 161)
    assert run(probe)[0, :, :, 0].tolist() == [[8, 12, 7], [20, 24, 13], [13, 15, 8]]


@pytest.mark.parametrize("strides,padding,dil,pads", CONV_CASES)
def test_conv2d_gradients(strides, padding, dil, pads):
    x, w = RS.randn(1, 5, 4, 2), RS.randn(3, 2, 2, 2)
    assert_gradients_match(
        lambda a, b: tf.nn.conv2d(a, b, strides=strides, padding=padding, dilations=dil), [x, w])


def test_conv2d_nchw_equals_nhwc_and_gradients():
    x, w = RS.randn(1, 2, 5, 5), RS.randn(3, 3, 2, 3)
    y = tf.nn.conv2d(x, w, strides=[1, 1, 2, 2], padding="SAME", data_format="NCHW")
    assert y.shape.as_list() == [1, 3, 3, 3]
    ref = ref_conv(x.transpose(0, 2, 3, 1), w, (2, 2), ((1, 1), (1, 1))).transpose(0, 3, 1, 2)
    np.testing.assert_allclose(run(y), ref, rtol=1e-10)
    assert_gradients_match(lambda a, b: tf.nn.conv2d(a, b, [1, 1, 2, 2], "SAME", data_format="NCHW"),
                           [x[:, :, :4, :4], w[:2]])


def test_grouped_conv_seed_kernel_shape():
    # TF accepts a [5,5,1,32] kernel on a 32-channel input as a grouped conv (conformance 015)
    x = RS.randn(1, 6, 6, 4)
    w = RS.randn(3, 3, 2, 6)
    y = tf.nn.conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME")
    assert y.shape.as_list() == [1, 6, 6, 6]
    np.testing.assert_allclose(run(y), ref_conv(x, w, pads=((1, 1), (1, 1))), rtol=1e-10)
    shape = tf.nn.conv2d(tf.zeros([1, 10, 10, 32]), tf.zeros([5, 5, 1, 32]), [1, 1, 1, 1], "SAME").shape
    assert shape.as_list() == [1, 10, 10, 32]
    with pytest.raises(ValueError):
        tf.nn.conv2d(tf.zeros([1, 4, 4, 3]), tf.zeros([3, 3, 2, 2]), [1, 1, 1, 1], "SAME")
    assert_gradients_match(lambda a, b: tf.nn.conv2d(a, b, [1, 1, 1, 1], "SAME"),
                           [x[:, :3, :3], w[:2, :2]])


def test_conv2d_second_order():
    x, w = RS.randn(1, 3, 3, 2), RS.randn(2, 2, 2, 1)

    def grad_x(a, b):
        y = tf.nn.conv2d(a, b, [1, 1, 1, 1], "SAME")
        return tf.gradients(tf.reduce_sum(y * y), a)[0]
    assert_gradients_match(grad_x, [x, w])


def test_conv2d_static_shapes_and_errors():
    x = tf.placeholder(tf.float32, [None, 7, 6, 2])
    y = tf.nn.conv2d(x, tf.zeros([2, 3, 2, 3]), strides=[1, 3, 2, 1], padding="VALID")
    assert y.shape.as_list() == [None, 2, 2, 3]
    assert tf.nn.conv2d(x, tf.zeros([2, 3, 2, 3]), strides=2, padding="SAME").shape.as_list() == \
        [None, 4, 3, 3]
    with pytest.raises(ValueError):
        tf.nn.conv2d(tf.zeros([4, 4, 2]), tf.zeros([2, 2, 2, 2]), [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError):
        tf.nn.conv2d(x, tf.zeros([2, 2, 2, 2]), [1, 1, 1, 1], "FULL")


def test_conv2d_transpose_and_backprop_ops():
    x, w = RS.randn(2, 3, 3, 4), RS.randn(3, 3, 2, 4)       # filter [h, w, out, in]
    y = tf.nn.conv2d_transpose(x, w, output_shape=[2, 6, 6, 2], strides=[1, 2, 2, 1], padding="SAME")
    assert y.shape.as_list() == [2, 6, 6, 2]
    # the transpose is the adjoint of conv2d: <conv(u), x> == <u, conv_transpose(x)>
    u = RS.randn(2, 6, 6, 2)
    conv_u = run(tf.nn.conv2d(u, w, [1, 2, 2, 1], "SAME"))
    np.testing.assert_allclose(np.sum(conv_u * x), np.sum(u * run(y)), rtol=1e-10)
    assert_gradients_match(
        lambda a, b: tf.nn.conv2d_transpose(a, b, [1, 5, 5, 2], [1, 2, 2, 1], "SAME"),
        [x[:1, :, :, :2], w[:2, :2, :, :2]])
    gi = tf.nn.conv2d_backprop_input([2, 6, 6, 2], w, x, [1, 2, 2, 1], "SAME")
    np.testing.assert_allclose(run(gi), run(y), rtol=1e-12)
    gf = tf.nn.conv2d_backprop_filter(u, [3, 3, 2, 4], x, [1, 2, 2, 1], "SAME")
    uw = tf.constant(u)
    wt = tf.constant(w)
    ref = tf.gradients(tf.reduce_sum(tf.nn.conv2d(uw, wt, [1, 2, 2, 1], "SAME") * x), wt)[0]
    np.testing.assert_allclose(run(gf), run(ref), rtol=1e-10)


def test_conv1d_and_atrous():
    x, w = RS.randn(2, 7, 3), RS.randn(3, 3, 2)
    y = tf.nn.conv1d(x, w, stride=2, padding="VALID")
    ref = ref_conv(x[:, None], w[None], (1, 2))[:, 0]
    np.testing.assert_allclose(run(y), ref, rtol=1e-10)
    x4, w4 = RS.randn(1, 7, 7, 2), RS.randn(3, 3, 2, 2)
    np.testing.assert_allclose(run(tf.nn.atrous_conv2d(x4, w4, rate=2, padding="SAME")),
                               ref_conv(x4, w4, pads=((2, 2), (2, 2)), dil=(2, 2)), rtol=1e-10)


# --- depthwise and separable ----------------------------------------------------------------------
def ref_depthwise(x, w, strides=(1, 1), pads=((0, 0), (0, 0)), dil=(1, 1)):
    kh, kw, c, m = w.shape
    return ref_conv(x, w.reshape(kh, kw, 1, c * m), strides, pads, dil)


def test_depthwise_values_and_gradients():
    x, w = RS.randn(1, 5, 5, 3), RS.randn(3, 3, 3, 2)
    y = tf.nn.depthwise_conv2d(x, w, strides=[1, 2, 2, 1], padding="VALID")
    assert y.shape.as_list() == [1, 2, 2, 6]
    out = run(y)
    np.testing.assert_allclose(out, ref_depthwise(x, w, (2, 2)), rtol=1e-10)
    # output channel c * multiplier + m is input channel c with filter[:, :, c, m]
    np.testing.assert_allclose(out[0, 0, 0, 3], np.sum(x[0, :3, :3, 1] * w[:, :, 1, 1]))
    yr = tf.nn.depthwise_conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME", rate=[2, 2])
    np.testing.assert_allclose(run(yr), ref_depthwise(x, w, pads=((2, 2), (2, 2)), dil=(2, 2)),
                               rtol=1e-10)
    assert_gradients_match(lambda a, b: tf.nn.depthwise_conv2d(a, b, [1, 1, 1, 1], "SAME"),
                           [x[:, :3, :3, :2], w[:2, :2, :2]])
    assert_gradients_match(lambda a, b: tf.nn.depthwise_conv2d(a, b, [1, 2, 2, 1], "SAME", rate=None),
                           [x[:, :4, :4, :2], w[:2, :2, :2]])


def test_separable_values_and_gradients():
    x, dw, pw = RS.randn(1, 4, 4, 2), RS.randn(3, 3, 2, 2), RS.randn(1, 1, 4, 3)
    y = tf.nn.separable_conv2d(x, dw, pw, strides=[1, 2, 2, 1], padding="SAME")
    assert y.shape.as_list() == [1, 2, 2, 3]
    ref = ref_conv(ref_depthwise(x, dw, (2, 2), ((0, 1), (0, 1))), pw)
    np.testing.assert_allclose(run(y), ref, rtol=1e-10)
    assert_gradients_match(lambda a, b, c: tf.nn.separable_conv2d(a, b, c, [1, 1, 1, 1], "SAME"),
                           [x[:, :3, :3], dw[:2, :2], pw])


# --- pooling ---------------------------------------------------------------------------------------
POOL_CASES = [(2, 2, "SAME", 5), (3, 2, "SAME", 6), (3, 2, "VALID", 5), (3, 1, "SAME", 4),
              (2, 1, "VALID", 4)]


def _same_pads(size, k, s):
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return (total // 2, total - total // 2)


@pytest.mark.parametrize("k,s,pad,size", POOL_CASES)
def test_pool_values(k, s, pad, size):
    x = -np.abs(RS.randn(2, size, size, 3)) - 0.5
    pads = ((0, 0), (0, 0)) if pad == "VALID" else (_same_pads(size, k, s),) * 2
    ymax = tf.nn.max_pool(x, ksize=[1, k, k, 1], strides=[1, s, s, 1], padding=pad)
    expected = ref_pool(x, (k, k), (s, s), pads, lambda w: w.max((1, 2)), -np.inf)
    assert ymax.shape.as_list() == list(expected.shape)
    np.testing.assert_allclose(run(ymax), expected)
    yavg = tf.nn.avg_pool(x, ksize=[1, k, k, 1], strides=[1, s, s, 1], padding=pad)
    sums = ref_pool(x, (k, k), (s, s), pads, lambda w: w.sum((1, 2)), 0)
    counts = ref_pool(np.ones_like(x), (k, k), (s, s), pads, lambda w: w.sum((1, 2)), 0)
    np.testing.assert_allclose(run(yavg), sums / counts, rtol=1e-12)


@pytest.mark.parametrize("k,s,pad,size", POOL_CASES)
def test_pool_gradients(k, s, pad, size):
    x = RS.permutation(size * size * 2).reshape(1, size, size, 2) / 7.0   # no ties
    assert_gradients_match(lambda a: tf.nn.max_pool(a, [1, k, k, 1], [1, s, s, 1], pad), [x])
    assert_gradients_match(lambda a: tf.nn.avg_pool(a, [1, k, k, 1], [1, s, s, 1], pad), [x])


def test_max_pool_gradient_ties_go_to_first_and_overlaps_add():
    # gradients observed in TF 2.21 for 2x2 VALID stride-1 windows on 3x3 images
    cases = [([[1, 1, 0], [1, 1, 0], [0, 0, 0]], [[1, 1, 0], [1, 1, 0], [0, 0, 0]]),
             ([[0, 0, 0], [0, 5, 0], [0, 0, 0]], [[0, 0, 0], [0, 4, 0], [0, 0, 0]]),
             ([[1, 2, 2], [2, 2, 1], [0, 2, 0]], [[0, 2, 0], [1, 1, 0], [0, 0, 0]])]
    for image, expected in cases:
        x = tf.constant(np.array(image, np.float32).reshape(1, 3, 3, 1))
        y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], "VALID")
        assert run(tf.gradients(tf.reduce_sum(y), x)[0])[0, :, :, 0].tolist() == expected


def test_max_pool_second_order_and_avg_ones():
    x = RS.permutation(16).reshape(1, 4, 4, 1) / 3.0

    def grad_of(a):
        y = tf.nn.max_pool(a, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
        return tf.gradients(tf.reduce_sum(y * y), a)[0]
    assert_gradients_match(grad_of, [x])
    ones = run(tf.nn.avg_pool(tf.ones([1, 3, 3, 1]), [1, 2, 2, 1], [1, 2, 2, 1], "SAME"))
    assert np.all(ones == 1)


def test_pool_nchw_and_aliases():
    x = RS.randn(1, 2, 5, 5)
    y = tf.nn.max_pool(x, [1, 1, 3, 3], [1, 1, 2, 2], "SAME", data_format="NCHW")
    ref = run(tf.nn.max_pool2d(x.transpose(0, 2, 3, 1), 3, 2, "SAME")).transpose(0, 3, 1, 2)
    np.testing.assert_allclose(run(y), ref)
    a = tf.nn.avg_pool2d(x, [1, 1, 2, 2], [1, 1, 2, 2], "VALID", data_format="NCHW")
    assert a.shape.as_list() == [1, 2, 2, 2]
    assert_gradients_match(lambda t: tf.nn.avg_pool(t, [1, 1, 2, 2], [1, 1, 1, 1], "SAME",
                                                    data_format="NCHW"), [x[:, :, :3, :3]])


# --- dropout ----------------------------------------------------------------------------------------
def test_dropout_scales_kept_and_is_seeded():
    x = np.ones((200, 50), np.float32)
    y = tf.nn.dropout(tf.constant(x), keep_prob=0.25, seed=3)
    with tf.Session() as sess:
        a, b = sess.run(y), sess.run(y)
    assert set(np.unique(a)) <= {0.0, 4.0}
    assert abs((a > 0).mean() - 0.25) < 0.02
    assert not np.array_equal(a, b)                      # each run draws a new mask
    with tf.Session() as sess:
        assert np.array_equal(sess.run(y), a)            # a new session restarts the sequence
    r = tf.nn.dropout(tf.constant(x), rate=0.5, noise_shape=[200, 1])
    v = run(r)
    assert np.all((v == 0).all(1) | (v == 2).all(1))
    assert r.shape.as_list() == [200, 50]


def test_dropout_deterministic_settings_and_errors():
    x = RS.randn(3, 4).astype(np.float32)
    assert tf.nn.dropout(tf.constant(x), rate=0.0).op.type == "Const"
    ph = tf.placeholder(tf.float32, [])
    np.testing.assert_array_equal(run(tf.nn.dropout(tf.constant(x), keep_prob=ph), {ph: 1.0}), x)
    for kw in ({"rate": 1.0}, {"keep_prob": 0.0}, {"rate": 0.5, "keep_prob": 0.5}):
        with pytest.raises(ValueError):
            tf.nn.dropout(tf.constant(x), **kw)
    with pytest.raises(ValueError):
        tf.nn.dropout(tf.constant([1, 2]), rate=0.5)


def test_dropout_gradient_uses_same_mask():
    x = tf.constant(np.ones((30, 30), np.float32))
    y = tf.nn.dropout(x, rate=0.5, seed=1)
    g = tf.gradients(tf.reduce_sum(y), x)[0]
    with tf.Session() as sess:
        yv, gv = sess.run([y, g])
    np.testing.assert_array_equal(yv, gv)


# --- norms, moments, batch norm -------------------------------------------------------------------
def test_l2_loss_and_normalize():
    x = RS.randn(3, 4)
    np.testing.assert_allclose(run(tf.nn.l2_loss(x)), np.sum(x * x) / 2)
    assert tf.nn.l2_loss(x).shape.as_list() == []
    assert_gradients_match(tf.nn.l2_loss, [x])
    np.testing.assert_allclose(run(tf.nn.l2_normalize(x, axis=1)),
                               x / np.linalg.norm(x, axis=1, keepdims=True))
    np.testing.assert_allclose(run(tf.nn.l2_normalize(x, dim=0)),
                               x / np.linalg.norm(x, axis=0, keepdims=True))
    assert_gradients_match(lambda t: tf.nn.l2_normalize(t, 1), [x])


def test_moments_and_batch_normalization():
    x = RS.randn(2, 3, 3, 2) * 2 + 1
    mean, var = tf.nn.moments(tf.constant(x), axes=[0, 1, 2])
    mkd, vkd = tf.nn.moments(tf.constant(x), axes=[0, 1, 2], keep_dims=True)
    assert mean.shape.as_list() == [2] and mkd.shape.as_list() == [1, 1, 1, 2]
    assert tf.nn.moments(tf.constant(x), [1], keepdims=True)[0].shape.as_list() == [2, 1, 3, 2]
    m, v = run([mean, var])
    np.testing.assert_allclose(m, x.mean((0, 1, 2)))
    np.testing.assert_allclose(v, x.var((0, 1, 2)))
    off, sc = np.array([0.5, -0.5]), np.array([2.0, 0.5])
    y = tf.nn.batch_normalization(tf.constant(x), mean, var, off, sc, 1e-3)
    np.testing.assert_allclose(run(y), (x - m) * sc / np.sqrt(v + 1e-3) + off, rtol=1e-10)

    def bn(t, o, s):
        mu, sig = tf.nn.moments(t, [0, 1, 2])
        return tf.nn.batch_normalization(t, mu, sig, o, s, 1e-3)
    assert_gradients_match(bn, [x[:, :2, :2], off, sc])
    assert_gradients_match(lambda t: tf.nn.moments(t, [0])[1], [x[:, 0, 0]])


def test_fused_batch_norm():
    x = RS.randn(2, 3, 3, 2)
    sc, off = np.array([1.0, 2.0]), np.array([0.5, 0.0])
    y, m, v = tf.nn.fused_batch_norm(x, sc, off, epsilon=0.001)
    yv, mv, vv = run([y, m, v])
    np.testing.assert_allclose(mv, x.mean((0, 1, 2)))
    np.testing.assert_allclose(vv, x.var((0, 1, 2)) * 18 / 17)   # Bessel-corrected, as TF
    np.testing.assert_allclose(yv, (x - mv) / np.sqrt(x.var((0, 1, 2)) + 1e-3) * sc + off, rtol=1e-8)
    yi, mi, vi = tf.nn.fused_batch_norm(x, sc, off, mean=[0.1, 0.2], variance=[1.0, 2.0],
                                        epsilon=0.0, is_training=False)
    np.testing.assert_allclose(run(yi), (x - [0.1, 0.2]) / np.sqrt([1.0, 2.0]) * sc + off, rtol=1e-6)


# --- cross entropies -------------------------------------------------------------------------------
def test_softmax_xent_v2_values_and_gradients():
    logits = np.array([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]])
    labels = np.array([[0.2, 0.3, 0.5], [0.0, 0.0, 1.0]])
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    np.testing.assert_allclose(run(loss), [1300.0, -np.log(np_softmax(logits[1])[2])], rtol=1e-10)
    assert loss.shape.as_list() == [2]
    rl, rb = RS.randn(3, 4), np.abs(RS.randn(3, 4))
    assert_gradients_match(lambda a, b: tf.nn.softmax_cross_entropy_with_logits_v2(labels=b, logits=a),
                           [rl, rb / rb.sum(1, keepdims=True)])
    assert_gradients_match(
        lambda a, b: tf.nn.softmax_cross_entropy_with_logits_v2(labels=b, logits=a, axis=0),
        [rl, rb / rb.sum(0, keepdims=True)])
    l3 = RS.randn(2, 2, 3)
    lab3 = np_softmax(RS.randn(2, 2, 3))
    out = tf.nn.softmax_cross_entropy_with_logits_v2(labels=lab3, logits=l3)
    assert out.shape.as_list() == [2, 2]
    np.testing.assert_allclose(run(out), -np.sum(lab3 * np.log(np_softmax(l3)), -1), rtol=1e-10)
    # second order: the Hessian through the backprop output
    assert_gradients_match(lambda a: tf.gradients(tf.reduce_sum(
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=lab3[0], logits=a)), a)[0] ** 2, [rl[:2, :3]])


def test_softmax_xent_v1_stops_label_gradient():
    logits, labels = tf.constant(RS.randn(2, 3)), tf.constant(np_softmax(RS.randn(2, 3)))
    with pytest.raises(ValueError):
        tf.nn.softmax_cross_entropy_with_logits(labels, logits)
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    g_logits, g_labels = tf.gradients(tf.reduce_sum(loss), [logits, labels])
    assert g_labels is None
    np.testing.assert_allclose(run(g_logits), run(tf.nn.softmax(logits) - labels), rtol=1e-10)


def test_sparse_softmax_xent():
    logits = RS.randn(4, 3)
    labels = np.array([0, 2, 1, 0])
    for dt in (tf.int32, tf.int64):
        loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(labels, dt),
                                                              logits=logits)
        np.testing.assert_allclose(run(loss), -np.log(np_softmax(logits))[np.arange(4), labels])
    assert_gradients_match(
        lambda a: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=a), [logits])
    l3 = RS.randn(2, 3, 4)
    loss3 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[[0, 1, 3], [2, 2, 0]], logits=l3)
    assert loss3.shape.as_list() == [2, 3]
    assert_gradients_match(
        lambda a: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[[0, 1, 3], [2, 2, 0]],
                                                                 logits=a), [l3])
    with pytest.raises(ValueError):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[[0], [1]], logits=[[1.0, 2.0], [3.0, 4.0]])
    bad = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 3], logits=[[1.0, 2, 3], [1, 2, 3]])
    with pytest.raises(tf.errors.InvalidArgumentError, match="valid range"):
        run(bad)


def test_sigmoid_and_weighted_xent():
    x = np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0, 2.5])
    z = np.array([0.0, 1.0, 0.5, 0.0, 0.0, 0.3])
    loss = run(tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x))
    ref = np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x)))
    np.testing.assert_allclose(loss, ref, rtol=1e-12)
    assert loss[-2] == 1000.0
    xs, zs = x[1:4], z[1:4] + 0.1
    assert_gradients_match(lambda a, b: tf.nn.sigmoid_cross_entropy_with_logits(labels=b, logits=a),
                           [xs + 0.01, zs])
    wl = run(tf.nn.weighted_cross_entropy_with_logits(labels=z, logits=x, pos_weight=2.0))
    sig_log = -np.log1p(np.exp(-x[1:4]))
    np.testing.assert_allclose(wl[1:4], -(2 * z[1:4] * sig_log + (1 - z[1:4]) * (-x[1:4] + sig_log)),
                               rtol=1e-10)
    assert_gradients_match(
        lambda a, b: tf.nn.weighted_cross_entropy_with_logits(labels=b, logits=a, pos_weight=3.0),
        [xs + 0.01, zs])


def test_log_poisson_loss_and_zero_fraction():
    t, li = np.array([0.0, 0.5, 2.0, 4.0]), np.array([0.1, -0.2, 0.3, 1.0])
    base = np.exp(li) - li * t
    np.testing.assert_allclose(run(tf.nn.log_poisson_loss(t, li)), base)
    stirling = t * np.log(np.where(t > 0, t, 1)) - t + 0.5 * np.log(2 * np.pi * np.where(t > 0, t, 1))
    full = base + np.where((t >= 0) & (t <= 1), 0, stirling)
    np.testing.assert_allclose(run(tf.nn.log_poisson_loss(t, li, compute_full_loss=True)), full)
    assert_gradients_match(lambda a: tf.nn.log_poisson_loss(t, a), [li])
    zf = tf.nn.zero_fraction(tf.constant([[0, 1], [0, 0]]))
    assert zf.dtype == tf.float32 and run(zf) == 0.75


# --- embedding lookup, top_k, in_top_k ----------------------------------------------------------------
def test_embedding_lookup_mod_div_and_gradients():
    shards_np = [RS.randn(n, 2) for n in (4, 3, 3)]
    shards = [tf.constant(s) for s in shards_np]
    full_mod = np.zeros((10, 2))
    for i in range(10):
        full_mod[i] = shards_np[i % 3][i // 3]
    full_div = np.concatenate(shards_np)
    ids = np.array([[0, 4, 9], [9, 5, 1]])
    e_mod = tf.nn.embedding_lookup(shards, ids)
    e_div = tf.nn.embedding_lookup(shards, ids, partition_strategy="div")
    assert e_mod.shape.as_list() == [2, 3, 2]
    np.testing.assert_allclose(run(e_mod), full_mod[ids])
    np.testing.assert_allclose(run(e_div), full_div[ids])
    grads = tf.gradients(tf.reduce_sum(e_mod * 2.0), shards)
    assert all(isinstance(g, tf.IndexedSlices) for g in grads)
    dense = run([tf.convert_to_tensor(g) for g in grads])
    assert dense[0][3].tolist() == [4.0, 4.0]     # id 9 twice -> shard 0 row 3
    assert dense[0][2].tolist() == [0.0, 0.0]

    single = RS.randn(5, 3) * 2
    e = tf.nn.embedding_lookup(tf.constant(single), [4, 0, 4], max_norm=1.0)
    norms = np.linalg.norm(single, axis=1, keepdims=True)
    np.testing.assert_allclose(run(e), (single / np.maximum(norms, 1.0))[[4, 0, 4]], rtol=1e-10)
    g = tf.gradients(tf.reduce_sum(tf.nn.embedding_lookup(tf.constant(single), [4, 0, 4])),
                     tf.constant(0.0))
    assert g == [None]


def test_top_k_and_in_top_k():
    x = np.array([[1.0, 3.0, 3.0, 2.0], [5.0, 4.0, 6.0, 0.0]])
    values, indices = tf.nn.top_k(x, k=2)
    res = tf.nn.top_k(x, 3)
    assert res.values.shape.as_list() == [2, 3] and res.indices.dtype == tf.int32
    v, i = run([values, indices])
    assert v.tolist() == [[3, 3], [6, 5]] and i.tolist() == [[1, 2], [2, 0]]
    with pytest.raises(ValueError):
        tf.nn.top_k(x, 5)
    assert_gradients_match(lambda a: tf.nn.top_k(a, 2).values, [RS.randn(3, 4)])
    assert_gradients_match(lambda a: tf.gradients(tf.reduce_sum(tf.nn.top_k(a, 2).values ** 3), a)[0],
                           [RS.randn(2, 3)])
    preds = np.array([[0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.2, 0.3]], np.float32)
    r = run(tf.nn.in_top_k(preds, [1, 0, 1], 1))
    assert r.tolist() == [True, False, False]
    assert run(tf.nn.in_top_k(preds, [2, 1, 2], 2)).tolist() == [True, True, True]


def test_max_pool_nan_and_minus_inf_never_win_as_in_tensorflow():
    # observed in TF 2.21: each window starts at the lowest finite value and takes x > best, so
    # NaN and -inf never win, and a window without a winner sends its gradient to its first element
    lowest = float(np.finfo(np.float32).min)
    cases = [([[1, np.nan], [np.nan, 5]], 5.0, [[0, 0], [0, 1]]),
             ([[1, 7], [np.nan, 5]], 7.0, [[0, 1], [0, 0]]),
             ([[np.nan, np.nan], [np.nan, np.nan]], lowest, [[1, 0], [0, 0]]),
             ([[np.nan, 1], [2, 2]], 2.0, [[0, 0], [1, 0]]),
             ([[-np.inf, np.nan], [np.nan, np.nan]], lowest, [[1, 0], [0, 0]])]
    for image, value, grad in cases:
        x = tf.constant(np.array(image, np.float32).reshape(1, 2, 2, 1))
        y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
        got_y, got_g = run([y, tf.gradients(tf.reduce_sum(y), x)[0]])
        assert got_y.ravel().tolist() == [value]
        assert got_g[0, :, :, 0].tolist() == grad
    image = np.full((1, 3, 3, 1), -5.0, np.float32)
    image[0, 2, 2, 0] = np.nan                    # the last SAME window holds only this NaN
    x = tf.constant(image)
    y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
    got_y, got_g = run([y, tf.gradients(tf.reduce_sum(y), x)[0]])
    assert got_y.ravel().tolist() == [-5.0, -5.0, -5.0, lowest]
    assert got_g[0, :, :, 0].tolist() == [[1, 0, 1], [0, 0, 0], [1, 0, 1]]
