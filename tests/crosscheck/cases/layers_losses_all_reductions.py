"""Every tf.losses function under every Reduction with per-element weights containing zeros:
values, result names and static shapes."""


def case(tf):
    lab = tf.constant([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    pred = tf.constant([[0.8, 0.3, 0.4], [0.1, 0.6, 0.7]])
    w = tf.constant([[1.0, 0.0, 2.0], [0.5, 0.0, 1.0]])
    wrow = tf.constant([[2.0], [0.0]])
    fns = {
        "abs": lambda r: tf.losses.absolute_difference(lab, pred, w, reduction=r),
        "mse": lambda r: tf.losses.mean_squared_error(lab, pred, w, reduction=r),
        "huber": lambda r: tf.losses.huber_loss(lab, pred * 3.0, w, delta=0.5, reduction=r),
        "log": lambda r: tf.losses.log_loss(lab, pred, w, reduction=r),
        "hinge": lambda r: tf.losses.hinge_loss(lab, pred - 0.5, w, reduction=r),
        "cos": lambda r: tf.losses.cosine_distance(lab, pred, axis=1, weights=wrow, reduction=r),
        "sig": lambda r: tf.losses.sigmoid_cross_entropy(lab, pred, w, label_smoothing=0.1,
                                                         reduction=r),
        "soft": lambda r: tf.losses.softmax_cross_entropy(lab, pred, [1.0, 3.0],
                                                          label_smoothing=0.2, reduction=r),
        "sparse": lambda r: tf.losses.sparse_softmax_cross_entropy([2, 1], pred, [0.0, 3.0],
                                                                   reduction=r),
    }
    R = tf.losses.Reduction
    outs = {}
    for k, fn in fns.items():
        for r in ("NONE", "SUM", "MEAN", "SUM_OVER_BATCH_SIZE", "SUM_BY_NONZERO_WEIGHTS"):
            outs[k + "/" + r] = fn(getattr(R, r))
    obs = {"names": {k: v.name for k, v in outs.items()},
           "shapes": {k: v.shape.as_list() for k, v in outs.items()},
           "n_losses": len(tf.losses.get_losses())}
    with tf.Session() as sess:
        obs["values"] = {k: v.tolist() for k, v in sess.run(outs).items()}
    obs["_tol"] = 1e-5
    return obs
