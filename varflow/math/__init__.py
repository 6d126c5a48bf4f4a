"""`tf.math`: the math functions under their TF2 names (re-exports of varflow.ops.math_ops)."""
# ruff: noqa: F401
from ..ops.math_ops import (abs, accumulate_n, acos, acosh, add, add_n, argmax, argmin, asin,
                            asinh, atan, atan2, atanh, bincount, ceil, conj, cos, cosh, count_nonzero,
                            cumprod, cumsum, digamma, divide, divide_no_nan, equal, erf, erfc, exp,
                            expm1, floor, floordiv, floormod, greater, greater_equal, imag, is_finite,
                            is_inf, is_nan, less, less_equal, lgamma, log, log1p, log_sigmoid,
                            logical_and, logical_not, logical_or, logical_xor, maximum, minimum,
                            multiply, multiply_no_nan, negative, not_equal, pow, real, reciprocal,
                            reduce_all, reduce_any, reduce_euclidean_norm, reduce_logsumexp,
                            reduce_max, reduce_mean, reduce_min, reduce_prod, reduce_std,
                            reduce_sum, reduce_variance, rint, round, rsqrt, scalar_mul,
                            segment_max, segment_mean, segment_min, segment_prod, segment_sum,
                            sigmoid, sign, sin, sinh, sqrt, square, squared_difference, subtract,
                            tan, tanh, truediv, unsorted_segment_max, unsorted_segment_mean,
                            unsorted_segment_min, unsorted_segment_prod, unsorted_segment_sqrt_n,
                            unsorted_segment_sum)
from ..ops.math_ops import cumulative_logsumexp
from ..ops.special_math import (angle, bessel_i0, bessel_i0e, bessel_i1, bessel_i1e, betainc,
                                confusion_matrix, erfinv, igamma, igammac, is_non_decreasing,
                                is_strictly_increasing, lbeta, ndtri, nextafter, polygamma, polyval,
                                reciprocal_no_nan, xlog1py, zeta)
from ..ops.math_ops import floormod as mod
from ..ops.math_ops import xdivy, xlogy
from ..ops.array_ops import invert_permutation
from ..ops.nn_ops import in_top_k, l2_normalize, log_softmax, softmax, softplus, softsign, top_k
