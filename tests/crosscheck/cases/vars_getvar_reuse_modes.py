"""get_variable reuse modes: False/None (duplicate error), True (missing error), AUTO_REUSE,
reuse inherited by nested scopes, reuse=False inside a reusing scope, reuse_variables()."""


def _err(fn):
    try:
        r = fn()
        return r.name if hasattr(r, "name") else "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    with tf.variable_scope("a"):
        v = tf.get_variable("v", [1])
        obs["dup"] = _err(lambda: tf.get_variable("v", [1]))
    with tf.variable_scope("a", reuse=True):
        obs["reuse_same"] = tf.get_variable("v", [1]) is v
        obs["reuse_missing"] = _err(lambda: tf.get_variable("w", [1]))
        obs["scope_reuse"] = tf.get_variable_scope().reuse
        with tf.variable_scope("inner"):
            obs["inner_reuse"] = tf.get_variable_scope().reuse
        with tf.variable_scope("inner2", reuse=False):
            obs["inner_false_reuse"] = tf.get_variable_scope().reuse
            obs["inner_false_create"] = _err(lambda: tf.get_variable("z", [1]))
    with tf.variable_scope("a", reuse=tf.AUTO_REUSE):
        obs["auto_existing"] = tf.get_variable("v", [1]) is v
        obs["auto_new"] = _err(lambda: tf.get_variable("new", [2]))
        obs["auto_again"] = _err(lambda: tf.get_variable("new", [2]))
        obs["auto_reuse_attr"] = str(tf.get_variable_scope().reuse) == str(tf.AUTO_REUSE)
        with tf.variable_scope("sub"):
            obs["auto_inherit"] = str(tf.get_variable_scope().reuse) == str(tf.AUTO_REUSE)
    with tf.variable_scope("b") as scope:
        tf.get_variable("x", [1])
        scope.reuse_variables()
        obs["after_reuse_variables"] = tf.get_variable_scope().reuse
        obs["reuse_x"] = _err(lambda: tf.get_variable("x", [1]))
        obs["reuse_y"] = _err(lambda: tf.get_variable("y", [1]))
    with tf.variable_scope("b"):
        obs["reenter_reuse"] = tf.get_variable_scope().reuse
    try:
        with tf.variable_scope("c", reuse="yes"):
            pass
        obs["bad_reuse"] = "ok"
    except Exception as e:
        obs["bad_reuse"] = type(e).__name__
    obs["root_reuse"] = tf.get_variable_scope().reuse
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        obs["root_reenter_reuse"] = tf.get_variable_scope().reuse
        obs["root_reenter_name"] = tf.get_variable_scope().name
        obs["root_get"] = _err(lambda: tf.get_variable("a/v"))
    obs["root_after"] = tf.get_variable_scope().reuse
    obs["globals"] = [x.name for x in tf.global_variables()]
    return obs
