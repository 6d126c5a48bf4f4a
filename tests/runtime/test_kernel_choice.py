"""A plan that runs oneDNN convolutions runs its MatMuls through oneDNN's GEMM too (one thread
pool per step); other plans keep NumPy's."""
import functools

import numpy as np
import pytest

import varflow as tf
from varflow.ops import onednn
from varflow.runtime import kernel_choice

needs_onednn = pytest.mark.skipif(not onednn.available(), reason="onednn-cpu-gomp not installed")


def _matmul_kernels(sess):
    plan = max(sess._plans.values(), key=lambda p: len(p.steps))
    cells = plan._run_program.__closure__ or ()
    kernels = [c.cell_contents for c in cells]
    return [k for k in kernels if isinstance(k, functools.partial)
            and k.func is kernel_choice._onednn_matmul]


def _model(with_conv: bool):
    x = tf.placeholder(tf.float32, [4, 8, 8, 2])
    h = x
    if with_conv:
        h = tf.nn.relu(tf.nn.conv2d(h, tf.get_variable("f", [3, 3, 2, 4]), [1, 1, 1, 1], "SAME"))
    h = tf.reshape(h, [4, -1])
    w = tf.get_variable("w", [h.shape[1].value, 3])
    loss = tf.reduce_sum(tf.square(tf.matmul(h, w)))
    return x, loss, tf.train.GradientDescentOptimizer(0.01).minimize(loss)


def _train_once(feed_value):
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        x, loss, train = _model(with_conv=True)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train, {x: feed_value})
            return sess.run(loss, {x: feed_value}), len(_matmul_kernels(sess))


@needs_onednn
def test_plan_with_convolutions_runs_its_matmuls_through_onednn():
    feed_value = np.random.default_rng(0).standard_normal((4, 8, 8, 2), dtype=np.float32)
    loss, n_onednn = _train_once(feed_value)
    assert n_onednn == 3                   # the product and its two gradients
    saved = onednn._STATE["dnn"]
    onednn._STATE["dnn"] = None            # the same step on NumPy's kernels
    try:
        numpy_loss, n_numpy = _train_once(feed_value)
    finally:
        onednn._STATE["dnn"] = saved
    assert n_numpy == 0
    np.testing.assert_allclose(loss, numpy_loss, rtol=1e-4)


def test_plan_without_convolutions_keeps_numpy_matmul():
    x, loss, train = _model(with_conv=False)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {x: np.ones((4, 8, 8, 2), np.float32)})
        assert _matmul_kernels(sess) == []


@needs_onednn
def test_onednn_matmul_kernel_falls_back_to_numpy_for_other_dtypes():
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    np.testing.assert_array_equal(kernel_choice._onednn_matmul(a, a, transpose_b=True), a @ a.T)
    f = np.ones((2, 3), np.float32)
    np.testing.assert_allclose(kernel_choice._onednn_matmul(f, f, transpose_a=True), f.T @ f)


@needs_onednn
def test_adam_in_a_plan_with_convolutions_updates_through_onednn(monkeypatch):
    from varflow.ops import onednn_adam
    calls = []
    real = onednn_adam.adam_in_place

    def counting(*args, **kwargs):
        calls.append(real(*args, **kwargs))
        return calls[-1]
    monkeypatch.setattr(onednn_adam, "adam_in_place", counting)
    x = tf.placeholder(tf.float32, [2, 8, 8, 1])
    h = tf.nn.conv2d(x, tf.get_variable("f", [3, 3, 1, 2]), [1, 1, 1, 1], "SAME")
    w = tf.get_variable("w", [128, onednn_adam.MIN_SIZE // 128])     # large enough for oneDNN
    loss = tf.reduce_sum(tf.square(tf.matmul(tf.reshape(h, [1, 256])[:, :128], w)))
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    feed = {x: np.random.default_rng(0).standard_normal((2, 8, 8, 1), dtype=np.float32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        before = sess.run(loss, feed)
        for _ in range(3):
            sess.run(train, feed)
        after = sess.run(loss, feed)
    assert calls.count(True) == 3 and calls.count(False) == 3     # w on oneDNN, f (small) on NumPy
    assert after < before
