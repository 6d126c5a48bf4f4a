"""Global step helpers: get_or_create_global_step (name, dtype, collections, initializer, reuse),
create_global_step errors, get_global_step on empty graph / by name fallback / several registered,
assert_global_step errors, tf.train.global_step, global step inside a variable scope/name scope,
minimize(global_step=...) increments with resource and int32 steps."""


def _err(fn):
    try:
        r = fn()
        return "ok" if r is None else "ok:" + type(r).__name__
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    obs["none_yet"] = tf.train.get_global_step() is None
    with tf.variable_scope("scope"), tf.name_scope("ns"):
        gs = tf.train.get_or_create_global_step()
    obs["gs"] = [gs.name, gs.dtype.name, gs.shape.as_list(), gs.op.type,
                 gs.initializer.name, gs in tf.trainable_variables()]
    obs["colls"] = [[v.name for v in tf.get_collection(k)] for k in
                    (tf.GraphKeys.GLOBAL_STEP, tf.GraphKeys.GLOBAL_VARIABLES)]
    obs["same"] = tf.train.get_or_create_global_step() is gs
    obs["get"] = tf.train.get_global_step() is gs
    obs["create_again"] = _err(lambda: tf.train.create_global_step())
    g2 = tf.Graph()
    c2 = tf.train.create_global_step(g2)
    obs["other_graph"] = [c2.name, c2.graph is g2, tf.train.get_global_step(g2) is c2]
    with tf.Graph().as_default():
        v = tf.Variable(0, name="global_step")
        obs["fallback"] = [isinstance(tf.train.get_global_step(), tf.Tensor),
                           tf.train.get_global_step().name, v.name]
        obs["fallback_create"] = _err(lambda: tf.train.create_global_step())
    with tf.Graph().as_default():
        a = tf.Variable(0, name="a")
        b = tf.Variable(0, name="b")
        tf.add_to_collection(tf.GraphKeys.GLOBAL_STEP, a)
        tf.add_to_collection(tf.GraphKeys.GLOBAL_STEP, b)
        obs["multiple"] = _err(lambda: tf.train.get_global_step())
    with tf.Graph().as_default():
        f = tf.Variable(0.0, name="global_step")
        obs["float_step"] = _err(lambda: tf.train.get_global_step())
        obs["assert_float"] = _err(lambda: tf.train.assert_global_step(f))
        obs["assert_vec"] = _err(lambda: tf.train.assert_global_step(tf.Variable([1, 2])))
        obs["assert_ok"] = _err(lambda: tf.train.assert_global_step(tf.Variable(3, name="s")))
        obs["assert_tensor"] = _err(lambda: tf.train.assert_global_step(tf.constant(3)))
        obs["assert_op"] = _err(lambda: tf.train.assert_global_step(tf.no_op()))
    with tf.Graph().as_default():
        rs = tf.Variable(0, name="rstep", trainable=False, use_resource=True, dtype=tf.int64)
        i32 = tf.Variable(0, name="i32", trainable=False)
        w = tf.Variable(1.0, name="w")
        t1 = tf.train.GradientDescentOptimizer(0.1).minimize(w * w, global_step=rs)
        t2 = tf.train.GradientDescentOptimizer(0.1).minimize(w * w, global_step=i32)
        obs["t"] = [t1.name, t1.type, t2.name, t2.type]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run([t1, t2])
            obs["steps"] = [int(sess.run(rs)), int(sess.run(i32)),
                            tf.train.global_step(sess, rs), tf.train.global_step(sess, i32)]
            obs["gs_type"] = type(tf.train.global_step(sess, rs)).__name__
    with tf.Session() as sess:
        sess.run(gs.initializer)
        obs["gs_val"] = tf.train.global_step(sess, gs)
    return obs
