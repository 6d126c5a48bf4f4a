"""Layers in variable scopes: reuse=tf.AUTO_REUSE and reuse=True scopes share dense/conv
weights; a layer named like an existing scope; op names under reused scopes ('_1' suffixes);
functional layers with the same name= twice without reuse."""


def case(tf):
    x = tf.placeholder(tf.float32, [None, 4, 4, 2])

    def net(inp):
        h = tf.layers.conv2d(inp, 3, 2, name="conv")
        h = tf.layers.flatten(h)
        return tf.layers.dense(h, 2, name="fc")

    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        a = net(x)
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        b = net(x)
    with tf.variable_scope("model", reuse=True):
        c = net(x)
    obs = {
        "globals": [v.name for v in tf.global_variables()],
        "outs": [t.name for t in (a, b, c)],
    }
    try:
        with tf.variable_scope("model"):
            net(x)
        obs["no_reuse"] = "ok"
    except Exception as e:
        obs["no_reuse"] = type(e).__name__
    d1 = tf.layers.dense(tf.layers.flatten(x), 2, name="twice")
    try:
        tf.layers.dense(tf.layers.flatten(x), 2, name="twice")
        obs["twice"] = "ok"
    except Exception as e:
        obs["twice"] = type(e).__name__
    obs["d1"] = d1.name
    with tf.variable_scope("v", reuse=tf.AUTO_REUSE):
        e1 = tf.layers.dense(tf.layers.flatten(x), 2)
        e2 = tf.layers.dense(tf.layers.flatten(x), 2)
    obs["auto_unnamed"] = [e1.name, e2.name]
    obs["final_globals"] = len(tf.global_variables())
    return obs
