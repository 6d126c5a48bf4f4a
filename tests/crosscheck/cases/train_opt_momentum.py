"""MomentumOptimizer (plain and Nesterov): slot names and get_slot, op types of dense/sparse updates on
ref and resource variables, values after several steps."""


def _run(tf, nesterov, use_resource, sparse):
    obs = {}
    with tf.Graph().as_default():
        w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer([[1.0, 2.0], [3.0, 4.0],
                                                                              [5.0, 6.0]]),
                            use_resource=use_resource)
        if sparse:
            rows = tf.gather(w, [0, 2, 0])
            loss = tf.reduce_sum(rows * rows) * 0.5
        else:
            loss = tf.reduce_sum(tf.square(w - 1.0))
        opt = tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=nesterov)
        train = opt.minimize(loss)
        obs["slot_names"] = opt.get_slot_names()
        slot = opt.get_slot(w, "momentum")
        obs["slot"] = [slot.name, slot.shape.as_list(), slot.dtype.name, slot.trainable
                       if hasattr(slot, "trainable") else None]
        obs["missing_slot"] = opt.get_slot(w, "nope") is None
        obs["update_types"] = sorted(op.type for op in tf.get_default_graph().get_operations()
                                     if "Apply" in op.type)
        obs["update_names"] = sorted(op.name for op in tf.get_default_graph().get_operations()
                                     if "Apply" in op.type)
        obs["globals"] = [v.name for v in tf.global_variables()]
        obs["trainables"] = [v.name for v in tf.trainable_variables()]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(4):
                sess.run(train)
            obs["w"] = sess.run(w).tolist()
            obs["m"] = sess.run(slot).tolist()
    return obs


def case(tf):
    obs = {}
    for nesterov in (False, True):
        for use_resource in (False, True):
            for sparse in (False, True):
                key = "%s_%s_%s" % ("nest" if nesterov else "plain",
                                    "res" if use_resource else "ref", "sparse" if sparse else "dense")
                obs[key] = _run(tf, nesterov, use_resource, sparse)
    obs["_tol"] = 1e-5
    return obs
