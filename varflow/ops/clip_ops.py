"""Clipping ops: `tf.clip_by_value`, `tf.clip_by_norm`, `tf.clip_by_global_norm`, `tf.global_norm`,
`tf.clip_by_average_norm`, built from math ops exactly as TF composes them (same gradients)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.indexed_slices import IndexedSlices
from . import array_ops, math_ops

__all__ = ["clip_by_value", "clip_by_norm", "clip_by_global_norm", "global_norm",
           "clip_by_average_norm"]


def _values(t):
    return t.values if isinstance(t, IndexedSlices) else convert_to_tensor(t)


def _rewrap(t, values: Tensor):
    if isinstance(t, IndexedSlices):
        return IndexedSlices(values, t.indices, t.dense_shape)
    return values


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """`tf.clip_by_value`: min(max(t, lo), hi); the gradient is 1 inside and at both bounds."""
    with name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as scope:
        values = _values(t)
        t_min = math_ops.minimum(values, clip_value_max)
        if not values.shape.is_compatible_with(t_min.shape) or (
                values.shape.ndims is not None and t_min.shape.ndims is not None
                and values.shape.ndims != t_min.shape.ndims):
            raise ValueError("Incompatible shapes: clip_value_max broadcasts %s to %s"
                             % (values.shape, t_min.shape))
        t_max = math_ops.maximum(t_min, clip_value_min, name=scope)
        if not values.shape.is_compatible_with(t_max.shape) or (
                values.shape.ndims is not None and t_max.shape.ndims is not None
                and values.shape.ndims != t_max.shape.ndims):
            raise ValueError("Incompatible shapes: clip_value_min broadcasts %s to %s"
                             % (values.shape, t_max.shape))
        return _rewrap(t, t_max)


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """`tf.clip_by_norm`: t * clip_norm / max(l2norm(t, axes), clip_norm)."""
    with name_scope(name, "clip_by_norm", [t, clip_norm]) as scope:
        values = _values(t)
        l2sum = math_ops.reduce_sum(values * values, axes, keepdims=True)
        pred = l2sum > 0
        l2sum_safe = math_ops.where_v2(pred, l2sum, array_ops.ones_like(l2sum))
        l2norm = math_ops.where_v2(pred, math_ops.sqrt(l2sum_safe), l2sum)
        clip_norm = convert_to_tensor(clip_norm, dtype=values.dtype.base_dtype) \
            if not isinstance(clip_norm, Tensor) else clip_norm
        intermediate = values * clip_norm
        clipped = array_ops.identity(intermediate / math_ops.maximum(l2norm, clip_norm), name=scope)
        return _rewrap(t, clipped)


def global_norm(t_list, name=None) -> Tensor:
    """`tf.global_norm`: sqrt(sum of squared L2 norms) of the tensors in `t_list` (Nones skipped)."""
    if not isinstance(t_list, (list, tuple)) or isinstance(t_list, str):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    with name_scope(name, "global_norm", [t for t in t_list if t is not None]):
        sums = []
        for t in t_list:
            if t is None:
                continue
            v = _values(t)
            sums.append(math_ops.reduce_sum(math_ops.square(v)))
        if not sums:
            return math_ops.sqrt(convert_to_tensor(0.0), name="global_norm")
        dtype = sums[0].dtype.base_dtype
        total = math_ops.add_n(sums) if len(sums) > 1 else sums[0]
        return math_ops.sqrt(math_ops.cast(total, dtype), name="global_norm")


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """`tf.clip_by_global_norm`: scale every tensor by clip_norm / max(global_norm, clip_norm).

    Returns (list_clipped, global_norm); Nones pass through; an infinite or NaN norm gives NaNs."""
    if not isinstance(t_list, (list, tuple)) or isinstance(t_list, str):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with name_scope(name, "clip_by_global_norm", [t for t in t_list if t is not None]
                    + [clip_norm]) as scope:
        use_norm = convert_to_tensor(use_norm)
        dtype = use_norm.dtype.base_dtype
        clip_norm = convert_to_tensor(clip_norm, dtype=dtype) if not isinstance(clip_norm, Tensor) \
            else clip_norm
        one = convert_to_tensor(np.ones((), dtype.np_dtype), dtype=dtype)
        scale_for_finite = clip_norm * math_ops.minimum(one / use_norm, one / clip_norm)
        scale = scale_for_finite + (use_norm - use_norm)
        clipped = []
        for i, t in enumerate(t_list):
            if t is None:
                clipped.append(None)
                continue
            v = _values(t)
            s = scale if v.dtype.base_dtype == dtype else math_ops.cast(scale, v.dtype.base_dtype)
            # TF names these "<scope>/<scope>_<i>"; the full name is given with a trailing "/"
            full = v.graph.unique_name("%s_%d" % (scope, i))
            clipped.append(_rewrap(t, array_ops.identity(v * s, name=full + "/")))
        return clipped, use_norm


def clip_by_average_norm(t, clip_norm, name=None):
    """`tf.clip_by_average_norm`: clip so that l2norm(t) / size(t) <= clip_norm."""
    with name_scope(name, "clip_by_average_norm", [t, clip_norm]) as scope:
        values = _values(t)
        dtype = values.dtype.base_dtype
        n_element = math_ops.cast(math_ops.reduce_prod(array_ops.shape(values)), dtype)
        clip_norm = convert_to_tensor(clip_norm, dtype=dtype) if not isinstance(clip_norm, Tensor) \
            else clip_norm
        l2norm_inv = math_ops.rsqrt(math_ops.reduce_sum(values * values))
        one = convert_to_tensor(np.ones((), dtype.np_dtype), dtype=dtype)
        tclip = array_ops.identity(values * clip_norm * math_ops.minimum(
            l2norm_inv * n_element, one / clip_norm), name=scope)
        return _rewrap(t, tclip)


_ = dtypes
