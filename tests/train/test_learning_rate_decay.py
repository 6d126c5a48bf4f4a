"""Learning-rate schedules against NumPy and values observed in TF 2.21."""
import math

import numpy as np
import pytest

import varflow as tf
from varflow.train import learning_rate_decay as lrd

STEPS = [0, 3, 6, 9, 12, 21, 30, 42]


def _values(t, step):
    with tf.Session() as sess:
        return np.array([sess.run(t, {step: s}) for s in STEPS])


@pytest.fixture
def step():
    return tf.placeholder(tf.int64, [])


def test_exponential_decay(step):
    smooth = lrd.exponential_decay(0.1, step, 7, 0.9)
    stair = lrd.exponential_decay(0.1, step, 7, 0.9, staircase=True)
    assert smooth.op.name == "ExponentialDecay" and smooth.dtype == tf.float32
    s = np.array(STEPS, np.float64)
    np.testing.assert_allclose(_values(smooth, step), 0.1 * 0.9 ** (s / 7), rtol=1e-6)
    np.testing.assert_allclose(_values(stair, step), 0.1 * 0.9 ** np.floor(s / 7), rtol=1e-6)


def test_natural_exp_and_inverse_time(step):
    s = np.array(STEPS, np.float64)
    np.testing.assert_allclose(_values(lrd.natural_exp_decay(0.1, step, 7, 0.5), step),
                               0.1 * np.exp(-0.5 * s / 7), rtol=1e-6)
    np.testing.assert_allclose(_values(lrd.inverse_time_decay(0.1, step, 7, 0.5, staircase=True),
                                       step), 0.1 / (1 + 0.5 * np.floor(s / 7)), rtol=1e-6)


def test_polynomial_decay(step):
    s = np.array(STEPS, np.float64)
    capped = np.minimum(s, 20)
    np.testing.assert_allclose(_values(lrd.polynomial_decay(0.1, step, 20, 0.01, power=2.0), step),
                               (0.1 - 0.01) * (1 - capped / 20) ** 2 + 0.01, rtol=1e-6)
    cyc = _values(lrd.polynomial_decay(0.1, step, 20, 0.01, power=0.5, cycle=True), step)
    steps = 20 * np.where(s == 0, 1, np.ceil(s / 20))
    np.testing.assert_allclose(cyc, (0.1 - 0.01) * (1 - s / steps) ** 0.5 + 0.01, rtol=1e-6)


def test_piecewise_constant(step):
    t = lrd.piecewise_constant(step, [np.int64(5), np.int64(12)], [1.0, 0.5, 0.1])
    # observed in TF 2.21 for steps 0, 3, 6, 9, 12, 21, 30, 42
    np.testing.assert_allclose(_values(t, step), [1.0, 1.0, 0.5, 0.5, 0.5, 0.1, 0.1, 0.1])
    with pytest.raises(ValueError, match="1 less"):
        lrd.piecewise_constant(step, [1, 2], [1.0, 2.0])


def test_cosine_decays(step):
    s = np.array(STEPS, np.float64)
    frac = np.minimum(s, 30) / 30
    np.testing.assert_allclose(_values(lrd.cosine_decay(0.1, step, 30, alpha=0.1), step),
                               0.1 * (0.9 * 0.5 * (1 + np.cos(math.pi * frac)) + 0.1),
                               rtol=1e-5, atol=1e-7)
    # SGDR with t_mul=2, m_mul=0.8, alpha=0.05; observed in TF 2.21 at steps 0 and 6
    sgdr = _values(lrd.cosine_decay_restarts(0.1, step, 5, t_mul=2.0, m_mul=0.8, alpha=0.05), step)
    np.testing.assert_allclose(sgdr[0], 0.1, rtol=1e-6)
    np.testing.assert_allclose(sgdr[2], 0.1 * (0.95 * 0.8 * 0.5 * (1 + math.cos(math.pi * 0.1)) + 0.05),
                               rtol=1e-5)


def test_global_step_required():
    with pytest.raises(ValueError, match="global_step is required"):
        lrd.exponential_decay(0.1, None, 10, 0.9)


def test_decayed_rate_drives_optimizer():
    from varflow.train.optimizers import GradientDescentOptimizer

    w = tf.get_variable("w", [], initializer=tf.constant_initializer(0.0))
    gs = tf.train.get_or_create_global_step()
    lr = lrd.exponential_decay(1.0, gs, 1, 0.5, staircase=True)
    train = GradientDescentOptimizer(lr).minimize(-w, global_step=gs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        assert sess.run(w) == pytest.approx(1.0 + 0.5 + 0.25)
