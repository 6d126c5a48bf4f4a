"""tf.gradients op naming: the `gradients/` scope and its uniquification (gradients_1, custom name), the
`<op>_grad/` scopes, grad_ys_0 fill ops, AddN aggregation names when paths join (their order), op types
of a few gradients, gradients of ys lists."""


def _ops(g, prefix):
    return sorted((op.name, op.type) for op in g.get_operations() if op.name.startswith(prefix))


def case(tf):
    obs = {}
    g = tf.get_default_graph()
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.Variable([[1.0], [2.0], [3.0]], name="w")
    b = tf.Variable([0.5], name="b")
    h = tf.matmul(x, w, name="mm") + b
    y = tf.reduce_sum(tf.square(h, name="sq"), name="total")
    gw, gb = tf.gradients(y, [w, b])
    obs["g1"] = [gw.name, gw.shape.as_list(), gb.shape.as_list()]
    gx = tf.gradients(y, x)[0]
    obs["g2"] = [gx.name, str(gx.shape)]
    gn = tf.gradients(y, w, name="my_grads")[0]
    obs["g3"] = gn.name
    with tf.name_scope("outer"):
        go = tf.gradients(y, b)[0]
    obs["g4"] = go.name.split("/")[:2]
    a = tf.constant([1.0, 2.0], name="a")
    p = a * a
    q = tf.sin(a) + p
    r = tf.reduce_sum(q * p + a, name="r")
    ga = tf.gradients(r, a)[0]
    obs["g5"] = ga.name
    obs["ops5"] = _ops(g, "gradients_3/")
    c = tf.constant(3.0, name="c")
    multi = tf.gradients([c * 2.0, c * c, tf.identity(c)], c)[0]
    obs["g6"] = multi.name
    obs["ops6"] = _ops(g, "gradients_4/")
    v1 = tf.Variable(1.0, name="v1")
    v2 = tf.Variable(2.0, name="v2")
    z = v1 * v2 + v1 * v1 + v2 * 3.0
    g7 = tf.gradients(z, [v1, v2])
    obs["g7"] = [t.name for t in g7]
    g8 = tf.gradients(z, [v2, v1])
    obs["g8"] = [t.name for t in g8]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = {x: [[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]]}
        obs["vals"] = [v.tolist() for v in sess.run([gw, gb, gx, gn, go], feed)]
        obs["v5"] = sess.run(ga).tolist()
        obs["v6"] = float(sess.run(multi))
        obs["v7"] = [float(t) for t in sess.run(g7)]
    return obs
