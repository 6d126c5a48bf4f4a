"""tf.linalg and TF1's matrix_* ops: values against NumPy, gradients against finite differences."""
import numpy as np
import pytest

import varflow as tf
from varflow.testing.gradient_checker import assert_gradients_match

r = np.random.RandomState(0)
A = r.randn(2, 3, 3) + 3 * np.eye(3)
SPD = A @ np.swapaxes(A, -1, -2)
B = r.randn(2, 3, 2)


def sym(a):
    return (a + tf.linalg.transpose(a)) / 2


def run(t):
    with tf.Session() as sess:
        return sess.run(t)


def test_values_match_numpy():
    a32 = tf.constant(A.astype(np.float32))
    inv, det, (sign, logabs), chol, sol = run([
        tf.linalg.inv(a32), tf.linalg.det(a32), tf.linalg.slogdet(a32),
        tf.linalg.cholesky(tf.constant(SPD)), tf.linalg.solve(tf.constant(A), tf.constant(B))])
    assert inv.dtype == np.float32 and det.dtype == np.float32 and det.shape == (2,)
    np.testing.assert_allclose(inv, np.linalg.inv(A), rtol=1e-4)
    np.testing.assert_allclose(det, np.linalg.det(A), rtol=1e-4)
    np.testing.assert_allclose(sign * np.exp(logabs), np.linalg.det(A), rtol=1e-4)
    np.testing.assert_allclose(chol, np.linalg.cholesky(SPD), rtol=1e-10)
    np.testing.assert_allclose(sol, np.linalg.solve(A, B), rtol=1e-10)
    np.testing.assert_allclose(run(tf.linalg.logdet(tf.constant(SPD))),
                               np.linalg.slogdet(SPD)[1], rtol=1e-10)
    np.testing.assert_allclose(run(tf.matrix_solve(tf.constant(A), tf.constant(B), adjoint=True)),
                               np.linalg.solve(np.swapaxes(A, -1, -2), B), rtol=1e-10)


def test_legacy_names_and_aliases():
    assert tf.matrix_inverse is tf.linalg.inv and tf.matrix_determinant is tf.linalg.det
    assert tf.cholesky is tf.linalg.cholesky
    assert tf.linalg.band_part is tf.matrix_band_part and tf.linalg.diag is tf.matrix_diag
    assert tf.linalg.diag_part is tf.matrix_diag_part and tf.linalg.set_diag is tf.matrix_set_diag
    assert tf.linalg.transpose is tf.matrix_transpose and tf.linalg.einsum is tf.einsum
    m = tf.constant(A)
    v = tf.constant(np.ones([2, 3]))
    np.testing.assert_allclose(run(tf.linalg.matvec(m, v)), A @ np.ones(3))
    np.testing.assert_allclose(run(tf.linalg.adjoint(m)), np.swapaxes(A, -1, -2))
    np.testing.assert_allclose(run(tf.linalg.trace(m)), np.trace(A, axis1=-2, axis2=-1))
    np.testing.assert_allclose(run(tf.linalg.eye(2)), np.eye(2))


@pytest.mark.parametrize("build, inputs", [
    (lambda a: tf.linalg.inv(a), [A]),
    (lambda a: tf.linalg.det(a), [A]),
    (lambda a: tf.linalg.slogdet(a)[1], [A]),
    (lambda a: tf.linalg.cholesky(sym(a)), [SPD]),
    (lambda a: tf.linalg.logdet(sym(a)), [SPD]),
    (lambda a, b: tf.linalg.solve(a, b), [A, B]),
    (lambda a, b: tf.linalg.solve(a, b, adjoint=True), [A, B]),
])
def test_gradients(build, inputs):
    assert_gradients_match(build, inputs)


def test_errors():
    with pytest.raises(ValueError):
        tf.linalg.inv(tf.zeros([2, 3]))
    with pytest.raises(ValueError):
        tf.linalg.det(tf.zeros([3]))
    with pytest.raises(TypeError):
        tf.linalg.inv(tf.zeros([2, 2], tf.int32))
    # TF 2.21 gives NaN (lower triangle) for a matrix that is not positive definite
    assert np.isnan(run(tf.linalg.cholesky(tf.constant([[1.0, 2.0], [2.0, 1.0]])))[1, 0])
    with pytest.raises(tf.errors.InvalidArgumentError):
        run(tf.linalg.inv(tf.zeros([2, 2])))
