"""`tf.IndexedSlices`: a sparse gradient (rows `indices` of a dense tensor) as gather ops produce."""
from __future__ import annotations

import collections

from .graph import Tensor, register_tensor_conversion_function

IndexedSlicesValue = collections.namedtuple("IndexedSlicesValue", ["values", "indices", "dense_shape"])


class IndexedSlices:
    """`values[i]` is row `indices[i]` of a tensor of shape `dense_shape`; repeated rows add."""

    def __init__(self, values: Tensor, indices: Tensor, dense_shape: Tensor | None = None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def values(self) -> Tensor:
        return self._values

    @property
    def indices(self) -> Tensor:
        return self._indices

    @property
    def dense_shape(self):
        return self._dense_shape

    @property
    def name(self) -> str:
        return self._values.name

    @property
    def dtype(self):
        return self._values.dtype

    @property
    def op(self):
        return self._values.op

    @property
    def graph(self):
        return self._values.graph

    @property
    def device(self) -> str:
        return self._values.device

    @property
    def shape(self):
        """The static shape `dense_shape` stands for (TF's rule: unknown without a dense_shape)."""
        from .tensor_shape import unknown_shape

        if self._dense_shape is None:
            return unknown_shape()
        from ..ops.array_ops import _shape_from_tensor

        return _shape_from_tensor(self._dense_shape)

    def get_shape(self):
        return self.shape

    def _fetch_components(self):
        parts = [self._values, self._indices]
        if self._dense_shape is not None:
            parts.append(self._dense_shape)

        def rebuild(values):
            return IndexedSlicesValue(values[0], values[1], values[2] if len(values) > 2 else None)
        return parts, rebuild

    def __neg__(self):
        from ..ops import math_ops

        return IndexedSlices(math_ops.negative(self._values), self._indices, self._dense_shape)

    def __repr__(self):
        return "IndexedSlices(indices=%s, values=%s%s)" % (
            self._indices, self._values,
            "" if self._dense_shape is None else ", dense_shape=%s" % self._dense_shape)


def densify(value: IndexedSlices, dtype=None, name=None, as_ref=False) -> Tensor:
    """The dense tensor an IndexedSlices stands for (rows summed where indices repeat)."""
    from ..ops import array_ops, math_ops

    if dtype is not None and not dtype.is_compatible_with(value.dtype):
        raise ValueError("Tensor conversion requested dtype %s for IndexedSlices with dtype %s"
                         % (dtype.name, value.dtype.name))
    if value.dense_shape is None:
        raise ValueError("Tensor conversion requested for IndexedSlices without dense_shape: %s"
                         % value)
    rows = array_ops.gather(value.dense_shape, 0)
    return math_ops.unsorted_segment_sum(value.values, value.indices, rows, name=name)


register_tensor_conversion_function(IndexedSlices, densify)
