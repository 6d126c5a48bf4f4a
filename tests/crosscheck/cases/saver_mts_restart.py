"""A second MonitoredTrainingSession on the same checkpoint_dir restores the variables and global step
(StopAtStepHook(num_steps) counts from the restored step); without a global step no checkpoints are saved."""
import os


def _train(tf, steps_hook, ckdir, **kw):
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        w = tf.get_variable("w", [], initializer=tf.constant_initializer(1.0))
        train = tf.train.GradientDescentOptimizer(0.25).minimize(tf.square(w - 3.0), global_step=gs)
        seen = []

        class Record(tf.train.SessionRunHook):
            def after_create_session(self, session, coord):
                seen.append(int(session.run(gs)))

            def end(self, session):
                seen.extend([int(session.run(gs)), round(float(session.run(w)), 5)])

        with tf.train.MonitoredTrainingSession(checkpoint_dir=ckdir, hooks=[steps_hook(tf), Record()],
                                               log_step_count_steps=None, save_summaries_steps=None,
                                               save_summaries_secs=None, **kw) as sess:
            while not sess.should_stop():
                sess.run(train)
        return seen


def _err_mts(tf, **kw):
    kw.setdefault("checkpoint_dir", "ck5")
    try:
        tf.train.MonitoredTrainingSession(log_step_count_steps=None, save_summaries_steps=None,
                                          save_summaries_secs=None, **kw).close()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    obs["first"] = _train(tf, lambda tf: tf.train.StopAtStepHook(num_steps=3), "ck")
    obs["files_first"] = sorted(f for f in os.listdir("ck") if f.endswith(".index"))
    obs["second"] = _train(tf, lambda tf: tf.train.StopAtStepHook(num_steps=2), "ck")
    obs["files_second"] = sorted(f for f in os.listdir("ck") if f.endswith(".index"))
    obs["third_last_step_passed"] = _train(tf, lambda tf: tf.train.StopAtStepHook(last_step=4), "ck")
    obs["secs_default"] = _train(tf, lambda tf: tf.train.StopAtStepHook(num_steps=1), "ck2")
    obs["files_secs_default"] = sorted(f for f in os.listdir("ck2") if f.endswith(".index"))
    obs["no_saving"] = _train(tf, lambda tf: tf.train.StopAtStepHook(num_steps=1), "ck3",
                              save_checkpoint_secs=None)
    obs["files_no_saving"] = sorted(f for f in os.listdir("ck3") if f.endswith(".index")) \
        if os.path.isdir("ck3") else None
    with tf.Graph().as_default():
        tf.get_variable("w", [], initializer=tf.constant_initializer(1.0))
        try:
            tf.train.MonitoredTrainingSession(checkpoint_dir="ck4", log_step_count_steps=None,
                                              save_summaries_steps=None, save_summaries_secs=None).close()
            obs["no_global_step"] = "ok"
        except Exception as e:  # noqa: BLE001
            obs["no_global_step"] = type(e).__name__
        obs["no_global_step_steps_only"] = _err_mts(tf, save_checkpoint_steps=5)
        obs["no_global_step_no_dir"] = _err_mts(tf, checkpoint_dir=None)
    return obs
