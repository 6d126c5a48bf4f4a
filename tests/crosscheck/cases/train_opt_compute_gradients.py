"""compute_gradients: order and None grads for unconnected variables, var_list forms (list, tuple, set of
one), grad_loss scaling, gate_gradients modes giving the same numbers, colocate_gradients_with_ops,
aggregation_method, non-trainable variables excluded by default, resource variables."""


def case(tf):
    obs = {}
    a = tf.get_variable("a", initializer=tf.constant([1.0, 2.0]))
    b = tf.get_variable("b", initializer=tf.constant(3.0), use_resource=True)
    c = tf.get_variable("c", initializer=tf.constant(4.0))
    nt = tf.get_variable("nt", initializer=tf.constant(5.0), trainable=False)
    loss = tf.reduce_sum(a * a) * b + nt * b
    opt = tf.train.GradientDescentOptimizer(0.1)
    gv = opt.compute_gradients(loss)
    obs["vars"] = [v.name for _, v in gv]
    obs["none"] = [g is None for g, _ in gv]
    obs["grad_types"] = [None if g is None else isinstance(g, tf.Tensor) for g, _ in gv]
    obs["grad_names"] = [None if g is None else g.name for g, _ in gv]
    gv_nt = opt.compute_gradients(loss, var_list=[nt, b])
    obs["nt_vars"] = [v.name for _, v in gv_nt]
    gv_tuple = opt.compute_gradients(loss, var_list=(a,))
    gl = opt.compute_gradients(loss, var_list=[a, b], grad_loss=tf.constant(2.0))
    results = {}
    for gate in (tf.train.Optimizer.GATE_NONE, tf.train.Optimizer.GATE_OP,
                 tf.train.Optimizer.GATE_GRAPH):
        results["gate%d" % gate] = [g for g, _ in opt.compute_gradients(loss, var_list=[a, b],
                                                                        gate_gradients=gate)]
    colo = opt.compute_gradients(loss, var_list=[a, b], colocate_gradients_with_ops=True)
    agg = opt.compute_gradients(loss + tf.reduce_sum(a) * 2.0, var_list=[a],
                                aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
    obs["gate_const"] = [tf.train.Optimizer.GATE_NONE, tf.train.Optimizer.GATE_OP,
                         tf.train.Optimizer.GATE_GRAPH]
    obs["agg_consts"] = [tf.AggregationMethod.ADD_N, tf.AggregationMethod.DEFAULT,
                         tf.AggregationMethod.EXPERIMENTAL_TREE,
                         tf.AggregationMethod.EXPERIMENTAL_ACCUMULATE_N]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["grads"] = [None if g is None else sess.run(g).tolist() for g, _ in gv]
        obs["nt_grads"] = [None if g is None else sess.run(g).tolist() for g, _ in gv_nt]
        obs["tuple"] = sess.run(gv_tuple[0][0]).tolist()
        obs["grad_loss"] = [sess.run(g).tolist() for g, _ in gl]
        obs["gates"] = {k: [sess.run(g).tolist() for g in v] for k, v in results.items()}
        obs["colo"] = [sess.run(g).tolist() for g, _ in colo]
        obs["agg"] = sess.run(agg[0][0]).tolist()
        train = opt.apply_gradients(gv)
        sess.run(train)
        obs["after"] = [sess.run(v).tolist() for v in (a, b, c, nt)]
    obs["train_type"] = train.type
    return obs
