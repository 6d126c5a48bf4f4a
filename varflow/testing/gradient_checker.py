"""Numerical gradient checks: compare `tf.gradients` with central finite differences (float64)."""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def numeric_and_symbolic(build: Callable, inputs: Sequence[np.ndarray], delta: float = 1e-6,
                         seed: int = 0):
    """For `y = build(*xs)` with float64 placeholders `xs` fed `inputs`, return a list of
    (symbolic, numeric) gradient pairs of sum(y * w) for a fixed random weighting `w`."""
    import varflow as tf

    graph = tf.Graph()
    with graph.as_default():
        xs = [tf.placeholder(tf.float64, np.shape(v), name="x%d" % i) for i, v in enumerate(inputs)]
        y = build(*xs)
        rng = np.random.default_rng(seed)
        with tf.Session() as sess:
            y_val = np.asarray(sess.run(y, {x: v for x, v in zip(xs, inputs)}))
            weights = rng.standard_normal(y_val.shape)
            w = tf.constant(weights, dtype=tf.float64)
            loss = tf.reduce_sum(y * w)
            grads = tf.gradients(loss, xs)
            feed = {x: np.asarray(v, dtype=np.float64) for x, v in zip(xs, inputs)}
            results = []
            for k, (x, g) in enumerate(zip(xs, grads)):
                sym = np.zeros(np.shape(inputs[k])) if g is None else np.asarray(sess.run(g, feed))
                num = np.zeros(np.shape(inputs[k]), dtype=np.float64)
                base = np.array(inputs[k], dtype=np.float64)
                flat = num.reshape(-1)
                for i in range(base.size):
                    plus = base.copy().reshape(-1)
                    minus = base.copy().reshape(-1)
                    plus[i] += delta
                    minus[i] -= delta
                    f_plus = sess.run(loss, {**feed, x: plus.reshape(base.shape)})
                    f_minus = sess.run(loss, {**feed, x: minus.reshape(base.shape)})
                    flat[i] = (f_plus - f_minus) / (2 * delta)
                results.append((sym, num))
    return results


def assert_gradients_match(build: Callable, inputs: Sequence, rtol: float = 1e-5,
                           atol: float = 1e-6, delta: float = 1e-6) -> None:
    """Raise AssertionError when any symbolic gradient differs from the finite-difference one."""
    inputs = [np.asarray(v, dtype=np.float64) for v in inputs]
    for k, (sym, num) in enumerate(numeric_and_symbolic(build, inputs, delta)):
        np.testing.assert_allclose(sym, num, rtol=rtol, atol=atol,
                                   err_msg="gradient w.r.t. input %d" % k)
