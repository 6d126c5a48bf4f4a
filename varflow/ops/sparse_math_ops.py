"""Sparse reductions and element-wise math: `tf.sparse.reduce_max`, `reduce_max_sparse`,
`reduce_sum_sparse`, `softmax`, `maximum` and `minimum` (and their TF1 `tf.sparse_*` spellings).

The op types are TensorFlow's (SparseReduceMax, SparseReduceMaxSparse, SparseReduceSumSparse,
SparseSoftmax, SparseSparseMaximum/Minimum, and SparseDenseCwiseAdd for the softmax gradient), each
defined once here with its NumPy kernel; the wrappers build the graph TF's wrappers build.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, control_dependencies, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.sparse_tensor import SparseTensor, SparseTensorValue
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import array_ops, math_ops, op_util
from .constant_op import constant
from .op_util import make, make1
from .sparse_ops import (_INT64, _as_is, _check_values_dtype, _dense_at_entries, _deprecated, _dim,
                         _dims, _invalid, _lex_order, _merge, _merged_rows, _reduce_axes, _reduce_rule,
                         _reduction_axes, _reduction_groups, _row_keys, sparse_reduce_sum)

__all__ = [
    "sparse_reduce_max", "sparse_reduce_max_sparse", "sparse_reduce_sum_sparse", "sparse_softmax",
    "sparse_maximum", "sparse_minimum", "sparse_bincount",
]

_REAL = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.uint8, dtypes.int16, dtypes.int8, dtypes.int64,
         dtypes.bfloat16, dtypes.uint16, dtypes.float16, dtypes.uint32, dtypes.uint64)
_SOFTMAX_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64)


def _check_entries(indices, values, shape) -> None:
    """The argument checks TF's SparseTensor-validating kernels make (with their words)."""
    if indices.ndim != 2:
        raise _invalid("Input indices should be a matrix but received shape %s" % list(indices.shape))
    if values.ndim != 1:
        raise _invalid("Input values should be a vector but received shape %s" % list(values.shape))
    if shape.ndim != 1:
        raise _invalid("Input shape should be a vector but received shape %s" % list(shape.shape))
    if indices.shape[0] != values.shape[0]:
        raise _invalid("indices and values rows (indexing dimension) must match. (indices = %d, values = %d)"
                       % (indices.shape[0], values.shape[0]))
    if indices.shape[1] != shape.shape[0]:
        raise _invalid("Index rank and shape rank must match. (indices = %d, shape = %d)"
                       % (indices.shape[1], shape.shape[0]))


def _check_axes_dtype(op_type: str, axes: Tensor) -> None:
    if axes._dtype.base_dtype is not dtypes.int32:
        raise TypeError("Input 'reduction_axes' of '%s' Op has type %s that does not match expected type of "
                        "int32." % (op_type, axes._dtype.base_dtype.name))


def _groups(indices, shape, axes, keep_dims):
    """Per entry, the row of its group's coordinates (the kept axes, zeros at reduced axes with
    `keep_dims`), and the output dense shape."""
    dims = [int(d) for d in shape]
    reduced = _reduce_axes(axes, len(dims))
    kept = [i for i in range(len(dims)) if i not in reduced]
    if keep_dims:
        coords = indices.astype(np.int64, copy=True)
        coords[:, sorted(reduced)] = 0
        out_shape = [1 if i in reduced else d for i, d in enumerate(dims)]
    else:
        coords = indices[:, kept].astype(np.int64)
        out_shape = [dims[i] for i in kept]
    return coords, np.array(out_shape, np.int64), kept


def _segment_reduce(values, keys, n: int, is_max: bool) -> np.ndarray:
    """Sums or maxima of `values` grouped by the int keys 0..n-1 (every key occurs)."""
    if not is_max:
        return _sum_by(values, keys, n)
    order = np.argsort(keys, kind="stable")
    starts = np.searchsorted(keys[order], np.arange(n))
    return np.maximum.reduceat(values[order], starts) if n else values[:0]


def _sum_by(values, keys, n: int) -> np.ndarray:
    out = np.zeros(n, values.dtype)
    np.add.at(out, keys, values)
    return out


# =================================================================================================
# SparseReduceMax (dense output)
# =================================================================================================
def _reduce_max_rule(inputs, attrs):
    op_util.check_dtype_in("SparseReduceMax", inputs[1], _REAL, "input_values")
    _check_axes_dtype("SparseReduceMax", inputs[3])
    return _reduce_rule(inputs, attrs)


def _reduce_max_kernel(input_indices, input_values, input_shape, reduction_axes, keep_dims=False):
    """The maximum of the entries of each group; groups without entries are 0 (as TF's kernel)."""
    _check_entries(input_indices, input_values, input_shape)
    flat, size, out_shape, kept_shape = _reduction_groups(input_indices, input_shape, reduction_axes,
                                                          len(input_values))
    out = np.zeros(size, dtype=input_values.dtype)
    present, keys = np.unique(flat, return_inverse=True)
    out[present] = _segment_reduce(input_values, keys.reshape(-1), present.size, True)
    return out.reshape(kept_shape if keep_dims else out_shape)


define("SparseReduceMax", _reduce_max_rule, _reduce_max_kernel)      # TF has no gradient (LookupError)


# =================================================================================================
# SparseReduceMaxSparse / SparseReduceSumSparse (sparse output)
# =================================================================================================
def _reduce_sparse_rule(op_type: str, allowed):
    def rule(inputs, attrs):
        op_util.check_dtype_in(op_type, inputs[1], allowed, "input_values")
        _check_axes_dtype(op_type, inputs[3])
        return [(_INT64, unknown_shape()), (inputs[1]._dtype.base_dtype, unknown_shape()),
                (_INT64, unknown_shape())]
    return rule


def _reduce_sparse_kernel(is_max: bool):
    def kernel(input_indices, input_values, input_shape, reduction_axes, keep_dims=False):
        """One entry per group that has entries, in row-major order (indices are not bounds-checked,
        as in TF)."""
        _check_entries(input_indices, input_values, input_shape)
        coords, out_shape, _ = _groups(input_indices, input_shape, reduction_axes, keep_dims)
        if coords.shape[0] == 0:
            return np.zeros((0, coords.shape[1]), np.int64), input_values[:0].copy(), out_shape
        (keys,) = _row_keys(coords)
        n = int(keys.max()) + 1
        first = np.zeros(n, np.int64)
        first[keys[::-1]] = np.arange(keys.size)[::-1]
        return coords[first], _segment_reduce(input_values, keys, n, is_max), out_shape
    return kernel


define("SparseReduceMaxSparse", _reduce_sparse_rule("SparseReduceMaxSparse", _REAL), _reduce_sparse_kernel(True))
define("SparseReduceSumSparse", _reduce_sparse_rule("SparseReduceSumSparse", op_util.NUMBERS),
       _reduce_sparse_kernel(False))      # neither has a gradient in TF (LookupError)


# =================================================================================================
# SparseSoftmax (+ SparseDenseCwiseAdd, which its gradient uses)
# =================================================================================================
def _softmax_rule(inputs, attrs):
    indices, values, _ = inputs
    op_util.check_dtype_in("SparseSoftmax", values, _SOFTMAX_TYPES, "sp_values")
    return [(values._dtype.base_dtype, TensorShape([_dim(values._shape, 0)]))]


def _softmax_kernel(sp_indices, sp_values, sp_shape):
    """Softmax over each run of entries sharing all but the last coordinate, computed in row-major
    order: the values come out sorted, whatever the order of the input (as TF's kernel)."""
    _check_entries(sp_indices, sp_values, sp_shape)
    if sp_shape.size < 2:
        raise _invalid("Input should have rank >= 2, but received shape: %s"
                       % " ".join(str(int(d)) for d in sp_shape))
    order = _lex_order(sp_indices)
    values = sp_values[order]
    if values.size == 0:
        return values.copy()
    (keys,) = _row_keys(sp_indices[order][:, :-1])
    n = int(keys.max()) + 1
    starts = np.searchsorted(keys, np.arange(n))
    shifted = values - np.maximum.reduceat(values, starts)[keys]
    e = np.exp(shifted)
    return (e / np.add.reduceat(e, starts)[keys]).astype(sp_values.dtype)


def _softmax_grad(op, grad):
    """TF's gradient: (grad - sum over the last axis of grad * softmax) * softmax, the row sums
    formed with SparseReduceSum and added back with SparseDenseCwiseAdd."""
    indices, _, shape = op._inputs
    out = op._outputs[0]
    product = out * grad
    row_sums = math_ops.negative(sparse_reduce_sum(SparseTensor(indices, product, shape), [-1], keepdims=True))
    shifted = make1("SparseDenseCwiseAdd", [indices, grad, shape, row_sums], name="SparseDenseCwiseAdd")
    return [None, shifted * out, None]


define("SparseSoftmax", _softmax_rule, _softmax_kernel, grad=_softmax_grad)


def _cwise_add_rule(inputs, attrs):
    _, values, _, dense = inputs
    _check_values_dtype("SparseDenseCwiseAdd", values, dense, "sp_values", "dense")
    return [(values._dtype.base_dtype, TensorShape([_dim(values._shape, 0)]))]


def _cwise_add_grad(op, grad):
    """TF registers a gradient for SparseDenseCwiseAdd that refuses with NotImplementedError (so a
    second derivative of sparse softmax fails); the same error class here."""
    raise NotImplementedError("Gradient for SparseDenseCwiseAdd is not implemented in TensorFlow either "
                              "(op '%s')." % op._name)


define("SparseDenseCwiseAdd", _cwise_add_rule,
       lambda sp_indices, sp_values, sp_shape, dense: sp_values + _dense_at_entries(sp_indices, sp_shape, dense),
       grad=_cwise_add_grad)


# =================================================================================================
# SparseSparseMaximum / SparseSparseMinimum
# =================================================================================================
def _sparse_sparse_rule(op_type: str):
    def rule(inputs, attrs):
        _check_values_dtype(op_type, inputs[1], inputs[4], "a_values", "b_values")
        op_util.check_dtype_in(op_type, inputs[1], _REAL, "a_values")
        return [(_INT64, TensorShape([None, None])), (inputs[1]._dtype.base_dtype, TensorShape([None]))]
    return rule


def _check_pair(indices, values, shape) -> None:
    if indices.ndim != 2 or values.ndim != 1 or shape.ndim != 1:
        raise _invalid("Inputs must be a matrix of indices and vectors of values and shape")
    if indices.shape[0] != values.shape[0]:
        raise _invalid("Number of elements in indices (%d) and values (%d) do not match"
                       % (indices.shape[0], values.shape[0]))
    if indices.shape[1] != shape.shape[0]:
        raise _invalid("Index rank (%d) and shape rank (%d) do not match" % (indices.shape[1], shape.shape[0]))


def _check_bounds(indices, shape) -> None:
    bad = np.nonzero(np.any((indices < 0) | (indices >= shape), axis=1))[0]
    if bad.size:
        i = int(bad[0])
        raise _invalid("Sparse index tuple indices[%d, :] = %s is out of bounds"
                       % (i, _dims(indices[i]).replace(",", ", ")))


def _sparse_sparse_kernel(pick):
    def kernel(a_indices, a_values, a_shape, b_indices, b_values, b_shape):
        """Walk both index lists in step (as TF's kernel, which assumes them sorted); an entry on one
        side only meets an implicit zero."""
        _check_pair(a_indices, a_values, a_shape)
        _check_pair(b_indices, b_values, b_shape)
        if a_shape.shape != b_shape.shape:
            raise _invalid("Operands do not have the same ranks; got shapes: %s and %s"
                           % (" ".join(map(str, a_shape.tolist())), " ".join(map(str, b_shape.tolist()))))
        for i, (x, y) in enumerate(zip(a_shape.tolist(), b_shape.tolist())):
            if x != y:
                raise _invalid("Operands' shapes do not match: got %d and %d for dimension %d" % (x, y, i))
        _check_bounds(a_indices, a_shape)
        _check_bounds(b_indices, b_shape)
        src_a, src_b = _merge(a_indices, b_indices)
        zero = np.zeros(src_a.size, a_values.dtype)
        left = np.where(src_a >= 0, a_values[np.maximum(src_a, 0)] if a_values.size else zero, zero)
        right = np.where(src_b >= 0, b_values[np.maximum(src_b, 0)] if b_values.size else zero, zero)
        return _merged_rows(a_indices, b_indices, src_a, src_b), pick(left, right).astype(a_values.dtype)
    return kernel


def _no_sparse_sparse_grad(op, *grads):
    raise TypeError("Gradient for %s is not implemented (TensorFlow's raises TypeError too)." % op._type)


define("SparseSparseMaximum", _sparse_sparse_rule("SparseSparseMaximum"), _sparse_sparse_kernel(np.maximum),
       grad=_no_sparse_sparse_grad)
define("SparseSparseMinimum", _sparse_sparse_rule("SparseSparseMinimum"), _sparse_sparse_kernel(np.minimum),
       grad=_no_sparse_sparse_grad)


# =================================================================================================
# Public functions
# =================================================================================================
def _reduce(op_type: str, sp_input, axis, keepdims, reduction_axes, keep_dims):
    """The three reductions; as in TF the input is not converted (a dense Tensor fails on `.indices`)."""
    keepdims = _deprecated(keepdims, "keepdims", keep_dims, "keep_dims")
    axis = _deprecated(axis, "axis", reduction_axes, "reduction_axes")
    indices, values, shape = sp_input.indices, sp_input.values, sp_input.dense_shape
    if isinstance(values, Tensor):      # TF refuses the values' dtype before converting the axes
        op_util.check_dtype_in(op_type, values, _REAL if "Max" in op_type else op_util.NUMBERS, "input_values")
    if axis is None and isinstance(sp_input, SparseTensorValue):
        axis = constant(np.arange(np.size(sp_input.dense_shape), dtype=np.int32))
    axes = _reduction_axes(sp_input, axis)
    return array_ops._wrapped_op(
        op_type, None,
        [("input_indices", indices, _as_is), ("input_values", values, _as_is), ("input_shape", shape, _as_is),
         ("reduction_axes", axes, _axes_input)],
        {"keep_dims": bool(keepdims)})._outputs


def _axes_input(value, arg):
    return value if isinstance(value, Tensor) else convert_to_tensor(value, dtype=dtypes.int32, name=arg)


def sparse_reduce_max(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None) -> Tensor:
    """`tf.sparse.reduce_max`: the dense maximum of the entries over `axis` (all axes by default);
    positions with no entries are 0.

    >>> tf.sparse.reduce_max(tf.SparseTensor([[0, 0], [1, 1]], [-1., 3.], [2, 2]), 1)  # [-1., 3.]
    """
    return _reduce("SparseReduceMax", sp_input, axis, keepdims, reduction_axes, keep_dims)[0]


def sparse_reduce_max_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None,
                             keep_dims=None) -> SparseTensor:
    """`tf.sparse.reduce_max_sparse`: the maxima as a SparseTensor, one entry per group with entries."""
    out = _reduce("SparseReduceMaxSparse", sp_input, axis, keepdims, reduction_axes, keep_dims)
    return SparseTensor(out[0], out[1], out[2])


def sparse_reduce_sum_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None,
                             keep_dims=None) -> SparseTensor:
    """`tf.sparse.reduce_sum_sparse`: the sums as a SparseTensor, one entry per group with entries
    (a sum of 0 stays an entry)."""
    out = _reduce("SparseReduceSumSparse", sp_input, axis, keepdims, reduction_axes, keep_dims)
    return SparseTensor(out[0], out[1], out[2])


def sparse_softmax(sp_input, name=None) -> SparseTensor:
    """`tf.sparse.softmax`: softmax over the entries of each innermost row (missing entries do not
    take part), with the input's indices and dense shape."""
    with name_scope(name, "SparseSoftmax", [sp_input.indices, sp_input.values]):
        values = array_ops._wrapped_op(
            "SparseSoftmax", "SparseSoftmax",
            [("sp_indices", sp_input.indices, _as_is), ("sp_values", sp_input.values, _as_is),
             ("sp_shape", sp_input.dense_shape, _as_is)])._outputs[0]
        return SparseTensor(sp_input.indices, values, sp_input.dense_shape)


def _sparse_sparse(op_type: str, sp_a, sp_b, name) -> SparseTensor:
    """As in TF the inputs are not converted: a dense Tensor fails on `.indices` (AttributeError)."""
    with name_scope(name, op_type, [sp_a.indices, sp_a.values, sp_b.indices, sp_b.values]) as scope:
        indices, values = array_ops._wrapped_op(
            op_type, scope,
            [("a_indices", sp_a.indices, _as_is), ("a_values", sp_a.values, _as_is),
             ("a_shape", sp_a.dense_shape, _as_is), ("b_indices", sp_b.indices, _as_is),
             ("b_values", sp_b.values, _as_is), ("b_shape", sp_b.dense_shape, _as_is)])._outputs
    return SparseTensor(indices, values, sp_a.dense_shape)


def sparse_maximum(sp_a, sp_b, name=None) -> SparseTensor:
    """`tf.sparse.maximum`: the element-wise maximum of two SparseTensors of the same shape (an
    entry present on one side only is compared with 0). Indices must be sorted."""
    return _sparse_sparse("SparseSparseMaximum", sp_a, sp_b, name)


def sparse_minimum(sp_a, sp_b, name=None) -> SparseTensor:
    """`tf.sparse.minimum`: the element-wise minimum of two SparseTensors of the same shape."""
    return _sparse_sparse("SparseSparseMinimum", sp_a, sp_b, name)


# =================================================================================================
# tf.sparse.bincount: DenseCountSparseOutput / SparseCountSparseOutput
# =================================================================================================
_COUNT_VALUE_TYPES = (dtypes.int32, dtypes.int64)
_COUNT_WEIGHT_TYPES = (dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64)


def _count_rule(op_type: str, values_at: int):
    def rule(inputs, attrs):
        values, weights = inputs[values_at], inputs[-1]
        op_util.check_dtype_in(op_type, values, _COUNT_VALUE_TYPES, "values")
        op_util.check_dtype_in(op_type, weights, _COUNT_WEIGHT_TYPES, "weights")
        if op_type == "DenseCountSparseOutput":
            rank = values._shape.ndims
            ws = weights._shape
            if rank is not None and ws.ndims is not None and ws.num_elements() != 0:
                if ws.ndims != rank or not ws.is_compatible_with(values._shape):
                    bad = next((i for i in range(min(rank, ws.ndims)) if not ws[i:i + 1].is_compatible_with(
                        values._shape[i:i + 1])), 0)
                    raise ValueError("Dimension %d in both shapes must be equal, but are %s and %s. Shapes are %s "
                                     "and %s." % (bad, ws.as_list()[bad], values._shape.as_list()[bad],
                                                  _shape_str(ws), _shape_str(values._shape)))
        else:
            rank = _dim(inputs[2]._shape, 0)
        return [(_INT64, TensorShape([None, rank])), (attrs["output_type"], TensorShape([None])),
                (_INT64, TensorShape([rank]))]
    return rule


def _shape_str(shape: TensorShape) -> str:
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def _count(batch, values, weights, num_batches, minlength, maxlength, binary_output, output_type):
    """Counts (or weight sums) of each value per batch row; `batch` None for one unbatched row."""
    if values.size and values.min() < 0:
        raise _invalid("Input values must all be non-negative")
    if maxlength >= 0:
        width = maxlength
    else:
        width = max(int(values.max()) + 1 if values.size else 1, minlength)
    keep = values < width if maxlength >= 0 else np.ones(values.shape, bool)
    rows = np.zeros(values.shape, np.int64) if batch is None else batch.astype(np.int64)
    rows, cols = rows[keep], values[keep].astype(np.int64)
    amounts = np.ones(cols.shape, output_type) if weights is None else weights[keep]
    keys = rows * max(width, 1) + cols
    unique, inverse = np.unique(keys, return_inverse=True)
    sums = np.zeros(unique.shape, output_type)
    np.add.at(sums, inverse.reshape(-1), amounts)
    if binary_output:
        sums = np.ones(unique.shape, output_type)
    out_rows, out_cols = np.divmod(unique, max(width, 1))
    if batch is None:
        return out_cols.reshape(-1, 1), sums, np.array([width], np.int64)
    return np.stack([out_rows, out_cols], 1).astype(np.int64), sums, np.array([num_batches, width], np.int64)


def _dense_count_kernel(values, weights, minlength, maxlength, binary_output, output_type, T=None):
    if values.ndim not in (1, 2):
        raise _invalid("Input must be a 1 or 2-dimensional tensor. Got: %s" % _dims(values.shape))
    use_weights = weights.size > 0
    if use_weights and weights.shape != values.shape:
        raise _invalid("Weights and values must have the same shape. Weight shape: %s; values shape: %s"
                       % (_dims(weights.shape), _dims(values.shape)))
    out_type = output_type.np_dtype
    if values.ndim == 1:
        return _count(None, values, weights if use_weights else None, 1, minlength, maxlength, binary_output,
                      out_type)
    batch = np.repeat(np.arange(values.shape[0]), values.shape[1])
    return _count(batch, values.reshape(-1), weights.reshape(-1) if use_weights else None, values.shape[0],
                  minlength, maxlength, binary_output, out_type)


def _sparse_count_kernel(indices, values, dense_shape, weights, minlength, maxlength, binary_output,
                         output_type, T=None):
    use_weights = weights.size > 0
    if use_weights and weights.shape != values.shape:
        raise _invalid("Weights and values must have the same shape. Weight shape: %s; values shape: %s"
                       % (_dims(weights.shape), _dims(values.shape)))
    bad = np.argwhere((indices < 0) | (indices >= dense_shape))
    if bad.size:
        i, d = (int(x) for x in bad[0])
        raise _invalid("Invalid index value at %d: dimension %d has value %d which is not in [0, %d) (as given "
                       "by dense shape %s)" % (i, d, indices[i, d], dense_shape[d], _dims(dense_shape)))
    out_type = output_type.np_dtype
    w = weights if use_weights else None
    if dense_shape.size == 1:
        return _count(None, values, w, 1, minlength, maxlength, binary_output, out_type)
    return _count(indices[:, 0], values, w, int(dense_shape[0]), minlength, maxlength, binary_output, out_type)


define("DenseCountSparseOutput", _count_rule("DenseCountSparseOutput", 0), _dense_count_kernel,
       differentiable=False)
define("SparseCountSparseOutput", _count_rule("SparseCountSparseOutput", 1), _sparse_count_kernel,
       differentiable=False)


def _length_attr(value, arg: str, op_type: str) -> int:
    if value is None:
        return -1
    if isinstance(value, Tensor) or not isinstance(value, (int, np.integer)) or isinstance(value, bool):
        raise TypeError("Expected int for argument '%s' not %r." % (arg, value))
    if value < -1:
        raise ValueError("Attr '%s' of '%s' Op passed %d less than minimum -1." % (arg, op_type, value))
    return int(value)


def sparse_bincount(values, weights=None, axis=0, minlength=None, maxlength=None, binary_output: bool = False,
                    name=None) -> SparseTensor:
    """`tf.sparse.bincount`: how often each non-negative int value occurs (or the sum of its
    `weights`, or 1 with `binary_output`) as a SparseTensor; per row with `axis=-1`, over all
    values with `axis=0`. `maxlength` fixes the last dimension (larger values are dropped)."""
    from ..framework.sparse_tensor import is_sparse
    from . import logging_ops

    with name_scope(name, "count", [values, weights]):
        sparse_in = is_sparse(values)
        if not sparse_in:
            values = values if isinstance(values, Tensor) else convert_to_tensor(values, name="values")
        if weights is not None:
            if binary_output:
                raise ValueError("Arguments `binary_output` and `weights` are mutually exclusive. Please specify "
                                 "only one.")
            if not is_sparse(weights) and not isinstance(weights, Tensor):
                weights = convert_to_tensor(weights, name="weights")
        if axis is None:
            axis = 0
        if axis not in (0, -1):
            raise ValueError("Unsupported value for argument axis=%s. Only 0 and -1 are currently supported." % axis)
        op_type = "SparseCountSparseOutput" if sparse_in and axis == -1 else "DenseCountSparseOutput"
        attrs = {"minlength": _length_attr(minlength, "minlength", op_type),
                 "maxlength": _length_attr(maxlength, "maxlength", op_type),
                 "binary_output": bool(binary_output)}
        if sparse_in:
            if weights is not None:
                if not is_sparse(weights):
                    raise ValueError("Argument `weights` must be a SparseTensor if `values` is a SparseTensor. "
                                     "Received weights=%s of type: %s" % (weights, type(weights).__name__))
                checks = [logging_ops.assert_equal(weights.dense_shape, values.dense_shape,
                                                   message="'weights' and 'values' must have the same dense shape."),
                          logging_ops.assert_equal(weights.indices, values.indices,
                                                   message="'weights' and 'values' must have the same indices.")]
                with control_dependencies(checks):
                    weights = array_ops.identity(weights.values)
            else:
                weights = constant([], dtype=values.values._dtype.base_dtype)
            attrs["output_type"] = weights._dtype.base_dtype
            if axis == 0:
                inputs = [values.values, weights]
            else:
                inputs = [values.indices, values.values, values.dense_shape, weights]
        else:
            if axis == 0:
                if weights is not None:
                    weights = array_ops.reshape(weights, [-1])
                values = array_ops.reshape(values, [-1])
            if weights is None:
                weights = constant([], dtype=values._dtype.base_dtype)
            attrs["output_type"] = weights._dtype.base_dtype
            inputs = [values, weights]
        attrs["T"] = inputs[-3 if op_type == "SparseCountSparseOutput" else 0]._dtype.base_dtype
        out = make(op_type, inputs, attrs, name=op_type)._outputs
        return SparseTensor(out[0], out[1], out[2])
