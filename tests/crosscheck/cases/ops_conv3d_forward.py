"""tf.nn.conv3d / conv3d_transpose forward: values (inputs fed, so TF's run-time kernels answer,
not constant folding), static shapes (known, partly and fully unknown), op types and names (the
converted constants `Conv3D/input`), NDHWC and NCDHW, strides, SAME/VALID, dilations (also with
strides), the GraphDef attrs the nodes carry, conv3d_backprop_filter called directly."""
import numpy as np


def case(tf):
    rs = np.random.RandomState(3)
    obs, fetch, feed = {}, {}, {}

    def fed(value):
        p = tf.placeholder(tf.float32, value.shape)
        feed[p] = value
        return p

    xv = rs.randn(2, 5, 6, 7, 3).astype(np.float32)
    fv = rs.randn(2, 3, 2, 3, 4).astype(np.float32)
    x, f = fed(xv), fed(fv)
    xc = fed(np.ascontiguousarray(xv.transpose(0, 4, 1, 2, 3)))
    convs = {
        "same": tf.nn.conv3d(x, f, [1, 1, 1, 1, 1], "SAME"),
        "valid_s212": tf.nn.conv3d(x, f, [1, 2, 1, 2, 1], "VALID"),
        "same_s222": tf.nn.conv3d(x, f, [1, 2, 2, 2, 1], "SAME"),
        "dil_212": tf.nn.conv3d(x, f, [1, 1, 1, 1, 1], "SAME", dilations=[1, 2, 1, 2, 1]),
        "dil_valid": tf.nn.conv3d(x, f, [1, 1, 1, 1, 1], "VALID", dilations=[1, 2, 2, 1, 1]),
        "dil_stride": tf.nn.conv3d(x, f, [1, 1, 2, 1, 1], "SAME", dilations=[1, 2, 1, 1, 1]),
        "ncdhw": tf.nn.conv3d(xc, f, [1, 1, 1, 2, 2], "SAME", data_format="NCDHW"),
        "ncdhw_valid": tf.nn.conv3d(xc, f, [1, 1, 2, 1, 1], "VALID", data_format="NCDHW",
                                    dilations=[1, 1, 1, 2, 1]),
        "named": tf.nn.conv3d(x, f, [1, 1, 1, 1, 1], "VALID", name="my_conv"),
        "filters_kw": tf.nn.conv3d(x, filters=f, strides=[1, 1, 1, 1, 1], padding="SAME"),
    }
    for k, y in convs.items():
        obs[k] = [y.name, y.op.type, y.shape.as_list(), y.dtype.name]
        fetch[k] = y
    ones = tf.nn.conv3d(np.ones((1, 3, 3, 3, 1), np.float32), np.ones((2, 2, 2, 1, 1), np.float32),
                        [1, 1, 1, 1, 1], "SAME")
    obs["const_inputs"] = [t.op.name for t in ones.op.inputs]
    fetch["ones"] = ones
    big = fed(rs.randn(1, 6, 7, 8, 8).astype(np.float32))
    fetch["big"] = tf.nn.conv3d(big, fed(rs.randn(3, 3, 3, 8, 16).astype(np.float32)),
                                [1, 1, 1, 1, 1], "SAME")
    # static shapes with unknown dims
    pu = tf.placeholder(tf.float32, [None, None, 5, None, 3])
    obs["unknown_dims"] = tf.nn.conv3d(pu, f, [1, 1, 1, 1, 1], "VALID").shape.as_list()
    obs["unknown_rank_input"] = tf.nn.conv3d(tf.placeholder(tf.float32), f, [1] * 5,
                                             "VALID").shape.as_list()
    ur = tf.nn.conv3d(pu, tf.placeholder(tf.float32), [1] * 5, "VALID").shape
    obs["unknown_rank_filter"] = None if ur.ndims is None else ur.as_list()
    pf = tf.placeholder(tf.float32, [None, 3, None, 5, 6])
    obs["ncdhw_unknown"] = tf.nn.conv3d(pf, f, [1, 1, 1, 1, 1], "SAME",
                                        data_format="NCDHW").shape.as_list()
    # conv3d_transpose
    ftv = rs.randn(2, 2, 2, 4, 3).astype(np.float32)
    ft = fed(ftv)
    gv = fed(rs.randn(2, 3, 4, 5, 3).astype(np.float32))
    trans = {
        "t_same_s2": tf.nn.conv3d_transpose(gv, ft, [2, 6, 8, 10, 4], [1, 2, 2, 2, 1], "SAME"),
        "t_valid_s2": tf.nn.conv3d_transpose(gv, ft, [2, 6, 8, 10, 4], [1, 2, 2, 2, 1], "VALID"),
        "t_int_stride": tf.nn.conv3d_transpose(gv, ft, tf.constant([2, 5, 7, 9, 4]), 2, "SAME"),
        "t_s1": tf.nn.conv3d_transpose(gv, ft, [2, 3, 4, 5, 4], [1, 1, 1, 1, 1], "SAME"),
        "t_ncdhw": tf.nn.conv3d_transpose(fed(rs.randn(1, 3, 2, 3, 4).astype(np.float32)), ft,
                                          [1, 4, 4, 6, 8], [1, 1, 2, 2, 2], "SAME",
                                          data_format="NCDHW"),
        "t_named": tf.nn.conv3d_transpose(gv, ft, [2, 6, 8, 10, 4], [1, 2, 2, 2, 1], "SAME",
                                          name="up"),
    }
    for k, y in trans.items():
        obs[k] = [y.name, y.op.type, y.shape.as_list(), [t.op.name for t in y.op.inputs]]
        fetch[k] = y
    dyn = tf.placeholder(tf.int32, [5])
    obs["t_dynamic_shape"] = tf.nn.conv3d_transpose(gv, ft, dyn, [1, 2, 2, 2, 1],
                                                    "SAME").shape.as_list()
    part = tf.stack([tf.shape(gv)[0], 6, 8, 10, 4])
    obs["t_partial_shape"] = tf.nn.conv3d_transpose(gv, ft, part, [1, 2, 2, 2, 1],
                                                    "SAME").shape.as_list()
    bf = tf.nn.conv3d_backprop_filter(x, [2, 3, 2, 3, 4], fed(rs.randn(2, 5, 6, 7, 4).astype(
        np.float32)), [1, 1, 1, 1, 1], "SAME")
    bf2 = tf.nn.conv3d_backprop_filter_v2(x, tf.constant([1, 1, 1, 3, 2]), fed(rs.randn(
        2, 3, 6, 4, 2).astype(np.float32)), [1, 2, 1, 2, 1], "VALID", name="bf")
    for k, y in (("bf", bf), ("bf2", bf2)):
        obs[k] = [y.name, y.op.type, y.shape.as_list()]
        fetch[k] = y
    graph_def = tf.get_default_graph().as_graph_def()
    obs["node_attrs"] = sorted({(n.op, " ".join(sorted(n.attr.keys()))) for n in graph_def.node
                                if "3D" in n.op})
    with tf.Session() as sess:
        vals = sess.run(fetch, feed)
    obs["ones"] = vals["ones"][0, :, :, :, 0].tolist()
    obs["same_corner"] = vals["same"][0, :2, :2, :2, :].tolist()
    obs["t_same_corner"] = vals["t_same_s2"][1, :2, :2, :2, :].tolist()
    obs["sums"] = {k: float(np.sum(v)) for k, v in vals.items() if k != "ones"}
    obs["abs_sums"] = {k: float(np.sum(np.abs(v))) for k, v in vals.items() if k != "ones"}
    obs["_tol"] = 1e-4
    return obs
