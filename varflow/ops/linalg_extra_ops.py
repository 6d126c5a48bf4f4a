"""TF1's further linear algebra: `tf.cholesky_solve`, `tf.matrix_solve_ls`, `tf.matrix_square_root`,
and the gradients TF gives Qr and Svd (defined in linalg_ops) as functions for that module to attach."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from . import array_ops, linalg_ops, math_ops
from .linalg_ops import _LINALG_DTYPES, _adjoint
from .op_util import check_dtype_in, make1

__all__ = ["cholesky_solve", "matrix_solve_ls", "matrix_square_root"]


def _tri_solve(matrix: Tensor, rhs: Tensor, adjoint: bool) -> Tensor:
    return make1("MatrixTriangularSolve", [matrix, rhs], {"lower": True, "adjoint": adjoint},
                 name="MatrixTriangularSolve")


def cholesky_solve(chol, rhs, name=None) -> Tensor:
    """`tf.cholesky_solve` / `tf.linalg.cholesky_solve`: X with A X = rhs given chol = cholesky(A),
    by two triangular solves."""
    with name_scope(name, "cholesky_solve", [chol, rhs]):
        chol = convert_to_tensor(chol, name="chol")
        rhs = convert_to_tensor(rhs, name="rhs", dtype=chol.dtype.base_dtype)
        y = _tri_solve(chol, rhs, adjoint=False)
        return _tri_solve(chol, y, adjoint=True)


def matrix_solve_ls(matrix, rhs, l2_regularizer=0.0, fast: bool = True, name=None) -> Tensor:
    """`tf.matrix_solve_ls` / `tf.linalg.lstsq`: least-squares X for matrix @ X ≈ rhs, L2-regularised.
    fast=True solves the normal equations by Cholesky (differentiable, as in TF); fast=False runs the
    MatrixSolveLs op (complete orthogonal decomposition, no gradient)."""
    if not fast:
        a = convert_to_tensor(matrix, name="matrix")
        b = convert_to_tensor(rhs, name="rhs", dtype=a.dtype.base_dtype)
        check_dtype_in("MatrixSolveLs", a, _LINALG_DTYPES, "matrix")
        l2 = convert_to_tensor(l2_regularizer, dtype=dtypes.float64, name="l2_regularizer")
        return make1("MatrixSolveLs", [a, b, l2], {"fast": False}, name=name or "MatrixSolveLs")
    with name_scope(name, "matrix_solve_ls", [matrix, rhs, l2_regularizer]):
        a = convert_to_tensor(matrix, name="matrix")
        b = convert_to_tensor(rhs, name="rhs", dtype=a.dtype.base_dtype)
        check_dtype_in("MatrixSolveLs", a, _LINALG_DTYPES, "matrix")
        m, n = (a.shape[-2], a.shape[-1]) if a.shape.ndims else (None, None)
        if m is None or n is None:
            raise ValueError("matrix_solve_ls with fast=True needs the matrix dimensions known "
                             "statically; got shape %s" % a.shape)
        return _solve_ls_cholesky(a, b, l2_regularizer, m >= n)


def _regularized_gramian(a: Tensor, l2, adjoint_a: bool) -> Tensor:
    gram = math_ops.matmul(a, a, adjoint_a=adjoint_a, adjoint_b=not adjoint_a)
    if isinstance(l2, (int, float)) and l2 == 0:
        return gram
    l2 = math_ops.cast(convert_to_tensor(l2, name="l2_regularizer"), a.dtype.base_dtype)
    ones = array_ops.ones_like(array_ops.matrix_diag_part(gram))
    return gram + array_ops.matrix_diag(l2 * ones)


def _solve_ls_cholesky(a: Tensor, b: Tensor, l2, overdetermined: bool) -> Tensor:
    """(AᴴA + λI)⁻¹ Aᴴ B when A is tall (or square), else Aᴴ (AAᴴ + λI)⁻¹ B."""
    gram = _regularized_gramian(a, l2, adjoint_a=overdetermined)
    chol = linalg_ops.cholesky(gram)
    if overdetermined:
        return cholesky_solve(chol, math_ops.matmul(a, b, adjoint_a=True))
    return math_ops.matmul(a, cholesky_solve(chol, b), adjoint_a=True)


# --- MatrixSquareRoot --------------------------------------------------------------------------
def _sqrtm_kernel(x):
    """The principal square root by eigendecomposition (exact for diagonalizable matrices)."""
    if x.shape[-1] == 0:
        return x.copy()
    w, v = np.linalg.eig(x)
    root = (v * np.sqrt(w.astype(np.complex128))[..., None, :]) @ np.linalg.inv(v)
    if not np.iscomplexobj(x):
        root = np.real(root)
    return root.astype(x.dtype, copy=False)


def _kron(p: Tensor, q: Tensor) -> Tensor:
    """Batched Kronecker product of n×n matrices, as an n²×n² matrix."""
    left = array_ops.expand_dims(array_ops.expand_dims(p, -1), -3)     # [..., n, 1, n, 1]
    right = array_ops.expand_dims(array_ops.expand_dims(q, -2), -4)    # [..., 1, n, 1, n]
    shape = array_ops.shape(p)
    n2 = shape[-1] * shape[-1]
    return array_ops.reshape(left * right, array_ops.concat([shape[:-2], [n2, n2]], 0))


def _sqrtm_grad(op, g):
    """dA = S dS + dS S, so the input gradient X solves Sᴴ X + X Sᴴ = g (a Sylvester equation,
    solved here through its Kronecker form)."""
    s_h = _adjoint(op.outputs[0])
    eye = array_ops.matrix_diag(array_ops.ones_like(array_ops.matrix_diag_part(s_h)))
    system = _kron(s_h, eye) + _kron(eye, math_ops.conj(op.outputs[0]))
    shape = array_ops.shape(g)
    flat = array_ops.reshape(g, array_ops.concat([shape[:-2], [-1, 1]], 0))
    return [array_ops.reshape(linalg_ops.matrix_solve(system, flat), shape)]


def _sqrtm_rule(inputs, attrs):
    s = inputs[0].shape
    if s.ndims is not None:
        if s.ndims < 2:
            raise ValueError("Shape must be at least rank 2 but is rank %d for 'MatrixSquareRoot'"
                             % s.ndims)
        if s[-1] is not None and s[-2] is not None and s[-1] != s[-2]:
            raise ValueError("Dimensions must be equal, but are %d and %d for 'MatrixSquareRoot'"
                             % (s[-2], s[-1]))
    return [(inputs[0].dtype.base_dtype, s)]


define("MatrixSquareRoot", _sqrtm_rule, _sqrtm_kernel, grad=_sqrtm_grad)


def matrix_square_root(input, name=None) -> Tensor:  # noqa: A002 - TF's argument name
    """`tf.matrix_square_root` / `tf.linalg.sqrtm`: the principal square root S (S @ S = input)."""
    x = convert_to_tensor(input, name="input")
    check_dtype_in("MatrixSquareRoot", x, _LINALG_DTYPES, "input")
    return make1("MatrixSquareRoot", [x], name=name or "MatrixSquareRoot")


# --- gradients for Qr and Svd (linalg_ops defines those ops) -----------------------------------
def qr_grad(op, dq, dr):
    """TF's QR gradient: the copy-lower rule for square and tall inputs; a wide input splits into
    its leading square block and the rest. Tall inputs with full_matrices have none (as in TF)."""
    a = op.inputs[0]
    q, r = op.outputs
    m, n = a.shape[-2], a.shape[-1]
    if m is None or n is None:
        raise NotImplementedError("QrGrad not implemented with dynamic shapes.")
    if m > n and op.get_attr("full_matrices"):
        raise NotImplementedError("QrGrad not implemented when nrows > ncols and full_matrices is "
                                  "true. Received r.shape=%s with nrows=%dand ncols=%d."
                                  % (r.shape, m, n))
    dq = dq if dq is not None else array_ops.zeros_like(q)
    dr = dr if dr is not None else array_ops.zeros_like(r)
    if m >= n:
        return [_qr_grad_square_or_tall(q, r, dq, dr)]
    y = a[..., :, m:]
    u = r[..., :, :m]
    dv = dr[..., :, m:]
    du = dr[..., :, :m]
    dx = _qr_grad_square_or_tall(q, u, dq + math_ops.matmul(y, dv, adjoint_b=True), du)
    dy = math_ops.matmul(q, dv)
    return [array_ops.concat([dx, dy], -1)]


def _qr_grad_square_or_tall(q: Tensor, r: Tensor, dq: Tensor, dr: Tensor) -> Tensor:
    qdq = math_ops.matmul(q, dq, adjoint_a=True)
    qdq_ = qdq - _adjoint(qdq)
    rdr = math_ops.matmul(r, dr, adjoint_b=True)
    rdr_ = rdr - _adjoint(rdr)
    tril = array_ops.matrix_band_part(qdq_ + rdr_, -1, 0)
    grad_a = math_ops.matmul(q, dr + _triangular_right_solve(r, tril))
    grad_b = _triangular_right_solve(r, dq - math_ops.matmul(q, qdq))
    return grad_a + grad_b


def _triangular_right_solve(r: Tensor, x: Tensor) -> Tensor:
    """x @ inv(rᴴ) for upper-triangular r, by a lower triangular solve on the adjoints."""
    return _adjoint(linalg_ops.matrix_triangular_solve(r, _adjoint(x), lower=False, adjoint=False))


def svd_grad(op, g_s, g_u, g_v):
    """TF's SVD gradient (real inputs): the singular-value term U diag(g_s) Vᴴ plus, when U and V
    are used, the terms through F_ij = 1/(s_j² - s_i²)."""
    a = op.inputs[0]
    s = op.outputs[0]
    full = op.get_attr("full_matrices")
    if a.dtype.is_complex:
        raise TypeError("varflow's SVD gradient supports real inputs only; got %s" % a.dtype.name)
    if g_s is None:
        g_s = array_ops.zeros_like(s)
    if not op.get_attr("compute_uv"):
        _, u, v = linalg_ops.svd(a, compute_uv=True, full_matrices=full)
        return [_uv_scaled(u, g_s, v, full)]
    u, v = op.outputs[1], op.outputs[2]
    if g_u is None and g_v is None:
        return [_uv_scaled(u, g_s, v, full)]
    m, n = a.shape[-2], a.shape[-1]
    if m is None or n is None:
        raise ValueError("The SVD gradient needs the matrix dimensions known statically; got %s"
                         % a.shape)
    if full and abs(m - n) > 1:
        raise NotImplementedError(
            "svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True. "
            "Received: m=%d and n=%d from op input=%s with shape=%s."
            % (min(m, n), max(m, n), a, a.shape))
    g_u = g_u if g_u is not None else array_ops.zeros_like(u)
    g_v = g_v if g_v is not None else array_ops.zeros_like(v)
    swap = m > n
    if swap:     # work on the wide adjoint, as TF does
        u, v, g_u, g_v = v, u, g_v, g_u
        m, n = n, m
    v1, g_v1 = v[..., :, :m], g_v[..., :, :m]
    s_2 = math_ops.square(s)
    diff = array_ops.expand_dims(s_2, -2) - array_ops.expand_dims(s_2, -1)
    f = array_ops.matrix_set_diag(math_ops.reciprocal(
        array_ops.matrix_set_diag(diff, array_ops.ones_like(s))), array_ops.zeros_like(s))
    s_mat = array_ops.matrix_diag(s)
    f_u = f * math_ops.matmul(u, g_u, adjoint_a=True)
    f_v = f * math_ops.matmul(v1, g_v1, adjoint_a=True)
    inner = array_ops.matrix_diag(g_s) + math_ops.matmul(f_u + _adjoint(f_u), s_mat) + \
        math_ops.matmul(s_mat, f_v + _adjoint(f_v))
    grad = math_ops.matmul(u, math_ops.matmul(inner, v1, adjoint_b=True))
    if m != n:
        gv1_t = _adjoint(g_v1)
        rest = gv1_t - math_ops.matmul(math_ops.matmul(gv1_t, v1), v1, adjoint_b=True)
        if full:
            v2, g_v2 = v[..., :, m:], g_v[..., :, m:]
            rest = rest - math_ops.matmul(math_ops.matmul(v1, g_v2, adjoint_a=True), v2,
                                          adjoint_b=True)
        grad = grad + math_ops.matmul(u * array_ops.expand_dims(math_ops.reciprocal(s), -2), rest)
    return [_adjoint(grad) if swap else grad]


def _uv_scaled(u: Tensor, g_s: Tensor, v: Tensor, full: bool) -> Tensor:
    """U[:, :k] diag(g_s) V[:, :k]ᴴ (the leading k columns when full matrices were computed)."""
    if full:
        k = array_ops.shape(g_s)[-1]
        u = u[..., :, :k]
        v = v[..., :, :k]
    return math_ops.matmul(u * array_ops.expand_dims(math_ops.cast(g_s, u.dtype.base_dtype), -2),
                           v, adjoint_b=True)
