"""import_meta_graph: the Saver it returns (names under the import scope, a default Saver without a SaverDef,
None without variables), the collections it rebuilds (one Variable per VariableDef across the variable
collections but a separate global-step one, strings as bytes or scoped str, ints, floats, tensors and ops by
name, cond contexts), the values a restore brings back, and gradients through an imported tf.cond."""


def _build(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.variable_scope("net"):
        w = tf.get_variable("w", initializer=[[1.0], [-2.0]])
        r = tf.get_variable("r", initializer=[0.5], use_resource=True)
    y = tf.add(tf.matmul(x, w), r, name="y")
    tf.train.get_or_create_global_step()
    picked = tf.cond(tf.reduce_sum(y) > 0, lambda: y * 2.0, lambda: y * 3.0, name="pick")
    tf.add_to_collection("outs", picked)
    tf.add_to_collection("ops", y.op)
    tf.add_to_collection("strs", "hello")
    tf.add_to_collection("ints", 4)
    tf.add_to_collection("floats", 0.25)
    return x, w


def _seen(tf, scope, saver):
    g = tf.get_default_graph()
    gv, tv = tf.global_variables(), tf.trainable_variables()
    step = tf.get_collection("global_step")[0]
    x = g.get_tensor_by_name(scope + "x:0")
    out = tf.get_collection("outs")[0]
    grad = tf.gradients(out, x)[0]
    obs = {"saver": [saver.saver_def.filename_tensor_name, saver.saver_def.save_tensor_name,
                     saver.saver_def.restore_op_name],
           "vars": [[v.name, v.dtype.name, str(v.shape), v.trainable, v.initializer.name,
                     v.value().name] for v in gv],
           "shared": [tv[0] is gv[0], any(step is v for v in gv), step.name, step.trainable],
           "collections": [[o.name for o in tf.get_collection("outs")], [o.name for o in tf.get_collection("ops")],
                           tf.get_collection("strs"), tf.get_collection("ints"), tf.get_collection("floats"),
                           [c.name for c in tf.get_collection("cond_context")]],
           "keys": sorted(k for k in g.get_all_collection_keys() if g.get_collection(k))}
    with tf.Session() as sess:
        saver.restore(sess, "m")
        obs["values"] = [sess.run(out, {x: [[1.0, 1.0], [0.0, 1.0]]}).tolist(),
                         sess.run(grad, {x: [[1.0, 1.0], [0.0, 1.0]]}).tolist(),
                         sess.run(out, {x: [[-5.0, 0.0]]}).tolist(), int(sess.run(step))]
    return obs


def case(tf):
    obs = {}
    with tf.Graph().as_default():
        x, w = _build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.train.get_global_step().assign(3))
            tf.train.Saver().save(sess, "m")
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph("m.meta")
        obs["plain"] = _seen(tf, "", saver)
    with tf.Graph().as_default():
        tf.constant(0.0, name="imp")
        saver = tf.train.import_meta_graph("m.meta", import_scope="imp")
        obs["scoped"] = _seen(tf, "imp_1/", saver)
    with tf.Graph().as_default():
        tf.Variable(1.0, name="v")
        no_saver = tf.train.export_meta_graph()
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(no_saver)
        obs["default_saver"] = [type(saver).__name__, saver.saver_def.restore_op_name]
    with tf.Graph().as_default():
        tf.constant(1.0, name="c")
        no_vars = tf.train.export_meta_graph()
    with tf.Graph().as_default():
        obs["no_vars"] = tf.train.import_meta_graph(no_vars)
    try:
        tf.train.import_meta_graph("missing.meta")
    except Exception as e:  # noqa: BLE001
        obs["missing"] = type(e).__name__
    return obs
