"""tile (multiples list/tensor, placeholders, grad), expand_dims (axis -1, 0, out of range, legacy
dim), squeeze (all, axis list, negative, non-1 axis error, unknown dims), broadcast_to, shape/
size/rank (out_type, static folding?), shape_n, fill, zeros_like/ones_like dtype arg, identity,
reverse, roll; op types, names and static shapes."""
import numpy as np


def _try(fn):
    try:
        r = fn()
        return [str(r.shape), r.op.type, r.dtype.name]
    except Exception as e:
        return type(e).__name__


def case(tf):
    x = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 1, 3))
    p = tf.placeholder(tf.float32, [None, 1, 3])
    obs = {
        "tile": _try(lambda: tf.tile(x, [2, 3, 1])), "tile_ph": _try(lambda: tf.tile(p, [2, 1, 2])),
        "tile_tensor_mult": _try(lambda: tf.tile(x, tf.placeholder(tf.int32, [3]))),
        "tile_bad_len": _try(lambda: tf.tile(x, [2, 2])),
        "ed_0": _try(lambda: tf.expand_dims(x, 0)), "ed_neg": _try(lambda: tf.expand_dims(x, -1)),
        "ed_neg4": _try(lambda: tf.expand_dims(x, -4)), "ed_oob": _try(lambda: tf.expand_dims(x, 4)),
        "ed_oob_neg": _try(lambda: tf.expand_dims(x, -5)), "ed_dim": _try(lambda: tf.expand_dims(x, dim=1)),
        "ed_ph": _try(lambda: tf.expand_dims(p, 1)),
        "sq_all": _try(lambda: tf.squeeze(x)), "sq_ax": _try(lambda: tf.squeeze(x, [1])),
        "sq_neg": _try(lambda: tf.squeeze(x, -2)), "sq_bad": _try(lambda: tf.squeeze(x, [0])),
        "sq_ph": _try(lambda: tf.squeeze(p)), "sq_ph_ax": _try(lambda: tf.squeeze(p, [0])),
        "sq_dims": _try(lambda: tf.squeeze(x, squeeze_dims=[1])),
        "sq_unknown": _try(lambda: tf.squeeze(tf.placeholder(tf.float32, [None, None]))),
        "bt": _try(lambda: tf.broadcast_to(x, [4, 2, 5, 3])), "bt_bad": _try(lambda: tf.broadcast_to(x, [3, 3])),
        "bt_ph": _try(lambda: tf.broadcast_to(p, [2, 4, 3])),
        "shape": _try(lambda: tf.shape(x)), "shape64": _try(lambda: tf.shape(x, out_type=tf.int64)),
        "size": _try(lambda: tf.size(p)), "rank": _try(lambda: tf.rank(p)),
        "fill": _try(lambda: tf.fill([2, 3], 7)), "fill_ph": _try(lambda: tf.fill(tf.placeholder(tf.int32, [2]), 1.0)),
        "zl_dtype": _try(lambda: tf.zeros_like(x, dtype=tf.int32))[::2], "ol": _try(lambda: tf.ones_like(p))[::2],
        "identity": _try(lambda: tf.identity(x)), "reverse": _try(lambda: tf.reverse(x, [0, 2])),
        "roll": _try(lambda: tf.roll(x, 1, 2)), "bcast_shape": _try(lambda: tf.broadcast_dynamic_shape(
            tf.constant([2, 1, 3]), tf.constant([4, 1, 1, 1]))),
    }
    sn = tf.shape_n([x, p])
    obs["shape_n"] = [t.name for t in sn] + [sn[0].op.type]
    with tf.Graph().as_default():   # a graph without the failed builds above
        y = tf.constant(np.ones((2, 1, 3), np.float32))
        obs["names"] = [tf.tile(y, [1, 2, 1]).name, tf.expand_dims(y, 0).name, tf.squeeze(y).name,
                        tf.shape(y).name, tf.size(y).name, tf.rank(y).name, tf.fill([2], 1.0).name,
                        tf.tile(y, [1, 1, 1]).name, tf.shape(y).op.type]
    g = tf.gradients(tf.reduce_sum(tf.tile(x, [2, 2, 1]) * tf.range(3, dtype=tf.float32)), x)[0]
    gb = tf.gradients(tf.reduce_sum(tf.broadcast_to(x, [4, 2, 5, 3])), x)[0]
    obs["grad_types"] = [g.op.type, gb.op.type]
    with tf.Session() as sess:
        r = sess.run({"tile": tf.tile(x, [1, 2, 1]), "g": g, "gb": gb, "rev": tf.reverse(x, [-1]),
                      "roll": tf.roll(x, [1, -1], [0, 2]), "size": tf.size(p), "rank": tf.rank(p),
                      "bds": tf.broadcast_dynamic_shape(tf.constant([2, 1, 3]), tf.constant([4, 1, 1, 1])),
                      "shape": tf.shape(p)}, {p: np.ones((4, 1, 3))})
        obs["vals"] = {k: v.tolist() for k, v in r.items()}
        try:
            sess.run(tf.squeeze(p, [0]), {p: np.ones((2, 1, 3))})
            obs["run_sq"] = "ok"
        except Exception as e:
            obs["run_sq"] = type(e).__name__
    return obs
