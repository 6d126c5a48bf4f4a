"""tf.gradients: path sums, unconnected xs, grad_ys, stop_gradients, IndexedSlices, variables, names."""
import numpy as np
import pytest

import varflow as tf


def _run(x):
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        return s.run(x)


def test_names_follow_tf():
    x = tf.placeholder(tf.float32, [3], name="x")
    y = tf.reduce_sum(x * x, name="y")
    g = tf.gradients(y, x)
    names = [o.name for o in tf.get_default_graph().get_operations()
             if o.name.startswith("gradients")]
    # observed in TF 2.21 (the reduction's own grad ops differ in detail)
    assert g[0].name == "gradients/AddN:0"
    assert names[:3] == ["gradients/Shape", "gradients/grad_ys_0/Const", "gradients/grad_ys_0"]
    assert "gradients/mul_grad/Mul" in names and "gradients/mul_grad/Mul_1" in names
    assert tf.gradients(y, x, name="mygrad")[0].name.startswith("mygrad/")
    assert tf.gradients(y, x)[0].name.startswith("gradients_1/")
    with tf.name_scope("outer"):
        assert tf.gradients(y, x)[0].name.startswith("outer/gradients/")


def test_paths_are_summed():
    x = tf.constant(2.0, name="x")
    g = tf.gradients(x * x + 3 * x, x)
    assert _run(g) == [7.0]
    assert _run(tf.gradients([x * 2, x * x], x)) == [6.0]
    assert _run(tf.gradients(x * x, [x, x])) == [4.0, 4.0]
    assert _run(tf.gradients(x, x)) == [1.0]


def test_unconnected_and_non_float():
    x = tf.constant(2.0)
    z = tf.constant(1.0)
    assert tf.gradients(x * 2, [x, z])[1] is None
    assert _run(tf.gradients(x * 2, [x, z], unconnected_gradients="zero")) == [2.0, 0.0]
    assert tf.gradients(tf.constant(3.0), x) == [None]
    i = tf.constant(1)
    assert tf.gradients(i * 2, i) == [None]                       # TF 2.21 returns None
    assert tf.gradients(tf.cast(i, tf.float32) * 2.0, i) == [None]
    v = tf.constant([1.5, 2.5])
    assert tf.gradients(tf.cast(tf.argmax(v), tf.float32), v) == [None]


def test_grad_ys():
    x = tf.constant([1.0, 2.0])
    g = tf.gradients(x * 3, x, grad_ys=[tf.constant([1.0, 10.0])])
    assert _run(g)[0].tolist() == [3.0, 30.0]
    with pytest.raises(ValueError, match="Length mismatch. Passed 2 grad_ys for 1 ys"):
        tf.gradients([x * 2], x, grad_ys=[1.0, 2.0])
    with pytest.raises(TypeError, match="grad_ys\\[0\\] has dtype int32"):
        tf.gradients(x * 3, x, grad_ys=[[1, 2]])
    c = tf.constant(1 + 1j)
    with pytest.raises(TypeError, match="must set grad_ys"):
        tf.gradients(c * c, c)


def test_stop_gradients():
    a = tf.constant(1.0)
    b = 2 * a
    c = a + b
    assert _run(tf.gradients(c, [a, b], stop_gradients=[a, b])) == [1.0, 1.0]   # TF 2.21
    assert _run(tf.gradients(c, [a, b])) == [3.0, 1.0]
    assert _run(tf.gradients(a + tf.stop_gradient(2 * a), a)) == [1.0]


def test_gather_gives_indexed_slices():
    p = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    g = tf.gradients(tf.reduce_sum(tf.gather(p, [0, 2, 0])), p)[0]
    assert isinstance(g, tf.IndexedSlices)
    v = _run(g)
    assert v.indices.tolist() == [0, 2, 0] and v.values.tolist() == [[1.0, 1.0]] * 3
    assert v.dense_shape.tolist() == [3, 2]
    two = tf.gradients(tf.reduce_sum(tf.gather(p, [0])) + tf.reduce_sum(tf.gather(p, [2])), p)[0]
    assert isinstance(two, tf.IndexedSlices) and sorted(_run(two).indices.tolist()) == [0, 2]


def test_indexed_slices_densified_when_summed_with_dense():
    p = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    g = tf.gradients(tf.reduce_sum(tf.gather(p, [0, 2])) + tf.reduce_sum(p * 2), p)[0]
    assert isinstance(g, tf.Tensor) and g.op.type == "AddN"
    assert _run(g).tolist() == [[3.0, 3.0], [2.0, 2.0], [3.0, 3.0]]


@pytest.mark.parametrize("use_resource", [False, True])
def test_variables(use_resource):
    v = tf.Variable(3.0, use_resource=use_resource)
    assert _run(tf.gradients(v * v, v)) == [6.0]
    w = tf.get_variable("w%d" % use_resource, initializer=3.0, use_resource=use_resource)
    assert _run(tf.gradients(w * w * w, [w])) == [27.0]


def test_second_derivative_and_options_accepted():
    x = tf.constant(2.0)
    g = tf.gradients(x * x * x, x)[0]
    assert _run(tf.gradients(g, x)) == [12.0]
    g = tf.gradients(x * x, x, colocate_gradients_with_ops=True, gate_gradients=True,
                     aggregation_method=1)
    assert _run(g) == [4.0]
    assert np.allclose(_run(tf.hessians(x * x * x, x)), [12.0])
