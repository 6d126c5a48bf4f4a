"""tf.layers.Dense objects: name before use, scope_name before and after the first call,
built, weights/variables/trainable_weights order, calling twice shares weights (ops get '_1'),
names of several unnamed objects, and layer.kernel/bias attributes."""


def case(tf):
    x = tf.placeholder(tf.float32, [None, 4])
    a = tf.layers.Dense(3)
    b = tf.layers.Dense(2, name="head")
    c = tf.layers.Dense(2)
    obs = {"names_before": [a.name, b.name, c.name], "built_before": a.built,
           "vars_before": len(a.variables)}
    try:
        obs["scope_before"] = a.scope_name
    except Exception as e:
        obs["scope_before"] = type(e).__name__
    y1 = a(x)
    y2 = a(x)
    y3 = b(y1)
    with tf.variable_scope("s"):
        y4 = c(x)
    y5 = tf.layers.dense(x, 1)
    obs.update({
        "built_after": a.built,
        "scopes": [a.scope_name, b.scope_name, c.scope_name],
        "names_after": [a.name, b.name, c.name],
        "a_vars": [v.name for v in a.variables],
        "a_weights": [v.name for v in a.weights],
        "a_trainable": [v.name for v in a.trainable_weights],
        "a_trainable_vars": [v.name for v in a.trainable_variables],
        "a_nontrainable": [v.name for v in a.non_trainable_weights],
        "kernel_bias": [a.kernel.name, a.bias.name],
        "outs": [t.name for t in (y1, y2, y3, y4, y5)],
        "globals": [v.name for v in tf.global_variables()],
        "units": a.units,
        "losses": len(a.losses),
    })
    obs["same_kernel"] = y1.op.inputs[0].op.inputs[1].op.name == y2.op.inputs[0].op.inputs[1].op.name
    try:
        a(tf.placeholder(tf.float32, [None, 5]))
        obs["wrong_in"] = "ok"
    except Exception as e:
        obs["wrong_in"] = type(e).__name__
    return obs
