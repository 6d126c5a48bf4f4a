"""Errors of the 3-D convolution and pooling ops: graph-construction errors (window larger than
the input, rank, channels, groups, dtypes, attr spellings) and run-time errors in fresh graphs
with fed inputs (strides/dilations/pooling over batch or channels, grouped filters, dtypes with no
CPU kernel, NCDHW MaxPool3DGradGrad, a window that does not fit a fed input)."""
import numpy as np


def case(tf):
    obs = {}
    x = tf.placeholder(tf.float32, [1, 4, 5, 6, 2])
    f = tf.placeholder(tf.float32, [2, 2, 2, 2, 3])

    def filt(*shape):
        return tf.placeholder(tf.float32, shape)

    build = {
        "conv_valid_too_big_d": lambda: tf.nn.conv3d(x, filt(5, 2, 2, 2, 3), [1] * 5, "VALID"),
        "conv_valid_too_big_w": lambda: tf.nn.conv3d(x, filt(1, 2, 7, 2, 3), [1] * 5, "VALID"),
        "conv_valid_dilated": lambda: tf.nn.conv3d(x, f, [1] * 5, "VALID", dilations=[1, 4, 1, 1, 1]),
        "conv_same_big_ok": lambda: tf.nn.conv3d(x, filt(5, 6, 7, 2, 3), [1] * 5, "SAME"),
        "conv_exact_fit": lambda: tf.nn.conv3d(x, filt(4, 5, 6, 2, 3), [1] * 5, "VALID"),
        "max_too_big": lambda: tf.nn.max_pool3d(x, [1, 5, 2, 2, 1], [1] * 5, "VALID"),
        "avg_too_big": lambda: tf.nn.avg_pool3d(x, [1, 2, 6, 2, 1], [1] * 5, "VALID"),
        "max_same_big_ok": lambda: tf.nn.max_pool3d(x, [1, 5, 6, 7, 1], [1] * 5, "SAME"),
        "conv_chan_mismatch": lambda: tf.nn.conv3d(x, filt(2, 2, 2, 3, 3), [1] * 5, "VALID"),
        "conv_groups_bad_out": lambda: tf.nn.conv3d(tf.placeholder(tf.float32, [1, 4, 5, 6, 4]), f,
                                                    [1] * 5, "VALID"),
        "conv_rank4": lambda: tf.nn.conv3d(tf.placeholder(tf.float32, [4, 5, 6, 2]), f, [1] * 5,
                                           "VALID"),
        "conv_filter_rank4": lambda: tf.nn.conv3d(x, filt(2, 2, 2, 3), [1] * 5, "VALID"),
        "pool_rank4": lambda: tf.nn.max_pool3d(tf.placeholder(tf.float32, [4, 5, 6, 2]), 2, 2, "SAME"),
        "conv_strides_len4": lambda: tf.nn.conv3d(x, f, [1, 1, 1, 1], "VALID"),
        "conv_strides_int": lambda: tf.nn.conv3d(x, f, 1, "VALID"),
        "conv_bad_padding": lambda: tf.nn.conv3d(x, f, [1] * 5, "FULL"),
        "conv_explicit_padding": lambda: tf.nn.conv3d(x, f, [1] * 5, [[0, 0]] + [[1, 1]] * 3 + [[0, 0]]),
        "conv_bad_format": lambda: tf.nn.conv3d(x, f, [1] * 5, "VALID", data_format="NHWC"),
        "conv_int_dtype": lambda: tf.nn.conv3d(tf.placeholder(tf.int32, [1, 4, 5, 6, 2]),
                                               tf.placeholder(tf.int32, [2, 2, 2, 2, 3]), [1] * 5,
                                               "VALID"),
        "conv_mixed_dtype": lambda: tf.nn.conv3d(x, tf.placeholder(tf.float64, [2, 2, 2, 2, 3]),
                                                 [1] * 5, "VALID"),
        "max_f64": lambda: tf.nn.max_pool3d(tf.placeholder(tf.float64, [1, 4, 5, 6, 2]), 2, 2, "SAME"),
        "max_int": lambda: tf.nn.max_pool3d(tf.placeholder(tf.int32, [1, 4, 5, 6, 2]), 2, 2, "SAME"),
        "avg_f64_builds": lambda: tf.nn.avg_pool3d(tf.placeholder(tf.float64, [1, 4, 5, 6, 2]), 2, 2,
                                                   "SAME"),
        "pool_ksize_len4": lambda: tf.nn.max_pool3d(x, [1, 2, 2, 1], 2, "SAME"),
        "pool_bad_padding": lambda: tf.nn.avg_pool3d(x, 2, 2, "FULL"),
        "transpose_out_rank4": lambda: tf.nn.conv3d_transpose(x, filt(2, 2, 2, 4, 2), [1, 8, 10, 12],
                                                              [1, 2, 2, 2, 1], "SAME"),
        "conv_batch_stride_builds": lambda: tf.nn.conv3d(x, f, [2, 1, 1, 1, 1], "VALID"),
        "pool_depth_ksize_builds": lambda: tf.nn.max_pool3d(x, [1, 2, 2, 2, 2], [1] * 5, "SAME"),
    }
    for k, fn in build.items():
        try:
            obs[k] = fn().shape.as_list()
        except Exception as e:
            obs[k] = type(e).__name__
            if isinstance(e, ValueError) and "Negative dimension" in str(e):
                obs[k + "_msg"] = str(e).split(" for ")[0]
    rs = np.random.RandomState(0)
    xv = rs.randn(1, 4, 5, 6, 2).astype(np.float32)
    fv = rs.randn(2, 2, 2, 2, 3).astype(np.float32)

    def run(key, build_fn):
        with tf.Graph().as_default():
            try:
                fetch, feed = build_fn(tf)
                with tf.Session() as sess:
                    out = sess.run(fetch, feed)
                obs[key] = list(np.shape(out))
            except Exception as e:
                obs[key] = type(e).__name__

    def conv(strides=(1,) * 5, dilations=(1,) * 5, xs=xv, fs=fv, dtype=tf.float32):
        def b(tf):
            xp = tf.placeholder(dtype, xs.shape)
            fp = tf.placeholder(dtype, fs.shape)
            return (tf.nn.conv3d(xp, fp, list(strides), "VALID", dilations=list(dilations)),
                    {xp: xs, fp: fs})
        return b

    def pool(fn, ksize, strides, xs=xv, dtype=tf.float32, fmt="NDHWC"):
        def b(tf):
            xp = tf.placeholder(dtype, xs.shape)
            return fn(xp, ksize, strides, "SAME", data_format=fmt), {xp: xs}
        return b

    run("run_conv_ok", conv())
    run("run_conv_f64", conv(xs=xv.astype(np.float64), fs=fv.astype(np.float64), dtype=tf.float64))
    run("run_conv_f16", conv(xs=xv.astype(np.float16), fs=fv.astype(np.float16), dtype=tf.float16))
    run("run_conv_batch_stride", conv(strides=(2, 1, 1, 1, 1)))
    run("run_conv_channel_stride", conv(strides=(1, 1, 1, 1, 2)))
    run("run_conv_batch_dilation", conv(dilations=(2, 1, 1, 1, 1)))
    run("run_conv_grouped", conv(xs=rs.randn(1, 3, 3, 3, 4).astype(np.float32),
                                 fs=rs.randn(2, 2, 2, 2, 6).astype(np.float32)))
    run("run_max_ok", pool(tf.nn.max_pool3d, 2, 2))
    run("run_max_f16", pool(tf.nn.max_pool3d, 2, 2, xs=xv.astype(np.float16), dtype=tf.float16))
    run("run_avg_f16", pool(tf.nn.avg_pool3d, 2, 2, xs=xv.astype(np.float16), dtype=tf.float16))
    run("run_avg_f64", pool(tf.nn.avg_pool3d, 2, 2, xs=xv.astype(np.float64), dtype=tf.float64))
    run("run_max_depth_ksize", pool(tf.nn.max_pool3d, [1, 2, 2, 2, 2], [1] * 5))
    run("run_max_batch_ksize", pool(tf.nn.max_pool3d, [2, 2, 2, 2, 1], [1] * 5))
    run("run_avg_batch_stride", pool(tf.nn.avg_pool3d, [1, 2, 2, 2, 1], [2, 1, 1, 1, 1]))
    run("run_max_ncdhw", pool(tf.nn.max_pool3d, [1, 1, 2, 2, 2], [1, 1, 2, 2, 2],
                              xs=np.ascontiguousarray(xv.transpose(0, 4, 1, 2, 3)), fmt="NCDHW"))

    def gradgrad_ncdhw(tf):
        xp = tf.placeholder(tf.float32, [1, 2, 4, 5, 6])
        p = tf.nn.max_pool3d(xp, [1, 1, 2, 2, 2], [1] * 5, "SAME", data_format="NCDHW")
        gy = tf.placeholder(tf.float32, p.shape)
        g = tf.gradients(p, xp, grad_ys=gy)[0]
        return tf.gradients(g, gy, grad_ys=xp)[0], {xp: xv.transpose(0, 4, 1, 2, 3), gy: np.ones(
            p.shape.as_list(), np.float32)}
    run("run_gradgrad_ncdhw", gradgrad_ncdhw)

    def pool_too_small(tf):
        xp = tf.placeholder(tf.float32, [1, None, None, None, 2])
        return tf.nn.avg_pool3d(xp, [1, 3, 1, 1, 1], [1] * 5, "VALID"), {xp: np.ones((1, 1, 3, 3, 2))}
    run("run_pool_window_too_big", pool_too_small)

    def transpose_bad_channels(tf):
        vp = tf.placeholder(tf.float32, [1, 4, 5, 6, 2])
        fp = tf.placeholder(tf.float32, [2, 2, 2, 4, 2])
        return (tf.nn.conv3d_transpose(vp, fp, [1, 8, 10, 12, 5], [1, 2, 2, 2, 1], "SAME"),
                {vp: xv, fp: np.ones((2, 2, 2, 4, 2), np.float32)})
    run("run_transpose_out_channels", transpose_bad_channels)
    return obs
