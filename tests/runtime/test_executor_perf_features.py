"""Behaviour of the executor's speed features: shared plan templates, chunked convolutions, lazy imports."""

import numpy as np

import varflow as tf
from varflow.ops import nn_ops
from varflow.runtime import executor


def test_sessions_sharing_a_plan_template_keep_separate_values():
    with tf.Graph().as_default():
        v = tf.Variable(1.0)
        inc = v.assign_add(1.0)
        s1, s2 = tf.Session(), tf.Session()
        s1.run(v.initializer)
        s2.run(v.initializer)
        s1.run(inc)
        s1.run(inc)
        assert s1.run(v) == 3.0
        assert s2.run(inc) == 2.0
        assert s1.run(v) == 3.0
        s1.close()
        s2.close()


def test_template_rebuilt_when_control_inputs_are_added():
    with tf.Graph().as_default() as g:
        v = tf.Variable(0.0)
        x = tf.identity(tf.constant(1.0))
        with tf.Session() as sess:
            sess.run(v.initializer)
            assert sess.run(x) == 1.0
            x.op._add_control_input(v.assign_add(5.0).op)
            with tf.Session() as sess2:
                sess2.run(v.initializer)
                sess2.run(x)
                assert sess2.run(v) == 5.0
        assert g in executor._TEMPLATES


def test_fetched_value_never_changes_after_more_steps():
    with tf.Graph().as_default():
        v = tf.Variable(np.zeros(3, np.float32))
        inc = tf.assign_add(v, np.ones(3, np.float32))
        with tf.Session() as sess:
            sess.run(v.initializer)
            first = sess.run(v)
            sess.run(inc)
            assert first.tolist() == [0.0, 0.0, 0.0]
            assert sess.run(v).tolist() == [1.0, 1.0, 1.0]


def _reference_conv(x, w, pads):
    """Direct loop convolution (stride 1) of NHWC x with HWIO w, padded by ((top, bottom), (left, right))."""
    xp = np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)))
    kh, kw = w.shape[:2]
    ho, wo = xp.shape[1] - kh + 1, xp.shape[2] - kw + 1
    out = np.zeros((x.shape[0], ho, wo, w.shape[3]))
    for i in range(kh):
        for j in range(kw):
            out += xp[:, i:i + ho, j:j + wo, :] @ w[i, j]
    return out


def test_chunked_conv_kernels_match_direct_convolution(monkeypatch):
    monkeypatch.setattr(nn_ops, "_CHUNK_BYTES", 200)   # force many small chunks
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 6, 5, 2))
    w = rng.standard_normal((3, 3, 2, 4))
    geo = nn_ops._Geometry({"strides": [1, 1, 1, 1], "padding": "SAME"})
    y = nn_ops._conv_fwd(x, w, geo)
    np.testing.assert_allclose(y, _reference_conv(x, w, ((1, 1), (1, 1))), rtol=1e-10)
    g = rng.standard_normal(y.shape)
    # the input gradient is the full correlation of g with the flipped, transposed filter
    dx = nn_ops._conv_bwd_input(x.shape, w, g)(geo)
    wt = w[::-1, ::-1].transpose(0, 1, 3, 2)
    np.testing.assert_allclose(dx, _reference_conv(g, wt, ((1, 1), (1, 1))), rtol=1e-10)
    dw = nn_ops._conv_bwd_filter(x, w.shape, g, geo)
    xp = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    ref = np.stack([np.stack([np.einsum("nhwc,nhwo->co", xp[:, i:i + 6, j:j + 5], g)
                              for j in range(3)]) for i in range(3)])
    np.testing.assert_allclose(dw, ref, rtol=1e-10)


def test_conv_keeps_float32():
    x = np.ones((1, 4, 4, 3), np.float32)
    w = np.ones((2, 2, 3, 2), np.float32)
    geo = nn_ops._Geometry({"strides": [1, 1, 1, 1], "padding": "VALID"})
    assert nn_ops._conv_fwd(x, w, geo).dtype == np.float32
    g = np.ones((1, 3, 3, 2), np.float32)
    assert nn_ops._conv_bwd_input(x.shape, w, g)(geo).dtype == np.float32
    assert nn_ops._conv_bwd_filter(x, w.shape, g, geo).dtype == np.float32


def test_lazy_namespaces_load_on_first_use(prints_ok):
    code = ("import sys, varflow as tf\n"
            "assert 'varflow.train' not in sys.modules and 'varflow.checkpoint.bundle' not in sys.modules\n"
            "assert 'train' in dir(tf) and 'Summary' in dir(tf)\n"
            "assert tf.train.Saver.__name__ == 'Saver' and tf.logging.INFO == 20\n"
            "from varflow.checkpoint import BundleReader, latest_checkpoint\n"
            "from varflow.framework import registry\n"
            "assert 'ApplyGradientDescent' in registry.registered_types()\n"
            "print('ok')\n")
    prints_ok(code)


def test_registry_loads_lazy_op_modules_for_unknown_types(prints_ok):
    code = ("import sys, varflow as tf\n"
            "from varflow.framework import registry\n"
            "assert registry.get('ScalarSummary').type == 'ScalarSummary'\n"
            "assert 'varflow.summary' in sys.modules\n"
            "print('ok')\n")
    prints_ok(code)
