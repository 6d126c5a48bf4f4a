"""The XLA lowerings of the 3-D convolution and pooling ops give the NumPy kernels' results, are
really compiled (no segment falls back), and refuse what TF's CPU kernels refuse."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors

pytest.importorskip("jax")

from varflow.xla import compiler  # noqa: E402
from varflow.xla.compiler import _Segment  # noqa: E402
from varflow.xla.lowering import LOWERINGS  # noqa: E402

OPS_3D = {"Conv3D", "Conv3DBackpropInputV2", "Conv3DBackpropFilterV2", "MaxPool3D",
          "MaxPool3DGrad", "MaxPool3DGradGrad", "AvgPool3D", "AvgPool3DGrad"}
RS = np.random.RandomState(0)


@pytest.fixture(autouse=True)
def lower_everything(monkeypatch):
    monkeypatch.setattr(compiler, "NUMPY_FASTER_ON_CPU", frozenset())
    monkeypatch.setattr(compiler, "MIN_CLUSTER_SIZE", 1)


def jit_config():
    cfg = tf.ConfigProto()
    cfg.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    return cfg


def lowered_types(sess) -> set:
    segs = [s[0] for plan in sess._plans.values() for s in plan.steps if isinstance(s[0], _Segment)]
    assert segs and not any(s.broken for s in segs)
    return {st[4].type for seg in segs for st in seg.steps}


def compare(fetches, feed):
    with tf.Session() as sess:
        want = sess.run(fetches, feed)
    with tf.Session(config=jit_config()) as sess:
        got = sess.run(fetches, feed)
        types = lowered_types(sess)
    for w, g in zip(want, got):
        assert w.dtype == g.dtype and w.shape == g.shape
        np.testing.assert_allclose(g, w, rtol=2e-5, atol=2e-5)
    return types


def test_every_3d_op_has_a_lowering():
    assert OPS_3D <= set(LOWERINGS)


@pytest.mark.parametrize("fmt", ["NDHWC", "NCDHW"])
def test_conv3d_and_pools_compile_and_agree(fmt):
    xv = RS.randn(2, 5, 6, 7, 3).astype(np.float32)
    if fmt == "NCDHW":
        xv = np.ascontiguousarray(xv.transpose(0, 4, 1, 2, 3))
    fv = RS.randn(2, 3, 2, 3, 4).astype(np.float32)
    x, f = tf.placeholder(tf.float32, xv.shape), tf.placeholder(tf.float32, fv.shape)
    s = [1, 1, 2, 1, 1] if fmt == "NDHWC" else [1, 1, 1, 2, 1]
    k = [1, 2, 2, 2, 1] if fmt == "NDHWC" else [1, 1, 2, 2, 2]
    y = tf.nn.conv3d(x, f, s, "SAME", data_format=fmt)
    m = tf.nn.max_pool3d(y, k, k, "SAME", data_format=fmt)
    a = tf.nn.avg_pool3d(tf.nn.relu(y), k, s, "VALID", data_format=fmt)
    loss = tf.reduce_sum(m * m) + tf.reduce_sum(a * a)
    grads = tf.gradients(loss, [x, f])
    types = compare([y, m, a] + grads, {x: xv, f: fv})
    assert types >= {"Conv3D", "Conv3DBackpropInputV2", "Conv3DBackpropFilterV2", "MaxPool3D",
                     "MaxPool3DGrad", "AvgPool3D", "AvgPool3DGrad"}


def test_max_pool3d_ties_nan_and_second_order_compile_and_agree():
    xv = RS.randint(0, 3, size=(2, 4, 5, 6, 3)).astype(np.float32)
    xv[0, 0, 0, :2] = np.nan
    xv[1, :2, :2, :2] = -np.inf
    x = tf.placeholder(tf.float32, xv.shape)
    p = tf.nn.max_pool3d(x, [1, 2, 3, 2, 1], [1, 1, 2, 1, 1], "SAME")
    gy = tf.placeholder(tf.float32, p.shape)
    g = tf.gradients(p, x, grad_ys=gy)[0]
    gg = tf.gradients(g, gy, grad_ys=x * 0 + 1.5)[0]
    gyv = RS.randn(*p.shape.as_list()).astype(np.float32)
    types = compare([p, g, gg], {x: xv, gy: gyv})
    assert types >= {"MaxPool3D", "MaxPool3DGrad", "MaxPool3DGradGrad"}


def test_conv3d_transpose_compiles_and_agrees():
    vv, fv = RS.randn(2, 3, 4, 5, 3).astype(np.float32), RS.randn(2, 2, 3, 4, 3).astype(np.float32)
    v, f = tf.placeholder(tf.float32, vv.shape), tf.placeholder(tf.float32, fv.shape)
    t = tf.nn.conv3d_transpose(v, f, [2, 6, 8, 10, 4], 2, "SAME")
    grads = tf.gradients(tf.reduce_sum(t * t), [v, f])
    assert "Conv3DBackpropInputV2" in compare([t] + grads, {v: vv, f: fv})


def test_what_the_cpu_kernels_refuse_falls_back_and_raises():
    grouped = tf.nn.conv3d(RS.randn(1, 3, 3, 3, 4).astype(np.float32),
                           RS.randn(2, 2, 2, 2, 6).astype(np.float32), [1] * 5, "VALID")
    batch_stride = tf.nn.conv3d(RS.randn(2, 3, 3, 3, 2).astype(np.float32),
                                RS.randn(2, 2, 2, 2, 6).astype(np.float32), [2, 1, 1, 1, 1], "VALID")
    depth_pool = tf.nn.max_pool3d(RS.randn(1, 4, 4, 4, 2).astype(np.float32), [1, 2, 2, 2, 2],
                                  [1] * 5, "SAME")
    avg64 = tf.nn.avg_pool3d(RS.randn(1, 4, 4, 4, 2), 2, 2, "SAME")
    with tf.Session(config=jit_config()) as sess:
        for y, cls in ((grouped, errors.InvalidArgumentError),
                       (batch_stride, errors.UnimplementedError),
                       (depth_pool, errors.UnimplementedError),
                       (avg64, errors.InvalidArgumentError)):
            with pytest.raises(cls):
                sess.run(y * 2.0)
