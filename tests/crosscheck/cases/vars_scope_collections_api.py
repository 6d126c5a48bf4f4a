"""VariableScope.global_variables / trainable_variables / local_variables / get_collection and
tf.*_variables(scope=...) filtering (prefix match, regex), scope names that prefix others."""


def case(tf):
    obs = {}
    with tf.variable_scope("net") as net:
        tf.get_variable("w", [1])
        tf.get_variable("b", [1], trainable=False)
        tf.get_local_variable("l", [1])
    with tf.variable_scope("net2") as net2:
        tf.get_variable("w", [1])
    with tf.variable_scope("other"):
        with tf.variable_scope("net"):
            tf.get_variable("w", [1])
    obs["net_global"] = [v.name for v in net.global_variables()]
    obs["net_trainable"] = [v.name for v in net.trainable_variables()]
    obs["net_local"] = [v.name for v in net.local_variables()]
    obs["net_coll"] = [v.name for v in net.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)]
    obs["net2_global"] = [v.name for v in net2.global_variables()]
    obs["fn_net"] = [v.name for v in tf.global_variables("net")]
    obs["fn_net_slash"] = [v.name for v in tf.global_variables("net/")]
    obs["fn_regex"] = [v.name for v in tf.global_variables(".*net/w")]
    obs["fn_trainable"] = [v.name for v in tf.trainable_variables("net")]
    obs["fn_local"] = [v.name for v in tf.local_variables("net")]
    obs["fn_nomatch"] = [v.name for v in tf.global_variables("zzz")]
    obs["get_coll_scope"] = [v.name for v in tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="other")]
    root = tf.get_variable_scope()
    obs["root_global"] = [v.name for v in root.global_variables()]
    obs["root_trainable"] = len(root.trainable_variables())
    return obs
