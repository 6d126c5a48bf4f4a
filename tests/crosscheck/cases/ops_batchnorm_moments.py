"""bias_add NHWC/NCHW (and rank-2, rank-5 NCDHW-like), bias gradient op; moments (axes, keep_dims,
shift ignored), weighted_moments; batch_normalization with/without offset/scale; fused_batch_norm
training (batch mean/var, Bessel-corrected variance output) and inference, NCHW; gradients of
batch_normalization; output names, op types and shapes."""
import numpy as np


def case(tf):
    rs = np.random.RandomState(11)
    xv = rs.randn(2, 3, 4, 5).astype(np.float32)
    x = tf.constant(xv)
    b5 = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
    b3 = tf.constant([1.0, -1.0, 0.5])
    obs, fetch = {}, {}
    ba = tf.nn.bias_add(x, b5)
    bn = tf.nn.bias_add(x, b3, data_format="NCHW")
    b2 = tf.nn.bias_add(tf.constant(xv[0, 0]), b5)
    b2n = tf.nn.bias_add(tf.constant(xv[0]), tf.constant([1.0, 2.0, 3.0, 4.0]), data_format="NCHW")
    obs["bias"] = [[t.name, t.op.type, t.shape.as_list()] for t in (ba, bn, b2, b2n)]
    gb = tf.gradients(tf.reduce_sum(bn * bn), b3)[0]
    obs["bias_grad"] = [gb.op.type, gb.name, gb.op.get_attr("data_format")]
    fetch.update(ba=ba, bn=bn, b2n=b2n, gb=gb)
    mean, var = tf.nn.moments(x, [0, 1, 2])
    mk, vk = tf.nn.moments(x, [1, 3], keep_dims=True)
    ms, vs = tf.nn.moments(x, [0], shift=tf.constant(10.0))
    obs["moments"] = [[mean.name, var.name, mean.shape.as_list()], [mk.shape.as_list(), vk.name],
                      [ms.shape.as_list()]]
    wm, wv = tf.nn.weighted_moments(x, [0, 1], tf.constant(rs.rand(2, 3, 1, 1).astype(np.float32)))
    obs["weighted"] = [wm.shape.as_list(), wv.shape.as_list(), wm.name]
    fetch.update(mean=mean, var=var, mk=mk, vk=vk, ms=ms, vs=vs, wm=wm, wv=wv)
    scale = tf.constant(rs.rand(5).astype(np.float32) + 0.5)
    offset = tf.constant(rs.randn(5).astype(np.float32))
    bnorm = tf.nn.batch_normalization(x, mean, var, offset, scale, 1e-3)
    bnorm2 = tf.nn.batch_normalization(x, mean, var, None, None, 1e-3)
    obs["bn"] = [bnorm.name, bnorm.op.type, bnorm2.name, bnorm2.op.type]
    gbn = tf.gradients(tf.reduce_sum(bnorm * bnorm), [x, scale, offset])
    fetch.update(bnorm=bnorm, bnorm2=bnorm2, gbn_x=gbn[0], gbn_s=gbn[1], gbn_o=gbn[2])
    y, bm, bv = tf.nn.fused_batch_norm(x, scale, offset, epsilon=1e-3)
    obs["fused"] = [y.name, y.op.type, bm.name, bv.name, y.shape.as_list(), bm.shape.as_list()]
    yi, _, _ = tf.nn.fused_batch_norm(x, scale, offset, mean=mean, variance=var, is_training=False)
    xn = tf.transpose(x, [0, 3, 1, 2])
    yn, bmn, bvn = tf.nn.fused_batch_norm(xn, scale, offset, data_format="NCHW")
    gf = tf.gradients(tf.reduce_sum(y * y), [x, scale, offset])
    obs["fused_grad_types"] = [g.op.type for g in gf]
    fetch.update(y=y, bm=bm, bv=bv, yi=yi, yn=yn, bmn=bmn, bvn=bvn, gf_x=gf[0], gf_s=gf[1], gf_o=gf[2])
    p = tf.placeholder(tf.float32, [None, 4, 4, 5])
    pm, pv = tf.nn.moments(p, [0, 1, 2])
    obs["ph"] = [str(pm.shape), str(tf.nn.fused_batch_norm(p, scale, offset)[0].shape),
                 str(tf.nn.moments(p, [1], keep_dims=True)[1].shape)]
    with tf.Session() as sess:
        vals = sess.run(fetch)
    obs["sums"] = {k: float(np.sum(v)) for k, v in vals.items()}
    obs["first"] = {k: float(np.ravel(v)[0]) for k, v in vals.items()}
    obs["_tol"] = 1e-4
    for k, fn in (("bias_wrong", lambda: tf.nn.bias_add(x, b3)), ("bias_rank", lambda: tf.nn.bias_add(x, [[1.0]])),
                  ("fused_rank", lambda: tf.nn.fused_batch_norm(tf.constant(xv[0]), scale, offset)),
                  ("fused_infer_nomean", lambda: tf.nn.fused_batch_norm(x, scale, offset, is_training=False))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
