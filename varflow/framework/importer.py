"""`tf.import_graph_def`: the nodes of a GraphDef become ops of the default graph, as TF1's importer makes them.

Names get the import prefix (`import/`, then `import_1/`, …; `name=""` imports at the root, where a
name already taken gets `_1`, `_2`, … as in TF); inputs, control inputs and colocation groups follow.
Nodes may come in any order: they are created in TF's order (of the nodes whose inputs exist, the first
in the GraphDef). Each node's attrs become varflow's: TF's AttrValues are converted (strings to str,
types to DType, shapes to TensorShape, tensors to read-only arrays), the type and length attrs TF derives
from the inputs are dropped where varflow's op does not keep them, attrs TF defaults are filled in, and
the few attrs varflow's ops carry that TF's do not are derived (Softmax's `axis` is the last one). An attr
whose value varflow cannot honour, an op type varflow does not define, a TF1 while loop's frame ops and
ops that need Python objects a GraphDef cannot hold are errors naming the node — never a graph that
computes something else. A failed import leaves the graph as it was (its name scope stays taken, as in TF).
"""
from __future__ import annotations

import functools
import heapq
import inspect
from typing import Iterable

import numpy as np

from . import dtypes, errors
from .graph import Operation, Tensor, _VALID_OP_NAME, convert_to_tensor, get_default_graph, name_scope
from .graph_def import AttrValue, GraphDef, _add_signature_attrs
from .op_signatures import SIGNATURES
from .registry import get as _get_op_def
from .tensor_proto import DATA_TYPE_NAMES, make_ndarray
from .tensor_shape import TensorShape, unknown_shape

__all__ = ["import_graph_def", "OpTypeNotRegisteredError"]


class OpTypeNotRegisteredError(errors.NotFoundError, ValueError):
    """A GraphDef names an op type varflow does not define (TF 2's NotFoundError, TF 1's ValueError)."""

    def __init__(self, message: str):
        super().__init__(None, None, message, errors.NOT_FOUND)


# --- what varflow's ops keep of TF's attrs ----------------------------------------------------------
# Ops whose kernel takes its attrs as named parameters keep exactly those (read from the kernel). For the
# others (compiled ops, kernels taking **attrs) these tables say which of the type/length attrs TF derives
# from the inputs and outputs varflow's op also keeps ...
_KEEPS_DERIVED: dict = {}
for _names, _attr in (
        ("ApplyAdadelta ApplyAdagrad ApplyAdam ApplyCenteredRMSProp ApplyFtrl ApplyFtrlV2 ApplyGradientDescent "
         "ApplyMomentum ApplyProximalAdagrad ApplyProximalGradientDescent ApplyRMSProp SparseApplyAdadelta "
         "SparseApplyAdagrad SparseApplyCenteredRMSProp SparseApplyFtrl SparseApplyFtrlV2 SparseApplyMomentum "
         "SparseApplyProximalAdagrad SparseApplyProximalGradientDescent SparseApplyRMSProp HistogramSummary "
         "ImageSummary ScalarSummary TensorSummaryV2 ResourceCountUpTo ApplyAdagradDA SparseApplyAdagradDA", "T"),
        ("AssignAddVariableOp AssignSubVariableOp AssignVariableOp Const IsVariableInitialized Placeholder "
         "RandomPoissonV2 RandomStandardNormal RandomUniform ReadVariableOp ResourceGather TruncatedNormal "
         "VariableV2", "dtype"),
        ("MergeSummary", "N"), ("Multinomial", "output_dtype"), ("RandomUniformInt", "Tout"),
        ("StridedSlice", "Index"), ("PyFunc PyFuncStateless", "Tin"), ("PyFunc PyFuncStateless", "Tout"),
        ("MaxPoolWithArgmax MaxPoolGradWithArgmax", "Targmax"), ("MutableDenseHashTableV2", "key_dtype")):
    for _op in _names.split():
        _KEEPS_DERIVED.setdefault(_op, set()).add(_attr)

# ... and which of TF's other attrs they do not keep: TF's default (or one of the listed values, or any value
# for hints that change no result) is what varflow computes; another value is an error.
_ANY = None
_NOT_KEPT: dict = {}
for _names, _attr, _accepted in (
        ("ApplyAdagrad SparseApplyAdagrad ResourceApplyAdagrad ResourceSparseApplyAdagrad", "update_slots", (True,)),
        ("ApplyAdam ResourceApplyAdam", "use_nesterov", (False,)),
        ("ApplyFtrl ApplyFtrlV2 SparseApplyFtrl SparseApplyFtrlV2 ResourceApplyFtrl ResourceApplyFtrlV2 "
         "ResourceSparseApplyFtrl ResourceSparseApplyFtrlV2", "multiply_linear_by_lr", (False,)),
        ("MaxPool MaxPoolGrad", "explicit_paddings", ([],)),
        ("ResourceGather", "batch_dims", (0,)),
        ("ResourceGather", "validate_indices", _ANY),
        ("VarHandleOp", "allowed_devices", _ANY), ("VarHandleOp", "debug_name", _ANY),
        ("ScatterNdUpdate ScatterNdAdd ScatterNdSub ResourceScatterNdUpdate ResourceScatterNdAdd "
         "ResourceScatterNdSub", "bad_indices_policy", ("", "DEFAULT")),
        ("TensorScatterUpdate TensorScatterAdd TensorScatterSub TensorScatterMax TensorScatterMin",
         "bad_indices_policy", ("", "DEFAULT")),
        ("ResourceScatterNdUpdate ResourceScatterNdAdd ResourceScatterNdSub", "use_locking", _ANY),
        ("ComputeAccidentalHits", "seed", _ANY), ("ComputeAccidentalHits", "seed2", _ANY),
        ("MatMul", "grad_a", _ANY), ("MatMul", "grad_b", _ANY),
        ("BatchMatMulV2", "grad_x", _ANY), ("BatchMatMulV2", "grad_y", _ANY)):
    for _op in _names.split():
        _NOT_KEPT.setdefault(_op, {})[_attr] = _accepted

# String attrs whose other values (TF's NCHW_VECT_C, …) varflow's kernels do not implement: for 2-D ops, and
# for the 3-D ones (their type names end in 3D, 3DGrad, 3DBackpropInputV2, …).
_STRING_CHOICES = {"data_format": ("NHWC", "NCHW"), "padding": ("SAME", "VALID", "EXPLICIT")}
_STRING_CHOICES_3D = {"data_format": ("NDHWC", "NCDHW"), "padding": ("SAME", "VALID")}

# Ops whose varflow definition holds Python objects (loop bodies, datasets).
_PYTHON_OPS = {
    "While": "varflow's tf.while_loop keeps its cond and body as Python functions, which a GraphDef "
             "does not hold",
    "WhileGrad": "varflow's while-loop gradient keeps its loop as Python objects",
    "IteratorGetNext": "varflow's tf.data iterators are Python objects, which a GraphDef does not hold",
    "MakeIterator": "varflow's tf.data iterators are Python objects, which a GraphDef does not hold",
}
_LOOP_FRAME_OPS = frozenset(["Enter", "Exit", "NextIteration", "LoopCond", "RefEnter", "RefExit",
                             "RefNextIteration"])


def _softmax_attrs(attrs: dict, node_attrs: dict, inputs: list) -> None:
    attrs["axis"] = -1                        # TF's Softmax and LogSoftmax work on the last axis


def _random_gamma_attrs(attrs: dict, node_attrs: dict, inputs: list) -> None:
    attrs["dtype"] = node_attrs.get("T", dtypes.float32)


def _nhwc_attrs(attrs: dict, node_attrs: dict, inputs: list) -> None:
    attrs["data_format"] = "NHWC"             # the only layout of TF's (and varflow's) argmax pools


def _py_func_attrs(attrs: dict, node_attrs: dict, inputs: list) -> None:
    from ..ops import script_ops

    func = script_ops.registered_function(attrs.get("token", ""))
    if func is None:
        raise ValueError("PyFunc token %r names no Python function of this process: a py_func's function is "
                         "not part of the GraphDef, and only a py_func op still alive in this process "
                         "can lend it to the imported op" % attrs.get("token", ""))
    attrs["_func"] = func


# varflow attrs that TF's op def lacks, derived from the node
_VARFLOW_ONLY = {"Softmax": _softmax_attrs, "LogSoftmax": _softmax_attrs, "RandomGamma": _random_gamma_attrs,
                 "PyFunc": _py_func_attrs, "PyFuncStateless": _py_func_attrs,
                 "MaxPoolWithArgmax": _nhwc_attrs, "MaxPoolGradWithArgmax": _nhwc_attrs}


# --- public entry point ------------------------------------------------------------------------------
def import_graph_def(graph_def, input_map: dict | None = None, return_elements: Iterable[str] | None = None,
                     name: str | None = None, op_dict=None, producer_op_list=None) -> list | None:
    """`tf.import_graph_def`: add a GraphDef's nodes to the default graph; returns the `return_elements`."""
    graph_def = _as_graph_def(graph_def)
    input_map = _check_input_map(input_map)
    returns = _check_return_elements(return_elements)
    graph = get_default_graph()
    with name_scope(name, "import", list(input_map.values())) as scope:   # taken even if the import fails
        mapped = _convert_input_map(input_map, scope)
    nodes = _parse_nodes(graph_def)
    _check_op_types(nodes)
    order = _creation_order(nodes, mapped)
    before, names_before = len(graph._ops), dict(graph._names_in_use)
    importer = _Importer(graph, nodes, mapped, scope[:-1] if scope else "")
    try:
        for node in order:
            importer.create(node)
        importer.check_input_map_used()
        result = [importer.return_element(r) for r in returns] if return_elements is not None else None
    except BaseException:
        _remove_ops_since(graph, before, names_before)
        raise
    importer.mark_names_used()
    return result


# --- arguments ------------------------------------------------------------------------------------------
def _as_graph_def(graph_def) -> GraphDef:
    if isinstance(graph_def, GraphDef):
        return graph_def
    if isinstance(graph_def, (bytes, bytearray, memoryview)):
        return GraphDef.FromString(bytes(graph_def))
    if type(graph_def).__name__ == "GraphDef" and hasattr(graph_def, "SerializeToString"):
        return GraphDef.FromString(graph_def.SerializeToString())     # e.g. TensorFlow's own message
    raise TypeError("Argument `graph_def` must be a GraphDef proto.")


def _check_input_map(input_map) -> dict:
    if input_map is None:
        return {}
    if not isinstance(input_map, dict):
        raise TypeError("Argument `input_map` must be a dictionary. Obtained %s" % type(input_map).__name__)
    for key in input_map:
        if not isinstance(key, str):
            raise TypeError("All keys for argument `input_map` must be strings. Obtained %r" % (key,))
    return input_map


def _check_return_elements(return_elements) -> list:
    if return_elements is None:
        return []
    names = list(return_elements)
    for n in names:
        if not isinstance(n, str):
            raise TypeError("Argument `return_elements` must be a list of strings. Obtained %r" % (n,))
    return names


def _convert_input_map(input_map: dict, scope: str) -> dict:
    """{(node name, output index or -1 for a control input): Tensor}; other values become tensors in
    `scope/_inputs`, as TF converts them."""
    if all(isinstance(v, Tensor) for v in input_map.values()):
        return {_parse_map_key(key): value for key, value in input_map.items()}
    if not scope:
        raise ValueError("tf.import_graph_def() requires a non-empty `name` if `input_map` contains non-Tensor "
                         "values. Try calling tf.convert_to_tensor() on `input_map` values before calling "
                         "tf.import_graph_def().")
    with name_scope("_inputs"):
        return {_parse_map_key(key): convert_to_tensor(value) for key, value in input_map.items()}


def _parse_map_key(key: str) -> tuple:
    if key.startswith("^"):
        return key[1:], -1
    return _parse_input(key)


def _parse_input(text: str) -> tuple:
    """(node name, output index) of a NodeDef input `op` / `op:1` (anything else names a node)."""
    base, sep, index = text.rpartition(":")
    if sep and index.isdigit():
        return base, int(index)
    return text, 0


def _key_text(key: tuple) -> str:
    return "^" + key[0] if key[1] < 0 else "%s:%d" % key


# --- the GraphDef's nodes ---------------------------------------------------------------------------
class _Node:
    """One NodeDef with its parsed inputs."""

    __slots__ = ("index", "name", "op", "device", "attr", "inputs", "controls")

    def __init__(self, index: int, node_def):
        self.index = index
        self.name = node_def.name
        self.op = node_def.op
        self.device = node_def.device
        self.attr = node_def.attr
        self.inputs: list = []       # (node name, output index)
        self.controls: list = []     # node names
        for text in node_def.input:
            if text.startswith("^"):
                self.controls.append(text[1:])
            elif self.controls:
                raise ValueError("Node '%s': Control dependencies must come after regular dependencies"
                                 % self.name)
            else:
                self.inputs.append(_parse_input(text))


def _parse_nodes(graph_def: GraphDef) -> dict:
    nodes: dict = {}
    for i, node_def in enumerate(graph_def.node):
        if not _VALID_OP_NAME.match(node_def.name or ""):
            raise ValueError("Node '%s': Node name contains invalid characters" % node_def.name)
        if node_def.name in nodes:
            raise ValueError("Node '%s' is not unique" % node_def.name)
        nodes[node_def.name] = _Node(i, node_def)
    return nodes


def _check_op_types(nodes: dict) -> None:
    for node in nodes.values():
        if node.op in _LOOP_FRAME_OPS:
            raise OpTypeNotRegisteredError(
                "Op type not registered '%s' (node '%s'): it is part of a TF1 while loop (Enter / Exit / "
                "NextIteration frames), which varflow cannot run; varflow builds tf.while_loop as one While "
                "op. Build the loop with tf.while_loop in varflow instead of importing it." % (node.op, node.name))
        try:
            _get_op_def(node.op)
        except ValueError:
            raise OpTypeNotRegisteredError(
                "Op type not registered '%s' (node '%s'): varflow does not define this op. tf.describe() "
                "and varflow.framework.registry.registered_types() list the op types it defines."
                % (node.op, node.name)) from None
        if node.op in _PYTHON_OPS:
            raise ValueError("Node '%s' (op %s) cannot be imported: %s." % (node.name, node.op, _PYTHON_OPS[node.op]))


def _creation_order(nodes: dict, mapped: dict) -> list:
    """TF's order: repeatedly the first node (in GraphDef order) whose inputs all exist."""
    pending: dict = {}
    consumers: dict = {}
    for node in nodes.values():
        sources = set()
        for src, index in node.inputs:
            if (src, index) not in mapped:
                sources.add(_known_source(nodes, node, src, src))
        for src in node.controls:
            if (src, -1) not in mapped:
                sources.add(_known_source(nodes, node, src, "^" + src))
        pending[node.name] = len(sources)
        for src in sources:
            consumers.setdefault(src, []).append(node)
    ready = [(n.index, n.name) for n in nodes.values() if pending[n.name] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        node = nodes[heapq.heappop(ready)[1]]
        order.append(node)
        for consumer in consumers.get(node.name, ()):
            pending[consumer.name] -= 1
            if pending[consumer.name] == 0:
                heapq.heappush(ready, (consumer.index, consumer.name))
    if len(order) < len(nodes):
        stuck = [n.name for n in nodes.values() if pending[n.name] > 0]
        raise ValueError("GraphDef cannot be imported: %d nodes in a cycle (%s)"
                         % (len(stuck), ", ".join(stuck[:10]) + (", ..." if len(stuck) > 10 else "")))
    return order


def _known_source(nodes: dict, node: _Node, src: str, shown: str) -> str:
    if src not in nodes:
        raise ValueError("Node '%s': Unknown input node '%s'" % (node.name, shown))
    return src


# --- creating the ops ------------------------------------------------------------------------------
class _Importer:
    """Creates the ops of one import and answers for its names, input map and return elements."""

    def __init__(self, graph, nodes: dict, mapped: dict, prefix: str):
        self.graph = graph
        self.nodes = nodes
        self.mapped = mapped
        self.ops: dict = {}          # node name -> Operation
        self.used_keys: set = set()
        self.names = _unique_names(graph, nodes, prefix)

    def create(self, node: _Node) -> Operation:
        """Create the op of `node` (its inputs already exist)."""
        inputs = [self._input(node, i, key) for i, key in enumerate(node.inputs)]
        attrs = _node_attrs(node, inputs, self.names)
        new_name = self.names[node.name]
        try:
            op = self.graph._create_op(node.op, inputs, attrs, name=new_name + "/", control_inputs=False)
        except (TypeError, ValueError, KeyError, IndexError) as e:
            detail = ("missing attr %s" % e) if isinstance(e, KeyError) else str(e)
            raise ValueError("Node '%s' (op %s) cannot be imported: %s" % (node.name, node.op, detail)) from e
        self.ops[node.name] = op
        self._finish(op, node)
        _refine_shapes(op, node)
        return op

    def _input(self, node: _Node, position: int, key: tuple) -> Tensor:
        replacement = self.mapped.get(key)
        src_op = self.ops.get(key[0])
        if src_op is not None and key[1] >= len(src_op._outputs):
            raise ValueError("Node '%s': Connecting to invalid output %d of source node %s which has %d outputs."
                             % (node.name, key[1], key[0], len(src_op._outputs)))
        if replacement is None:
            return src_op._outputs[key[1]]
        self.used_keys.add(key)
        if src_op is not None:
            _check_replacement(node, position, src_op._outputs[key[1]], replacement, self.names)
        return replacement

    def _finish(self, op: Operation, node: _Node) -> None:
        """Control inputs, device and colocation as the NodeDef says (with the scopes' additions)."""
        for src in node.controls:
            replacement = self.mapped.get((src, -1))
            if replacement is not None:
                self.used_keys.add((src, -1))
                op._add_control_input(replacement._op)
            else:
                op._add_control_input(self.ops[src])
        for ctrl in self.graph._control_stack:
            if ctrl is not None:
                op._add_control_inputs(c for c in ctrl.control_ops if c is not op)
        op._attrs.pop("_class", None)
        if "_class" in node.attr:
            op._attrs["_class"] = _colocation(node, self.names)
        op._device = node.device or ""
        if self.graph._device_stack:
            self.graph._apply_device_functions(op)

    def check_input_map_used(self) -> None:
        """TF's error for input_map keys that name no tensor of the GraphDef."""
        missing = [_key_text(key) for key in self.mapped if key not in self.used_keys and not self._exists(key)]
        if missing:
            raise ValueError("Attempted to map inputs that were not found in graph_def: [%s]" % ", ".join(missing))

    def _exists(self, key: tuple) -> bool:
        op = self.ops.get(key[0])
        return op is not None and key[1] < len(op._outputs)

    def return_element(self, text: str):
        """The Operation (`name`) or Tensor (`name:i`, the mapped one if it was mapped) `text` names."""
        if ":" not in text:
            op = self.ops.get(text)
            if op is None:
                raise ValueError("Requested return node '%s' not found in graph def" % text)
            return op
        base, _, index = text.rpartition(":")
        if not index.isdigit():
            raise ValueError("Cannot convert %r to a tensor name. Second component of the name following the "
                             "`:` should be an int. Got %s." % (text, index))
        key = (base, int(index))
        if key in self.mapped:
            return self.mapped[key]
        op = self.ops.get(base)
        if op is None:
            raise ValueError("Requested return tensor '%s' not found in graph def" % text)
        if key[1] >= len(op._outputs):
            raise ValueError("Invalid return output %d of node '%s', which has %d output(s)"
                             % (key[1], base, len(op._outputs)))
        return op._outputs[key[1]]

    def mark_names_used(self) -> None:
        used = self.graph._names_in_use
        for new_name in self.names.values():
            used.setdefault(new_name.lower(), 1)


def _refine_shapes(op: Operation, node: _Node) -> None:
    """TF's importer: `_output_shapes` (written by `as_graph_def(add_shapes=True)`) refine the inferred shapes."""
    shapes = node.attr.get("_output_shapes")
    if shapes is None or shapes.WhichOneof("value") != "list":
        return
    for i, (t, proto) in enumerate(zip(op._outputs, shapes.list.shape)):
        try:
            t.set_shape(_shape(proto))
        except ValueError as e:
            raise ValueError("Node '%s' has an _output_shapes attribute inconsistent with the GraphDef for output "
                             "#%d: %s" % (node.name, i, e)) from e


def _check_replacement(node: _Node, position: int, original: Tensor, replacement: Tensor, names: dict) -> None:
    """TF's check of an input_map entry against the tensor it replaces (a variable's ref stays a ref)."""
    want, got = original._dtype, replacement._dtype
    needs_ref = want._is_ref_dtype and position in _get_op_def(node.op).ref_inputs and node.op != "Switch"
    if got.base_dtype != want.base_dtype or (needs_ref and not got._is_ref_dtype):
        raise ValueError("Input %d of node %s was passed %s from %s incompatible with expected %s."
                         % (position, names[node.name], _tf_type_name(got), replacement.name,
                            _tf_type_name(want if needs_ref else want.base_dtype)))


def _tf_type_name(dtype) -> str:
    """TF's C++ spelling of a dtype in messages: float, int32, float_ref."""
    name = DATA_TYPE_NAMES.get(dtype.as_datatype_enum, dtype.name)
    return name[3:].lower() if name.startswith("DT_") else name


def _unique_names(graph, nodes: dict, prefix: str) -> dict:
    """TF's importer: `prefix/name`; one already taken in the graph (as an op or a scope) gets `_1`, `_2`, …
    skipping the GraphDef's own names."""
    full = {name: (prefix + "/" + name if prefix else name) for name in nodes}
    taken = set()
    for op in graph._ops:
        parts = op._name.split("/")
        for i in range(1, len(parts) + 1):
            taken.add("/".join(parts[:i]))
    planned = set(full.values())
    out = {}
    for name in sorted(nodes, key=lambda n: nodes[n].index):
        candidate = full[name]
        if candidate in taken:
            i = 1
            while "%s_%d" % (candidate, i) in taken or "%s_%d" % (candidate, i) in planned:
                i += 1
            candidate = "%s_%d" % (candidate, i)
        taken.add(candidate)
        out[name] = candidate
    return out


def _colocation(node: _Node, names: dict) -> list:
    """The node's `_class` groups (`loc:@name`) with the imported names."""
    groups = []
    for entry in _attr_python("_class", node.attr["_class"]):
        text = entry.decode() if isinstance(entry, bytes) else entry
        if text.startswith("loc:@"):
            if text[5:] not in names:
                raise ValueError("Node '%s' expects to be colocated with unknown node '%s'" % (node.name, text[5:]))
            text = "loc:@" + names[text[5:]]
        groups.append(text.encode())
    return groups


def _remove_ops_since(graph, start: int, names_in_use: dict) -> None:
    """Undo a failed import: drop the ops it created and the names they took."""
    for op in reversed(graph._ops[start:]):
        for t in op._inputs:
            if op in t._consumers:
                t._consumers.remove(op)
        for c in op._control_inputs:
            if op in c._control_outputs:
                c._control_outputs.remove(op)
        graph._by_name.pop(op._name, None)
    del graph._ops[start:]
    graph._names_in_use.clear()
    graph._names_in_use.update(names_in_use)
    graph._structure_changed()


# --- attrs --------------------------------------------------------------------------------------------
def _node_attrs(node: _Node, inputs: list, names: dict | None = None) -> dict:
    """The attrs varflow's op of `node.op` keeps, from the NodeDef's (TF's defaults filled in)."""
    raw = dict(node.attr)
    raw.pop("_output_shapes", None)
    raw.pop("_class", None)                  # set after creation, with the imported names
    _add_defaults(node.op, raw)
    sig = SIGNATURES.get(node.op)
    if sig is not None:
        _add_signature_attrs(raw, sig[0], inputs)
        _check_input_types(node, sig, raw, inputs, names)
    converted = {key: _attr_value(node, key, value) for key, value in raw.items()
                 if sig is None or key[0] == "_" or key in sig[2]}
    attrs = converted if sig is None else _varflow_attrs(node, sig, converted)
    extra = _VARFLOW_ONLY.get(node.op)
    if extra is not None:
        try:
            extra(attrs, converted, inputs)
        except ValueError as e:
            raise ValueError("Node '%s' (op %s) cannot be imported: %s." % (node.name, node.op, e)) from e
    return attrs


def _add_defaults(op_type: str, raw: dict) -> None:
    from .op_defaults import default_attrs

    for key, default in default_attrs(op_type).items():
        if key not in raw:
            raw[key] = default


def _derived(sig: tuple) -> set:
    out = set()
    for arg in sig[0] + sig[1]:
        for part in arg.strip("[]").split("*"):
            if part != "=":
                out.add(part)
    return out


@functools.lru_cache(maxsize=None)
def _kernel_params(op_type: str):
    """The attr names a plain kernel takes, or None when the op is compiled or its kernel takes **attrs."""
    op_def = _get_op_def(op_type)
    if op_def.compile is not None or op_def.kernel is None:
        return None
    try:
        params = inspect.signature(op_def.kernel).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind == p.VAR_KEYWORD for p in params):
        return None
    return {p.name for p in params}


def _varflow_attrs(node: _Node, sig: tuple, attrs: dict) -> dict:
    derived = _derived(sig)
    params = _kernel_params(node.op)
    keeps_derived = _KEEPS_DERIVED.get(node.op, ())
    not_kept = _NOT_KEPT.get(node.op, {})
    out = {}
    for key, value in attrs.items():
        if key[0] == "_":
            out[key] = value
        elif key in not_kept or (params is not None and key not in params and key not in derived):
            _check_not_kept(node, key, value, not_kept.get(key, "default"))
        elif key in derived and not (key in keeps_derived or (params is not None and key in params)):
            continue
        else:
            _check_choice(node, key, value)
            out[key] = value
    return out


def _check_not_kept(node: _Node, key: str, value, accepted) -> None:
    """An attr varflow's op does not keep: its value must be one varflow computes with."""
    if accepted is _ANY:
        return
    if accepted == "default":
        from .op_defaults import default_attrs

        default = default_attrs(node.op).get(key)
        accepted = () if default is None else (_attr_value(node, key, default),)
    if value not in accepted:
        raise ValueError("Node '%s' (op %s) has attr %s = %r, which varflow's %s does not implement%s."
                         % (node.name, node.op, key, value, node.op, " (it computes with %s)" % " or ".join(
                             repr(a) for a in accepted) if accepted else ""))


def _check_choice(node: _Node, key: str, value) -> None:
    choices = (_STRING_CHOICES_3D if "3D" in node.op else _STRING_CHOICES).get(key)
    if choices is not None and isinstance(value, str) and value not in choices:
        raise ValueError("Node '%s' (op %s) has attr %s = %r, which varflow does not implement (it has %s)."
                         % (node.name, node.op, key, value, ", ".join(choices)))


def _check_input_types(node: _Node, sig: tuple, raw: dict, inputs: list, names: dict | None) -> None:
    """TF's checks of the inputs against the op's signature: their number and the types its attrs give."""
    expected = _expected_input_types(sig[0], raw, len(inputs))
    if expected is None:
        return
    if len(expected) != len(inputs):
        raise ValueError("Node '%s' (op %s): NodeDef expected %d inputs, but %d are specified."
                         % (node.name, node.op, len(expected), len(inputs)))
    for i, (want, t) in enumerate(zip(expected, inputs)):
        if want is not None and want != t._dtype.base_dtype:
            raise ValueError("Input %d of node %s was passed %s from %s incompatible with expected %s."
                             % (i, names[node.name] if names else node.name, _tf_type_name(t._dtype),
                                t.name, _tf_type_name(want)))


def _expected_input_types(args: tuple, raw: dict, count: int):
    """One DType (or None: any) per input the signature expects; None when the attrs do not tell."""
    out: list = []
    variadic = [a for a in args if "*" in a or a.startswith("[")]
    spare = count - (len(args) - len(variadic))
    for arg in args:
        if arg.startswith("["):
            types = raw.get(arg[1:-1])
            if types is None or types.WhichOneof("value") != "list":
                return None
            out.extend(dtypes.as_dtype(t) for t in types.list.type)
        elif "*" in arg:
            type_attr, number_attr = arg.split("*")
            number = raw.get(number_attr)
            n = number.i if number is not None else (spare if len(variadic) == 1 else None)
            if n is None:
                return None
            out.extend([_type_of(raw.get(type_attr)) if type_attr != "=" else None] * n)
        else:
            out.append(None if arg == "=" else _type_of(raw.get(arg)))
    return out


def _type_of(value):
    if value is None or value.WhichOneof("value") != "type":
        return None
    return dtypes.as_dtype(value.type).base_dtype


def _attr_value(node: _Node, key: str, value: AttrValue):
    try:
        return _attr_python(key, value)
    except (TypeError, ValueError) as e:
        raise ValueError("Node '%s' (op %s): attr %s cannot be imported: %s" % (node.name, node.op, key, e)) from e


def _attr_python(key: str, value: AttrValue):
    """One AttrValue as varflow keeps it."""
    kind = value.WhichOneof("value")
    if kind == "list":
        return _list_python(key, value.list)
    if kind is None:
        return []                  # an empty list is written as an AttrValue with no field set
    if kind in ("func", "placeholder"):
        raise ValueError("it is a %s; varflow's GraphDef import has no function library" % (
            "function reference" if kind == "func" else "function placeholder"))
    return _SCALAR[kind](getattr(value, kind))


def _text(s: bytes):
    try:
        return s.decode("utf-8")
    except UnicodeDecodeError:
        return s


def _float(f: float) -> float:
    """An attr float is float32: the shortest decimal that rounds to it (0.1 stays 0.1)."""
    return float(str(np.float32(f))) if np.isfinite(f) else float(f)


def _shape(proto) -> TensorShape:
    if proto.unknown_rank:
        return unknown_shape()
    return TensorShape([None if d.size < 0 else d.size for d in proto.dim])


def _tensor(proto) -> np.ndarray:
    arr = make_ndarray(proto)
    arr.flags.writeable = False
    return arr


_SCALAR = {"s": _text, "i": int, "f": _float, "b": bool, "type": dtypes.as_dtype, "shape": _shape,
           "tensor": _tensor}


def _list_python(key: str, lst) -> list:
    for kind in ("s", "i", "f", "b", "type", "shape", "tensor", "func"):
        values = getattr(lst, kind)
        if values:
            if kind == "func":
                raise ValueError("it is a list of function references; varflow's GraphDef import has no "
                                 "function library")
            if kind == "s" and key == "_class":
                return [bytes(v) for v in values]
            return [_SCALAR[kind](v) for v in values]
    return []
