"""tf.losses.mean_squared_error, absolute_difference, huber_loss (delta), log_loss (epsilon):
op names of the result, values with weights, the default reduction, scope=, shape mismatch
errors and None arguments."""


def case(tf):
    lab = tf.constant([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    pred = tf.constant([[0.1, 0.8], [0.6, 0.4], [0.99, 0.2]])
    w = tf.constant([[1.0], [2.0], [0.0]])
    outs = {
        "mse": tf.losses.mean_squared_error(lab, pred),
        "mse_w": tf.losses.mean_squared_error(lab, pred, weights=w),
        "abs": tf.losses.absolute_difference(lab, pred, weights=3.0),
        "huber": tf.losses.huber_loss(lab, pred * 4.0),
        "huber_d": tf.losses.huber_loss(lab, pred * 4.0, delta=0.5, weights=w),
        "log": tf.losses.log_loss(lab, pred),
        "log_eps": tf.losses.log_loss(lab, pred, epsilon=0.1, scope="myloss"),
        "log_sum": tf.losses.log_loss(lab, pred, reduction=tf.losses.Reduction.SUM),
        "mse_none": tf.losses.mean_squared_error(lab, pred, reduction=tf.losses.Reduction.NONE),
    }
    obs = {
        "names": {k: v.name for k, v in outs.items()},
        "types": {k: v.op.type for k, v in outs.items()},
        "losses": [t.name for t in tf.losses.get_losses()],
        "scoped": [t.name for t in tf.losses.get_losses(scope="myloss")],
    }
    with tf.Session() as sess:
        obs["values"] = {k: v.tolist() for k, v in sess.run(outs).items()}
    for key, fn in (("mse_shape", lambda: tf.losses.mean_squared_error(lab, pred[:, :1])),
                    ("mse_none_arg", lambda: tf.losses.mean_squared_error(None, pred)),
                    ("log_none", lambda: tf.losses.log_loss(lab, None)),
                    ("huber_int", lambda: tf.losses.huber_loss(tf.constant([1, 2]),
                                                               tf.constant([1, 3])))):
        try:
            fn()
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    obs["_tol"] = 1e-5
    return obs
