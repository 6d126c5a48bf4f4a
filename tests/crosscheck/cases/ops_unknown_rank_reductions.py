def case(tf):
    """Reductions of an unknown-rank tensor over every axis: TF reduces over range(rank(x)) and the
    result is a scalar (unknown with keepdims); reduce_logsumexp's op structure; tf.split's names."""
    obs = {}
    u = tf.placeholder(tf.float32, name="u")
    outs = {"sum": tf.reduce_sum(u), "mean_keep": tf.reduce_mean(u, keepdims=True),
            "max": tf.reduce_max(u, name="mx"), "lse": tf.reduce_logsumexp(u),
            "all": tf.reduce_all(tf.cast(u, tf.bool))}
    k = tf.placeholder(tf.float32, [2, 3], name="k")
    outs["lse_axis"] = tf.reduce_logsumexp(k, axis=1)
    outs["split"] = tf.split([1., 2., 3., 4.], 2)[1]
    outs["splitv"] = tf.split(tf.ones([4, 2]), [1, -1], axis=1, name="sp")[1]
    obs["shapes"] = {n: t.shape.as_list() if t.shape.ndims is not None else None for n, t in outs.items()}
    obs["ops"] = [[op.name, op.type, [i.name for i in op.inputs]] for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        vals = sess.run(outs, {u: [[1., 2.], [3., 4.]], k: [[1., 2., 3.], [0., 0., 1e3]]})
    obs["values"] = {n: v.tolist() for n, v in vals.items()}
    return obs
