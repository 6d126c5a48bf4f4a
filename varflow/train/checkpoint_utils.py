"""`tf.train.init_from_checkpoint` (warm-starting variables from a checkpoint) and the checkpoint readers
`list_variables`, `load_variable`, `load_checkpoint` re-exported for `tf.train`.

`init_from_checkpoint` replaces each mapped variable's initializer with an assign of a RestoreV2 op
(`checkpoint_initializer`), which reads the tensor (or the variable's slice of it) from the checkpoint when
the initializer runs.  Initializer groups built BEFORE the call (e.g. an earlier
`tf.global_variables_initializer()`) still hold the old initializer ops and keep initializing as before;
build `tf.global_variables_initializer()` after the call.
"""
from __future__ import annotations

import os

from ..checkpoint import io_ops, latest_checkpoint
from ..checkpoint.checkpoint_utils import NewCheckpointReader, list_variables, load_checkpoint, load_variable
from ..framework import dtypes
from ..framework.graph import device, get_default_graph
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops, state_ops
from ..variables.partitioned import PartitionedVariable
from ..variables.variable_scope import _get_default_variable_store
from ..variables.variables import Variable, init_scope

__all__ = ["init_from_checkpoint", "list_variables", "load_variable", "load_checkpoint", "NewCheckpointReader"]


# ------------------------------------------------------------------------------------------------
# The initializers that read the checkpoint
# ------------------------------------------------------------------------------------------------
def _set_checkpoint_initializer(var, prefix: str, tensor_name: str, slice_spec: str = "") -> None:
    """Make running `var.initializer` assign the checkpoint value (TF's `_set_checkpoint_initializer`): a
    RestoreV2 `checkpoint_initializer` on the variable's CPU (not colocated with it), then an assign."""
    with init_scope():
        with device(var.device), device("/cpu:0"):
            value = io_ops.restore_v2(prefix, [tensor_name], [slice_spec], [var.dtype.base_dtype],
                                      name="checkpoint_initializer")[0]
        if var._ref_or_handle().dtype == dtypes.resource:
            assigned = state_ops.assign(var._ref_or_handle(), array_ops.identity(value),
                                        name="AssignVariableOp")
        else:
            assigned = state_ops.assign(var._ref_or_handle(), value,
                                        validate_shape=var.get_shape().is_fully_defined())
        value.set_shape(var.get_shape())  # after the assign, as TF (its Identity keeps an unknown shape)
    var._initializer_op = assigned if not hasattr(assigned, "op") else assigned.op
    var._initial_value = value


def _set_initializer(target, prefix: str, tensor_name: str, ckpt_shape, ckpt_dtype) -> None:
    parts = _parts(target)
    if parts is None:
        _check_compatible(target, tensor_name, target.get_shape(), ckpt_shape, ckpt_dtype)
        _set_checkpoint_initializer(target, prefix, tensor_name)
        return
    for part in parts:
        info = part._get_save_slice_info()
        _check_compatible(part, tensor_name, TensorShape(info.full_shape), ckpt_shape, ckpt_dtype)
        _set_checkpoint_initializer(part, prefix, tensor_name, info.spec)


def _check_compatible(var, tensor_name: str, shape: TensorShape, ckpt_shape, ckpt_dtype) -> None:
    if not shape.is_compatible_with(ckpt_shape):
        raise ValueError("Shape of variable %s (%s) doesn't match with shape of tensor %s (%s) from "
                         "checkpoint reader." % (var.name, shape, tensor_name, list(ckpt_shape)))
    if var.dtype.base_dtype != ckpt_dtype:
        raise ValueError("Dtype of variable %s (%s) doesn't match with dtype of tensor %s (%s) in the "
                         "checkpoint." % (var.name, var.dtype.base_dtype.name, tensor_name, ckpt_dtype.name))


def _parts(target):
    """The parts of a partitioned target (PartitionedVariable or list of parts), or None for one variable."""
    if isinstance(target, PartitionedVariable):
        return list(target)
    if isinstance(target, (list, tuple)):
        return list(target)
    return None


def _is_variable(x) -> bool:
    return isinstance(x, (Variable, PartitionedVariable)) or (
        isinstance(x, (list, tuple)) and bool(x) and all(isinstance(v, Variable) for v in x))


def _store_lookup(store, name: str):
    """A get_variable-made variable by name (a partitioned one as its PartitionedVariable)."""
    var = store.vars.get(name)
    if var is None:
        var = store.partitioned.get(name)
    return var


def _prefix_of(ckpt_dir_or_file) -> str:
    path = os.fspath(ckpt_dir_or_file)
    if os.path.isdir(path):
        prefix = latest_checkpoint(path)
        if prefix is None:
            raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given directory %s" % path)
        return prefix
    return path


# ------------------------------------------------------------------------------------------------
# init_from_checkpoint
# ------------------------------------------------------------------------------------------------
def init_from_checkpoint(ckpt_dir_or_file, assignment_map) -> None:
    """Initialize variables from a checkpoint instead of their initializers (`tf.train.init_from_checkpoint`).

    `assignment_map` maps checkpoint names to current names: `{'old/': 'new/'}` (every get_variable-made
    variable under `new/` from `old/...`), `{'/': '/'}` (all of them, same names), `{'old/w': 'new/w'}`,
    `{'old/w': variable}` (a Variable, a PartitionedVariable or a list of its parts).  Build
    `tf.global_variables_initializer()` after this call so it runs the new initializers.
    """
    prefix = _prefix_of(ckpt_dir_or_file)
    with load_checkpoint(prefix) as reader:
        shapes = reader.get_variable_to_shape_map()
        dtypes_ = reader.get_variable_to_dtype_map()
    store = _get_default_variable_store()
    items = assignment_map.items() if hasattr(assignment_map, "items") else assignment_map
    for tensor_name, current in sorted(items, key=lambda item: item[0]):   # TF's order (op names)
        var = current if _is_variable(current) else _store_lookup(store, current)
        if var is not None:
            if tensor_name not in shapes:
                raise ValueError("Tensor %s is not found in %s checkpoint %s"
                                 % (tensor_name, ckpt_dir_or_file, shapes))
            _set_initializer(var, prefix, tensor_name, shapes[tensor_name], dtypes_[tensor_name])
            continue
        if not isinstance(current, str):
            raise TypeError("assignment_map values must be variable names, scopes ('scope/') or variables; "
                            "got %r for %r" % (current, tensor_name))
        _init_scope(store, prefix, ckpt_dir_or_file, tensor_name, current, shapes, dtypes_)
    get_default_graph()._structure_changed()


def _init_scope(store, prefix, ckpt_dir_or_file, tensor_name: str, current: str, shapes, dtypes_) -> None:
    """Scope-to-scope mapping: every get_variable-made variable under `current` from `tensor_name`."""
    scopes = current[:current.rindex("/")] if "/" in current else ""
    if not tensor_name.endswith("/"):
        raise ValueError("Assignment map with scope only name %s should map to scope only %s. Should be "
                         "'scope/': 'other_scope/'. (No variable named %r was made with tf.get_variable.)"
                         % (scopes, tensor_name, current))
    names = set()
    for name in list(store.vars) + list(store.partitioned):
        if not scopes or name.startswith(scopes + "/"):
            if "/part_" in name:
                name = name[:name.index("/part_")]
            names.add(name)
    for name in sorted(names):
        full_name = name[len(scopes):]
        if current != "/":
            full_name = full_name[1:]
        if tensor_name != "/":
            full_name = tensor_name + full_name
        if full_name.endswith("/"):
            full_name = full_name[:-1]
        if full_name not in shapes:
            raise ValueError("Tensor %s (%s in %s) is not found in %s checkpoint"
                             % (full_name, name[len(scopes) + 1:], tensor_name, ckpt_dir_or_file))
        _set_initializer(_store_lookup(store, name), prefix, full_name, shapes[full_name], dtypes_[full_name])
