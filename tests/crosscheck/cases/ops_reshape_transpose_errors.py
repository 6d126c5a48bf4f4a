"""reshape with -1 (static shape inference, incl. placeholders with unknown dims and tensor shape
args), two -1s, size mismatch (ValueError at build, InvalidArgumentError at run), reshape to
scalar, transpose default perm, perm on rank 4, conjugate transpose, bad perm errors, matrix
transpose, and gradients through reshape/transpose. Static shapes as strings."""
import numpy as np


def _try(fn):
    try:
        r = fn()
        return str(r.shape)
    except Exception as e:
        return type(e).__name__


def case(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    p = tf.placeholder(tf.float32, [None, 3, 4])
    q = tf.placeholder(tf.float32, [None, None])
    r = tf.reshape(x, [-1, 6])
    t = tf.transpose(x, [2, 0, 1])
    tc = tf.transpose(tf.constant([[1 + 1j, 2 - 1j]], tf.complex64), conjugate=True)
    names = [r.name, r.op.type, t.name, t.op.type, tc.op.type, tc.name]
    obs = {
        "r_m1": _try(lambda: tf.reshape(x, [-1, 6])), "r_m1_mid": _try(lambda: tf.reshape(x, [4, -1, 2])),
        "r_scalar": _try(lambda: tf.reshape(tf.constant([5.0]), [])),
        "r_two_m1": _try(lambda: tf.reshape(x, [-1, -1])), "r_bad": _try(lambda: tf.reshape(x, [5, 5])),
        "r_bad_m1": _try(lambda: tf.reshape(x, [5, -1])), "r_ph_m1": _try(lambda: tf.reshape(p, [-1, 12])),
        "r_ph_m1_b": _try(lambda: tf.reshape(p, [-1])), "r_ph_fixed": _try(lambda: tf.reshape(p, [2, -1, 6])),
        "r_q": _try(lambda: tf.reshape(q, [-1, 2])), "r_q_m1": _try(lambda: tf.reshape(q, [3, 4])),
        "r_tensor_shape": _try(lambda: tf.reshape(x, tf.shape(p))),
        "r_ph_shape": _try(lambda: tf.reshape(x, tf.placeholder(tf.int32, [3]))),
        "r_ph_shape_unk": _try(lambda: tf.reshape(x, tf.placeholder(tf.int32))),
        "r_zero": _try(lambda: tf.reshape(tf.zeros([0, 3]), [-1, 0])),
        "r_stack_shape": _try(lambda: tf.reshape(p, tf.stack([tf.shape(p)[0], 12]))),
        "r_float_shape": _try(lambda: tf.reshape(x, [2.0, 12.0])),
        "t_default": _try(lambda: tf.transpose(x)), "t_perm": _try(lambda: tf.transpose(x, [1, 0, 2])),
        "t_ph": _try(lambda: tf.transpose(p, [2, 0, 1])), "t_ph_default": _try(lambda: tf.transpose(q)),
        "t_bad_perm": _try(lambda: tf.transpose(x, [0, 1])), "t_dup_perm": _try(lambda: tf.transpose(x, [0, 0, 1])),
        "t_oob_perm": _try(lambda: tf.transpose(x, [0, 1, 3])),
        "t_unknown_rank": _try(lambda: tf.transpose(tf.placeholder(tf.float32))),
        "mt": _try(lambda: tf.linalg.matrix_transpose(x)), "mt_ph": _try(lambda: tf.matrix_transpose(p)),
        "t_neg_perm": _try(lambda: tf.transpose(x, [-1, 0, 1])),
    }
    obs["names"] = names
    gx = tf.gradients(tf.reduce_sum(tf.reshape(t, [4, 6]) * tf.range(6, dtype=tf.float32)), x)[0]
    obs["grad_types"] = gx.op.type
    with tf.Session() as sess:
        obs["t_val"] = sess.run(t).tolist()
        obs["tc_imag"] = np.imag(sess.run(tc)).tolist()
        obs["grad"] = sess.run(gx).tolist()
        obs["r_ph_run"] = sess.run(tf.reshape(p, [-1, 12]), {p: np.ones((2, 3, 4))}).shape
        for k, fn in (("run_bad", lambda: sess.run(tf.reshape(p, [5, -1]), {p: np.ones((2, 3, 4))})),
                      ("run_bad2", lambda: sess.run(tf.reshape(q, [3, 3]), {q: np.ones((2, 2))})),
                      ("run_perm", lambda: sess.run(tf.transpose(x, tf.constant([0, 0, 1]))))):
            try:
                fn()
                obs[k] = "ok"
            except Exception as e:
                obs[k] = type(e).__name__
    return obs
