"""depthwise_conv2d and separable_conv2d with channel multipliers, strides and rates, NCHW
conv2d/depthwise gradients, conv2d gradients with an unknown batch (static gradient shapes),
depthwise_conv2d_native backprop op types, and separable_conv2d with a pointwise filter of the
wrong depth; sums of values and gradients."""
import numpy as np


def case(tf):
    rs = np.random.RandomState(21)
    x = tf.constant(rs.randn(2, 7, 6, 3).astype(np.float32))
    dw = tf.constant(rs.randn(3, 3, 3, 2).astype(np.float32))
    pw = tf.constant(rs.randn(1, 1, 6, 4).astype(np.float32))
    obs, fetch = {}, {}
    ys = {
        "dw_same": tf.nn.depthwise_conv2d(x, dw, [1, 1, 1, 1], "SAME"),
        "dw_valid_s2": tf.nn.depthwise_conv2d(x, dw, [1, 2, 2, 1], "VALID"),
        "dw_rate2": tf.nn.depthwise_conv2d(x, dw, [1, 1, 1, 1], "SAME", rate=[2, 2]),
        "sep": tf.nn.separable_conv2d(x, dw, pw, [1, 1, 1, 1], "VALID"),
        "sep_s2": tf.nn.separable_conv2d(x, dw, pw, [1, 2, 2, 1], "SAME"),
        "dw_native": tf.nn.depthwise_conv2d_native(x, dw, [1, 1, 1, 1], "VALID"),
    }
    for k, y in ys.items():
        gx, gw = tf.gradients(tf.reduce_sum(y * y), [x, dw])
        # with a rate TF goes through SpaceToBatchND / BatchToSpaceND (same values); only its shape
        obs[k] = [y.shape.as_list()] if k == "dw_rate2" else [y.shape.as_list(), y.op.type, y.name,
                                                              gx.op.type, gw.op.type]
        fetch[k] = y
        fetch[k + "_gx"] = gx
        fetch[k + "_gw"] = gw
    xn = tf.transpose(x, [0, 3, 1, 2])
    w = tf.constant(rs.randn(3, 2, 3, 5).astype(np.float32))
    yn = tf.nn.conv2d(xn, w, [1, 1, 2, 1], "SAME", data_format="NCHW")
    gxn, gwn = tf.gradients(tf.reduce_sum(yn * yn), [xn, w])
    obs["nchw"] = [yn.shape.as_list(), gxn.shape.as_list(), gwn.shape.as_list()]
    fetch.update(nchw=yn, nchw_gx=gxn, nchw_gw=gwn)
    p = tf.placeholder(tf.float32, [None, 7, 6, 3])
    yp = tf.nn.conv2d(p, w, [1, 2, 2, 1], "VALID")
    gp, gwp = tf.gradients(tf.reduce_sum(yp), [p, w])
    obs["ph_grad_shapes"] = [str(yp.shape), str(gp.shape), str(gwp.shape)]
    with tf.Session() as sess:
        vals = sess.run(fetch)
        obs["ph_grad_sum"] = float(np.sum(sess.run(gp, {p: rs.randn(2, 7, 6, 3)})))
    obs["sums"] = {k: float(np.sum(v)) for k, v in vals.items()}
    obs["abs"] = {k: float(np.sum(np.abs(v))) for k, v in vals.items()}
    obs["_tol"] = 1e-4
    for k, fn in (("sep_bad_pw", lambda: tf.nn.separable_conv2d(x, dw, tf.ones([1, 1, 5, 4]), [1, 1, 1, 1], "SAME")),
                  ("dw_chan", lambda: tf.nn.depthwise_conv2d(x, tf.ones([3, 3, 2, 2]), [1, 1, 1, 1], "SAME")),
                  ("dw_rate_stride", lambda: tf.nn.depthwise_conv2d(x, dw, [1, 2, 2, 1], "SAME", rate=[2, 2]))):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
