"""Learning-rate schedules, part 1: exponential_decay (staircase or not, int/float global step),
piecewise_constant (int and float boundaries, errors), polynomial_decay (with and without cycle, power),
values at several steps and result dtypes/names; global_step None errors."""


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    step = tf.placeholder(tf.int64, [], name="step")
    fstep = tf.placeholder(tf.float32, [], name="fstep")
    ed = tf.train.exponential_decay(0.1, step, 10, 0.5)
    eds = tf.train.exponential_decay(0.1, step, 10, 0.5, staircase=True)
    edf = tf.train.exponential_decay(0.1, fstep, 3.0, 0.9, staircase=True, name="my_decay")
    pc = tf.train.piecewise_constant(step, [5, 10], [1.0, 0.5, 0.1])
    pc_f = tf.train.piecewise_constant(fstep, [2.5, 7.5], [3.0, 2.0, 1.0])
    obs["pc_len"] = _err(lambda: tf.train.piecewise_constant(step, [5, 10], [1.0, 0.5]))
    obs["pc_types"] = _err(lambda: tf.train.piecewise_constant(step, [5], [1, 0.5]))
    obs["pc_boundary_dtype"] = _err(lambda: tf.train.piecewise_constant(step, [5.0], [1.0, 0.5]))
    pd = tf.train.polynomial_decay(0.1, step, 10, end_learning_rate=0.01)
    pd_pow = tf.train.polynomial_decay(0.1, step, 10, 0.01, power=2.0)
    pd_cyc = tf.train.polynomial_decay(0.1, step, 10, 0.01, power=0.5, cycle=True)
    obs["names"] = [ed.name, eds.name, edf.name, pc.name, pd.name, pd_cyc.name]
    obs["dtypes"] = [ed.dtype.name, edf.dtype.name, pc.dtype.name, pd.dtype.name]
    obs["ed_none"] = _err(lambda: tf.train.exponential_decay(0.1, None, 10, 0.5))
    obs["pd_none"] = _err(lambda: tf.train.polynomial_decay(0.1, None, 10))
    gs = tf.train.get_or_create_global_step()
    ed_gs = tf.train.exponential_decay(1.0, gs, 2, 0.5, staircase=True)
    obs["ed_gs"] = [ed_gs.name, ed_gs.dtype.name]
    vals = {}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for s in (0, 1, 4, 5, 9, 10, 11, 15, 20, 25):
            vals[str(s)] = [float(v) for v in sess.run([ed, eds, pc, pd, pd_pow, pd_cyc],
                                                       {step: s})]
            vals["f" + str(s)] = [float(v) for v in sess.run([edf, pc_f], {fstep: s * 0.5})]
        obs["ed_gs_val"] = float(sess.run(ed_gs))
        sess.run(gs.assign(5))
        obs["ed_gs_val5"] = float(sess.run(ed_gs))
    obs["vals"] = vals
    return obs
