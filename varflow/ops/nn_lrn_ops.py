"""Local response normalization (`tf.nn.local_response_normalization`, alias `tf.nn.lrn`).

Ops LRN and LRNGrad. Along the last (depth) axis of a rank-4 input, each value is divided by
`(bias + alpha * sum of squares over the 2 * depth_radius + 1 nearest depths) ** beta`; sums are
windowed differences of a cumulative sum, computed in float64 and returned in the input's dtype.
As in TF, the ops take float16, bfloat16 and float32 only, and LRNGrad has no gradient of its own.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor
from ..framework.registry import define
from ..framework.tensor_shape import unknown_shape
from .op_util import check_dtype_in, make1

__all__ = ["local_response_normalization", "lrn"]

_LRN_TYPES = (dtypes.float16, dtypes.bfloat16, dtypes.float32)


def _window_sum(v: np.ndarray, radius: int) -> np.ndarray:
    """sum(v[..., max(0, d - radius) : d + radius + 1]) for every depth d (float64)."""
    depth = v.shape[-1]
    c = np.concatenate([np.zeros(v.shape[:-1] + (1,)), np.cumsum(v, axis=-1)], axis=-1)
    d = np.arange(depth)
    hi = np.minimum(d + radius + 1, depth)
    lo = np.maximum(d - radius, 0)
    return c[..., hi] - c[..., lo]


def _norm(x64: np.ndarray, depth_radius, bias, alpha) -> np.ndarray:
    return bias + alpha * _window_sum(x64 * x64, int(depth_radius))


def _check_rank4(op_type: str, *arrays) -> None:
    for a in arrays:
        if a.ndim != 4:
            raise errors.InvalidArgumentError(None, None, "%s: input must be 4-dimensional, got "
                                              "shape %s" % (op_type, list(a.shape)))


def _lrn_kernel(x, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5):
    _check_rank4("LRN", x)
    x64 = x.astype(np.float64)
    return (x64 * _norm(x64, depth_radius, bias, alpha) ** -beta).astype(x.dtype)


def _lrn_grad_kernel(g, x, y, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5):
    """d/dx of sum(g * lrn(x)): g * N^-beta - 2 alpha beta x * window_sum(g * x * N^(-beta-1))."""
    _check_rank4("LRNGrad", g, x, y)
    if not g.shape == x.shape == y.shape:
        raise errors.InvalidArgumentError(None, None, "LRNGrad: input_grads, input_image and "
                                          "output_image must have the same shape, got %s, %s, %s"
                                          % (list(g.shape), list(x.shape), list(y.shape)))
    x64, g64 = x.astype(np.float64), g.astype(np.float64)
    n = _norm(x64, depth_radius, bias, alpha)
    scaled = g64 * x64 * n ** (-beta - 1.0)
    dx = g64 * n ** -beta - 2.0 * alpha * beta * x64 * _window_sum(scaled, int(depth_radius))
    return dx.astype(g.dtype)


def _rank4(op_type: str, t: Tensor):
    if t._shape.ndims is None:
        return unknown_shape(4)
    if t._shape.ndims != 4:
        raise ValueError("Shape must be rank 4 but is rank %d for '%s' with input shapes: %s."
                         % (t._shape.ndims, op_type, t._shape))
    return t._shape


def _lrn_rule(inputs, attrs):
    x = inputs[0]
    check_dtype_in("LRN", x, _LRN_TYPES, "input")
    return [(x._dtype.base_dtype, _rank4("LRN", x))]


def _lrn_grad_rule(inputs, attrs):
    shape = inputs[0]._shape
    for t in inputs:
        shape = shape.merge_with(_rank4("LRNGrad", t))
    return [(inputs[0]._dtype.base_dtype, shape)]


def _lrn_grad(op, g):
    attrs = {k: op._attrs[k] for k in ("depth_radius", "bias", "alpha", "beta")}
    return [make1("LRNGrad", [g, op._inputs[0], op._outputs[0]], attrs)]


define("LRN", _lrn_rule, _lrn_kernel, grad=_lrn_grad)
define("LRNGrad", _lrn_grad_rule, _lrn_grad_kernel)   # no gradient: LookupError, as in TF


def local_response_normalization(input, depth_radius: int = 5, bias: float = 1.0,  # noqa: A002
                                 alpha: float = 1.0, beta: float = 0.5, name=None) -> Tensor:
    """`tf.nn.local_response_normalization`: input / (bias + alpha * sqr_sum) ** beta, where
    sqr_sum sums the squares of the depths within depth_radius of each depth (NHWC input)."""
    x = convert_to_tensor(input, name="input")
    # as every float attr in varflow: the value as written (a NodeDef stores it as float32, and
    # GraphDef import reads back the shortest decimal that rounds to it, so 0.1 stays 0.1)
    attrs = {"depth_radius": int(depth_radius), "bias": float(bias), "alpha": float(alpha),
             "beta": float(beta)}
    return make1("LRN", [x], attrs, name=name or "LRN")


lrn = local_response_normalization
