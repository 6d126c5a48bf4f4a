"""tf.complex / to_complex*, and the TF1 linalg functions: matrix_triangular_solve, cholesky_solve,
matrix_solve_ls (fast and not), qr, svd (compared through sign-free quantities), self_adjoint_eig,
matrix_square_root: names, static shapes, values and gradients."""
import numpy as np


def _desc(t):
    return [t.name, t.op.type, t.dtype.name, t.shape.as_list() if t.shape.ndims is not None else None]


def case(tf):
    obs, outs = {}, {}
    re = tf.constant([1., 2])
    im = tf.constant([3., 4])
    c = tf.complex(re, im)
    c2 = tf.complex(tf.constant([1., 2], tf.float64), tf.constant(3., tf.float64))
    obs["complex"] = [_desc(c), _desc(c2), _desc(tf.to_complex64(re)),
                      _desc(tf.to_complex128(tf.constant([1, 2])))]
    gre, gim = tf.gradients(tf.real(c * tf.conj(c)) + tf.imag(c * c) + tf.real(c) * 2.0, [re, im])
    outs.update(c_re=tf.real(c), c_im=tf.imag(c), gre=gre, gim=gim)
    errs = {}
    for key, fn in [("mixed", lambda: tf.complex(re, tf.constant([1.], tf.float64))),
                    ("ints", lambda: tf.complex(tf.constant([1]), tf.constant([1]))),
                    ("tri_dims", lambda: tf.matrix_triangular_solve(tf.zeros([2, 2]), tf.zeros([3, 1]))),
                    ("sqrtm_rank", lambda: tf.matrix_square_root(tf.zeros([3]))),
                    ("sqrtm_square", lambda: tf.matrix_square_root(tf.zeros([2, 3]))),
                    ("ls_int", lambda: tf.matrix_solve_ls(tf.zeros([2, 2], tf.int32), tf.zeros([2, 1], tf.int32)))]:
        try:
            fn()
            errs[key] = None
        except Exception as e:  # noqa: BLE001
            errs[key] = type(e).__name__
    obs["build_errors"] = errs
    a = tf.constant([[4., 1, 0.5], [1, 3, 0.2], [0.5, 0.2, 2]], tf.float64)
    b = tf.constant([[1., 2], [0, 1], [3, -1]], tf.float64)
    tri = tf.matrix_triangular_solve(a, b)
    tri_u = tf.matrix_triangular_solve(a, b, lower=False, adjoint=True)
    chol = tf.cholesky(a)
    cs = tf.cholesky_solve(chol, b)
    ls = tf.matrix_solve_ls(a, b, l2_regularizer=0.1)
    tall = tf.constant([[1., 2], [3, 4], [5, 7]], tf.float64)
    ls_tall = tf.matrix_solve_ls(tall, b)
    ls_wide = tf.matrix_solve_ls(tf.transpose(tall), b[:2])
    ls_slow = tf.matrix_solve_ls(tall, b, fast=False)
    q, r = tf.qr(tall)
    qf, rf = tf.qr(tall, full_matrices=True)
    s, u, v = tf.svd(tall)
    s_only = tf.svd(tall, compute_uv=False)
    sf, uf, vf = tf.svd(tall, full_matrices=True)
    e, ev = tf.self_adjoint_eig(a)
    ev_only = tf.self_adjoint_eigvals(a)
    sq = tf.matrix_square_root(a)
    for k, t in dict(tri=tri, tri_u=tri_u, cs=cs, ls=ls, ls_tall=ls_tall, ls_wide=ls_wide,
                     ls_slow=ls_slow, q=q, r=r, qf=qf, rf=rf, s=s, u=u, v=v, s_only=s_only, sf=sf,
                     uf=uf, vf=vf, e=e, ev=ev, ev_only=ev_only, sq=sq).items():
        obs["t_" + k] = _desc(t)
    outs.update(tri=tri, tri_u=tri_u, cs=cs, ls=ls, ls_tall=ls_tall, ls_wide=ls_wide,
                ls_slow=ls_slow, s=s, s_only=s_only, sf=sf, e=e, ev_only=ev_only, sq=sq,
                qr_rec=tf.matmul(q, r), qr_abs=tf.abs(r), qrf_rec=tf.matmul(qf, rf),
                svd_rec=tf.matmul(u * s, v, transpose_b=True), ev_abs=tf.abs(ev),
                uf_orth=tf.matmul(uf, uf, transpose_a=True))
    w = tf.constant(np.arange(6.).reshape(3, 2) / 5.0)
    outs["g_tri"] = tf.gradients(tf.reduce_sum(tri * b) + tf.reduce_sum(tri_u), [a, b])
    outs["g_cs"] = tf.gradients(tf.reduce_sum(cs * cs), [chol, b])
    outs["g_ls"] = tf.gradients(tf.reduce_sum(ls * ls) + tf.reduce_sum(ls_tall * w[:2]), [a, tall])
    outs["g_qr"] = tf.gradients(tf.reduce_sum(q * q * w) + tf.reduce_sum(r * r), tall)
    outs["g_svd_s"] = tf.gradients(tf.reduce_sum(s * s) + tf.reduce_sum(s_only), tall)
    outs["g_svd_uv"] = tf.gradients(tf.reduce_sum(u * u * w) + tf.reduce_sum(v * v * w[:2]), tall)
    outs["g_eig"] = tf.gradients(tf.reduce_sum(e * e) + tf.reduce_sum(ev * ev * w[:, :1]), a)
    outs["g_eigvals"] = tf.gradients(tf.reduce_sum(ev_only * ev_only), a)
    outs["g_sqrtm"] = tf.gradients(tf.reduce_sum(sq * b[:, :1]), a)
    with tf.Session() as sess:
        vals = sess.run(outs)
    obs["values"] = {k: (np.round(np.asarray(v, np.float64), 6).tolist() if not isinstance(v, list)
                         else [np.round(np.asarray(x, np.float64), 6).tolist() for x in v])
                     for k, v in vals.items()}
    obs["_tol"] = 1e-4
    return obs
