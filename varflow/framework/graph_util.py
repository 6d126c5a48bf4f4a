"""`tf.graph_util`: GraphDef surgery for inference, chiefly freezing a trained graph.

`convert_variables_to_constants` keeps only what the outputs need (`extract_sub_graph`), then
turns each variable node into a `Const` holding the session's value; resource variables'
reads become `Identity` and their gathers `GatherV2`, as TensorFlow writes them.
"""
from __future__ import annotations

from collections import deque
from typing import Iterable

import numpy as np

from . import dtypes
from .graph import Operation
from .graph_def import AttrValue, GraphDef, NodeDef, node_def as _op_node_def
from .tensor_proto import TensorProto, shape_proto

__all__ = ["convert_variables_to_constants", "extract_sub_graph", "remove_training_nodes",
           "must_run_on_cpu", "tensor_shape_from_node_def_name"]

_VARIABLE_OPS = frozenset({"Assign", "AssignAdd", "AssignSub", "Queue", "ScatterAdd", "ScatterSub",
                           "ScatterUpdate", "TruncatedNormal", "Variable", "VariableV2"})
_REF_VARIABLE_OPS = frozenset({"Variable", "VariableV2", "VarHandleOp"})
_PASS_THROUGH_OPS = frozenset({"Identity", "Enter", "Exit", "Switch", "Merge", "NextIteration",
                               "Snapshot", "_SwitchN"})


def _copy(message):
    return type(message).FromString(message.SerializeToString())


def _node_name(text: str) -> str:
    """`^a`, `a:1`, `a` → `a`."""
    return text[1:] if text.startswith("^") else text.split(":")[0]


def _colocated_names(node: NodeDef) -> list:
    """The node names a `_class` attr (`loc:@name`) colocates `node` with."""
    attr = node.attr.get("_class")
    if attr is None or attr.list is None:
        return []
    names = []
    for s in attr.list.s:
        s = s.decode("utf-8") if isinstance(s, bytes) else s
        names.append(s[5:] if s.startswith("loc:@") else s)
    return names


def _check_graph_def(graph_def) -> None:
    if not isinstance(graph_def, GraphDef):
        raise TypeError("graph_def must be a graph_pb2.GraphDef proto, but got type %s."
                        % type(graph_def))


# ------------------------------------------------------------------------------------------------
# extract_sub_graph
# ------------------------------------------------------------------------------------------------
def extract_sub_graph(graph_def: GraphDef, dest_nodes: Iterable[str]) -> GraphDef:
    """The nodes `dest_nodes` need (data, control and colocation inputs), in the original order."""
    _check_graph_def(graph_def)
    if isinstance(dest_nodes, str):
        raise TypeError("dest_nodes must be an iterable of strings, but got type %s."
                        % type(dest_nodes))
    dest_nodes = list(dest_nodes)
    by_name: dict = {}
    inputs: dict = {}
    order: dict = {}
    for seq, node in enumerate(graph_def.node):
        name = _node_name(node.name)
        by_name[name] = node
        inputs[name] = [_node_name(i) for i in node.input] + _colocated_names(node)
        order[name] = seq
    for d in dest_nodes:
        if d not in by_name:
            raise AssertionError("%s is not in graph" % d)
    keep: set = set()
    todo = deque(dest_nodes)
    while todo:
        name = todo.popleft()
        if name in keep:
            continue
        keep.add(name)
        todo.extend(inputs.get(name, ()))
    out = GraphDef()
    for name in sorted((n for n in keep if n in order), key=order.__getitem__):
        out.node.append(_copy(by_name[name]))
    if graph_def.HasField("versions"):
        out.versions = _copy(graph_def.versions)
    return out


# ------------------------------------------------------------------------------------------------
# convert_variables_to_constants
# ------------------------------------------------------------------------------------------------
def _read_tensor_name(graph, node: NodeDef) -> str:
    """The tensor whose value is the variable's: the ref itself, or a read of the resource."""
    if node.op != "VarHandleOp":
        return node.name + ":0"
    preferred = node.name + "/Read/ReadVariableOp"
    readers = [op for op in graph.get_operations()
               if op.type == "ReadVariableOp" and op.inputs and op.inputs[0].op.name == node.name]
    if not readers:
        raise ValueError("Cannot read resource variable %s: the session's graph has no "
                         "ReadVariableOp of it." % node.name)
    chosen = next((op for op in readers if op.name == preferred), readers[0])
    return chosen.name + ":0"


# The typed field TF fills for a one-element tensor (larger ones use tensor_content).
_SINGLE_VALUE_FIELD = {"float32": "float_val", "float64": "double_val", "int32": "int_val",
                       "int16": "int_val", "int8": "int_val", "uint8": "int_val", "uint16": "int_val",
                       "int64": "int64_val", "uint32": "uint32_val", "uint64": "uint64_val"}


def _tensor_proto(value, dtype: dtypes.DType) -> TensorProto:
    """The TensorProto TF's freezing writes for `value`: bools, strings and complex numbers as
    typed lists, one-element numeric tensors in their typed field, larger ones as raw bytes."""
    if dtype == dtypes.string:
        arr = np.asarray(value, dtype=object)
    else:
        arr = np.asarray(value, dtype=dtype.as_numpy_dtype)
    proto = TensorProto(dtype=dtype.as_datatype_enum, tensor_shape=shape_proto(arr.shape))
    flat = arr.reshape(-1)
    if not flat.size:
        return proto
    if dtype == dtypes.string:
        proto.string_val = [v if isinstance(v, bytes) else str(v).encode() for v in flat]
    elif dtype == dtypes.bool:
        proto.bool_val = [bool(v) for v in flat]
    elif dtype in (dtypes.complex64, dtypes.complex128):
        pairs = [float(p) for v in flat for p in (v.real, v.imag)]
        if dtype == dtypes.complex64:
            proto.scomplex_val = pairs
        else:
            proto.dcomplex_val = pairs
    elif flat.size == 1 and dtype.name in _SINGLE_VALUE_FIELD:
        item = flat[0].item()
        setattr(proto, _SINGLE_VALUE_FIELD[dtype.name], [item])
    elif flat.size == 1 and dtype in (dtypes.float16, dtypes.bfloat16):
        proto.half_val = [int(flat.view(np.uint16)[0])]
    else:
        proto.tensor_content = np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<")).tobytes()
    return proto


def _const_node(name: str, value: np.ndarray, dtype_enum: int) -> NodeDef:
    proto = _tensor_proto(value, dtypes.as_dtype(dtype_enum))
    return NodeDef(name=name, op="Const",
                   attr={"dtype": AttrValue(type=dtype_enum), "value": AttrValue(tensor=proto)})


def _resource_consumer(node: NodeDef, dtype_attr: AttrValue, extra: list) -> NodeDef | None:
    """How a node fed by a frozen resource handle is rewritten (None: leave it unchanged)."""
    if node.op == "ReadVariableOp":
        attrs = {"T": _copy(dtype_attr)}
        if "_class" in node.attr:
            attrs["_class"] = _copy(node.attr["_class"])
        return NodeDef(name=node.name, op="Identity", input=[node.input[0]], attr=attrs)
    if node.op == "ResourceGather":
        batch_dims = node.attr["batch_dims"].i if "batch_dims" in node.attr else 0
        if batch_dims:
            raise ValueError("batch_dims must be 0 for freeze_graph, but got node(%s)."
                             "attr('batch_dims') = %d." % (node.name, batch_dims))
        index_type = node.attr["Tindices"]
        axis_name = node.name + "/axis"
        extra.append(_const_node(axis_name, np.array(0, dtypes.as_dtype(index_type.type)
                                                     .as_numpy_dtype), index_type.type))
        attrs = {"Tparams": _copy(dtype_attr), "Tindices": _copy(index_type),
                 "Taxis": _copy(index_type)}
        if "_class" in node.attr:
            attrs["_class"] = _copy(node.attr["_class"])
        return NodeDef(name=node.name, op="GatherV2", input=[node.input[0], node.input[1], axis_name],
                       attr=attrs)
    if node.op == "ResourceGatherNd":
        attrs = {"Tparams": _copy(dtype_attr), "Tindices": _copy(node.attr["Tindices"])}
        if "_class" in node.attr:
            attrs["_class"] = _copy(node.attr["_class"])
        return NodeDef(name=node.name, op="GatherNd", input=list(node.input[:2]), attr=attrs)
    return None


def convert_variables_to_constants(sess, input_graph_def: GraphDef, output_node_names,
                                   variable_names_whitelist=None,
                                   variable_names_blacklist=None) -> GraphDef:
    """Freeze: the subgraph `output_node_names` need, with its variables replaced by Consts
    holding their current values in `sess`.

    Example::

        frozen = tf.graph_util.convert_variables_to_constants(sess, sess.graph_def, ["out"])
    """
    sub = extract_sub_graph(input_graph_def, output_node_names)
    allow = set(variable_names_whitelist) if variable_names_whitelist is not None else None
    deny = set(variable_names_blacklist or ())
    to_freeze = [n for n in sub.node if n.op in _REF_VARIABLE_OPS
                 and (allow is None or n.name in allow) and n.name not in deny]
    values = {}
    if to_freeze:
        fetched = sess.run([_read_tensor_name(sess.graph, n) for n in to_freeze])
        values = {n.name: np.asarray(v) for n, v in zip(to_freeze, fetched)}
    consumers: dict = {}
    for node in sub.node:
        for i in node.input:
            if not i.startswith("^"):
                consumers.setdefault(_node_name(i), []).append(node.name)
    by_name = {n.name: n for n in sub.node}
    replaced: dict = {}
    extra: list = []
    for node in to_freeze:
        value = values[node.name]
        dtype_attr = node.attr["dtype"]
        replaced[node.name] = _const_node(node.name, value, dtype_attr.type)
        if node.op != "VarHandleOp":
            continue
        todo = deque(consumers.get(node.name, ()))
        seen: set = set()
        while todo:
            name = todo.popleft()
            if name in seen:
                continue
            seen.add(name)
            consumer = by_name[name]
            if consumer.op in _PASS_THROUGH_OPS:
                rewritten = replaced.get(name)
                rewritten = _copy(consumer) if rewritten is None else rewritten
                rewritten.attr["T"] = _copy(dtype_attr)
                replaced[name] = rewritten
                todo.extend(consumers.get(name, ()))
                continue
            rewritten = _resource_consumer(consumer, dtype_attr, extra)
            if rewritten is not None:
                replaced[name] = rewritten
    out = GraphDef()
    for node in sub.node:
        out.node.append(replaced.get(node.name, node))
    out.node.extend(n for n in extra if n.name not in {m.name for m in out.node})
    if sub.HasField("versions"):
        out.versions = sub.versions
    return out


# ------------------------------------------------------------------------------------------------
# remove_training_nodes
# ------------------------------------------------------------------------------------------------
def remove_training_nodes(input_graph: GraphDef, protected_nodes=None) -> GraphDef:
    """Drop CheckNumerics nodes and splice out Identity/StopGradient nodes that no control edge
    or colocation constraint involves (names in `protected_nodes` are kept)."""
    protected = set(protected_nodes or ())
    removed = {n.name for n in input_graph.node if n.op == "CheckNumerics" and n.name not in protected}
    kept = []
    for node in input_graph.node:
        if node.name in removed:
            continue
        new = _copy(node)
        new.input = [i for i in node.input if i.lstrip("^") not in removed]
        kept.append(new)
    control_sources, with_control, colocated = set(), set(), set()
    for node in kept:
        for i in node.input:
            if i.startswith("^"):
                control_sources.add(i[1:])
                with_control.add(node.name)
        colocated.update(_colocated_names(node))
    splice = {n.name: n.input[0] for n in kept
              if n.op in ("Identity", "StopGradient") and n.name not in protected
              and n.name not in colocated and n.name not in with_control
              and n.name not in control_sources and n.input}
    out = GraphDef()
    for node in kept:
        if node.name in splice:
            continue
        new_inputs = []
        for full in node.input:
            name = full.lstrip("^")
            while name in splice:
                full = splice[name]
                name = full.lstrip("^")
            new_inputs.append(full)
        node.input = new_inputs
        out.node.append(node)
    return out


# ------------------------------------------------------------------------------------------------
# small helpers
# ------------------------------------------------------------------------------------------------
def must_run_on_cpu(node, pin_variables_on_cpu: bool = False) -> bool:
    """Whether a node (Operation or NodeDef) must be placed on the CPU: int32/string constants,
    int32 stitches and casts, and with `pin_variables_on_cpu` the variable ops."""
    if isinstance(node, Operation):
        node = _op_node_def(node)
    elif not isinstance(node, NodeDef):
        raise AssertionError("must_run_on_cpu needs an Operation or NodeDef, got %r" % (node,))
    if pin_variables_on_cpu and node.op in _VARIABLE_OPS:
        return True

    def type_attr(key: str):
        attr = node.attr.get(key)
        return attr.type if attr is not None else None

    if node.op == "Const":
        return type_attr("dtype") in (dtypes.string.as_datatype_enum, dtypes.int32.as_datatype_enum)
    if node.op in ("DynamicStitch", "ParallelDynamicStitch"):
        return type_attr("T") == dtypes.int32.as_datatype_enum
    if node.op == "Cast":
        return type_attr("SrcT") == dtypes.int32.as_datatype_enum
    return False


def tensor_shape_from_node_def_name(graph, input_name: str):
    """The static shape of the tensor a NodeDef input string (`name` or `name:i`) names."""
    canonical = input_name if ":" in input_name else input_name + ":0"
    return graph.get_tensor_by_name(canonical).get_shape()
