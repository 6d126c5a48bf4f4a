"""FtrlOptimizer: l1 / l2 / l2_shrinkage / beta / lr_power, accum_name & linear_name, dense and sparse on
ref and resource variables, slot initial values, constructor errors."""


def _run(tf, kwargs, use_resource, sparse):
    obs = {}
    with tf.Graph().as_default():
        w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]]),
                            use_resource=use_resource)
        if sparse:
            loss = tf.reduce_sum(tf.square(tf.gather(w, [2, 1, 2]) - 0.5))
        else:
            loss = tf.reduce_sum(tf.square(w - 0.5))
        opt = tf.train.FtrlOptimizer(0.2, **kwargs)
        train = opt.minimize(loss)
        obs["slot_names"] = opt.get_slot_names()
        obs["slots"] = {n: opt.get_slot(w, n).name for n in opt.get_slot_names()}
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
    configs = {"plain": {},
               "l1l2": {"l1_regularization_strength": 0.1, "l2_regularization_strength": 0.2,
                        "initial_accumulator_value": 0.5},
               "shrink": {"l1_regularization_strength": 0.05,
                          "l2_shrinkage_regularization_strength": 0.3},
               "power": {"learning_rate_power": -0.3, "beta": 0.5,
                         "accum_name": "acc", "linear_name": "lin"}}
    for name, kwargs in configs.items():
        for use_resource in (False, True):
            for sparse in (False, True):
                key = "%s_%s_%s" % (name, "res" if use_resource else "ref",
                                    "sparse" if sparse else "dense")
                obs[key] = _run(tf, kwargs, use_resource, sparse)
    for name, kw in (("neg_acc", {"initial_accumulator_value": -0.1}),
                     ("zero_acc", {"initial_accumulator_value": 0.0}),
                     ("neg_l1", {"l1_regularization_strength": -1.0}),
                     ("neg_l2", {"l2_regularization_strength": -1.0}),
                     ("pos_power", {"learning_rate_power": 0.5}),
                     ("neg_shrink", {"l2_shrinkage_regularization_strength": -1.0})):
        try:
            tf.train.FtrlOptimizer(0.1, **kw)
            obs[name] = "ok"
        except Exception as e:
            obs[name] = type(e).__name__
    obs["_tol"] = 1e-4
    return obs
