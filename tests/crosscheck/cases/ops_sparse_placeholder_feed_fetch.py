def case(tf):
    """tf.sparse_placeholder's ops (with and without a static shape, named or not); feeding a
    SparseTensor from a SparseTensorValue, a tuple or a list (TF zips them with the components, so a
    2-tuple feeds indices and values only); fetching one alone, inside dicts/lists/tuples, through
    eval and make_callable; the errors of bad feeds."""
    import collections
    import numpy as np
    obs = {}

    def new_ops(start):
        return [[op.name, op.type, [str(t.shape) for t in op.outputs]]
                for op in tf.get_default_graph().get_operations()[start:]]

    def attempt(f):
        try:
            f()
            return "ok"
        except Exception as e:
            return type(e).__name__

    def sv(v):
        return [type(v).__name__, v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist(),
                str(v.indices.dtype), str(v.values.dtype), str(v.dense_shape.dtype)]

    p = tf.sparse_placeholder(tf.float32)
    q = tf.sparse_placeholder(tf.float32, shape=[None, 5])
    r = tf.sparse_placeholder(tf.float32, shape=[2, 5], name="nm")
    s = tf.sparse.placeholder(tf.int32, name="nn")
    t = tf.sparse_placeholder(tf.float32, shape=np.array([2, 5], dtype=np.int64))
    u = tf.sparse_placeholder(tf.float32, shape=[None, None])
    obs["ops"] = new_ops(0)
    obs["shapes"] = [str(x.shape) for x in (p, q, r, s, t, u)]
    obs["dtypes"] = [x.dtype.name for x in (p, q, r, s)]
    obs["unknown_rank_shape"] = attempt(lambda: tf.sparse_placeholder(tf.float32, shape=tf.TensorShape(None)))
    dense_q = tf.sparse.to_dense(q)
    with tf.Session() as sess:
        obs["default_dense_shape"] = sess.run(q.dense_shape).tolist()
        obs["feed_value"] = sv(sess.run(q, {q: tf.SparseTensorValue([[0, 0], [1, 4]], [1.0, 2.0], [2, 5])}))
        obs["feed_tuple"] = sv(sess.run(q, {q: ([[0, 0]], [1.0], [7, 5])}))
        obs["feed_list"] = sv(sess.run(p, {p: [np.array([[0, 1]]), np.array([3.0]), np.array([2, 2])]}))
        obs["feed_pair"] = sv(sess.run(q, {q: ([[0, 0]], [1.0])}))
        obs["feed_int_values"] = sv(sess.run(q, {q: ([[0, 0]], [1], [2, 5])}))
        obs["feed_other_shape"] = sv(sess.run(q, {q: ([[0, 0]], [1.0], [7, 6])}))
        obs["dense"] = sess.run(dense_q, {q: ([[0, 1], [1, 3]], [1.0, 2.0], [2, 5])}).tolist()
        nested = sess.run({"a": [q, q.values], "b": (p,), "c": {"d": q}},
                          {q: ([[0, 0]], [1.0], [2, 5]), p: ([[1]], [4.0], [3])})
        obs["nested"] = [sv(nested["a"][0]), nested["a"][1].tolist(), sv(nested["b"][0]), sv(nested["c"]["d"]),
                         type(nested["b"]).__name__]
        Pair = collections.namedtuple("Pair", ["sp", "dense"])
        got = sess.run(Pair(q, dense_q), {q: ([[0, 0]], [1.0], [2, 5])})
        obs["namedtuple"] = [type(got).__name__, sv(got.sp), got.dense.tolist()]
        obs["components_fed_alone"] = sess.run(q.values, {q.values: [1.0, 2.0]}).tolist()
        obs["eval"] = sv(q.eval(session=sess, feed_dict={q: ([[0, 0]], [1.0], [2, 5])}))
        cb = sess.make_callable(q, [q])
        obs["callable_sparse_feed"] = sv(cb(([[1, 1]], [3.0], [2, 5])))
        cb2 = sess.make_callable([q.values, q], [q.values, q.indices])
        got = cb2([3.0], [[1, 1]])
        obs["callable_components"] = [got[0].tolist(), sv(got[1])]
        obs["errors"] = {
            "indices_not_matrix": attempt(lambda: sess.run(q, {q: ([0, 0], [1.0], [2, 5])})),
            "list_of_one": attempt(lambda: sess.run(q, {q: [[0, 0]]})),
            "dense_array": attempt(lambda: sess.run(q, {q: np.zeros([3, 3])})),
            "scalar": attempt(lambda: sess.run(q, {q: 3})),
            "values_not_fed": attempt(lambda: sess.run(q.values)),
            "const_sparse_other_shape": attempt(lambda: sess.run(
                tf.SparseTensor([[0, 0]], [1.0], [2, 2]), {tf.SparseTensor([[0, 0]], [1.0], [2, 2]):
                                                          ([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])})),
            "feed_with_tensor": attempt(lambda: sess.run(q, {q: (tf.constant([[0, 0]], tf.int64), [1.0], [2, 5])})),
        }
    return obs
