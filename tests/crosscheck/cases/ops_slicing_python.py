"""Python slicing on tensors: ints, negative ints, steps, negative steps, ellipsis, tf.newaxis,
mixed, out-of-range clamping, index out of range errors (build time with static shape), slicing
placeholders with unknown dims (static shape strings), tensor indices, tf.slice with -1 size,
slice gradients; op types and names (strided_slice, strided_slice_1, Slice)."""
import numpy as np


def case(tf):
    xv = np.arange(60, dtype=np.float32).reshape(3, 4, 5)
    x = tf.constant(xv)
    p = tf.placeholder(tf.float32, [None, 4, None])
    i = tf.constant(1)
    exprs = {
        "int": x[1], "neg_int": x[-1], "two_ints": x[1, -2], "step": x[:, ::2], "neg_step": x[::-1],
        "neg_step2": x[:, 3:0:-2, ::-3], "ellipsis": x[..., 1], "ellipsis_mid": x[1, ..., 2:4],
        "newaxis": x[tf.newaxis, :, None, 1], "clamp": x[-10:10, 2:100], "empty": x[2:1],
        "tensor_idx": x[i], "tensor_range": x[i:i + 2, :i], "all": x[:], "shrink_all": x[0, 0, 0],
        "ellipsis_newaxis": x[..., tf.newaxis], "slice_fn": tf.slice(x, [1, 0, 2], [-1, 2, -1]),
        "slice_fn2": tf.slice(x, tf.constant([0, 1, 1]), [2, -1, 3]),
    }
    obs = {"shapes": {k: e.shape.as_list() for k, e in exprs.items()},
           "names": {k: e.name for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()}}
    ph = {"int": p[0], "range": p[1:, :2], "neg": p[:, ::-1, -1], "ellipsis": p[..., 0],
          "newaxis": p[:, None], "tensor_idx": p[i], "tensor_stop": p[:i], "last": p[:, :, -2:],
          "slice_fn": tf.slice(p, [0, 1, 0], [-1, 2, 3]), "unknown_rank": tf.placeholder(tf.float32)[1:, 0]}
    obs["ph_shapes"] = {k: str(e.shape) for k, e in ph.items()}
    g = tf.gradients(tf.reduce_sum(exprs["neg_step2"] * 2.0) + tf.reduce_sum(exprs["ellipsis"]) +
                     tf.reduce_sum(exprs["slice_fn"]), x)[0]
    obs["grad_type"] = g.op.type
    with tf.Session() as sess:
        vals = sess.run(exprs)
        obs["grad"] = sess.run(g).tolist()
        obs["ph_run"] = sess.run(ph["neg"], {p: np.ones((2, 4, 3))}).shape
        try:
            sess.run(p[5], {p: np.ones((2, 4, 3))})
            obs["run_oob"] = "ok"
        except Exception as e:
            obs["run_oob"] = type(e).__name__
    obs["vals"] = {k: v.tolist() for k, v in vals.items()}
    for k, fn in (("oob", lambda: x[3]), ("oob_neg", lambda: x[:, -5]), ("too_many", lambda: x[0, 0, 0, 0]),
                  ("two_ellipsis", lambda: x[..., 0, ...]), ("float_idx", lambda: x[1.0]),
                  ("zero_step", lambda: x[::0]), ("list_idx", lambda: x[[0, 1]]),
                  ("bool_idx", lambda: x[True]), ("slice_oob", lambda: tf.slice(x, [0, 0, 0], [4, 1, 1]))):
        try:
            r = fn()
            obs["err_" + k] = ["ok", r.shape.as_list()]
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
