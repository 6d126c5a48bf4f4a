"""apply_gradients input forms: generators, tuples, hand-made IndexedSlices with duplicate indices for
each optimizer (duplicates summed before the sparse update), float64 sparse grads, global_step name,
var_list given as a tuple/dict/nested list, the same variable twice, invalid aggregation_method."""
import numpy as np


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def _opts(tf):
    return {
        "gd": tf.train.GradientDescentOptimizer(0.1),
        "mom": tf.train.MomentumOptimizer(0.1, 0.9),
        "nest": tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True),
        "adam": tf.train.AdamOptimizer(0.1),
        "adagrad": tf.train.AdagradOptimizer(0.1),
        "rms": tf.train.RMSPropOptimizer(0.1, momentum=0.3),
        "crms": tf.train.RMSPropOptimizer(0.1, centered=True),
        "adadelta": tf.train.AdadeltaOptimizer(1.0),
        "ftrl": tf.train.FtrlOptimizer(0.1, l1_regularization_strength=0.01),
        "pgd": tf.train.ProximalGradientDescentOptimizer(0.1, l1_regularization_strength=0.05),
        "padagrad": tf.train.ProximalAdagradOptimizer(0.1, l2_regularization_strength=0.05),
    }


def case(tf):
    obs = {}
    vals = {}
    for use_resource in (False, True):
        for k, opt in _opts(tf).items():
            with tf.Graph().as_default():
                w = tf.Variable(np.arange(8, dtype=np.float32).reshape(4, 2) - 3.0, name="w",
                                use_resource=use_resource)
                g = tf.IndexedSlices(tf.constant([[1.0, -1.0], [0.5, 2.0], [3.0, 0.0]]),
                                     tf.constant([1, 3, 1]), tf.constant([4, 2]))
                train = opt.apply_gradients((pair for pair in [(g, w)]))
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    sess.run(train)
                    sess.run(train)
                    vals["%s_%s" % (k, "res" if use_resource else "ref")] = sess.run(w).tolist()
    obs["dup_sparse"] = vals
    with tf.Graph().as_default():
        a = tf.Variable([1.0, 2.0], name="a")
        b = tf.Variable(3.0, name="b")
        loss = tf.reduce_sum(a * a) * b
        opt = tf.train.GradientDescentOptimizer(0.1)
        obs["tuple_vl"] = [v.name for _, v in opt.compute_gradients(loss, var_list=(b, a))]
        obs["dict_vl"] = [v.name for _, v in opt.compute_gradients(loss, var_list={"z": a, "y": b})]
        obs["nested_vl"] = [v.name for _, v in opt.compute_gradients(loss, var_list=[[a], [b]])]
        obs["twice"] = _err(lambda: opt.minimize(loss, var_list=[a, a]))
        obs["bad_agg"] = _err(lambda: opt.compute_gradients(loss, aggregation_method=9))
        gs = tf.Variable(0, name="step", trainable=False, dtype=tf.int64)
        t = opt.apply_gradients(opt.compute_gradients(loss), global_step=gs, name="apply")
        obs["gs_apply"] = [t.name, t.type, sorted(i.name for i in t.control_inputs)]
    with tf.Graph().as_default():
        d = tf.Variable([[1.0, 2.0], [3.0, 4.0]], dtype=tf.float64, name="d")
        gd = tf.IndexedSlices(tf.constant([[1.0, 1.0]], tf.float64), tf.constant([1]))
        t = tf.train.AdamOptimizer(0.1).apply_gradients([(gd, d)])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(t)
            obs["f64_sparse"] = sess.run(d).tolist()
    obs["_tol"] = 1e-5
    return obs
