"""RMSPropOptimizer: plain / momentum / centered, slot names and order (RMSProp, RMSProp_1, RMSProp_2),
rms initialised to ones, dense and sparse updates on ref and resource variables."""


def _run(tf, kwargs, use_resource, sparse):
    obs = {}
    with tf.Graph().as_default():
        w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]]),
                            use_resource=use_resource)
        if sparse:
            loss = tf.reduce_sum(tf.square(tf.gather(w, [1, 2]) - 0.5))
        else:
            loss = tf.reduce_sum(tf.square(w - 0.5))
        opt = tf.train.RMSPropOptimizer(0.05, **kwargs)
        train = opt.minimize(loss)
        obs["slot_names"] = opt.get_slot_names()
        obs["slots"] = {n: opt.get_slot(w, n).name for n in opt.get_slot_names()}
        obs["globals"] = [v.name for v in tf.global_variables()]
        obs["update_types"] = sorted(op.type for op in tf.get_default_graph().get_operations()
                                     if "Apply" in op.type)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["init"] = {n: sess.run(opt.get_slot(w, n)).tolist() for n in opt.get_slot_names()}
            for _ in range(3):
                sess.run(train)
            obs["w"] = sess.run(w).tolist()
            obs["after"] = {n: sess.run(opt.get_slot(w, n)).tolist() for n in opt.get_slot_names()}
    return obs


def case(tf):
    obs = {}
    configs = {"plain": {}, "mom": {"momentum": 0.5, "decay": 0.8},
               "centered": {"centered": True, "epsilon": 1e-3},
               "centered_mom": {"centered": True, "momentum": 0.7}}
    for name, kwargs in configs.items():
        for use_resource in (False, True):
            for sparse in (False, True):
                key = "%s_%s_%s" % (name, "res" if use_resource else "ref",
                                    "sparse" if sparse else "dense")
                obs[key] = _run(tf, kwargs, use_resource, sparse)
    obs["_tol"] = 1e-5
    return obs
