"""GradientDescentOptimizer: the train op's name and type with and without global_step, the update
ops' names/types, a second minimize's uniquified scope, values after a few steps, train_op collection."""


def _model(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    y = tf.constant([[1.0], [2.0], [3.0]])
    w = tf.get_variable("w", [2, 1], initializer=tf.constant_initializer(0.1))
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
    return w, b, loss


def case(tf):
    obs = {}
    w, b, loss = _model(tf)
    opt = tf.train.GradientDescentOptimizer(0.05)
    train = opt.minimize(loss)
    obs["train"] = [train.name, train.type]
    obs["train_inputs"] = sorted(o.name for o in train.control_inputs)
    obs["update_types"] = sorted(o.type for o in train.control_inputs)
    obs["opt_name"] = opt.get_name()
    obs["slot_names"] = opt.get_slot_names()
    obs["lr_ops"] = sorted(op.name for op in tf.get_default_graph().get_operations()
                           if op.name.startswith("GradientDescent/") and op.type == "Const")
    gs = tf.train.get_or_create_global_step()
    train2 = opt.minimize(loss, global_step=gs)
    obs["train2"] = [train2.name, train2.type]
    obs["train2_inputs"] = sorted(o.name for o in train2.control_inputs)
    obs["train2_input_types"] = sorted(t.op.type for t in train2.inputs)
    train3 = tf.train.GradientDescentOptimizer(0.05, name="SGD").minimize(loss, name="step")
    obs["train3"] = [train3.name, train3.type]
    obs["train_op_coll"] = [o.name for o in tf.get_collection(tf.GraphKeys.TRAIN_OP)]
    obs["globals"] = [v.name for v in tf.global_variables()]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = []
        for _ in range(3):
            losses.append(float(sess.run(loss)))
            sess.run(train)
        for _ in range(2):
            r = sess.run(train2)
            obs.setdefault("train2_run", []).append(r)
        obs["gs"] = int(sess.run(gs))
        obs["losses"] = losses
        obs["w"] = sess.run(w).tolist()
        obs["b"] = sess.run(b).tolist()
    obs["_tol"] = 1e-5
    return obs
