"""tf.contrib.layers / tf.contrib.framework: slim-style variable names, model variables,
initializers, regularizers, variable lookups and arg_scope."""
import numpy as np
import pytest

import varflow as tf

layers = tf.contrib.layers
framework = tf.contrib.framework


def test_fully_connected_and_conv2d_variables():
    x = tf.placeholder(tf.float32, [None, 4])
    y = layers.fully_connected(x, 3, weights_regularizer=layers.l2_regularizer(0.1))
    y2 = layers.fully_connected(x, 2, activation_fn=None, scope="fc2")
    img = tf.placeholder(tf.float32, [None, 5, 5, 2])
    c = layers.conv2d(img, 4, 3)
    assert y.op.type == "Relu" and y.op.name == "fully_connected/Relu"
    assert y2.op.name == "fc2/BiasAdd" and c.shape.as_list() == [None, 5, 5, 4]
    names = [(v.name, v.shape.as_list()) for v in tf.global_variables()]
    assert names == [("fully_connected/weights:0", [4, 3]), ("fully_connected/biases:0", [3]),
                     ("fc2/weights:0", [4, 2]), ("fc2/biases:0", [2]),
                     ("Conv/weights:0", [3, 3, 2, 4]), ("Conv/biases:0", [4])]
    assert framework.get_model_variables() == tf.global_variables()
    assert [t.name for t in tf.losses.get_regularization_losses()] == [
        "fully_connected/kernel/Regularizer/l2_regularizer:0"]
    assert [v.name for v in framework.get_variables_by_name("weights")] == [
        "fully_connected/weights:0", "fc2/weights:0", "Conv/weights:0"]
    assert [v.name for v in framework.get_variables("fc2")] == ["fc2/weights:0", "fc2/biases:0"]
    assert framework.get_unique_variable("Conv/biases").name == "Conv/biases:0"
    with pytest.raises(ValueError):
        framework.get_unique_variable("nothing")


def test_reuse_and_flatten_pool():
    x = tf.placeholder(tf.float32, [None, 4])
    layers.fully_connected(x, 3, scope="fc")
    layers.fully_connected(x, 3, scope="fc", reuse=True)
    assert len(tf.global_variables()) == 2
    img = tf.placeholder(tf.float32, [None, 6, 6, 2])
    p = layers.max_pool2d(img, 2)
    a = layers.avg_pool2d(img, 3, stride=1, padding="SAME")
    f = layers.flatten(p)
    assert p.shape.as_list() == [None, 3, 3, 2] and a.shape.as_list() == [None, 6, 6, 2]
    assert f.shape.as_list() == [None, 18] and p.op.name.startswith("MaxPool2D/")


def test_initializers():
    with pytest.raises(TypeError):
        layers.variance_scaling_initializer(dtype=tf.int32)
    with pytest.raises(TypeError):
        layers.variance_scaling_initializer(mode="fan_in")
    w = tf.get_variable("w", [100, 300], initializer=layers.xavier_initializer(seed=1))
    h = tf.get_variable("h", [3, 3, 20, 40],
                        initializer=layers.variance_scaling_initializer(seed=2))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        wv, hv = sess.run([w, h])
    limit = np.sqrt(3.0 / 200.0)
    assert np.abs(wv).max() <= limit and np.abs(wv).max() > 0.9 * limit
    stddev = np.sqrt(1.3 * 2.0 / 180.0)
    assert np.abs(hv).max() <= 2 * stddev + 1e-6
    assert abs(hv.std() - stddev * 0.88) < 0.1 * stddev


def test_regularizers_and_apply_regularization():
    w = tf.constant([1.0, -2.0])
    l1, l2 = layers.l1_regularizer(0.5)(w), layers.l2_regularizer(0.5)(w)
    both = layers.l1_l2_regularizer(0.5, 0.5)(w)
    total = layers.apply_regularization(layers.l1_regularizer(1.0), [w, w])
    with tf.Session() as sess:
        assert sess.run([l1, l2, both, total]) == [1.5, 1.25, 2.75, 6.0]
    assert tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES) == [total]


def test_batch_norm_and_dropout():
    x = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3))
    y = layers.batch_norm(x, is_training=True)
    d = layers.dropout(x, keep_prob=0.5, is_training=False)
    assert [v.name for v in tf.global_variables()] == [
        "BatchNorm/beta:0", "BatchNorm/moving_mean:0", "BatchNorm/moving_variance:0"]
    assert len(framework.get_model_variables()) == 3
    assert len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)) == 2
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        yv = sess.run(y)
        np.testing.assert_allclose(sess.run(d), sess.run(x))
    np.testing.assert_allclose(yv.mean(0), 0.0, atol=1e-5)


def test_global_step_assign_from_values_and_arg_scope():
    step = framework.get_or_create_global_step()
    assert step is framework.get_or_create_global_step() and step.name == "global_step:0"
    v = framework.model_variable("v", shape=[2], initializer=tf.zeros_initializer())
    local = framework.local_variable([1.0], name="loc")
    assert local in tf.local_variables() and v in tf.model_variables()
    assign_op, feed = framework.assign_from_values({"v": np.array([3.0, 4.0])})
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assign_op, feed)
        np.testing.assert_allclose(sess.run(v), [3.0, 4.0])
    x = tf.placeholder(tf.float32, [None, 4])
    with framework.arg_scope([layers.fully_connected], activation_fn=None):
        y = layers.fully_connected(x, 2)
        z = layers.fully_connected(x, 2, activation_fn=tf.nn.relu)
    assert y.op.type == "BiasAdd" and z.op.type == "Relu"
    with pytest.raises(ValueError):
        with framework.arg_scope([np.sum], axis=0):
            pass
