"""Graph, Operation, Tensor, name scopes, collections, control dependencies and conversion (TF 2.21, v1 mode)."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors


def _names(ops):
    return [o.name for o in ops]


# --- name scopes ---------------------------------------------------------------------------------
def test_name_scope_rules():
    out = []
    with tf.name_scope("a") as s:
        out += [s, tf.constant(1).name]
    with tf.name_scope("a") as s:
        out.append(s)
    with tf.name_scope("a/") as s:
        out += [s, tf.constant(1).name]
    with tf.name_scope("a"):
        with tf.name_scope("b") as s:
            out.append(s)
        with tf.name_scope(None) as s:
            out += [s, tf.constant(1).name]
        with tf.name_scope("") as s:
            out.append(s)
        with tf.name_scope("a/b/") as s:
            out.append(s)
    # observed in TF 2.21
    assert out == ["a/", "a/Const:0", "a_1/", "a/", "a/Const_1:0", "a_2/b/", "", "Const:0", "",
                   "a/b/"]


def test_name_scope_default_name_and_get_name_scope():
    got = []
    for name in (None, None, "x"):
        with tf.name_scope(name, "Def", []) as s:
            got.append(s)
    assert got == ["Def/", "Def_1/", "x/"]
    with tf.name_scope("a"):
        with tf.name_scope("b"):
            assert tf.get_default_graph().get_name_scope() == "a/b"


@pytest.mark.parametrize("name", ["_bad", "a b", "-x"])
def test_invalid_root_scope_names(name):
    with pytest.raises(ValueError, match="not a valid root scope name"):
        with tf.name_scope(name):
            pass


def test_nested_scope_names_allow_underscore_but_not_spaces():
    with tf.name_scope("a"):
        with tf.name_scope("_ok") as s:
            assert s == "a/_ok/"
        with tf.name_scope("-ok") as s:
            assert s == "a/-ok/"
        with pytest.raises(ValueError, match="not a valid scope name"):
            with tf.name_scope("b c"):
                pass


@pytest.mark.parametrize("name", ["a b", "_a"])
def test_invalid_op_names(name):
    with pytest.raises(ValueError, match="is not a valid node name"):
        tf.constant(1, name=name)


def test_unique_names():
    assert [tf.constant(1, name=n).name for n in ("c", "c", "c_1", "c", "C")] == \
        ["c:0", "c_1:0", "c_1_1:0", "c_2:0", "C_3:0"]
    g = tf.get_default_graph()
    assert [g.unique_name("foo"), g.unique_name("foo"), g.unique_name("foo", mark_as_used=False),
            g.unique_name("foo"), g.unique_name("Foo")] == ["foo", "foo_1", "foo_2", "foo_2", "Foo_3"]
    tf.constant(1, name="s")
    with tf.name_scope("s") as sc:
        assert (sc, tf.constant(2).name) == ("s_1/", "s_1/Const:0")
    with tf.name_scope("t"):
        pass
    assert tf.constant(1, name="t").name == "t_1:0"


# --- graph ---------------------------------------------------------------------------------------
def test_lookups():
    c = tf.constant(1.0, name="c")
    g = tf.get_default_graph()
    assert g.get_operation_by_name("c") is c.op and g.get_tensor_by_name("c:0") is c
    assert g.as_graph_element("c") is c.op and g.as_graph_element("c:0") is c
    assert _names(g.get_operations()) == ["c"] and g.version == 1


@pytest.mark.parametrize("call,exc,msg", [
    (lambda g: g.get_operation_by_name("nope"), KeyError, "refers to an Operation not in the graph"),
    (lambda g: g.get_tensor_by_name("nope:0"), KeyError, "does not exist in the graph"),
    (lambda g: g.get_tensor_by_name("c"), ValueError, "refers to an Operation, not a Tensor.*'c:0'"),
    (lambda g: g.get_operation_by_name("c:0"), ValueError, "appears to refer to a Tensor"),
    (lambda g: g.get_tensor_by_name("c:1"), KeyError, "exists but only has 1 outputs"),
    (lambda g: g.get_tensor_by_name("c:x"), ValueError, "not a valid one"),
    (lambda g: g.as_graph_element(3), TypeError, "Can not convert a int into a Tensor or Operation"),
    (lambda g: g.as_graph_element(g.get_tensor_by_name("c:0"), allow_tensor=False), TypeError,
     "into a Operation"),
])
def test_lookup_errors(call, exc, msg):
    tf.constant(1.0, name="c")
    with pytest.raises(exc, match=msg):
        call(tf.get_default_graph())


def test_lookup_suggests_close_names():
    tf.constant(1.0, name="logits")
    with pytest.raises(KeyError, match="Did you mean: 'logits'"):
        tf.get_default_graph().get_operation_by_name("logit")


def test_element_of_other_graph():
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(1.0)
    with pytest.raises(ValueError, match="is not an element of this graph"):
        tf.get_default_graph().as_graph_element(c)
    with pytest.raises(ValueError, match="must be from the same graph"):
        c + tf.constant(2.0)


def test_default_graph_and_reset():
    g = tf.Graph()
    with g.as_default() as gg:
        assert gg is g and tf.get_default_graph() is g
        with pytest.raises(AssertionError):
            tf.reset_default_graph()
    assert tf.get_default_graph() is not g
    old = tf.get_default_graph()
    tf.reset_default_graph()
    assert tf.get_default_graph() is not old


def test_finalize():
    g = tf.Graph()
    g.finalize()
    assert g.finalized
    with g.as_default(), pytest.raises(RuntimeError, match="Graph is finalized and cannot be modified"):
        tf.constant(1.0)


# --- collections ---------------------------------------------------------------------------------
def test_get_collection_scope_uses_re_match():
    a, b, c = (tf.constant(1, name=n) for n in ("scope1/a", "scope2/b", "xscope1/c"))
    for t in (a, b, c):
        tf.add_to_collection("k", t)
    tf.add_to_collection("k", 5)
    assert tf.get_collection("k")[-1] == 5 and len(tf.get_collection("k")) == 4
    assert _names(tf.get_collection("k", "scope1")) == ["scope1/a:0"]
    assert _names(tf.get_collection("k", "scope")) == ["scope1/a:0", "scope2/b:0"]
    assert _names(tf.get_collection("k", ".*scope1")) == ["scope1/a:0", "xscope1/c:0"]
    assert tf.get_collection("missing") == [] and tf.get_collection("missing", "x") == []


def test_collection_ref_keys_and_clear():
    g = tf.get_default_graph()
    tf.get_collection_ref("k").append(1)
    tf.get_collection("k").append(2)            # a copy
    assert tf.get_collection("k") == [1]
    tf.add_to_collection("a", 1)
    tf.add_to_collections(["b", "c"], 2)
    tf.add_to_collections(["b", "b"], 3)        # a repeated key adds once
    tf.get_collection_ref("d")
    tf.get_collection("e")                      # reading does not create
    assert sorted(g.get_all_collection_keys()) == ["a", "b", "c", "d", "k"]
    assert tf.get_collection("b") == [2, 3]
    g.clear_collection("a")
    assert tf.get_collection("a") == [] and "a" not in g.get_all_collection_keys()
    assert tf.Graph().get_collection("k") == []


def test_graph_keys():
    K = tf.GraphKeys
    assert (K.GLOBAL_VARIABLES, K.TRAINABLE_VARIABLES, K.UPDATE_OPS, K.LOSSES, K.VARIABLES,
            K.LOCAL_VARIABLES, K.REGULARIZATION_LOSSES, K.TABLE_INITIALIZERS, K.SUMMARIES) == (
        "variables", "trainable_variables", "update_ops", "losses", "variables",
        "local_variables", "regularization_losses", "table_initializer", "summaries")


# --- operations and tensors ----------------------------------------------------------------------
def test_tensor_and_operation_attributes():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = x * 2
    assert (x.name, x.dtype, x.op.name, x.op.type, x.value_index) == ("x:0", tf.float32, "x",
                                                                      "Placeholder", 0)
    assert x.graph is tf.get_default_graph() and x.op.graph is x.graph
    assert _names(x.consumers()) == ["mul"] and y.op.inputs[0] is x and y.op.outputs[0] is y
    assert x.device == "" and y.op.control_inputs == []
    assert x.op.get_attr("dtype") == tf.float32 and x.op.get_attr("shape") == [None, 3]
    with pytest.raises(ValueError, match="has no attr named 'nope'"):
        x.op.get_attr("nope")
    assert repr(x) == "<tf.Tensor 'x:0' shape=(?, 3) dtype=float32>"
    assert str(x) == 'Tensor("x:0", shape=(?, 3), dtype=float32)'
    assert repr(x.op) == "<tf.Operation 'x' type=Placeholder>"
    assert x.op.node_def.name == "x" and x.op.node_def.op == "Placeholder"


def test_tensor_refuses_python_control_flow():
    x = tf.constant([1, 2])
    with pytest.raises(errors.OperatorNotAllowedInGraphError):
        bool(x)
    with pytest.raises(TypeError):                   # OperatorNotAllowedInGraphError is a TypeError
        iter(x)
    with pytest.raises(TypeError, match="len is not well defined"):
        len(x)
    y = tf.constant([1, 2])
    assert x == x and not (x == y) and x != y and {x: 1}[x] == 1


def test_operation_run_and_eval_need_a_session():
    with pytest.raises(ValueError, match="Cannot execute operation using `run\\(\\)`"):
        tf.no_op().run()
    with pytest.raises(ValueError, match="Cannot evaluate tensor using `eval\\(\\)`"):
        tf.constant(1).eval()


# --- conversion ----------------------------------------------------------------------------------
def test_convert_to_tensor_dtypes():
    c = tf.convert_to_tensor
    assert [c(1).dtype, c(1.0).dtype, c([1, 2]).dtype, c(np.float64(1)).dtype, c("s").dtype,
            c(True).dtype, c(1, dtype=tf.float32).dtype, c(1, preferred_dtype=tf.float32).dtype,
            c(1.5, preferred_dtype=tf.int32).dtype, c(2**40).dtype, c(1j).dtype] == [
        tf.int32, tf.float32, tf.int32, tf.float64, tf.string, tf.bool, tf.float32, tf.float32,
        tf.float32, tf.int64, tf.complex128]
    tf.reset_default_graph()
    assert c(1).name == "Const:0" and c(1, name="foo").name == "foo:0"
    with pytest.raises(ValueError, match="requested dtype float32 for Tensor with dtype int32"):
        c(tf.constant(1), dtype=tf.float32)
    with pytest.raises(TypeError, match="Expected int32"):
        c(1.5, dtype=tf.int32)
    with pytest.raises(TypeError):
        c(object())
    packed = c([tf.constant(1.0), tf.constant(2.0)])
    assert packed.shape.as_list() == [2]
    assert tf.is_tensor(packed) and not tf.is_tensor(1) and not tf.is_tensor(np.ones(1))


def test_register_tensor_conversion_function():
    class Point:
        def __init__(self, v):
            self.v = v

    def conv(value, dtype=None, name=None, as_ref=False):
        return tf.constant(value.v, dtype=dtype, name=name)

    tf.register_tensor_conversion_function(Point, conv)
    t = tf.convert_to_tensor(Point(3.0))
    assert t.dtype == tf.float32 and t.op.type == "Const"
    assert (tf.constant(1.0) + Point(2.0)).dtype == tf.float32
    with pytest.raises(TypeError):
        tf.register_tensor_conversion_function(np.ndarray, conv)


# --- control dependencies, group, tuple ---------------------------------------------------------
def test_control_dependencies_nesting_and_none():
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.control_dependencies([a]):
        c = tf.identity(b, name="c")
        with tf.control_dependencies([b]):
            d = tf.identity(b, name="d")
            e = tf.constant(3.0, name="e")
        with tf.control_dependencies(None):
            f = tf.constant(4.0, name="f")
            with tf.control_dependencies([b]):
                g = tf.constant(4.0, name="g")
    # observed in TF 2.21
    assert [_names(x.op.control_inputs) for x in (c, d, e, f, g)] == \
        [["a"], ["a"], ["a", "b"], [], ["b"]]


def test_control_dependencies_skip_redundant_deps():
    a = tf.constant(1.0, name="a")
    with tf.control_dependencies([a]):
        b = tf.constant(2.0, name="b")
        c = tf.identity(b, name="c")          # depends on b, created inside: no extra dep
        d = tf.add(b, a, name="d")
        e = tf.identity(a, name="e")          # a is a data input already
    with tf.control_dependencies([a, a]):
        with tf.control_dependencies([a]):
            f = tf.constant(1.0, name="f")
    assert [_names(x.op.control_inputs) for x in (b, c, d, e, f)] == [["a"], [], [], [], ["a"]]


@pytest.mark.parametrize("bad", [[1], [None]])
def test_control_dependencies_bad_inputs(bad):
    with pytest.raises(TypeError, match="Can not convert a"):
        with tf.control_dependencies(bad):
            pass


def test_group_no_op_identity_tuple():
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    g = tf.group(a, b)
    assert (g.name, g.type, _names(g.control_inputs)) == ("group_deps", "NoOp", ["a", "b"])
    assert tf.group(a, b, name="mygroup").name == "mygroup"
    assert _names(tf.group([a, [b]]).control_inputs) == ["a", "b"]
    assert (tf.no_op().name, tf.no_op(name="x").name, tf.no_op().type) == ("NoOp", "x", "NoOp")
    assert (tf.identity(a).name, tf.identity(a, name="i").name) == ("Identity:0", "i:0")
    t = tf.tuple([a, None, b])
    assert t[1] is None and isinstance(t, list) and len(t[0].op.control_inputs) == 1


# --- devices, colocation, container --------------------------------------------------------------
def test_device_strings_are_canonicalised():
    specs = ["/gpu:1", "/job:ps/task:0", "/cpu:0", "/device:GPU:*", "gpu:0",
             "/job:worker/replica:1/task:2/device:CPU:3", "", "/GPU:0"]
    got = []
    for i, spec in enumerate(specs):
        with tf.device(spec):
            got.append(tf.constant(1, name="c%d" % i).device)
    assert got == ["/device:GPU:1", "/job:ps/task:0", "/device:CPU:0", "/device:GPU:*",
                   "/device:GPU:0", "/job:worker/replica:1/task:2/device:CPU:3", "",
                   "/device:GPU:0"]


def test_device_nesting_merges_fields():
    with tf.device("/job:ps"):
        with tf.device("/gpu:1"):
            a = tf.constant(1, name="a")
            with tf.device("/task:2"):
                b = tf.constant(1, name="b")
            with tf.device(None):
                c = tf.constant(1, name="c")
            with tf.device("/job:worker/cpu:0"):
                d = tf.constant(1, name="d")
            with tf.device(""):
                e = tf.constant(1, name="e")
    assert [x.device for x in (a, b, c, d, e)] == [
        "/job:ps/device:GPU:1", "/job:ps/task:2/device:GPU:1", "", "/job:worker/device:CPU:0",
        "/job:ps/device:GPU:1"]


def test_device_functions():
    def fn(op):
        return "/gpu:0" if op.type == "Const" else "/cpu:0"

    with tf.device(fn):
        a = tf.constant(1, name="a")
        b = tf.identity(a)
        with tf.device("/job:ps"):
            c = tf.constant(1, name="c")
    # observed in TF 2.21: the function's string is kept as written and overrides the inner scope
    assert [a.device, b.device, c.device] == ["/gpu:0", "/cpu:0", "/gpu:0"]
    with tf.device(lambda op: tf.DeviceSpec(job="ps", task=1)):
        assert tf.constant(1).device == "/job:ps/task:1"
    with tf.device(tf.DeviceSpec(device_type="GPU", device_index=0)):
        assert tf.constant(1).device == "/device:GPU:0"
    with pytest.raises(ValueError, match="Unknown attribute 'foo'"):
        with tf.device("/foo:1"):
            pass


def test_colocate_with():
    with tf.device("/gpu:1"):
        a = tf.constant(1, name="a")
    with tf.device("/cpu:0"):
        with tf.colocate_with(a):
            b = tf.constant(1, name="b")
            with tf.device("/job:ps"):
                c = tf.constant(1, name="c")
    assert b.device == "/device:GPU:1" and b.op.colocation_groups() == [b"loc:@a"]
    assert c.device == "/device:GPU:1" and c.op.get_attr("_class") == [b"loc:@a"]  # as TF 2.21
    assert a.op.colocation_groups() == [b"loc:@a"]
    b0 = tf.constant(1, name="b0")
    with tf.colocate_with(a):
        with tf.colocate_with(b0, ignore_existing=True):
            d = tf.constant(1, name="d")
        with tf.colocate_with(b0):
            e = tf.constant(1, name="e")
    assert d.op.colocation_groups() == [b"loc:@b0"]
    assert e.op.colocation_groups() == [b"loc:@a", b"loc:@b0"]
    with pytest.raises(ValueError):
        with tf.colocate_with(None):
            pass


def test_container_scope():
    g = tf.get_default_graph()
    with tf.container("exp") as name:
        assert name == "exp" and g._container == "exp"
    assert g._container == ""


def test_scope_name_checks_hold_after_the_name_was_used():
    with tf.name_scope("outer"):
        with tf.name_scope("_inner") as s:        # valid nested, not at the root
            assert s == "outer/_inner/"
    with tf.name_scope("plain"):
        pass
    with pytest.raises(ValueError, match="not a valid root scope name"):
        with tf.name_scope("_inner"):
            pass
    with tf.name_scope("outer"), tf.name_scope("plain") as s:
        assert s == "outer_1/plain/"


def test_colocate_with_none_needs_ignore_existing_and_stacks_come_back():
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        with pytest.raises(ValueError, match="ignore_existing"):
            with tf.colocate_with(None):
                pass
        with pytest.raises(RuntimeError):
            with tf.device("/cpu:0"), tf.colocate_with(a):
                assert g._device_stack == [] and g._colocation_stack == [a.op]
                raise RuntimeError("inside")
        assert g._colocation_stack == [] and g._device_stack == []
        with tf.colocate_with(a), tf.colocate_with(None, ignore_existing=True):
            b = tf.constant(2.0, name="b")
        assert b.op.colocation_groups() == [b"loc:@b"]


def test_init_scope_leaves_control_dependencies_and_restores_them():
    from varflow.variables.variables import init_scope
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        with tf.control_dependencies([a]):
            with init_scope():
                free = tf.constant(2.0, name="free")
            bound = tf.constant(3.0, name="bound")
        assert free.op.control_inputs == [] and bound.op.control_inputs == [a.op]


def test_init_scope_and_colocate_with_decorate_functions_as_in_tf():
    from varflow.variables.variables import init_scope
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")

        @init_scope()
        def build(name):
            return tf.constant(2.0, name=name)

        @tf.colocate_with(a)
        def near_a():
            return tf.constant(3.0, name="near")

        with tf.control_dependencies([a]):
            free = build("free")
            again = build("again")
        assert free.op.control_inputs == [] and again.op.control_inputs == []
        assert near_a().op.colocation_groups() == [b"loc:@a"]
        assert g._colocation_stack == []
