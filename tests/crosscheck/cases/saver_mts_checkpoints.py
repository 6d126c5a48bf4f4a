"""MonitoredTrainingSession with checkpoint_dir (not existing yet) and save_checkpoint_steps: hook call
order, checkpoint files and steps written, the state file, and the collections Scaffold fills."""
import os


def case(tf):
    obs = {}
    gs = tf.train.get_or_create_global_step()
    w = tf.get_variable("w", [], initializer=tf.constant_initializer(1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w - 3.0), global_step=gs)
    calls = []

    class Hook(tf.train.SessionRunHook):
        def begin(self):
            calls.append("begin")

        def after_create_session(self, session, coord):
            calls.append("after_create:%d" % session.run(gs))

        def before_run(self, run_context):
            calls.append("before")
            return tf.train.SessionRunArgs(gs)

        def after_run(self, run_context, run_values):
            calls.append("after:%d" % run_values.results)

        def end(self, session):
            calls.append("end:%d" % session.run(gs))

    with tf.train.MonitoredTrainingSession(checkpoint_dir="ck", save_checkpoint_steps=2,
                                           hooks=[Hook(), tf.train.StopAtStepHook(last_step=5)],
                                           log_step_count_steps=None, save_summaries_steps=None,
                                           save_summaries_secs=None) as sess:
        runs = 0
        while not sess.should_stop():
            sess.run(train)
            runs += 1
        obs["should_stop_inside"] = sess.should_stop()
    obs["runs"] = runs
    obs["calls"] = calls
    obs["ckpt_files"] = sorted(f for f in os.listdir("ck") if ".ckpt" in f and not f.endswith(".meta"))
    obs["has_graph_pbtxt"] = os.path.exists("ck/graph.pbtxt")
    with open("ck/checkpoint") as f:
        obs["state"] = f.read()
    obs["saved_step"] = int(tf.train.load_variable("ck", "global_step"))
    obs["saved_keys"] = [n for n, _ in tf.train.list_variables("ck")]
    savers = tf.get_collection(tf.GraphKeys.SAVERS)
    obs["savers"] = [type(s).__name__ for s in savers]
    obs["saver_def"] = [savers[0].saver_def.sharded, savers[0].saver_def.max_to_keep]
    obs["saver_last"] = savers[0].last_checkpoints
    for key in ["INIT_OP", "READY_OP", "READY_FOR_LOCAL_INIT_OP", "LOCAL_INIT_OP", "SUMMARY_OP"]:
        obs[key] = [getattr(x, "name", str(x)) for x in tf.get_collection(getattr(tf.GraphKeys, key))]
    obs["finalized"] = tf.get_default_graph().finalized
    return obs
