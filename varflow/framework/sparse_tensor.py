"""`tf.SparseTensor`: a sparse value as three dense tensors (indices, values, dense_shape).

Like `IndexedSlices` it is a composite, not a `Tensor`: ops that take one read its three
components, `Session.run` fetches it as a `SparseTensorValue` and feeds it component by component
(`_fetch_components` / `_feed_components`), and `convert_to_tensor` refuses it with TF's TypeError.
"""
from __future__ import annotations

import collections

from . import dtypes
from . import graph as graph_lib
from .graph import Tensor, _run_with, convert_to_tensor, name_scope, register_tensor_conversion_function
from .tensor_shape import TensorShape, as_shape, unknown_shape

SparseTensorValue = collections.namedtuple("SparseTensorValue", ["indices", "values", "dense_shape"])


class SparseTensor:
    """Entries `values[i]` at `indices[i]` of a tensor of shape `dense_shape`; the rest is zero."""

    def __init__(self, indices, values, dense_shape) -> None:
        """Build from [nnz, rank] int64 indices, [nnz] values and the [rank] int64 dense shape (each
        converted in a `SparseTensor` name scope, as TF names them: SparseTensor/indices, ...)."""
        with name_scope(None, "SparseTensor", [indices, values, dense_shape]):
            indices = convert_to_tensor(indices, name="indices", dtype=dtypes.int64)
            values = convert_to_tensor(values, name="values")
            dense_shape = convert_to_tensor(dense_shape, name="dense_shape", dtype=dtypes.int64)
        indices_shape = indices._shape.with_rank(2)
        values_shape = values._shape.with_rank(1)
        shape_of_shape = dense_shape._shape.with_rank(1)
        _check_dims(indices_shape[0], values_shape[0])          # nnz
        _check_dims(indices_shape[1], shape_of_shape[0])        # rank
        self._indices = indices
        self._values = values
        self._dense_shape = dense_shape
        self._dense_shape_default = _static_dense_shape(dense_shape)

    @classmethod
    def from_value(cls, sparse_tensor_value) -> "SparseTensor":
        """A SparseTensor of a SparseTensorValue (or a copy of a SparseTensor's components)."""
        if not is_sparse(sparse_tensor_value):
            raise TypeError("Neither a SparseTensor nor SparseTensorValue: %s." % (sparse_tensor_value,))
        return SparseTensor(indices=sparse_tensor_value.indices, values=sparse_tensor_value.values,
                            dense_shape=sparse_tensor_value.dense_shape)

    @property
    def indices(self) -> Tensor:
        """The [nnz, rank] int64 coordinates of the entries."""
        return self._indices

    @property
    def values(self) -> Tensor:
        """The [nnz] entry values."""
        return self._values

    @property
    def dense_shape(self) -> Tensor:
        """The [rank] int64 shape of the dense tensor this stands for."""
        return self._dense_shape

    @property
    def dtype(self) -> dtypes.DType:
        """The dtype of the values."""
        return self._values._dtype

    @property
    def op(self) -> "graph_lib.Operation":
        """The op producing the values."""
        return self._values._op

    @property
    def graph(self) -> "graph_lib.Graph":
        """The graph the components belong to."""
        return self._indices._op._graph

    @property
    def shape(self) -> TensorShape:
        """The static dense shape (as far as `dense_shape` is known when building)."""
        return self._dense_shape_default

    def get_shape(self) -> TensorShape:
        """The static dense shape (`shape`)."""
        return self._dense_shape_default

    def set_shape(self, shape) -> None:
        """Refine the static dense shape; ValueError when `shape` contradicts it."""
        self._dense_shape_default = self._dense_shape_default.merge_with(as_shape(shape))

    def consumers(self) -> list:
        """The ops reading any of the three components (each once)."""
        seen: list = []
        for t in (self._indices, self._values, self._dense_shape):
            for op in t._consumers:
                if op not in seen:
                    seen.append(op)
        return seen

    def with_values(self, new_values) -> "SparseTensor":
        """The same indices and dense shape with other values."""
        new_values = convert_to_tensor(new_values)
        out = SparseTensor(self._indices, new_values, self._dense_shape)
        out._dense_shape_default = self._dense_shape_default
        return out

    def eval(self, feed_dict=None, session=None) -> SparseTensorValue:
        """Run this sparse tensor in `session` (default: the default session)."""
        return _run_with(session, self, feed_dict, "eval()")

    # --- Session.run -----------------------------------------------------------------------------
    def _fetch_components(self):
        def rebuild(values):
            return SparseTensorValue(values[0], values[1], values[2])
        return [self._indices, self._values, self._dense_shape], rebuild

    def _feed_components(self, value) -> list:
        """(tensor, value) pairs feeding this SparseTensor from `value`, zipped as TF zips a
        SparseTensorValue or an (indices, values, dense_shape) sequence with the components."""
        return list(zip((self._indices, self._values, self._dense_shape), value))

    # --- elementwise operators with a dense operand (SparseDenseCwiseMul/Div) ---------------------
    def __mul__(self, other):
        from ..ops import sparse_ops

        return sparse_ops._cwise_operator(self, other, "mul", "SparseDenseCwiseMul")

    def __truediv__(self, other):
        from ..ops import sparse_ops

        return sparse_ops._cwise_operator(self, other, "truediv", "SparseDenseCwiseDiv")

    def __div__(self, other):
        from ..ops import sparse_ops

        return sparse_ops._cwise_operator(self, other, "div", "SparseDenseCwiseDiv")

    def __repr__(self):
        return "SparseTensor(indices=%s, values=%s, dense_shape=%s)" % (
            self._indices, self._values, self._dense_shape)


def _check_dims(a, b) -> None:
    if a is not None and b is not None and a != b:
        raise ValueError("Dimensions %d and %d are not compatible" % (a, b))


def _static_dense_shape(dense_shape: Tensor) -> TensorShape:
    """TF's `constant_value_as_shape` of the dense_shape tensor."""
    from ..ops import array_ops

    if dense_shape._shape.ndims is None:
        return unknown_shape()
    return array_ops._shape_from_tensor(dense_shape)


def is_sparse(x) -> bool:
    """Whether `x` is a SparseTensor or a SparseTensorValue."""
    return isinstance(x, (SparseTensor, SparseTensorValue))


def is_tensor(x) -> bool:
    """`tf.is_tensor`: True for Tensors, tensor-like objects (variables) and SparseTensors."""
    return x.__class__ is SparseTensor or graph_lib.is_tensor(x)


def convert_to_tensor_or_sparse_tensor(value, dtype=None, name=None) -> "Tensor | SparseTensor":
    """`tf.convert_to_tensor_or_sparse_tensor`: a SparseTensor (from a SparseTensorValue too) as
    it is, anything else converted to a Tensor."""
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    if isinstance(value, SparseTensorValue):
        value = SparseTensor.from_value(value)
    if isinstance(value, SparseTensor):
        if dtype is not None and not dtype.is_compatible_with(value.dtype):
            raise RuntimeError("Sparse dtype: requested = %s, actual = %s" % (dtype.name, value.dtype.name))
        return value
    return convert_to_tensor(value, dtype=dtype, name=name)


def _refuse_conversion(value, dtype=None, name=None, as_ref=False):
    """`convert_to_tensor(sparse_tensor)`: TF's TypeError (use tf.sparse.to_dense)."""
    if dtype is not None:
        raise TypeError("Expected %s, but got %s of type 'SparseTensor'. Use tf.sparse.to_dense(sp) "
                        "for the dense tensor." % (dtypes.as_dtype(dtype).name, value))
    raise TypeError("Failed to convert elements of %s to Tensor. Consider casting elements to a "
                    "supported type (a SparseTensor is not a Tensor: use tf.sparse.to_dense(sp) for "
                    "the dense tensor)." % (value,))


register_tensor_conversion_function(SparseTensor, _refuse_conversion)
