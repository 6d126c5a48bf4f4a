"""Optimizer updates through oneDNN (`ops/onednn_updates.py`) are TF's arithmetic bit for bit: the
same float32 values as the NumPy rules, special values included, or they decline."""
import numpy as np
import pytest

from varflow.ops import onednn, onednn_updates
from varflow.train.training_ops import _adam_in_place, _gradient_descent_in_place

pytestmark = pytest.mark.skipif(not onednn.available(), reason="onednn-cpu-gomp not installed")

N = onednn_updates.MIN_SIZE + 123


def _state(rng, n=N):
    var, m, grad = (rng.standard_normal(n).astype(np.float32) for _ in range(3))
    v = np.abs(rng.standard_normal(n)).astype(np.float32)
    grad[:6] = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-30]
    m[6:9] = [-0.0, np.nan, 3e38]
    v[9:12] = [0.0, -0.0, np.inf]
    var[12:14] = [-0.0, np.inf]
    return var, m, v, grad


def _hyper(step, lr=1e-3):
    f = np.float32
    return dict(beta1_power=np.asarray(f(0.9) ** step), beta2_power=np.asarray(f(0.999) ** step),
                lr=np.asarray(f(lr)), beta1=np.asarray(f(0.9)), beta2=np.asarray(f(0.999)),
                epsilon=np.asarray(f(1e-7)))


def test_bit_identical_to_the_numpy_rule_over_several_steps():
    rng = np.random.default_rng(0)
    var, m, v, _ = _state(rng)
    mine = [var.copy(), m.copy(), v.copy()]
    for step in range(1, 4):
        grad = _state(rng)[3]
        hyper = _hyper(step, lr=1e-3 / step)       # a changing learning rate, no rebuild needed
        with np.errstate(all="ignore"):
            _adam_in_place(var, m, v, grad=grad, **hyper)
            assert onednn_updates.adam_in_place(*mine, grad=grad, **hyper)
        for want, got in zip((var, m, v), mine):
            np.testing.assert_array_equal(got.view(np.int32), want.view(np.int32))


def test_updates_multidimensional_variables_in_place():
    rng = np.random.default_rng(1)
    var, m, v, grad = (a.reshape(-1, 7)[5:10005].copy() for a in _state(rng, 7 * 10010))
    ref = [a.copy() for a in (var, m, v)]
    with np.errstate(all="ignore"):
        _adam_in_place(*ref, grad=grad, **_hyper(1))
        assert onednn_updates.adam_in_place(var, m, v, grad=grad, **_hyper(1))
    for want, got in zip(ref, (var, m, v)):
        np.testing.assert_array_equal(got.view(np.int32), want.view(np.int32))


def test_declines_what_it_does_not_compute():
    rng = np.random.default_rng(2)
    var, m, v, grad = _state(rng)
    small = [a[:100].copy() for a in (var, m, v, grad)]
    assert not onednn_updates.adam_in_place(*small[:3], grad=small[3], **_hyper(1))
    wide = [a.astype(np.float64) for a in (var, m, v, grad)]
    assert not onednn_updates.adam_in_place(*wide[:3], grad=wide[3], **_hyper(1))
    strided = [np.repeat(a, 2)[::2] for a in (var, m, v, grad)]
    assert not onednn_updates.adam_in_place(*strided[:3], grad=strided[3], **_hyper(1))
    before = var.copy()
    assert not onednn_updates.adam_in_place(var, m, v, grad=grad, use_nesterov=True, **_hyper(1))
    np.testing.assert_array_equal(var, before)


def test_gradient_descent_bit_identical_to_the_numpy_rule():
    rng = np.random.default_rng(3)
    var, _, _, delta = _state(rng)
    mine = var.copy()
    for alpha in (np.float32(0.1), np.float32(-3e-5), np.float32(np.inf)):
        with np.errstate(all="ignore"):
            _gradient_descent_in_place(var, np.asarray(alpha), delta)
            assert onednn_updates.gradient_descent_in_place(mine, np.asarray(alpha), delta)
        np.testing.assert_array_equal(mine.view(np.int32), var.view(np.int32))
    small = var[:10].copy()
    assert not onednn_updates.gradient_descent_in_place(small, np.float32(1), small)
    assert not onednn_updates.gradient_descent_in_place(var.astype(np.float64), 1.0,
                                                         delta.astype(np.float64))
