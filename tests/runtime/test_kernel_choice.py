"""With oneDNN installed, a plan that runs convolutions runs its float32 MatMuls and dense Adam /
gradient-descent updates on oneDNN too (one CPU thread pool per step); results agree with NumPy's
kernels; plans without convolutions keep NumPy's."""
import functools

import numpy as np
import pytest

import varflow as tf
from varflow.ops import onednn, onednn_updates
from varflow.runtime import kernel_choice

needs_onednn = pytest.mark.skipif(not onednn.available(), reason="onednn-cpu-gomp not installed")


@pytest.fixture
def numpy_kernels():
    """oneDNN switched off in this process for the test's duration."""
    saved = onednn._STATE.get("dnn")
    onednn._STATE["dnn"] = None
    yield
    onednn._STATE["dnn"] = saved


def _chosen_kernels(sess):
    plan = max(sess._plans.values(), key=lambda p: len(p.steps))
    kernels = [c.cell_contents for c in plan._run_program.__closure__ or ()]
    return [k for k in kernels if isinstance(k, functools.partial)
            and (k.func is kernel_choice._onednn_matmul or getattr(k.func, "onednn", False))]


def _train(dtype, optimizer, steps=2, conv=True):
    """Loss after `steps` updates of a 64x512 -> 128 linear model (plus a small convolution), and
    the oneDNN kernels chosen."""
    rng = np.random.default_rng(0)
    feed_value = rng.standard_normal((64, 512)).astype(dtype)
    with tf.Graph().as_default():
        x = tf.placeholder(dtype, [64, 512])
        w = tf.get_variable("w", [512, 128], dtype=dtype,
                            initializer=tf.constant_initializer(rng.standard_normal((512, 128)) / 20))
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
        if conv:
            f = tf.get_variable("f", [3, 3, 8, 2], dtype=dtype, initializer=tf.constant_initializer(
                rng.standard_normal((3, 3, 8, 2)) / 10))
            image = tf.reshape(x[:8, :128], [8, 4, 4, 8])
            loss += 0.01 * tf.reduce_mean(tf.square(tf.nn.conv2d(image, f, [1, 1, 1, 1], "SAME")))
        train = optimizer.minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(steps):
                sess.run(train, {x: feed_value})
            return sess.run(loss, {x: feed_value}), _chosen_kernels(sess)


def _count_calls(monkeypatch, name):
    calls = []
    real = getattr(onednn_updates, name)

    def counting(*args, **kwargs):
        calls.append(real(*args, **kwargs))
        return calls[-1]
    monkeypatch.setattr(onednn_updates, name, counting)
    return calls


@needs_onednn
@pytest.mark.parametrize("make_optimizer,update", [
    (lambda: tf.train.GradientDescentOptimizer(0.1), "gradient_descent_in_place"),
    (lambda: tf.train.AdamOptimizer(0.01), "adam_in_place")])
def test_products_and_updates_run_on_onednn_and_agree_with_numpy(monkeypatch, make_optimizer,
                                                                  update):
    calls = _count_calls(monkeypatch, update)
    loss, chosen = _train(np.float32, make_optimizer())
    assert len(chosen) == 4             # the product, its weight gradient, the two variables' updates
    assert calls.count(True) == 2       # w (65,536 elements) updated by oneDNN at each step; the
    assert calls.count(False) == 2      # filter is too small and keeps the NumPy rule
    saved = onednn._STATE["dnn"]
    onednn._STATE["dnn"] = None
    try:
        numpy_loss, numpy_chosen = _train(np.float32, make_optimizer())
    finally:
        onednn._STATE["dnn"] = saved
    assert numpy_chosen == []
    np.testing.assert_allclose(loss, numpy_loss, rtol=1e-5)


@needs_onednn
def test_float64_plans_keep_numpy_kernels():
    _loss, chosen = _train(np.float64, tf.train.GradientDescentOptimizer(0.1))
    assert chosen == []


def test_without_onednn_plans_keep_numpy_kernels(numpy_kernels):
    _loss, chosen = _train(np.float32, tf.train.AdamOptimizer(0.01))
    assert chosen == []


def test_plans_without_convolutions_keep_numpy_kernels_and_do_not_load_onednn(prints_ok):
    prints_ok("import numpy as np, varflow as tf\n"
              "from varflow.ops import onednn\n"
              "x = tf.placeholder(tf.float32, [64, 512])\n"
              "w = tf.get_variable('w', [512, 128])\n"
              "train = tf.train.AdamOptimizer(0.01).minimize(tf.reduce_sum(tf.matmul(x, w)))\n"
              "with tf.Session() as sess:\n"
              "    sess.run(tf.global_variables_initializer())\n"
              "    sess.run(train, {x: np.ones((64, 512), np.float32)})\n"
              "assert 'dnn' not in onednn._STATE\n"
              "print('ok')\n")


@needs_onednn
def test_small_and_non_float32_products_stay_on_numpy(monkeypatch):
    def refuse(*args):
        raise AssertionError("oneDNN called for a small product")
    monkeypatch.setattr(onednn, "matmul", refuse)
    f = np.ones((8, 16), np.float32)
    np.testing.assert_allclose(kernel_choice._onednn_matmul(f, f, transpose_b=True), f @ f.T)
    a = np.arange(6, dtype=np.int32).reshape(2, 3)
    np.testing.assert_array_equal(kernel_choice._onednn_matmul(a, a, transpose_b=True), a @ a.T)


@needs_onednn
def test_large_products_go_to_onednn(monkeypatch):
    seen = []
    real = onednn.matmul
    monkeypatch.setattr(onednn, "matmul", lambda *args: seen.append(1) or real(*args))
    a = np.random.default_rng(1).standard_normal((64, 64), dtype=np.float32)
    np.testing.assert_allclose(kernel_choice._onednn_matmul(a, a, transpose_a=True), a.T @ a,
                               rtol=1e-4, atol=1e-4)
    assert seen == [1]
