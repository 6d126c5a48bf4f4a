"""What nested variable scopes inherit: initializer, regularizer, dtype, use_resource,
constraint, caching_device, partitioner; overriding in a child, restoring on exit; scope
properties of the root scope."""


def case(tf):
    obs = {}
    root = tf.get_variable_scope()
    obs["root"] = [root.name, root.original_name_scope, root.reuse, root.initializer, root.regularizer,
                   root.dtype.name, root.use_resource, root.constraint, root.caching_device,
                   root.partitioner, root.custom_getter]
    init = tf.constant_initializer(3.0)

    def con(x):
        return x

    with tf.variable_scope("a", initializer=init, dtype=tf.float64, use_resource=True,
                           constraint=con, caching_device="/cpu:0") as a:
        v = tf.get_variable("v", [1])
        with tf.variable_scope("b") as b:
            w = tf.get_variable("w", [1])
            obs["b_props"] = [b.initializer is init, b.dtype.name, b.use_resource, b.constraint is con,
                              b.caching_device]
            with tf.variable_scope("c", initializer=tf.zeros_initializer(), dtype=tf.float32,
                                   use_resource=False) as c:
                x = tf.get_variable("x", [1])
                obs["c_props"] = [c.initializer is init, c.dtype.name, c.use_resource]
        y = tf.get_variable("y", [1], initializer=tf.ones_initializer())
    obs["vars"] = [[t.name, t.dtype.name, t.op.type, t.constraint is con] for t in (v, w, x, y)]
    obs["a_props"] = [a.initializer is init, a.dtype.name, a.use_resource]
    with tf.variable_scope(a):
        z = tf.get_variable("z", [1])
    obs["z"] = [z.name, z.dtype.name, z.op.type]
    with tf.variable_scope("a"):
        obs["restring_props"] = [tf.get_variable_scope().initializer is None, tf.get_variable_scope().dtype.name,
                                 tf.get_variable_scope().use_resource]
    after = tf.get_variable("after", [1])
    obs["after"] = [after.dtype.name, after.op.type]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        obs["vals"] = [s.run(t).tolist() for t in (v, w, x, y, z)]
    sc = tf.get_variable_scope()
    sc.set_initializer(tf.ones_initializer())
    q = tf.get_variable("q", [1])
    sc.set_initializer(None)
    obs["q_init"] = q.initial_value.op.type
    return obs
