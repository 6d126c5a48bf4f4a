def case(tf):
    """tf.sparse_reduce_sum (axes, keepdims, legacy keyword spellings, static and unknown shapes),
    tf.sparse_reorder and tf.sparse_reshape: op names, static shapes, values, gradients and errors."""
    import numpy as np
    obs = {}

    def new_ops(start):
        return [[op.name, op.type, [str(t.shape) for t in op.outputs]]
                for op in tf.get_default_graph().get_operations()[start:]]

    def n_ops():
        return len(tf.get_default_graph().get_operations())

    def attempt(f):
        try:
            out = f()
            return out.tolist() if hasattr(out, "tolist") else "ok"
        except Exception as e:
            return type(e).__name__

    def sv(v):
        return [v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist()]

    sp = tf.SparseTensor(indices=[[0, 0], [1, 2], [1, 3]], values=[1.0, 2.0, 4.0], dense_shape=[3, 4])
    p = tf.sparse_placeholder(tf.float32, name="p")
    q = tf.sparse_placeholder(tf.float32, shape=[None, 4], name="q")
    start = n_ops()
    sums = [tf.sparse_reduce_sum(sp), tf.sparse_reduce_sum(sp, axis=1),
            tf.sparse_reduce_sum(sp, axis=1, keepdims=True), tf.sparse.reduce_sum(sp, 0, keepdims=True),
            tf.sparse_reduce_sum(sp, reduction_axes=[0, 1]), tf.sparse_reduce_sum(sp, keep_dims=True),
            tf.sparse.reduce_sum(sp, -1), tf.sparse_reduce_sum(p), tf.sparse_reduce_sum(p, 1),
            tf.sparse_reduce_sum(q, 0, keepdims=True)]
    obs["reduce_ops"] = new_ops(start)
    obs["reduce_both_spellings"] = attempt(lambda: tf.sparse_reduce_sum(sp, axis=0, reduction_axes=0))
    obs["reduce_bad_axis_static"] = attempt(lambda: tf.sparse_reduce_sum(sp, axis=2))
    start = n_ops()
    reordered = [tf.sparse_reorder(sp), tf.sparse.reorder(sp, name="ro"), tf.sparse.reorder(p),
                 tf.sparse.reorder(q)]
    obs["reorder_ops"] = new_ops(start)
    obs["reorder_shapes"] = [str(r.shape) for r in reordered]
    start = n_ops()
    reshaped = [tf.sparse_reshape(sp, [4, 3]), tf.sparse.reshape(sp, [-1, 2], name="rs"),
                tf.sparse.reshape(q, [-1, 2]), tf.sparse.reshape(p, tf.constant([2, -1], tf.int64)),
                tf.sparse.reshape(q, [2, 2, 3])]
    obs["reshape_ops"] = new_ops(start)
    obs["reshape_shapes"] = [str(r.shape) for r in reshaped]
    obs["reshape_build_error"] = attempt(lambda: tf.sparse.reshape(sp, [5, 2]))

    def feed(t, i, v, s):
        return {t: (np.array(i, np.int64).reshape(len(v), -1), np.array(v, np.float32), np.array(s, np.int64))}
    unordered = ([[1, 0], [0, 3], [0, 1]], [1.0, 2.0, 3.0], [3, 4])
    with tf.Session() as sess:
        obs["reduce_values"] = [x.tolist() for x in sess.run(sums[:7])]
        obs["reduce_unknown"] = [x.tolist() for x in sess.run(sums[7:], {**feed(p, *unordered),
                                                                         **feed(q, *unordered)})]
        r1 = tf.sparse.reduce_sum(q, 1)
        obs["reduce_run"] = {
            "duplicates": attempt(lambda: sess.run(r1, feed(q, [[1, 0], [1, 0]], [1.0, 2.0], [3, 4]))),
            "out_of_bounds": attempt(lambda: sess.run(r1, feed(q, [[5, 0]], [1.0], [3, 4]))),
            "bad_axis": attempt(lambda: sess.run(tf.sparse.reduce_sum(q, 2), feed(q, [[0, 0]], [1.0], [3, 4]))),
            "repeated_axes": attempt(lambda: sess.run(tf.sparse.reduce_sum(q, [0, 0]),
                                                      feed(q, [[0, 0]], [1.0], [3, 4]))),
        }
        obs["reorder_values"] = [sv(x) for x in sess.run(reordered[:2])]
        obs["reorder_unordered"] = sv(sess.run(reordered[3], feed(q, *unordered)))
        obs["reorder_duplicates_oob"] = sv(sess.run(reordered[3], feed(q, [[5, 0], [1, 0], [1, 0]],
                                                                      [1.0, 2.0, 3.0], [3, 4])))
        obs["reshape_values"] = [sv(x) for x in sess.run(reshaped[:2])]
        obs["reshape_fed"] = [sv(x) for x in sess.run([reshaped[2], reshaped[4]], feed(q, *unordered))]
        obs["reshape_unknown_rank"] = sv(sess.run(reshaped[3], feed(p, [[1, 1, 1]], [5.0], [2, 2, 3])))
        obs["reshape_run"] = {
            "two_unknown": attempt(lambda: sess.run(tf.sparse.reshape(q, [-1, -1]).indices, feed(q, *unordered))),
            "size_mismatch": attempt(lambda: sess.run(tf.sparse.reshape(q, [5, 2]).indices, feed(q, *unordered))),
            "not_multiple": attempt(lambda: sess.run(tf.sparse.reshape(q, [-1, 5]).indices, feed(q, *unordered))),
        }
        # gradients
        vals = tf.constant([1.0, 2.0, 4.0])
        base = tf.SparseTensor([[0, 0], [1, 2], [1, 3]], vals, [3, 4])
        start = n_ops()
        g_sum = tf.gradients(tf.sparse_reduce_sum(base, 1) * tf.constant([1.0, 2.0, 3.0]), vals)
        obs["reduce_grad_ops"] = [o[:2] for o in new_ops(start)]
        g_all = tf.gradients(tf.sparse_reduce_sum(base), vals)
        g_keep = tf.gradients(tf.sparse_reduce_sum(base, 0, keepdims=True) * tf.constant([[1.0, 2.0, 3.0, 4.0]]),
                              vals)
        shuffled = tf.SparseTensor([[1, 3], [0, 0], [1, 2]], vals, [3, 4])
        start = n_ops()
        g_reorder = tf.gradients(tf.sparse.reorder(shuffled).values * tf.constant([1.0, 2.0, 3.0]), vals)
        obs["reorder_grad_ops"] = [o[:2] for o in new_ops(start)]
        g_reshape = tf.gradients(tf.sparse.reshape(base, [2, 6]).values * tf.constant([1.0, 2.0, 3.0]), vals)
        fed_vals = tf.placeholder(tf.float32, [None])
        dyn = tf.SparseTensor(q.indices, fed_vals, q.dense_shape)
        g_dyn = tf.gradients(tf.sparse_reduce_sum(dyn, 1) * tf.constant([1.0, 2.0, 3.0]), fed_vals)
        obs["grads"] = [g.tolist() for g in sess.run(g_sum + g_all + g_keep + g_reorder + g_reshape)]
        obs["grad_dynamic_shape"] = sess.run(g_dyn, {q.indices: [[0, 1], [2, 3]], fed_vals: [1.0, 1.0],
                                                     q.dense_shape: [3, 4]})[0].tolist()
    return obs
