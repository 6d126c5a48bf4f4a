"""The chunked, multi-threaded convolution kernels in varflow.ops.nn_ops: every chunking and threading
path against float64 NumPy references, deterministic filter gradients, BLAS threads restored."""
import numpy as np
import pytest

import varflow as tf
from varflow.ops import nn_ops

RS = np.random.RandomState(1)


@pytest.fixture(params=["serial", "threaded"])
def mode(request, monkeypatch):
    """Tiny chunks (so rows and images split unevenly), run serially or on the thread pool."""
    monkeypatch.setattr(nn_ops, "_CHUNK_BYTES", 3000)
    monkeypatch.setattr(nn_ops, "_PARALLEL_MIN_BYTES", 1 << 40 if request.param == "serial" else 0)
    return request.param


def windows64(x, kh, kw, strides, dil, pads):
    """(N, Ho, Wo, kh, kw, C) float64 windows of the padded input."""
    xp = np.pad(x.astype(np.float64), ((0, 0), pads[0], pads[1], (0, 0)))
    ho = (xp.shape[1] - (kh - 1) * dil[0] - 1) // strides[0] + 1
    wo = (xp.shape[2] - (kw - 1) * dil[1] - 1) // strides[1] + 1
    idx_h = np.arange(ho)[:, None] * strides[0] + np.arange(kh)[None] * dil[0]
    idx_w = np.arange(wo)[:, None] * strides[1] + np.arange(kw)[None] * dil[1]
    return xp[:, idx_h[:, None, :, None], idx_w[None, :, None, :], :]


def geometry(strides, padding, dil, pads):
    attrs = {"strides": [1, strides[0], strides[1], 1], "padding": padding,
             "dilations": [1, dil[0], dil[1], 1]}
    if padding == "EXPLICIT":
        attrs["explicit_paddings"] = [0, 0, pads[0][0], pads[0][1], pads[1][0], pads[1][1], 0, 0]
    return nn_ops._Geometry(attrs)


CASES = [  # (x shape, filter shape, strides, padding, dilations, explicit pads)
    ((3, 9, 11, 4), (5, 5, 4, 6), (1, 1), "SAME", (1, 1), None),
    ((2, 10, 7, 1), (5, 3, 1, 8), (1, 1), "VALID", (1, 1), None),
    ((2, 9, 9, 3), (3, 3, 3, 5), (2, 1), "SAME", (1, 1), None),
    ((2, 12, 10, 2), (3, 2, 2, 4), (1, 1), "SAME", (2, 3), None),
    ((5, 4, 4, 2), (3, 3, 2, 3), (1, 1), "EXPLICIT", (1, 1), ((1, 2), (0, 1))),
]


@pytest.mark.parametrize("xs,fs,strides,padding,dil,pads", CASES)
def test_kernels_match_float64_reference(mode, xs, fs, strides, padding, dil, pads):
    x = RS.standard_normal(xs).astype(np.float32)
    w = RS.standard_normal(fs).astype(np.float32)
    geo = geometry(strides, padding, dil, pads)
    (ho, pt, pb), (wo, pl, pr) = geo.plan(xs[1], xs[2], fs[0], fs[1])
    win = windows64(x, fs[0], fs[1], strides, dil, ((pt, pb), (pl, pr)))
    out = nn_ops._conv_fwd(x, w, geo)
    assert out.dtype == np.float32 and out.shape == (xs[0], ho, wo, fs[3])
    np.testing.assert_allclose(out, np.einsum("nhwijc,ijco->nhwo", win, w), rtol=1e-4, atol=1e-4)

    g = RS.standard_normal(out.shape).astype(np.float32)
    dw = nn_ops._conv_bwd_filter(x, fs, g, geo)
    assert dw.dtype == np.float32
    np.testing.assert_allclose(dw, np.einsum("nhwijc,nhwo->ijco", win, g), rtol=1e-4, atol=1e-3)

    # input gradient: the adjoint of the forward, <conv(x), g> == <x, conv_bwd_input(g)>
    dx = nn_ops._conv_bwd_input(xs, w, g)(geo)
    assert dx.shape == xs and dx.dtype == np.float32
    lhs = np.sum(np.einsum("nhwijc,ijco->nhwo", win, w) * g)
    np.testing.assert_allclose(np.sum(x.astype(np.float64) * dx), lhs, rtol=1e-4)
    y = RS.standard_normal(xs).astype(np.float32)
    win_y = windows64(y, fs[0], fs[1], strides, dil, ((pt, pb), (pl, pr)))
    np.testing.assert_allclose(np.sum(y.astype(np.float64) * dx),
                               np.sum(np.einsum("nhwijc,ijco->nhwo", win_y, w) * g), rtol=1e-4, atol=1e-3)


def test_threaded_equals_serial_and_filter_gradient_is_deterministic(monkeypatch):
    x = RS.standard_normal((4, 16, 16, 8)).astype(np.float32)
    w = RS.standard_normal((5, 5, 8, 16)).astype(np.float32)
    g = RS.standard_normal((4, 16, 16, 16)).astype(np.float32)
    geo = geometry((1, 1), "SAME", (1, 1), None)
    monkeypatch.setattr(nn_ops, "_CHUNK_BYTES", 20000)
    results = []
    for threshold in (1 << 40, 0, 0):
        monkeypatch.setattr(nn_ops, "_PARALLEL_MIN_BYTES", threshold)
        results.append((nn_ops._conv_fwd(x, w, geo), nn_ops._conv_bwd_filter(x, w.shape, g, geo),
                        nn_ops._conv_bwd_input(x.shape, w, g)(geo)))
    for a, b in zip(results[0], results[1]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-4)
    for a, b in zip(results[1], results[2]):
        np.testing.assert_array_equal(a, b)


def test_blas_threads_restored_and_task_errors_propagate(monkeypatch):
    monkeypatch.setattr(nn_ops, "_PARALLEL_MIN_BYTES", 0)
    blas = nn_ops._BLAS
    seen = []
    blas.run(list(range(20)), seen.append, 1)
    assert sorted(seen) == list(range(20))
    before = blas.funcs[0]() if blas.funcs else None

    def fail(task):
        if task == 7:
            raise ValueError("task 7")
    with pytest.raises(ValueError, match="task 7"):
        blas.run(list(range(20)), fail, 1)
    assert blas.active == 0
    if blas.funcs:
        assert blas.funcs[0]() == before


def test_conv2d_training_step_through_session(monkeypatch):
    """End to end: a two-layer conv net's forward and gradients on the threaded path match serial."""
    monkeypatch.setattr(nn_ops, "_CHUNK_BYTES", 50000)
    images = RS.standard_normal((6, 20, 20, 1)).astype(np.float32)
    w1 = RS.standard_normal((5, 5, 1, 8)).astype(np.float32)
    w2 = RS.standard_normal((5, 5, 8, 8)).astype(np.float32)
    got = []
    for threshold in (1 << 40, 0):
        monkeypatch.setattr(nn_ops, "_PARALLEL_MIN_BYTES", threshold)
        with tf.Graph().as_default():
            x = tf.constant(images)
            a, b = tf.constant(w1), tf.constant(w2)
            h = tf.nn.relu(tf.nn.conv2d(x, a, [1, 1, 1, 1], "SAME"))
            out = tf.nn.conv2d(h, b, [1, 1, 1, 1], "SAME")
            loss = tf.reduce_mean(tf.square(out))
            with tf.Session() as sess:
                got.append(sess.run([out] + tf.gradients(loss, [a, b, x])))
    for s, t in zip(*got):
        np.testing.assert_allclose(s, t, rtol=1e-5, atol=1e-5)
