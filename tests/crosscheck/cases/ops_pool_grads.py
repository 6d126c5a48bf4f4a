"""Pooling gradients: max_pool (ties, SAME padding, overlapping windows) and avg_pool (SAME edge
windows count only valid cells) via tf.gradients; max_pool_with_argmax; NCHW pooling; pool op
types and gradient op types; max_pool2d/avg_pool2d aliases; ksize as int."""
import numpy as np


def case(tf):
    xv = np.array([[1, 3, 3, 0, 2], [4, 4, 1, 1, 2], [0, 5, 5, 2, 1], [1, 1, 0, 7, 7], [2, 2, 2, 2, 2]],
                  np.float32).reshape(1, 5, 5, 1)
    x = tf.constant(xv)
    obs, fetch = {}, {}
    pools = {
        "max_k2s2_same": tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
        "max_k3s1_valid": tf.nn.max_pool(x, [1, 3, 3, 1], [1, 1, 1, 1], "VALID"),
        "max_k3s2_same": tf.nn.max_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
        "avg_k2s2_same": tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
        "avg_k3s2_same": tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
        "avg_k2s1_valid": tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], "VALID"),
        "max2d_int": tf.nn.max_pool2d(x, 2, 2, "VALID"),
        "avg2d_int": tf.nn.avg_pool2d(x, 3, 2, "SAME"),
    }
    for k, p in pools.items():
        g = tf.gradients(p, x, grad_ys=tf.ones_like(p) * tf.reshape(
            tf.cast(tf.range(tf.size(p)) + 1, tf.float32), tf.shape(p)))[0]
        obs[k + "_types"] = [p.op.type, g.op.type, p.name]
        obs[k + "_shape"] = p.shape.as_list()
        fetch[k] = p
        fetch[k + "_grad"] = g
    xc = tf.constant(np.arange(2 * 2 * 4 * 4, dtype=np.float32).reshape(2, 2, 4, 4))
    pn = tf.nn.max_pool(xc, [1, 1, 2, 2], [1, 1, 2, 2], "VALID", data_format="NCHW")
    fetch["nchw"] = pn
    obs["nchw_shape"] = pn.shape.as_list()
    fetch["nchw_grad"] = tf.gradients(tf.nn.avg_pool(xc, [1, 1, 2, 2], [1, 1, 1, 1], "SAME",
                                                     data_format="NCHW"), xc)[0]
    try:
        val, arg = tf.nn.max_pool_with_argmax(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
        fetch["argmax_val"], fetch["argmax_idx"] = val, arg
        obs["argmax_dtype"] = arg.dtype.name
        obs["argmax_type"] = val.op.type
        xb = tf.constant(np.random.RandomState(4).randn(2, 5, 4, 3).astype(np.float32))
        vb, ab = tf.nn.max_pool_with_argmax(xb, [1, 3, 2, 1], [1, 2, 1, 1], "VALID",
                                            include_batch_in_index=True, output_dtype=tf.int32)
        fetch["argmax_batch_idx"] = ab
        vg, _ = tf.nn.max_pool_with_argmax(xb, [1, 3, 2, 1], [1, 2, 1, 1], "SAME",
                                           include_batch_in_index=True)
        fetch["argmax_batch_grad"] = tf.gradients(tf.reduce_sum(vg * vg), xb)[0]
        obs["argmax_batch_meta"] = [ab.dtype.name, ab.shape.as_list(), vb.name]
    except Exception as e:
        obs["argmax_err"] = type(e).__name__
    with tf.Session() as sess:
        vals = sess.run(fetch)
    for k, v in vals.items():
        obs[k] = v.tolist()
    try:
        tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "FULL")
    except Exception as e:
        obs["bad_padding"] = type(e).__name__
    try:
        tf.nn.max_pool(tf.constant(np.ones((2, 2), np.float32)), [1, 2, 2, 1], [1, 1, 1, 1], "SAME")
    except Exception as e:
        obs["bad_rank"] = type(e).__name__
    return obs
