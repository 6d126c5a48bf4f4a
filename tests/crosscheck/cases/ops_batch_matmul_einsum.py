"""batch matmul: tf.linalg.matmul on rank 4 with broadcasting batch dims, adjoint flags, unknown
batch dims from placeholders (static shape strings), gradient reducing over broadcast batch dims;
einsum equations (transpose, trace-like, outer product, ellipsis, sum out), output shapes and
op types; einsum errors."""
import numpy as np


def case(tf):
    rs = np.random.RandomState(3)
    av = rs.randn(2, 1, 3, 4).astype(np.float32)
    bv = rs.randn(1, 5, 4, 2).astype(np.float32)
    a, b = tf.constant(av), tf.constant(bv)
    obs, fetch = {}, {}
    y = tf.matmul(a, b)
    obs["bcast"] = [y.shape.as_list(), y.op.type, y.name]
    ga, gb = tf.gradients(tf.reduce_sum(y * y), [a, b])
    obs["bcast_grad_shapes"] = [ga.shape.as_list(), gb.shape.as_list()]
    fetch.update(y=y, ga=ga, gb=gb)
    pa = tf.placeholder(tf.float32, [None, 3, 4])
    pb = tf.placeholder(tf.float32, [None, None, 4, 6])
    obs["ph_shape"] = str(tf.matmul(pa, pb).shape)
    obs["ph_adj"] = str(tf.matmul(pb, pb, adjoint_b=True).shape)
    e = {
        "ij_ji": tf.einsum("ij->ji", a[0, 0]),
        "ii": tf.einsum("ii->i", tf.constant(np.arange(9, dtype=np.float32).reshape(3, 3))),
        "trace": tf.einsum("ii", tf.constant(np.arange(9, dtype=np.float32).reshape(3, 3))),
        "outer": tf.einsum("i,j->ij", tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0, 5.0])),
        "bmm": tf.einsum("bij,bjk->bik", a[:, 0], tf.constant(rs.randn(2, 4, 3).astype(np.float32))),
        "ellipsis": tf.einsum("...ij,...jk->...ik", a, b),
        "sum_all": tf.einsum("ij->", a[0, 0]),
        "implicit": tf.einsum("ij,jk", a[0, 0], b[0, 0]),
        "dot": tf.einsum("i,i->", tf.constant([1.0, 2.0, 3.0]), tf.constant([4.0, 5.0, 6.0])),
    }
    for k, t in e.items():
        obs["einsum_" + k] = [t.shape.as_list(), t.dtype.name]
        fetch["einsum_" + k] = t
    obs["einsum_ph"] = str(tf.einsum("bij,bjk->bik", pa, tf.placeholder(tf.float32, [None, 4, 2])).shape)
    g = tf.gradients(tf.reduce_sum(e["bmm"] * 2.0), a)[0]
    fetch["einsum_grad"] = g
    with tf.Session() as sess:
        vals = sess.run(fetch)
    obs["vals"] = {k: np.round(v, 4).tolist() for k, v in vals.items()}
    obs["_tol"] = 1e-4
    for k, fn in (("bad_eq", lambda: tf.einsum("ij,jk->ik", a[0, 0], a[0, 0])),
                  ("n_operands", lambda: tf.einsum("ij,jk->ik", a[0, 0])),
                  ("bad_mm", lambda: tf.matmul(a, a))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as ex:
            obs["err_" + k] = type(ex).__name__
    return obs
