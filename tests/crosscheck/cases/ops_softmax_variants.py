"""softmax / log_softmax with axis (incl. negative and non-last axis, legacy dim kwarg), their
gradients, and the xent family: softmax_cross_entropy_with_logits (v1) with dim, v2 with axis=0,
sparse softmax xent with int64 labels, sigmoid and weighted xent. Values, shapes, op types, errors."""
import numpy as np


def case(tf):
    lv = np.array([[[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], [[0.0, 0.0, 0.0], [10.0, -10.0, 1.0]]],
                  np.float32)
    logits = tf.constant(lv)
    obs = {}
    exprs = {
        "sm": tf.nn.softmax(logits), "sm_ax0": tf.nn.softmax(logits, axis=0),
        "sm_ax1": tf.nn.softmax(logits, axis=-2), "lsm": tf.nn.log_softmax(logits),
        "lsm_ax1": tf.nn.log_softmax(logits, axis=1), "sm_dim": tf.nn.softmax(logits, dim=1),
    }
    lab = tf.constant(np.array([[[0.0, 0.0, 1.0], [0.5, 0.5, 0.0]],
                                [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]], np.float32))
    exprs["xent_v2"] = tf.nn.softmax_cross_entropy_with_logits_v2(labels=lab, logits=logits)
    exprs["xent_v2_ax0"] = tf.nn.softmax_cross_entropy_with_logits_v2(labels=lab, logits=logits, axis=0)
    exprs["xent_v1_dim1"] = tf.nn.softmax_cross_entropy_with_logits(labels=lab, logits=logits, dim=1)
    sl = tf.constant(np.array([[2, 0], [1, 1]], np.int64))
    exprs["sparse"] = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=sl, logits=logits)
    exprs["sig_xent"] = tf.nn.sigmoid_cross_entropy_with_logits(labels=lab, logits=logits)
    exprs["weighted"] = tf.nn.weighted_cross_entropy_with_logits(labels=lab, logits=logits, pos_weight=2.0)
    obs["op_types"] = {k: e.op.type for k, e in exprs.items()}
    obs["names"] = {k: e.name for k, e in exprs.items()}
    obs["shapes"] = {k: e.shape.as_list() for k, e in exprs.items()}
    w = tf.constant(np.arange(12, dtype=np.float32).reshape(2, 2, 3))
    gs = {
        "g_sm": tf.gradients(exprs["sm"] * w, logits)[0],
        "g_lsm": tf.gradients(exprs["lsm_ax1"] * w, logits)[0],
        "g_xent_logits": tf.gradients(exprs["xent_v2"], logits)[0],
        "g_xent_labels": tf.gradients(exprs["xent_v2"], lab)[0],
        "g_sparse": tf.gradients(exprs["sparse"], logits)[0],
        "g_sig": tf.gradients(exprs["sig_xent"], logits)[0],
    }
    obs["g_labels_v1"] = [g is None for g in tf.gradients(exprs["xent_v1_dim1"], lab)]
    obs["g_op_types"] = {k: g.op.type for k, g in gs.items()}
    with tf.Session() as sess:
        vals = sess.run(exprs)
        gvals = sess.run(gs)
        try:
            sess.run(tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=tf.constant([[3, 0], [0, 0]]), logits=logits))
        except Exception as e:
            obs["sparse_oob_err"] = type(e).__name__
    try:
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([1, 0]), logits=logits)
    except Exception as e:
        obs["sparse_rank_err"] = type(e).__name__
    try:
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant([[1.0, 0.0]]), logits=logits)
    except Exception as e:
        obs["xent_shape_err"] = type(e).__name__
    obs["vals"] = {k: v.tolist() for k, v in vals.items()}
    obs["grads"] = {k: v.tolist() for k, v in gvals.items()}
    return obs
