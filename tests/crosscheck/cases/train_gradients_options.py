"""tf.gradients options: stop_gradients (tensor and list), unconnected_gradients 'none'/'zero' (and the
UnconnectedGradients enum), grad_ys (tensor, list, wrong length/dtype errors), integer xs, gradients of
ys w.r.t. themselves, ys lists with None grads, IndexedSlices from gather and converting them."""


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    a = tf.constant(2.0, name="a")
    b = a * 3.0
    c = b * b + a
    g_stop = tf.gradients(c, a, stop_gradients=[b])[0]
    g_stop2 = tf.gradients(c, [a, b], stop_gradients=b)
    g_none = tf.gradients(c, tf.constant(5.0))
    g_zero = tf.gradients(c, [tf.constant([5.0, 1.0]), a], unconnected_gradients="zero")
    g_zero_enum = tf.gradients(c, tf.constant(7.0), unconnected_gradients="zero")
    obs["none"] = [t is None for t in g_none]
    obs["zero_shapes"] = [t.shape.as_list() for t in g_zero]
    obs["bad_unconnected"] = _err(lambda: tf.gradients(c, tf.constant(1.0),
                                                       unconnected_gradients="bad"))
    gy = tf.gradients(c, a, grad_ys=tf.constant(0.5))[0]
    gy_list = tf.gradients([b, c], a, grad_ys=[tf.constant(2.0), None])[0]
    obs["grad_ys_len"] = _err(lambda: tf.gradients([b, c], a, grad_ys=[tf.constant(1.0)]))
    obs["grad_ys_dtype"] = _err(lambda: tf.gradients(c, a, grad_ys=tf.constant(1, tf.int32)))
    g_self = tf.gradients(c, c)[0]
    g_self_y = tf.gradients(c, c, grad_ys=tf.constant(4.0))[0]
    i = tf.constant([1, 2], name="ints")
    fi = tf.cast(i, tf.float32)
    obs["int_x"] = tf.gradients(tf.reduce_sum(fi), i)[0] is None
    obs["int_y"] = _err(lambda: tf.gradients(i * 2, i))
    params = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="params")
    gathered = tf.gather(params, [2, 0, 2])
    gp = tf.gradients(tf.reduce_sum(gathered * 2.0), params)[0]
    obs["gather_grad_type"] = type(gp).__name__
    obs["gather_grad_attrs"] = [gp.indices.dtype.name, gp.values.dtype.name]
    dense = tf.convert_to_tensor(gp)
    obs["dense_conv"] = dense.op.type
    emb = tf.nn.embedding_lookup(params, [1, 1])
    ge = tf.gradients(tf.reduce_sum(emb), params)[0]
    obs["emb_grad_type"] = type(ge).__name__
    both = tf.gradients(tf.reduce_sum(gathered) + tf.reduce_sum(params), params)[0]
    obs["mixed_type"] = isinstance(both, tf.Tensor)
    two_sparse = tf.gradients(tf.reduce_sum(gathered) + tf.reduce_sum(emb), params)[0]
    obs["two_sparse_type"] = type(two_sparse).__name__
    rv = tf.Variable([[1.0], [2.0]], name="rv", use_resource=True)
    gr = tf.gradients(tf.reduce_sum(tf.gather(rv, [1])), rv)[0]
    obs["resource_gather_type"] = type(gr).__name__
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["stop"] = float(sess.run(g_stop))
        obs["stop2"] = [float(t) for t in sess.run(g_stop2)]
        obs["zero"] = [t.tolist() for t in sess.run(g_zero)]
        obs["zero_enum"] = float(sess.run(g_zero_enum[0]))
        obs["gy"] = float(sess.run(gy))
        obs["gy_list"] = float(sess.run(gy_list))
        obs["self"] = [float(sess.run(g_self)), float(sess.run(g_self_y))]
        v = sess.run(gp)
        obs["gather_vals"] = [v.values.tolist(), v.indices.tolist(), v.dense_shape.tolist()]
        obs["dense"] = sess.run(dense).tolist()
        obs["emb"] = sess.run(tf.convert_to_tensor(ge)).tolist()
        obs["both"] = sess.run(both).tolist()
        ts = sess.run(two_sparse)
        obs["two_sparse"] = [ts.values.tolist(), ts.indices.tolist()]
        rg = sess.run(gr)
        obs["resource_gather"] = [rg.values.tolist(), rg.indices.tolist()]
    return obs
