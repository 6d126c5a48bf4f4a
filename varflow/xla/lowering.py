"""The lowering table: for each pure varflow op type, the `jax.numpy`/`jax.lax` computation.

`LOWERINGS[op_type](op, *inputs)` returns one array (or a tuple for several outputs). Inputs are
traced JAX arrays, or concrete NumPy arrays for values known while tracing (constants, shapes);
attributes that XLA needs statically (axes, shapes, permutations) must be concrete, else
`NotStaticError` is raised and the segment falls back to the NumPy kernels. Gradient ops of windowed
ops are lowered as the vector-Jacobian product of their forward lowering.
"""
from __future__ import annotations

from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax
from jax.scipy import special as jsp

from ..ops import array_ops as _array_ops
from ..ops import nn3d_ops as _nn3d_ops
from ..ops import nn_ops as _nn_ops

LOWERINGS: dict[str, Callable] = {}


class NotStaticError(Exception):
    """An input that XLA needs at compile time (an axis, a shape) is only known at run time."""


def static(x) -> np.ndarray:
    """The concrete value of `x`, which must be known while tracing."""
    if isinstance(x, (np.ndarray, np.generic, int, float)):
        return np.asarray(x)
    raise NotStaticError("value is not known at compile time")


def ints(x) -> list:
    return [int(v) for v in np.reshape(static(x), [-1])]


def _lower(*op_types: str):
    def register(fn):
        for t in op_types:
            LOWERINGS[t] = fn
        return fn
    return register


def _unary(op_type: str, fn: Callable) -> None:
    LOWERINGS[op_type] = lambda op, x: fn(x)


def _binary(op_type: str, fn: Callable) -> None:
    LOWERINGS[op_type] = lambda op, x, y: fn(x, y)


def _axes(axis, ndim: int) -> tuple:
    if axis is None:
        return tuple(range(ndim))
    return tuple(sorted({a % ndim if ndim else 0 for a in ints(axis)}))


# --- elementwise ---------------------------------------------------------------------------------

def _relu(x):
    """0 where x < 0, else x: TF's CPU ReLU keeps -0.0 and NaN (jax.nn.relu and max give +0.0)."""
    return jnp.where(x < 0, jnp.zeros_like(x), x)

for _t, _f in {
    "Abs": jnp.abs, "Acos": jnp.arccos, "Acosh": jnp.arccosh, "Asin": jnp.arcsin,
    "Asinh": jnp.arcsinh, "Atan": jnp.arctan, "Atanh": jnp.arctanh, "Ceil": jnp.ceil,
    "Cos": jnp.cos, "Cosh": jnp.cosh, "Digamma": jsp.digamma, "Erf": jsp.erf, "Erfc": jsp.erfc,
    "Exp": jnp.exp, "Expm1": jnp.expm1, "Floor": jnp.floor, "Identity": lambda x: x,
    "StopGradient": lax.stop_gradient, "IsFinite": jnp.isfinite, "IsInf": jnp.isinf,
    "IsNan": jnp.isnan, "Lgamma": jsp.gammaln, "Log": jnp.log, "Log1p": jnp.log1p,
    "LogicalNot": jnp.logical_not, "Neg": jnp.negative, "Reciprocal": jnp.reciprocal,
    "Rint": jnp.rint, "Round": jnp.round, "Rsqrt": lax.rsqrt, "Sigmoid": jax.nn.sigmoid,
    "Sign": jnp.sign, "Sin": jnp.sin, "Sinh": jnp.sinh, "Sqrt": jnp.sqrt, "Square": jnp.square,
    "Tan": jnp.tan, "Tanh": jnp.tanh, "Relu": _relu, "Relu6": lambda x: _relu(jnp.minimum(x, 6)),
    "Elu": jax.nn.elu, "Selu": jax.nn.selu, "Softplus": jax.nn.softplus,
    "Softsign": lambda x: x / (1 + jnp.abs(x)), "Invert": jnp.invert, "Real": jnp.real,
    "Imag": jnp.imag, "Conj": jnp.conj, "ComplexAbs": jnp.abs,
    "Trigamma": lambda x: jsp.polygamma(1, x),
}.items():
    _unary(_t, _f)

for _t, _f in {
    "AddV2": jnp.add, "Sub": jnp.subtract, "Mul": jnp.multiply, "RealDiv": jnp.true_divide,
    "Maximum": jnp.maximum, "Minimum": jnp.minimum, "Pow": jnp.power, "Atan2": jnp.arctan2,
    "FloorDiv": jnp.floor_divide, "FloorMod": jnp.mod, "Equal": jnp.equal,
    "NotEqual": jnp.not_equal, "Greater": jnp.greater, "GreaterEqual": jnp.greater_equal,
    "Less": jnp.less, "LessEqual": jnp.less_equal, "LogicalAnd": jnp.logical_and,
    "LogicalOr": jnp.logical_or, "BitwiseAnd": jnp.bitwise_and, "BitwiseOr": jnp.bitwise_or,
    "BitwiseXor": jnp.bitwise_xor, "SquaredDifference": lambda x, y: jnp.square(x - y),
    "TruncateDiv": lambda x, y: lax.div(x, y), "TruncateMod": lambda x, y: lax.rem(x, y),
    "DivNoNan": lambda x, y: jnp.where(y == 0, jnp.zeros_like(x), x / jnp.where(y == 0, 1, y)),
    "MulNoNan": lambda x, y: jnp.where(y == 0, jnp.zeros_like(x * y), x * y),
    "Xdivy": lambda x, y: jnp.where(x == 0, jnp.zeros_like(x), x / y),
    "Xlogy": lambda x, y: jnp.where(x == 0, jnp.zeros_like(x), x * jnp.log(y)),
    "Complex": lax.complex,
    "ReluGrad": lambda g, y: jnp.where(y > 0, g, jnp.zeros((), g.dtype)),
    "Relu6Grad": lambda g, x: jnp.where((x > 0) & (x < 6), g, jnp.zeros((), g.dtype)),
    "EluGrad": lambda g, y: jnp.where(y > 0, g, g * (y + 1)),
    "SeluGrad": lambda g, y: jnp.where(y > 0, g * 1.0507009873554805,
                                       g * (y + 1.0507009873554805 * 1.6732632423543772)),
    "SoftplusGrad": lambda g, x: g * jax.nn.sigmoid(x),
    "SoftsignGrad": lambda g, x: g / jnp.square(1 + jnp.abs(x)),
    "SqrtGrad": lambda y, dy: dy * 0.5 / y,
    "RsqrtGrad": lambda y, dy: dy * (-0.5) * y * y * y,
    "ReciprocalGrad": lambda y, dy: -dy * y * y,
    "SumToShapeOf": lambda g, x: _sum_to_shape(g, x.shape),
    "BroadcastToShapeOf": lambda g, x: jnp.broadcast_to(g, x.shape),
    "ExpandMaskLike": lambda m, d: jnp.broadcast_to(
        jnp.reshape(m, m.shape + (1,) * (d.ndim - m.ndim)), d.shape),
}.items():
    _binary(_t, _f)


def _sum_to_shape(g, shape: tuple):
    extra = g.ndim - len(shape)
    if extra > 0:
        g = jnp.sum(g, axis=tuple(range(extra)))
    axes = tuple(i for i, d in enumerate(shape) if d == 1 and g.shape[i] != 1)
    if axes:
        g = jnp.sum(g, axis=axes, keepdims=True)
    return jnp.reshape(g, shape)


@_lower("LeakyRelu")
def _leaky_relu(op, x):
    return jnp.where(x > 0, x, x * op._attrs.get("alpha", 0.2))


@_lower("LeakyReluGrad")
def _leaky_relu_grad(op, g, x):
    return jnp.where(x > 0, g, g * op._attrs.get("alpha", 0.2))


@_lower("AddN")
def _add_n(op, *xs):
    out = xs[0]
    for x in xs[1:]:
        out = out + x
    return out


@_lower("Select", "SelectV2")
def _select(op, c, x, y):
    if op._type == "Select" and c.ndim == 1 and x.ndim > 1:
        c = jnp.reshape(c, c.shape + (1,) * (x.ndim - 1))
    return jnp.where(c, x, y)


@_lower("Cast")
def _cast(op, x):
    dst = op._attrs["DstT"].np_dtype
    if jnp.iscomplexobj(x) and not np.issubdtype(dst, np.complexfloating):
        x = jnp.real(x)
    return x.astype(dst)


@_lower("NoOp")
def _no_op(op, *args):
    return ()


# --- reductions ----------------------------------------------------------------------------------
def _reduction(fn: Callable):
    def lower(op, x, axis=None):
        return fn(x, axis=_axes(axis, x.ndim), keepdims=bool(op._attrs.get("keep_dims", False)))
    return lower


for _t, _f in {"Sum": jnp.sum, "Mean": jnp.mean, "Max": jnp.max, "Min": jnp.min,
               "Prod": jnp.prod, "All": jnp.all, "Any": jnp.any,
               "EuclideanNorm": lambda x, axis, keepdims: jnp.sqrt(
                   jnp.sum(jnp.square(x), axis=axis, keepdims=keepdims))}.items():
    LOWERINGS[_t] = _reduction(_f)


@_lower("ArgMax", "ArgMin")
def _arg_reduce(op, x, axis):
    fn = jnp.argmax if op._type == "ArgMax" else jnp.argmin
    return fn(x, axis=int(static(axis))).astype(op._attrs["output_type"].np_dtype)


@_lower("BroadcastReduced")
def _broadcast_reduced(op, g, x, *axis):
    axes = _axes(axis[0] if axis else None, x.ndim)
    kept = [1 if i in axes else d for i, d in enumerate(x.shape)]
    return jnp.broadcast_to(jnp.reshape(g, kept), x.shape)


@_lower("Cumsum", "Cumprod")
def _cumulative(op, x, axis):
    a = int(static(axis)) % max(x.ndim, 1)
    add = op._type == "Cumsum"
    if op._attrs.get("reverse"):
        x = jnp.flip(x, a)
    out = jnp.cumsum(x, axis=a) if add else jnp.cumprod(x, axis=a)
    if op._attrs.get("exclusive"):
        ident = jnp.zeros_like if add else jnp.ones_like
        first = ident(lax.slice_in_dim(x, 0, 1, axis=a))
        out = jnp.concatenate([first, lax.slice_in_dim(out, 0, x.shape[a] - 1, axis=a)], axis=a)
    return jnp.flip(out, a) if op._attrs.get("reverse") else out


@_lower("L2Loss")
def _l2_loss(op, x):
    return jnp.sum(jnp.square(x)) / 2


# --- linear algebra --------------------------------------------------------------------------------
@_lower("MatMul")
def _matmul(op, a, b):
    if op._attrs.get("transpose_a"):
        a = a.T
    if op._attrs.get("transpose_b"):
        b = b.T
    return jnp.matmul(a, b)


@_lower("BatchMatMulV2")
def _batch_matmul(op, x, y):
    if op._attrs.get("adj_x"):
        x = jnp.conj(jnp.swapaxes(x, -1, -2))
    if op._attrs.get("adj_y"):
        y = jnp.conj(jnp.swapaxes(y, -1, -2))
    return jnp.matmul(x, y)


@_lower("Einsum")
def _einsum(op, *xs):
    return jnp.einsum(op._attrs["equation"], *xs)


# --- shapes and layout -----------------------------------------------------------------------------
@_lower("Shape")
def _shape(op, x):
    return np.array(x.shape, dtype=op._attrs["out_type"].np_dtype)


@_lower("ShapeN")
def _shape_n(op, *xs):
    return tuple(np.array(x.shape, dtype=op._attrs["out_type"].np_dtype) for x in xs)


@_lower("Size")
def _size(op, x):
    return np.array(int(np.prod(x.shape)), dtype=op._attrs["out_type"].np_dtype)


@_lower("Rank")
def _rank(op, x):
    return np.array(x.ndim, dtype=np.int32)


@_lower("Reshape")
def _reshape(op, x, shape):
    return jnp.reshape(x, ints(shape))


@_lower("ExpandDims")
def _expand_dims(op, x, dim):
    return jnp.expand_dims(x, ints(dim)[0])


@_lower("Squeeze")
def _squeeze(op, x):
    dims = op._attrs.get("squeeze_dims")
    return jnp.squeeze(x, tuple(dims)) if dims else jnp.squeeze(x)


@_lower("Transpose", "ConjugateTranspose")
def _transpose(op, x, perm):
    out = jnp.transpose(x, ints(perm))
    return jnp.conj(out) if op._type == "ConjugateTranspose" else out


@_lower("ConcatV2")
def _concat(op, *args):
    return jnp.concatenate(args[:-1], axis=int(static(args[-1])))


@_lower("Pack")
def _pack(op, *xs):
    return jnp.stack(xs, axis=op._attrs["axis"])


@_lower("Unpack")
def _unpack(op, x):
    axis = op._attrs["axis"]
    return tuple(jnp.squeeze(p, axis) for p in jnp.split(x, x.shape[axis], axis=axis))


@_lower("Split")
def _split(op, axis, x):
    return tuple(jnp.split(x, op._attrs["num_split"], axis=int(static(axis))))


@_lower("SplitV")
def _split_v(op, x, sizes, axis):
    a = int(static(axis))
    sizes = ints(sizes)
    if -1 in sizes:
        sizes[sizes.index(-1)] = x.shape[a] - (sum(sizes) + 1)
    return tuple(jnp.split(x, np.cumsum(sizes)[:-1].tolist(), axis=a))


@_lower("Tile")
def _tile(op, x, multiples):
    return jnp.tile(x, ints(multiples))


@_lower("Fill")
def _fill(op, dims, value):
    return jnp.full(ints(dims), value, dtype=op._outputs[0]._dtype.base_dtype.np_dtype)


@_lower("ZerosLike", "OnesLike")
def _like(op, x):
    return (jnp.zeros_like if op._type == "ZerosLike" else jnp.ones_like)(x)


@_lower("BroadcastTo")
def _broadcast_to(op, x, shape):
    return jnp.broadcast_to(x, ints(shape))


@_lower("Slice")
def _slice(op, x, begin, size):
    b, s = ints(begin), ints(size)
    s = [x.shape[i] - b[i] if v == -1 else v for i, v in enumerate(s)]
    return lax.slice(x, b, [bi + si for bi, si in zip(b, s)])


def _strided_forward(op, x, begin, end, strides):
    m = {k: op._attrs[k] for k in _array_ops._MASKS}
    idx, _, out = _array_ops._strided_indices(x.shape, static(begin), static(end),
                                              static(strides), m)
    return jnp.reshape(x[idx], out)


@_lower("StridedSlice")
def _strided_slice(op, x, begin, end, strides):
    return _strided_forward(op, x, begin, end, strides)


@_lower("StridedSliceGrad")
def _strided_slice_grad(op, shp, begin, end, strides, dy):
    zeros = jnp.zeros(ints(shp), dy.dtype)
    _, vjp = jax.vjp(lambda x: _strided_forward(op, x, begin, end, strides), zeros)
    return vjp(dy)[0]


@_lower("Pad", "PadV2", "MirrorPad")
def _pad(op, x, paddings, *value):
    pads = np.reshape(static(paddings), (-1, 2)).tolist()
    if op._type == "MirrorPad":
        mode = op._attrs["mode"]
        mode = mode.decode() if isinstance(mode, bytes) else mode
        return jnp.pad(x, pads, mode="reflect" if mode.upper() == "REFLECT" else "symmetric")
    fill = value[0] if value else 0
    return jnp.pad(x, pads, constant_values=fill)


@_lower("ReverseV2")
def _reverse(op, x, axis):
    return jnp.flip(x, tuple(ints(axis)))


@_lower("Range")
def _range(op, start, limit, delta):
    s, lim, d = (static(v).item() for v in (start, limit, delta))
    return jnp.arange(s, lim, d, dtype=op._outputs[0]._dtype.base_dtype.np_dtype)


@_lower("OneHot")
def _one_hot(op, indices, depth, on_value, off_value):
    hot = jnp.expand_dims(indices, -1) == jnp.arange(int(static(depth)), dtype=indices.dtype)
    out = jnp.where(hot, on_value, off_value)
    axis = op._attrs["axis"]
    return out if axis == -1 else jnp.moveaxis(out, -1, axis)


@_lower("GatherV2")
def _gather(op, params, indices, axis):
    a = int(static(axis)) % params.ndim
    batch = op._attrs.get("batch_dims", 0)
    if batch == 0:
        return jnp.take(params, indices, axis=a, mode="clip")
    raise NotStaticError("batched gather runs on the NumPy kernel")


@_lower("GatherNd")
def _gather_nd(op, params, indices):
    k = indices.shape[-1]
    return params[tuple(jnp.moveaxis(indices, -1, 0)[i] for i in range(k))]


@_lower("UnsortedSegmentSum")
def _unsorted_segment_sum(op, data, ids, n):
    return jax.ops.segment_sum(data, ids, num_segments=int(static(n)))


@_lower("BroadcastGradientArgs")
def _broadcast_gradient_args(op, s0, s1):
    return _array_ops._broadcast_gradient_args_kernel(static(s0), static(s1))


@_lower("DynamicStitch")
def _dynamic_stitch(op, *args):
    return _array_ops._dynamic_stitch_kernel(*[static(a) for a in args], N=op._attrs["N"])


@_lower("ConcatOffset")
def _concat_offset(op, axis, *shapes):
    return _array_ops._concat_offset_kernel(static(axis), *[static(s) for s in shapes])


@_lower("InvertPermutation")
def _invert_permutation(op, x):
    return jnp.argsort(x).astype(x.dtype)


# --- neural network ---------------------------------------------------------------------------------
@_lower("BiasAdd")
def _bias_add(op, x, b):
    if op._attrs.get("data_format", "NHWC") == "NCHW" and x.ndim > 2:
        return x + jnp.reshape(b, (-1,) + (1,) * (x.ndim - 2))
    return x + b


@_lower("BiasAddGrad")
def _bias_add_grad(op, g):
    c = g.ndim - 1 if op._attrs.get("data_format", "NHWC") != "NCHW" or g.ndim <= 2 else 1
    return jnp.sum(g, axis=tuple(i for i in range(g.ndim) if i != c))


@_lower("Softmax")
def _softmax(op, x):
    return jax.nn.softmax(x, axis=op._attrs.get("axis", -1))


@_lower("LogSoftmax")
def _log_softmax(op, x):
    return jax.nn.log_softmax(x, axis=op._attrs.get("axis", -1))


@_lower("SoftmaxCrossEntropyWithLogits")
def _xent(op, features, labels):
    log_p = jax.nn.log_softmax(features, axis=-1)
    labels = jnp.broadcast_to(labels, features.shape)
    return -jnp.sum(labels * log_p, axis=-1), jnp.exp(log_p) - labels


@_lower("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_xent(op, features, labels):
    log_p = jax.nn.log_softmax(features, axis=-1)
    hot = jax.nn.one_hot(labels, features.shape[-1], dtype=features.dtype)
    return -jnp.sum(hot * log_p, axis=-1), jnp.exp(log_p) - hot


@_lower("InTopKV2")
def _in_top_k(op, predictions, targets, k):
    target = jnp.take_along_axis(predictions, targets[:, None].astype(jnp.int32), axis=1)
    better = jnp.sum(predictions > target, axis=1)
    return (better < int(static(k))) & jnp.all(jnp.isfinite(predictions), axis=1)


def _geometry(op):
    geo = _nn_ops._Geometry(op._attrs)
    spatial = (2, 3) if geo.nchw else (1, 2)
    return geo, spatial


def _conv_padding(geo, x_hw, k_hw):
    if geo.padding == "EXPLICIT":
        return list(geo.explicit)
    plan = geo.plan(x_hw[0], x_hw[1], k_hw[0], k_hw[1])
    return [(p[1], p[2]) for p in plan]


def _conv_forward(op, x, f, depthwise: bool):
    geo, sp = _geometry(op)
    layout = "NCHW" if geo.nchw else "NHWC"
    pads = _conv_padding(geo, (x.shape[sp[0]], x.shape[sp[1]]), f.shape[:2])
    channels = x.shape[sp[0] - 1] if geo.nchw else x.shape[3]
    groups = channels if depthwise else channels // f.shape[2]
    if depthwise:
        f = jnp.reshape(f, f.shape[:2] + (1, f.shape[2] * f.shape[3]))
    return lax.conv_general_dilated(x, f, window_strides=geo.strides, padding=pads,
                                    rhs_dilation=geo.dilations, feature_group_count=groups,
                                    dimension_numbers=(layout, "HWIO", layout))


def _define_conv(fwd_type: str, depthwise: bool) -> None:
    def forward(op, x, f):
        return _conv_forward(op, x, f, depthwise)

    def backprop_input(op, sizes, f, g):
        x = jnp.zeros(ints(sizes), g.dtype)
        return jax.vjp(lambda v: _conv_forward(op, v, f, depthwise), x)[1](g)[0]

    def backprop_filter(op, x, sizes, g):
        f = jnp.zeros(ints(sizes), g.dtype)
        return jax.vjp(lambda w: _conv_forward(op, x, w, depthwise), f)[1](g)[0]

    LOWERINGS[fwd_type] = forward
    LOWERINGS[fwd_type + "BackpropInput"] = backprop_input
    LOWERINGS[fwd_type + "BackpropFilter"] = backprop_filter


_define_conv("Conv2D", depthwise=False)
_define_conv("DepthwiseConv2dNative", depthwise=True)


def _pool_window(op, x):
    geo, kh, kw = _nn_ops._pool_geometry(op._attrs)
    sp = (2, 3) if geo.nchw else (1, 2)
    dims, strides = [1, 1, 1, 1], [1, 1, 1, 1]
    dims[sp[0]], dims[sp[1]] = kh, kw
    strides[sp[0]], strides[sp[1]] = geo.strides
    pads = [(0, 0)] * 4
    pad_hw = _conv_padding(geo, (x.shape[sp[0]], x.shape[sp[1]]), (kh, kw))
    pads[sp[0]], pads[sp[1]] = pad_hw
    return dims, strides, pads


def _max_pool_clean(x):
    """TF's rule (see nn_ops._max_pool_input): NaN and -inf count as the lowest finite value."""
    if jnp.issubdtype(x.dtype, jnp.floating):
        return jnp.fmax(x, jnp.asarray(jnp.finfo(x.dtype).min, x.dtype))
    return x


def _max_pool_window(op, x):
    dims, strides, pads = _pool_window(op, x)
    init = -np.inf if jnp.issubdtype(x.dtype, jnp.floating) else jnp.iinfo(x.dtype).min
    return lax.reduce_window(x, np.array(init, x.dtype), lax.max, dims, strides, pads)


def _max_pool_forward(op, x):
    return _max_pool_window(op, _max_pool_clean(x))


def _avg_pool_forward(op, x):
    dims, strides, pads = _pool_window(op, x)
    zero = np.array(0, x.dtype)
    sums = lax.reduce_window(x, zero, lax.add, dims, strides, pads)
    counts = lax.reduce_window(jnp.ones(x.shape, x.dtype), zero, lax.add, dims, strides, pads)
    return sums / counts


@_lower("MaxPool")
def _max_pool(op, x):
    return _max_pool_forward(op, x)


@_lower("MaxPoolGrad")
def _max_pool_grad(op, x, y, g):
    # routed by the cleaned values: a window of NaNs sends its gradient to its first element
    return jax.vjp(lambda v: _max_pool_window(op, v), _max_pool_clean(x))[1](g)[0]


@_lower("AvgPool")
def _avg_pool(op, x):
    return _avg_pool_forward(op, x)


@_lower("AvgPoolGrad")
def _avg_pool_grad(op, sizes, g):
    x = jnp.zeros(ints(sizes), g.dtype)
    return jax.vjp(lambda v: _avg_pool_forward(op, v), x)[1](g)[0]


# --- 3-D convolution and pooling (ops/nn3d_ops.py) ------------------------------------------------
# What the NumPy kernels refuse at run time (TF's CPU kernels do) is refused here too, so that the
# segment falls back to them and they raise TF's error.
def _geometry3d(op):
    geo = _nn3d_ops._Geometry3D(op._attrs)
    return geo, ((2, 3, 4) if geo.ncdhw else (1, 2, 3))


def _unit_outer(geo, values) -> bool:
    n, c = (0, 1) if geo.ncdhw else (0, 4)
    return values[n] == 1 and values[c] == 1


def _half_to_f32(x):
    return x.astype(jnp.float32) if x.dtype.itemsize < 4 else x


def _conv3d_forward(op, x, f):
    geo, sp = _geometry3d(op)
    c = x.shape[1] if geo.ncdhw else x.shape[4]
    if not (_unit_outer(geo, geo.raw_strides) and _unit_outer(geo, geo.raw_dilations)) \
            or c != f.shape[3]:
        raise NotStaticError("Conv3D geometry its CPU kernel refuses")
    layout = "NCDHW" if geo.ncdhw else "NDHWC"
    plan = geo.plan([x.shape[i] for i in sp], f.shape[:3])
    y = lax.conv_general_dilated(_half_to_f32(x), _half_to_f32(f), window_strides=geo.strides,
                                 padding=[(b, a) for _, b, a in plan], rhs_dilation=geo.dilations,
                                 dimension_numbers=(layout, "DHWIO", layout))
    return y.astype(x.dtype)


@_lower("Conv3D")
def _conv3d(op, x, f):
    return _conv3d_forward(op, x, f)


@_lower("Conv3DBackpropInputV2")
def _conv3d_backprop_input(op, sizes, f, g):
    x = jnp.zeros(ints(sizes), g.dtype)
    return jax.vjp(lambda v: _conv3d_forward(op, v, f), x)[1](g)[0]


@_lower("Conv3DBackpropFilterV2")
def _conv3d_backprop_filter(op, x, sizes, g):
    f = jnp.zeros(ints(sizes), g.dtype)
    return jax.vjp(lambda w: _conv3d_forward(op, x, w), f)[1](g)[0]


def _pool3d_window(op, x_shape, dtype, kernels=("float32", "bfloat16")):
    """(geometry, spatial axes, plan, window dims, strides, paddings) of a 3-D pool."""
    geo, sp = _geometry3d(op)
    if jnp.dtype(dtype).name not in kernels or not (_unit_outer(geo, geo.raw_ksize)
                                                      and _unit_outer(geo, geo.raw_strides)):
        raise NotStaticError("3-D pooling its CPU kernel refuses")
    plan = geo.plan([x_shape[i] for i in sp], geo.ksize, (1, 1, 1))
    dims, strides, pads = [1] * 5, [1] * 5, [(0, 0)] * 5
    for axis, k, s, (_, before, after) in zip(sp, geo.ksize, geo.strides, plan):
        dims[axis], strides[axis], pads[axis] = k, s, (before, after)
    return geo, sp, plan, dims, strides, pads


def _pool3d_taps(geo, sp, plan):
    """Index tuples into the padded input of everything each window tap sees (row-major)."""
    taps = []
    for i in range(geo.ksize[0]):
        for j in range(geo.ksize[1]):
            for k in range(geo.ksize[2]):
                index = [slice(None)] * 5
                for axis, t, (out, _, _), s in zip(sp, (i, j, k), plan, geo.strides):
                    index[axis] = slice(t, t + s * (out - 1) + 1, s)
                taps.append(tuple(index))
    return taps


def _crop3d(xp, sp, pads, shape):
    index = [slice(None)] * 5
    for axis in sp:
        index[axis] = slice(pads[axis][0], pads[axis][0] + shape[axis])
    return xp[tuple(index)]


@_lower("MaxPool3D")
def _max_pool3d(op, x):
    _, _, _, dims, strides, pads = _pool3d_window(op, x.shape, x.dtype)
    return lax.reduce_window(_max_pool_clean(x), np.array(-np.inf, x.dtype), lax.max, dims,
                             strides, pads)


@_lower("MaxPool3DGrad")
def _max_pool3d_grad(op, x, y, g):
    # the first tap equal to y of the cleaned, lowest-padded input (see nn3d_ops)
    geo, sp, plan, _, _, pads = _pool3d_window(op, x.shape, g.dtype)
    lowest = np.array(jnp.finfo(x.dtype).min, x.dtype)
    xp = jnp.pad(_max_pool_clean(x), pads, constant_values=lowest)
    dxp = jnp.zeros(xp.shape, g.dtype)
    taken = jnp.zeros(y.shape, bool)
    for tap in _pool3d_taps(geo, sp, plan):
        hit = (xp[tap] == y) & ~taken
        taken = taken | hit
        dxp = dxp.at[tap].add(jnp.where(hit, g, jnp.zeros((), g.dtype)))
    return _crop3d(dxp, sp, pads, x.shape)


@_lower("MaxPool3DGradGrad")
def _max_pool3d_grad_grad(op, x, y, gg):
    geo, sp, plan, _, _, pads = _pool3d_window(op, x.shape, gg.dtype)
    if geo.ncdhw:
        raise NotStaticError("MaxPool3DGradGrad runs NDHWC only")
    xp = jnp.pad(x, pads, constant_values=np.array(np.nan, x.dtype))
    ggp = jnp.pad(gg, pads)
    out = jnp.zeros(y.shape, gg.dtype)
    taken = jnp.zeros(y.shape, bool)
    for tap in _pool3d_taps(geo, sp, plan):
        hit = (xp[tap] == y) & ~taken
        taken = taken | hit
        out = jnp.where(hit, ggp[tap], out)
    return out


def _avg_pool3d_forward(op, x):
    geo, sp, plan, dims, strides, pads = _pool3d_window(op, x.shape, x.dtype)
    x32 = _half_to_f32(x)
    sums = lax.reduce_window(x32, np.array(0, x32.dtype), lax.add, dims, strides, pads)
    # the window counts from the static shape, as a (1, Do, Ho, Wo, 1) constant (computed by XLA
    # from a full-size array of ones they are constant-folded, for seconds on large inputs)
    counts = _nn3d_ops._avg_counts([x.shape[i] for i in sp], plan,
                                   _nn3d_ops._taps(geo.ksize, plan, geo.strides), np.float64)
    if geo.ncdhw:
        counts = np.transpose(counts, (0, 4, 1, 2, 3))
    return (sums / counts.astype(x32.dtype)).astype(x.dtype)


@_lower("AvgPool3D")
def _avg_pool3d(op, x):
    return _avg_pool3d_forward(op, x)


@_lower("AvgPool3DGrad")
def _avg_pool3d_grad(op, sizes, g):
    x = jnp.zeros(ints(sizes), g.dtype)
    return jax.vjp(lambda v: _avg_pool3d_forward(op, v), x)[1](g)[0]


# --- pass-through ops --------------------------------------------------------------------------------
@_lower("IdentityN")
def _identity_n(op, *xs):
    return tuple(xs)


@_lower("PlaceholderWithDefault")
def _placeholder_with_default(op, x):
    return x


@_lower("EnsureShape")
def _ensure_shape(op, x):
    want = op._attrs["shape"]
    if want.ndims is not None and not want.is_compatible_with(x.shape):
        raise NotStaticError("EnsureShape mismatch is reported by the NumPy kernel")
    return x


from . import nn_extra_lowering  # noqa: E402,F401 - registers LRN/space-depth-batch/Dilation2D lowerings
