"""ProximalGradientDescentOptimizer: no slots, l1/l2 shrinkage numbers, dense and sparse (ref / resource),
op types; GradientDescent sparse updates (ScatterSub / ResourceScatterAdd) for comparison."""


def _run(tf, make, use_resource, sparse):
    obs = {}
    with tf.Graph().as_default():
        w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [-1.0, 0.05], [3.0, -2.0]]),
                            use_resource=use_resource)
        if sparse:
            loss = tf.reduce_sum(tf.square(tf.gather(w, [1, 1, 0]) - 0.5))
        else:
            loss = tf.reduce_sum(tf.square(w - 0.5))
        opt = make(tf)
        train = opt.minimize(loss)
        obs["slot_names"] = opt.get_slot_names()
        obs["globals"] = [v.name for v in tf.global_variables()]
        obs["update_types"] = sorted(op.type for op in tf.get_default_graph().get_operations()
                                     if op.name.startswith(opt.get_name() + "/update_"))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run(train)
            obs["w"] = sess.run(w).tolist()
    return obs


def case(tf):
    obs = {}
    makers = {
        "pgd": lambda tf: tf.train.ProximalGradientDescentOptimizer(
            0.1, l1_regularization_strength=0.3, l2_regularization_strength=0.2),
        "pgd_plain": lambda tf: tf.train.ProximalGradientDescentOptimizer(0.1),
        "gd": lambda tf: tf.train.GradientDescentOptimizer(0.1),
    }
    for name, make in makers.items():
        for use_resource in (False, True):
            for sparse in (False, True):
                key = "%s_%s_%s" % (name, "res" if use_resource else "ref",
                                    "sparse" if sparse else "dense")
                obs[key] = _run(tf, make, use_resource, sparse)
    obs["_tol"] = 1e-5
    return obs
