"""AdamOptimizer: slots m/v (w/Adam, w/Adam_1), beta1_power/beta2_power names, placement by first var
name, values after steps for dense and sparse (embedding_lookup) gradients, ref vs resource."""


def _run(tf, use_resource, sparse, scope):
    obs = {}
    with tf.Graph().as_default():
        with tf.variable_scope(scope):
            emb = tf.get_variable("emb", initializer=tf.constant([[1.0, -1.0], [0.5, 2.0],
                                                                  [-3.0, 1.0], [0.0, 0.25]]),
                                  use_resource=use_resource)
            z = tf.get_variable("z", initializer=tf.constant([0.3, -0.2]),
                                use_resource=use_resource)
        if sparse:
            e = tf.nn.embedding_lookup(emb, [1, 3, 1])
        else:
            e = emb
        loss = tf.reduce_sum(tf.square(e * z - 1.0))
        opt = tf.train.AdamOptimizer(0.1, beta1=0.8, beta2=0.99, epsilon=1e-6)
        train = opt.minimize(loss)
        b1, b2 = opt._get_beta_accumulators()
        obs["betas"] = [b1.name, b2.name, b1.dtype.name]
        obs["slot_names"] = opt.get_slot_names()
        obs["slots"] = [opt.get_slot(emb, "m").name, opt.get_slot(emb, "v").name,
                        opt.get_slot(z, "m").name, opt.get_slot(z, "v").name]
        obs["globals"] = [v.name for v in tf.global_variables()]
        obs["opt_vars"] = [v.name for v in opt.variables()]
        obs["train"] = [train.name, train.type]
        obs["update_types"] = sorted(op.type for op in tf.get_default_graph().get_operations()
                                     if op.name.startswith("Adam/update_") and
                                     ("Apply" in op.type or "Scatter" in op.type))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run(train)
            obs["emb"] = sess.run(emb).tolist()
            obs["z"] = sess.run(z).tolist()
            obs["m"] = sess.run(opt.get_slot(emb, "m")).tolist()
            obs["v"] = sess.run(opt.get_slot(emb, "v")).tolist()
            obs["powers"] = [float(x) for x in sess.run([b1, b2])]
    return obs


def case(tf):
    obs = {}
    for use_resource in (False, True):
        for sparse in (False, True):
            key = "%s_%s" % ("res" if use_resource else "ref", "sparse" if sparse else "dense")
            obs[key] = _run(tf, use_resource, sparse, "net" if sparse else "")
    obs["_tol"] = 1e-5
    return obs
