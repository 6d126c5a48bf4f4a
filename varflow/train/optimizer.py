"""`tf.train.Optimizer`: the TF1 optimizer base class (compute_gradients / apply_gradients /
minimize), with slot variables and non-slot variables made the way TF makes them.

Subclasses implement `_create_slots`, `_prepare`, `_apply_dense`, `_apply_sparse`,
`_resource_apply_dense` and `_resource_apply_sparse` (and may override `_finish`), exactly as in
TF, so user-written TF1 optimizers run unchanged.
"""
from __future__ import annotations

import warnings

from ..framework import dtypes
from ..framework.graph import (Operation, Tensor, control_dependencies,
                               convert_to_tensor, convert_to_tensor_or_indexed_slices,
                               get_default_graph, name_scope)
from ..framework.graph import colocate_with as colocate
from ..framework.graph_keys import GraphKeys
from ..framework.indexed_slices import IndexedSlices
from ..framework.tensor_shape import TensorShape
from ..gradients import gate_together, gradients
from ..ops import array_ops, math_ops
from ..ops import control_flow_ops
from ..variables import variable_scope as vs
from ..variables.variables import Variable, init_scope

__all__ = ["Optimizer"]


# ------------------------------------------------------------------------------------------------
# Slot variables (TF's slot_creator): `<var>/<OptimizerName>`, `<var>/<OptimizerName>_1`, ...
# ------------------------------------------------------------------------------------------------
def _slot_prefix(primary) -> str:
    return primary._shared_name if isinstance(primary, Variable) else primary.op.name


def _create_slot_var(primary, val, validate_shape: bool, shape, dtype):
    """get_variable('') inside the slot's variable scope: a non-trainable global variable of the
    primary's kind (ref or resource), never partitioned."""
    scope = vs.get_variable_scope()
    partitioner = scope.partitioner
    scope.set_partitioner(None)
    try:
        slot = vs.get_variable("", initializer=val, trainable=False,
                               use_resource=bool(getattr(primary, "_is_resource", False)),
                               shape=shape if callable(val) else None, dtype=dtype,
                               validate_shape=validate_shape)
    finally:
        scope.set_partitioner(partitioner)
    info = primary._get_save_slice_info() if isinstance(primary, Variable) else None
    if info is not None:
        from ..variables.partitioned import SaveSliceInfo

        real_slot_name = slot.name[len(primary.op.name + "/"):-2]
        n = slot.shape.ndims
        if n is None or n > 0:
            slot._set_save_slice_info(SaveSliceInfo(info.full_name + "/" + real_slot_name,
                                                    info.full_shape[:n], info.var_offset[:n],
                                                    info.var_shape[:n]))
    return slot


def create_slot(primary, val, name: str, colocate_with_primary: bool = True):
    """A slot for `primary` initialized from the tensor `val`."""
    validate_shape = val.get_shape().is_fully_defined()
    with vs.variable_scope(None, default_name=_slot_prefix(primary) + "/" + name):
        if colocate_with_primary:
            with colocate(primary.op):
                return _create_slot_var(primary, val, validate_shape, None, None)
        return _create_slot_var(primary, val, validate_shape, None, None)


def create_slot_with_initializer(primary, initializer, shape, dtype, name: str,
                                 colocate_with_primary: bool = True):
    """A slot for `primary` from an initializer (the usual case: shapes fully known)."""
    shape = TensorShape(shape)
    validate_shape = shape.is_fully_defined()
    with vs.variable_scope(None, default_name=_slot_prefix(primary) + "/" + name):
        if colocate_with_primary:
            with colocate(primary.op):
                return _create_slot_var(primary, initializer, validate_shape, shape, dtype)
        return _create_slot_var(primary, initializer, validate_shape, shape, dtype)


def create_zeros_slot(primary, name: str, dtype=None, colocate_with_primary: bool = True):
    """A zero-filled slot of the primary's shape and dtype."""
    from ..variables.init_ops import zeros_initializer

    dtype = dtypes.as_dtype(dtype or primary.dtype).base_dtype
    shape = primary.get_shape()
    if shape.is_fully_defined():
        return create_slot_with_initializer(primary, zeros_initializer(), shape, dtype, name,
                                            colocate_with_primary)
    source = primary.initialized_value() if isinstance(primary, Variable) else primary
    val = array_ops.zeros(array_ops.shape(source), dtype=dtype)
    return create_slot(primary, val, name, colocate_with_primary)


def _var_key(var):
    return (var.op.graph, var.op.name)


# ------------------------------------------------------------------------------------------------
# How each kind of variable is updated
# ------------------------------------------------------------------------------------------------
def _is_resource(v) -> bool:
    return bool(getattr(v, "_is_resource", False))


def _check_var(v, allow_tensor: bool = False) -> None:
    """Optimizers update variables; gradients may also be computed for plain tensors."""
    if isinstance(v, Variable) or (allow_tensor and isinstance(v, Tensor)):
        return
    raise NotImplementedError("Trying to optimize unsupported type %r: optimizers update "
                              "tf.Variable objects (ref or resource) only." % (v,))


def _resource_variables_read(graph, n_before: int) -> list:
    """The resource variables (of the graph's variable collections) read by the ops made after
    the first `n_before`, in the order first read: what TF's tape watches for a callable loss."""
    by_handle_op = {}
    for key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES,
                GraphKeys.TRAINABLE_VARIABLES):
        for v in graph.get_collection(key):
            if _is_resource(v):
                by_handle_op.setdefault(id(v.op), v)
    read: dict = {}
    for op in graph.get_operations()[n_before:]:
        if op.type in ("ReadVariableOp", "ResourceGather") and op.inputs:
            v = by_handle_op.get(id(op.inputs[0].op))
            if v is not None:
                read.setdefault(id(v), v)
    return list(read.values())


def _update_op(optimizer: "Optimizer", grad, var):
    """The update for one (grad, var) pair, honouring the variable's constraint."""
    if isinstance(grad, IndexedSlices):
        if var.constraint is not None:
            raise RuntimeError("Cannot use a constraint function on a sparse variable.")
        if _is_resource(var):
            return optimizer._resource_apply_sparse_duplicate_indices(grad.values, var, grad.indices)
        return optimizer._apply_sparse_duplicate_indices(grad, var)
    if _is_resource(var):
        update = optimizer._resource_apply_dense(grad, var)
    else:
        update = optimizer._apply_dense(grad, var)
    if var.constraint is not None:
        with control_dependencies([update]):
            return var.assign(var.constraint(var))
    return update


def _deduplicate_indexed_slices(values, indices):
    """Sum the rows of `values` that share an index: (summed values, unique indices)."""
    unique_indices, positions = array_ops.unique(indices)
    summed = math_ops.unsorted_segment_sum(values, positions, array_ops.shape(unique_indices)[0])
    return summed, unique_indices


def _depends_on(target: Operation, ops: list) -> list:
    """The ops of `ops` that `target` does not reach through data or control inputs."""
    wanted = {id(o) for o in ops}
    seen: set = set()
    stack = [target]
    while stack and wanted:
        op = stack.pop()
        if id(op) in seen:
            continue
        seen.add(id(op))
        wanted.discard(id(op))
        stack.extend(t._op for t in op._inputs)
        stack.extend(op._control_inputs)
    return [o for o in ops if id(o) in wanted]


# ------------------------------------------------------------------------------------------------
# The base class
# ------------------------------------------------------------------------------------------------
class Optimizer:
    """Base class of TF1 optimizers: `opt.minimize(loss)` builds one training op."""

    GATE_NONE = 0
    GATE_OP = 1
    GATE_GRAPH = 2

    def __init__(self, use_locking: bool, name: str):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots: dict = {}
        self._non_slot_dict: dict = {}

    def get_name(self) -> str:
        return self._name

    # --- the public API ---------------------------------------------------------------------
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
                 aggregation_method=None, colocate_gradients_with_ops: bool = False, name=None,
                 grad_loss=None) -> Operation:
        """compute_gradients + apply_gradients; increments `global_step` when given."""
        grads_and_vars = self.compute_gradients(
            loss, var_list=var_list, gate_gradients=gate_gradients,
            aggregation_method=aggregation_method,
            colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss)
        vars_with_grad = [v for g, v in grads_and_vars if g is not None]
        if not vars_with_grad:
            raise ValueError(
                "No gradients provided for any variable, check your graph for ops that do not "
                "support gradients, between variables %s and loss %s."
                % ([str(v) for _, v in grads_and_vars], loss))
        train_op = self.apply_gradients(grads_and_vars, global_step=global_step, name=name)
        self._warn_about_update_ops(train_op)
        return train_op

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops: bool = False,
                          grad_loss=None) -> list:
        """[(gradient, variable), ...] for `var_list` (default: the trainable variables); the
        gradient is None for variables `loss` does not depend on. A callable `loss` is called,
        and by default differentiated w.r.t. the resource variables it read (TF's tape, which
        does not see ref variables)."""
        graph = get_default_graph()
        read_by_loss = None
        if callable(loss):
            n_before = len(graph.get_operations())
            loss = loss()
            read_by_loss = _resource_variables_read(graph, n_before)
        if gate_gradients not in (Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH):
            raise ValueError("gate_gradients must be one of: Optimizer.GATE_NONE, "
                             "Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not %s" % gate_gradients)
        loss = convert_to_tensor(loss)
        self._assert_valid_dtypes([loss])
        if grad_loss is not None:
            grad_loss = convert_to_tensor(grad_loss)
            self._assert_valid_dtypes([grad_loss])
        if var_list is None and read_by_loss is not None:
            # as TF's tape: a callable loss is differentiated w.r.t. the resource variables it read
            var_list = read_by_loss
            if not var_list:
                return []
        elif var_list is None:
            var_list = (graph.get_collection(GraphKeys.TRAINABLE_VARIABLES)
                        + graph.get_collection(GraphKeys.TRAINABLE_RESOURCE_VARIABLES))
        else:
            var_list = _flatten(var_list)
        for v in var_list:
            _check_var(v, allow_tensor=True)
        if not var_list:
            raise ValueError("No variables to optimize.")
        grads = gradients(loss, var_list, grad_ys=grad_loss,
                          gate_gradients=(gate_gradients == Optimizer.GATE_OP),
                          aggregation_method=aggregation_method,
                          colocate_gradients_with_ops=colocate_gradients_with_ops)
        if gate_gradients == Optimizer.GATE_GRAPH:
            grads = gate_together(grads)
        grads_and_vars = list(zip(grads, var_list))
        self._assert_valid_dtypes([v for g, v in grads_and_vars
                                   if g is not None and v.dtype != dtypes.resource])
        return grads_and_vars

    def apply_gradients(self, grads_and_vars, global_step=None, name=None) -> Operation:
        """Apply the updates; returns one op (the global-step increment, run after the updates,
        when `global_step` is given)."""
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        converted = []
        for g, v in grads_and_vars:
            if g is not None:
                try:
                    g = convert_to_tensor_or_indexed_slices(g)
                except TypeError:
                    raise TypeError("Gradient must be convertible to a Tensor or IndexedSlices, "
                                    "or None: %s" % (g,)) from None
                if not isinstance(g, (Tensor, IndexedSlices)):
                    raise TypeError("Gradient must be a Tensor, IndexedSlices, or None: %s" % (g,))
            _check_var(v)
            converted.append((g, v))
        var_list = [v for g, v in converted if g is not None]
        if not var_list:
            raise ValueError("No gradients provided for any variable: %s."
                             % ([str(v) for _, v in converted],))
        with init_scope():
            self._create_slots(var_list)
        update_ops = []
        with name_scope(name, self._name) as name:
            self._prepare()
            for grad, var in converted:
                if grad is None:
                    continue
                with name_scope("update_" + var.op.name), colocate(var.op):
                    update_ops.append(_update_op(self, grad, var))
            if global_step is None:
                apply_updates = self._finish(update_ops, name)
            else:
                with control_dependencies([self._finish(update_ops, "update")]):
                    with colocate(global_step.op):
                        if _is_resource(global_step):
                            apply_updates = global_step.assign_add(
                                convert_to_tensor(1, dtype=global_step.dtype), name=name,
                                read_value=False)
                        else:
                            apply_updates = global_step.assign_add(1, name=name)
            if isinstance(apply_updates, Tensor):
                apply_updates = apply_updates.op
            train_op = get_default_graph().get_collection_ref(GraphKeys.TRAIN_OP)
            if apply_updates not in train_op:
                train_op.append(apply_updates)
            return apply_updates

    def get_slot(self, var, name: str):
        """The slot variable `name` made for `var` (None if there is none)."""
        named_slots = self._slots.get(name)
        if not named_slots:
            return None
        return named_slots.get(_var_key(var))

    def get_slot_names(self) -> list:
        """The names of the slots this optimizer makes (e.g. ['m', 'v'] for Adam)."""
        return sorted(self._slots.keys())

    def variables(self) -> list:
        """Every variable this optimizer created in the current graph, sorted by name."""
        graph = get_default_graph()
        found = [v for v in self._non_slot_dict.values() if v.op.graph is graph]
        for slots in self._slots.values():
            found.extend(v for v in slots.values() if v.op.graph is graph)
        return sorted(found, key=lambda v: v.name)

    # --- hooks for subclasses -------------------------------------------------------------------
    def _create_slots(self, var_list) -> None:
        """Create the slots the updates need (called under init_scope)."""

    def _prepare(self) -> None:
        """Convert hyper-parameters to tensors (called once per apply_gradients)."""

    def _apply_dense(self, grad, var):
        raise NotImplementedError("%s does not implement _apply_dense (ref variables)"
                                  % type(self).__name__)

    def _resource_apply_dense(self, grad, handle):
        raise NotImplementedError("%s does not implement _resource_apply_dense (resource "
                                  "variables)" % type(self).__name__)

    def _apply_sparse(self, grad, var):
        raise NotImplementedError("%s does not implement _apply_sparse (IndexedSlices gradients "
                                  "of ref variables)" % type(self).__name__)

    def _resource_apply_sparse(self, grad, handle, indices):
        raise NotImplementedError("%s does not implement _resource_apply_sparse (IndexedSlices "
                                  "gradients of resource variables)" % type(self).__name__)

    def _apply_sparse_duplicate_indices(self, grad, var):
        summed, unique = _deduplicate_indexed_slices(grad.values, grad.indices)
        return self._apply_sparse(IndexedSlices(summed, unique, grad.dense_shape), var)

    def _resource_apply_sparse_duplicate_indices(self, grad, handle, indices):
        summed, unique = _deduplicate_indexed_slices(grad, indices)
        return self._resource_apply_sparse(summed, handle, unique)

    def _finish(self, update_ops, name_scope):
        return control_flow_ops.group(*update_ops, name=name_scope)

    # --- slots ----------------------------------------------------------------------------------
    def _slot_dict(self, slot_name: str) -> dict:
        named_slots = self._slots.get(slot_name)
        if named_slots is None:
            named_slots = self._slots[slot_name] = {}
        return named_slots

    def _get_or_make_slot(self, var, val, slot_name: str, op_name: str):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            named_slots[_var_key(var)] = create_slot(var, val, op_name)
        return named_slots[_var_key(var)]

    def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name: str,
                                           op_name: str):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            named_slots[_var_key(var)] = create_slot_with_initializer(var, initializer, shape,
                                                                      dtype, op_name)
        return named_slots[_var_key(var)]

    def _zeros_slot(self, var, slot_name: str, op_name: str):
        named_slots = self._slot_dict(slot_name)
        if _var_key(var) not in named_slots:
            named_slots[_var_key(var)] = create_zeros_slot(var, op_name)
        return named_slots[_var_key(var)]

    def _create_non_slot_variable(self, initial_value, name: str, colocate_with):
        """A variable of the optimizer itself (Adam's beta powers), one per graph, made next to
        `colocate_with` and named in the current name scope."""
        key = (name, colocate_with.graph)
        v = self._non_slot_dict.get(key)
        if v is None:
            with colocate(colocate_with.op):
                v = Variable(initial_value, name=name, trainable=False,
                             use_resource=_is_resource(colocate_with))
            self._non_slot_dict[key] = v
        return v

    def _get_non_slot_variable(self, name: str, graph=None):
        return self._non_slot_dict.get((name, graph or get_default_graph()))

    def _non_slot_variables(self):
        return self._non_slot_dict.values()

    # --- helpers ------------------------------------------------------------------------------
    def _call_if_callable(self, param):
        return param() if callable(param) else param

    def _valid_dtypes(self) -> set:
        return {dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64}

    def _assert_valid_dtypes(self, tensors) -> None:
        valid = self._valid_dtypes()
        for t in tensors:
            dtype = t.dtype.base_dtype
            if dtype not in valid:
                raise ValueError("Invalid type %r for %s, expected: %s."
                                 % (dtype, t.name, [v for v in valid]))

    def _warn_about_update_ops(self, train_op: Operation) -> None:
        """The classic batch-norm bug: UPDATE_OPS exist but the train op does not run them."""
        pending = [getattr(u, "op", u) for u in get_default_graph().get_collection(GraphKeys.UPDATE_OPS)]
        pending = [u for u in pending if isinstance(u, Operation)]
        if not pending:
            return
        missing = _depends_on(train_op, pending)
        if missing:
            warnings.warn(
                "The train op %s does not depend on %d op(s) in the UPDATE_OPS collection (e.g. "
                "%s): batch-norm moving statistics will not be updated. Build the train op under "
                "`with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):`."
                % (train_op.name, len(missing), missing[0].name), UserWarning, stacklevel=3)


def _flatten(x) -> list:
    if isinstance(x, (list, tuple)):
        out = []
        for y in x:
            out.extend(_flatten(y))
        return out
    if isinstance(x, dict):
        return _flatten([x[k] for k in sorted(x)])
    return [x]
