"""Variables built under control dependencies (their ops get none), inside tf.cond / while_loop
branches (a tensor initial value there is an error, a callable works), and variable reads and
updates under control dependencies; load, eval, repr."""
import numpy as np


def case(tf):
    obs = {}
    dep = tf.no_op(name="dep")
    with tf.control_dependencies([dep]):
        v = tf.Variable(1.0, name="v")
        w = tf.get_variable("w", [1])
        r = tf.Variable(1.0, name="r", use_resource=True)
        rv = v.read_value()
        vv = v.value()
        rr = r.read_value()
        ra = v.assign(2.0)
    obs["deps"] = {t: [c.name for c in op.control_inputs] for t, op in (
        ("v", v.op), ("v_init", v.initializer), ("v_iv", v.initial_value.op), ("w", w.op),
        ("w_init", w.initializer), ("r", r.op), ("r_init", r.initializer), ("v_read_value", rv.op),
        ("v_value", vv.op), ("r_read_value", rr.op.inputs[0].op), ("assign", ra.op))}
    pred = tf.placeholder(tf.bool, [], name="pred")

    def branch():
        c = tf.Variable(lambda: tf.constant(5.0), name="incond")
        return c.read_value()

    def bad_branch():
        c = tf.Variable(tf.constant(5.0), name="badcond")
        return c.read_value()

    out = tf.cond(pred, branch, lambda: tf.constant(0.0))
    obs["cond_var"] = [x.name for x in tf.global_variables() if "incond" in x.name]
    try:
        tf.cond(pred, bad_branch, lambda: tf.constant(0.0))
        obs["bad_cond"] = "ok"
    except Exception as e:
        obs["bad_cond"] = type(e).__name__
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        obs["cond_run"] = [float(s.run(out, {pred: True})), float(s.run(out, {pred: False}))]
        v.load(7.0, s)
        obs["load"] = float(s.run(v))
        r.load(np.float32(3.0), s)
        obs["load_r"] = float(s.run(r))
        obs["eval"] = float(v.eval(session=s))
        with s.as_default():
            obs["eval_default"] = float(r.eval())
    obs["repr"] = [repr(v), repr(r), repr(w), str(v)]
    try:
        v.load(1.0)
        obs["load_no_session"] = "ok"
    except Exception as e:
        obs["load_no_session"] = type(e).__name__
    return obs
