"""tf.import_graph_def: varflow -> GraphDef -> varflow round trips, TF1's naming, input_map, return_elements,
attr conversion and errors (behaviours checked against TensorFlow 2.21's compat.v1 importer)."""
import os

import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.framework.graph_def import AttrValue, GraphDef, NodeDef
from varflow.framework.importer import OpTypeNotRegisteredError, import_graph_def
from varflow.framework.tensor_proto import make_tensor_proto, shape_proto

CROSSCHECK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "crosscheck")


# --- helpers -------------------------------------------------------------------------------------
def _reimport(graph, name="", add_shapes=False, serialize=True, **kwargs):
    """A fresh graph holding `graph`'s GraphDef (serialized and parsed back) imported under `name`."""
    data = graph.as_graph_def(add_shapes=add_shapes)
    if serialize:
        data = data.SerializeToString()
    new = tf.Graph()
    with new.as_default():
        result = tf.import_graph_def(data, name=name, **kwargs)
    return new, result


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _same_value(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        return a.tolist() == b.tolist() if a.dtype == object or a.dtype.names else \
            bool(np.array_equal(a, b, equal_nan=True))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


# attrs some varflow wrappers leave out where others write TF's default (the importer writes the default)
_DEFAULTED = {"use_cudnn_on_gpu", "Index", "validate_shape"}


def _attrs(op) -> dict:
    return {k: v for k, v in op._attrs.items() if not k.startswith("_") or k == "_class"}


def _differences(old, new, prefix="") -> list:
    """How `new` (imported under `prefix`) differs from `old`: ops, types, inputs, controls, devices,
    colocation, attrs, output dtypes and shapes."""
    out = []
    p = prefix + "/" if prefix else ""
    if [p + o.name for o in old.get_operations()] != [o.name for o in new.get_operations()]:
        names = {o.name for o in new.get_operations()}
        out += ["missing %s" % o.name for o in old.get_operations() if p + o.name not in names]
    for a in old.get_operations():
        b = new._by_name.get(p + a.name)
        if b is None:
            continue
        what = "%s (%s)" % (a.name, a.type)
        if b.type != a.type:
            out.append("%s: type %s" % (what, b.type))
        if [p + t.name for t in a.inputs] != [t.name for t in b.inputs]:
            out.append("%s: inputs %s" % (what, [t.name for t in b.inputs]))
        if [p + c.name for c in a.control_inputs] != [c.name for c in b.control_inputs]:
            out.append("%s: control inputs %s" % (what, [c.name for c in b.control_inputs]))
        if a.device != b.device:
            out.append("%s: device %r != %r" % (what, a.device, b.device))
        if [(t.dtype, _shape(t)) for t in a.outputs] != [(t.dtype, _shape(t)) for t in b.outputs]:
            out.append("%s: outputs %s != %s" % (what, [(t.dtype, _shape(t)) for t in a.outputs],
                                                 [(t.dtype, _shape(t)) for t in b.outputs]))
        ka, kb = _attrs(a), _attrs(b)
        if "_class" in ka:
            ka["_class"] = [("loc:@" + p + g.decode()[5:]).encode() for g in ka["_class"]]
        for key in _DEFAULTED:
            if key not in ka:
                kb.pop(key, None)
        if sorted(ka) != sorted(kb):
            out.append("%s: attrs %s != %s" % (what, sorted(ka), sorted(kb)))
        else:
            out += ["%s: attr %s %r != %r" % (what, k, ka[k], kb[k]) for k in ka if not _same_value(ka[k], kb[k])]
    return out


def _node(name, op, inputs=(), device="", **attrs):
    node = NodeDef(name=name, op=op, input=list(inputs), device=device)
    for key, value in attrs.items():
        node.attr[key] = value
    return node


def _const(name, value, dtype=np.float32):
    arr = np.asarray(value, dtype)
    return _node(name, "Const", value=AttrValue(tensor=make_tensor_proto(arr)),
                 dtype=AttrValue(type=tf.as_dtype(arr.dtype).as_datatype_enum))


def _f32():
    return AttrValue(type=tf.float32.as_datatype_enum)


def _gd(*nodes) -> GraphDef:
    return GraphDef(node=list(nodes))


def _small_graph():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        y = tf.identity(x * 2.0, name="y")
        with tf.control_dependencies([y]):
            tf.add(x, 1.0, name="z")
    return g


# --- round trips ---------------------------------------------------------------------------------------
def _broad_model():
    """Math, array, nn (conv, pools, softmax, cross-entropy), reductions, a cond, variables and Adam."""
    img = tf.placeholder(tf.float32, [None, 6, 6, 2], name="img")
    labels = tf.placeholder(tf.int32, [None], name="labels")
    flag = tf.placeholder_with_default(True, [], name="flag")
    kernel = tf.get_variable("conv/kernel", initializer=np.linspace(-1, 1, 36, dtype=np.float32).reshape(3, 3, 2, 2))
    conv = tf.nn.relu(tf.nn.conv2d(img, kernel, [1, 1, 1, 1], "SAME"))
    with tf.device("/cpu:0"):
        pooled = tf.nn.max_pool(conv, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    avg = tf.nn.avg_pool(conv, [1, 3, 3, 1], [1, 1, 1, 1], "SAME", name="avg")
    flat = tf.reshape(pooled, [-1, 18])
    w = tf.Variable(np.linspace(-0.5, 0.5, 54, dtype=np.float32).reshape(18, 3), name="w")
    b = tf.get_variable("b", [3], initializer=tf.constant_initializer(0.1))
    logits = tf.matmul(flat, w) + b
    logits = tf.cond(flag, lambda: logits * 2.0, lambda: tf.abs(logits), name="cond")
    tf.nn.softmax(logits, name="probs")
    tf.nn.log_softmax(logits, axis=0, name="log_probs_axis0")
    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    dense = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.one_hot(labels, 3), logits=logits)
    loss = tf.add_n([tf.reduce_mean(xent), tf.reduce_mean(dense), 0.01 * tf.nn.l2_loss(w)], name="loss")
    stats = tf.stack([tf.reduce_max(avg), tf.reduce_min(conv), tf.reduce_sum(tf.square(flat)),
                      tf.cast(tf.argmax(tf.reshape(avg, [-1]), output_type=tf.int32), tf.float32),
                      tf.reduce_prod(tf.sigmoid(b)), tf.reduce_mean(tf.tanh(tf.transpose(flat)))], name="stats")
    parts = tf.split(tf.concat([flat, flat * 0.5], axis=1), 4, axis=1)
    tf.identity(tf.gather(parts[3], [0, 0]) + tf.expand_dims(tf.range(9, dtype=tf.float32), 0), name="array")
    step = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=step, name="train")
    with tf.control_dependencies([train]):
        tf.identity(loss, name="loss_after")
    tf.global_variables_initializer()
    tf.train.Saver()
    return stats


def _feed(prefix=""):
    img = np.sin(np.arange(2 * 6 * 6 * 2, dtype=np.float32)).reshape(2, 6, 6, 2)
    return {prefix + "img:0": img, prefix + "labels:0": np.array([1, 2], np.int32)}


def _train_and_fetch(sess, prefix=""):
    fetch = [prefix + n for n in ("probs:0", "log_probs_axis0:0", "stats:0", "array:0", "loss:0")]
    sess.run(prefix + "init")
    losses = [sess.run(prefix + "loss_after:0", _feed(prefix)) for _ in range(3)]
    eval_feed = dict(_feed(prefix), **{prefix + "flag:0": False})
    return [losses] + sess.run(fetch, _feed(prefix)) + sess.run(fetch[:1], eval_feed)


def test_round_trip_keeps_every_op_and_computes_the_same():
    _broad_model()
    g = tf.get_default_graph()
    with tf.Session() as sess:
        want = _train_and_fetch(sess)
    for name in ("", "imported"):
        new, result = _reimport(g, name=name, add_shapes=True)
        assert result is None
        assert _differences(g, new, name) == []
        with tf.Session(graph=new) as sess:
            got = _train_and_fetch(sess, name + "/" if name else "")
        for a, b in zip(want, got):
            np.testing.assert_array_equal(a, b)


def test_round_trip_attrs_are_varflows_representation():
    _broad_model()
    new, _ = _reimport(tf.get_default_graph())
    conv = new.get_operation_by_name("Conv2D")
    assert conv.get_attr("padding") == "SAME" and conv.get_attr("data_format") == "NHWC"
    assert conv.get_attr("strides") == [1, 1, 1, 1] and "T" not in conv._attrs
    assert new.get_operation_by_name("probs").get_attr("axis") == -1      # TF's Softmax has no axis
    cast = [op for op in new.get_operations() if op.type == "Cast"][0]
    assert cast.get_attr("SrcT") == tf.int32 and cast.get_attr("DstT") == tf.float32
    var = new.get_operation_by_name("w")
    assert var.get_attr("shape") == tf.TensorShape([18, 3]) and var.get_attr("dtype") == tf.float32
    value = new.get_operation_by_name("w/initial_value").get_attr("value")
    assert isinstance(value, np.ndarray) and not value.flags.writeable
    assert new.get_operation_by_name("train/update_w/ApplyAdam").get_attr("use_locking") is False
    assert new.get_operation_by_name("w/read").colocation_groups() == [b"loc:@w"]
    assert new.get_operation_by_name("MaxPool").device == "/device:CPU:0"


def _crosscheck_cases():
    return sorted(f[:-3] for f in os.listdir(os.path.join(CROSSCHECK, "cases"))
                  if f.endswith(".py") and not f.startswith("_"))


@pytest.mark.parametrize("case", _crosscheck_cases())
def test_every_crosscheck_graph_round_trips(case, tmp_path, monkeypatch):
    """Each cross-check program's graph (built by varflow) survives export and import unchanged, or names
    the node varflow cannot import (ops holding Python objects)."""
    monkeypatch.syspath_prepend(CROSSCHECK)
    monkeypatch.chdir(tmp_path)
    from observe import observe

    observe(tf, case)
    g = tf.get_default_graph()
    try:
        new, _ = _reimport(g, add_shapes=True, serialize=False)
    except ValueError as e:
        if "_output_shapes attribute inconsistent" in str(e):
            raise
        python_ops = {"PrintV2", "While", "WhileGrad", "IteratorGetNext", "MakeIterator", "PyFunc"}
        blocking = [op for op in g.get_operations() if op.type in python_ops]
        assert blocking and "Node '%s'" % blocking[0].name in str(e), str(e)
        return
    assert _differences(g, new) == []


def test_the_importer_is_tf_import_graph_def():
    assert tf.import_graph_def is import_graph_def
    assert tf.compat.v1.import_graph_def is import_graph_def


# --- arguments -------------------------------------------------------------------------------------------
def test_graph_def_message_or_serialized_bytes_else_type_error():
    gd = _small_graph().as_graph_def()
    assert len(tf.import_graph_def(gd, return_elements=["x", "y"])) == 2
    assert len(tf.import_graph_def(gd.SerializeToString(), return_elements=["x", "y"])) == 2
    for bad in (42, "x", None, [gd]):
        with pytest.raises(TypeError, match="Argument `graph_def` must be a GraphDef proto."):
            tf.import_graph_def(bad)


def test_return_elements_in_order_and_errors_as_tf():
    gd = _small_graph().as_graph_def()
    y, z, x = tf.import_graph_def(gd, return_elements=["y:0", "z", "x:0"])
    assert (y.name, z.name, x.name) == ("import/y:0", "import/z", "import/x:0")
    assert isinstance(y, tf.Tensor) and isinstance(z, tf.Operation)
    assert z.type == "AddV2" and y.shape.as_list() == [None, 3]
    assert tf.import_graph_def(gd) is None and tf.import_graph_def(gd, return_elements=[]) == []
    for names, message in ((["nope:0"], "Requested return tensor 'nope:0' not found in graph def"),
                           (["nope"], "Requested return node 'nope' not found in graph def"),
                           (["^y"], "Requested return node '\\^y' not found in graph def"),
                           (["y:3"], "Invalid return output 3 of node 'y', which has 1 output\\(s\\)")):
        with pytest.raises(ValueError, match=message):
            tf.import_graph_def(gd, return_elements=names)


# --- names ----------------------------------------------------------------------------------------------
def test_prefix_default_uniquified_scoped_and_reused():
    gd = _small_graph().as_graph_def()
    tf.import_graph_def(gd)
    tf.import_graph_def(gd)
    tf.constant(1.0, name="import_2")         # an op name takes the scope name too
    tf.import_graph_def(gd)
    with tf.name_scope("outer"):
        tf.import_graph_def(gd, name="imp")
        tf.import_graph_def(gd, name="")      # "" is the root, whatever the scope
    tf.import_graph_def(gd, name="imp2/")
    tf.import_graph_def(gd, name="imp2/")     # a reused scope: taken names get _1 (TF's importer)
    names = [op.name for op in tf.get_default_graph().get_operations()]
    for prefix in ("import/", "import_1/", "import_3/", "outer/imp/", "", "imp2/"):
        assert [prefix + n for n in ("x", "mul/y", "mul", "y", "z/y", "z")] == \
            [n for n in names if n.startswith(prefix) and n[len(prefix):] in ("x", "mul/y", "mul", "y", "z/y", "z")][:6]
    assert [n for n in names if n.startswith("imp2/")][6:] == ["imp2/x_1", "imp2/mul/y_1", "imp2/mul_1", "imp2/y_1",
                                                              "imp2/z/y_1", "imp2/z_1"]
    op = tf.get_default_graph().get_operation_by_name("import_1/z/y")
    assert [c.name for c in op.control_inputs] == ["import_1/y"]
    assert [t.name for t in tf.get_default_graph().get_operation_by_name("import_1/z").inputs] == \
        ["import_1/x:0", "import_1/z/y:0"]


def test_root_import_uniquifies_taken_names_as_tf():
    gd = _gd(_node("x", "NoOp"), _node("x_1", "NoOp"), _node("a", "NoOp"), _node("X", "NoOp"))
    g = tf.get_default_graph()
    tf.no_op(name="x")
    tf.no_op(name="A")
    tf.no_op(name="a_scope/b")
    tf.import_graph_def(gd, name="")
    # x is taken, x_1 is the GraphDef's own: x_2; names differing in case are other names (as in TF's C++)
    assert [op.name for op in g.get_operations()][3:] == ["x_2", "x_1", "a", "X"]
    tf.import_graph_def(_gd(_node("a_scope", "NoOp")), name="")       # a name used as a scope is taken
    assert g.get_operations()[-1].name == "a_scope_1"
    # imported names are in use for later ops (case-insensitively, as Python's unique_name)
    assert tf.no_op(name="x_1").name == "x_1_1" and tf.no_op(name="X").name == "X_3"


def test_devices_colocation_and_control_dependency_scopes():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [], name="x")
        with tf.device("/job:ps/task:1"):
            y = tf.identity(x * 2.0, name="y")
        v = tf.Variable(1.0, name="v")
    gd = g.as_graph_def()
    k = tf.no_op(name="k")
    with tf.device("/device:GPU:0"), tf.control_dependencies([k]):
        tf.import_graph_def(gd)
    with tf.device("/job:worker"):
        tf.import_graph_def(gd)
    get = tf.get_default_graph().get_operation_by_name
    assert get("import/x").device == "/device:GPU:0"
    assert get("import/y").device == "/job:ps/task:1/device:GPU:0"
    assert get("import_1/y").device == "/job:ps/task:1" and get("import_1/x").device == "/job:worker"
    assert all(k in op.control_inputs for op in tf.get_default_graph().get_operations()
               if op.name.startswith("import/"))
    assert get("import/v/Assign").colocation_groups() == [b"loc:@import/v"]
    assert get("import/v/read").colocation_groups() == [b"loc:@import/v"]
    assert y.device == "/job:ps/task:1" and v.op.name == "v"


# --- order and structure errors ---------------------------------------------------------------------------
def test_nodes_in_any_order_are_created_inputs_first():
    gd = _gd(_node("out", "AddV2", ["b", "a"], T=_f32()), _node("b", "Identity", ["a", "^c"], T=_f32()),
             _const("a", 2.0), _node("c", "NoOp"))
    out, = tf.import_graph_def(gd, return_elements=["out:0"], name="")
    assert [op.name for op in tf.get_default_graph().get_operations()] == ["a", "c", "b", "out"]
    with tf.Session() as sess:
        assert sess.run(out) == 4.0


@pytest.mark.parametrize("nodes, message", [
    ([_node("b", "Identity", ["c"], T=_f32()), _node("c", "Identity", ["b"], T=_f32())],
     r"2 nodes in a cycle \(b, c\)"),
    ([_const("a", 1.0), _node("b", "Identity", ["zz"], T=_f32())], "Node 'b': Unknown input node 'zz'"),
    ([_const("a", 1.0), _node("b", "Identity", ["a", "^zz"], T=_f32())], "Node 'b': Unknown input node '\\^zz'"),
    ([_const("a", 1.0), _node("b", "Identity", ["a:x"], T=_f32())], "Node 'b': Unknown input node 'a:x'"),
    ([_const("a", 1.0), _const("a", 2.0)], "Node 'a' is not unique"),
    ([_const("a b", 1.0)], "Node 'a b': Node name contains invalid characters"),
    ([_const("a", 1.0), _node("b", "Identity", ["^a", "a"], T=_f32())],
     "Node 'b': Control dependencies must come after regular dependencies"),
    ([_const("a", 1.0), _node("b", "Identity", ["a:3"], T=_f32())],
     "Node 'b': Connecting to invalid output 3 of source node a which has 1 outputs."),
    ([_const("a", 1.0), _node("b", "Identity", ["a", "a"], T=_f32())],
     "Node 'b' \\(op Identity\\): NodeDef expected 1 inputs, but 2 are specified."),
    ([_const("a", 1.0), _node("b", "Identity", ["a"], T=AttrValue(type=tf.int32.as_datatype_enum))],
     "Input 0 of node import/b was passed float from import/a:0 incompatible with expected int32."),
    ([_const("a", 1.0), _node("b", "MatMul", ["a", "a"], T=_f32())], "Node 'b' \\(op MatMul\\) cannot be imported"),
    ([_const("a", 1.0), _node("b", "Identity", ["a"], T=_f32(), _class=AttrValue(list=AttrValue.ListValue(
        s=[b"loc:@zz"])))], "Node 'b' expects to be colocated with unknown node 'zz'"),
])
def test_malformed_graph_defs_raise_value_error_as_tf(nodes, message):
    with pytest.raises(ValueError, match=message):
        tf.import_graph_def(_gd(*nodes))


def test_failed_import_leaves_the_graph_unchanged_but_takes_the_scope():
    tf.constant(0.0, name="c")
    g = tf.get_default_graph()
    before = [op.name for op in g.get_operations()]
    gd = _gd(_const("a", 1.0), _node("b", "Identity", ["a"], T=_f32()), _node("m", "MatMul", ["b", "b"], T=_f32()))
    with pytest.raises(ValueError):
        tf.import_graph_def(gd)
    assert [op.name for op in g.get_operations()] == before
    assert g.get_operation_by_name("c").outputs[0].consumers() == []
    tf.import_graph_def(gd.node[:2] and _gd(*gd.node[:2]))
    assert [op.name for op in g.get_operations()][len(before):] == ["import_1/a", "import_1/b"]
    assert tf.constant(1.0, name="import/a").op.name == "import/a"   # the failed import's names were freed


# --- attrs ------------------------------------------------------------------------------------------------
def test_tf_defaults_fill_missing_attrs_and_derived_attrs_are_dropped():
    gd = _gd(_const("a", [[1.0, 2.0], [3.0, 4.0]]), _const("axis", 1, np.int32),
             _node("s", "Sum", ["a", "axis"], T=_f32()),
             _node("m", "MatMul", ["a", "a"], T=_f32(), grad_a=AttrValue(b=True)),
             _node("sm", "Softmax", ["a"], T=_f32()))
    s, m, sm = tf.import_graph_def(gd, return_elements=["s", "m", "sm"])
    assert s._attrs == {"keep_dims": False}           # TF's default; T and Tidx come from the inputs
    assert m._attrs == {"transpose_a": False, "transpose_b": False}
    assert sm._attrs == {"axis": -1}
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(s.outputs[0]), [3.0, 7.0])


def test_attr_values_convert_to_python_as_varflow_keeps_them():
    shape = AttrValue(shape=shape_proto([None, 4]))
    gd = _gd(_node("p", "Placeholder", dtype=_f32(), shape=shape),
             _node("lr", "LeakyRelu", ["p"], T=_f32(), alpha=AttrValue(f=0.1)),
             _node("pool", "MaxPool", ["img"], T=_f32(), ksize=AttrValue(list=AttrValue.ListValue(i=[1, 2, 2, 1])),
                   strides=AttrValue(list=AttrValue.ListValue(i=[1, 2, 2, 1])), padding=AttrValue(s=b"VALID")),
             _node("img", "Placeholder", dtype=_f32(), shape=AttrValue(shape=shape_proto([1, 4, 4, 1]))))
    p, lr, pool = tf.import_graph_def(gd, return_elements=["p", "lr", "pool"])
    assert p.get_attr("shape") == tf.TensorShape([None, 4]) and p.get_attr("dtype") is tf.float32
    assert lr.get_attr("alpha") == 0.1                 # float32 in the proto; the shortest decimal back
    assert pool.get_attr("padding") == "VALID" and pool.get_attr("ksize") == [1, 2, 2, 1]
    assert pool.get_attr("data_format") == "NHWC" and pool.outputs[0].shape.as_list() == [1, 2, 2, 1]


def test_output_shapes_refine_the_inferred_shapes_and_are_not_kept():
    x = tf.placeholder(tf.float32, None, name="x")
    x.set_shape([4, 3])
    tf.identity(x, name="y")
    q = tf.placeholder(tf.float32, name="q")
    tf.reduce_sum(q, name="s")
    g = tf.get_default_graph()
    plain, _ = _reimport(g)
    shaped, _ = _reimport(g, add_shapes=True)
    assert plain.get_tensor_by_name("y:0").shape.ndims is None
    assert shaped.get_tensor_by_name("y:0").shape.as_list() == [4, 3]
    assert shaped.get_tensor_by_name("s:0").shape.as_list() == []
    assert "_output_shapes" not in shaped.get_operation_by_name("y")._attrs
    gd = g.as_graph_def(add_shapes=True)
    [n for n in gd.node if n.name == "y"][0].attr["_output_shapes"].list.shape[0].dim[0].size = 5
    with pytest.raises(ValueError, match="Node 'y' has an _output_shapes attribute inconsistent with the GraphDef "
                                         "for output #0: Dimension 0 in both shapes must be equal, but are 4 and 5"):
        tf.import_graph_def(gd)


def _conv_gd(**attrs):
    base = dict(T=_f32(), strides=AttrValue(list=AttrValue.ListValue(i=[1, 1, 1, 1])), padding=AttrValue(s=b"SAME"))
    base.update(attrs)
    return _gd(_node("x", "Placeholder", dtype=_f32(), shape=AttrValue(shape=shape_proto([1, 5, 5, 2]))),
               _const("k", np.ones((3, 3, 2, 1))), _node("c", "Conv2D", ["x", "k"], **base))


def test_attrs_varflow_honours_are_kept_and_others_raise_naming_node_attr_and_value():
    c, = tf.import_graph_def(_conv_gd(dilations=AttrValue(list=AttrValue.ListValue(i=[1, 2, 2, 1]))),
                             return_elements=["c:0"])
    assert c.op.get_attr("dilations") == [1, 2, 2, 1]
    with tf.Session() as sess:
        out = sess.run(c, {"import/x:0": np.ones((1, 5, 5, 2), np.float32)})
    assert out[0, 2, 2, 0] == 18.0 and out[0, 0, 0, 0] == 8.0     # taps 2 apart: 3x3 inside, 2x2 at a corner
    with pytest.raises(ValueError, match="Node 'c' \\(op Conv2D\\) has attr data_format = 'NCHW_VECT_C'"):
        tf.import_graph_def(_conv_gd(data_format=AttrValue(s=b"NCHW_VECT_C")))
    adam = [_node(n, "VariableV2", dtype=_f32(), shape=AttrValue(shape=shape_proto([]))) for n in ("v", "m", "s")]
    adam += [_const(n, 0.5) for n in ("c1", "c2", "c3", "c4", "c5", "c6", "g")]
    inputs = ["v", "m", "s", "c1", "c2", "c3", "c4", "c5", "c6", "g"]
    with pytest.raises(ValueError, match="Node 'apply' \\(op ApplyAdam\\) has attr use_nesterov = True, which "
                                         "varflow's ApplyAdam does not implement \\(it computes with False\\)"):
        tf.import_graph_def(_gd(*adam, _node("apply", "ApplyAdam", inputs, T=_f32(), use_nesterov=AttrValue(b=True))))
    tf.import_graph_def(_gd(*adam, _node("apply", "ApplyAdam", inputs, T=_f32(), use_nesterov=AttrValue(b=False))))
    with pytest.raises(ValueError, match="attr incompatible_shape_error = False"):
        tf.import_graph_def(_gd(_const("a", 1.0), _node("e", "Equal", ["a", "a"], T=_f32(),
                                                         incompatible_shape_error=AttrValue(b=False))))


def test_quantized_constants_round_trip():
    q = tf.constant(np.zeros(3, tf.qint8.np_dtype), tf.qint8, name="q")
    new, _ = _reimport(tf.get_default_graph())
    value = new.get_operation_by_name("q").get_attr("value")
    assert value.dtype == tf.qint8.np_dtype and value.shape == (3,) and q.dtype == tf.qint8


# --- op types varflow cannot import -------------------------------------------------------------------------
def test_unknown_op_type_is_tfs_not_found_error_and_a_value_error():
    gd = _gd(_const("a", 1.0), _node("b", "FooBar", ["a"]))
    with pytest.raises(ValueError, match="Op type not registered 'FooBar' \\(node 'b'\\).*tf.describe\\(\\)") as info:
        tf.import_graph_def(gd)
    assert isinstance(info.value, errors.NotFoundError) and isinstance(info.value, OpTypeNotRegisteredError)
    assert tf.get_default_graph().get_operations() == []


def test_tf1_while_loop_frames_are_named_not_imported():
    gd = _gd(_const("i", 0.0), _node("enter", "Enter", ["i"], T=_f32(), frame_name=AttrValue(s=b"while")),
             _node("merge", "Merge", ["enter", "next"], T=_f32(), N=AttrValue(i=2)),
             _node("next", "NextIteration", ["merge"], T=_f32()))
    with pytest.raises(ValueError, match="'Enter' \\(node 'enter'\\): it is part of a TF1 while loop"):
        tf.import_graph_def(gd)


def test_ops_holding_python_objects_are_errors_naming_the_node():
    x = tf.constant([1.0, 2.0])
    tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)], name="loop")
    loop = [op for op in tf.get_default_graph().get_operations() if op.type == "While"][0]
    gd = tf.get_default_graph().as_graph_def()
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="Node '%s' \\(op While\\) cannot be imported" % loop.name):
            tf.import_graph_def(gd)
    assert x.shape.as_list() == [2]


def test_tf_print_imports_and_prints(capsys):
    tf.print("x:", {"v": tf.constant([1, 2])}, name="say")
    gd = tf.get_default_graph().as_graph_def()
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as sess:
            sess.run("say")
    assert capsys.readouterr().err == "x: {'v': [1 2]}\n"


def test_py_func_finds_its_function_by_token_in_the_same_process():
    x = tf.placeholder(tf.float32, [2], name="x")
    tf.py_func(lambda a: a * 3, [x], tf.float32, name="triple")
    gd = tf.get_default_graph().as_graph_def()
    with tf.Graph().as_default():
        out, = tf.import_graph_def(gd, return_elements=["triple:0"])
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run(out, {"import/x:0": [1.0, 2.0]}), [3.0, 6.0])
    gd.node[-1].attr["token"] = AttrValue(s=b"pyfunc_gone")
    with tf.Graph().as_default(), pytest.raises(ValueError, match="Node 'triple' \\(op PyFunc\\).*pyfunc_gone"):
        tf.import_graph_def(gd)


# --- input_map --------------------------------------------------------------------------------------------
def test_input_map_replaces_tensors_and_control_inputs():
    gd = _small_graph().as_graph_def()
    c = tf.constant([[1.0, 2.0, 3.0]], name="c")
    y, z, mapped = tf.import_graph_def(gd, input_map={"x:0": c, "^y": c},
                                       return_elements=["y:0", "z", "x:0"])
    assert y.shape.as_list() == [1, 3] and mapped is c
    assert [t.name for t in y.op.inputs[0].op.inputs][0] == "c:0"
    assert [op.name for op in tf.get_default_graph().get_operation_by_name("import/z/y").control_inputs] == ["c"]
    y2, = tf.import_graph_def(gd, input_map={"x": c}, return_elements=["y:0"])    # "x" is "x:0"
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run([y, y2]), [[[2.0, 4.0, 6.0]]] * 2)


def test_input_map_of_a_node_outside_the_graph_def_and_python_values():
    gd = _gd(_const("a", 1.0), _node("b", "AddV2", ["a", "zz"], T=_f32()))
    c = tf.constant(2.0, name="c")
    b, = tf.import_graph_def(gd, input_map={"zz:0": c}, return_elements=["b:0"])
    assert [t.name for t in b.op.inputs] == ["import/a:0", "c:0"]
    b2, = tf.import_graph_def(gd, input_map={"zz:0": 5.0}, return_elements=["b:0"], name="py")
    assert b2.op.inputs[1].name == "py/_inputs/Const:0"
    with tf.Session() as sess:
        assert sess.run([b, b2]) == [3.0, 6.0]
    with pytest.raises(ValueError, match="requires a non-empty `name` if `input_map` contains non-Tensor"):
        tf.import_graph_def(gd, input_map={"zz:0": 5.0}, name="")


def test_input_map_errors_as_tf():
    gd = _small_graph().as_graph_def()
    c = tf.constant([[1.0, 2.0, 3.0]], name="c")
    ci = tf.constant(1, name="ci")
    with pytest.raises(ValueError, match="Attempted to map inputs that were not found in graph_def: "
                                         "\\[nope:0, x:5, \\^nope\\]"):
        tf.import_graph_def(gd, input_map={"nope:0": c, "x:5": c, "^nope": c})
    with pytest.raises(ValueError, match="Input 0 of node import_1/mul was passed int32 from ci:0 incompatible "
                                         "with expected float."):
        tf.import_graph_def(gd, input_map={"x:0": ci})
    with pytest.raises(TypeError, match="Argument `input_map` must be a dictionary. Obtained list"):
        tf.import_graph_def(gd, input_map=[("x:0", c)])
    v = tf.Variable(1.0, name="v")
    gd_v = tf.get_default_graph().as_graph_def()
    with tf.Graph().as_default():
        plain = tf.constant(3.0, name="plain")
        with pytest.raises(ValueError, match="Input 0 of node import/v/Assign was passed float from plain:0 "
                                             "incompatible with expected float_ref."):
            tf.import_graph_def(gd_v, input_map={"v:0": plain})
    assert v.op.type == "VariableV2"


def test_imported_saver_graph_saves_and_restores_by_its_saver_def_names(tmp_path):
    v = tf.Variable([1.0, 2.0], name="v")
    step = tf.train.get_or_create_global_step()
    saver = tf.train.Saver()
    names = saver.saver_def
    gd = tf.get_default_graph().as_graph_def()
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="m")
        with tf.Session() as sess:
            sess.run(["m/global_step/Assign", "m/v/Assign"],
                     {"m/v/initial_value:0": np.array([5.0, 6.0], np.float32)})
            path = sess.run("m/" + names.save_tensor_name, {"m/" + names.filename_tensor_name: str(tmp_path / "c")})
    assert path == str(tmp_path / "c").encode()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.restore(sess, str(tmp_path / "c"))
        np.testing.assert_array_equal(sess.run(v), [5.0, 6.0])
        assert sess.run(step) == 0
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="n")
        with tf.Session() as sess:
            sess.run("n/" + names.restore_op_name, {"n/" + names.filename_tensor_name: str(tmp_path / "c")})
            np.testing.assert_array_equal(sess.run("n/v:0"), [5.0, 6.0])


def test_gradients_through_an_imported_cond_switch_on_the_merge_index_as_tf():
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    tf.identity(tf.cond(p, lambda: x * 3.0, lambda: tf.square(x), name="c"), name="y")
    gd = tf.get_default_graph().as_graph_def()
    with tf.Graph().as_default():
        y, x2 = tf.import_graph_def(gd, return_elements=["y:0", "x:0"])
        grad, = tf.gradients(y, x2)
        with tf.Session() as sess:
            assert sess.run(grad, {x2: 2.0, "import/p:0": True}) == 3.0       # TF 2.21: 3.0 and 4.0
            assert sess.run(grad, {x2: 2.0, "import/p:0": False}) == 4.0


def test_ops_of_lazily_loaded_modules_import_in_a_fresh_process():
    """tf.image, tf.strings, tf.io and tf.train load on first use; a GraphDef naming their ops
    imports before anything else touched them."""
    import subprocess
    import sys

    script = (
        "import numpy as np, varflow as tf\n"
        "x = tf.placeholder(tf.float32, [1, 2, 2, 1], name='x')\n"
        "gd = tf.get_default_graph().as_graph_def()\n"
        "from varflow.framework.graph_def import NodeDef, AttrValue\n"
        "gd.node.extend([NodeDef(name='size', op='Const', attr={'dtype': AttrValue(type=3), 'value': "
        "AttrValue(tensor=tf.make_tensor_proto(np.array([4, 4], np.int32)))}), "
        "NodeDef(name='up', op='ResizeBilinear', input=['x', 'size'], attr={'T': AttrValue(type=1)})])\n"
        "import sys\n"
        "assert 'varflow.image' not in sys.modules\n"
        "with tf.Graph().as_default():\n"
        "    tf.import_graph_def(gd, name='')\n"
        "    with tf.Session() as s:\n"
        "        print(s.run('up:0', {'x:0': np.ones([1, 2, 2, 1], np.float32)}).shape)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "(1, 4, 4, 1)"
