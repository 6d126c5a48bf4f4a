"""Sums over the leading axes of a tensor (bias gradients, batch statistics) in long inner loops.

NumPy sums a C-contiguous (rows, channels) array over its rows one row at a time: with few
channels the inner loop is a few dozen elements long and the loop overhead dominates (2.5 ms for
a 32x64x64x32 float32 gradient on the 2-core VM). Viewing it as (rows / k, k * channels) sums k
rows side by side in each pass, then the k partial sums: 0.6 ms, and closer to the exact sum
(each partial adds k times fewer terms; TensorFlow's CPU kernels also add in blocks, the
summation order is unspecified). OpenBLAS's matrix-vector product with ones was as fast on two
cores, but its worker threads then spin and stole the cores from oneDNN's convolutions that
followed (a conv training step went from 131 to 211 ms), so this stays on the calling thread.
"""
from __future__ import annotations

import math

import numpy as np

_MIN_SIZE = 1 << 16      # below this NumPy's own sum is as fast
_INNER = 2048            # aim for inner loops about this long
_MAX_WIDTH = 256         # rows this long already make long enough inner loops


def sum_axes(x: np.ndarray, axes: tuple, keepdims: bool = False) -> np.ndarray | None:
    """`x` (floating) summed over `axes` (sorted, distinct, non-negative) where they are its
    leading axes and the rest is narrow; None where NumPy's sum is as good (other dtypes, small
    or non-contiguous arrays, other axes, wide rows, rows that do not split in blocks)."""
    n_lead = len(axes)
    if (x.dtype.kind != "f" or x.size < _MIN_SIZE or not x.flags.c_contiguous or not n_lead
            or n_lead >= x.ndim or axes != tuple(range(n_lead))):
        return None
    width = math.prod(x.shape[n_lead:])
    if width > _MAX_WIDTH:
        return None
    rows = x.size // width
    k = 1
    while (k * 2) * width <= _INNER and rows % (k * 2) == 0:
        k *= 2
    if k == 1:
        return None
    out = x.reshape(rows // k, k * width).sum(axis=0).reshape(k, width).sum(axis=0)
    shape = ([1] * n_lead if keepdims else []) + list(x.shape[n_lead:])
    return out.reshape(shape)
