"""tf.metrics.true_positives / false_positives / true_negatives / false_negatives and the
*_at_thresholds forms: variable names and shapes, op names and types, weighted counts."""


def case(tf):
    lab = tf.constant([1, 0, 1, 1, 0])
    pred = tf.constant([1, 1, 0, 1, 0])
    probs = tf.constant([0.9, 0.6, 0.2, 0.55, 0.1])
    w = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
    outs = {
        "tp": tf.metrics.true_positives(lab, pred),
        "fp": tf.metrics.false_positives(lab, pred, weights=w),
        "tn": tf.metrics.true_negatives(lab, pred),
        "fn": tf.metrics.false_negatives(lab, pred, weights=w),
        "tp_t": tf.metrics.true_positives_at_thresholds(lab, probs, [0.15, 0.5, 0.7]),
        "fp_t": tf.metrics.false_positives_at_thresholds(lab, probs, [0.5]),
        "tn_t": tf.metrics.true_negatives_at_thresholds(lab, probs, [0.0, 0.95], weights=w),
        "fn_t": tf.metrics.false_negatives_at_thresholds(lab, probs, [0.55]),
    }
    obs = {
        "names": {k: [v[0].name, v[1].name] for k, v in outs.items()},
        "types": {k: [v[0].op.type, v[1].op.type] for k, v in outs.items()},
        "local": [(v.name, v.shape.as_list()) for v in tf.local_variables()],
    }
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        first = sess.run({k: v[1] for k, v in outs.items()})
        second = sess.run({k: v[1] for k, v in outs.items()})
        vals = sess.run({k: v[0] for k, v in outs.items()})
    obs["first"] = {k: v.tolist() for k, v in first.items()}
    obs["second"] = {k: v.tolist() for k, v in second.items()}
    obs["vals"] = {k: v.tolist() for k, v in vals.items()}
    return obs
