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
           "log_matrix_determinant", "qr", "svd", "eigh", "eigvalsh", "matrix_triangular_solve",
           "triangular_solve", "cross", "pinv"]

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
    """Lower-triangular factors; a matrix that is not positive definite gets NaN in its lower
    triangle (TF 2.21's CPU kernel no longer raises for it)."""
    flat = x.reshape((-1,) + x.shape[-2:])
    out = np.zeros_like(flat)
    for i, m in enumerate(flat):
        try:
            out[i] = np.linalg.cholesky(m)
        except np.linalg.LinAlgError:
            out[i] = np.where(np.tri(m.shape[-1], dtype=bool), np.nan, 0)
    return out.reshape(x.shape)


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


# --- decompositions: Qr, Svd, SelfAdjointEigV2 (batched over leading dimensions) ---------------
def _matrix_dims(t):
    s = t.shape
    if s.ndims is None:
        return None, None, None
    if s.ndims < 2:
        raise ValueError("Shape must be at least rank 2 but is rank %d" % s.ndims)
    return s[:-2], s[-2], s[-1]


def _qr_rule(inputs, attrs):
    x = inputs[0]
    batch, m, n = _matrix_dims(x)
    dt = x.dtype.base_dtype
    if batch is None:
        return [(dt, unknown_shape()), (dt, unknown_shape())]
    k = None if m is None or n is None else min(m, n)
    q_cols, r_rows = (m, m) if attrs["full_matrices"] else (k, k)
    return [(dt, batch.concatenate([m, q_cols])), (dt, batch.concatenate([r_rows, n]))]


def _qr_kernel(x, full_matrices=False):
    q, r = np.linalg.qr(x, mode="complete" if full_matrices else "reduced")
    return q.astype(x.dtype, copy=False), r.astype(x.dtype, copy=False)


def _qr_grad(op, dq, dr):
    from .linalg_extra_ops import qr_grad       # (it builds on this module)

    return qr_grad(op, dq, dr)


define("Qr", _qr_rule, _qr_kernel, grad=_qr_grad)


def qr(input, full_matrices: bool = False, name=None):  # noqa: A002
    """`tf.linalg.qr`: (q, r) with q orthonormal columns and r upper triangular, q @ r = input."""
    x = convert_to_tensor(input, name="input")
    check_dtype_in("Qr", x, _LINALG_DTYPES + (dtypes.float16,), "input")
    return tuple(make("Qr", [x], {"full_matrices": bool(full_matrices)}, name=name or "Qr")._outputs)


def _svd_rule(inputs, attrs):
    x = inputs[0]
    batch, m, n = _matrix_dims(x)
    dt = x.dtype.base_dtype
    real = dt.real_dtype
    if batch is None:
        return [(real, unknown_shape()), (dt, unknown_shape()), (dt, unknown_shape())]
    k = None if m is None or n is None else min(m, n)
    if not attrs["compute_uv"]:
        return [(real, batch.concatenate([k])), (dt, TensorShape([0])), (dt, TensorShape([0]))]
    u_cols, v_cols = (m, n) if attrs["full_matrices"] else (k, k)
    return [(real, batch.concatenate([k])), (dt, batch.concatenate([m, u_cols])),
            (dt, batch.concatenate([n, v_cols]))]


def _svd_kernel(x, compute_uv=True, full_matrices=False):
    real = np.real(np.zeros((), x.dtype)).dtype
    if not compute_uv:
        empty = np.zeros((0,), x.dtype)
        return np.linalg.svd(x, compute_uv=False).astype(real), empty, empty
    u, s, vh = np.linalg.svd(x, full_matrices=full_matrices)
    v = np.conj(np.swapaxes(vh, -1, -2))
    return s.astype(real), u.astype(x.dtype, copy=False), v.astype(x.dtype, copy=False)


def _svd_grad(op, *grads):
    from .linalg_extra_ops import svd_grad      # (it builds on this module)

    return svd_grad(op, *grads)


define("Svd", _svd_rule, _svd_kernel, grad=_svd_grad)


def svd(tensor, full_matrices: bool = False, compute_uv: bool = True, name=None):
    """`tf.linalg.svd`: (s, u, v) with tensor = u @ diag(s) @ adjoint(v); only s when not
    compute_uv. Singular values come in descending order."""
    x = convert_to_tensor(tensor, name="tensor")
    check_dtype_in("Svd", x, _LINALG_DTYPES + (dtypes.float16,), "input")
    op = make("Svd", [x], {"compute_uv": bool(compute_uv), "full_matrices": bool(full_matrices)},
              name=name or "Svd")
    return tuple(op._outputs) if compute_uv else op._outputs[0]


def _eigh_rule(inputs, attrs):
    x = inputs[0]
    batch, m, n = _matrix_dims(x)
    dt = x.dtype.base_dtype
    if batch is None:
        return [(dt.real_dtype, unknown_shape()), (dt, unknown_shape())]
    vectors = batch.concatenate([m, n]) if attrs["compute_v"] else TensorShape([0])
    return [(dt.real_dtype, batch.concatenate([m])), (dt, vectors)]


def _eigh_kernel(x, compute_v=True):
    e, v = np.linalg.eigh(x)
    real = np.real(np.zeros((), x.dtype)).dtype
    return e.astype(real), (v.astype(x.dtype, copy=False) if compute_v else np.zeros((0,), x.dtype))


def _eigh_grad(op, g_e, g_v):
    """Eigenvalues: V diag(g_e) Vᴴ; eigenvectors: V (F ∘ Vᴴ g_v) Vᴴ with F_ij = 1/(e_j - e_i)
    off the diagonal, symmetrised (as TF)."""
    e, v = op.outputs
    if not op.get_attr("compute_v"):   # eigvalsh: the vectors are computed for the gradient
        v, g_v = eigh(op.inputs[0])[1], None
    grad = math_ops.matmul(v * array_ops.expand_dims(
        g_e if g_e is not None else array_ops.zeros_like(e), -2), v, adjoint_b=True)
    if g_v is not None:
        diff = array_ops.expand_dims(e, -2) - array_ops.expand_dims(e, -1)
        f = array_ops.matrix_set_diag(math_ops.reciprocal(
            array_ops.matrix_set_diag(diff, array_ops.ones_like(e))), array_ops.zeros_like(e))
        inner = f * math_ops.matmul(v, g_v, adjoint_a=True)
        grad = grad + math_ops.matmul(v, math_ops.matmul(inner, v, adjoint_b=True))
    grad = array_ops.matrix_band_part(grad + _adjoint(grad), -1, 0)
    return [array_ops.matrix_set_diag(grad, 0.5 * array_ops.matrix_diag_part(grad))]


define("SelfAdjointEigV2", _eigh_rule, _eigh_kernel, grad=_eigh_grad)


def eigh(tensor, name=None):
    """`tf.linalg.eigh`: (eigenvalues ascending, eigenvectors as columns) of Hermitian matrices."""
    x = convert_to_tensor(tensor, name="tensor")
    check_dtype_in("SelfAdjointEigV2", x, _LINALG_DTYPES + (dtypes.float16,), "input")
    return tuple(make("SelfAdjointEigV2", [x], {"compute_v": True},
                      name=name or "SelfAdjointEigV2")._outputs)


def eigvalsh(tensor, name=None):
    """`tf.linalg.eigvalsh`: the eigenvalues of Hermitian matrices, ascending."""
    x = convert_to_tensor(tensor, name="tensor")
    check_dtype_in("SelfAdjointEigV2", x, _LINALG_DTYPES + (dtypes.float16,), "input")
    return make("SelfAdjointEigV2", [x], {"compute_v": False},
                name=name or "SelfAdjointEigV2")._outputs[0]


# --- triangular solves, least squares, cross products, pseudo-inverse ---------------------------
def _triangular_rule(inputs, attrs):
    a, b = inputs[0].shape, inputs[1].shape
    if a.ndims is not None and b.ndims is not None and a[-1] is not None and b[-2] is not None \
            and a[-1] != b[-2]:
        raise ValueError("Dimensions must be equal, but are %d and %d for 'MatrixTriangularSolve'"
                         % (a[-1], b[-2]))
    if a.ndims is None or b.ndims is None:
        return [(inputs[1].dtype.base_dtype, unknown_shape())]
    from ..framework.tensor_shape import broadcast_shapes
    batch = broadcast_shapes(a[:-2], b[:-2])
    return [(inputs[1].dtype.base_dtype, batch.concatenate(b[-2:]))]


def _triangular_kernel(a, b, lower=True, adjoint=False):
    tri = np.tril(a) if lower else np.triu(a)
    if adjoint:
        tri = np.conj(np.swapaxes(tri, -1, -2))
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    tri = np.broadcast_to(tri, batch + tri.shape[-2:])
    b = np.broadcast_to(b, batch + b.shape[-2:])
    return np.linalg.solve(tri, b).astype(b.dtype, copy=False)


def _triangular_grad(op, g):
    a, x = op.inputs[0], op.outputs[0]
    lower, adjoint = op.get_attr("lower"), op.get_attr("adjoint")
    grad_b = matrix_triangular_solve(a, g, lower=lower, adjoint=not adjoint)
    if adjoint:
        grad_a = -math_ops.matmul(x, grad_b, adjoint_b=True)
    else:
        grad_a = -math_ops.matmul(grad_b, x, adjoint_b=True)
    grad_a = array_ops.matrix_band_part(grad_a, -1, 0) if lower else \
        array_ops.matrix_band_part(grad_a, 0, -1)
    return [math_ops._sum_to(grad_a, a), math_ops._sum_to(grad_b, op.inputs[1])]


define("MatrixTriangularSolve", _triangular_rule, _triangular_kernel, grad=_triangular_grad)


def matrix_triangular_solve(matrix, rhs, lower: bool = True, adjoint: bool = False, name=None):
    """`tf.linalg.triangular_solve` / `tf.matrix_triangular_solve`: X with T @ X = rhs for the
    lower (or upper) triangle T of `matrix` (its other entries are ignored)."""
    a = convert_to_tensor(matrix, name="matrix")
    b = convert_to_tensor(rhs, name="rhs", dtype=a.dtype.base_dtype)
    check_dtype_in("MatrixTriangularSolve", a, _LINALG_DTYPES + (dtypes.float16,), "matrix")
    return make1("MatrixTriangularSolve", [a, b], {"lower": bool(lower), "adjoint": bool(adjoint)},
                 name=name or "MatrixTriangularSolve")


def triangular_solve(matrix, rhs, lower: bool = True, adjoint: bool = False, name=None):
    """`tf.linalg.triangular_solve` (the op under a `triangular_solve` name scope, as in TF)."""
    with name_scope(name, "triangular_solve", [matrix, rhs]):
        return matrix_triangular_solve(matrix, rhs, lower=lower, adjoint=adjoint)


def _solve_ls_kernel(a, b, l2, fast=True):
    """The regularised least-squares solution: (AᴴA + l2 I)⁻¹ Aᴴ B for tall A, else
    Aᴴ (AAᴴ + l2 I)⁻¹ B."""
    ah = np.conj(np.swapaxes(a, -1, -2))
    m, n = a.shape[-2:]
    reg = float(l2)
    if m >= n:
        gram = ah @ a + reg * np.eye(n, dtype=a.dtype)
        out = np.linalg.solve(gram, ah @ b)
    else:
        gram = a @ ah + reg * np.eye(m, dtype=a.dtype)
        out = ah @ np.linalg.solve(gram, b)
    return out.astype(b.dtype, copy=False)


def _solve_ls_rule(inputs, attrs):
    a, b = inputs[0].shape, inputs[1].shape
    if a.ndims is None or b.ndims is None:
        return [(inputs[1].dtype.base_dtype, unknown_shape())]
    return [(inputs[1].dtype.base_dtype, a[:-2].concatenate([a[-1], b[-1]]))]


define("MatrixSolveLs", _solve_ls_rule, _solve_ls_kernel)


def _cross_rule(inputs, attrs):
    a, b = inputs
    for s in (a.shape, b.shape):
        if s.ndims is not None and s[-1] is not None and s[-1] != 3:
            raise ValueError("Dimension must be 3 but is %d for 'Cross'" % s[-1])
    return [(a.dtype.base_dtype, a.shape.merge_with(b.shape))]


define("Cross", _cross_rule, lambda a, b: np.cross(a, b).astype(a.dtype, copy=False),
       grad=lambda op, g: [cross(op.inputs[1], g), cross(g, op.inputs[0])])


def cross(a, b, name=None):
    """`tf.linalg.cross`: pairwise cross products of 3-vectors along the last axis."""
    a = convert_to_tensor(a, name="a")
    b = convert_to_tensor(b, name="b", dtype=a.dtype.base_dtype)
    return make1("Cross", [a, b], name=name or "Cross")


def pinv(a, rcond=None, validate_args: bool = False, name=None):
    """`tf.linalg.pinv`: the Moore-Penrose pseudo-inverse by SVD; singular values up to
    rcond * max(s) (default 10 * max(m, n) * eps) count as zero."""
    with name_scope(name, "pinv", [a, rcond]):
        a = convert_to_tensor(a, name="a")
        dt = a.dtype.base_dtype
        if rcond is None:
            m, n = a.shape[-2], a.shape[-1]
            rcond = 10.0 * max(m or 1, n or 1) * np.finfo(dt.real_dtype.np_dtype).eps
        s, u, v = svd(a, full_matrices=False)
        cutoff = rcond * math_ops.reduce_max(s, axis=-1)
        inv_s = array_ops.where_v2(s > array_ops.expand_dims(cutoff, -1), math_ops.reciprocal(
            array_ops.where_v2(math_ops.equal(s, 0.0), array_ops.ones_like(s), s)), array_ops.zeros_like(s))
        return math_ops.matmul(v * array_ops.expand_dims(math_ops.cast(inv_s, dt), -2), u, adjoint_b=True)
