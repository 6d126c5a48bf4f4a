"""Grayscale morphology: `tf.nn.dilation2d` and `tf.nn.erosion2d`.

Ops Dilation2D, Dilation2DBackpropInput and Dilation2DBackpropFilter. Each output is the maximum over
the filter's taps of input + filter (per channel, NHWC, with strides and rates); padded positions
never win. Like TF's kernels, the gradients go to the first tap (row-major) reaching the maximum,
and the two backprop ops have no gradient of their own. erosion2d is -dilation2d(-x, reversed
filter), built from Neg, ReverseV2 and Dilation2D as TF builds it.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import op_util
from .nn_ops import _out_size, _NegativeSizeError
from .op_util import make1

__all__ = ["dilation2d", "erosion2d"]

_REAL = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64, dtypes.int8,
         dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16, dtypes.uint32,
         dtypes.uint64)


def _geometry(h, w, kh, kw, attrs):
    """[(out, pad_before, pad_after)] of rows and columns (None sizes stay None)."""
    s, r = attrs["strides"], attrs["rates"]
    return [_out_size(h, kh, s[1], r[1], attrs["padding"]),
            _out_size(w, kw, s[2], r[2], attrs["padding"])]


def _check_attrs(op_type: str, attrs) -> None:
    for key in ("strides", "rates"):
        if len(attrs[key]) != 4:
            raise ValueError("Attr '%s' of '%s' Op passed list of length %d less than minimum 4."
                             % (key, op_type, len(attrs[key])))
    if attrs["padding"] not in ("SAME", "VALID"):
        raise ValueError("Attr 'padding' of '%s' Op passed string '%s' not in: \"SAME\", \"VALID\"."
                         % (op_type, attrs["padding"]))


def _out_shape(op_type: str, x: Tensor, f: Tensor, attrs) -> TensorShape:
    _check_attrs(op_type, attrs)
    xs = x._shape if x._shape.ndims is not None else unknown_shape(4)
    fs = f._shape if f._shape.ndims is not None else unknown_shape(3)
    if xs.ndims != 4:
        raise ValueError("Shape must be rank 4 but is rank %d for '%s' with input shapes: %s, %s."
                         % (xs.ndims, op_type, xs, fs))
    if fs.ndims != 3:
        raise ValueError("Shape must be rank 3 but is rank %d for '%s' with input shapes: %s, %s."
                         % (fs.ndims, op_type, xs, fs))
    n, h, w, c = xs.as_list()
    kh, kw, fc = fs.as_list()
    if c is not None and fc is not None and c != fc:
        raise ValueError("Dimensions must be equal, but are %d and %d for '%s' with input shapes: "
                         "%s, %s." % (c, fc, op_type, xs, fs))
    c = c if c is not None else fc
    if None in (h, w, kh, kw):
        return TensorShape([n, None, None, c])
    try:
        (ho, _, _), (wo, _, _) = _geometry(h, w, kh, kw, attrs)
    except _NegativeSizeError as e:
        raise ValueError("Computed output size would be negative for '%s' (%s) with input shapes: "
                         "%s, %s." % (op_type, e, xs, fs)) from None
    return TensorShape([n, ho, wo, c])


def _dilation_rule(inputs, attrs):
    x, f = inputs
    op_util.check_dtype_in("Dilation2D", x, _REAL, "input")
    op_util.check_same_dtype("Dilation2D", ("input", x), ("filter", f))
    return [(x._dtype.base_dtype, _out_shape("Dilation2D", x, f, attrs))]


def _taps(x, f, attrs):
    """(padded-geometry, [(i, j, index)]) where index picks what tap (i, j) sees for every output."""
    op_type = "Dilation2D"
    s, r = attrs["strides"], attrs["rates"]
    if s[0] != 1 or s[3] != 1 or r[0] != 1 or r[3] != 1:
        raise errors.InvalidArgumentError(None, None, "%s: strides and rates of the batch and depth "
                                          "dimensions must be 1, got %s and %s" % (op_type, s, r))
    if x.ndim != 4 or f.ndim != 3 or x.shape[3] != f.shape[2]:
        raise errors.InvalidArgumentError(None, None, "%s: input must be 4-D and filter 3-D with "
                                          "the same depth, got %s and %s"
                                          % (op_type, list(x.shape), list(f.shape)))
    kh, kw = f.shape[:2]
    try:
        (ho, pt, pb), (wo, pl, pr) = _geometry(x.shape[1], x.shape[2], kh, kw, attrs)
    except _NegativeSizeError as e:
        raise errors.InvalidArgumentError(None, None, "%s: Computed output size would be negative "
                                          "(%s)" % (op_type, e)) from None
    taps = []
    for i in range(kh):
        for j in range(kw):
            rows = slice(i * r[1], i * r[1] + s[1] * (ho - 1) + 1, s[1])
            cols = slice(j * r[2], j * r[2] + s[2] * (wo - 1) + 1, s[2])
            taps.append((i, j, (slice(None), rows, cols, slice(None))))
    return (pt, pb, pl, pr), taps


def _pad(a, pads, value=0):
    pt, pb, pl, pr = pads
    return np.pad(a, [(0, 0), (pt, pb), (pl, pr), (0, 0)], constant_values=value)


def _forward(x, f, attrs):
    """(output, index of the winning tap for every output)."""
    pads, taps = _taps(x, f, attrs)
    xp, valid = _pad(x, pads), _pad(np.ones(x.shape, bool), pads, False)
    best = winner = None
    for t, (i, j, index) in enumerate(taps):
        cand = xp[index] + f[i, j]
        ok = valid[index]
        if best is None:
            best, winner, seen = np.where(ok, cand, 0).astype(x.dtype), np.where(ok, t, -1), ok
            continue
        better = ok & (~seen | (cand > best))
        best = np.where(better, cand, best).astype(x.dtype)
        winner = np.where(better, t, winner)
        seen = seen | ok
    return best, winner, pads, taps


def _dilation_kernel(x, f, **attrs):
    return _forward(x, f, attrs)[0]


def _backprop_input_kernel(x, f, g, **attrs):
    _, winner, pads, taps = _forward(x, f, attrs)
    dxp = _pad(np.zeros(x.shape, g.dtype), pads)
    for t, (_, _, index) in enumerate(taps):
        dxp[index] += np.where(winner == t, g, 0).astype(g.dtype)
    pt, _, pl, _ = pads
    return np.ascontiguousarray(dxp[:, pt:pt + x.shape[1], pl:pl + x.shape[2]])


def _backprop_filter_kernel(x, f, g, **attrs):
    _, winner, _, taps = _forward(x, f, attrs)
    df = np.zeros(f.shape, g.dtype)
    for t, (i, j, _) in enumerate(taps):
        df[i, j] = np.sum(np.where(winner == t, g, 0), axis=(0, 1, 2)).astype(g.dtype)
    return df


def _dilation_grad(op, g):
    x, f = op._inputs
    attrs = {k: op._attrs[k] for k in ("strides", "rates", "padding")}
    return [make1("Dilation2DBackpropInput", [x, f, g], attrs),
            make1("Dilation2DBackpropFilter", [x, f, g], attrs)]


define("Dilation2D", _dilation_rule, _dilation_kernel, grad=_dilation_grad)
# the backprop ops have no gradient: tf.gradients through them is a LookupError, as in TF
define("Dilation2DBackpropInput", lambda inputs, attrs: [(inputs[0]._dtype.base_dtype,
                                                          inputs[0]._shape)],
       _backprop_input_kernel)
define("Dilation2DBackpropFilter", lambda inputs, attrs: [(inputs[1]._dtype.base_dtype,
                                                           inputs[1]._shape)],
       _backprop_filter_kernel)


def _attr4(value, name: str) -> list:
    if value is None:
        raise TypeError("dilation2d() missing required argument '%s'" % name)
    return [int(v) for v in value]


def dilation2d(input, filter=None, strides=None, rates=None, padding=None,  # noqa: A002
               name=None, filters=None, dilations=None) -> Tensor:
    """`tf.nn.dilation2d`: grayscale dilation, max over taps of input + filter, of an NHWC input
    with a [height, width, depth] filter; strides and rates are [1, s_h, s_w, 1]."""
    f = op_util.legacy_kwarg(filters, "filters", filter, "filter")
    rates = op_util.legacy_kwarg(dilations, "dilations", rates, "rates")
    x = convert_to_tensor(input, name="input")
    f = op_util.convert_like(f, x, "filter")
    pad = padding.decode() if isinstance(padding, bytes) else padding
    attrs = {"strides": _attr4(strides, "strides"), "rates": _attr4(rates, "rates"),
             "padding": pad}
    return make1("Dilation2D", [x, f], attrs, name=name or "Dilation2D")


def erosion2d(value, kernel, strides, rates, padding, name=None) -> Tensor:
    """`tf.nn.erosion2d`: grayscale erosion, min over taps of value - kernel (kernel mirrored),
    built as -dilation2d(-value, reverse(kernel, [0, 1]))."""
    from . import array_ops, math_ops
    with name_scope(name, "erosion2d", [value, kernel]) as scope:
        x = convert_to_tensor(value, name="value")
        k = op_util.convert_like(kernel, x, "kernel")
        y = dilation2d(math_ops.negative(x), array_ops.reverse(k, [0, 1]), strides, rates,
                       padding, name=scope)
        return math_ops.negative(y)
