"""Gradient names seen through compute_gradients: GATE_OP wraps multi-input gradients in
`<op>_grad/tuple/control_dependency[_1]`, GATE_NONE does not, GATE_GRAPH wraps all in a root `tuple`;
tf.gradients(gate_gradients=True); sparse gradients (IndexedSlices) through the gates; group_deps ops."""


def _gate_ops(g, prefix):
    return sorted((op.name, op.type) for op in g.get_operations()
                  if op.name.startswith(prefix) and ("tuple" in op.name))


def case(tf):
    obs = {}
    g = tf.get_default_graph()
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="x")
    w = tf.Variable([[1.0], [-1.0]], name="w")
    b = tf.Variable([0.5], name="b")
    emb = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="emb")
    e = tf.gather(emb, [2, 0], name="lookup")
    loss = tf.reduce_sum(tf.matmul(x, w, name="mm") + b) + tf.reduce_sum(e * e)
    opt = tf.train.GradientDescentOptimizer(0.1)
    gv_op = opt.compute_gradients(loss)
    obs["gate_op"] = [(gr.name, isinstance(gr, tf.Tensor)) for gr, _ in gv_op[:2]]
    obs["gate_op_sparse"] = [type(gv_op[2][0]).__name__, gv_op[2][0].values.name.split("/")[:2]]
    obs["gate_op_ops"] = _gate_ops(g, "gradients/")
    gv_none = opt.compute_gradients(loss, gate_gradients=tf.train.Optimizer.GATE_NONE)
    obs["gate_none"] = [gv_none[0][0].name, type(gv_none[2][0]).__name__]
    gv_graph = opt.compute_gradients(loss, gate_gradients=tf.train.Optimizer.GATE_GRAPH)
    obs["gate_graph"] = [getattr(gr, "name", None) for gr, _ in gv_graph]
    obs["gate_graph_sparse"] = type(gv_graph[2][0]).__name__
    obs["gate_graph_ops"] = sorted(op.name for op in g.get_operations()
                                   if op.name.startswith("tuple"))
    gt = tf.gradients(loss, [w, b], gate_gradients=True)
    obs["tf_gradients_gated"] = [t.name for t in gt]
    train = opt.apply_gradients(gv_op)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["vals"] = [sess.run(tf.convert_to_tensor(gr)).tolist() for gr, _ in gv_op]
        obs["vals_graph"] = [sess.run(tf.convert_to_tensor(gr)).tolist() for gr, _ in gv_graph]
        sess.run(train)
        obs["after"] = [sess.run(v).tolist() for v in (w, b, emb)]
    return obs
