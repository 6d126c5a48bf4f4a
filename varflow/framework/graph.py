"""Graph, Operation and Tensor: the plain-Python graph that TF1 code builds.

A `Graph` keeps its ops in creation order, TF's unique-name counters, collections and the scope stacks
(name scope, devices, control dependencies, colocation). Ops are created only through
`Graph.create_op`, which asks the op's registered definition for its output dtypes and shapes.
"""
from __future__ import annotations

import contextlib
import re
import threading
from typing import Callable, Iterable

import numpy as np

from . import device as device_lib
from . import dtypes
from . import errors
from . import registry
from .sites import user_site
from .tensor_shape import TensorShape, as_shape

_VALID_OP_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
_VALID_SCOPE_NAME = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")
_VALID_SCOPE_NAMES: set = set()   # scope names seen to match _VALID_OP_NAME (valid at any depth)


# ------------------------------------------------------------------------------------------------
# Tensor
# ------------------------------------------------------------------------------------------------
class Tensor:
    """One output of an Operation: `name` is `op_name:index`. Arithmetic operators build ops."""

    __slots__ = ("_op", "_value_index", "_dtype", "_shape", "_consumers", "__weakref__")
    __array_priority__ = 100  # NumPy defers `ndarray + tensor` to Tensor.__radd__

    def __init__(self, op: "Operation", value_index: int, dtype: dtypes.DType, shape: TensorShape):
        self._op = op
        self._value_index = value_index
        self._dtype = dtype
        self._shape = shape
        self._consumers: list = []

    @property
    def op(self) -> "Operation":
        return self._op

    @property
    def value_index(self) -> int:
        return self._value_index

    @property
    def dtype(self) -> dtypes.DType:
        return self._dtype

    @property
    def graph(self) -> "Graph":
        return self._op._graph

    @property
    def name(self) -> str:
        return "%s:%d" % (self._op._name, self._value_index)

    @property
    def device(self) -> str:
        return self._op._device

    @property
    def shape(self) -> TensorShape:
        return self._shape

    def get_shape(self) -> TensorShape:
        return self._shape

    def set_shape(self, shape) -> None:
        """Refine the static shape; raises ValueError (TF's wording) when `shape` contradicts it."""
        new = as_shape(shape)
        old = self._shape
        if old._dims is not None and new._dims is not None:
            if len(old._dims) != len(new._dims):
                raise ValueError("Shapes must be equal rank, but are %d and %d (setting the shape "
                                 "of %s)" % (len(old._dims), len(new._dims), self.name))
            for i, (a, b) in enumerate(zip(old._dims, new._dims)):
                if a is not None and b is not None and a != b:
                    raise ValueError("Dimension %d in both shapes must be equal, but are %d and "
                                     "%d. Shapes are %s and %s." % (
                                         i, a, b, _shape_brackets(old), _shape_brackets(new)))
        self._shape = old.merge_with(new)

    @property
    def ndim(self):
        return self._shape.ndims

    def consumers(self) -> list:
        return list(self._consumers)

    def eval(self, feed_dict=None, session=None):
        """Run this tensor in `session` (default: the default session) and return its value."""
        return _run_with(session, self, feed_dict, "eval()")

    def _as_node_def_input(self) -> str:
        return self._op._name if self._value_index == 0 else "%s:%d" % (self._op._name, self._value_index)

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self._shape, self._dtype.name)

    def __str__(self):
        return 'Tensor("%s", shape=%s, dtype=%s)' % (self.name, self._shape, self._dtype.name)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):  # graph-mode TF1 tensors compare by identity
        return self is other

    def __ne__(self, other):
        return self is not other

    def __bool__(self):
        raise errors.OperatorNotAllowedInGraphError("Using a `tf.Tensor` as a Python `bool` is not allowed in graph mode. "
                        "Use `if t is not None:` to test for existence, or `tf.cond` to branch "
                        "on the value of %s." % self.name)

    def __iter__(self):
        raise errors.OperatorNotAllowedInGraphError("Iterating over a symbolic `tf.Tensor` (%s) is not allowed in graph mode; "
                        "use tf.unstack(t) to split it into a Python list." % self.name)

    def __len__(self):
        raise TypeError("len is not well defined for symbolic Tensors (%s); use tf.shape(t)[0] "
                        "or t.shape[0] for the static length." % self.name)

    def __array__(self, dtype=None, copy=None):
        raise TypeError("Cannot convert a symbolic Tensor (%s) to a NumPy array; run it in a "
                        "session first: sess.run(t)." % self.name)

    def run(self, *args, **kwargs):
        raise AttributeError(
            "'Tensor' object has no attribute 'run': %s is a Tensor, not an op. Run it with "
            "sess.run(t) or t.eval(), or run its op with t.op.run()." % self.name)

    @classmethod
    def _override_operator(cls, operator: str, func: Callable) -> None:
        setattr(cls, operator, func)


def _shape_brackets(shape: TensorShape) -> str:
    """TF's C++ spelling of a shape in error messages: `[?,3]`."""
    return "[%s]" % ",".join("?" if d is None else str(d) for d in shape._dims)


# ------------------------------------------------------------------------------------------------
# Operation
# ------------------------------------------------------------------------------------------------
class Operation:
    """A node in the graph: its type, inputs, control inputs, attrs, device and output tensors."""

    __slots__ = ("_graph", "_name", "_type", "_inputs", "_control_inputs", "_attrs", "_device",
                 "_outputs", "_id", "_def", "_site", "_control_flow_context", "_control_outputs",
                 "__weakref__")

    def __init__(self, graph, name, op_type, inputs, attrs, op_def):
        self._graph = graph
        self._name = name
        self._type = op_type
        self._inputs = tuple(inputs)
        self._control_inputs: list = []
        self._attrs = attrs
        self._device = ""
        self._outputs: tuple = ()
        self._id = 0
        self._def = op_def
        self._site = None
        self._control_flow_context = None
        self._control_outputs: list = []

    @property
    def name(self) -> str:
        return self._name

    @property
    def type(self) -> str:
        return self._type

    @property
    def graph(self) -> "Graph":
        return self._graph

    @property
    def inputs(self) -> tuple:
        return self._inputs

    @property
    def outputs(self) -> list:
        return list(self._outputs)

    @property
    def control_inputs(self) -> list:
        return list(self._control_inputs)

    @property
    def device(self) -> str:
        return self._device

    @property
    def node_def(self):
        return NodeDef(self)

    @property
    def op_def(self):
        return self._def

    @property
    def traceback(self):
        return [self._site] if self._site else []

    def values(self) -> tuple:
        return self._outputs

    def get_attr(self, name: str):
        if name == "_class":
            return self.colocation_groups()
        try:
            return self._attrs[name]
        except KeyError:
            raise ValueError("Operation '%s' (type %s) has no attr named '%s'; it has: %s"
                             % (self._name, self._type, name, sorted(self._attrs))) from None

    def _set_attr(self, name: str, value) -> None:
        self._attrs[name] = value

    def _set_device(self, device) -> None:
        self._device = device_lib.canonical_name(device) if isinstance(device, device_lib.DeviceSpec) else (device or "")

    def _set_device_from_string(self, device: str) -> None:
        self._device = device or ""

    def _add_control_input(self, op: "Operation") -> None:
        if op not in self._control_inputs:
            self._control_inputs.append(op)
            op._control_outputs.append(self)
        self._graph._structure_changed()

    def _add_control_inputs(self, ops: Iterable["Operation"]) -> None:
        for op in ops:
            self._add_control_input(op)

    def colocation_groups(self) -> list:
        groups = self._attrs.get("_class")
        return list(groups) if groups else [("loc:@" + self._name).encode()]

    def run(self, feed_dict=None, session=None) -> None:
        """Run this op in `session` (default: the default session)."""
        _run_with(session, self, feed_dict, "run()")

    def __repr__(self):
        return "<tf.Operation '%s' type=%s>" % (self._name, self._type)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


class NodeDef:
    """A light read-only view of an op in TF's NodeDef shape (`name`, `op`, `input`, `device`, `attr`)."""

    __slots__ = ("name", "op", "input", "device", "attr")

    def __init__(self, op: Operation):
        self.name = op._name
        self.op = op._type
        self.input = [t._as_node_def_input() for t in op._inputs] + ["^" + c._name for c in op._control_inputs]
        self.device = op._device
        self.attr = dict(op._attrs)

    def __repr__(self):
        return "name: %r op: %r input: %r device: %r" % (self.name, self.op, self.input, self.device)


# ------------------------------------------------------------------------------------------------
# Graph
# ------------------------------------------------------------------------------------------------
class _ControlDeps:
    """One `control_dependencies` block: its control ops and the ops created inside it."""

    __slots__ = ("control_ops", "seen")

    def __init__(self, control_ops):
        self.control_ops = control_ops
        self.seen: set = set()


class _Reset:
    """Sets one Graph attribute for a `with` block and restores it after (a class: variable
    creation enters several of these per variable)."""

    __slots__ = ("_graph", "_attr", "_value", "_old")

    def __init__(self, graph: "Graph", attr: str, value):
        self._graph, self._attr, self._value = graph, attr, value

    def __enter__(self) -> None:
        self._old = getattr(self._graph, self._attr)
        setattr(self._graph, self._attr, self._value)

    def __exit__(self, *exc) -> bool:
        setattr(self._graph, self._attr, self._old)
        return False


class _Colocation(contextlib.ContextDecorator):
    """The context manager of `Graph.colocate_with` (also a decorator, as TF's)."""

    def __init__(self, graph: "Graph", op, ignore_existing: bool):
        self._graph, self._op, self._ignore_existing = graph, op, ignore_existing

    def _recreate_cm(self) -> "_Colocation":
        return _Colocation(self._graph, self._op, self._ignore_existing)

    def __enter__(self) -> None:
        graph, op = self._graph, self._op
        if op is not None:
            op = _to_op(op)
        elif not self._ignore_existing:
            raise ValueError("Trying to reset colocation (op is None) but ignore_existing is not "
                             "True")
        self._old = (graph._device_stack, graph._colocation_stack)
        graph._device_stack = []
        stack = [] if self._ignore_existing else graph._colocation_stack
        graph._colocation_stack = stack + [op] if op is not None else stack

    def __exit__(self, *exc) -> bool:
        self._graph._device_stack, self._graph._colocation_stack = self._old
        return False


class _NameScope:
    """The context manager of `Graph.name_scope` (a class: it is on every op-building path)."""

    __slots__ = ("_graph", "_name", "_old")

    def __init__(self, graph: "Graph", name):
        self._graph = graph
        self._name = name

    def __enter__(self) -> str:
        graph, name = self._graph, self._name
        self._old = graph._name_stack
        if not name:
            new, returned = "", ""
        elif name[-1] == "/":
            new, returned = name[:-1], name
        else:
            new = graph.unique_name(name)
            returned = new + "/"
        graph._name_stack = new
        return returned

    def __exit__(self, *exc) -> bool:
        self._graph._name_stack = self._old
        return False


class Graph:
    """A TF1 dataflow graph. Use `with g.as_default():` to build into it."""

    def __init__(self):
        self._ops: list[Operation] = []
        self._by_name: dict[str, Operation] = {}
        self._names_in_use: dict[str, int] = {}
        self._name_stack = ""
        self._collections: dict[str, list] = {}
        self._device_stack: list = []          # entries: ("fn", callable) or ("null", None)
        self._control_stack: list[_ControlDeps | None] = []
        self._colocation_stack: list[Operation] = []
        self._finalized = False
        self._seed = None
        self._lock = threading.RLock()
        self._structure_version = 0            # bumps on any change that can alter a plan
        self._control_flow_context = None
        self._container = ""
        self._record_sites = False
        self._gradient_overrides: dict = {}
        self.building_function = False
        self._attr_scope: dict = {}

    # --- default graph --------------------------------------------------------------------------
    @contextlib.contextmanager
    def as_default(self):
        """Make this graph the default graph inside the block (per thread)."""
        stack = _graph_stack()
        stack.append(self)
        try:
            yield self
        finally:
            stack.pop()

    # --- basic properties -------------------------------------------------------------------
    @property
    def version(self) -> int:
        return len(self._ops)

    @property
    def _last_id(self) -> int:
        return len(self._ops)

    @property
    def finalized(self) -> bool:
        return self._finalized

    def finalize(self) -> None:
        """Freeze the graph: creating ops afterwards raises RuntimeError (catches graph leaks)."""
        self._finalized = True

    def _unsafe_unfinalize(self) -> None:
        self._finalized = False

    @property
    def seed(self):
        return self._seed

    @seed.setter
    def seed(self, seed) -> None:
        self._seed = seed

    @property
    def graph_def_versions(self):
        from .graph_def import GRAPH_DEF_VERSION, VersionDef

        return VersionDef(producer=GRAPH_DEF_VERSION)

    def as_graph_def(self, from_version=None, add_shapes: bool = False):
        """This graph as a TensorFlow `GraphDef` (serializable; TensorBoard and TF can read it)."""
        from .graph_def import as_graph_def

        return as_graph_def(self, from_version, add_shapes)

    def _structure_changed(self) -> None:
        self._structure_version += 1

    # --- names ------------------------------------------------------------------------------
    def get_name_scope(self) -> str:
        return self._name_stack

    def unique_name(self, name: str, mark_as_used: bool = True) -> str:
        """TF's rule: prefix the name scope, then add `_1`, `_2`, … (case-insensitively unique)."""
        if self._name_stack:
            name = self._name_stack + "/" + name
        key = name.lower()
        used = self._names_in_use
        i = used.get(key, 0)
        if mark_as_used:
            used[key] = i + 1
        if i > 0:
            base = key
            while key in used:
                key = "%s_%d" % (base, i)
                i += 1
            if mark_as_used:
                used[key] = 1
            name = "%s_%d" % (name, i - 1)
        return name

    def name_scope(self, name) -> "_NameScope":
        """Open a name scope: `a/`, then `a_1/`; `a/` re-enters; `''`/None go back to the root."""
        if name and (name.__class__ is not str or name not in _VALID_SCOPE_NAMES):
            if isinstance(name, bytes):
                name = name.decode()
            if not isinstance(name, str):
                raise TypeError("A name scope must be a string, got %r" % (name,))
            root = not self._name_stack
            if _VALID_OP_NAME.match(name):
                if len(_VALID_SCOPE_NAMES) < 4096:
                    _VALID_SCOPE_NAMES.add(name)     # valid at the root, so valid anywhere
            elif not (_VALID_OP_NAME if root else _VALID_SCOPE_NAME).match(name):
                raise ValueError(
                    "'%s' is not a valid %sscope name. A %sscope name may only use letters, digits "
                    "and . _ - / >%s (pattern %s)." % (
                        name, "root " if root else "", "root " if root else "",
                        ", and must start with a letter, digit or '.'" if root else "",
                        (_VALID_OP_NAME if root else _VALID_SCOPE_NAME).pattern))
        return _NameScope(self, name)

    # --- op creation ------------------------------------------------------------------------
    def create_op(self, op_type: str, inputs=(), dtypes_=None, input_types=None, name=None,
                  attrs=None, op_def=None, compute_shapes=True, compute_device=True):
        """Create an op of a registered type (TF1's signature; output dtypes come from the op's rule)."""
        inputs = [convert_to_tensor(x) for x in inputs]
        return self._create_op(op_type, inputs, dict(attrs or {}), name)

    def _create_op(self, op_type: str, inputs: list, attrs: dict, name: str | None = None,
                   control_inputs: bool = True) -> Operation:
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified: an op of type %s was "
                               "created after Graph.finalize(), typically inside a training loop. "
                               "Build every op before the loop and only run them inside it."
                               % op_type)
        op_def = registry.get(op_type)
        for t in inputs:
            if t._op._graph is not self:
                raise ValueError("%s must be from the same graph as the other inputs of the "
                                 "%s op being created (graphs are %r and %r); build both in "
                                 "one graph." % (t, op_type, t._op._graph, self))
        if name is None:
            name = op_type
        if name and name[-1] == "/":
            name = name[:-1]
        else:       # taken before the shape rule runs: as in TF, an op that fails to build uses up its name
            name = self.unique_name(name)
            if not _VALID_OP_NAME.match(name):
                raise ValueError("`%s` is not a valid node name. Node names may only use letters, "
                                 "digits and . _ - / >, and must start with a letter, digit or "
                                 "'.' (pattern %s)." % (name, _VALID_OP_NAME.pattern))
        specs = op_def.infer(inputs, attrs)
        if self._attr_scope:
            attrs.update(self._attr_scope)
        if self._gradient_overrides and op_type in self._gradient_overrides:    # kept by the op, as TF
            attrs["_gradient_op_type"] = self._gradient_overrides[op_type]
        with self._lock:
            op = Operation(self, name, op_type, inputs, attrs, op_def)
            if len(specs) == 1:
                op._outputs = (Tensor(op, 0, specs[0][0], specs[0][1]),)
            else:
                op._outputs = tuple([Tensor(op, i, dt, shape) for i, (dt, shape) in enumerate(specs)])
            op._id = len(self._ops)
            if self._record_sites:
                op._site = user_site(2)
            for t in inputs:
                t._consumers.append(op)
            if control_inputs and self._control_stack:
                for c in self._control_deps_for(inputs):
                    op._control_inputs.append(c)
                    c._control_outputs.append(op)
            op._control_flow_context = context = self._control_flow_context
            self._place(op)
            self._ops.append(op)
            self._by_name[name] = op
            self._structure_version += 1
        if context is not None and context.add_op is not None:
            context.add_op(op)      # a cond branch switches the op's outside inputs right away, as TF
        return op

    def _control_deps_for(self, inputs) -> list:
        input_ops = {t._op for t in inputs}
        result: list = []
        for ctrl in self._control_stack:
            if ctrl is None:
                continue
            if any(op in ctrl.seen for op in input_ops):
                continue
            for c in ctrl.control_ops:
                if c not in input_ops and c not in result:
                    result.append(c)
        return result

    def _record_in_control_blocks(self, op: Operation) -> None:
        for ctrl in self._control_stack:
            if ctrl is not None:
                ctrl.seen.add(op)

    def _place(self, op: Operation) -> None:
        # As TF: an op reading a ref input is colocated with the ref's producer (which, like
        # colocate_with, hides the device scopes); device functions run first, then the innermost
        # colocation op that has a device overrides the result.
        refs = op._def.ref_inputs
        ref_ops = [op._inputs[i]._op for i in sorted(refs)
                   if i < len(op._inputs) and op._inputs[i]._dtype._is_ref_dtype] if refs else ()
        if not ref_ops:
            self._apply_device_functions(op)
        colocation = self._colocation_stack + ref_ops if ref_ops else self._colocation_stack
        if colocation:
            groups: list = []
            device = None
            for c in reversed(colocation):
                groups.extend(c.colocation_groups())
                if device is None and c._device:
                    device = c._device
            if device is not None:
                op._device = device
            op._attrs["_class"] = sorted(set(groups))
        if self._control_stack:
            self._record_in_control_blocks(op)

    def _apply_device_functions(self, op: Operation) -> None:
        for kind, fn in reversed(self._device_stack):
            if kind == "null":
                break
            dev = fn(op)    # TF keeps a function's string as written; a DeviceSpec is spelled out
            if dev is None:
                raise TypeError("The device function %r returned None for op %s: return a device "
                                "string ('' for no device) or a DeviceSpec." % (fn, op.name))
            op._device = dev.to_string() if isinstance(dev, device_lib.DeviceSpec) else dev

    # --- lookups ----------------------------------------------------------------------------
    def get_operations(self) -> list:
        return list(self._ops)

    def get_operation_by_name(self, name: str) -> Operation:
        if not isinstance(name, str):
            raise TypeError("Operation names are strings, got %r" % (name,))
        op = self._by_name.get(name)
        if op is None:
            if ":" in name:
                raise ValueError("Name '%s' appears to refer to a Tensor, not a Operation; use the "
                                 "op name '%s' or get_tensor_by_name." % (name, name.split(":")[0]))
            raise KeyError("The name '%s' refers to an Operation not in the graph.%s"
                           % (name, _closest_hint(name, self._by_name)))
        return op

    def get_tensor_by_name(self, name: str) -> Tensor:
        if not isinstance(name, str):
            raise TypeError("Tensor names are strings, got %r" % (name,))
        return self.as_graph_element(name, allow_tensor=True, allow_operation=False)

    def as_graph_element(self, obj, allow_tensor: bool = True, allow_operation: bool = True):
        """Resolve a Tensor, Operation or name (`"x:0"` or `"x"`) to an element of this graph."""
        conv = getattr(obj, "_as_graph_element", None)
        if conv is not None and not isinstance(obj, (Tensor, Operation)):
            obj = conv()
        if isinstance(obj, str):
            return self._element_by_name(obj, allow_tensor, allow_operation)
        if isinstance(obj, Tensor) and allow_tensor:
            if obj.graph is not self:
                raise ValueError("Tensor %s is not an element of this graph." % obj)
            return obj
        if isinstance(obj, Operation) and allow_operation:
            if obj._graph is not self:
                raise ValueError("Operation %r is not an element of this graph." % obj)
            return obj
        types = [n for n, ok in (("Tensor", allow_tensor), ("Operation", allow_operation)) if ok]
        raise TypeError("Can not convert a %s into a %s." % (type(obj).__name__, " or ".join(types)))

    def _element_by_name(self, name: str, allow_tensor: bool, allow_operation: bool):
        if ":" in name and allow_tensor:
            op_name, _, index = name.rpartition(":")
            try:
                index = int(index)
            except ValueError:
                raise ValueError("The name '%s' looks a like a Tensor name, but is not a valid one. "
                                 "Tensor names must be of the form \"<op_name>:<output_index>\"."
                                 % name) from None
            op = self._by_name.get(op_name)
            if op is None:
                raise KeyError("The name '%s' refers to a Tensor which does not exist. The "
                               "operation, '%s', does not exist in the graph.%s"
                               % (name, op_name, _closest_hint(op_name, self._by_name)))
            if not 0 <= index < len(op._outputs):
                raise KeyError("The name '%s' refers to a Tensor which does not exist. The "
                               "operation, '%s', exists but only has %d outputs."
                               % (name, op_name, len(op._outputs)))
            return op._outputs[index]
        if ":" in name:
            raise ValueError("Name '%s' appears to refer to a Tensor, not a Operation; use the op "
                             "name '%s' or look the tensor up with get_tensor_by_name."
                             % (name, name.rpartition(":")[0]))
        op = self._by_name.get(name)
        if not allow_operation:
            if op is not None:
                raise ValueError("The name '%s' refers to an Operation, not a Tensor. Tensor names "
                                 "must be of the form \"<op_name>:<output_index>\": write '%s:0' "
                                 "for its first output." % (name, name))
            raise ValueError("The name '%s' looks like an (invalid) Operation name, not a Tensor. "
                             "Tensor names must be of the form \"<op_name>:<output_index>\"."
                             % name)
        if op is None:
            raise KeyError("The name '%s' refers to an Operation not in the graph.%s"
                           % (name, _closest_hint(name, self._by_name)))
        return op

    # --- collections ------------------------------------------------------------------------
    def add_to_collection(self, name: str, value) -> None:
        self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value) -> None:
        names = (names,) if isinstance(names, str) else set(names)
        for name in names:
            self.add_to_collection(name, value)

    def get_collection_ref(self, name: str) -> list:
        return self._collections.setdefault(name, [])

    def get_collection(self, name: str, scope=None) -> list:
        """A copy of the collection; with `scope`, only items whose name `re.match`es it."""
        items = self._collections.get(name)
        if items is None:
            return []
        if scope is None:
            return list(items)
        pattern = re.compile(scope) if isinstance(scope, str) else scope
        out = []
        for item in items:
            item_name = getattr(item, "name", None)
            if item_name is None:
                continue
            try:
                if pattern.match(item_name):
                    out.append(item)
            except TypeError:
                continue
        return out

    def get_all_collection_keys(self) -> list:
        return [k for k, v in self._collections.items() if isinstance(k, str)]

    def clear_collection(self, name: str) -> None:
        self._collections.pop(name, None)

    # --- scopes -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def device(self, device_name_or_function):
        """Place ops created inside on a device (string, DeviceSpec, function, or None to clear)."""
        if device_name_or_function is None:
            entry = ("null", None)
        elif callable(device_name_or_function) and not isinstance(device_name_or_function, (str, device_lib.DeviceSpec)):
            entry = ("fn", device_name_or_function)
        else:
            spec = device_name_or_function
            if not isinstance(spec, device_lib.DeviceSpec):
                spec = device_lib.DeviceSpec.from_string(spec)
            entry = ("fn", device_lib.merge_device(spec))
        self._device_stack.append(entry)
        try:
            yield
        finally:
            self._device_stack.pop()

    def control_dependencies(self, control_inputs):
        """Ops created inside run after `control_inputs`; `None` clears the enclosing dependencies."""
        if control_inputs is None:
            return _Reset(self, "_control_stack", [])
        return self._run_after(control_inputs)

    @contextlib.contextmanager
    def _run_after(self, control_inputs):
        ops = []
        for c in control_inputs:
            ops.append(_as_control_op(self, c))
        ctrl = _ControlDeps(ops)
        self._control_stack.append(ctrl)
        try:
            yield
        finally:
            self._control_stack.pop()

    def colocate_with(self, op, ignore_existing: bool = False) -> "_Colocation":
        """Ops created inside share `op`'s device and colocation group (device scopes are reset)."""
        return _Colocation(self, op, ignore_existing)

    @contextlib.contextmanager
    def container(self, container_name: str):
        old = self._container
        self._container = container_name
        try:
            yield container_name
        finally:
            self._container = old

    @contextlib.contextmanager
    def gradient_override_map(self, op_type_map: dict):
        old = dict(self._gradient_overrides)
        self._gradient_overrides.update(op_type_map)
        try:
            yield
        finally:
            self._gradient_overrides = old

    def is_fetchable(self, tensor_or_op) -> bool:
        return True

    def is_feedable(self, tensor) -> bool:
        return True

    def __repr__(self):
        return "<varflow.Graph with %d ops>" % len(self._ops)


def _closest_hint(name: str, names) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(names), n=3, cutoff=0.6)
    return (" Did you mean: %s?" % ", ".join(repr(c) for c in close)) if close else ""


def _to_op(x) -> Operation:
    if isinstance(x, Operation):
        return x
    if isinstance(x, Tensor):
        return x._op
    op = getattr(x, "op", None)
    if isinstance(op, Operation):
        return op
    raise TypeError("Expected an Operation or Tensor, got %r" % (x,))


def _as_control_op(graph: Graph, c) -> Operation:
    if callable(getattr(c, "_as_graph_element", None)) and not isinstance(c, (Tensor, Operation)):
        c = c._as_graph_element()
    elif hasattr(c, "op") and not isinstance(c, (Tensor, Operation)):
        c = c.op
    if isinstance(c, Tensor):
        c = c._op
    if not isinstance(c, Operation):
        raise TypeError("Can not convert a %s into a Tensor or Operation: control_dependencies "
                        "takes a list of ops, tensors or variables, got %r."
                        % (type(c).__name__, c))
    return c


# ------------------------------------------------------------------------------------------------
# Default graph / session stacks (thread-local, as TF)
# ------------------------------------------------------------------------------------------------
class _ThreadStacks(threading.local):
    def __init__(self):
        self.graphs: list[Graph] = []
        self.sessions: list = []


_stacks = _ThreadStacks()
_global_default_graph: Graph | None = None


def _graph_stack() -> list:
    return _stacks.graphs


def get_default_graph() -> Graph:
    """The innermost graph of `with g.as_default()`, or the global default graph."""
    stack = _stacks.graphs
    if stack:
        return stack[-1]
    global _global_default_graph
    if _global_default_graph is None:
        _global_default_graph = Graph()
    return _global_default_graph


def reset_default_graph() -> None:
    """Replace the global default graph with a fresh one (not allowed inside `as_default()`)."""
    if _stacks.graphs:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you "
                             "need a cleared graph, exit the nesting and create a new graph.")
    global _global_default_graph
    _global_default_graph = Graph()


def session_stack() -> list:
    return _stacks.sessions


def get_default_session():
    stack = _stacks.sessions
    return stack[-1] if stack else None


def _run_with(session, fetch, feed_dict, what: str):
    if session is None:
        session = get_default_session()
        if session is None:
            raise ValueError("Cannot %s using `%s`: No default session is registered. Use "
                             "`with sess.as_default():` or pass an explicit session to `%s`"
                             % ("execute operation" if isinstance(fetch, Operation)
                                else "evaluate tensor", what, what.replace("()", "(session=sess)")))
    graph = fetch.graph
    if session.graph is not graph:
        raise ValueError("Cannot use the given session to %s: the %s's graph is different from "
                         "the session's graph. Create the session with tf.Session(graph=%s.graph)."
                         % ("execute operation" if isinstance(fetch, Operation) else
                            "evaluate tensor", "operation" if isinstance(fetch, Operation) else
                            "tensor", "op" if isinstance(fetch, Operation) else "t"))
    return session.run(fetch, feed_dict)


# ------------------------------------------------------------------------------------------------
# Conversion to tensors
# ------------------------------------------------------------------------------------------------
_conversion_functions: list = []   # (priority, base_type, fn)


def register_tensor_conversion_function(base_type, conversion_func, priority: int = 100) -> None:
    """Teach `convert_to_tensor` a new type: `conversion_func(value, dtype, name, as_ref)`."""
    if isinstance(base_type, type) and issubclass(base_type, (np.ndarray, np.generic)):
        raise TypeError("Cannot register conversions for NumPy arrays or scalars.")
    _conversion_functions.append((priority, base_type, conversion_func))
    _conversion_functions.sort(key=lambda e: e[0])
    _conversion_cache.clear()


_conversion_cache: dict = {}


def _conversion_funcs_for(cls) -> list:
    funcs = _conversion_cache.get(cls)
    if funcs is None:
        funcs = [f for _, base, f in _conversion_functions if issubclass(cls, base)]
        _conversion_cache[cls] = funcs
    return funcs


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, as_ref: bool = False,
                      dtype_hint=None) -> Tensor:
    """Turn a Tensor, Variable, NumPy array or Python value into a Tensor of the default graph."""
    preferred_dtype = preferred_dtype or dtype_hint
    if isinstance(value, Tensor):
        if dtype is not None:
            dtype = dtypes.as_dtype(dtype)
            if not dtype.is_compatible_with(value._dtype):
                raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: "
                                 "%r" % (dtype.name, value._dtype.name, value))
        if not as_ref and value._dtype._is_ref_dtype:
            return _deref(value)
        return value
    funcs = _conversion_funcs_for(type(value))
    if funcs:
        for fn in funcs:
            if preferred_dtype is not None and dtype is None:
                try:
                    result = fn(value, dtype=preferred_dtype, name=name, as_ref=as_ref)
                except (TypeError, ValueError):
                    result = NotImplemented
                if result is not NotImplemented:
                    return result
            result = fn(value, dtype=dtype, name=name, as_ref=as_ref)
            if result is not NotImplemented:
                return result
    from ..ops import constant_op  # the constant op lives with the op library

    if dtype is None and preferred_dtype is not None:
        try:
            return constant_op.constant(value, dtype=preferred_dtype, name=name or "Const")
        except (TypeError, ValueError):
            pass
    return constant_op.constant(value, dtype=dtype, name=name or "Const")


def _deref(ref_tensor: Tensor) -> Tensor:
    """Reading a ref tensor: variables give their cached snapshot; other refs an Identity."""
    from ..ops import array_ops

    return array_ops.identity(ref_tensor)


def convert_n_to_tensor(values, dtype=None, name=None) -> list:
    return [convert_to_tensor(v, dtype=dtype) for v in values]


def convert_to_tensor_or_indexed_slices(value, dtype=None, name=None):
    if hasattr(value, "indices") and hasattr(value, "values") and hasattr(value, "dense_shape"):
        return value
    return convert_to_tensor(value, dtype=dtype, name=name)


def is_tensor(x) -> bool:
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_element") and hasattr(x, "dtype")


# ------------------------------------------------------------------------------------------------
# Module-level scope helpers (TF's `tf.name_scope(name, default_name, values)` pattern)
# ------------------------------------------------------------------------------------------------
def _graph_of(values) -> Graph:
    for v in values or ():
        if v.__class__ is Tensor:
            return v._op._graph
        g = getattr(v, "graph", None)
        if isinstance(g, Graph):
            return g
    return get_default_graph()


class name_scope:  # noqa: N801 - TF's public name
    """`tf.name_scope(name, default_name, values)`: yields the scope string (with trailing '/')
    used to name the ops created inside, in the graph of `values` (default: the default graph)."""

    __slots__ = ("_graph", "_scope", "_pushed")

    def __init__(self, name, default_name=None, values=None):
        if not (default_name is None or isinstance(default_name, str)):
            raise TypeError("`default_name` type (%s) is not a string type. You likely meant to "
                            "pass this into the `values` kwarg." % type(default_name))
        n = default_name if name is None else name
        if not n and n != "" and values is not None:
            raise ValueError("At least one of name (%s) and default_name (%s) must be provided."
                             % (name, default_name))
        self._graph = _graph_of(values) if values else get_default_graph()
        self._scope = self._graph.name_scope(n)

    def __enter__(self) -> str:
        stack = _stacks.graphs
        self._pushed = not stack or stack[-1] is not self._graph
        if self._pushed:
            stack.append(self._graph)
        try:
            return self._scope.__enter__()
        except BaseException:
            if self._pushed:
                stack.pop()
            raise

    def __exit__(self, *exc) -> bool:
        self._scope.__exit__(*exc)
        if self._pushed:
            _stacks.graphs.pop()
        return False


def device(device_name_or_function):
    return get_default_graph().device(device_name_or_function)


def control_dependencies(control_inputs):
    return get_default_graph().control_dependencies(control_inputs)


def colocate_with(op, ignore_existing: bool = False):
    return get_default_graph().colocate_with(op, ignore_existing)


def container(container_name: str):
    return get_default_graph().container(container_name)


def add_to_collection(name: str, value) -> None:
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value) -> None:
    get_default_graph().add_to_collections(names, value)


def get_collection(key: str, scope=None) -> list:
    return get_default_graph().get_collection(key, scope)


def get_collection_ref(key: str) -> list:
    return get_default_graph().get_collection_ref(key)


def get_all_collection_keys() -> list:
    return get_default_graph().get_all_collection_keys()


def clear_collection(key: str) -> None:
    get_default_graph().clear_collection(key)


def get_name_scope() -> str:
    return get_default_graph().get_name_scope()

