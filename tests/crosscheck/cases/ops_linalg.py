"""tf.linalg: det, inv, solve, cholesky, qr, svd (compute_uv False), eigh, matrix_diag /
diag_part / set_diag / band_part, trace, norm (ord, axis), tensordot (int and list axes),
cross, eye (batch_shape), lstsq, logdet, triangular_solve, matrix_inverse gradient; shapes,
dtypes and values (sign-invariant where decompositions are not unique)."""
import numpy as np


def case(tf):
    a = tf.constant([[4.0, 2.0, 0.6], [2.0, 5.0, 1.0], [0.6, 1.0, 3.0]])
    b = tf.constant([[1.0], [2.0], [3.0]])
    la = tf.linalg
    obs = {"meta": {}, "vals": {}}
    builders = {
        "det": lambda: la.det(a), "inv": lambda: la.inv(a), "solve": lambda: la.solve(a, b),
        "chol": lambda: la.cholesky(a), "logdet": lambda: la.logdet(a),
        "diag": lambda: la.diag([1.0, 2.0]), "diag_part": lambda: la.diag_part(a),
        "set_diag": lambda: la.set_diag(a, [0.0, 0.0, 0.0]), "band": lambda: la.band_part(a, 0, 1),
        "band_lower": lambda: la.band_part(a, -1, 0), "trace": lambda: la.trace(a),
        "norm_fro": lambda: tf.norm(a), "norm_1": lambda: tf.norm(a, ord=1, axis=1),
        "norm_inf": lambda: tf.norm(a, ord=np.inf, axis=[0, 1]), "norm_keep": lambda: tf.norm(a, axis=0, keepdims=True),
        "td_int": lambda: tf.tensordot(a, a, 1), "td_list": lambda: tf.tensordot(a, b, [[1], [0]]),
        "td_0": lambda: tf.tensordot(tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0]), 0),
        "cross": lambda: la.cross(tf.constant([1.0, 0.0, 0.0]), tf.constant([0.0, 1.0, 0.0])),
        "eye": lambda: tf.eye(2, 3), "eye_batch": lambda: tf.eye(2, batch_shape=[2]),
        "eye_dtype": lambda: tf.eye(2, dtype=tf.int32), "tri_solve": lambda: la.triangular_solve(la.cholesky(a), b),
        "lstsq": lambda: la.lstsq(a, b), "svd_s": lambda: la.svd(a, compute_uv=False),
        "eigvalsh": lambda: la.eigvalsh(a), "matrix_diag": lambda: tf.matrix_diag([[1, 2], [3, 4]]),
        "tf_diag": lambda: tf.diag([1.0, 2.0]), "tf_trace": lambda: tf.trace(a),
        "pinv": lambda: la.pinv(a), "pinv_rect": lambda: la.pinv(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])),
        "qr_tall_r": lambda: tf.abs(la.qr(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))[1]),
        "svd_full_u_shape": lambda: tf.shape(la.svd(tf.ones([2, 4, 3]), full_matrices=True)[1]),
        "eigh_vec_abs": lambda: tf.abs(la.eigh(a)[1]), "tri_upper": lambda: la.triangular_solve(a, b, lower=False),
        "tri_adj": lambda: la.triangular_solve(a, b, adjoint=True), "lstsq_l2": lambda: la.lstsq(a, b, l2_regularizer=0.5),
        "lstsq_wide": lambda: la.lstsq(tf.constant([[1.0, 2.0, 3.0]]), tf.constant([[6.0]])),
    }
    fetch = {}
    for k, bf in builders.items():
        try:
            t = bf()
            fetch[k] = t
            obs["meta"][k] = [t.dtype.name, str(t.shape)]
        except Exception as e:
            obs["meta"][k] = type(e).__name__
    q, r = la.qr(a)
    s, u, v = la.svd(a)
    e, ev = la.eigh(a)
    obs["decomp_shapes"] = [str(t.shape) for t in (q, r, s, u, v, e, ev)]
    g = tf.gradients(tf.reduce_sum(la.inv(a)), a)[0]
    gd = tf.gradients(la.det(a), a)[0]
    more = {"g_tri": tf.gradients(tf.reduce_sum(la.triangular_solve(a, b) ** 2), [a, b]),
            "g_cross": tf.gradients(tf.reduce_sum(la.cross(tf.constant([1.0, 2.0, 3.0]), tf.constant([0.5, -1.0, 2.0])) *
                                                  [1.0, 2.0, 3.0]), []) or [],
            "g_eigh": tf.gradients(tf.reduce_sum(la.eigvalsh(a) * [1.0, 2.0, 3.0]), a)}
    with tf.Session() as sess:
        for k, t in fetch.items():
            obs["vals"][k] = np.round(sess.run(t).astype(np.float64), 4).ravel().tolist()
        qv, rv, sv, ev_ = sess.run([q, r, s, e])
        obs["qr_recon"] = np.round(qv @ rv, 4).tolist()
        obs["svd_s"] = np.round(sv, 4).tolist()
        obs["eigh_e"] = np.round(ev_, 4).tolist()
        obs["grads"] = [np.round(sess.run(g), 4).tolist(), np.round(sess.run(gd), 4).tolist()]
        obs["more_grads"] = {k: [np.round(x, 4).tolist() for x in sess.run(v)] for k, v in more.items() if v}
        try:
            sess.run(la.cholesky(tf.constant([[1.0, 2.0], [2.0, 1.0]])))
        except Exception as ex:
            obs["chol_err"] = type(ex).__name__
    for k, fn in (("inv_nonsquare", lambda: la.inv(tf.ones([2, 3]))), ("solve_mis", lambda: la.solve(a, tf.ones([2, 1]))),
                  ("td_bad", lambda: tf.tensordot(a, b, [[0], [1]]))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as ex:
            obs["err_" + k] = type(ex).__name__
    obs["_tol"] = 1e-3
    return obs
