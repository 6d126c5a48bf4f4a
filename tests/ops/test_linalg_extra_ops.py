"""cholesky_solve, matrix_solve_ls, matrix_square_root, and the Qr/Svd gradients (with the existing
triangular solve and eigh); expected numbers were observed in TF 2.21 (tf.compat.v1)."""
import numpy as np
import pytest

import varflow as tf
from varflow.ops import linalg_extra_ops as L  # noqa: N812
from varflow.ops import linalg_ops
from varflow.testing.gradient_checker import assert_gradients_match

A = [[4., 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]]
B = [[1., 2], [0, 1], [3, -1]]
TALL = [[1., 2], [3, 4], [5, 7]]
W = np.arange(6.).reshape(3, 2) / 5.0
RNG = np.random.RandomState(0)


def run(t):
    with tf.Session() as sess:
        return sess.run(t)


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default():
        yield


def _c(x):
    return tf.constant(np.array(x, np.float64))


def test_cholesky_solve_names_values_gradient():
    chol = linalg_ops.cholesky(_c(A))
    cs = L.cholesky_solve(chol, _c(B))
    assert cs.name == "cholesky_solve/MatrixTriangularSolve_1:0"
    np.testing.assert_allclose(run(cs), [[0.096759, 0.531705], [-0.131517, 0.199624],
                                         [1.488962, -0.652889]], atol=1e-6)
    g = tf.gradients(tf.reduce_sum(cs * cs), [chol])[0]
    np.testing.assert_allclose(run(g), [[-0.581776, 0, 0], [-0.084756, -0.084874, 0],
                                        [0.183041, 0.787556, -7.694521]], atol=1e-5)
    spd = RNG.randn(3, 3)
    spd = spd @ spd.T + 3 * np.eye(3)
    assert_gradients_match(L.cholesky_solve, [np.linalg.cholesky(spd), RNG.randn(3, 2)])


def test_matrix_solve_ls():
    ls = L.matrix_solve_ls(_c(A), _c(B), l2_regularizer=0.1)
    tall = L.matrix_solve_ls(_c(TALL), _c(B))
    wide = L.matrix_solve_ls(_c(np.transpose(TALL)), _c(B[:2]))
    slow = L.matrix_solve_ls(_c(TALL), _c(B), fast=False)
    assert ls.name == "matrix_solve_ls/cholesky_solve/MatrixTriangularSolve_1:0"
    assert (slow.name, slow.shape.as_list()) == ("MatrixSolveLs:0", [2, 2])
    np.testing.assert_allclose(run(ls), [[0.101986, 0.525104], [-0.128128, 0.199352],
                                         [1.450076, -0.633112]], atol=1e-6)
    np.testing.assert_allclose(run(tall), [[-1.642857, -3.5], [1.5, 2.5]], atol=1e-6)
    np.testing.assert_allclose(run(slow), [[-1.642857, -3.5], [1.5, 2.5]], atol=1e-6)
    np.testing.assert_allclose(run(wide), [[-2.071429, -2.642857], [0.785714, 1.071429],
                                           [0.142857, 0.285714]], atol=1e-6)
    with pytest.raises(TypeError):
        L.matrix_solve_ls(tf.zeros([2, 2], tf.int32), tf.zeros([2, 1], tf.int32))
    assert_gradients_match(lambda a: L.matrix_solve_ls(a, _c(np.ones((3, 2))), l2_regularizer=0.1),
                           [RNG.randn(3, 3)])
    assert_gradients_match(lambda a, b: L.matrix_solve_ls(a, b), [RNG.randn(4, 2), RNG.randn(4, 1)])
    assert_gradients_match(lambda a: L.matrix_solve_ls(a, _c(np.ones((2, 2)))), [RNG.randn(2, 3)])


def test_matrix_square_root():
    sq = L.matrix_square_root(_c(A))
    assert (sq.name, sq.op.type, sq.shape.as_list()) == ("MatrixSquareRoot:0", "MatrixSquareRoot", [3, 3])
    np.testing.assert_allclose(run(sq), [[1.976581, 0.26922, 0.143698], [0.26922, 1.710217, 0.051767],
                                         [0.143698, 0.051767, 1.405941]], atol=1e-6)
    a = _c(A)
    g = tf.gradients(tf.reduce_sum(L.matrix_square_root(a) * _c(B)[:, :1]), a)[0]
    np.testing.assert_allclose(run(g), [[0.202656, 0.221164, 0.244047], [-0.02209, -0.02829, -0.036206],
                                        [0.766908, 0.870128, 0.999884]], atol=1e-5)
    batch = np.stack([np.array(A), np.array(A) + np.eye(3)])
    out = run(L.matrix_square_root(tf.constant(batch.astype(np.float32))))
    np.testing.assert_allclose(out @ out, batch, rtol=1e-5)
    for bad in (tf.zeros([3]), tf.zeros([2, 3])):
        with pytest.raises(ValueError):
            L.matrix_square_root(bad)
    nonsym = np.array([[3., 1, 0], [0.5, 2, 0.2], [0.1, 0.3, 4]])
    assert_gradients_match(L.matrix_square_root, [nonsym])


def test_triangular_solve_and_eigh_match_tf():
    a, b = _c(A), _c(B)
    tri = linalg_ops.triangular_solve(a, b)
    tri_u = linalg_ops.triangular_solve(a, b, lower=False, adjoint=True)
    assert tri.name == "triangular_solve/MatrixTriangularSolve:0"
    np.testing.assert_allclose(run(tri), [[0.25, 0.5], [-0.083333, 0.166667], [1.445833, -0.641667]],
                               atol=1e-6)
    g = tf.gradients(tf.reduce_sum(tri * b) + tf.reduce_sum(tri_u), [a, b])
    ga, gb = run(g)
    np.testing.assert_allclose(ga, [[-0.341667, -0.225, -0.375], [-0.158333, -0.094444, -0.041667],
                                    [-0.125, 0.208333, -2.891667]], atol=1e-5)
    np.testing.assert_allclose(gb, [[0.45, 1.083333], [0.116667, 0.833333], [3.445833, -0.641667]],
                               atol=1e-5)
    e, v = linalg_ops.eigh(a)
    np.testing.assert_allclose(run(e), [1.880087, 2.398343, 4.72157], atol=1e-6)
    ge = tf.gradients(tf.reduce_sum(e * e) + tf.reduce_sum(v * v * _c(W)[:, :1]), a)[0]
    np.testing.assert_allclose(run(ge), [[8., 0, 0], [4, 6, 0], [2, 0.8, 4]], atol=1e-5)


def test_qr_gradient():
    x = _c(TALL)
    q, r = linalg_ops.qr(x)
    g = tf.gradients(tf.reduce_sum(q * q * _c(W)) + tf.reduce_sum(r * r), x)[0]
    np.testing.assert_allclose(run(g), [[2.102041, 3.914286], [6.306122, 7.742857],
                                        [9.795918, 14.171429]], atol=1e-5)
    for shape in [(3, 3), (4, 2), (2, 3, 3)]:
        assert_gradients_match(lambda m: tf.concat([tf.reshape(t, [-1]) for t in linalg_ops.qr(m)], 0),
                               [RNG.randn(*shape)])
    assert_gradients_match(lambda m: tf.concat([tf.reshape(t, [-1]) for t in linalg_ops.qr(m)], 0),
                           [RNG.randn(2, 4)])      # wide: the leading square block and the rest
    full_q, _ = linalg_ops.qr(x, full_matrices=True)
    with pytest.raises(NotImplementedError):       # as TF: tall with full_matrices has no gradient
        tf.gradients(tf.reduce_sum(full_q), x)


def test_svd_full_matrices_gradient():
    x = _c(TALL)
    s, u, v = linalg_ops.svd(x, full_matrices=True)
    w3 = _c([[0.3, -1.2, 0.5], [2.0, 0.1, -0.7], [0.4, 0.9, 1.5]])
    g = tf.gradients(s, x) + tf.gradients(tf.reduce_sum(u * u * w3), x)   # sign-free in U
    gs, gu = run(g)
    np.testing.assert_allclose(gs, [[-0.639346, 0.720977], [0.562564, 0.201653], [0.524174, 0.662969]],
                               atol=1e-5)
    np.testing.assert_allclose(gu, [[0.829704, -0.489652], [2.487263, -1.471564], [-1.658369, 0.980844]],
                               atol=1e-5)
    with pytest.raises(NotImplementedError):       # as TF: |m - n| > 1 with full matrices
        big = _c(np.arange(8.).reshape(4, 2))
        tf.gradients(linalg_ops.svd(big, full_matrices=True)[1], big)


def test_svd_gradient():
    x = _c(TALL)
    s, u, v = linalg_ops.svd(x)
    s_only = linalg_ops.svd(x, compute_uv=False)
    np.testing.assert_allclose(run(s), [10.191428, 0.367138], atol=1e-6)
    g_s = tf.gradients(tf.reduce_sum(s * s) + tf.reduce_sum(s_only), x)[0]
    np.testing.assert_allclose(run(g_s), [[1.360654, 4.720977], [6.562564, 8.201653],
                                          [10.524174, 14.662969]], atol=1e-5)
    g_uv = tf.gradients(tf.reduce_sum(u * u * _c(W)) + tf.reduce_sum(v * v * _c(W)[:2]), x)[0]
    np.testing.assert_allclose(run(g_uv), [[0.102041, -0.085714], [0.306122, -0.257143],
                                           [-0.204082, 0.171429]], atol=1e-5)
    for shape in [(3, 3), (4, 2), (2, 4), (3, 2)]:
        m = RNG.randn(*shape)
        weights = RNG.randn(*shape)

        def rebuilt(a, weights=weights):
            s, u, v = linalg_ops.svd(a)
            return tf.matmul(u * s, v, transpose_b=True) * weights
        assert_gradients_match(rebuilt, [m])
        assert_gradients_match(lambda a: linalg_ops.svd(a, compute_uv=False), [m])
        if abs(shape[0] - shape[1]) <= 1:
            assert_gradients_match(lambda a: linalg_ops.svd(a, full_matrices=True)[0], [m])
            assert_gradients_match(lambda a: tf.concat([tf.reshape(t * t, [-1]) for t in linalg_ops.svd(
                a, full_matrices=True)], 0), [m])
        assert_gradients_match(lambda a: tf.abs(linalg_ops.svd(a)[1]) + tf.reduce_sum(
            tf.abs(linalg_ops.svd(a)[2])), [m])     # sign-free functions of U and V
