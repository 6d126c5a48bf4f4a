"""In-place optimizer updates: bit-identical to the allocating rules, used only when no one else
holds the variable's value, and never changing an array a user fetched."""
import numpy as np
import pytest

import varflow as tf
from varflow.train import training_ops as ops

_SCALARS = {"alpha": 0.1, "lr": 0.01, "momentum": 0.9, "beta1_power": 0.9 ** 3,
            "beta2_power": 0.999 ** 3, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7, "rho": 0.95}


_VARIANTS = [(f, kw) for f in ops._FAMILIES if f.in_place is not None
             for kw in ([{}, {"use_nesterov": True}] if "use_nesterov" in f.bool_attrs else [{}])]


@pytest.mark.parametrize("family,kw", _VARIANTS, ids=lambda v: getattr(v, "name", str(v)))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(40, 30), (1,)])
def test_in_place_rule_matches_allocating_rule_bit_for_bit(family, kw, dtype, shape):
    rng = np.random.default_rng(1)
    state = [rng.normal(size=shape).astype(dtype) for _ in range(family.n_state)]
    squares = {"Adagrad": 1, "RMSProp": 1, "Adam": 2}.get(family.name)
    if squares is not None:
        state[squares] = np.abs(state[squares])    # accumulated squares are positive
    named = {}
    for name in family.inputs[family.n_state:]:
        named[name] = rng.normal(size=shape).astype(dtype) if name in ("grad", "delta") \
            else np.asarray(_SCALARS[name], dtype)
    expected = family.rule(*[s.copy() for s in state], **named, **kw)
    values = [s.copy() for s in state]
    out = ops._dense_update(values, family.rule, "Apply" + family.name, named, kw,
                            family.in_place, family.inputs[:family.n_state])
    assert all(o is v for o, v in zip(out, values))          # updated in place
    for got, want in zip(out, expected):
        assert np.array_equal(got, want)


def test_read_only_values_are_not_updated_in_place():
    var = np.ones(4, np.float32)
    var.flags.writeable = False
    out = ops._dense_update([var], ops._BY_NAME["GradientDescent"].rule, "ApplyGradientDescent",
                            {"alpha": 0.5, "delta": np.ones(4, np.float32)}, {},
                            ops._gradient_descent_in_place, ("var",))
    assert out[0] is not var and var.tolist() == [1, 1, 1, 1] and out[0].tolist() == [0.5] * 4


def _mlp_train(optimizer):
    rng = np.random.default_rng(0)
    x = tf.constant(rng.normal(size=(16, 8)).astype(np.float32))
    w = tf.Variable(rng.normal(size=(8, 4)).astype(np.float32))
    loss = tf.reduce_sum(tf.square(tf.nn.relu(tf.matmul(x, w))))
    return w, optimizer.minimize(loss)


@pytest.mark.parametrize("make_optimizer", [
    lambda: tf.train.GradientDescentOptimizer(0.01), lambda: tf.train.AdamOptimizer(0.01),
    lambda: tf.train.MomentumOptimizer(0.01, 0.9), lambda: tf.train.RMSPropOptimizer(0.01),
    lambda: tf.train.AdagradOptimizer(0.01)])
def test_training_updates_in_place_and_fetched_values_never_change(make_optimizer, monkeypatch):
    calls = []
    real = ops._can_update_in_place
    monkeypatch.setattr(ops, "_can_update_in_place", lambda values: calls.append(real(values))
                        or calls[-1])
    with tf.Graph().as_default():
        w, train = _mlp_train(make_optimizer())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            fetched = sess.run(w)
            snapshot = fetched.copy()
            calls.clear()
            for _ in range(3):
                sess.run(train)
            assert calls and all(calls), "the update did not run in place"
            assert np.array_equal(fetched, snapshot)
            assert not np.array_equal(sess.run(w), snapshot)


def test_in_place_training_matches_a_session_that_copies(monkeypatch):
    def losses_and_weights():
        with tf.Graph().as_default():
            w, train = _mlp_train(tf.train.AdamOptimizer(0.05))
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(5):
                    sess.run(train)
                return sess.run(w)
    in_place = losses_and_weights()
    monkeypatch.setattr(ops, "_can_update_in_place", lambda values: False)
    copying = losses_and_weights()
    assert np.array_equal(in_place, copying)


@pytest.mark.parametrize("make_optimizer", [
    lambda: tf.train.GradientDescentOptimizer(0.1), lambda: tf.train.AdamOptimizer(0.1),
    lambda: tf.train.MomentumOptimizer(0.1, 0.9), lambda: tf.train.RMSPropOptimizer(0.1),
    lambda: tf.train.AdagradOptimizer(0.1)])
def test_scalar_variables_train_by_the_allocating_rules(make_optimizer):
    with tf.Graph().as_default():
        w = tf.get_variable("w", [], initializer=tf.constant_initializer(1.0))
        train = make_optimizer().minimize(tf.square(w - 3.0))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run(train)
            assert 1.0 < sess.run(w) < 3.0 + 1e-6
