"""get_local_variable and get_variable's trainable=/collections= arguments: membership of the
global, local, trainable, model and custom collections; local_variables_initializer."""


def case(tf):
    obs = {}
    g = tf.get_default_graph()
    with tf.variable_scope("m"):
        a = tf.get_variable("a", [1])
        b = tf.get_variable("b", [1], trainable=False)
        c = tf.get_variable("c", [1], collections=["mine"])
        d = tf.get_variable("d", [1], collections=[tf.GraphKeys.LOCAL_VARIABLES])
        e = tf.get_local_variable("e", [1])
        f = tf.get_local_variable("f", [1], trainable=True)
        h = tf.get_local_variable("h", [1], collections=["mine"])
        i = tf.get_variable("i", [1], collections=[tf.GraphKeys.MODEL_VARIABLES, tf.GraphKeys.GLOBAL_VARIABLES])
    for key in ("variables", "trainable_variables", "local_variables", "model_variables", "mine"):
        obs[key] = [v.name for v in g.get_collection(key)]
    obs["trainable_attr"] = [v.trainable for v in (a, b, c, d, e, f, h, i)]
    obs["reuse_local"] = None
    with tf.variable_scope("m", reuse=True):
        obs["reuse_local"] = tf.get_local_variable("e", [1]) is e
        obs["reuse_global_of_local"] = tf.get_variable("e", [1]) is e
    li = tf.local_variables_initializer()
    gi = tf.global_variables_initializer()
    obs["li"] = [li.name, li.type, sorted(x.name for x in li.control_inputs)]
    obs["gi"] = [gi.name, gi.type, sorted(x.name for x in gi.control_inputs)]
    gi2 = tf.global_variables_initializer()
    obs["gi2"] = gi2.name
    empty = tf.variables_initializer([])
    obs["empty"] = [empty.name, empty.type]
    named = tf.variables_initializer([a, b], name="ab")
    obs["named"] = [named.name, named.type, sorted(x.name for x in named.control_inputs)]
    obs["init_all"] = tf.initialize_all_variables().name
    obs["init_local"] = tf.initialize_local_variables().name
    obs["init_vars"] = tf.initialize_variables([a]).name
    return obs
