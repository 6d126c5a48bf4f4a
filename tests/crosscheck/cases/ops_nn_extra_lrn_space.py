"""local_response_normalization / lrn (LRN, LRNGrad), depth_to_space / space_to_depth and
space_to_batch(_nd) / batch_to_space(_nd): op types, default names, static shapes (partly known
inputs too), values, gradients (each op's gradient is its partner op), errors at build and run time."""
import numpy as np


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    rs = np.random.RandomState(3)
    obs, fetch = {}, {}
    x = tf.constant(rs.randn(2, 3, 4, 7).astype(np.float32))
    y1 = tf.nn.lrn(x)
    y2 = tf.nn.local_response_normalization(x, depth_radius=2, bias=0.5, alpha=0.1, beta=0.75,
                                            name="my_lrn")
    g2 = tf.gradients(tf.reduce_sum(y2 * y2), x)[0]
    obs["lrn"] = [y1.op.type, y1.op.name, y2.op.name, y1.shape.as_list(), g2.op.type,
                  y1.dtype.name]
    fetch.update(lrn1=y1, lrn2=y2, lrn2_g=g2)
    obs["lrn_half"] = tf.nn.lrn(tf.constant(rs.randn(1, 2, 2, 3).astype(np.float16))).dtype.name
    obs["lrn_partial"] = str(tf.nn.lrn(tf.placeholder(tf.float32, [None, 2, None, 3])).shape)
    obs["lrn_errs"] = [_err(lambda: tf.nn.lrn(tf.zeros([1, 2, 2, 3], tf.float64))),
                       _err(lambda: tf.nn.lrn(tf.zeros([1, 2, 2], tf.float32))),
                       _err(lambda: tf.nn.lrn(tf.zeros([1, 2, 2, 3], tf.int32)))]

    s = tf.constant(np.arange(2 * 4 * 6 * 8, dtype=np.float32).reshape(2, 4, 6, 8) / 100.0)
    d2s = tf.nn.depth_to_space(s, 2)
    s2d = tf.nn.space_to_depth(s, 2, name="s2d")
    d2s_top = tf.depth_to_space(s, 2)
    obs["d2s"] = [d2s.op.type, d2s.op.name, d2s.shape.as_list(), s2d.op.name, s2d.shape.as_list(),
                  d2s_top.op.name]
    w = tf.constant(rs.randn(2, 8, 12, 2).astype(np.float32))
    gd = tf.gradients(tf.reduce_sum(d2s * w), s)[0]
    w2 = tf.constant(rs.randn(2, 2, 3, 32).astype(np.float32))
    gs = tf.gradients(tf.reduce_sum(s2d * w2), s)[0]
    obs["d2s_grads"] = [gd.op.type, gs.op.type]
    fetch.update(d2s=d2s, s2d=s2d, d2s_g=gd, s2d_g=gs, d2s3=tf.nn.depth_to_space(s, 2) * 1.0)
    obs["d2s_partial"] = [str(tf.nn.space_to_depth(tf.placeholder(tf.float32, [None, None, 6, None]), 2).shape),
                          str(tf.nn.depth_to_space(tf.placeholder(tf.float32, [None, None, 6, 8]), 2).shape),
                          str(tf.nn.depth_to_space(tf.placeholder(tf.float32, None), 2).shape)]
    obs["d2s_errs"] = [_err(lambda: tf.nn.depth_to_space(tf.zeros([2, 4, 6, 6]), 2)),
                       _err(lambda: tf.nn.depth_to_space(tf.zeros([2, 4, 6, 8]), 1)),
                       _err(lambda: tf.nn.space_to_depth(tf.zeros([2, 5, 6, 8]), 2)),
                       _err(lambda: tf.nn.depth_to_space(tf.zeros([2, 4, 6]), 2)),
                       _err(lambda: tf.nn.depth_to_space(tf.zeros([2, 4, 6, 8]), 2, data_format="NHCW"))]
    obs["d2s_int"] = tf.nn.depth_to_space(tf.zeros([1, 1, 1, 4], tf.int64), 2).dtype.name

    v = tf.constant(rs.randn(2, 4, 6, 3).astype(np.float32))
    a = tf.space_to_batch_nd(v, [2, 3], [[1, 1], [0, 3]])
    b = tf.batch_to_space_nd(v, [2, 1], [[1, 2], [0, 1]])
    c = tf.space_to_batch(v, [[1, 1], [0, 2]], 2)
    d = tf.batch_to_space(tf.constant(rs.randn(8, 3, 4, 3).astype(np.float32)), [[1, 1], [0, 2]], 2)
    e = tf.nn.space_to_batch(v, [[0, 0], [0, 0]], block_size=2, name="nn_s2b")
    one = tf.space_to_batch_nd(v, [2], [[0, 2]])
    obs["s2b"] = [[t.op.type, t.op.name, t.shape.as_list()] for t in (a, b, c, d, e, one)]
    obs["s2b_inputs"] = [[i.name for i in t.op.inputs] for t in (a, c)]
    obs["s2b_dtypes"] = [c.op.inputs[1].dtype.name, c.op.inputs[2].dtype.name]
    ga = tf.gradients(tf.reduce_sum(a * a), v)[0]
    gb = tf.gradients(tf.reduce_sum(b * b), v)[0]
    gone = tf.gradients(tf.reduce_sum(one * one), v)[0]
    obs["s2b_grads"] = [ga.op.type, gb.op.type, [i.name for i in ga.op.inputs][1:]]
    fetch.update(s2b=a, b2s=b, s2b_v1=c, b2s_v1=d, s2b_nn=e, s2b_1d=one, s2b_g=ga, b2s_g=gb,
                 s2b_1d_g=gone)
    obs["s2b_partial"] = [
        str(tf.space_to_batch_nd(v, [2, 2], tf.placeholder(tf.int32, [2, 2])).shape),
        str(tf.space_to_batch_nd(v, tf.placeholder(tf.int32, [2]), [[0, 0], [0, 0]]).shape),
        str(tf.batch_to_space_nd(tf.placeholder(tf.float32, [None, 4, 6, 3]), [2, 1], [[1, 0], [0, 0]]).shape),
        str(tf.space_to_batch_nd(tf.placeholder(tf.float32, [None, None, 6, 3]), [2, 2], [[1, 1], [0, 0]]).shape)]
    obs["s2b_errs"] = [
        _err(lambda: tf.space_to_batch_nd(v, [2, 4], [[0, 0], [0, 0]])),
        _err(lambda: tf.space_to_batch_nd(v, [2, 2, 2, 2], [[0, 0]] * 4)),
        _err(lambda: tf.space_to_batch_nd(v, [0, 2], [[0, 0], [0, 0]])),
        _err(lambda: tf.space_to_batch_nd(v, [2, 2], [[0, 0], [-1, 1]])),
        _err(lambda: tf.space_to_batch_nd(v, [2, 2], [[0, 0]])),
        _err(lambda: tf.space_to_batch_nd(v, [[2, 2]], [[0, 0], [0, 0]])),
        _err(lambda: tf.space_to_batch_nd(v, [2.0, 2.0], [[0, 0], [0, 0]])),
        _err(lambda: tf.batch_to_space_nd(v, [3, 1], [[0, 0], [0, 0]])),
        _err(lambda: tf.space_to_batch(tf.zeros([2, 4, 6]), [[0, 0], [0, 0]], 2))]

    with tf.Session() as sess:
        vals = sess.run(fetch)
        p = tf.placeholder(tf.float32, None)
        q = tf.placeholder(tf.int32, None)
        run_errs = {}
        for k, t, feed in (("d2s_depth", tf.nn.depth_to_space(p, 2), {p: np.zeros([1, 2, 2, 6])}),
                           ("s2d_hw", tf.nn.space_to_depth(p, 2), {p: np.zeros([1, 3, 2, 6])}),
                           ("d2s_rank", tf.nn.depth_to_space(p, 2), {p: np.zeros([2, 6])}),
                           ("s2b_div", tf.space_to_batch_nd(p, [2, 2], q),
                            {p: np.zeros([1, 3, 4, 1]), q: [[0, 0], [0, 0]]}),
                           ("s2b_neg", tf.space_to_batch_nd(p, [2, 2], q),
                            {p: np.zeros([1, 4, 4, 1]), q: [[0, 0], [-2, 2]]}),
                           ("b2s_batch", tf.batch_to_space_nd(p, [2, 2], [[0, 0], [0, 0]]),
                            {p: np.zeros([3, 2, 2, 1])}),
                           ("lrn_rank", tf.nn.lrn(p), {p: np.zeros([2, 3])})):
            try:
                sess.run(t, feed)
                run_errs[k] = "ok"
            except Exception as e:
                run_errs[k] = type(e).__name__
        obs["run_errs"] = run_errs
    obs["values"] = {k: np.round(val.astype(np.float64), 4).ravel()[:40].tolist()
                     for k, val in vals.items()}
    obs["sums"] = {k: float(np.sum(val)) for k, val in vals.items()}
    obs["abs"] = {k: float(np.sum(np.abs(val))) for k, val in vals.items()}
    obs["_tol"] = 1e-4
    return obs
