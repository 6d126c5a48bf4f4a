"""Every snippet of the source document ("Introduction to TensorFlow variables"), with its obvious
typos fixed, run as written; where the document and TensorFlow disagree, TensorFlow's behaviour."""
import math

import numpy as np
import pytest

import varflow as tf


def test_get_variable_full_signature_and_defaults():
    v = tf.get_variable(name="x", shape=[2, 3], dtype=None, initializer=None, regularizer=None,
                        trainable=True, collections=None, caching_device=None, partitioner=None,
                        validate_shape=True, use_resource=None, custom_getter=None)
    assert v.name == "x:0" and v.dtype.name == "float32_ref" and v.shape.as_list() == [2, 3]
    with tf.Session() as sess:
        sess.run(v.initializer)
        value = sess.run(v)
    limit = math.sqrt(6.0 / (2 + 3))            # glorot_uniform is the default
    assert np.all(np.abs(value) <= limit) and np.any(value != 0)


def test_variable_from_existing_tensor():
    my_tensor = tf.constant([23, 42], dtype=tf.int32, name="my_tensor")
    w = tf.get_variable("w", dtype=tf.int32, initializer=my_tensor)
    assert w.shape.as_list() == [2] and w.dtype.base_dtype == tf.int32
    with tf.Session() as sess:
        sess.run(w.initializer)
        assert sess.run(w).tolist() == [23, 42]


def test_custom_collections():
    v = tf.get_variable("v", [2, 2], collections=["my_collection"])
    w = tf.get_variable("w", [3, 3])
    tf.add_to_collection("my_collection", w)
    assert tf.get_collection("my_collection") == [v, w]
    # collections= replaces GLOBAL_VARIABLES, but the variable is still trainable (as TF)
    assert v not in tf.global_variables() and v in tf.trainable_variables()
    tf.get_variable("v2", (), collections=["my_collection"])
    assert [x.name for x in tf.get_collection("my_collection", scope="v")] == ["v:0", "v2:0"]


def test_local_variables_collection_alone_leaves_variable_trainable():
    v = tf.get_variable("loc", [1], collections=[tf.GraphKeys.LOCAL_VARIABLES])
    assert v in tf.local_variables() and v in tf.trainable_variables()
    assert tf.model_variables() == []
    u = tf.get_variable("frozen", [1], trainable=False)
    assert u not in tf.trainable_variables()


def test_device_placement_gpu1():
    with tf.device("/gpu:1"):
        v = tf.get_variable("v", [1])
    assert v.device == "/device:GPU:1" and v.initializer.device == "/device:GPU:1"
    with pytest.raises(tf.errors.InvalidArgumentError):
        with tf.Session() as sess:
            sess.run(v.initializer)
    with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as sess:
        sess.run(v.initializer)
        assert abs(sess.run(v)[0]) <= math.sqrt(3.0)


def test_initialization_by_hand_and_report():
    v = tf.get_variable("v", [2])
    w = tf.get_variable("w", [2])
    with tf.Session() as session:
        assert session.run(tf.report_uninitialized_variables()).tolist() == [b"v", b"w"]
        session.run(v.initializer)
        assert session.run(tf.report_uninitialized_variables()).tolist() == [b"w"]
        session.run(w.initializer)
        assert session.run(tf.report_uninitialized_variables()).tolist() == []


def test_order_of_initialization():
    v = tf.get_variable("v", shape=(), initializer=tf.zeros_initializer())
    w = tf.get_variable("w", initializer=v.initialized_value() + 1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([v, w]) == [0.0, 1.0]


def test_assign_add_returns_tensor_without_run():
    v = tf.get_variable("v", shape=(), initializer=tf.zeros_initializer())
    assignment = v.assign_add(1)
    with tf.Session().as_default():
        tf.global_variables_initializer().run()
        with pytest.raises(AttributeError, match="not an op"):
            assignment.run()
        assignment.op.run()
        assert assignment.eval() == 2.0


def test_read_value_after_assignment():
    v = tf.get_variable("v", shape=(), initializer=tf.zeros_initializer())
    assignment = v.assign_add(1)
    with tf.control_dependencies([assignment]):
        w = v.read_value()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(w) == 1.0
        assert sess.run(w) == 2.0


def conv_relu(input, kernel_shape, bias_shape):
    weights = tf.get_variable("weights", kernel_shape, initializer=tf.random_normal_initializer())
    biases = tf.get_variable("biases", bias_shape, initializer=tf.constant_initializer(0.0))
    conv = tf.nn.conv2d(input, weights, strides=[1, 1, 1, 1], padding="SAME")
    return tf.nn.relu(conv + biases)


def my_image_filter(input_images):
    with tf.variable_scope("conv1"):
        relu1 = conv_relu(input_images, [5, 5, 1, 32], [32])
    with tf.variable_scope("conv2"):
        return conv_relu(relu1, [5, 5, 32, 32], [32])


def test_conv_relu_second_call_fails():
    input1 = tf.random_normal([1, 10, 10, 32])
    x = conv_relu(input1, kernel_shape=[5, 5, 1, 32], bias_shape=[32])
    with pytest.raises(ValueError, match="weights already exists"):
        conv_relu(x, kernel_shape=[5, 5, 32, 32], bias_shape=[32])


@pytest.mark.parametrize("style", ["reuse_true", "reuse_variables", "scope_object"])
def test_my_image_filter_sharing(style):
    input1 = tf.random_normal([1, 10, 10, 1], seed=1)
    input2 = tf.random_normal([1, 10, 10, 1], seed=2)
    if style == "reuse_true":
        with tf.variable_scope("model"):
            output1 = my_image_filter(input1)
        n = len(tf.global_variables())
        with tf.variable_scope("model", reuse=True):
            output2 = my_image_filter(input2)
    elif style == "reuse_variables":
        with tf.variable_scope("model") as scope:
            output1 = my_image_filter(input1)
            n = len(tf.global_variables())
            scope.reuse_variables()
            output2 = my_image_filter(input2)
    else:
        with tf.variable_scope("model") as scope:
            output1 = my_image_filter(input1)
        n = len(tf.global_variables())
        with tf.variable_scope(scope, reuse=True):
            output2 = my_image_filter(input2)
    names = [v.name for v in tf.global_variables()]
    assert names == ["model/conv1/weights:0", "model/conv1/biases:0",
                     "model/conv2/weights:0", "model/conv2/biases:0"]
    assert len(tf.global_variables()) == n == 4
    assert output1.shape.as_list() == output2.shape.as_list() == [1, 10, 10, 32]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        a, b = sess.run([output1, output2])
        assert a.shape == b.shape == (1, 10, 10, 32)


def test_two_local_sessions_do_not_share_values():
    v = tf.get_variable("v", shape=(), initializer=tf.constant_initializer(1.0))
    inc = v.assign_add(10.0)
    with tf.Session() as s1, tf.Session() as s2:
        s1.run(v.initializer)
        s1.run(inc)
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value v"):
            s2.run(v)


def test_variable_requires_initial_value():
    with pytest.raises(ValueError, match="initial_value must be specified"):
        tf.Variable()
