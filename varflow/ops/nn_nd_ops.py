"""N-d pooling and convolution wrappers as TF 2.21's `tf.compat.v1` builds them from existing ops:
`tf.nn.pool`, `convolution`, `with_space_to_batch`, `max_pool1d`/`avg_pool1d`, `max_pool_v2`/
`avg_pool_v2`, `conv1d_transpose`, `relu_layer`, `depthwise_conv2d_native_backprop_input/filter`.

1-D windows are 2-D ops on an ExpandDims'd input, Squeezed back; 2-D and 3-D reuse MaxPool/AvgPool/
Conv2D and their 3-D kin. A dilation rate above 1 runs as SpaceToBatchND, the undilated op with
VALID padding, then BatchToSpaceND (TF's `with_space_to_batch`); with static shapes its paddings
and crops are Consts computed at build time, named as TF names them.
"""
from __future__ import annotations

import numbers

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from . import nn3d_ops, nn_ops, nn_spatial_ops, op_util
from .constant_op import constant

__all__ = ["pool", "convolution", "with_space_to_batch", "max_pool1d", "avg_pool1d",
           "max_pool_v2", "avg_pool_v2", "conv1d_transpose", "relu_layer",
           "depthwise_conv2d_native_backprop_input", "depthwise_conv2d_native_backprop_filter",
           "depthwise_conv2d_backprop_input", "depthwise_conv2d_backprop_filter"]


def _array():
    from . import array_ops
    return array_ops


def _math():
    from . import math_ops
    return math_ops


def _ints(value, n: int, name: str, default: int = 1) -> list:
    """An int or a sequence of n ints as a list of n ints (TF's spelling of rates and strides)."""
    if value is None:
        return [default] * n
    if isinstance(value, numbers.Integral):
        return [int(value)] * n
    value = [int(v) for v in np.reshape(np.asarray(value), [-1])]
    if len(value) == 1:
        return value * n
    if len(value) != n:
        raise ValueError("%s should be of length 1 or %d. Received: %s=%s of length %d"
                         % (name, n, name, value, len(value)))
    return value


def _spatial_seq(value, n: int, channel_first: bool, name: str) -> list:
    """TF's `_get_sequence`: an int, or 1, n or n + 2 values; returns the n spatial values."""
    if isinstance(value, numbers.Integral):
        return [int(value)] * n
    value = [int(v) for v in value]
    if len(value) == 1:
        return value * n
    if len(value) == n:
        return value
    if len(value) == n + 2:
        return value[2:] if channel_first else value[1:-1]
    raise ValueError("%s should be of length 1, %d or %d. Received: %s=%s of length %d"
                     % (name, n, n + 2, name, value, len(value)))


def _channel_first(data_format) -> bool:
    return data_format is not None and str(data_format).startswith("NC")


def _full(spatial: list, channel_first: bool) -> list:
    return [1, 1] + spatial if channel_first else [1] + spatial + [1]


# =================================================================================================
# with_space_to_batch: a dilated op as SpaceToBatchND -> op(VALID) -> BatchToSpaceND
# =================================================================================================
def _base_paddings(filter_shape: list, rate: list) -> np.ndarray:
    """SAME padding of a dilated filter: (k - 1) * rate split as TF splits it (less before)."""
    total = [(k - 1) * r for k, r in zip(filter_shape, rate)]
    return np.array([[t // 2, t - t // 2] for t in total], np.int32)


def _required_paddings(input_shape, base, block: list):
    """(paddings, crops) so that the padded spatial sizes divide by block: NumPy arrays (also
    written as the Consts TF names `paddings` and `crops`) when static, else int32 tensors."""
    a, m = _array(), _math()
    block_arr = np.array(block, np.int32)
    if isinstance(input_shape, np.ndarray) and isinstance(base, np.ndarray):
        full = input_shape + base[:, 0] + base[:, 1]
        extra = (block_arr - full % block_arr) % block_arr
        paddings = np.stack([base[:, 0], base[:, 1] + extra], axis=1).astype(np.int32)
        crops = np.stack([np.zeros_like(extra), extra], axis=1).astype(np.int32)
        constant(paddings, name="paddings")
        constant(crops, name="crops")
        return paddings, crops
    base_t = convert_to_tensor(base, dtype=dtypes.int32, name="base_paddings")
    start, end = base_t[:, 0], base_t[:, 1]
    full = m.add(m.add(convert_to_tensor(input_shape, dtype=dtypes.int32), start), end)
    extra = m.floormod(m.subtract(block_arr, m.floormod(full, block_arr)), block_arr)
    paddings = a.stack([start, m.add(end, extra)], axis=1, name="paddings")
    crops = a.stack([a.zeros_like(extra), extra], axis=1, name="crops")
    return paddings, crops


def with_space_to_batch(input, dilation_rate, padding, op, filter_shape=None,  # noqa: A002
                        spatial_dims=None, data_format=None) -> Tensor:
    """`tf.nn.with_space_to_batch`: `op(converted_input, num_spatial_dims, padding)` run on the
    input rearranged by SpaceToBatchND so that a rate-`dilation_rate` op becomes an undilated one."""
    x = convert_to_tensor(input, name="input")
    rate_t = convert_to_tensor(dilation_rate, dtype=dtypes.int32, name="dilation_rate")
    rate_v = op_util.const_value(rate_t)
    if rate_t._shape.ndims != 1 or rate_t._shape[0] is None:
        raise ValueError("rate must be a 1-D tensor of known length, got shape %s" % rate_t._shape)
    n = rate_t._shape[0]
    if rate_v is None:
        raise ValueError("varflow's with_space_to_batch needs a dilation_rate known at graph "
                         "construction time, got %s" % rate_t)
    rate = [int(v) for v in rate_v]
    if any(r < 1 for r in rate):
        raise ValueError("rate must be positive, got %s" % rate)
    if spatial_dims is None:
        start = 2 if _channel_first(data_format) else 1
        spatial_dims = list(range(start, start + n))
    spatial_dims = sorted(int(d) for d in spatial_dims)
    if len(spatial_dims) != n or spatial_dims[0] < 1 \
            or spatial_dims != list(range(spatial_dims[0], spatial_dims[0] + n)):
        raise ValueError("spatial_dims must be %d consecutive dimensions after the batch, got %s"
                         % (n, spatial_dims))
    pad = padding.decode() if isinstance(padding, bytes) else str(padding)
    if pad not in ("SAME", "VALID"):
        raise ValueError("padding must be 'SAME' or 'VALID', got %r" % (padding,))
    if all(r == 1 for r in rate):
        return op(x, n, pad)
    if pad == "SAME":
        if filter_shape is None:
            raise ValueError("filter_shape must be specified for SAME padding")
        fs_t = convert_to_tensor(filter_shape, dtype=dtypes.int32, name="filter_shape")
        fs = op_util.const_value(fs_t)
        if fs is None:
            raise ValueError("varflow's with_space_to_batch needs a filter_shape known at graph "
                             "construction time")
        base = _base_paddings([int(v) for v in np.reshape(fs, [-1])[:n]], rate)
        base_t = constant(base, name="stack")
    else:
        base = base_t = np.zeros([n, 2], np.int32)
    last = spatial_dims[-1]
    if x._shape.ndims is not None and x._shape.ndims < last + 1:
        raise ValueError("input must have rank at least %d, got %s" % (last + 1, x._shape))
    known = x._shape.ndims is not None and all(x._shape[d] is not None for d in spatial_dims)
    with name_scope("required_space_to_batch_paddings"):
        if known:
            in_shape = np.array([x._shape[d] for d in spatial_dims], np.int32)
            constant(in_shape, name="input_shape")
            if pad != "SAME":
                constant(base, name="base_paddings")
        else:
            in_shape = _array().shape(x)[spatial_dims[0]:last + 1]
        paddings, crops = _required_paddings(in_shape, base if known else base_t, rate)
    lead = spatial_dims[0] - 1          # dimensions between the batch and the spatial ones
    block = np.array([1] * lead + rate, np.int32)
    if isinstance(paddings, np.ndarray):
        paddings = np.concatenate([np.zeros([lead, 2], np.int32), paddings]).astype(np.int32)
        crops = np.concatenate([np.zeros([lead, 2], np.int32), crops]).astype(np.int32)
    elif lead:
        zeros = np.zeros([lead, 2], np.int32)
        paddings = _array().concat([zeros, paddings], 0)
        crops = _array().concat([zeros, crops], 0)
    s2b = nn_spatial_ops.space_to_batch_nd(x, block, paddings)
    y = op(s2b, n, "VALID")
    return nn_spatial_ops.batch_to_space_nd(y, block, crops)


# =================================================================================================
# Pooling
# =================================================================================================
def _pool1d(op_type: str, default_name: str, input, ksize, strides, padding,  # noqa: A002
            data_format, name, expand_scope=None):
    """A 1-D pool as TF builds it: ExpandDims, the 2-D pool op, Squeeze, in one name scope."""
    a = _array()
    nc = data_format in ("NCW", "NCHW") if data_format else False
    if data_format not in (None, "NWC", "NCW", "NHWC", "NCHW"):
        raise ValueError("data_format must be 'NWC' or 'NCW', got %r" % (data_format,))
    k = _spatial_seq(ksize, 1, nc, "ksize")
    s = _spatial_seq(strides, 1, nc, "strides")
    with name_scope(expand_scope or name, default_name, [input]) as scope:
        x = convert_to_tensor(input, name="input")
        axis = 2 if nc else 1
        x = a.expand_dims(x, axis)
        fmt = "NCHW" if nc else "NHWC"
        ks, st = ([1, 1, 1] + k, [1, 1, 1] + s) if nc else ([1, 1] + k + [1], [1, 1] + s + [1])
        y = nn_ops._pool(op_type, x, ks, st, padding, fmt, scope)
        return a.squeeze(y, [axis])


def max_pool1d(input, ksize, strides, padding, data_format: str = "NWC", name=None) -> Tensor:  # noqa: A002
    """`tf.nn.max_pool1d`: max pooling of an NWC (or NCW) tensor, as a 2-D MaxPool."""
    return _pool1d("MaxPool", "MaxPool1d", input, ksize, strides, padding, data_format, name)


def avg_pool1d(input, ksize, strides, padding, data_format: str = "NWC", name=None) -> Tensor:  # noqa: A002
    """`tf.nn.avg_pool1d`: average pooling of an NWC (or NCW) tensor, as a 2-D AvgPool."""
    return _pool1d("AvgPool", "AvgPool1D", input, ksize, strides, padding, data_format, name)


def _pool_v2(kind: str, input, ksize, strides, padding, data_format, name):  # noqa: A002
    x = convert_to_tensor(input, name="input")
    rank = x._shape.ndims
    if rank is None:
        rank = len(ksize) if isinstance(ksize, (list, tuple)) and len(ksize) > 2 else None
    if rank not in (3, 4, 5):
        raise ValueError("`input.shape.rank` must be 3, 4 or 5. Received: input.shape=%s of rank %s"
                         % (x._shape, rank))
    n = rank - 2
    nc = _channel_first(data_format)
    ks = _full(_spatial_seq(ksize, n, nc, "ksize"), nc)
    st = _full(_spatial_seq(strides, n, nc, "strides"), nc)
    if n == 1:
        fn = max_pool1d if kind == "max" else avg_pool1d
        return fn(x, ks, st, padding, data_format=data_format or "NWC", name=name)
    if n == 2:
        fmt = data_format or "NHWC"
        if kind == "max":
            return nn_ops.max_pool2d(x, ks, st, padding, data_format=fmt, name=name)
        return nn_ops.avg_pool(x, ks, st, padding, data_format=fmt, name=name)
    fn = nn3d_ops.max_pool3d if kind == "max" else nn3d_ops.avg_pool3d
    return fn(x, ks, st, padding, data_format=data_format or "NDHWC", name=name)


def max_pool_v2(input, ksize, strides, padding, data_format=None, name=None) -> Tensor:  # noqa: A002
    """`tf.nn.max_pool_v2`: max pooling of a rank-3, -4 or -5 input (1-, 2- or 3-D windows)."""
    return _pool_v2("max", input, ksize, strides, padding, data_format, name)


def avg_pool_v2(input, ksize, strides, padding, data_format=None, name=None) -> Tensor:  # noqa: A002
    """`tf.nn.avg_pool_v2`: average pooling of a rank-3, -4 or -5 input."""
    return _pool_v2("avg", input, ksize, strides, padding, data_format, name)


def _pool_nd(kind: str, x: Tensor, window: list, strides: list, padding: str, data_format,
             name: str) -> Tensor:
    """The undilated pool op of `len(window)` spatial dims, named `name`."""
    n = len(window)
    nc = _channel_first(data_format)
    op_type = "MaxPool" if kind == "MAX" else "AvgPool"
    if n == 1:
        a = _array()
        axis = 2 if nc else 1
        x = a.expand_dims(x, axis)
        ks = [1, 1, 1, window[0]] if nc else [1, 1, window[0], 1]
        st = [1, 1, 1, strides[0]] if nc else [1, 1, strides[0], 1]
        y = nn_ops._pool(op_type, x, ks, st, padding, "NCHW" if nc else "NHWC", name)
        return a.squeeze(y, [axis])
    if n == 2:
        return nn_ops._pool(op_type, x, _full(window, nc), _full(strides, nc), padding,
                            "NCHW" if nc else "NHWC", name)
    fn = nn3d_ops.max_pool3d if kind == "MAX" else nn3d_ops.avg_pool3d
    return fn(x, _full(window, nc), _full(strides, nc), padding,
              data_format="NCDHW" if nc else "NDHWC", name=name)


def pool(input, window_shape, pooling_type, padding, dilation_rate=None, strides=None,  # noqa: A002
         name=None, data_format=None, dilations=None) -> Tensor:
    """`tf.nn.pool`: N-d (1 to 3) MAX or AVG pooling; a dilation rate above 1 (VALID padding,
    unit strides) runs through with_space_to_batch."""
    dilation_rate = op_util.legacy_kwarg(dilations, "dilations", dilation_rate, "dilation_rate")
    ptype = str(pooling_type).upper()
    with name_scope(name, "%s_pool" % str(pooling_type).lower(), [input]) as scope:
        x = convert_to_tensor(input, name="input")
        window = [int(v) for v in window_shape]
        n = len(window)
        if not 1 <= n <= 3:
            raise ValueError("`len(window_shape)` must be 1, 2, or 3. Received: window_shape=%s of "
                             "length %d" % (window, n))
        if x._shape.ndims is not None and x._shape.ndims != n + 2:
            raise ValueError("Shape %s must have rank %d" % (x._shape, n + 2))
        rate = _ints(dilation_rate, n, "dilation_rate")
        stride = _ints(strides, n, "strides")
        pad = padding.decode() if isinstance(padding, bytes) else str(padding)
        if any(r > 1 for r in rate) and any(s > 1 for s in stride):
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                             "Received: strides=%s and dilation_rate=%s" % (stride, rate))
        if pad == "SAME" and any(r > 1 for r in rate):
            raise ValueError("pooling with 'SAME' padding is not implemented for `dilation_rate` "
                             "> 1. Received: padding=%s and dilation_rate=%s" % (pad, rate))
        if ptype not in ("MAX", "AVG"):
            raise ValueError("%d-D %s pooling is not supported." % (n, pooling_type))
        rate_t = constant(np.array(rate, np.int32), name="dilation_rate")

        def op(converted, num_spatial_dims, op_padding):
            return _pool_nd(ptype, converted, window, stride, op_padding, data_format, scope)
        if all(r == 1 for r in rate):
            return op(x, n, pad)
        return with_space_to_batch(x, rate_t, pad, op, data_format=data_format)


# =================================================================================================
# Convolution
# =================================================================================================
def _conv_nd(x: Tensor, f: Tensor, n: int, strides: list, padding: str, data_format, name: str):
    """The undilated convolution op of n spatial dims, named `name` (1-D: ExpandDims/Squeeze)."""
    nc = _channel_first(data_format)
    if n == 1:
        a = _array()
        axis = -2 if nc else -3
        xe, fe = a.expand_dims(x, axis), a.expand_dims(f, 0)
        y = nn_ops.conv2d(xe, fe, strides=[1] + strides, padding=padding,
                          data_format="NCHW" if nc else "NHWC", name=name)
        return a.squeeze(y, [axis])
    if n == 2:
        return nn_ops.conv2d(x, f, strides=strides, padding=padding,
                             data_format="NCHW" if nc else "NHWC", name=name)
    return nn3d_ops.conv3d(x, f, strides=_full(strides, nc), padding=padding,
                           data_format="NCDHW" if nc else "NDHWC", name=name)


def convolution(input, filter=None, padding=None, strides=None, dilation_rate=None,  # noqa: A002
                name=None, data_format=None, filters=None, dilations=None) -> Tensor:
    """`tf.nn.convolution`: N-d (1 to 3) convolution; a dilation rate above 1 runs through
    with_space_to_batch, as TF 2.21's compat.v1 builds it."""
    f = op_util.legacy_kwarg(filters, "filters", filter, "filter")
    dilation_rate = op_util.legacy_kwarg(dilations, "dilations", dilation_rate, "dilation_rate")
    if padding is None:
        raise TypeError("convolution() missing required argument 'padding'")
    with name_scope(name, "convolution", [input, f]) as scope:
        x = convert_to_tensor(input, name="input")
        f = op_util.convert_like(f, x, "filter")
        rank = f._shape.ndims if f._shape.ndims is not None else x._shape.ndims
        if rank is None:
            raise ValueError("convolution needs the rank of its input or filter to be known")
        n = rank - 2
        if not 1 <= n <= 3:
            raise ValueError("`input` must be rank 3, 4 or 5 (1-3 spatial dims), got rank %d"
                             % rank)
        if x._shape.ndims is not None and x._shape.ndims != n + 2:
            raise ValueError("Shape %s must have rank %d" % (x._shape, n + 2))
        rate = _ints(dilation_rate, n, "dilation_rate")
        stride = _ints(strides, n, "strides")
        pad = padding.decode() if isinstance(padding, bytes) else str(padding).upper()
        if any(r > 1 for r in rate) and any(s > 1 for s in stride):
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                             "Received: strides=%s and dilation_rate=%s" % (stride, rate))

        def op(converted, num_spatial_dims, op_padding):
            return _conv_nd(converted, f, n, stride, op_padding, data_format, scope)
        if all(r == 1 for r in rate):
            return op(x, n, pad)
        rate_t = constant(np.array(rate, np.int32), name="dilation_rate")
        fshape = f._shape.as_list() if f._shape.is_fully_defined() else None
        return with_space_to_batch(x, rate_t, pad, op, filter_shape=fshape,
                                   data_format=data_format)


def conv1d_transpose(input, filters, output_shape, strides, padding: str = "SAME",  # noqa: A002
                     data_format: str = "NWC", dilations=None, name=None) -> Tensor:
    """`tf.nn.conv1d_transpose`: the gradient of conv1d w.r.t. its input, as a
    Conv2DBackpropInput over ExpandDims'd tensors; filters are [width, out, in]."""
    a = _array()
    nc = data_format == "NCW"
    if data_format not in ("NWC", "NCW"):
        raise ValueError("data_format must be 'NWC' or 'NCW', got %r" % (data_format,))
    stride = _spatial_seq(strides, 1, nc, "strides")
    dil = _spatial_seq(1 if dilations is None else dilations, 1, nc, "dilations")
    with name_scope(name, "conv1d_transpose", [input, filters, output_shape]) as scope:
        axis = 2 if nc else 1
        x = a.expand_dims(convert_to_tensor(input, name="input"), axis)
        f = a.expand_dims(convert_to_tensor(filters, name="filters"), 0)
        if isinstance(output_shape, Tensor):
            shape = a.concat([output_shape[:axis], [1], output_shape[axis:]], 0)
        else:
            dims = [int(v) for v in output_shape]
            shape = a.concat([dims[:axis], [1], dims[axis:]], 0)
        fmt = "NCHW" if nc else "NHWC"
        y = nn_ops.conv2d_backprop_input(shape, f, x, strides=[1] + stride, padding=padding,
                                         data_format=fmt, dilations=[1] + dil, name=scope)
        return a.squeeze(y, [axis])


def relu_layer(x, weights, biases, name=None) -> Tensor:
    """`tf.nn.relu_layer`: relu(matmul(x, weights) + biases)."""
    with name_scope(name, "relu_layer", [x, weights, biases]) as scope:
        x = convert_to_tensor(x, name="x")
        w = convert_to_tensor(weights, name="weights")
        b = convert_to_tensor(biases, name="biases")
        return nn_ops.relu(nn_ops.bias_add(_math().matmul(x, w), b), name=scope)


def depthwise_conv2d_native_backprop_input(input_sizes, filter, out_backprop, strides,  # noqa: A002
                                           padding, data_format: str = "NHWC", dilations=None,
                                           name=None) -> Tensor:
    """`tf.nn.depthwise_conv2d_native_backprop_input`: the gradient of depthwise_conv2d_native
    w.r.t. its input (input_sizes gives the input's shape)."""
    a = _array()
    attrs = nn_ops._conv_attrs(strides, padding, data_format, dilations)
    return a._wrapped_op("DepthwiseConv2dNativeBackpropInput", name, [
        ("input_sizes", input_sizes, a._int_tensor), ("filter", filter, a._as_input),
        ("out_backprop", out_backprop, a._as_input)], attrs)._outputs[0]


def depthwise_conv2d_native_backprop_filter(input, filter_sizes, out_backprop, strides,  # noqa: A002
                                            padding, data_format: str = "NHWC", dilations=None,
                                            name=None) -> Tensor:
    """`tf.nn.depthwise_conv2d_native_backprop_filter`: the gradient of depthwise_conv2d_native
    w.r.t. its filter (filter_sizes gives the filter's shape)."""
    a = _array()
    attrs = nn_ops._conv_attrs(strides, padding, data_format, dilations)
    return a._wrapped_op("DepthwiseConv2dNativeBackpropFilter", name, [
        ("input", input, a._as_input), ("filter_sizes", filter_sizes, a._int_tensor),
        ("out_backprop", out_backprop, a._as_input)], attrs)._outputs[0]


depthwise_conv2d_backprop_input = depthwise_conv2d_native_backprop_input
depthwise_conv2d_backprop_filter = depthwise_conv2d_native_backprop_filter
