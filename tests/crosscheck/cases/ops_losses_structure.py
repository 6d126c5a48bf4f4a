"""tf.losses.* as TF builds them: assert_broadcastable (static_scalar_check_success /
static_dims_check_success NoOps, or for unknown dims the is_scalar / is_valid_shape cond with a set
difference and an Assert) as the control dependency of the weighting (`Cast/x` for Python weights),
num_present through broadcast_weights, _safe_mean's second Sum over range(rank) and DivNoNan
`value`; each loss's own ops (label smoothing, huber's Const, hinge, log_loss, cosine distance) and
every Reduction of compute_weighted_loss."""
import numpy as np


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [o.shape.as_list() if o.shape.ndims is not None else None for o in op.outputs],
             sorted(c.name for c in op.control_inputs)] for op in graph.get_operations()]


def case(tf):
    p = tf.placeholder(tf.float32, [4, 3], name="p")
    lab = tf.placeholder(tf.float32, [4, 3], name="l")
    d = tf.placeholder(tf.float32, [None, 3], name="d")
    w = tf.placeholder(tf.float32, [4, 1], name="w")
    wd = tf.placeholder(tf.float32, [None, 1], name="wd")
    il = tf.placeholder(tf.int32, [4], name="il")
    outs = {}
    outs["mse"] = tf.losses.mean_squared_error(lab, p)
    outs["mse_w"] = tf.losses.mean_squared_error(lab, p, weights=w)
    outs["mse_d"] = tf.losses.mean_squared_error(d, d * 2.0)
    outs["mse_dw"] = tf.losses.mean_squared_error(d, d * 2.0, weights=wd)
    outs["abs"] = tf.losses.absolute_difference(lab, p, weights=2.0)
    outs["sig"] = tf.losses.sigmoid_cross_entropy(lab, p, label_smoothing=0.1)
    outs["soft"] = tf.losses.softmax_cross_entropy(lab, p, label_smoothing=0.2)
    outs["soft_w"] = tf.losses.softmax_cross_entropy(lab, p, weights=tf.constant([1.0, 0.0, 2.0, 1.0]))
    outs["sparse"] = tf.losses.sparse_softmax_cross_entropy(il, p)
    outs["hub"] = tf.losses.huber_loss(lab, p, delta=0.5)
    outs["log"] = tf.losses.log_loss(lab, tf.sigmoid(p))
    outs["hinge"] = tf.losses.hinge_loss(lab, p)
    outs["cos"] = tf.losses.cosine_distance(tf.nn.l2_normalize(lab, 1), tf.nn.l2_normalize(p, 1), axis=1)
    red = tf.losses.Reduction
    for name in ["NONE", "SUM", "SUM_OVER_BATCH_SIZE", "SUM_BY_NONZERO_WEIGHTS", "MEAN"]:
        outs["cw_" + name] = tf.losses.compute_weighted_loss(tf.abs(p - lab), weights=w,
                                                            reduction=getattr(red, name))
    outs["cw_scalar"] = tf.losses.compute_weighted_loss(tf.abs(d), reduction=red.SUM_OVER_BATCH_SIZE)
    outs["total"] = tf.add_n(tf.losses.get_losses()[:5], name="total")
    obs = {"ops": _ops(tf.get_default_graph())}
    rng = np.random.RandomState(0)
    feed = {p: rng.rand(4, 3), lab: (rng.rand(4, 3) > 0.5) * 1.0, d: rng.rand(2, 3),
            w: [[1.], [0.], [2.], [1.]], wd: [[1.], [0.]], il: [0, 1, 2, 1]}
    with tf.Session() as sess:
        vals = sess.run(outs, feed)
    obs["values"] = {k: np.round(np.asarray(v, np.float64), 5).tolist() for k, v in vals.items()}
    return obs
