"""l2_normalize (axis, epsilon, zero vector, legacy dim), l2_loss (scalar output, name), in_top_k
(ties count as in, k=0), zero_fraction, xw_plus_b, log_poisson_loss (compute_full_loss),
nn.normalize_moments, nn.sufficient_statistics, clip_by_value broadcasting and gradients,
math.reduce_* aliases under tf.math, nn.relu on int; names, dtypes, shapes and values."""
import numpy as np


def case(tf):
    x = tf.constant([[3.0, 4.0, 0.0], [0.0, 0.0, 0.0]])
    exprs = {
        "l2n": tf.nn.l2_normalize(x, axis=1), "l2n_ax0": tf.nn.l2_normalize(x, 0),
        "l2n_dim": tf.nn.l2_normalize(x, dim=[0, 1]), "l2n_eps": tf.nn.l2_normalize(x, 1, epsilon=100.0),
        "l2loss": tf.nn.l2_loss(x), "l2loss_int": tf.nn.l2_loss(tf.constant([1.0, 2.0], tf.float64)),
        "itk": tf.nn.in_top_k(tf.constant([[0.1, 0.5, 0.5], [0.9, 0.05, 0.05]]), tf.constant([2, 1]), 1),
        "itk2": tf.nn.in_top_k(tf.constant([[0.1, 0.5, 0.4], [0.9, 0.05, 0.05]]), tf.constant([2, 2]), 2),
        "itk0": tf.nn.in_top_k(tf.constant([[0.1, 0.5, 0.4]]), tf.constant([1]), 0),
        "zf": tf.nn.zero_fraction(x), "xwb": tf.nn.xw_plus_b(x, tf.ones([3, 2]), tf.constant([1.0, -1.0])),
        "lpl": tf.nn.log_poisson_loss(tf.constant([1.0, 2.0, 0.0]), tf.constant([0.5, 1.0, -1.0])),
        "lpl_full": tf.nn.log_poisson_loss(tf.constant([1.0, 2.0, 0.0]), tf.constant([0.5, 1.0, -1.0]),
                                           compute_full_loss=True),
        "cbv": tf.clip_by_value(x, [1.0, 2.0, 3.0], 3.5), "cbv_int": tf.clip_by_value(tf.constant([1, 5, 9]), 2, 6),
    }
    cnt, msum, vsum, shift = tf.nn.sufficient_statistics(x, [0])
    nm, nv = tf.nn.normalize_moments(cnt, msum, vsum, None)
    exprs.update(cnt=cnt, msum=msum, vsum=vsum, nm=nm, nv=nv)
    obs = {"shapes": {k: str(e.shape) for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()},
           "names": {k: e.name for k, e in exprs.items()},
           "dtypes": {k: e.dtype.name for k, e in exprs.items()}, "shift_none": shift is None}
    gs = {"l2n": tf.gradients(tf.reduce_sum(exprs["l2n"] * [[1.0, 2.0, 3.0]]), x)[0],
          "l2loss": tf.gradients(exprs["l2loss"], x)[0],
          "cbv": tf.gradients(tf.reduce_sum(exprs["cbv"]), x)[0]}
    obs["grad_types"] = {k: g.op.type for k, g in gs.items()}
    with tf.Session() as sess:
        obs["vals"] = {k: np.round(v, 5).tolist() if v.dtype != bool else v.tolist()
                       for k, v in sess.run(exprs).items()}
        obs["grads"] = {k: v.tolist() for k, v in sess.run(gs).items()}
    for k, fn in (("itk_float_targets", lambda: tf.nn.in_top_k(x, tf.constant([1.0, 2.0]), 1)),
                  ("itk_rank", lambda: tf.nn.in_top_k(tf.constant([1.0, 2.0]), tf.constant([1]), 1)),
                  ("l2loss_int", lambda: tf.nn.l2_loss(tf.constant([1, 2]))),
                  ("cbv_bad", lambda: tf.clip_by_value(x, [1.0, 2.0], 3.0))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
