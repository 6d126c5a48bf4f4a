"""Ops placed on `/device:GPU:k` run on that GPU through JAX, with the NumPy backend's results.

Skipped where JAX sees no GPU (CI has none); run on a GPU machine with
`python -m pytest tests/xla` (test_op_suite_both_backends.py also compiles the op suite for it).
"""
import numpy as np
import pytest

import varflow as tf

jax = pytest.importorskip("jax")

from varflow.xla.compiler import _gpu_devices, _Segment  # noqa: E402


@pytest.fixture(autouse=True)
def needs_a_gpu():
    """Asked when a test runs, not at collection: starting JAX's backends early would make later
    tests that fork (Ray) warn."""
    if not _gpu_devices():
        pytest.skip("JAX sees no GPU")


def jit_config():
    cfg = tf.ConfigProto()
    cfg.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    return cfg


def segments(sess):
    return [s[0] for plan in sess._plans.values() for s in plan.steps if isinstance(s[0], _Segment)]


def _platform(array) -> str:
    return next(iter(array.devices())).platform


def _train(device, cfg, build, steps=5):
    """Losses of `steps` Adam steps of `build()` placed on `device`, and the session's segments."""
    with tf.Graph().as_default():
        tf.set_random_seed(7)
        with tf.device(device):
            x, y, loss = build()
            train = tf.train.AdamOptimizer(0.01).minimize(loss)
        xv = np.random.RandomState(1).randn(*([16] + x.shape.as_list()[1:])).astype(np.float32)
        yv = np.arange(16) % 4
        with tf.Session(config=cfg) as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([loss, train], {x: xv, y: yv})[0] for _ in range(steps)]
            return losses, segments(sess)


def _mlp():
    x = tf.placeholder(tf.float32, [None, 12])
    y = tf.placeholder(tf.int64, [None])
    h = tf.layers.dense(x, 32, activation=tf.nn.relu)
    logits = tf.layers.dense(h, 4)
    return x, y, tf.losses.sparse_softmax_cross_entropy(y, logits)


def _convnet():
    x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    y = tf.placeholder(tf.int64, [None])
    h = tf.layers.conv2d(x, 8, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    logits = tf.layers.dense(tf.layers.flatten(h), 4)
    return x, y, tf.losses.sparse_softmax_cross_entropy(y, logits)


@pytest.mark.parametrize("build", [_mlp, _convnet])
def test_training_placed_on_the_gpu_runs_there_and_matches_numpy(build):
    want, _ = _train("/device:GPU:0", tf.ConfigProto(allow_soft_placement=True), build)
    got, segs = _train("/device:GPU:0", jit_config(), build)
    train = [s for s in segs if s.written_vars]
    assert train and not any(s.broken or s.error for s in segs)
    assert all(s.device is not None and s.device.platform == "gpu" for s in train)
    # the variables' new values were computed on the GPU and stay there for the next step
    kept = [var.device_array() for s in train for var in s.written_vars]
    assert kept and all(a is not None and _platform(a) == "gpu" for a in kept)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert got[-1] < got[0]


def test_an_xla_session_lists_the_gpus_jax_sees():
    with tf.Session(config=jit_config()) as sess:
        names = [d.name for d in sess.list_devices()]
    assert names[0].endswith("/device:CPU:0")
    assert names[1:] == ["/job:localhost/replica:0/task:0/device:GPU:%d" % k
                         for k in range(len(_gpu_devices()))]
    with tf.Session() as sess:                     # without XLA nothing runs on a GPU
        assert [d.device_type for d in sess.list_devices()] == ["CPU"]


def test_unplaced_ops_stay_on_the_host():
    _, segs = _train("", jit_config(), _mlp)
    assert segs and all(s.device.platform == "cpu" for s in segs)
    kept = [var.device_array() for s in segs for var in s.written_vars]
    assert kept and all(a is not None and _platform(a) == "cpu" for a in kept)


def test_cpu_and_gpu_placements_compile_as_separate_segments():
    x = tf.placeholder(tf.float32, [4, 4])
    with tf.device("/cpu:0"):
        a = tf.exp(x) * 2 + 1
        a = tf.tanh(a) - x
    with tf.device("/gpu:0"):
        b = tf.matmul(a, a) + 3
        b = tf.sigmoid(b) * a
    xv = np.random.RandomState(0).randn(4, 4).astype(np.float32)
    with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as sess:
        want = sess.run(b, {x: xv})
    with tf.Session(config=jit_config()) as sess:
        got = sess.run(b, {x: xv})
        devices = sorted(s.device.platform for s in segments(sess))
    assert devices == ["cpu", "gpu"]
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
