"""Math ops: elementwise arithmetic and functions, comparisons, casts, reductions, matmul, scans,
segments, and the Tensor operator overloads (`x + y` etc.).

Each op is defined once (output rule, NumPy kernel, gradient) next to its public wrapper. Gradients
build TF's ops: broadcasting gradients end in Shape, Sum(keepdims) over the statically known axes
(or BroadcastGradientArgs) and Reshape; reductions' in Reshape + Tile or BroadcastTo. The helper op
`SumToShapeOf` remains for the few gradients whose TF graphs are long (batch matmul, special functions).
"""
from __future__ import annotations

import builtins
import weakref

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape, broadcast_shapes, unknown_shape
from . import axis_sums, op_util
from .constant_op import constant
from .op_util import COMPLEX, FLOATS, INTS, NUMBERS, make, make1

__all__ = [
    # arithmetic
    "add", "subtract", "multiply", "divide", "truediv", "realdiv", "div", "floordiv", "floor_div",
    "mod", "floormod", "truncatediv", "truncatemod", "pow", "negative", "abs", "add_n",
    "accumulate_n", "scalar_mul", "multiply_no_nan", "div_no_nan", "divide_no_nan", "xlogy", "xdivy",
    "maximum", "minimum", "squared_difference",
    # unary functions
    "sign", "square", "sqrt", "rsqrt", "reciprocal", "exp", "expm1", "log", "log1p", "sin",
    "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh",
    "atanh", "sigmoid", "log_sigmoid", "erf", "erfc", "lgamma", "digamma", "round", "floor",
    "ceil", "rint", "is_nan", "is_inf", "is_finite", "real", "imag", "conj",
    # comparisons and logic
    "equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
    "logical_or", "logical_not", "logical_xor",
    # casts
    "cast", "to_float", "to_double", "to_int32", "to_int64", "to_bfloat16", "saturate_cast",
    # linear algebra
    "matmul", "tensordot", "einsum", "trace",
    # reductions and scans
    "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_any",
    "reduce_all", "reduce_logsumexp", "reduce_euclidean_norm", "reduce_std", "reduce_variance",
    "count_nonzero", "norm", "argmax", "argmin", "arg_max", "arg_min", "cumsum", "cumprod",
    # sequences and segments
    "range", "linspace", "lin_space", "segment_sum", "segment_mean", "segment_max", "segment_min",
    "segment_prod", "unsorted_segment_sum", "unsorted_segment_max", "unsorted_segment_min",
    "unsorted_segment_mean", "unsorted_segment_prod", "unsorted_segment_sqrt_n", "bincount",
    "cumulative_logsumexp",
]

_py_abs, _py_range = abs, range


def _t(x, dtype=None, name=None) -> Tensor:
    return convert_to_tensor(x, dtype=dtype, name=name)


def _arr(value, dtype) -> np.ndarray:
    """Kernels return ndarrays of the op's exact dtype (NumPy turns 0-d results into scalars)."""
    return np.asarray(value, dtype=dtype)


def _ctx(msg: str) -> errors.InvalidArgumentError:
    return errors.InvalidArgumentError(None, None, msg)


# ================================================================================================
# Broadcasting helpers: sum a gradient back to an input's (run-time) shape, and the reverse.
# ================================================================================================
def _sum_to_shape(g: np.ndarray, shape: tuple) -> np.ndarray:
    g = np.asarray(g)
    if g.shape == tuple(shape):
        return g
    extra = g.ndim - len(shape)
    if extra > 0:
        g = sum_kernel(g, tuple(_py_range(extra)), False)
    axes = tuple(i for i, d in enumerate(shape) if d == 1 and g.shape[i] != 1)
    if axes:
        g = sum_kernel(g, axes, True)
    return g.reshape(shape)


def _sum_to_rule(inputs, attrs):
    return [(inputs[0]._dtype.base_dtype, inputs[1]._shape)]


define("SumToShapeOf", _sum_to_rule,
       lambda g, x: _arr(_sum_to_shape(g, np.shape(x)), g.dtype),
       grad=lambda op, gg: [_broadcast_like(gg, op._inputs[0]), None])


define("BroadcastToShapeOf", _sum_to_rule,
       lambda g, x: np.array(np.broadcast_to(g, np.shape(x))),
       grad=lambda op, gg: [_sum_to(gg, op._inputs[0]), None])


def _static_equal(a: TensorShape, b: TensorShape) -> bool:
    return a.is_fully_defined() and b.is_fully_defined() and a.as_list() == b.as_list()


def _sum_to(grad: Tensor | None, x: Tensor) -> Tensor | None:
    """`grad` (shaped like a broadcast result) summed down to the run-time shape of `x`: a Sum
    then a Reshape, as TF's gradients end (`<op>_grad/Reshape`)."""
    if grad is None:
        return None
    if _static_equal(grad._shape, x._shape):
        return grad
    from .array_ops import reshape, shape
    return reshape(make1("SumToShapeOf", [grad, x], name="Sum"), shape(x))


def _broadcast_like(grad: Tensor, x: Tensor) -> Tensor:
    """`grad` broadcast to the run-time shape of `x`."""
    if _static_equal(grad._shape, x._shape):
        return grad
    return make1("BroadcastToShapeOf", [grad, x], name="BroadcastTo")


# ================================================================================================
# Elementwise op definitions
# ================================================================================================
def _define_unary(op_type: str, fn, grad=None, allowed=FLOATS + COMPLEX, out_dtype=None):
    """An elementwise op of one input; `fn` is a NumPy function applied under errstate(ignore)."""
    def kernel(x):
        with np.errstate(all="ignore"):
            return _arr(fn(x), out_dtype.np_dtype if out_dtype is not None else x.dtype)

    def rule(inputs, attrs):
        x = inputs[0]
        if allowed is not None and x._dtype.base_dtype not in allowed:
            op_util.check_dtype_in(op_type, x, allowed)
        return [(out_dtype or x._dtype.base_dtype, x._shape)]
    define(op_type, rule, kernel, grad=grad, differentiable=grad is not None)


def _unary(op_type: str, x, name) -> Tensor:
    if _is_tensor_like(x):
        return make1(op_type, [_as_operand(x)], name=name or op_type)
    with name_scope(name, op_type, [x]) as scope:
        return make1(op_type, [_t(x, name="x")], name=scope)


def _zero_division(op_type: str) -> errors.OpError:
    """TF's error for an integer division by zero: InvalidArgumentError from the floor ops, but
    InternalError from TruncateDiv / TruncateMod, whose kernels do not expect to fail."""
    if op_type.startswith("Truncate"):
        return errors.InternalError(None, None, "Integer division by zero in %s" % op_type)
    return _ctx("Integer division by zero")


def _define_binary(op_type: str, fn, grad=None, allowed=None, out_dtype=None, int_zero_check=False):
    """An elementwise broadcasting op of two inputs of the same dtype."""
    def kernel(x, y):
        if x.dtype.kind in "iu":
            if int_zero_check and np.any(y == 0):
                raise _zero_division(op_type)
            # integer arrays raise no floating-point warnings: no errstate (the shape arithmetic
            # gradients run every step is ~1 us per op instead of ~2)
            return _arr(fn(x, y), out_dtype.np_dtype if out_dtype is not None else x.dtype)
        if int_zero_check and y.dtype.kind in "iu" and np.any(y == 0):
            raise _zero_division(op_type)
        with np.errstate(all="ignore"):
            return _arr(fn(x, y), out_dtype.np_dtype if out_dtype is not None else x.dtype)

    def rule(inputs, attrs):
        x, y = inputs[0], inputs[1]
        dt = x._dtype.base_dtype
        if allowed is not None and dt not in allowed:
            op_util.check_dtype_in(op_type, x, allowed)
        op_util.check_same_dtype(op_type, ("x", x), ("y", y))
        return [(out_dtype or dt, broadcast_shapes(x._shape, y._shape))]
    define(op_type, rule, kernel, grad=grad, differentiable=grad is not None)


def _is_tensor_like(v) -> bool:
    return isinstance(v, Tensor) or hasattr(v, "_as_graph_element")


def _pair(x, y, op_type: str, name_x: str = "x", name_y: str = "y"):
    """TF's input rule for two-input ops (a Python operand takes the tensor's dtype; two tensors
    must agree), converting Python values to Consts named after the argument, as TF does."""
    if _is_tensor_like(x) and not _is_tensor_like(y):
        x = _as_operand(x)
        y = _t(y, dtype=x._dtype.base_dtype, name=name_y)
    elif _is_tensor_like(y) and not _is_tensor_like(x):
        y = _as_operand(y)
        x = _t(x, dtype=y._dtype.base_dtype, name=name_x)
    elif not _is_tensor_like(x):
        x = _t(x, name=name_x)
        y = _t(y, dtype=x._dtype.base_dtype, name=name_y)
    else:
        x, y = _as_operand(x), _as_operand(y)
    op_util.check_same_dtype(op_type, (name_x, x), (name_y, y))
    return x, y


def _as_operand(x) -> Tensor:
    """A tensor operand as it is: a ref tensor (an assign's output) feeds the op directly, as in TF
    (the executor reads the value), without an Identity."""
    return x if x.__class__ is Tensor else _t(x)


def _binary(op_type: str, x, y, name) -> Tensor:
    """Build a binary op in TF's way: `tf.add(x, 1.0)` gives ops "Add/y" (Const) and "Add"."""
    with name_scope(name, op_type, [x, y]) as scope:
        x, y = _pair(x, y, op_type)
        return make1(op_type, [x, y], name=scope)


def _static_reduction_axes(sx: TensorShape, sy: TensorShape):
    """The axes of the broadcast shape that TF's gradient sums over for each of two inputs, when the
    static shapes decide them (a dimension known to be 1 on one side, or missing), else None: a
    dimension unknown on one side that the other does not pin to 1 leaves it to run time (TF then
    builds BroadcastGradientArgs)."""
    if sx._dims is None or sy._dims is None:
        return None
    dx, dy = sx._dims, sy._dims
    n = builtins.max(len(dx), len(dy))
    dx = (1,) * (n - len(dx)) + tuple(dx)     # a missing leading dimension counts as 1
    dy = (1,) * (n - len(dy)) + tuple(dy)
    rx, ry = [], []
    for i, (a, b) in enumerate(zip(dx, dy)):
        if a is None or b is None:
            if a is None and b is None:
                return None
            known = b if a is None else a
            if known != 1:
                return None
            (rx if a == 1 else ry).append(i)
        elif a != b:
            if a == 1:
                rx.append(i)
            elif b == 1:
                ry.append(i)
            else:
                return None
    return rx, ry


def _reduce_broadcast_grads(x: Tensor, y: Tensor, gx, gy) -> list:
    """TF's end of a broadcasting gradient: `Shape` of x and of y (Consts when static), then each
    gradient summed (keepdims) over the axes its input was broadcast along and reshaped to that
    input's shape: axes known statically are a Const, else they come from a BroadcastGradientArgs op."""
    from .array_ops import reshape, shape
    sx, sy = shape(x), shape(y)
    static = _static_reduction_axes(x._shape, y._shape)
    if static is not None:
        rx, ry = static
        if gx is not None and (rx or x._shape._dims != gx._shape._dims):
            gx = reshape(reduce_sum(gx, rx, keepdims=True), sx)
        if gy is not None and (ry or y._shape._dims != gy._shape._dims):
            gy = reshape(reduce_sum(gy, ry, keepdims=True), sy)
        return [gx, gy]
    args = make("BroadcastGradientArgs", [sx, sy], name="BroadcastGradientArgs")._outputs
    if gx is not None:
        gx = reshape(reduce_sum(gx, args[0], keepdims=True), sx)
    if gy is not None:
        gy = reshape(reduce_sum(gy, args[1], keepdims=True), sy)
    return [gx, gy]


def _bcast_grads(op, gx, gy):
    """The gradients of a broadcasting binary op's two inputs, reduced to their shapes as TF does."""
    x, y = op._inputs[0], op._inputs[1]
    return _reduce_broadcast_grads(x, y, gx, gy)


def _shapes_equal_static(op, g) -> bool:
    """TF's shortcut for Add/Sub/Mul/SquaredDifference gradients: both inputs and the gradient
    have the same fully known shape (nothing to reduce, no Shape ops built)."""
    x, y = op._inputs[0], op._inputs[1]
    d = x._shape._dims
    return (isinstance(g, Tensor) and d is not None and None not in d and y._shape._dims == d
            and g._shape._dims == d)


def _mul_op(x: Tensor, y: Tensor, name: str = "mul") -> Tensor:
    """x * y as the `*` operator builds it in a gradient (an op named `mul`, `mul_1`, ...)."""
    return _binary("Mul", x, y, name)


def _conj(g: Tensor) -> Tensor:
    return conj(g) if g._dtype.is_complex else g


# --- arithmetic ---------------------------------------------------------------------------------
_ARITH = NUMBERS
_SIGNED_INTS = (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64)
def _add_grad(op, g):
    if _shapes_equal_static(op, g):
        return [g, g]
    return _bcast_grads(op, g, g)


def _sub_grad(op, g):
    if _shapes_equal_static(op, g):
        return [g, negative(g)]
    return _bcast_grads(op, g, negative(g))


def _mul_grad(op, g):
    x, y = _conj(op._inputs[0]), _conj(op._inputs[1])
    if _shapes_equal_static(op, g):
        return [multiply(g, y), multiply(g, x)]
    return _bcast_grads(op, multiply(g, y), multiply(x, g))


_define_binary("AddV2", np.add, grad=_add_grad, allowed=_ARITH)
_define_binary("Sub", np.subtract, grad=_sub_grad, allowed=_ARITH)
_define_binary("Mul", np.multiply, allowed=_ARITH, grad=_mul_grad)


def _realdiv_grad(op, g):
    x, y = op._inputs
    x, y = _conj(x), _conj(y)
    return _bcast_grads(op, realdiv(g, y), _mul_op(g, realdiv(realdiv(negative(x), y), y)))


_define_binary("RealDiv", np.true_divide, grad=_realdiv_grad, allowed=FLOATS + COMPLEX)


def _floor_div_kernel(x, y):
    if x.dtype.kind in "iu":
        return np.floor_divide(x, y)
    return np.floor(np.true_divide(x, y))


_define_binary("FloorDiv", _floor_div_kernel, grad=lambda op, g: [None, None], allowed=NUMBERS,
               int_zero_check=True)
_define_binary("FloorMod", np.mod, allowed=FLOATS + INTS, int_zero_check=True,
               grad=lambda op, g: _bcast_grads(op, g, multiply(negative(g), floordiv(
                   op._inputs[0], op._inputs[1]))))


def _truncate_div_kernel(x, y):
    if x.dtype.kind in "iu":
        q = np.abs(x) // np.abs(y)
        return np.where((x < 0) != (y < 0), -q, q)
    return np.trunc(np.true_divide(x, y))


_define_binary("TruncateDiv", _truncate_div_kernel, allowed=INTS, int_zero_check=True)
_define_binary("TruncateMod", np.fmod, allowed=FLOATS + INTS, int_zero_check=True,
               grad=lambda op, g: _bcast_grads(op, g, multiply(negative(g), truncatediv_any(
                   op._inputs[0], op._inputs[1]))))


def _pow_kernel(x, y):
    if x.dtype.kind in "iu":
        if np.any(y < 0):
            raise _ctx("Integers to negative integer powers are not allowed")
        return np.power(x, y)
    return np.power(x, y)


def _pow_grad(op, g):
    """TF's: g * y * x ** (y - 1), and g * z * log(x) where x > 0 (ones fed to the Log elsewhere,
    v1 Selects, as TF builds them)."""
    from .array_ops import ones_like, where, zeros_like
    x, y = _conj(op._inputs[0]), _conj(op._inputs[1])
    z = _conj(op._outputs[0])
    gx = _mul_op(_mul_op(g, y), pow(x, subtract(y, 1, name="sub")))
    if x._dtype.is_complex:
        mask = not_equal(x, 0)
    else:
        mask = greater(x, 0)
    safe_x = where(mask, x, ones_like(x))
    log_x = where(mask, log(safe_x), zeros_like(x))
    gy = _mul_op(_mul_op(g, z), log_x)
    return _bcast_grads(op, gx, gy)


_define_binary("Pow", _pow_kernel, grad=_pow_grad, allowed=_ARITH)


def _max_min_grad(select_first):
    def grad(op, g):
        from .array_ops import zeros_like
        x, y = op._inputs
        zeros = zeros_like(g)
        mask = select_first(x, y)
        return _bcast_grads(op, where_v2(mask, g, zeros), where_v2(mask, zeros, g))
    return grad


_define_binary("Maximum", np.maximum, allowed=FLOATS + INTS,
               grad=_max_min_grad(lambda x, y: greater_equal(x, y)))
_define_binary("Minimum", np.minimum, allowed=FLOATS + INTS,
               grad=_max_min_grad(lambda x, y: less_equal(x, y)))


def _sqdiff_grad(op, g):
    """TF's: 2 (a Const `scalar`) * g * (x - y), the Const and the difference waiting for g."""
    from ..framework.graph import control_dependencies
    x, y = op._inputs
    with control_dependencies([g]):
        two = constant(2, dtype=g._dtype.base_dtype, name="scalar")
        d = _mul_op(multiply(two, g), subtract(x, y, name="sub"))
    if _shapes_equal_static(op, g):
        return [d, negative(d)]
    return _bcast_grads(op, d, negative(d))


_define_binary("SquaredDifference", lambda x, y: np.square(x - y), grad=_sqdiff_grad,
               allowed=_ARITH)


def _div_no_nan_kernel(x, y):
    return np.where(y == 0, np.zeros((), x.dtype), np.true_divide(x, np.where(y == 0, 1, y)))


def _div_no_nan_grad(op, g):
    x, y = op._inputs
    return _bcast_grads(op, div_no_nan(g, y),
                        _mul_op(g, div_no_nan(div_no_nan(negative(x), y), y)))


_define_binary("DivNoNan", _div_no_nan_kernel, grad=_div_no_nan_grad, allowed=FLOATS + COMPLEX)


def _xlogy_kernel(x, y):
    return np.where(x == 0, np.zeros((), x.dtype), x * np.log(np.where(x == 0, 1, y)))


def _xdivy_kernel(x, y):
    return np.where(x == 0, np.zeros((), x.dtype), x / np.where(x == 0, 1, y))


def _xlogy_grad(op, g):
    x, y = op._inputs
    x_mask = cast(not_equal(x, constant(0, dtype=x._dtype.base_dtype)), x._dtype.base_dtype)
    return _bcast_grads(op, multiply(g, xlogy(x_mask, y)), multiply(g, xdivy(x, y)))


def _xdivy_grad(op, g):
    x, y = op._inputs
    x_mask = cast(not_equal(x, constant(0, dtype=x._dtype.base_dtype)), x._dtype.base_dtype)
    return _bcast_grads(op, multiply(g, xdivy(x_mask, y)),
                        multiply(g, div_no_nan(negative(x), square(y))))


_define_binary("Xlogy", _xlogy_kernel, grad=_xlogy_grad, allowed=FLOATS + COMPLEX)
_define_binary("Xdivy", _xdivy_kernel, grad=_xdivy_grad, allowed=FLOATS + COMPLEX)


def _mul_no_nan_kernel(x, y):
    return np.where(y == 0, np.zeros((), x.dtype), np.multiply(np.where(y == 0, 0, x), y))


_define_binary("MulNoNan", _mul_no_nan_kernel, allowed=FLOATS + COMPLEX,
               grad=lambda op, g: _bcast_grads(op, multiply_no_nan(g, op._inputs[1]),
                                               multiply_no_nan(op._inputs[0], g)))


def _atan2_grad(op, g):
    y, x = op._inputs
    inv = reciprocal(add(square(x), square(y)))
    return _bcast_grads(op, multiply(g, multiply(x, inv)), multiply(g, multiply(negative(y), inv)))


_define_binary("Atan2", np.arctan2, grad=_atan2_grad, allowed=FLOATS)


# --- comparisons and logic ----------------------------------------------------------------------
for _name, _fn in (("Equal", np.equal), ("NotEqual", np.not_equal)):
    _define_binary(_name, _fn, out_dtype=dtypes.bool)
for _name, _fn in (("Less", np.less), ("LessEqual", np.less_equal), ("Greater", np.greater),
                   ("GreaterEqual", np.greater_equal)):
    _define_binary(_name, _fn, out_dtype=dtypes.bool, allowed=FLOATS + INTS)
_define_binary("LogicalAnd", np.logical_and, allowed=(dtypes.bool,))
_define_binary("LogicalOr", np.logical_or, allowed=(dtypes.bool,))
_define_unary("LogicalNot", np.logical_not, allowed=(dtypes.bool,))
_define_unary("Invert", np.invert, allowed=INTS)
_define_binary("BitwiseAnd", np.bitwise_and, allowed=INTS)
_define_binary("BitwiseOr", np.bitwise_or, allowed=INTS)
_define_binary("BitwiseXor", np.bitwise_xor, allowed=INTS)


def _shift(numpy_shift):
    """A shift kernel that clamps the amount into [0, bits - 1], as TF's kernels do (NumPy's result
    for an out-of-range amount is platform-defined)."""
    def kernel(x, y):
        return numpy_shift(x, np.clip(y, 0, x.dtype.itemsize * 8 - 1).astype(x.dtype))
    return kernel


_define_binary("LeftShift", _shift(np.left_shift), allowed=INTS)
_define_binary("RightShift", _shift(np.right_shift), allowed=INTS)


# --- unary functions ----------------------------------------------------------------------------
def _after(g: Tensor):
    """TF's `control_dependencies([grad])` around a gradient's own ops (Consts and ops of the
    forward inputs wait for the incoming gradient)."""
    from ..framework.graph import control_dependencies
    return control_dependencies([g])


def _g(fn):
    """Gradient of y = f(x) as TF builds most: inside `control_dependencies([grad])`, the
    derivative built from (x, y), then `grad * derivative` (an op `mul`)."""
    def grad(op, g):
        with _after(g):
            return [_mul_op(g, _conj(fn(_conj(op._inputs[0]), op._outputs[0])))]
    return grad


def _g_div(fn):
    """As `_g`, for TF's gradients written `grad / f(x, y)` (an op `truediv`)."""
    def grad(op, g):
        with _after(g):
            return [truediv(g, _conj(fn(_conj(op._inputs[0]), op._outputs[0])))]
    return grad


def _two(x: Tensor) -> Tensor:
    return constant(2 if x._dtype.is_integer else 2.0, dtype=x._dtype.base_dtype)


def _one(x: Tensor) -> Tensor:
    return constant(1, dtype=x._dtype.base_dtype)


def _square_grad(op, g):
    x = op._inputs[0]
    with _after(g):
        y = _two(x)
        return [multiply(g, multiply(_conj(x), y))]


def _neg_kernel(x):
    return np.negative(x)


def _sign_grad(op, g):
    from .array_ops import zeros_like
    return [zeros_like(op._inputs[0])]


def _abs_grad(op, g):
    return [_mul_op(g, sign(op._inputs[0]))]


def _inv_sqrt_one_minus_square(x: Tensor) -> Tensor:
    """1 / sqrt(1 - x**2), as TF's Asin/Acos gradients build it (Square, Const, Sub, Sqrt, Reciprocal)."""
    x2 = square(x)
    return reciprocal(sqrt(subtract(_one(x), x2)))


def _acos_grad(op, g):
    with _after(g):
        inv = _inv_sqrt_one_minus_square(_conj(op._inputs[0]))
        return [_mul_op(negative(g), inv)]


def _cos_grad(op, g):
    with _after(g):
        x = _conj(op._inputs[0])
        return [_mul_op(negative(g), sin(x))]


_define_unary("Neg", _neg_kernel, grad=lambda op, g: [negative(g)], allowed=FLOATS + COMPLEX + INTS)
_define_unary("Abs", np.abs, grad=_abs_grad, allowed=FLOATS + _SIGNED_INTS)
def _complex_abs_grad(op, g):
    """d|x| = g * x / |x| (0 where x is 0), as a complex gradient."""
    return [div_no_nan(_complex_of(g, zeros_like_(g)) * op._inputs[0],
                       _complex_of(op._outputs[0], zeros_like_(op._outputs[0])))]


define("ComplexAbs", lambda inputs, attrs: [(inputs[0]._dtype.real_dtype, inputs[0]._shape)],
       lambda x: np.abs(x), grad=_complex_abs_grad)
_define_unary("Sign", np.sign, grad=_sign_grad, allowed=FLOATS + COMPLEX + INTS)
_define_unary("Square", np.square, allowed=FLOATS + COMPLEX + INTS, grad=_square_grad)


def _safe_grad_kernel(formula):
    """TF's SqrtGrad/RsqrtGrad/ReciprocalGrad: 0 wherever the upstream gradient is 0 (so a
    masked-out branch of tf.where gives 0, not 0 * inf = nan)."""
    def kernel(y, dy):
        with np.errstate(all="ignore"):
            out = formula(y, dy)
        return _arr(np.where(dy == 0, np.zeros((), out.dtype), out), y.dtype)
    return kernel


def _same_rule(inputs, attrs):
    return [(inputs[0]._dtype.base_dtype, broadcast_shapes(inputs[0]._shape, inputs[1]._shape))]


define("SqrtGrad", _same_rule, _safe_grad_kernel(lambda y, dy: dy * 0.5 / np.conj(y)),
       grad=lambda op, g: [multiply(negative(g), multiply(op._outputs[0], realdiv(
           constant(2.0, dtype=g._dtype.base_dtype), op._inputs[0]))),
           multiply(g, realdiv(constant(0.5, dtype=g._dtype.base_dtype), op._inputs[0]))])
define("RsqrtGrad", _same_rule, _safe_grad_kernel(lambda y, dy: dy * -0.5 * np.conj(y) ** 3),
       grad=lambda op, g: [multiply(g, multiply(constant(-1.5, dtype=g._dtype.base_dtype),
                                                multiply(op._inputs[1], square(op._inputs[0])))),
                           multiply(g, multiply(constant(-0.5, dtype=g._dtype.base_dtype),
                                                pow(op._inputs[0], constant(3, dtype=g._dtype.base_dtype))))])
define("ReciprocalGrad", _same_rule, _safe_grad_kernel(lambda y, dy: -dy * np.conj(y) ** 2),
       grad=lambda op, g: [multiply(g, multiply(constant(-2.0, dtype=g._dtype.base_dtype),
                                                multiply(op._inputs[1], op._inputs[0]))),
                           multiply(g, negative(square(op._inputs[0])))])

_define_unary("Sqrt", np.sqrt,
              grad=lambda op, g: [make1("SqrtGrad", [op._outputs[0], g])])
_define_unary("Rsqrt", lambda x: 1 / np.sqrt(x),
              grad=lambda op, g: [make1("RsqrtGrad", [op._outputs[0], g])])
_define_unary("Reciprocal", lambda x: np.ones((), x.dtype) / x,
              grad=lambda op, g: [make1("ReciprocalGrad", [op._outputs[0], g])])
_define_unary("Exp", np.exp, grad=_g(lambda x, y: y))
_define_unary("Expm1", np.expm1, grad=_g(lambda x, y: exp(x)))
_define_unary("Log", np.log, grad=_g(lambda x, y: reciprocal(x)))
_define_unary("Log1p", np.log1p, grad=_g(lambda x, y: reciprocal(add(1, x, name="add"))))
_define_unary("Sin", np.sin, grad=_g(lambda x, y: cos(x)))
_define_unary("Cos", np.cos, grad=_cos_grad)
def _tan_grad(op, g):
    with _after(g):
        secx2 = square(reciprocal(cos(_conj(op._inputs[0]))))
        return [_mul_op(secx2, g)]


def _one_plus_minus_square(sub: bool):
    """1 +- x**2 as TF's Atan/Atanh gradients build it: the Square before the Const."""
    def fn(x, y):
        x2 = square(x)
        return reciprocal(subtract(_one(x), x2) if sub else add(_one(x), x2))
    return fn


_define_unary("Tan", np.tan, grad=_tan_grad)
_define_unary("Asin", np.arcsin, grad=_g(lambda x, y: _inv_sqrt_one_minus_square(x)))
_define_unary("Acos", np.arccos, grad=_acos_grad)
_define_unary("Atan", np.arctan, grad=_g(_one_plus_minus_square(False)))
_define_unary("Sinh", np.sinh, grad=_g(lambda x, y: cosh(x)))
_define_unary("Cosh", np.cosh, grad=_g(lambda x, y: sinh(x)))
_define_unary("Tanh", np.tanh, grad=lambda op, g: [make1("TanhGrad", [op._outputs[0], g])])
_define_unary("Asinh", np.arcsinh, grad=_g_div(lambda x, y: cosh(y)))
_define_unary("Acosh", np.arccosh, grad=_g_div(lambda x, y: sinh(y)))
_define_unary("Atanh", np.arctanh, grad=_g(_one_plus_minus_square(True)))


def _sigmoid_kernel(x):
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1 + ex)
    return out


_define_unary("Sigmoid", _sigmoid_kernel, allowed=FLOATS,
              grad=lambda op, g: [make1("SigmoidGrad", [op._outputs[0], g])])


# TF's gradient ops of Sigmoid and Tanh, (y, dy) -> dy * dy/dx written with the output y; their own
# gradients (second order) are in terms of y and dy too
def _sigmoid_grad_grad(op, gg):
    y, dy = op._inputs
    one = constant(1, dtype=y._dtype.base_dtype)
    return [multiply(multiply(gg, dy), subtract(one, multiply(constant(2, dtype=y._dtype.base_dtype), y))),
            make1("SigmoidGrad", [y, gg])]


def _tanh_grad_grad(op, gg):
    y, dy = op._inputs
    return [multiply(multiply(gg, dy), multiply(constant(-2, dtype=y._dtype.base_dtype), y)),
            make1("TanhGrad", [y, gg])]


define("SigmoidGrad", _same_rule, lambda y, dy: _arr(dy * y * (1 - y), y.dtype), grad=_sigmoid_grad_grad)
define("TanhGrad", _same_rule, lambda y, dy: _arr(dy * (1 - y * y), y.dtype), grad=_tanh_grad_grad)


def _erf(x):
    from math import erf as _e
    return np.vectorize(_e, otypes=[np.float64])(x) if np.size(x) else np.zeros(np.shape(x))


def _erfc(x):
    from math import erfc as _e
    return np.vectorize(_e, otypes=[np.float64])(x) if np.size(x) else np.zeros(np.shape(x))


def _lgamma(x):
    from math import lgamma as _l

    def one(v):
        if np.isnan(v):
            return np.nan
        if v <= 0 and v == np.floor(v):
            return np.inf
        return _l(v)
    return np.vectorize(one, otypes=[np.float64])(x) if np.size(x) else np.zeros(np.shape(x))


def _digamma_scalar(v: float) -> float:
    if np.isnan(v) or (v <= 0 and v == np.floor(v)):
        return np.nan
    result = 0.0
    if v < 0:  # reflection
        return _digamma_scalar(1 - v) - np.pi / np.tan(np.pi * v)
    while v < 6:
        result -= 1 / v
        v += 1
    f = 1 / (v * v)
    return result + np.log(v) - 0.5 / v - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (
        1 / 240 - f / 132))))


def _digamma(x):
    return np.vectorize(_digamma_scalar, otypes=[np.float64])(x) if np.size(x) else np.zeros(np.shape(x))


def _polygamma1_scalar(v: float) -> float:
    """Trigamma (derivative of digamma), for the gradient of Digamma."""
    if v <= 0 and v == np.floor(v):
        return np.nan
    if v < 0:
        return -_polygamma1_scalar(1 - v) + (np.pi / np.sin(np.pi * v)) ** 2
    result = 0.0
    while v < 6:
        result += 1 / (v * v)
        v += 1
    f = 1 / (v * v)
    return result + 1 / v + f / 2 + (1 / v) * f * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30)))


def _erf_grad(scale: float):
    """TF's Erf/Erfc gradient: grad * (+-2/sqrt(pi)) * exp(-x**2), in that order of ops."""
    def grad(op, g):
        x = op._inputs[0]
        c = constant(scale, dtype=g._dtype.base_dtype)
        with _after(g):
            return [_mul_op(_mul_op(g, c), exp(negative(square(x))))]
    return grad


_define_unary("Erf", _erf, allowed=FLOATS, grad=_erf_grad(2 / np.sqrt(np.pi)))
_define_unary("Erfc", _erfc, allowed=FLOATS, grad=_erf_grad(-2 / np.sqrt(np.pi)))
_define_unary("Lgamma", _lgamma, allowed=FLOATS, grad=_g(lambda x, y: digamma(x)))
_define_unary("Digamma", _digamma, allowed=FLOATS, grad=_g(lambda x, y: make1(
    "Trigamma", [x], name="Trigamma")))
_define_unary("Trigamma", lambda x: np.vectorize(_polygamma1_scalar, otypes=[np.float64])(x)
              if np.size(x) else np.zeros(np.shape(x)), allowed=FLOATS)


_define_unary("Floor", np.floor, grad=lambda op, g: [None], allowed=FLOATS)
_define_unary("Ceil", np.ceil, grad=lambda op, g: [None], allowed=FLOATS)
_define_unary("Rint", np.rint, grad=lambda op, g: [None], allowed=FLOATS)
_define_unary("Round", np.round, grad=lambda op, g: [None], allowed=FLOATS + INTS)
_define_unary("IsNan", np.isnan, allowed=FLOATS, out_dtype=dtypes.bool)
_define_unary("IsInf", np.isinf, allowed=FLOATS, out_dtype=dtypes.bool)
_define_unary("IsFinite", np.isfinite, allowed=FLOATS, out_dtype=dtypes.bool)
_define_unary("Conj", np.conj, grad=lambda op, g: [conj(g)], allowed=COMPLEX + FLOATS + INTS)


def _real_rule(inputs, attrs):
    x = inputs[0]
    return [(x._dtype.base_dtype.real_dtype, x._shape)]


define("Real", _real_rule, lambda x: np.array(np.real(x)), grad=lambda op, g: [
    _complex_of(g, zeros_like_(g)) if op._inputs[0]._dtype.is_complex else g])
define("Imag", _real_rule, lambda x: np.array(np.imag(x)), grad=lambda op, g: [
    _complex_of(zeros_like_(g), g)])


def _complex_rule(inputs, attrs):
    re = inputs[0]
    out = dtypes.complex128 if re._dtype.base_dtype == dtypes.float64 else dtypes.complex64
    return [(out, broadcast_shapes(re._shape, inputs[1]._shape))]


define("Complex", _complex_rule, lambda re, im: _arr(re + 1j * im, np.complex128 if re.dtype ==
                                                       np.float64 else np.complex64),
       grad=lambda op, g: _bcast_grads(op, real(g), imag(g)))


def _complex_of(re: Tensor, im: Tensor) -> Tensor:
    return make1("Complex", [re, im], name="Complex")


def zeros_like_(x: Tensor) -> Tensor:
    """A ZerosLike op (gradients build these, as TF's do; tf.zeros_like folds static shapes)."""
    from .array_ops import zeros_like
    return zeros_like(x, optimize=False)


# ================================================================================================
# Public elementwise wrappers
# ================================================================================================
def add(x, y, name=None) -> Tensor:
    """`tf.add`: x + y with broadcasting (op type AddV2)."""
    with name_scope(name, "Add", [x, y]) as scope:
        return _op_add(x, y, scope)


def _add_rule(inputs, attrs):
    return [(inputs[0]._dtype.base_dtype, broadcast_shapes(inputs[0]._shape, inputs[1]._shape))]


def _add_kernel(x, y):
    if x.dtype != object:
        return np.add(x, y)
    return np.array(np.frompyfunc(lambda a, b: a + b, 2, 1)(x, y), dtype=object)


# TF's legacy Add: what `+` builds for strings (numbers get AddV2), and what older GraphDefs hold
define("Add", _add_rule, _add_kernel, grad=_add_grad)


def subtract(x, y, name=None) -> Tensor:
    """`tf.subtract`: x - y with broadcasting."""
    return _binary("Sub", x, y, name)


def multiply(x, y, name=None) -> Tensor:
    """`tf.multiply`: x * y elementwise with broadcasting."""
    return _binary("Mul", x, y, name)


def realdiv(x, y, name=None) -> Tensor:
    """`tf.realdiv`: x / y for floating (or complex) tensors."""
    return _binary("RealDiv", x, y, name)


_TRUEDIV_CAST = {dtypes.int8: dtypes.float32, dtypes.uint8: dtypes.float32,
                 dtypes.int16: dtypes.float32, dtypes.uint16: dtypes.float32,
                 dtypes.int32: dtypes.float64, dtypes.uint32: dtypes.float64,
                 dtypes.int64: dtypes.float64, dtypes.uint64: dtypes.float64}


def _truediv_impl(x, y, name, default_name="truediv") -> Tensor:
    with name_scope(name, default_name, [x, y]) as scope:
        x, y = _pair(x, y, "RealDiv")
        target = _TRUEDIV_CAST.get(x._dtype.base_dtype)
        if target is not None:
            x = cast(x, target)
            y = cast(y, target)
        return make1("RealDiv", [x, y], name=scope)


def truediv(x, y, name=None) -> Tensor:
    """`tf.truediv`: x / y; integer inputs are cast to float (int32/int64 → float64) first."""
    return _truediv_impl(x, y, name)


def divide(x, y, name=None) -> Tensor:
    """`tf.divide`: true division (as `x / y`)."""
    if name is not None:
        return _truediv_impl(x, y, name)
    return _truediv_impl(x, y, None, "truediv")


def floordiv(x, y, name=None) -> Tensor:
    """`tf.floordiv`: x // y, rounding toward -inf for integers and floats."""
    with name_scope(name, "floordiv", [x, y]) as scope:
        x, y = _pair(x, y, "FloorDiv")
        return make1("FloorDiv", [x, y], name=scope)


floor_div = floordiv


def div(x, y, name=None) -> Tensor:
    """`tf.div` (TF1): floor division for integers, true division for floats (Python 2 semantics)."""
    with name_scope(name, "div", [x, y]) as scope:
        x, y = _pair(x, y, "RealDiv")
        if x._dtype.is_integer:
            return make1("FloorDiv", [x, y], name=scope)
        return make1("RealDiv", [x, y], name=scope)


def floormod(x, y, name=None) -> Tensor:
    """`tf.floormod` / `tf.mod`: remainder with the divisor's sign (Python's %)."""
    return _binary("FloorMod", x, y, name)


mod = floormod


def truncatediv(x, y, name=None) -> Tensor:
    """`tf.truncatediv`: integer division rounding toward zero (C semantics)."""
    return _binary("TruncateDiv", x, y, name)


def truncatediv_any(x, y) -> Tensor:
    """Truncated division for ints (TruncateDiv) or floats (trunc of x / y), for gradients."""
    if x._dtype.is_integer:
        return truncatediv(x, y)
    q = realdiv(x, y)
    return multiply(sign(q), floor(abs(q)))


def truncatemod(x, y, name=None) -> Tensor:
    """`tf.truncatemod`: remainder with the dividend's sign (C's fmod)."""
    return _binary("TruncateMod", x, y, name)


def pow(x, y, name=None) -> Tensor:  # noqa: A001 - TF's name
    """`tf.pow`: x ** y elementwise."""
    return _binary("Pow", x, y, name)


def negative(x, name=None) -> Tensor:
    """`tf.negative`: -x."""
    return _unary("Neg", x, name)


def abs(x, name=None) -> Tensor:  # noqa: A001
    """`tf.abs`: |x| (for complex inputs a real tensor, op ComplexAbs)."""
    x = _t(x, name="x")
    if x._dtype.is_complex:
        return make1("ComplexAbs", [x], name=name or "ComplexAbs")
    return make1("Abs", [x], name=name or "Abs")


def maximum(x, y, name=None) -> Tensor:
    """`tf.maximum`: elementwise max; ties send the gradient to `x`."""
    return _binary("Maximum", x, y, name)


def minimum(x, y, name=None) -> Tensor:
    """`tf.minimum`: elementwise min; ties send the gradient to `x`."""
    return _binary("Minimum", x, y, name)


def bitwise_and(x, y, name=None) -> Tensor:
    """`tf.bitwise.bitwise_and`: x & y, elementwise, broadcasting."""
    return _binary("BitwiseAnd", x, y, name)


def bitwise_or(x, y, name=None) -> Tensor:
    """`tf.bitwise.bitwise_or`: x | y, elementwise, broadcasting."""
    return _binary("BitwiseOr", x, y, name)


def bitwise_xor(x, y, name=None) -> Tensor:
    """`tf.bitwise.bitwise_xor`: x ^ y, elementwise, broadcasting."""
    return _binary("BitwiseXor", x, y, name)


def left_shift(x, y, name=None) -> Tensor:
    """`tf.bitwise.left_shift`: x << y; amounts outside [0, bits) are clamped into it, as in TF."""
    return _binary("LeftShift", x, y, name)


def right_shift(x, y, name=None) -> Tensor:
    """`tf.bitwise.right_shift`: x >> y (arithmetic for signed types); amounts clamped as in TF."""
    return _binary("RightShift", x, y, name)


def invert(x, name=None) -> Tensor:
    """`tf.bitwise.invert`: ~x, every bit flipped."""
    return make1("Invert", [convert_to_tensor(x, name="x")], name=name or "Invert")


def squared_difference(x, y, name=None) -> Tensor:
    """`tf.squared_difference`: (x - y) ** 2."""
    return _binary("SquaredDifference", x, y, name)


def xlogy(x, y, name=None) -> Tensor:
    """`tf.math.xlogy`: x * log(y), and 0 where x == 0 (even when y == 0)."""
    with name_scope(name, "xlogy", [x, y]) as scope:
        x, y = _pair(x, y, "Xlogy")
        return make1("Xlogy", [x, y], name=scope)


def xdivy(x, y, name=None) -> Tensor:
    """`tf.math.xdivy`: x / y, and 0 where x == 0 (even when y == 0)."""
    with name_scope(name, "xdivy", [x, y]) as scope:
        x, y = _pair(x, y, "Xdivy")
        return make1("Xdivy", [x, y], name=scope)


def div_no_nan(x, y, name=None) -> Tensor:
    """`tf.div_no_nan`: x / y, 0 where y == 0."""
    with name_scope(name, "div_no_nan", [x, y]) as scope:
        x, y = _pair(x, y, "DivNoNan")
        return make1("DivNoNan", [x, y], name=scope)


divide_no_nan = div_no_nan


def multiply_no_nan(x, y, name=None) -> Tensor:
    """`tf.math.multiply_no_nan`: x * y, 0 where y == 0 even if x is inf or nan."""
    with name_scope(name, "multiply_no_nan", [x, y]) as scope:
        x, y = _pair(x, y, "MulNoNan")
        return make1("MulNoNan", [x, y], name=scope)


def atan2(y, x, name=None) -> Tensor:
    """`tf.atan2`: the angle of (x, y)."""
    y, x = _pair(y, x, "Atan2", "y", "x")
    return make1("Atan2", [y, x], name=name or "Atan2")


def scalar_mul(scalar, x, name=None) -> Tensor:
    """`tf.scalar_mul`: a scalar times a tensor (the scalar must be 0-d)."""
    s = _t(scalar, dtype=_t(x).dtype.base_dtype if not isinstance(scalar, Tensor) else None)
    if s._shape.ndims not in (0, None):
        raise ValueError("Only scalar multiply works, got shape %s" % s._shape)
    return multiply(s, x, name=name)


def sign(x, name=None) -> Tensor:
    """`tf.sign`: -1, 0 or 1."""
    return _unary("Sign", x, name)


def square(x, name=None) -> Tensor:
    """`tf.square`: x * x."""
    return _unary("Square", x, name)


def sqrt(x, name=None) -> Tensor:
    """`tf.sqrt`."""
    return _unary("Sqrt", x, name)


def rsqrt(x, name=None) -> Tensor:
    """`tf.rsqrt`: 1 / sqrt(x)."""
    return _unary("Rsqrt", x, name)


def reciprocal(x, name=None) -> Tensor:
    """`tf.reciprocal`: 1 / x."""
    return _unary("Reciprocal", x, name)


def exp(x, name=None) -> Tensor:
    """`tf.exp`."""
    return _unary("Exp", x, name)


def expm1(x, name=None) -> Tensor:
    """`tf.expm1`: exp(x) - 1, accurate near 0."""
    return _unary("Expm1", x, name)


def log(x, name=None) -> Tensor:
    """`tf.log`: natural logarithm."""
    return _unary("Log", x, name)


def log1p(x, name=None) -> Tensor:
    """`tf.log1p`: log(1 + x), accurate near 0."""
    return _unary("Log1p", x, name)


def sin(x, name=None) -> Tensor:
    """`tf.sin`."""
    return _unary("Sin", x, name)


def cos(x, name=None) -> Tensor:
    """`tf.cos`."""
    return _unary("Cos", x, name)


def tan(x, name=None) -> Tensor:
    """`tf.tan`."""
    return _unary("Tan", x, name)


def asin(x, name=None) -> Tensor:
    """`tf.asin`."""
    return _unary("Asin", x, name)


def acos(x, name=None) -> Tensor:
    """`tf.acos`."""
    return _unary("Acos", x, name)


def atan(x, name=None) -> Tensor:
    """`tf.atan`."""
    return _unary("Atan", x, name)


def sinh(x, name=None) -> Tensor:
    """`tf.sinh`."""
    return _unary("Sinh", x, name)


def cosh(x, name=None) -> Tensor:
    """`tf.cosh`."""
    return _unary("Cosh", x, name)


def tanh(x, name=None) -> Tensor:
    """`tf.tanh`."""
    return _unary("Tanh", x, name)


def asinh(x, name=None) -> Tensor:
    """`tf.asinh`."""
    return _unary("Asinh", x, name)


def acosh(x, name=None) -> Tensor:
    """`tf.acosh`."""
    return _unary("Acosh", x, name)


def atanh(x, name=None) -> Tensor:
    """`tf.atanh`."""
    return _unary("Atanh", x, name)


def sigmoid(x, name=None) -> Tensor:
    """`tf.sigmoid`: 1 / (1 + exp(-x)), computed without overflow."""
    return _unary("Sigmoid", x, name)


def log_sigmoid(x, name=None) -> Tensor:
    """`tf.log_sigmoid`: log(sigmoid(x)) = -softplus(-x), stable for large |x|."""
    with name_scope(name, "LogSigmoid", [x]) as scope:
        x = _t(x, name="x")
        return negative(make1("Softplus", [negative(x)], name="Softplus"), name=scope)


def erf(x, name=None) -> Tensor:
    """`tf.erf`: the error function."""
    return _unary("Erf", x, name)


def erfc(x, name=None) -> Tensor:
    """`tf.erfc`: 1 - erf(x)."""
    return _unary("Erfc", x, name)


def lgamma(x, name=None) -> Tensor:
    """`tf.lgamma`: log |Gamma(x)|."""
    return _unary("Lgamma", x, name)


def digamma(x, name=None) -> Tensor:
    """`tf.digamma`: the derivative of lgamma."""
    return _unary("Digamma", x, name)


def round(x, name=None) -> Tensor:  # noqa: A001
    """`tf.round`: round half to even (banker's rounding), as TF does."""
    x = _t(x, name="x")
    if x._dtype.is_integer:
        return x
    return make1("Round", [x], name=name or "Round")


def floor(x, name=None) -> Tensor:
    """`tf.floor`."""
    return _unary("Floor", x, name)


def ceil(x, name=None) -> Tensor:
    """`tf.ceil`."""
    return _unary("Ceil", x, name)


def rint(x, name=None) -> Tensor:
    """`tf.rint`: round half to even."""
    return _unary("Rint", x, name)


def is_nan(x, name=None) -> Tensor:
    """`tf.is_nan`."""
    return _unary("IsNan", x, name)


def is_inf(x, name=None) -> Tensor:
    """`tf.is_inf`."""
    return _unary("IsInf", x, name)


def is_finite(x, name=None) -> Tensor:
    """`tf.is_finite`."""
    return _unary("IsFinite", x, name)


def conj(x, name=None) -> Tensor:
    """`tf.conj`: the complex conjugate (identity for real tensors)."""
    x = _t(x, name="x")
    if not x._dtype.is_complex:
        return x
    return make1("Conj", [x], name=name or "Conj")


def real(input, name=None) -> Tensor:  # noqa: A002
    """`tf.real`: the real part (identity for real tensors)."""
    x = _t(input)
    if not x._dtype.is_complex:
        return x
    return make1("Real", [x], name=name or "Real")


def imag(input, name=None) -> Tensor:  # noqa: A002
    """`tf.imag`: the imaginary part (zeros for real tensors)."""
    x = _t(input)
    if not x._dtype.is_complex:
        return zeros_like_(x)
    return make1("Imag", [x], name=name or "Imag")


def equal(x, y, name=None) -> Tensor:
    """`tf.equal`: elementwise x == y (bool)."""
    return _binary("Equal", x, y, name)


def not_equal(x, y, name=None) -> Tensor:
    """`tf.not_equal`: elementwise x != y (bool)."""
    return _binary("NotEqual", x, y, name)


def less(x, y, name=None) -> Tensor:
    """`tf.less`: x < y (bool)."""
    return _binary("Less", x, y, name)


def less_equal(x, y, name=None) -> Tensor:
    """`tf.less_equal`: x <= y (bool)."""
    return _binary("LessEqual", x, y, name)


def greater(x, y, name=None) -> Tensor:
    """`tf.greater`: x > y (bool)."""
    return _binary("Greater", x, y, name)


def greater_equal(x, y, name=None) -> Tensor:
    """`tf.greater_equal`: x >= y (bool)."""
    return _binary("GreaterEqual", x, y, name)


def logical_and(x, y, name=None) -> Tensor:
    """`tf.logical_and` (bool tensors)."""
    return _binary("LogicalAnd", x, y, name)


def logical_or(x, y, name=None) -> Tensor:
    """`tf.logical_or` (bool tensors)."""
    return _binary("LogicalOr", x, y, name)


def logical_not(x, name=None) -> Tensor:
    """`tf.logical_not` (bool tensor)."""
    return _unary("LogicalNot", x, name)


def logical_xor(x, y, name="LogicalXor") -> Tensor:
    """`tf.logical_xor`: (x | y) & ~(x & y), built from the basic logical ops as TF does."""
    with name_scope(name, "LogicalXor", [x, y]) as scope:
        x, y = _pair(x, y, "LogicalAnd")
        return make1("LogicalAnd", [logical_or(x, y), logical_not(logical_and(x, y))], name=scope)


# --- where (select) used by gradients -----------------------------------------------------------
def _select_rule(inputs, attrs):
    c, x, y = inputs
    op_util.check_same_dtype("SelectV2", ("t", x), ("e", y))
    shape = broadcast_shapes(broadcast_shapes(c._shape, x._shape), y._shape)
    return [(x._dtype.base_dtype, shape)]


def _select_grad(op, g):
    """TF's: SelectV2 of g and a scalar `zeros` each way, each summed back against the output's
    shape (Shape of the input and of the output, then Sum/Reshape as for broadcasting ops)."""
    from .array_ops import zeros
    c, x, y = op._inputs
    out = op._outputs[0]
    z = zeros([], dtype=g._dtype.base_dtype)
    gx = where_v2(c, g, z)
    gy = where_v2(c, z, g)
    gx = _reduce_broadcast_grads(x, out, gx, None)[0]
    gy = _reduce_broadcast_grads(y, out, gy, None)[0]
    return [None, gx, gy]


define("SelectV2", _select_rule, lambda c, x, y: np.where(c, x, y).astype(x.dtype, copy=False),
       grad=_select_grad)


def where_v2(condition, x, y, name=None) -> Tensor:
    """Elementwise select with broadcasting (`tf.where` in TF2; the op SelectV2)."""
    with name_scope(name, "SelectV2", [condition, x, y]) as scope:   # Python inputs: SelectV2/e, ...
        c = convert_to_tensor(condition, preferred_dtype=dtypes.bool, name="condition")
        op_util.check_dtype_in("SelectV2", c, (dtypes.bool,), "condition")
        x, y = _pair(x, y, "SelectV2", "t", "e")
        return make1("SelectV2", [c, x, y], name=scope)


# ================================================================================================
# AddN
# ================================================================================================
def _add_n_rule(inputs, attrs):
    first = inputs[0]
    shape = first._shape
    for t in inputs[1:]:
        op_util.check_same_dtype("AddN", ("inputs", first), ("inputs", t))
        try:
            shape = shape.merge_with(t._shape)
        except ValueError:
            raise ValueError("Shapes must be equal rank, but are %s and %s for 'AddN'"
                             % (shape, t._shape)) from None
    return [(first._dtype.base_dtype, shape)]


def _add_n_kernel(*xs):
    out = np.array(xs[0], copy=True)
    with np.errstate(all="ignore"):   # inf/nan sums are values, as in TF
        for x in xs[1:]:
            out = out + x
    return _arr(out, xs[0].dtype)


define("AddN", _add_n_rule, _add_n_kernel, grad=lambda op, g: [g] * len(op._inputs))


def add_n(inputs, name=None) -> Tensor:
    """`tf.add_n`: the sum of a list of tensors of the same shape and dtype."""
    if not inputs or not isinstance(inputs, (list, tuple)):
        raise ValueError("inputs must be a list of at least one Tensor/IndexedSlices with the "
                         "same dtype and shape")
    from ..framework.indexed_slices import IndexedSlices
    if any(isinstance(t, IndexedSlices) for t in inputs):
        from . import array_ops
        inputs = [array_ops.convert_indexed_slices_to_dense(t) if isinstance(t, IndexedSlices)
                  and hasattr(array_ops, "convert_indexed_slices_to_dense") else t for t in inputs]
    tensors = [_t(t) for t in inputs]
    if len(tensors) == 1:
        return tensors[0] if name is None else _identity(tensors[0], name)
    return make1("AddN", tensors, name=name or "AddN")


def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None) -> Tensor:
    """`tf.accumulate_n`: the elementwise sum of a list of tensors (same as add_n)."""
    tensors = [_t(t) for t in inputs]
    if tensor_dtype is not None:
        for t in tensors:
            if t._dtype.base_dtype != dtypes.as_dtype(tensor_dtype):
                raise TypeError("tensor_dtype is %s, but input is of type %s"
                                % (dtypes.as_dtype(tensor_dtype).name, t._dtype.name))
    if shape is not None:
        for t in tensors:
            t._shape.merge_with(TensorShape(shape))
    return add_n(tensors, name=name)


def _identity(x: Tensor, name: str) -> Tensor:
    from .array_ops import identity
    return identity(x, name=name)


# ================================================================================================
# Cast
# ================================================================================================
def _cast_rule(inputs, attrs):
    return [(attrs["DstT"], inputs[0]._shape)]


def _float_to_int(x: np.ndarray, dst) -> np.ndarray:
    """Float -> integer as TF's x86 CPU kernel gives it: truncation toward zero; NaN and values out
    of int32/int64 range become the type's lowest value; 8- and 16-bit results go through int32 and
    keep its low bits (300.7 -> int8 44, -2.7 -> uint8 254), as observed in TF 2.21."""
    via = np.dtype(np.int32) if np.dtype(dst).itemsize < 4 else np.dtype(dst)
    if via.kind == "u":
        info = np.iinfo(via)
        bad = ~np.isfinite(x) | (x < float(info.min)) | (x >= float(info.max) + 1.0)
        return np.where(bad, 0, x).astype(dst) if np.any(bad) else x.astype(dst)
    info = np.iinfo(via)
    bad = ~np.isfinite(x) | (x < float(info.min)) | (x >= -float(info.min))
    out = np.where(bad, 0, x).astype(via)
    out[bad] = info.min
    return out.astype(dst, copy=False)


def _cast_kernel(x, SrcT, DstT, Truncate=False):
    dst = DstT.np_dtype
    if x.dtype.kind == "c" and DstT.is_complex is False:
        x = np.real(x)
    if DstT == dtypes.string:
        raise _ctx("Cast to string is not supported")
    with np.errstate(all="ignore"):
        if x.dtype.kind == "f" and np.dtype(dst).kind in "iu":
            return _float_to_int(np.asarray(x), dst)
        return np.asarray(x).astype(dst)


def _cast_grad(op, g):
    src, dst = op._attrs["SrcT"], op._attrs["DstT"]
    ok = FLOATS + COMPLEX
    if src in ok and dst in ok:
        return [cast(g, src)]
    return [None]


define("Cast", _cast_rule, _cast_kernel, grad=_cast_grad)


def cast(x, dtype, name=None) -> Tensor:
    """`tf.cast`: convert to `dtype` (float → int truncates toward zero; same dtype is a no-op)."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    from ..framework.indexed_slices import IndexedSlices
    if isinstance(x, IndexedSlices):
        return IndexedSlices(cast(x.values, dtype, name=name), x.indices, x.dense_shape)
    if x.__class__ is SparseTensor:
        with name_scope(name, "Cast", [x]) as scope:
            return SparseTensor(x.indices, cast(x.values, dtype, name=scope), x.dense_shape)
    if isinstance(x, Tensor) or hasattr(x, "_as_graph_element"):
        t = _t(x)
        if t._dtype.base_dtype == dtype:
            return t
        with name_scope(name, "Cast", [t]) as scope:
            return make1("Cast", [t], {"SrcT": t._dtype.base_dtype, "DstT": dtype,
                                       "Truncate": False}, name=scope)
    with name_scope(name, "Cast", [x]) as scope:
        t = _t(x, name="x")
        if t._dtype.base_dtype == dtype:
            return t
        return make1("Cast", [t], {"SrcT": t._dtype.base_dtype, "DstT": dtype,
                                   "Truncate": False}, name=scope)


def to_float(x, name="ToFloat") -> Tensor:
    """`tf.to_float`: cast to float32."""
    return cast(x, dtypes.float32, name=name)


def to_double(x, name="ToDouble") -> Tensor:
    """`tf.to_double`: cast to float64."""
    return cast(x, dtypes.float64, name=name)


def to_int32(x, name="ToInt32") -> Tensor:
    """`tf.to_int32`: cast to int32."""
    return cast(x, dtypes.int32, name=name)


def to_int64(x, name="ToInt64") -> Tensor:
    """`tf.to_int64`: cast to int64."""
    return cast(x, dtypes.int64, name=name)


def to_bfloat16(x, name="ToBFloat16") -> Tensor:
    """`tf.to_bfloat16`: cast to bfloat16."""
    return cast(x, dtypes.bfloat16, name=name)


def _clip_grad(op, g):
    x, lo, hi = op._inputs
    inside = logical_and(greater_equal(x, lo), less_equal(x, hi))
    return [where_v2(inside, g, zeros_like_(g)), None, None]


define("ClipByValue", op_util.same_as_first,
       lambda x, lo, hi: _arr(np.minimum(np.maximum(x, lo), hi), x.dtype), grad=_clip_grad)


def _saturation_limit(bound, src: dtypes.DType, dst: dtypes.DType) -> np.ndarray:
    """`bound` (a limit of `dst`) as a value of `src`, stepped toward zero when the conversion
    rounds it outside the limit as compared in the two dtypes' common type (so int32's max is
    2147483520 as a float32, while int64's max stays 2**63 and saturates to int64's min, as in TF)."""
    limit = np.array(bound, dtype=src.np_dtype)
    try:
        common = np.promote_types(src.np_dtype, dst.np_dtype)
    except TypeError:   # bfloat16 has no NumPy promotion rule
        common = np.dtype(np.float64)
    as_common = np.array([limit, bound], dtype=common)
    if (bound > 0 and as_common[0] > as_common[1]) or (bound < 0 and as_common[0] < as_common[1]):
        limit = np.nextafter(limit, np.zeros((), limit.dtype))
    return limit


def saturate_cast(value, dtype, name=None) -> Tensor:
    """`tf.saturate_cast`: clip to the range of `dtype` (one ClipByValue op, `clamp`), then cast."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, "saturate_cast", [value]) as scope:
        x = _t(value, name="value")
        if x._dtype.is_complex and not dtype.is_complex:
            x = real(x)
        src = x._dtype.base_dtype
        if not src.is_bool and not dtype.is_bool and not src.is_complex:
            out = dtype.real_dtype if dtype.is_complex else dtype
            lo = _saturation_limit(max(src.min, out.min), src, out)
            hi = _saturation_limit(min(float(src.max), float(out.max)), src, out)
            x = make1("ClipByValue", [x, constant(lo, dtype=src), constant(hi, dtype=src)], name="clamp")
        return cast(x, dtype, name=scope)


# ================================================================================================
# Reductions: inputs (x, axis); `axis` absent means "all axes".
# ================================================================================================
_NORM_AXES_CACHE: dict = {}     # (axis bytes, dtype, ndim) -> the sorted axes (plans reuse them)


def _norm_axes(axis, ndim: int) -> tuple:
    if axis is None:
        return tuple(_py_range(ndim))
    if axis.__class__ is np.ndarray and axis.size <= 8:
        key = (axis.tobytes(), axis.dtype.char, ndim)
        hit = _NORM_AXES_CACHE.get(key)
        if hit is None:
            hit = _norm_axes_uncached(axis, ndim)
            if len(_NORM_AXES_CACHE) < 4096:
                _NORM_AXES_CACHE[key] = hit
        return hit
    return _norm_axes_uncached(axis, ndim)


def _norm_axes_uncached(axis, ndim: int) -> tuple:
    flat = np.reshape(np.asarray(axis), [-1])
    out = []
    for a in flat:
        a = int(a)
        if a < -ndim or a >= max(ndim, 1) or (ndim == 0 and a not in (0, -1)):
            raise _ctx("Invalid reduction dimension (%d for input with %d dimension(s)"
                       % (a, ndim))
        out.append(a % ndim if ndim else 0)
    return tuple(sorted(set(out))) if ndim else ()


def _reduce_rule(out_dtype=None, allowed=None, op_type="Sum"):
    def rule(inputs, attrs):
        x = inputs[0]
        dt = x._dtype.base_dtype
        if allowed is not None and dt not in allowed:
            op_util.check_dtype_in(op_type, x, allowed, "input")
        keep = attrs["keep_dims"]
        out_dt = out_dtype or dt
        rank = x._shape.ndims
        if len(inputs) == 1:
            if rank is None:
                return [(out_dt, unknown_shape())]
            return [(out_dt, TensorShape([1] * rank if keep else []))]
        axis_val = op_util.const_value(inputs[1])
        if rank is None:
            return [(out_dt, unknown_shape())]
        if axis_val is None:   # axes known only at run time (repeats allowed): TF keeps no rank
            return [(out_dt, unknown_shape(rank) if keep else unknown_shape())]
        for a in np.reshape(axis_val, [-1]):
            if not -max(rank, 1) <= int(a) < max(rank, 1):
                raise ValueError("Invalid reduction dimension %d for input with %d dimensions. "
                                 "for '%s' with input shapes: %s" % (int(a), rank, op_type, x._shape))
        axes = set(int(a) % rank for a in np.reshape(axis_val, [-1])) if rank else set()
        dims = x._shape.dims
        out = [1 if i in axes else d for i, d in enumerate(dims)] if keep else \
            [d for i, d in enumerate(dims) if i not in axes]
        return [(out_dt, TensorShape(out))]
    return rule


def _define_reduce(op_type: str, fn, grad=None, allowed=None, out_dtype=None):
    def kernel(x, axis=None, keep_dims=False):
        axes = _norm_axes(axis, x.ndim)
        with np.errstate(all="ignore"):
            out = fn(x, axes, keep_dims)
        return _arr(out, out_dtype.np_dtype if out_dtype is not None else x.dtype)
    define(op_type, _reduce_rule(out_dtype, allowed, op_type), kernel, grad=grad,
           differentiable=grad is not None)


def _np_reduce(np_fn):
    return lambda x, axes, keep: np_fn(x, axis=axes, keepdims=keep)


def sum_kernel(x, axes: tuple, keep: bool):
    """`x` summed over `axes` (sorted, non-negative): in blocks over leading axes where that is
    faster (ops/axis_sums.py), else NumPy's sum. Shared by Sum, SumToShapeOf and BiasAddGrad."""
    out = axis_sums.sum_axes(x, axes, keep)
    if out is not None:
        return out
    if x.dtype.kind == "f":           # np.sum's wrapper costs ~2 us a call
        return np.add.reduce(x, axis=axes, keepdims=keep)
    return np.sum(x, axis=axes, keepdims=keep)


def _mean(x, axes, keep):
    if x.dtype.kind in "iu":
        s = np.sum(x, axis=axes, keepdims=keep, dtype=np.int64 if x.dtype.kind == "i" else np.uint64)
        n = int(np.prod([x.shape[a] for a in axes])) if axes else 1
        if n == 0:
            raise _ctx("Mean of an empty integer tensor")
        return np.trunc(s / n) if x.dtype.kind == "i" else s // n
    if not np.size(x):
        return np.sum(x, axis=axes, keepdims=keep) / 0.0
    total = axis_sums.sum_axes(x, axes, keep)
    if total is not None:
        return total / int(np.prod([x.shape[a] for a in axes]))
    return np.mean(x, axis=axes, keepdims=keep, dtype=x.dtype)


def _extremum(np_fn, identity_fn):
    def fn(x, axes, keep):
        if x.size == 0:
            out_shape = [1 if i in axes else d for i, d in enumerate(x.shape)] if keep else \
                [d for i, d in enumerate(x.shape) if i not in axes]
            if any(x.shape[a] == 0 for a in axes):
                return np.full(out_shape, identity_fn(x.dtype), dtype=x.dtype)
        return np_fn(x, axis=axes, keepdims=keep)
    return fn


def _lowest(dt):
    return -np.inf if dt.kind == "f" else (np.iinfo(dt).min if dt.kind in "iu" else False)


def _highest(dt):
    return np.inf if dt.kind == "f" else (np.iinfo(dt).max if dt.kind in "iu" else True)


def _reduce_axis_input(op: "object"):
    return op._inputs[1] if len(op._inputs) > 1 else None


def _grad_broadcast(g: Tensor, op) -> Tensor:
    """The gradient of a reduction's output, broadcast back to the input's run-time shape."""
    x = op._inputs[0]
    inputs = [g, x] + ([op._inputs[1]] if len(op._inputs) > 1 else [])
    return make1("BroadcastReduced", inputs, {"keep_dims": op._attrs["keep_dims"]},
                 name="BroadcastReduced")


def _broadcast_reduced_kernel(g, x, axis=None, keep_dims=False):
    axes = _norm_axes(axis, x.ndim)
    kept = [1 if i in axes else d for i, d in enumerate(x.shape)]
    return np.array(np.broadcast_to(np.reshape(g, kept), x.shape))


def _broadcast_reduced_grad(op, gg):
    axis = op._inputs[2] if len(op._inputs) > 2 else None
    return [_reduce("Sum", gg, axis, op._attrs["keep_dims"], None, "Sum"), None] + \
        ([None] if axis is not None else [])


define("BroadcastReduced", lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, inputs[1]._shape)],
       lambda g, x, *axis, keep_dims=False: _broadcast_reduced_kernel(
           g, x, axis[0] if axis else None, keep_dims),
       grad=_broadcast_reduced_grad)


# TF keeps, per graph, the reshape target and tile multiples of a Sum/Mean gradient with static
# shapes: the ops computing the multiples (Maximum, floordiv) are built only the first time a
# (shape, axes) pair is seen in a graph, as TF's `_reduced_shape_cache` does.
_REDUCED_SHAPE_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _static_kept_and_multiples(graph, dims: tuple, axes) -> tuple:
    """(shape with the reduced axes kept as 1, tile multiples) for a static input shape; the first
    time in `graph`, TF's `_safe_shape_div` ops are built (their values are folded, so nothing
    reads them)."""
    key = (tuple(dims), tuple(int(a) for a in np.reshape(axes, [-1])))
    cache = _REDUCED_SHAPE_CACHE.get(graph)
    if cache is None:
        cache = _REDUCED_SHAPE_CACHE[graph] = {}
    hit = cache.get(key)
    if hit is not None:
        return hit
    rank = len(dims)
    kept = np.array(dims, dtype=np.int32)
    if rank:
        kept[[int(a) % rank for a in np.reshape(axes, [-1])]] = 1
    floordiv(np.array(dims, dtype=np.int32), maximum(kept, 1))
    multiples = np.array(dims, dtype=np.int32) // np.maximum(kept, 1)
    cache[key] = (kept, multiples)
    return kept, multiples


def _reduced_shape(input_shape: Tensor, axes: Tensor):
    """TF's `reduced_shape`: `input_shape` with the `axes` set to 1 -- a NumPy array when both are
    known statically, else DynamicStitch(range(rank), axes; input_shape, ones)."""
    from .array_ops import ones, shape, size
    from .partition_ops import dynamic_stitch
    shp, ax = op_util.const_value(input_shape), op_util.const_value(axes)
    if shp is not None and ax is not None:
        out = np.array(shp, dtype=np.int32)
        if out.size:
            out[[int(a) % out.size for a in np.reshape(ax, [-1])]] = 1
        return out
    if axes._dtype.base_dtype != dtypes.int32:
        axes = cast(axes, dtypes.int32)
    rank = size(input_shape)
    axes = floormod(add(axes, rank, name="add"), rank, name="mod")
    axes_shape = shape(axes)
    return dynamic_stitch([range(rank), axes], [input_shape, ones(axes_shape, dtypes.int32)])


def _sum_grad_of(op, g) -> Tensor:
    """The gradient of a Sum (or the sum part of a Mean) as TF builds it: for static shapes
    Reshape + Tile (of Consts), else Reshape to the reduced shape and BroadcastTo the input's."""
    from .array_ops import broadcast_to, reshape, shape, tile
    x = op._inputs[0]
    dims = x._shape._dims
    axes_t = op._inputs[1]
    if dims is not None:
        axes = op_util.const_value(axes_t)
        if axes is not None:
            rank = len(dims)
            if np.array_equal(axes, np.arange(rank)):      # every axis: Reshape to 1s, Tile
                g = reshape(g, [1] * rank)
                multiples = constant(list(dims), dtype=dtypes.int32) if None not in dims \
                    else shape(x)
                return tile(g, multiples)
            if None not in dims:
                kept, multiples = _static_kept_and_multiples(x._op._graph, dims, axes)
                return tile(reshape(g, kept), multiples)
    input_shape = shape(x)
    if not op._attrs["keep_dims"]:
        g = reshape(g, _reduced_shape(input_shape, axes_t))
    return broadcast_to(g, input_shape)


def _sum_grad(op, g):
    return [_sum_grad_of(op, g), None]


def _mean_grad(op, g):
    """Sum's gradient divided by the number of elements each output averages: a Const for static
    shapes, else Prod(Gather(Shape(x), axes)) cast to the gradient's dtype (TF's ops)."""
    from .array_ops import gather, shape, size
    sum_grad = _sum_grad_of(op, g)
    x, y = op._inputs[0], op._outputs[0]
    dt = sum_grad._dtype.base_dtype
    nx, ny = x._shape.num_elements(), y._shape.num_elements()
    if nx is not None and ny is not None:
        return [truediv(sum_grad, constant(nx // builtins.max(ny, 1), dtype=dt)), None]
    input_shape = shape(x)
    rank = size(input_shape)
    axes = op._inputs[1]
    if axes._dtype.base_dtype != dtypes.int32:
        axes = cast(axes, dtypes.int32)
    axes = floormod(add(axes, rank, name="add"), rank, name="mod")
    factor = reduce_prod(gather(input_shape, axes))
    return [truediv(sum_grad, cast(factor, dt)), None]


def _extremum_grad(op, g):
    """TF's Max/Min gradient: the gradient goes to the elements equal to the result, shared
    equally among ties (Reshapes to the reduced shape, Equal, Cast, Sum, truediv, mul)."""
    from .array_ops import reshape, shape
    x, y = op._inputs[0], op._outputs[0]
    kept = _reduced_shape(shape(x), op._inputs[1])
    y = reshape(y, kept)
    g = reshape(g, kept)
    indicators = cast(equal(y, x), g._dtype.base_dtype)
    num_selected = reshape(reduce_sum(indicators, op._inputs[1]), kept)
    return [_mul_op(truediv(indicators, num_selected), g), None]


def _prod_grad(op, g):
    """TF's Prod gradient: the gradient broadcast to the input's shape, times the product of all
    other elements, from exclusive cumulative products over the reduced dims moved to the front
    and flattened (exact with zeros)."""
    from .array_ops import (broadcast_to, concat, gather, invert_permutation, rank, reshape,
                            setdiff1d, shape, transpose)
    x = op._inputs[0]
    input_shape = shape(x)
    reduction_indices = reshape(op._inputs[1], [-1])
    if not op._attrs["keep_dims"]:
        g = reshape(g, _reduced_shape(input_shape, op._inputs[1]))
    g = broadcast_to(g, input_shape)
    x_rank = rank(x)
    reduction_indices = floormod(add(reduction_indices, x_rank, name="add"), x_rank, name="mod")
    reduced = cast(reduction_indices, dtypes.int32)
    idx = range(0, x_rank)
    other, _ = setdiff1d(idx, reduced)
    perm = concat([reduced, other], 0)
    reduced_num = reduce_prod(gather(input_shape, reduced))
    other_num = reduce_prod(gather(input_shape, other))
    permuted = transpose(x, perm)
    permuted_shape = shape(permuted)
    reshaped = reshape(permuted, (reduced_num, other_num))
    left = cumprod(reshaped, axis=0, exclusive=True)
    right = cumprod(reshaped, axis=0, exclusive=True, reverse=True)
    y = reshape(_mul_op(_conj(left), _conj(right)), permuted_shape)
    out = _mul_op(g, transpose(y, invert_permutation(perm)))
    return [reshape(out, input_shape), None]


def _norm_static(axes_val, rank: int) -> list:
    if axes_val is None:
        return list(_py_range(rank))
    return sorted(set(int(a) % rank for a in np.reshape(axes_val, [-1]))) if rank else []


def ones_like_(x: Tensor) -> Tensor:
    from .array_ops import ones_like
    return ones_like(x)


def _euclidean_grad(op, g):
    x, y = op._inputs[0], op._outputs[0]
    y_b = _grad_broadcast(y, op)
    return [multiply(_grad_broadcast(g, op), div_no_nan(x, y_b))] + \
        ([None] if len(op._inputs) > 1 else [])


_define_reduce("Sum", sum_kernel, grad=_sum_grad, allowed=NUMBERS)
_define_reduce("Mean", _mean, grad=_mean_grad, allowed=NUMBERS)
_define_reduce("Max", _extremum(np.max, _lowest), grad=_extremum_grad, allowed=FLOATS + INTS)
_define_reduce("Min", _extremum(np.min, _highest), grad=_extremum_grad, allowed=FLOATS + INTS)
_define_reduce("Prod", _np_reduce(np.prod), grad=_prod_grad, allowed=NUMBERS)
_define_reduce("Any", _np_reduce(np.any), allowed=(dtypes.bool,))
_define_reduce("All", _np_reduce(np.all), allowed=(dtypes.bool,))
_define_reduce("EuclideanNorm", lambda x, axes, keep: np.sqrt(np.sum(
    np.abs(x) ** 2 if x.dtype.kind == "c" else np.square(x.astype(np.float64) if x.dtype.kind in "iu"
                                                         else x), axis=axes, keepdims=keep)),
               grad=_euclidean_grad, allowed=NUMBERS)


def _reduce(op_type: str, x, axis, keepdims, name, default_name=None) -> Tensor:
    """Build a reduction op; all axes → a "Const" of range(rank), a Python axis → a Const named
    "<op>/reduction_indices" (TF's names)."""
    x = _t(x, name="input")
    inputs = [x]
    if axis is None:
        rank = x._shape.ndims
        if rank:       # TF: a rank-0 input reduces over range(rank(x)), as an unknown rank does
            inputs.append(constant(np.arange(rank, dtype=np.int32), name="Const"))
            return make1(op_type, inputs, {"keep_dims": bool(keepdims)},
                         name=name or default_name or op_type)
        from .array_ops import rank as rank_of    # unknown rank: TF reduces over range(rank(x))
        inputs.append(range(0, rank_of(x), 1))
        out = make1(op_type, inputs, {"keep_dims": bool(keepdims)}, name=name or default_name or op_type)
        if not keepdims:
            out.set_shape([])                     # every axis reduced: a scalar, as TF's wrapper says
        return out
    with name_scope(name, default_name or op_type, [x]) as scope:
        if not _is_tensor_like(axis) and np.size(axis) and np.asarray(axis).dtype.kind not in "iu":
            raise TypeError("Reduction axis must be an int or a list of ints, got %r" % (axis,))
        if isinstance(axis, (list, tuple)) and not axis:
            # TF converts an empty Python list twice: a float32 Const first (unused), then int32
            constant(np.zeros([0], np.float32), name="reduction_indices")
        axis_t = _t(axis) if _is_tensor_like(axis) else constant(
            np.asarray(axis, dtype=np.int32), name="reduction_indices")
        if axis_t._dtype.base_dtype not in (dtypes.int32, dtypes.int64):
            raise TypeError("Value passed to parameter 'reduction_indices' has DataType %s not in "
                            "list of allowed values: int32, int64" % axis_t._dtype.name)
        inputs.append(axis_t)
        return make1(op_type, inputs, {"keep_dims": bool(keepdims)}, name=scope)


def _reduction_args(axis, keepdims, reduction_indices, keep_dims):
    axis = op_util.legacy_kwarg(axis, "axis", reduction_indices, "reduction_indices")
    keepdims = op_util.legacy_kwarg(keepdims, "keepdims", keep_dims, "keep_dims")
    return axis, bool(keepdims) if keepdims is not None else False


def reduce_sum(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None) -> Tensor:
    """`tf.reduce_sum`: sum over `axis` (all axes when None)."""
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    return _reduce("Sum", input_tensor, axis, keepdims, name)


def reduce_mean(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None) -> Tensor:
    """`tf.reduce_mean`: mean over `axis` (integer inputs give a truncated integer mean)."""
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    return _reduce("Mean", input_tensor, axis, keepdims, name)


def reduce_max(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None) -> Tensor:
    """`tf.reduce_max`: max over `axis`; ties share the gradient equally."""
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    return _reduce("Max", input_tensor, axis, keepdims, name)


def reduce_min(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None) -> Tensor:
    """`tf.reduce_min`: min over `axis`; ties share the gradient equally."""
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    return _reduce("Min", input_tensor, axis, keepdims, name)


def reduce_prod(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None) -> Tensor:
    """`tf.reduce_prod`: product over `axis`."""
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    return _reduce("Prod", input_tensor, axis, keepdims, name)


def reduce_any(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None) -> Tensor:
    """`tf.reduce_any`: logical or over `axis`."""
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    return _reduce("Any", input_tensor, axis, keepdims, name)


def reduce_all(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None) -> Tensor:
    """`tf.reduce_all`: logical and over `axis`."""
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    return _reduce("All", input_tensor, axis, keepdims, name)


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=None, name=None) -> Tensor:
    """`tf.math.reduce_euclidean_norm`: sqrt(sum(x ** 2)) over `axis`."""
    return _reduce("EuclideanNorm", input_tensor, axis, bool(keepdims), name)


def reduce_logsumexp(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                     keep_dims=None) -> Tensor:
    """`tf.reduce_logsumexp`: log(sum(exp(x))) over `axis`, computed stably (max subtracted)."""
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    with name_scope(name, "ReduceLogSumExp", [input_tensor]) as scope:
        x = _t(input_tensor, name="input_tensor")
        raw_max = reduce_max(x, axis, keepdims=True)
        from .array_ops import stop_gradient
        my_max = stop_gradient(where_v2(is_finite(raw_max), raw_max, 0))
        result = log(reduce_sum(exp(subtract(x, my_max)), axis, keepdims=keepdims))
        if not keepdims:
            from .array_ops import reshape
            my_max = reshape(my_max, make1("Shape", [result], {"out_type": dtypes.int32}, name="Shape"))
        return add(result, my_max, name=scope)


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None) -> Tensor:
    """`tf.math.reduce_variance`: mean of squared deviations over `axis`."""
    with name_scope(name, "reduce_variance", [input_tensor]):
        x = _t(input_tensor, name="input_tensor")
        means = reduce_mean(x, axis, keepdims=True)
        sq = square(subtract(x, means))
        return reduce_mean(sq, axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None) -> Tensor:
    """`tf.math.reduce_std`: sqrt of reduce_variance (TF names the result `reduce_std/Sqrt`)."""
    with name_scope(name, "reduce_std", [input_tensor]):
        return sqrt(reduce_variance(input_tensor, axis, keepdims))


def count_nonzero(input_tensor=None, axis=None, keepdims=None, dtype=dtypes.int64, name=None,
                  reduction_indices=None, keep_dims=None, input=None) -> Tensor:  # noqa: A002
    """`tf.count_nonzero`: the number of non-zero elements over `axis` (as `dtype`)."""
    input_tensor = op_util.legacy_kwarg(input_tensor, "input_tensor", input, "input")
    axis, keepdims = _reduction_args(axis, keepdims, reduction_indices, keep_dims)
    with name_scope(name, "count_nonzero", [input_tensor]):
        x = _t(input_tensor, name="input_tensor")
        zero = constant(np.zeros((), x._dtype.np_dtype) if x._dtype != dtypes.string else b"",
                        dtype=x._dtype.base_dtype, name="zeros")
        nz = cast(not_equal(x, zero), dtypes.int64)
        total = reduce_sum(nz, axis, keepdims=keepdims)
        return cast(total, dtype)


# --- argmax / argmin ----------------------------------------------------------------------------
def _arg_rule(inputs, attrs):
    x, axis = inputs
    rank = x._shape.ndims
    a = op_util.const_value(axis)
    if rank is None or a is None:
        return [(attrs["output_type"], unknown_shape(None if rank is None else max(rank - 1, 0)))]
    a = int(np.reshape(a, []))
    if not -rank <= a < rank:
        raise ValueError("Expected dimension in the range [%d, %d), but got %d" % (-rank, rank, a))
    dims = list(x._shape.dims)
    del dims[a % rank]
    return [(attrs["output_type"], TensorShape(dims))]


def _arg_kernel(np_fn):
    def kernel(x, axis, output_type):
        a = int(axis)
        if not -x.ndim <= a < x.ndim:
            raise _ctx("Expected dimension in the range [%d, %d), but got %d" % (-x.ndim, x.ndim, a))
        if x.shape[a] == 0:
            raise _ctx("Reduction axis %d is empty in shape %s" % (a, list(x.shape)))
        return _arr(np_fn(x, axis=a), output_type.np_dtype)
    return kernel


define("ArgMax", _arg_rule, _arg_kernel(np.argmax), differentiable=False)
define("ArgMin", _arg_rule, _arg_kernel(np.argmin), differentiable=False)


def _arg(op_type, input, axis, name, dimension, output_type):  # noqa: A002
    axis = op_util.legacy_kwarg(axis, "axis", dimension, "dimension")
    if axis is None:
        axis = 0
    with name_scope(name, op_type, [input]) as scope:
        x = _t(input, name="input")
        axis_t = axis if _is_tensor_like(axis) else constant(axis, dtype=dtypes.int32,
                                                            name="dimension")
        return make1(op_type, [x, axis_t], {"output_type": dtypes.as_dtype(output_type)},
                     name=scope)


def argmax(input, axis=None, name=None, dimension=None, output_type=dtypes.int64) -> Tensor:  # noqa: A002
    """`tf.argmax`: the index of the largest value along `axis` (default 0)."""
    return _arg("ArgMax", input, axis, name, dimension, output_type)


def argmin(input, axis=None, name=None, dimension=None, output_type=dtypes.int64) -> Tensor:  # noqa: A002
    """`tf.argmin`: the index of the smallest value along `axis` (default 0)."""
    return _arg("ArgMin", input, axis, name, dimension, output_type)


def arg_max(input, dimension, output_type=dtypes.int64, name=None) -> Tensor:  # noqa: A002
    """`tf.arg_max` (legacy spelling of argmax)."""
    return _arg("ArgMax", input, dimension, name, None, output_type)


def arg_min(input, dimension, output_type=dtypes.int64, name=None) -> Tensor:  # noqa: A002
    """`tf.arg_min` (legacy spelling of argmin)."""
    return _arg("ArgMin", input, dimension, name, None, output_type)


# ================================================================================================
# Matrix products
# ================================================================================================
def _mm_dims(shape: TensorShape, transpose: bool):
    rows, cols = shape.dims[-2], shape.dims[-1]
    return (cols, rows) if transpose else (rows, cols)


def _matmul_rule(inputs, attrs):
    a, b = inputs
    op_util.check_same_dtype("MatMul", ("a", a), ("b", b))
    op_util.check_dtype_in("MatMul", a, FLOATS + COMPLEX + (dtypes.int32, dtypes.int64), "a")
    sa, sb = a._shape, b._shape
    if sa.ndims is not None and sa.ndims != 2 or sb.ndims is not None and sb.ndims != 2:
        raise ValueError("Shape must be rank 2 but is rank %d for 'MatMul' with input shapes: %s, %s."
                         % (sa.ndims if sa.ndims != 2 else sb.ndims, sa, sb))
    sa = sa if sa.ndims is not None else unknown_shape(2)
    sb = sb if sb.ndims is not None else unknown_shape(2)
    m, k1 = _mm_dims(sa, attrs["transpose_a"])
    k2, n = _mm_dims(sb, attrs["transpose_b"])
    if k1 is not None and k2 is not None and k1 != k2:
        raise ValueError("Dimensions must be equal, but are %d and %d for 'MatMul' (op: 'MatMul') "
                         "with input shapes: %s, %s." % (k1, k2, a._shape, b._shape))
    return [(a._dtype.base_dtype, TensorShape([m, n]))]


def _matmul_kernel(a, b, transpose_a=False, transpose_b=False):
    return _arr(np.matmul(a.T if transpose_a else a, b.T if transpose_b else b), a.dtype)


def _matmul_grad(op, g):
    a, b = op._inputs
    ta, tb = op._attrs["transpose_a"], op._attrs["transpose_b"]
    if not ta and not tb:
        return [_mm(g, b, False, True), _mm(a, g, True, False)]
    if not ta and tb:
        return [_mm(g, b, False, False), _mm(g, a, True, False)]
    if ta and not tb:
        return [_mm(b, g, False, True), _mm(a, g, False, False)]
    return [_mm(b, g, True, True), _mm(g, a, True, True)]


def _mm(a, b, ta, tb):
    return make1("MatMul", [a, b], {"transpose_a": ta, "transpose_b": tb}, name="MatMul")


define("MatMul", _matmul_rule, _matmul_kernel, grad=_matmul_grad)
# what tf.matmul builds for float32 operands hinted sparse: the same product (always float32)
define("SparseMatMul", _matmul_rule,
       lambda a, b, transpose_a=False, transpose_b=False, a_is_sparse=False, b_is_sparse=False:
       _matmul_kernel(a, b, transpose_a, transpose_b), grad=_matmul_grad)


def _bmm_rule(inputs, attrs):
    x, y = inputs
    op_util.check_same_dtype("BatchMatMulV2", ("x", x), ("y", y))
    sx, sy = x._shape, y._shape
    for s in (sx, sy):
        if s.ndims is not None and s.ndims < 2:
            raise ValueError("Shape must be at least rank 2 but is rank %d for 'BatchMatMulV2' with "
                             "input shapes: %s, %s." % (s.ndims, sx, sy))
    if sx.ndims is None or sy.ndims is None:
        return [(x._dtype.base_dtype, unknown_shape())]
    m, k1 = _mm_dims(sx, attrs["adj_x"])
    k2, n = _mm_dims(sy, attrs["adj_y"])
    if k1 is not None and k2 is not None and k1 != k2:
        raise ValueError("Dimensions must be equal, but are %d and %d for 'BatchMatMulV2' with "
                         "input shapes: %s, %s." % (k1, k2, sx, sy))
    batch = broadcast_shapes(TensorShape(sx.dims[:-2]), TensorShape(sy.dims[:-2]))
    return [(x._dtype.base_dtype, batch.concatenate([m, n]))]


def _adj(a, adj):
    if not adj:
        return a
    a = np.swapaxes(a, -1, -2)
    return np.conj(a) if a.dtype.kind == "c" else a


def _bmm_kernel(x, y, adj_x=False, adj_y=False):
    return _arr(np.matmul(_adj(x, adj_x), _adj(y, adj_y)), x.dtype)


def _bmm_grad(op, g):
    x, y = op._inputs
    ax, ay = op._attrs["adj_x"], op._attrs["adj_y"]
    if not ax and not ay:
        gx, gy = _bmm(g, y, False, True), _bmm(x, g, True, False)
    elif not ax and ay:
        gx, gy = _bmm(g, y, False, False), _bmm(g, x, True, False)
    elif ax and not ay:
        gx, gy = _bmm(y, g, False, True), _bmm(x, g, False, False)
    else:
        gx, gy = _bmm(y, g, True, True), _bmm(g, x, True, True)
    return [_sum_to(gx, x), _sum_to(gy, y)]


def _bmm(x, y, ax, ay):
    return make1("BatchMatMulV2", [x, y], {"adj_x": ax, "adj_y": ay}, name="MatMul")


define("BatchMatMulV2", _bmm_rule, _bmm_kernel, grad=_bmm_grad)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, name=None) -> Tensor:
    """`tf.matmul`: a @ b; rank > 2 operands are batched (batch dims broadcast, op BatchMatMulV2)."""
    if transpose_a and adjoint_a:
        raise ValueError("Only one of transpose_a and adjoint_a can be True.")
    if transpose_b and adjoint_b:
        raise ValueError("Only one of transpose_b and adjoint_b can be True.")
    with name_scope(name, "MatMul", [a, b]) as scope:
        a, b = _pair(a, b, "MatMul", "a", "b")
        ra, rb = a._shape.ndims, b._shape.ndims
        if ra is None or rb is None or ra > 2 or rb > 2:
            # BatchMatMulV2 only adjoints: a transposed complex operand is conjugated first
            if transpose_a and a._dtype.is_complex:
                a = conj(a)
            if transpose_b and b._dtype.is_complex:
                b = conj(b)
            return make1("BatchMatMulV2", [a, b], {"adj_x": bool(adjoint_a or transpose_a),
                                                   "adj_y": bool(adjoint_b or transpose_b)},
                         name=scope)
        if adjoint_a:
            a = conj(a)
        if adjoint_b:
            b = conj(b)
        attrs = {"transpose_a": bool(transpose_a or adjoint_a),
                 "transpose_b": bool(transpose_b or adjoint_b)}
        if (a_is_sparse or b_is_sparse) and a._dtype.base_dtype == dtypes.float32:
            attrs.update(a_is_sparse=bool(a_is_sparse), b_is_sparse=bool(b_is_sparse))
            return make1("SparseMatMul", [a, b], attrs, name=scope)
        return make1("MatMul", [a, b], attrs, name=scope)


# ================================================================================================
# Segment ops
# ================================================================================================
def _check_ids(ids: np.ndarray, n: int, sorted_ids: bool) -> None:
    if ids.size and (ids.max() >= n):
        bad = int(np.argmax(ids >= n))
        raise _ctx("segment_ids[%d] = %d is out of range [0, %d)" % (bad, int(ids.flat[bad]), n))
    if sorted_ids:
        if ids.size and ids.min() < 0:
            raise _ctx("segment ids must be >= 0")
        if ids.size > 1 and np.any(np.diff(ids.reshape(-1)) < 0):
            raise _ctx("segment ids are not increasing")


def _segment_reduce(data, ids, n, how: str, empty) -> np.ndarray:
    """Reduce rows of `data` into `n` segments; rows with a negative id are dropped."""
    ids = np.asarray(ids).astype(np.int64)
    inner = data.shape[ids.ndim:]
    flat_data = data.reshape((-1,) + inner)
    flat_ids = ids.reshape(-1)
    keep = flat_ids >= 0
    flat_data, flat_ids = flat_data[keep], flat_ids[keep]
    if how in ("sum", "mean"):
        out = np.zeros((n,) + inner, dtype=data.dtype)
        np.add.at(out, flat_ids, flat_data)
        if how == "mean":
            counts = np.bincount(flat_ids, minlength=n).reshape((n,) + (1,) * len(inner))
            with np.errstate(all="ignore"):
                out = np.where(counts > 0, out / np.maximum(counts, 1), 0).astype(data.dtype)
        return out
    if how == "prod":
        out = np.ones((n,) + inner, dtype=data.dtype)
        np.multiply.at(out, flat_ids, flat_data)
        return out
    ufunc = np.maximum if how == "max" else np.minimum
    out = np.full((n,) + inner, _lowest(data.dtype) if how == "max" else _highest(data.dtype),
                  dtype=data.dtype)
    ufunc.at(out, flat_ids, flat_data)
    present = np.bincount(flat_ids, minlength=n) > 0
    out[~present] = empty
    return out


def _numeric_lowest(dt):
    return np.finfo(dt).min if dt.kind == "f" else np.iinfo(dt).min


def _numeric_highest(dt):
    return np.finfo(dt).max if dt.kind == "f" else np.iinfo(dt).max


def _unsorted_rule(inputs, attrs):
    data, ids, n = inputs
    n_val = op_util.const_value(n)
    first = None if n_val is None else int(n_val)
    if data._shape.ndims is None or ids._shape.ndims is None:
        return [(data._dtype.base_dtype, unknown_shape())]
    if not ids._shape.is_compatible_with(data._shape.dims[:ids._shape.ndims]):
        raise ValueError("data.shape = %s does not start with segment_ids.shape = %s"
                         % (data._shape, ids._shape))
    return [(data._dtype.base_dtype, TensorShape([first] + list(data._shape.dims[ids._shape.ndims:])))]


def _define_unsorted(op_type, how, grad, empty_fn):
    def kernel(data, ids, n):
        n = int(n)
        _check_ids(np.asarray(ids), n, False)
        return _segment_reduce(data, ids, n, how, empty_fn(data.dtype))
    define(op_type, _unsorted_rule, kernel, grad=grad)


def _gather_rows(g: Tensor, ids: Tensor) -> Tensor:
    """g[ids] with zeros for negative ids (the gradient of a segment reduction)."""
    return make1("SegmentGather", [g, ids], name="Gather")


def _segment_gather_rule(inputs, attrs):
    g, ids = inputs
    if g._shape.ndims is None or ids._shape.ndims is None:
        return [(g._dtype.base_dtype, unknown_shape())]
    return [(g._dtype.base_dtype, ids._shape.concatenate(g._shape.dims[1:]))]


def _segment_gather_kernel(g, ids):
    ids = np.asarray(ids).astype(np.int64)
    safe = np.where(ids >= 0, ids, 0)
    out = g[safe] if g.shape[0] else np.zeros(ids.shape + g.shape[1:], g.dtype)
    mask = (ids < 0).reshape(ids.shape + (1,) * (g.ndim - 1))
    return np.where(mask, np.zeros((), g.dtype), out).astype(g.dtype, copy=False)


def _scatter_like_kernel(values, ids, ref):
    return _segment_reduce(values, ids, np.shape(ref)[0], "sum", 0)


define("SegmentGather", _segment_gather_rule, _segment_gather_kernel,
       grad=lambda op, gg: [make1("SegmentScatterLike", [gg, op._inputs[1], op._inputs[0]],
                                  name="SegmentSum"), None])
define("SegmentScatterLike", lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, inputs[2]._shape)],
       _scatter_like_kernel, grad=lambda op, gg: [_gather_rows(gg, op._inputs[1]), None, None])


def _segment_extremum_grad(op, g, n_inputs):
    data, ids = op._inputs[0], op._inputs[1]
    out = op._outputs[0]
    gathered_out = _gather_rows(out, ids)
    valid = greater_equal(ids, constant(0, dtype=ids._dtype.base_dtype))
    selected = logical_and(equal(data, gathered_out), _expand_like(valid, data))
    sel_f = cast(selected, g._dtype.base_dtype)
    counts = make1("SegmentScatterLike", [sel_f, ids, out], name="SegmentSum")
    share = div_no_nan(g, counts)
    return [where_v2(selected, _gather_rows(share, ids), zeros_like_(data))] + [None] * (n_inputs - 1)


def _expand_like(mask: Tensor, data: Tensor) -> Tensor:
    """A bool mask over segment ids, broadcast over `data`'s trailing dimensions."""
    return make1("ExpandMaskLike", [mask, data], name="ExpandMask")


define("ExpandMaskLike", lambda inputs, attrs: [(dtypes.bool, inputs[1]._shape)],
       lambda m, d: np.array(np.broadcast_to(m.reshape(m.shape + (1,) * (d.ndim - m.ndim)), d.shape)),
       differentiable=False)


def _unsorted_sum_grad(op, g):
    return [_gather_rows(g, op._inputs[1]), None, None]


def _unsorted_prod_grad(op, g):
    data, ids = op._inputs[0], op._inputs[1]
    out = op._outputs[0]
    return [multiply(_gather_rows(multiply(g, out), ids), reciprocal(data)), None, None]


_define_unsorted("UnsortedSegmentSum", "sum", _unsorted_sum_grad, lambda dt: 0)
_define_unsorted("UnsortedSegmentProd", "prod", _unsorted_prod_grad, lambda dt: 1)
_define_unsorted("UnsortedSegmentMax", "max", lambda op, g: _segment_extremum_grad(op, g, 3),
                 _numeric_lowest)
_define_unsorted("UnsortedSegmentMin", "min", lambda op, g: _segment_extremum_grad(op, g, 3),
                 _numeric_highest)


def _sorted_rule(inputs, attrs):
    data, ids = inputs
    if data._shape.ndims is None:
        return [(data._dtype.base_dtype, unknown_shape())]
    if ids._shape.ndims not in (None, 1):
        raise ValueError("Shape must be rank 1 but is rank %d for segment_ids" % ids._shape.ndims)
    return [(data._dtype.base_dtype, TensorShape([None] + list(data._shape.dims[1:])))]


def _define_sorted(op_type, how, grad):
    def kernel(data, ids):
        ids = np.asarray(ids)
        if ids.shape[0] != data.shape[0]:
            raise _ctx("segment_ids should be the same size as dimension 0 of input.")
        _check_ids(ids, np.iinfo(np.int64).max, True)
        n = int(ids[-1]) + 1 if ids.size else 0
        return _segment_reduce(data, ids, n, how, 0)
    define(op_type, _sorted_rule, kernel, grad=grad)


def _segment_mean_grad(op, g):
    data, ids = op._inputs
    ones = ones_like_(data)
    counts = make1("SegmentScatterLike", [ones, ids, op._outputs[0]], name="SegmentSum")
    return [_gather_rows(div_no_nan(g, counts), ids), None]


_define_sorted("SegmentSum", "sum", lambda op, g: [_gather_rows(g, op._inputs[1]), None])
_define_sorted("SegmentMean", "mean", _segment_mean_grad)
_define_sorted("SegmentProd", "prod", lambda op, g: [multiply(_gather_rows(multiply(
    g, op._outputs[0]), op._inputs[1]), reciprocal(op._inputs[0])), None])
_define_sorted("SegmentMax", "max", lambda op, g: _segment_extremum_grad(op, g, 2))
_define_sorted("SegmentMin", "min", lambda op, g: _segment_extremum_grad(op, g, 2))


def _segment(op_type, data, segment_ids, name):
    data = _t(data, name="data")
    ids = _t(segment_ids, name="segment_ids")
    op_util.check_dtype_in(op_type, ids, (dtypes.int32, dtypes.int64), "segment_ids")
    return make1(op_type, [data, ids], name=name or op_type)


def _unsorted(op_type, data, segment_ids, num_segments, name):
    data = _t(data, name="data")
    ids = _t(segment_ids, name="segment_ids")
    op_util.check_dtype_in(op_type, ids, (dtypes.int32, dtypes.int64), "segment_ids")
    n = num_segments if isinstance(num_segments, Tensor) else constant(
        num_segments, dtype=dtypes.int32, name="num_segments")
    return make1(op_type, [data, ids, n], name=name or op_type)


def segment_sum(data, segment_ids, name=None) -> Tensor:
    """`tf.segment_sum`: sums of rows with equal sorted segment ids (missing ids give 0)."""
    return _segment("SegmentSum", data, segment_ids, name)


def segment_mean(data, segment_ids, name=None) -> Tensor:
    """`tf.segment_mean`."""
    return _segment("SegmentMean", data, segment_ids, name)


def segment_max(data, segment_ids, name=None) -> Tensor:
    """`tf.segment_max` (empty segments give 0)."""
    return _segment("SegmentMax", data, segment_ids, name)


def segment_min(data, segment_ids, name=None) -> Tensor:
    """`tf.segment_min` (empty segments give 0)."""
    return _segment("SegmentMin", data, segment_ids, name)


def segment_prod(data, segment_ids, name=None) -> Tensor:
    """`tf.segment_prod` (empty segments give 1)."""
    return _segment("SegmentProd", data, segment_ids, name)


def unsorted_segment_sum(data, segment_ids, num_segments, name=None) -> Tensor:
    """`tf.unsorted_segment_sum`: rows summed into `num_segments` buckets; negative ids dropped."""
    return _unsorted("UnsortedSegmentSum", data, segment_ids, num_segments, name)


def unsorted_segment_max(data, segment_ids, num_segments, name=None) -> Tensor:
    """`tf.unsorted_segment_max`: empty segments give the lowest value of the dtype."""
    return _unsorted("UnsortedSegmentMax", data, segment_ids, num_segments, name)


def unsorted_segment_min(data, segment_ids, num_segments, name=None) -> Tensor:
    """`tf.unsorted_segment_min`: empty segments give the highest value of the dtype."""
    return _unsorted("UnsortedSegmentMin", data, segment_ids, num_segments, name)


def unsorted_segment_prod(data, segment_ids, num_segments, name=None) -> Tensor:
    """`tf.unsorted_segment_prod`: empty segments give 1."""
    return _unsorted("UnsortedSegmentProd", data, segment_ids, num_segments, name)


def _segment_sizes(data: Tensor, segment_ids, num_segments) -> Tensor:
    """How many rows fall in each segment, at least 1, shaped to divide the segment sums."""
    count = unsorted_segment_sum(ones_like_(data), segment_ids, num_segments)
    return maximum(count, constant(1, dtype=data._dtype.base_dtype))


def unsorted_segment_mean(data, segment_ids, num_segments, name=None) -> Tensor:
    """`tf.unsorted_segment_mean`: segment sums divided by the segment sizes (0 when empty)."""
    with name_scope(name, "UnsortedSegmentMean", [data, segment_ids]):
        data = _t(data, name="data")
        return unsorted_segment_sum(data, segment_ids, num_segments) / _segment_sizes(
            data, segment_ids, num_segments)


def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None) -> Tensor:
    """`tf.unsorted_segment_sqrt_n`: segment sums divided by the square root of the segment sizes."""
    with name_scope(name, "UnsortedSegmentSqrtN", [data, segment_ids]):
        data = _t(data, name="data")
        return unsorted_segment_sum(data, segment_ids, num_segments) / sqrt(_segment_sizes(
            data, segment_ids, num_segments))


# ================================================================================================
# Scans: cumsum / cumprod
# ================================================================================================
def _scan_rule(inputs, attrs):
    x = inputs[0]
    op_util.check_dtype_in("Cumsum", x, NUMBERS)
    return [(x._dtype.base_dtype, x._shape)]


def _scan_kernel(np_fn, identity):
    def kernel(x, axis, exclusive=False, reverse=False):
        a = int(axis)
        if not -x.ndim <= a < x.ndim:
            raise _ctx("axis must be in range [%d, %d), got %d" % (-x.ndim, x.ndim, a))
        v = np.flip(x, a) if reverse else x
        out = np_fn(v, axis=a, dtype=x.dtype)
        if exclusive:
            out = np.concatenate([np.full_like(np.take(out, [0], axis=a), identity),
                                  np.delete(out, -1, axis=a)], axis=a) if x.shape[a] else out
        return _arr(np.flip(out, a) if reverse else out, x.dtype)
    return kernel


def _cumsum_grad(op, g):
    return [cumsum(g, op._inputs[1], exclusive=op._attrs["exclusive"],
                   reverse=not op._attrs["reverse"]), None]


def _cumprod_grad(op, g):
    x, axis = op._inputs
    ex, rev = op._attrs["exclusive"], op._attrs["reverse"]
    prod = op._outputs[0]
    out = cumsum(multiply(prod, g), axis, exclusive=ex, reverse=not rev)
    return [div_no_nan(out, x), None]


def _logcumsumexp(x, axis=0, dtype=None):
    return np.logaddexp.accumulate(x, axis=axis, dtype=dtype)


def _cumulative_logsumexp_grad(op, g):
    """d out_j / d x_i = exp(x_i - out_j) for the i the running sum j covers."""
    x, axis = op._inputs
    ex, rev = op._attrs["exclusive"], op._attrs["reverse"]
    back = cumsum(multiply(g, exp(negative(op._outputs[0]))), axis, exclusive=ex, reverse=not rev)
    return [multiply(exp(x), back), None]


define("Cumsum", _scan_rule, _scan_kernel(np.cumsum, 0), grad=_cumsum_grad)
define("CumulativeLogsumexp", _scan_rule, _scan_kernel(_logcumsumexp, -np.inf),
       grad=_cumulative_logsumexp_grad)
define("Cumprod", _scan_rule, _scan_kernel(np.cumprod, 1), grad=_cumprod_grad)


def _scan(op_type, x, axis, exclusive, reverse, name):
    x = _t(x, name="x")
    axis_t = axis if _is_tensor_like(axis) else constant(axis, dtype=dtypes.int32, name="axis")
    return make1(op_type, [x, axis_t], {"exclusive": bool(exclusive), "reverse": bool(reverse)},
                 name=name or op_type)


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None) -> Tensor:
    """`tf.cumsum`: running sums along `axis` (exclusive: shifted by one; reverse: from the end)."""
    with name_scope(name, "Cumsum", [x]) as scope:
        return _scan("Cumsum", x, axis, exclusive, reverse, scope)


def cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False, name=None) -> Tensor:
    """`tf.math.cumulative_logsumexp`: running log(sum(exp(x))) along `axis`, computed stably."""
    with name_scope(name, "CumulativeLogsumexp", [x]) as scope:
        x = _t(x, name="x")
        op_util.check_dtype_in("CumulativeLogsumexp", x, FLOATS)
        return _scan("CumulativeLogsumexp", x, axis, exclusive, reverse, scope)


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None) -> Tensor:
    """`tf.cumprod`: running products along `axis`."""
    with name_scope(name, "Cumprod", [x]) as scope:
        return _scan("Cumprod", x, axis, exclusive, reverse, scope)


# ================================================================================================
# Sequences: range, linspace, bincount
# ================================================================================================
def _range_size(start, limit, delta):
    if delta == 0:
        raise ValueError("Requires delta != 0")
    if delta > 0 and start > limit:
        raise ValueError("Requires start <= limit when delta > 0: %s/%s" % (start, limit))
    if delta < 0 and start < limit:
        raise ValueError("Requires start >= limit when delta < 0: %s/%s" % (start, limit))
    if isinstance(start, (int, np.integer)) and isinstance(limit, (int, np.integer)) and \
            isinstance(delta, (int, np.integer)):
        return (_py_abs(int(limit) - int(start)) + _py_abs(int(delta)) - 1) // _py_abs(int(delta))
    return int(np.ceil(np.abs((float(limit) - float(start)) / float(delta))))


def _range_rule(inputs, attrs):
    vals = [op_util.const_value(t) for t in inputs]
    dt = inputs[0]._dtype.base_dtype
    if any(v is None for v in vals):
        return [(dt, unknown_shape(1))]
    return [(dt, TensorShape([_range_size(*[v.item() for v in vals])]))]


def _range_kernel(start, limit, delta):
    try:
        n = _range_size(start.item(), limit.item(), delta.item())
    except ValueError as e:
        raise _ctx(str(e)) from None
    return _arr(start + np.arange(n, dtype=start.dtype) * delta, start.dtype)


define("Range", _range_rule, _range_kernel, differentiable=False)

_RANGE_ORDER = [dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64]


def range(start, limit=None, delta=1, dtype=None, name="range") -> Tensor:  # noqa: A001
    """`tf.range`: [start, limit) in steps of `delta` (`range(n)` counts from 0)."""
    if limit is None:
        start, limit = 0, start
    with name_scope(name, "Range", [start, limit, delta]) as scope:
        if dtype is not None:
            dtype = dtypes.as_dtype(dtype).base_dtype
        ts = []
        for v, n in ((start, "start"), (limit, "limit"), (delta, "delta")):
            ts.append(v if isinstance(v, Tensor) else _t(v, dtype=dtype, name=n))
        if dtype is None:
            order = [_RANGE_ORDER.index(t._dtype.base_dtype) if t._dtype.base_dtype in _RANGE_ORDER
                     else 0 for t in ts]
            dtype = _RANGE_ORDER[max(order)]
        ts = [cast(t, dtype) for t in ts]
        return make1("Range", ts, name=scope)


def _linspace_rule(inputs, attrs):
    start, stop, num = inputs
    n = op_util.const_value(num)
    return [(start._dtype.base_dtype, TensorShape([None if n is None else int(n)]))]


def _linspace_kernel(start, stop, num):
    """TF's arithmetic, in the endpoints' dtype: start, start + k * delta for the inner points
    (delta = (stop - start) / (num - 1)), and stop itself last."""
    n = int(num)
    if n <= 0:
        raise _ctx("Requires num > 0: %d" % n)
    delta = (stop - start) / np.asarray(max(n - 1, 1), start.dtype)
    inner = start + delta * np.arange(1, max(n - 1, 1), dtype=start.dtype)
    return _arr(np.concatenate([[start], inner, [stop]])[:n], start.dtype)


define("LinSpace", _linspace_rule, _linspace_kernel, differentiable=False)


def linspace(start, stop, num, name=None, axis=0) -> Tensor:
    """`tf.linspace`: `num` evenly spaced values from start to stop inclusive."""
    with name_scope(name, "linspace", [start, stop]) as scope:
        start = _t(start, name="start")
        if start._dtype.is_integer:   # TF computes integer endpoints in float64
            start = cast(start, dtypes.float64)
        stop = _t(stop, dtype=start._dtype.base_dtype, name="stop")
        op_util.check_dtype_in("LinSpace", start, FLOATS, "start")
        num_t = num if isinstance(num, Tensor) else constant(num, dtype=dtypes.int32, name="num")
        return make1("LinSpace", [start, stop, num_t], name=scope)


lin_space = linspace


def _bincount_rule(inputs, attrs):
    arr, size, weights = inputs
    n = op_util.const_value(size)
    return [(weights._dtype.base_dtype, TensorShape([None if n is None else int(n)]))]


def _bincount_kernel(arr, size, weights):
    n = int(size)
    if np.any(arr < 0):
        raise _ctx("Input arr must be non-negative!")
    flat = arr.reshape(-1)
    flat = flat[flat < n]
    if weights.size:
        w = weights.reshape(-1)[arr.reshape(-1) < n]
        return _arr(np.bincount(flat, weights=w, minlength=n)[:n], weights.dtype)
    return _arr(np.bincount(flat, minlength=n)[:n], weights.dtype)


def _dense_bincount_kernel(arr, size, weights, binary_output=False):
    out = _bincount_kernel(arr, size, weights if not binary_output else weights[:0])
    return _arr(out > 0, weights.dtype) if binary_output else out


define("Bincount", _bincount_rule, _bincount_kernel, differentiable=False)
# what tf.math.bincount builds in TF 2.x (Bincount is the older op of the same counts)
define("DenseBincount", _bincount_rule, _dense_bincount_kernel, differentiable=False)


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=dtypes.int32,
             name=None, axis=None, binary_output=False) -> Tensor:
    """`tf.math.bincount`: counts (or summed weights) of each value in the int32 `arr`."""
    with name_scope(name, "bincount", [arr, weights, minlength, maxlength]) as scope:
        arr = _t(arr, dtype=dtypes.int32, name="arr")
        size = add(reduce_max(arr), 1) if arr._shape.num_elements() != 0 else constant(0)
        size = maximum(size, constant(0)) if minlength is None else maximum(
            size, _t(minlength, dtype=dtypes.int32))
        if maxlength is not None:
            size = minimum(size, _t(maxlength, dtype=dtypes.int32))
        if weights is not None:
            w = _t(weights)
        else:
            w = constant(np.zeros([0], dtypes.as_dtype(dtype).np_dtype))
        return make1("DenseBincount", [arr, size, w], {"binary_output": bool(binary_output)},
                     name=scope)


# ================================================================================================
# Linear algebra helpers: trace, tensordot, einsum
# ================================================================================================
def trace(x, name=None) -> Tensor:
    """`tf.linalg.trace`: sum of the main diagonal of the innermost two dimensions."""
    with name_scope(name, "Trace", [x]) as scope:
        x = _t(x, name="x")
        return make1("Einsum", [x], {"equation": "...ii->..."}, name=scope)


def _einsum_parse(equation: str, n_inputs: int):
    eq = equation.replace(" ", "")
    if "->" in eq:
        lhs, out = eq.split("->")
    else:
        lhs = eq
        letters = lhs.replace("...", "").replace(",", "")
        out = ("..." if "..." in lhs else "") + "".join(
            sorted(c for c in set(letters) if letters.count(c) == 1))
    ins = lhs.split(",")
    if len(ins) != n_inputs:
        raise ValueError("Expected %d inputs for equation %r, got %d" % (len(ins), equation, n_inputs))
    return ins, out


def _split_subs(subs: str) -> list:
    """'...ij' -> ['...', 'i', 'j']."""
    out, i = [], 0
    while i < len(subs):
        if subs.startswith("...", i):
            out.append("...")
            i += 3
        else:
            out.append(subs[i])
            i += 1
    return out


def _einsum_rule(inputs, attrs):
    ins, out = _einsum_parse(attrs["equation"], len(inputs))
    dims: dict = {}
    ell = TensorShape([])
    for t, subs in zip(inputs, ins):
        if t._shape.ndims is None:
            return [(inputs[0]._dtype.base_dtype, unknown_shape())]
        parts = _split_subs(subs)
        n_named = len([p for p in parts if p != "..."])
        rank = t._shape.ndims
        if ("..." not in parts and rank != n_named) or rank < n_named:
            raise ValueError("Input has rank %d but equation %r expects %d subscripts"
                             % (rank, subs, n_named))
        k = 0
        for p in parts:
            if p == "...":
                n_ell = rank - n_named
                ell = broadcast_shapes(ell, TensorShape(t._shape.dims[k:k + n_ell]))
                k += n_ell
                continue
            d = t._shape.dims[k]
            k += 1
            prev = dims.get(p)
            if prev is not None and d is not None and prev != d and prev != 1 and d != 1:
                raise ValueError("Expected dimension %d at axis %d of the input shaped %s but got "
                                 "dimension %d" % (prev, k - 1, t._shape, d))
            if prev is None or prev == 1:
                dims[p] = d
    out_dims = []
    for p in _split_subs(out):
        if p == "...":
            out_dims.extend(ell.dims)
        else:
            out_dims.append(dims.get(p))
    for t in inputs[1:]:
        op_util.check_same_dtype("Einsum", ("inputs", inputs[0]), ("inputs", t))
    return [(inputs[0]._dtype.base_dtype, TensorShape(out_dims))]


def _einsum_kernel(*xs, equation):
    return _arr(np.einsum(equation, *xs), xs[0].dtype)


def _einsum_grad(op, g):
    """Each operand's gradient is another einsum of the cotangent with the other operands; letters
    only that operand has get a ones vector, repeated letters an identity matrix."""
    xs = op._inputs
    ins, out = _einsum_parse(op._attrs["equation"], len(xs))
    grads = []
    for i, x in enumerate(xs):
        others = [s for j, s in enumerate(ins) if j != i]
        available = set(_split_subs(out)) | {p for s in others for p in _split_subs(s)}
        used = set(p for s in ins + [out] for p in _split_subs(s))
        fresh = (c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used)
        helper_subs, helpers, target, seen = [], [], [], set()
        parts = _split_subs(ins[i])
        rank = x._shape.ndims
        n_named = len([p for p in parts if p != "..."])
        k = 0
        for p in parts:
            if p == "...":
                k += (rank or n_named) - n_named
                target.append(p)
                continue
            dim = x._shape.dims[k] if rank is not None else None
            k += 1
            if p in seen:
                new = next(fresh)
                helper_subs.append(p + new)
                helpers.append(constant(np.eye(_need(dim)), dtype=x._dtype.base_dtype))
                target.append(new)
                continue
            seen.add(p)
            if p not in available:
                helper_subs.append(p)
                helpers.append(constant(np.ones(_need(dim)), dtype=x._dtype.base_dtype))
            target.append(p)
        if "..." not in target and any("..." in s for s in [out] + others):
            target.insert(0, "...")   # the extra leading dims are summed away by _sum_to below
        eq = ",".join([out] + others + helper_subs) + "->" + "".join(target)
        gx = make1("Einsum", [g] + [t for j, t in enumerate(xs) if j != i] + helpers,
                   {"equation": eq}, name="Einsum")
        grads.append(_sum_to(gx, x) if "..." in eq else gx)
    return grads


def _need(dim):
    if dim is None:
        raise ValueError("The gradient of einsum needs statically known sizes for subscripts that "
                         "appear in only one operand.")
    return int(dim)


define("Einsum", _einsum_rule, _einsum_kernel, grad=_einsum_grad)


def einsum(equation: str, *inputs, **kwargs) -> Tensor:
    """`tf.einsum`: Einstein summation (implicit and explicit output, ellipsis broadcasting)."""
    name = kwargs.pop("name", None)
    kwargs.pop("optimize", None)
    if kwargs:
        raise TypeError("Invalid keyword arguments for this function: %s" % ", ".join(sorted(kwargs)))
    with name_scope(name, "einsum", list(inputs)):
        xs = [_t(x) for x in inputs]
        ins, out = _einsum_parse(equation, len(xs))
        return make1("Einsum", xs, {"equation": ",".join(ins) + "->" + out}, name="Einsum")


def tensordot(a, b, axes, name=None) -> Tensor:
    """`tf.tensordot`: contract `axes` of a with those of b (an int n or a pair of lists), as TF
    builds it: each operand transposed and reshaped to a matrix, one MatMul, one Reshape back."""
    with name_scope(name, "Tensordot", [a, b, axes]) as scope:
        a, b = _t(a, name="a"), _t(b, name="b")
        if a._shape.ndims is None or b._shape.ndims is None:
            raise ValueError("tf.tensordot in varflow needs operands of known rank (got %s and %s); "
                             "give the placeholders a shape (dimensions may be None)."
                             % (a._shape, b._shape))
        a_axes, b_axes = _tensordot_axes(a, b, axes)
        a_mat, a_free, a_static = _tensordot_matrix(a, a_axes, flipped=False)
        b_mat, b_free, b_static = _tensordot_matrix(b, b_axes, flipped=True)
        product = matmul(a_mat, b_mat)
        from .array_ops import concat, reshape
        if isinstance(a_free, list) and isinstance(b_free, list):
            if product._shape.as_list() == a_free + b_free:
                return product
            return reshape(product, a_free + b_free, name=scope)
        dims = [d if isinstance(d, Tensor) else _t(d, dtype=dtypes.int32) for d in (a_free, b_free)]
        out = reshape(product, concat(dims, 0), name=scope)
        out.set_shape(a_static + b_static)
        return out


def _tensordot_axes(a: Tensor, b: Tensor, axes) -> tuple:
    """The contracted axes of a and of b (non-negative), checked against the operands' shapes."""
    ra, rb = a._shape.ndims, b._shape.ndims
    if isinstance(axes, (int, np.integer)) and not isinstance(axes, bool):
        n = int(axes)
        if n < 0:
            raise ValueError("'axes' must be at least 0.")
        if n > ra:
            raise ValueError("'axes' must not be larger than the number of dimensions of tensor %s."
                             % a)
        a_axes, b_axes = list(_py_range(ra - n, ra)), list(_py_range(n))
    elif isinstance(axes, (list, tuple)):
        if len(axes) != 2:
            raise ValueError("'axes' must be an integer or have length 2.")
        a_axes, b_axes = axes
        a_axes = [a_axes] if isinstance(a_axes, (int, np.integer)) else list(a_axes)
        b_axes = [b_axes] if isinstance(b_axes, (int, np.integer)) else list(b_axes)
        if len(a_axes) != len(b_axes):
            raise ValueError("Different number of contraction axes 'a' and 'b', %d != %d."
                             % (len(a_axes), len(b_axes)))
    else:
        raise TypeError("'axes' must be an int or a pair of lists of ints for tf.tensordot in "
                        "varflow, got %r" % (axes,))
    for rank, ax in ((ra, a_axes), (rb, b_axes)):
        for i in ax:
            if not -rank <= int(i) < max(rank, 1):
                raise ValueError("Contraction axis %d is out of range for a tensor of rank %d."
                                 % (int(i), rank))
    a_axes, b_axes = [int(i) % ra for i in a_axes], [int(j) % rb for j in b_axes]
    for i, j in zip(a_axes, b_axes):
        da, db = a._shape[i], b._shape[j]
        if da is not None and db is not None and da != db:
            raise ValueError("Dimensions must be equal, but are %d and %d for the contracted "
                             "axes %d of a %s and %d of b %s" % (da, db, i, a._shape, j, b._shape))
    return a_axes, b_axes


def _tensordot_matrix(x: Tensor, axes: list, flipped: bool) -> tuple:
    """(x as a [free, contracted] matrix ([contracted, free] when `flipped`), its free dimensions
    (a list when static, else an int32 tensor), their static sizes)."""
    from .array_ops import concat, gather, reshape, shape, stack, transpose
    dims = x._shape.as_list()
    free = [i for i in _py_range(len(dims)) if i not in axes]
    free_dims = [dims[i] for i in free]
    perm = axes + free if flipped else free + axes
    if x._shape.is_fully_defined():
        prod_free = int(np.prod(free_dims, dtype=np.int64))
        prod_axes = int(np.prod([dims[i] for i in axes], dtype=np.int64))
        matrix = [prod_axes, prod_free] if flipped else [prod_free, prod_axes]
        if perm != list(_py_range(len(dims))):
            x = transpose(x, perm)
        if x._shape.as_list() != matrix:
            x = reshape(x, matrix)
        return x, free_dims, free_dims
    axes_t = constant(np.asarray(axes, np.int32), name="axes")
    free_t = constant(np.asarray(free, np.int32), name="free")
    x_shape = shape(x)
    free_sizes, axes_sizes = gather(x_shape, free_t), gather(x_shape, axes_t)
    prod_free, prod_axes = reduce_prod(free_sizes), reduce_prod(axes_sizes)
    if flipped:
        perm_t, matrix_t = concat([axes_t, free_t], 0), stack([prod_axes, prod_free])
    else:
        perm_t, matrix_t = concat([free_t, axes_t], 0), stack([prod_free, prod_axes])
    return reshape(transpose(x, perm_t), matrix_t), free_sizes, free_dims


# ================================================================================================
# Tensor operator overloads (TF1 graph mode: == and != stay identity comparisons)
# ================================================================================================
def _binary_operator(fn, scope_name: str, key: str, reverse: bool = False):
    """`x OP y` (or the reflected form) as TF builds it: a name scope `scope_name` naming the op.
    An operand that does not convert gets its own reflected method `__r<key>__` when its type has
    one; otherwise the conversion error stands (ValueError for None, as in TF)."""
    def forward(x, y):
        with name_scope(None, scope_name, [x, y]) as scope:
            return fn(x, y, scope)

    def reflected(y, x):  # `other OP tensor`: self is the right operand
        with name_scope(None, scope_name, [x, y]) as scope:
            return fn(x, y, scope)

    def operator(self, other):
        try:
            return reflected(self, other) if reverse else forward(self, other)
        except (TypeError, ValueError):
            if not reverse and not _convertible(other) and hasattr(type(other), "__r%s__" % key):
                return NotImplemented
            raise
    return operator


def _convertible(v) -> bool:
    if isinstance(v, Tensor) or hasattr(v, "_as_graph_element"):
        return True
    if isinstance(v, (int, float, complex, bool, np.ndarray, np.generic, list, tuple, str, bytes)):
        return True
    from ..framework.graph import _conversion_funcs_for
    return bool(_conversion_funcs_for(type(v)))


def _op_add(x, y, scope):
    x, y = _pair(x, y, "AddV2")
    if x._dtype.base_dtype == dtypes.string:
        return make1("Add", [x, y], name=scope)
    return make1("AddV2", [x, y], name=scope)


def _simple(op_type):
    def build(x, y, scope):
        x, y = _pair(x, y, op_type)
        return make1(op_type, [x, y], name=scope)
    return build


def _op_truediv(x, y, scope):
    x, y = _pair(x, y, "RealDiv")
    target = _TRUEDIV_CAST.get(x._dtype.base_dtype)
    if target is not None:
        x, y = cast(x, target), cast(y, target)
    return make1("RealDiv", [x, y], name=scope)


def _op_matmul(x, y, scope):
    return matmul(x, y, name=scope)


def _logical_or_bitwise(logical: str, bitwise: str):
    """`&` / `|`: the logical op named after the operator's scope for bools; for integers the
    bitwise op inside that scope under its own name (`and/BitwiseAnd`), as TF names them."""
    def build(x, y, scope):
        x, y = _pair(x, y, logical)
        if x._dtype.base_dtype == dtypes.bool:
            return make1(logical, [x, y], name=scope)
        return make1(bitwise, [x, y], name=bitwise)
    return build


def _op_xor(x, y, scope):
    x, y = _pair(x, y, "LogicalAnd")
    if x._dtype.base_dtype != dtypes.bool:
        return make1("BitwiseXor", [x, y], name="BitwiseXor")
    return make1("LogicalAnd", [logical_or(x, y), logical_not(logical_and(x, y))], name=scope)


def _compare(op_type):
    def operator(self, other):
        try:
            return _binary(op_type, self, other, None)
        except (TypeError, ValueError):
            if not _convertible(other):
                return NotImplemented
            raise
    return operator


def _invert(self):
    if self._dtype.base_dtype == dtypes.bool:
        return logical_not(self)
    return make1("Invert", [self], name="Invert")


def _mul_or_sparse(dense_mul):
    """`tensor * sparse_tensor` is the SparseTensor `sparse_tensor * tensor` (TF's dispatch)."""
    def operator(self, other):
        if other.__class__ is SparseTensor:
            from . import sparse_ops

            return sparse_ops._cwise_operator(other, self, "mul", "SparseDenseCwiseMul")
        return dense_mul(self, other)
    return operator


def _install_operators() -> None:
    binary = {
        "add": (_op_add, "add"), "sub": (_simple("Sub"), "sub"), "mul": (_simple("Mul"), "mul"),
        "truediv": (_op_truediv, "truediv"), "floordiv": (_simple("FloorDiv"), "floordiv"),
        "mod": (_simple("FloorMod"), "mod"), "pow": (_simple("Pow"), "pow"),
        "matmul": (_op_matmul, "matmul"),
        "and": (_logical_or_bitwise("LogicalAnd", "BitwiseAnd"), "and"),
        "or": (_logical_or_bitwise("LogicalOr", "BitwiseOr"), "or"), "xor": (_op_xor, "xor"),
    }
    for key, (fn, scope_name) in binary.items():
        Tensor._override_operator("__%s__" % key, _binary_operator(fn, scope_name, key))
        Tensor._override_operator("__r%s__" % key, _binary_operator(fn, scope_name, key, reverse=True))
    Tensor._override_operator("__mul__", _mul_or_sparse(Tensor.__mul__))
    Tensor._override_operator("__div__", Tensor.__truediv__)
    Tensor._override_operator("__rdiv__", Tensor.__rtruediv__)
    for key, op_type in (("lt", "Less"), ("le", "LessEqual"), ("gt", "Greater"),
                         ("ge", "GreaterEqual")):
        Tensor._override_operator("__%s__" % key, _compare(op_type))
    Tensor._override_operator("__neg__", lambda self: negative(self))
    Tensor._override_operator("__abs__", lambda self: abs(self))
    Tensor._override_operator("__invert__", _invert)


_install_operators()


# ================================================================================================
# Norms
# ================================================================================================
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None,  # noqa: A002
         keep_dims=None) -> Tensor:
    """`tf.norm`: vector p-norms (1, 2/'euclidean', inf, any p > 0) and the Frobenius / 1 / inf
    matrix norms over a pair of axes."""
    keepdims = bool(op_util.legacy_kwarg(keepdims, "keepdims", keep_dims, "keep_dims"))
    is_matrix = isinstance(axis, (list, tuple)) and len(axis) == 2
    if axis is not None and not is_matrix and not isinstance(axis, (int, np.integer)) and not (
            isinstance(axis, (list, tuple)) and len(axis) == 1):
        raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers, got %r"
                         % (axis,))
    supported = ("euclidean", "fro", 1, 2, np.inf) if not is_matrix else ("euclidean", "fro", 1, np.inf)
    if not (ord in supported or (not is_matrix and isinstance(ord, (int, float)) and ord > 0)):
        raise ValueError("'ord' must be a supported %s norm, got %r" %
                         ("matrix" if is_matrix else "vector", ord))
    if ord == "fro" and not is_matrix and axis is not None:
        raise ValueError("'fro' is a matrix norm: pass a pair of axes")
    with name_scope(name, "norm", [tensor]):
        x = _t(tensor, name="tensor")
        if ord in ("euclidean", "fro", 2):
            if axis is not None and not isinstance(axis, (list, tuple)):
                axis = (int(axis),)          # TF's 2-norm reduces over a tuple: a (1,) Const
            result = sqrt(reduce_sum(_mul_op(x, conj(x)) if x._dtype.is_complex else _mul_op(x, x),
                                     axis, keepdims=True))
        else:
            result = abs(x)
            if is_matrix and ord in (1, np.inf):
                rows, cols = int(axis[0]), int(axis[1])
                sum_axis, max_axis = (rows, cols) if ord == 1 else (cols, rows)
                result = reduce_max(reduce_sum(result, sum_axis, keepdims=True), max_axis,
                                    keepdims=True)
            elif ord == 1:
                result = reduce_sum(result, axis, keepdims=True)
            elif ord == np.inf:
                result = reduce_max(result, axis, keepdims=True)
            else:
                result = pow(reduce_sum(pow(result, ord), axis, keepdims=True), 1.0 / ord)
        if not keepdims:
            from .array_ops import squeeze
            result = squeeze(result, list(axis) if isinstance(axis, (list, tuple)) else axis)
        return result


# the special functions live in special_math; those TF also has at the top level are exported here
from .special_math import (angle, betainc, confusion_matrix, igamma, igammac,  # noqa: E402
                           is_non_decreasing, is_strictly_increasing, lbeta, polygamma, zeta)

__all__ += ["angle", "betainc", "confusion_matrix", "igamma", "igammac", "is_non_decreasing",
            "is_strictly_increasing", "lbeta", "polygamma", "zeta"]
