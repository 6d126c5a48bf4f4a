"""tf.train.Supervisor: its default ops and Saver, managed_session initializing then (second time)
restoring from logdir, the files written there (graph.pbtxt, checkpoints), and that the graph is finalized."""
import os


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        tf.Variable(1.0, name="w")
        inc = tf.assign_add(gs, 1)
        sv = tf.train.Supervisor(logdir="logs", save_model_secs=0, save_summaries_secs=0)
        obs["defaults"] = [sv.is_chief, sv.global_step.name, type(sv.saver).__name__,
                           sv.saver.saver_def.restore_op_name, sv.save_path, sv.init_op.name, sv.ready_op.name,
                           getattr(sv.ready_for_local_init_op, "name", None), sv.summary_op]
        obs["collections"] = [[getattr(x, "name", str(x)) for x in tf.get_collection(k)]
                              for k in [tf.GraphKeys.INIT_OP, tf.GraphKeys.READY_OP, tf.GraphKeys.LOCAL_INIT_OP,
                                        tf.GraphKeys.READY_FOR_LOCAL_INIT_OP]]
        with sv.managed_session() as sess:
            for _ in range(3):
                sess.run(inc)
            obs["first_run"] = [int(sess.run(gs)), sv.should_stop()]
            sv.saver.save(sess, sv.save_path, global_step=gs)
        obs["finalized"] = tf.get_default_graph().finalized
        obs["files"] = sorted(f for f in os.listdir("logs") if not f.startswith("events") and not f.endswith(".meta"))
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        w = tf.Variable(5.0, name="w")
        sv = tf.train.Supervisor(logdir="logs", save_model_secs=0, save_summaries_secs=0)
        with sv.managed_session() as sess:
            obs["restored"] = [int(sess.run(gs)), float(sess.run(w))]
    with tf.Graph().as_default():
        tf.Variable(5.0, name="w")
        sv = tf.train.Supervisor(logdir=None, summary_op=None)
        obs["no_logdir"] = [sv.save_path, sv.global_step]
        with sv.managed_session() as sess:
            obs["no_logdir_value"] = float(sess.run(tf.global_variables()[0]))
    return obs
