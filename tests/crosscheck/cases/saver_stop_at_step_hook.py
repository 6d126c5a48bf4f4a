"""StopAtStepHook: argument errors, num_steps vs last_step, a train op adding 2 to the step per run, and
that running after the stop request raises RuntimeError; also without a global step (RuntimeError)."""


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def _run(tf, hook, incr=1, start=0):
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        step = tf.assign_add(gs, incr)
        set_start = gs.assign(start)
        init = tf.train.Scaffold(init_fn=lambda scaffold, sess: sess.run(set_start))
        out = []
        with tf.train.MonitoredSession(session_creator=tf.train.ChiefSessionCreator(scaffold=init),
                                       hooks=[hook]) as sess:
            while not sess.should_stop():
                out.append(int(sess.run(step)))
            out.append(_err(lambda: sess.run(step)))
        return out


def case(tf):
    obs = {}
    obs["neither"] = _err(lambda: tf.train.StopAtStepHook())
    obs["both"] = _err(lambda: tf.train.StopAtStepHook(num_steps=1, last_step=2))
    obs["num_steps"] = _run(tf, tf.train.StopAtStepHook(num_steps=3))
    obs["num_steps_from_5"] = _run(tf, tf.train.StopAtStepHook(num_steps=3), start=5)
    obs["last_step"] = _run(tf, tf.train.StopAtStepHook(last_step=4))
    obs["last_step_from_5"] = _run(tf, tf.train.StopAtStepHook(last_step=4), start=5)
    obs["by_two"] = _run(tf, tf.train.StopAtStepHook(last_step=5), incr=2)
    obs["num_steps_zero"] = _run(tf, tf.train.StopAtStepHook(num_steps=0))
    with tf.Graph().as_default():
        tf.Variable(1.0)
        obs["no_global_step"] = _err(lambda: tf.train.MonitoredSession(hooks=[tf.train.StopAtStepHook(1)]))
    return obs
