"""`tf.create_partitioned_variables`: the deprecated TF1 way to make a variable split in parts,
returned as the plain list of its parts (`name/part_0`, `name/part_1`, ...)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor
from .variable_scope import _get_partitioned_variable, _stores

__all__ = ["create_partitioned_variables"]


def _check_slicing(shape: list, slicing: list) -> None:
    if len(shape) != len(slicing):
        raise ValueError("The 'shape' and 'slicing' of a partitioned Variable must have the length: "
                         "shape: %s, slicing: %s" % (shape, slicing))
    if len(shape) < 1:
        raise ValueError("A partitioned Variable must have rank at least 1: shape: %s" % shape)
    for dim, (size, parts) in enumerate(zip(shape, slicing)):
        if int(parts) > int(size):          # more parts than rows: a part would start past the end
            offset = [0] * len(shape)
            offset[dim] = int(size)
            raise ValueError("Expected 0 <= offset < shape but found offset=%d, shape=%d for "
                             "var_offset=%s, full_shape=%s: use at most %d slices along axis %d."
                             % (int(size), int(size), offset, list(shape), int(size), dim))


def create_partitioned_variables(shape, slicing, initializer, dtype=dtypes.float32, trainable=True,
                                 collections=None, name=None, reuse=None) -> list:
    """A variable of `shape` split along the one axis where `slicing` is > 1, as a list of parts.

    `initializer` is an initializer (called per part) or a full value sliced per part.
    Prefer `tf.get_variable(..., partitioner=...)`, which returns a PartitionedVariable."""
    shape = [int(d) for d in shape]
    slicing = [int(s) for s in slicing]
    _check_slicing(shape, slicing)
    dtype = dtypes.as_dtype(dtype)
    if initializer is not None and not callable(initializer) and not isinstance(initializer, Tensor):
        initializer = np.asarray(initializer, dtype=dtype.as_numpy_dtype)
    store, scopes = _stores()
    scope = scopes.current_scope
    base = name or "PartitionedVariable"
    full_name = scope.name + "/" + base if scope.name else base
    if reuse is None:
        reuse = scope.reuse
    partitioned = _get_partitioned_variable(
        store, full_name, shape, dtype, initializer, None, reuse, trainable, collections,
        scope.caching_device, lambda **_: slicing, True, scope.use_resource, None)
    return list(partitioned)
