"""ExponentialMovingAverage.variables_to_restore: keys for averaged / non-averaged variables, with
moving_avg_variables given, MOVING_AVERAGE_VARIABLES, partitioned-free scopes, and Saver of the map;
assign_moving_average (zero_debias True/False) names and values."""


def case(tf):
    obs = {}
    with tf.variable_scope("net"):
        w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        b = tf.get_variable("b", initializer=tf.constant(0.5))
    gs = tf.train.get_or_create_global_step()
    other = tf.Variable(7.0, name="other", trainable=False)
    ema = tf.train.ExponentialMovingAverage(0.9, name="avg")
    ema.apply([w])
    vtr = ema.variables_to_restore()
    obs["vtr"] = sorted((k, v.name) for k, v in vtr.items())
    vtr2 = ema.variables_to_restore([b])
    obs["vtr2"] = sorted((k, v.name) for k, v in vtr2.items())
    obs["avg_name_b"] = ema.average_name(b)
    obs["avg_name_other"] = ema.average_name(other)
    v = tf.Variable([10.0, 20.0], name="v", trainable=False)
    upd = tf.train.assign_moving_average if hasattr(tf.train, "assign_moving_average") else None
    from_mod = None
    try:
        from_mod = tf.compat.v1.assign_moving_average  # not public in TF1 namespace
    except Exception:
        pass
    obs["has_public_amv"] = [upd is not None, from_mod is not None]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["gs"] = int(sess.run(gs))
        obs["v"] = sess.run(v).tolist()
    return obs
