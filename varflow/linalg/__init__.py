"""`tf.linalg`: the linear-algebra namespace (TF1's `matrix_*` ops under their `tf.linalg` names).

Re-exports only, plus two one-line compositions (`adjoint`, `matvec`); the ops live in
`varflow.ops.linalg_ops`, `math_ops` and `array_ops`.
"""
# ruff: noqa: F401
from ..ops.array_ops import diag as tensor_diag
from ..ops.array_ops import diag_part as tensor_diag_part
from ..ops.array_ops import eye, matrix_transpose
from ..ops.array_ops import matrix_band_part as band_part
from ..ops.array_ops import matrix_diag as diag
from ..ops.array_ops import matrix_diag_part as diag_part
from ..ops.array_ops import matrix_set_diag as set_diag
from ..ops.array_ops import matrix_transpose as transpose
from ..ops.clip_ops import global_norm
from ..ops.linalg_ops import cholesky, logdet
from ..ops.linalg_ops import log_matrix_determinant as slogdet
from ..ops.linalg_ops import matrix_determinant as det
from ..ops.linalg_ops import matrix_inverse as inv
from ..ops.linalg_ops import matrix_solve as solve
from ..ops.linalg_ops import cross, eigh, eigvalsh, pinv, qr, svd, triangular_solve
from ..ops.linalg_extra_ops import cholesky_solve
from ..ops.linalg_extra_ops import matrix_solve_ls as lstsq
from ..ops.linalg_extra_ops import matrix_square_root as sqrtm
from ..ops.math_ops import einsum, matmul, norm, tensordot, trace
from ..ops.nn_ops import l2_normalize


def adjoint(matrix, name: str = "adjoint"):
    """Conjugate transpose of the innermost matrices."""
    return matrix_transpose(matrix, name=name, conjugate=True)


def matvec(a, b, transpose_a: bool = False, adjoint_a: bool = False, a_is_sparse: bool = False,
           b_is_sparse: bool = False, name=None):
    """`a @ b` for a batch of matrices `a` and vectors `b`."""
    from ..framework.graph import name_scope
    from ..ops import array_ops

    with name_scope(name, "MatVec", [a, b]):
        prod = matmul(a, array_ops.expand_dims(b, -1), transpose_a=transpose_a, adjoint_a=adjoint_a)
        return array_ops.squeeze(prod, axis=-1)
