"""GraphDef: a varflow graph as TensorFlow's serialized graph (for TensorBoard, `tf.train.write_graph`, TF).

Field numbers follow TF's graph.proto / node_def.proto / attr_value.proto / versions.proto. Each NodeDef gets
the attrs TensorFlow's op def names (`op_signatures`): varflow-only attrs are dropped and the type and count
attrs TF requires (`T`, `N`, `Tidx`, …) are derived from the op's inputs and outputs, so that real
TensorFlow can import graphs made of ops it also has.
"""
from __future__ import annotations

import os

import numpy as np

from . import dtypes
from .op_signatures import SIGNATURES
from .proto_message import Field, Message
from .tensor_proto import DATA_TYPE_NAMES, TensorProto, TensorShapeProto, make_tensor_proto, shape_proto

GRAPH_DEF_VERSION = 1994  # the producer version varflow writes (TF's VersionDef.producer)


class NameAttrList(Message):
    """A function reference: its name and attrs."""

    FIELDS = (Field("name", 1, "string"),
              Field("attr", 2, "map", message=lambda: AttrValue))


class AttrValue(Message):
    """One attr value (a oneof: s, i, f, b, type, shape, tensor, list, func, placeholder)."""

    class ListValue(Message):
        FIELDS = (Field("s", 2, "bytes", repeated=True),
                  Field("i", 3, "int64", repeated=True),
                  Field("f", 4, "float", repeated=True),
                  Field("b", 5, "bool", repeated=True),
                  Field("type", 6, "enum", repeated=True, enum_names=DATA_TYPE_NAMES),
                  Field("shape", 7, "message", repeated=True, message=TensorShapeProto),
                  Field("tensor", 8, "message", repeated=True, message=TensorProto),
                  Field("func", 9, "message", repeated=True, message=NameAttrList))

    FIELDS = (Field("list", 1, "message", message=lambda: AttrValue.ListValue, oneof="value"),
              Field("s", 2, "bytes", oneof="value"),
              Field("i", 3, "int64", oneof="value"),
              Field("f", 4, "float", oneof="value"),
              Field("b", 5, "bool", oneof="value"),
              Field("type", 6, "enum", oneof="value", enum_names=DATA_TYPE_NAMES),
              Field("shape", 7, "message", message=TensorShapeProto, oneof="value"),
              Field("tensor", 8, "message", message=TensorProto, oneof="value"),
              Field("placeholder", 9, "string", oneof="value"),
              Field("func", 10, "message", message=NameAttrList, oneof="value"))


class NodeDef(Message):
    """One node: name, op type, inputs (`op`, `op:1`, `^ctrl`), device and attrs."""

    FIELDS = (Field("name", 1, "string"),
              Field("op", 2, "string"),
              Field("input", 3, "string", repeated=True),
              Field("device", 4, "string"),
              Field("attr", 5, "map", message=AttrValue))


class VersionDef(Message):
    """Which producer wrote the graph and which consumers may read it."""

    FIELDS = (Field("producer", 1, "int32"),
              Field("min_consumer", 2, "int32"),
              Field("bad_consumers", 3, "int32", repeated=True))


class GraphDef(Message):
    """A serialized graph: its nodes and versions."""

    FIELDS = (Field("node", 1, "message", repeated=True, message=NodeDef),
              Field("version", 3, "int32"),
              Field("versions", 4, "message", message=VersionDef))


# --- varflow attrs -> AttrValue ------------------------------------------------------------------
def attr_value(value, dtype=None) -> AttrValue | None:
    """The AttrValue for one varflow attr value; None for values TF cannot hold (e.g. Python callables)."""
    if isinstance(value, AttrValue):
        return value
    if isinstance(value, dtypes.DType):
        return AttrValue(type=value.base_dtype.as_datatype_enum)
    if hasattr(value, "_dims") and hasattr(value, "as_list"):  # TensorShape
        return AttrValue(shape=shape_proto(value))
    if isinstance(value, (bool, np.bool_)):
        return AttrValue(b=bool(value))
    if isinstance(value, (int, np.integer)):
        return AttrValue(i=int(value))
    if isinstance(value, (float, np.floating)):
        return AttrValue(f=float(value))
    if isinstance(value, (str, bytes)):
        return AttrValue(s=value)
    if isinstance(value, np.ndarray):
        return AttrValue(tensor=make_tensor_proto(value, dtype=dtype))
    if isinstance(value, (list, tuple)):
        return _list_attr(value)
    return None


def _list_attr(values) -> AttrValue | None:
    lst = AttrValue.ListValue()
    items = list(values)
    if all(isinstance(v, (str, bytes)) for v in items):
        lst.s = items
    elif all(isinstance(v, (bool, np.bool_)) for v in items):
        lst.b = items
    elif all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in items):
        lst.i = items
    elif all(isinstance(v, (int, float, np.integer, np.floating)) for v in items):
        lst.f = items
    elif all(isinstance(v, dtypes.DType) for v in items):
        lst.type = [v.base_dtype.as_datatype_enum for v in items]
    elif all(hasattr(v, "_dims") and hasattr(v, "as_list") for v in items):
        lst.shape = [shape_proto(v) for v in items]
    elif all(isinstance(v, np.ndarray) for v in items):
        lst.tensor = [make_tensor_proto(v) for v in items]
    else:
        return None
    return AttrValue(list=lst)


def _type_enum(tensor) -> int:
    return tensor.dtype.base_dtype.as_datatype_enum


def _add_signature_attrs(attrs: dict, args: tuple, tensors: list) -> None:
    """Fill the type/count attrs that `args` (one op-def argument list) binds, from `tensors`."""
    variadic = [a for a in args if "*" in a or a.startswith("[")]
    fixed = len(args) - len(variadic)
    spare = len(tensors) - fixed
    pos = 0
    for arg in args:
        if "*" in arg or arg.startswith("["):
            count = spare if len(variadic) == 1 else _known_count(attrs, arg)
            if count is None:
                return
            group = tensors[pos:pos + count]
            pos += count
            if arg.startswith("["):
                attrs.setdefault(arg[1:-1], AttrValue(list=AttrValue.ListValue(
                    type=[_type_enum(t) for t in group])))
                continue
            type_attr, number_attr = arg.split("*")
            attrs.setdefault(number_attr, AttrValue(i=count))
            if type_attr != "=" and group:
                attrs.setdefault(type_attr, AttrValue(type=_type_enum(group[0])))
            continue
        if pos >= len(tensors):
            return
        if arg != "=":
            attrs.setdefault(arg, AttrValue(type=_type_enum(tensors[pos])))
        pos += 1


def _known_count(attrs: dict, arg: str):
    if arg.startswith("["):
        known = attrs.get(arg[1:-1])
        return len(known.list.type) if known is not None else None
    known = attrs.get(arg.split("*")[1])
    return known.i if known is not None else None


def node_def(op, add_shapes: bool = False) -> NodeDef:
    """The NodeDef TF would write for `op` (attrs mapped to TF's op def where varflow knows it)."""
    sig = SIGNATURES.get(op._type)
    attrs: dict = {}
    for name, value in op._attrs.items():
        if sig is not None and not name.startswith("_") and name not in sig[2]:
            continue
        av = attr_value(value, dtype=op._attrs.get("dtype") if name == "value" else None)
        if av is not None:
            attrs[name] = av
    if sig is not None:
        _add_signature_attrs(attrs, sig[0], list(op._inputs))
        _add_signature_attrs(attrs, sig[1], list(op._outputs))
    if add_shapes:
        attrs["_output_shapes"] = AttrValue(list=AttrValue.ListValue(
            shape=[shape_proto(t.shape) for t in op._outputs]))
    inputs = [t._as_node_def_input() for t in op._inputs] + ["^" + c._name for c in op._control_inputs]
    return NodeDef(name=op._name, op=op._type, input=inputs, device=op._device or "", attr=attrs)


def as_graph_def(graph, from_version: int | None = None, add_shapes: bool = False) -> GraphDef:
    """`Graph.as_graph_def()`: the graph's nodes in creation order (those after `from_version` only)."""
    out = GraphDef(versions=VersionDef(producer=GRAPH_DEF_VERSION))
    for op in graph.get_operations():
        if from_version is not None and op._id < from_version:
            continue
        out.node.append(node_def(op, add_shapes))
    return out


def write_graph(graph_or_graph_def, logdir: str, name: str, as_text: bool = True) -> str:
    """`tf.train.write_graph`: write a graph (text or binary GraphDef) to `logdir/name`; returns the path."""
    graph_def = graph_or_graph_def
    if not isinstance(graph_def, Message):
        graph_def = as_graph_def(graph_def)
    if "://" not in logdir:
        os.makedirs(logdir, exist_ok=True)
    path = os.path.join(logdir, name)
    if as_text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(str(graph_def))
    else:
        with open(path, "wb") as f:
            f.write(graph_def.SerializeToString())
    return path
