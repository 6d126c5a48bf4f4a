def case(tf):
    obs = {}
    x = tf.constant([1, -8, 5, 7], tf.int8)
    y = tf.constant([1, 2, 9, -1], tf.int8)
    ops = {"left": tf.bitwise.left_shift(x, y), "right": tf.bitwise.right_shift(x, y),
           "invert": tf.bitwise.invert(x), "and": tf.bitwise.bitwise_and(x, y, name="q"),
           "or": tf.bitwise.bitwise_or(x, 3), "xor": tf.bitwise.bitwise_xor(x, y),
           "u8": tf.bitwise.right_shift(tf.constant([200, 7], tf.uint8), tf.constant([3, 8], tf.uint8)),
           "i64": tf.bitwise.left_shift(tf.constant([1], tf.int64), tf.constant([40], tf.int64))}
    with tf.Session() as sess:
        values = sess.run(ops)
    for key, t in ops.items():
        obs[key] = [t.name, t.op.type, t.dtype.name, values[key].tolist()]
    for label, args in (("float", (tf.constant([1.0]), tf.constant([1.0]))),
                        ("mixed", (tf.constant([1]), tf.constant([1], tf.int64)))):
        try:
            tf.bitwise.left_shift(*args)
        except Exception as e:
            obs["err_" + label] = type(e).__name__
    return obs
