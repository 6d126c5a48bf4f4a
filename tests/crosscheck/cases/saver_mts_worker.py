"""MonitoredTrainingSession on a non-chief: chief_only_hooks are not run, the worker waits for a ready
model and gives up with DeadlineExceededError after max_wait_secs; a chief runs both kinds of hooks."""


def case(tf):
    obs = {}
    calls = []

    class Hook(tf.train.SessionRunHook):
        def __init__(self, tag):
            self.tag = tag

        def begin(self):
            calls.append(self.tag + ".begin")

    with tf.Graph().as_default():
        tf.train.get_or_create_global_step()
        tf.Variable(1.0, name="w")
        try:
            tf.train.MonitoredTrainingSession(is_chief=False, hooks=[Hook("h")], chief_only_hooks=[Hook("chief")],
                                              max_wait_secs=0.5, log_step_count_steps=None,
                                              save_summaries_steps=None, save_summaries_secs=None)
            obs["worker"] = "ok"
        except Exception as e:  # noqa: BLE001
            obs["worker"] = type(e).__name__
        obs["worker_calls"] = calls[:]
        obs["worker_finalized"] = tf.get_default_graph().finalized
    del calls[:]
    with tf.Graph().as_default():
        tf.train.get_or_create_global_step()
        tf.Variable(1.0, name="w")
        with tf.train.MonitoredTrainingSession(hooks=[Hook("h")], chief_only_hooks=[Hook("chief")],
                                               log_step_count_steps=None, save_summaries_steps=None,
                                               save_summaries_secs=None) as sess:
            obs["chief_value"] = float(sess.run("w:0"))
        obs["chief_calls"] = calls[:]
    return obs
