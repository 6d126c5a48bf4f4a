"""get_variable caching_device (read op device), synchronization/aggregation kwargs, use_resource
(op types), validate_shape=False, constraint stored on the variable, and the scope dtype."""


def case(tf):
    obs = {}
    with tf.device("/cpu:0"):
        a = tf.get_variable("a", [2], caching_device="/job:worker/gpu:0")
    obs["a"] = [a.device, a.value().device, a.value().name, a.initializer.device]
    with tf.variable_scope("cs", caching_device="/cpu:1"):
        b = tf.get_variable("b", [2])
        obs["scope_cd"] = tf.get_variable_scope().caching_device
    obs["b"] = [b.device, b.value().device]
    c = tf.get_variable("c", [2], synchronization=tf.VariableSynchronization.ON_READ,
                        aggregation=tf.VariableAggregation.SUM, trainable=False)
    obs["c"] = [c.name, c.trainable]
    try:
        tf.get_variable("c2", [2], synchronization=tf.VariableSynchronization.ON_READ, trainable=True)
        obs["c2"] = "ok"
    except Exception as e:
        obs["c2"] = type(e).__name__
    d = tf.get_variable("d", [2], use_resource=True, caching_device="/cpu:2")
    obs["d"] = [d.op.type, d.dtype.name, d.value().device]
    e = tf.get_variable("e", initializer=tf.zeros([2]), validate_shape=False)
    obs["e"] = [str(e.shape), e.initializer.get_attr("validate_shape")]
    f = tf.get_variable("f", [2], constraint=tf.keras.constraints.NonNeg() if False else (lambda x: tf.maximum(x, 0.0)))
    obs["f"] = callable(f.constraint)
    with tf.variable_scope("dt", dtype=tf.float64):
        g = tf.get_variable("g", [1])
        h = tf.get_variable("h", [1], dtype=tf.float32)
        with tf.variable_scope("in"):
            i = tf.get_variable("i", [1])
        obs["scope_dtype"] = tf.get_variable_scope().dtype.name
    obs["dtypes"] = [x.dtype.name for x in (g, h, i)]
    obs["root_dtype"] = tf.get_variable_scope().dtype.name
    return obs
