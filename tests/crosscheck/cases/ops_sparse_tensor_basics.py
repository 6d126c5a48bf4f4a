def case(tf):
    """tf.SparseTensor: the constructor's Consts and their names, static shapes, dtypes and the
    attributes TF1's class has; build-time validation errors; convert_to_tensor's TypeError;
    tf.shape / tf.rank / tf.size of a SparseTensor; from_value, with_values, set_shape, eval."""
    import numpy as np
    obs = {}

    def new_ops(start):
        return [[op.name, op.type] for op in tf.get_default_graph().get_operations()[start:]]

    def n_ops():
        return len(tf.get_default_graph().get_operations())

    def attempt(f):
        try:
            f()
            return "ok"
        except Exception as e:
            return type(e).__name__

    sp = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1.0, 2.0], dense_shape=[3, 4])
    obs["ops"] = new_ops(0)
    obs["components"] = [sp.indices.name, sp.values.name, sp.dense_shape.name]
    obs["dtypes"] = [sp.indices.dtype.name, sp.values.dtype.name, sp.dense_shape.dtype.name, sp.dtype.name]
    obs["shape"] = sp.shape.as_list()
    obs["get_shape"] = sp.get_shape().as_list()
    obs["op"] = sp.op.name
    obs["graph_is_default"] = sp.graph is tf.get_default_graph()
    obs["attrs"] = {a: hasattr(sp, a) for a in ("indices", "values", "dense_shape", "dtype", "shape", "op",
                                                 "graph", "get_shape", "set_shape", "eval", "consumers",
                                                 "with_values", "name", "device")}
    obs["is_tensor"] = tf.is_tensor(sp)
    obs["value_fields"] = list(tf.SparseTensorValue._fields)
    obs["sparse_namespace_class"] = tf.sparse.SparseTensor is tf.SparseTensor
    # values of other dtypes, numpy inputs, empty
    ints = tf.SparseTensor([[0, 0]], [1], [2, 3])
    f64 = tf.SparseTensor(np.array([[0, 0]], np.int32), np.array([1.0]), np.array([2, 3], np.int32))
    empty = tf.SparseTensor(np.zeros([0, 2], np.int64), np.zeros([0], np.float32), [2, 3])
    obs["other_dtypes"] = [ints.dtype.name, f64.dtype.name, f64.indices.dtype.name, empty.shape.as_list(),
                           empty.indices.shape.as_list()]
    # partially known dense shapes
    x = tf.placeholder(tf.float32, [None, 3])
    ind = tf.placeholder(tf.int64)
    val = tf.placeholder(tf.float32)
    ds = tf.placeholder(tf.int64)
    obs["unknown_shape"] = str(tf.SparseTensor(ind, val, ds).shape)
    obs["from_shape_op"] = tf.SparseTensor(ind, val, tf.shape(x, out_type=tf.int64)).shape.as_list()
    s6 = tf.SparseTensor(tf.placeholder(tf.int64, [None, None]), val, [2, 3])
    obs["indices_shape_kept"] = [str(s6.indices.shape), s6.shape.as_list()]
    # build-time validation
    start = n_ops()
    obs["errors"] = {
        "rank_mismatch": attempt(lambda: tf.SparseTensor([[0, 0]], [1.0], [3, 4, 5])),
        "indices_rank1": attempt(lambda: tf.SparseTensor([0, 0], [1.0], [3, 4])),
        "values_rank2": attempt(lambda: tf.SparseTensor([[0, 0]], [[1.0]], [3, 4])),
        "shape_rank2": attempt(lambda: tf.SparseTensor([[0, 0]], [1.0], [[3, 4]])),
        "indices_int32_tensor": attempt(lambda: tf.SparseTensor(tf.constant([[0, 0]]), [1.0], [3, 4])),
        "indices_float": attempt(lambda: tf.SparseTensor([[0.5, 0]], [1.0], [3, 4])),
        "nnz_mismatch": attempt(lambda: tf.SparseTensor([[0, 0], [1, 1]], [1.0], [3, 4])),
        "shape_int32_tensor": attempt(lambda: tf.SparseTensor(ind, val, tf.shape(x))),
        "convert_to_tensor": attempt(lambda: tf.convert_to_tensor(sp)),
        "convert_with_dtype": attempt(lambda: tf.convert_to_tensor(sp, dtype=tf.float32)),
        "add_dense": attempt(lambda: sp + tf.ones([3, 4])),
        "neg": attempt(lambda: -sp),
        "tf_multiply": attempt(lambda: tf.multiply(sp, tf.ones([3, 4]))),
        "to_dense_of_tensor": attempt(lambda: tf.sparse.to_dense(tf.ones([2]))),
    }
    obs["error_ops"] = new_ops(start)
    # tf.shape / tf.rank / tf.size dispatch
    start = n_ops()
    shape_t, rank_t, size_t = tf.shape(sp), tf.rank(sp), tf.size(sp)
    shape64 = tf.shape(sp, out_type=tf.int64)
    obs["shape_rank_size_ops"] = new_ops(start)
    obs["shape_rank_size_static"] = [shape_t.shape.as_list(), shape_t.dtype.name, rank_t.shape.as_list(),
                                     size_t.dtype.name, shape64.dtype.name]
    # from_value, with_values, set_shape
    v = tf.SparseTensorValue(np.array([[0, 0]]), np.array([1.0]), np.array([2, 2]))
    start = n_ops()
    fv = tf.SparseTensor.from_value(v)
    same = tf.SparseTensor.from_value(sp)
    wv = sp.with_values(tf.constant([5, 6]))
    obs["from_value_with_values_ops"] = new_ops(start)
    obs["from_value"] = [fv.dtype.name, fv.shape.as_list(), same is sp, same.indices is sp.indices,
                         wv.dtype.name, wv.shape.as_list(), wv.indices is sp.indices]
    q = tf.SparseTensor(ind, val, tf.placeholder(tf.int64, [2]))
    q.set_shape([None, 4])
    obs["set_shape"] = [q.shape.as_list(), attempt(lambda: sp.set_shape([3, 5])), attempt(lambda: q.set_shape([2, 4, 1]))]
    with tf.Session() as sess:
        got = sp.eval(session=sess)
        obs["eval"] = [type(got).__name__, got.indices.tolist(), got.values.tolist(), got.dense_shape.tolist(),
                       str(got.indices.dtype), str(got.values.dtype), str(got.dense_shape.dtype)]
        obs["shape_rank_size"] = [x.tolist() for x in sess.run([shape_t, rank_t, size_t, shape64])]
        obs["with_values_run"] = sess.run(wv).values.tolist()
    obs["consumers"] = len(sp.consumers())
    return obs
