"""FinalOpsHook values, SecondOrStepTimer triggering, run_step_fn with run_with_hooks and request_stop,
StepCounterHook / CheckpointSaverHook needing a global step (RuntimeError)."""


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    timer = tf.train.SecondOrStepTimer(every_steps=3)
    obs["timer_first"] = timer.should_trigger_for_step(0)
    timer.update_last_triggered_step(0)
    obs["timer_steps"] = [timer.should_trigger_for_step(s) for s in range(6)]
    obs["timer_last"] = timer.last_triggered_step()
    obs["timer_update"] = list(timer.update_last_triggered_step(4))[1:]
    obs["timer_both"] = _err(lambda: tf.train.SecondOrStepTimer(every_secs=1, every_steps=1))
    obs["timer_neither"] = _err(lambda: tf.train.SecondOrStepTimer())
    with tf.Graph().as_default():
        c = tf.Variable(0, name="c")
        inc = tf.assign_add(c, 1)
        final = tf.train.FinalOpsHook({"c": c, "double": c * 2})
        with tf.train.MonitoredSession(hooks=[final]) as sess:
            obs["final_before"] = final.final_ops_values

            steps = []

            def step_fn(step_context):
                v = step_context.run_with_hooks(inc)
                steps.append(int(v))
                if v >= 3:
                    step_context.request_stop()
                return int(v)

            obs["returned"] = [sess.run_step_fn(step_fn) for _ in range(2)]
            try:
                sess.run_step_fn(step_fn)
                obs["stop_raises"] = "no"
            except StopIteration:
                obs["stop_raises"] = "StopIteration"
            obs["should_stop_after_request"] = sess.should_stop()
            sess.run_step_fn(step_fn)
            obs["after_swallowed"] = "not reached"
        obs["steps"] = steps
        obs["final"] = {k: int(v) for k, v in final.final_ops_values.items()}
    with tf.Graph().as_default():
        tf.Variable(0, name="c")
        obs["step_counter_no_gs"] = _err(lambda: tf.train.MonitoredSession(hooks=[tf.train.StepCounterHook()]))
    with tf.Graph().as_default():
        tf.Variable(0, name="c")
        obs["saver_hook_no_gs"] = _err(lambda: tf.train.MonitoredSession(
            hooks=[tf.train.CheckpointSaverHook("ck", save_steps=1)]))
    return obs
