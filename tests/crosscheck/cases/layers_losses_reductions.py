"""tf.losses.compute_weighted_loss under every Reduction, with scalar, per-row and full
weights (some zero), the returned op names and shapes, LOSSES membership, loss_collection=None,
integer/float64 losses, and unbroadcastable weights."""
import numpy as np


def case(tf):
    losses = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    weights = {
        "scalar": 2.0,
        "row": tf.constant([[1.0], [0.0]]),
        "col": tf.constant([[0.5, 0.0, 2.0]]),
        "full": tf.constant([[1.0, 0.0, 2.0], [0.0, 0.0, 3.0]]),
        "zero": 0.0,
    }
    R = tf.losses.Reduction
    reductions = ["NONE", "SUM", "MEAN", "SUM_OVER_BATCH_SIZE", "SUM_OVER_NONZERO_WEIGHTS",
                  "SUM_BY_NONZERO_WEIGHTS"]
    out = {}
    for wk, w in weights.items():
        for rk in reductions:
            out[wk + "/" + rk] = tf.losses.compute_weighted_loss(losses, w,
                                                                 reduction=getattr(R, rk))
    obs = {
        "reduction_values": [getattr(R, rk) for rk in reductions],
        "all": sorted(R.all()),
        "names": {k: v.name for k, v in out.items() if k.startswith("scalar") or
                  k.startswith("row")},
        "shapes": {k: v.shape.as_list() for k, v in out.items() if k.startswith("full")},
        "n_losses": len(tf.get_collection(tf.GraphKeys.LOSSES)),
    }
    none_coll = tf.losses.compute_weighted_loss(losses, loss_collection=None)
    tf.losses.compute_weighted_loss(losses, loss_collection="mine", scope="sc")
    obs["none_coll"] = none_coll.name
    obs["n_losses_after"] = len(tf.get_collection(tf.GraphKeys.LOSSES))
    obs["mine"] = [t.name for t in tf.get_collection("mine")]
    d = tf.losses.compute_weighted_loss(tf.constant([1.0, 2.0], tf.float64), [1.0, 3.0])
    obs["f64"] = d.dtype.name
    with tf.Session() as sess:
        vals = sess.run(out)
        obs["values"] = {k: np.asarray(v).tolist() for k, v in vals.items()}
        obs["f64_value"] = float(sess.run(d))
    try:
        tf.losses.compute_weighted_loss(losses, tf.constant([1.0, 2.0]))
        obs["bad_weights"] = "ok"
    except Exception as e:
        obs["bad_weights"] = type(e).__name__
    try:
        tf.losses.compute_weighted_loss(losses, reduction="bogus")
        obs["bad_reduction"] = "ok"
    except Exception as e:
        obs["bad_reduction"] = type(e).__name__
    try:
        tf.losses.compute_weighted_loss(tf.constant([1, 2]))
        obs["int_losses"] = "ok"
    except Exception as e:
        obs["int_losses"] = type(e).__name__
    return obs
