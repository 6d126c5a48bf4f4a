def case(tf):
    """Python inputs of TF's generated op wrappers become Consts named after the argument
    (`Reshape/shape`), so the program's own unnamed Consts keep TF's numbering."""
    x = tf.placeholder(tf.float32, [4, 6], name="x")
    tf.reshape(x, [6, 4])
    tf.slice(x, [0, 1], [2, 2])
    tf.split(x, 2, axis=1)
    tf.split(x, [2, 4], 1)
    tf.tile(x, [1, 2])
    tf.pad(x, [[1, 1], [0, 0]])
    tf.pad(x, [[1, 1], [0, 0]], constant_values=2.0)
    tf.pad(x, [[1, 1], [0, 0]], mode="REFLECT")
    tf.transpose(x, [1, 0])
    tf.expand_dims(x, 1)
    tf.gather(x, [0, 2])
    tf.gather(x, [0, 2], axis=1)
    tf.one_hot([1, 2], 3)
    tf.strided_slice(x, [0, 0], [2, 2], [1, 1])
    c = tf.constant(1.0)
    v = tf.Variable(tf.zeros([4]), name="v")
    tf.assign(v, [1., 2., 3., 4.])
    tf.assign_add(v, [1., 1., 1., 1.])
    tf.assign_sub(v, [1., 1., 1., 1.], name="down")
    tf.scatter_update(v, [0], [5.])
    s = v[1:2]
    a1 = s.assign([7.])
    a2 = s.assign([8.])
    d = tf.constant(2.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(a2)
        value = sess.run(v)
    return {"ops": [(op.name, op.type) for op in tf.get_default_graph().get_operations()],
            "consts": [c.name, d.name], "assigns": [a1.name, a2.name], "value": value.tolist()}
