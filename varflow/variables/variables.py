"""`tf.Variable`: TF1 ref variables (the default) and resource variables, plus the collection and
initialization helpers (`global_variables_initializer`, `report_uninitialized_variables`, ...).

A Variable is graph structure only (its ops, initial value, collections, device); its value lives in
the container of whichever session runs it.
"""
from __future__ import annotations

import contextlib
import weakref

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import (Operation, Tensor, colocate_with, control_dependencies,
                               convert_to_tensor, device, get_default_graph, name_scope,
                               register_tensor_conversion_function)
from ..framework.graph_keys import GraphKeys
from ..framework.sites import user_site
from ..framework.tensor_shape import TensorShape, unknown_shape
from ..ops import state_ops
from ..ops.op_util import make1

__all__ = ["Variable", "VariableV1", "RefVariable", "ResourceVariable", "global_variables",
           "all_variables", "local_variables", "trainable_variables", "model_variables",
           "moving_average_variables", "global_variables_initializer", "initialize_all_variables",
           "local_variables_initializer", "initialize_local_variables", "variables_initializer",
           "initialize_variables", "report_uninitialized_variables", "assert_variables_initialized",
           "variable_creator_scope", "enable_resource_variables", "resource_variables_enabled",
           "init_scope", "VariableSynchronization", "VariableAggregation", "is_variable_initialized"]

_DEFAULT_USE_RESOURCE = [False]


def set_default_resource(value: bool) -> None:
    _DEFAULT_USE_RESOURCE[0] = bool(value)


def enable_resource_variables() -> None:
    """`tf.enable_resource_variables`: variables made afterwards are resource variables."""
    set_default_resource(True)


def resource_variables_enabled() -> bool:
    return _DEFAULT_USE_RESOURCE[0]


class VariableSynchronization:
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation:
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3


class init_scope(contextlib.ContextDecorator):  # noqa: N801 - TF's public name
    """Build outside any control-dependency block and control-flow context (as TF's init_scope);
    also a decorator, as TF's. (A class: every variable creation enters it twice.)"""

    def _recreate_cm(self) -> "init_scope":
        return init_scope()            # a fresh one per decorated call: calls may nest

    def __enter__(self) -> None:
        graph = self._graph = get_default_graph()
        self._old = (graph._control_flow_context, graph._control_stack)
        graph._control_flow_context = None
        graph._control_stack = []

    def __exit__(self, *exc) -> bool:
        self._graph._control_flow_context, self._graph._control_stack = self._old
        return False


# ------------------------------------------------------------------------------------------------
# variable_creator_scope: creators see every Variable construction as keyword arguments
# ------------------------------------------------------------------------------------------------
def _creator_stack(graph) -> list:
    stack = getattr(graph, "_variable_creator_stack", None)
    if stack is None:
        stack = graph._variable_creator_stack = []
    return stack


@contextlib.contextmanager
def variable_creator_scope(variable_creator):
    """`tf.variable_creator_scope`: `variable_creator(next_creator, **kwargs)` wraps creation."""
    stack = _creator_stack(get_default_graph())
    stack.append(variable_creator)
    try:
        yield
    finally:
        stack.remove(variable_creator)


class _VariableMeta(type):
    """`tf.Variable(...)` goes through the creator stack, then builds a ref or resource variable."""

    def __call__(cls, *args, **kwargs):
        if cls is not Variable and cls is not VariableV1:
            return super().__call__(*args, **kwargs)
        kwargs = _bind_variable_args(args, kwargs)

        def default_creator(**kw):
            variable_def = kw.pop("variable_def", None)
            import_scope = kw.pop("import_scope", None)
            if variable_def is not None:
                if kw.get("initial_value") is not None:
                    raise ValueError("variable_def and initial_value are mutually exclusive.")
                return Variable.from_proto(variable_def, import_scope=import_scope)
            use_resource = kw.pop("use_resource", None)
            if use_resource is None:
                use_resource = _DEFAULT_USE_RESOURCE[0]
            synchronization = kw.pop("synchronization", None)
            aggregation = kw.pop("aggregation", None)
            kw["trainable"] = _trainable_for(kw.get("trainable"), synchronization)
            kw.pop("shape", None)
            impl = ResourceVariable if use_resource else RefVariable
            var = impl(**kw)
            if synchronization is not None:
                var._synchronization = _enum_value(synchronization)
            if aggregation is not None:
                var._aggregation = _enum_value(aggregation)
            return var

        creator = default_creator
        for c in _creator_stack(get_default_graph()):
            creator = _chain(c, creator)
        return creator(**kwargs)


def _chain(c, nxt):
    return lambda **kw: c(nxt, **kw)


def _enum_value(value) -> int:
    """A VariableSynchronization/VariableAggregation as its number (TF's enums or varflow's ints)."""
    return int(getattr(value, "value", value))


def is_on_read(synchronization) -> bool:
    """Whether `synchronization` is ON_READ (such variables are not trainable by default)."""
    return synchronization is not None and _enum_value(synchronization) == VariableSynchronization.ON_READ


def _trainable_for(trainable, synchronization):
    """TF1's rule: ON_READ variables are not trainable unless `trainable=True` says so."""
    if trainable is None and is_on_read(synchronization):
        return False
    return trainable


_VARIABLE_ARGS = ("initial_value", "trainable", "collections", "validate_shape", "caching_device",
                  "name", "variable_def", "dtype", "expected_shape", "import_scope", "constraint",
                  "use_resource", "synchronization", "aggregation", "shape")


_VARIABLE_ARG_NAMES = frozenset(_VARIABLE_ARGS)
_VARIABLE_ARG_DEFAULTS = {"initial_value": None, "trainable": None, "collections": None,
                          "caching_device": None, "name": None, "dtype": None, "constraint": None,
                          "use_resource": None, "validate_shape": True}


def _bind_variable_args(args, kwargs) -> dict:
    """Variable's arguments by name, with the defaults filled in."""
    if args or not _VARIABLE_ARG_NAMES.issuperset(kwargs):
        if len(args) > len(_VARIABLE_ARGS):
            raise TypeError("Variable takes at most %d positional arguments" % len(_VARIABLE_ARGS))
        positional = dict(zip(_VARIABLE_ARGS, args))
        for k in kwargs:
            if k not in _VARIABLE_ARG_NAMES:
                raise TypeError("Variable got an unexpected keyword argument '%s'" % k)
            if k in positional:
                raise TypeError("Variable got multiple values for argument '%s'" % k)
        kwargs = {**positional, **kwargs}
    bound = dict(_VARIABLE_ARG_DEFAULTS)
    bound.update(kwargs)
    return bound


@contextlib.contextmanager
def _colocated_with_variable(scope_name: str, active: bool = True):
    """Ops made inside get TF's `_class: loc:@<variable>` attr (what TF gives a variable's
    initializer, and the variable op itself when its initial value comes from a callable)."""
    if not active:
        yield
        return
    true_name = scope_name[:-1] if scope_name.endswith("/") else scope_name
    graph = get_default_graph()
    old_attr = graph._attr_scope.get("_class")
    graph._attr_scope["_class"] = [("loc:@" + true_name).encode()]
    try:
        yield
    finally:
        if old_attr is None:
            graph._attr_scope.pop("_class", None)
        else:
            graph._attr_scope["_class"] = old_attr


# ------------------------------------------------------------------------------------------------
# The Variable base: everything ref and resource variables share
# ------------------------------------------------------------------------------------------------
class Variable(metaclass=_VariableMeta):
    """A TF1 variable: a tensor-like object whose value persists across `Session.run` calls."""

    _is_resource = False
    _synchronization = VariableSynchronization.AUTO
    _aggregation = VariableAggregation.NONE

    # --- construction shared by both kinds ------------------------------------------------------
    def _common_init(self, initial_value, trainable, collections, validate_shape, caching_device,
                     name, dtype, constraint, expected_shape=None):
        if initial_value is None:
            raise ValueError("initial_value must be specified: tf.Variable needs an initial value "
                             "(a tensor, NumPy array, Python value or a callable), e.g. "
                             "tf.Variable(tf.zeros([2, 3])). To create a variable from a shape "
                             "and an initializer, use tf.get_variable(name, shape).")
        if trainable is None:
            trainable = True
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        if not isinstance(collections, (list, tuple, set)):
            raise ValueError("collections argument to Variable constructor must be a list, tuple, "
                             "or set. Got %s of type %s" % (collections, type(collections)))
        if constraint is not None and not callable(constraint):
            raise ValueError("The `constraint` argument must be a callable.")
        collections = list(collections)
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections.append(GraphKeys.TRAINABLE_VARIABLES)
        self._trainable = bool(trainable)
        self._constraint = constraint
        self._caching_device = caching_device
        self._save_slice_info = None
        self._site = user_site(3)
        self._graph = get_default_graph()
        return collections

    def _convert_initial_value(self, initial_value, dtype, scope_name: str,
                               under_initializer: bool = False):
        """Build the initial value. Callables (and, for resource variables, every initial value:
        `under_initializer`) are converted under `<name>/Initializer`, with no device and
        colocated with the variable, as TF does."""
        from_fn = callable(initial_value)
        self._init_from_fn = from_fn
        if from_fn or under_initializer:
            with _colocated_with_variable(scope_name), name_scope("Initializer"), device(None):
                value = initial_value() if from_fn else initial_value
                value = convert_to_tensor(value, dtype=dtype, name="initial_value")
        else:
            value = convert_to_tensor(initial_value, dtype=dtype, name="initial_value")
        if not from_fn and value._op._control_flow_context is not None:
            raise ValueError("Initializer for variable %s is from inside a control-flow construct, "
                             "such as a loop or conditional. When creating a variable inside a "
                             "loop or conditional, use a lambda as the initializer." % scope_name)
        return value

    # --- properties -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def dtype(self) -> dtypes.DType:
        return self._dtype

    @property
    def shape(self) -> TensorShape:
        return self._shape

    def get_shape(self) -> TensorShape:
        return self._shape

    @property
    def graph(self):
        return self._graph

    @property
    def device(self) -> str:
        return self.op.device

    @property
    def initializer(self) -> Operation:
        return self._initializer_op

    @property
    def initial_value(self) -> Tensor:
        return self._initial_value

    @property
    def trainable(self) -> bool:
        return self._trainable

    @property
    def constraint(self):
        return self._constraint

    @property
    def synchronization(self):
        return self._synchronization

    @property
    def aggregation(self):
        return self._aggregation

    @property
    def creation_site(self) -> str:
        """`file:line` of the user code that created this variable."""
        return self._site

    def set_shape(self, shape) -> None:
        self._shape = self._shape.merge_with(shape)

    # --- reads ------------------------------------------------------------------------------
    def eval(self, session=None):
        """The variable's value in `session` (default: the default session)."""
        from ..framework.graph import _run_with

        return _run_with(session, self._graph_element_for_eval(), None, "Variable.eval()")

    def initialized_value(self) -> Tensor:
        """The value, or the initial value if not yet initialized: use it to initialize another
        variable from this one (`w = tf.Variable(v.initialized_value() + 1)`). A `tf.cond` on
        `is_variable_initialized`, as TF builds it (its output is `cond/Merge:0`)."""
        from ..ops.control_flow_ops import cond

        with init_scope():
            return cond(is_variable_initialized(self), self.read_value, lambda: self._initial_value)

    def load(self, value, session=None) -> None:
        """Write `value` into the variable in `session` (feeds the initializer's input)."""
        from ..framework.graph import get_default_session

        session = session or get_default_session()
        if session is None:
            raise ValueError("Either session argument should be provided or default session "
                             "should be established")
        session.run(self._initializer_op, {self._initializer_op.inputs[1]: value})

    # --- updates ----------------------------------------------------------------------------
    def count_up_to(self, limit: int) -> Tensor:
        """Increment this int32/int64 variable, returning its old value (OutOfRangeError at
        `limit`)."""
        if self._dtype.base_dtype not in (dtypes.int32, dtypes.int64):
            raise TypeError("count_up_to needs an int32 or int64 variable; %s is %s."
                            % (self.name, self._dtype.base_dtype.name))
        return state_ops.count_up_to(self._ref_or_handle(), limit)

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("ScatterUpdate", sparse_delta, use_locking, name)

    def scatter_add(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("ScatterAdd", sparse_delta, use_locking, name)

    def scatter_sub(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("ScatterSub", sparse_delta, use_locking, name)

    def scatter_mul(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("ScatterMul", sparse_delta, use_locking, name)

    def scatter_div(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("ScatterDiv", sparse_delta, use_locking, name)

    def scatter_max(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("ScatterMax", sparse_delta, use_locking, name)

    def scatter_min(self, sparse_delta, use_locking=False, name=None):
        return self._scatter("ScatterMin", sparse_delta, use_locking, name)

    def _scatter(self, kind, sparse_delta, use_locking, name):
        from ..framework.indexed_slices import IndexedSlices

        if not isinstance(sparse_delta, IndexedSlices):
            raise TypeError("sparse_delta is not IndexedSlices: %s. Use tf.scatter_update(v, "
                            "indices, updates) for tensors." % (sparse_delta,))
        return state_ops._scatter(self._ref_or_handle(), sparse_delta.indices, sparse_delta.values,
                                  use_locking, name, kind)

    # --- conversion ---------------------------------------------------------------------------
    def _as_graph_element(self):
        return self._graph_element

    def _gradient_target(self) -> Tensor:
        return self._ref_or_handle()

    def _graph_element_for_eval(self):
        return self._graph_element

    @staticmethod
    def _to_tensor(v, dtype=None, name=None, as_ref=False):
        if dtype is not None and not dtypes.as_dtype(dtype).is_compatible_with(v.dtype):
            raise ValueError("Incompatible type conversion requested to type '%s' for variable of "
                             "type '%s'" % (dtypes.as_dtype(dtype).name, v.dtype.name))
        if as_ref:
            return v._ref_or_handle()
        return v.value()

    def __array__(self, dtype=None, copy=None):
        raise TypeError("Cannot convert the variable %s to a NumPy array; read it in a session: "
                        "sess.run(v) or v.eval()." % self.name)

    def __bool__(self):
        """True, as for any Python object: TF1 allows `v or default` on a ref variable."""
        return True

    def __iter__(self):
        raise errors.OperatorNotAllowedInGraphError(
            "Iterating over a variable (%s) is not allowed in graph mode: use tf.unstack(v)."
            % self.name)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def _set_save_slice_info(self, info) -> None:
        self._save_slice_info = info

    def _get_save_slice_info(self):
        return self._save_slice_info

    @property
    def _shared_name(self) -> str:
        return self._name[:-2] if self._name.endswith(":0") else self._name

    def to_proto(self, export_scope=None):
        """This variable's `VariableDef` (graph names without `export_scope/`), as TF writes it into a
        MetaGraphDef; None when the variable is outside `export_scope`."""
        from ..framework.meta_graph import VariableDef, strip_name_scope

        if export_scope is not None and not self.name.startswith(export_scope):
            return None
        out = VariableDef(variable_name=strip_name_scope(self.name, export_scope),
                          initializer_name=strip_name_scope(self._initializer_op.name, export_scope),
                          snapshot_name=strip_name_scope(self._snapshot_name(), export_scope),
                          is_resource=self._is_resource, trainable=self._trainable,
                          synchronization=self._synchronization, aggregation=self._aggregation)
        if self._initial_value is not None:
            out.initial_value_name = strip_name_scope(self._initial_value.name, export_scope)
        if self._save_slice_info is not None:
            info = self._save_slice_info.to_proto(export_scope)
            if info is not None:
                out.save_slice_info_def = info
        return out

    @staticmethod
    def from_proto(variable_def, import_scope=None):
        """The Variable a `VariableDef` describes, over ops already in the default graph (names
        under `import_scope/`): a resource variable when `is_resource`, else a ref variable."""
        graph = get_default_graph()
        if variable_def.is_resource:
            return _ImportedResourceVariable(graph, variable_def, import_scope)
        return _ImportedVariable(graph, variable_def, import_scope)

    def __repr__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s>" % (self.name, self._shape, self._dtype.name)


def _delegate(operator: str):
    def op(self, *args):
        return getattr(self.value(), operator)(*args)
    op.__name__ = operator
    return op


for _operator in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
                  "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__",
                  "__rmod__", "__pow__", "__rpow__", "__neg__", "__abs__", "__matmul__",
                  "__rmatmul__", "__lt__", "__le__", "__gt__", "__ge__", "__and__", "__rand__",
                  "__or__", "__ror__", "__xor__", "__rxor__", "__invert__", "__div__",
                  "__rdiv__"):
    if hasattr(Tensor, _operator) or _operator in ("__div__", "__rdiv__"):
        setattr(Variable, _operator, _delegate(_operator))
Variable.__array_priority__ = 100


class _SlicedVariable(Tensor):
    """`v[1:3]`: a tensor that also offers `.assign(value)` writing into that slice of `v`."""

    __slots__ = ()

    def assign(self, value, use_locking=None, name=None):
        var, spec = _SLICE_SOURCES[self]
        parts = None
        if self._op._type == "StridedSlice":   # as TF: the slice's own begin/end/strides, and
            read = self._op                     # the update named `<slice>/_assign`
            parts = (*read._inputs[1:4], {k: read._attrs[k] for k in _SLICE_MASKS})
            name = name or read.name + "/_assign"
        op = state_ops.strided_slice_assign(var._ref_or_handle(), spec, value, name=name, parts=parts)
        return var._lazy_read(op) if var._is_resource else op


_SLICE_SOURCES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_SLICE_MASKS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")


def _variable_getitem(self, slice_spec):
    t = self.value()[slice_spec]
    t.__class__ = _SlicedVariable
    _SLICE_SOURCES[t] = (self, slice_spec)
    return t


Variable.__getitem__ = _variable_getitem

VariableV1 = Variable


# ------------------------------------------------------------------------------------------------
# Initial values that read other variables
# ------------------------------------------------------------------------------------------------
_VARIABLE_OP_TYPES = ("Variable", "VariableV2", "VarHandleOp")
_UNGUARDED_TYPES = ("IsVariableInitialized", "VarIsInitializedOp", "ReadVariableOp", "If")


def _guard_uninitialized_dependencies(scope_name: str, initial_value: Tensor) -> Tensor:
    """What a variable's initializer assigns (TF's best-effort guard): a copy of the initial
    value's graph in which each global or local variable it reads is replaced by that variable's
    `initialized_value()`, so the initializer works whatever the order in which, or whether,
    those variables are initialized. Copies are named `<op>_<scope_name>` verbatim (`mul_w`,
    `v/read_w`); ops reading no variable are shared; a graph with a cycle is left as it is."""
    op = initial_value._op
    if (not op._inputs and op._type not in _VARIABLE_OP_TYPES) or not _reads_a_variable(op):
        return initial_value
    order = _ancestors_post_order(initial_value._op)
    if order is None:
        return initial_value
    graph = initial_value._op._graph
    replaced: dict = {}
    for op in order:
        if op._type in _UNGUARDED_TYPES:
            continue
        if op._type in _VARIABLE_OP_TYPES:
            var = _collected_variable(graph, op)
            if var is not None:
                replaced[op] = var.initialized_value().op
            continue
        inputs = [replaced[t._op].outputs[t._value_index] if t._op in replaced else t
                  for t in op._inputs]
        if any(a is not b for a, b in zip(inputs, op._inputs)):
            op_type = "Switch" if op._type == "RefSwitch" else op._type
            name = (op.name + "_" + scope_name).replace(":", "_")
            replaced[op] = graph._create_op(op_type, inputs, dict(op._attrs), name)
    new_op = replaced.get(initial_value._op)
    return initial_value if new_op is None else new_op.outputs[initial_value._value_index]


def _reads_a_variable(root: Operation) -> bool:
    """Whether a variable op is among `root`'s data-input ancestors (the cheap test that spares
    almost every initial value the guard's copy)."""
    seen: set = set()
    stack = [root]
    while stack:
        op = stack.pop()
        op_type = op._type
        if op_type in _VARIABLE_OP_TYPES:
            return True
        if op_type in _UNGUARDED_TYPES or op in seen:
            continue
        seen.add(op)
        stack.extend(t._op for t in op._inputs)
    return False


def _ancestors_post_order(root: Operation):
    """The ops `root` depends on through its data inputs, each after its inputs (depth first,
    inputs in order, as TF's recursion visits them); None when the graph has a cycle."""
    started, finished, order = set(), set(), []
    stack = [(root, False)]
    while stack:
        op, expanded = stack.pop()
        if expanded:
            finished.add(op)
            order.append(op)
            continue
        if op in finished:
            continue
        if op in started:
            return None
        started.add(op)
        stack.append((op, True))
        if op._type in _UNGUARDED_TYPES or op._type in _VARIABLE_OP_TYPES:
            continue
        stack.extend((t._op, False) for t in reversed(op._inputs))
    return order


def _collected_variable(graph, op: Operation):
    """The global or local variable whose op is `op`, or None."""
    names = (op.name, op.name + ":0")
    for key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES):
        for var in graph.get_collection(key):
            if getattr(var, "name", None) in names and isinstance(var, Variable):
                return var
    return None


# ------------------------------------------------------------------------------------------------
# Ref variables (TF1's default)
# ------------------------------------------------------------------------------------------------
class RefVariable(Variable):
    """A TF1 reference variable: `VariableV2` op, `dtype` is `float32_ref`, reads via `<name>/read`."""

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, dtype=None, expected_shape=None, constraint=None):
        collections = self._common_init(initial_value, trainable, collections, validate_shape,
                                        caching_device, name, dtype, constraint)
        with init_scope():
            values = [] if callable(initial_value) else [initial_value]
            values = [v for v in values if isinstance(v, Tensor)]
            with name_scope(name, "Variable", values) as scope:
                self._initial_value = self._convert_initial_value(initial_value, dtype, scope)
                iv = self._initial_value
                shape = iv._shape if validate_shape else unknown_shape()
                if validate_shape and not iv._shape.is_fully_defined():
                    raise ValueError("initial_value must have a shape specified: %s. Pass "
                                     "validate_shape=False for a variable whose shape is only "
                                     "known at run time." % iv)
                with _colocated_with_variable(scope, self._init_from_fn):
                    self._variable = state_ops.variable_op_v2(shape, iv._dtype.base_dtype, name=scope)
                self._name = self._variable.name
                self._dtype = self._variable._dtype
                self._shape = shape
                self._initializer_op = make1(
                    "Assign", [self._variable, _guard_uninitialized_dependencies(scope, iv)],
                    {"validate_shape": bool(validate_shape), "use_locking": True},
                    name="Assign").op
                if caching_device is not None:
                    with device(caching_device):
                        self._snapshot = make1("Identity", [self._variable], name="read")
                else:
                    with colocate_with(self._variable._op):
                        self._snapshot = make1("Identity", [self._variable], name="read")
            self._graph_element = self._variable
            self._graph.add_to_collections(collections, self)
        _register_creation(self)

    @property
    def op(self) -> Operation:
        return self._variable._op

    def _ref(self) -> Tensor:
        return self._variable

    def _ref_or_handle(self) -> Tensor:
        return self._variable

    def value(self) -> Tensor:
        """The cached snapshot (`<name>/read`): ignores later control dependencies, as TF1."""
        return self._snapshot

    def read_value(self) -> Tensor:
        """A fresh read (an Identity named 'read' in the current scope) honouring control deps."""
        return make1("Identity", [self._variable], name="read")

    def _identity_for(self, name):
        return make1("Identity", [self._variable], name=name or "Identity")

    def _snapshot_name(self) -> str:
        return self._snapshot.name

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Assign `value`; returns the new value (a ref Tensor), or the op if read_value=False."""
        t = state_ops.assign(self._variable, value, use_locking=use_locking, name=name)
        return t if read_value else t.op

    def _assign_unvalidated(self, value, name=None):
        v = state_ops._check_update_value(self._variable, value, "Assign")
        return make1("Assign", [self._variable, v], {"validate_shape": False, "use_locking": True},
                     name=name or "Assign")

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        """Add `delta`; returns the new value as a Tensor (run it with sess.run, not `.run()`)."""
        t = state_ops._dense_update(self._variable, delta, use_locking, name, "AssignAdd",
                                    "AssignAddVariableOp", "assign_add")
        return t if read_value else t.op

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        t = state_ops._dense_update(self._variable, delta, use_locking, name, "AssignSub",
                                    "AssignSubVariableOp", "assign_sub")
        return t if read_value else t.op


# ------------------------------------------------------------------------------------------------
# Resource variables
# ------------------------------------------------------------------------------------------------
class ResourceVariable(Variable):
    """A resource variable (`use_resource=True`): a `VarHandleOp` handle, reads are ReadVariableOps
    that honour control dependencies, `dtype` is the plain dtype."""

    _is_resource = True

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, dtype=None, expected_shape=None, constraint=None):
        collections = self._common_init(initial_value, trainable, collections, validate_shape,
                                        caching_device, name, dtype, constraint)
        with init_scope():
            values = [] if callable(initial_value) else [initial_value]
            values = [v for v in values if isinstance(v, Tensor)]
            with name_scope(name, "Variable", values) as scope:
                handle_name = scope[:-1] if scope.endswith("/") else scope
                self._initial_value = self._convert_initial_value(initial_value, dtype, scope,
                                                                  under_initializer=True)
                iv = self._initial_value
                if validate_shape and not iv._shape.is_fully_defined():
                    raise ValueError("initial_value must have a shape specified: %s" % iv)
                # Unlike a ref variable, the static shape stays the initial value's even when
                # validate_shape=False (as TF's).
                self._dtype = iv._dtype.base_dtype
                self._shape = iv._shape
                with _colocated_with_variable(scope, self._init_from_fn):
                    self._handle = state_ops.var_handle_op(self._dtype, self._shape, name=scope,
                                                           shared_name=handle_name)
                self._name = self._handle.name
                with name_scope("IsInitialized"):
                    self._is_initialized_op = make1("VarIsInitializedOp", [self._handle],
                                                    name="VarIsInitializedOp")
                with name_scope("Assign") as assign_name, \
                        colocate_with(None, ignore_existing=True), device(self._handle._op.device):
                    self._initializer_op = state_ops.make(
                        "AssignVariableOp",
                        [self._handle, _guard_uninitialized_dependencies(scope, iv)],
                        {"dtype": self._dtype, "validate_shape": bool(validate_shape)},
                        name=assign_name)
                self._graph_element, self._cached_value = self._initial_reads(caching_device)
            self._graph.add_to_collections(collections, self)
        _register_creation(self)

    def _initial_reads(self, caching_device) -> tuple:
        """`<name>/Read/ReadVariableOp` on the handle's device (what session.run fetches) and,
        with a caching device, `<name>/Read/Identity` there: the value every `value()` returns."""
        with name_scope("Read"):
            with device(self._handle._op.device):
                read = state_ops.read_variable_op(self._handle, self._dtype)
            if caching_device is None:
                return read, None
            with colocate_with(None, ignore_existing=True), device(caching_device):
                return read, make1("Identity", [read], name="Identity")

    @property
    def op(self) -> Operation:
        return self._handle._op

    @property
    def device(self) -> str:
        return self._handle._op.device

    @property
    def handle(self) -> Tensor:
        return self._handle

    def _ref_or_handle(self) -> Tensor:
        return self._handle

    def _read_variable_op(self) -> Tensor:
        """A fresh ReadVariableOp (on the caching device when there is one)."""
        if self._caching_device is not None:
            with colocate_with(None, ignore_existing=True), device(self._caching_device):
                return state_ops.read_variable_op(self._handle, self._dtype)
        return state_ops.read_variable_op(self._handle, self._dtype)

    def value(self) -> Tensor:
        """The cached read with a caching device; otherwise a fresh ReadVariableOp, which
        honours the surrounding control dependencies."""
        if self._cached_value is not None:
            return self._cached_value
        with colocate_with(None, ignore_existing=True):
            return self._read_variable_op()

    def read_value(self) -> Tensor:
        """`Read/ReadVariableOp` and an Identity of it placed by the current device scope."""
        with name_scope("Read"):
            value = self._read_variable_op()
        return make1("Identity", [value], name="Identity")

    def _identity_for(self, name):
        return make1("Identity", [self.value()], name=name or "Identity")

    def _snapshot_name(self) -> str:
        """TF's VariableDef snapshot: the caching device's read when there is one."""
        return (self._cached_value if self._cached_value is not None else self._graph_element).name

    def _lazy_read(self, op: Operation) -> "_UnreadVariable":
        return _UnreadVariable(self, op)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        op = state_ops.assign(self._handle, value, name=name)
        return self._lazy_read(op) if read_value else op

    def _assign_unvalidated(self, value, name=None):
        v = state_ops._check_update_value(self._handle, value, "AssignVariableOp")
        return state_ops.make("AssignVariableOp", [self._handle, v],
                              {"dtype": self._dtype, "validate_shape": False},
                              name=name or "AssignVariableOp")

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        op = state_ops._dense_update(self._handle, delta, use_locking, name, "AssignAdd",
                                     "AssignAddVariableOp", "assign_add")
        return self._lazy_read(op) if read_value else op

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        op = state_ops._dense_update(self._handle, delta, use_locking, name, "AssignSub",
                                     "AssignSubVariableOp", "assign_sub")
        return self._lazy_read(op) if read_value else op

    def _scatter(self, kind, sparse_delta, use_locking, name):
        op = super()._scatter(kind, sparse_delta, use_locking, name)
        return self._lazy_read(op)

    def sparse_read(self, indices, name=None) -> Tensor:
        """Rows `indices` of the variable: a ResourceGather named `Gather` (or `name`), its
        indices converted as `Gather/indices`, as TF's."""
        with name_scope(name or "Gather") as scope:
            indices = convert_to_tensor(indices, name="indices")
            return make1("ResourceGather", [self._handle, indices], {"dtype": self._dtype},
                         name=scope)

    def __bool__(self):
        raise errors.OperatorNotAllowedInGraphError(
            "Using a resource variable (%s) as a Python bool is not allowed in graph mode; "
            "use tf.cond on a tensor, or test `v is not None`." % self.name)


class _UnreadVariable(ResourceVariable):
    """What a resource variable's assign family returns (as TF's): named after the update op,
    whose `.op` it is; session.run fetches a read made after the update, and every use as a
    tensor (and every further update) is ordered after it."""

    def __init__(self, source: ResourceVariable, parent_op: Operation):  # noqa: D107 - no new variable
        self._graph = source._graph
        self._handle = source._handle
        self._dtype = source._dtype
        self._shape = source._shape
        self._name = parent_op.name
        self._parent_op = parent_op
        self._trainable = source._trainable
        self._constraint = None
        self._caching_device = None
        self._cached_value = None
        self._save_slice_info = None
        self._site = source._site
        self._initial_value = None
        self._initializer_op = None
        self._graph_element = self._read_variable_op()

    @property
    def op(self) -> Operation:
        return self._parent_op

    def _read_variable_op(self) -> Tensor:
        with control_dependencies([self._parent_op]):
            return state_ops.read_variable_op(self._handle, self._dtype)

    def value(self) -> Tensor:
        return self._read_variable_op()

    def read_value(self) -> Tensor:
        return self._read_variable_op()

    def assign(self, value, use_locking=None, name=None, read_value=True):
        with control_dependencies([self._parent_op]):
            return super().assign(value, use_locking, name, read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        with control_dependencies([self._parent_op]):
            return super().assign_add(delta, use_locking, name, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        with control_dependencies([self._parent_op]):
            return super().assign_sub(delta, use_locking, name, read_value)

    def _scatter(self, kind, sparse_delta, use_locking, name):
        with control_dependencies([self._parent_op]):
            return super()._scatter(kind, sparse_delta, use_locking, name)


def _imported_common(var: Variable, graph, variable_def, import_scope):
    """Set the fields every Variable rebuilt from a VariableDef shares (TF's `_init_from_proto`);
    returns the lookup of a graph element by its name in the VariableDef."""
    from ..framework.meta_graph import prepend_name_scope
    from .partitioned import SaveSliceInfo

    def element(name):
        return graph.as_graph_element(prepend_name_scope(name, import_scope))

    var._graph = graph
    var._initializer_op = element(variable_def.initializer_name)
    var._initial_value = element(variable_def.initial_value_name) if variable_def.initial_value_name else None
    var._trainable = bool(variable_def.trainable)
    var._synchronization = int(variable_def.synchronization)
    var._aggregation = int(variable_def.aggregation)
    var._constraint = None
    var._caching_device = None
    var._save_slice_info = (SaveSliceInfo(save_slice_info_def=variable_def.save_slice_info_def,
                                          import_scope=import_scope)
                            if variable_def.HasField("save_slice_info_def") else None)
    var._site = user_site(3)
    return element


class _ImportedVariable(RefVariable):
    """A ref variable rebuilt from a VariableDef over ops that already exist in `graph`."""

    def __init__(self, graph, variable_def, import_scope=None):  # noqa: D107 - no new ops
        element = _imported_common(self, graph, variable_def, import_scope)
        self._variable = element(variable_def.variable_name)
        self._name = self._variable.name
        self._dtype = self._variable.dtype
        self._shape = self._variable.shape
        self._snapshot = element(variable_def.snapshot_name)
        self._graph_element = self._variable


class _ImportedResourceVariable(ResourceVariable):
    """A resource variable rebuilt from a VariableDef: its handle, initializer and read ops."""

    def __init__(self, graph, variable_def, import_scope=None):  # noqa: D107 - no new ops
        element = _imported_common(self, graph, variable_def, import_scope)
        self._handle = element(variable_def.variable_name)
        self._name = self._handle.name
        self._dtype = self._handle._op.get_attr("dtype")
        self._shape = self._handle._op.get_attr("shape")
        self._cached_value = None
        if variable_def.snapshot_name:
            snapshot = element(variable_def.snapshot_name)
            if snapshot._op.type != "ReadVariableOp":
                self._cached_value = snapshot
            while snapshot._op.type != "ReadVariableOp" and snapshot._op._inputs:
                snapshot = snapshot._op._inputs[0]
            self._graph_element = snapshot
        else:
            self._graph_element = graph.get_tensor_by_name(self._handle._op.name + "/Read/ReadVariableOp:0")
        self._is_initialized_op = graph.as_graph_element(
            self._handle._op.name + "/IsInitialized/VarIsInitializedOp")


def _register_creation(var: Variable) -> None:
    """Remember variables per graph in creation order (for error messages about leftovers)."""
    graph = var._graph
    created = getattr(graph, "_all_variables_made", None)
    if created is None:
        created = graph._all_variables_made = []
    created.append(var)


register_tensor_conversion_function(Variable, Variable._to_tensor)


from ..framework.registry import define as _define  # noqa: E402


# ------------------------------------------------------------------------------------------------
# Collections and initializers
# ------------------------------------------------------------------------------------------------
def global_variables(scope=None) -> list:
    """`tf.global_variables`: the GLOBAL_VARIABLES collection (optionally filtered by scope)."""
    return get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


def all_variables() -> list:
    return global_variables()


def local_variables(scope=None) -> list:
    return get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES, scope)


def trainable_variables(scope=None) -> list:
    return get_default_graph().get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


def model_variables(scope=None) -> list:
    return get_default_graph().get_collection(GraphKeys.MODEL_VARIABLES, scope)


def moving_average_variables(scope=None) -> list:
    return get_default_graph().get_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, scope)


def variables_initializer(var_list, name: str = "init") -> Operation:
    """One op running the initializers of `var_list` (a no-op when the list is empty)."""
    from ..ops.control_flow_ops import group, no_op

    var_list = list(var_list)
    if var_list:
        return group(*[v.initializer for v in var_list], name=name)
    return no_op(name=name)


initialize_variables = variables_initializer


def global_variables_initializer() -> Operation:
    """`tf.global_variables_initializer`: initializes GLOBAL_VARIABLES as they are now."""
    return variables_initializer(global_variables())


def initialize_all_variables() -> Operation:
    """Deprecated alias of `global_variables_initializer`."""
    return global_variables_initializer()


def local_variables_initializer() -> Operation:
    """`tf.local_variables_initializer`: initializes LOCAL_VARIABLES (metrics' accumulators)."""
    return variables_initializer(local_variables())


def initialize_local_variables() -> Operation:
    return local_variables_initializer()


def is_variable_initialized(variable) -> Tensor:
    return state_ops.is_variable_initialized(variable)


def _all_variables_default() -> list:
    return global_variables() + local_variables()


def report_uninitialized_variables(var_list=None, name: str = "report_uninitialized_variables") -> Tensor:
    """A string tensor (bytes) of the names of uninitialized variables in `var_list`."""
    from ..ops.constant_op import constant

    if var_list is None:
        var_list = _all_variables_default()
    var_list = list(var_list)
    with name_scope(name):
        flags = [state_ops.is_variable_initialized(v) for v in var_list]
        with device("/cpu:0"):      # TF reports on the CPU (the masking ops, not the flags)
            if not var_list:
                return constant(np.array([], dtype=object), dtype=dtypes.string)
            names = np.array([v.op.name.encode() for v in var_list], dtype=object)
            return make1("ReportUninitialized", flags, {"names": names},
                         name="boolean_mask/GatherV2")


def _report_rule(inputs, attrs):
    return [(dtypes.string, TensorShape([None]))]


def _report_kernel(*flags, names):
    keep = [not bool(f) for f in flags]
    return names[np.array(keep, dtype=bool)]


_define("ReportUninitialized", _report_rule, _report_kernel, differentiable=False)


def assert_variables_initialized(var_list=None) -> Tensor | None:
    """TF's obsolete check: the ranks of `var_list`'s variables (a `stack` of `Rank` ops, or
    the one Rank), which fails with FailedPreconditionError when run while any of them is
    uninitialized. An empty list falls back to the graph's VariableV2 ops; None if none."""
    if var_list is None:
        var_list = _all_variables_default()
    var_list = list(var_list)
    if not var_list:
        var_list = [op.outputs[0] for op in get_default_graph().get_operations()
                    if op.type in ("Variable", "VariableV2", "AutoReloadVariable")]
    if not var_list:
        return None
    ranks = []
    for var in var_list:
        with colocate_with(var.op):
            ranks.append(make1("Rank", [convert_to_tensor(var)], name="Rank"))
    if len(ranks) == 1:
        return ranks[0]
    from ..ops.array_ops import stack

    return stack(ranks)
