def case(tf):
    """tf.sparse.reduce_max / reduce_max_sparse / reduce_sum_sparse / softmax / maximum / minimum and
    their TF1 tf.sparse_* spellings: op names, types, inputs and static shapes, values (empty groups,
    keepdims, negative and repeated axes, unsorted and repeated indices), the softmax gradient and
    its ops, and the build- and run-time error classes."""
    import numpy as np
    obs = {}
    graph = tf.get_default_graph()

    def new_ops(start):
        return [[op.name, op.type, [t.name for t in op.inputs], [str(t.shape) for t in op.outputs]]
                for op in graph.get_operations()[start:]]

    def n_ops():
        return len(graph.get_operations())

    def sv(v):
        return [v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist()]

    def plain(v):
        return sv(v) if hasattr(v, "indices") else np.asarray(v).tolist()

    def attempt(f):
        try:
            return plain(f())
        except Exception as e:
            return type(e).__name__

    def S(i, v, s, dt=tf.float32):
        return tf.SparseTensor(i, tf.constant(v, dt), s)

    sp = S([[0, 0], [0, 2], [1, 1]], [1.0, -2.0, 3.0], [2, 3])
    sp2 = S([[0, 0], [1, 1], [1, 2]], [5.0, -7.0, 0.5], [2, 3])
    sp3 = S([[0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 1]], [1.0, 5.0, -3.0, 2.0], [2, 2, 2])
    start = n_ops()
    outs = {
        "max_1": tf.sparse.reduce_max(sp, axis=1),
        "max_all": tf.sparse.reduce_max(sp),
        "max_keep": tf.sparse.reduce_max(sp, 1, keepdims=True),
        "max_legacy": tf.sparse_reduce_max(sp3, reduction_axes=1, keep_dims=True),
        "max_neg": tf.sparse.reduce_max(sp3, -1),
        "max_list": tf.sparse.reduce_max(sp3, [0, 2]),
        "max_repeat": tf.sparse.reduce_max(sp3, [0, 0]),
        "max_all_keep": tf.sparse.reduce_max(sp3, keepdims=True),
        "maxs_1": tf.sparse.reduce_max_sparse(sp, axis=1),
        "maxs_keep": tf.sparse_reduce_max_sparse(sp3, 1, keepdims=True),
        "maxs_all": tf.sparse.reduce_max_sparse(sp3),
        "sums_0": tf.sparse.reduce_sum_sparse(sp, axis=0),
        "sums_12": tf.sparse_reduce_sum_sparse(sp3, [1, 2]),
        "sums_keep": tf.sparse.reduce_sum_sparse(sp3, 0, keepdims=True),
        "softmax": tf.sparse.softmax(sp),
        "softmax_3d": tf.sparse_softmax(sp3, name="sm"),
        "maximum": tf.sparse.maximum(sp, sp2),
        "minimum": tf.sparse_minimum(sp, sp2),
        "maximum_named": tf.sparse_maximum(sp, sp2, name="mx"),
    }
    obs["ops"] = new_ops(start)
    obs["static"] = {k: str(v.shape) if not hasattr(v, "indices") else
                     [str(v.indices.shape), str(v.values.shape), str(v.dense_shape.shape), str(v.shape)]
                     for k, v in outs.items()}
    obs["same_parts"] = [outs["softmax"].indices is sp.indices, outs["softmax"].dense_shape is sp.dense_shape,
                         outs["maximum"].dense_shape is sp.dense_shape]
    p = tf.sparse_placeholder(tf.float32, name="p")
    start = n_ops()
    unknown = [tf.sparse.reduce_max(p, 0), tf.sparse.reduce_max(p), tf.sparse.softmax(p).values]
    obs["unknown_ops"] = new_ops(start)
    obs["unknown_shapes"] = [str(x.shape) for x in unknown]
    obs["build_errors"] = {
        "both_axis": attempt(lambda: tf.sparse_reduce_max(sp, axis=1, reduction_axes=1)),
        "bool_values": attempt(lambda: tf.sparse.reduce_max(S([[0, 1]], [True], [2, 2], tf.bool), 0)),
        "int64_axis": attempt(lambda: tf.sparse.reduce_max(sp, tf.constant(1, tf.int64))),
        "softmax_int": attempt(lambda: tf.sparse.softmax(S([[0, 0]], [3], [2, 2], tf.int32))),
        "max_dtypes": attempt(lambda: tf.sparse.maximum(sp, S([[0, 0]], [2], [2, 3], tf.int32))),
        "not_sparse": attempt(lambda: tf.sparse.reduce_max_sparse(tf.constant([1.0]))),
    }
    with tf.Session() as sess:
        obs["values"] = {k: plain(v) for k, v in sess.run(outs).items()}
        more = {
            "max_empty_rows": tf.sparse.reduce_max(S([[0, 1]], [-1.0], [3, 2]), 1),
            "max_int": tf.sparse.reduce_max(S([[0, 1], [2, 0]], [-1, -4], [3, 2], tf.int32), 1),
            "max_unsorted": tf.sparse.reduce_max(S([[1, 1], [0, 0]], [3.0, 1.0], [2, 2]), 1),
            "max_repeated_index": tf.sparse.reduce_max(S([[0, 1], [0, 1]], [1.0, 2.0], [2, 2]), 0),
            "maxs_unsorted": tf.sparse.reduce_max_sparse(S([[1, 1], [0, 0], [1, 0]], [3.0, 1.0, 7.0], [2, 2]), 0),
            "sums_zero": tf.sparse.reduce_sum_sparse(S([[0, 0], [0, 1]], [1.0, -1.0], [2, 2]), 1),
            "sums_int": tf.sparse.reduce_sum_sparse(S([[0, 0], [1, 1]], [1, 2], [2, 2], tf.int32), 0),
            "sums_f64": tf.sparse.reduce_sum_sparse(S([[0, 0], [1, 0], [1, 1]], [0.5, 1.5, 2.0], [2, 2],
                                                      tf.float64), 1),
            "softmax_unsorted": tf.sparse.softmax(S([[1, 1], [0, 0], [1, 0]], [3.0, 1.0, 7.0], [2, 2])),
            "softmax_repeated": tf.sparse.softmax(S([[0, 0], [0, 0]], [1.0, 2.0], [2, 2])),
            "softmax_big": tf.sparse.softmax(S([[0, 0], [0, 1]], [1000.0, 999.0], [2, 2], tf.float64)),
            "softmax_oob": tf.sparse.softmax(S([[0, 5]], [3.0], [2, 2])),
            "maxs_oob": tf.sparse.reduce_max_sparse(S([[0, 5]], [1.0], [2, 2]), 0),
            "max_unsorted_pair": tf.sparse.maximum(S([[1, 1], [0, 0]], [3.0, 1.0], [2, 2]), S([[0, 0]], [2.0], [2, 2])),
            "min_repeated": tf.sparse.minimum(S([[0, 0], [0, 0]], [3.0, 1.0], [2, 2]), S([[0, 0]], [2.0], [2, 2])),
            "max_ints": tf.sparse.maximum(S([[0, 0], [1, 0]], [3, -4], [2, 2], tf.int32),
                                          S([[0, 0], [0, 1]], [5, -2], [2, 2], tf.int32)),
            "max_empty": tf.sparse.maximum(tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [2, 2]),
                                           S([[0, 0]], [2.0], [2, 2])),
        }
        obs["more_values"] = {k: plain(v) for k, v in sess.run(more).items()}
        obs["more_dtypes"] = {k: (v.values.dtype.name if hasattr(v, "values") else v.dtype.name)
                              for k, v in more.items()}
        nnz3 = tf.placeholder_with_default([1.0, 2.0, 3.0], [None])
        bad_nnz = tf.SparseTensor(tf.constant([[0, 0], [1, 1]], tf.int64), nnz3, [2, 2])
        obs["run_errors"] = {
            "bad_axis": attempt(lambda: sess.run(tf.sparse.reduce_max(sp, 2))),
            "bad_axis_sparse": attempt(lambda: sess.run(tf.sparse.reduce_max_sparse(sp3, 3))),
            "out_of_bounds": attempt(lambda: sess.run(tf.sparse.reduce_max(S([[0, 5]], [1.0], [2, 2]), 0))),
            "nnz_mismatch": attempt(lambda: sess.run(tf.sparse.reduce_max(bad_nnz, 0))),
            "softmax_nnz": attempt(lambda: sess.run(tf.sparse.softmax(bad_nnz))),
            "softmax_rank1": attempt(lambda: sess.run(tf.sparse.softmax(S([[0], [2]], [3.0, 1.0], [4])))),
            "max_shapes": attempt(lambda: sess.run(tf.sparse.maximum(sp, S([[0, 0]], [2.0], [2, 2])))),
            "max_ranks": attempt(lambda: sess.run(tf.sparse.maximum(sp, S([[0, 0, 0]], [2.0], [2, 3, 1])))),
            "max_oob": attempt(lambda: sess.run(tf.sparse.maximum(S([[0, 5]], [3.0], [2, 3]), sp2))),
            "max_nnz": attempt(lambda: sess.run(tf.sparse.maximum(bad_nnz, S([[0, 0]], [2.0], [2, 2])))),
        }
        v = tf.constant([1.0, 5.0, -3.0, 2.0, 0.5])
        gsp = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 2], [2, 0]], v, [3, 3])
        out = tf.sparse.softmax(gsp)
        weights = tf.constant([1.0, -2.0, 3.0, 0.5, 4.0])
        start = n_ops()
        g = tf.gradients(out.values * weights, v)
        obs["softmax_grad_ops"] = new_ops(start)
        obs["softmax_grad"] = sess.run(g)[0].tolist()
        obs["grad_errors"] = {
            "reduce_max": attempt(lambda: tf.gradients(tf.sparse.reduce_max(gsp, 1), v)),
            "reduce_max_sparse": attempt(lambda: tf.gradients(tf.sparse.reduce_max_sparse(gsp, 1).values, v)),
            "reduce_sum_sparse": attempt(lambda: tf.gradients(tf.sparse.reduce_sum_sparse(gsp, 1).values, v)),
            "maximum": attempt(lambda: tf.gradients(tf.sparse.maximum(gsp, gsp).values, v)),
            "minimum": attempt(lambda: tf.gradients(tf.sparse.minimum(gsp, gsp).values, v)),
            "softmax_second": attempt(lambda: tf.gradients(g[0], v)),
        }
    obs["bincount"] = _bincount(tf, new_ops, n_ops, plain, attempt)
    return obs


def _bincount(tf, new_ops, n_ops, plain, attempt):
    """tf.sparse.bincount (DenseCountSparseOutput / SparseCountSparseOutput): graphs, values for
    dense and sparse input, weights, binary_output, minlength/maxlength, and errors."""
    obs = {}
    d = tf.constant([[1, 3], [1, 1], [0, 4]], name="d")
    sp = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 2]], tf.constant([1, 3, 1, 1]), [3, 3])
    spw = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 2]], [0.5, 1.0, 2.0, 3.0], [3, 3])
    start = n_ops()
    outs = {
        "dense_axis0": tf.sparse.bincount(d),
        "dense_rows": tf.sparse.bincount(d, axis=-1),
        "dense_list_weights": tf.sparse.bincount([[1, 3], [1, 1]], weights=[[0.5, 1.0], [2.0, 3.0]]),
        "sparse_axis0": tf.sparse.bincount(sp),
        "sparse_rows": tf.sparse.bincount(sp, axis=-1, name="bc"),
        "sparse_weights": tf.sparse.bincount(sp, weights=spw, axis=-1),
        "binary": tf.sparse.bincount(d, axis=-1, binary_output=True),
        "min5": tf.sparse.bincount(d, axis=-1, minlength=5),
        "max2": tf.sparse.bincount(sp, axis=-1, maxlength=2),
        "min5_max6": tf.sparse.bincount(d, minlength=5, maxlength=6),
        "min6_max5": tf.sparse.bincount(sp, axis=-1, minlength=6, maxlength=5),
        "max10": tf.sparse.bincount(d, axis=-1, maxlength=10),
        "max0": tf.sparse.bincount(d, axis=-1, maxlength=0),
        "int64_weights": tf.sparse.bincount(tf.constant([[1, 3]]), weights=tf.constant([[2, 5]], tf.int64),
                                            axis=-1),
        "int64_values": tf.sparse.bincount(tf.constant([1, 3, 1], tf.int64)),
        "sparse_rank1": tf.sparse.bincount(tf.SparseTensor([[0], [3]], tf.constant([1, 2]), [5]), axis=-1),
        "sparse_rank3": tf.sparse.bincount(tf.SparseTensor([[0, 0, 0]], tf.constant([2]), [1, 1, 1]), axis=-1),
        "sparse_unsorted": tf.sparse.bincount(tf.SparseTensor([[1, 0], [0, 0]], tf.constant([2, 1]), [2, 2]),
                                              axis=-1),
        "sparse_empty_rows": tf.sparse.bincount(tf.SparseTensor([[2, 0]], tf.constant([1]), [4, 2]), axis=-1),
        "empty": tf.sparse.bincount(tf.zeros([2, 0], tf.int32), axis=-1),
    }
    obs["ops"] = new_ops(start)
    obs["static"] = {k: [str(v.indices.shape), str(v.values.shape), str(v.dense_shape.shape), str(v.shape)]
                     for k, v in outs.items()}
    obs["build_errors"] = {
        "binary_and_weights": attempt(lambda: tf.sparse.bincount(d, weights=tf.ones([3, 2]), binary_output=True)),
        "axis1": attempt(lambda: tf.sparse.bincount(d, axis=1)),
        "float_values": attempt(lambda: tf.sparse.bincount(tf.constant([[1.0]]), axis=-1)),
        "bool_weights": attempt(lambda: tf.sparse.bincount(d, weights=tf.ones([3, 2], tf.bool), axis=-1)),
        "dense_weights_for_sparse": attempt(lambda: tf.sparse.bincount(sp, weights=[0.5, 1.0, 2.0, 3.0])),
        "weights_shape": attempt(lambda: tf.sparse.bincount(d, weights=tf.ones([1, 2]), axis=-1)),
        "tensor_minlength": attempt(lambda: tf.sparse.bincount(d, minlength=tf.constant(3))),
        "maxlength_below": attempt(lambda: tf.sparse.bincount(d, maxlength=-5)),
        "weights_dense_shape": attempt(lambda: tf.sparse.bincount(
            sp, weights=tf.SparseTensor([[0, 0]], [1.0], [3, 4]), axis=-1)),
    }
    with tf.Session() as sess:
        obs["values"] = {k: plain(v) for k, v in sess.run(outs).items()}
        obs["dtypes"] = {k: v.values.dtype.name for k, v in outs.items()}
        other = tf.SparseTensor([[0, 0], [0, 1], [1, 1], [1, 2]], [0.5, 1.0, 2.0, 3.0], [3, 3])
        obs["run_errors"] = {
            "negative": attempt(lambda: sess.run(tf.sparse.bincount(tf.constant([[1, -3]]), axis=-1))),
            "sparse_negative": attempt(lambda: sess.run(tf.sparse.bincount(
                tf.SparseTensor([[0, 0]], tf.constant([-2]), [1, 1]), axis=-1))),
            "rank3": attempt(lambda: sess.run(tf.sparse.bincount(tf.constant([[[1, 3]]]), axis=-1))),
            "scalar": attempt(lambda: sess.run(tf.sparse.bincount(tf.constant(3), axis=-1))),
            "out_of_bounds": attempt(lambda: sess.run(tf.sparse.bincount(
                tf.SparseTensor([[5, 0]], tf.constant([1]), [4, 2]), axis=-1))),
            "weights_indices": attempt(lambda: sess.run(tf.sparse.bincount(sp, weights=other, axis=-1))),
        }
    return obs
