"""tf.metrics.accuracy with weights (per-example and broadcast scalars), squeezable [N, 1]
predictions, name=, metrics_collections/updates_collections, op names of value/update_op,
bool and float labels, shape mismatch errors."""


def case(tf):
    labels = tf.placeholder(tf.int32, [None])
    preds = tf.placeholder(tf.int32, [None])
    preds_col = tf.placeholder(tf.int32, [None, 1])
    w = tf.placeholder(tf.float32, [None])
    acc, upd = tf.metrics.accuracy(labels, preds, weights=w, name="wacc",
                                   metrics_collections=["mc"], updates_collections=["uc"])
    acc2, upd2 = tf.metrics.accuracy(labels, preds_col)
    acc3, upd3 = tf.metrics.accuracy(labels, preds, weights=2.0)
    obs = {
        "names": [t.name for t in (acc, upd, acc2, upd2, acc3, upd3)],
        "types": [t.op.type for t in (acc, upd, acc2, upd2)],
        "mc": [t.name for t in tf.get_collection("mc")],
        "uc": [t.name for t in tf.get_collection("uc")],
        "local": [v.name for v in tf.local_variables()],
        "metric_vars": [v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)],
        "shapes": [t.shape.as_list() for t in (acc, upd)],
        "dtypes": [t.dtype.name for t in (acc, upd)],
    }
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["w1"] = float(sess.run(upd, {labels: [1, 2, 3], preds: [1, 0, 3], w: [1.0, 2.0, 0.5]}))
        obs["w2"] = float(sess.run(upd, {labels: [0, 0], preds: [1, 0], w: [0.0, 4.0]}))
        obs["wvalue"] = float(sess.run(acc))
        obs["col"] = float(sess.run(upd2, {labels: [1, 2, 3, 4], preds_col: [[1], [2], [0], [0]]}))
        obs["scalar_w"] = float(sess.run(upd3, {labels: [1, 2], preds: [1, 0]}))
        obs["locals_after"] = [float(v) for v in sess.run(tf.local_variables())]
    b, bu = tf.metrics.accuracy(tf.constant([True, False]), tf.constant([True, True]))
    f, fu = tf.metrics.accuracy(tf.constant([1.0, 2.0]), tf.constant([1, 2]))
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["bool"] = float(sess.run(bu))
        obs["float_int"] = float(sess.run(fu))
    try:
        tf.metrics.accuracy(tf.constant([1, 2, 3]), tf.constant([1, 2]))
        obs["mismatch"] = "ok"
    except Exception as e:
        obs["mismatch"] = type(e).__name__
    return obs
