"""tf.Assert, check_numerics, tf.print / tf.Print and the tf.debugging.assert_* family."""
import sys

import numpy as np
import pytest

import varflow as tf
from varflow.ops import logging_ops
from varflow.testing.gradient_checker import assert_gradients_match


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_summarize_matches_tf_layout():
    # Strings observed in TF 2.21 Assert / Print messages.
    assert logging_ops.summarize(np.array([1, 2, 3, 4, 5])) == "1 2 3..."
    assert logging_ops.summarize(np.array([[1.5, 2], [3, 4]], np.float32)) == "[1.5 2][3...]..."
    assert logging_ops.summarize(np.arange(12.).reshape(3, 4), 5) == "[0 1 2 3][4...]..."
    assert logging_ops.summarize(np.array([True, False])) == "1 0"
    assert logging_ops.summarize(np.array(2.5)) == "2.5"
    assert logging_ops.summarize(np.array([1, 2, 3, 4, 5]), 10) == "1 2 3 4 5"


def test_assert_fails_with_data_shown():
    x = tf.placeholder(tf.float32, [None])
    a = tf.Assert(tf.reduce_all(x > 0), ["msg", x, tf.constant("s")])
    assert a.name == "Assert/AssertGuard/Merge" and a.type == "Merge"   # float data: guarded (TF)
    assert tf.get_default_graph().get_operation_by_name("Assert/AssertGuard/Assert").type == "Assert"
    plain = tf.Assert(tf.reduce_all(x > 0), ["msg", 3])                 # strings and int32: not
    assert plain.name == "Assert_1/Assert" and plain.type == "Assert"
    with tf.Session() as sess:
        sess.run(a, {x: [1.0, 2.0]})
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"assertion failed: \[msg\] \[1 -2 3\.\.\.\] \[s\]"):
            sess.run(a, {x: [1.0, -2.0, 3.0, 4.0]})


def test_assert_as_control_dependency_and_in_cond_branch():
    x = tf.placeholder(tf.float32, [])
    with tf.control_dependencies([tf.Assert(x > 0, [x])]):
        y = tf.identity(x)
    p = tf.placeholder(tf.bool, [])
    guarded = tf.cond(p, lambda: tf.identity(x), lambda: _checked(x))
    with tf.Session() as sess:
        assert sess.run(y, {x: 2.0}) == 2.0
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(y, {x: -2.0})
        assert sess.run(guarded, {x: -1.0, p: True}) == -1.0     # untaken Assert never runs
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(guarded, {x: -1.0, p: False})


def _checked(x):
    with tf.control_dependencies([tf.Assert(x > 0, ["x must be positive", x])]):
        return tf.identity(x)


def test_assert_condition_must_be_bool():
    with pytest.raises(TypeError, match="bool"):
        tf.Assert(tf.constant(1.0), ["x"])


def test_check_numerics_messages():
    # Messages observed in TF 2.21.
    x = tf.placeholder(tf.float32, [None])
    y = tf.debugging.check_numerics(x, "hello")
    assert y.op.type == "CheckNumerics" and tf.check_numerics is logging_ops.check_numerics
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(y, {x: [1.0, 2.0]}), [1.0, 2.0])
        for value, what in [([1.0, np.nan], "NaN"), ([1.0, np.inf], "Inf"),
                            ([np.nan, -np.inf], "Inf and NaN")]:
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="hello : Tensor had %s values" % what):
                sess.run(y, {x: value})
    with pytest.raises(TypeError):
        tf.check_numerics(tf.constant([1, 2]), "ints")


def test_check_numerics_gradient():
    assert_gradients_match(lambda x: tf.check_numerics(x * x, "m"), [np.array([1.0, -3.0])])


def test_tf_print_formats_like_tf(capsys):
    # Layout observed in TF 2.21.
    op = tf.print("hi", tf.constant([1, 2, 3, 4, 5, 6, 7]), {"a": tf.constant(1.5)},
                  [tf.constant([[1., 2.], [3., 4.]])], tf.constant(["x", "y"]), tf.constant(True))
    big = tf.print(tf.constant(np.arange(30).reshape(5, 6)), summarize=2)
    assert isinstance(op, tf.Operation) and op.type == "PrintV2"
    with tf.Session() as sess:
        sess.run(op)
        sess.run(big)
    err = capsys.readouterr().err
    assert ('hi [1 2 3 ... 5 6 7] {\'a\': 1.5} [[[1 2]\n [3 4]]] ["x" "y"] 1\n') in err
    assert ("[[0 1 ... 4 5]\n [6 7 ... 10 11]\n ...\n [18 19 ... 22 23]\n [24 25 ... 28 29]]"
            in err)


def test_tf_print_to_stdout_and_custom_sep(capsys):
    op = tf.print(tf.constant(1), tf.constant(2.5), sep=",", end="!\n", output_stream=sys.stdout)
    with tf.Session() as sess:
        sess.run(op)
    assert capsys.readouterr().out == "1,2.5!\n"


def test_legacy_print_is_identity_and_logs(capsys):
    a = tf.constant(1.0)
    x = tf.Print(a, [tf.constant(2.0), tf.constant(np.arange(12.).reshape(3, 4))], "msg: ",
                 summarize=5)
    once = tf.Print(a, [a], "once ", first_n=1)
    assert x.op.type == "Print" and x.name == "Print:0"
    with tf.Session() as sess:
        assert sess.run(x) == 1.0
        sess.run(once)
        sess.run(once)
    err = capsys.readouterr().err
    assert "msg: [2][[0 1 2 3][4...]...]\n" in err
    assert err.count("once [1]") == 1
    assert tf.gradients(x, a)[0] is not None


def test_static_binary_asserts():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Condition x == y"):
        tf.debugging.assert_equal(tf.constant(1), tf.constant(2))
    ok = tf.debugging.assert_equal(tf.constant(1), tf.constant(1))
    assert ok.name == "assert_equal_3/Assert/Assert"   # each call takes two scopes, as in TF
    x = tf.placeholder(tf.int32, [None])
    assert tf.debugging.assert_equal(x, x, name="q").name == "q/NoOp"   # x is y: short-circuit
    with pytest.raises(tf.errors.InvalidArgumentError, match="Condition x > 0"):
        tf.debugging.assert_positive(tf.constant([1, -1]))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.assert_less(tf.constant(3.0), tf.constant(2.0))


def test_runtime_asserts():
    x = tf.placeholder(tf.float32, [None])
    pos = tf.debugging.assert_positive(x, message="mm")
    nonneg = tf.debugging.assert_non_negative(x)
    eq = tf.debugging.assert_equal(x, tf.constant([1.0, 2.0]))
    with tf.Session() as sess:
        sess.run([pos, nonneg, eq], {x: [1.0, 2.0]})
        sess.run(nonneg, {x: [0.0, 2.0]})
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"\[mm\.  \] \[Condition x > 0 did not hold element-wise:\]"):
            sess.run(pos, {x: [1.0, -2.0]})
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(eq, {x: [1.0, 3.0]})


def test_rank_and_type_asserts():
    with pytest.raises(ValueError, match="must have rank 2.  Received rank 1, shape"):
        tf.debugging.assert_rank(tf.constant([1, -1]), 2)
    assert tf.debugging.assert_rank(tf.constant([1, -1]), 1).name.endswith(
        "static_checks_determined_all_ok")
    tf.debugging.assert_rank_at_least(tf.constant([[1]]), 1)
    with pytest.raises(TypeError):
        tf.debugging.assert_type(tf.constant(1), tf.float32)
    x = tf.placeholder(tf.float32)
    check = tf.debugging.assert_rank(x, 2)
    with tf.Session() as sess:
        sess.run(check, {x: np.zeros((2, 2))})
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(check, {x: np.zeros(3)})


def test_tf_print_builds_tensorflows_string_format_and_print_ops(tmp_path):
    x = tf.constant([1, 2, 3, 4])
    op = tf.print("has {} in it", {"b": x, "a": [x, "s", 3]}, tf.SparseTensor([[0]], [1.0], [2]),
                  name="pp")
    fmt = op.inputs[0].op
    assert (op.name, op.type, fmt.name, fmt.type) == ("pp", "PrintV2", "pp_format", "StringFormat")
    placeholder = fmt.get_attr("placeholder")
    assert placeholder != "{}"                     # "{}" appears in the text, so another one is used
    assert fmt.get_attr("template") == ("has {} in it {'a': [{p}, 's', 3], 'b': {p}} "
                                        "'SparseTensor(indices={p}, values={p}, shape={p})'"
                                        .replace("{p}", placeholder))
    assert (op.get_attr("output_stream"), op.get_attr("end")) == ("stderr", "\n")
    path = tmp_path / "out.txt"
    to_file = tf.print(x, output_stream="file://%s" % path, summarize=1, end="!")
    with tf.Session() as sess:
        sess.run(to_file)
    assert path.read_text() == "[1 ... 4]!"
    assert tf.print(x, output_stream=tf.logging.error).get_attr("output_stream") == "log(error)"
    with pytest.raises(ValueError, match="Unsupported output stream"):
        tf.print(x, output_stream=object())
