"""VariableScope objects: setters (initializer, dtype, regularizer, caching_device, partitioner,
use_resource), reuse_variables at the root, scopes per graph (values= from another graph,
Graph.as_default isolation), variable_op_scope, VariableScope constructed directly."""


def case(tf):
    obs = {}
    g1 = tf.Graph()
    with g1.as_default():
        with tf.variable_scope("s") as s:
            s.set_initializer(tf.ones_initializer())
            s.set_dtype(tf.float64)
            s.set_regularizer(lambda w: tf.reduce_sum(w))
            s.set_caching_device("/cpu:0")
            s.set_use_resource(True)
            v = tf.get_variable("v", [2])
            obs["v"] = [v.name, v.dtype.name, v.op.type, v.value().device, v.initial_value.op.type]
            obs["losses"] = [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)]
            s.set_partitioner(tf.fixed_size_partitioner(2))
            p = tf.get_variable("p", [4, 2])
            obs["p"] = [type(p).__name__, [x.name for x in p]]
        obs["s_props"] = [s.name, s.dtype.name, s.use_resource, s.caching_device, s.partitioner is not None]
    g2 = tf.Graph()
    with g2.as_default():
        obs["fresh_root"] = [tf.get_variable_scope().name, tf.get_variable_scope().dtype.name,
                             tf.get_variable_scope().use_resource]
        with tf.variable_scope("s"):
            w = tf.get_variable("v", [2])
        obs["g2_v"] = [w.name, w.dtype.name, w.op.type]
        tf.get_variable_scope().reuse_variables()
        obs["root_reuse"] = tf.get_variable_scope().reuse
        with tf.variable_scope("t"):
            obs["child_reuse"] = tf.get_variable_scope().reuse
            try:
                tf.get_variable("new", [1])
                obs["root_reuse_create"] = "ok"
            except Exception as e:
                obs["root_reuse_create"] = type(e).__name__
    with g1.as_default():
        c = tf.constant(1.0, name="c")
    with tf.variable_scope("vals", values=[c]) as vs:
        x = tf.get_variable("x", [1])
        obs["values_graph"] = [x.graph is g1, tf.get_default_graph() is g1, vs.name]
    obs["back_to_default"] = tf.get_default_graph() is g1
    with tf.variable_op_scope([], "vop", "dflt") as vop:
        y = tf.get_variable("y", [1])
    with tf.variable_op_scope([], None, "dflt") as vop2:
        pass
    obs["vop"] = [vop.name, y.name, vop2.name]
    sc = tf.VariableScope(reuse=False, name="manual")
    with tf.variable_scope(sc):
        z = tf.get_variable("z", [1])
        k = tf.constant(1.0, name="k")
    obs["manual"] = [sc.name, sc.original_name_scope, z.name, k.name]
    return obs
