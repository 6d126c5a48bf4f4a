"""Static shapes of conv/pool ops on placeholders with unknown dims (batch, spatial, channels),
NCHW vs NHWC, conv1d, depthwise and separable convs, conv2d_transpose with a tensor output_shape;
op types and default names of conv1d's pieces."""
import numpy as np


def case(tf):
    obs = {}
    x = tf.placeholder(tf.float32, [None, None, 7, 3])
    w = tf.constant(np.ones((3, 3, 3, 5), np.float32))
    y = tf.nn.conv2d(x, w, [1, 2, 2, 1], "SAME")
    obs["conv_unknown"] = str(y.shape)
    xn = tf.placeholder(tf.float32, [None, 3, 8, None])
    yn = tf.nn.conv2d(xn, w, [1, 1, 2, 2], "VALID", data_format="NCHW")
    obs["conv_nchw"] = str(yn.shape)
    xu = tf.placeholder(tf.float32)
    obs["conv_unknown_rank"] = str(tf.nn.conv2d(xu, w, [1, 1, 1, 1], "SAME").shape)
    obs["pool_unknown"] = str(tf.nn.max_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], "VALID").shape)
    obs["avgpool_nchw"] = str(tf.nn.avg_pool(xn, [1, 1, 2, 2], [1, 1, 2, 2], "SAME",
                                             data_format="NCHW").shape)
    x1 = tf.placeholder(tf.float32, [None, 10, 3])
    c1 = tf.nn.conv1d(x1, tf.constant(np.ones((3, 3, 4), np.float32)), stride=2, padding="SAME")
    obs["conv1d"] = [str(c1.shape), c1.op.type, c1.name]
    dw = tf.nn.depthwise_conv2d(x, tf.constant(np.ones((2, 2, 3, 2), np.float32)), [1, 1, 1, 1], "VALID")
    obs["depthwise"] = [str(dw.shape), dw.op.type, dw.name]
    sp = tf.nn.separable_conv2d(x, tf.constant(np.ones((2, 2, 3, 2), np.float32)),
                                tf.constant(np.ones((1, 1, 6, 4), np.float32)), [1, 1, 1, 1], "SAME")
    obs["separable"] = [str(sp.shape), sp.op.type, sp.name]
    osh = tf.placeholder(tf.int32, [4])
    ct = tf.nn.conv2d_transpose(tf.placeholder(tf.float32, [2, 3, 3, 5]), w, osh, [1, 2, 2, 1], "SAME")
    obs["ct_tensor_shape"] = str(ct.shape)
    ct2 = tf.nn.conv2d_transpose(tf.placeholder(tf.float32, [None, 3, 3, 5]), w,
                                 [4, 6, 6, 3], [1, 2, 2, 1], "SAME")
    obs["ct_list_shape"] = str(ct2.shape)
    at = tf.nn.atrous_conv2d(tf.placeholder(tf.float32, [1, 9, 9, 3]), w, rate=2, padding="SAME")
    obs["atrous"] = [str(at.shape)]
    with tf.Session() as sess:
        xv = np.arange(2 * 9 * 7 * 3, dtype=np.float32).reshape(2, 9, 7, 3) / 100.0
        r = sess.run(y, {x: xv})
        obs["conv_run_shape"] = list(r.shape)
        obs["conv_run_sum"] = float(r.sum())
        r1 = sess.run(c1, {x1: np.ones((2, 10, 3), np.float32)})
        obs["conv1d_val"] = r1[0, :, 0].tolist()
        try:
            sess.run(y, {x: np.ones((1, 4, 7, 2), np.float32)})
        except Exception as e:
            obs["run_chan_err"] = type(e).__name__
    obs["_tol"] = 1e-4
    return obs
