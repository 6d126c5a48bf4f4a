"""Special functions of `tf.math` (incomplete gamma and beta, Hurwitz zeta, polygamma, scaled
Bessel functions, the inverse error function and normal quantile, nextafter) and the small
compositions around them (lbeta, polyval, is_non_decreasing, confusion_matrix, ...).

The kernels work in float64 with classic series and continued fractions, then return the input's
dtype; edge values (NaN, inf, 0) follow what TF's kernels give (observed in TF 2.21).
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import broadcast_shapes
from . import op_util
from .op_util import FLOATS, make1

__all__ = ["igamma", "igammac", "betainc", "zeta", "polygamma", "bessel_i0e", "bessel_i1e",
           "bessel_i0", "bessel_i1", "erfinv", "ndtri", "nextafter", "lbeta", "polyval",
           "is_non_decreasing", "is_strictly_increasing", "reciprocal_no_nan", "xlog1py",
           "angle", "confusion_matrix"]

_EPS = np.finfo(np.float64).eps
_MAX_ITER = 2000


def _math():
    from . import math_ops
    return math_ops


def _elementwise(fn, *arrays) -> np.ndarray:
    """`fn` applied to Python floats of the broadcast `arrays`, as a float64 array."""
    arrays = np.broadcast_arrays(*[np.asarray(a, np.float64) for a in arrays])
    out = np.empty(arrays[0].shape, np.float64)
    flat = [a.ravel() for a in arrays]
    out_flat = out.reshape(-1)
    for i in range(out_flat.size):
        out_flat[i] = fn(*(float(a[i]) for a in flat))
    return out


# --- regularized incomplete gamma P(a, x) and Q(a, x) ---------------------------------------------
def _gamma_series(a: float, x: float) -> float:
    """P(a, x) by its power series (converges fast for x < a + 1)."""
    term = total = 1.0 / a
    n = a
    for _ in range(_MAX_ITER):
        n += 1.0
        term *= x / n
        total += term
        if abs(term) < abs(total) * _EPS:
            break
    return total * math.exp(-x + a * math.log(x) - math.lgamma(a))


def _gamma_fraction(a: float, x: float) -> float:
    """Q(a, x) by its continued fraction (modified Lentz; for x >= a + 1)."""
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_ITER):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h


def _igamma_scalar(a: float, x: float, upper: bool) -> float:
    if math.isnan(a) or math.isnan(x) or a <= 0 or x < 0:
        return math.nan
    if x == 0:
        return 1.0 if upper else 0.0
    if math.isinf(x):
        return 0.0 if upper else 1.0
    if x < a + 1.0:
        p = _gamma_series(a, x)
        return 1.0 - p if upper else p
    q = _gamma_fraction(a, x)
    return q if upper else 1.0 - q


# --- regularized incomplete beta I_x(a, b) --------------------------------------------------------
def _beta_fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = tiny if abs(d) < tiny else d
    d = 1.0 / d
    h = d
    for m in range(1, _MAX_ITER):
        m2 = 2 * m
        for aa in (m * (b - m) * x / ((qam + m2) * (a + m2)),
                   -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1.0 + aa * d
            d = tiny if abs(d) < tiny else d
            c = 1.0 + aa / c
            c = tiny if abs(c) < tiny else c
            d = 1.0 / d
            delta = d * c
            h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return h


def _betainc_scalar(a: float, b: float, x: float) -> float:
    if math.isnan(a) or math.isnan(b) or math.isnan(x) or a <= 0 or b <= 0 or not 0 <= x <= 1:
        return math.nan
    if x == 0 or x == 1:
        return x
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x)
                     + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


# --- Hurwitz zeta by Euler-Maclaurin summation ----------------------------------------------------
_BERNOULLI = [Fraction(1, 6), Fraction(-1, 30), Fraction(1, 42), Fraction(-1, 30), Fraction(5, 66),
              Fraction(-691, 2730), Fraction(7, 6), Fraction(-3617, 510), Fraction(43867, 798),
              Fraction(-174611, 330), Fraction(854513, 138), Fraction(-236364091, 2730)]
# (2k)! / B_2k for k = 1..12: the denominators of the Euler-Maclaurin correction terms
_EM_DIVISORS = [float(math.factorial(2 * k + 2) / b) for k, b in enumerate(_BERNOULLI)]


def _zeta_scalar(s: float, q: float) -> float:
    if math.isnan(s) or math.isnan(q):
        return math.nan
    if s == 1.0:
        return math.inf
    if s < 1.0:
        return math.nan
    if q <= 0:
        if q == math.floor(q):
            return math.inf
        if s != math.floor(s):
            return math.nan   # a negative base to a fractional power
    total = q ** -s
    a, i, b = q, 0, 0.0
    while i < 9 or a <= 9.0:
        i += 1
        a += 1.0
        b = a ** -s
        total += b
        if abs(b / total) < _EPS:
            return total
    w = a
    total += b * w / (s - 1.0) - 0.5 * b
    fact, k = 1.0, 0.0
    for divisor in _EM_DIVISORS:
        fact *= s + k
        b /= w
        term = fact * b / divisor
        total += term
        if abs(term / total) < _EPS:
            break
        k += 1.0
        fact *= s + k
        b /= w
        k += 1.0
    return total


def _polygamma_scalar(n: float, x: float) -> float:
    if math.isnan(n) or n < 0 or n != math.floor(n):
        return math.nan
    if n == 0:
        from .math_ops import _digamma_scalar
        return _digamma_scalar(x)
    sign = 1.0 if int(n) % 2 == 1 else -1.0
    return sign * math.gamma(n + 1.0) * _zeta_scalar(n + 1.0, x)


# --- exponentially scaled modified Bessel functions I0e, I1e ---------------------------------------
def _bessel_scaled_scalar(order: int, x: float) -> float:
    """exp(-|x|) I_order(x) = (1/pi) * integral_0^pi exp(|x| (cos t - 1)) cos(order t) dt, by the
    trapezoidal rule (spectrally accurate for this periodic integrand), or the asymptotic series
    where the integrand is too narrow."""
    if math.isnan(x):
        return math.nan
    ax = abs(x)
    if ax > 1e5:
        mu = 4.0 * order * order
        series = 1.0 - (mu - 1.0) / (8.0 * ax) + (mu - 1.0) * (mu - 9.0) / (2.0 * (8.0 * ax) ** 2)
        value = series / math.sqrt(2.0 * math.pi * ax)
    else:
        m = 64 + int(16.0 * math.sqrt(ax))
        t = np.linspace(0.0, math.pi, m + 1)
        f = np.exp(ax * (np.cos(t) - 1.0)) * np.cos(order * t)
        value = (np.sum(f) - 0.5 * (f[0] + f[-1])) / m
    return -value if order == 1 and x < 0 else value


# --- inverse normal CDF and inverse error function -------------------------------------------------
def _ndtr(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _ndtri_scalar(p: float) -> float:
    if math.isnan(p) or p < 0 or p > 1:
        return math.nan
    if p == 0:
        return -math.inf
    if p == 1:
        return math.inf
    if p > 0.5:
        return -_ndtri_scalar(1.0 - p)
    t = math.sqrt(-2.0 * math.log(p))   # Abramowitz & Stegun 26.2.23, then Newton on log(ndtr)
    x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) /
          (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))))
    for _ in range(100):
        cdf = _ndtr(x)
        if cdf <= 0:
            break
        step = (math.log(cdf) - math.log(p)) * cdf / (math.exp(-0.5 * x * x) / math.sqrt(2 * math.pi))
        x -= step
        if abs(step) <= 4 * _EPS * max(1.0, abs(x)):
            break
    return x


def _erfinv_scalar(y: float) -> float:
    if math.isnan(y) or abs(y) > 1:
        return math.nan
    if abs(y) == 1:
        return math.copysign(math.inf, y)
    if abs(y) > 0.5:   # from the tail, where 1 - |y| is exact, polished by Newton on erfc
        x = -_ndtri_scalar(0.5 * (1.0 - abs(y))) / math.sqrt(2.0)
        x += (math.erfc(x) - (1.0 - abs(y))) / (2.0 / math.sqrt(math.pi) * math.exp(-x * x))
        return math.copysign(x, y)
    x = y * math.sqrt(math.pi) / 2.0
    for _ in range(100):
        step = (math.erf(x) - y) / (2.0 / math.sqrt(math.pi) * math.exp(-x * x))
        x -= step
        if abs(step) <= 4 * _EPS * max(abs(x), 1e-300):
            break
    return x


# --- op definitions -------------------------------------------------------------------------------
def _float_rule(op_type: str, n_inputs: int):
    def rule(inputs, attrs):
        first = inputs[0]
        op_util.check_dtype_in(op_type, first, FLOATS)
        shape = first._shape
        for t in inputs[1:n_inputs]:
            op_util.check_same_dtype(op_type, ("x", first), ("y", t))
            shape = broadcast_shapes(shape, t._shape)
        return [(first._dtype.base_dtype, shape)]
    return rule


def _define(op_type: str, scalar_fn, n_inputs: int, grad=None):
    def kernel(*args):
        with np.errstate(all="ignore"):
            return _elementwise(scalar_fn, *args).astype(args[0].dtype)
    define(op_type, _float_rule(op_type, n_inputs), kernel, grad=grad, differentiable=grad is not None)


def _igamma_grad(op, g, upper: bool):
    m = _math()
    a, x = op._inputs
    # d/dx P(a, x) = exp(-x) x^(a-1) / Gamma(a); the derivative in `a` is not provided
    dx = m.exp(m.subtract(m.subtract(m.multiply(m.subtract(a, 1.0), m.log(x)), x), m.lgamma(a)))
    if upper:
        dx = m.negative(dx)
    return [None, m._sum_to(m.multiply(g, dx), x)]


def _betainc_grad(op, g):
    m = _math()
    a, b, x = op._inputs
    log_beta = m.subtract(m.add(m.lgamma(a), m.lgamma(b)), m.lgamma(m.add(a, b)))
    dx = m.exp(m.subtract(m.add(m.xlogy(m.subtract(a, 1.0), x),
                                m.multiply(m.subtract(b, 1.0), m.log1p(m.negative(x)))), log_beta))
    return [None, None, m._sum_to(m.multiply(g, dx), x)]


def _zeta_grad(op, g):
    m = _math()
    s, q = op._inputs
    return [None, m._sum_to(m.multiply(g, m.negative(m.multiply(s, zeta(m.add(s, 1.0), q)))), q)]


def _polygamma_grad(op, g):
    m = _math()
    n, x = op._inputs
    return [None, m._sum_to(m.multiply(g, polygamma(m.add(n, 1.0), x)), x)]


def _i0e_grad(op, g):
    m = _math()
    x, y = op._inputs[0], op._outputs[0]
    return [m.multiply(g, m.subtract(bessel_i1e(x), m.multiply(m.sign(x), y)))]


def _i1e_grad(op, g):
    m = _math()
    x, y = op._inputs[0], op._outputs[0]
    # i1e' = i0e - i1e * (sign(x) + 1/x), which is 1/2 at x = 0
    safe_x = m.where_v2(m.equal(x, 0.0), m.ones_like_(x), x)
    d = m.subtract(bessel_i0e(x), m.multiply(y, m.add(m.sign(x), m.reciprocal(safe_x))))
    return [m.multiply(g, m.where_v2(m.equal(x, 0.0), m.multiply(m.ones_like_(x), 0.5), d))]


def _erfinv_grad(op, g):
    m = _math()
    y = op._outputs[0]
    return [m.multiply(g, m.multiply(np.sqrt(np.pi) / 2, m.exp(m.square(y))))]


def _ndtri_grad(op, g):
    m = _math()
    y = op._outputs[0]
    return [m.multiply(g, m.multiply(np.sqrt(2 * np.pi), m.exp(m.multiply(m.square(y), 0.5))))]


_define("Igamma", lambda a, x: _igamma_scalar(a, x, False), 2, lambda op, g: _igamma_grad(op, g, False))
_define("Igammac", lambda a, x: _igamma_scalar(a, x, True), 2, lambda op, g: _igamma_grad(op, g, True))
_define("Betainc", _betainc_scalar, 3, _betainc_grad)
_define("Zeta", _zeta_scalar, 2, _zeta_grad)
_define("Polygamma", _polygamma_scalar, 2, _polygamma_grad)
_define("BesselI0e", lambda x: _bessel_scaled_scalar(0, x), 1, _i0e_grad)
_define("BesselI1e", lambda x: _bessel_scaled_scalar(1, x), 1, _i1e_grad)
_define("BesselI0", lambda x: _bessel_scaled_scalar(0, x) * math.exp(abs(x)), 1,
        lambda op, g: [_math().multiply(g, bessel_i1(op._inputs[0]))])
_define("BesselI1", lambda x: _bessel_scaled_scalar(1, x) * math.exp(abs(x)), 1, None)
_define("Erfinv", _erfinv_scalar, 1, _erfinv_grad)
_define("Ndtri", _ndtri_scalar, 1, _ndtri_grad)
define("NextAfter", _float_rule("NextAfter", 2), lambda x1, x2: np.nextafter(x1, x2).astype(x1.dtype),
       differentiable=False)


# --- public wrappers -------------------------------------------------------------------------------
def _op(op_type: str, args, names, name) -> Tensor:
    """`op_type` of `args`, the later ones converted to the first tensor's dtype."""
    first = next((a for a in args if isinstance(a, Tensor)), None)
    dtype = first._dtype.base_dtype if first is not None else None
    ts = [convert_to_tensor(a, dtype=dtype if not isinstance(a, Tensor) else None, name=n)
          for a, n in zip(args, names)]
    return make1(op_type, ts, name=name or op_type)


def igamma(a, x, name=None) -> Tensor:
    """`tf.math.igamma`: the regularized lower incomplete gamma function P(a, x)."""
    return _op("Igamma", [a, x], ["a", "x"], name)


def igammac(a, x, name=None) -> Tensor:
    """`tf.math.igammac`: the regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x)."""
    return _op("Igammac", [a, x], ["a", "x"], name)


def betainc(a, b, x, name=None) -> Tensor:
    """`tf.math.betainc`: the regularized incomplete beta function I_x(a, b)."""
    return _op("Betainc", [a, b, x], ["a", "b", "x"], name)


def zeta(x, q, name=None) -> Tensor:
    """`tf.math.zeta`: the Hurwitz zeta function sum over n of (n + q)^-x."""
    return _op("Zeta", [x, q], ["x", "q"], name)


def polygamma(a, x, name=None) -> Tensor:
    """`tf.math.polygamma`: the a-th derivative of digamma (NaN unless a is a whole number)."""
    return _op("Polygamma", [a, x], ["a", "x"], name)


def bessel_i0e(x, name=None) -> Tensor:
    """`tf.math.bessel_i0e`: exp(-|x|) I0(x)."""
    return _op("BesselI0e", [x], ["x"], name)


def bessel_i1e(x, name=None) -> Tensor:
    """`tf.math.bessel_i1e`: exp(-|x|) I1(x)."""
    return _op("BesselI1e", [x], ["x"], name)


def bessel_i0(x, name=None) -> Tensor:
    """`tf.math.bessel_i0`: the modified Bessel function I0."""
    return _op("BesselI0", [x], ["x"], name)


def bessel_i1(x, name=None) -> Tensor:
    """`tf.math.bessel_i1`: the modified Bessel function I1."""
    return _op("BesselI1", [x], ["x"], name)


def erfinv(x, name=None) -> Tensor:
    """`tf.math.erfinv`: the inverse of erf on (-1, 1) (+-inf at +-1, NaN outside)."""
    return _op("Erfinv", [x], ["x"], name)


def ndtri(x, name=None) -> Tensor:
    """`tf.math.ndtri`: the standard normal quantile, the inverse of its CDF."""
    return _op("Ndtri", [x], ["x"], name)


def nextafter(x1, x2, name=None) -> Tensor:
    """`tf.math.nextafter`: the next representable value after x1 in the direction of x2."""
    return _op("NextAfter", [x1, x2], ["x1", "x2"], name)


def lbeta(x, name=None) -> Tensor:
    """`tf.math.lbeta`: log of the multivariate beta function over the last axis,
    sum(lgamma(x)) - lgamma(sum(x)); -inf for an empty last axis."""
    m = _math()
    with name_scope(name, "lbeta", [x]):
        x = convert_to_tensor(x, name="x")
        log_prod_gamma = m.reduce_sum(m.lgamma(x), axis=[-1])
        sum_x = m.reduce_sum(x, axis=[-1])
        return m.subtract(log_prod_gamma, m.lgamma(sum_x))


def polyval(coeffs, x, name=None) -> Tensor:
    """`tf.math.polyval`: coeffs[0] * x^(n-1) + ... + coeffs[n-1], by Horner's rule."""
    if not isinstance(coeffs, (list, tuple)):
        raise ValueError("Argument coeffs must be list type found %s." % type(coeffs))
    with name_scope(name, "polyval", list(coeffs) + [x]):
        x = convert_to_tensor(x, name="x")
        if not coeffs:
            return _math().zeros_like_(x)
        coeffs = [convert_to_tensor(c, dtype=x._dtype.base_dtype, name="coeff_%d" % i)
                  for i, c in enumerate(coeffs)]
        p = coeffs[0]
        for c in coeffs[1:]:
            p = c + p * x
        return p


def _monotonic(x, name, default_name: str, strict: bool) -> Tensor:
    from . import array_ops
    m = _math()
    with name_scope(name, default_name, [x]):
        x = convert_to_tensor(x, name="x")
        flat = array_ops.reshape(x, [-1])
        later, earlier = flat[1:], flat[:-1]
        ok = m.less(earlier, later) if strict else m.less_equal(earlier, later)
        return m.reduce_all(ok)


def is_non_decreasing(x, name=None) -> Tensor:
    """`tf.math.is_non_decreasing`: whether x[i] <= x[i + 1] throughout (flattened)."""
    return _monotonic(x, name, "is_non_decreasing", strict=False)


def is_strictly_increasing(x, name=None) -> Tensor:
    """`tf.math.is_strictly_increasing`: whether x[i] < x[i + 1] throughout (flattened)."""
    return _monotonic(x, name, "is_strictly_increasing", strict=True)


def reciprocal_no_nan(x, name=None) -> Tensor:
    """`tf.math.reciprocal_no_nan`: 1 / x, and 0 where x is 0."""
    m = _math()
    with name_scope(name, "reciprocal_no_nan", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return m.div_no_nan(m.ones_like_(x), x, name=scope)


define("Xlog1py", _float_rule("Xlog1py", 2),
       lambda x, y: np.where(x == 0, np.zeros((), x.dtype), x * np.log1p(y)).astype(x.dtype),
       differentiable=False)


def xlog1py(x, y, name=None) -> Tensor:
    """`tf.math.xlog1py`: x * log1p(y), and 0 where x is 0."""
    return _op("Xlog1py", [x, y], ["x", "y"], name)


def _angle_rule(inputs, attrs):
    x = inputs[0]
    op_util.check_dtype_in("Angle", x, op_util.COMPLEX)
    return [(x._dtype.real_dtype, x._shape)]


define("Angle", _angle_rule, lambda x: np.angle(x).astype(np.real(x).dtype), differentiable=False)


def angle(input, name=None) -> Tensor:  # noqa: A002
    """`tf.math.angle`: the argument of each complex element (pi or 0 for real ones)."""
    m = _math()
    with name_scope(name, "Angle", [input]) as scope:
        x = convert_to_tensor(input, name="input")
        if x._dtype.is_complex:
            return make1("Angle", [x], name=scope)
        from .array_ops import where
        return where(m.less(x, m.zeros_like_(x)), np.pi * m.ones_like_(x), m.zeros_like_(x),
                     name=scope)


def confusion_matrix(labels, predictions, num_classes=None, weights=None, dtype=dtypes.int32,
                     name=None) -> Tensor:
    """`tf.math.confusion_matrix`: counts (or summed weights) of each (label, prediction) pair in a
    [num_classes, num_classes] matrix; num_classes defaults to the largest value seen plus one."""
    from . import array_ops
    m = _math()
    with name_scope(name, "confusion_matrix", (predictions, labels, num_classes, weights)):
        labels = m.cast(convert_to_tensor(labels, name="labels"), dtypes.int64)
        predictions = m.cast(convert_to_tensor(predictions, name="predictions"), dtypes.int64)
        if num_classes is None:
            num_classes = m.maximum(m.reduce_max(predictions), m.reduce_max(labels)) + 1
        else:
            num_classes = m.cast(convert_to_tensor(num_classes, name="num_classes"), dtypes.int64)
        shape = array_ops.stack([num_classes, num_classes])
        indices = array_ops.stack([labels, predictions], axis=1)
        values = (array_ops.ones_like(predictions, dtype) if weights is None
                  else m.cast(convert_to_tensor(weights, name="weights"), dtype))
        return array_ops.scatter_nd(indices, values, shape)
