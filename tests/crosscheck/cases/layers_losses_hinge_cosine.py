"""tf.losses.hinge_loss and cosine_distance (axis, dim alias, missing axis), and
mean_pairwise_squared_error if present: names, values, weights, reductions."""


def case(tf):
    lab = tf.constant([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
    logits = tf.constant([[0.3, -2.0, 1.5], [0.8, 0.1, -0.4]])
    a = tf.constant([[0.6, 0.8, 0.0], [1.0, 0.0, 0.0]])
    b = tf.constant([[0.0, 1.0, 0.0], [0.6, 0.0, 0.8]])
    outs = {
        "hinge": tf.losses.hinge_loss(lab, logits),
        "hinge_w": tf.losses.hinge_loss(lab, logits, weights=[[1.0], [3.0]]),
        "hinge_none": tf.losses.hinge_loss(lab, logits, reduction=tf.losses.Reduction.NONE),
        "cos1": tf.losses.cosine_distance(a, b, axis=1),
        "cos0": tf.losses.cosine_distance(a, b, axis=0),
        "cos_dim": tf.losses.cosine_distance(a, b, dim=1),
        "cos_none": tf.losses.cosine_distance(a, b, axis=1, reduction=tf.losses.Reduction.NONE),
        "cos_w": tf.losses.cosine_distance(a, b, axis=1, weights=[[2.0], [0.0]]),
        "mpse": tf.losses.mean_pairwise_squared_error(lab, logits),
        "mpse_w": tf.losses.mean_pairwise_squared_error(lab, logits, weights=[[1.0], [2.0]]),
    }
    obs = {
        "names": {k: v.name for k, v in outs.items()},
        "shapes": {k: v.shape.as_list() for k, v in outs.items()},
        "losses": len(tf.losses.get_losses()),
    }
    with tf.Session() as sess:
        obs["values"] = {k: v.tolist() for k, v in sess.run(outs).items()}
    for key, fn in (("cos_no_axis", lambda: tf.losses.cosine_distance(a, b)),
                    ("cos_both", lambda: tf.losses.cosine_distance(a, b, axis=1, dim=1)),
                    ("hinge_shape", lambda: tf.losses.hinge_loss(lab[:, :2], logits))):
        try:
            fn()
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    obs["_tol"] = 1e-5
    return obs
