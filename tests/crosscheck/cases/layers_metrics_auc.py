"""tf.metrics.auc: variable names/shapes for num_thresholds, ROC and PR values over several
batches, summation methods, explicit thresholds, weights, op names, bad arguments."""


def case(tf):
    lab = tf.placeholder(tf.int32, [None])
    pred = tf.placeholder(tf.float32, [None])
    a, au = tf.metrics.auc(lab, pred, num_thresholds=5)
    pr, pru = tf.metrics.auc(lab, pred, curve="PR", num_thresholds=7, name="pr")
    mi, miu = tf.metrics.auc(lab, pred, summation_method="minoring", name="mi")
    ma, mau = tf.metrics.auc(lab, pred, summation_method="majoring", num_thresholds=11,
                             name="ma")
    ci, ciu = tf.metrics.auc(lab, pred, curve="PR", summation_method="careful_interpolation",
                             name="ci")
    th, thu = tf.metrics.auc(lab, pred, thresholds=[0.5, 0.25, 0.75], name="th")
    wt, wtu = tf.metrics.auc(lab, pred, weights=tf.ones_like(pred) * 2.0, name="wt")
    pairs = {"a": (a, au), "pr": (pr, pru), "mi": (mi, miu), "ma": (ma, mau), "ci": (ci, ciu),
             "th": (th, thu), "wt": (wt, wtu)}
    obs = {
        "names": {k: [v[0].name, v[1].name] for k, v in pairs.items()},
        "local": [(v.name, v.shape.as_list()) for v in tf.local_variables()],
    }
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["initial"] = {k: float(sess.run(v[0])) for k, v in pairs.items()}
        f1 = {lab: [0, 0, 1, 1, 1], pred: [0.1, 0.4, 0.35, 0.8, 0.6]}
        obs["b1"] = {k: float(x) for k, x in sess.run({k: v[1] for k, v in pairs.items()},
                                                      f1).items()}
        f2 = {lab: [1, 0, 0], pred: [0.05, 0.9, 0.3]}
        obs["b2"] = {k: float(x) for k, x in sess.run({k: v[1] for k, v in pairs.items()},
                                                      f2).items()}
    for key, kwargs in (("bad_curve", {"curve": "XX"}), ("bad_sum", {"summation_method": "x"}),
                        ("one_threshold", {"num_thresholds": 1})):
        try:
            tf.metrics.auc(lab, pred, **kwargs)
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    obs["_tol"] = 1e-4
    return obs
