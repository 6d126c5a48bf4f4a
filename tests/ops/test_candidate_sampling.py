"""Candidate samplers, accidental hits, nce_loss and sampled_softmax_loss against NumPy versions
of TF's formulas (fixed candidates through `sampled_values=`)."""
import numpy as np
import pytest

import varflow as tf
from varflow.testing.gradient_checker import assert_gradients_match

rng = np.random.RandomState(0)
W = rng.randn(10, 4).astype(np.float32)
B = rng.randn(10).astype(np.float32)
X = rng.randn(3, 4).astype(np.float32)
LABELS = np.array([[1, 3], [2, 5], [7, 0]], dtype=np.int64)
SAMPLED = np.array([3, 4, 8, 0], np.int64)
TRUE_EC = np.full([3, 2], 0.3, np.float32)
SAMPLED_EC = np.array([0.3, 0.2, 0.1, 0.5], np.float32)
SV = (SAMPLED, TRUE_EC, SAMPLED_EC)


def np_logits(remove_hits):
    true_logits = np.einsum("bd,btd->bt", X, W[LABELS]) + B[LABELS] - np.log(TRUE_EC)
    sampled_logits = X @ W[SAMPLED].T + B[SAMPLED] - np.log(SAMPLED_EC)
    if remove_hits:
        for i, row in enumerate(LABELS):
            for j, s in enumerate(SAMPLED):
                if s in row:
                    sampled_logits[i, j] += -np.finfo(np.float32).max
    return true_logits, sampled_logits


def np_nce(remove_hits=False):
    t, s = np_logits(remove_hits)
    logits = np.concatenate([t, s], 1)
    labels = np.concatenate([np.full_like(t, 0.5), np.zeros_like(s)], 1)
    losses = np.maximum(logits, 0) - logits * labels + np.log1p(np.exp(-np.abs(logits)))
    return losses.sum(1)


def np_sampled_softmax(remove_hits=True):
    t, s = np_logits(remove_hits)
    logits = np.concatenate([t, s], 1).astype(np.float64)
    labels = np.concatenate([np.full_like(t, 0.5), np.zeros_like(s)], 1)
    m = logits.max(1, keepdims=True)
    logz = m + np.log(np.exp(logits - m).sum(1, keepdims=True))
    return -(labels * (logits - logz)).sum(1)


def test_nce_and_sampled_softmax_values():
    w, b = tf.Variable(W), tf.Variable(B)
    nce = tf.nn.nce_loss(w, b, LABELS, X, 4, 10, num_true=2, sampled_values=SV)
    nce_hits = tf.nn.nce_loss(w, b, LABELS, X, 4, 10, num_true=2, sampled_values=SV,
                              remove_accidental_hits=True)
    ssl = tf.nn.sampled_softmax_loss(w, b, LABELS, X, 4, 10, num_true=2, sampled_values=SV)
    assert nce.shape.as_list() == [3] and ssl.shape.as_list() == [3]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([nce, nce_hits, ssl])
    np.testing.assert_allclose(got[0], np_nce(), rtol=1e-5)
    np.testing.assert_allclose(got[1], np_nce(True), rtol=1e-5)
    np.testing.assert_allclose(got[2], np_sampled_softmax(), rtol=1e-5)
    # observed in TF 2.21 with the same inputs
    np.testing.assert_allclose(got[0], [6.599296, 7.592863, 7.544432], rtol=1e-5)
    np.testing.assert_allclose(got[2], [2.6883464, 3.0425603, 4.183952], rtol=1e-5)


def test_weight_gradients_are_indexed_slices():
    w, b = tf.Variable(W), tf.Variable(B)
    loss = tf.reduce_sum(tf.nn.sampled_softmax_loss(w, b, LABELS, X, 4, 10, num_true=2,
                                                    sampled_values=SV))
    gw, gb = tf.gradients(loss, [w, b])
    assert isinstance(gw, tf.IndexedSlices) and isinstance(gb, tf.IndexedSlices)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        val = sess.run(gw)
    assert val.indices.tolist() == LABELS.ravel().tolist() + SAMPLED.tolist()
    # observed in TF 2.21 (first and last rows)
    np.testing.assert_allclose(val.values[0], [0.441228, -0.19064054, 0.25169173, 0.5817392],
                               rtol=1e-4)
    np.testing.assert_allclose(val.values[-1], [-0.00192466, 0.02011609, 0.00272946, 0.01320072],
                               rtol=1e-4)


@pytest.mark.parametrize("loss_fn", [tf.nn.nce_loss, tf.nn.sampled_softmax_loss])
def test_gradients_match_finite_differences(loss_fn):
    sv = (SAMPLED, TRUE_EC.astype(np.float64), SAMPLED_EC.astype(np.float64))
    assert_gradients_match(
        lambda w, b, x: loss_fn(w * 1.0, b * 1.0, LABELS, x, 4, 10, num_true=2,
                                sampled_values=sv, remove_accidental_hits=False),
        [W.astype(np.float64), B.astype(np.float64), X.astype(np.float64)])


def test_compute_accidental_hits():
    rows, ids, weights = tf.nn.compute_accidental_hits(LABELS, SAMPLED, num_true=2)
    with tf.Session() as sess:
        r, i, w = sess.run([rows, ids, weights])
    # observed in TF 2.21
    assert r.tolist() == [0, 2] and i.tolist() == [0, 3] and r.dtype == np.int32
    assert i.dtype == np.int64 and w.tolist() == [-np.finfo(np.float32).max] * 2


@pytest.mark.parametrize("unique", [True, False])
def test_log_uniform_sampler(unique):
    s, t, e = tf.random.log_uniform_candidate_sampler(LABELS, 2, 5, unique, 10, seed=1)
    assert [x.shape.as_list() for x in (s, t, e)] == [[5], [3, 2], [5]]
    assert s.dtype == tf.int64 and t.dtype == tf.float32
    p = lambda c: (np.log(c + 2.0) - np.log(c + 1.0)) / np.log(11.0)  # noqa: E731
    with tf.Session() as sess:
        for _ in range(5):
            sv, tv, ev = sess.run([s, t, e])
            assert ((sv >= 0) & (sv < 10)).all()
            if unique:
                assert len(set(sv.tolist())) == 5

                def count(c, tries):   # TF: p * n when no draw was rejected, else 1 - (1 - p)^tries
                    return 5 * p(c) if tries == 5 else -np.expm1(tries * np.log1p(-p(c)))
                assert any(np.allclose(ev, count(sv, n), rtol=1e-4) and
                           np.allclose(tv, count(LABELS, n), rtol=1e-4) for n in range(5, 1000))
            else:
                np.testing.assert_allclose(tv, 5 * p(LABELS), rtol=1e-5)
                np.testing.assert_allclose(ev, 5 * p(sv), rtol=1e-5)


def test_sampler_distribution_and_uniform():
    s, _, _ = tf.nn.log_uniform_candidate_sampler(LABELS, 2, 2000, False, 10, seed=3)
    u, ut, ue = tf.nn.uniform_candidate_sampler(LABELS, 2, 5, False, 10, seed=1)
    with tf.Session() as sess:
        draws = sess.run(s)
        _, utv, uev = sess.run([u, ut, ue])
    freq = np.bincount(draws, minlength=10) / 2000.0
    expected = (np.log(np.arange(10) + 2.0) - np.log(np.arange(10) + 1.0)) / np.log(11.0)
    np.testing.assert_allclose(freq, expected, atol=0.04)
    assert utv.tolist() == [[0.5, 0.5]] * 3 and uev.tolist() == [0.5] * 5   # observed in TF 2.21
    with pytest.raises(tf.errors.InvalidArgumentError):
        with tf.Session() as sess:
            sess.run(tf.random.uniform_candidate_sampler(LABELS, 2, 11, True, 10)[0])


def test_word2vec_style_training_reduces_loss():
    vocab, dim = 50, 8
    data_rng = np.random.RandomState(1)
    centers = data_rng.randint(0, vocab, 256)
    contexts = ((centers * 7 + 3) % vocab).reshape(-1, 1)
    tf.set_random_seed(0)
    x = tf.placeholder(tf.int32, [None])
    y = tf.placeholder(tf.int64, [None, 1])
    emb = tf.Variable(tf.random_uniform([vocab, dim], -1.0, 1.0))
    nce_w = tf.Variable(tf.truncated_normal([vocab, dim], stddev=1.0 / np.sqrt(dim)))
    nce_b = tf.Variable(tf.zeros([vocab]))
    loss = tf.reduce_mean(tf.nn.nce_loss(nce_w, nce_b, y, tf.nn.embedding_lookup(emb, x),
                                         num_sampled=8, num_classes=vocab))
    train = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
    feed = {x: centers, y: contexts}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        before = np.mean([sess.run(loss, feed) for _ in range(10)])
        for _ in range(150):
            sess.run(train, feed)
        after = np.mean([sess.run(loss, feed) for _ in range(10)])
    assert after < 0.5 * before
