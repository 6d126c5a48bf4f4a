"""TF1's partition, stitch, search, bitcast and histogram ops (`tf.dynamic_partition`,
`tf.dynamic_stitch`, `tf.repeat`, `tf.searchsorted`, `tf.unravel_index`, `tf.bitcast`, ...)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import array_ops, math_ops
from .array_ops import _dynamic_stitch_kernel, _dynamic_stitch_rule
from .op_util import check_dtype_in, const_value, make, make1

# parallel_dynamic_stitch is public here but not in __all__: TF 2.21's tf.compat.v1 has no such name
__all__ = ["dynamic_partition", "dynamic_stitch", "batch_gather", "repeat", "searchsorted",
           "unravel_index", "bitcast", "histogram_fixed_width", "histogram_fixed_width_bins"]


# --- DynamicPartition / stitching ------------------------------------------------------------------
def _partition_rule(inputs, attrs):
    data, parts = inputs[0]._shape, inputs[1]._shape
    dt = inputs[0]._dtype.base_dtype
    n = attrs["num_partitions"]
    if data.ndims is None or parts.ndims is None:
        return [(dt, unknown_shape())] * n
    if parts.ndims > data.ndims or not data[:parts.ndims].is_compatible_with(parts):
        raise ValueError("Dimensions of 'partitions' %s must be a prefix of the shape of 'data' %s "
                         "for 'DynamicPartition'" % (parts, data))
    return [(dt, TensorShape([None]).concatenate(data[parts.ndims:]))] * n


def _partition_kernel(data, partitions, num_partitions):
    bad = (partitions < 0) | (partitions >= num_partitions)
    if np.any(bad):
        raise errors.InvalidArgumentError(
            None, None, "partitions[%d] = %d is not in [0, %d)" % (
                int(np.flatnonzero(bad.ravel())[0]), int(partitions.ravel()[bad.ravel()][0]),
                num_partitions))
    parts = tuple(data[partitions == p] for p in range(num_partitions))
    return parts if num_partitions > 1 else parts[0]   # the executor takes one output bare


def _partition_grad(op, *grads):
    """Scatter each partition's gradient back to the positions it came from (as TF)."""
    data, partitions = op.inputs
    n = op.get_attr("num_partitions")
    original = array_ops.reshape(
        math_ops.range(math_ops.reduce_prod(array_ops.shape(partitions))),
        array_ops.shape(partitions))
    pieces = dynamic_partition(original, partitions, n)
    grads = [g if g is not None else array_ops.zeros_like(out) for g, out in zip(grads, op.outputs)]
    stitched = parallel_dynamic_stitch(pieces, grads)
    return [array_ops.reshape(stitched, array_ops.shape(data)), None]


define("DynamicPartition", _partition_rule, _partition_kernel, grad=_partition_grad)


def dynamic_partition(data, partitions, num_partitions: int, name=None) -> list:
    """`tf.dynamic_partition`: split `data` into `num_partitions` tensors by `partitions`."""
    data = convert_to_tensor(data, name="data")
    partitions = convert_to_tensor(partitions, name="partitions")
    check_dtype_in("DynamicPartition", partitions, (dtypes.int32,), "partitions")
    if int(num_partitions) < 1:
        raise ValueError("num_partitions must be at least 1, got %d" % num_partitions)
    op = make("DynamicPartition", [data, partitions], {"num_partitions": int(num_partitions)},
              name=name or "DynamicPartition")
    return list(op._outputs)


def stitch_grad(op, grad):
    """The gradient of (Parallel)DynamicStitch: each data input gets `grad` gathered at its
    indices; the indices get none."""
    n = op.get_attr("N")
    indices = [math_ops.cast(i, dtypes.int32) if i.dtype.base_dtype != dtypes.int32 else i
               for i in op.inputs[:n]]
    if not isinstance(grad, Tensor):
        grad = convert_to_tensor(grad)
    return [None] * n + [array_ops.gather(grad, i) for i in indices]


define("ParallelDynamicStitch", _dynamic_stitch_rule, _dynamic_stitch_kernel, grad=stitch_grad)


def _stitch_inputs(indices, data, op_type: str):
    if len(indices) != len(data) or not indices:
        raise ValueError("List argument 'indices' to '%s' Op with length %d must match length %d "
                         "of argument 'data'." % (op_type, len(indices), len(data)))
    idx = [convert_to_tensor(i, dtype=dtypes.int32) for i in indices]
    vals = [convert_to_tensor(d) for d in data]
    vals = [vals[0]] + [convert_to_tensor(d, dtype=vals[0].dtype.base_dtype) for d in data[1:]]
    return idx, vals


def dynamic_stitch(indices, data, name=None) -> Tensor:
    """`tf.dynamic_stitch`: one tensor holding `data[m][i]` at position `indices[m][i]` (a later
    entry wins for a repeated index)."""
    idx, vals = _stitch_inputs(list(indices), list(data), "DynamicStitch")
    return make1("DynamicStitch", idx + vals, {"N": len(idx)}, name=name or "DynamicStitch")


def parallel_dynamic_stitch(indices, data, name=None) -> Tensor:
    """`tf.raw_ops.ParallelDynamicStitch`: `dynamic_stitch` whose repeated indices may take any of
    their values (here: the last, as `dynamic_stitch`)."""
    idx, vals = _stitch_inputs(list(indices), list(data), "ParallelDynamicStitch")
    return make1("ParallelDynamicStitch", idx + vals, {"N": len(idx)},
                 name=name or "ParallelDynamicStitch")


# --- gathers and repeats ---------------------------------------------------------------------------
def batch_gather(params, indices, name=None) -> Tensor:
    """`tf.batch_gather` (deprecated in TF): gather along the axis after the leading dimensions
    `params` and `indices` share, i.e. `tf.gather(..., batch_dims=rank(indices) - 1)`."""
    with name_scope(name, "BatchGather", [params, indices]):
        params = convert_to_tensor(params, name="params")
        indices = convert_to_tensor(indices, name="indices")
        ndims = indices.shape.ndims
        if ndims is None:
            raise ValueError("batch_gather does not allow indices with unknown shape.")
        return array_ops.gather(params, indices, batch_dims=max(ndims - 1, 0))


def repeat(input, repeats, axis=None, name=None) -> Tensor:  # noqa: A002 - TF's argument name
    """`tf.repeat`: each element (or slice along `axis`) of `input` repeated `repeats` times;
    without `axis` the input is flattened first."""
    with name_scope(name, "Repeat", [input, repeats]):
        data = convert_to_tensor(input, name="input")
        repeats = math_ops.cast(convert_to_tensor(repeats, name="repeats"), dtypes.int32)
        if axis is None:
            data = array_ops.reshape(data, [-1])
            axis = 0
        ndims = data.shape.ndims
        if ndims is None:
            raise ValueError("tf.repeat needs an input of known rank.")
        axis = int(axis) + ndims if int(axis) < 0 else int(axis)
        if not 0 <= axis < max(ndims, 1):
            raise ValueError("axis %d is out of range for an input of rank %d" % (axis, ndims))
        if repeats.shape.ndims == 0:
            expanded = array_ops.expand_dims(data, axis + 1)
            multiples = [1] * (axis + 1) + [repeats] + [1] * (ndims - axis - 1)
            tiled = array_ops.tile(expanded, array_ops.stack(multiples))
            scale = array_ops.stack([1] * axis + [repeats] + [1] * (ndims - axis - 1))
            out = array_ops.reshape(tiled, array_ops.shape(data) * scale)
            static = data.shape.as_list()
            count = const_value(repeats)
            static[axis] = None if static[axis] is None or count is None else static[axis] * int(count)
            out.set_shape(static)
            return out
        repeats = array_ops.broadcast_to(repeats, array_ops.shape(data)[axis:axis + 1])
        max_repeat = math_ops.maximum(math_ops.reduce_max(repeats), 0)
        mask = array_ops.sequence_mask(repeats, max_repeat)
        expanded = array_ops.expand_dims(data, axis + 1)
        multiples = [1] * (axis + 1) + [max_repeat] + [1] * (ndims - axis - 1)
        tiled = array_ops.tile(expanded, array_ops.stack(multiples))
        return array_ops.boolean_mask(tiled, mask, axis=axis)


# --- LowerBound / UpperBound -----------------------------------------------------------------------
def _bound_rule(inputs, attrs):
    s, v = inputs[0]._shape, inputs[1]._shape
    for t in (s, v):
        if t.ndims is not None and t.ndims != 2:
            raise ValueError("Shape must be rank 2 but is rank %d" % t.ndims)
    if s.ndims == 2 and v.ndims == 2 and not s[:1].is_compatible_with(v[:1]):
        raise ValueError("Dimensions must be equal, but are %s and %s" % (s[0], v[0]))
    return [(attrs["out_type"], v)]


def _bound_kernel(side: str):
    def kernel(sorted_inputs, values, out_type):
        if sorted_inputs.shape[0] != values.shape[0]:
            raise errors.InvalidArgumentError(
                None, None, "Leading dim_size of both tensors must match.")
        out = np.empty(values.shape, dtype=out_type.np_dtype)
        for row in range(values.shape[0]):
            out[row] = np.searchsorted(sorted_inputs[row], values[row], side=side)
        return out
    return kernel


define("LowerBound", _bound_rule, _bound_kernel("left"), differentiable=False)
define("UpperBound", _bound_rule, _bound_kernel("right"), differentiable=False)


def searchsorted(sorted_sequence, values, side: str = "left", out_type=dtypes.int32,
                 name=None) -> Tensor:
    """`tf.searchsorted`: for each value, the index in the innermost sorted sequence where it would
    be inserted (`side="left"`: first such index; `"right"`: last), batched over leading dims."""
    if side not in ("left", "right"):
        raise ValueError("Argument 'side' should be either 'right' or 'left'")
    out_type = dtypes.as_dtype(out_type)
    seq = convert_to_tensor(sorted_sequence, name="sorted_sequence")
    vals = convert_to_tensor(values, name="values", dtype=seq.dtype.base_dtype)
    seq_2d = array_ops.reshape(seq, array_ops.stack([-1, array_ops.shape(seq)[-1]]))
    vals_2d = array_ops.reshape(vals, array_ops.stack([-1, array_ops.shape(vals)[-1]]))
    op_type = "LowerBound" if side == "left" else "UpperBound"
    out = make1(op_type, [seq_2d, vals_2d], {"out_type": out_type}, name=name or op_type)
    result = array_ops.reshape(out, array_ops.shape(vals))
    result.set_shape(vals.shape)
    return result


# --- UnravelIndex, Bitcast ------------------------------------------------------------------------
def _unravel_rule(inputs, attrs):
    idx, dims = inputs[0]._shape, inputs[1]._shape
    if dims.ndims is not None and dims.ndims != 1:
        raise ValueError("Shape must be rank 1 but is rank %d for 'UnravelIndex'" % dims.ndims)
    if idx.ndims is not None and idx.ndims > 1:
        raise ValueError("Shape must be at most rank 1 but is rank %d for 'UnravelIndex'"
                         % idx.ndims)
    n = dims[0] if dims.ndims == 1 else None
    dt = inputs[0]._dtype.base_dtype
    if idx.ndims is None:
        return [(dt, unknown_shape())]
    return [(dt, TensorShape([n] + idx.as_list()))]


def _unravel_kernel(indices, dims):
    if np.any(dims <= 0) and indices.size:
        raise errors.InvalidArgumentError(None, None, "Input dims must be > 0, got %s" % dims)
    size = int(np.prod(dims))
    if np.any((indices < 0) | (indices >= size)):
        raise errors.InvalidArgumentError(
            None, None, "index is out of bound as with dims: all indices must be in [0, %d)" % size)
    return np.array(np.unravel_index(indices, tuple(int(d) for d in dims)), dtype=indices.dtype)


define("UnravelIndex", _unravel_rule, _unravel_kernel, differentiable=False)


def unravel_index(indices, dims, name=None) -> Tensor:
    """`tf.unravel_index`: the coordinates (one row per dimension) of flat `indices` in an array
    of shape `dims`."""
    indices = convert_to_tensor(indices, name="indices")
    check_dtype_in("UnravelIndex", indices, (dtypes.int32, dtypes.int64), "indices")
    dims = convert_to_tensor(dims, name="dims", dtype=indices.dtype.base_dtype)
    return make1("UnravelIndex", [indices, dims], name=name or "UnravelIndex")


def _bitcast_rule(inputs, attrs):
    x = inputs[0]
    src, dst = x._dtype.base_dtype, attrs["type"]
    shape = x._shape
    a, b = src.size, dst.size
    if a == b or shape.ndims is None:
        return [(dst, shape if a == b else unknown_shape())]
    if a > b:
        return [(dst, shape.concatenate([a // b]))]
    if shape.ndims == 0 or (shape[-1] is not None and shape[-1] != b // a):
        raise ValueError("Cannot bitcast from %s to %s: shape %s" % (src.name, dst.name, shape))
    return [(dst, shape[:-1])]


def _bitcast_kernel(x, type):  # noqa: A002 - TF's attr name
    dst = type.np_dtype
    a, b = x.dtype.itemsize, np.dtype(dst).itemsize
    if a < b and (x.ndim == 0 or x.shape[-1] != b // a):
        raise errors.InvalidArgumentError(
            None, None, "Cannot bitcast from %s to %s: shape %s" % (x.dtype, dst, list(x.shape)))
    flat = np.ascontiguousarray(x).view(dst)
    if a > b:
        return flat.reshape(x.shape + (a // b,))
    return flat.reshape(x.shape[:-1] if a < b else x.shape).copy()


define("Bitcast", _bitcast_rule, _bitcast_kernel, differentiable=False)


def bitcast(input, type, name=None) -> Tensor:  # noqa: A002 - TF's argument names
    """`tf.bitcast`: reinterpret the bytes of `input` as `type`, adding or removing an innermost
    dimension when the element sizes differ."""
    x = convert_to_tensor(input, name="input")
    dst = dtypes.as_dtype(type)
    allowed = (dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int64,
               dtypes.int32, dtypes.uint8, dtypes.uint16, dtypes.uint32, dtypes.uint64, dtypes.int8,
               dtypes.int16, dtypes.complex64, dtypes.complex128)
    check_dtype_in("Bitcast", x, allowed, "input")
    if dst not in allowed:
        raise TypeError("Value passed to parameter 'type' has DataType %s not in list of allowed "
                        "values" % dst.name)
    return make1("Bitcast", [x], {"type": dst}, name=name or "Bitcast")


# --- histograms --------------------------------------------------------------------------------
def _histogram_rule(inputs, attrs):
    n = const_value(inputs[2])
    return [(attrs["dtype"], TensorShape([None if n is None else int(n)]))]


def _histogram_kernel(values, value_range, nbins, dtype):
    nbins = int(nbins)
    if nbins <= 0:
        raise errors.InvalidArgumentError(None, None, "nbins should be a positive number, but got "
                                          "'%d'" % nbins)
    lo, hi = value_range[0], value_range[1]
    if not lo < hi:
        raise errors.InvalidArgumentError(None, None, "value_range should satisfy value_range[0] < "
                                          "value_range[1], but got '[%s, %s]'" % (lo, hi))
    bins = _bin_indices(np.reshape(values, [-1]), lo, hi, nbins)
    return np.bincount(bins, minlength=nbins).astype(dtype.np_dtype)


def _bin_indices(values, lo, hi, nbins):
    scaled = (values - lo) / (hi - lo) * nbins
    return np.clip(np.floor(scaled), 0, nbins - 1).astype(np.int64)


define("HistogramFixedWidth", _histogram_rule, _histogram_kernel, differentiable=False)


def histogram_fixed_width(values, value_range, nbins=100, dtype=dtypes.int32, name=None) -> Tensor:
    """`tf.histogram_fixed_width`: counts of `values` in `nbins` equal bins spanning `value_range`;
    values outside the range fall in the first or last bin."""
    with name_scope(name, "histogram_fixed_width", [values, value_range, nbins]) as scope:
        values = convert_to_tensor(values, name="values")
        value_range = convert_to_tensor(value_range, dtype=values.dtype.base_dtype,
                                        name="value_range")
        nbins = convert_to_tensor(nbins, dtype=dtypes.int32, name="nbins")
        return make1("HistogramFixedWidth", [values, value_range, nbins],
                     {"dtype": dtypes.as_dtype(dtype)}, name=scope)


def histogram_fixed_width_bins(values, value_range, nbins=100, dtype=dtypes.int32,
                               name=None) -> Tensor:
    """`tf.histogram_fixed_width_bins`: the bin index of each of `values` (same shape), bins as in
    `histogram_fixed_width`."""
    with name_scope(name, "histogram_fixed_width_bins", [values, value_range, nbins]):
        values = convert_to_tensor(values, name="values")
        shape = array_ops.shape(values)
        flat = array_ops.reshape(values, [-1])
        value_range = convert_to_tensor(value_range, dtype=values.dtype.base_dtype,
                                        name="value_range")
        nbins = convert_to_tensor(nbins, dtype=dtypes.int32, name="nbins")
        nbins_float = math_ops.cast(nbins, values.dtype.base_dtype)
        scaled = math_ops.truediv(flat - value_range[0], value_range[1] - value_range[0],
                                  name="scaled_values")
        indices = math_ops.floor(nbins_float * scaled, name="bit_indices")
        from .clip_ops import clip_by_value
        indices = clip_by_value(math_ops.cast(indices, dtypes.int32), 0, nbins - 1)
        out = array_ops.reshape(indices, shape)
        out.set_shape(values.shape)
        return out
