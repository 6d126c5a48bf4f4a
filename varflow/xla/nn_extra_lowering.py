"""Lowerings of LRN, LRNGrad, DepthToSpace, SpaceToDepth, SpaceToBatchND, BatchToSpaceND, Dilation2D
and its backprop ops (ops/nn_lrn_ops.py, nn_spatial_ops.py, nn_morph_ops.py) into the shared table
`lowering.LOWERINGS`.

Importing this module registers them. Inputs the NumPy kernels refuse (sizes that do not divide,
negative paddings, wrong ranks) raise NotStaticError here, so the segment falls back to the
kernels and they raise TF's errors. Block shapes, paddings and crops must be known while tracing.
"""
from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from .lowering import NotStaticError, _lower, ints


# --- LRN ----------------------------------------------------------------------------------------
def _window_sum(v, radius: int):
    depth = v.shape[-1]
    c = jnp.concatenate([jnp.zeros(v.shape[:-1] + (1,), v.dtype), jnp.cumsum(v, axis=-1)], axis=-1)
    d = np.arange(depth)
    return c[..., np.minimum(d + radius + 1, depth)] - c[..., np.maximum(d - radius, 0)]


def _lrn_forward(op, x):
    if x.ndim != 4:
        raise NotStaticError("LRN needs a rank-4 input (the NumPy kernel reports it)")
    a = op._attrs
    x32 = x.astype(jnp.float32) if x.dtype.itemsize < 4 else x
    radius = min(int(a["depth_radius"]), max(x.shape[-1] - 1, 0))
    n = a["bias"] + a["alpha"] * _window_sum(x32 * x32, radius)
    return (x32 * n ** -a["beta"]).astype(x.dtype)


@_lower("LRN")
def _lrn(op, x):
    return _lrn_forward(op, x)


@_lower("LRNGrad")
def _lrn_grad(op, g, x, y):
    if not g.shape == x.shape == y.shape:
        raise NotStaticError("LRNGrad shape mismatch (the NumPy kernel reports it)")
    return jax.vjp(lambda v: _lrn_forward(op, v), x)[1](g)[0]


# --- DepthToSpace / SpaceToDepth ------------------------------------------------------------------
def _nhwc(x, fmt):
    return x if fmt == "NHWC" else jnp.transpose(x, (0, 2, 3, 1))


def _from_nhwc(x, fmt):
    return x if fmt == "NHWC" else jnp.transpose(x, (0, 3, 1, 2))


@_lower("DepthToSpace")
def _depth_to_space(op, x):
    b, fmt = op._attrs["block_size"], op._attrs["data_format"]
    if x.ndim != 4 or fmt not in ("NHWC", "NCHW"):
        raise NotStaticError("DepthToSpace input the NumPy kernel reports")
    y = _nhwc(x, fmt)
    n, h, w, c = y.shape
    if c % (b * b):
        raise NotStaticError("DepthToSpace depth not divisible (the NumPy kernel reports it)")
    y = jnp.reshape(y, (n, h, w, b, b, c // (b * b)))
    y = jnp.transpose(y, (0, 1, 3, 2, 4, 5)).reshape(n, h * b, w * b, c // (b * b))
    return _from_nhwc(y, fmt)


@_lower("SpaceToDepth")
def _space_to_depth(op, x):
    b, fmt = op._attrs["block_size"], op._attrs["data_format"]
    if x.ndim != 4 or fmt not in ("NHWC", "NCHW"):
        raise NotStaticError("SpaceToDepth input the NumPy kernel reports")
    y = _nhwc(x, fmt)
    n, h, w, c = y.shape
    if h % b or w % b:
        raise NotStaticError("SpaceToDepth size not divisible (the NumPy kernel reports it)")
    y = jnp.reshape(y, (n, h // b, b, w // b, b, c))
    y = jnp.transpose(y, (0, 1, 3, 2, 4, 5)).reshape(n, h // b, w // b, b * b * c)
    return _from_nhwc(y, fmt)


# --- SpaceToBatchND / BatchToSpaceND --------------------------------------------------------------
def _block_and_pairs(x, block, pairs):
    bs = ints(block)
    flat = ints(pairs)
    m = len(bs)
    if len(flat) != 2 * m or x.ndim < m + 1 or any(b < 1 for b in bs) or any(v < 0 for v in flat):
        raise NotStaticError("block/paddings the NumPy kernel reports")
    return bs, [(flat[2 * i], flat[2 * i + 1]) for i in range(m)]


@_lower("SpaceToBatchND")
def _space_to_batch_nd(op, x, block, paddings):
    bs, pads = _block_and_pairs(x, block, paddings)
    m = len(bs)
    xp = jnp.pad(x, [(0, 0)] + pads + [(0, 0)] * (x.ndim - m - 1))
    if any(xp.shape[i + 1] % b for i, b in enumerate(bs)):
        raise NotStaticError("padded size not divisible (the NumPy kernel reports it)")
    shape = [xp.shape[0]]
    for i, b in enumerate(bs):
        shape += [xp.shape[i + 1] // b, b]
    rest = list(xp.shape[m + 1:])
    perm = ([2 + 2 * i for i in range(m)] + [0] + [1 + 2 * i for i in range(m)]
            + list(range(1 + 2 * m, 1 + 2 * m + len(rest))))
    y = jnp.transpose(jnp.reshape(xp, shape + rest), perm)
    return jnp.reshape(y, [xp.shape[0] * math.prod(bs)] + shape[1::2] + rest)


@_lower("BatchToSpaceND")
def _batch_to_space_nd(op, x, block, crops):
    bs, crops = _block_and_pairs(x, block, crops)
    m, prod = len(bs), math.prod(bs)
    if x.shape[0] % prod:
        raise NotStaticError("batch not divisible (the NumPy kernel reports it)")
    batch, spatial, rest = x.shape[0] // prod, list(x.shape[1:m + 1]), list(x.shape[m + 1:])
    y = jnp.reshape(x, bs + [batch] + spatial + rest)
    perm = [m] + [p for i in range(m) for p in (m + 1 + i, i)] + list(range(2 * m + 1, y.ndim))
    y = jnp.reshape(jnp.transpose(y, perm), [batch] + [d * b for d, b in zip(spatial, bs)] + rest)
    index = [slice(None)]
    for (start, end), d, b in zip(crops, spatial, bs):
        if start + end > d * b:
            raise NotStaticError("crops too large (the NumPy kernel reports it)")
        index.append(slice(start, d * b - end))
    return y[tuple(index)]


# --- Dilation2D and its backprop ops (ops/nn_morph_ops.py) ----------------------------------------
def _dilation_taps(op, x, f):
    """(stacked candidates [taps, N, Ho, Wo, C] with padding at -inf, taps, padded shape, pads)."""
    from ..ops import nn_morph_ops
    if not jnp.issubdtype(x.dtype, jnp.floating):
        raise NotStaticError("integer Dilation2D runs on the NumPy kernel")
    attrs = op._attrs
    s, r = attrs["strides"], attrs["rates"]
    if x.ndim != 4 or f.ndim != 3 or x.shape[3] != f.shape[2] or (s[0], s[3], r[0], r[3]) != (1,) * 4:
        raise NotStaticError("Dilation2D input the NumPy kernel reports")
    try:
        (ho, pt, pb), (wo, pl, pr) = nn_morph_ops._geometry(x.shape[1], x.shape[2], f.shape[0],
                                                            f.shape[1], attrs)
    except nn_morph_ops._NegativeSizeError:
        raise NotStaticError("negative output size (the NumPy kernel reports it)") from None
    pads = [(0, 0), (pt, pb), (pl, pr), (0, 0)]
    xp = jnp.pad(x, pads, constant_values=np.array(-np.inf, x.dtype))
    taps, cands = [], []
    for i in range(f.shape[0]):
        for j in range(f.shape[1]):
            index = (slice(None), slice(i * r[1], i * r[1] + s[1] * (ho - 1) + 1, s[1]),
                     slice(j * r[2], j * r[2] + s[2] * (wo - 1) + 1, s[2]), slice(None))
            taps.append((i, j, index))
            cands.append(xp[index] + f[i, j])
    return jnp.stack(cands), taps, xp.shape, (pt, pl)


@_lower("Dilation2D")
def _dilation2d(op, x, f):
    return jnp.max(_dilation_taps(op, x, f)[0], axis=0)


@_lower("Dilation2DBackpropInput")
def _dilation2d_backprop_input(op, x, f, g):
    stacked, taps, padded, (pt, pl) = _dilation_taps(op, x, f)
    winner = jnp.argmax(stacked, axis=0)            # the first maximal tap, as TF's kernel
    dxp = jnp.zeros(padded, g.dtype)
    for t, (_, _, index) in enumerate(taps):
        dxp = dxp.at[index].add(jnp.where(winner == t, g, jnp.zeros((), g.dtype)))
    return dxp[:, pt:pt + x.shape[1], pl:pl + x.shape[2]]


@_lower("Dilation2DBackpropFilter")
def _dilation2d_backprop_filter(op, x, f, g):
    stacked, taps, _, _ = _dilation_taps(op, x, f)
    winner = jnp.argmax(stacked, axis=0)
    rows = [jnp.sum(jnp.where(winner == t, g, jnp.zeros((), g.dtype)), axis=(0, 1, 2))
            for t in range(len(taps))]
    return jnp.reshape(jnp.stack(rows), f.shape)
