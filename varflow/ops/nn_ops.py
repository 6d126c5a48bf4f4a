"""Neural-network ops (`tf.nn.*`): activations, softmax, convolutions, pooling, losses, lookups.

Each op is defined once (output rule, NumPy kernel, gradient) next to its public wrapper. Convolutions
and pooling work on NHWC arrays (NCHW is transposed in and out) with im2col windows from `as_strided`
and one tensordot, so no Python loop ever runs over pixels (only over the few kernel taps).
"""
from __future__ import annotations

import collections

import numbers

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import onednn, op_util
from .constant_op import constant
from .op_util import FLOATS, check_dtype_in, const_value, make, make1, same_as_first

__all__ = [
    "relu", "relu6", "elu", "leaky_relu", "selu", "softplus", "softsign", "crelu", "swish",
    "softmax", "log_softmax", "bias_add", "xw_plus_b", "conv2d", "conv2d_transpose",
    "conv2d_backprop_input", "conv2d_backprop_filter", "conv1d", "atrous_conv2d",
    "depthwise_conv2d", "depthwise_conv2d_native", "separable_conv2d", "max_pool", "avg_pool",
    "max_pool2d", "avg_pool2d", "dropout", "l2_loss", "l2_normalize", "moments",
    "batch_normalization", "fused_batch_norm", "softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_v2", "sparse_softmax_cross_entropy_with_logits",
    "sigmoid_cross_entropy_with_logits", "weighted_cross_entropy_with_logits",
    "embedding_lookup", "top_k", "in_top_k", "log_poisson_loss", "zero_fraction",
    "weighted_moments", "sufficient_statistics", "normalize_moments", "max_pool_with_argmax",
]


def _math():
    from . import math_ops
    return math_ops


def _array():
    from . import array_ops
    return array_ops


def _float_input(x, op_type: str, name: str = "features") -> Tensor:
    t = convert_to_tensor(x, name=name)
    check_dtype_in(op_type, t, FLOATS, name)
    return t


def _cast_like(arr, like) -> np.ndarray:
    return np.asarray(arr).astype(like.dtype, copy=False)


# =================================================================================================
# Activations: each op's gradient is a *Grad op whose own gradient is defined too (second order).
# =================================================================================================
def _stable_sigmoid(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))
    return _cast_like(np.where(x >= 0, 1 / (1 + e), e / (1 + e)), x)


def _define_activation(op_type: str, forward, grad_kernel, grad_uses_output: bool,
                       second_order=None, ints_ok: bool = False, grad=None):
    """Define `op_type` and `op_type + 'Grad'`: Grad(g, y_or_x) is linear in g; `op_type`'s
    gradient builds that op unless `grad` says otherwise."""
    grad_type = op_type + "Grad"

    def grad_op(op, g):
        ref = op._outputs[0] if grad_uses_output else op._inputs[0]
        return [make1(grad_type, [g, ref], dict(op._attrs))]

    def grad_grad(op, gg):
        g, ref = op._inputs
        d_ref = second_order(op, gg, g, ref) if second_order is not None else None
        return [make1(grad_type, [gg, ref], dict(op._attrs)), d_ref]

    define(op_type, same_as_first, forward, grad=grad or grad_op)
    define(grad_type, same_as_first, grad_kernel, grad=grad_grad)

    def wrapper(features, name=None, **attrs) -> Tensor:
        x = convert_to_tensor(features, name="features")
        check_dtype_in(op_type, x, FLOATS + op_util.INTS if ints_ok else FLOATS, "features")
        return make1(op_type, [x], attrs, name=name or op_type)
    return wrapper


def _times_g(op, gg, g, factor):
    m = _math()
    return m.multiply(m.multiply(gg, g), factor)


def _relu_grad(g, y):
    """g times the 0/1 mask of y > 0, as TF's kernel computes it (so -g * 0 is -0.0 and NaN stays
    NaN; np.where would be an order of magnitude slower, its random branches mispredict). The mask
    is made in g's dtype and multiplied in place: 2.2 against 2.6 ms for a bool mask cast on the
    fly, on a 32x64x64x32 float32 gradient."""
    if np.shape(g) != np.shape(y):
        return np.multiply(g, y > 0, dtype=g.dtype)
    mask = np.greater(y, 0, out=np.empty(np.shape(y), g.dtype))
    return np.multiply(g, mask, out=mask)


def _relu_forward(x, out=None):
    """max(x, 0) as TF's CPU kernel gives it on x86: NaN stays NaN and -0.0 stays -0.0 (observed
    in TF 2.21 for float16, float32 and float64). NumPy's clip to [0, inf] does exactly that for
    every float dtype, and its SIMD loop is twice as fast as maximum (0.8 against 1.6-2.0 ms on
    4M float32); np.maximum(x, 0) turns -0.0 into 0.0."""
    if x.dtype.kind == "f":
        return np.clip(x, np.zeros((), x.dtype), np.asarray(np.inf, x.dtype), out=out)
    return np.maximum(x, np.zeros((), x.dtype), out=out)


_relu = _define_activation("Relu", _relu_forward, _relu_grad, True, ints_ok=True)
_relu6 = _define_activation(
    "Relu6", lambda x: np.clip(x, 0, 6).astype(x.dtype, copy=False),
    lambda g, x: np.multiply(g, (x > 0) & (x < 6), dtype=g.dtype), True, ints_ok=True)
_elu = _define_activation(
    "Elu", lambda x: np.where(x > 0, x, _cast_like(np.expm1(np.minimum(x, 0)), x)),
    lambda g, y: _cast_like(np.where(y > 0, g, g * (y + 1)), g), True,
    second_order=lambda op, gg, g, y: _times_g(op, gg, g, _math().cast(_math().less(y, 0), y.dtype)))

_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_ALPHA = 1.6732632423543772848170429916717
_selu = _define_activation(
    "Selu", lambda x: _cast_like(_SELU_SCALE * np.where(x > 0, x, _SELU_ALPHA * np.expm1(np.minimum(x, 0))), x),
    lambda g, y: _cast_like(np.where(y < 0, g * (y + _SELU_SCALE * _SELU_ALPHA), g * _SELU_SCALE), g), True,
    second_order=lambda op, gg, g, y: _times_g(op, gg, g, _math().cast(_math().less(y, 0), y.dtype)))
_softplus = _define_activation(
    "Softplus", lambda x: _cast_like(np.logaddexp(np.zeros((), x.dtype), x), x),
    lambda g, x: _cast_like(g * _stable_sigmoid(x), g), False,
    second_order=lambda op, gg, g, x: _times_g(
        op, gg, g, _math().multiply(_math().sigmoid(x), 1 - _math().sigmoid(x))),
    # TF differentiates Softplus as g * sigmoid(x), a Mul (SoftplusGrad stays for imported graphs)
    grad=lambda op, g: [_math()._mul_op(g, _math().sigmoid(op._inputs[0]))])

_softsign = _define_activation(
    "Softsign", lambda x: _cast_like(x / (1 + np.abs(x)), x),
    lambda g, x: _cast_like(g / np.square(1 + np.abs(x)), g), False,
    second_order=lambda op, gg, g, x: _times_g(
        op, gg, g, -2 * _math().sign(x) / _math().pow(1 + _math().abs(x), 3)))


def _leaky_forward(x, alpha=0.2):
    return np.where(x > 0, x, _cast_like(alpha * x, x))


def _leaky_grad(g, x, alpha=0.2):
    return np.where(x > 0, g, _cast_like(alpha * g, g))


_leaky_relu = _define_activation("LeakyRelu", _leaky_forward, _leaky_grad, False)


def relu(features, name=None) -> Tensor:
    """`tf.nn.relu`: max(features, 0)."""
    return _relu(features, name)


def relu6(features, name=None) -> Tensor:
    """`tf.nn.relu6`: min(max(features, 0), 6)."""
    return _relu6(features, name)


def elu(features, name=None) -> Tensor:
    """`tf.nn.elu`: x for x > 0, exp(x) - 1 otherwise."""
    return _elu(features, name)


def selu(features, name=None) -> Tensor:
    """`tf.nn.selu`: scale * elu with alpha, the self-normalising constants."""
    return _selu(features, name)


def softplus(features, name=None) -> Tensor:
    """`tf.nn.softplus`: log(1 + exp(x)), computed without overflow."""
    return _softplus(features, name)


def softsign(features, name=None) -> Tensor:
    """`tf.nn.softsign`: x / (1 + |x|)."""
    return _softsign(features, name)


def leaky_relu(features, alpha: float = 0.2, name=None) -> Tensor:
    """`tf.nn.leaky_relu`: x for x > 0, alpha * x otherwise."""
    return _leaky_relu(features, name, alpha=float(alpha))


def crelu(features, name=None, axis: int = -1) -> Tensor:
    """`tf.nn.crelu`: relu of [x, -x] concatenated along `axis`."""
    with name_scope(name, "CRelu", [features]) as scope:
        x = convert_to_tensor(features, name="features")
        c = _array().concat([x, _math().negative(x)], axis, name=scope)
        return relu(c)


def swish(features, beta: float = 1.0, name=None) -> Tensor:
    """`tf.nn.swish` (silu): x * sigmoid(beta * x). Built as TF's custom-gradient function: the
    ops at the caller's scope, the result an IdentityN of (y, x, beta) whose gradient is the
    closed form (so it is one Mul for x, and beta gets its own)."""
    m, a = _math(), _array()
    x = convert_to_tensor(features, name="features")
    beta = convert_to_tensor(beta, dtype=x._dtype.base_dtype, name="beta")
    y = x * m.sigmoid(beta * x)
    a.identity(y)   # TF's custom_gradient wrapper builds this (unused) Identity too
    return make("IdentityN", [y, x, beta], {"_gradient_op_type": "Swish"},
                name=name or "IdentityN")._outputs[0]


def _swish_grad(op, g, *unused):
    """d/dx = sigmoid(bx) (1 + bx (1 - sigmoid(bx))); d/db = sum(x^2 sigmoid(bx) (1 - sigmoid(bx)))."""
    m = _math()
    x, beta = op._inputs[1], op._inputs[2]
    sig = m.sigmoid(beta * x)
    one = constant(1, dtype=x._dtype.base_dtype)
    d_x = sig * (one + beta * x * (one - sig))
    d_beta = m.reduce_sum(g * m.square(x) * sig * (one - sig))
    return [None, g * d_x, d_beta]


_array().IDENTITY_N_GRADIENTS["Swish"] = _swish_grad


# =================================================================================================
# Softmax and log-softmax (over any axis; TF's op works on the last axis, the wrapper moves it)
# =================================================================================================
def _softmax_rule(inputs, attrs):
    x = inputs[0]
    check_dtype_in("Softmax", x, FLOATS, "logits")
    if x._shape.ndims == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0 for 'Softmax' (input %s)"
                         % x.name)
    return [(x._dtype.base_dtype, x._shape)]


def _softmax_kernel(x, axis=-1):
    z = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(z)
    return _cast_like(e / np.sum(e, axis=axis, keepdims=True), x)


def _log_softmax_kernel(x, axis=-1):
    z = x - np.max(x, axis=axis, keepdims=True)
    return _cast_like(z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True)), x)


def _softmax_grad(op, g):
    """TF's: (g - sum(g * y, -1, keepdims)) * y, written with operators (mul, sub, mul_1)."""
    m = _math()
    y, axis = op._outputs[0], op._attrs["axis"]
    s = m.reduce_sum(m._mul_op(g, y), axis, keepdims=True)
    return [m._mul_op(m.subtract(g, s, name="sub"), y)]


def _log_softmax_grad(op, g):
    """TF's: g - sum(g, -1, keepdims) * exp(y)."""
    m = _math()
    y, axis = op._outputs[0], op._attrs["axis"]
    softmax = m.exp(y)
    return [m.subtract(g, m._mul_op(m.reduce_sum(g, axis, keepdims=True), softmax), name="sub")]


define("Softmax", _softmax_rule, _softmax_kernel, grad=_softmax_grad)
define("LogSoftmax", _softmax_rule, _log_softmax_kernel, grad=_log_softmax_grad)


def _softmax_op(op_type, logits, axis, dim, name):
    axis = op_util.legacy_kwarg(axis, "axis", dim, "dim")
    axis = -1 if axis is None else int(axis)
    x = convert_to_tensor(logits, name="logits")
    rank = x._shape.ndims
    if rank is not None and not -rank <= axis < rank:
        raise errors.InvalidArgumentError(
            None, None, "`axis` %d is out of bounds for a rank-%d input to %s" % (axis, rank, op_type))
    if rank is not None and axis < 0:
        axis += rank
    if axis == -1 or (rank is not None and axis == rank - 1):
        return make1(op_type, [x], {"axis": -1}, name=name or op_type)
    if rank is None:
        return make1(op_type, [x], {"axis": axis}, name=name or op_type)
    # TF swaps `axis` with the last axis around a last-axis op (its Rank, Sub, range, concat and
    # two Transposes, at the caller's scope): the result is a Transpose named `transpose_N`
    a = _array()
    a.rank(x)
    input_rank = a.rank(x)
    y = make1(op_type, [_swap_last(x, axis, input_rank)], {"axis": -1}, name=op_type)
    y = _swap_last(y, axis, input_rank, name=name)
    y.set_shape(x._shape)
    return y


def _swap_last(x: Tensor, axis: int, input_rank: Tensor, name=None) -> Tensor:
    """`x` with dimension `axis` and the last one exchanged."""
    m, a = _math(), _array()
    last = m.subtract(input_rank, 1)
    perm = a.concat([m.range(axis), [last], m.range(axis + 1, last), [axis]], 0)
    return a.transpose(x, perm, name=name or "transpose")


def softmax(logits, axis=None, name=None, dim=None) -> Tensor:
    """`tf.nn.softmax`: exp(x) / sum(exp(x)) along `axis` (default last; `dim` is the TF1 spelling)."""
    return _softmax_op("Softmax", logits, axis, dim, name)


def log_softmax(logits, axis=None, name=None, dim=None) -> Tensor:
    """`tf.nn.log_softmax`: x - log(sum(exp(x))) along `axis`, computed stably."""
    return _softmax_op("LogSoftmax", logits, axis, dim, name)


# =================================================================================================
# BiasAdd
# =================================================================================================
def _channel_axis(rank: int, data_format: str) -> int:
    return 1 if data_format.startswith("NC") and rank >= 2 else rank - 1


def _bias_add_rule(inputs, attrs):
    x, b = inputs
    op_util.check_same_dtype("BiasAdd", ("value", x), ("bias", b))
    if b._shape.ndims not in (None, 1):
        raise ValueError("Shape must be rank 1 but is rank %d for 'BiasAdd' (bias)" % b._shape.ndims)
    rank = x._shape.ndims
    if rank is not None:
        if rank < 2:
            raise ValueError("Shape must be at least rank 2 but is rank %d for 'BiasAdd'" % rank)
        c = x._shape[_channel_axis(rank, attrs["data_format"])]
        n = b._shape[0] if b._shape.ndims else None
        if c is not None and n is not None and c != n:
            raise ValueError("Dimensions must be equal, but are %d and %d for 'BiasAdd' with input "
                             "shapes: %s, [%d]: the bias needs one entry per channel." % (c, n, x._shape, n))
    return [(x._dtype.base_dtype, x._shape)]


def _bias_shape(rank, data_format, n):
    shape = [1] * rank
    shape[_channel_axis(rank, data_format)] = n
    return shape


def _bias_add_kernel(x, b, data_format="NHWC"):
    return x + b.reshape(_bias_shape(x.ndim, data_format, b.shape[0]))


def _bias_add_grad_rule(inputs, attrs):
    g = inputs[0]
    rank = g._shape.ndims
    n = None if rank is None else g._shape[_channel_axis(rank, attrs["data_format"])]
    return [(g._dtype.base_dtype, TensorShape([n]))]


def _bias_add_grad_kernel(g, data_format="NHWC"):
    c = _channel_axis(g.ndim, data_format)
    return _cast_like(_math().sum_kernel(g, tuple(i for i in range(g.ndim) if i != c), False), g)


define("BiasAdd", _bias_add_rule, _bias_add_kernel,
       grad=lambda op, g: [g, make1("BiasAddGrad", [g], dict(op._attrs))])
define("BiasAddGrad", _bias_add_grad_rule, _bias_add_grad_kernel,
       grad=lambda op, gg: [bias_add(_array().zeros_like(op._inputs[0]), gg,
                                     data_format=op._attrs["data_format"])])


def bias_add(value, bias, data_format=None, name=None) -> Tensor:
    """`tf.nn.bias_add`: add a 1-D `bias` along the channel axis (last, or 1 for NCHW)."""
    x = convert_to_tensor(value, name="input")
    b = convert_to_tensor(bias, dtype=x._dtype.base_dtype, name="bias")
    data_format = data_format or "NHWC"
    return make1("BiasAdd", [x, b], {"data_format": data_format}, name=name or "BiasAdd")


def xw_plus_b(x, weights, biases, name=None) -> Tensor:
    """`tf.nn.xw_plus_b`: matmul(x, weights) + biases."""
    with name_scope(name, "xw_plus_b", [x, weights, biases]) as scope:
        return bias_add(_math().matmul(x, weights), biases, name=scope)


# =================================================================================================
# Convolution geometry shared by conv and pooling (NHWC; attrs keep TF's data_format order)
# =================================================================================================
def _out_size(in_size, k, s, d, padding, before=0, after=0):
    """(output size, pad before, pad after) along one spatial dimension, as TF computes them."""
    eff = (k - 1) * d + 1
    if in_size is None:
        return None, 0, 0
    if padding == "SAME":
        out = -(-in_size // s)
        total = max((out - 1) * s + eff - in_size, 0)
        return out, total // 2, total - total // 2
    if padding == "VALID":
        before = after = 0
    padded = in_size + before + after
    if padded < eff:
        raise _NegativeSizeError(eff, padded, s)
    return (padded - eff) // s + 1, before, after


class _NegativeSizeError(ValueError):
    """A VALID (or explicitly padded) window larger than its padded input."""

    def __init__(self, window: int, padded: int, stride: int):
        self.window, self.padded = window, padded
        super().__init__("Computed output size would be negative: %d [input_size: %d, "
                         "effective_filter_size: %d, stride: %d]"
                         % ((padded - window) // stride + 1, padded, window, stride))


def _negative_size_error(e: _NegativeSizeError, op_type: str, *shapes) -> ValueError:
    """TF's graph-construction error for a window that does not fit, with what to change."""
    return ValueError("Negative dimension size caused by subtracting %d from %d for '%s' with input "
                      "shapes: %s. The window is larger than the input: use padding='SAME', a "
                      "smaller window, or a larger input."
                      % (e.window, e.padded, op_type,
                         ", ".join(str(sh.as_list()).replace(" ", "") for sh in shapes)))


class _Geometry:
    """Strides, dilations and padding of a 2-D window op, in NHWC order."""

    __slots__ = ("nchw", "strides", "dilations", "padding", "explicit")

    def __init__(self, attrs):
        self.nchw = attrs.get("data_format", "NHWC") == "NCHW"
        hw = (2, 3) if self.nchw else (1, 2)
        s = attrs["strides"]
        d = attrs.get("dilations") or [1, 1, 1, 1]
        self.strides = (s[hw[0]], s[hw[1]])
        self.dilations = (d[hw[0]], d[hw[1]])
        self.padding = attrs["padding"]
        e = attrs.get("explicit_paddings") or [0] * 8
        self.explicit = ((e[2 * hw[0]], e[2 * hw[0] + 1]), (e[2 * hw[1]], e[2 * hw[1] + 1]))

    def plan(self, h, w, kh, kw):
        """((Ho, pad_top, pad_bottom), (Wo, pad_left, pad_right))."""
        return (_out_size(h, kh, self.strides[0], self.dilations[0], self.padding, *self.explicit[0]),
                _out_size(w, kw, self.strides[1], self.dilations[1], self.padding, *self.explicit[1]))

    def to_nhwc(self, x):
        return np.transpose(x, (0, 2, 3, 1)) if self.nchw else x

    def from_nhwc(self, x):
        return np.ascontiguousarray(np.transpose(x, (0, 3, 1, 2))) if self.nchw else x

    def shape_nhwc(self, shape):
        return [shape[0], shape[2], shape[3], shape[1]] if self.nchw else list(shape)

    def shape_from_nhwc(self, shape):
        return [shape[0], shape[3], shape[1], shape[2]] if self.nchw else list(shape)


def _windows(xp, kh, kw, ho, wo, strides, dilations):
    """A read-only (N, Ho, Wo, kh, kw, C) view of the windows of a padded NHWC array."""
    s0, s1, s2, s3 = xp.strides
    return np.lib.stride_tricks.as_strided(
        xp, shape=(xp.shape[0], ho, wo, kh, kw, xp.shape[3]),
        strides=(s0, s1 * strides[0], s2 * strides[1], s1 * dilations[0], s2 * dilations[1], s3),
        writeable=False)


def _tap_slice(i, j, ho, wo, strides, dilations):
    """The index into a padded array of everything tap (i, j) of the window sees."""
    r0, c0 = i * dilations[0], j * dilations[1]
    return (slice(None), slice(r0, r0 + strides[0] * (ho - 1) + 1, strides[0]),
            slice(c0, c0 + strides[1] * (wo - 1) + 1, strides[1]), slice(None))


def _pad_nhwc(x, ph, pw, value=0):
    if not (ph[0] or ph[1] or pw[0] or pw[1]):
        return x
    return np.pad(x, ((0, 0), ph, pw, (0, 0)), constant_values=value)


# --- the three convolution kernels, NHWC, grouped when the filter's in-channels divide C ---------
_CHUNK_BYTES = 1 << 21   # patch-matrix bytes per GEMM: ~2 MiB stays in cache and bounds peak memory
_PARALLEL_MIN_BYTES = 1 << 23   # below this much patch matrix, threads cost more than they save


class _BlasThreads:
    """Runs the chunk GEMMs of a convolution on one Python thread per BLAS thread, with OpenBLAS
    single-threaded meanwhile: OpenBLAS splitting each narrow GEMM (N = out channels) across its
    own spinning threads is slower, and far slower when another process shares the cores."""

    MAX_THREADS = 16   # beyond this the GIL-held Python part of each chunk stops it scaling

    def __init__(self):
        import threading
        self.lock = threading.Lock()
        self.local = threading.local()
        self.funcs = None   # (get_num_threads, set_num_threads) once probed; () if unavailable
        self.pool = None
        self.active = 0     # runs in flight (they share one BLAS setting)
        self.saved = 1      # the BLAS thread count to restore when the last run ends

    def _probe(self):
        """Find the OpenBLAS that NumPy loaded and its thread-count controls (else leave BLAS be);
        threadpoolctl does the finding, for every platform and OpenBLAS build."""
        self.funcs = ()
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:
            return
        libs = ThreadpoolController().select(internal_api="openblas").lib_controllers
        if libs:
            self.funcs = (libs[0].get_num_threads, libs[0].set_num_threads)

    def _enter(self) -> int:
        """Make BLAS single-threaded and return how many threads to run chunks on (0: run serially)."""
        with self.lock:
            if self.funcs is None:
                self._probe()
            if not self.funcs:
                return 0
            if self.active == 0:
                n = int(self.funcs[0]())   # follows OPENBLAS_NUM_THREADS and threadpoolctl limits
                if n < 2:
                    return 0
                self.saved = n
                self.funcs[1](1)
            if self.pool is None:
                import os
                from concurrent.futures import ThreadPoolExecutor
                self.pool = ThreadPoolExecutor(self.MAX_THREADS - 1, thread_name_prefix="varflow-conv")
                if hasattr(os, "register_at_fork"):
                    os.register_at_fork(after_in_child=self._after_fork)
            self.active += 1
            return min(self.saved, self.MAX_THREADS)

    def _exit(self):
        with self.lock:
            self.active -= 1
            if self.active == 0:
                self.funcs[1](self.saved)

    def _after_fork(self):
        import threading
        if self.active:      # forked mid-run by another thread: the child gets its BLAS threads back
            self.funcs[1](self.saved)
        self.lock = threading.Lock()
        self.pool = None
        self.active = 0

    def run(self, tasks, fn, nbytes):
        """Call fn(task) for each task (independent; in any order, on any thread)."""
        threads = 0 if len(tasks) < 2 or nbytes < _PARALLEL_MIN_BYTES else self._enter()
        if not threads:
            for task in tasks:
                fn(task)
            return
        todo = iter(tasks)   # shared: each thread takes the next task when it is free
        failed = []

        def work():
            for task in todo:
                if failed:
                    return
                try:
                    fn(task)
                except BaseException:
                    failed.append(True)
                    raise
        try:
            futures = [self.pool.submit(work) for _ in range(min(threads, len(tasks)) - 1)]
            try:
                work()
            finally:
                for f in futures:
                    f.exception()    # wait for every thread before BLAS threads are restored
            for f in futures:
                f.result()
        finally:
            self._exit()

    def buffer(self, size, dtype):
        """This thread's scratch array of `size` elements (kept between chunks and calls unless it
        is much larger than a chunk, as when one output row's patches alone exceed it)."""
        buf = getattr(self.local, "buf", None)
        if buf is None or buf.dtype != dtype or buf.size < size:
            buf = np.empty(size, dtype=dtype)
            if buf.nbytes <= 4 * _CHUNK_BYTES:
                self.local.buf = buf
        return buf[:size]


_BLAS = _BlasThreads()


def _im2col(x, kh, kw, geo: _Geometry):
    """The (N*Ho*Wo, kh*kw*C) patch matrix of an NHWC array (one contiguous copy), and (Ho, Wo)."""
    n, h, wd, c = x.shape
    (ho, pt, pb), (wo, pl, pr) = geo.plan(h, wd, kh, kw)
    patches = _windows(_pad_nhwc(x, (pt, pb), (pl, pr)), kh, kw, ho, wo, geo.strides, geo.dilations)
    return patches.reshape(n * ho * wo, kh * kw * c), ho, wo


def _patch_view(xp, kh, kw, ho, wo, strides, dilations):
    """A read-only window view of a padded NHWC array whose trailing axes flatten to kh*kw*C; a
    window row's kw*C values are one contiguous run when possible (faster copies)."""
    s0, s1, s2, s3 = xp.strides
    c = xp.shape[3]
    if dilations[1] == 1 and s2 == c * s3:
        return np.lib.stride_tricks.as_strided(
            xp, shape=(xp.shape[0], ho, wo, kh, kw * c),
            strides=(s0, s1 * strides[0], s2 * strides[1], s1 * dilations[0], s3), writeable=False)
    return _windows(xp, kh, kw, ho, wo, strides, dilations)


def _patch_tasks(n, ho, wo, k, itemsize):
    """(image slice, output-row slice) chunks whose patch matrices are about _CHUNK_BYTES each."""
    row_bytes = wo * k * itemsize
    rows = max(1, min(ho, _CHUNK_BYTES // max(1, row_bytes)))
    rows = -(-ho // -(-ho // rows))                # even row blocks
    imgs = max(1, _CHUNK_BYTES // max(1, row_bytes * ho)) if rows == ho else 1
    return [(slice(i, min(n, i + imgs)), slice(r, min(ho, r + rows)))
            for i in range(0, n, imgs) for r in range(0, ho, rows)]


def _patches(win, task, k):
    """The patch matrix of one chunk, copied into this thread's scratch buffer."""
    block = win[task]
    cols = _BLAS.buffer(block.size, win.dtype).reshape(block.shape)
    np.copyto(cols, block)
    return cols.reshape(-1, k)


def _gemm_conv(xp, wm, ho, wo, kh, kw, strides, dilations, dtype, epilogue=None):
    """out[n, y, x] = patches(xp)[n, y, x] @ wm, in cache-sized chunks written straight into out;
    `epilogue(rows)`, when given, then updates each chunk's (pixels, O) rows in place."""
    n = xp.shape[0]
    k, o = wm.shape
    win = _patch_view(xp, kh, kw, ho, wo, strides, dilations)
    out = np.empty((n, ho, wo, o), dtype=np.result_type(xp.dtype, wm.dtype))

    def chunk(task):
        rows = out[task].reshape(-1, o)
        np.matmul(_patches(win, task, k), wm, out=rows)
        if epilogue is not None:
            epilogue(rows)
    _BLAS.run(_patch_tasks(n, ho, wo, k, win.itemsize), chunk, n * ho * wo * k * win.itemsize)
    return out.astype(dtype, copy=False)


def _conv_fwd(x, w, geo: _Geometry, epilogue=None, bias=None):
    """Convolution through oneDNN where it runs it, else as GEMMs over chunks of the patch matrix
    (one einsum per group when grouped); a per-channel `bias` (of the output's dtype) is added to
    each output value, then `epilogue` is applied in place to the (pixels, O) rows."""
    n, h, wd, c = x.shape
    kh, kw, cg, o = w.shape
    groups = c // cg
    if groups == 1:
        (ho, pt, pb), (wo, pl, pr) = geo.plan(h, wd, kh, kw)
        out = onednn.conv2d(x, w, (ho, wo), geo.strides, geo.dilations, ((pt, pb), (pl, pr)), bias)
        if out is not None:
            if epilogue is not None:
                epilogue(out.reshape(-1, o))
            return out
    if bias is not None:
        epilogue = _with_bias(bias, epilogue)
    if groups == 1:
        xp = _pad_nhwc(x, (pt, pb), (pl, pr))
        return _gemm_conv(xp, w.reshape(kh * kw * c, o), ho, wo, kh, kw, geo.strides,
                          geo.dilations, x.dtype, epilogue)
    cols, ho, wo = _im2col(x, kh, kw, geo)
    cols = cols.reshape(-1, kh * kw, groups, cg)
    wg = w.reshape(kh * kw, cg, groups, o // groups)
    out = np.einsum("ptgc,tcgo->pgo", cols, wg).reshape(n, ho, wo, o).astype(x.dtype, copy=False)
    if epilogue is not None:
        epilogue(out.reshape(-1, o))
    return out


def _with_bias(bias, epilogue):
    def add_bias(rows):
        np.add(rows, bias, out=rows)
        if epilogue is not None:
            epilogue(rows)
    return add_bias


def _conv_bwd_input(input_shape, w, g):
    """Gradient of the conv w.r.t. its input. Unit strides: a convolution of the padded gradient
    with the flipped, transposed filter; otherwise one GEMM to patch space, then col2im adds."""
    def run(geo: _Geometry):
        n, h, wd, c = input_shape
        kh, kw, cg, o = w.shape
        groups = c // cg
        (ho, pt, pb), (wo, pl, pr) = geo.plan(h, wd, kh, kw)
        if groups == 1:
            dx = onednn.conv2d_backprop_input(input_shape, w, g, geo.strides, geo.dilations,
                                              ((pt, pb), (pl, pr)))
            if dx is not None:
                return dx
        (dh, dw) = geo.dilations
        before = ((kh - 1) * dh - pt, (kw - 1) * dw - pl)
        after = (h - ho + pt, wd - wo + pl)
        if (groups == 1 and geo.strides == (1, 1) and min(before) >= 0 and min(after) >= 0
                and g.shape[1:3] == (ho, wo)):
            gp = _pad_nhwc(g, (before[0], after[0]), (before[1], after[1]))
            wt = np.ascontiguousarray(w[::-1, ::-1].transpose(0, 1, 3, 2)).reshape(kh * kw * o, c)
            return _gemm_conv(gp, wt, h, wd, kh, kw, (1, 1), geo.dilations, g.dtype)
        if groups == 1:
            dcols = g.reshape(-1, o) @ w.reshape(kh * kw * c, o).T
            dcols = dcols.reshape(n, ho, wo, kh, kw, c)
        else:
            gg = g.reshape(-1, groups, o // groups)
            wg = w.reshape(kh * kw, cg, groups, o // groups)
            dcols = np.einsum("pgo,tcgo->ptgc", gg, wg).reshape(n, ho, wo, kh, kw, c)
        dxp = np.zeros((n, h + pt + pb, wd + pl + pr, c), dtype=g.dtype)
        for i in range(kh):
            for j in range(kw):
                dxp[_tap_slice(i, j, ho, wo, geo.strides, geo.dilations)] += dcols[:, :, :, i, j, :]
        return dxp[:, pt:pt + h, pl:pl + wd, :]
    return run


_FILTER_PARTIALS = 16   # filter-gradient partial sums (a fixed count, so results are deterministic)


def _conv_bwd_filter(x, filter_shape, g, geo: _Geometry):
    """Gradient of the conv w.r.t. its filter: patch matrix chunks (transposed) times the gradient,
    summed into a fixed number of partials (one per group of consecutive chunks)."""
    kh, kw, cg, o = filter_shape
    n, h, wd, c = x.shape
    groups = c // cg
    if groups == 1:
        (ho, pt, pb), (wo, pl, pr) = geo.plan(h, wd, kh, kw)
        dw = onednn.conv2d_backprop_filter(x, filter_shape, g, geo.strides, geo.dilations,
                                           ((pt, pb), (pl, pr)))
        if dw is not None:
            return dw
        win = _patch_view(_pad_nhwc(x, (pt, pb), (pl, pr)), kh, kw, ho, wo, geo.strides,
                          geo.dilations)
        k = kh * kw * c
        dtype = np.result_type(x.dtype, g.dtype)
        tasks = _patch_tasks(n, ho, wo, k, win.itemsize)
        per = -(-len(tasks) // _FILTER_PARTIALS)
        spans = [tasks[i:i + per] for i in range(0, len(tasks), per)]
        parts = np.zeros((len(spans), k, o), dtype=dtype)

        def span(p):
            part = np.empty((k, o), dtype=dtype)
            for task in spans[p]:
                np.matmul(_patches(win, task, k).T, g[task].reshape(-1, o), out=part)
                parts[p] += part
        _BLAS.run(range(len(spans)), span, n * ho * wo * k * win.itemsize)
        out = parts[0] if len(spans) == 1 else np.sum(parts, axis=0)
        return out.reshape(kh, kw, cg, o).astype(g.dtype, copy=False)
    cols, ho, wo = _im2col(x, kh, kw, geo)
    cols = cols.reshape(-1, kh * kw, groups, cg)
    gg = g.reshape(-1, groups, o // groups)
    out = np.einsum("ptgc,pgo->tcgo", cols, gg)
    return out.reshape(kh, kw, cg, o).astype(g.dtype, copy=False)


# --- Conv2D and DepthwiseConv2dNative families: forward, backprop-input, backprop-filter ---------
def _as_grouped_filter(w, depthwise):
    """Depthwise filters [kh, kw, C, M] are grouped filters [kh, kw, 1, C*M] (channel c*M + m)."""
    if depthwise:
        kh, kw, c, m = w.shape
        return w.reshape(kh, kw, 1, c * m)
    return w


def _grouped_filter_shape(fshape, depthwise):
    if depthwise:
        kh, kw, c, m = fshape
        return (kh, kw, 1, c * m)
    return tuple(fshape)


def _conv_out_shape(op_type, x_shape, f_shape, attrs, depthwise):
    geo = _Geometry(attrs)
    if x_shape.ndims is None:   # only the output channels are known, from the filter
        fi, fo = f_shape.as_list()[2:] if f_shape.ndims == 4 else (None, None)
        o = fo if not depthwise or fi is None or fo is None else fi * fo
        return TensorShape(geo.shape_from_nhwc([None, None, None, o]))
    if x_shape.ndims != 4:
        raise ValueError("Shape must be rank 4 but is rank %d for '%s' (input %s)"
                         % (x_shape.ndims, op_type, x_shape))
    if f_shape.ndims is not None and f_shape.ndims != 4:
        raise ValueError("Shape must be rank 4 but is rank %d for '%s' (filter %s)"
                         % (f_shape.ndims, op_type, f_shape))
    n, h, w, c = geo.shape_nhwc(x_shape.as_list())
    kh, kw, fi, fo = f_shape.as_list() if f_shape.ndims else [None] * 4
    if depthwise:
        if c is not None and fi is not None and c != fi:
            raise ValueError("Dimensions must be equal, but are %d and %d for '%s': the input has %d "
                             "channels, the depthwise filter expects %d." % (c, fi, op_type, c, fi))
        o = None if fi is None or fo is None else fi * fo
    else:
        if c is not None and fi is not None and (fi == 0 or c % fi):
            raise ValueError("Depth of input (%d) is not a multiple of input depth of filter (%d) "
                             "for '%s'." % (c, fi, op_type))
        if c is not None and fi and fo is not None and fo % (c // fi):
            raise ValueError("Depth of output (%d) is not a multiple of the number of groups (%d) "
                             "for '%s'." % (fo, c // fi, op_type))
        o = fo
    ho = wo = None
    try:
        if kh is not None:
            ho = _out_size(h, kh, geo.strides[0], geo.dilations[0], geo.padding, *geo.explicit[0])[0]
        if kw is not None:
            wo = _out_size(w, kw, geo.strides[1], geo.dilations[1], geo.padding, *geo.explicit[1])[0]
    except _NegativeSizeError as e:
        raise _negative_size_error(e, op_type, x_shape, f_shape) from None
    return TensorShape(geo.shape_from_nhwc([n, ho, wo, o]))


def _known_shape(t, rank):
    """The shape a shape tensor stands for, as far as it is known statically (TF's
    MakeShapeFromShapeTensor: the dims a Shape or ShapeN op knows)."""
    value = op_util.shape_value(t)
    if value is not None:
        return TensorShape([int(d) for d in np.reshape(value, [-1])])
    shape = _array()._shape_from_tensor(t)
    return shape if shape.ndims == rank else unknown_shape(rank)


def _define_conv_family(fwd_type: str, depthwise: bool):
    in_type, filt_type = fwd_type + "BackpropInput", fwd_type + "BackpropFilter"

    def fwd_rule(inputs, attrs):
        x, f = inputs
        op_util.check_same_dtype(fwd_type, ("input", x), ("filter", f))
        check_dtype_in(fwd_type, x, FLOATS, "input")
        return [(x._dtype.base_dtype, _conv_out_shape(fwd_type, x._shape, f._shape, attrs, depthwise))]

    def fwd_kernel(x, f, **attrs):
        geo = _Geometry(attrs)
        return geo.from_nhwc(_conv_fwd(geo.to_nhwc(x), _as_grouped_filter(f, depthwise), geo))

    def in_rule(inputs, attrs):
        # like TF, the batch dimension comes from out_backprop, the others from input_sizes
        dims = _known_shape(inputs[0], 4).as_list()
        g = inputs[2]._shape
        dims[0] = g[0] if g.ndims else None
        return [(inputs[1]._dtype.base_dtype, TensorShape(dims))]

    def in_kernel(sizes, f, g, **attrs):
        geo = _Geometry(attrs)
        shape = geo.shape_nhwc([int(d) for d in sizes])
        return geo.from_nhwc(_conv_bwd_input(shape, _as_grouped_filter(f, depthwise),
                                             geo.to_nhwc(g))(geo)).astype(g.dtype, copy=False)

    def filt_rule(inputs, attrs):
        return [(inputs[0]._dtype.base_dtype, _known_shape(inputs[1], 4))]

    def filt_kernel(x, sizes, g, **attrs):
        geo = _Geometry(attrs)
        fshape = tuple(int(d) for d in sizes)
        out = _conv_bwd_filter(geo.to_nhwc(x), _grouped_filter_shape(fshape, depthwise),
                               geo.to_nhwc(g), geo)
        return out.reshape(fshape)

    def fwd_grad(op, g):
        x, f = op._inputs
        if not depthwise:     # TF's Conv2D gradient: one ShapeN of (input, filter)
            shape_x, shape_f = _array().shape_n([x, f])
        else:
            shape_x, shape_f = _array().shape(x), _array().shape(f)
        return [make1(in_type, [shape_x, f, g], dict(op._attrs)),
                make1(filt_type, [x, shape_f, g], dict(op._attrs))]

    def in_grad(op, gg):
        sizes, f, g = op._inputs
        return [None, make1(filt_type, [gg, _array().shape(f), g], dict(op._attrs)),
                make1(fwd_type, [gg, f], dict(op._attrs))]

    def filt_grad(op, gg):
        x, sizes, g = op._inputs
        return [make1(in_type, [_array().shape(x), gg, g], dict(op._attrs)), None,
                make1(fwd_type, [x, gg], dict(op._attrs))]

    define(fwd_type, fwd_rule, fwd_kernel, grad=fwd_grad)
    define(in_type, in_rule, in_kernel, grad=in_grad)
    define(filt_type, filt_rule, filt_kernel, grad=filt_grad)


_define_conv_family("Conv2D", depthwise=False)
_define_conv_family("DepthwiseConv2dNative", depthwise=True)

# the op types fused_conv2d_kernel takes after a Conv2D (runtime/fusion.py matches on these)
FUSABLE_BIAS_ADDS = frozenset(["BiasAdd", "Add", "AddV2"])
FUSABLE_ACTIVATIONS = frozenset(["Relu"])


def fused_conv2d_kernel(conv, bias_add=None, activation=None):
    """One kernel for an NHWC Conv2D followed by the add of a per-channel bias and/or a ReLU (TF's
    remapper makes the same _FusedConv2D): they are applied to each output chunk while it is in
    cache, with the values and NaNs of the separate ops. The runtime (runtime/fusion.py) uses it
    where nothing else reads the intermediates; None where it does not apply. The kernel takes
    (input, filter) and the bias when there is one."""
    attrs = {k: v for k, v in conv._attrs.items() if k[0] != "_"}
    if conv._type != "Conv2D" or attrs.get("data_format", "NHWC") != "NHWC" \
            or (bias_add is not None and (bias_add._type not in FUSABLE_BIAS_ADDS or
                                          bias_add._attrs.get("data_format", "NHWC") != "NHWC")) \
            or (activation is not None and activation._type not in FUSABLE_ACTIVATIONS):
        return None
    geo = _Geometry(attrs)
    relu = activation is not None

    def conv2d_bias_relu(x, w, b=None):
        if b is not None and (b.shape != (w.shape[3],) or b.dtype != x.dtype):
            out = np.add(_conv_fwd(x, w, geo), b)      # not a per-channel bias: the ops unfused
            return _relu_forward(out) if relu else out

        def epilogue(rows):
            _relu_forward(rows, out=rows)
        return _conv_fwd(x, w, geo, epilogue if relu else None, b)
    return conv2d_bias_relu


def _seq4(value, name, data_format, default=1):
    """TF's stride/dilation spelling: an int, 1, 2 or 4 values; returned as 4 in data_format order."""
    if value is None:
        value = default
    if isinstance(value, numbers.Integral):
        value = [int(value)]
    value = [int(v) for v in (value.as_list() if hasattr(value, "as_list") else value)]
    if len(value) == 4:
        return value
    if len(value) == 1:
        value = value * 2
    if len(value) != 2:
        raise ValueError("%s should be of length 1, 2 or 4 but was %d" % (name, len(value)))
    return [1, 1] + value if data_format.startswith("NC") else [1] + value + [1]


def _padding_attrs(padding, data_format):
    """'SAME'/'VALID', or an explicit [[before, after]] * 4 list (TF's EXPLICIT padding)."""
    if isinstance(padding, (bytes, str)):
        p = padding.decode() if isinstance(padding, bytes) else padding
        p = p.upper()
        if p not in ("SAME", "VALID"):
            raise ValueError("padding must be 'SAME', 'VALID' or a list of paddings, got %r" % padding)
        return {"padding": p, "explicit_paddings": []}
    pads = [list(p) for p in padding]
    if len(pads) != 4 or any(len(p) != 2 for p in pads):
        raise ValueError("When padding is a list, it must be of size 4 with pairs [before, after], "
                         "got %r" % (padding,))
    batch_ch = (0, 1) if data_format.startswith("NC") else (0, 3)
    if any(pads[i] != [0, 0] for i in batch_ch):
        raise ValueError("Explicit padding of the batch or channel dimension is not supported: %r"
                         % (padding,))
    if any(v < 0 for p in pads for v in p):
        raise ValueError("Explicit paddings must be non-negative, got %r" % (padding,))
    return {"padding": "EXPLICIT", "explicit_paddings": [int(v) for p in pads for v in p]}


def _conv_attrs(strides, padding, data_format, dilations):
    data_format = data_format or "NHWC"
    if data_format not in ("NHWC", "NCHW"):
        raise ValueError("data_format must be 'NHWC' or 'NCHW', got %r" % data_format)
    attrs = {"strides": _seq4(strides, "strides", data_format),
             "dilations": _seq4(dilations, "dilations", data_format),
             "data_format": data_format}
    attrs.update(_padding_attrs(padding, data_format))
    return attrs


def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True,  # noqa: A002
           data_format="NHWC", dilations=None, name=None, filters=None) -> Tensor:
    """`tf.nn.conv2d`: 2-D convolution of NHWC (or NCHW) `input` with an HWIO filter; a filter with
    fewer in-channels than the input makes a grouped convolution."""
    f = op_util.legacy_kwarg(filters, "filters", filter, "filter")
    if padding is None:
        raise TypeError("conv2d() missing required argument 'padding'")
    x = convert_to_tensor(input, name="input")
    f = op_util.convert_like(f, x, "filter")
    attrs = _conv_attrs(strides, padding, data_format, dilations)
    attrs["use_cudnn_on_gpu"] = bool(use_cudnn_on_gpu)
    return make1("Conv2D", [x, f], attrs, name=name or "Conv2D")


def conv2d_backprop_input(input_sizes, filter=None, out_backprop=None, strides=None,  # noqa: A002
                          padding=None, use_cudnn_on_gpu=True, data_format="NHWC",
                          dilations=None, name=None, filters=None) -> Tensor:
    """`tf.nn.conv2d_backprop_input`: the gradient of conv2d w.r.t. its input."""
    f = convert_to_tensor(op_util.legacy_kwarg(filters, "filters", filter, "filter"), name="filter")
    g = op_util.convert_like(out_backprop, f, "out_backprop")
    sizes = convert_to_tensor(input_sizes, dtype=dtypes.int32, name="input_sizes")
    attrs = _conv_attrs(strides, padding, data_format, dilations)
    return make1("Conv2DBackpropInput", [sizes, f, g], attrs, name=name or "Conv2DBackpropInput")


def conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding,  # noqa: A002
                           use_cudnn_on_gpu=True, data_format="NHWC", dilations=None,
                           name=None) -> Tensor:
    """`tf.nn.conv2d_backprop_filter`: the gradient of conv2d w.r.t. its filter."""
    x = convert_to_tensor(input, name="input")
    g = op_util.convert_like(out_backprop, x, "out_backprop")
    sizes = convert_to_tensor(filter_sizes, dtype=dtypes.int32, name="filter_sizes")
    attrs = _conv_attrs(strides, padding, data_format, dilations)
    return make1("Conv2DBackpropFilter", [x, sizes, g], attrs, name=name or "Conv2DBackpropFilter")


def conv2d_transpose(value=None, filter=None, output_shape=None, strides=None,  # noqa: A002
                     padding="SAME", data_format="NHWC", name=None, input=None,  # noqa: A002
                     filters=None, dilations=None) -> Tensor:
    """`tf.nn.conv2d_transpose`: the transpose (gradient) of conv2d; filter is [h, w, out, in]."""
    value = op_util.legacy_kwarg(input, "input", value, "value")
    f = op_util.legacy_kwarg(filters, "filters", filter, "filter")
    with name_scope(name, "conv2d_transpose", [value, f, output_shape]) as scope:
        x = convert_to_tensor(value, name="value")
        f = op_util.convert_like(f, x, "filter")
        data_format = data_format or "NHWC"
        c_axis = 1 if data_format == "NCHW" else 3
        out_shape = convert_to_tensor(output_shape, dtype=dtypes.int32, name="output_shape")
        known = const_value(out_shape)
        if known is not None:
            if len(known) != 4:
                raise ValueError("output_shape must have shape (4,), got %s" % (list(known),))
            oc = f._shape[2]
            if oc is not None and int(known[c_axis]) != oc:
                raise ValueError("output_shape does not match filter's output channels, %d != %d"
                                 % (int(known[c_axis]), oc))
        xc, fc = x._shape[c_axis] if x._shape.ndims else None, f._shape[3]
        if xc is not None and fc is not None and xc != fc:
            raise ValueError("input channels does not match filter's input channels, %d != %d"
                             % (xc, fc))
        attrs = _conv_attrs(strides, padding, data_format, dilations)
        return make1("Conv2DBackpropInput", [out_shape, f, x], attrs, name=scope)


def conv1d(value=None, filters=None, stride=None, padding=None, use_cudnn_on_gpu=None,
           data_format=None, name=None, input=None, dilations=None) -> Tensor:  # noqa: A002
    """`tf.nn.conv1d`: a conv2d over [batch, 1, width, channels] (the 'NWC'/'NCW' layouts)."""
    value = op_util.legacy_kwarg(input, "input", value, "value")
    a = _array()
    with name_scope(name, "conv1d", [value, filters]) as scope:
        nchw = data_format in ("NCW", "NCHW")
        spatial = 2 if nchw else 1
        x = a.expand_dims(convert_to_tensor(value, name="value"), spatial)
        f = a.expand_dims(convert_to_tensor(filters, name="filters"), 0)
        stride = stride if isinstance(stride, numbers.Integral) else list(stride)[-1 if nchw else 1]
        dil = 1 if dilations is None else (
            dilations if isinstance(dilations, numbers.Integral) else list(dilations)[-1 if nchw else 1])
        fmt = "NCHW" if nchw else "NHWC"
        y = conv2d(x, f, strides=[1, stride], padding=padding, data_format=fmt, dilations=[1, dil],
                   name=scope)
        return a.squeeze(y, [spatial])


def atrous_conv2d(value, filters, rate, padding, name=None) -> Tensor:
    """`tf.nn.atrous_conv2d`: conv2d with dilation `rate` in both spatial dimensions."""
    with name_scope(name, "atrous_conv2d", [value, filters]) as scope:
        return conv2d(value, filters, strides=[1, 1, 1, 1], padding=padding,
                      dilations=[1, rate, rate, 1], name=scope)


def _rate_dilations(rate, dilations):
    if rate is not None and dilations is not None:
        raise ValueError("Cannot specify both 'rate' and 'dilations'")
    r = rate if rate is not None else dilations
    if r is None:
        return None
    return [int(r)] * 2 if isinstance(r, numbers.Integral) else [int(v) for v in r]


def depthwise_conv2d_native(input, filter, strides, padding, data_format="NHWC",  # noqa: A002
                            dilations=None, name=None) -> Tensor:
    """`tf.nn.depthwise_conv2d_native`: output channel c*M + m = input channel c * filter[..., c, m]."""
    x = convert_to_tensor(input, name="input")
    f = op_util.convert_like(filter, x, "filter")
    attrs = _conv_attrs(strides, padding, data_format, dilations)
    return make1("DepthwiseConv2dNative", [x, f], attrs, name=name or "DepthwiseConv2dNative")


def depthwise_conv2d(input, filter, strides, padding, rate=None, name=None,  # noqa: A002
                     data_format=None, dilations=None) -> Tensor:
    """`tf.nn.depthwise_conv2d`: per-channel convolution with a [kh, kw, C, multiplier] filter."""
    rate = _rate_dilations(rate, dilations) or [1, 1]
    with name_scope(name, "depthwise", [input, filter]) as scope:
        x = convert_to_tensor(input, name="tensor_in")
        f = convert_to_tensor(filter, name="filter_in")

        def native(converted, unused_num_spatial_dims, pad):
            return depthwise_conv2d_native(converted, f, strides, pad,
                                           data_format=data_format or "NHWC", name=scope)
        return _dilated_by_space_to_batch(x, f, rate, padding, native, data_format)


def _dilated_by_space_to_batch(x: Tensor, f: Tensor, rate: list, padding, op, data_format):
    """TF's graph for a dilated depthwise convolution: the undilated op on the input rearranged
    by SpaceToBatchND (`tf.nn.with_space_to_batch`), the filter's shape read as `Shape`."""
    from . import array_ops
    from .nn_nd_ops import with_space_to_batch     # (it builds on this module)

    return with_space_to_batch(x, rate, padding, op, filter_shape=array_ops.shape(f),
                               data_format=data_format)


def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding,  # noqa: A002
                     rate=None, name=None, data_format=None, dilations=None) -> Tensor:
    """`tf.nn.separable_conv2d`: a depthwise conv followed by a 1x1 pointwise conv."""
    rate = _rate_dilations(rate, dilations) or [1, 1]
    with name_scope(name, "separable_conv2d", [input, depthwise_filter, pointwise_filter]) as scope:
        data_format = data_format or "NHWC"
        x = convert_to_tensor(input, name="tensor_in")
        f = convert_to_tensor(depthwise_filter, name="depthwise_filter")
        pointwise = convert_to_tensor(pointwise_filter, name="pointwise_filter")

        def native(converted, unused_num_spatial_dims, pad):
            return depthwise_conv2d_native(converted, f, strides, pad, data_format=data_format,
                                           name="depthwise")
        depth = _dilated_by_space_to_batch(x, f, rate, padding, native, data_format)
        return conv2d(depth, pointwise, [1, 1, 1, 1], padding="VALID", data_format=data_format,
                      name=scope)


# =================================================================================================
# Pooling
# =================================================================================================
def _pool_geometry(attrs):
    geo = _Geometry(attrs)
    k = attrs["ksize"]
    kh, kw = (k[2], k[3]) if geo.nchw else (k[1], k[2])
    return geo, kh, kw


def _pool_rule_for(op_type: str):
    """The output rule of a 2-D pooling op (its type names it in shape errors)."""
    return lambda inputs, attrs: _pool_rule(op_type, inputs, attrs)


def _pool_rule(op_type, inputs, attrs):
    x = inputs[0]
    geo, kh, kw = _pool_geometry(attrs)
    if x._shape.ndims is None:
        return [(x._dtype.base_dtype, unknown_shape(4))]
    if x._shape.ndims != 4:
        raise ValueError("Shape must be rank 4 but is rank %d for pooling (input %s)"
                         % (x._shape.ndims, x._shape))
    n, h, w, c = geo.shape_nhwc(x._shape.as_list())
    try:
        (ho, _, _), (wo, _, _) = geo.plan(h, w, kh, kw)
    except _NegativeSizeError as e:
        raise _negative_size_error(e, op_type, x._shape) from None
    return [(x._dtype.base_dtype, TensorShape(geo.shape_from_nhwc([n, ho, wo, c])))]


def _pool_windows(x, attrs, fill):
    geo, kh, kw = _pool_geometry(attrs)
    x = geo.to_nhwc(x)
    (ho, pt, pb), (wo, pl, pr) = geo.plan(x.shape[1], x.shape[2], kh, kw)
    xp = _pad_nhwc(x, (pt, pb), (pl, pr), fill)
    return geo, kh, kw, ho, wo, (pt, pl), xp


def _max_pool_input(x, attrs):
    """The padded NHWC input of a max pool with TF's CPU rule applied: each window starts at the
    dtype's lowest finite value and takes `x > best`, so NaN and -inf never win (a window of NaNs
    gives the lowest value); padding never wins either."""
    if x.dtype.kind == "f":
        lowest = dtypes.dtype_of_numpy(x.dtype).min
        x = np.fmax(x, np.asarray(lowest, x.dtype))      # NaN and -inf -> lowest
        fill = -np.inf
    else:
        fill = np.iinfo(x.dtype).min
    return _pool_windows(x, attrs, fill)


def _max_pool_kernel(x, **attrs):
    geo, kh, kw, ho, wo, _, xp = _max_pool_input(x, attrs)
    return geo.from_nhwc(np.max(_windows(xp, kh, kw, ho, wo, geo.strides, (1, 1)), axis=(3, 4)))


def _first_max_taps(x, attrs):
    """Where each window's gradient goes (TF's rule): the first tap (row-major) holding the
    window's maximum, which for a window of NaNs or lowest values is its first real element.
    Returns the pooling geometry, the padded input's shape, the taps' index tuples into it and,
    per tap, the output cells whose gradient it takes (exactly one tap per cell)."""
    geo, kh, kw, ho, wo, (pt, pl), xp = _max_pool_input(x, attrs)
    taps = [_tap_slice(t // kw, t % kw, ho, wo, geo.strides, (1, 1)) for t in range(kh * kw)]
    best = xp[taps[0]].copy()
    for tap in taps[1:]:
        np.maximum(best, xp[tap], out=best)
    real = None
    if x.dtype.kind != "f" and xp.shape != geo.to_nhwc(x).shape:   # padding can tie the minimum
        real = np.zeros(xp.shape, bool)
        h, w = geo.shape_nhwc(x.shape)[1:3]
        real[:, pt:pt + h, pl:pl + w, :] = True
    hits, taken = [], None
    for tap in taps:
        hit = xp[tap] == best
        if real is not None:
            hit &= real[tap]
        if taken is None:
            taken = hit.copy()
        else:
            hit = np.greater(hit, taken)          # a maximum no earlier tap of the window had
            taken |= hit
        hits.append(hit)
    return geo, (pt, pl), xp.shape, taps, hits


def _max_pool_grad_kernel(x, y, g, **attrs):
    """Each output cell's gradient goes to its window's first maximum (`_first_max_taps`) and adds
    up where windows overlap, as in TF (which also recomputes the maxima from the input)."""
    geo, (pt, pl), pshape, taps, hits = _first_max_taps(x, attrs)
    g = geo.to_nhwc(g)
    dxp = np.zeros(pshape, dtype=g.dtype)
    zero = np.zeros((), g.dtype)
    for tap, hit in zip(taps, hits):
        dxp[tap] += np.where(hit, g, zero)
    h, w = geo.shape_nhwc(x.shape)[1:3]
    return geo.from_nhwc(dxp[:, pt:pt + h, pl:pl + w, :])


def _max_pool_grad_grad_kernel(x, y, gg, **attrs):
    geo, (pt, pl), pshape, taps, hits = _first_max_taps(x, attrs)
    ggp = np.zeros(pshape, dtype=gg.dtype)
    h, w = geo.shape_nhwc(x.shape)[1:3]
    ggp[:, pt:pt + h, pl:pl + w, :] = geo.to_nhwc(gg)
    out = np.zeros(hits[0].shape, dtype=gg.dtype)
    for tap, hit in zip(taps, hits):
        np.copyto(out, ggp[tap], where=hit)
    return geo.from_nhwc(out)


def _max_pool_grad(op, g):
    x, y = op._inputs[0], op._outputs[0]
    return [make1("MaxPoolGrad", [x, y, g], dict(op._attrs))]


def _max_pool_grad_grad(op, gg):
    x, y, _ = op._inputs
    return [None, None, make1("MaxPoolGradGrad", [x, y, gg], dict(op._attrs))]


def _max_pool_grad_grad_grad(op, ggg):
    x, y, _ = op._inputs
    return [None, None, make1("MaxPoolGrad", [x, y, ggg], dict(op._attrs))]


define("MaxPool", _pool_rule_for("MaxPool"), _max_pool_kernel, grad=_max_pool_grad)
define("MaxPoolGrad", lambda inputs, attrs: [(inputs[2]._dtype.base_dtype, inputs[0]._shape)],
       _max_pool_grad_kernel, grad=_max_pool_grad_grad)
define("MaxPoolGradGrad", lambda inputs, attrs: [(inputs[2]._dtype.base_dtype, inputs[1]._shape)],
       _max_pool_grad_grad_kernel, grad=_max_pool_grad_grad_grad)


def _avg_counts(h, w, kh, kw, ho, wo, pads, pshape, strides):
    ones = np.zeros((1, pshape[1], pshape[2], 1))
    ones[:, pads[0]:pads[0] + h, pads[1]:pads[1] + w, :] = 1
    return np.sum(_windows(ones, kh, kw, ho, wo, strides, (1, 1)), axis=(3, 4))


def _avg_pool_kernel(x, **attrs):
    geo, kh, kw, ho, wo, pads, xp = _pool_windows(x, attrs, 0)
    h, w = geo.shape_nhwc(x.shape)[1:3]
    counts = _avg_counts(h, w, kh, kw, ho, wo, pads, xp.shape, geo.strides)
    sums = np.sum(_windows(xp, kh, kw, ho, wo, geo.strides, (1, 1)), axis=(3, 4))
    return geo.from_nhwc(_cast_like(sums / counts, x))


def _avg_pool_grad_kernel(sizes, g, **attrs):
    geo, kh, kw = _pool_geometry(attrs)
    n, h, w, c = geo.shape_nhwc([int(d) for d in sizes])
    (ho, pt, pb), (wo, pl, pr) = geo.plan(h, w, kh, kw)
    pshape = (n, h + pt + pb, w + pl + pr, c)
    counts = _avg_counts(h, w, kh, kw, ho, wo, (pt, pl), pshape, geo.strides)
    gc = _cast_like(geo.to_nhwc(g) / counts, g)
    dxp = np.zeros(pshape, dtype=g.dtype)
    for i in range(kh):
        for j in range(kw):
            dxp[_tap_slice(i, j, ho, wo, geo.strides, (1, 1))] += gc
    return geo.from_nhwc(dxp[:, pt:pt + h, pl:pl + w, :])


define("AvgPool", _pool_rule_for("AvgPool"), _avg_pool_kernel,
       grad=lambda op, g: [make1("AvgPoolGrad", [_array().shape(op._inputs[0]), g], dict(op._attrs))])
define("AvgPoolGrad", lambda inputs, attrs: [(inputs[1]._dtype.base_dtype, _known_shape(inputs[0], 4))],
       _avg_pool_grad_kernel,
       grad=lambda op, gg: [None, make1("AvgPool", [gg], dict(op._attrs))])


def _pool(op_type, value, ksize, strides, padding, data_format, name):
    data_format = data_format or "NHWC"
    if data_format not in ("NHWC", "NCHW"):
        raise ValueError("data_format must be 'NHWC' or 'NCHW', got %r" % data_format)
    x = convert_to_tensor(value, name="input")
    if isinstance(padding, (str, bytes)):
        attrs = _padding_attrs(padding, data_format)
    else:
        raise ValueError("Pooling padding must be 'SAME' or 'VALID', got %r" % (padding,))
    attrs.pop("explicit_paddings")
    attrs.update(ksize=_seq4(ksize, "ksize", data_format), strides=_seq4(strides, "strides", data_format),
                 data_format=data_format)
    k = attrs["ksize"]
    if (k[0], k[1] if data_format == "NCHW" else k[3]) != (1, 1):
        raise errors.UnimplementedError(None, None, "Pooling over the batch or depth dimension is "
                                        "not supported; ksize must be 1 there, got %s" % (k,))
    return make1(op_type, [x], attrs, name=name or op_type)


def max_pool(value=None, ksize=None, strides=None, padding=None, data_format="NHWC", name=None,
             input=None) -> Tensor:  # noqa: A002
    """`tf.nn.max_pool`: the maximum of each window; SAME pads with -inf."""
    value = op_util.legacy_kwarg(input, "input", value, "value")
    return _pool("MaxPool", value, ksize, strides, padding, data_format, name)


def avg_pool(value=None, ksize=None, strides=None, padding=None, data_format="NHWC", name=None,
             input=None) -> Tensor:  # noqa: A002
    """`tf.nn.avg_pool`: the mean of each window over its real (unpadded) cells."""
    value = op_util.legacy_kwarg(input, "input", value, "value")
    return _pool("AvgPool", value, ksize, strides, padding, data_format, name)


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None) -> Tensor:  # noqa: A002
    """`tf.nn.max_pool2d` (its op is named MaxPool2d by default, as in TF)."""
    return max_pool(input, ksize, strides, padding, data_format, name or "MaxPool2d")


# --- max pooling that also says where each maximum was (NHWC only, as TF's CPU kernel) -----------
def _argmax_pool_rule(inputs, attrs):
    (dtype, shape), = _pool_rule("MaxPoolWithArgmax", inputs, attrs)
    return [(dtype, shape), (attrs["Targmax"], shape)]


def _argmax_pool_kernel(x, **attrs):
    """The window maxima and, for each, the flat index (y * W + x) * C + c of its first maximum
    (row-major within the window), plus b * H * W * C with include_batch_in_index."""
    geo, kh, kw, ho, wo, (pt, pl), xp = _max_pool_input(x, attrs)
    n, h, w, c = x.shape
    win = _windows(xp, kh, kw, ho, wo, geo.strides, (1, 1)).reshape(n, ho, wo, kh * kw, c)
    tap = np.argmax(win, axis=3)
    values = np.take_along_axis(win, tap[:, :, :, None, :], axis=3)[:, :, :, 0, :]
    rows = np.arange(ho)[None, :, None, None] * geo.strides[0] + tap // kw - pt
    cols = np.arange(wo)[None, None, :, None] * geo.strides[1] + tap % kw - pl
    index = (rows * w + cols) * c + np.arange(c)
    if attrs["include_batch_in_index"]:
        index = index + np.arange(n)[:, None, None, None] * (h * w * c)
    return values.astype(x.dtype, copy=False), index.astype(attrs["Targmax"].np_dtype)


def _argmax_pool_grad_kernel(x, g, argmax, **attrs):
    """Each output's gradient added at the input position its argmax names."""
    flat = np.zeros((x.shape[0], x[0].size), dtype=g.dtype)
    index = argmax.reshape(x.shape[0], -1).astype(np.int64)
    if attrs["include_batch_in_index"]:
        index = index - np.arange(x.shape[0])[:, None] * x[0].size
    for b in range(x.shape[0]):
        np.add.at(flat[b], index[b], g[b].reshape(-1))
    return flat.reshape(x.shape)


define("MaxPoolWithArgmax", _argmax_pool_rule, _argmax_pool_kernel,
       grad=lambda op, g, g_argmax: [make1("MaxPoolGradWithArgmax",
                                           [op._inputs[0], g, op._outputs[1]], dict(op._attrs))])
define("MaxPoolGradWithArgmax", lambda inputs, attrs: [(inputs[1]._dtype.base_dtype, inputs[0]._shape)],
       _argmax_pool_grad_kernel)


def max_pool_with_argmax(input, ksize, strides, padding, data_format="NHWC",  # noqa: A002
                         output_dtype=dtypes.int64, include_batch_in_index: bool = False, name=None):
    """`tf.nn.max_pool_with_argmax`: (max_pool output, flat input index of each maximum)."""
    if data_format != "NHWC":
        raise ValueError("max_pool_with_argmax supports only NHWC, got data_format=%r"
                         % (data_format,))
    x = convert_to_tensor(input, name="input")
    attrs = _padding_attrs(padding, "NHWC")
    attrs.pop("explicit_paddings")
    attrs.update(ksize=_seq4(ksize, "ksize", "NHWC"), strides=_seq4(strides, "strides", "NHWC"),
                 data_format="NHWC", Targmax=dtypes.as_dtype(output_dtype),
                 include_batch_in_index=bool(include_batch_in_index))
    op = make("MaxPoolWithArgmax", [x], attrs, name=name or "MaxPoolWithArgmax")
    return _ArgmaxPoolResult(op._outputs[0], op._outputs[1])


_ArgmaxPoolResult = collections.namedtuple("MaxPoolWithArgmax", ["output", "argmax"])


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None) -> Tensor:  # noqa: A002
    """`tf.nn.avg_pool2d`."""
    return avg_pool(input, ksize, strides, padding, data_format, name)


# =================================================================================================
# Dropout, norms, moments, batch normalisation
# =================================================================================================
def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None) -> Tensor:
    """`tf.nn.dropout`: zero each element with probability `rate` (= 1 - keep_prob), scale the
    kept ones by 1 / (1 - rate); `noise_shape` shares one draw along broadcast dimensions."""
    m, a = _math(), _array()
    from . import random_ops

    if keep_prob is not None:
        if rate is not None:
            raise ValueError("Cannot specify both 'rate' and 'keep_prob'")
        if isinstance(keep_prob, numbers.Real) and not 0 < keep_prob <= 1:
            raise ValueError("keep_prob must be a scalar tensor or a float in the range (0, 1], "
                             "got %g" % keep_prob)
        rate = 1 - keep_prob   # a tensor keep_prob makes the Sub `sub` outside the scope, as in TF
    elif rate is None:
        raise ValueError("dropout needs `rate` (or the deprecated `keep_prob`)")
    if isinstance(rate, numbers.Real) and not 0 <= rate < 1:
        raise ValueError("rate must be a scalar tensor or a float in the range [0, 1), got %g" % rate)
    with name_scope(name, "dropout", [x]):
        x = convert_to_tensor(x, name="x")
        if not x._dtype.is_floating:
            raise ValueError("x has to be a floating point tensor since it's going to be scaled. "
                             "Got a %s tensor instead." % x._dtype.name)
        if isinstance(rate, numbers.Real) and rate == 0:
            return x
        # TF's graph: x scaled by 1 / (1 - rate) (Mul of a Const, or RealDiv by Sub for a tensor
        # rate), kept where a uniform draw >= rate, else 0 (SelectV2 broadcasting noise_shape)
        dtype = x._dtype.base_dtype
        if isinstance(rate, numbers.Real):
            scaled = m.multiply(x, constant(1 / (1 - rate), dtype=dtype))
        else:
            rate = convert_to_tensor(rate, dtype=dtype, name="rate")
            scaled = m.realdiv(x, m.subtract(constant(1, dtype=dtype), rate))
        shape = a.shape(x) if noise_shape is None else _noise_shape(x, noise_shape)
        draw = random_ops.random_uniform(shape, seed=seed, dtype=dtype)
        out = m.where_v2(m.greater_equal(draw, rate), scaled, constant(0, dtype=dtype))
        out.set_shape(x._shape)
        return out


def _noise_shape(x: Tensor, noise_shape):
    """`noise_shape` with its None entries taken from `x`'s static shape (as TF, an entry that
    stays unknown is an error)."""
    if isinstance(noise_shape, Tensor) or not any(d is None for d in noise_shape):
        return noise_shape
    dims = x._shape.as_list() if x._shape.ndims == len(noise_shape) else [None] * len(noise_shape)
    filled = [dims[i] if d is None else d for i, d in enumerate(noise_shape)]
    if None in filled:
        raise ValueError("Cannot convert a partially known noise_shape %s to a Tensor: x's shape %s "
                         "does not fill its None entries; pass tf.shape(x)-based values instead"
                         % (TensorShape(filled), x._shape))
    return filled


define("L2Loss", lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, TensorShape([]))],
       lambda x: _cast_like(np.sum(np.square(x)) / 2, x),
       grad=lambda op, g: [op._inputs[0] * g])    # `mul`, as TF names it


def l2_loss(t, name=None) -> Tensor:
    """`tf.nn.l2_loss`: sum(t ** 2) / 2."""
    x = _float_input(t, "L2Loss", "t")
    return make1("L2Loss", [x], name=name or "L2Loss")


def l2_normalize(x, axis=None, epsilon: float = 1e-12, name=None, dim=None) -> Tensor:
    """`tf.nn.l2_normalize`: x / sqrt(max(sum(x ** 2, axis), epsilon))."""
    m = _math()
    axis = op_util.legacy_kwarg(axis, "axis", dim, "dim")
    with name_scope(name, "l2_normalize", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        square_sum = m.reduce_sum(m.square(x), axis, keepdims=True)
        inv = m.rsqrt(m.maximum(square_sum, np.array(epsilon, x._dtype.base_dtype.np_dtype)))
        return m.multiply(x, inv, name=scope)


def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    """`tf.nn.moments`: (mean, population variance) of `x` over `axes`."""
    m, a = _math(), _array()
    keep = op_util.legacy_kwarg(keepdims, "keepdims", keep_dims, "keep_dims")
    with name_scope(name, "moments", [x, axes]):
        x = convert_to_tensor(x, name="x")
        y = m.cast(x, dtypes.float32) if x._dtype.base_dtype == dtypes.float16 else x
        mean = m.reduce_mean(y, axes, keepdims=True, name="mean")
        variance = m.reduce_mean(m.squared_difference(y, a.stop_gradient(mean)), axes,
                                 keepdims=True, name="variance")
        if not keep:
            mean = a.squeeze(mean, axes)
            variance = a.squeeze(variance, axes)
        if x._dtype.base_dtype == dtypes.float16:
            return m.cast(mean, dtypes.float16), m.cast(variance, dtypes.float16)
        return mean, variance


def weighted_moments(x, axes, frequency_weights, name=None, keep_dims=None, keepdims=None):
    """`tf.nn.weighted_moments`: (mean, variance) of `x` over `axes` with each element counted
    `frequency_weights` times (broadcast against `x`); 0 where the weights sum to 0."""
    m, a = _math(), _array()
    keep = op_util.legacy_kwarg(keepdims, "keepdims", keep_dims, "keep_dims")
    with name_scope(name, "weighted_moments", [x, frequency_weights, axes]):
        x = convert_to_tensor(x, name="x")
        w = convert_to_tensor(frequency_weights, name="frequency_weights")
        half = x._dtype.base_dtype == dtypes.float16
        if half:
            x = m.cast(x, dtypes.float32)
        if w._dtype.base_dtype != x._dtype.base_dtype:
            w = m.cast(w, x._dtype.base_dtype)
        total = m.reduce_sum(m.multiply(w, x), axes, keepdims=True, name="weighted_input_sum")
        weight = m.reduce_sum(m.add(w, a.zeros_like(x)), axes, keepdims=True, name="sum_of_weights")
        mean = m.div_no_nan(total, weight)
        dist = m.reduce_sum(m.multiply(w, m.squared_difference(x, mean)), axes, keepdims=True,
                            name="weighted_distsq")
        variance = m.div_no_nan(dist, weight)
        if not keep:
            mean, variance = a.squeeze(mean, axes), a.squeeze(variance, axes)
        if half:
            return m.cast(mean, dtypes.float16), m.cast(variance, dtypes.float16)
        return mean, variance


def sufficient_statistics(x, axes, shift=None, keep_dims=None, name=None, keepdims=None):
    """`tf.nn.sufficient_statistics`: (count, sum of x - shift, sum of (x - shift)^2, shift) over
    `axes`, the inputs of `normalize_moments`; the count is a constant when those dims are known."""
    m, a = _math(), _array()
    keep = bool(op_util.legacy_kwarg(keepdims, "keepdims", keep_dims, "keep_dims"))
    axes = list(axes)
    with name_scope(name, "sufficient_statistics", [x, shift]):
        x = convert_to_tensor(x, name="x")
        dims = x._shape.as_list() if x._shape.ndims is not None else None
        if dims is not None and all(dims[d] is not None for d in axes):
            count = constant(float(np.prod([dims[d] for d in axes])), dtype=x._dtype.base_dtype)
        else:
            sizes = a.gather(m.cast(a.shape(x), x._dtype.base_dtype), axes)
            count = m.reduce_prod(sizes, name="count")
        if shift is not None:
            shift = convert_to_tensor(shift, name="shift")
            mean_ss, var_ss = m.subtract(x, shift), m.squared_difference(x, shift)
        else:
            mean_ss, var_ss = x, m.square(x)
        mean_ss = m.reduce_sum(mean_ss, axes, keepdims=keep, name="mean_ss")
        var_ss = m.reduce_sum(var_ss, axes, keepdims=keep, name="var_ss")
    return count, mean_ss, var_ss, shift


def normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
    """`tf.nn.normalize_moments`: (mean, variance) from `sufficient_statistics`' sums."""
    m = _math()
    with name_scope(name, "normalize", [counts, mean_ss, variance_ss, shift]):
        divisor = m.reciprocal(counts, name="divisor")
        if shift is not None:
            shifted_mean = m.multiply(mean_ss, divisor, name="shifted_mean")
            mean = m.add(shifted_mean, shift, name="mean")
        else:
            shifted_mean = mean = m.multiply(mean_ss, divisor, name="mean")
        variance = m.subtract(m.multiply(variance_ss, divisor), m.square(shifted_mean),
                              name="variance")
    return mean, variance


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None) -> Tensor:
    """`tf.nn.batch_normalization`: (x - mean) * scale / sqrt(variance + eps) + offset, as TF
    writes it: x * inv + (offset - mean * inv) with inv = rsqrt(variance + eps) * scale (the
    result is `batchnorm/add_1`)."""
    m = _math()
    with name_scope(name, "batchnorm", [x, mean, variance, scale, offset]):
        # Python numbers stay Python until an operator converts them (`Rsqrt/x`, `mul/y`, ...),
        # so Python arithmetic on them happens in Python, as in TF
        inv = m.rsqrt(variance + variance_epsilon)
        if scale is not None:
            inv *= scale
        x_dtype = x.dtype.base_dtype if isinstance(x, Tensor) else None
        scaled = x * (m.cast(inv, x_dtype) if x_dtype is not None else inv)
        shift = offset - mean * inv if offset is not None else -mean * inv
        if x_dtype is not None and isinstance(shift, Tensor):
            shift = m.cast(shift, x_dtype)
        return scaled + shift


def _bn_axes(x: np.ndarray, data_format) -> tuple:
    return (0, 2, 3) if data_format == "NCHW" else (0, 1, 2)


def _bn_channels(v: np.ndarray, x: np.ndarray, data_format) -> np.ndarray:
    """A per-channel vector shaped to broadcast against `x`."""
    return v.reshape((1, -1, 1, 1) if data_format == "NCHW" else (1, 1, 1, -1))


def _fused_bn_rule(inputs, attrs):
    x, scale = inputs[0], inputs[1]
    if x._shape.ndims not in (None, 4):
        raise ValueError("Shape must be rank 4 but is rank %d for 'FusedBatchNormV3' (input %s): "
                         "fused_batch_norm takes NHWC or NCHW images; use tf.nn.batch_normalization "
                         "for other ranks" % (x._shape.ndims, x._shape))
    c = None
    if x._shape.ndims == 4:
        c = x._shape[1] if attrs["data_format"] == "NCHW" else x._shape[3]
    if c is None and scale._shape.ndims == 1:
        c = scale._shape[0]
    u = scale._dtype.base_dtype
    vec = TensorShape([c])
    return [(x._dtype.base_dtype, x._shape)] + [(u, vec)] * 4 + [(u, unknown_shape())]


def _fused_bn_kernel(x, scale, offset, mean, variance, epsilon, exponential_avg_factor,
                     data_format, is_training):
    """y, batch mean, Bessel-corrected batch variance (blended into the running statistics when
    exponential_avg_factor < 1), and the batch mean/variance kept for the gradient."""
    xf = x.astype(scale.dtype, copy=False)
    axes = _bn_axes(x, data_format)
    if is_training:
        m = np.mean(xf, axis=axes)
        v = np.mean(np.square(xf - _bn_channels(m, x, data_format)), axis=axes)
        n = x.size // max(m.size, 1)
        out_m, out_v = m, v * (n / max(n - 1, 1))
        if exponential_avg_factor != 1.0:
            f = exponential_avg_factor
            out_m = (1 - f) * mean + f * out_m
            out_v = (1 - f) * variance + f * out_v
    else:
        m, v = mean, variance
        out_m, out_v = mean, variance
    inv = scale / np.sqrt(v + epsilon)
    y = xf * _bn_channels(inv, x, data_format) + _bn_channels(offset - m * inv, x, data_format)
    u = scale.dtype
    return (y.astype(x.dtype), out_m.astype(u), out_v.astype(u), np.asarray(m, u), np.asarray(v, u),
            np.zeros((0,), u))


def _fused_bn_grad_rule(inputs, attrs):
    g, x, scale = inputs[0], inputs[1], inputs[2]
    u, vec = scale._dtype.base_dtype, scale._shape
    return [(g._dtype.base_dtype, x._shape), (u, vec), (u, vec), (u, TensorShape([0])),
            (u, TensorShape([0]))]


def _fused_bn_grad_kernel(g, x, scale, mean, variance, reserve, epsilon, data_format, is_training):
    """dx, dscale, doffset of y = (x - mean) * scale / sqrt(var + eps) + offset; in training the
    mean and variance are the batch's own, so dx has the two extra terms through them."""
    axes = _bn_axes(x, data_format)
    gf, xf = g.astype(scale.dtype, copy=False), x.astype(scale.dtype, copy=False)
    rstd = 1 / np.sqrt(variance + epsilon)
    xhat = (xf - _bn_channels(mean, x, data_format)) * _bn_channels(rstd, x, data_format)
    d_offset = np.sum(gf, axis=axes)
    d_scale = np.sum(gf * xhat, axis=axes)
    k = _bn_channels(scale * rstd, x, data_format)
    if is_training:
        n = x.size // max(scale.size, 1)
        dx = k * (gf - _bn_channels(d_offset / n, x, data_format)
                  - xhat * _bn_channels(d_scale / n, x, data_format))
    else:
        dx = k * gf
    u = scale.dtype
    empty = np.zeros((0,), u)
    return dx.astype(g.dtype), d_scale.astype(u), d_offset.astype(u), empty, empty


def _fused_bn_grad(op, g, *unused):
    x, scale = op._inputs[0], op._inputs[1]
    attrs = {k: op._attrs[k] for k in ("epsilon", "data_format", "is_training")}
    if attrs["is_training"]:
        saved = [op._outputs[3], op._outputs[4], op._outputs[5]]
    else:   # inference normalised with the given statistics
        saved = [op._inputs[3], op._inputs[4], op._outputs[5]]
    dx, dscale, doffset, _, _ = make("FusedBatchNormGradV3", [g, x, scale] + saved, attrs)._outputs
    return [dx, dscale, doffset, None, None]


define("FusedBatchNormV3", _fused_bn_rule, _fused_bn_kernel, grad=_fused_bn_grad)
define("FusedBatchNormGradV3", _fused_bn_grad_rule, _fused_bn_grad_kernel)


def fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon: float = 0.001,
                     data_format="NHWC", is_training: bool = True, name=None,
                     exponential_avg_factor: float = 1.0):
    """`tf.nn.fused_batch_norm`: (y, mean, variance), the outputs of one FusedBatchNormV3 op.
    Training normalises with the batch statistics and returns the Bessel-corrected variance
    (blended into `variance` by `exponential_avg_factor` when it is below 1); inference uses
    `mean` and `variance`. Missing statistics are empty constants, as in TF."""
    x = convert_to_tensor(x, name="input")
    scale = convert_to_tensor(scale, name="scale")
    offset = convert_to_tensor(offset, name="offset")
    needs_stats = not is_training or exponential_avg_factor != 1.0
    if needs_stats and (mean is None or variance is None):
        raise ValueError("Both `mean` and `variance` must be a 1D tensor when `is_training` is "
                         "False or `exponential_avg_factor` != 1.0. Received: `mean` %r and "
                         "`variance` %r" % (mean, variance))
    u = scale._dtype.base_dtype
    mean = constant([], dtype=u) if mean is None else convert_to_tensor(mean, dtype=u, name="mean")
    variance = constant([], dtype=u) if variance is None else convert_to_tensor(
        variance, dtype=u, name="variance")
    attrs = {"epsilon": float(epsilon), "exponential_avg_factor": float(exponential_avg_factor),
             "data_format": data_format or "NHWC", "is_training": bool(is_training)}
    op = make("FusedBatchNormV3", [x, scale, offset, mean, variance], attrs,
              name=name or "FusedBatchNormV3")
    return op._outputs[0], op._outputs[1], op._outputs[2]


# =================================================================================================
# Cross entropies
# =================================================================================================
def _xent_rule(inputs, attrs):
    f, lab = inputs
    op_util.check_same_dtype("SoftmaxCrossEntropyWithLogits", ("features", f), ("labels", lab))
    check_dtype_in("SoftmaxCrossEntropyWithLogits", f, FLOATS, "features")
    shape = f._shape.merge_with(lab._shape) if lab._shape.ndims == f._shape.ndims else f._shape
    if shape.ndims not in (None, 2):
        raise ValueError("logits and labels must be 2-D for SoftmaxCrossEntropyWithLogits, got %s"
                         % shape)
    batch = shape[0] if shape.ndims else None
    return [(f._dtype.base_dtype, TensorShape([batch])),
            (f._dtype.base_dtype, shape if shape.ndims else unknown_shape(2))]


def _xent_kernel(features, labels):
    log_p = _log_softmax_kernel(features, -1)
    labels = np.broadcast_to(labels, features.shape)
    loss = -np.sum(labels * log_p, axis=-1)
    return _cast_like(loss, features), _cast_like(np.exp(log_p) - labels, features)


def _no_gradient(g) -> bool:
    """Whether `g` carries no gradient: None, or the zeros tf.gradients passes for an output
    nothing differentiates (a ZerosLike, or an all-zero Const), as TF's xent gradients test it."""
    if g is None or g._op._type == "ZerosLike":
        return True
    value = op_util.const_value(g) if g._op._type == "Const" else None
    return value is not None and not np.any(value)


def _xent_grad(op, g_loss, g_backprop):
    """d loss / d logits = backprop (softmax - labels, as TF, even for labels not summing to 1);
    d loss / d labels = -log_softmax. A gradient into `backprop` adds its own second-order term."""
    m, a = _math(), _array()
    logits = op._inputs[0]
    backprop = op._outputs[1]
    g = a.expand_dims(g_loss, -1)
    d_logits = g * backprop              # the operators name them `mul`, `mul_1`, as TF's do
    minus_log_softmax = m.negative(log_softmax(logits))
    d_labels = a.expand_dims(g_loss, -1) * minus_log_softmax
    if not _no_gradient(g_backprop):
        sm = softmax(logits)
        inner = m.reduce_sum(m.multiply(g_backprop, sm), -1, keepdims=True)
        d_logits = m.add(d_logits, m.multiply(m.subtract(g_backprop, inner), sm))
        d_labels = m.subtract(d_labels, g_backprop)
    return [d_logits, d_labels]


define("SoftmaxCrossEntropyWithLogits", _xent_rule, _xent_kernel, grad=_xent_grad)


def _move_axis_last(t: Tensor, axis: int) -> Tensor:
    rank = t._shape.ndims
    if rank is None:
        raise ValueError("softmax_cross_entropy_with_logits needs a known rank when axis != -1")
    axis = axis % rank
    if axis == rank - 1:
        return t
    perm = [i for i in range(rank) if i != axis] + [axis]
    return _array().transpose(t, perm)


def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None) -> Tensor:
    """`tf.nn.softmax_cross_entropy_with_logits_v2`: -sum(labels * log_softmax(logits), axis);
    the gradient also flows into `labels`."""
    a = _array()
    axis = op_util.legacy_kwarg(axis, "axis", dim, "dim")
    axis = -1 if axis is None else int(axis)
    with name_scope(name, "softmax_cross_entropy_with_logits", [logits, labels]) as scope:
        logits = _float_input(logits, "SoftmaxCrossEntropyWithLogits", "logits")
        labels = convert_to_tensor(labels, name="labels")
        if labels._dtype.base_dtype != logits._dtype.base_dtype:   # TF casts the labels over
            labels = _math().cast(labels, logits._dtype.base_dtype)
        if axis != -1:
            logits, labels = _move_axis_last(logits, axis), _move_axis_last(labels, axis)
        # TF's graph: rank and shape of the logits, both inputs flattened to [-1, last dim] with
        # Rank/Shape/Slice/concat ops at every rank, the losses reshaped to Slice(shape, 0, rank - 1)
        shape = logits._shape
        input_rank = a.rank(logits)
        input_shape = a.shape(logits)
        flat_logits = _flatten_outer_dims(logits)
        flat_labels = _flatten_outer_dims(labels)
        op = make("SoftmaxCrossEntropyWithLogits", [flat_logits, flat_labels], name=scope)
        output_shape = a.slice(input_shape, [0], [_math().subtract(input_rank, 1)])
        out = a.reshape(op._outputs[0], output_shape)
        if shape.ndims is not None:
            out.set_shape(shape[:-1])
        return out


def _flatten_outer_dims(x: Tensor) -> Tensor:
    """TF's `_flatten_outer_dims`: Reshape(x, concat([[-1], Slice(Shape(x), [Rank(x) - 1], [1])]))."""
    a, m = _array(), _math()
    rank = a.rank(x)
    last_dim_size = a.slice(a.shape(x), [m.subtract(rank, 1)], [1])
    return a.reshape(x, a.concat([[-1], last_dim_size], 0))


def _reshape_to_batch(loss: Tensor, shape: TensorShape, dynamic) -> Tensor:
    """Per-row losses reshaped to the logits' batch dimensions `shape[:-1]` (`dynamic()` builds
    them at run time when they are not all known), named `Reshape_2` as in TF."""
    out_shape = shape[:-1] if shape.ndims is not None else None
    known = out_shape is not None and out_shape.is_fully_defined()
    out = _array().reshape(loss, out_shape.as_list() if known else dynamic(), name="Reshape_2")
    if out_shape is not None:
        out.set_shape(out_shape)
    return out


def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=None,
                                      name=None, axis=None) -> Tensor:
    """`tf.nn.softmax_cross_entropy_with_logits` (v1): as v2, but no gradient flows into labels."""
    if _sentinel is not None:
        raise ValueError("Only call `softmax_cross_entropy_with_logits` with named arguments "
                         "(labels=..., logits=..., ...)")
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided.")
    axis = op_util.legacy_kwarg(axis, "axis", dim, "dim")
    with name_scope(name, "softmax_cross_entropy_with_logits_sg", [logits, labels]) as scope:
        labels = _array().stop_gradient(convert_to_tensor(labels), name="labels_stop_gradient")
        return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, axis=axis,
                                                    name=scope)


def _sparse_xent_rule(inputs, attrs):
    f, lab = inputs
    check_dtype_in("SparseSoftmaxCrossEntropyWithLogits", f, FLOATS, "features")
    check_dtype_in("SparseSoftmaxCrossEntropyWithLogits", lab, (dtypes.int32, dtypes.int64), "labels")
    batch = f._shape[0] if f._shape.ndims else None
    if batch is None and lab._shape.ndims:
        batch = lab._shape[0]
    classes = f._shape[-1] if f._shape.ndims else None
    return [(f._dtype.base_dtype, TensorShape([batch])),
            (f._dtype.base_dtype, TensorShape([batch, classes]))]


def _sparse_xent_kernel(features, labels):
    depth = features.shape[-1]
    bad = (labels < 0) | (labels >= depth)
    if np.any(bad):
        raise errors.InvalidArgumentError(
            None, None, "Received a label value of %d which is outside the valid range of [0, %d). "
            "Label values: %s" % (int(labels[bad][0]), depth, " ".join(str(v) for v in labels)))
    log_p = _log_softmax_kernel(features, -1)
    rows = np.arange(features.shape[0])
    loss = -log_p[rows, labels]
    backprop = np.exp(log_p)
    backprop[rows, labels] -= 1
    return _cast_like(loss, features), _cast_like(backprop, features)


def _sparse_xent_grad(op, g_loss, g_backprop):
    m, a = _math(), _array()
    d_logits = a.expand_dims(g_loss, -1) * op._outputs[1]
    if not _no_gradient(g_backprop):
        sm = softmax(op._inputs[0])
        inner = m.reduce_sum(m.multiply(g_backprop, sm), -1, keepdims=True)
        d_logits = m.add(d_logits, m.multiply(m.subtract(g_backprop, inner), sm))
    return [d_logits, None]


define("SparseSoftmaxCrossEntropyWithLogits", _sparse_xent_rule, _sparse_xent_kernel,
       grad=_sparse_xent_grad)


def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,
                                             name=None) -> Tensor:
    """`tf.nn.sparse_softmax_cross_entropy_with_logits`: -log_softmax(logits)[label] for integer
    labels of rank rank(logits) - 1; out-of-range labels fail at run time."""
    if _sentinel is not None:
        raise ValueError("Only call `sparse_softmax_cross_entropy_with_logits` with named "
                         "arguments (labels=..., logits=..., ...)")
    a = _array()
    with name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", [labels, logits]):
        labels = convert_to_tensor(labels, name="labels")
        logits = _float_input(logits, "SparseSoftmaxCrossEntropyWithLogits", "logits")
        labels_shape = a.shape(labels)     # TF takes it first (a Const when static), for the reshape
        lr, gr = labels._shape.ndims, logits._shape.ndims
        if gr == 0:
            raise ValueError("Logits cannot be scalars - received shape %s." % logits._shape)
        if lr is not None and gr is not None and lr != gr - 1:
            raise ValueError("Rank mismatch: Rank of labels (received %d) should equal rank of "
                             "logits minus 1 (received %d)." % (lr, gr))
        if lr is not None and gr is not None and not labels._shape.is_compatible_with(logits._shape[:-1]):
            raise ValueError("Shape mismatch: The shape of labels (received %s) should equal the "
                             "shape of logits except for the last dimension (received %s)."
                             % (labels._shape, logits._shape))
        if gr == 2:
            return make("SparseSoftmaxCrossEntropyWithLogits", [logits, labels],
                        name=name)._outputs[0]
        classes = a.shape(logits)[a.rank(logits) - 1]        # TF's flattening, op for op
        flat_logits = a.reshape(logits, [-1, classes])
        op = make("SparseSoftmaxCrossEntropyWithLogits", [flat_logits, a.reshape(labels, [-1])],
                  name=name)
        out = a.reshape(op._outputs[0], labels_shape, name="Reshape_2")
        out.set_shape(labels._shape)
        return out


def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,
                                      name=None) -> Tensor:
    """`tf.nn.sigmoid_cross_entropy_with_logits`: max(x, 0) - x * z + log(1 + exp(-|x|))."""
    if _sentinel is not None:
        raise ValueError("Only call `sigmoid_cross_entropy_with_logits` with named arguments "
                         "(labels=..., logits=..., ...)")
    m, a = _math(), _array()
    with name_scope(name, "logistic_loss", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = op_util.convert_like(labels, logits, "labels")
        if not logits._shape.is_compatible_with(labels._shape):
            raise ValueError("logits and labels must have the same shape (%s vs %s)"
                             % (logits._shape, labels._shape))
        zeros = a.zeros_like(logits)
        cond = m.greater_equal(logits, zeros)
        relu_logits = a.where(cond, logits, zeros)
        neg_abs = a.where(cond, m.negative(logits), logits)
        return m.add(m.subtract(relu_logits, m._mul_op(logits, labels), name="sub"),
                     m.log1p(m.exp(neg_abs)), name=scope)


def weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None, name=None,
                                       targets=None) -> Tensor:
    """`tf.nn.weighted_cross_entropy_with_logits`: the sigmoid cross entropy with the positive
    term weighted by `pos_weight`."""
    labels = op_util.legacy_kwarg(labels, "labels", targets, "targets")
    m = _math()
    with name_scope(name, "logistic_loss", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = op_util.convert_like(labels, logits, "labels")
        if not logits._shape.is_compatible_with(labels._shape):
            raise ValueError("logits and labels must have the same shape (%s vs %s)"
                             % (logits._shape, labels._shape))
        # TF's expression, Python numbers left to the operators (`mul/x` is pos_weight - 1)
        log_weight = 1 + (pos_weight - 1) * labels
        return m.add((1 - labels) * logits,
                     log_weight * (m.log1p(m.exp(-m.abs(logits))) + relu(-logits)), name=scope)


def log_poisson_loss(targets, log_input, compute_full_loss: bool = False, name=None) -> Tensor:
    """`tf.nn.log_poisson_loss`: exp(log_input) - log_input * targets (+ Stirling's term)."""
    m = _math()
    with name_scope(name, "log_poisson_loss", [log_input, targets]):
        log_input = convert_to_tensor(log_input, name="log_input")
        targets = op_util.convert_like(targets, log_input, "targets")
        # operators name the ops as TF's do: the loss is `sub`, or `add_1` with Stirling's term
        result = m.exp(log_input) - log_input * targets
        if not compute_full_loss:
            return result
        dt = targets._dtype.base_dtype.np_dtype
        stirling = (targets * m.log(targets) - targets +
                    np.array(0.5, dt) * m.log(np.array(2 * np.pi, dt) * targets))
        zeros = _array().zeros_like(targets)
        in_unit = m.logical_and(m.greater_equal(targets, zeros),
                                m.less_equal(targets, _array().ones_like(targets)))
        return result + _array().where(in_unit, zeros, stirling)


def zero_fraction(value, name=None) -> Tensor:
    """`tf.nn.zero_fraction`: the fraction of elements of `value` that are zero (float32)."""
    m = _math()
    with name_scope(name, "zero_fraction", [value]):
        value = convert_to_tensor(value, name="value")
        zero = np.zeros((), value._dtype.base_dtype.np_dtype)
        is_zero = m.cast(m.equal(value, zero), dtypes.float32)
        return _array().identity(m.reduce_mean(is_zero), name="fraction")


# =================================================================================================
# Embedding lookup, top_k, in_top_k
# =================================================================================================
def _clip_rows(x: Tensor, ids: Tensor, max_norm) -> Tensor:
    """Scale each looked-up embedding (the dims after those of `ids`) to an L2 norm <= max_norm."""
    if max_norm is None:
        return x
    m = _math()
    ids_rank, rank = ids._shape.ndims, x._shape.ndims
    axes = list(range(ids_rank, rank)) if ids_rank is not None and rank is not None else [-1]
    norm = m.sqrt(m.reduce_sum(m.square(x), axes, keepdims=True))
    mx = np.array(max_norm, x._dtype.base_dtype.np_dtype)
    return m.multiply(x, m.divide(mx, m.maximum(norm, mx)))


def embedding_lookup(params, ids, partition_strategy: str = "mod", name=None,
                     validate_indices: bool = True, max_norm=None) -> Tensor:
    """`tf.nn.embedding_lookup`: rows `ids` of `params`, a tensor or a list of shards ('mod':
    id i is in shard i % n at row i // n; 'div': shards hold contiguous id ranges)."""
    a, m = _array(), _math()
    if isinstance(params, (list, tuple)) and len(params) == 0:
        raise ValueError("Need at least one param")
    if partition_strategy not in ("mod", "div"):
        raise ValueError("Unrecognized partition strategy: " + partition_strategy)
    shards = list(params) if isinstance(params, (list, tuple)) else [params]
    if hasattr(params, "_get_variable_list"):
        shards = list(params._get_variable_list())
    with name_scope(name, "embedding_lookup", shards + [ids]) as scope:
        np_ = len(shards)
        ids = convert_to_tensor(ids, name="ids")
        if np_ == 1:   # TF's names: the GatherV2 is the scope, the result `<scope>/Identity`
            with _colocate(shards[0]):
                result = a.gather(shards[0], ids, name=scope)
            return a.identity(_clip_rows(result, ids, max_norm))
        flat_ids = a.reshape(ids, [-1])
        id_dtype = flat_ids._dtype.base_dtype
        if partition_strategy == "mod":
            p_assignments = m.floormod(flat_ids, np_)
            new_ids = m.floordiv(flat_ids, np_)
        else:
            sizes = [s.get_shape()[0] for s in shards]
            if None in sizes:
                size_t = a.stack([m.cast(a.shape(s)[0], id_dtype) for s in shards])
            else:
                size_t = convert_to_tensor(np.array(sizes), dtype=id_dtype)
            bounds = m.cumsum(size_t)
            p_assignments = _searchsorted_right(bounds, flat_ids)
            starts = m.subtract(bounds, size_t)
            new_ids = m.subtract(flat_ids, a.gather(starts, p_assignments))
        # partition the ids by shard (boolean masks), gather per shard, scatter back in order
        positions = m.range(a.size(flat_ids, out_type=id_dtype), dtype=id_dtype)
        out_rows = a.concat([a.shape(flat_ids, out_type=id_dtype),
                             a.shape(shards[0], out_type=id_dtype)[1:]], 0)
        parts = []
        for p, shard in enumerate(shards):
            mask = m.equal(p_assignments, p)
            with _colocate(shard):
                rows = a.gather(shard, a.boolean_mask(new_ids, mask))
            where_p = a.expand_dims(a.boolean_mask(positions, mask), 1)
            parts.append(a.scatter_nd(where_p, rows, out_rows))
        stitched = m.add_n(parts)
        elem = shards[0].get_shape()[1:]
        out_shape = a.concat([a.shape(ids), a.shape(stitched)[1:]], 0)
        result = a.reshape(stitched, out_shape)
        if ids._shape.ndims is not None and elem.ndims is not None:
            result.set_shape(ids._shape.concatenate(elem))
        return _clip_rows(result, ids, max_norm)   # `<scope>/Reshape_1`, as in TF


def _colocate(shard):
    from ..framework.graph import colocate_with
    import contextlib

    op = getattr(shard, "op", None)
    return colocate_with(op) if op is not None else contextlib.nullcontext()


define("VfSearchSortedRight",
       lambda inputs, attrs: [(dtypes.int32, inputs[1]._shape)],
       lambda sorted_seq, values: np.searchsorted(sorted_seq, values, side="right").astype(np.int32),
       differentiable=False)


def _searchsorted_right(sorted_seq, values) -> Tensor:
    return make1("VfSearchSortedRight", [sorted_seq, values], name="SearchSorted")


def _top_k_rule(inputs, attrs):
    x, k = inputs
    kv = const_value(k)
    shape = x._shape
    if shape.ndims == 0:
        raise ValueError("Shape must be at least rank 1 but is rank 0 for 'TopKV2' (input)")
    if shape.ndims is None:
        out = unknown_shape()
    else:
        last = shape[-1]
        if kv is not None and last is not None and int(kv) > last:
            raise ValueError("input must have last dimension >= k = %d but is %d for 'TopKV2'"
                             % (int(kv), last))
        out = shape[:-1].concatenate([None if kv is None else int(kv)])
    return [(x._dtype.base_dtype, out), (dtypes.int32, out)]


def _top_k_kernel(x, k, sorted=True):  # noqa: A002 - TF's attr name
    k = int(k)
    if k < 0:
        raise errors.InvalidArgumentError(None, None, "Need k >= 0, got %d" % k)
    if x.shape[-1] < k:
        raise errors.InvalidArgumentError(None, None, "input must have at least k columns. Had %d, "
                                          "needed %d" % (x.shape[-1], k))
    # stable sort of -x: equal values keep their lower index first, as TF
    order = np.argsort(-x if x.dtype.kind != "u" else np.iinfo(x.dtype).max - x, axis=-1,
                       kind="stable")[..., :k]
    return np.take_along_axis(x, order, axis=-1), order.astype(np.int32)


def _top_k_grad(op, g_values, g_indices):
    x = op._inputs[0]
    return [make1("VfScatterLastAxis", [op._outputs[1], g_values, _array().shape(x)]), None]


define("TopKV2", _top_k_rule, _top_k_kernel, grad=_top_k_grad)


def _scatter_last_kernel(indices, updates, shape):
    out = np.zeros(tuple(int(d) for d in shape), dtype=updates.dtype)
    np.put_along_axis(out, indices.astype(np.int64), updates, axis=-1)
    return out


define("VfScatterLastAxis",
       lambda inputs, attrs: [(inputs[1]._dtype.base_dtype, _known_shape(inputs[2], inputs[0]._shape.ndims))],
       _scatter_last_kernel,
       grad=lambda op, gg: [None, make1("VfGatherLastAxis", [gg, op._inputs[0]]), None])
define("VfGatherLastAxis",
       lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, inputs[1]._shape)],
       lambda params, indices: np.take_along_axis(params, indices.astype(np.int64), axis=-1),
       grad=lambda op, gg: [make1("VfScatterLastAxis", [op._inputs[1], gg, _array().shape(op._inputs[0])]),
                            None])


def top_k(input, k=1, sorted: bool = True, name=None):  # noqa: A002
    """`tf.nn.top_k`: the k largest entries of the last axis and their indices (ties: lower index)."""
    with name_scope(name, "TopKV2", [input]) as scope:    # Python inputs: TopKV2/input, TopKV2/k
        x = convert_to_tensor(input, name="input")
        kt = convert_to_tensor(k, dtype=dtypes.int32, name="k")
        op = make("TopKV2", [x, kt], {"sorted": bool(sorted)}, name=scope)
    return _TopKResult(op._outputs[0], op._outputs[1])


_TopKResult = collections.namedtuple("TopKV2", ["values", "indices"])
_TopKResult.__doc__ = "`(values, indices)` of tf.nn.top_k, as TF's namedtuple (fetchable as one)."


def _in_top_k_kernel(predictions, targets, k):
    k = int(k)
    rows = np.arange(predictions.shape[0])
    bad = (targets < 0) | (targets >= predictions.shape[1])
    safe = np.where(bad, 0, targets)
    target_val = predictions[rows, safe]
    greater = np.sum(predictions > target_val[:, None], axis=1)
    finite = np.all(np.isfinite(predictions), axis=1) if predictions.dtype.kind == "f" else True
    return (~bad) & finite & (greater < k)


define("InTopKV2",
       lambda inputs, attrs: [(dtypes.bool, TensorShape([inputs[0]._shape[0] if inputs[0]._shape.ndims else None]))],
       _in_top_k_kernel, differentiable=False)


def in_top_k(predictions, targets, k, name=None) -> Tensor:
    """`tf.nn.in_top_k`: whether each target's prediction is among the k largest of its row."""
    with name_scope(name, "in_top_k"), name_scope(name, "InTopKV2") as scope:
        # as TF: the op wrapper (named `name` again) converts its Python inputs: InTopKV2/k
        p = convert_to_tensor(predictions, name="predictions")
        t = convert_to_tensor(targets, name="targets")
        check_dtype_in("InTopKV2", t, (dtypes.int32, dtypes.int64), "targets")
        for x, what, r in ((p, "predictions", 2), (t, "targets", 1)):
            if x._shape.ndims not in (None, r):
                raise ValueError("Shape must be rank %d but is rank %d for 'InTopKV2' (%s %s)"
                                 % (r, x._shape.ndims, what, x._shape))
        kt = convert_to_tensor(k, dtype=t._dtype.base_dtype, name="k")
        return make1("InTopKV2", [p, t, kt], name=scope)
