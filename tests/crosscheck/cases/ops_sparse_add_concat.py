def case(tf):
    """tf.sparse_add (sparse + sparse with thresholds, sorted or not; sparse + dense either way round)
    and tf.sparse_concat (with expand_nonconcat_dim, negative axes): op names, static shapes, values,
    gradients and errors."""
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
            return out.tolist() if hasattr(out, "tolist") else sv(out) if hasattr(out, "indices") else "ok"
        except Exception as e:
            return type(e).__name__

    def sv(v):
        return [v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist()]

    a = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1.0, 2.0], dense_shape=[3, 4])
    b = tf.SparseTensor(indices=[[0, 0], [2, 1]], values=[3.0, 4.0], dense_shape=[3, 4])
    dense = tf.ones([3, 4])
    p = tf.sparse_placeholder(tf.float32, name="p")
    q = tf.sparse_placeholder(tf.float32, shape=[None, 4], name="q")
    q2 = tf.sparse_placeholder(tf.float32, shape=[None, 4], name="q2")
    start = n_ops()
    adds = [tf.sparse_add(a, b), tf.sparse.add(a, b, threshold=3.5), tf.sparse_add(a, b, thresh=0.1),
            tf.sparse.add(p, q), tf.sparse.add(q, q2)]
    dense_adds = [tf.sparse_add(a, dense), tf.sparse_add(dense, a), tf.sparse.add(q, tf.ones([3, 4]))]
    obs["add_ops"] = new_ops(start)
    obs["add_shapes"] = [str(x.shape) for x in adds] + [str(x.shape) for x in dense_adds]
    obs["add_errors"] = {
        "both_dense": attempt(lambda: tf.sparse.add(dense, dense)),
        "both_spellings": attempt(lambda: tf.sparse.add(a, b, threshold=1.0, thresh=1.0)),
        "static_mismatch": attempt(lambda: tf.sparse.add(a, tf.SparseTensor([[0, 0]], [1.0], [3, 5]))),
        "dtype": attempt(lambda: tf.sparse.add(a, tf.SparseTensor([[0, 0]], [1], [3, 4]))),
    }
    start = n_ops()
    concats = [tf.sparse_concat(1, [a, b]), tf.sparse.concat(0, [a, b], name="cc"),
               tf.sparse_concat(1, [a, tf.SparseTensor([[0, 0], [1, 1]], [5.0, 6.0], [2, 3])],
                                expand_nonconcat_dim=True),
               tf.sparse.concat(axis=-1, sp_inputs=[a, b]), tf.sparse.concat(1, [q, q2]),
               tf.sparse.concat(0, [p, p]), tf.sparse_concat(None, [a, b], concat_dim=0)]
    obs["concat_ops"] = new_ops(start)
    obs["concat_shapes"] = [str(x.shape) for x in concats]
    obs["concat_single"] = tf.sparse.concat(0, [a]) is a
    obs["concat_errors"] = {
        "not_list": attempt(lambda: tf.sparse.concat(0, a)),
        "dense_member": attempt(lambda: tf.sparse.concat(0, [a, dense])),
    }

    def feed(t, i, v, s):
        return {t: (np.array(i, np.int64).reshape(len(v), len(s)), np.array(v, np.float32),
                    np.array(s, np.int64))}
    with tf.Session() as sess:
        obs["add_values"] = [sv(x) for x in sess.run(adds[:3])]
        obs["dense_add_values"] = [x.tolist() for x in sess.run(dense_adds[:2])]
        run_pq = adds[4]
        obs["add_run"] = {
            "cancel_kept_at_zero_threshold": attempt(lambda: sess.run(run_pq, {
                **feed(q, [[0, 0], [1, 1]], [1.0, 2.0], [3, 4]), **feed(q2, [[0, 0], [1, 1]], [-1.0, 1.0], [3, 4])})),
            "threshold_drops_sums_only": attempt(lambda: sess.run(tf.sparse.add(q, q2, threshold=1.5), {
                **feed(q, [[0, 0], [1, 1], [2, 0]], [1.0, 2.0, 0.5], [3, 4]),
                **feed(q2, [[0, 0], [1, 1], [2, 3]], [-1.0, -0.6, 0.1], [3, 4])})),
            "unsorted_inputs": attempt(lambda: sess.run(run_pq, {
                **feed(q, [[1, 0], [0, 3], [0, 1]], [1.0, 2.0, 3.0], [3, 4]),
                **feed(q2, [[0, 1], [1, 0]], [10.0, 20.0], [3, 4])})),
            "duplicates": attempt(lambda: sess.run(run_pq, {
                **feed(q, [[1, 0], [1, 0]], [1.0, 2.0], [3, 4]), **feed(q2, [[1, 0]], [5.0], [3, 4])})),
            "shape_mismatch": attempt(lambda: sess.run(run_pq, {
                **feed(q, [[0, 0]], [1.0], [3, 4]), **feed(q2, [[0, 0]], [1.0], [3, 5])})),
            "rank_mismatch": attempt(lambda: sess.run(adds[3], {
                **feed(p, [[0, 0, 0]], [1.0], [3, 4, 1]), **feed(q, [[0, 0]], [1.0], [3, 4])})),
            "one_empty": attempt(lambda: sess.run(run_pq, {
                **feed(q, [], [], [3, 4]), **feed(q2, [[2, 2]], [1.0], [3, 4])})),
        }
        dq = dense_adds[2]
        obs["dense_add_run"] = {
            "repeated": attempt(lambda: sess.run(dq, feed(q, [[0, 0], [0, 0]], [1.0, 2.0], [3, 4]))),
            "unordered": attempt(lambda: sess.run(dq, feed(q, [[1, 0], [0, 0]], [1.0, 2.0], [3, 4]))),
            "out_of_bounds": attempt(lambda: sess.run(dq, feed(q, [[5, 0]], [1.0], [3, 4]))),
            "shape_mismatch": attempt(lambda: sess.run(dq, feed(q, [[0, 0]], [1.0], [3, 5]))),
        }
        obs["concat_values"] = [sv(x) for x in sess.run(concats[:4] + concats[6:])]
        obs["concat_fed"] = sv(sess.run(concats[4], {**feed(q, [[0, 1], [2, 3]], [1.0, 2.0], [3, 4]),
                                                     **feed(q2, [[1, 0]], [3.0], [3, 4])}))
        obs["concat_run"] = {
            "unsorted_inputs": attempt(lambda: sess.run(concats[4], {
                **feed(q, [[2, 3], [0, 1]], [1.0, 2.0], [3, 4]), **feed(q2, [[1, 0], [0, 2]], [3.0, 4.0], [3, 4])})),
            "unsorted_axis0": attempt(lambda: sess.run(concats[5], feed(p, [[2, 3], [0, 1]], [1.0, 2.0], [3, 4]))),
            "other_dim_mismatch": attempt(lambda: sess.run(concats[4], {
                **feed(q, [[0, 1]], [1.0], [3, 4]), **feed(q2, [[1, 0]], [3.0], [2, 5])})),
            "rank_mismatch": attempt(lambda: sess.run(concats[5].indices, feed(p, [[0]], [1.0], [3]))),
        }
        # gradients
        va, vb = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0, 5.0])
        sa = tf.SparseTensor([[0, 0], [1, 2]], va, [3, 4])
        sb = tf.SparseTensor([[0, 0], [1, 1], [2, 1]], vb, [3, 4])
        start = n_ops()
        summed = tf.sparse.add(sa, sb, threshold=2.5)
        g_ss = tf.gradients(tf.reduce_sum(summed.values * summed.values), [va, vb])
        obs["add_grad_ops"] = [o[:2] for o in new_ops(start) if "SparseAdd" in o[0]]
        d = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4))
        start = n_ops()
        g_sd = tf.gradients(tf.sparse.add(sa, d) * d, [va, d])
        obs["dense_add_grad_ops"] = [o[:2] for o in new_ops(start)]
        g_concat = tf.gradients(tf.sparse.concat(1, [sa, sa]).values, va)
        obs["grads"] = [g.tolist() for g in sess.run(g_ss + g_sd)]
        obs["concat_grad"] = [g is None for g in g_concat]
    return obs
