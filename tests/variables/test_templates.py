"""tf.make_template: variable sharing across calls, scope and op names (names observed in TF 2.21)."""
import numpy as np
import pytest

import varflow as tf
from varflow.variables.template import Template, make_template


@pytest.fixture(autouse=True)
def _fresh_graph():
    with tf.Graph().as_default():
        yield


def _lin(x, k=2.0):
    w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    return x * w * k


def test_first_call_creates_later_calls_reuse():
    t = make_template("lin", _lin, k=3.0)
    assert isinstance(t, Template) and t.name == "lin" and t.variable_scope is None
    assert t.variables == [] and t.variable_scope_name is None
    x = tf.constant([1.0, 2.0])
    y1, y2 = t(x), t(x)
    assert (y1.name, y2.name) == ("lin/mul_1:0", "lin_1/mul_1:0")
    assert t.variable_scope.name == "lin" and t.var_scope is t.variable_scope
    assert t.variable_scope_name == "lin/"
    assert [v.name for v in t.variables] == ["lin/w:0"]
    assert [v.name for v in t.trainable_variables] == ["lin/w:0"]
    assert [v.name for v in t.global_variables] == ["lin/w:0"]
    assert t.local_variables == [] and t.non_trainable_variables == []
    assert len(tf.global_variables()) == 1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run([y1, y2]), [[3.0, 6.0], [3.0, 6.0]])


def test_second_template_same_name_gets_unique_scope():
    x = tf.constant([1.0, 2.0])
    make_template("lin", _lin)(x)
    t2 = make_template("lin", _lin)
    assert t2(x).name == "lin_1/mul_1:0"
    assert t2.variable_scope.name == "lin_1"
    assert [v.name for v in t2.variables] == ["lin_1/w:0"]


def test_new_variable_on_later_call_raises():
    n = [0]

    def g(x):
        n[0] += 1
        return tf.get_variable("v%d" % n[0], [1]) * x

    t = make_template("g", g)
    t(tf.constant([1.0]))
    with pytest.raises(ValueError, match="(?s)Variable g/v2 does not exist.*originally defined at"):
        t(tf.constant([1.0]))


def test_tf_variable_on_later_call_raises():
    t = make_template("h", lambda: tf.Variable(1.0, name="v"))
    t()
    with pytest.raises(ValueError, match="(?s)Trainable variable created when calling a template after "
                                         "the first time.*h_1/v"):
        t()


def test_non_trainable_tf_variable_later_is_allowed():
    t = make_template("h2", lambda: tf.Variable(1.0, name="v", trainable=False))
    t()
    assert t().name == "h2_1/v:0"
    assert [v.name for v in tf.global_variables()] == ["h2/v:0", "h2_1/v:0"]


def test_name_scopes_follow_the_caller():
    t = make_template("ns", lambda x: x * tf.get_variable("w", [2], initializer=tf.ones_initializer()))
    with tf.name_scope("a"):
        y = t(tf.constant([1.0, 2.0]))
    assert y.name == "a/ns/mul:0"
    ops = [o.name for o in tf.get_default_graph().get_operations() if "ns" in o.name]
    assert ops == ["a/Const", "ns/w/Initializer/ones", "ns/w", "ns/w/Assign", "ns/w/read", "a/ns/mul"]
    with tf.name_scope("b"):
        assert t(tf.constant([1.0, 2.0])).name == "b/ns/mul:0"


def test_create_scope_now():
    x = tf.constant([1.0, 2.0])
    t = make_template("now", _lin, create_scope_now_=True)
    assert t.variable_scope.name == "now" and t.variable_scope.original_name_scope == "now"
    with tf.name_scope("outer"):
        assert t(x).name == "outer/now/mul_1:0"
        assert t(x).name == "outer/now_1/mul_1:0"
    assert [v.name for v in t.variables] == ["now/w:0"]
    t2 = make_template("now", _lin, create_scope_now_=True)
    assert t2.variable_scope.name == "now_1"


def test_unique_name():
    t = make_template("ignored", _lin, unique_name_="uniq")
    assert t(tf.constant([1.0, 2.0])).name == "uniq/mul_1:0"
    assert [v.name for v in t.variables] == ["uniq/w:0"] and t.name == "ignored"


def test_nested_templates():
    x = tf.constant([1.0, 2.0])
    inner = make_template("inner", _lin)
    outer = make_template("outer", lambda x: inner(x) + inner(x))
    with tf.name_scope("s"):
        pass
    assert outer(x).name == "outer/add:0"
    assert outer(x).name == "outer_1/add:0"
    assert [v.name for v in outer.variables] == ["outer/inner/w:0"]
    assert [v.name for v in inner.variables] == ["outer/inner/w:0"]
    assert len(tf.global_variables()) == 1


def test_custom_getter_sees_every_call():
    seen = []

    def cg(getter, name, *a, **kw):
        seen.append(name)
        return getter(name, *a, **kw)

    t = make_template("cgt", _lin, custom_getter_=cg)
    t(tf.constant([1.0, 2.0]))
    t(tf.constant([1.0, 2.0]))
    assert seen == ["cgt/w", "cgt/w"]


def test_inside_variable_scope_and_locals():
    x = tf.constant([1.0, 2.0])
    with tf.variable_scope("vs"):
        t = make_template("t7", _lin)
        assert t(x).name == "vs/t7/mul_1:0"
    assert t(x).name == "t7/mul_1:0"
    assert [v.name for v in t.variables] == ["vs/t7/w:0"]

    def loc(x):
        return tf.get_local_variable("lv", [1]) + tf.get_variable("gv", [1], trainable=False)

    t8 = make_template("loc", loc)
    t8(x)
    assert [v.name for v in t8.local_variables] == ["loc/lv:0"]
    assert [v.name for v in t8.global_variables] == ["loc/gv:0"]
    assert t8.trainable_variables == []
    assert [v.name for v in t8.non_trainable_variables] == ["loc/gv:0"]


def test_name_none():
    with pytest.raises(ValueError, match="name cannot be None"):
        make_template(None, lambda: 1)


def test_other_errors_keep_their_class_and_gain_the_site():
    def bad(x):
        tf.get_variable("w", [2])
        raise TypeError("boom")

    t = make_template("bad", bad)
    with pytest.raises(TypeError, match="(?s)boom.*originally defined at.*test_templates.py"):
        t(tf.constant([1.0, 2.0]))
