"""AdagradDAOptimizer: requires global_step, slots gradient_accumulator / gradient_squared_accumulator
(w/AdagradDA, w/AdagradDA_1), values with l1/l2 after steps, dense and sparse."""


def _run(tf, kwargs, use_resource, sparse):
    obs = {}
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]]),
                            use_resource=use_resource)
        if sparse:
            loss = tf.reduce_sum(tf.square(tf.gather(w, [2, 0]) - 0.5))
        else:
            loss = tf.reduce_sum(tf.square(w - 0.5))
        opt = tf.train.AdagradDAOptimizer(0.5, gs, **kwargs)
        train = opt.minimize(loss, global_step=gs)
        obs["slot_names"] = opt.get_slot_names()
        obs["slots"] = {n: opt.get_slot(w, n).name for n in opt.get_slot_names()}
        obs["globals"] = [v.name for v in tf.global_variables()]
        obs["update_types"] = sorted(op.type for op in tf.get_default_graph().get_operations()
                                     if "Apply" in op.type)
        obs["train"] = [train.name, train.type]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["init"] = {n: sess.run(opt.get_slot(w, n)).tolist() for n in opt.get_slot_names()}
            for _ in range(3):
                sess.run(train)
            obs["w"] = sess.run(w).tolist()
            obs["gs"] = int(sess.run(gs))
            obs["after"] = {n: sess.run(opt.get_slot(w, n)).tolist() for n in opt.get_slot_names()}
    return obs


def case(tf):
    obs = {}
    configs = {"plain": {}, "reg": {"l1_regularization_strength": 0.01,
                                    "l2_regularization_strength": 0.02,
                                    "initial_gradient_squared_accumulator_value": 0.3}}
    for name, kwargs in configs.items():
        for use_resource in (False, True):
            for sparse in (False, True):
                key = "%s_%s_%s" % (name, "res" if use_resource else "ref",
                                    "sparse" if sparse else "dense")
                obs[key] = _run(tf, kwargs, use_resource, sparse)
    try:
        tf.train.AdagradDAOptimizer(0.1, None, initial_gradient_squared_accumulator_value=0.0)
        obs["zero_init"] = "ok"
    except Exception as e:
        obs["zero_init"] = type(e).__name__
    obs["_tol"] = 1e-4
    return obs
