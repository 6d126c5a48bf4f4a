"""conv2d gradients and the explicit backprop ops: tf.gradients of conv2d (SAME/VALID, strides 2,
dilations) w.r.t. input and filter, conv2d_backprop_input / conv2d_backprop_filter called directly,
conv2d_transpose with output_shape (SAME, VALID, stride 2), explicit padding lists, and errors for
bad padding strings / channel mismatch. Values, static shapes, op types."""
import numpy as np


def case(tf):
    rs = np.random.RandomState(7)
    xv = rs.randn(2, 5, 6, 3).astype(np.float32)
    wv = rs.randn(3, 2, 3, 4).astype(np.float32)
    x, w = tf.constant(xv), tf.constant(wv)
    obs, fetch = {}, {}
    for key, kw in (("same_s1", dict(strides=[1, 1, 1, 1], padding="SAME")),
                    ("valid_s2", dict(strides=[1, 2, 2, 1], padding="VALID")),
                    ("same_s2", dict(strides=[1, 2, 2, 1], padding="SAME")),
                    ("dil2", dict(strides=[1, 1, 1, 1], padding="SAME", dilations=[1, 2, 2, 1])),
                    ("explicit", dict(strides=[1, 1, 2, 1], padding=[[0, 0], [1, 2], [0, 1], [0, 0]]))):
        y = tf.nn.conv2d(x, w, **kw)
        obs[key + "_shape"] = y.shape.as_list()
        obs[key + "_type"] = y.op.type
        gx, gw = tf.gradients(tf.reduce_sum(y * y), [x, w])
        obs[key + "_grad_types"] = [gx.op.type, gw.op.type]
        fetch[key] = y
        fetch[key + "_gx"] = gx
        fetch[key + "_gw"] = gw
    gy = tf.constant(rs.randn(2, 3, 3, 4).astype(np.float32))
    bi = tf.nn.conv2d_backprop_input([2, 5, 6, 3], w, gy, [1, 2, 2, 1], "SAME")
    bf = tf.nn.conv2d_backprop_filter(x, [3, 2, 3, 4], gy, [1, 2, 2, 1], "SAME")
    ct = tf.nn.conv2d_transpose(gy, w, [2, 5, 6, 3], [1, 2, 2, 1], "SAME")
    ct2 = tf.nn.conv2d_transpose(gy, w, tf.constant([2, 7, 7, 3]), [1, 2, 2, 1], "VALID")
    for k, t in (("bi", bi), ("bf", bf), ("ct", ct), ("ct_valid", ct2)):
        obs[k + "_shape"] = t.shape.as_list()
        obs[k + "_type"] = t.op.type
        obs[k + "_name"] = t.name
        fetch[k] = t
    gct = tf.gradients(tf.reduce_sum(ct * ct), [gy, w])
    obs["ct_grad_types"] = [g.op.type for g in gct]
    fetch["ct_g0"], fetch["ct_g1"] = gct
    with tf.Session() as sess:
        vals = sess.run(fetch)
    obs["sums"] = {k: float(np.sum(v)) for k, v in vals.items()}
    obs["abs_sums"] = {k: float(np.sum(np.abs(v))) for k, v in vals.items()}
    obs["_tol"] = 1e-4
    for k, bad in (("bad_pad", dict(strides=[1, 1, 1, 1], padding="FULL")),
                   ("bad_strides_len", dict(strides=[1, 1, 1], padding="SAME")),
                   ("batch_stride", dict(strides=[2, 1, 1, 1], padding="SAME"))):
        try:
            tf.nn.conv2d(x, w, **bad)
            obs[k] = "ok"
        except Exception as e:
            obs[k] = type(e).__name__
    try:
        tf.nn.conv2d(x, tf.constant(rs.randn(3, 2, 5, 4).astype(np.float32)), [1, 1, 1, 1], "SAME")
        obs["chan_mismatch"] = "ok"
    except Exception as e:
        obs["chan_mismatch"] = type(e).__name__
    try:
        tf.nn.conv2d(x, tf.constant(wv.astype(np.float64)), [1, 1, 1, 1], "SAME")
    except Exception as e:
        obs["dtype_mismatch"] = type(e).__name__
    return obs
