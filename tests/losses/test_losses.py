"""tf.losses: values, reductions, names and the loss collections (numbers observed in TF 2.21)."""
import numpy as np
import pytest

import varflow as tf


def _lp():
    return (tf.constant([[1.0, 0.0], [0.0, 1.0]]), tf.constant([[0.2, 0.3], [0.9, 0.4]]))


def test_loss_values_and_names_match_tf():
    l, p = _lp()
    R = tf.losses.Reduction
    ops = [tf.losses.mean_squared_error(l, p),
           tf.losses.absolute_difference(l, p, weights=[[1.0], [0.0]]),
           tf.losses.huber_loss(l, p, reduction=R.SUM),
           tf.losses.log_loss(l, p),
           tf.losses.hinge_loss(l, p, reduction=R.NONE, loss_collection=None),
           tf.losses.sigmoid_cross_entropy(l, p, label_smoothing=0.1),
           tf.losses.softmax_cross_entropy(l, p, label_smoothing=0.2),
           tf.losses.sparse_softmax_cross_entropy([0, 1], p),
           tf.losses.cosine_distance(l, p, axis=1),
           tf.losses.mean_squared_error(l, p, weights=tf.constant([[2.0], [0.0]]),
                                        reduction=R.MEAN),
           tf.losses.mean_squared_error(l, p, weights=tf.constant([[2.0], [0.0]]),
                                        reduction=R.SUM_OVER_BATCH_SIZE)]
    # Observed in TF 2.21.
    assert [o.name for o in ops] == [
        "mean_squared_error/value:0", "absolute_difference/value:0", "huber_loss/Sum:0",
        "log_loss/value:0", "hinge_loss/Mul_2:0", "sigmoid_cross_entropy_loss/value:0",
        "softmax_cross_entropy_loss/value:0", "sparse_softmax_cross_entropy_loss/value:0",
        "cosine_distance_loss/value:0", "mean_squared_error_1/value:0",
        "mean_squared_error_2/value:0"]
    assert len(tf.losses.get_losses()) == 10
    total = tf.losses.get_total_loss()
    assert total.name == "total_loss:0"
    with tf.Session() as sess:
        vals = sess.run(ops)
        tot = sess.run(total)
    expected = [0.475, 0.55, 0.95, 1.2962465, None, 0.79416585, 0.82923687, 0.85923684,
                0.70000005, 0.365, 0.365]
    for got, want in zip(vals, expected):
        if want is not None:
            assert got == pytest.approx(want, rel=1e-5)
    np.testing.assert_allclose(vals[4], [[0.8, 1.3], [1.9, 0.6]], rtol=1e-5)
    assert tot == pytest.approx(7.1838856, rel=1e-5)


def test_compute_weighted_loss_reductions():
    losses = tf.constant([1.0, 2.0, 3.0, 4.0])
    w = tf.constant([1.0, 0.0, 2.0, 0.0])
    R = tf.losses.Reduction
    out = {r: tf.losses.compute_weighted_loss(losses, w, reduction=r) for r in
           (R.SUM, R.MEAN, R.SUM_BY_NONZERO_WEIGHTS, R.SUM_OVER_BATCH_SIZE)}
    with tf.Session() as sess:
        got = sess.run(out)
    assert got[R.SUM] == 7.0
    assert got[R.MEAN] == pytest.approx(7.0 / 3.0)
    assert got[R.SUM_BY_NONZERO_WEIGHTS] == 3.5
    assert got[R.SUM_OVER_BATCH_SIZE] == 1.75
    with pytest.raises(ValueError):
        tf.losses.compute_weighted_loss(losses, reduction="bogus")


def test_regularization_loss_helpers():
    zero = tf.losses.get_regularization_loss()
    assert zero.dtype == tf.float32 and zero.shape.as_list() == []
    with pytest.raises(ValueError):
        tf.losses.get_total_loss()
    tf.get_variable("w", initializer=tf.constant([1.0, 2.0]), regularizer=tf.nn.l2_loss)
    tf.losses.add_loss(tf.constant(1.0))
    total = tf.losses.get_total_loss()
    data_only = tf.losses.get_total_loss(add_regularization_losses=False, name="data")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(total) == 3.5
        assert sess.run(data_only) == 1.0


def test_loss_gradient_flows():
    x = tf.Variable([[0.5, -0.5]])
    loss = tf.losses.softmax_cross_entropy(tf.constant([[1.0, 0.0]]), x)
    g, = tf.gradients(loss, [x])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        gv = sess.run(g)
    p = np.exp([0.5, -0.5]) / np.exp([0.5, -0.5]).sum()
    np.testing.assert_allclose(gv, [p - [1.0, 0.0]], rtol=1e-5)
