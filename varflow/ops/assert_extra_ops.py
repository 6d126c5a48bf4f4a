"""The remaining TF1 check ops: `tf.assert_near`, `tf.assert_integer`, `tf.assert_rank_in`,
`tf.assert_same_float_dtype`, `tf.assert_proper_iterable` (built like logging_ops' asserts)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import Operation, Tensor, convert_to_tensor, name_scope
from ..framework.sparse_tensor import SparseTensor
from . import array_ops, math_ops
from .control_flow_ops import no_op
from .logging_ops import Assert, _static_value, assert_type

__all__ = ["assert_near", "assert_integer", "assert_rank_in", "assert_same_float_dtype",
           "assert_proper_iterable"]


def _prefix(message) -> str:
    return "%s.  " % message if message else ""


def assert_near(x, y, rtol=None, atol=None, data=None, summarize=None, message=None,
                name=None) -> Operation:
    """`tf.debugging.assert_near`: |x - y| < atol + rtol * |y| element-wise (always a run-time
    check, as in TF); tolerances default to 10 * eps of the dtype."""
    with name_scope(name, "assert_near", [x, y, rtol, atol, data]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        real = x.dtype.base_dtype.real_dtype if x.dtype.is_complex else x.dtype.base_dtype
        eps = np.finfo(real.np_dtype).eps   # ValueError "not inexact" for integers, as TF
        rtol = convert_to_tensor(10 * eps if rtol is None else rtol, name="rtol", dtype=real)
        atol = convert_to_tensor(10 * eps if atol is None else atol, name="atol", dtype=real)
        if data is None:
            data = [_prefix(message),
                    "x and y not equal to tolerance rtol = %s, atol = %s" % (rtol, atol),
                    "x (%s) = " % x.name, x, "y (%s) = " % y.name, y]
        tol = atol + rtol * math_ops.abs(y)
        diff = math_ops.abs(x - y)
        condition = math_ops.reduce_all(math_ops.less(diff, tol))
        return Assert(condition, data, summarize=summarize)


def assert_integer(x, message=None, name=None) -> Operation:
    """`tf.debugging.assert_integer`: TypeError at build time unless `x` has an integer dtype."""
    with name_scope(name, "assert_integer", [x]):
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_integer:
            raise TypeError('%sExpected "x" to be integer type.  Found: %s of dtype %s'
                            % (_prefix(message), x.name, x.dtype.base_dtype))
        return no_op("statically_determined_was_integer")


def assert_rank_in(x, ranks, message=None, name=None) -> Operation:
    """`tf.debugging.assert_rank_in`: the rank of `x` is one of `ranks`; ValueError at build time
    when both are known statically, else an Assert op."""
    ranks = tuple(ranks)
    with name_scope(name, "assert_rank_in", (x,) + ranks):
        x = convert_to_tensor(x, name="x")
        rank_ts = tuple(convert_to_tensor(r, name="rank") for r in ranks)
        for r in rank_ts:
            assert_type(r, dtypes.int32)
        message = _prefix(message)
        shape = array_ops.shape(x)
        values = [_static_value(r) for r in rank_ts]
        if x.shape.ndims is not None and all(v is not None for v in values):
            for v in values:
                if v.ndim != 0:
                    raise ValueError("Rank must be a scalar.")
            wanted = tuple(int(v) for v in values)
            if x.shape.ndims not in wanted:
                raise ValueError("%sTensor %s must have rank in %s.  Received rank %d, shape %s"
                                 % (message, x.name, wanted, x.shape.ndims, x.shape))
            return no_op(name="static_checks_determined_all_ok")
        actual = array_ops.rank(x)
        condition = math_ops.equal(actual, rank_ts[0])
        for r in rank_ts[1:]:
            condition = math_ops.logical_or(condition, math_ops.equal(actual, r))
        data = [message, "Tensor %s must have rank in" % x.name] + list(rank_ts) + \
            ["Received shape: ", shape]
        return Assert(condition, data)


def _same_base_type(items, expected=None):
    """The common base dtype of `items` (and `expected`); ValueError naming the first mismatch."""
    original = expected
    first = None
    for item in items:
        if item is None:
            continue
        item_type = item.dtype.base_dtype
        if expected is None:
            expected, first = item_type, item
        elif item_type != expected:
            raise ValueError("%s, type=%s, must be of the same type (%s)%s." % (
                getattr(item, "name", str(item)), item_type, expected,
                "" if original is not None else " as %s" % getattr(first, "name", str(first))))
    return expected


def assert_same_float_dtype(tensors=None, dtype=None):
    """`tf.debugging.assert_same_float_dtype`: the one float dtype of `tensors` (and `dtype`);
    float32 when there is none; ValueError for mixed or non-float dtypes."""
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype
    if tensors:
        dtype = _same_base_type(tensors, dtype)
    if dtype is None:
        return dtypes.float32
    if not dtype.is_floating:
        raise ValueError("Expected floating point type, got %s." % dtype)
    return dtype


def assert_proper_iterable(values) -> None:
    """`tf.debugging.assert_proper_iterable`: TypeError unless `values` is a Python iterable other
    than a tensor, an ndarray, a string or bytes."""
    if isinstance(values, (Tensor, SparseTensor, np.ndarray, str, bytes)):
        raise TypeError('Expected argument "values" to be a "proper" iterable.  Found: %s'
                        % type(values))
    if not hasattr(values, "__iter__"):
        raise TypeError('Expected argument "values" to be iterable.  Found: %s' % type(values))
