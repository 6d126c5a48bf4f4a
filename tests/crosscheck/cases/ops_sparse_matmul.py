def case(tf):
    """tf.sparse_tensor_dense_matmul / tf.sparse.sparse_dense_matmul: op names, static shapes,
    values and gradients (sparse values and the dense operand) for every adjoint combination, the
    gradient's ops, build-time and run-time errors."""
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

    sp = tf.SparseTensor(indices=[[0, 0], [1, 2], [2, 1]], values=[1.0, 2.0, -3.0], dense_shape=[3, 4])
    runs = {}
    with tf.Session() as sess:
        for adj_a in (False, True):
            for adj_b in (False, True):
                rows, cols = (3, 4) if adj_a else (4, 3)
                b_np = np.arange(rows * 2, dtype=np.float32).reshape(rows, 2) / 4.0 + 0.5
                b = tf.constant(b_np.T.copy() if adj_b else b_np)
                start = n_ops()
                y = tf.sparse_tensor_dense_matmul(sp, b, adjoint_a=adj_a, adjoint_b=adj_b)
                gy = tf.constant(np.arange(y.shape.num_elements(), dtype=np.float32).reshape(
                    y.shape.as_list()) - 2.0)
                mark = n_ops()
                grads = tf.gradients(y, [sp.values, b], grad_ys=gy)
                key = "a%d_b%d" % (adj_a, adj_b)
                obs["grad_ops_" + key] = [o[:2] for o in new_ops(mark)]
                obs["fwd_ops_" + key] = new_ops(start)[:mark - start]
                runs[key] = [y] + grads
        got = sess.run(runs)
        obs["values"] = {k: [x.tolist() for x in v] for k, v in got.items()}
        start = n_ops()
        named = tf.sparse.sparse_dense_matmul(sp, tf.ones([4, 2]), name="mm")
        alias = tf.sparse.matmul(sp, tf.ones([4, 2]))
        obs["named_ops"] = [o[:2] for o in new_ops(start)]
        obs["named"] = [named.name, alias.name]
        q = tf.sparse_placeholder(tf.float32, shape=[None, 4], name="q")
        p = tf.sparse_placeholder(tf.float32, name="p")
        obs["static_shapes"] = [str(tf.sparse_tensor_dense_matmul(q, tf.ones([4, 5])).shape),
                                str(tf.sparse_tensor_dense_matmul(q, tf.ones([2, 4]), adjoint_a=True,
                                                                  adjoint_b=True).shape),
                                str(tf.sparse_tensor_dense_matmul(p, tf.ones([4, 5])).shape),
                                str(tf.sparse_tensor_dense_matmul(p, tf.placeholder(tf.float32)).shape)]
        obs["build_errors"] = {
            "inner": attempt(lambda: tf.sparse_tensor_dense_matmul(tf.SparseTensor([[0, 0]], [1.0], [3, 5]),
                                                                   tf.ones([4, 2]))),
            "dtype": attempt(lambda: tf.sparse_tensor_dense_matmul(sp, tf.ones([4, 2], tf.float64))),
            "rank3_sparse": attempt(lambda: tf.sparse_tensor_dense_matmul(
                tf.SparseTensor([[0, 0, 0]], [1.0], [3, 4, 1]), tf.ones([4, 2]))),
            "rank1_dense": attempt(lambda: tf.sparse_tensor_dense_matmul(sp, tf.ones([4]))),
            "dense_first": attempt(lambda: tf.sparse_tensor_dense_matmul(tf.ones([4, 2]), tf.ones([2, 2]))),
        }
        m = tf.sparse_tensor_dense_matmul(p, tf.ones([4, 2]))

        def feed(i, v, s):
            return {p: (np.array(i, np.int64).reshape(-1, 2), np.array(v, np.float32), np.array(s, np.int64))}
        obs["run"] = {
            "row_out_of_range": attempt(lambda: sess.run(m, feed([[5, 0]], [1.0], [3, 4]))),
            "col_out_of_range": attempt(lambda: sess.run(m, feed([[0, 7]], [1.0], [3, 4]))),
            "unordered": attempt(lambda: sess.run(m, feed([[1, 0], [0, 0]], [1.0, 2.0], [3, 4]))),
            "repeated": attempt(lambda: sess.run(m, feed([[0, 0], [0, 0]], [1.0, 2.0], [3, 4]))),
            "inner_mismatch": attempt(lambda: sess.run(m, feed([[0, 0]], [1.0], [3, 5]))),
            "empty": attempt(lambda: sess.run(m, feed([], [], [2, 4]))),
        }
    return obs
