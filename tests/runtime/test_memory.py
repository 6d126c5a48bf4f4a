"""A training step's transient memory is close to weights + activations: plans drop each value after
its last reader, and optimizer updates of unshared variables run in place."""
import tracemalloc

import numpy as np

import varflow as tf


def _step_peak_bytes(optimizer) -> tuple[int, int, int]:
    rng = np.random.default_rng(0)
    batch, sizes = 64, [256, 384, 384, 10]
    x = tf.placeholder(tf.float32, [batch, sizes[0]])
    y = tf.placeholder(tf.float32, [batch, sizes[-1]])
    h = x
    for n in sizes[1:]:
        w = tf.Variable(rng.normal(0, 0.05, (h.shape[1].value, n)).astype(np.float32))
        b = tf.Variable(np.zeros(n, np.float32))
        h = tf.matmul(h, w) + b
        if n != sizes[-1]:
            h = tf.nn.relu(h)
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=h))
    train = optimizer.minimize(loss)
    feed = {x: rng.normal(size=(batch, sizes[0])).astype(np.float32),
            y: np.eye(sizes[-1], dtype=np.float32)[rng.integers(0, sizes[-1], batch)]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, feed)
        tracemalloc.start()
        try:
            sess.run(train, feed)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    weights = sum(int(np.prod(v.shape.as_list())) * 4 for v in tf.trainable_variables())
    activations = batch * (sizes[0] + 2 * sum(sizes[1:-1]) + 2 * sizes[-1]) * 4
    return peak, weights, activations


def test_sgd_step_needs_about_gradients_plus_activations():
    peak, weights, activations = _step_peak_bytes(tf.train.GradientDescentOptimizer(0.1))
    assert peak <= 1.3 * (weights + activations), (peak, weights, activations)


def test_adam_step_updates_in_place():
    peak, weights, activations = _step_peak_bytes(tf.train.AdamOptimizer(1e-3))
    # gradients + activations + the largest variable's update temporaries, not 3 fresh copies of
    # every variable and its two slots
    assert peak <= 1.3 * (weights + activations) + 2 * 384 * 384 * 4, (peak, weights, activations)
