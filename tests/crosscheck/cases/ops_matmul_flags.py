"""matmul with transpose_a/b, adjoint_a/b (complex), a_is_sparse hint, int32 matmul, rank mismatch
and inner-dimension errors, batch matmul via tf.matmul on rank 3 (BatchMatMulV2), tf.linalg.matmul
alias, matvec, gradients of all four transpose combinations, default op names (MatMul, MatMul_1)."""
import numpy as np


def case(tf):
    av = np.arange(6, dtype=np.float32).reshape(2, 3) - 2
    bv = np.arange(12, dtype=np.float32).reshape(3, 4) / 3
    a, b = tf.constant(av), tf.constant(bv)
    at, bt = tf.constant(av.T.copy()), tf.constant(bv.T.copy())
    exprs = {
        "nn": tf.matmul(a, b), "tn": tf.matmul(at, b, transpose_a=True),
        "nt": tf.matmul(a, bt, transpose_b=True), "tt": tf.matmul(at, bt, transpose_a=True, transpose_b=True),
        "sparse_hint": tf.matmul(a, b, a_is_sparse=True),
        "int": tf.matmul(tf.constant([[1, 2], [3, 4]]), tf.constant([[5], [6]])),
        "linalg": tf.linalg.matmul(a, b),
        "batch": tf.matmul(tf.constant(np.ones((2, 2, 3), np.float32)), b),
        "batch_t": tf.matmul(tf.constant(np.ones((2, 3, 2), np.float32)), b, transpose_a=True),
        "matvec": tf.linalg.matvec(a, tf.constant([1.0, 2.0, 3.0])),
        "op_matmul": a @ b,
    }
    cv = (np.arange(4) + 1j * np.arange(4)[::-1]).reshape(2, 2).astype(np.complex64)
    c = tf.constant(cv)
    exprs["adj_a"] = tf.matmul(c, c, adjoint_a=True)
    exprs["adj_b"] = tf.matmul(c, c, adjoint_b=True)
    cb = tf.constant((np.arange(12) + 1j * np.arange(12)[::-1]).reshape(2, 2, 3).astype(np.complex64))
    exprs["batch_cplx_ta"] = tf.matmul(cb, cb, transpose_a=True)
    exprs["batch_cplx_adj_b"] = tf.matmul(cb, cb, adjoint_b=True)
    obs = {"names": {k: e.name for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()},
           "shapes": {k: e.shape.as_list() for k, e in exprs.items()},
           "dtypes": {k: e.dtype.name for k, e in exprs.items()}}
    obs["attrs"] = {k: [exprs[k].op.get_attr("transpose_a"), exprs[k].op.get_attr("transpose_b")]
                    for k in ("nn", "tn", "nt", "tt")}
    gs = {}
    for k in ("nn", "tn", "nt", "tt"):
        ins = [a if k[0] == "n" else at, b if k[1] == "n" else bt]
        g = tf.gradients(exprs[k] * exprs[k], ins)
        gs[k + "_0"], gs[k + "_1"] = g
        obs[k + "_grad_attrs"] = [[gi.op.type, gi.op.get_attr("transpose_a"), gi.op.get_attr("transpose_b")]
                                  for gi in g]
    with tf.Session() as sess:
        vals = sess.run(exprs)
        gvals = sess.run(gs)
    obs["vals"] = {k: np.real(v).tolist() for k, v in vals.items()}
    obs["imag"] = {k: np.imag(vals[k]).tolist() for k in ("adj_a", "adj_b", "batch_cplx_ta", "batch_cplx_adj_b")}
    obs["grads"] = {k: v.tolist() for k, v in gvals.items()}
    for k, fn in (("inner", lambda: tf.matmul(a, a)), ("rank1", lambda: tf.matmul(tf.constant([1.0, 2.0]), a)),
                  ("dtype", lambda: tf.matmul(a, tf.constant(np.ones((3, 1), np.float64)))),
                  ("int_float", lambda: tf.matmul(tf.constant([[1, 2]]), a)),
                  ("batch_mismatch", lambda: tf.matmul(tf.constant(np.ones((2, 2, 3), np.float32)),
                                                       tf.constant(np.ones((3, 3, 1), np.float32))))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
