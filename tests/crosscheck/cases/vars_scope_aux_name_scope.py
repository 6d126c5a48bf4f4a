"""auxiliary_name_scope=False: no new name scope; re-entering a scope object with
original_name_scope via name_scope; name_scope(None) and absolute names ending in '/'."""


def case(tf):
    obs = {}
    with tf.variable_scope("a", auxiliary_name_scope=False) as a:
        v = tf.get_variable("v", [1])
        c = tf.constant(1.0, name="c")
    obs["aux_false"] = [a.name, a.original_name_scope, v.name, c.name]
    with tf.variable_scope("ns_first"):
        with tf.variable_scope("b", auxiliary_name_scope=False) as b:
            c2 = tf.constant(1.0, name="c")
    obs["aux_false_nested"] = [b.name, b.original_name_scope, c2.name]
    with tf.variable_scope(a, auxiliary_name_scope=False):
        c3 = tf.constant(1.0, name="c")
    obs["obj_aux_false"] = c3.name
    with tf.variable_scope("k") as k:
        pass
    with tf.variable_scope(k, auxiliary_name_scope=False) as k2:
        with tf.name_scope(k2.original_name_scope):
            c4 = tf.constant(1.0, name="c")
    obs["reenter_original"] = [k2.original_name_scope, c4.name]
    with tf.name_scope("x"):
        with tf.name_scope(None):
            c5 = tf.constant(1.0, name="c")
        with tf.name_scope("abs/"):
            c6 = tf.constant(1.0, name="c")
        with tf.name_scope(""):
            c7 = tf.constant(1.0, name="c")
        c8 = tf.constant(1.0, name="abs2/")
    obs["ns"] = [c5.name, c6.name, c7.name, c8.name]
    with tf.name_scope("x") as sx:
        obs["ns_reenter"] = sx
    with tf.name_scope("x/") as sx2:
        obs["ns_abs"] = sx2
    with tf.name_scope("y", "default", []) as sy:
        obs["ns_name_default"] = sy
    with tf.name_scope(None, "dflt", []) as sd:
        obs["ns_default"] = sd
    with tf.name_scope(None, "dflt", []) as sd2:
        obs["ns_default2"] = sd2
    try:
        with tf.name_scope("bad name!"):
            pass
        obs["bad_ns"] = "ok"
    except Exception as e:
        obs["bad_ns"] = type(e).__name__
    try:
        with tf.variable_scope("vs", auxiliary_name_scope="no"):
            pass
        obs["bad_aux"] = "ok"
    except Exception as e:
        obs["bad_aux"] = type(e).__name__
    try:
        tf.constant(1.0, name="bad name!")
        obs["bad_op_name"] = "ok"
    except Exception as e:
        obs["bad_op_name"] = type(e).__name__
    return obs
