"""Optimizers on partitioned variables: per-part slot names (`w/part_0/Adam`), slot save-slice info,
gradients to each part (sparse through embedding_lookup of a PartitionedVariable), values after steps,
EMA shadows of parts."""


def case(tf):
    obs = {}
    with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(2)):
        w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0],
                                                          [7.0, 8.0]]))
    parts = list(w)
    obs["parts"] = [p.name for p in parts]
    e = tf.nn.embedding_lookup(w, [0, 3, 3])
    loss = tf.reduce_sum(e * e)
    opt = tf.train.AdamOptimizer(0.1)
    gv = opt.compute_gradients(loss)
    obs["gv"] = [(type(g).__name__ if not isinstance(g, tf.Tensor) else "Tensor", v.name)
                 for g, v in gv]
    train = opt.apply_gradients(gv)
    obs["slots"] = [opt.get_slot(p, "m").name for p in parts]
    info = opt.get_slot(parts[1], "v")._save_slice_info
    obs["slot_slice"] = [info.full_name, info.full_shape, info.var_offset, info.var_shape]
    obs["globals"] = [v.name for v in tf.global_variables()]
    ema = tf.train.ExponentialMovingAverage(0.5)
    ema_op = ema.apply(parts)
    obs["ema"] = [ema.average(p).name for p in parts]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        sess.run(ema_op)
        obs["vals"] = [sess.run(p).tolist() for p in parts]
        obs["ema_vals"] = [sess.run(ema.average(p)).tolist() for p in parts]
    obs["_tol"] = 1e-5
    return obs
