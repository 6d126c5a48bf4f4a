"""tf.metrics.precision and recall: nested variable names ('precision/true_positives/count:0'),
op names, running values, 0 when undefined, weights, float predictions cast to bool,
metrics/updates collections."""


def case(tf):
    lab = tf.placeholder(tf.bool, [None])
    pred = tf.placeholder(tf.bool, [None])
    w = tf.placeholder(tf.float32, [None])
    p, pu = tf.metrics.precision(lab, pred, metrics_collections=["m"], updates_collections=["u"])
    r, ru = tf.metrics.recall(lab, pred, weights=w)
    p2, pu2 = tf.metrics.precision(tf.constant([1, 0, 1]), tf.constant([0.0, 0.0, 0.0]),
                                   name="none_pos")
    obs = {
        "names": [t.name for t in (p, pu, r, ru, p2, pu2)],
        "types": [t.op.type for t in (p, pu)],
        "local": [v.name for v in tf.local_variables()],
        "m": [t.name for t in tf.get_collection("m")],
        "u": [t.name for t in tf.get_collection("u")],
    }
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["initial"] = [float(x) for x in sess.run([p, r])]
        f1 = {lab: [True, False, True, True], pred: [True, True, False, True],
              w: [1.0, 1.0, 3.0, 0.5]}
        obs["b1"] = [float(x) for x in sess.run([pu, ru], f1)]
        f2 = {lab: [False, True], pred: [True, True], w: [2.0, 2.0]}
        obs["b2"] = [float(x) for x in sess.run([pu, ru], f2)]
        obs["values"] = [float(x) for x in sess.run([p, r])]
        obs["none_pos"] = float(sess.run(pu2))
    return obs
