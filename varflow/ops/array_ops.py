"""Array ops: identity, placeholders, fills and shapes, reshaping, slicing, gathering, padding.

Each op is defined once (output rule, kernel, gradient) next to its public wrapper.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, as_shape, unknown_shape
from . import op_util
from .constant_op import constant
from .op_util import make1, same_as_first

__all__ = ["identity", "placeholder", "placeholder_with_default", "zeros_like", "ones_like",
           "fill", "zeros", "ones", "shape", "stop_gradient"]


# --- Identity ------------------------------------------------------------------------------------
define("Identity", same_as_first, lambda x: x, grad=lambda op, g: [g])


def identity(input, name=None) -> Tensor:  # noqa: A002 - TF's argument name
    """`tf.identity`: the same value as a new tensor (reads a variable's current value)."""
    if hasattr(input, "_identity_for"):        # variables build their own read
        return input._identity_for(name)
    return make1("Identity", [convert_to_tensor(input, as_ref=True)], name=name or "Identity")


define("StopGradient", same_as_first, lambda x: x, grad=lambda op, g: [None])


def stop_gradient(input, name=None) -> Tensor:  # noqa: A002
    """`tf.stop_gradient`: the value of `input`, with no gradient flowing back through it."""
    return make1("StopGradient", [convert_to_tensor(input)], name=name or "StopGradient")


# --- Placeholders -------------------------------------------------------------------------------
def _placeholder_rule(inputs, attrs):
    return [(attrs["dtype"], attrs["shape"])]


def _placeholder_compile(op, runtime):
    dtype, shape = op._attrs["dtype"], op._attrs["shape"]
    shown = "unknown" if shape.ndims is None else "[%s]" % ",".join(
        "?" if d is None else str(d) for d in shape.as_list())

    def unfed():
        raise errors.InvalidArgumentError(
            None, op, "You must feed a value for placeholder tensor '%s' with dtype %s and shape "
            "%s: add it to feed_dict, e.g. sess.run(..., feed_dict={%s: value})."
            % (op.name, dtype.name, shown, op.name))
    return unfed


define("Placeholder", _placeholder_rule, compile=_placeholder_compile, differentiable=False)


def placeholder(dtype, shape=None, name=None) -> Tensor:
    """`tf.placeholder`: a tensor whose value must be fed at run time."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    return make1("Placeholder", [], {"dtype": dtype, "shape": as_shape(shape) if shape is not None
                                     else unknown_shape()}, name=name or "Placeholder")


def _pwd_rule(inputs, attrs):
    return [(inputs[0]._dtype.base_dtype, attrs["shape"])]


define("PlaceholderWithDefault", _pwd_rule, lambda x, shape: x, grad=lambda op, g: [g])


def placeholder_with_default(input, shape, name=None) -> Tensor:  # noqa: A002
    """`tf.placeholder_with_default`: `input` unless a value is fed."""
    x = convert_to_tensor(input)
    shape = as_shape(shape)
    if not shape.is_compatible_with(x.shape):
        raise ValueError("Shape %s of the default is incompatible with shape %s" % (x.shape, shape))
    return make1("PlaceholderWithDefault", [x], {"shape": shape}, name=name or "PlaceholderWithDefault")


# --- Shapes and fills ---------------------------------------------------------------------------
def _shape_rule(inputs, attrs):
    s = inputs[0]._shape
    return [(attrs["out_type"], TensorShape([s.ndims]))]


define("Shape", _shape_rule, lambda x, out_type: np.array(np.shape(x), dtype=out_type.np_dtype),
       differentiable=False)


def shape(input, name=None, out_type=dtypes.int32) -> Tensor:  # noqa: A002
    """`tf.shape`: the run-time shape of `input` as a 1-D tensor."""
    x = convert_to_tensor(input)
    return make1("Shape", [x], {"out_type": dtypes.as_dtype(out_type)}, name=name or "Shape")


def _fill_rule(inputs, attrs):
    dims, value = inputs
    known = op_util.const_value(dims)
    if known is not None:
        out = TensorShape([int(d) for d in np.reshape(known, [-1])])
    elif dims._shape.is_fully_defined():
        out = unknown_shape(dims._shape.as_list()[0])
    else:
        out = unknown_shape()
    return [(value._dtype.base_dtype, out)]


def _fill_kernel(dims, value):
    return np.full(tuple(int(d) for d in dims), value, dtype=value.dtype)


define("Fill", _fill_rule, _fill_kernel,
       grad=lambda op, g: [None, _sum_all(g)])


def _sum_all(g):
    from . import math_ops

    return math_ops.reduce_sum(g)


def fill(dims, value, name=None) -> Tensor:
    """`tf.fill`: a tensor of shape `dims` filled with the scalar `value`."""
    dims_t = convert_to_tensor(dims, dtype=dtypes.int32) if not isinstance(dims, Tensor) else dims
    return make1("Fill", [dims_t, convert_to_tensor(value)], name=name or "Fill")


def zeros(shape, dtype=dtypes.float32, name=None) -> Tensor:
    """`tf.zeros`."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, "zeros", [shape]) as scope:
        if isinstance(shape, Tensor):
            return fill(shape, constant(0, dtype=dtype), name=scope)
        shape_list = list(as_shape(shape).as_list())
        return constant(np.zeros(shape_list, dtype=dtype.np_dtype) if dtype != dtypes.string
                        else np.full(shape_list, b"", dtype=object), dtype=dtype, name=scope)


def ones(shape, dtype=dtypes.float32, name=None) -> Tensor:
    """`tf.ones`."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, "ones", [shape]) as scope:
        if isinstance(shape, Tensor):
            return fill(shape, constant(1, dtype=dtype), name=scope)
        return constant(np.ones(list(as_shape(shape).as_list()), dtype=dtype.np_dtype),
                        dtype=dtype, name=scope)


def _like_rule(inputs, attrs):
    x = inputs[0]
    return [(attrs.get("dtype") or x._dtype.base_dtype, x._shape)]


define("ZerosLike", _like_rule, lambda x, dtype=None: np.zeros(np.shape(x), dtype=(dtype.np_dtype if dtype else np.asarray(x).dtype)),
       grad=lambda op, g: [None])
define("OnesLike", _like_rule, lambda x, dtype=None: np.ones(np.shape(x), dtype=(dtype.np_dtype if dtype else np.asarray(x).dtype)),
       grad=lambda op, g: [None])


def zeros_like(tensor, dtype=None, name=None, optimize=True) -> Tensor:
    """`tf.zeros_like`."""
    x = convert_to_tensor(tensor)
    attrs = {"dtype": dtypes.as_dtype(dtype).base_dtype} if dtype is not None else {}
    return make1("ZerosLike", [x], attrs, name=name or "zeros_like")


def ones_like(tensor, dtype=None, name=None, optimize=True) -> Tensor:
    """`tf.ones_like`."""
    x = convert_to_tensor(tensor)
    attrs = {"dtype": dtypes.as_dtype(dtype).base_dtype} if dtype is not None else {}
    return make1("OnesLike", [x], attrs, name=name or "ones_like")
