def case(tf):
    """tf.sparse_retain, tf.sparse.slice, tf.sparse_split (keyword-only), tf.sparse.transpose,
    tf.sparse_fill_empty_rows and tf.sparse.from_dense: op names, static shapes, values (unsorted
    inputs too), gradients (or their absence) and errors."""
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

    sp = tf.SparseTensor(indices=[[0, 0], [1, 2], [2, 1], [2, 3]], values=[1.0, 2.0, 3.0, 4.0],
                         dense_shape=[4, 4])
    p = tf.sparse_placeholder(tf.float32, name="p")
    q = tf.sparse_placeholder(tf.float32, shape=[None, 4], name="q")
    start = n_ops()
    retained = [tf.sparse_retain(sp, [True, False, True, False]), tf.sparse.retain(q, tf.placeholder(tf.bool))]
    obs["retain_ops"] = new_ops(start)
    obs["retain_shapes"] = [str(x.shape) for x in retained]
    obs["retain_errors"] = [attempt(lambda: tf.sparse.retain(sp, [True])),
                            attempt(lambda: tf.sparse.retain(sp, [[True, False, True, False]]))]
    start = n_ops()
    sliced = [tf.sparse.slice(sp, [0, 1], [2, 3]), tf.sparse_slice(sp, [1, 0], [10, 10], name="sl"),
              tf.sparse.slice(q, [1, 1], [2, 2])]
    obs["slice_ops"] = new_ops(start)
    obs["slice_shapes"] = [str(x.shape) for x in sliced]
    start = n_ops()
    splits = tf.sparse_split(sp_input=sp, num_split=3, axis=1)
    splits_named = tf.sparse.split(sp_input=q, num_split=2, axis=0, name="sps")
    obs["split_ops"] = new_ops(start)
    obs["split_shapes"] = [str(x.shape) for x in splits + splits_named]
    obs["split_errors"] = {
        "positional": attempt(lambda: tf.sparse.split(sp, 2, 1)),
        "split_dim_only": attempt(lambda: tf.sparse_split(split_dim=1, num_split=2, sp_input=sp)),
        "no_num_split": attempt(lambda: tf.sparse_split(sp_input=sp, axis=1)),
    }
    start = n_ops()
    transposed = [tf.sparse.transpose(sp), tf.sparse.transpose(sp, [1, 0]), tf.sparse_transpose(sp, name="tt"),
                  tf.sparse.transpose(q), tf.sparse.transpose(p)]
    obs["transpose_ops"] = new_ops(start)
    obs["transpose_shapes"] = [str(x.shape) for x in transposed]
    start = n_ops()
    filled = [tf.sparse_fill_empty_rows(sp, 0.0), tf.sparse.fill_empty_rows(q, -1.0, name="fe")]
    obs["fill_ops"] = new_ops(start)
    obs["fill_shapes"] = [[str(x.shape), str(e.shape)] for x, e in filled]
    start = n_ops()
    dense_in = tf.constant([[0.0, 1.5], [2.0, 0.0]])
    from_dense = [tf.sparse.from_dense(dense_in), tf.sparse.from_dense([[0, 1], [2, 0]], name="fd"),
                  tf.sparse.from_dense(tf.placeholder(tf.float32, [None, 3])),
                  tf.sparse.from_dense(tf.constant([b"", b"a"]))]
    obs["from_dense_ops"] = new_ops(start)
    obs["from_dense_shapes"] = [str(x.shape) for x in from_dense]

    def feed(t, i, v, s):
        return {t: (np.array(i, np.int64).reshape(len(v), len(s)), np.array(v, np.float32),
                    np.array(s, np.int64))}
    unordered = ([[2, 3], [0, 1], [2, 0], [1, 1]], [1.0, 2.0, 3.0, 4.0], [4, 4])
    with tf.Session() as sess:
        obs["retain_values"] = sv(sess.run(retained[0]))
        obs["slice_values"] = [sv(x) for x in sess.run(sliced[:2])]
        obs["slice_fed"] = sv(sess.run(sliced[2], feed(q, *unordered)))
        obs["slice_outside"] = sv(sess.run(tf.sparse.slice(q, [5, 5], [2, 2]), feed(q, *unordered)))
        obs["split_values"] = [sv(x) for x in sess.run(splits)]
        obs["split_fed"] = [sv(x) for x in sess.run(splits_named, feed(q, *unordered))]
        obs["split_run"] = {
            "too_many": attempt(lambda: sess.run(tf.sparse.split(sp_input=q, num_split=5, axis=1)[0].indices,
                                                 feed(q, *unordered))),
            "bad_axis": attempt(lambda: sess.run(tf.sparse.split(sp_input=q, num_split=2, axis=2)[0].indices,
                                                 feed(q, *unordered))),
            "negative_axis": attempt(lambda: sess.run(tf.sparse.split(sp_input=q, num_split=2, axis=-1)[1].indices,
                                                      feed(q, *unordered))),
        }
        obs["transpose_values"] = [sv(x) for x in sess.run(transposed[:3])]
        obs["transpose_fed"] = [sv(x) for x in sess.run(transposed[3:], {**feed(q, *unordered),
                                                                         **feed(p, [[0, 1, 2]], [5.0], [2, 3, 4])})]
        got, empty = sess.run(filled[0])
        obs["fill_values"] = [sv(got), empty.tolist()]
        got, empty = sess.run(filled[1], feed(q, [[3, 1], [1, 2], [3, 0], [1, 0]], [1.0, 2.0, 3.0, 4.0], [5, 4]))
        obs["fill_unordered"] = [sv(got), empty.tolist()]
        obs["fill_run"] = {
            "row_out_of_range": attempt(lambda: sess.run(filled[1][0].indices, feed(q, [[7, 0]], [1.0], [5, 4]))),
            "no_rows": attempt(lambda: sess.run(filled[1][0].indices, feed(q, [], [], [0, 4]))),
        }
        obs["from_dense_values"] = [sv(x) for x in sess.run([from_dense[0], from_dense[1], from_dense[3]])]
        obs["from_dense_fed"] = sv(sess.run(from_dense[2], {from_dense[2].values.op.inputs[0]: [[0, 2, 0]]}))
        # gradients
        vals = tf.constant([1.0, 2.0, 3.0, 4.0])
        base = tf.SparseTensor([[0, 0], [1, 2], [2, 1], [2, 3]], vals, [4, 4])
        weights = tf.constant([1.0, 10.0, 100.0, 1000.0, 10000.0])
        start = n_ops()
        fill_out, _ = tf.sparse.fill_empty_rows(base, tf.constant(5.0))
        default_t = fill_out.values.op.inputs[3]
        g_fill = tf.gradients(fill_out.values * weights, [vals, default_t])
        obs["fill_grad_ops"] = [o[:2] for o in new_ops(start) if "_grad" in o[0]]
        start = n_ops()
        sl = tf.sparse.slice(base, [1, 1], [2, 3])
        g_slice = tf.gradients(sl.values * tf.constant([1.0, 10.0, 100.0]), vals)
        obs["slice_grad_ops"] = [o[:2] for o in new_ops(start) if "_grad" in o[0]]
        shuffled = tf.SparseTensor([[2, 3], [0, 1], [2, 0], [1, 1]], vals, [4, 4])
        g_transpose = tf.gradients(tf.sparse.transpose(shuffled).values * tf.constant([1.0, 10.0, 100.0, 1000.0]),
                                   vals)
        g_retain = tf.gradients(tf.sparse.retain(base, [True, False, True, True]).values, vals)
        obs["grads"] = [g.tolist() for g in sess.run(g_fill + g_slice + g_transpose)]
        obs["retain_grad"] = sess.run(tf.convert_to_tensor(g_retain[0])).tolist()
        obs["split_grad"] = attempt(lambda: tf.gradients(tf.sparse.split(sp_input=base, num_split=2,
                                                                         axis=1)[0].values, vals))
    return obs
