"""Slot bookkeeping: slot names under variable scopes and name scopes, two optimizers of the same name
(uniquified slots), get_slot for unknown vars, variables(), slot collections/trainability, slots for
partitioned-free vars created inside a name_scope, Adam non-slot vars placed by first var name."""


def case(tf):
    obs = {}
    with tf.variable_scope("enc"):
        w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    with tf.variable_scope("dec"):
        v = tf.get_variable("v", [2], initializer=tf.ones_initializer())
    loss = tf.reduce_sum(w * v)
    with tf.name_scope("training"):
        opt1 = tf.train.AdamOptimizer(0.1)
        t1 = opt1.minimize(loss)
    opt2 = tf.train.AdamOptimizer(0.1)
    t2 = opt2.minimize(loss)
    opt3 = tf.train.MomentumOptimizer(0.1, 0.5, name="Mom")
    t3 = opt3.minimize(loss)
    obs["t"] = [t1.name, t2.name, t3.name]
    obs["opt1_slots"] = [opt1.get_slot(x, s).name for x in (w, v) for s in ("m", "v")]
    obs["opt2_slots"] = [opt2.get_slot(x, s).name for x in (w, v) for s in ("m", "v")]
    obs["opt3_slots"] = [opt3.get_slot(x, "momentum").name for x in (w, v)]
    obs["opt1_vars"] = [x.name for x in opt1.variables()]
    obs["opt2_vars"] = [x.name for x in opt2.variables()]
    obs["opt3_vars"] = [x.name for x in opt3.variables()]
    obs["betas"] = [x.name for x in opt1._get_beta_accumulators()] + \
        [x.name for x in opt2._get_beta_accumulators()]
    obs["globals"] = [x.name for x in tf.global_variables()]
    obs["trainables"] = [x.name for x in tf.trainable_variables()]
    obs["locals"] = [x.name for x in tf.local_variables()]
    obs["get_slot_const"] = opt1.get_slot(tf.constant(1.0), "m") is None
    u = tf.get_variable("u", [1])
    obs["get_slot_other_var"] = opt1.get_slot(u, "m") is None
    obs["get_slot_bad_name"] = opt1.get_slot(w, "zz") is None
    obs["slot_names"] = [opt1.get_slot_names(), opt3.get_slot_names()]
    obs["slot_dtype"] = opt1.get_slot(w, "m").dtype.name
    obs["slot_initializer"] = opt1.get_slot(w, "m").initializer.name
    obs["slot_initial_type"] = opt1.get_slot(w, "m").initial_value.op.type
    obs["beta_initial_type"] = opt1._get_beta_accumulators()[0].initial_value.op.type
    with tf.Graph().as_default():
        with tf.name_scope("outer"):
            p = tf.Variable([1.0, 2.0], name="p")
            q = tf.Variable([1.0, 2.0], name="a_q")
            tr = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(p * q))
        obs["ns_train"] = tr.name
        obs["ns_globals"] = [x.name for x in tf.global_variables()]
    with tf.Graph().as_default():
        x = tf.Variable([1.0], name="zeta")
        y = tf.Variable([1.0], name="alpha")
        o = tf.train.AdamOptimizer()
        o.minimize(tf.reduce_sum(x * y))
        with tf.Graph().as_default():
            x2 = tf.Variable([1.0], name="second")
            o.minimize(tf.reduce_sum(x2))
            obs["second_graph_vars"] = [z.name for z in o.variables()]
            obs["second_graph_globals"] = [z.name for z in tf.global_variables()]
        obs["first_graph_vars"] = [z.name for z in o.variables()]
    return obs
