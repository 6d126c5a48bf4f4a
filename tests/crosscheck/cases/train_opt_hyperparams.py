"""Optimizer hyper-parameters as tensors, placeholders, variables and callables (GD, Momentum, Adam,
RMSProp, Adagrad); a learning-rate schedule driving GD with global_step; use_locking attrs on the
update ops; minimize name argument; float64 variables with float32 hyper-parameters."""


def case(tf):
    obs = {}
    w = tf.Variable([1.0, -2.0], name="w")
    d = tf.Variable([1.0, -2.0], dtype=tf.float64, name="d")
    loss = tf.reduce_sum(w * w) + tf.reduce_sum(tf.cast(d * d, tf.float32))
    lr = tf.placeholder(tf.float32, [], name="lr")
    lr_var = tf.Variable(0.05, name="lr_var", trainable=False)
    gs = tf.train.get_or_create_global_step()
    sched = tf.train.exponential_decay(0.2, gs, 1, 0.5, staircase=True)
    opts = {
        "gd_ph": tf.train.GradientDescentOptimizer(lr),
        "mom_var": tf.train.MomentumOptimizer(lr_var, tf.constant(0.5), use_locking=True),
        "adam_call": tf.train.AdamOptimizer(lambda: 0.1, beta1=lambda: 0.5),
        "rms_t": tf.train.RMSPropOptimizer(tf.constant(0.01), decay=tf.constant(0.5)),
        "adagrad_call": tf.train.AdagradOptimizer(lambda: tf.constant(0.3)),
        "gd_sched": tf.train.GradientDescentOptimizer(sched),
    }
    trains = {}
    for k, o in opts.items():
        kw = {"global_step": gs} if k == "gd_sched" else {}
        trains[k] = o.minimize(loss, name="train_" + k, **kw)
    obs["names"] = {k: [t.name, t.type] for k, t in trains.items()}
    obs["locking"] = sorted((op.name, op.get_attr("use_locking")) for op in
                            tf.get_default_graph().get_operations() if op.type.startswith("Apply"))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = {}
        for k, t in trains.items():
            sess.run([w.initializer, d.initializer])
            for _ in range(3):
                sess.run(t, {lr: 0.1})
            vals[k] = [sess.run(w).tolist(), sess.run(d).tolist()]
        obs["vals"] = vals
        obs["gs"] = int(sess.run(gs))
        obs["sched"] = float(sess.run(sched))
    obs["_tol"] = 1e-5
    return obs
