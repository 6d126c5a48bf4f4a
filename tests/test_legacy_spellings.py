"""TF1's deprecated spellings that classic programs still use; values observed in TF 2.21."""
import numpy as np
import pytest

import varflow as tf


def run(t):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(t)


X = [[1.0, 2.0], [3.0, 4.0]]


@pytest.mark.parametrize("build, expected", [
    (lambda x: tf.log(x), np.log(X)),
    (lambda x: tf.div(x, 2.0), np.divide(X, 2.0)),
    (lambda x: tf.div(tf.constant([7, -7]), 2), [3, -4]),          # integer div floors
    (lambda x: tf.to_float(tf.constant([1])), [1.0]),
    (lambda x: tf.to_int32(x), [[1, 2], [3, 4]]),
    (lambda x: tf.to_int64(x), [[1, 2], [3, 4]]),
    (lambda x: tf.to_double(x), X),
    (lambda x: tf.arg_max(x, 1), [1, 1]),
    (lambda x: tf.arg_min(x, 0), [0, 0]),
    (lambda x: tf.argmax(x, dimension=1), [1, 1]),
    (lambda x: tf.reduce_sum(x, reduction_indices=[1]), [3.0, 7.0]),
    (lambda x: tf.reduce_mean(x, 1, keep_dims=True), [[1.5], [3.5]]),
    (lambda x: tf.reduce_max(x, reduction_indices=0, keep_dims=True), [[3.0, 4.0]]),
    (lambda x: tf.count_nonzero(x, reduction_indices=1), [2, 2]),
    (lambda x: tf.nn.softmax(x, dim=0), [[0.11920292, 0.11920292], [0.8807971, 0.8807971]]),
    (lambda x: tf.nn.l2_normalize(x, dim=1), np.array(X) / np.linalg.norm(X, axis=1, keepdims=True)),
    (lambda x: tf.expand_dims(x, dim=0), [X]),
    (lambda x: tf.nn.dropout(x, keep_prob=1.0), X),
    (lambda x: tf.squeeze(tf.zeros([1, 2, 1]), squeeze_dims=[0]), [[0.0], [0.0]]),
    (lambda x: tf.placeholder_with_default(x, [None, 2]), X),
    (lambda x: tf.nn.moments(x, [0], keep_dims=True)[0], [[2.0, 3.0]]),
])
def test_legacy_ops(build, expected):
    np.testing.assert_allclose(run(build(tf.constant(X))), expected, rtol=1e-6)


def test_legacy_initializers_under_every_alias():
    for init in (tf.random_normal_initializer(seed=1), tf.truncated_normal_initializer(seed=1),
                 tf.random_uniform_initializer(seed=1), tf.glorot_uniform_initializer(seed=1),
                 tf.glorot_normal_initializer(seed=1), tf.variance_scaling_initializer(seed=1),
                 tf.orthogonal_initializer(seed=1), tf.uniform_unit_scaling_initializer(seed=1),
                 tf.initializers.random_normal(seed=1), tf.initializers.truncated_normal(seed=1),
                 tf.initializers.glorot_uniform(seed=1), tf.initializers.he_normal(seed=1),
                 tf.initializers.variance_scaling(seed=1), tf.keras.initializers.RandomNormal(seed=1),
                 tf.keras.initializers.TruncatedNormal(seed=1), tf.keras.initializers.glorot_uniform(seed=1),
                 tf.keras.initializers.he_normal(seed=1), tf.keras.initializers.he_uniform(seed=1),
                 tf.contrib.layers.xavier_initializer(seed=1),
                 tf.contrib.layers.xavier_initializer_conv2d(seed=1),
                 tf.contrib.layers.variance_scaling_initializer(seed=1)):
        tf.reset_default_graph()
        v = tf.get_variable("v", [4, 4], initializer=init)
        value = run(v)
        assert value.shape == (4, 4) and value.dtype == np.float32 and np.std(value) > 0
    for init, expected in ((tf.zeros_initializer(), 0.0), (tf.ones_initializer(), 1.0),
                           (tf.constant_initializer(3.0), 3.0), (tf.initializers.zeros(), 0.0),
                           (tf.keras.initializers.Ones(), 1.0),
                           (tf.keras.initializers.Constant(2.0), 2.0)):
        tf.reset_default_graph()
        assert (run(tf.get_variable("v", [2], initializer=init)) == expected).all()


def test_legacy_variable_initializers_and_flags():
    v = tf.Variable(1.0)
    w = tf.Variable(2.0, collections=[tf.GraphKeys.LOCAL_VARIABLES])
    with tf.Session() as sess:
        sess.run([tf.initialize_all_variables(), tf.initialize_local_variables()])
        assert sess.run([v, w]) == [1.0, 2.0]
    assert tf.all_variables() == [v]
    assert tf.app.flags.DEFINE_integer is tf.flags.DEFINE_integer
    assert callable(tf.app.run) and tf.app.flags.FLAGS is tf.flags.FLAGS


def test_removed_tf1_names_stay_removed():
    # TF 1.0 removed these; TF1 programs written for 1.x never use them
    for name in ("mul", "sub", "neg", "select", "batch_matmul"):
        assert not hasattr(tf, name)
