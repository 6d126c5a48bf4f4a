def case(tf):
    """tf.nn.embedding_lookup_sparse (sum/mean/sqrtn, with and without weights, one or several
    shards, max_norm) and tf.nn.safe_embedding_lookup_sparse (pruned ids and weights, default_id,
    rank-3 ids): op names and types, static shapes, values and gradients."""
    import numpy as np
    obs = {}

    def new_ops(start):
        return [[op.name, op.type, [str(t.shape) for t in op.outputs]]
                for op in tf.get_default_graph().get_operations()[start:]]

    def n_ops():
        return len(tf.get_default_graph().get_operations())

    def attempt(f):
        try:
            f()
            return "ok"
        except Exception as e:
            return type(e).__name__

    params_np = np.arange(15, dtype=np.float32).reshape(5, 3) / 4.0 - 1.0
    params = tf.constant(params_np)
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0], [3, 1]], tf.constant([1, 3, 2, 1], tf.int64), [4, 2])
    w = tf.SparseTensor([[0, 0], [0, 1], [2, 0], [3, 1]], [1.0, 2.0, 0.5, -1.5], [4, 2])
    results, structure = {}, {}
    for combiner in ("sum", "mean", "sqrtn"):
        start = n_ops()
        results["plain_" + combiner] = tf.nn.embedding_lookup_sparse(params, ids, None, combiner=combiner)
        structure["plain_" + combiner] = new_ops(start)
        start = n_ops()
        results["weighted_" + combiner] = tf.nn.embedding_lookup_sparse(params, ids, w, combiner=combiner)
        structure["weighted_" + combiner] = new_ops(start)
    obs["structure"] = structure
    obs["segment_attrs"] = [results["plain_sum"].op.get_attr("sparse_gradient"),
                            results["plain_sum"].op.inputs[1].dtype.name, results["plain_sum"].op.inputs[2].dtype.name]
    obs["default_combiner"] = tf.nn.embedding_lookup_sparse(params, ids, None).op.type
    shards = [tf.constant(params_np[0::2]), tf.constant(params_np[1::2])]
    results["sharded"] = tf.nn.embedding_lookup_sparse(shards, ids, None, combiner="sum", name="els")
    results["sharded_weighted"] = tf.nn.embedding_lookup_sparse(shards, ids, w, combiner="mean")
    results["max_norm"] = tf.nn.embedding_lookup_sparse(params, ids, None, combiner="mean", max_norm=1.0)
    obs["other_finals"] = [[results[k].op.name, results[k].op.type, str(results[k].shape)]
                           for k in ("sharded", "sharded_weighted", "max_norm")]
    obs["errors"] = {
        "combiner": attempt(lambda: tf.nn.embedding_lookup_sparse(params, ids, None, combiner="max")),
        "dense_ids": attempt(lambda: tf.nn.embedding_lookup_sparse(params, tf.constant([[1]]), None)),
        "dense_weights": attempt(lambda: tf.nn.embedding_lookup_sparse(params, ids, tf.ones([4]))),
        "safe_none": attempt(lambda: tf.nn.safe_embedding_lookup_sparse(None, ids)),
    }
    start = n_ops()
    results["safe"] = tf.nn.safe_embedding_lookup_sparse(params, ids)
    obs["safe_structure"] = new_ops(start)
    start = n_ops()
    results["safe_weighted"] = tf.nn.safe_embedding_lookup_sparse(params, ids, w, combiner="sqrtn",
                                                                 default_id=0, name="safe")
    obs["safe_weighted_structure"] = new_ops(start)
    neg = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [3, 0]], tf.constant([-1, 2, 4, -3], tf.int64), [4, 2])
    negw = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [3, 0]], [1.0, 2.0, 0.0, 1.0], [4, 2])
    results["safe_pruned_sum"] = tf.nn.safe_embedding_lookup_sparse(params, neg, negw, combiner="sum")
    results["safe_pruned_mean"] = tf.nn.safe_embedding_lookup_sparse(params, neg, negw, combiner="mean")
    results["safe_default"] = tf.nn.safe_embedding_lookup_sparse(params, neg, None, default_id=4)
    ids3 = tf.SparseTensor([[0, 0, 0], [0, 1, 1], [1, 1, 0]], tf.constant([0, 4, 2], tf.int64), [2, 2, 2])
    results["safe_rank3"] = tf.nn.safe_embedding_lookup_sparse(params, ids3, combiner="sum")
    results["safe_sharded"] = tf.nn.safe_embedding_lookup_sparse(shards, ids, w, combiner="mean")
    obs["shapes"] = {k: str(v.shape) for k, v in results.items()}
    with tf.Session() as sess:
        obs["values"] = {k: v.tolist() for k, v in sess.run(results).items()}
        fed_params = tf.placeholder(tf.float32, [None, 3])
        fed = tf.nn.safe_embedding_lookup_sparse(fed_params, ids, w)
        obs["fed_shape"] = str(fed.shape)
        obs["fed"] = sess.run(fed, {fed_params: params_np}).tolist()
        var_params = tf.constant(params_np)
        wvals = tf.constant([1.0, 2.0, 0.5, -1.5])
        wsp = tf.SparseTensor(w.indices, wvals, w.dense_shape)
        grads = {}
        for combiner in ("sum", "mean", "sqrtn"):
            start = n_ops()
            g = tf.gradients(tf.nn.embedding_lookup_sparse(var_params, ids, None, combiner=combiner), var_params)[0]
            obs["grad_ops_" + combiner] = [o[:2] for o in new_ops(start) if "_grad" in o[0]]
            obs["grad_kind_" + combiner] = type(g).__name__
            grads["plain_" + combiner] = tf.convert_to_tensor(g)
            gp, gw = tf.gradients(tf.nn.embedding_lookup_sparse(var_params, ids, wsp, combiner=combiner),
                                  [var_params, wvals])
            grads["weighted_" + combiner] = tf.convert_to_tensor(gp)
            grads["weights_" + combiner] = gw
        gs = tf.gradients(tf.nn.safe_embedding_lookup_sparse(var_params, ids, wsp), [var_params, wvals])
        grads["safe_params"] = tf.convert_to_tensor(gs[0])
        grads["safe_weights"] = gs[1]
        obs["grads"] = {k: [type(v).__name__, v.values.tolist(), v.indices.tolist()] if hasattr(v, "indices")
                        else v.tolist() for k, v in sess.run(grads).items()}
    # training an embedding variable through the sparse (IndexedSlices) gradient
    emb = tf.get_variable("emb", initializer=tf.constant(params_np[:4]))
    looked_up = tf.nn.embedding_lookup_sparse(emb, tf.SparseTensor([[0, 0], [0, 1], [2, 0]],
                                                                   tf.constant([1, 3, 1], tf.int64), [3, 2]),
                                              None, combiner="mean")
    obs["variable_lookup_inputs"] = [t.name for t in looked_up.op.inputs]
    loss = tf.reduce_sum(looked_up * looked_up)
    adagrad = tf.train.AdagradOptimizer(0.5).minimize(loss)
    sgd = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(adagrad)
        sess.run(sgd)
        obs["trained"] = sess.run(emb).tolist()
    return obs
