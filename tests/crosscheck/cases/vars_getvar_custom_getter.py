"""custom_getter: on get_variable and on scopes, nested scope getters (outer wraps inner), the
kwargs a getter receives, getters that rename or transform, and a non-callable getter."""


def case(tf):
    obs = {}
    seen = []

    def spy(getter, name, *args, **kwargs):
        seen.append([name, sorted(kwargs)])
        return getter(name, *args, **kwargs)

    tf.get_variable("v", [2], custom_getter=spy)
    obs["seen"] = seen[:]
    order = []

    def outer(getter, name, *args, **kwargs):
        order.append("outer")
        return getter(name, *args, **kwargs)

    def inner(getter, name, *args, **kwargs):
        order.append("inner")
        return getter(name, *args, **kwargs)

    with tf.variable_scope("o", custom_getter=outer):
        with tf.variable_scope("i", custom_getter=inner):
            w = tf.get_variable("w", [1])
    obs["order"] = order
    obs["w"] = w.name

    def renamer(getter, name, *args, **kwargs):
        return getter(name + "_x", *args, **kwargs)

    with tf.variable_scope("r", custom_getter=renamer):
        x = tf.get_variable("x", [1])
    obs["x"] = x.name

    def doubler(getter, *args, **kwargs):
        return getter(*args, **kwargs) * 2.0

    with tf.variable_scope("d", custom_getter=doubler):
        y = tf.get_variable("y", [1], initializer=tf.ones_initializer())
    obs["y"] = [y.name, y.op.type, type(y).__name__ in ("Tensor", "SymbolicTensor")]
    obs["globals"] = [g.name for g in tf.global_variables()]
    try:
        tf.get_variable("bad", [1], custom_getter=3)
        obs["bad"] = "ok"
    except Exception as e:
        obs["bad"] = type(e).__name__
    obs["scope_getter"] = None
    with tf.variable_scope("s", custom_getter=spy) as sc:
        obs["scope_getter"] = sc.custom_getter is spy
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        obs["yval"] = s.run(y).tolist()
    return obs
