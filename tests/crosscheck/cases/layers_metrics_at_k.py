"""tf.metrics.recall_at_k / precision_at_k (with class_id, weights, rank-1 labels, several
labels per row, out-of-range labels) and recall_at_top_k / precision_at_top_k: float64 local
variable names, value/update op names, running values."""


def case(tf):
    lab = tf.constant([[2], [0], [1]], tf.int64)
    multi = tf.constant([[2, 0], [0, 0], [1, 7]], tf.int64)
    pred = tf.constant([[0.1, 0.5, 0.4], [0.6, 0.3, 0.1], [0.2, 0.1, 0.7]])
    idx = tf.constant([[1, 2], [0, 1], [2, 0]], tf.int64)
    outs = {
        "r2": tf.metrics.recall_at_k(lab, pred, 2),
        "p2": tf.metrics.precision_at_k(lab, pred, 2),
        "r1c0": tf.metrics.recall_at_k(lab, pred, 1, class_id=0),
        "p1c2w": tf.metrics.precision_at_k(lab, pred, 1, class_id=2, weights=[1.0, 2.0, 3.0]),
        "rtop": tf.metrics.recall_at_top_k(lab, idx),
        "ptop": tf.metrics.precision_at_top_k(lab, idx, k=2),
        "r1flat": tf.metrics.recall_at_k(tf.constant([2, 0, 1], tf.int64), pred, 1),
        "rmulti": tf.metrics.recall_at_k(multi, pred, 2),
        "pmulti": tf.metrics.precision_at_k(multi, pred, 2, weights=[1.0, 0.5, 2.0]),
        "named": tf.metrics.recall_at_k(lab, pred, 3, name="my_recall"),
    }
    obs = {
        "names": {k: [v[0].name, v[1].name] for k, v in outs.items()},
        "dtypes": {k: [v[0].dtype.name, v[1].dtype.name] for k, v in outs.items()},
        "local": [(v.name, v.shape.as_list(), v.dtype.base_dtype.name)
                  for v in tf.local_variables()],
    }
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["u1"] = {k: float(v) for k, v in sess.run({k: v[1] for k, v in outs.items()}).items()}
        obs["u2"] = {k: float(v) for k, v in sess.run({k: v[1] for k, v in outs.items()}).items()}
        obs["vals"] = {k: float(v) for k, v in sess.run({k: v[0] for k, v in outs.items()}).items()}
        obs["locals"] = [float(v) for v in sess.run(tf.local_variables())]
    return obs
