"""Helpers the layers share: `smart_cond` (a Python bool picks a branch now, a tensor builds
`tf.cond`), argument normalization and convolution output lengths."""
from __future__ import annotations

from ..framework.graph import Tensor
from ..ops import control_flow_ops
from ..ops.op_util import const_value


def constant_value(pred):
    """The Python bool of `pred` if known at graph-build time, else None."""
    if isinstance(pred, bool):
        return pred
    if isinstance(pred, Tensor):
        value = const_value(pred)
        return None if value is None else bool(value)
    if hasattr(pred, "__index__") or isinstance(pred, (int, float)):
        return bool(pred)
    raise TypeError("`pred` must be a Tensor or a Python bool, got %r" % (pred,))


def smart_cond(pred, true_fn, false_fn, name=None):
    """`true_fn()` / `false_fn()` for a known predicate, else `tf.cond(pred, ...)`."""
    value = constant_value(pred)
    if value is None:
        return control_flow_ops.cond(pred, true_fn, false_fn, name=name)
    return true_fn() if value else false_fn()


def normalize_tuple(value, n: int, name: str) -> tuple:
    """An int or an n-sequence of ints, as an n-tuple (ValueError otherwise)."""
    if isinstance(value, int):
        return (value,) * n
    try:
        out = tuple(int(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError("The `%s` argument must be a tuple of %d integers. Received: %r"
                         % (name, n, value)) from None
    if len(out) != n:
        raise ValueError("The `%s` argument must be a tuple of %d integers. Received: %r"
                         % (name, n, value))
    return out


def normalize_padding(value: str) -> str:
    padding = value.lower()
    if padding not in ("valid", "same"):
        raise ValueError("The `padding` argument must be one of \"valid\", \"same\". Received: %s"
                         % value)
    return padding


def normalize_data_format(value) -> str:
    data_format = (value or "channels_last").lower()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError("The `data_format` argument must be one of \"channels_first\", "
                         "\"channels_last\". Received: %s" % value)
    return data_format


def conv_output_length(length, filter_size: int, padding: str, stride: int, dilation: int = 1):
    """Spatial output size of a convolution or pooling (None stays None)."""
    if length is None:
        return None
    dilated = (filter_size - 1) * dilation + 1
    if padding == "same":
        out = length
    else:
        out = length - dilated + 1
    return (out + stride - 1) // stride


def deconv_output_length(length, filter_size: int, padding: str, stride: int):
    """Spatial output size of a transposed convolution."""
    if length is None:
        return None
    if padding == "valid":
        return length * stride + max(filter_size - stride, 0)
    return length * stride
