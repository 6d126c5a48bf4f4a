"""Optimizer error classes: no variables, no gradients, non-float variable / loss, bad gate_gradients,
empty apply_gradients, grads that are not tensors, a non-variable in var_list, empty name, None grads."""


def _err(fn):
    try:
        r = fn()
        return "ok:%s" % type(r).__name__
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    opt = tf.train.GradientDescentOptimizer(0.1)
    with tf.Graph().as_default():
        obs["no_vars"] = _err(lambda: opt.minimize(tf.constant(1.0) * 2.0))
    with tf.Graph().as_default():
        w = tf.Variable(1.0, name="w")
        u = tf.Variable(2.0, name="u")
        obs["no_grads"] = _err(lambda: opt.minimize(u * 2.0, var_list=[w]))
        obs["no_grads_const"] = _err(lambda: opt.minimize(tf.constant(3.0)))
        obs["bad_gate"] = _err(lambda: opt.compute_gradients(w * 2.0, gate_gradients=7))
        obs["empty_apply"] = _err(lambda: opt.apply_gradients([]))
        obs["all_none_apply"] = _err(lambda: opt.apply_gradients([(None, w), (None, u)]))
        obs["str_grad"] = _err(lambda: opt.apply_gradients([("abc", w)]))
        obs["list_grad"] = _err(lambda: opt.apply_gradients([([1.0], w)]))
        obs["float_grad"] = _err(lambda: opt.apply_gradients([(1.5, w)]))
        obs["tensor_in_var_list"] = _err(lambda: opt.compute_gradients(w * 2.0,
                                                                       var_list=[tf.constant(1.0)]))
        obs["empty_var_list"] = _err(lambda: opt.compute_gradients(w * 2.0, var_list=[]))
        obs["int_loss"] = _err(lambda: opt.compute_gradients(tf.constant(3)))
        obs["empty_name"] = _err(lambda: tf.train.GradientDescentOptimizer(0.1, name=""))
        obs["some_none_apply"] = _err(lambda: opt.apply_gradients([(tf.constant(1.0), w), (None, u)]))
        obs["grad_shape_mismatch"] = _err(lambda: opt.apply_gradients([(tf.constant([1.0, 2.0]), w)]))
        obs["grad_dtype_mismatch"] = _err(
            lambda: opt.apply_gradients([(tf.constant(1.0, dtype=tf.float64), w)]))
        obs["callable_loss_ref"] = _err(lambda: opt.minimize(lambda: w * 3.0))
        obs["callable_loss_ref_grads"] = _err(lambda: opt.compute_gradients(lambda: w * 3.0))
    with tf.Graph().as_default():
        rw = tf.Variable(1.0, name="rw", use_resource=True)
        ru = tf.Variable(2.0, name="ru", use_resource=True)
        rt = opt.minimize(lambda: rw * 3.0)
        obs["callable_train"] = [rt.name, rt.type]
        gv = opt.compute_gradients(lambda: rw * ru)
        obs["callable_vars"] = [v.name for _, v in gv]
        gv = opt.compute_gradients(lambda: ru * 2.0, var_list=[rw, ru])
        obs["callable_var_list_none"] = [g is None for g, _ in gv]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(rt)
            obs["callable_after"] = float(sess.run(rw))
    with tf.Graph().as_default():
        iv = tf.Variable(3, name="iv")
        f = tf.Variable(1.0, name="f")
        obs["int_var"] = _err(lambda: opt.minimize(tf.cast(iv, tf.float32) * f, var_list=[iv]))
        obs["int_var_in_default"] = _err(lambda: opt.minimize(tf.cast(iv, tf.float32) * f))
        obs["int_var_grads"] = _err(lambda: opt.compute_gradients(tf.cast(iv, tf.float32) * f))
    with tf.Graph().as_default():
        d = tf.Variable(1.0, dtype=tf.float64, name="d")
        obs["f64_var"] = _err(lambda: opt.minimize(d * d))
        hv = tf.Variable(1.0, dtype=tf.float16, name="h")
        obs["f16_var"] = _err(lambda: opt.minimize(hv * hv))
        cv = tf.Variable(1.0 + 2.0j, dtype=tf.complex64, name="c")
        obs["complex_var"] = _err(lambda: opt.minimize(tf.real(cv * cv)))
        with tf.Session() as sess:
            t64 = opt.minimize(d * d, var_list=[d])
            sess.run(tf.global_variables_initializer())
            sess.run(t64)
            obs["f64_val"] = float(sess.run(d))
    with tf.Graph().as_default():
        w = tf.Variable(1.0, name="w")
        for n, o in (("momentum", tf.train.MomentumOptimizer(0.1, 0.9)),
                     ("adam", tf.train.AdamOptimizer()),
                     ("rms", tf.train.RMSPropOptimizer(0.1))):
            obs["no_grads_" + n] = _err(lambda o=o: o.minimize(tf.constant(1.0) + 0.0 * 2.0,
                                                               var_list=[w]))
        obs["globals_after_errors"] = [v.name for v in tf.global_variables()]
    return obs
