"""tf.losses.sigmoid_cross_entropy / softmax_cross_entropy (label_smoothing) /
sparse_softmax_cross_entropy: names, values, weights per example, [N,1] sparse labels,
float64 logits, and errors for mismatched shapes."""


def case(tf):
    logits = tf.constant([[2.0, -1.0, 0.5], [0.0, 3.0, -2.0]])
    onehot = tf.constant([[1, 0, 0], [0, 0, 1]])
    multi = tf.constant([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    sparse = tf.constant([0, 2])
    outs = {
        "sig": tf.losses.sigmoid_cross_entropy(multi, logits),
        "sig_ls": tf.losses.sigmoid_cross_entropy(multi, logits, label_smoothing=0.2),
        "sig_w": tf.losses.sigmoid_cross_entropy(multi, logits, weights=[[1.0], [0.0]]),
        "soft": tf.losses.softmax_cross_entropy(onehot, logits),
        "soft_ls": tf.losses.softmax_cross_entropy(onehot, logits, label_smoothing=0.1),
        "soft_w": tf.losses.softmax_cross_entropy(onehot, logits, weights=[2.0, 0.5]),
        "soft_none": tf.losses.softmax_cross_entropy(onehot, logits,
                                                     reduction=tf.losses.Reduction.NONE),
        "sparse": tf.losses.sparse_softmax_cross_entropy(sparse, logits),
        "sparse_w": tf.losses.sparse_softmax_cross_entropy(sparse, logits, weights=[0.0, 3.0]),
        "sparse_col": tf.losses.sparse_softmax_cross_entropy(tf.constant([[1], [1]]), logits,
                                                             weights=tf.constant([[1.0], [2.0]])),
    }
    d = tf.losses.softmax_cross_entropy(onehot, tf.cast(logits, tf.float64))
    obs = {
        "names": {k: v.name for k, v in outs.items()},
        "shapes": {k: v.shape.as_list() for k, v in outs.items()},
        "f64": d.dtype.name,
        "n_losses": len(tf.losses.get_losses()),
    }
    with tf.Session() as sess:
        obs["values"] = {k: v.tolist() for k, v in sess.run(outs).items()}
        obs["f64_value"] = float(sess.run(d))
    for key, fn in (
            ("soft_shape", lambda: tf.losses.softmax_cross_entropy(onehot[:, :2], logits)),
            ("sig_shape", lambda: tf.losses.sigmoid_cross_entropy(multi[:1], logits)),
            ("sparse_rank", lambda: tf.losses.sparse_softmax_cross_entropy(onehot, logits)),
            ("soft_none", lambda: tf.losses.softmax_cross_entropy(None, logits))):
        try:
            fn()
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    obs["_tol"] = 1e-5
    return obs
