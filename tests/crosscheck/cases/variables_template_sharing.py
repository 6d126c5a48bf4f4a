"""tf.make_template: the first call creates variables, later calls share them; scope and op names
for repeated calls, same-named templates, create_scope_now_, unique_name_, nesting, custom_getter_,
and the errors when a later call would create a variable."""


def case(tf):
    import numpy as np

    def lin(x, k=2.0):
        w = tf.get_variable("w", [2], initializer=tf.constant_initializer([1.0, -2.0]))
        return x * w * k

    x = tf.constant([1.0, 2.0])
    obs = {}
    t = tf.make_template("lin", lin, k=3.0)
    obs["before"] = [t.name, t.variable_scope is None, t.variables]
    y1, y2 = t(x), t(x)
    obs["calls"] = [y1.name, y2.name, t.variable_scope.name, t.variable_scope_name]
    obs["vars"] = [[v.name for v in t.variables], [v.name for v in t.trainable_variables],
                   [v.name for v in t.global_variables], len(t.local_variables)]
    t2 = tf.make_template("lin", lin)
    obs["second"] = [t2(x).name, t2.variable_scope.name, [v.name for v in t2.variables]]
    now = tf.make_template("now", lin, create_scope_now_=True)
    obs["now_scope"] = [now.variable_scope.name, now.variable_scope.original_name_scope]
    with tf.name_scope("outer"):
        obs["now_calls"] = [now(x).name, now(x).name]
    uniq = tf.make_template("ignored", lin, unique_name_="uniq")
    obs["uniq"] = [uniq(x).name, [v.name for v in uniq.variables]]
    inner = tf.make_template("inner", lin)
    outer = tf.make_template("outer", lambda z: inner(z) + inner(z))
    obs["nested"] = [outer(x).name, outer(x).name, [v.name for v in inner.variables]]
    seen = []

    def getter(getter, name, *args, **kwargs):
        seen.append(name)
        return getter(name, *args, **kwargs)

    cg = tf.make_template("cg", lin, custom_getter_=getter)
    cg(x)
    cg(x)
    obs["custom_getter"] = seen
    with tf.variable_scope("vs"):
        inside = tf.make_template("t", lin)
        obs["in_scope"] = inside(x).name
    obs["in_scope_later"] = [inside(x).name, [v.name for v in inside.variables]]
    count = [0]

    def grows(z):
        count[0] += 1
        return z * tf.get_variable("v%d" % count[0], [2])

    g = tf.make_template("grows", grows)
    g(x)
    try:
        g(x)
        obs["grows"] = "ok"
    except ValueError as e:
        obs["grows"] = ["ValueError", "grows/v2 does not exist" in str(e)]
    h = tf.make_template("h", lambda: tf.Variable(1.0, name="v"))
    h()
    try:
        h()
        obs["tf_variable"] = "ok"
    except ValueError as e:
        obs["tf_variable"] = ["ValueError", "Trainable variable created" in str(e)]
    try:
        tf.make_template(None, lin)
        obs["none_name"] = "ok"
    except ValueError as e:
        obs["none_name"] = str(e)
    obs["all_globals"] = [v.name for v in tf.global_variables()]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["values"] = np.stack(sess.run([y1, y2])).tolist()
    return obs
