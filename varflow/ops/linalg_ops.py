"""Dense linear algebra on NumPy (`tf.matrix_inverse`, `tf.matrix_determinant`, `tf.cholesky`,
`tf.matrix_solve`, `tf.linalg.slogdet`/`logdet`), batched over leading dimensions, with gradients."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import array_ops, math_ops
from .op_util import FLOATS, check_dtype_in, make, make1

__all__ = ["matrix_inverse", "matrix_determinant", "cholesky", "matrix_solve",
           "log_matrix_determinant"]

_LINALG_DTYPES = (dtypes.float32, dtypes.float64, dtypes.complex64, dtypes.complex128)


def _square(t, op_type: str):
    check_dtype_in(op_type, t, _LINALG_DTYPES, "input")
    s = t.shape
    if s.ndims is not None:
        if s.ndims < 2:
            raise ValueError("Shape must be at least rank 2 but is rank %d for '%s'"
                             % (s.ndims, op_type))
        if s[-1] is not None and s[-2] is not None and s[-1] != s[-2]:
            raise ValueError("Dimensions must be equal, but are %d and %d for '%s'"
                             % (s[-2], s[-1], op_type))
    return s


def _square_rule(inputs, attrs):
    return [(inputs[0].dtype.base_dtype, inputs[0].shape)]


def _batch_rule(inputs, attrs):
    s = inputs[0].shape
    return [(inputs[0].dtype.base_dtype, s[:-2] if s.ndims is not None else unknown_shape())]


def _adjoint(x):
    return array_ops.matrix_transpose(x)


def _inverse_kernel(x, adjoint=False):
    inv = np.linalg.inv(x)
    if adjoint:
        inv = np.conj(np.swapaxes(inv, -1, -2))
    return inv.astype(x.dtype, copy=False)


def _inverse_grad(op, g):
    ainv = op.outputs[0]
    return [-math_ops.matmul(ainv, math_ops.matmul(g, ainv, transpose_b=True), transpose_a=True)]


define("MatrixInverse", _square_rule, _inverse_kernel, grad=_inverse_grad)


def matrix_inverse(input, adjoint=False, name=None):  # noqa: A002 - TF's argument name
    """`tf.matrix_inverse` / `tf.linalg.inv`: inverses of the innermost square matrices."""
    x = convert_to_tensor(input, name="input")
    _square(x, "MatrixInverse")
    if adjoint:
        x = _adjoint(x)
    return make1("MatrixInverse", [x], {"adjoint": False}, name=name or "MatrixInverse")


def _det_grad(op, g):
    det = op.outputs[0]
    ainv = matrix_inverse(op.inputs[0])
    scale = array_ops.expand_dims(array_ops.expand_dims(g * det, -1), -1)
    return [scale * _adjoint(ainv)]


define("MatrixDeterminant", _batch_rule,
       lambda x: np.asarray(np.linalg.det(x)).astype(x.dtype, copy=False), grad=_det_grad)


def matrix_determinant(input, name=None):  # noqa: A002
    """`tf.matrix_determinant` / `tf.linalg.det`."""
    x = convert_to_tensor(input, name="input")
    _square(x, "MatrixDeterminant")
    return make1("MatrixDeterminant", [x], name=name or "MatrixDeterminant")


def _slogdet_kernel(x):
    sign, logdet = np.linalg.slogdet(x)
    return np.asarray(sign).astype(x.dtype), np.asarray(logdet).astype(x.dtype)


def _slogdet_grad(op, g_sign, g_logdet):
    ainv = matrix_inverse(op.inputs[0])
    scale = array_ops.expand_dims(array_ops.expand_dims(g_logdet, -1), -1)
    return [scale * _adjoint(ainv)]


define("LogMatrixDeterminant", lambda inputs, attrs: _batch_rule(inputs, attrs) * 2,
       _slogdet_kernel, grad=_slogdet_grad)


def log_matrix_determinant(input, name=None):  # noqa: A002
    """`tf.linalg.slogdet`: (sign, log|det|) of the innermost square matrices."""
    x = convert_to_tensor(input, name="input")
    _square(x, "LogMatrixDeterminant")
    return tuple(make("LogMatrixDeterminant", [x], name=name or "LogMatrixDeterminant")._outputs)


def logdet(matrix, name=None):
    """`tf.linalg.logdet`: log-determinant of Hermitian positive definite matrices (by Cholesky)."""
    with name_scope(name, "logdet", [matrix]):
        chol = cholesky(matrix)
        return 2.0 * math_ops.reduce_sum(math_ops.log(math_ops.real(array_ops.matrix_diag_part(chol))),
                                         axis=[-1])


def _cholesky_kernel(x):
    from ..framework import errors

    try:
        return np.linalg.cholesky(x).astype(x.dtype, copy=False)
    except np.linalg.LinAlgError:
        raise errors.InvalidArgumentError(None, None, "Cholesky decomposition was not successful. "
                                          "The input might not be valid.") from None


def _cholesky_grad(op, g):
    """TF's formula: with L⁻¹ and Φ(Lᴴ g) (lower part, half diagonal), A' = sym(L⁻ᴴ Φ L⁻¹)/2."""
    chol = op.outputs[0]
    l_inv = matrix_inverse(chol)
    middle = math_ops.matmul(chol, g, transpose_a=True)
    middle = array_ops.matrix_set_diag(middle, 0.5 * array_ops.matrix_diag_part(middle))
    middle = array_ops.matrix_band_part(middle, -1, 0)
    grad_a = math_ops.matmul(math_ops.matmul(l_inv, middle, transpose_a=True), l_inv)
    return [0.5 * (grad_a + _adjoint(grad_a))]


define("Cholesky", _square_rule, _cholesky_kernel, grad=_cholesky_grad)


def cholesky(input, name=None):  # noqa: A002
    """`tf.cholesky` / `tf.linalg.cholesky`: lower-triangular L with L Lᴴ = input."""
    x = convert_to_tensor(input, name="input")
    _square(x, "Cholesky")
    return make1("Cholesky", [x], name=name or "Cholesky")


def _solve_rule(inputs, attrs):
    a, b = inputs[0].shape, inputs[1].shape
    if a.ndims is not None and b.ndims is not None and a[-1] is not None and b[-2] is not None \
            and a[-1] != b[-2]:
        raise ValueError("Dimensions must be equal, but are %d and %d for 'MatrixSolve'"
                         % (a[-1], b[-2]))
    out = b if b.ndims is not None else unknown_shape()
    return [(inputs[1].dtype.base_dtype, out if isinstance(out, TensorShape) else TensorShape(out))]


def _solve_kernel(a, b, adjoint=False):
    if adjoint:
        a = np.conj(np.swapaxes(a, -1, -2))
    return np.linalg.solve(a, b).astype(b.dtype, copy=False)


def _solve_grad(op, g):
    a, x = op.inputs[0], op.outputs[0]
    adjoint = op.get_attr("adjoint")
    grad_b = matrix_solve(a, g, adjoint=not adjoint)
    if adjoint:
        grad_a = -math_ops.matmul(x, grad_b, transpose_b=True)
    else:
        grad_a = -math_ops.matmul(grad_b, x, transpose_b=True)
    return [grad_a, grad_b]


define("MatrixSolve", _solve_rule, _solve_kernel, grad=_solve_grad)


def matrix_solve(matrix, rhs, adjoint=False, name=None):
    """`tf.matrix_solve` / `tf.linalg.solve`: X with matrix @ X = rhs (or matrixᴴ @ X)."""
    a = convert_to_tensor(matrix, name="matrix")
    b = convert_to_tensor(rhs, name="rhs", dtype=a.dtype.base_dtype)
    _square(a, "MatrixSolve")
    if a.dtype.base_dtype not in FLOATS + (dtypes.complex64, dtypes.complex128):
        raise TypeError("matrix_solve needs float or complex matrices, got %s" % a.dtype.name)
    return make1("MatrixSolve", [a, b], {"adjoint": bool(adjoint)}, name=name or "MatrixSolve")
