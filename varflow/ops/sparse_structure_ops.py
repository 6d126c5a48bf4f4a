"""Sparse structure functions: `tf.sparse.expand_dims`, `eye`, `to_indicator`, `merge`,
`reset_shape` and `mask` (and the TF1 `tf.sparse_*` spellings TF keeps for them).

These are composites in TensorFlow too: each builds the graph of ordinary ops (Slice, ConcatV2,
SparseReorder, SparseToDense, ListDiff, ...) that TF's Python wrapper builds, with its op names.
"""
from __future__ import annotations

import numbers

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, control_dependencies, convert_to_tensor, name_scope
from ..framework.indexed_slices import IndexedSlices
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import array_ops, logging_ops, math_ops, op_util
from .sparse_ops import (_INT64, _as_is, _convert_to_sparse_tensor, _dim, _typed, sparse_reorder,
                         sparse_tensor_to_dense)

__all__ = [
    "sparse_expand_dims", "sparse_eye", "sparse_to_indicator", "sparse_merge", "sparse_reset_shape",
    "sparse_mask",
]


def _sparse(indices: Tensor, values: Tensor, dense_shape: Tensor, static: TensorShape) -> SparseTensor:
    """A SparseTensor over existing tensors with a given static shape, opening no name scope (TF's
    wrappers return the reordered entries with the shape tensor they computed)."""
    out = SparseTensor.__new__(SparseTensor)
    out._indices, out._values, out._dense_shape = indices, values, dense_shape
    out._dense_shape_default = static
    return out


def _static_value(t: Tensor):
    v = op_util.const_value(t)
    return None if v is None else [int(d) for d in np.reshape(v, [-1])]


# =================================================================================================
# expand_dims
# =================================================================================================
def sparse_expand_dims(sp_input, axis=None, name=None) -> SparseTensor:
    """`tf.sparse.expand_dims`: a dimension of size 1 inserted at `axis` (-1, the end, by default;
    negative axes count from the end of the result)."""
    rank = _dim(sp_input.indices.get_shape(), 1)       # (a dense input fails here, as in TF)
    if rank is None:
        rank = _dim(sp_input.dense_shape.get_shape(), 0)
    if rank is None:
        raise ValueError("Cannot convert unknown Dimension ? to a Tensor.")
    rank = int(rank)
    if axis is None:
        axis = -1
    if not isinstance(axis, Tensor) and not isinstance(axis, (numbers.Integral, np.integer)):
        raise TypeError("axis must be an integer value in range [-rank(sp_input) - 1, rank(sp_input)]")
    with name_scope(name, "expand_dims", [sp_input]):
        axis_t = convert_to_tensor(axis, name="axis")
        static_axis = _static_value(axis_t)
        if static_axis is not None and static_axis[0] > rank:
            raise ValueError("Negative dimension size caused by subtracting %d from %d for '{{node "
                             "expand_dims/Slice_1}} = Slice[Index=DT_INT32, T=DT_INT64]'"
                             % (static_axis[0], rank))
        axis_t = array_ops.where_v2(axis_t >= 0, axis_t, axis_t + rank + 1)
        column = None if static_axis is None else static_axis[0] if static_axis[0] >= 0 \
            else static_axis[0] + rank + 1
        column = None if column is None or not 0 <= column <= rank else column
        nnz = array_ops.shape(sp_input.indices)[0]
        zeros = array_ops.zeros([nnz, 1], dtype=_INT64)
        before = array_ops.slice(sp_input.indices, [0, 0], [-1, axis_t])
        after = array_ops.slice(sp_input.indices, [0, axis_t], [-1, -1])
        n = sp_input.indices.get_shape()[0]
        if column is not None:
            before.set_shape([n, column])
            after.set_shape([n, rank - column])
        indices = array_ops.concat([before, zeros, after], axis=1)
        shape_before = array_ops.slice(sp_input.dense_shape, [0], [axis_t])
        shape_after = array_ops.slice(sp_input.dense_shape, [axis_t], [-1])
        new_dim = convert_to_tensor([1], dtype=_INT64, name="new_shape")
        dense_shape = array_ops.concat([shape_before, new_dim, shape_after], axis=0)
        if column is not None:
            indices.set_shape([n, rank + 1])
            shape_before.set_shape([column])
            shape_after.set_shape([rank - column])
            dense_shape.set_shape([rank + 1])
        return SparseTensor(indices, sp_input.values, dense_shape)


# =================================================================================================
# eye
# =================================================================================================
def _int64_tensor(value, name: str) -> Tensor:
    if isinstance(value, Tensor):
        if value._dtype.base_dtype not in (dtypes.int32, dtypes.int64):
            raise TypeError("%s must be an integer Tensor, got %s" % (name, value._dtype.base_dtype.name))
        return math_ops.cast(value, _INT64)
    return convert_to_tensor(value, dtype=_INT64, name=name)


def sparse_eye(num_rows, num_columns=None, dtype=dtypes.float32, name=None) -> SparseTensor:
    """`tf.sparse.eye`: the [num_rows, num_columns] identity as a SparseTensor (ones on the diagonal)."""
    with name_scope(name, "eye", [num_rows, num_columns]):
        num_rows = _int64_tensor(num_rows, "num_rows")
        num_columns = num_rows if num_columns is None else _int64_tensor(num_columns, "num_columns")
        diag_size = math_ops.minimum(num_rows, num_columns)
        diag_range = math_ops.range(diag_size, dtype=_INT64)
        return SparseTensor(indices=array_ops.stack([diag_range, diag_range], axis=1),
                            values=array_ops.ones(diag_size, dtype=dtype),
                            dense_shape=[num_rows, num_columns])


# =================================================================================================
# merge / to_indicator
# =================================================================================================
def _merge_impl(sp_ids, sp_values, vocab_size, already_sorted: bool) -> SparseTensor:
    """The entries of `sp_values` moved to [row..., id] (the rows of the first ids tensor, one
    trailing id column per ids tensor),
    reordered unless `already_sorted`; built in the caller's name scope."""
    if isinstance(sp_ids, SparseTensor) and isinstance(vocab_size, (Tensor, numbers.Integral, np.integer)):
        sp_ids, vocab_size = [sp_ids], [vocab_size]
    else:
        if not isinstance(sp_ids, (list, tuple)) or not all(isinstance(s, SparseTensor) for s in sp_ids):
            raise TypeError("sp_ids has to be a SparseTensor or list thereof. Found %s" % type(sp_ids))
        if not isinstance(vocab_size, (list, tuple)) or not all(
                isinstance(v, (Tensor, numbers.Integral, np.integer)) for v in vocab_size):
            raise TypeError("vocab_size has to be a list of Tensors or Python ints. Found %s"
                            % type(vocab_size))
        if len(sp_ids) != len(vocab_size):
            raise ValueError("sp_ids and vocab_size have to have equal lengths.")
    if not isinstance(vocab_size, (list, tuple)):
        raise TypeError("vocab_size has to be a list of Tensors or Python ints. Found %s" % type(vocab_size))
    sp_ids = [_convert_to_sparse_tensor(s) for s in sp_ids]
    sp_values = _convert_to_sparse_tensor(sp_values)
    ids_columns = [array_ops.expand_dims(math_ops.cast(s.values, _INT64), 1) for s in sp_ids]
    sizes = [math_ops.cast(v, _INT64) for v in vocab_size]
    indices = array_ops.concat([sp_ids[0].indices[:, :-1]] + ids_columns, 1)
    dense_shape = array_ops.concat([sp_ids[0].dense_shape[:-1], sizes], 0)
    static = unknown_shape()
    lead = sp_ids[0].get_shape()
    size_values = [v if not isinstance(v, Tensor) else _static_scalar(v) for v in vocab_size]
    if lead.ndims is not None:
        static = TensorShape(lead.as_list()[:-1] + [None if v is None else int(v) for v in size_values])
    if already_sorted:
        return _sparse(indices, sp_values.values, dense_shape, static)
    ordered = sparse_reorder(SparseTensor(indices, sp_values.values, dense_shape))
    return _sparse(ordered.indices, ordered.values, dense_shape, static)


def _static_scalar(t: Tensor):
    v = op_util.const_value(t)
    return None if v is None or np.size(v) != 1 else int(np.reshape(v, [-1])[0])


def sparse_merge(sp_ids, sp_values, vocab_size, name=None, already_sorted: bool = False) -> SparseTensor:
    """`tf.sparse.merge` (deprecated in TF): a SparseTensor whose last dimension is the id of each
    entry of `sp_ids` (size `vocab_size`), holding the matching value of `sp_values`. Lists of ids
    and vocabulary sizes add one dimension each."""
    ids_list = sp_ids if isinstance(sp_ids, (list, tuple)) else [sp_ids]
    with name_scope(name, "SparseMerge", list(ids_list) + [sp_values]):
        return _merge_impl(sp_ids, sp_values, vocab_size, already_sorted)


def sparse_to_indicator(sp_input, vocab_size, name=None) -> Tensor:
    """`tf.sparse.to_indicator`: a dense bool tensor with one more dimension of size `vocab_size`,
    True at [row..., id] for each id among the entries of a row of the int SparseTensor."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    with name_scope(name, "SparseToIndicator", [sp_input]) as scope:
        num_entries = array_ops.shape(sp_input.indices)[0]
        new_values = array_ops.fill(array_ops.expand_dims(num_entries, 0), True)
        sp_values = SparseTensor(sp_input.indices, new_values, sp_input.dense_shape)
        sp_new = _merge_impl(sp_input, sp_values, vocab_size, False)
        return sparse_tensor_to_dense(sp_new, default_value=False, validate_indices=False, name=scope)


# =================================================================================================
# reset_shape
# =================================================================================================
def sparse_reset_shape(sp_input, new_shape=None) -> SparseTensor:
    """`tf.sparse.reset_shape`: the same entries with dense shape `new_shape` (each dimension at
    least the old one), or without it the tightest shape holding the entries."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    indices = array_ops.identity(sp_input.indices)
    values = array_ops.identity(sp_input.values)
    in_shape = array_ops.identity(sp_input.dense_shape)
    if new_shape is None:
        dim_low_bound = math_ops.reduce_max(indices, axis=0)
        output_shape = math_ops.maximum(convert_to_tensor(0, dtype=_INT64),
                                        math_ops.add(dim_low_bound, array_ops.ones_like(in_shape)))
        return SparseTensor(indices, values, output_shape)
    output_shape = math_ops.cast(convert_to_tensor(new_shape), _INT64)
    output_shape.get_shape().assert_has_rank(1)
    wanted = output_shape.get_shape()[0]
    have = in_shape.get_shape()[0]
    if wanted is not None and have is not None and int(wanted) != int(have):
        raise ValueError("Dimensions %d and %d are not compatible" % (int(wanted), int(have)))
    new_value = _static_value(output_shape)
    static_in = sp_input.get_shape()
    if new_value is not None and static_in.is_fully_defined():
        old = static_in.as_list()
        if any(o > n for o, n in zip(old, new_value)):
            # (TF's message names the two shapes the other way round; kept as TF words it)
            raise ValueError("Requested new_shape should have dimension sizes >= sp_input.shape.  Found "
                             "new_shape (%s), sp_input.shape (%s)." % (_np_str(old), _np_str(new_value)))
        return SparseTensor(indices, values, new_value)
    rank_check = logging_ops.assert_equal(array_ops.shape(in_shape), array_ops.shape(output_shape))
    with control_dependencies([rank_check]):
        output_shape = array_ops.identity(output_shape, name="control_dependency")
    size_check = logging_ops.assert_less_equal(in_shape, output_shape)
    with control_dependencies([size_check]):
        output_shape = array_ops.identity(output_shape, name="control_dependency")
    return SparseTensor(indices, values, output_shape)


def _np_str(values) -> str:
    return "[" + " ".join(str(int(v)) for v in values) + "]"


# =================================================================================================
# mask (IndexedSlices)
# =================================================================================================
def sparse_mask(a, mask_indices, name=None) -> IndexedSlices:
    """`tf.sparse.mask`: the IndexedSlices `a` without the slices whose indices are in
    `mask_indices` (same dense shape)."""
    with name_scope(name, "sparse_mask", [a, mask_indices]) as scope:
        indices = a.indices
        out_indices, to_gather = array_ops._wrapped_op(
            "ListDiff", None, [("x", indices, _as_is), ("y", mask_indices, _typed(indices._dtype.base_dtype))],
            {"out_idx": dtypes.int32})._outputs
        out_values = array_ops.gather(a.values, to_gather, name=scope)
        return IndexedSlices(out_values, out_indices, a.dense_shape)
