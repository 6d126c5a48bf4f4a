"""Variable ops: the ref-variable family (VariableV2, Assign, AssignAdd, Scatter*) and the
resource-variable family (VarHandleOp, ReadVariableOp, AssignVariableOp, ...).

At run time a variable op yields its `VariableSlot` (see runtime/state.py); update kernels replace
the slot's value under its lock and return the slot, so later readers see the new value.
"""
from __future__ import annotations

import contextlib

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, get_default_graph, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, unknown_shape
from .op_util import make, make1

__all__ = ["assign", "assign_add", "assign_sub", "scatter_update", "scatter_add", "scatter_sub",
           "scatter_mul", "scatter_div", "scatter_max", "scatter_min", "scatter_nd_update",
           "scatter_nd_add", "scatter_nd_sub", "count_up_to", "is_variable_initialized"]


# ------------------------------------------------------------------------------------------------
# Sources: the variable itself
# ------------------------------------------------------------------------------------------------
def _variable_rule(inputs, attrs):
    return [(attrs["dtype"]._as_ref, attrs["shape"])]


def _slot_compile(op, runtime):
    slot = runtime.variable_slot(op, op._attrs.get("shared_name") or op.name)
    return lambda: slot


define("VariableV2", _variable_rule, compile=_slot_compile, stateful=True, differentiable=False)


def variable_op_v2(shape, dtype, name: str = "Variable", container: str = "", shared_name: str = "") -> Tensor:
    """The raw TF1 ref-variable op; `tf.Variable` builds on it."""
    container = container or get_default_graph()._container
    return make1("VariableV2", [], {"shape": TensorShape(shape), "dtype": dtypes.as_dtype(dtype).base_dtype,
                                    "container": container, "shared_name": shared_name}, name=name)


def _handle_rule(inputs, attrs):
    return [(dtypes.resource, TensorShape([]))]


define("VarHandleOp", _handle_rule, compile=_slot_compile, stateful=True, differentiable=False)


def var_handle_op(dtype, shape, name: str = "VarHandleOp", shared_name: str = "", container: str = "") -> Tensor:
    container = container or get_default_graph()._container
    return make1("VarHandleOp", [], {"dtype": dtypes.as_dtype(dtype).base_dtype, "shape": TensorShape(shape),
                                     "shared_name": shared_name, "container": container}, name=name)


# ------------------------------------------------------------------------------------------------
# Shared update machinery
# ------------------------------------------------------------------------------------------------
def _static_shape_of(t: Tensor) -> TensorShape:
    """The variable shape behind a ref tensor or a resource handle."""
    if t._dtype == dtypes.resource:
        op = t._op
        while op._type not in ("VarHandleOp",) and op._inputs:
            op = op._inputs[0]._op
        return op._attrs.get("shape", unknown_shape())
    return t._shape


def _dtype_behind(t: Tensor) -> dtypes.DType:
    if t._dtype == dtypes.resource:
        op = t._op
        while op._type != "VarHandleOp" and op._inputs:
            op = op._inputs[0]._op
        return op._attrs["dtype"]
    return t._dtype.base_dtype


def _fresh(value: np.ndarray, dtype) -> np.ndarray:
    """A private copy for a slot (read-only arrays are immutable and can be shared)."""
    arr = np.asarray(value)
    if arr.dtype != dtype:
        arr = arr.astype(dtype)
    elif arr.flags.writeable:
        arr = arr.copy()
    return arr


def _same_shape_check(op_type: str, var_value: np.ndarray, update: np.ndarray) -> None:
    if var_value.shape != np.shape(update):
        raise errors.InvalidArgumentError(
            None, None, "%s: the variable has shape %s but the update has shape %s; they must be "
            "the same (no broadcasting in variable updates)."
            % (op_type, list(var_value.shape), list(np.shape(update))))


def _assign_compile(op, runtime):
    target = op._inputs[0]
    static = _static_shape_of(target)
    validate = op._attrs.get("validate_shape", True)
    np_dtype = _dtype_behind(target).np_dtype
    returns_slot = op._type == "Assign"

    def assign_kernel(slot, value):
        if validate and static.ndims is not None and not static.is_compatible_with(np.shape(value)):
            raise errors.InvalidArgumentError(
                None, None, "Assign requires shapes of both tensors to match. lhs shape= %s rhs "
                "shape= %s (variable %s). Pass validate_shape=False to change a variable's shape."
                % (static.as_list(), list(np.shape(value)), slot.name))
        slot.assign(_fresh(value, np_dtype))
        return slot if returns_slot else None
    return assign_kernel


def _update_compile(fn):
    def compile_update(op, runtime):
        returns_slot = op._outputs and op._outputs[0]._dtype._is_ref_dtype

        def update_kernel(slot, value):
            slot.update(_checked_update, op._type, fn, value)
            return slot if returns_slot else None
        return update_kernel
    return compile_update


def _checked_update(old, op_type, fn, value):
    if old.shape != getattr(value, "shape", None):
        _same_shape_check(op_type, old, value)
    new = fn(old, value)
    return new if new.dtype == old.dtype else new.astype(old.dtype)


def _ref_rule(inputs, attrs):
    ref = inputs[0]
    if attrs.get("validate_shape", True) is False and len(inputs) > 1:
        return [(ref._dtype, inputs[1]._shape)]
    return [(ref._dtype, ref._shape)]


def _check_update_value(ref: Tensor, value, op_type: str, arg: str | None = "value") -> Tensor:
    """`value` as a tensor of the variable's dtype (a Python value becomes a Const named `arg`,
    in the update op's name scope as TF names it: `Assign/value`)."""
    dtype = _dtype_behind(ref)
    if isinstance(value, Tensor) or hasattr(value, "_as_graph_element"):
        value = convert_to_tensor(value)
        if value._dtype.base_dtype != dtype:
            raise TypeError("Input 'value' of '%s' Op has type %s that does not match type %s of "
                            "the variable %s; use tf.cast(value, tf.%s)."
                            % (op_type, value._dtype.base_dtype.name, dtype.name, ref.op.name, dtype.name))
        return value
    return convert_to_tensor(value, dtype=dtype, name=arg)


def _update_scope(name, op_type: str | None, ref: Tensor):
    """The name scope a ref-variable update is built in, as TF's generated wrappers open one (its
    Python inputs become `Assign/value`, `ScatterUpdate/indices`); `op_type` None opens none:
    resource updates convert their inputs outside, as TF's resource variables do."""
    return name_scope(name, op_type, [ref]) if op_type is not None else contextlib.nullcontext()


def _check_static_shapes(ref: Tensor, value: Tensor, op_type: str) -> None:
    shape = _static_shape_of(ref)
    if not shape.is_compatible_with(value._shape):
        raise ValueError("Shapes %s and %s are incompatible: %s of variable %s needs a value of the "
                         "variable's shape." % (shape, value._shape, op_type, ref.op.name))


# ------------------------------------------------------------------------------------------------
# Ref-variable updates
# ------------------------------------------------------------------------------------------------
define("Assign", _ref_rule, compile=_assign_compile, stateful=True, ref_inputs=(0,),
       differentiable=False)
define("AssignAdd", _ref_rule, compile=_update_compile(np.add), stateful=True, ref_inputs=(0,),
       differentiable=False)
define("AssignSub", _ref_rule, compile=_update_compile(np.subtract), stateful=True, ref_inputs=(0,),
       differentiable=False)


def _ref_of(ref, what: str) -> Tensor:
    if hasattr(ref, "_ref_or_handle"):
        return ref._ref_or_handle()
    if isinstance(ref, Tensor) and (ref._dtype._is_ref_dtype or ref._dtype == dtypes.resource):
        return ref
    raise TypeError("%s needs a variable (or its ref tensor) as first argument, got %r. A plain "
                    "tensor cannot be assigned to." % (what, ref))


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    """`tf.assign`: store `value` in the variable; returns the variable's new value."""
    if hasattr(ref, "assign") and not isinstance(ref, Tensor):
        return ref.assign(value, use_locking=use_locking, name=name) if validate_shape in (None, True) \
            else ref._assign_unvalidated(value, name)
    r = _ref_of(ref, "tf.assign")
    validate = True if validate_shape is None else bool(validate_shape)
    if r._dtype == dtypes.resource:
        v = _check_update_value(r, value, "Assign", None)
        if validate:
            _check_static_shapes(r, v, "Assign")
        return make("AssignVariableOp", [r, v], {"dtype": v._dtype}, name=name or "AssignVariableOp")
    with _update_scope(name, "Assign", r) as scope:
        v = _check_update_value(r, value, "Assign")
        if validate:
            _check_static_shapes(r, v, "Assign")
        return make1("Assign", [r, v], {"validate_shape": validate, "use_locking": bool(use_locking)},
                     name=scope)


def _dense_update(ref, value, use_locking, name, ref_type, res_type, what):
    if hasattr(ref, "_ref_or_handle") and not isinstance(ref, Tensor):
        method = getattr(ref, {"AssignAdd": "assign_add", "AssignSub": "assign_sub"}[ref_type])
        return method(value, use_locking=use_locking, name=name)
    r = _ref_of(ref, what)
    resource = r._dtype == dtypes.resource
    with _update_scope(name, None if resource else ref_type, r) as scope:
        v = _check_update_value(r, value, ref_type, None if resource else "value")
        _check_static_shapes(r, v, ref_type)
        if resource:
            return make(res_type, [r, v], {"dtype": v._dtype}, name=name or res_type)
        return make1(ref_type, [r, v], {"use_locking": bool(use_locking)}, name=scope)


def assign_add(ref, value, use_locking=None, name=None):
    """`tf.assign_add`: add `value` to the variable; returns its new value (a Tensor, not an op)."""
    return _dense_update(ref, value, use_locking, name, "AssignAdd", "AssignAddVariableOp",
                         "tf.assign_add")


def assign_sub(ref, value, use_locking=None, name=None):
    """`tf.assign_sub`: subtract `value` from the variable; returns its new value."""
    return _dense_update(ref, value, use_locking, name, "AssignSub", "AssignSubVariableOp",
                         "tf.assign_sub")


def _is_init_compile(op, runtime):
    return lambda slot: np.asarray(slot.is_initialized())


define("IsVariableInitialized", lambda inputs, attrs: [(dtypes.bool, TensorShape([]))],
       compile=_is_init_compile, stateful=True, ref_inputs=(0,), differentiable=False)
define("VarIsInitializedOp", lambda inputs, attrs: [(dtypes.bool, TensorShape([]))],
       compile=_is_init_compile, stateful=True, differentiable=False)


def is_variable_initialized(variable) -> Tensor:
    """`tf.is_variable_initialized`: a bool scalar, True once the variable holds a value."""
    r = _ref_of(variable, "tf.is_variable_initialized")
    if r._dtype == dtypes.resource:
        return make1("VarIsInitializedOp", [r], name="VarIsInitializedOp")
    return make1("IsVariableInitialized", [r], {"dtype": r._dtype.base_dtype}, name="IsVariableInitialized")


def _count_up_to_compile(op, runtime):
    limit = op._attrs["limit"]

    def count(slot):
        new = slot.update(_increment_below, limit, slot.name)
        return np.asarray(new - 1, dtype=new.dtype)
    return count


def _increment_below(old, limit, name):
    if old >= limit:
        raise errors.OutOfRangeError(None, None, "Reached limit of %d (variable %s)" % (limit, name))
    return np.asarray(old + 1, dtype=old.dtype)


define("CountUpTo", lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, inputs[0]._shape)],
       compile=_count_up_to_compile, stateful=True, ref_inputs=(0,), differentiable=False)
define("ResourceCountUpTo", lambda inputs, attrs: [(attrs["T"], TensorShape([]))],
       compile=_count_up_to_compile, stateful=True, differentiable=False)


def count_up_to(ref, limit: int, name=None) -> Tensor:
    """`tf.count_up_to`: increment an int variable, returning its old value; OutOfRangeError at `limit`."""
    r = _ref_of(ref, "tf.count_up_to")
    if r._dtype == dtypes.resource:
        return make1("ResourceCountUpTo", [r], {"limit": int(limit), "T": _dtype_behind(r)},
                     name=name or "ResourceCountUpTo")
    return make1("CountUpTo", [r], {"limit": int(limit)}, name=name or "CountUpTo")


# ------------------------------------------------------------------------------------------------
# Scatter updates (row-wise), for ref and resource variables
# ------------------------------------------------------------------------------------------------
def _scatter_apply(kind: str, new: np.ndarray, indices: np.ndarray, updates: np.ndarray) -> None:
    if kind == "update":
        new[indices] = updates
    elif kind == "add":
        np.add.at(new, indices, updates)
    elif kind == "sub":
        np.subtract.at(new, indices, updates)
    elif kind == "mul":
        np.multiply.at(new, indices, updates)
    elif kind == "div":
        np.divide.at(new, indices, updates)
    elif kind == "max":
        np.maximum.at(new, indices, updates)
    elif kind == "min":
        np.minimum.at(new, indices, updates)


def _scatter_compile(kind: str):
    def compile_scatter(op, runtime):
        returns_slot = op._outputs and op._outputs[0]._dtype._is_ref_dtype

        def scatter_kernel(slot, indices, updates):
            slot.update(_scatter_rows, kind, indices, updates, slot.name)
            return slot if returns_slot else None
        return scatter_kernel
    return compile_scatter


def _scatter_rows(old, kind, indices, updates, name):
    """The new value of a variable after a row scatter (bounds and shapes checked as TF)."""
    idx = np.asarray(indices)
    if idx.size and (idx.min() < 0 or idx.max() >= old.shape[0]):
        bad = idx[(idx < 0) | (idx >= old.shape[0])].reshape(-1)[0]
        raise errors.InvalidArgumentError(None, None, "indices[...] = %d is not in [0, %d) "
                                          "(variable %s)" % (bad, old.shape[0], name))
    expected = idx.shape + old.shape[1:]
    upd = np.broadcast_to(updates, expected) if np.ndim(updates) == 0 else updates
    if np.shape(upd) != expected:
        raise errors.InvalidArgumentError(
            None, None, "updates must have shape indices.shape + params.shape[1:] = %s, got %s "
            "(variable %s)" % (list(expected), list(np.shape(updates)), name))
    new = old.copy()
    _scatter_apply(kind, new, idx, np.asarray(upd, dtype=old.dtype))
    return new


def _scatter_nd_rows(old, kind, indices, updates):
    new = old.copy()
    index = tuple(np.moveaxis(np.asarray(indices), -1, 0))
    _scatter_apply(kind, new, index, np.asarray(updates, dtype=old.dtype))
    return new


def _scatter_nd_compile(kind: str):
    def compile_scatter_nd(op, runtime):
        returns_slot = op._outputs and op._outputs[0]._dtype._is_ref_dtype

        def scatter_nd_kernel(slot, indices, updates):
            slot.update(_scatter_nd_rows, kind, indices, updates)
            return slot if returns_slot else None
        return scatter_nd_kernel
    return compile_scatter_nd


_SCATTER_KINDS = {"ScatterUpdate": "update", "ScatterAdd": "add", "ScatterSub": "sub",
                  "ScatterMul": "mul", "ScatterDiv": "div", "ScatterMax": "max", "ScatterMin": "min"}
_RESOURCE_SCATTER = {"ResourceScatterUpdate": "update", "ResourceScatterAdd": "add",
                     "ResourceScatterSub": "sub", "ResourceScatterMul": "mul",
                     "ResourceScatterDiv": "div", "ResourceScatterMax": "max",
                     "ResourceScatterMin": "min"}
for _type, _kind in _SCATTER_KINDS.items():
    define(_type, _ref_rule, compile=_scatter_compile(_kind), stateful=True, ref_inputs=(0,),
           differentiable=False)
for _type, _kind in _RESOURCE_SCATTER.items():
    define(_type, lambda inputs, attrs: [], compile=_scatter_compile(_kind), stateful=True,
           differentiable=False)
for _type, _kind in {"ScatterNdUpdate": "update", "ScatterNdAdd": "add", "ScatterNdSub": "sub"}.items():
    define(_type, _ref_rule, compile=_scatter_nd_compile(_kind), stateful=True, ref_inputs=(0,),
           differentiable=False)
    define("Resource" + _type, lambda inputs, attrs: [], compile=_scatter_nd_compile(_kind),
           stateful=True, differentiable=False)


def _scatter(ref, indices, updates, use_locking, name, ref_type: str):
    r = _ref_of(ref, "tf." + ref_type)
    resource = r._dtype == dtypes.resource
    with _update_scope(name, None if resource else ref_type, r) as scope:
        idx = convert_to_tensor(indices, name=None if resource else "indices")
        if not idx._dtype.is_integer:
            raise TypeError("%s indices must be int32 or int64, got %s" % (ref_type, idx._dtype.name))
        upd = _check_update_value(r, updates, ref_type, None if resource else "updates")
        if resource:
            return make("Resource" + ref_type, [r, idx, upd], {}, name=name or "Resource" + ref_type)
        return make1(ref_type, [r, idx, upd], {"use_locking": bool(use_locking)}, name=scope)


def scatter_update(ref, indices, updates, use_locking=True, name=None):
    """`tf.scatter_update`: rows `indices` of the variable become `updates`."""
    return _scatter(ref, indices, updates, use_locking, name, "ScatterUpdate")


def scatter_add(ref, indices, updates, use_locking=False, name=None):
    """`tf.scatter_add`: add `updates` into rows `indices` (repeated rows accumulate)."""
    return _scatter(ref, indices, updates, use_locking, name, "ScatterAdd")


def scatter_sub(ref, indices, updates, use_locking=False, name=None):
    return _scatter(ref, indices, updates, use_locking, name, "ScatterSub")


def scatter_mul(ref, indices, updates, use_locking=False, name=None):
    return _scatter(ref, indices, updates, use_locking, name, "ScatterMul")


def scatter_div(ref, indices, updates, use_locking=False, name=None):
    return _scatter(ref, indices, updates, use_locking, name, "ScatterDiv")


def scatter_max(ref, indices, updates, use_locking=False, name=None):
    return _scatter(ref, indices, updates, use_locking, name, "ScatterMax")


def scatter_min(ref, indices, updates, use_locking=False, name=None):
    return _scatter(ref, indices, updates, use_locking, name, "ScatterMin")


def scatter_nd_update(ref, indices, updates, use_locking=True, name=None):
    return _scatter(ref, indices, updates, use_locking, name, "ScatterNdUpdate")


def scatter_nd_add(ref, indices, updates, use_locking=False, name=None):
    return _scatter(ref, indices, updates, use_locking, name, "ScatterNdAdd")


def scatter_nd_sub(ref, indices, updates, use_locking=False, name=None):
    return _scatter(ref, indices, updates, use_locking, name, "ScatterNdSub")


# ------------------------------------------------------------------------------------------------
# Resource-variable ops
# ------------------------------------------------------------------------------------------------
def _read_rule(inputs, attrs):
    return [(attrs["dtype"], _static_shape_of(inputs[0]))]


def _read_compile(op, runtime):
    return lambda slot: slot.read()


define("ReadVariableOp", _read_rule, compile=_read_compile, stateful=True,
       grad=lambda op, g: [g])
define("AssignVariableOp", lambda inputs, attrs: [], compile=_assign_compile, stateful=True,
       differentiable=False)
define("AssignAddVariableOp", lambda inputs, attrs: [], compile=_update_compile(np.add),
       stateful=True, differentiable=False)
define("AssignSubVariableOp", lambda inputs, attrs: [], compile=_update_compile(np.subtract),
       stateful=True, differentiable=False)


def read_variable_op(handle: Tensor, dtype, name: str = "ReadVariableOp") -> Tensor:
    return make1("ReadVariableOp", [handle], {"dtype": dtypes.as_dtype(dtype)}, name=name)


def _gather_rule(inputs, attrs):
    handle, idx = inputs
    shape = _static_shape_of(handle)
    out = idx._shape.concatenate(shape[1:]) if shape.ndims is not None else unknown_shape()
    return [(attrs["dtype"], out)]


def _resource_gather_compile(op, runtime):
    def gather(slot, indices):
        value = slot.read()
        return np.take(value, np.asarray(indices), axis=0)
    return gather


def _resource_gather_grad(op, g):
    from ..framework.indexed_slices import IndexedSlices
    from . import array_ops

    handle, indices = op._inputs
    params_shape = array_ops.shape(read_variable_op(handle, op._attrs["dtype"]))
    size = array_ops.expand_dims(array_ops.size(indices), 0)
    values_shape = array_ops.concat([size, params_shape[1:]], 0)
    values = array_ops.reshape(g, values_shape)
    return [IndexedSlices(values, array_ops.reshape(indices, size), params_shape), None]


define("ResourceGather", _gather_rule, compile=_resource_gather_compile, stateful=True,
       grad=_resource_gather_grad)


# ------------------------------------------------------------------------------------------------
# Sliced assignment: `v[1:3].assign(value)`
# ------------------------------------------------------------------------------------------------
def _slice_assign_compile(op, runtime):
    masks = {k: v for k, v in op._attrs.items() if k.endswith("_mask")}
    returns_slot = bool(op._outputs) and op._outputs[0]._dtype._is_ref_dtype

    def slice_assign(slot, begin, end, strides, value):
        slot.update(_assign_slice, begin, end, strides, masks, value, slot.name)
        return slot if returns_slot else None
    return slice_assign


def _assign_slice(old, begin, end, strides, masks, value, name):
    from .array_ops import _strided_indices

    idx, _, out_shape = _strided_indices(old.shape, begin, end, strides, masks)
    new = old.copy()
    target = new[idx]
    if np.shape(value) != tuple(out_shape) and np.shape(value) != target.shape:
        raise errors.InvalidArgumentError(
            None, None, "sliced l-value shape %s does not match r-value shape %s (variable %s)"
            % (list(out_shape), list(np.shape(value)), name))
    new[idx] = np.reshape(value, target.shape)
    return new


define("StridedSliceAssign", _ref_rule, compile=_slice_assign_compile, stateful=True,
       ref_inputs=(0,), differentiable=False)
define("ResourceStridedSliceAssign", lambda inputs, attrs: [], compile=_slice_assign_compile,
       stateful=True, differentiable=False)


def strided_slice_assign(ref: Tensor, slice_spec, value, name=None, parts: tuple | None = None):
    """Assign `value` to `ref[slice_spec]` (TF1's `v[1:3].assign(...)`); `parts` are the
    (begin, end, strides, masks) of a slice already built, which TF's assign reuses."""
    from .array_ops import strided_slice_args

    begin, end, strides, masks = parts if parts is not None else strided_slice_args(slice_spec)
    if ref._dtype == dtypes.resource:
        v = _check_update_value(ref, value, "StridedSliceAssign", None)
        return make("ResourceStridedSliceAssign", [ref, begin, end, strides, v], dict(masks),
                    name=name or "ResourceStridedSliceAssign")
    with _update_scope(name, "StridedSliceAssign", ref) as scope:
        v = _check_update_value(ref, value, "StridedSliceAssign")
        return make1("StridedSliceAssign", [ref, begin, end, strides, v], dict(masks), name=scope)
