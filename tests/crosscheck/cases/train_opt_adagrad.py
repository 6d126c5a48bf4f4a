"""AdagradOptimizer and ProximalAdagradOptimizer: accumulator slot names/initial values, dense and sparse
updates (with duplicate indices), ref and resource variables, constructor errors."""


def _run(tf, make, use_resource, sparse):
    obs = {}
    with tf.Graph().as_default():
        w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]]),
                            use_resource=use_resource)
        if sparse:
            loss = tf.reduce_sum(tf.square(tf.gather(w, [2, 0, 2]) - 0.5))
        else:
            loss = tf.reduce_sum(tf.square(w - 0.5))
        opt = make(tf)
        train = opt.minimize(loss)
        slot = opt.get_slot(w, "accumulator")
        obs["slot"] = [slot.name, slot.shape.as_list()]
        obs["slot_names"] = opt.get_slot_names()
        obs["update_types"] = sorted(op.type for op in tf.get_default_graph().get_operations()
                                     if "Apply" in op.type)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["acc0"] = sess.run(slot).tolist()
            for _ in range(3):
                sess.run(train)
            obs["w"] = sess.run(w).tolist()
            obs["acc"] = sess.run(slot).tolist()
    return obs


def case(tf):
    obs = {}
    makers = {
        "adagrad": lambda tf: tf.train.AdagradOptimizer(0.3, initial_accumulator_value=0.2),
        "padagrad": lambda tf: tf.train.ProximalAdagradOptimizer(0.3, initial_accumulator_value=0.2,
                                                                 l1_regularization_strength=0.05,
                                                                 l2_regularization_strength=0.1),
        "padagrad_plain": lambda tf: tf.train.ProximalAdagradOptimizer(0.3),
    }
    for name, make in makers.items():
        for use_resource in (False, True):
            for sparse in (False, True):
                key = "%s_%s_%s" % (name, "res" if use_resource else "ref",
                                    "sparse" if sparse else "dense")
                obs[key] = _run(tf, make, use_resource, sparse)
    for name, make in (("adagrad_zero", lambda: tf.train.AdagradOptimizer(0.1, 0.0)),
                       ("adagrad_neg", lambda: tf.train.AdagradOptimizer(0.1, -1.0)),
                       ("padagrad_zero", lambda: tf.train.ProximalAdagradOptimizer(0.1, 0.0))):
        try:
            make()
            obs[name] = "ok"
        except Exception as e:
            obs[name] = type(e).__name__
    obs["_tol"] = 1e-5
    return obs
