def case(tf):
    """An op whose shape check fails still uses up its name, as in TF."""
    obs = {}
    x = tf.placeholder(tf.float32, [2, 3])
    try:
        tf.matmul(x, x)
    except Exception as e:
        obs["matmul_err"] = type(e).__name__
    obs["matmul_next"] = tf.matmul(x, tf.transpose(x)).name
    try:
        tf.concat([x, tf.zeros([3, 3])], 1)
    except Exception as e:
        obs["concat_err"] = type(e).__name__
    obs["concat_next"] = tf.concat([x, x], 1).name
    try:
        tf.add(x, tf.zeros([4]))
    except Exception as e:
        obs["add_err"] = type(e).__name__
    obs["add_next"] = tf.add(x, x).name
    obs["const_next"] = tf.constant(1.0).name
    return obs
