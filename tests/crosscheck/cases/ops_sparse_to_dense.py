def case(tf):
    """tf.sparse.to_dense / tf.sparse_tensor_to_dense and tf.sparse_to_dense: op names and types,
    the Consts of their Python arguments, static shapes, values (default values, validate_indices
    off, scalar values), run-time index errors, and SparseToDense's gradient."""
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

    sp = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1.0, 2.0], dense_shape=[3, 4])
    start = n_ops()
    d1 = tf.sparse_tensor_to_dense(sp)
    d2 = tf.sparse.to_dense(sp, default_value=5.0, validate_indices=False, name="td")
    d3 = tf.sparse_to_dense([[0, 1], [1, 1]], [2, 3], [1.0, 2.0])
    d4 = tf.sparse_to_dense([0, 2], [4], 1.0, default_value=0.5, name="s2d")
    d5 = tf.sparse_to_dense(tf.constant([[0, 1]], tf.int64), [2, 3], [7])
    d6 = tf.sparse.to_dense(tf.SparseTensorValue([[0, 0]], np.array([1.0]), [2, 2]))
    obs["ops"] = new_ops(start)
    p = tf.sparse_placeholder(tf.float32, name="p")
    q = tf.sparse_placeholder(tf.float32, shape=[None, 4], name="q")
    start = n_ops()
    dp, dq = tf.sparse.to_dense(p), tf.sparse.to_dense(q)
    dqv = tf.sparse.to_dense(q, validate_indices=False)
    obs["placeholder_ops"] = new_ops(start)
    obs["build_errors"] = {
        "int32_shape_with_int64_indices": attempt(lambda: tf.sparse_to_dense(
            tf.constant([[0, 1]], tf.int64), tf.constant([2, 3]), [7])),
        "default_dtype": attempt(lambda: tf.sparse.to_dense(sp, default_value=tf.constant(1))),
    }

    def feed(i, v, s):
        return {q: (np.array(i, np.int64).reshape(-1, 2), np.array(v, np.float32), np.array(s, np.int64))}

    with tf.Session() as sess:
        obs["values"] = [x.tolist() for x in sess.run([d1, d2, d3, d4, d5, d6])]
        obs["unknown_rank"] = sess.run(dp, {p: ([[1]], [3.0], [3])}).tolist()
        obs["run"] = {
            "repeated": attempt(lambda: sess.run(dq, feed([[0, 0], [0, 0]], [1.0, 2.0], [2, 4]))),
            "out_of_order": attempt(lambda: sess.run(dq, feed([[1, 0], [0, 0]], [1.0, 2.0], [2, 4]))),
            "out_of_bounds": attempt(lambda: sess.run(dq, feed([[9, 0]], [1.0], [2, 4]))),
            "negative": attempt(lambda: sess.run(dq, feed([[-1, 0]], [1.0], [2, 4]))),
            "values_count": attempt(lambda: sess.run(dq, feed([[0, 0]], [1.0, 2.0], [2, 4]))),
            "no_validate_unordered": attempt(lambda: sess.run(dqv, feed([[1, 0], [0, 0]], [1.0, 2.0], [2, 4]))),
            "no_validate_repeated": attempt(lambda: sess.run(dqv, feed([[1, 0], [1, 0]], [1.0, 2.0], [2, 4]))),
            "no_validate_out_of_bounds": attempt(lambda: sess.run(dqv, feed([[5, 0]], [1.0], [2, 4]))),
            "rank_mismatch": attempt(lambda: sess.run(dp, {p: ([[0, 0]], [1.0], [2, 2, 2])})),
            "empty": attempt(lambda: sess.run(dq, feed([], [], [2, 4]))),
        }
        # gradients: values and default value
        values = tf.constant([1.0, 2.0])
        default = tf.constant(0.5)
        dense = tf.sparse_to_dense([[0, 1], [1, 1]], [2, 3], values, default)
        start = n_ops()
        grads = tf.gradients(dense * tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), [values, default])
        obs["grad_ops"] = new_ops(start)
        obs["grads"] = [g.tolist() for g in sess.run(grads)]
        g2 = tf.gradients(tf.reduce_sum(tf.square(tf.sparse.to_dense(sp))), sp.values)
        obs["grad_to_dense"] = sess.run(g2)[0].tolist()
    return obs
