"""Protobuf text format read back into varflow's messages; map<string, scalar> fields; TF's op-def defaults."""
import math

import pytest

import varflow as tf
from varflow.framework.graph_def import AttrValue, GraphDef
from varflow.framework.meta_graph import CollectionDef, MetaGraphDef, ValuesDef
from varflow.framework.op_defaults import add_default_attrs, default_attrs, strip_default_attrs
from varflow.framework.text_format import ParseError, merge, parse


def test_graph_def_text_round_trips():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    v = tf.Variable([[1.0, -2.5]], name="v")
    tf.matmul(x, v, transpose_b=True)
    tf.constant(["a\nb", "\x00\xff"], name="strings")
    gd = tf.get_default_graph().as_graph_def(add_shapes=True)
    assert parse(str(gd), GraphDef()) == gd


def test_meta_graph_def_text_round_trips_with_maps_and_oneofs():
    mg = MetaGraphDef()
    mg.meta_info_def.tags.extend(["serve", "train"])
    mg.collection_def["ints"] = CollectionDef(int64_list=CollectionDef.Int64List(value=[1, -2, 1 << 40]))
    mg.collection_def["floats"] = CollectionDef(float_list=CollectionDef.FloatList(value=[0.5, float("inf")]))
    mg.collection_def["names"] = CollectionDef(node_list=CollectionDef.NodeList(value=["a:0", "b"]))
    mg.saver_def.version = 2
    mg.saver_def.keep_checkpoint_every_n_hours = 10000.0
    back = parse(str(mg), MetaGraphDef())
    assert back == mg
    assert back.collection_def["ints"].WhichOneof("kind") == "int64_list"
    assert "version: V2" in str(mg)


def test_text_syntax_protobuf_accepts():
    text = """
        # a comment
        node < name: 'a' op: "Co" "nst" attr { key: "x" value { f: -inf } } >
        node { name: "b" input: ["a", "^c"] attr: [{key: "l" value: {list {i: [1, 0x10, -3] b: [true, f]}}}] };
        versions { producer: 010 }
        unknown_field { deep { x: "skipped" } } other_unknown: 5
    """
    gd = parse(text, GraphDef())
    assert gd.node[0].op == "Const" and math.isinf(gd.node[0].attr["x"].f)
    assert list(gd.node[1].input) == ["a", "^c"]
    assert list(gd.node[1].attr["l"].list.i) == [1, 16, -3]
    assert list(gd.node[1].attr["l"].list.b) == [True, False]
    assert gd.versions.producer == 8
    assert parse('type: DT_INT64', AttrValue()).type == 9
    assert parse('type: 3', AttrValue()).type == 3
    assert parse(r's: "\x41\101\u00e9\n"', AttrValue()).s == "AA\u00e9\n".encode()


def test_merge_adds_to_what_is_there():
    gd = parse('node { name: "a" }', GraphDef())
    merge('node { name: "b" }', gd)
    assert [n.name for n in gd.node] == ["a", "b"]


@pytest.mark.parametrize("text, match", [
    ('node { name: "a" ', "before the end"),
    ("node { name: a }", "expected a string"),
    ('versions { producer: "x" }', "expected a value"),
    ("versions { producer: 1.5 }", "integer"),
    ('node { name "a" }', "expected ':'"),
    ("attr: @", "unexpected character"),
    ("[type.googleapis.com/x] { }", "binary"),
])
def test_bad_text_is_a_parse_error_saying_where(text, match):
    with pytest.raises(ParseError, match=match):
        parse(text, GraphDef())


def test_bad_enum_and_bool_values():
    with pytest.raises(ParseError, match="unknown value DT_NOPE"):
        parse("type: DT_NOPE", AttrValue())
    with pytest.raises(ParseError, match="true or false"):
        parse("b: yes", AttrValue())
    assert issubclass(ParseError, ValueError)


def test_string_valued_map_round_trips_in_binary_and_text():
    vd = ValuesDef(values=["a:0", "b:0"], external_values={"x:0": "s:1", "p:0": "p:0"})
    back = ValuesDef.FromString(vd.SerializeToString())
    assert back.external_values == {"x:0": "s:1", "p:0": "p:0"}
    assert 'key: "p:0"\n  value: "p:0"' in str(vd)
    assert parse(str(vd), ValuesDef()) == vd


# --- TF's op-def defaults ------------------------------------------------------------------------
def test_default_attrs_are_tf_op_defs():
    assert default_attrs("Assign")["use_locking"].b is True
    assert default_attrs("Assign")["validate_shape"].b is True
    assert default_attrs("Conv2D")["data_format"].s == b"NHWC"
    assert list(default_attrs("Conv2D")["dilations"].list.i) == [1, 1, 1, 1]
    assert default_attrs("PrintV2")["end"].s == b"\n"
    assert default_attrs("NoSuchOp") == {}


def test_strip_and_add_default_attrs_round_trip():
    v = tf.Variable(1.0, name="v")
    tf.assign(v, 2.0, use_locking=False, name="unlocked")
    gd = tf.get_default_graph().as_graph_def()
    full = GraphDef.FromString(gd.SerializeToString())
    strip_default_attrs(gd)
    nodes = {n.name: n for n in gd.node}
    assert "container" not in nodes["v"].attr and "shared_name" not in nodes["v"].attr
    assert "use_locking" not in nodes["v/Assign"].attr          # True is Assign's default
    assert nodes["unlocked"].attr["use_locking"].b is False      # not the default: kept
    add_default_attrs(gd)
    assert gd == full
