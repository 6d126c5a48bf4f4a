"""dropout: keep_prob vs rate (both given -> error), rate=0 identity?, noise_shape broadcasting
(kept pattern shared along broadcast axes), scaling by 1/keep_prob, rate out of range errors,
tensor rate, output names; embedding_lookup with mod and div partition strategies over
several shards (uneven), max_norm, ids of higher rank, embedding_lookup_sparse-free paths;
gradient of embedding_lookup (IndexedSlices)."""
import numpy as np


def case(tf):
    tf.set_random_seed(5)
    x = tf.ones([200, 10])
    obs = {}
    d1 = tf.nn.dropout(x, keep_prob=0.5)
    d2 = tf.nn.dropout(x, rate=0.25)
    d3 = tf.nn.dropout(x, rate=0.5, noise_shape=[200, 1])
    d4 = tf.nn.dropout(x, keep_prob=tf.constant(0.8))
    d5 = tf.nn.dropout(x, rate=0.5, noise_shape=[None, 1])
    obs["none_noise"] = str(d5.shape)
    try:
        tf.nn.dropout(tf.placeholder(tf.float32, [None, 3]), rate=0.5, noise_shape=[None, 1])
    except Exception as e:
        obs["none_noise_unknown"] = type(e).__name__
    obs["names"] = [d1.name, d1.op.type, d2.name, d3.name, d4.name]
    obs["shapes"] = [d3.shape.as_list(), str(tf.nn.dropout(tf.placeholder(tf.float32, [None, 3]), rate=0.1).shape)]
    with tf.Session() as sess:
        v1, v2, v3, v4, v5 = sess.run([d1, d2, d3, d4, d5])
    obs["none_noise_rows_const"] = bool(np.all(v5 == v5[:, :1]))
    obs["values_set"] = [sorted(set(np.round(v, 4).ravel().tolist())) for v in (v1, v2, v3, v4)]
    obs["row_const"] = bool(np.all(v3 == v3[:, :1]))
    obs["keep_frac"] = [float(np.mean(v1 > 0)), float(np.mean(v2 > 0)), float(np.mean(v3 > 0))]
    obs["_tol"] = 0.15
    for k, fn in (("both", lambda: tf.nn.dropout(x, keep_prob=0.5, rate=0.5)),
                  ("neither", lambda: tf.nn.dropout(x)),
                  ("rate_1", lambda: tf.nn.dropout(x, rate=1.0)), ("rate_neg", lambda: tf.nn.dropout(x, rate=-0.1)),
                  ("keep_0", lambda: tf.nn.dropout(x, keep_prob=0.0)), ("keep_1", lambda: tf.nn.dropout(x, keep_prob=1.0)),
                  ("rate_0", lambda: tf.nn.dropout(x, rate=0.0)), ("int_x", lambda: tf.nn.dropout(tf.ones([2], tf.int32), rate=0.5))):
        try:
            r = fn()
            obs["err_" + k] = ["ok", r.op.type, r.name]
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    table = np.arange(7 * 2, dtype=np.float32).reshape(7, 2)
    shards_mod = [tf.constant(table[i::3]) for i in range(3)]
    # div: 7 rows over 3 shards -> sizes 3, 2, 2
    shards_div = [tf.constant(table[0:3]), tf.constant(table[3:5]), tf.constant(table[5:7])]
    ids = tf.constant([[0, 6], [3, 4], [5, 1]])
    em = tf.nn.embedding_lookup(shards_mod, ids)
    ed = tf.nn.embedding_lookup(shards_div, ids, partition_strategy="div")
    e1 = tf.nn.embedding_lookup(tf.constant(table), ids)
    emn = tf.nn.embedding_lookup(tf.constant(table), [6, 0], max_norm=5.0)
    obs["emb_names"] = [em.name, em.op.type, ed.name, e1.name, e1.op.type, emn.name]
    obs["emb_shapes"] = [em.shape.as_list(), ed.shape.as_list(), e1.shape.as_list(),
                         str(tf.nn.embedding_lookup(tf.constant(table), tf.placeholder(tf.int32, [None, 3])).shape)]
    w = tf.Variable(table)
    el = tf.nn.embedding_lookup(w, [1, 1, 4])
    g = tf.gradients(tf.reduce_sum(el), w)[0]
    obs["emb_grad"] = [type(g).__name__]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["emb_vals"] = [v.tolist() for v in sess.run([em, ed, e1, emn])]
        gi, gv = sess.run([g.indices, g.values])
        obs["emb_grad_vals"] = [gi.tolist(), gv.tolist()]
        try:
            sess.run(tf.nn.embedding_lookup(tf.constant(table), [9]))
        except Exception as e:
            obs["emb_oob"] = type(e).__name__
    try:
        tf.nn.embedding_lookup(shards_mod, ids, partition_strategy="bogus")
    except Exception as e:
        obs["emb_bad_strategy"] = type(e).__name__
    try:
        tf.nn.embedding_lookup([], ids)
    except Exception as e:
        obs["emb_empty"] = type(e).__name__
    return obs
