"""tf.custom_gradient, gradient_override_map's op-creation-time binding, and small TF1 utilities
(values observed in TF 2.21)."""
import numpy as np
import pytest

import varflow as tf


def test_custom_gradient_replaces_the_functions_gradient():
    @tf.custom_gradient
    def f(x, y):
        def grad(dz):
            return dz * 10.0, dz * 100.0
        return x * y, grad

    x, y = tf.constant(2.0), tf.constant(3.0)
    z = f(x, y)
    assert z.name == "IdentityN:0" and z.op.type == "IdentityN"
    with tf.Session() as sess:
        assert sess.run([z] + tf.gradients(z * z, [x, y])) == [6.0, 120.0, 1200.0]


def test_custom_gradient_with_the_variables_the_function_reads():
    v = tf.get_variable("v", initializer=4.0)
    x = tf.constant(2.0)

    @tf.custom_gradient
    def h(a):
        def grad(dy, variables=None):
            assert variables == [v]
            return dy * 2.0, [dy * 7.0]
        return a * v, grad

    out = h(x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([out] + tf.gradients(out, [x, v])) == [8.0, 2.0, 7.0]

    @tf.custom_gradient
    def k(a):
        return a * v, lambda dy: dy
    with pytest.raises(TypeError, match="must accept keyword argument 'variables'"):
        k(x)


def test_gradient_override_map_binds_when_the_op_is_created():
    @tf.RegisterGradient("TimesThree")
    def _times_three(op, grad):
        return grad * 3.0

    x = tf.constant(2.0)
    with tf.get_default_graph().gradient_override_map({"Identity": "TimesThree"}):
        y = tf.identity(x)
    z = tf.identity(x)                       # made outside the map: the usual gradient
    assert y.op.get_attr("_gradient_op_type") == "TimesThree"
    with tf.Session() as sess:
        assert sess.run(tf.gradients([y, z], x)) == [4.0]


def test_small_tf1_utilities():
    assert tf.get_static_value(tf.constant([1, 2])).tolist() == [1, 2]
    assert tf.get_static_value(tf.placeholder(tf.float32)) is None
    assert tf.get_static_value([3]) == [3]
    assert tf.dimension_at_index(tf.TensorShape([3, None]), 0).value == 3
    assert tf.dimension_at_index(tf.TensorShape(None), 5).value is None
    assert tf.no_gradient is tf.NotDifferentiable
    t = tf.verify_tensor_all_finite(tf.constant([1.0, np.inf]), "bad")
    assert (t.name, [c.name for c in t.op.control_inputs]) == (
        "VerifyFinite/control_dependency:0", ["VerifyFinite/CheckNumerics"])
    with tf.Session() as sess, pytest.raises(tf.errors.InvalidArgumentError, match="bad"):
        sess.run(t)
