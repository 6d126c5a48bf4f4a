"""SessionManager: prepare_session initializes (init_op / init_fn) or restores from a checkpoint dir;
recover_session says whether it restored; errors when nothing initializes the model."""
import os


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    v = tf.Variable([1.0, 2.0], name="v")
    saver = tf.train.Saver()
    ready = tf.report_uninitialized_variables()
    sm = tf.train.SessionManager(ready_op=ready)
    sess = sm.prepare_session("", init_op=tf.global_variables_initializer())
    obs["init_op"] = sess.run(v).tolist()
    sess.run(v.assign([7.0, 8.0]))
    os.mkdir("ck")
    saver.save(sess, "ck/m", global_step=1, write_meta_graph=False)
    sess2 = sm.prepare_session("", init_op=tf.global_variables_initializer(), saver=saver, checkpoint_dir="ck")
    obs["restored"] = sess2.run(v).tolist()
    sess3 = sm.prepare_session("", init_fn=lambda s: s.run(v.assign([3.0, 3.0])))
    obs["init_fn"] = sess3.run(v).tolist()
    obs["nothing"] = _err(lambda: sm.prepare_session(""))
    obs["not_ready"] = _err(lambda: sm.prepare_session("", init_op=tf.no_op()))
    rsess, ok = sm.recover_session("", saver=saver, checkpoint_dir="ck")
    obs["recover"] = [ok, rsess.run(v).tolist()]
    rsess2, ok2 = sm.recover_session("", saver=saver, checkpoint_dir="empty_dir")
    obs["recover_none"] = ok2
    rsess3, ok3 = sm.recover_session("", saver=saver, checkpoint_filename_with_path="ck/m-1")
    obs["recover_path"] = [ok3, rsess3.run(v).tolist()]
    obs["wait"] = _err(lambda: sm.wait_for_session("", max_wait_secs=0))
    return obs
