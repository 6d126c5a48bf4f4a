"""tf.layers core/conv/pooling: variable names, shapes, collections, op names, reuse, numbers and
gradients (names and shapes observed in TF 2.21's bundled TF1 layers)."""
import numpy as np
import pytest

import varflow as tf


def test_dense_ops_regularizers_and_collections():
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    tf.layers.dense(x, 3, activation=tf.nn.relu, kernel_regularizer=tf.nn.l2_loss,
                    activity_regularizer=tf.nn.l2_loss)
    names = [op.name for op in tf.get_default_graph().get_operations()
             if "Initializer" not in op.name]
    # Observed in TF 2.21 (tensorflow.python.layers).
    for expected in ("dense/kernel", "dense/kernel/read", "dense/kernel/Regularizer/L2Loss",
                     "dense/bias", "dense/MatMul", "dense/BiasAdd", "dense/Relu",
                     "dense/ActivityRegularizer/L2Loss", "dense/ActivityRegularizer/truediv"):
        assert expected in names
    assert [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)] == [
        "dense/kernel/Regularizer/L2Loss:0", "dense/ActivityRegularizer/truediv:0"]


def test_dense_object_shares_variables_and_reuse():
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    layer = tf.layers.Dense(2, name="dd")
    layer(x)
    y2 = layer(x)
    assert y2.name == "dd/BiasAdd_1:0"
    assert layer.variables == [layer.kernel, layer.bias] == layer.trainable_variables
    assert layer.weights == layer.variables and layer.updates == [] and layer.losses == []
    assert [v.name for v in tf.global_variables()] == ["dd/kernel:0", "dd/bias:0"]
    a = tf.layers.dense(x, 3, name="fc")
    b = tf.layers.dense(x, 3, name="fc", reuse=True)
    assert (a.name, b.name) == ("fc/BiasAdd:0", "fc_1/BiasAdd:0")
    with pytest.raises(ValueError, match="already exists"):
        tf.layers.dense(x, 3, name="fc")
    with pytest.raises(ValueError, match="shape"):
        tf.layers.dense(tf.placeholder(tf.float32, [None, 3]), 5, name="fc", reuse=True)
    with pytest.raises(ValueError, match="last dimension"):
        tf.layers.dense(tf.placeholder(tf.float32, [None, None]), 5)
    with tf.variable_scope("outer"):
        d3 = tf.layers.Dense(2)
        out = d3(x)
    assert d3.kernel.name == "outer/dense/kernel:0" and out.name == "outer/dense/BiasAdd:0"
    assert d3(x).name == "outer/dense/BiasAdd_1:0"


def test_dense_numbers_and_gradient():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    y = tf.layers.dense(x, 2, kernel_initializer=tf.constant_initializer([[1.0, 0.0], [0.5, 1.0]]),
                        bias_initializer=tf.constant_initializer(0.25))
    k = tf.global_variables()[0]
    g, = tf.gradients(tf.reduce_sum(y * y), [k])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        yv, gv = sess.run([y, g])
    xv = np.array([[1.0, 2.0], [3.0, 4.0]])
    want = xv @ np.array([[1.0, 0.0], [0.5, 1.0]]) + 0.25
    np.testing.assert_allclose(yv, want, rtol=1e-6)
    np.testing.assert_allclose(gv, xv.T @ (2 * want), rtol=1e-5)


def test_dense_rank3_and_trainable_false():
    y = tf.layers.dense(tf.placeholder(tf.float32, [2, 3, 4]), 5, trainable=False)
    assert y.shape.as_list() == [2, 3, 5]
    assert tf.trainable_variables() == []
    assert len(tf.global_variables()) == 2


def test_conv_pool_flatten_shapes_and_names():
    img = tf.placeholder(tf.float32, [None, 5, 5, 2])
    outs = [tf.layers.conv2d_transpose(img, 3, 3, strides=2, padding="same"),
            tf.layers.conv2d_transpose(img, 3, 3, strides=2),
            tf.layers.separable_conv2d(img, 4, 3, depth_multiplier=2),
            tf.layers.max_pooling2d(img, 2, 2, padding="same"),
            tf.layers.average_pooling2d(img, 3, 1),
            tf.layers.conv1d(tf.placeholder(tf.float32, [None, 7, 2]), 3, 2, strides=2),
            tf.layers.flatten(img)]
    # Observed in TF 2.21.
    assert [t.shape.as_list() for t in outs] == [
        [None, 10, 10, 3], [None, 11, 11, 3], [None, 3, 3, 4], [None, 3, 3, 2], [None, 3, 3, 2],
        [None, 3, 3], [None, 50]]
    assert [t.name for t in outs[:5]] + [outs[6].name] == [
        "conv2d_transpose/BiasAdd:0", "conv2d_transpose_1/BiasAdd:0",
        "separable_conv2d/BiasAdd:0", "max_pooling2d/MaxPool:0", "average_pooling2d/AvgPool:0",
        "flatten/Reshape:0"]
    assert [(v.name, v.shape.as_list()) for v in tf.global_variables()] == [
        ("conv2d_transpose/kernel:0", [3, 3, 3, 2]), ("conv2d_transpose/bias:0", [3]),
        ("conv2d_transpose_1/kernel:0", [3, 3, 3, 2]), ("conv2d_transpose_1/bias:0", [3]),
        ("separable_conv2d/depthwise_kernel:0", [3, 3, 2, 2]),
        ("separable_conv2d/pointwise_kernel:0", [1, 1, 4, 4]), ("separable_conv2d/bias:0", [4]),
        ("conv1d/kernel:0", [2, 2, 3]), ("conv1d/bias:0", [3])]
    feed = {img: np.random.RandomState(0).rand(2, 5, 5, 2).astype(np.float32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run(outs[:5] + [outs[6]], feed)
    assert vals[0].shape == (2, 10, 10, 3) and vals[5].shape == (2, 50)
    np.testing.assert_allclose(vals[5], feed[img].reshape(2, 50))


def test_conv2d_gradient_flows_to_kernel():
    img = tf.constant(np.ones((1, 4, 4, 1), np.float32))
    y = tf.layers.conv2d(img, 2, 3, kernel_initializer=tf.ones_initializer())
    kernel = tf.global_variables()[0]
    g, = tf.gradients(tf.reduce_sum(y), [kernel])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(g), np.full((3, 3, 1, 2), 4.0))


def test_dropout_training_modes():
    x = tf.ones([1000])
    train = tf.placeholder(tf.bool, [])
    off = tf.layers.dropout(x, 0.5)
    on = tf.layers.dropout(x, 0.5, training=True)
    switch = tf.layers.dropout(x, 0.5, training=train)
    assert off.op.type == "Identity"
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(off), np.ones(1000))
        v = sess.run(on)
        assert set(np.unique(v)) <= {0.0, 2.0} and 300 < (v == 0).sum() < 700
        np.testing.assert_array_equal(sess.run(switch, {train: False}), np.ones(1000))
        assert (sess.run(switch, {train: True}) == 0).sum() > 300


def test_a_built_layer_reuses_the_variables_its_call_gets():
    class Scaled(tf.layers.Layer):
        def call(self, x):
            return x * tf.get_variable("w", [3], initializer=tf.ones_initializer())

    layer = Scaled(name="mine")
    x = tf.ones([3])
    first, second = layer(x), layer(x)
    assert (first.name, second.name) == ("mine/mul:0", "mine/mul_1:0")
    assert [v.name for v in tf.global_variables()] == ["mine/w:0"]
