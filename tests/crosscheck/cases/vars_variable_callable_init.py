"""tf.Variable with a callable initial value: the Initializer/ name scope, dtype argument, inside
name and variable scopes, and initial_value op names."""


def case(tf):
    obs = {}
    v = tf.Variable(lambda: tf.ones([2, 2]), name="v")
    obs["v"] = [v.name, v.initial_value.name, v.initial_value.op.type, v.shape.as_list()]
    w = tf.Variable(lambda: tf.constant(3), dtype=tf.int32, name="w")
    obs["w"] = [w.name, w.initial_value.name, w.dtype.name]
    with tf.variable_scope("vs"):
        with tf.name_scope("ns"):
            x = tf.Variable(lambda: tf.zeros([3]), name="x")
    obs["x"] = [x.name, x.initial_value.name, x.initializer.name, x.value().name]
    init = tf.random_normal_initializer()
    y = tf.Variable(lambda: init([4, 2]), name="y")
    obs["y"] = [y.name, y.initial_value.name, y.shape.as_list()]
    z = tf.Variable(lambda: 1.5, name="z")
    obs["z"] = [z.initial_value.name, z.initial_value.op.type, z.dtype.name]
    try:
        tf.Variable(lambda: 1.5, dtype=tf.int32, name="bad")
        obs["bad"] = "ok"
    except Exception as e:
        obs["bad"] = type(e).__name__
    with tf.device("/cpu:0"):
        d = tf.Variable(lambda: tf.zeros([1]), name="d")
    obs["d_dev"] = [d.device, d.initial_value.device, d.initializer.device]
    obs["colocation"] = [c.decode() if isinstance(c, bytes) else c for c in v.initial_value.op.colocation_groups()]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        obs["vals"] = [s.run(v).tolist(), s.run(w).tolist(), s.run(x).tolist(), s.run(z).tolist()]
    return obs
