"""Random ops: distributions, shapes and dtypes, TF1's seed rules, and per-session sequences."""
import numpy as np
import pytest

import varflow as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


def run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed)


def test_random_normal_moments_shape_and_names():
    t = tf.random_normal([200, 100], mean=2.0, stddev=0.5)
    assert t.shape.as_list() == [200, 100] and t.dtype == tf.float32
    assert t.op.name == "random_normal" and t.op.inputs[0].op.inputs[0].op.type == "RandomStandardNormal"
    v = run(t)
    assert v.dtype == np.float32
    assert abs(v.mean() - 2.0) < 0.02 and abs(v.std() - 0.5) < 0.02
    assert run(tf.random_normal([3], dtype=tf.float64)).dtype == np.float64
    with pytest.raises(TypeError):   # as TF 2.21
        tf.random_normal([2], dtype=tf.int32)


def test_truncated_normal_stays_within_two_stddev():
    v = run(tf.truncated_normal([200, 100], mean=0.5, stddev=0.1))
    assert np.all(np.abs(v - 0.5) <= 0.2 + 1e-6)
    assert abs(v.std() / 0.1 - 0.8796) < 0.03
    assert np.abs(v - 0.5).max() > 0.19


def test_random_uniform_float_and_int():
    v = run(tf.random_uniform([1000], minval=-2.0, maxval=3.0, seed=7))   # seeded: no 1-in-10^5 flake
    assert v.min() >= -2 and v.max() < 3 and abs(v.mean() - 0.5) < 0.2
    assert tf.random_uniform([2]).op.type == "RandomUniform"
    i = tf.random_uniform([1000], minval=3, maxval=7, dtype=tf.int32)
    assert i.dtype == tf.int32 and i.op.type == "RandomUniformInt"
    assert set(np.unique(run(i))) == {3, 4, 5, 6}
    with pytest.raises(ValueError):
        tf.random_uniform([2], dtype=tf.int64)
    bad = tf.random_uniform([2], minval=5, maxval=5, dtype=tf.int64)
    with pytest.raises(tf.errors.InvalidArgumentError):
        run(bad)


def test_dynamic_shapes():
    n = tf.placeholder(tf.int32, [])
    t = tf.random_normal([n, 3])
    assert t.shape.as_list() == [None, 3]
    assert run(t, {n: 4}).shape == (4, 3)
    s = tf.placeholder(tf.int32, [2])
    assert tf.random_uniform(s).shape.as_list() == [None, None]


def test_get_seed_rules():
    g = tf.get_default_graph()
    assert tf.get_seed(None) == (None, None)
    assert tf.get_seed(5) == (87654321, 5)
    tf.set_random_seed(42)
    assert g.seed == 42
    tf.constant(1.0)
    assert tf.get_seed(None) == (42, g._last_id)
    assert tf.get_seed(7) == (42, 7)
    tf.set_random_seed(0)
    assert tf.get_seed(0) == (0, 2 ** 31 - 1)


def _draw_twice(graph_seed, op_seed):
    with tf.Graph().as_default():
        if graph_seed is not None:
            tf.set_random_seed(graph_seed)
        a = tf.random_normal([4], seed=op_seed)
        b = tf.random_uniform([4], seed=op_seed)
        with tf.Session() as sess:
            first = sess.run([a, b])
            second = sess.run([a, b])
    return first, second


@pytest.mark.parametrize("graph_seed,op_seed", [(1, None), (None, 3), (1, 3)])
def test_seeded_graphs_reproduce_across_fresh_graphs(graph_seed, op_seed):
    first, second = _draw_twice(graph_seed, op_seed)
    again, _ = _draw_twice(graph_seed, op_seed)
    np.testing.assert_array_equal(first[0], again[0])
    np.testing.assert_array_equal(first[1], again[1])
    assert not np.array_equal(first[0], second[0])       # each run draws new numbers


def test_unseeded_ops_differ_and_new_session_restarts():
    a, b = tf.random_normal([5]), tf.random_normal([5])
    va, vb = run([a, b])
    assert not np.array_equal(va, vb)
    c = tf.random_normal([5], seed=11)
    with tf.Session() as s1:
        x1, x2 = s1.run(c), s1.run(c)
    with tf.Session() as s2:
        y1 = s2.run(c)
    np.testing.assert_array_equal(x1, y1)
    assert not np.array_equal(x1, x2)


def test_random_shuffle():
    v = np.arange(20).reshape(10, 2)
    s = run(tf.random_shuffle(v, seed=1))
    assert sorted(s[:, 0].tolist()) == list(range(0, 20, 2))
    assert np.all(s[:, 1] == s[:, 0] + 1)
    assert tf.random_shuffle(v).shape.as_list() == [10, 2]


def test_multinomial_and_categorical():
    logits = np.log(np.array([[0.1, 0.0, 0.9], [0.5, 0.5, 0.0]]) + 1e-30).astype(np.float32)
    logits[0, 1] = -np.inf
    m = tf.multinomial(logits, 2000, seed=4)
    assert m.dtype == tf.int64 and m.shape.as_list() == [2, 2000]
    v = run(m)
    assert set(np.unique(v[0])) == {0, 2} and abs((v[0] == 2).mean() - 0.9) < 0.03
    assert set(np.unique(v[1])) <= {0, 1}
    c = tf.random.categorical(logits, 5, dtype=tf.int32)
    assert c.dtype == tf.int32 and run(c).shape == (2, 5)


def test_gamma_poisson_and_crop():
    g = tf.random_gamma([3000], alpha=[2.0, 5.0], beta=2.0, seed=2)
    assert g.shape.as_list() == [3000, 2]
    gv = run(g)
    np.testing.assert_allclose(gv.mean(0), [1.0, 2.5], rtol=0.06)
    p = tf.random_poisson([3.0, 10.0], [2000], seed=2)
    assert p.shape.as_list() == [2000, 2]
    np.testing.assert_allclose(run(p).mean(0), [3.0, 10.0], rtol=0.06)
    img = np.arange(5 * 6).reshape(5, 6)
    crop = run(tf.random_crop(img, [2, 3], seed=5))
    r, c = divmod(int(crop[0, 0]), 6)
    np.testing.assert_array_equal(crop, img[r:r + 2, c:c + 3])


def test_random_namespace():
    assert tf.random.normal is tf.random_normal and tf.random.uniform is tf.random_uniform
    assert tf.random.set_random_seed is tf.set_random_seed
    assert tf.random.shuffle is tf.random_shuffle and tf.random.truncated_normal is tf.truncated_normal
