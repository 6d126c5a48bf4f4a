"""Session-run hook helpers without a MonitoredSession: SecondOrStepTimer triggering, StopAtStepHook
and other hooks' constructor errors, SessionRunArgs / SessionRunValues / SessionRunContext fields,
NanLossDuringTrainingError, LoggingTensorHook argument checks, CheckpointSaverHook argument errors."""


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    timer = tf.train.SecondOrStepTimer(every_steps=3)
    trig = []
    for step in range(10):
        if timer.should_trigger_for_step(step):
            trig.append(step)
            timer.update_last_triggered_step(step)
    obs["timer_steps"] = trig
    obs["timer_last"] = timer.last_triggered_step()
    obs["timer_both"] = _err(lambda: tf.train.SecondOrStepTimer(every_secs=1, every_steps=1))
    obs["timer_none"] = _err(lambda: tf.train.SecondOrStepTimer())
    t2 = tf.train.SecondOrStepTimer(every_steps=2)
    obs["timer_first"] = [t2.should_trigger_for_step(0), t2.last_triggered_step()]
    r = t2.update_last_triggered_step(5)
    obs["timer_update_ret"] = [r[0], r[1]]
    obs["timer_same_step"] = t2.should_trigger_for_step(5)
    obs["stop_both"] = _err(lambda: tf.train.StopAtStepHook(num_steps=1, last_step=2))
    obs["stop_none"] = _err(lambda: tf.train.StopAtStepHook())
    obs["stop_ok"] = _err(lambda: tf.train.StopAtStepHook(last_step=3))
    obs["log_bad_every"] = _err(lambda: tf.train.LoggingTensorHook({"a": "a:0"}, every_n_iter=0))
    obs["log_none"] = _err(lambda: tf.train.LoggingTensorHook({"a": "a:0"}))
    obs["log_both"] = _err(lambda: tf.train.LoggingTensorHook({"a": "a:0"}, every_n_iter=1,
                                                               every_n_secs=1))
    obs["log_at_end"] = _err(lambda: tf.train.LoggingTensorHook(["a:0"], at_end=True))
    obs["ckpt_none"] = _err(lambda: tf.train.CheckpointSaverHook("dir"))
    obs["ckpt_both_savers"] = _err(lambda: tf.train.CheckpointSaverHook(
        "dir", save_steps=1, saver=object(), scaffold=object()))
    obs["step_counter_both"] = _err(lambda: tf.train.StepCounterHook(every_n_steps=2,
                                                                     every_n_secs=2))
    args = tf.train.SessionRunArgs(fetches=["a"])
    obs["args"] = [list(args._fields), args.fetches, args.feed_dict, args.options]
    vals = tf.train.SessionRunValues(results=1, options=None, run_metadata=None)
    obs["values"] = list(vals._fields)
    ctx = tf.train.SessionRunContext(original_args=args, session=None)
    obs["ctx"] = [ctx.stop_requested, ctx.original_args is args]
    ctx.request_stop()
    obs["ctx_stop"] = ctx.stop_requested
    obs["nan_err"] = [issubclass(tf.train.NanLossDuringTrainingError, RuntimeError),
                      str(tf.train.NanLossDuringTrainingError())]
    hook = tf.train.SessionRunHook()
    obs["base_hook"] = [hook.begin(), hook.before_run(None), hook.end(None)]
    return obs
