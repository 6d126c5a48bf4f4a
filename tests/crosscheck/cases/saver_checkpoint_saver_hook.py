"""CheckpointSaverHook: argument errors, saves at creation, every save_steps and at end, listeners are
called in order with the step, a listener's after_save returning True requests a stop."""
import os


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    obs["neither"] = _err(lambda: tf.train.CheckpointSaverHook("d"))
    obs["both"] = _err(lambda: tf.train.CheckpointSaverHook("d", save_secs=1, save_steps=1))
    gs = tf.train.get_or_create_global_step()
    tf.Variable(1.0, name="w")
    step = tf.assign_add(gs, 1)
    saver = tf.train.Saver()
    obs["saver_and_scaffold"] = _err(lambda: tf.train.CheckpointSaverHook(
        "d", save_steps=1, saver=saver, scaffold=tf.train.Scaffold()))
    calls = []

    class Listener(tf.train.CheckpointSaverListener):
        def begin(self):
            calls.append("begin")

        def before_save(self, session, global_step_value):
            calls.append("before:%d" % global_step_value)

        def after_save(self, session, global_step_value):
            calls.append("after:%d" % global_step_value)
            return global_step_value >= 6

        def end(self, session, global_step_value):
            calls.append("end:%d" % global_step_value)

    hook = tf.train.CheckpointSaverHook("ck", save_steps=3, saver=saver, checkpoint_basename="my.ckpt",
                                        listeners=[Listener()])
    runs = []
    with tf.train.MonitoredSession(hooks=[hook]) as sess:
        while not sess.should_stop():
            runs.append(int(sess.run(step)))
    obs["runs"] = runs
    obs["calls"] = calls
    obs["files"] = sorted(f for f in os.listdir("ck") if f.endswith(".index"))
    obs["has_graph_pbtxt"] = os.path.exists("ck/graph.pbtxt")
    obs["last"] = saver.last_checkpoints
    return obs
