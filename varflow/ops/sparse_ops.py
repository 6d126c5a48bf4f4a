"""Sparse ops: `tf.sparse.*` and the TF1 `tf.sparse_*` functions on `tf.SparseTensor`.

Each op type is TensorFlow's (SparseToDense, SparseTensorDenseMatMul, SparseReduceSum, SparseReorder,
SparseReshape, SparseAdd, SparseTensorDenseAdd, SparseConcat, SparseSlice, SparseSplit,
SparseFillEmptyRows, SparseDenseCwiseMul/Div, SparseSegmentSum/Mean/SqrtN and the gradient ops),
defined once here with its NumPy kernel and gradient; the Python functions build the graph TF's
wrappers build (op names, the Consts of Python arguments, the static shapes they set).

Indices are int64 and compared lexicographically (row-major order), as TF's kernels compare them.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.sparse_tensor import (SparseTensor, SparseTensorValue, convert_to_tensor_or_sparse_tensor,
                                       is_sparse)
from ..framework.tensor_shape import TensorShape, as_shape, unknown_shape
from . import array_ops, math_ops, op_util
from .constant_op import constant
from .op_util import make, make1

__all__ = [
    "sparse_placeholder", "sparse_tensor_to_dense", "sparse_to_dense", "sparse_tensor_dense_matmul",
    "sparse_reduce_sum", "sparse_reorder", "sparse_reshape", "sparse_add", "sparse_concat",
    "sparse_retain", "sparse_slice", "sparse_split", "sparse_transpose", "sparse_fill_empty_rows",
    "sparse_segment_sum", "sparse_segment_mean", "sparse_segment_sqrt_n",
    "convert_to_tensor_or_sparse_tensor",
]

_INT64 = dtypes.int64


def _invalid(message: str) -> errors.InvalidArgumentError:
    return errors.InvalidArgumentError(None, None, message)


def _dims(values) -> str:
    return "[" + ",".join(str(int(v)) for v in np.reshape(values, [-1])) + "]"


# =================================================================================================
# Index helpers (kernels)
# =================================================================================================
def _lex_order(indices: np.ndarray) -> np.ndarray:
    """The stable permutation that puts the rows of `indices` in row-major (lexicographic) order."""
    if indices.shape[0] < 2 or indices.shape[1] == 0:
        return np.arange(indices.shape[0])
    return np.lexsort(indices.T[::-1])


def _row_keys(*arrays) -> list:
    """Dense int64 ranks of the rows of each [n, rank] array, one order over all of them: equal
    rows get equal keys and keys compare as the rows do lexicographically."""
    sizes = [a.shape[0] for a in arrays]
    rows = np.concatenate(arrays, axis=0) if arrays else np.zeros((0, 0), np.int64)
    n = rows.shape[0]
    if n == 0:
        return [np.zeros(0, np.int64) for _ in arrays]
    order = _lex_order(rows)
    srt = rows[order]
    new = np.ones(n, dtype=bool)
    if rows.shape[1]:
        new[1:] = np.any(srt[1:] != srt[:-1], axis=1)
    else:
        new[1:] = False
    ranks = np.empty(n, np.int64)
    ranks[order] = np.cumsum(new) - 1
    out, start = [], 0
    for s in sizes:
        out.append(ranks[start:start + s])
        start += s
    return out


def _consecutive_cmp(indices: np.ndarray) -> np.ndarray:
    """For i >= 1, the sign of comparing row i with row i - 1 lexicographically (-1, 0, 1)."""
    if indices.shape[0] < 2:
        return np.zeros(0, np.int64)
    diff = np.sign(indices[1:] - indices[:-1])
    if diff.shape[1] == 0:
        return np.zeros(diff.shape[0], np.int64)
    nz = diff != 0
    first = np.argmax(nz, axis=1)
    out = diff[np.arange(diff.shape[0]), first]
    out[~nz.any(axis=1)] = 0
    return out


def _linear(indices: np.ndarray, shape) -> np.ndarray:
    """Row-major linear positions of `indices` in a tensor of `shape` (no bounds check)."""
    strides = np.ones(len(shape), np.int64)
    for i in range(len(shape) - 2, -1, -1):
        strides[i] = strides[i + 1] * int(shape[i + 1])
    return indices.astype(np.int64) @ strides if len(shape) else np.zeros(indices.shape[0], np.int64)


def _unravel(linear: np.ndarray, shape) -> np.ndarray:
    out = np.empty((linear.shape[0], len(shape)), np.int64)
    rest = linear.astype(np.int64)
    for i in range(len(shape) - 1, -1, -1):
        d = int(shape[i])
        if d:
            out[:, i] = rest % d
            rest = rest // d
        else:
            out[:, i] = 0
    return out


def _merge(a_idx: np.ndarray, b_idx: np.ndarray) -> tuple:
    """TF's merge of two index lists (as SparseAdd walks them): (src_a, src_b) per output entry,
    -1 where the entry comes from one side only; equal indices pair up."""
    ka, kb = _row_keys(a_idx, b_idx)
    na, nb = ka.size, kb.size
    if np.all(ka[1:] >= ka[:-1]) and np.all(kb[1:] >= kb[:-1]):
        # sorted inputs: the r-th occurrence of a row in a pairs with its r-th occurrence in b
        occ_a = np.arange(na) - np.searchsorted(ka, ka, "left")
        occ_b = np.arange(nb) - np.searchsorted(kb, kb, "left")
        width = int(max(occ_a.max(initial=0), occ_b.max(initial=0))) + 1
        ca, cb = ka * width + occ_a, kb * width + occ_b
        merged = np.union1d(ca, cb)
        src_a = np.full(merged.size, -1, np.int64)
        src_b = np.full(merged.size, -1, np.int64)
        src_a[np.searchsorted(merged, ca)] = np.arange(na)
        src_b[np.searchsorted(merged, cb)] = np.arange(nb)
        return src_a, src_b
    out_a, out_b = [], []
    i = j = 0
    ka_l, kb_l = ka.tolist(), kb.tolist()
    while i < na and j < nb:
        if ka_l[i] < kb_l[j]:
            out_a.append(i)
            out_b.append(-1)
            i += 1
        elif ka_l[i] == kb_l[j]:
            out_a.append(i)
            out_b.append(j)
            i += 1
            j += 1
        else:
            out_a.append(-1)
            out_b.append(j)
            j += 1
    out_a.extend(range(i, na))
    out_b.extend([-1] * (na - i))
    out_a.extend([-1] * (nb - j))
    out_b.extend(range(j, nb))
    return np.array(out_a, np.int64), np.array(out_b, np.int64)


def _match_subsequence(seq_keys: np.ndarray, sub_keys: np.ndarray) -> np.ndarray:
    """Positions in `seq_keys` matched in order by the entries of `sub_keys` (a subsequence of
    equal keys, matched greedily as TF's gradient kernels walk them); -1 where none matches."""
    if seq_keys.size and np.all(seq_keys[1:] > seq_keys[:-1]):
        pos = np.searchsorted(seq_keys, sub_keys)
        ok = (pos < seq_keys.size)
        ok[ok] = seq_keys[pos[ok]] == sub_keys[ok]
        return np.where(ok, pos, -1)
    out = np.full(sub_keys.size, -1, np.int64)
    k = 0
    sub = sub_keys.tolist()
    for i, key in enumerate(seq_keys.tolist()):
        if k < len(sub) and key == sub[k]:
            out[k] = i
            k += 1
    return out


def _scatter_add(out: np.ndarray, index, values) -> np.ndarray:
    np.add.at(out, index, values)
    return out


def _check_sparse_args(indices, values, shape, what: str = "input") -> None:
    if indices.ndim != 2:
        raise _invalid("%s_indices should be a matrix, got shape %s" % (what, list(indices.shape)))
    if values.ndim != 1:
        raise _invalid("%s_values should be a vector, got shape %s" % (what, list(values.shape)))
    if shape.ndim != 1:
        raise _invalid("%s_shape should be a vector, got shape %s" % (what, list(shape.shape)))
    if indices.shape[0] != values.shape[0]:
        raise _invalid("Number of elements of %s_indices (%d) and %s_values (%d) differ"
                       % (what, indices.shape[0], what, values.shape[0]))
    if indices.shape[1] != shape.shape[0]:
        raise _invalid("%s_indices has %d columns but %s_shape has %d elements"
                       % (what, indices.shape[1], what, shape.shape[0]))


# =================================================================================================
# Output rules (infer)
# =================================================================================================
def _dim(shape: TensorShape, i: int):
    if shape.ndims is None or shape.ndims <= i:
        return None
    d = shape[i]
    return None if d is None else int(d)


def _static_shape(t: Tensor) -> TensorShape:
    """The static shape a 1-D shape tensor stands for (TF's MakeShapeFromShapeTensor)."""
    if t._shape.ndims is None:
        return unknown_shape()
    return array_ops._shape_from_tensor(t)


def _vec(n) -> TensorShape:
    return TensorShape([n])


def _check_values_dtype(op_type: str, a: Tensor, b: Tensor, a_name: str, b_name: str) -> None:
    if a._dtype.base_dtype is not b._dtype.base_dtype:
        raise TypeError("Input '%s' of '%s' Op has type %s that does not match type %s of argument "
                        "'%s'." % (b_name, op_type, b._dtype.base_dtype.name, a._dtype.base_dtype.name,
                                   a_name))


def _rank2(shape: TensorShape, op_type: str, what: str) -> None:
    if shape.ndims is not None and shape.ndims != 2:
        raise ValueError("Shape must be rank 2 but is rank %d for '%s' (%s)" % (shape.ndims, op_type, what))


# =================================================================================================
# SparseToDense
# =================================================================================================
def _sparse_to_dense_rule(inputs, attrs):
    indices, output_shape, values, default = inputs
    _check_values_dtype("SparseToDense", values, default, "sparse_values", "default_value")
    return [(values._dtype.base_dtype, _static_shape(output_shape))]


def _sparse_to_dense_kernel(sparse_indices, output_shape, sparse_values, default_value,
                            validate_indices=True):
    idx = np.asarray(sparse_indices)
    if idx.ndim > 2:
        raise _invalid("sparse_indices should be a scalar, vector, or matrix, got shape %s"
                       % list(idx.shape))
    num_elems = idx.shape[0] if idx.ndim > 0 else 1
    num_dims = idx.shape[1] if idx.ndim > 1 else 1
    shape = np.asarray(output_shape)
    if shape.ndim > 1:
        raise _invalid("output_shape should be a scalar or vector, got shape %s" % list(shape.shape))
    shape = shape.reshape(-1)
    if np.any(shape < 0):
        raise _invalid("output_shape has a negative dimension: %s" % _dims(shape))
    if shape.size != num_dims:
        raise _invalid("output_shape has incorrect number of elements: %d should be: %d"
                       % (shape.size, num_dims))
    values = np.asarray(sparse_values)
    if values.ndim != 0 and values.shape != (num_elems,):
        raise _invalid("sparse_values has incorrect shape %s, should be [] or [%d]"
                       % (list(values.shape), num_elems))
    if np.ndim(default_value) != 0:
        raise _invalid("default_value should be a scalar.")
    idx = idx.reshape(num_elems, num_dims).astype(np.int64)
    bad = np.nonzero(np.any((idx < 0) | (idx >= shape), axis=1))[0] if num_elems else []
    first_bad = int(bad[0]) if len(bad) else num_elems
    if validate_indices:
        cmp = _consecutive_cmp(idx)
        wrong = np.nonzero(cmp <= 0)[0]
        first_order = int(wrong[0]) + 1 if wrong.size else num_elems
        if first_order < first_bad:
            row = _dims(idx[first_order]).replace(" ", "")
            if cmp[first_order - 1] == 0:
                raise _invalid("indices[%d] = %s is repeated" % (first_order, row))
            raise _invalid("indices[%d] = %s is out of order. Many sparse ops require sorted indices.\n"
                           "    Use `tf.sparse.reorder` to create a correctly ordered copy.\n\n"
                           % (first_order, row))
    if first_bad < num_elems:
        raise _invalid("indices[%d] = %s is out of bounds: need 0 <= index < %s"
                       % (first_bad, _dims(idx[first_bad]), _dims(shape)))
    out = np.full(tuple(int(d) for d in shape), default_value, dtype=values.dtype)
    out[tuple(idx.T)] = values
    return out


def _sparse_to_dense_grad(op, grad):
    indices = op._inputs[0]
    values_grad = array_ops.gather_nd(grad, indices)
    default_grad = math_ops.reduce_sum(grad) - math_ops.reduce_sum(values_grad)
    return [array_ops.zeros_like(indices), array_ops.zeros_like(op._inputs[1]), values_grad, default_grad]


define("SparseToDense", _sparse_to_dense_rule, _sparse_to_dense_kernel, grad=_sparse_to_dense_grad)


# =================================================================================================
# SparseTensorDenseMatMul
# =================================================================================================
def _matmul_rule(inputs, attrs):
    a_indices, a_values, a_shape, b = inputs
    _check_values_dtype("SparseTensorDenseMatMul", a_values, b, "a_values", "b")
    adj_a, adj_b = attrs.get("adjoint_a", False), attrs.get("adjoint_b", False)
    _rank2(b._shape, "SparseTensorDenseMatMul", "b")
    a_static = _static_shape(a_shape)
    _rank2(a_static, "SparseTensorDenseMatMul", "a_shape")
    rows = _dim(a_static, 1 if adj_a else 0)
    inner_a = _dim(a_static, 0 if adj_a else 1)
    inner_b = _dim(b._shape, 1 if adj_b else 0)
    cols = _dim(b._shape, 0 if adj_b else 1)
    if inner_a is not None and inner_b is not None and inner_a != inner_b:
        raise ValueError("Dimensions must be equal, but are %d and %d for "
                         "'SparseTensorDenseMatMul' (a inner dimension vs b inner dimension)"
                         % (inner_a, inner_b))
    return [(a_values._dtype.base_dtype, TensorShape([rows, cols]))]


def _matmul_kernel(a_indices, a_values, a_shape, b, adjoint_a=False, adjoint_b=False):
    if b.ndim != 2:
        raise _invalid("Tensor 'b' is not a matrix")
    if np.size(a_shape) != 2:
        raise _invalid("Tensor 'a_shape' is not a vector of length 2")
    nnz = a_values.shape[0]
    if a_indices.ndim != 2 or a_indices.shape[0] != nnz or a_indices.shape[1] != 2:
        raise _invalid("Tensor 'a_indices' is not a matrix of %d rows and 2 columns" % nnz)
    bm = np.conj(b.T) if adjoint_b else b
    rows_out, inner = (int(a_shape[1]), int(a_shape[0])) if adjoint_a else (int(a_shape[0]), int(a_shape[1]))
    if inner != bm.shape[0]:
        raise _invalid("Cannot multiply A and B because inner dimension does not match: %d vs. %d.  "
                       "Did you forget a transpose?  Dimensions of A: [%d, %d).  Dimensions of B: "
                       "[%d,%d]" % (inner, bm.shape[0], int(a_shape[0]), int(a_shape[1]),
                                    b.shape[0], b.shape[1]))
    rcol, kcol = (1, 0) if adjoint_a else (0, 1)
    rows, ks = a_indices[:, rcol], a_indices[:, kcol]
    bad_m = (rows < 0) | (rows >= rows_out)
    bad_k = (ks < 0) | (ks >= inner)
    bad = np.nonzero(bad_m | bad_k)[0]
    if bad.size:
        i = int(bad[0])
        if bad_m[i]:
            raise _invalid("m (%d) from index[%d,%d] out of bounds (>=%d)" % (rows[i], i, rcol, rows_out))
        raise _invalid("k (%d) from index[%d,%d] out of bounds (>=%d)" % (ks[i], i, kcol, inner))
    values = np.conj(a_values) if adjoint_a else a_values
    out = np.zeros((rows_out, bm.shape[1]), dtype=np.result_type(a_values, b))
    return _scatter_add(out, rows, values[:, None] * bm[ks])


def _matmul_grad(op, grad):
    """TF's gradient: the dense operand's by another SparseTensorDenseMatMul, the values' as one
    dot product per entry (rows of the output gradient against rows of b)."""
    a_indices, a_values, a_shape, b = op._inputs
    adj_a, adj_b = op._attrs.get("adjoint_a", False), op._attrs.get("adjoint_b", False)
    b_grad = make1("SparseTensorDenseMatMul", [a_indices, a_values, a_shape, grad],
                   {"adjoint_a": not adj_a, "adjoint_b": False}, name="SparseTensorDenseMatMul")
    if adj_b:
        with name_scope(None, "matrix_transpose", [b_grad]):
            b_grad = array_ops.transpose(b_grad, [1, 0])
    rows = a_indices[:, 0]
    cols = a_indices[:, 1]
    parts_a = array_ops.gather(grad, cols if adj_a else rows)
    b_rows = array_ops.transpose(b) if adj_b else b
    parts_b = array_ops.gather(b_rows, rows if adj_a else cols)
    parts_a = array_ops.expand_dims(parts_a, -1 if adj_a else -2)
    parts_b = array_ops.expand_dims(parts_b, -2 if adj_a == adj_b else -1)
    dots = math_ops.matmul(parts_a, parts_b, adjoint_a=adj_a, adjoint_b=adj_a == adj_b)
    return [None, array_ops.squeeze(dots, [-2, -1]), None, b_grad]


define("SparseTensorDenseMatMul", _matmul_rule, _matmul_kernel, grad=_matmul_grad)


# =================================================================================================
# SparseReduceSum
# =================================================================================================
def _reduce_rule(inputs, attrs):
    indices, values, shape, axes = inputs
    keep = attrs.get("keep_dims", False)
    shape_v, axes_v = op_util.const_value(shape), op_util.const_value(axes)
    if shape_v is None or axes_v is None:
        return [(values._dtype.base_dtype, unknown_shape())]
    shape_v = [int(d) for d in np.reshape(shape_v, [-1])]
    rank = len(shape_v)
    reduced = set()
    for a in np.reshape(axes_v, [-1]).tolist():
        if not -rank <= a < rank:       # TF's shape rule leaves it to the kernel's error
            return [(values._dtype.base_dtype, unknown_shape())]
        reduced.add(a % rank)
    out = [1 if i in reduced else d for i, d in enumerate(shape_v)] if keep else \
        [d for i, d in enumerate(shape_v) if i not in reduced]
    return [(values._dtype.base_dtype, TensorShape(out))]


def _reduce_axes(axes, rank: int) -> set:
    out = set()
    for a in np.reshape(axes, [-1]).tolist():
        if not -rank <= a < rank:
            raise _invalid("Invalid reduction dimension %d, for input with %d dimensions." % (a, rank))
        out.add(int(a) % rank)
    return out


def _reduction_groups(input_indices, input_shape, reduction_axes, n_values: int) -> tuple:
    """A sparse reduction's groups: each entry's linear index into the kept dimensions, the number
    of groups, and the output shape without and with (as 1s) the reduced dimensions."""
    shape = [int(d) for d in input_shape]
    reduced = _reduce_axes(reduction_axes, len(shape))
    kept = [i for i in range(len(shape)) if i not in reduced]
    out_shape = [shape[i] for i in kept]
    size = int(np.prod(out_shape, dtype=np.int64))
    flat = _linear(input_indices[:, kept], out_shape) if kept else np.zeros(n_values, np.int64)
    bad = np.nonzero((flat < 0) | (flat >= size))[0]
    if bad.size:
        raise errors.InternalError(None, None, "Obtained a write index of %d which is outside of "
                                   "bounds of [0, %d)" % (flat[bad[0]], size))
    return flat, size, out_shape, [1 if i in reduced else d for i, d in enumerate(shape)]


def _reduce_kernel(input_indices, input_values, input_shape, reduction_axes, keep_dims=False):
    _check_sparse_args(input_indices, input_values, input_shape)
    flat, size, out_shape, kept_shape = _reduction_groups(input_indices, input_shape, reduction_axes,
                                                          len(input_values))
    out = _scatter_add(np.zeros(size, dtype=input_values.dtype), flat, input_values)
    return out.reshape(kept_shape if keep_dims else out_shape)


def _reduced_shape(shape: Tensor, axes: Tensor):
    """`shape` with the reduced axes set to 1: a Python list when both are static (as TF folds
    it), else built from TF ops."""
    shape_v, axes_v = op_util.const_value(shape), op_util.const_value(axes)
    if shape_v is not None and axes_v is not None:
        shape_v = [int(d) for d in np.reshape(shape_v, [-1])]
        rank = len(shape_v)
        reduced = {int(a) % rank for a in np.reshape(axes_v, [-1]).tolist()}
        return [1 if i in reduced else d for i, d in enumerate(shape_v)]
    shape32 = math_ops.cast(shape, dtypes.int32)
    rank = array_ops.size(shape32)
    axes32 = math_ops.floormod(math_ops.add(math_ops.cast(axes, dtypes.int32), rank), rank)
    hit = math_ops.equal(array_ops.expand_dims(math_ops.range(rank), 1),
                         array_ops.reshape(axes32, [1, -1]))
    return array_ops.where(math_ops.reduce_any(hit, 1), array_ops.ones_like(shape32), shape32)


def _reduce_grad(op, out_grad):
    """TF's gradient: the output gradient reshaped with the reduced axes kept, gathered at each
    entry's coordinates divided down to the kept ones."""
    indices, _, shape, axes = op._inputs
    kept_shape = _reduced_shape(shape, axes)
    grad = array_ops.reshape(out_grad, kept_shape)
    scale = math_ops.floordiv(shape, math_ops.cast(kept_shape, _INT64))
    return [None, array_ops.gather_nd(grad, math_ops.floordiv(indices, scale)), None, None]


define("SparseReduceSum", _reduce_rule, _reduce_kernel, grad=_reduce_grad)


# =================================================================================================
# SparseReorder
# =================================================================================================
def _reorder_rule(inputs, attrs):
    indices, values, _ = inputs
    return [(_INT64, indices._shape), (values._dtype.base_dtype, values._shape)]


def _reorder_kernel(input_indices, input_values, input_shape):
    _check_sparse_args(input_indices, input_values, input_shape)
    order = _lex_order(input_indices)
    return input_indices[order], input_values[order]


def _reorder_grad(op, unused_indices_grad, values_grad):
    """TF's gradient: reorder the entry numbers the same way and invert that permutation."""
    indices, _, shape = op._inputs
    num_entries = array_ops.shape(indices)[0]
    entries = math_ops.range(num_entries)
    ordered = sparse_reorder(SparseTensor(indices, entries, shape))
    inverted = array_ops.invert_permutation(ordered.values)
    return [None, array_ops.gather(values_grad, inverted), None]


define("SparseReorder", _reorder_rule, _reorder_kernel, grad=_reorder_grad)


# =================================================================================================
# SparseReshape
# =================================================================================================
def _reshape_rule(inputs, attrs):
    indices, _, new_shape = inputs
    rank = _dim(new_shape._shape, 0)
    return [(_INT64, TensorShape([_dim(indices._shape, 0), rank])), (_INT64, TensorShape([rank]))]


def _resolve_new_shape(in_shape, new_shape) -> np.ndarray:
    dense_size = int(np.prod(in_shape, dtype=np.int64))
    new = np.array(new_shape, dtype=np.int64).reshape(-1)
    unknown = np.nonzero(new == -1)[0]
    if unknown.size > 1:
        raise _invalid("only one output dimension may be -1, not both %d and %d"
                       % (unknown[0], unknown[1]))
    neg = np.nonzero(new < -1)[0]
    if neg.size:
        raise _invalid("size %d must be non-negative, not %d" % (neg[0], new[neg[0]]))
    product = int(np.prod(new[new != -1], dtype=np.int64))
    if unknown.size:
        if product <= 0 or dense_size % product:
            raise _invalid("Input to reshape is a SparseTensor with %d dense values, but the "
                           "requested shape requires a multiple of %d. input_shape=%s "
                           "output_shape=%s" % (dense_size, product, _dims(in_shape), _dims(new)))
        new[unknown[0]] = dense_size // product
    elif product != dense_size:
        raise _invalid("Input to reshape is a tensor with %d dense values, but the requested "
                       "shape has %d. input_shape=%s output_shape=%s"
                       % (dense_size, product, _dims(in_shape), _dims(new)))
    return new


def _reshape_kernel(input_indices, input_shape, new_shape):
    if input_indices.ndim != 2 or input_shape.ndim != 1 or new_shape.ndim != 1:
        raise _invalid("SparseReshape expects a matrix of indices and vectors of shapes")
    if input_indices.shape[1] != input_shape.shape[0]:
        raise _invalid("Input tensor rank must match input shape length.")
    new = _resolve_new_shape(input_shape, new_shape)
    return _unravel(_linear(input_indices, input_shape), new), new


define("SparseReshape", _reshape_rule, _reshape_kernel, differentiable=False)


# =================================================================================================
# SparseAdd (+ SparseAddGrad), SparseTensorDenseAdd
# =================================================================================================
def _add_rule(inputs, attrs):
    a_indices, a_values, a_shape, b_indices, b_values, b_shape, thresh = inputs
    _check_values_dtype("SparseAdd", a_values, b_values, "a_values", "b_values")
    rank = _dim(a_shape._shape, 0)
    dtype = a_values._dtype.base_dtype
    return [(_INT64, TensorShape([None, rank])), (dtype, TensorShape([None])), (_INT64, a_shape._shape)]


def _check_same_shapes(a_shape, b_shape) -> None:
    if a_shape.shape != b_shape.shape:
        raise _invalid("Operands do not have the same ranks; got shapes: %s and %s"
                       % (_dims(a_shape), _dims(b_shape)))
    for i, (x, y) in enumerate(zip(a_shape.tolist(), b_shape.tolist())):
        if x != y:
            raise _invalid("Operands' shapes do not match: got %d and %d for dimension %d" % (x, y, i))


def _merged_rows(a_indices, b_indices, src_a, src_b) -> np.ndarray:
    """The index rows of a merge (each from a where it has a side there, else from b)."""
    has_a = src_a >= 0
    rows = np.empty((src_a.size, a_indices.shape[1]), np.int64)
    rows[has_a] = a_indices[src_a[has_a]]
    rows[~has_a] = b_indices[src_b[~has_a]]
    return rows


def _add_kernel(a_indices, a_values, a_shape, b_indices, b_values, b_shape, thresh):
    _check_sparse_args(a_indices, a_values, a_shape, "a")
    _check_sparse_args(b_indices, b_values, b_shape, "b")
    _check_same_shapes(a_shape, b_shape)
    src_a, src_b = _merge(a_indices, b_indices)
    has_a, has_b = src_a >= 0, src_b >= 0
    both = has_a & has_b
    values = np.zeros(src_a.size, a_values.dtype)
    values[has_a] = a_values[src_a[has_a]]
    values[~has_a] = b_values[src_b[~has_a]]
    values[both] += b_values[src_b[both]]
    keep = ~both | (np.abs(values) >= thresh)      # only sums are dropped below the threshold
    return _merged_rows(a_indices, b_indices, src_a, src_b)[keep], values[keep], a_shape.copy()


def _add_grad_rule(inputs, attrs):
    grad, a_indices, b_indices, _ = inputs
    dtype = grad._dtype.base_dtype
    return [(dtype, _vec(_dim(a_indices._shape, 0))), (dtype, _vec(_dim(b_indices._shape, 0)))]


def _add_grad_kernel(backprop_val_grad, a_indices, b_indices, sum_indices):
    src_a, src_b = _merge(a_indices, b_indices)
    rows = _merged_rows(a_indices, b_indices, src_a, src_b)
    merged_keys, sum_keys = _row_keys(rows, sum_indices)
    pos = _match_subsequence(merged_keys, sum_keys)
    a_grad = np.zeros(a_indices.shape[0], backprop_val_grad.dtype)
    b_grad = np.zeros(b_indices.shape[0], backprop_val_grad.dtype)
    found = pos >= 0
    pa, pb = src_a[pos[found]], src_b[pos[found]]
    g = backprop_val_grad[found]
    a_grad[pa[pa >= 0]] = g[pa >= 0]
    b_grad[pb[pb >= 0]] = g[pb >= 0]
    return a_grad, b_grad


def _add_grad(op, unused_indices_grad, values_grad, unused_shape_grad):
    a_indices, _, _, b_indices = op._inputs[:4]
    grads = make("SparseAddGrad", [values_grad, a_indices, b_indices, op._outputs[0]],
                 name="SparseAddGrad")._outputs
    return [None, grads[0], None, None, grads[1], None, None]


define("SparseAdd", _add_rule, _add_kernel, grad=_add_grad)
define("SparseAddGrad", _add_grad_rule, _add_grad_kernel, differentiable=False)


def _dense_add_rule(inputs, attrs):
    a_indices, a_values, a_shape, b = inputs
    _check_values_dtype("SparseTensorDenseAdd", a_values, b, "a_values", "b")
    return [(b._dtype.base_dtype, b._shape)]


def _dense_add_kernel(a_indices, a_values, a_shape, b):
    _check_sparse_args(a_indices, a_values, a_shape, "a")
    if a_shape.size != b.ndim:
        raise _invalid("Dimensions of a_shape and b do not match: %d vs. %d" % (a_shape.size, b.ndim))
    for i, (x, y) in enumerate(zip(a_shape.tolist(), b.shape)):
        if x != y:
            raise _invalid("Dimension %d does not equal (no broadcasting is supported): sparse side "
                           "%d vs dense side %d" % (i, x, y))
    bad = np.nonzero((a_indices < 0) | (a_indices >= np.asarray(b.shape, np.int64)))
    if bad[0].size:
        i, d = int(bad[0][0]), int(bad[1][0])
        raise _invalid("Sparse tensor has an invalid index on dimension %d: a_indices(%d,%d) = %d, "
                       "dense tensor shape: %s" % (d, i, d, a_indices[i, d],
                                                   " ".join(str(s) for s in b.shape)))
    return _scatter_add(np.array(b, copy=True), tuple(a_indices.T), a_values)


define("SparseTensorDenseAdd", _dense_add_rule, _dense_add_kernel,
       grad=lambda op, g: [None, array_ops.gather_nd(g, op._inputs[0]), None, g])


# =================================================================================================
# SparseConcat, SparseSlice (+ grad), SparseSplit
# =================================================================================================
def _concat_rule(inputs, attrs):
    n = attrs["N"]
    indices, values = inputs[:n], inputs[n:2 * n]
    for v in values[1:]:
        _check_values_dtype("SparseConcat", values[0], v, "values", "values")
    nnz = [_dim(i._shape, 0) for i in indices]
    total = None if None in nnz else sum(nnz)
    rank = next((r for r in (_dim(i._shape, 1) for i in indices) if r is not None), None)
    return [(_INT64, TensorShape([total, rank])), (values[0]._dtype.base_dtype, _vec(total)),
            (_INT64, _vec(rank))]


def _concat_kernel(*args, concat_dim, N):
    indices, values, shapes = args[:N], args[N:2 * N], args[2 * N:]
    rank = shapes[0].size
    if not -rank <= concat_dim < rank:
        raise _invalid("Concat dimension must be in range [%d, %d), got %d" % (-rank, rank, concat_dim))
    d = concat_dim % rank
    for i in range(N):
        _check_sparse_args(indices[i], values[i], shapes[i])
        if shapes[i].size != rank:
            raise _invalid("Ranks of all input tensors must match: expected %d but got %d at position %d"
                           % (rank, shapes[i].size, i))
        for j in range(rank):
            if j != d and shapes[i][j] != shapes[0][j]:
                raise _invalid("Input shapes must match: expected %d for dimension %d but got %d at "
                               "position %d" % (shapes[0][j], j, shapes[i][j], i))
    parts, offset = [], 0
    for i in range(N):
        shifted = indices[i].astype(np.int64, copy=True)
        shifted[:, d] += offset
        parts.append(shifted)
        offset += int(shapes[i][d])
    out_indices = np.concatenate(parts, 0)
    out_values = np.concatenate(values, 0)
    order = _lex_order(out_indices)
    out_shape = shapes[0].astype(np.int64, copy=True)
    out_shape[d] = offset
    return out_indices[order], out_values[order], out_shape


define("SparseConcat", _concat_rule, _concat_kernel, differentiable=False)


def _slice_rule(inputs, attrs):
    indices, values, shape, start, size = inputs
    return [(_INT64, TensorShape([None, _dim(indices._shape, 1)])),
            (values._dtype.base_dtype, TensorShape([None])), (_INT64, shape._shape)]


def _slice_mask(indices, start, size):
    return np.all((indices >= start) & (indices - start < size), axis=1)


def _slice_kernel(indices, values, shape, start, size):
    _check_sparse_args(indices, values, shape)
    rank = shape.size
    for what, v in (("start", start), ("size", size)):
        if v.ndim != 1 or v.size != rank:
            raise _invalid("Expected %s to be a vector of length %d but got length %d"
                           % (what, rank, v.size))
    mask = _slice_mask(indices, start, size)
    out_shape = np.maximum(np.minimum(start + size, shape) - start, 0).astype(np.int64)
    return (indices[mask] - start).astype(np.int64), values[mask], out_shape


def _slice_grad_rule(inputs, attrs):
    grad, input_indices, _, _ = inputs
    return [(grad._dtype.base_dtype, _vec(_dim(input_indices._shape, 0)))]


def _slice_grad_kernel(backprop_val_grad, input_indices, input_start, output_indices):
    shifted = input_indices - input_start
    inside = np.nonzero(np.all(shifted >= 0, axis=1))[0]
    keys_in, keys_out = _row_keys(shifted[inside], output_indices)
    pos = _match_subsequence(keys_in, keys_out)
    out = np.zeros(input_indices.shape[0], backprop_val_grad.dtype)
    found = pos >= 0
    out[inside[pos[found]]] = backprop_val_grad[found]
    return out


def _slice_grad(op, unused_indices_grad, values_grad, unused_shape_grad):
    indices, _, _, start, _ = op._inputs
    g = make1("SparseSliceGrad", [values_grad, indices, start, op._outputs[0]], name="SparseSliceGrad")
    return [None, g, None, None, None]


define("SparseSlice", _slice_rule, _slice_kernel, grad=_slice_grad)
define("SparseSliceGrad", _slice_grad_rule, _slice_grad_kernel, differentiable=False)


def _split_rule(inputs, attrs):
    _, indices, values, shape = inputs
    n = attrs["num_split"]
    rank = _dim(shape._shape, 0)
    return [(_INT64, TensorShape([None, rank]))] * n + \
        [(values._dtype.base_dtype, TensorShape([None]))] * n + [(_INT64, _vec(rank))] * n


def _split_kernel(split_dim, indices, values, shape, num_split):
    _check_sparse_args(indices, values, shape)
    rank = shape.size
    d = int(split_dim)
    if not -rank <= d < rank:
        raise _invalid("Input split_dim should be between -%d and %d, got %d" % (rank, rank, d))
    d %= rank
    dim = int(shape[d])
    if not 1 <= num_split <= max(dim, 1):
        raise _invalid("Input num_split should be between 1 and the splitting dimension size "
                       "(%d), got %d" % (dim, num_split))
    base, residual = divmod(dim, num_split)
    sizes = [base + 1 if k < residual else base for k in range(num_split)]
    starts = np.cumsum([0] + sizes[:-1])
    coord = indices[:, d]
    which = np.searchsorted(starts, coord, side="right") - 1
    out_i, out_v, out_s = [], [], []
    for k in range(num_split):
        mask = which == k
        part = indices[mask].astype(np.int64, copy=True)
        part[:, d] -= starts[k]
        s = shape.astype(np.int64, copy=True)
        s[d] = sizes[k]
        out_i.append(part)
        out_v.append(values[mask])
        out_s.append(s)
    return tuple(out_i + out_v + out_s)


define("SparseSplit", _split_rule, _split_kernel)   # TF has no gradient for it (LookupError)


# =================================================================================================
# SparseFillEmptyRows (+ grad)
# =================================================================================================
_SHAPE_FOLDABLE = frozenset({"Pack", "Prod", "Slice", "GatherV2", "Cast", "StridedSlice", "Sub", "AddV2"})


def _folded(t: Tensor, depth: int = 8):
    """`t`'s value when the small computation leading to it is static (as TF's shape inference
    evaluates it): what `const_value` folds, plus Identity, Slice, GatherV2 and the output shape of
    a SparseReshape (how safe_embedding_lookup_sparse's row count stays static)."""
    v = op_util.const_value(t)
    if v is not None or depth == 0:
        return v
    op = t._op
    if op._type == "Identity":
        return _folded(op._inputs[0], depth - 1)
    if op._type == "SparseReshape" and t._value_index == 1:
        shape, new = _folded(op._inputs[1], depth - 1), _folded(op._inputs[2], depth - 1)
        if shape is None or new is None:
            return None
        try:
            return _resolve_new_shape(np.asarray(shape), np.asarray(new))
        except errors.OpError:
            return None
    if op._type in _SHAPE_FOLDABLE:
        values = [_folded(x, depth - 1) for x in op._inputs]
        if any(v is None or np.size(v) > 64 for v in values):
            return None
        try:
            out = op._def.kernel(*[np.asarray(v) for v in values],
                                 **{k: a for k, a in op._attrs.items() if k[0] != "_"})
        except Exception:  # noqa: BLE001 - left to run time
            return None
        return out[t._value_index] if isinstance(out, tuple) else out
    return None


def _fill_rule(inputs, attrs):
    indices, values, dense_shape, default = inputs
    _check_values_dtype("SparseFillEmptyRows", values, default, "values", "default_value")
    shape_v = _folded(dense_shape)
    rows = int(np.reshape(shape_v, [-1])[0]) if shape_v is not None and np.size(shape_v) else None
    return [(_INT64, TensorShape([None, _dim(indices._shape, 1)])),
            (values._dtype.base_dtype, TensorShape([None])), (dtypes.bool, _vec(rows)),
            (_INT64, _vec(_dim(indices._shape, 0)))]


def _fill_kernel(indices, values, dense_shape, default_value):
    if np.ndim(default_value) != 0:
        raise _invalid("default_value must be a scalar, saw: %s" % list(np.shape(default_value)))
    _check_sparse_args(indices, values, dense_shape)
    nnz, rank = indices.shape
    if rank == 0:
        raise _invalid("dense_shape must have at least one element")
    n_rows = int(dense_shape[0])
    rows = indices[:, 0]
    bad = np.nonzero((rows < 0) | (rows >= n_rows))[0]
    if bad.size:
        i = int(bad[0])
        raise _invalid("indices(%d, 0) is invalid: %d >= %d" % (i, rows[i], n_rows))
    counts = np.bincount(rows, minlength=n_rows) if nnz else np.zeros(n_rows, np.int64)
    empty = counts == 0
    slots = np.where(empty, 1, counts)
    offsets = np.cumsum(slots) - slots
    order = np.argsort(rows, kind="stable")
    sorted_rows = rows[order]
    within = np.arange(nnz) - np.searchsorted(sorted_rows, sorted_rows, "left")
    position = np.empty(nnz, np.int64)
    position[order] = offsets[sorted_rows] + within
    total = int(slots.sum())
    out_indices = np.zeros((total, rank), np.int64)
    out_values = np.full(total, default_value, dtype=values.dtype)
    out_indices[position] = indices
    out_values[position] = values
    empty_rows = np.nonzero(empty)[0]
    out_indices[offsets[empty_rows], 0] = empty_rows
    return out_indices, out_values, empty, position


def _fill_grad_rule(inputs, attrs):
    reverse_index_map, grad = inputs
    dtype = grad._dtype.base_dtype
    return [(dtype, reverse_index_map._shape), (dtype, TensorShape([]))]


def _fill_grad_kernel(reverse_index_map, grad_values):
    d_values = grad_values[reverse_index_map]
    unused = np.ones(grad_values.shape[0], dtype=bool)
    unused[reverse_index_map] = False
    return d_values, np.asarray(grad_values[unused].sum(), dtype=grad_values.dtype)


def _fill_grad(op, unused_indices_grad, values_grad, unused_indicator_grad, unused_map_grad):
    d = make("SparseFillEmptyRowsGrad", [op._outputs[3], values_grad],
             name="SparseFillEmptyRowsGrad")._outputs
    return [None, d[0], None, d[1]]


define("SparseFillEmptyRows", _fill_rule, _fill_kernel, grad=_fill_grad)
define("SparseFillEmptyRowsGrad", _fill_grad_rule, _fill_grad_kernel, differentiable=False)


# =================================================================================================
# SparseDenseCwiseMul / SparseDenseCwiseDiv
# =================================================================================================
def _cwise_rule(op_type: str):
    def rule(inputs, attrs):
        _, values, _, dense = inputs
        _check_values_dtype(op_type, values, dense, "sp_values", "dense")
        return [(values._dtype.base_dtype, _vec(_dim(values._shape, 0)))]
    return rule


def _dense_at_entries(indices, shape, dense) -> np.ndarray:
    """The dense operand broadcast to the sparse shape, read at the entries (no broadcast copy)."""
    rank = shape.size
    if dense.ndim > rank or any(d != 1 and d != s for d, s in zip(dense.shape[::-1], shape[::-1])):
        raise _invalid("SparseDenseBinaryOpShared broadcasts dense to sparse only; got incompatible "
                       "shapes: %s vs. %s" % (_dims(shape), _dims(dense.shape)))
    lead = rank - dense.ndim
    if np.any((indices < 0) | (indices >= shape)):
        raise _invalid("Provided indices are out-of-bounds w.r.t. dense side with broadcasted "
                       "shape")
    coords = tuple(indices[:, lead + j] if dense.shape[j] != 1 else np.zeros(indices.shape[0], np.int64)
                   for j in range(dense.ndim))
    return dense[coords]


def _cwise_mul_kernel(sp_indices, sp_values, sp_shape, dense):
    return sp_values * _dense_at_entries(sp_indices, sp_shape, dense)


def _cwise_div_kernel(sp_indices, sp_values, sp_shape, dense):
    other = _dense_at_entries(sp_indices, sp_shape, dense)
    if np.any(other == 0):
        raise _invalid("SparseDenseCwiseDiv cannot divide by zero,but input dense tensor contains zero ")
    if sp_values.dtype.kind in "iu":          # C++ division: truncated toward zero
        quotient = np.floor_divide(np.abs(sp_values), np.abs(other))
        return np.where((sp_values < 0) != (other < 0), -quotient, quotient).astype(sp_values.dtype)
    return (sp_values / other).astype(sp_values.dtype)


def _cwise_grad(is_div: bool):
    """TF's gradient: the dense operand gathered at each entry (after dividing the sparse
    coordinates down to its broadcast shape), and its gradient scattered back with
    SparseTensorDenseAdd."""
    def grad(op, g):
        x_indices, x_values, x_shape, y = op._inputs
        y_shape = math_ops.cast(array_ops.shape(y), _INT64)
        num_added = array_ops.size(x_shape) - array_ops.size(y_shape)
        num_added = array_ops.expand_dims(num_added, 0)
        augmented = array_ops.concat([array_ops.ones(num_added, _INT64), y_shape], 0)
        scaling = math_ops.floordiv(x_shape, augmented)
        scaled = math_ops.floordiv(x_indices, scaling)
        scaled = array_ops.slice(scaled, array_ops.concat([[0], num_added], 0), [-1, -1])
        dense_vals = array_ops.gather_nd(y, scaled)
        if is_div:
            dx = g / dense_vals
            dy_val = g * (math_ops.negative(x_values) / math_ops.square(dense_vals))
        else:
            dx = g * dense_vals
            dy_val = g * x_values
        dy = make1("SparseTensorDenseAdd", [scaled, dy_val, y_shape, array_ops.zeros_like(y)],
                   name="SparseTensorDenseAdd")
        return [None, dx, None, dy]
    return grad


define("SparseDenseCwiseMul", _cwise_rule("SparseDenseCwiseMul"), _cwise_mul_kernel,
       grad=_cwise_grad(False))
define("SparseDenseCwiseDiv", _cwise_rule("SparseDenseCwiseDiv"), _cwise_div_kernel,
       grad=_cwise_grad(True))


def _cwise_operator(sp: SparseTensor, other, scope_name: str, op_type: str) -> SparseTensor:
    """`sp * dense`, `sp / dense` (integers cast to float first, as tf.truediv) and `sp.__div__`:
    the op on the values, in the operator's name scope."""
    with name_scope(None, scope_name, [sp.indices, sp.values, sp.dense_shape, other]) as scope:
        dense = convert_to_tensor(other, dtype=sp.dtype, name="y")
        values = sp.values
        if scope_name == "truediv":
            target = math_ops._TRUEDIV_CAST.get(values._dtype.base_dtype)
            if target is not None:
                values, dense = math_ops.cast(values, target), math_ops.cast(dense, target)
        out = make1(op_type, [sp.indices, values, sp.dense_shape, dense], name=scope)
    return _with_values(sp, out)


def _with_values(sp: SparseTensor, values: Tensor) -> SparseTensor:
    out = SparseTensor(sp.indices, values, sp.dense_shape)
    out._dense_shape_default = sp._dense_shape_default
    return out


# =================================================================================================
# SparseSegmentSum / Mean / SqrtN (+ gradients)
# =================================================================================================
_SEGMENT_MODES = {"SparseSegmentSum": "sum", "SparseSegmentMean": "mean", "SparseSegmentSqrtN": "sqrtn"}


def _segment_rule(op_type: str):
    def rule(inputs, attrs):
        data, indices, segment_ids = inputs[:3]
        rows = None
        if len(inputs) == 4:               # WithNumSegments: the row count is num_segments
            op_util.check_dtype_in(op_type, inputs[3], (dtypes.int32, dtypes.int64), "num_segments")
            n = op_util.const_value(inputs[3])
            rows = int(n) if n is not None else None
        op_util.check_dtype_in(op_type, indices, (dtypes.int32, dtypes.int64), "indices")
        op_util.check_dtype_in(op_type, segment_ids, (dtypes.int32, dtypes.int64), "segment_ids")
        if indices._shape.ndims not in (None, 1):
            raise ValueError("Shape must be rank 1 but is rank %d for '%s' (indices)"
                             % (indices._shape.ndims, op_type))
        if segment_ids._shape.ndims not in (None, 1):
            raise ValueError("Shape must be rank 1 but is rank %d for '%s' (segment_ids)"
                             % (segment_ids._shape.ndims, op_type))
        if data._shape.ndims is None:
            return [(data._dtype.base_dtype, unknown_shape())]
        if data._shape.ndims == 0:
            raise ValueError("Shape must be at least rank 1 but is rank 0 for '%s' (data)" % op_type)
        return [(data._dtype.base_dtype, TensorShape([rows] + data._shape.as_list()[1:]))]
    return rule


def _segment_weights(segment_ids: np.ndarray, n_out: int, mode: str, dtype) -> np.ndarray:
    counts = np.bincount(segment_ids, minlength=n_out).astype(np.float64) if segment_ids.size else \
        np.zeros(n_out)
    if mode == "mean":
        scale = 1.0 / np.maximum(counts, 1.0)
    elif mode == "sqrtn":
        scale = 1.0 / np.sqrt(np.maximum(counts, 1.0))
    else:
        return np.ones(n_out, dtype)
    return scale.astype(dtype)


def _check_segments(data_rows: int, indices, segment_ids) -> int:
    if indices.ndim != 1 or segment_ids.ndim != 1:
        raise _invalid("indices and segment_ids should be vectors")
    if indices.shape[0] != segment_ids.shape[0]:
        raise _invalid("segment_ids and indices should have same size.")
    if segment_ids.size == 0:
        return 0
    if segment_ids[0] < 0:
        raise _invalid("segment ids must be >= 0")
    if np.any(segment_ids[1:] < segment_ids[:-1]):
        raise _invalid("segment ids are not increasing")
    bad = np.nonzero((indices < 0) | (indices >= data_rows))[0]
    if bad.size:
        i = int(bad[0])
        raise _invalid("Bad: indices[%d] == %d out of range [0, %d)" % (i, indices[i], data_rows))
    return int(segment_ids[-1]) + 1


def _segment_kernel(mode: str):
    def kernel(data, indices, segment_ids, num_segments=None, sparse_gradient=False):
        n_out = _check_segments(data.shape[0], indices, segment_ids)
        if num_segments is not None:       # the WithNumSegments ops: exactly that many rows
            if n_out > int(num_segments):
                raise _invalid("segment ids must be < num_segments: got %d >= %d"
                               % (n_out - 1, int(num_segments)))
            n_out = int(num_segments)
        out = np.zeros((n_out,) + data.shape[1:], dtype=data.dtype)
        if n_out:
            _scatter_add(out, segment_ids, data[indices])
            if mode != "sum":
                w = _segment_weights(segment_ids, n_out, mode, data.dtype)
                out *= w.reshape((-1,) + (1,) * (data.ndim - 1))
        return out
    return kernel


def _segment_grad_rule(v2: bool):
    def rule(inputs, attrs):
        grad, indices, _, dim0 = inputs
        rest = grad._shape.as_list()[1:] if grad._shape.ndims else None
        if v2:
            return [(grad._dtype.base_dtype, unknown_shape() if rest is None else TensorShape([None] + rest)),
                    (indices._dtype.base_dtype, TensorShape([None]))]
        n = op_util.const_value(dim0)
        n = int(n) if n is not None else None
        return [(grad._dtype.base_dtype, unknown_shape() if rest is None else TensorShape([n] + rest))]
    return rule


def _segment_grad_kernel(mode: str, v2: bool):
    def kernel(grad, indices, segment_ids, output_dim0):
        n_out = grad.shape[0]
        w = _segment_weights(segment_ids, n_out, mode, grad.dtype)
        rows = grad[segment_ids] * w[segment_ids].reshape((-1,) + (1,) * (grad.ndim - 1)) \
            if segment_ids.size else np.zeros((0,) + grad.shape[1:], grad.dtype)
        if v2:
            unique, inverse = np.unique(indices, return_inverse=True)
            out = np.zeros((unique.size,) + grad.shape[1:], grad.dtype)
            return _scatter_add(out, inverse.reshape(-1), rows), unique.astype(indices.dtype)
        out = np.zeros((int(output_dim0),) + grad.shape[1:], grad.dtype)
        if np.any((indices < 0) | (indices >= int(output_dim0))):
            raise _invalid("Index out of range [0, %d)" % int(output_dim0))
        return _scatter_add(out, indices, rows)
    return kernel


def _segment_grad(op_type: str):
    def grad(op, g):
        data, indices, segment_ids = op._inputs[:3]
        data_shape = array_ops.shape(data)
        dim0 = data_shape[0]
        if op._attrs.get("sparse_gradient"):
            from ..framework.indexed_slices import IndexedSlices

            values, unique = make(op_type + "GradV2", [g, indices, segment_ids, dim0],
                                  name=op_type + "GradV2")._outputs
            return [IndexedSlices(values, unique, data_shape), None, None] + [None] * (len(op._inputs) - 3)
        return [make1(op_type + "Grad", [g, indices, segment_ids, dim0], name=op_type + "Grad"),
                None, None] + [None] * (len(op._inputs) - 3)
    return grad


for _type, _mode in _SEGMENT_MODES.items():
    define(_type, _segment_rule(_type), _segment_kernel(_mode), grad=_segment_grad(_type))
    define(_type + "WithNumSegments", _segment_rule(_type + "WithNumSegments"), _segment_kernel(_mode),
           grad=_segment_grad(_type))
    define(_type + "Grad", _segment_grad_rule(False), _segment_grad_kernel(_mode, False),
           differentiable=False)
    define(_type + "GradV2", _segment_grad_rule(True), _segment_grad_kernel(_mode, True),
           differentiable=False)


def _sparse_segment(op_type: str, data, indices, segment_ids, name, sparse_gradient: bool = False,
                    num_segments=None) -> Tensor:
    def as_input(value, arg):
        return value if isinstance(value, Tensor) else convert_to_tensor(value, name=arg)
    inputs = [("data", data, as_input), ("indices", indices, as_input),
              ("segment_ids", segment_ids, as_input)]
    if num_segments is not None:          # TF's <op>WithNumSegments: rows past the last id are 0
        op_type += "WithNumSegments"
        inputs.append(("num_segments", num_segments, as_input))
    return array_ops._wrapped_op(op_type, name, inputs,
                                 {"sparse_gradient": bool(sparse_gradient)})._outputs[0]


def sparse_segment_sum(data, indices, segment_ids, name=None, num_segments=None,
                       sparse_gradient: bool = False) -> Tensor:
    """`tf.sparse.segment_sum`: sums of the rows `data[indices]` grouped by sorted `segment_ids`."""
    return _sparse_segment("SparseSegmentSum", data, indices, segment_ids, name, sparse_gradient,
                           num_segments)


def sparse_segment_mean(data, indices, segment_ids, name=None, num_segments=None,
                        sparse_gradient: bool = False) -> Tensor:
    """`tf.sparse.segment_mean`: means of the rows `data[indices]` grouped by `segment_ids`."""
    return _sparse_segment("SparseSegmentMean", data, indices, segment_ids, name, sparse_gradient,
                           num_segments)


def sparse_segment_sqrt_n(data, indices, segment_ids, name=None, num_segments=None,
                          sparse_gradient: bool = False) -> Tensor:
    """`tf.sparse.segment_sqrt_n`: segment sums divided by the square root of the segment sizes."""
    return _sparse_segment("SparseSegmentSqrtN", data, indices, segment_ids, name, sparse_gradient,
                           num_segments)


# =================================================================================================
# Public functions
# =================================================================================================
def _convert_to_sparse_tensor(sp_input) -> SparseTensor:
    """A SparseTensor from a SparseTensor or SparseTensorValue; TypeError for anything else."""
    if isinstance(sp_input, SparseTensorValue):
        return SparseTensor.from_value(sp_input)
    if not isinstance(sp_input, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")
    return sp_input


def _typed(dtype):
    def convert(value, arg):
        return value if isinstance(value, Tensor) else convert_to_tensor(value, dtype=dtype, name=arg)
    return convert


def _as_is(value, arg):
    return value if isinstance(value, Tensor) else convert_to_tensor(value, name=arg)


def _deprecated(new_value, new_name: str, old_value, old_name: str):
    return op_util.legacy_kwarg(new_value, new_name, old_value, old_name)


def sparse_placeholder(dtype, shape=None, name=None) -> SparseTensor:
    """`tf.sparse_placeholder`: a SparseTensor whose indices and values (and, without a static
    `shape`, dense shape) must be fed; with `shape` the dense shape defaults to it (-1 where a
    dimension is None)."""
    dtype = dtypes.as_dtype(dtype)

    def sub(part):
        return None if name is None else name + "/" + part
    if shape is None:
        dense_shape = array_ops.placeholder(_INT64, shape=[None], name=sub("shape"))
        static = unknown_shape()
        rank = None
    else:
        static = as_shape(shape)
        if static.ndims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        rank = static.ndims
        default = np.array([-1 if d is None else int(d) for d in static.as_list()], dtype=np.int64)
        default_t = constant(default, dtype=_INT64, name=sub("shape_default"))
        dense_shape = array_ops.placeholder_with_default(default_t, shape=[rank], name=sub("shape"))
    values = array_ops.placeholder(dtype, shape=[None], name=sub("values"))
    indices = array_ops.placeholder(_INT64, shape=[None, rank], name=sub("indices"))
    out = SparseTensor(values=values, indices=indices, dense_shape=dense_shape)
    out._dense_shape_default = static
    return out


def sparse_tensor_to_dense(sp_input, default_value=None, validate_indices: bool = True,
                           name=None) -> Tensor:
    """`tf.sparse.to_dense`: the dense tensor (entries at their indices, `default_value` (0)
    elsewhere); with `validate_indices` indices must be sorted and unique (InvalidArgumentError)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    if default_value is None:
        default_value = array_ops.zeros([], dtype=sp_input.dtype)
    values = sp_input.values
    return array_ops._wrapped_op(
        "SparseToDense", name,
        [("sparse_indices", sp_input.indices, _as_is), ("output_shape", sp_input.dense_shape, _as_is),
         ("sparse_values", values, _as_is),
         ("default_value", default_value, _typed(values._dtype.base_dtype))],
        {"validate_indices": bool(validate_indices)})._outputs[0]


def sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value=0,
                    validate_indices: bool = True, name=None) -> Tensor:
    """`tf.sparse_to_dense` (deprecated in TF): a dense tensor of `output_shape` with
    `sparse_values` at `sparse_indices` and `default_value` elsewhere."""
    with name_scope(name, "SparseToDense", [sparse_indices, output_shape, sparse_values]) as scope:
        idx = _as_is(sparse_indices, "sparse_indices")
        op_util.check_dtype_in("SparseToDense", idx, (dtypes.int32, dtypes.int64), "sparse_indices")
        shape = _typed(idx._dtype.base_dtype)(output_shape, "output_shape")
        if shape._dtype.base_dtype is not idx._dtype.base_dtype:
            raise TypeError("Input 'output_shape' of 'SparseToDense' Op has type %s that does not "
                            "match type %s of argument 'sparse_indices'."
                            % (shape._dtype.base_dtype.name, idx._dtype.base_dtype.name))
        values = _as_is(sparse_values, "sparse_values")
        default = _typed(values._dtype.base_dtype)(default_value, "default_value")
        return make1("SparseToDense", [idx, shape, values, default],
                     {"validate_indices": bool(validate_indices)}, name=scope)


def sparse_tensor_dense_matmul(sp_a, b, adjoint_a: bool = False, adjoint_b: bool = False,
                               name=None) -> Tensor:
    """`tf.sparse.sparse_dense_matmul`: the dense product of a rank-2 SparseTensor and a matrix
    (each optionally adjointed); gradients flow to the sparse values and to `b`."""
    sp_a = _convert_to_sparse_tensor(sp_a)
    with name_scope(name, "SparseTensorDenseMatMul", [sp_a.indices, sp_a.values, b]):
        b = b if isinstance(b, Tensor) else convert_to_tensor(b, name="b")
        return make1("SparseTensorDenseMatMul", [sp_a.indices, sp_a.values, sp_a.dense_shape, b],
                     {"adjoint_a": bool(adjoint_a), "adjoint_b": bool(adjoint_b)},
                     name="SparseTensorDenseMatMul")


def _reduction_axes(sp_input: SparseTensor, axis):
    if axis is not None:
        return axis
    rank = sp_input.shape.ndims
    if rank is not None:
        return constant(np.arange(rank, dtype=np.int32))
    return math_ops.range(0, array_ops.rank(sp_input), 1)


def sparse_reduce_sum(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None) -> Tensor:
    """`tf.sparse.reduce_sum`: the dense sum of the entries over `axis` (all axes by default)."""
    keepdims = _deprecated(keepdims, "keepdims", keep_dims, "keep_dims")
    axis = _deprecated(axis, "axis", reduction_axes, "reduction_axes")
    sp_input = _convert_to_sparse_tensor(sp_input)
    axes = _reduction_axes(sp_input, axis)
    return array_ops._wrapped_op(
        "SparseReduceSum", None,
        [("input_indices", sp_input.indices, _as_is), ("input_values", sp_input.values, _as_is),
         ("input_shape", sp_input.dense_shape, _as_is),
         ("reduction_axes", axes, _typed(dtypes.int32))],
        {"keep_dims": bool(keepdims)})._outputs[0]


def sparse_reorder(sp_input, name=None) -> SparseTensor:
    """`tf.sparse.reorder`: the same SparseTensor with its entries in row-major order."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    indices, values = make("SparseReorder", [sp_input.indices, sp_input.values, sp_input.dense_shape],
                           name=name or "SparseReorder")._outputs
    static = sp_input.get_shape()
    if static.is_fully_defined():
        return SparseTensor(indices, values, static.as_list())
    out = SparseTensor(indices, values, array_ops.identity(sp_input.dense_shape))
    out.set_shape(static)
    return out


def sparse_reshape(sp_input, shape, name=None) -> SparseTensor:
    """`tf.sparse.reshape`: the same entries in a dense shape of the same size (one -1 inferred)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    shape = math_ops.cast(shape, _INT64)
    with name_scope(name, "SparseReshape", [sp_input]) as scope:
        indices, out_shape = make("SparseReshape", [sp_input.indices, sp_input.dense_shape, shape],
                                  name=scope)._outputs
        wanted = op_util.const_value(shape)
        static_in = sp_input.get_shape()
        dense_shape = out_shape
        if wanted is not None:
            wanted = [int(d) for d in np.reshape(wanted, [-1])]
            if static_in.is_fully_defined():
                n_in = int(np.prod(static_in.as_list(), dtype=np.int64))
                if wanted.count(-1) == 1:
                    known = int(np.prod([d for d in wanted if d != -1], dtype=np.int64))
                    if known and n_in % known == 0:
                        wanted[wanted.index(-1)] = n_in // known
                if -1 not in wanted and int(np.prod(wanted, dtype=np.int64)) != n_in:
                    raise ValueError("Cannot reshape a tensor with %d elements to shape %s (%d "
                                     "elements)." % (n_in, wanted, int(np.prod(wanted, dtype=np.int64))))
                if -1 not in wanted:
                    dense_shape = constant(wanted, dtype=_INT64)
        return SparseTensor(indices, array_ops.identity(sp_input.values), dense_shape)


def sparse_add(a, b, threshold=None, thresh=None) -> "SparseTensor | Tensor":
    """`tf.sparse.add`: sparse + sparse is a SparseTensor (sums of magnitude below `threshold`
    dropped), sparse + dense (either order) is the dense Tensor."""
    threshold = _deprecated(threshold, "threshold", thresh, "thresh")
    if threshold is None:
        threshold = 0
    a_sparse, b_sparse = is_sparse(a), is_sparse(b)
    if not a_sparse and not b_sparse:
        raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add()?")
    if a_sparse and b_sparse:
        a, b = _convert_to_sparse_tensor(a), _convert_to_sparse_tensor(b)
        real = a.values._dtype.base_dtype.real_dtype
        threshold = convert_to_tensor(threshold, dtype=real, name="threshold")
        indices, values, shape = make("SparseAdd", [a.indices, a.values, a.dense_shape, b.indices,
                                                    b.values, b.dense_shape, threshold],
                                      name="SparseAdd")._outputs
        a.get_shape().assert_is_compatible_with(b.get_shape())
        static = a.get_shape().merge_with(b.get_shape())
        if static.is_fully_defined():
            return SparseTensor(indices, values, static.as_list())
        return SparseTensor(indices, values, shape)
    if b_sparse:
        a, b = b, a
    a = _convert_to_sparse_tensor(a)
    return array_ops._wrapped_op(
        "SparseTensorDenseAdd", None,
        [("a_indices", a.indices, _as_is), ("a_values", a.values, _as_is),
         ("a_shape", a.dense_shape, _as_is), ("b", b, _typed(a.dtype))])._outputs[0]


def sparse_concat(axis, sp_inputs, name=None, expand_nonconcat_dim: bool = False, concat_dim=None,
                  expand_nonconcat_dims=None) -> SparseTensor:
    """`tf.sparse.concat`: SparseTensors joined along `axis` (the other dimensions equal, or with
    `expand_nonconcat_dim` grown to the largest)."""
    expand = _deprecated(expand_nonconcat_dims, "expand_nonconcat_dims", expand_nonconcat_dim or None,
                         "expand_nonconcat_dim") or False
    axis = _deprecated(axis, "axis", concat_dim, "concat_dim")
    if not isinstance(sp_inputs, (list, tuple)):
        raise TypeError("Inputs must be a list")
    sp_inputs = [_convert_to_sparse_tensor(x) for x in sp_inputs]
    if len(sp_inputs) == 1:
        return sp_inputs[0]
    inds = [x.indices for x in sp_inputs]
    vals = [x.values for x in sp_inputs]
    shapes = [x.dense_shape for x in sp_inputs]
    if expand:
        max_shape = math_ops.reduce_max(array_ops.concat([array_ops.reshape(s, [1, -1]) for s in shapes],
                                                         0), 0)
        shapes = [array_ops.concat([max_shape[:axis], s[-1:] if axis == -1 else s[axis:axis + 1],
                                    [] if axis == -1 else max_shape[axis + 1:]], 0) for s in shapes]
    n = len(sp_inputs)
    out_ind, out_val, out_shape = make("SparseConcat", inds + vals + shapes,
                                       {"concat_dim": int(axis), "N": n},
                                       name=name or "SparseConcat")._outputs
    static_shapes = [x.get_shape() for x in sp_inputs]
    if all(s.ndims is not None for s in static_shapes):
        rank = static_shapes[0].ndims
        d = int(axis) % rank if rank else 0
        if expand:
            dims = []
            for j in range(rank):
                col = [s.as_list()[j] for s in static_shapes]
                if j == d:
                    dims.append(None if None in col else sum(col))
                else:
                    dims.append(None if None in col else max(col))
        else:
            dims = static_shapes[0].as_list()
            col = [s.as_list()[d] for s in static_shapes]
            dims[d] = None if None in col else sum(col)
        static = TensorShape(dims)
        if static.is_fully_defined():
            out_shape = constant(static.as_list(), dtype=_INT64)
        out = SparseTensor(out_ind, out_val, out_shape)
        out.set_shape(static)
        return out
    return SparseTensor(out_ind, out_val, out_shape)


def sparse_retain(sp_input, to_retain) -> SparseTensor:
    """`tf.sparse.retain`: the entries where the 1-D bool `to_retain` is True."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    to_retain = convert_to_tensor(to_retain)
    retain_shape = to_retain.get_shape()
    retain_shape.assert_has_rank(1)
    nnz = _dim(sp_input.values.get_shape(), 0)
    if nnz is not None and _dim(retain_shape, 0) is not None and nnz != _dim(retain_shape, 0):
        raise ValueError("Dimensions %d and %d are not compatible" % (nnz, _dim(retain_shape, 0)))
    where_true = array_ops.reshape(array_ops.where(to_retain), [-1])
    new_indices = array_ops.gather(sp_input.indices, where_true)
    new_values = array_ops.gather(sp_input.values, where_true)
    return SparseTensor(new_indices, new_values, array_ops.identity(sp_input.dense_shape))


def sparse_slice(sp_input, start, size, name=None) -> SparseTensor:
    """`tf.sparse.slice`: the entries inside the box [start, start + size), re-based at `start`."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    start = convert_to_tensor(start, _INT64)
    size = convert_to_tensor(size, _INT64)
    with name_scope(name, "SparseSlice", [sp_input]) as scope:
        out = make("SparseSlice", [sp_input.indices, sp_input.values, sp_input.dense_shape, start, size],
                   name=scope)._outputs
        return SparseTensor(out[0], out[1], out[2])


class _KeywordRequired:
    """Marks TF functions whose arguments must be passed by keyword."""

    def __repr__(self):
        return ""


def sparse_split(keyword_required=_KeywordRequired(), sp_input=None, num_split=None, axis=None,
                 name=None, split_dim=None) -> list:
    """`tf.sparse.split` (keyword arguments only): `num_split` SparseTensors along `axis`, the
    first `size % num_split` one longer."""
    if not isinstance(keyword_required, _KeywordRequired):
        raise ValueError("Keyword arguments are required for this function.")
    if sp_input is None:
        raise ValueError("sp_input is required")
    if num_split is None:
        raise ValueError("num_split is required")
    if axis is None:
        raise ValueError("axis is required")
    axis = _deprecated(axis, "axis", split_dim, "split_dim")
    sp_input = _convert_to_sparse_tensor(sp_input)
    outs = array_ops._wrapped_op(
        "SparseSplit", name,
        [("split_dim", axis, _typed(_INT64)), ("indices", sp_input.indices, _as_is),
         ("values", sp_input.values, _as_is), ("shape", sp_input.dense_shape, _as_is)],
        {"num_split": int(num_split)})._outputs
    n = int(num_split)
    return [SparseTensor(outs[i], outs[n + i], outs[2 * n + i]) for i in range(n)]


def sparse_transpose(sp_input, perm=None, name=None) -> SparseTensor:
    """`tf.sparse.transpose`: dimensions permuted by `perm` (reversed by default), reordered."""
    with name_scope(name, "SparseTranspose", [sp_input]):
        sp_input = _convert_to_sparse_tensor(sp_input)
        if perm is None:
            rank = sp_input.shape.ndims
            if rank is not None:
                perm = (rank - 1) - np.arange(0, rank, 1)
            else:
                rank_t = array_ops.rank(sp_input)
                perm = (rank_t - 1) - math_ops.range(0, rank_t, 1)
        indices = array_ops.transpose(array_ops.gather(array_ops.transpose(sp_input.indices), perm))
        perm_value = op_util.const_value(perm if isinstance(perm, Tensor) else convert_to_tensor(perm))
        static = sp_input.get_shape()
        if perm_value is not None and static.is_fully_defined():
            old = static.as_list()
            dense_shape = [old[int(p)] for p in np.reshape(perm_value, [-1])]
        else:
            dense_shape = array_ops.gather(sp_input.dense_shape, perm)
        return sparse_reorder(SparseTensor(indices, sp_input.values, dense_shape))


def sparse_fill_empty_rows(sp_input, default_value, name=None) -> tuple:
    """`tf.sparse.fill_empty_rows`: (the SparseTensor with an entry `default_value` at [row, 0, ...]
    for each row without entries, the bool vector of which rows were empty)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    with name_scope(name, "SparseFillEmptyRows", [sp_input]):
        default_value = convert_to_tensor(default_value, dtype=sp_input.values._dtype.base_dtype)
        out = make("SparseFillEmptyRows", [sp_input.indices, sp_input.values, sp_input.dense_shape,
                                           default_value], name="SparseFillEmptyRows")._outputs
        return SparseTensor(out[0], out[1], sp_input.dense_shape), out[2]


def from_dense(tensor, name=None) -> SparseTensor:
    """`tf.sparse.from_dense`: the non-zero (non-empty) elements of a dense tensor."""
    with name_scope(name, "dense_to_sparse"):
        tensor = convert_to_tensor(tensor)
        indices = array_ops.where(math_ops.not_equal(tensor, array_ops.zeros_like(tensor)))
        values = array_ops.gather_nd(tensor, indices)
        shape = array_ops.shape(tensor, out_type=_INT64)
        return SparseTensor(indices, values, shape)


# --- tf.shape / tf.rank / tf.size of a SparseTensor (their dispatch in TF) ----------------------
def sparse_shape(sp_input: SparseTensor, name=None, out_type=dtypes.int32) -> Tensor:
    """`tf.shape(sp)`: the dense shape as `out_type`."""
    with name_scope(name, "Shape", [sp_input]):
        return _cast_op(sp_input.dense_shape, out_type)


def _cast_op(x: Tensor, dtype) -> Tensor:
    """A Cast op even to the same dtype (TF's dispatch for SparseTensors builds one)."""
    return make1("Cast", [x], {"SrcT": x._dtype.base_dtype, "DstT": dtype, "Truncate": False},
                 name="Cast")


def sparse_rank(sp_input: SparseTensor, name=None) -> Tensor:
    """`tf.rank(sp)`: the number of dense dimensions (a Size op on the dense shape)."""
    return make1("Size", [sp_input.dense_shape], {"out_type": dtypes.int32}, name=name or "Rank")


def sparse_size(sp_input: SparseTensor, name=None, out_type=dtypes.int32) -> Tensor:
    """`tf.size(sp)`: the number of dense elements."""
    with name_scope(name, "Size", [sp_input]) as scope:
        dims = _cast_op(sp_input.dense_shape, out_type)
        axis = constant(0, dtype=dtypes.int32, name="reduction_indices")
        return make1("Prod", [dims, axis], {"keep_dims": False}, name=scope)


# =================================================================================================
# tf.nn.embedding_lookup_sparse / tf.nn.safe_embedding_lookup_sparse
# =================================================================================================
_COMBINERS = ("mean", "sqrtn", "sum")


def _param_list(params) -> list:
    if hasattr(params, "_get_variable_list"):           # a PartitionedVariable
        return list(params._get_variable_list())
    if isinstance(params, (list, tuple)):
        return list(params)
    return [params]


def embedding_lookup_sparse(params, sp_ids, sp_weights, partition_strategy: str = "mod", name=None,
                            combiner=None, max_norm=None, allow_fast_lookup: bool = False) -> Tensor:
    """`tf.nn.embedding_lookup_sparse`: per row of `sp_ids`, the embeddings of its ids combined
    ('sum', 'mean' (the default) or 'sqrtn'), weighted by `sp_weights` when given. Rows without
    ids give zeros (and trailing empty rows are absent, as in TF)."""
    if combiner is None:
        combiner = "mean"
    if combiner not in _COMBINERS:
        raise ValueError("combiner must be one of 'mean', 'sqrtn' or 'sum'")
    params = _param_list(params)
    if not params:
        raise ValueError("Need at least one param")
    if not isinstance(sp_ids, SparseTensor):
        raise TypeError("sp_ids must be SparseTensor")
    ignore_weights = sp_weights is None
    if not ignore_weights:
        if not isinstance(sp_weights, SparseTensor):
            raise TypeError("sp_weights must be either None or SparseTensor")
        sp_ids.values.get_shape().assert_is_compatible_with(sp_weights.values.get_shape())
        sp_ids.indices.get_shape().assert_is_compatible_with(sp_weights.indices.get_shape())
        sp_ids.dense_shape.get_shape().assert_is_compatible_with(sp_weights.dense_shape.get_shape())
    with name_scope(name, "embedding_lookup_sparse", params + [sp_ids]) as scope:
        segment_ids = sp_ids.indices[:, 0]
        ids = sp_ids.values
        return _embedding_lookup_sparse_impl(params, segment_ids, sp_weights, ids, combiner,
                                             ignore_weights, max_norm, partition_strategy, scope)


def _embedding_lookup_sparse_impl(params, segment_ids, sp_weights, ids, combiner, ignore_weights,
                                  max_norm, partition_strategy, scope):
    from . import nn_ops

    segment_op = {"sum": "SparseSegmentSum", "mean": "SparseSegmentMean",
                  "sqrtn": "SparseSegmentSqrtN"}[combiner]
    if ignore_weights and len(params) == 1 and max_norm is None:
        return _sparse_segment(segment_op, params[0], ids, segment_ids, scope, sparse_gradient=True)
    ids, idx = array_ops.unique(ids)
    embeddings = nn_ops.embedding_lookup(params, ids, partition_strategy=partition_strategy,
                                         max_norm=max_norm)
    if ignore_weights:
        return _sparse_segment(segment_op, embeddings, idx, segment_ids, scope, sparse_gradient=True)
    if segment_ids._dtype.base_dtype != dtypes.int32:
        segment_ids = math_ops.cast(segment_ids, dtypes.int32)
    weights = sp_weights.values
    embeddings = array_ops.gather(embeddings, idx)
    original_dtype = embeddings._dtype.base_dtype
    if original_dtype in (dtypes.float16, dtypes.bfloat16):
        embeddings = math_ops.cast(embeddings, dtypes.float32)
    if weights._dtype.base_dtype in (dtypes.float16, dtypes.bfloat16):
        weights = math_ops.cast(weights, dtypes.float32)
    ones_shape = array_ops.expand_dims(array_ops.rank(embeddings) - 1, 0)
    bcast_shape = array_ops.concat([array_ops.shape(weights),
                                    array_ops.ones(ones_shape, dtype=dtypes.int32)], 0)
    orig_weights_shape = weights.get_shape()
    weights = array_ops.reshape(weights, bcast_shape)
    if embeddings.get_shape().ndims is not None:
        weights.set_shape(orig_weights_shape.concatenate(
            [1] * (embeddings.get_shape().ndims - 1)))
    embeddings = embeddings * weights
    if combiner == "sum":
        embeddings = math_ops.segment_sum(embeddings, segment_ids, name=scope)
    elif combiner == "mean":
        embeddings = math_ops.segment_sum(embeddings, segment_ids)
        weight_sum = math_ops.segment_sum(weights, segment_ids)
        embeddings = math_ops.div_no_nan(embeddings, weight_sum, name=scope)
    else:
        embeddings = math_ops.segment_sum(embeddings, segment_ids)
        weights_squared = math_ops.pow(weights, 2)
        weight_sum = math_ops.segment_sum(weights_squared, segment_ids)
        embeddings = math_ops.div_no_nan(embeddings, math_ops.sqrt(weight_sum), name=scope)
    if embeddings._dtype.base_dtype != original_dtype:
        embeddings = math_ops.cast(embeddings, original_dtype)
    return embeddings


def _prune_invalid_ids(sparse_ids: SparseTensor, sparse_weights):
    is_id_valid = math_ops.greater_equal(sparse_ids.values, 0)
    if sparse_weights is not None:
        is_id_valid = math_ops.logical_and(
            is_id_valid, array_ops.ones_like(sparse_weights.values, dtype=dtypes.bool))
    sparse_ids = sparse_retain(sparse_ids, is_id_valid)
    if sparse_weights is not None:
        sparse_weights = sparse_retain(sparse_weights, is_id_valid)
    return sparse_ids, sparse_weights


def _prune_invalid_weights(sparse_ids: SparseTensor, sparse_weights):
    if sparse_weights is not None:
        is_weight_valid = math_ops.greater(sparse_weights.values, 0)
        sparse_ids = sparse_retain(sparse_ids, is_weight_valid)
        sparse_weights = sparse_retain(sparse_weights, is_weight_valid)
    return sparse_ids, sparse_weights


def safe_embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights=None,
                                 combiner: str = "mean", default_id=None, name=None,
                                 partition_strategy: str = "div", max_norm=None,
                                 allow_fast_lookup: bool = False) -> Tensor:
    """`tf.nn.safe_embedding_lookup_sparse`: `embedding_lookup_sparse` for ids of any rank that
    drops negative ids (and non-positive weights unless combining by 'sum'); rows left without ids
    give `default_id`'s embedding, or zeros. The result has the ids' leading dimensions."""
    if embedding_weights is None:
        raise ValueError("Missing embedding_weights %s." % embedding_weights)
    embedding_weights = _param_list(embedding_weights)
    if not embedding_weights:
        raise ValueError("Missing embedding_weights %s." % embedding_weights)
    dtype = sparse_weights.dtype if sparse_weights is not None else None
    embedding_weights = [w if hasattr(w, "_get_variable_list") or hasattr(w, "initializer")
                         else convert_to_tensor(w, dtype=dtype) for w in embedding_weights]
    values = embedding_weights + [sparse_ids] + ([sparse_weights] if sparse_weights is not None else [])
    with name_scope(name, "embedding_lookup", values) as scope:
        original_shape = sparse_ids.dense_shape
        original_rank_dim = _dim(original_shape.get_shape(), 0)
        original_rank = array_ops.size(original_shape) if original_rank_dim is None else original_rank_dim
        sparse_ids = sparse_reshape(sparse_ids, [
            math_ops.reduce_prod(array_ops.slice(original_shape, [0], [original_rank - 1])),
            array_ops.gather(original_shape, original_rank - 1)])
        if sparse_weights is not None:
            sparse_weights = SparseTensor(sparse_ids.indices, sparse_weights.values,
                                          sparse_ids.dense_shape)
        sparse_ids, sparse_weights = _prune_invalid_ids(sparse_ids, sparse_weights)
        if combiner != "sum":
            sparse_ids, sparse_weights = _prune_invalid_weights(sparse_ids, sparse_weights)
        sparse_ids, is_row_empty = sparse_fill_empty_rows(sparse_ids, default_id or 0)
        if sparse_weights is not None:
            sparse_weights, _ = sparse_fill_empty_rows(sparse_weights, 1.0)
        result = embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights,
                                         combiner=combiner, partition_strategy=partition_strategy,
                                         name=None if default_id is None else scope,
                                         max_norm=max_norm)
        if default_id is None:
            is_row_empty = array_ops.tile(array_ops.reshape(is_row_empty, [-1, 1]),
                                          array_ops.stack([1, array_ops.shape(result)[1]]))
            result = array_ops.where(is_row_empty, array_ops.zeros_like(result), result, name=scope)
        final = array_ops.reshape(result, array_ops.concat([
            array_ops.slice(math_ops.cast(original_shape, dtypes.int32), [0], [original_rank - 1]),
            array_ops.slice(array_ops.shape(result), [1], [-1])], 0))
        leading = unknown_shape() if original_rank_dim is None else unknown_shape(original_rank_dim - 1)
        final.set_shape(leading.concatenate(result.get_shape()[1:]))
        return final
