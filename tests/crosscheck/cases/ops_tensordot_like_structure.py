def case(tf):
    """tf.tensordot as transpose/reshape/MatMul/reshape (static and dynamic shapes), tf.zeros_like /
    tf.ones_like folded to Consts or Fills for static shapes, the sparse cross-entropy's label shape
    node, and a tensor index's `i + 1` built outside the strided_slice scope."""
    import numpy as np
    obs = {}
    a = tf.placeholder(tf.float32, [None, 3, 4], name="a")
    b = tf.placeholder(tf.float32, [4, 5], name="b")
    c = tf.placeholder(tf.float32, [3, 4, 2], name="c")
    big = tf.placeholder(tf.float32, [50, 30], name="big")
    outs = {"td": tf.tensordot(a, b, [[2], [0]]), "td2": tf.tensordot(c, b, [[1], [0]], name="td2"),
            "td3": tf.tensordot(b, c, [[0], [1]], name="td3"), "outer": tf.tensordot(b, b, 0, name="outer"),
            "zl": tf.zeros_like(c), "zl_int": tf.zeros_like(a, dtype=tf.int32), "ol": tf.ones_like(a),
            "ol_bool": tf.ones_like(c, dtype=tf.bool), "zl_big": tf.zeros_like(big), "ol_big": tf.ones_like(big),
            "zl_noopt": tf.zeros_like(c, optimize=False)}
    i = tf.placeholder(tf.int32, [], name="i")
    outs["item"] = tf.shape(c)[i - 1]
    lab = tf.placeholder(tf.int64, [2, 3], name="lab")
    lg = tf.placeholder(tf.float32, [2, 3, 5], name="lg")
    outs["xent3"] = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=lg)
    outs["xent2"] = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab[0], logits=lg[0])
    obs["shapes"] = {n: t.shape.as_list() if t.shape.ndims is not None else None for n, t in outs.items()}
    obs["dtypes"] = {n: t.dtype.name for n, t in outs.items()}
    obs["ops"] = [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()]
    rng = np.random.RandomState(0)
    feed = {a: rng.rand(2, 3, 4), b: rng.rand(4, 5), c: rng.rand(3, 4, 2), big: rng.rand(50, 30), i: 2,
            lab: [[0, 1, 2], [3, 4, 0]], lg: rng.rand(2, 3, 5)}
    with tf.Session() as sess:
        vals = sess.run(outs, feed)
    obs["sums"] = {n: float(np.sum(v)) for n, v in vals.items()}
    return obs
