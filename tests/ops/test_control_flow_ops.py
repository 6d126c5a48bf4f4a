"""tf.cond / tf.case / tf.while_loop: branch-only execution, structures, gradients and errors."""
import collections

import numpy as np
import pytest

import varflow as tf
from varflow.ops import control_flow_ops as cf
from varflow.ops import math_ops
from varflow.testing.gradient_checker import assert_gradients_match


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _var(value, name="v"):
    return tf.Variable(value, name=name)


# --- tf.cond forward ----------------------------------------------------------------------------
def test_cond_values_and_names():
    p = tf.placeholder(tf.bool, [])
    a, b = tf.constant(2.0), tf.constant(3.0)
    out = tf.cond(p, lambda: a * b, lambda: a + b * b)
    assert out.name == "cond/Merge:0"
    assert out.dtype == tf.float32 and out.shape.as_list() == []
    names = {op.name for op in tf.get_default_graph().get_operations()}
    assert {"cond/Switch", "cond/switch_t", "cond/switch_f", "cond/pred_id", "cond/mul",
            "cond/mul/Switch"} <= names
    with tf.Session() as sess:
        assert sess.run(out, {p: True}) == 6.0
        assert sess.run(out, {p: False}) == 11.0


def test_cond_data_dependent_predicate_and_nested_structures():
    x = tf.constant(np.array([1.0, -2.0, 3.0], np.float32))
    pos = math_ops.reduce_sum(x) > 0
    out = tf.cond(pos, lambda: {"a": x * 2.0, "b": (x, x + 1.0)},
                  lambda: {"a": -x, "b": (x, x - 1.0)})
    with tf.Session() as sess:
        r = sess.run(out)
    np.testing.assert_allclose(r["a"], [2.0, -4.0, 6.0])
    np.testing.assert_allclose(r["b"][1], [2.0, -1.0, 4.0])


def test_cond_singleton_list_unpacked_unless_strict():
    p = tf.placeholder(tf.bool, [])
    a, b = tf.constant(1.0), tf.constant(2.0)
    assert isinstance(tf.cond(p, lambda: [a], lambda: [b]), tf.Tensor)
    strict = tf.cond(p, lambda: [a], lambda: [b], strict=True)
    assert isinstance(strict, list) and len(strict) == 1


def test_cond_returning_outside_tensor_and_constant_branch():
    p = tf.placeholder(tf.bool, [])
    a = tf.constant(7.0)
    out = tf.cond(p, lambda: a, lambda: tf.constant(1.0))
    with tf.Session() as sess:
        assert sess.run(out, {p: True}) == 7.0
        assert sess.run(out, {p: False}) == 1.0


def test_cond_shape_is_most_specific_common():
    p = tf.placeholder(tf.bool, [])
    out = tf.cond(p, lambda: tf.constant([1.0, 2.0]), lambda: tf.constant([1.0, 2.0, 3.0]))
    assert out.shape.as_list() == [None]


def test_only_taken_branch_runs_stateful_ops():
    v = _var(0.0)
    p = tf.placeholder(tf.bool, [])
    out = tf.cond(p, lambda: tf.assign_add(v, 1.0), lambda: tf.assign_add(v, 10.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(out, {p: True}) == 1.0
        assert sess.run(out, {p: False}) == 11.0
        assert sess.run(v) == 11.0


def test_branch_op_without_inputs_is_guarded_by_pivot():
    p = tf.placeholder(tf.bool, [])
    v = _var(0.0)

    def true_fn():
        with tf.control_dependencies([tf.assign(v, 5.0)]):
            return tf.constant(1.0)

    out = tf.cond(p, true_fn, lambda: tf.constant(2.0))
    const_ops = [op for op in tf.get_default_graph().get_operations()
                 if op.name.startswith("cond/Const")]
    assert all(op.control_inputs for op in const_ops)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(out, {p: False}) == 2.0
        assert sess.run(v) == 0.0
        assert sess.run(out, {p: True}) == 1.0
        assert sess.run(v) == 5.0


def test_cond_branch_returning_op_gives_bool_tensor():
    p = tf.placeholder(tf.bool, [])
    v = _var(0.0)
    out = tf.cond(p, lambda: tf.assign(v, 3.0).op, lambda: tf.no_op())
    assert out.dtype == tf.bool
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(out, {p: False})
        assert sess.run(v) == 0.0
        sess.run(out, {p: True})
        assert sess.run(v) == 3.0


def test_nested_cond():
    p = tf.placeholder(tf.bool, [])
    q = tf.placeholder(tf.bool, [])
    a = tf.constant(2.0)
    out = tf.cond(p, lambda: tf.cond(q, lambda: a * 10.0, lambda: a * 100.0), lambda: a)
    g = tf.gradients(out, a)[0]
    with tf.Session() as sess:
        for pv, qv, want, want_g in [(True, True, 20.0, 10.0), (True, False, 200.0, 100.0),
                                     (False, True, 2.0, 1.0), (False, False, 2.0, 1.0)]:
            assert sess.run([out, g], {p: pv, q: qv}) == [want, want_g]


# --- tf.cond errors -----------------------------------------------------------------------------
def test_cond_errors():
    p = tf.placeholder(tf.bool, [])
    a, b = tf.constant(2.0), tf.constant(3.0)
    with pytest.raises(TypeError, match="Python bool"):
        tf.cond(True, lambda: a, lambda: b)
    with pytest.raises(TypeError, match="'true_fn' must be callable"):
        tf.cond(p, a, lambda: b)
    with pytest.raises(ValueError, match="same nested structure"):
        tf.cond(p, lambda: a, lambda: (a, b))
    with pytest.raises(TypeError, match="sequence type"):
        tf.cond(p, lambda: (a, a), lambda: [a, b])
    with pytest.raises(ValueError, match="different keys"):
        tf.cond(p, lambda: {"x": a}, lambda: {"y": b})
    with pytest.raises(ValueError, match=r"Received float32 from 'true_fn' and int32"):
        tf.cond(p, lambda: a, lambda: tf.constant(1))
    with pytest.raises(ValueError, match="'true_fn' must have a return value"):
        tf.cond(p, lambda: None, lambda: None)
    with pytest.raises(TypeError, match="expected type of bool"):
        tf.cond(tf.constant(1.0), lambda: a, lambda: a)
    with pytest.raises(ValueError, match="rank 0"):
        tf.cond(tf.constant([True, False]), lambda: a, lambda: a)


# --- tf.cond gradients --------------------------------------------------------------------------
def test_cond_gradients_match_tf():
    # Values observed in TF 2.21 (conformance case 226_ops_cond).
    p = tf.placeholder(tf.bool, [])
    a, b, c = tf.constant(2.0), tf.constant(3.0), tf.constant(5.0)
    out = tf.cond(p, lambda: a * b, lambda: a + b * b)
    only_true = tf.cond(p, lambda: a * a, lambda: tf.constant(1.0))
    g_out = tf.gradients(out, [a, b, c])
    g_only = tf.gradients(only_true, [a, b])
    assert g_out[2] is None and g_only[1] is None
    with tf.Session() as sess:
        assert sess.run(g_out[:2], {p: True}) == [3.0, 2.0]
        assert sess.run(g_out[:2], {p: False}) == [1.0, 6.0]
        assert sess.run(g_only[0], {p: True}) == 4.0
        assert sess.run(g_only[0], {p: False}) == 0.0


@pytest.mark.parametrize("taken", [True, False])
def test_cond_gradient_checker(taken):
    def build(x, y):
        p = tf.constant(taken)
        r = tf.cond(p, lambda: (x * y, math_ops.sin(x)), lambda: (x + y * y, y * 3.0))
        return r[0] * r[1]
    assert_gradients_match(build, [np.array([0.5, -1.2]), np.array([2.0, 0.3])])


# --- tf.case ------------------------------------------------------------------------------------
def test_case_picks_first_true_and_default():
    x = tf.placeholder(tf.int32, [])
    out = tf.case([(x < 0, lambda: tf.constant(-1)), (x < 10, lambda: tf.constant(1))],
                  default=lambda: tf.constant(100))
    with tf.Session() as sess:
        assert [sess.run(out, {x: v}) for v in (-5, 5, 50)] == [-1, 1, 100]


def test_case_without_default_and_exclusive():
    x = tf.placeholder(tf.int32, [])
    out = tf.case([(x < 0, lambda: tf.constant(-1)), (x > 0, lambda: tf.constant(1))])
    excl = tf.case([(x < 10, lambda: tf.constant(1)), (x < 20, lambda: tf.constant(2))],
                   default=lambda: tf.constant(3), exclusive=True)
    with tf.Session() as sess:
        assert sess.run(out, {x: 3}) == 1
        assert sess.run(out, {x: -3}) == -1
        with pytest.raises(tf.errors.InvalidArgumentError, match="None of conditions"):
            sess.run(out, {x: 0})
        assert sess.run(excl, {x: 15}) == 2
        with pytest.raises(tf.errors.InvalidArgumentError, match="exclusive=True"):
            sess.run(excl, {x: 5})


def test_case_errors():
    with pytest.raises(TypeError):
        tf.case(5)
    with pytest.raises(TypeError, match="2-tuple"):
        tf.case([tf.constant(True)])


# --- tf.while_loop ------------------------------------------------------------------------------
def test_while_loop_counts_and_names():
    i = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [0])
    assert isinstance(i, tf.Tensor) and i.name == "while/Exit:0" and i.dtype == tf.int32
    r = tf.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s * 2.0),
                      (tf.constant(0), tf.constant(1.0)))
    assert isinstance(r, tuple) and r[1].name == "while_1/Exit_1:0"
    with tf.Session() as sess:
        assert sess.run(i) == 10
        assert sess.run(r) == (5, 32.0)


def test_while_loop_nested_vars_and_maximum_iterations():
    Pair = collections.namedtuple("Pair", "a b")
    init = [tf.constant(0), Pair(tf.constant(1.0), {"k": tf.constant([1.0, 2.0])})]
    out = tf.while_loop(lambda i, p: i < 100,
                        lambda i, p: [i + 1, Pair(p.a + 1.0, {"k": p.b["k"] * 2.0})],
                        init, maximum_iterations=3)
    with tf.Session() as sess:
        i, pair = sess.run(out)
    assert i == 3 and pair.a == 4.0
    np.testing.assert_allclose(pair.b["k"], [8.0, 16.0])


def test_while_loop_shape_invariants():
    x = tf.constant([1.0])
    with pytest.raises(ValueError, match="shape_invariants"):
        tf.while_loop(lambda x: tf.size(x) < 8, lambda x: tf.concat([x, x], 0), [x])
    out = tf.while_loop(lambda x: tf.size(x) < 8, lambda x: tf.concat([x, x], 0), [x],
                        shape_invariants=[tf.TensorShape([None])])
    assert out.shape.as_list() == [None]
    with tf.Session() as sess:
        assert sess.run(out).shape == (8,)


def test_while_loop_errors():
    with pytest.raises(TypeError, match="callable"):
        tf.while_loop(1, lambda i: i, [0])
    with pytest.raises(ValueError, match="No loop variables"):
        tf.while_loop(lambda: True, lambda: (), [])
    with pytest.raises(TypeError, match="bool"):
        tf.while_loop(lambda i: i, lambda i: i, [tf.constant(1)])
    with pytest.raises(ValueError, match="same nested structure"):
        tf.while_loop(lambda i: i < 3, lambda i: (i, i), [tf.constant(1)])
    with pytest.raises(TypeError, match="dtype"):
        tf.while_loop(lambda i: i < 3, lambda i: math_ops.cast(i, tf.float32), [tf.constant(1)])


def test_while_loop_reads_variable_each_iteration_and_assigns():
    v = _var(1.0)

    def body(i, acc):
        with tf.control_dependencies([tf.assign_add(v, 1.0)]):
            return i + 1, acc + v.read_value()

    out = tf.while_loop(lambda i, acc: i < 3, body, (tf.constant(0), tf.constant(0.0)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(out) == (3, 2.0 + 3.0 + 4.0)
        assert sess.run(v) == 4.0


def test_while_loop_uses_outside_tensors_and_cond_inside():
    scale = tf.placeholder(tf.float32, [])

    def body(i, x):
        y = tf.cond(math_ops.equal(i % 2, 0), lambda: x * scale, lambda: x + 1.0)
        return i + 1, y

    out = tf.while_loop(lambda i, x: i < 4, body, (tf.constant(0), tf.constant(1.0)))
    with tf.Session() as sess:
        assert sess.run(out[1], {scale: 3.0}) == ((1.0 * 3 + 1) * 3 + 1)


def test_while_loop_inside_cond_branch():
    p = tf.placeholder(tf.bool, [])
    out = tf.cond(p, lambda: tf.while_loop(lambda i: i < 5, lambda i: i + 1, [tf.constant(0)]),
                  lambda: tf.constant(-1))
    with tf.Session() as sess:
        assert sess.run(out, {p: True}) == 5
        assert sess.run(out, {p: False}) == -1


def test_while_loop_gradient_values():
    x = tf.constant(1.5)
    w = tf.constant(2.0)
    _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * y * w), (0, x))
    gx, gw = tf.gradients(y, [x, w])
    with tf.Session() as sess:
        yv, gxv, gwv = sess.run([y, gx, gw])
    # y = w^7 x^8
    assert np.isclose(yv, 2.0 ** 7 * 1.5 ** 8)
    assert np.isclose(gxv, 8 * 2.0 ** 7 * 1.5 ** 7)
    assert np.isclose(gwv, 7 * 2.0 ** 6 * 1.5 ** 8)


def test_while_loop_gradient_checker():
    def build(x, w):
        _, y = tf.while_loop(lambda i, y: i < 4,
                             lambda i, y: (i + 1, math_ops.tanh(y * w) + y),
                             (tf.constant(0), x))
        return y
    assert_gradients_match(build, [np.array([0.3, -0.7]), np.array([1.1, 0.4])])


def test_while_loop_back_prop_false_gives_no_gradient():
    x = tf.constant(1.0)
    y = tf.while_loop(lambda y: y < 10.0, lambda y: y * 2.0, [x], back_prop=False)
    assert tf.gradients(y, x) == [None]


def test_group_tuple_no_op_still_work():
    a = tf.constant(1.0)
    g = tf.group(a, tf.no_op())
    t = tf.tuple([a, a * 2.0])
    with tf.Session() as sess:
        sess.run(g)
        assert sess.run(t) == [1.0, 2.0]
    assert cf.no_op(name="x").name == "x"


def test_fetching_untaken_branch_tensor_fails_and_cond_output_is_not_guarded():
    p = tf.placeholder(tf.bool, [])
    inside = []

    def true_fn():
        inside.append(tf.constant(3.0) * 2.0)
        return inside[0]

    out = tf.cond(p, true_fn, lambda: tf.constant(1.0))
    after = out + 1.0
    with tf.Session() as sess:
        assert sess.run(inside[0], {p: True}) == 6.0
        with pytest.raises(tf.errors.InvalidArgumentError, match="not taken"):
            sess.run(inside[0], {p: False})
        assert sess.run(after, {p: False}) == 2.0
        plan = sess._plan((after,), (p,))
    assert not plan.dead_fetches
    assert all(step[3] != 3 for step in plan.steps if step[4] is after.op)


def test_while_loop_gradient_sees_the_dropout_masks_of_the_forward_pass():
    x = tf.constant(np.ones([1000], np.float32))

    def body(i, acc):
        return i + 1, acc + tf.nn.dropout(x, rate=0.5) * tf.cast(i + 1, tf.float32)

    _, acc = tf.while_loop(lambda i, a: i < 3, body, [0, tf.zeros([1000])])
    grad = tf.gradients(tf.reduce_sum(acc), x)[0]
    with tf.Session() as sess:
        value, g = sess.run([acc, grad])
    assert 0 < np.count_nonzero(value) < 1000          # masks were drawn
    np.testing.assert_array_equal(g, value)             # d(sum acc)/dx is acc itself here


def test_while_loop_gradient_does_not_repeat_the_bodys_assignments():
    x = tf.constant(2.0)
    v = tf.Variable(0.0)
    _, acc = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a + x * v.assign_add(1.0)),
                           [0, tf.constant(0.0)])
    grad = tf.gradients(acc, x)[0]
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run([acc, grad]) == [12.0, 6.0]     # 1 + 2 + 3: each iteration's own value
        assert sess.run(v) == 3.0                       # the backward pass assigned nothing


def test_nested_while_loop_gradient():
    x = tf.constant(1.5)

    def outer(i, acc):
        inner = tf.while_loop(lambda j, a: j < 2, lambda j, a: (j + 1, a * x), [0, acc])[1]
        return i + 1, inner + x

    _, out = tf.while_loop(lambda i, a: i < 2, outer, [0, x])
    grad = tf.gradients(out, x)[0]
    with tf.Session() as sess:
        value, g = sess.run([out, grad])
    # out = ((x * x^2 + x) * x^2 + x): value and d/dx at 1.5, checked by hand
    assert value == pytest.approx(1.5 ** 5 + 1.5 ** 3 + 1.5)
    assert g == pytest.approx(5 * 1.5 ** 4 + 3 * 1.5 ** 2 + 1)


def test_cond_switches_are_colocated_with_the_values_they_switch():
    with tf.device("/cpu:0"):
        x = tf.constant(1.0, name="x")
    v = tf.Variable(2.0, name="v")
    tf.cond(tf.placeholder(tf.bool, [], name="p"), lambda: x * 2 + v, lambda: x)
    ops = {op.name: op for op in tf.get_default_graph().get_operations()}
    assert (ops["cond/mul/Switch"].get_attr("_class"), ops["cond/mul/Switch"].device) == (
        [b"loc:@x"], "/device:CPU:0")                       # as TF 2.21 builds them
    assert ops["cond/add/Switch"].get_attr("_class") == [b"loc:@v"]
    assert ops["cond/Switch_1"].get_attr("_class") == [b"loc:@x"]
