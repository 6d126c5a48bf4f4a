"""tf.graph_util: freezing, sub-graph extraction and training-node removal (expected node lists were
observed with TF 2.21 on the same graphs)."""
import numpy as np
import pytest

import varflow as tf
from varflow import graph_util
from varflow.framework.graph_def import AttrValue, GraphDef, NodeDef
from varflow.framework.tensor_proto import make_ndarray

X = np.array([[1.0, -2.0, 0.5], [0.0, 1.0, 2.0]], np.float32)


def _model(use_resource=False):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    with tf.variable_scope("dense"):
        w = tf.get_variable("w", [3, 2], use_resource=use_resource,
                            initializer=tf.constant_initializer(np.arange(6.0).reshape(3, 2)))
        b = tf.get_variable("b", [2], use_resource=use_resource,
                            initializer=tf.constant_initializer([0.5, -1.0]))
    y = tf.nn.relu(tf.matmul(x, w) + b, name="out")
    tf.train.get_or_create_global_step()
    return x, w, b, y


def _nodes(graph_def):
    return [(n.name, n.op, list(n.input)) for n in graph_def.node]


def _freeze(use_resource=False, **kwargs):
    with tf.Graph().as_default():
        x, w, b, y = _model(use_resource)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(b.assign([1.0, 2.0]))          # frozen values are the session's, not initial
            expected = sess.run(y, {x: X})
            frozen = graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["out"],
                                                               **kwargs)
    return frozen, expected


def _run(graph_def):
    with tf.Graph().as_default():
        tf.import_graph_def(graph_def, name="")
        with tf.Session() as sess:
            return sess.run("out:0", {"x:0": X})


def test_freeze_reference_variables():
    frozen, expected = _freeze()
    assert _nodes(frozen) == [
        ("x", "Placeholder", []), ("dense/w", "Const", []), ("dense/w/read", "Identity", ["dense/w"]),
        ("dense/b", "Const", []), ("dense/b/read", "Identity", ["dense/b"]),
        ("MatMul", "MatMul", ["x", "dense/w/read"]), ("add", "AddV2", ["MatMul", "dense/b/read"]),
        ("out", "Relu", ["add"])]
    consts = {n.name: n for n in frozen.node if n.op == "Const"}
    assert sorted(consts["dense/w"].attr) == ["dtype", "value"]
    np.testing.assert_array_equal(make_ndarray(consts["dense/w"].attr["value"].tensor),
                                  np.arange(6.0, dtype=np.float32).reshape(3, 2))
    np.testing.assert_array_equal(make_ndarray(consts["dense/b"].attr["value"].tensor), [1.0, 2.0])
    assert sorted(frozen.node[2].attr) == ["T", "_class"]          # the read keeps its attrs
    np.testing.assert_allclose(_run(frozen), expected)


def test_freeze_survives_serialization_and_import_prefix():
    frozen, expected = _freeze()
    parsed = GraphDef.FromString(frozen.SerializeToString())
    with tf.Graph().as_default():
        out, = tf.import_graph_def(parsed, return_elements=["out:0"], name="frozen")
        assert out.name == "frozen/out:0" and tf.global_variables() == []
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(out, {"frozen/x:0": X}), expected)


def test_freeze_resource_variables():
    frozen, expected = _freeze(use_resource=True)
    assert _nodes(frozen) == [
        ("x", "Placeholder", []), ("dense/w", "Const", []), ("dense/b", "Const", []),
        ("MatMul/ReadVariableOp", "Identity", ["dense/w"]),
        ("MatMul", "MatMul", ["x", "MatMul/ReadVariableOp"]),
        ("add/ReadVariableOp", "Identity", ["dense/b"]),
        ("add", "AddV2", ["MatMul", "add/ReadVariableOp"]), ("out", "Relu", ["add"])]
    read = frozen.node[3]
    assert sorted(read.attr) == ["T"] and read.attr["T"].type == tf.float32.as_datatype_enum
    np.testing.assert_allclose(_run(frozen), expected)


def test_freeze_resource_gather_becomes_gather_v2():
    with tf.Graph().as_default():
        w = tf.get_variable("w", [3, 2], use_resource=True,
                            initializer=tf.constant_initializer(np.arange(6.0).reshape(3, 2)))
        tf.gather(w, [2, 0], name="emb")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["emb"])
    assert _nodes(frozen) == [("w", "Const", []), ("emb/indices", "Const", []),
                              ("emb", "GatherV2", ["w", "emb/indices", "emb/axis"]),
                              ("emb/axis", "Const", [])]          # TF appends the axis at the end
    assert sorted(frozen.node[2].attr) == ["Taxis", "Tindices", "Tparams"]
    with tf.Graph().as_default():
        tf.import_graph_def(frozen, name="")
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run("emb:0"), [[4.0, 5.0], [0.0, 1.0]])


def test_whitelist_and_blacklist():
    frozen, _ = _freeze(variable_names_whitelist=["dense/w"])
    assert [(n.name, n.op) for n in frozen.node][1:4] == [
        ("dense/w", "Const"), ("dense/w/read", "Identity"), ("dense/b", "VariableV2")]
    frozen, _ = _freeze(variable_names_blacklist=["dense/w"])
    assert [(n.name, n.op) for n in frozen.node][1:4] == [
        ("dense/w", "VariableV2"), ("dense/w/read", "Identity"), ("dense/b", "Const")]


def test_scalar_values_use_typed_fields():
    with tf.Graph().as_default():
        tf.Variable(3, name="iv")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["iv/read"])
    tensor = frozen.node[0].attr["value"].tensor
    assert list(tensor.int_val) == [3] and not tensor.tensor_content


def test_freeze_unknown_output():
    with tf.Graph().as_default():
        _model()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            with pytest.raises(AssertionError, match="nope is not in graph"):
                graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["nope"])


def _node(name, op, inputs=(), **attrs):
    return NodeDef(name=name, op=op, input=list(inputs), attr=attrs)


def _colocated(name):
    return AttrValue(list=AttrValue.ListValue(s=[b"loc:@" + name.encode()]))


def test_extract_sub_graph_order_control_and_colocation():
    gd = GraphDef(node=[_node("a", "Const"), _node("unused", "Const"), _node("c", "Const"),
                        _node("v", "Const"), _node("b", "Identity", ["a:0", "^c"], _class=_colocated("v")),
                        _node("d", "Identity", ["b"])])
    sub = graph_util.extract_sub_graph(gd, ["d"])
    assert [n.name for n in sub.node] == ["a", "c", "v", "b", "d"]
    assert sub.node[0] is not gd.node[0]
    with pytest.raises(TypeError, match="dest_nodes must be an iterable of strings"):
        graph_util.extract_sub_graph(gd, "d")
    with pytest.raises(AssertionError, match="d:0 is not in graph"):
        graph_util.extract_sub_graph(gd, ["d:0"])
    with pytest.raises(TypeError, match="graph_def must be a graph_pb2.GraphDef proto"):
        graph_util.extract_sub_graph("notgd", ["d"])


def test_remove_training_nodes():
    # TF 2.21 on this graph: CheckNumerics removed (its uses dropped), plain Identity and
    # StopGradient spliced out; Identities with or used as control edges, or colocated, kept.
    gd = GraphDef(node=[
        _node("x", "Placeholder"), _node("ident", "Identity", ["x"]),
        _node("check", "CheckNumerics", ["ident"]), _node("sw", "Switch", ["x", "x"]),
        _node("sw_t", "Identity", ["sw:1"]), _node("noop", "NoOp", ["^sw_t"]),
        _node("z", "Identity", ["check", "^noop"]), _node("sg", "StopGradient", ["z"]),
        _node("i2", "Identity", ["sw:1"]), _node("loc", "Identity", ["x"]),
        _node("user", "Add", ["i2", "loc"], _class=_colocated("loc")),
        _node("out", "Mul", ["sg", "user"])])
    got = graph_util.remove_training_nodes(gd)
    assert _nodes(got) == [
        ("x", "Placeholder", []), ("sw", "Switch", ["x", "x"]), ("sw_t", "Identity", ["sw:1"]),
        ("noop", "NoOp", ["^sw_t"]), ("z", "Identity", ["^noop"]), ("loc", "Identity", ["x"]),
        ("user", "Add", ["sw:1", "loc"]), ("out", "Mul", ["z", "user"])]
    got = graph_util.remove_training_nodes(gd, protected_nodes=["ident", "sg"])
    assert [n.name for n in got.node] == ["x", "ident", "sw", "sw_t", "noop", "z", "sg", "loc",
                                          "user", "out"]
    assert list(gd.node[6].input) == ["check", "^noop"]          # the input is not modified


def test_must_run_on_cpu_and_tensor_shapes():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        v = tf.Variable(1.0, name="v")
        s = tf.constant("str", name="s")
        i = tf.constant(1, name="ic")
        f = tf.constant(1.0, name="fc")
        c = tf.cast(i, tf.float32, name="cast")
        assert not graph_util.must_run_on_cpu(x.op)
        assert not graph_util.must_run_on_cpu(v.op) and graph_util.must_run_on_cpu(v.op, True)
        assert not graph_util.must_run_on_cpu(g.get_operation_by_name("v/read"), True)
        assert graph_util.must_run_on_cpu(s.op) and graph_util.must_run_on_cpu(i.op)
        assert not graph_util.must_run_on_cpu(f.op)
        assert graph_util.must_run_on_cpu(c.op)
        assert graph_util.must_run_on_cpu(next(n for n in g.as_graph_def().node if n.name == "s"))
        with pytest.raises(AssertionError):
            graph_util.must_run_on_cpu(3)
        assert graph_util.tensor_shape_from_node_def_name(g, "x").as_list() == [None, 3]
        assert graph_util.tensor_shape_from_node_def_name(g, "x:0").as_list() == [None, 3]
        with pytest.raises(KeyError):
            graph_util.tensor_shape_from_node_def_name(g, "nope")


def test_namespace_exports():
    assert graph_util.import_graph_def is tf.import_graph_def
    assert set(graph_util.__all__) == {"convert_variables_to_constants", "extract_sub_graph",
                                       "import_graph_def", "must_run_on_cpu", "remove_training_nodes",
                                       "tensor_shape_from_node_def_name"}


def test_freeze_resource_read_inside_cond():
    # TF 2.21 writes the same nodes (plus `_class` on the Switches): the handle's Switch now
    # carries the value, so its T becomes float and the reads become Identity.
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2], name="x")
        p = tf.placeholder(tf.bool, [], name="p")
        w = tf.get_variable("w", [2], use_resource=True, initializer=tf.constant_initializer([2.0, 3.0]))
        tf.identity(tf.cond(p, lambda: x * w, lambda: x + w, name="c"), name="out")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["out"])
    nodes = {n.name: n for n in frozen.node}
    assert (nodes["c/mul/ReadVariableOp"].op, list(nodes["c/mul/ReadVariableOp"].input)) == \
        ("Identity", ["c/mul/ReadVariableOp/Switch:1"])
    assert nodes["c/mul/ReadVariableOp/Switch"].attr["T"].type == tf.float32.as_datatype_enum
    assert nodes["c/add/ReadVariableOp"].op == "Identity"
    with tf.Graph().as_default():
        tf.import_graph_def(frozen, name="")
        with tf.Session() as sess:
            ones = np.ones(2, np.float32)
            np.testing.assert_array_equal(sess.run("out:0", {"x:0": ones, "p:0": True}), [2.0, 3.0])
            np.testing.assert_array_equal(sess.run("out:0", {"x:0": ones, "p:0": False}), [3.0, 4.0])
