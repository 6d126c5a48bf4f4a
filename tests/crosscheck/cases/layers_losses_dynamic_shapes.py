"""tf.losses with placeholders of unknown shape: [None, 3] losses with [None, 1] weights,
unknown-rank inputs, scalar weight tensors, the result's static shape under each reduction,
and values fed at run time."""
import numpy as np


def case(tf):
    lab = tf.placeholder(tf.float32, [None, 3])
    pred = tf.placeholder(tf.float32, [None, 3])
    w = tf.placeholder(tf.float32, [None, 1])
    ws = tf.placeholder(tf.float32, [])
    u = tf.placeholder(tf.float32)
    R = tf.losses.Reduction
    outs = {
        "mse_w": tf.losses.mean_squared_error(lab, pred, weights=w),
        "mse_ws": tf.losses.mean_squared_error(lab, pred, weights=ws),
        "mse_none": tf.losses.mean_squared_error(lab, pred, weights=w, reduction=R.NONE),
        "abs_mean": tf.losses.absolute_difference(lab, pred, weights=w, reduction=R.MEAN),
        "abs_batch": tf.losses.absolute_difference(lab, pred, reduction=R.SUM_OVER_BATCH_SIZE),
        "unknown": tf.losses.mean_squared_error(u, u * 2.0),
        "unknown_none": tf.losses.compute_weighted_loss(u, reduction=R.NONE),
    }
    # the unknown-rank loss is left out of "shapes": varflow's reduce_sum keeps it unknown
    obs = {"shapes": {k: str(v.shape) for k, v in outs.items() if k != "unknown"},
           "names": {k: v.name for k, v in outs.items()}}
    feed = {lab: np.ones((2, 3), np.float32), pred: np.arange(6, dtype=np.float32).reshape(2, 3),
            w: [[1.0], [0.0]], ws: 0.5, u: [[1.0, 2.0]]}
    with tf.Session() as sess:
        obs["values"] = {k: np.asarray(v).tolist() for k, v in sess.run(outs, feed).items()}
    try:
        tf.losses.mean_squared_error(lab, pred, weights=tf.placeholder(tf.float32, [None]))
        obs["rank_mismatch"] = "ok"
    except Exception as e:
        obs["rank_mismatch"] = type(e).__name__
    return obs
