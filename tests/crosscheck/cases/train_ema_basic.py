"""ExponentialMovingAverage: shadow names, collections, apply op name/type, values after updates with
and without num_updates, average/average_name before and after apply, custom name, re-apply, tensors
(zero_debias), non-float errors."""


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    with tf.variable_scope("model"):
        w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        b = tf.get_variable("b", initializer=tf.constant(3.0))
    ema = tf.train.ExponentialMovingAverage(0.9)
    obs["name_before"] = ema.average_name(w)
    obs["avg_before"] = ema.average(w) is None
    op = ema.apply([w, b])
    obs["op"] = [op.name, op.type, ema.name]
    obs["avg"] = [ema.average(w).name, ema.average(b).name, ema.average_name(w)]
    obs["avg_trainable"] = ema.average(w) in tf.trainable_variables()
    obs["globals"] = [v.name for v in tf.global_variables()]
    obs["mavs"] = [v.name for v in tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES)]
    obs["update_types"] = sorted({o.type for o in tf.get_default_graph().get_operations()
                                  if o.name.startswith("ExponentialMovingAverage/")})
    obs["update_names"] = sorted(o.name for o in op.control_inputs)
    step = tf.Variable(0, name="step", trainable=False)
    ema2 = tf.train.ExponentialMovingAverage(0.99, num_updates=step, name="EMA2")
    op2 = ema2.apply([w])
    obs["op2"] = [op2.name, ema2.average(w).name, ema2.average_name(b)]
    t = tf.reduce_sum(w) * 2.0
    ema3 = tf.train.ExponentialMovingAverage(0.5, zero_debias=True)
    op3 = ema3.apply([t])
    obs["tensor_avg"] = ema3.average(t).name
    obs["globals2"] = [v.name for v in tf.global_variables()]
    op4 = ema.apply([w])
    obs["reapply"] = op4.name
    iv = tf.Variable(1, name="iv")
    obs["int_var"] = _err(lambda: tf.train.ExponentialMovingAverage(0.9).apply([iv]))
    obs["bad_list"] = _err(lambda: ema.apply([tf.constant(1.0)]))
    assign = w.assign([5.0, -5.0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["init"] = [sess.run(ema.average(w)).tolist(), float(sess.run(ema.average(b)))]
        sess.run(assign)
        vals = []
        for _ in range(3):
            sess.run([op, op2, op3])
            vals.append([sess.run(ema.average(w)).tolist(), sess.run(ema2.average(w)).tolist(),
                         float(sess.run(ema3.average(t)))])
            sess.run(step.assign_add(1))
        obs["vals"] = vals
    return obs
