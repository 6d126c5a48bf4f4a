"""tf.metrics names in name/variable scopes and repeated calls: 'accuracy_1/...', metrics
inside name_scope and variable_scope, a name= with a slash, METRIC_VARIABLES order, and
tf.local_variables_initializer resetting; metric ops run without the global initializer."""


def case(tf):
    lab = tf.constant([1, 0, 1])
    pred = tf.constant([1, 1, 1])
    a1 = tf.metrics.accuracy(lab, pred)
    a2 = tf.metrics.accuracy(lab, pred)
    with tf.name_scope("ns"):
        a3 = tf.metrics.accuracy(lab, pred)
        m3 = tf.metrics.mean(tf.constant([1.0, 2.0]))
    with tf.variable_scope("vs"):
        a4 = tf.metrics.accuracy(lab, pred)
        p4 = tf.metrics.precision(lab, pred)
    with tf.variable_scope("vs", reuse=True):
        a5 = tf.metrics.accuracy(lab, pred)
    a6 = tf.metrics.accuracy(lab, pred, name="eval/acc")
    pairs = [a1, a2, a3, m3, a4, p4, a5, a6]
    obs = {
        "names": [[t.name for t in p] for p in pairs],
        "local": [v.name for v in tf.local_variables()],
        "metric": [v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)],
        "global": [v.name for v in tf.global_variables()],
        "initializer": tf.local_variables_initializer().name,
    }
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["run1"] = [float(sess.run(p[1])) for p in pairs]
        obs["run2"] = [float(sess.run(p[1])) for p in pairs]
        sess.run(tf.local_variables_initializer())
        obs["reset"] = [float(sess.run(p[0])) for p in pairs]
    return obs
