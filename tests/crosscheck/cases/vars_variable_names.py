"""tf.Variable names: defaults, uniquification, scopes, names ending '/', op types and the
names of the ops a ref variable makes (initializer, initial_value, read snapshot)."""


def case(tf):
    obs = {}
    a = tf.Variable(1.0)
    b = tf.Variable(2.0)
    c = tf.Variable(3.0, name="w")
    d = tf.Variable(4.0, name="w")
    e = tf.Variable(5.0, name="w_1")
    obs["names"] = [v.name for v in (a, b, c, d, e)]
    obs["op_names"] = [v.op.name for v in (a, b, c, d, e)]
    obs["op_type"] = a.op.type
    obs["init_name"] = c.initializer.name
    obs["init_type"] = c.initializer.type
    obs["init_inputs"] = [t.name for t in c.initializer.inputs]
    obs["initial_value"] = c.initial_value.name
    obs["initial_value_op"] = c.initial_value.op.type
    obs["value"] = c.value().name
    obs["value_op"] = c.value().op.type
    obs["dtype"] = c.dtype.name
    obs["device"] = c.device
    with tf.name_scope("ns"):
        f = tf.Variable(1.0, name="v")
        g = tf.Variable(1.0)
    with tf.variable_scope("vs"):
        h = tf.Variable(1.0, name="v")
        i = tf.Variable(1.0, name="v")
    with tf.name_scope("ns"):
        j = tf.Variable(1.0, name="v")
    k = tf.Variable(1.0, name="abs/")
    obs["scoped"] = [v.name for v in (f, g, h, i, j, k)]
    obs["graph_ops"] = [op.name for op in tf.get_default_graph().get_operations()][:12]
    obs["read_value"] = c.read_value().name
    obs["str_graph_element"] = c._as_graph_element().name if hasattr(c, "_as_graph_element") else None
    obs["shape"] = str(c.shape)
    obs["get_shape"] = c.get_shape().as_list()
    return obs
