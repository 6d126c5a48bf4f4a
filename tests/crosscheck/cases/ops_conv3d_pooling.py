"""tf.nn.max_pool3d / avg_pool3d (inputs fed, so TF's run-time kernels answer): values, static
shapes, op types and names, NDHWC and NCDHW, ksize/strides as int, 3 or 5 values; gradients
(MaxPool3DGrad sends each window's gradient to its first maximum; AvgPool3DGrad shares it over
the real cells), second order (MaxPool3DGradGrad, AvgPool3D), NaN and -inf inputs, windows whose
maximum is the lowest float, and a max-pool gradient given an orig_output that is not the max."""
import numpy as np


def case(tf):
    rs = np.random.RandomState(21)
    obs, fetch, feed = {}, {}, {}

    def fed(value):
        p = tf.placeholder(tf.float32, value.shape)
        feed[p] = value
        return p

    xv = rs.randn(2, 5, 6, 7, 3).astype(np.float32)
    tv = rs.randint(0, 3, size=(2, 4, 5, 6, 8)).astype(np.float32)     # many ties
    x, xt = fed(xv), fed(tv)
    xc = fed(np.ascontiguousarray(tv.transpose(0, 4, 1, 2, 3)))
    pools = {
        "max_k2s2_same": (tf.nn.max_pool3d, x, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "SAME", "NDHWC"),
        "max_k3s1_valid": (tf.nn.max_pool3d, x, [1, 3, 3, 3, 1], [1, 1, 1, 1, 1], "VALID", "NDHWC"),
        "max_ties_same": (tf.nn.max_pool3d, xt, [1, 3, 2, 3, 1], [1, 2, 1, 2, 1], "SAME", "NDHWC"),
        "max_ties_valid": (tf.nn.max_pool3d, xt, [2, 2, 2], [1, 1, 1], "VALID", "NDHWC"),
        "max_int": (tf.nn.max_pool3d, x, 2, 2, "SAME", "NDHWC"),
        "max_ncdhw": (tf.nn.max_pool3d, xc, [1, 1, 2, 3, 2], [1, 1, 2, 2, 1], "SAME", "NCDHW"),
        "avg_k2s2_same": (tf.nn.avg_pool3d, x, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "SAME", "NDHWC"),
        "avg_k3s2_same": (tf.nn.avg_pool3d, x, [1, 3, 3, 3, 1], [1, 2, 2, 2, 1], "SAME", "NDHWC"),
        "avg_valid": (tf.nn.avg_pool3d, x, [1, 2, 3, 1, 1], [1, 1, 2, 1, 1], "VALID", "NDHWC"),
        "avg_int": (tf.nn.avg_pool3d, xt, 3, 2, "SAME", "NDHWC"),
        "avg_ncdhw": (tf.nn.avg_pool3d, xc, [1, 1, 2, 2, 2], [1, 1, 1, 2, 2], "SAME", "NCDHW"),
    }
    for k, (fn, inp, ks, st, pad, fmt) in pools.items():
        p = fn(inp, ks, st, pad, data_format=fmt)
        gy = fed(rs.randn(*p.shape.as_list()).astype(np.float32))
        g = tf.gradients(p, inp, grad_ys=gy)[0]
        obs[k] = [p.name, p.op.type, p.shape.as_list(), g.name, g.op.type,
                  [t.name for t in g.op.inputs], p.op.get_attr("ksize"), p.op.get_attr("strides")]
        fetch[k], fetch[k + "_grad"] = p, g
        if fmt == "NDHWC":     # TF's MaxPool3DGradGrad runs NDHWC only
            v = fed(rs.randn(*inp.shape.as_list()).astype(np.float32))
            gg = tf.gradients(g, gy, grad_ys=v)[0]
            obs[k + "_gradgrad"] = [gg.op.type, gg.shape.as_list()]
            fetch[k + "_gradgrad"] = gg
    obs["const_input"] = tf.nn.max_pool3d(np.ones((1, 2, 2, 2, 1), np.float32), 2, 2,
                                          "VALID").op.inputs[0].op.name
    # the second-order graph TF builds
    p = tf.nn.max_pool3d(x, 2, 1, "SAME")
    g = tf.gradients(p, x)[0]
    n0 = len(tf.get_default_graph().get_operations())
    second = tf.gradients(g, [x, p])
    obs["max_second"] = [t.op.type if t is not None else None for t in second]
    a = tf.nn.avg_pool3d(x, 2, 1, "SAME")
    ay = fed(np.ones(a.shape.as_list(), np.float32))
    ga = tf.gradients(a, x, grad_ys=ay)[0]
    n1 = len(tf.get_default_graph().get_operations())
    sa = tf.gradients(ga, [x, ay])
    new = tf.get_default_graph().get_operations()[n1:]
    obs["avg_second"] = [t.op.type if t is not None else None for t in sa]
    obs["avg_second_ops"] = sorted(op.type for op in new if "AvgPool3DGrad_grad" in op.name)
    obs["max_second_ops"] = sorted(op.type for op in tf.get_default_graph().get_operations()[n0:n1]
                                   if "MaxPool3DGrad_grad" in op.name and op.type != "Const")
    # NaN, -inf and lowest-valued windows (TF: they count as the lowest finite value)
    low = float(np.finfo(np.float32).min)
    nv = np.array([np.nan, np.nan, -np.inf, np.nan, 1, np.nan, 2, -np.inf],
                  np.float32).reshape(1, 2, 2, 2, 1)
    n = fed(nv)
    pn = tf.nn.max_pool3d(n, [1, 1, 2, 2, 1], [1, 1, 2, 2, 1], "VALID")
    fetch["nan_max"], fetch["nan_grad"] = pn, tf.gradients(pn, n)[0]
    iv = np.full((1, 1, 3, 3, 1), -np.inf, np.float32)
    iv[0, 0, 2, 2, 0] = np.nan
    i = fed(iv)
    pi = tf.nn.max_pool3d(i, [1, 1, 3, 3, 1], [1, 1, 2, 2, 1], "SAME")
    gyi = fed(np.arange(1, 5, dtype=np.float32).reshape(1, 1, 2, 2, 1))
    gi = tf.gradients(pi, i, grad_ys=gyi)[0]
    fetch["inf_max"], fetch["inf_grad"] = pi, gi
    fetch["inf_gradgrad"] = tf.gradients(gi, gyi, grad_ys=fed(np.arange(9, dtype=np.float32)
                                                               .reshape(iv.shape)))[0]
    lv = np.array([np.nan, -np.inf, low, low], np.float32).reshape(1, 1, 2, 2, 1)
    lo = fed(lv)
    pl = tf.nn.max_pool3d(lo, [1, 1, 2, 2, 1], [1, 1, 1, 1, 1], "VALID")
    gyl = fed(np.ones((1, 1, 1, 1, 1), np.float32))
    gl = tf.gradients(pl, lo, grad_ys=gyl)[0]
    fetch["low_grad"] = gl
    fetch["low_gradgrad"] = tf.gradients(gl, gyl, grad_ys=fed(np.arange(1, 5, dtype=np.float32)
                                                               .reshape(lv.shape)))[0]
    with tf.Session() as sess:
        vals = sess.run(fetch, feed)
    obs["max_ties_same_grad_sum_per_channel"] = vals["max_ties_same_grad"].sum(axis=(0, 1, 2, 3)).tolist()
    obs["nonzero_max_grads"] = {k: int(np.count_nonzero(vals[k + "_grad"]))
                                for k in pools if k.startswith("max")}
    small = ("nan_max", "nan_grad", "inf_max", "inf_grad", "inf_gradgrad", "low_grad",
             "low_gradgrad")
    for k in small:
        obs[k] = [v if np.isfinite(v) else str(v) for v in vals[k].ravel().tolist()]
    obs["max_ties_valid"] = vals["max_ties_valid"][0, 0, 0].tolist()
    obs["avg_k3s2_same"] = vals["avg_k3s2_same"][1, :, :, 0, 0].tolist()
    obs["sums"] = {k: float(np.sum(v)) for k, v in vals.items() if k not in small}
    obs["abs_sums"] = {k: float(np.sum(np.abs(v))) for k, v in vals.items() if k not in small}
    obs["_tol"] = 1e-4
    return obs
