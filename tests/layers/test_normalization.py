"""tf.layers.batch_normalization: variables, UPDATE_OPS and numbers (NumPy reference)."""
import numpy as np

import varflow as tf

X = np.array([[1.0, 2.0, 3.0], [3.0, 6.0, 1.0], [5.0, 1.0, 2.0], [7.0, 3.0, 2.0]], np.float32)


def test_variables_and_collections():
    x = tf.placeholder(tf.float32, [None, 3])
    tf.layers.batch_normalization(x, training=True)
    assert [(v.name, v.shape.as_list()) for v in tf.global_variables()] == [
        ("batch_normalization/gamma:0", [3]), ("batch_normalization/beta:0", [3]),
        ("batch_normalization/moving_mean:0", [3]),
        ("batch_normalization/moving_variance:0", [3])]
    assert [v.name for v in tf.trainable_variables()] == [
        "batch_normalization/gamma:0", "batch_normalization/beta:0"]
    assert len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)) == 2
    tf.layers.batch_normalization(x, training=False)
    assert len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)) == 2


def test_training_and_inference_numbers():
    x = tf.constant(X)
    train = tf.placeholder(tf.bool, [])
    y_train = tf.layers.batch_normalization(x, training=True, name="bn")
    y_infer = tf.layers.batch_normalization(x, training=False, name="bn", reuse=True)
    y_switch = tf.layers.batch_normalization(x, training=train, name="bn", reuse=True)
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    mm, mv = tf.global_variables()[2:]
    mean, var = X.mean(0), X.var(0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(y_train), (X - mean) / np.sqrt(var + 1e-3), rtol=1e-5)
        np.testing.assert_allclose(sess.run(y_infer), X / np.sqrt(1 + 1e-3), rtol=1e-5)
        sess.run(updates[:2])
        np.testing.assert_allclose(sess.run(mm), 0.01 * mean, rtol=1e-5)
        np.testing.assert_allclose(sess.run(mv), 0.99 + 0.01 * var, rtol=1e-5)
        before = sess.run([mm, mv])
        sess.run(updates[2:], {train: False})
        np.testing.assert_allclose(sess.run([mm, mv]), before)
        np.testing.assert_allclose(sess.run(y_switch, {train: True}),
                                   (X - mean) / np.sqrt(var + 1e-3), rtol=1e-5)


def test_fused_4d_uses_unbiased_moving_variance_and_gradients_flow():
    x = tf.constant(X.reshape(1, 2, 2, 3))
    y = tf.layers.batch_normalization(x, training=True, momentum=0.0)
    gamma, beta, mm, mv = tf.global_variables()
    g = tf.gradients(tf.reduce_sum(y * tf.constant(X.reshape(1, 2, 2, 3))), [gamma, beta])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.get_collection(tf.GraphKeys.UPDATE_OPS))
        np.testing.assert_allclose(sess.run(mv), X.var(0, ddof=1), rtol=1e-5)
        gg, gb = sess.run(g)
    np.testing.assert_allclose(gb, X.sum(0), rtol=1e-5)
    assert np.all(np.isfinite(gg))
