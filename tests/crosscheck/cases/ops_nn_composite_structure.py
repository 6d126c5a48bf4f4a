"""tf.nn composites as TF builds them: batch_normalization with Python floats (Python arithmetic
first, `batchnorm/Rsqrt/x`), moments, l2_normalize, dropout (keep_prob and rate), fused_batch_norm,
top_k (`TopKV2/k`), in_top_k (`in_top_k/InTopKV2/k`), the cross entropies (v2's Rank/Shape/Slice
flattening, sparse, sigmoid, weighted), tf.norm (x * x, Sum keepdims, Sqrt, Squeeze)."""
import numpy as np


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [o.shape.as_list() if o.shape.ndims is not None else None for o in op.outputs],
             sorted(c.name for c in op.control_inputs)] for op in graph.get_operations()]


def case(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    d = tf.placeholder(tf.float32, [None, 3], name="d")
    i4 = tf.placeholder(tf.float32, [2, 2, 2, 3], name="i4")
    outs = {}
    outs["bn1"] = tf.nn.batch_normalization(x, 0.0, 1.0, 0.1, 1.0, 1e-3)
    m, v = tf.nn.moments(x, [0])
    outs["m"], outs["v"] = m, v
    outs["bn2"] = tf.nn.batch_normalization(d, m, v, None, None, 1e-3)
    sc = tf.constant([1.0, 2.0, 3.0])
    of = tf.constant([0.5, 0.5, 0.5])
    outs["bn3"] = tf.nn.batch_normalization(x, m, v, of, sc, 0.001, name="bnx")
    outs["m2"] = tf.nn.moments(d, [0], keep_dims=True)[0]
    m3, v3 = tf.nn.moments(i4, [0, 1, 2])
    outs["v3"] = v3
    outs["l2n"] = tf.nn.l2_normalize(x, 1)
    outs["l2n0"] = tf.nn.l2_normalize(d, axis=[0, 1], epsilon=1e-6)
    outs["fy"] = tf.nn.fused_batch_norm(i4, sc, of, is_training=True)[0]
    outs["fy2"] = tf.nn.fused_batch_norm(i4, sc, of, mean=m3, variance=v3, is_training=False)[0]
    outs["topv"], outs["topi"] = tf.nn.top_k(x, 2)
    outs["topn"] = tf.nn.top_k(d, 1, name="mytop").values
    outs["intop"] = tf.nn.in_top_k(x, tf.constant([0, 1, 2, 0]), 2)
    outs["intop2"] = tf.nn.in_top_k(x, [0, 1, 2, 0], 1, name="myin")
    outs["dr1"] = tf.nn.dropout(x, keep_prob=1.0)
    outs["dr2"] = tf.shape(tf.nn.dropout(d, rate=0.5, seed=1))
    outs["dr3"] = tf.shape(tf.nn.dropout(x, 0.7, noise_shape=[4, 1], seed=2))
    outs["dr4"] = tf.nn.dropout(d, keep_prob=tf.placeholder_with_default(1.0, [], name="kp"))
    outs["xent"] = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.nn.softmax(x), logits=x)
    outs["xent_d"] = tf.nn.softmax_cross_entropy_with_logits(labels=tf.nn.softmax(d), logits=d)
    outs["sxent"] = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([0, 1, 2, 0]), logits=x)
    outs["sigx"] = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.sigmoid(d), logits=d)
    outs["wx"] = tf.nn.weighted_cross_entropy_with_logits(labels=tf.sigmoid(d), logits=d * 2.0, pos_weight=2.0)
    outs["norm"] = tf.norm(x)
    outs["norm1"] = tf.norm(d, axis=1)
    outs["norm_k"] = tf.norm(x, axis=1, keepdims=True)
    outs["norm_l1"] = tf.norm(x, ord=1, axis=0)
    outs["norm_p"] = tf.norm(x, ord=3)
    outs["norm_fro"] = tf.norm(x, ord="fro", axis=[0, 1])
    outs["norm_m1"] = tf.norm(x, ord=1, axis=[0, 1])
    obs = {"ops": _ops(tf.get_default_graph())}
    feed = {x: np.arange(12.).reshape(4, 3) % 5, d: np.arange(6.).reshape(2, 3) / 3.0,
            i4: np.arange(24.).reshape(2, 2, 2, 3) % 7}
    with tf.Session() as sess:
        vals = sess.run(outs, feed)
    obs["values"] = {k: np.round(np.asarray(v, np.float64), 4).tolist() for k, v in vals.items()}
    return obs
