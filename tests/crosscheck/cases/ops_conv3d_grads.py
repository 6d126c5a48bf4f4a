"""conv3d gradients through tf.gradients (inputs fed): w.r.t. input and filter for SAME/VALID,
strides, dilations, NCDHW; the gradient graph TF builds (ShapeN, Conv3DBackpropInputV2,
Conv3DBackpropFilterV2 and their names), second-order gradients (types), conv3d_transpose's
gradients, and a few training steps of a conv3d + max_pool3d + avg_pool3d net with Adam."""
import numpy as np


def case(tf):
    rs = np.random.RandomState(11)
    obs, fetch, feed = {}, {}, {}

    def fed(value):
        p = tf.placeholder(tf.float32, value.shape)
        feed[p] = value
        return p

    xv = rs.randn(2, 5, 6, 7, 3).astype(np.float32)
    fv = rs.randn(2, 3, 2, 3, 4).astype(np.float32)
    x, f = fed(xv), fed(fv)
    xc = fed(np.ascontiguousarray(xv.transpose(0, 4, 1, 2, 3)))
    cases = {
        "same": (x, dict(strides=[1, 1, 1, 1, 1], padding="SAME")),
        "valid_s2": (x, dict(strides=[1, 2, 1, 2, 1], padding="VALID")),
        "same_s2": (x, dict(strides=[1, 2, 2, 2, 1], padding="SAME")),
        "dil": (x, dict(strides=[1, 1, 1, 1, 1], padding="SAME", dilations=[1, 2, 1, 2, 1])),
        "dil_valid": (x, dict(strides=[1, 1, 1, 1, 1], padding="VALID", dilations=[1, 2, 1, 1, 1])),
        "ncdhw": (xc, dict(strides=[1, 1, 1, 2, 1], padding="SAME", data_format="NCDHW")),
    }
    for k, (inp, kw) in cases.items():
        y = tf.nn.conv3d(inp, f, **kw)
        gy = fed(rs.randn(*y.shape.as_list()).astype(np.float32))
        gx, gf = tf.gradients(y, [inp, f], grad_ys=gy)
        obs[k + "_grad"] = [gx.name, gx.op.type, gx.shape.as_list(), gf.name, gf.op.type,
                            gf.shape.as_list(), [t.name for t in gx.op.inputs]]
        fetch[k + "_gx"], fetch[k + "_gf"] = gx, gf
    y = tf.nn.conv3d(x, f, [1, 1, 1, 1, 1], "SAME")
    gx, gf = tf.gradients(tf.reduce_sum(y * y), [x, f])
    second = tf.gradients(tf.reduce_sum(gx * gx) + tf.reduce_sum(gf * gf), [x, f])
    obs["second_order"] = [[g.op.type, g.shape.as_list()] for g in second]
    fetch["second_x"], fetch["second_f"] = second
    ops = tf.get_default_graph().get_operations()
    obs["second_order_conv_ops"] = sorted(op.name for op in ops if op.type.startswith("Conv3D")
                                          and op.name.startswith("gradients_7"))
    # conv3d_transpose gradients
    ftv = rs.randn(2, 2, 2, 4, 3).astype(np.float32)
    ft = fed(ftv)
    v = fed(rs.randn(2, 3, 4, 5, 3).astype(np.float32))
    t = tf.nn.conv3d_transpose(v, ft, [2, 6, 8, 10, 4], [1, 2, 2, 2, 1], "SAME")
    gt = fed(rs.randn(2, 6, 8, 10, 4).astype(np.float32))
    gv, gft = tf.gradients(t, [v, ft], grad_ys=gt)
    obs["transpose_grad"] = [gv.op.type, gv.name, gft.op.type, gft.name]
    fetch["t_gv"], fetch["t_gf"] = gv, gft
    with tf.Session() as sess:
        vals = sess.run(fetch, feed)
    obs["sums"] = {k: float(np.sum(val)) for k, val in vals.items()}
    obs["abs_sums"] = {k: float(np.sum(np.abs(val))) for k, val in vals.items()}
    obs["same_gf_corner"] = vals["same_gf"][0, 0, 0].tolist()
    obs["same_gx_corner"] = vals["same_gx"][1, :2, :2, :2].tolist()
    # training: the numbers of a few Adam steps
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        img = tf.placeholder(tf.float32, [None, 4, 5, 6, 2])
        w1 = tf.Variable(np.random.RandomState(2).randn(2, 2, 2, 2, 3).astype(np.float32) * 0.3)
        w2 = tf.Variable(np.random.RandomState(3).randn(3, 1).astype(np.float32) * 0.3)
        h = tf.nn.relu(tf.nn.conv3d(img, w1, [1, 1, 1, 1, 1], "SAME"))
        h = tf.nn.max_pool3d(h, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "SAME")
        h = tf.nn.avg_pool3d(h, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "VALID")
        flat = tf.reshape(h, [-1, 3])
        loss = tf.reduce_mean(tf.square(tf.matmul(flat, w2) - 1.0))
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
        data = np.random.RandomState(4).randn(3, 4, 5, 6, 2).astype(np.float32)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            obs["train_losses"] = [float(sess.run([loss, train], {img: data})[0]) for _ in range(4)]
            obs["train_w1_sum"] = float(np.sum(sess.run(w1)))
    obs["_tol"] = 1e-4
    return obs
