"""tf.graph_util: freezing a model with reference and resource variables (node names, ops, inputs,
attr keys, constant values), the frozen graph imported and run, white/blacklists, extract_sub_graph,
remove_training_nodes, must_run_on_cpu and tensor_shape_from_node_def_name."""


def case(tf):
    import numpy as np

    xv = np.array([[1.0, -2.0, 0.5], [0.0, 1.0, 2.0]], np.float32)
    obs = {}

    def describe(gd):
        return [[n.name, n.op, list(n.input), sorted(k for k in n.attr.keys()
                                                     if k not in ("grad_a", "grad_b"))]
                for n in gd.node]

    for res in (False, True):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [None, 3], name="x")
            with tf.variable_scope("dense"):
                w = tf.get_variable("w", [3, 2], use_resource=res,
                                    initializer=tf.constant_initializer(np.arange(6.0).reshape(3, 2)))
                b = tf.get_variable("b", [2], use_resource=res, initializer=tf.zeros_initializer())
            y = tf.nn.relu(tf.matmul(x, w) + b, name="out")
            tf.gather(w, [2, 0], name="emb")
            tf.train.get_or_create_global_step()
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(b.assign([1.0, -3.0]))
                want = sess.run(y, {x: xv})
                gd = sess.graph.as_graph_def()
                frozen = tf.graph_util.convert_variables_to_constants(sess, gd, ["out", "emb"])
                only_w = tf.graph_util.convert_variables_to_constants(
                    sess, gd, ["out"], variable_names_whitelist=["dense/w"])
                not_w = tf.graph_util.convert_variables_to_constants(
                    sess, gd, ["out"], variable_names_blacklist=["dense/w"])
        key = "resource" if res else "ref"
        obs[key + "_nodes"] = describe(frozen)
        obs[key + "_consts"] = {n.name: tf.make_ndarray(n.attr["value"].tensor).tolist()
                                for n in frozen.node if n.op == "Const"}
        obs[key + "_lists"] = [[n.op for n in only_w.node], [n.op for n in not_w.node]]
        with tf.Graph().as_default():
            out, emb = tf.import_graph_def(frozen, return_elements=["out:0", "emb:0"], name="f")
            with tf.Session() as sess:
                got, rows = sess.run([out, emb], {"f/x:0": xv})
            obs[key + "_run"] = [np.allclose(got, want), got.tolist(), rows.tolist(),
                                 len(tf.global_variables())]

    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        i = tf.identity(x, name="ident")
        c = tf.check_numerics(x, "bad", name="check")
        s = tf.stop_gradient(i, name="sg")
        out = tf.add(tf.multiply(s, 2.0, name="mul"), c, name="out")
        tf.constant(1, name="unused")
        gd = g.as_graph_def()
        obs["sub"] = [n.name for n in tf.graph_util.extract_sub_graph(gd, ["out"]).node]
        obs["removed"] = [[n.name, list(n.input)] for n in tf.graph_util.remove_training_nodes(gd).node]
        obs["protected"] = [n.name for n in
                            tf.graph_util.remove_training_nodes(gd, protected_nodes=["sg"]).node]
        for what, dest in (("str_dest", "out"), ("missing", ["nope"])):
            try:
                tf.graph_util.extract_sub_graph(gd, dest)
                obs[what] = "ok"
            except (TypeError, AssertionError) as e:
                obs[what] = [type(e).__name__, str(e)]
        obs["cpu"] = [tf.graph_util.must_run_on_cpu(op) for op in g.get_operations()]
        obs["shape"] = [tf.graph_util.tensor_shape_from_node_def_name(g, "x").as_list(),
                        tf.graph_util.tensor_shape_from_node_def_name(g, "out:0").as_list()]
        obs["out"] = out.name
    return obs
