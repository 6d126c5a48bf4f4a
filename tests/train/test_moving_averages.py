"""ExponentialMovingAverage: shadow names and collections, update numbers (NumPy and TF 2.21),
num_updates, zero_debias, and variables_to_restore."""
import numpy as np
import pytest

import varflow as tf
from varflow.train.moving_averages import ExponentialMovingAverage, assign_moving_average


def test_shadow_variables_names_and_collections():
    w = tf.get_variable("w", initializer=np.array([1.0, 2.0], np.float32))
    b = tf.get_variable("b", initializer=np.float32(3.0), use_resource=True)
    ema = ExponentialMovingAverage(0.9)
    update = ema.apply([w, b])
    assert update.name == "ExponentialMovingAverage" and update.type == "NoOp"
    assert ema.average(w).name == "w/ExponentialMovingAverage:0"
    assert ema.average(b).name == "b/ExponentialMovingAverage:0"
    assert ema.average(b)._is_resource and not ema.average(w)._is_resource
    assert ema.average_name(w) == "w/ExponentialMovingAverage"
    assert ema.average(tf.constant(1.0)) is None
    # TF puts the *averaged* variables in MOVING_AVERAGE_VARIABLES; shadows are global, untrainable
    assert tf.moving_average_variables() == [w, b]
    assert ema.average(w) in tf.global_variables()
    assert [v.name for v in tf.trainable_variables()] == ["w:0", "b:0"]
    assert ema.average(w).op.get_attr("_class") == [b"loc:@w"]


def test_update_numbers_match_numpy():
    w = tf.get_variable("w", initializer=np.array([1.0, 2.0], np.float32))
    ema = ExponentialMovingAverage(0.9)
    update = ema.apply([w])
    step = tf.assign_add(w, [0.5, -0.25])
    shadow = np.array([1.0, 2.0], np.float32)
    value = shadow.copy()
    one_minus = np.float32(1.0) - np.float32(0.9)   # apply() makes decay a float32 tensor first
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(ema.average(w)), shadow)   # starts at the value
        for _ in range(4):
            value = sess.run(step)
            sess.run(update)
            shadow = shadow - (shadow - value) * one_minus
            np.testing.assert_array_equal(sess.run(ema.average(w)), shadow)


def test_num_updates_and_zero_debias_match_tf_observed():
    w = tf.get_variable("w", initializer=np.array([1.0, 2.0], np.float32))
    b = tf.get_variable("b", initializer=np.float32(3.0), use_resource=True)
    t = tf.placeholder(tf.float32, [2], name="t")
    tw = tf.identity(t * 2.0, name="tw")
    gs = tf.train.get_or_create_global_step()
    ema = ExponentialMovingAverage(0.9, num_updates=gs)
    upd = ema.apply([w, b])
    ema2 = ExponentialMovingAverage(0.8, zero_debias=True, name="ema2")
    upd2 = ema2.apply([tw])
    assert ema2.average(tw).name == "tw/ema2:0"
    inc = tf.assign_add(gs, 1)
    step_w = tf.assign_add(w, [0.5, -0.25])
    restore = ema.variables_to_restore()
    # observed in TF 2.21
    assert sorted((k, v.name) for k, v in restore.items()) == [
        ("b/ExponentialMovingAverage", "b:0"), ("global_step", "global_step:0"),
        ("tw/ema2", "tw/ema2:0"), ("tw/ema2/biased", "tw/ema2/biased:0"),
        ("tw/ema2/local_step", "tw/ema2/local_step:0"), ("w/ExponentialMovingAverage", "w:0")]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(5):
            sess.run(step_w)
            sess.run(upd)
            sess.run(inc)
            sess.run(upd2, {t: [1.0 + i, -2.0 * i]})
        # observed in TF 2.21 after the 5 steps above
        np.testing.assert_allclose(sess.run(ema.average(w)), [3.25, 0.875], rtol=1e-6)
        assert sess.run(ema.average(b)) == pytest.approx(3.0)
        np.testing.assert_allclose(sess.run(ema2.average(tw)), [6.8738694190979, -9.747737884521484],
                                   rtol=1e-6)


def test_assign_moving_average_and_dtype_check():
    v = tf.get_variable("v", initializer=np.float32(10.0))
    avg = assign_moving_average(v, tf.constant(0.0), 0.75, zero_debias=False)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(avg) == pytest.approx(7.5)
    iv = tf.get_variable("iv", initializer=np.int32(1))
    with pytest.raises(TypeError, match="half, float, or double"):
        ExponentialMovingAverage(0.9).apply([iv])


def test_default_var_list_is_trainable_variables():
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    tf.get_variable("frozen", [2], initializer=tf.ones_initializer(), trainable=False)
    ema = ExponentialMovingAverage(0.5)
    ema.apply()
    assert ema.average(w) is not None
    assert [v.name for v in tf.moving_average_variables()] == ["w:0"]
