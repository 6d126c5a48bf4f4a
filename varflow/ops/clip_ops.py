"""Clipping ops: `tf.clip_by_value`, `tf.clip_by_norm`, `tf.clip_by_global_norm`, `tf.global_norm`,
`tf.clip_by_average_norm`, built from math ops exactly as TF composes them (same gradients)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, colocate_with, convert_to_tensor, name_scope
from ..framework.indexed_slices import IndexedSlices
from . import array_ops, constant_op, math_ops, nn_ops

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
    """`tf.clip_by_norm`: t * clip_norm / max(l2norm(t, axes), clip_norm), with TF's ops (v1
    Selects guarding the Sqrt at 0; a Python clip_norm converted where it is used)."""
    with name_scope(name, "clip_by_norm", [t, clip_norm]) as scope:
        if isinstance(clip_norm, Tensor):     # TF guards a tensor clip norm at 0 first
            clip_norm = math_ops.maximum(clip_norm, 0.0)
        values = _values(t) if isinstance(t, IndexedSlices) else convert_to_tensor(t, name="t")
        l2sum = math_ops.reduce_sum(values * values, axes, keepdims=True)
        pred = l2sum > 0
        l2sum_safe = array_ops.where(pred, l2sum, array_ops.ones_like(l2sum))
        l2norm = array_ops.where(pred, math_ops.sqrt(l2sum_safe), l2sum)
        intermediate = values * clip_norm
        clipped = array_ops.identity(intermediate / math_ops.maximum(l2norm, clip_norm), name=scope)
        return _rewrap(t, clipped)


def global_norm(t_list, name=None) -> Tensor:
    """`tf.global_norm`: sqrt(2 * sum of L2Loss(t)) over the tensors in `t_list` (Nones skipped),
    as TF builds it (one L2Loss per tensor, stack, Sum, mul by 2, a Sqrt named `global_norm`)."""
    if not isinstance(t_list, (list, tuple)) or isinstance(t_list, str):
        raise TypeError("t_list should be a sequence")
    t_list = list(t_list)
    values = [None if t is None else _values(t) for t in t_list]
    with name_scope(name, "global_norm", [v for v in values if v is not None]):
        half_squared_norms = []
        for v in values:
            if v is not None:
                with colocate_with(v._op):
                    half_squared_norms.append(nn_ops.l2_loss(v))
        half_squared_norm = math_ops.reduce_sum(array_ops.stack(half_squared_norms))
        two = constant_op.constant(2.0, dtype=half_squared_norm.dtype.base_dtype)
        return math_ops.sqrt(half_squared_norm * two, name="global_norm")


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
        scale_for_finite = clip_norm * math_ops.minimum(
            1.0 / use_norm, constant_op.constant(1.0, dtype=dtype) / clip_norm)
        # a NaN or infinite norm makes every value NaN, as in TF
        scale = scale_for_finite + (use_norm - use_norm)
        clipped = []
        for i, t in enumerate(t_list):
            if t is None:
                clipped.append(None)
                continue
            v = _values(t)
            with colocate_with(v._op):
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
