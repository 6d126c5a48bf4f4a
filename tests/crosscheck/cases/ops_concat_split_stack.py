"""concat (negative axis, single tensor, placeholders with unknown dims, rank mismatch and
non-axis-dim mismatch errors), stack/unstack (axis, num inference, unknown dim error), split with
int and size lists incl. -1, placeholder size inference, unequal split error, tf.split num arg,
parallel_stack; op types (ConcatV2, Pack, Unpack, Split, SplitV), names, shapes, gradients."""
import numpy as np


def _try(fn):
    try:
        r = fn()
        if isinstance(r, (list, tuple)):
            return [str(t.shape) for t in r]
        return str(r.shape)
    except Exception as e:
        return type(e).__name__


def case(tf):
    a = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    b = tf.constant(np.arange(6, 12, dtype=np.float32).reshape(2, 3))
    p = tf.placeholder(tf.float32, [None, 3])
    q = tf.placeholder(tf.float32, [2, None])
    c = tf.concat([a, b], 1)
    s = tf.stack([a, b])
    u = tf.unstack(a, axis=1)
    sp = tf.split(a, 3, 1)
    sv = tf.split(a, [2, -1], 1)
    names = [c.name, c.op.type, s.name, s.op.type, [t.name for t in u], u[0].op.type,
                    [t.name for t in sp], sp[0].op.type, [t.name for t in sv], sv[0].op.type]
    obs = {
        "c0": _try(lambda: tf.concat([a, b], 0)), "c_neg": _try(lambda: tf.concat([a, b], -1)),
        "c_single": _try(lambda: tf.concat([a], 1)), "c_ph": _try(lambda: tf.concat([a, p], 0)),
        "c_ph1": _try(lambda: tf.concat([a, p], 1)), "c_pq": _try(lambda: tf.concat([p, q], 1)),
        "c_rank_mis": _try(lambda: tf.concat([a, tf.constant([1.0, 2.0])], 0)),
        "c_dim_mis": _try(lambda: tf.concat([a, tf.constant(np.ones((2, 2), np.float32))], 0)),
        "c_axis_oob": _try(lambda: tf.concat([a, b], 2)), "c_empty": _try(lambda: tf.concat([], 0)),
        "c_tensor_axis": _try(lambda: tf.concat([a, b], tf.placeholder(tf.int32, []))),
        "s0": _try(lambda: tf.stack([a, b])), "s_ax2": _try(lambda: tf.stack([a, b], axis=2)),
        "s_neg": _try(lambda: tf.stack([a, b], axis=-1)), "s_ph": _try(lambda: tf.stack([a, p], 1)),
        "s_mis": _try(lambda: tf.stack([a, tf.constant([1.0])])), "s_oob": _try(lambda: tf.stack([a, b], 4)),
        "u0": _try(lambda: tf.unstack(a)), "u1": _try(lambda: tf.unstack(a, axis=1)),
        "u_ph": _try(lambda: tf.unstack(p)), "u_ph_num": _try(lambda: tf.unstack(p, num=2)),
        "u_q1": _try(lambda: tf.unstack(q, axis=0)),
        "sp_int": _try(lambda: tf.split(a, 3, 1)), "sp_sizes": _try(lambda: tf.split(a, [1, 2], 1)),
        "sp_m1": _try(lambda: tf.split(a, [-1, 1], 1)), "sp_m1_mid": _try(lambda: tf.split(
            tf.zeros([10]), [2, -1, 3])), "sp_uneven": _try(lambda: tf.split(a, 2, 1)),
        "sp_ph": _try(lambda: tf.split(p, 3, 1)), "sp_ph_rows": _try(lambda: tf.split(p, 2, 0)),
        "sp_ph_sizes": _try(lambda: tf.split(p, [1, -1], 0)), "sp_bad_sum": _try(lambda: tf.split(a, [1, 1], 1)),
        "sp_num": _try(lambda: tf.split(a, tf.constant([1, 2]), 1, num=2)),
        "sp_tensor_sizes": _try(lambda: tf.split(a, tf.placeholder(tf.int32, [2]), 1)),
        "sp_two_m1": _try(lambda: tf.split(a, [-1, -1], 1)),
        "par_stack": _try(lambda: tf.parallel_stack([a, b])),
    }
    obs["names"] = names
    ga = tf.gradients(tf.reduce_sum(c * tf.range(6, dtype=tf.float32)) + tf.reduce_sum(sv[1] * 3.0) +
                      tf.reduce_sum(u[2]) * tf.reduce_sum(s[1, 0]), [a, b])
    obs["grad_types"] = [g.op.type for g in ga]
    with tf.Session() as sess:
        obs["vals"] = [v.tolist() for v in sess.run([c, s, u, sp, sv, ga])[0:2]]
        obs["split_vals"] = [[t.tolist() for t in v] for v in sess.run([u, sp, sv])]
        obs["grads"] = [g.tolist() for g in sess.run(ga)]
        obs["run_ph"] = [t.tolist() for t in sess.run(tf.split(p, [1, -1], 0), {p: np.ones((3, 3))})]
        try:
            sess.run(tf.concat([p, a], 1), {p: np.ones((3, 3))})
            obs["run_concat_bad"] = "ok"
        except Exception as e:
            obs["run_concat_bad"] = type(e).__name__
        try:
            sess.run(tf.split(p, 2, 0), {p: np.ones((3, 3))})
            obs["run_split_bad"] = "ok"
        except Exception as e:
            obs["run_split_bad"] = type(e).__name__
    return obs
