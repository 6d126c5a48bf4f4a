"""Rearrangements between space, depth and batch: `tf.nn.depth_to_space`, `space_to_depth`,
`tf.space_to_batch_nd`, `batch_to_space_nd`, `space_to_batch`, `batch_to_space`.

Ops DepthToSpace, SpaceToDepth, SpaceToBatchND and BatchToSpaceND; each is a pad or crop plus one
reshape-transpose-reshape, and each op's gradient is the other op of its pair. Depth of a
DepthToSpace input is ordered (block row, block column, channel) in NHWC and NCHW alike. TF's CPU
kernels refuse NCHW for DepthToSpace/SpaceToDepth (its GPU kernels run it); varflow runs it.
The legacy `space_to_batch`/`batch_to_space` build the ND ops with an int64 [b, b] block shape, as
TF 2.21 does.
"""
from __future__ import annotations

import math

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import op_util
from .op_util import make1

__all__ = ["depth_to_space", "space_to_depth", "space_to_batch_nd", "batch_to_space_nd",
           "space_to_batch", "batch_to_space"]

_FORMATS = ("NHWC", "NCHW", "NCHW_VECT_C")
_INDEX_TYPES = (dtypes.int32, dtypes.int64)


def _array():
    from . import array_ops
    return array_ops


def _bad(msg: str):
    return errors.InvalidArgumentError(None, None, msg)


# =================================================================================================
# DepthToSpace / SpaceToDepth
# =================================================================================================
def _check_block_attrs(op_type: str, attrs) -> None:
    if attrs["block_size"] < 2:
        raise ValueError("Attr 'block_size' of '%s' Op passed %d less than minimum 2."
                         % (op_type, attrs["block_size"]))
    if attrs["data_format"] not in _FORMATS:
        raise ValueError("Attr 'data_format' of '%s' Op passed string '%s' not in: \"NHWC\", "
                         "\"NCHW\", \"NCHW_VECT_C\"." % (op_type, attrs["data_format"]))


def _divisible(value, by: int, what: str = "Dimension size"):
    if value is not None and value % by:
        raise ValueError("%s must be evenly divisible by %d but is %d" % (what, by, value))


def _depth_space_rule(op_type: str, to_space: bool):
    def rule(inputs, attrs):
        x = inputs[0]
        _check_block_attrs(op_type, attrs)
        b, fmt = attrs["block_size"], attrs["data_format"]
        rank = 5 if fmt == "NCHW_VECT_C" else 4
        if x._shape.ndims is None:
            return [(x._dtype.base_dtype, unknown_shape(rank))]
        if x._shape.ndims != rank:
            raise ValueError("Shape must be rank %d but is rank %d for '%s' with input shapes: %s."
                             % (rank, x._shape.ndims, op_type, x._shape))
        if fmt == "NCHW_VECT_C":
            raise ValueError("%s: data_format NCHW_VECT_C (int8 vectors) is not supported by "
                             "varflow; use NHWC or NCHW." % op_type)
        dims = x._shape.as_list()
        n, h, w, c = dims if fmt == "NHWC" else (dims[0], dims[2], dims[3], dims[1])
        if to_space:
            _divisible(c, b * b)
            h, w = (None if h is None else h * b), (None if w is None else w * b)
            c = None if c is None else c // (b * b)
        else:
            _divisible(h, b)
            _divisible(w, b)
            h, w = (None if h is None else h // b), (None if w is None else w // b)
            c = None if c is None else c * b * b
        out = [n, h, w, c] if fmt == "NHWC" else [n, c, h, w]
        return [(x._dtype.base_dtype, TensorShape(out))]
    return rule


def _nhwc(x, fmt):
    return x if fmt == "NHWC" else np.transpose(x, (0, 2, 3, 1))


def _from_nhwc(x, fmt):
    return x if fmt == "NHWC" else np.transpose(x, (0, 3, 1, 2))


def _check_rank4(op_type, x):
    if x.ndim != 4:
        raise _bad("%s: Input rank should be: 4 instead of: %d" % (op_type, x.ndim))


def _depth_to_space_kernel(x, block_size=2, data_format="NHWC"):
    _check_rank4("DepthToSpace", x)
    b = block_size
    n, h, w, c = _nhwc(x, data_format).shape
    if c % (b * b):
        raise _bad("DepthToSpace: Input depth dimension %d should be divisible by: %d" % (c, b * b))
    y = np.reshape(_nhwc(x, data_format), (n, h, w, b, b, c // (b * b)))
    y = np.transpose(y, (0, 1, 3, 2, 4, 5)).reshape(n, h * b, w * b, c // (b * b))
    return np.ascontiguousarray(_from_nhwc(y, data_format))


def _space_to_depth_kernel(x, block_size=2, data_format="NHWC"):
    _check_rank4("SpaceToDepth", x)
    b = block_size
    n, h, w, c = _nhwc(x, data_format).shape
    if h % b or w % b:
        raise _bad("SpaceToDepth: Image width %d and height %d should be divisible by "
                   "block_size: %d" % (w, h, b))
    y = np.reshape(_nhwc(x, data_format), (n, h // b, b, w // b, b, c))
    y = np.transpose(y, (0, 1, 3, 2, 4, 5)).reshape(n, h // b, w // b, b * b * c)
    return np.ascontiguousarray(_from_nhwc(y, data_format))


def _depth_space_grad(other: str):
    def grad(op, g):
        attrs = {k: op._attrs[k] for k in ("block_size", "data_format")}
        return [make1(other, [g], attrs)]
    return grad


define("DepthToSpace", _depth_space_rule("DepthToSpace", True), _depth_to_space_kernel,
       grad=_depth_space_grad("SpaceToDepth"))
define("SpaceToDepth", _depth_space_rule("SpaceToDepth", False), _space_to_depth_kernel,
       grad=_depth_space_grad("DepthToSpace"))


def _block_op(op_type, input, block_size, name, data_format):  # noqa: A002
    x = convert_to_tensor(input, name="input")
    attrs = {"block_size": int(block_size), "data_format": data_format or "NHWC"}
    return make1(op_type, [x], attrs, name=name or op_type)


def depth_to_space(input, block_size: int, name=None, data_format: str = "NHWC") -> Tensor:  # noqa: A002
    """`tf.nn.depth_to_space`: moves blocks of depth into block_size x block_size spatial tiles."""
    return _block_op("DepthToSpace", input, block_size, name, data_format)


def space_to_depth(input, block_size: int, name=None, data_format: str = "NHWC") -> Tensor:  # noqa: A002
    """`tf.nn.space_to_depth`: moves block_size x block_size spatial tiles into depth."""
    return _block_op("SpaceToDepth", input, block_size, name, data_format)


# =================================================================================================
# SpaceToBatchND / BatchToSpaceND
# =================================================================================================
def _nd_static(op_type: str, x: Tensor, block: Tensor, pads: Tensor, pads_name: str):
    """(M, block values or None, pad/crop pairs or None), with TF's build-time checks."""
    for arg, t in (("block_shape", block), (pads_name, pads)):
        op_util.check_dtype_in(op_type, t, _INDEX_TYPES, arg)
    if block._shape.ndims is not None and block._shape.ndims != 1:
        raise ValueError("block_shape must have rank 1. for '%s' with input shapes: %s, %s, %s."
                         % (op_type, x._shape, block._shape, pads._shape))
    if pads._shape.ndims is not None and pads._shape.ndims != 2:
        raise ValueError("Shape must be rank 2 but is rank %d for '%s' (%s %s)"
                         % (pads._shape.ndims, op_type, pads_name, pads._shape))
    m = block._shape[0] if block._shape.ndims == 1 else None
    pm = pads._shape[0] if pads._shape.ndims == 2 else None
    if m is not None and pm is not None and m != pm:
        raise ValueError("Dimension 0 in both shapes must be equal, but are %d and %d. Shapes are "
                         "[%d,2] and [%d]. for '%s'" % (pm, m, pm, m, op_type))
    if pads._shape.ndims == 2 and pads._shape[1] not in (None, 2):
        raise ValueError("Dimension 1 in both shapes must be equal, but are %d and 2 for '%s' (%s "
                         "must be [M, 2])" % (pads._shape[1], op_type, pads_name))
    m = m if m is not None else pm
    if m is not None and x._shape.ndims is not None and x._shape.ndims < m + 1:
        raise ValueError("Shape must be at least rank %d but is rank %d for '%s' with input "
                         "shapes: %s." % (m + 1, x._shape.ndims, op_type, x._shape))
    bv, pv = op_util.shape_value(block), op_util.shape_value(pads)
    bv = None if bv is None else [int(v) for v in np.reshape(bv, [-1])]
    pv = None if pv is None else np.reshape(np.asarray(pv, np.int64), [-1, 2]).tolist()
    if bv is not None and any(v < 1 for v in bv):
        raise ValueError("block_shape must be positive for '%s' with block_shape %s" % (op_type, bv))
    if pv is not None and any(v < 0 for p in pv for v in p):
        raise ValueError("%s cannot be negative for '%s' with %s %s"
                         % (pads_name, op_type, pads_name, pv))
    return m, bv, pv


def _space_to_batch_rule(inputs, attrs):
    x, block, pads = inputs
    m, bv, pv = _nd_static("SpaceToBatchND", x, block, pads, "paddings")
    dt = x._dtype.base_dtype
    if x._shape.ndims is None or m is None:
        return [(dt, unknown_shape())]
    dims = x._shape.as_list()
    out = [None] * len(dims)
    out[m + 1:] = dims[m + 1:]
    if bv is not None:
        out[0] = None if dims[0] is None else dims[0] * math.prod(bv)
        if pv is not None:
            for i in range(m):
                d = dims[i + 1]
                if d is not None:
                    padded = d + pv[i][0] + pv[i][1]
                    _divisible(padded, bv[i])
                    out[i + 1] = padded // bv[i]
    return [(dt, TensorShape(out))]


def _batch_to_space_rule(inputs, attrs):
    x, block, crops = inputs
    m, bv, cv = _nd_static("BatchToSpaceND", x, block, crops, "crops")
    dt = x._dtype.base_dtype
    if x._shape.ndims is None or m is None:
        return [(dt, unknown_shape())]
    dims = x._shape.as_list()
    out = [None] * len(dims)
    out[m + 1:] = dims[m + 1:]
    if bv is not None:
        prod = math.prod(bv)
        _divisible(dims[0], prod)
        out[0] = None if dims[0] is None else dims[0] // prod
        if cv is not None:
            for i in range(m):
                d = dims[i + 1]
                if d is not None:
                    size = d * bv[i] - cv[i][0] - cv[i][1]
                    if size < 0:
                        raise ValueError("Negative dimension size caused by cropping %s from %d "
                                         "for 'BatchToSpaceND'" % (cv[i], d * bv[i]))
                    out[i + 1] = size
    return [(dt, TensorShape(out))]


def _run_args(op_type, x, block, pads, pads_name):
    block = np.reshape(np.asarray(block), [-1]).astype(np.int64)
    pads = np.asarray(pads).astype(np.int64)
    m = block.size
    if pads.shape != (m, 2):
        raise _bad("%s: %s should have shape [%d, 2] instead of %s"
                   % (op_type, pads_name, m, list(pads.shape)))
    if x.ndim < m + 1:
        raise _bad("%s: input rank should be >= %d instead of %d" % (op_type, m + 1, x.ndim))
    if np.any(block < 1):
        raise _bad("%s: All values in block_shape must be positive, got value, %s"
                   % (op_type, block.tolist()))
    if np.any(pads < 0):
        raise _bad("%s: All %s must be non-negative, got %s" % (op_type, pads_name, pads.tolist()))
    return [int(b) for b in block], pads.tolist()


def _space_to_batch_kernel(x, block, pads):
    bs, pads = _run_args("SpaceToBatchND", x, block, pads, "paddings")
    m = len(bs)
    xp = np.pad(x, [(0, 0)] + [tuple(p) for p in pads] + [(0, 0)] * (x.ndim - m - 1))
    shape = [xp.shape[0]]
    for i, b in enumerate(bs):
        if xp.shape[i + 1] % b:
            raise _bad("SpaceToBatchND: padded_shape[%d]=%d is not divisible by block_shape[%d]=%d"
                       % (i, xp.shape[i + 1], i, b))
        shape += [xp.shape[i + 1] // b, b]
    rest = list(xp.shape[m + 1:])
    y = xp.reshape(shape + rest)
    perm = ([2 + 2 * i for i in range(m)] + [0] + [1 + 2 * i for i in range(m)]
            + list(range(1 + 2 * m, 1 + 2 * m + len(rest))))
    out = [xp.shape[0] * math.prod(bs)] + shape[1::2][:m] + rest
    return np.ascontiguousarray(np.transpose(y, perm)).reshape(out)


def _batch_to_space_kernel(x, block, crops):
    bs, crops = _run_args("BatchToSpaceND", x, block, crops, "crops")
    m, prod = len(bs), math.prod(bs)
    if x.shape[0] % prod:
        raise _bad("BatchToSpaceND: Input batch dimension (%d) is not divisible by product of "
                   "block sizes (%d)" % (x.shape[0], prod))
    batch, spatial, rest = x.shape[0] // prod, list(x.shape[1:m + 1]), list(x.shape[m + 1:])
    y = x.reshape(bs + [batch] + spatial + rest)
    perm = [m] + [p for i in range(m) for p in (m + 1 + i, i)] + list(range(2 * m + 1, y.ndim))
    y = np.transpose(y, perm).reshape([batch] + [d * b for d, b in zip(spatial, bs)] + rest)
    index = [slice(None)]
    for i, (d, b) in enumerate(zip(spatial, bs)):
        start, end = crops[i]
        if start + end > d * b:
            raise _bad("BatchToSpaceND: crops must be non-negative and not exceed the block "
                       "expanded size, got crops %s for size %d" % (crops[i], d * b))
        index.append(slice(start, d * b - end))
    return np.ascontiguousarray(y[tuple(index)])


def _space_to_batch_grad(op, g):
    return [make1("BatchToSpaceND", [g, op._inputs[1], op._inputs[2]]), None, None]


def _batch_to_space_grad(op, g):
    return [make1("SpaceToBatchND", [g, op._inputs[1], op._inputs[2]]), None, None]


define("SpaceToBatchND", _space_to_batch_rule, _space_to_batch_kernel, grad=_space_to_batch_grad)
define("BatchToSpaceND", _batch_to_space_rule, _batch_to_space_kernel, grad=_batch_to_space_grad)


def _nd_op(op_type, input, block_shape, pads, pads_name, name):  # noqa: A002
    a = _array()
    return a._wrapped_op(op_type, name, [("input", input, a._as_input),
                                         ("block_shape", block_shape, a._int_tensor),
                                         (pads_name, pads, a._int_tensor)])._outputs[0]


def space_to_batch_nd(input, block_shape, paddings, name=None) -> Tensor:  # noqa: A002
    """`tf.space_to_batch_nd`: zero-pads M spatial dimensions, then moves block_shape tiles of them
    into the batch dimension (output batch = batch * prod(block_shape))."""
    return _nd_op("SpaceToBatchND", input, block_shape, paddings, "paddings", name)


def batch_to_space_nd(input, block_shape, crops, name=None) -> Tensor:  # noqa: A002
    """`tf.batch_to_space_nd`: the inverse of space_to_batch_nd, then crops the spatial dims."""
    return _nd_op("BatchToSpaceND", input, block_shape, crops, "crops", name)


def _square_block(block_size, block_shape, fn: str) -> np.ndarray:
    size = op_util.legacy_kwarg(block_size, "block_size", block_shape, "block_shape")
    if size is None:
        raise TypeError("%s() missing required argument 'block_size'" % fn)
    return np.array([int(size)] * 2, np.int64)


def _with_rank4(t: Tensor) -> Tensor:
    if t._shape.ndims is not None and t._shape.ndims != 4:
        raise ValueError("Shape %s must have rank 4" % (t._shape,))
    return t


def space_to_batch(input, paddings, block_size=None, name=None, block_shape=None) -> Tensor:  # noqa: A002
    """`tf.space_to_batch` (`tf.nn.space_to_batch`): space_to_batch_nd of the 2 spatial dims of an
    NHWC tensor with a square block."""
    block = _square_block(block_size, block_shape, "space_to_batch")
    return _with_rank4(space_to_batch_nd(input, block, paddings, name=name))


def batch_to_space(input, crops, block_size=None, name=None, block_shape=None) -> Tensor:  # noqa: A002
    """`tf.batch_to_space`: batch_to_space_nd of the 2 spatial dims with a square block."""
    block = _square_block(block_size, block_shape, "batch_to_space")
    return _with_rank4(batch_to_space_nd(input, block, crops, name=name))
