"""Session lifecycle: closed session errors, run after graph finalize, sessions on other graphs,
as_default nesting and get_default_session, InteractiveSession default/close, Tensor.eval/Op.run
without default session, session= argument, context manager graph default, sess.graph, sess_str,
two sessions isolated variables, Session(graph=non-graph)."""


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    v = tf.Variable(1.0, name="v")
    inc = v.assign_add(1.0)
    obs["no_default"] = tf.get_default_session() is None
    obs["eval_no_sess"] = _err(lambda: v.eval())
    obs["run_no_sess"] = _err(lambda: inc.op.run())
    s1 = tf.Session()
    s2 = tf.Session()
    s1.run(v.initializer)
    s2.run(v.initializer)
    s1.run(inc)
    obs["isolated"] = [float(s1.run(v)), float(s2.run(v))]
    with s1.as_default():
        obs["default_is_s1"] = tf.get_default_session() is s1
        obs["eval"] = float(v.eval())
        with s2.as_default():
            obs["nested_default"] = tf.get_default_session() is s2
            inc.op.run()
        obs["back_to_s1"] = tf.get_default_session() is s1
    obs["after_block"] = tf.get_default_session() is None
    obs["eval_session_arg"] = float(v.eval(session=s2))
    obs["sess_props"] = [s1.graph is tf.get_default_graph(), s1.sess_str]
    s1.close()
    obs["closed_run"] = _err(lambda: s1.run(v))
    obs["closed_twice"] = _err(lambda: s1.close())
    with s2:
        obs["with_default"] = tf.get_default_session() is s2
    obs["with_closes"] = _err(lambda: s2.run(v))
    obs["bad_graph"] = _err(lambda: tf.Session(graph=3))
    g = tf.Graph()
    with g.as_default():
        gc = tf.constant(2.0, name="gc")
    with tf.Session(graph=g) as sg:
        obs["other_graph"] = float(sg.run(gc))
        obs["foreign_fetch"] = _err(lambda: sg.run(v))
        obs["default_graph_inside"] = tf.get_default_graph() is g
    empty = tf.Graph()
    with tf.Session(graph=empty) as se:
        obs["empty_graph_run"] = _err(lambda: se.run([]))
    isess = tf.InteractiveSession()
    obs["interactive_default"] = tf.get_default_session() is isess
    v.initializer.run()
    obs["interactive_eval"] = float(v.eval())
    isess.close()
    obs["interactive_closed_default"] = tf.get_default_session() is None
    tf.get_default_graph().finalize()
    with tf.Session() as sf:
        sf.run(v.initializer)
        obs["finalized_run"] = float(sf.run(inc))
        obs["finalized_new_op"] = _err(lambda: sf.run(v + 1.0))
    return obs
