"""Less common tf.metrics: precision_at_thresholds, recall_at_thresholds, mean_relative_error,
percentage_below, mean_cosine_distance, mean_per_class_accuracy: variable names, op names,
running values."""


def case(tf):
    lab = tf.placeholder(tf.float32, [None])
    prob = tf.placeholder(tf.float32, [None])
    blab = tf.cast(lab, tf.bool)
    outs = {
        "pt": tf.metrics.precision_at_thresholds(blab, prob, [0.3, 0.6]),
        "rt": tf.metrics.recall_at_thresholds(blab, prob, [0.3, 0.6], weights=lab + 1.0),
        "mre": tf.metrics.mean_relative_error(lab + 1.0, prob, normalizer=lab + 2.0),
        "pb": tf.metrics.percentage_below(prob, 0.5),
        "mpca": tf.metrics.mean_per_class_accuracy(tf.cast(lab, tf.int32),
                                                   tf.cast(prob > 0.5, tf.int32), 3),
    }
    v1 = tf.placeholder(tf.float32, [None, 3])
    v2 = tf.placeholder(tf.float32, [None, 3])
    outs["mcd"] = tf.metrics.mean_cosine_distance(v1, v2, dim=1)
    obs = {
        "names": {k: [v[0].name, v[1].name] for k, v in outs.items()},
        "shapes": {k: [v[0].shape.as_list(), v[1].shape.as_list()] for k, v in outs.items()},
        "local": [(v.name, v.shape.as_list()) for v in tf.local_variables()],
    }
    f1 = {lab: [1.0, 0.0, 1.0, 0.0, 1.0], prob: [0.9, 0.4, 0.2, 0.7, 0.55],
          v1: [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], v2: [[0.6, 0.8, 0.0], [0.0, 1.0, 0.0]]}
    f2 = {lab: [0.0, 1.0], prob: [0.1, 0.35], v1: [[0.0, 0.0, 1.0]], v2: [[0.0, 0.0, -1.0]]}
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["b1"] = {k: v.tolist() for k, v in sess.run({k: v[1] for k, v in outs.items()},
                                                       f1).items()}
        obs["b2"] = {k: v.tolist() for k, v in sess.run({k: v[1] for k, v in outs.items()},
                                                       f2).items()}
        obs["vals"] = {k: v.tolist() for k, v in sess.run({k: v[0] for k, v in outs.items()}
                                                         ).items()}
    return obs
