"""dilation2d / erosion2d (Dilation2D and its backprop ops): graph structure, static shapes, values
with strides, rates, SAME and VALID, gradients (to the first maximal tap), errors."""
import numpy as np


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    rs = np.random.RandomState(1)
    obs, fetch = {}, {}
    g = tf.get_default_graph()
    x = tf.constant(rs.randn(2, 5, 6, 3).astype(np.float32), name="x")
    k = tf.constant(rs.randn(2, 3, 3).astype(np.float32), name="k")
    start = len(g.get_operations())
    ys = {"same": tf.nn.dilation2d(x, k, [1, 2, 1, 1], [1, 1, 2, 1], "SAME"),
          "valid": tf.nn.dilation2d(x, filters=k, strides=[1, 1, 1, 1], dilations=[1, 1, 1, 1],
                                    padding="VALID", name="dd"),
          "valid_s2": tf.nn.dilation2d(x, k, [1, 2, 2, 1], [1, 1, 1, 1], "VALID"),
          "ero": tf.nn.erosion2d(x, k, [1, 1, 1, 1], [1, 1, 1, 1], "SAME"),
          "ero_r2": tf.nn.erosion2d(x, k, [1, 1, 1, 1], [1, 2, 1, 1], "VALID", name="er")}
    obs["structure"] = [[op.name, op.type] for op in g.get_operations()[start:]]
    for key, y in ys.items():
        gx, gk = tf.gradients(tf.reduce_sum(y * y), [x, k])
        obs[key] = [y.shape.as_list(), y.name, gx.op.type, gk.op.type]
        fetch.update({key: y, key + "_gx": gx, key + "_gk": gk})
    xt = tf.constant([[[[1.0], [1.0], [2.0], [2.0]]]])
    kt = tf.constant([[[0.0], [0.0]]])
    yt = tf.nn.dilation2d(xt, kt, [1, 1, 1, 1], [1, 1, 1, 1], "VALID")
    fetch["ties"] = yt
    fetch["ties_gx"], fetch["ties_gk"] = tf.gradients(yt, [xt, kt])
    fetch["ints"] = tf.nn.dilation2d(tf.constant(np.arange(16, dtype=np.int32).reshape(1, 4, 4, 1)),
                                     tf.constant(np.array([[[1], [-2]], [[0], [3]]], np.int32)),
                                     [1, 1, 1, 1], [1, 1, 1, 1], "SAME")
    gx = tf.gradients(ys["valid"], x)[0]
    obs["errs"] = [
        _err(lambda: tf.gradients(gx, x)),
        _err(lambda: tf.nn.dilation2d(x, k, [1, 1, 1, 1], [1, 1, 1, 1], "EXPLICIT")),
        _err(lambda: tf.nn.dilation2d(x, tf.zeros([2, 3, 4]), [1, 1, 1, 1], [1, 1, 1, 1], "SAME")),
        _err(lambda: tf.nn.dilation2d(x, k, [1, 1], [1, 1, 1, 1], "SAME")),
        _err(lambda: tf.nn.dilation2d(tf.zeros([2, 3]), k, [1, 1, 1, 1], [1, 1, 1, 1], "SAME")),
        _err(lambda: tf.nn.dilation2d(x, tf.zeros([9, 2, 3]), [1, 1, 1, 1], [1, 1, 1, 1], "VALID")),
        _err(lambda: tf.nn.dilation2d(tf.zeros([1, 4, 4, 3], tf.bool), tf.zeros([2, 2, 3], tf.bool),
                                      [1, 1, 1, 1], [1, 1, 1, 1], "VALID"))]
    obs["partial"] = str(tf.nn.dilation2d(tf.placeholder(tf.float32, [None, None, 6, 3]), k,
                                          [1, 1, 2, 1], [1, 1, 1, 1], "VALID").shape)
    obs["f64"] = tf.nn.dilation2d(tf.zeros([1, 4, 4, 3], tf.float64), tf.zeros([2, 2, 3], tf.float64),
                                  [1, 1, 1, 1], [1, 1, 1, 1], "VALID").dtype.name
    p = tf.placeholder(tf.float32)
    with tf.Session() as sess:
        vals = sess.run(fetch)
        try:
            sess.run(tf.nn.dilation2d(p, k, [1, 1, 1, 1], [1, 1, 1, 1], "VALID"),
                     {p: np.zeros([1, 1, 1, 3])})
            obs["run_err"] = "ok"
        except Exception as e:
            obs["run_err"] = type(e).__name__
    obs["values"] = {key: np.round(v.astype(np.float64), 4).ravel()[:30].tolist()
                     for key, v in vals.items()}
    obs["sums"] = {key: float(np.sum(v)) for key, v in vals.items()}
    obs["_tol"] = 1e-4
    return obs
