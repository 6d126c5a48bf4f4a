"""tf.metrics.mean_iou: the confusion-matrix variable (name, shape, dtype), op names, running
values, classes that never occur, weights; mean_per_class_accuracy if present."""


def case(tf):
    lab = tf.placeholder(tf.int64, [None])
    pred = tf.placeholder(tf.int64, [None])
    w = tf.placeholder(tf.float32, [None])
    m, mu = tf.metrics.mean_iou(lab, pred, num_classes=4)
    mw, mwu = tf.metrics.mean_iou(lab, pred, num_classes=3, weights=w, name="wiou")
    obs = {
        "names": [t.name for t in (m, mu, mw, mwu)],
        "types": [t.op.type for t in (m, mu)],
        "dtypes": [t.dtype.name for t in (m, mu)],
        "shapes": [t.shape.as_list() for t in (m, mu)],
        "local": [(v.name, v.shape.as_list(), v.dtype.base_dtype.name)
                  for v in tf.local_variables()],
    }
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["initial"] = float(sess.run(m))
        obs["u1"] = sess.run(mu, {lab: [0, 1, 1, 2], pred: [0, 1, 2, 2]}).tolist()
        obs["v1"] = float(sess.run(m))
        sess.run(mu, {lab: [3, 0], pred: [0, 0]})
        obs["v2"] = float(sess.run(m))
        sess.run(mwu, {lab: [0, 1, 2, 2], pred: [0, 2, 2, 1], w: [1.0, 0.0, 2.0, 1.0]})
        obs["wv"] = float(sess.run(mw))
    return obs
