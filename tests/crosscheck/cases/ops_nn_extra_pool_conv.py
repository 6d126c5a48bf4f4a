"""max_pool1d / avg_pool1d, max_pool_v2 / avg_pool_v2 (ranks 3-5), tf.nn.pool (MAX/AVG, 1-3 spatial
dims, dilation through SpaceToBatchND), tf.nn.convolution (1-3 spatial dims, dilation SAME and
VALID), with_space_to_batch, conv1d_transpose, relu_layer and depthwise_conv2d_native_backprop_*:
graph structure (op names, types, Const values), static shapes, values, gradients and errors."""
import numpy as np


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    rs = np.random.RandomState(5)
    obs, fetch = {}, {}
    g = tf.get_default_graph()
    x3 = tf.constant(rs.randn(2, 9, 3).astype(np.float32), name="x3")
    x4 = tf.constant(rs.randn(2, 9, 8, 3).astype(np.float32), name="x4")
    x5 = tf.constant(rs.randn(2, 5, 6, 7, 3).astype(np.float32), name="x5")
    f3 = tf.constant(rs.randn(2, 3, 4).astype(np.float32), name="f3")
    f4 = tf.constant(rs.randn(3, 2, 3, 4).astype(np.float32), name="f4")
    f5 = tf.constant(rs.randn(2, 2, 2, 3, 4).astype(np.float32), name="f5")
    start = len(g.get_operations())
    ys = {
        "mp1": tf.nn.max_pool1d(x3, 2, 2, "VALID"),
        "ap1": tf.nn.avg_pool1d(x3, [3], 1, "SAME"),
        "ap1_ncw": tf.nn.avg_pool1d(tf.transpose(x3, [0, 2, 1]), 2, 2, "VALID", data_format="NCW"),
        "mpv2_3": tf.nn.max_pool_v2(x3, 2, 1, "VALID"),
        "apv2_3": tf.nn.avg_pool_v2(x3, 2, 1, "SAME"),
        "mpv2_4": tf.nn.max_pool_v2(x4, 2, 2, "VALID"),
        "apv2_4": tf.nn.avg_pool_v2(x4, [3, 2], 1, "SAME"),
        "mpv2_5": tf.nn.max_pool_v2(x5, 2, 2, "VALID"),
        "apv2_5": tf.nn.avg_pool_v2(x5, 2, [1, 2, 1], "SAME"),
        "pool_max": tf.nn.pool(x4, [2, 2], "MAX", "SAME", strides=[2, 2]),
        "pool_avg": tf.nn.pool(x4, [2, 2], "AVG", "VALID"),
        "pool_1d": tf.nn.pool(x3, [2], "MAX", "VALID"),
        "pool_3d": tf.nn.pool(x5, [2, 2, 2], "AVG", "VALID"),
        "pool_dil": tf.nn.pool(x4, [2, 2], "AVG", "VALID", dilation_rate=[2, 1]),
        "pool_dil_max": tf.nn.pool(x4, [3, 2], "MAX", "VALID", dilation_rate=[2, 3]),
        "conv1": tf.nn.convolution(x3, f3, "VALID"),
        "conv2": tf.nn.convolution(x4, f4, "SAME", strides=[2, 1]),
        "conv3": tf.nn.convolution(x5, f5, "VALID"),
        "conv2_dil": tf.nn.convolution(x4, f4, "SAME", dilation_rate=[2, 3]),
        "conv1_dil": tf.nn.convolution(x3, f3, "SAME", dilation_rate=[2], name="cc"),
        "conv3_dil": tf.nn.convolution(x5, f5, "VALID", dilation_rate=[1, 2, 2]),
        "conv2_dil_valid": tf.nn.convolution(x4, f4, "VALID", dilation_rate=2),
    }
    obs["structure"] = [[op.name, op.type] for op in g.get_operations()[start:]]
    obs["const_values"] = {op.name: tf.Session().run(op.outputs[0]).tolist()
                           for op in g.get_operations()[start:] if op.type == "Const"}
    for k, y in ys.items():
        grads = tf.gradients(tf.reduce_sum(y * y), [x3, x4, x5, f3, f4, f5])
        obs[k] = [y.shape.as_list(), y.op.name]
        fetch[k] = y
        for name, gr in zip(["gx3", "gx4", "gx5", "gf3", "gf4", "gf5"], grads):
            if gr is not None:
                fetch[k + "_" + name] = gr

    xt = tf.constant(rs.randn(2, 9, 4).astype(np.float32))
    ft = tf.constant(rs.randn(2, 3, 4).astype(np.float32))
    start = len(g.get_operations())
    t1 = tf.nn.conv1d_transpose(xt, ft, [2, 18, 3], 2)
    t2 = tf.nn.conv1d_transpose(xt, ft, [2, 10, 3], 1, padding="VALID", name="ct")
    xr = tf.constant(rs.randn(5, 4).astype(np.float32))
    wr = tf.constant(rs.randn(4, 3).astype(np.float32))
    br = tf.constant(rs.randn(3).astype(np.float32))
    r = tf.nn.relu_layer(xr, wr, br)
    gd = tf.constant(rs.randn(2, 4, 4, 6).astype(np.float32))
    fd = tf.constant(rs.randn(3, 3, 3, 2).astype(np.float32))
    xi = tf.constant(rs.randn(2, 4, 4, 3).astype(np.float32))
    di = tf.nn.depthwise_conv2d_native_backprop_input([2, 4, 4, 3], fd, gd, [1, 1, 1, 1], "SAME")
    df = tf.nn.depthwise_conv2d_backprop_filter(xi, [3, 3, 3, 2], gd, [1, 1, 1, 1], "SAME")
    di2 = tf.nn.depthwise_conv2d_backprop_input([2, 8, 8, 3], fd, gd, [1, 2, 2, 1], "SAME",
                                                name="dbi")
    obs["structure2"] = [[op.name, op.type] for op in g.get_operations()[start:]]
    obs["misc_shapes"] = [t.shape.as_list() for t in (t1, t2, r, di, df, di2)]
    gt = tf.gradients(tf.reduce_sum(t1 * t1), [xt, ft])
    gr_ = tf.gradients(tf.reduce_sum(r * r), [xr, wr, br])
    fetch.update(t1=t1, t2=t2, relu_layer=r, di=di, df=df, di2=di2, t1_gx=gt[0], t1_gf=gt[1],
                 r_gx=gr_[0], r_gw=gr_[1], r_gb=gr_[2])

    def square(converted, num_spatial_dims, padding):
        return tf.nn.max_pool(converted, [1, 2, 2, 1], [1, 1, 1, 1], padding)
    ws = tf.nn.with_space_to_batch(x4, [2, 2], "VALID", square)
    obs["wstb"] = [ws.shape.as_list(), ws.op.type]
    fetch["wstb"] = ws

    p4 = tf.placeholder(tf.float32, [None, None, None, 3])
    yp = tf.nn.convolution(p4, f4, "SAME", dilation_rate=[2, 2])
    obs["dyn_shape"] = str(yp.shape)
    obs["errs"] = [
        _err(lambda: tf.nn.pool(x4, [2, 2], "MAX", "SAME", dilation_rate=[2, 2])),
        _err(lambda: tf.nn.pool(x4, [2, 2], "AVG", "VALID", dilation_rate=[2, 1], strides=[2, 2])),
        _err(lambda: tf.nn.pool(x4, [2, 2], "MIN", "VALID")),
        _err(lambda: tf.nn.pool(x4, [2, 2, 2], "MAX", "VALID")),
        _err(lambda: tf.nn.pool(tf.zeros([1, 2, 3, 4, 5, 6]), [2, 2, 2, 2], "MAX", "VALID")),
        _err(lambda: tf.nn.max_pool_v2(tf.zeros([2, 3]), 2, 2, "VALID")),
        _err(lambda: tf.nn.max_pool_v2(x4, [2, 3, 4], 2, "VALID")),
        _err(lambda: tf.nn.convolution(x4, f4, "SAME", strides=2, dilation_rate=2)),
        _err(lambda: tf.nn.convolution(x3, f4, "SAME"))]
    with tf.Session() as sess:
        vals = sess.run(fetch)
        obs["dyn_val"] = float(np.sum(sess.run(yp, {p4: rs.randn(1, 7, 5, 3)})))
    obs["sums"] = {k: float(np.sum(v)) for k, v in vals.items()}
    obs["abs"] = {k: float(np.sum(np.abs(v))) for k, v in vals.items()}
    obs["shapes"] = {k: list(v.shape) for k, v in vals.items()}
    obs["_tol"] = 1e-4
    return obs
