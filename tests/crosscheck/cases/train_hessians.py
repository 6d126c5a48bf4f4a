"""tf.hessians shapes/values for vector and matrix x, several xs, names; second derivatives via nested
tf.gradients; gradients of gradients through matmul and tanh."""


def case(tf):
    obs = {}
    x = tf.constant([1.0, 2.0, -1.0], name="x")
    f = tf.reduce_sum(x * x * x) + x[0] * x[1]
    h = tf.hessians(f, x)
    obs["h_len"] = len(h)
    obs["h_shape"] = h[0].shape.as_list()
    m = tf.constant([[1.0, 2.0], [0.5, -1.0]], name="m")
    fm = tf.reduce_sum(tf.matmul(m, m))
    hm = tf.hessians(fm, m)[0]
    obs["hm_shape"] = hm.shape.as_list()
    y = tf.constant(0.5, name="y")
    try:
        tf.hessians(tf.reduce_sum(x) * y * y, [x, y])
        obs["h2_err"] = "ok"
    except Exception as e:
        obs["h2_err"] = type(e).__name__
    try:
        tf.hessians(tf.reduce_sum(x), tf.constant([3.0]))
        obs["unconnected_err"] = "ok"
    except Exception as e:
        obs["unconnected_err"] = type(e).__name__
    h3 = tf.hessians(tf.reduce_sum(x * x) * y * y, [x, y])
    obs["h3_shapes"] = [t.shape.as_list() for t in h3]
    obs["h3_dtypes"] = [t.dtype.name for t in h3]
    t = tf.constant([0.3, -0.7])
    g1 = tf.gradients(tf.reduce_sum(tf.tanh(t)), t)[0]
    g2 = tf.gradients(g1, t)[0]
    obs["g2_name"] = g2.name.split("/")[0]
    with tf.Session() as sess:
        obs["h"] = sess.run(h[0]).tolist()
        obs["hm"] = sess.run(hm).tolist()
        obs["h3"] = [v.tolist() for v in sess.run(h3)]
        obs["g1"] = sess.run(g1).tolist()
        obs["g2"] = sess.run(g2).tolist()
    return obs
