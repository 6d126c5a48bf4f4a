"""variable_scope / name_scope interplay: op names vs variable names, re-entering by string
(new name scope) and by object (same variable names, fresh name scope), nesting of both."""


def case(tf):
    obs = {}
    with tf.variable_scope("foo") as foo:
        v = tf.get_variable("v", [1])
        x = tf.add(v, 1.0, name="x")
        with tf.name_scope("bar"):
            w = tf.get_variable("w", [1])
            y = tf.add(w, 1.0, name="y")
            tv = tf.Variable(1.0, name="tv")
    obs["first"] = [v.name, x.name, w.name, y.name, tv.name]
    with tf.variable_scope("foo"):
        z = tf.constant(1.0, name="z")
        obs["again_name"] = tf.get_variable_scope().name
        obs["again_ons"] = tf.get_variable_scope().original_name_scope
    with tf.variable_scope(foo):
        z2 = tf.constant(1.0, name="z")
        obs["obj_name"] = tf.get_variable_scope().name
        obs["obj_ons"] = tf.get_variable_scope().original_name_scope
        with tf.variable_scope("child") as child:
            z3 = tf.constant(1.0, name="z")
    obs["z"] = [z.name, z2.name, z3.name]
    obs["child"] = [child.name, child.original_name_scope]
    with tf.variable_scope(foo, reuse=True):
        obs["reuse_obj"] = tf.get_variable("v") is v
    with tf.name_scope("outer"):
        with tf.variable_scope("vs") as vs:
            a = tf.get_variable("a", [1])
            b = tf.constant(0.0, name="b")
        obs["in_ns"] = [a.name, b.name, vs.name, vs.original_name_scope]
        with tf.variable_scope(foo):
            c = tf.constant(0.0, name="c")
            d = tf.get_variable("d", [1])
        obs["obj_in_ns"] = [c.name, d.name]
    with tf.variable_scope("foo/deep"):
        e = tf.get_variable("e", [1])
        f = tf.constant(0.0, name="f")
    obs["slash"] = [e.name, f.name, tf.get_default_graph().get_name_scope()]
    with tf.variable_scope("p"):
        with tf.variable_scope("q"):
            with tf.variable_scope("r"):
                g = tf.get_variable("g", [1])
                obs["deep_scope"] = [tf.get_variable_scope().name, tf.get_variable_scope().original_name_scope,
                                     tf.get_default_graph().get_name_scope()]
    obs["g"] = g.name
    return obs
