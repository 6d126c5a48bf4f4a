def case(tf):
    """`sp * dense`, `dense * sp`, `sp / dense` (SparseDenseCwiseMul/Div with the dense side
    broadcast to the sparse shape): op names, values, gradients and their ops, the operators TF
    does not define on SparseTensor, and run-time errors."""
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

    sp = tf.SparseTensor(indices=[[0, 0], [1, 2], [2, 3]], values=[1.0, 2.0, 3.0], dense_shape=[3, 4])
    d = tf.constant(np.arange(1, 13, dtype=np.float32).reshape(3, 4))
    row = tf.constant([[1.0, 2.0, 3.0, 4.0]])
    col = tf.constant([[1.0], [2.0], [3.0]])
    start = n_ops()
    outs = [sp * d, sp / d, sp * 2.0, d * sp, sp * row, sp / col, sp * tf.constant([2.0, 3.0, 4.0, 5.0]),
            sp.__div__(d)]
    obs["ops"] = new_ops(start)
    obs["shapes"] = [str(x.shape) for x in outs]
    obs["same_indices"] = [x.indices is sp.indices and x.dense_shape is sp.dense_shape for x in outs]
    obs["errors"] = {
        "scalar_times_sp": attempt(lambda: 2.0 * sp),
        "sp_times_sp": attempt(lambda: sp * sp),
        "dense_div_sp": attempt(lambda: d / sp),
        "sub": attempt(lambda: sp - d),
        "dtype": attempt(lambda: sp * tf.ones([3, 4], tf.float64)),
        "int_sp": attempt(lambda: tf.SparseTensor([[0, 0]], [1], [2, 2]) * 2.5),
    }
    p = tf.sparse_placeholder(tf.float32, name="p")

    def feed(i, v, s):
        return {p: (np.array(i, np.int64).reshape(len(v), len(s)), np.array(v, np.float32),
                    np.array(s, np.int64))}
    with tf.Session() as sess:
        obs["values"] = [sv(x) for x in sess.run(outs)]
        ints = tf.SparseTensor([[0, 0], [1, 1]], [7, -7], [2, 2])
        int_outs = [ints / tf.constant([[2, 2], [2, 2]]), ints * 3, ints.__div__(tf.constant([[2, 2], [2, 2]])),
                    ints / 2]
        obs["int_dtypes"] = [x.dtype.name for x in int_outs]
        obs["int_values"] = [sv(x) for x in sess.run(int_outs)]
        by_row, by_cube = (p * row).values, (p * tf.ones([2, 3, 4])).values
        by_zero_at = (p / tf.constant([[0.0, 1.0], [1.0, 1.0]])).values
        by_zero_elsewhere = (p / tf.constant([[1.0, 0.0], [1.0, 1.0]])).values
        obs["run"] = {
            "not_broadcastable": attempt(lambda: sess.run(by_row, feed([[0, 0]], [1.0], [3, 5]))),
            "dense_rank_higher": attempt(lambda: sess.run(by_cube, feed([[0, 0]], [1.0], [3, 4]))),
            "divide_by_zero_at_entry": attempt(lambda: sess.run(by_zero_at, feed([[0, 0]], [1.0], [2, 2]))),
            "zero_elsewhere": attempt(lambda: sess.run(by_zero_elsewhere, feed([[0, 0], [1, 1]], [1.0, 4.0],
                                                                                [2, 2]))),
            "out_of_bounds": attempt(lambda: sess.run(by_row, feed([[5, 0]], [1.0], [3, 4]))),
            "higher_rank_sparse": attempt(lambda: sess.run(by_row, feed([[1, 0, 2]], [1.0], [2, 3, 4]))),
        }
        vals = tf.constant([1.0, 2.0, 3.0])
        base = tf.SparseTensor([[0, 0], [1, 2], [2, 3]], vals, [3, 4])
        start = n_ops()
        g_mul = tf.gradients(tf.sparse.to_dense(base * d), [vals, d])
        obs["mul_grad_ops"] = [o[:2] for o in new_ops(start) if "mul" in o[0] and "_grad" in o[0]]
        start = n_ops()
        g_div = tf.gradients((base / d).values * tf.constant([1.0, 10.0, 100.0]), [vals, d])
        obs["div_grad_ops"] = [o[:2] for o in new_ops(start) if "truediv" in o[0] and "_grad" in o[0]]
        g_bcast = tf.gradients((base * row).values * tf.constant([1.0, 10.0, 100.0]), [vals, row])
        g_col = tf.gradients((base / col).values, [vals, col])
        obs["grads"] = [g.tolist() for g in sess.run(g_mul + g_div + g_bcast + g_col)]
    return obs
