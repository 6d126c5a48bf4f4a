"""`tf.contrib.framework`: variable helpers (model variables, lookups by scope/name/suffix),
the global step, `assign_from_values` and `arg_scope`."""
from __future__ import annotations

import contextlib
import functools

from ..framework.graph import add_to_collection, device, get_collection
from ..framework.graph_keys import GraphKeys
from ..ops import array_ops, control_flow_ops, state_ops
from ..train.training_util import (assert_global_step, create_global_step, get_global_step,
                                   get_or_create_global_step)
from ..variables import variable_scope as vs

__all__ = ["add_model_variable", "arg_scope", "add_arg_scope", "has_arg_scope",
           "assign_from_values", "assign_from_values_fn", "get_global_step",
           "create_global_step", "get_or_create_global_step", "assert_global_step",
           "get_model_variables", "get_local_variables", "get_trainable_variables",
           "get_unique_variable", "get_variables", "get_variables_by_name",
           "get_variables_by_suffix", "get_variables_to_restore", "local_variable",
           "model_variable", "variable"]


# --- creating variables ---------------------------------------------------------------------
def variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
             collections=None, caching_device=None, device=None, partitioner=None,
             custom_getter=None, use_resource=None, synchronization=None, aggregation=None):
    """`tf.get_variable` in GLOBAL_VARIABLES plus `collections`, optionally on `device`."""
    collections = list(collections if collections is not None else [GraphKeys.GLOBAL_VARIABLES])
    collections = list(dict.fromkeys(collections))
    if custom_getter is not None:
        getter = functools.partial(custom_getter, reuse=vs.get_variable_scope().reuse)
    else:
        getter = vs.get_variable
    with _device(device):
        return getter(name, shape=shape, dtype=dtype, initializer=initializer,
                      regularizer=regularizer, trainable=trainable, collections=collections,
                      caching_device=caching_device, partitioner=partitioner,
                      use_resource=use_resource)


def _device(spec):
    return device(spec) if spec else contextlib.nullcontext()


def model_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=True, collections=None, caching_device=None, device=None,
                   partitioner=None, custom_getter=None, use_resource=None,
                   synchronization=None, aggregation=None):
    """A `variable` also in MODEL_VARIABLES."""
    collections = list(collections or []) + [GraphKeys.GLOBAL_VARIABLES, GraphKeys.MODEL_VARIABLES]
    return variable(name, shape=shape, dtype=dtype, initializer=initializer,
                    regularizer=regularizer, trainable=trainable, collections=collections,
                    caching_device=caching_device, device=device, partitioner=partitioner,
                    custom_getter=custom_getter, use_resource=use_resource)


def local_variable(initial_value, validate_shape: bool = True, name=None, use_resource=None):
    """A non-trainable variable in LOCAL_VARIABLES."""
    from ..variables.variables import Variable

    return Variable(initial_value, trainable=False, collections=[GraphKeys.LOCAL_VARIABLES],
                    validate_shape=validate_shape, name=name, use_resource=use_resource)


def add_model_variable(var) -> None:
    """Add `var` to MODEL_VARIABLES (once)."""
    if var not in get_collection(GraphKeys.MODEL_VARIABLES):
        add_to_collection(GraphKeys.MODEL_VARIABLES, var)


# --- finding variables ----------------------------------------------------------------------
def get_variables(scope=None, suffix=None, collection=GraphKeys.GLOBAL_VARIABLES) -> list:
    """Variables of `collection` whose names start with `scope` (a regex) and end with `suffix`."""
    if isinstance(scope, vs.VariableScope):
        scope = scope.name
    if suffix is not None:
        if ":" not in suffix:
            suffix += ":"
        scope = (scope or "") + ".*" + suffix
    return get_collection(collection, scope)


def get_model_variables(scope=None, suffix=None) -> list:
    return get_variables(scope, suffix, GraphKeys.MODEL_VARIABLES)


def get_local_variables(scope=None, suffix=None) -> list:
    return get_variables(scope, suffix, GraphKeys.LOCAL_VARIABLES)


def get_trainable_variables(scope=None, suffix=None) -> list:
    return get_variables(scope, suffix, GraphKeys.TRAINABLE_VARIABLES)


def get_variables_by_suffix(suffix, scope=None) -> list:
    return get_variables(scope=scope, suffix=suffix)


def get_variables_by_name(given_name: str, scope=None) -> list:
    """Variables whose last name component is `given_name`."""
    suffix = "/" + given_name + ":|^" + given_name + ":"
    return get_variables(scope=scope, suffix=suffix)


def get_unique_variable(var_op_name: str):
    """The one variable whose op name is exactly `var_op_name` (ValueError otherwise)."""
    candidates = get_variables(scope=var_op_name)
    if not candidates:
        raise ValueError("Couldn't find variable %s" % var_op_name)
    for candidate in candidates:
        if candidate.op.name == var_op_name:
            return candidate
    raise ValueError("Variable %s does not uniquely identify a variable" % var_op_name)


def get_variables_to_restore(include=None, exclude=None) -> list:
    """Model-agnostic restore list: global variables under `include` scopes minus `exclude`."""
    if include is None:
        vars_to_include = get_variables()
    else:
        if not isinstance(include, (list, tuple)):
            raise TypeError("include is provided but is not a list or a tuple.")
        vars_to_include = [v for scope in include for v in get_variables(scope)]
    vars_to_exclude = set()
    if exclude is not None:
        if not isinstance(exclude, (list, tuple)):
            raise TypeError("exclude is provided but is not a list or a tuple.")
        for scope in exclude:
            vars_to_exclude.update(get_variables(scope))
    return [v for v in vars_to_include if v not in vars_to_exclude]


# --- assigning values -------------------------------------------------------------------------
def assign_from_values(var_names_to_values: dict):
    """`(assign_op, feed_dict)` setting each named model variable from a NumPy value."""
    feed_dict = {}
    assign_ops = []
    for var_name in var_names_to_values:
        value = var_names_to_values[var_name]
        found = get_variables(var_name)
        if not found:
            raise ValueError("Variable %s wasn't found" % var_name)
        if len(found) > 1:
            found = [v for v in found if v.op.name == var_name]
            if len(found) != 1:
                raise ValueError("Variable %s doesn't uniquely identify a variable" % var_name)
        var = found[0]
        placeholder = array_ops.placeholder(var.dtype.base_dtype, shape=var.get_shape(),
                                            name="placeholder/" + var.op.name)
        assign_ops.append(state_ops.assign(var, placeholder))
        feed_dict[placeholder] = value.reshape(var.get_shape().as_list()) \
            if hasattr(value, "reshape") and var.get_shape().is_fully_defined() else value
    return control_flow_ops.group(*assign_ops), feed_dict


def assign_from_values_fn(var_names_to_values: dict):
    """A function `fn(session)` running `assign_from_values`."""
    assign_op, feed_dict = assign_from_values(var_names_to_values)

    def callback(session):
        return session.run(assign_op, feed_dict)
    return callback


# --- arg_scope ------------------------------------------------------------------------------
_ARG_SCOPE_STACK: list = [{}]


def _key(func) -> str:
    func = getattr(func, "_varflow_arg_scope_target", func)
    return getattr(func, "__module__", "") + "." + getattr(func, "__name__", repr(func))


def add_arg_scope(func):
    """Decorate `func` so `arg_scope([func], **kwargs)` supplies default keyword arguments."""
    key = _key(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        defaults = _ARG_SCOPE_STACK[-1].get(key)
        if defaults:
            merged = dict(defaults)
            merged.update(kwargs)
            kwargs = merged
        return func(*args, **kwargs)
    wrapper._varflow_arg_scope_target = func
    wrapper._varflow_arg_scope_key = key
    return wrapper


def has_arg_scope(func) -> bool:
    return hasattr(func, "_varflow_arg_scope_key")


@contextlib.contextmanager
def arg_scope(list_ops_or_scope, **kwargs):
    """Default keyword arguments for the listed `add_arg_scope` functions inside the block; a
    dict (a scope yielded earlier) re-enters that scope."""
    if isinstance(list_ops_or_scope, dict):
        if kwargs:
            raise ValueError("When attempting to re-use a scope by suppling a dictionary, kwargs "
                             "must be empty.")
        _ARG_SCOPE_STACK.append(list_ops_or_scope)
    else:
        if not isinstance(list_ops_or_scope, (list, tuple)):
            raise TypeError("list_ops_or_scope must either be a list/tuple or reused scope "
                            "(i.e. dict)")
        current = {k: dict(v) for k, v in _ARG_SCOPE_STACK[-1].items()}
        for op in list_ops_or_scope:
            if not has_arg_scope(op):
                raise ValueError("%s is not decorated with @add_arg_scope"
                                 % getattr(op, "__name__", op))
            key = op._varflow_arg_scope_key
            current.setdefault(key, {}).update(kwargs)
        _ARG_SCOPE_STACK.append(current)
    try:
        yield _ARG_SCOPE_STACK[-1]
    finally:
        _ARG_SCOPE_STACK.pop()

