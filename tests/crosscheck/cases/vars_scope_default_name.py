"""variable_scope(None, default_name=...) uniquification (per parent, reset when the parent is
re-entered), values= argument, errors for reuse without a name and neither argument given."""


def case(tf):
    obs = {}
    names = []
    for _ in range(3):
        with tf.variable_scope(None, default_name="layer") as s:
            names.append([s.name, s.original_name_scope, tf.get_variable("w", [1]).name])
    obs["layers"] = names
    with tf.variable_scope("parent"):
        with tf.variable_scope(None, default_name="layer") as s:
            obs["in_parent"] = [s.name, s.original_name_scope]
        with tf.variable_scope(None, default_name="layer") as s:
            obs["in_parent2"] = [s.name, s.original_name_scope]
    with tf.variable_scope("parent"):
        with tf.variable_scope(None, default_name="layer") as s:
            obs["parent_again"] = [s.name, s.original_name_scope]
    with tf.variable_scope("layer_5"):
        pass
    with tf.variable_scope(None, default_name="layer") as s:
        obs["after_explicit"] = [s.name, s.original_name_scope]
    with tf.variable_scope("named", default_name="ignored") as s:
        obs["name_wins"] = s.name
    x = tf.constant(1.0)
    with tf.variable_scope(None, "withvals", [x]) as s:
        obs["with_values"] = s.name
    try:
        with tf.variable_scope(None, default_name="d", reuse=True):
            pass
        obs["reuse_no_name"] = "ok"
    except Exception as e:
        obs["reuse_no_name"] = type(e).__name__
    try:
        with tf.variable_scope(None):
            pass
        obs["neither"] = "ok"
    except Exception as e:
        obs["neither"] = type(e).__name__
    try:
        with tf.variable_scope(3):
            pass
        obs["int_name"] = "ok"
    except Exception as e:
        obs["int_name"] = type(e).__name__
    with tf.name_scope("layer"):
        pass
    with tf.variable_scope(None, default_name="layer") as s:
        obs["after_ns"] = [s.name, s.original_name_scope]
    return obs
