def case(tf):
    """A VALID conv/pool window larger than its input: ValueError when the shapes are static,
    InvalidArgumentError at run time when they are not."""
    import numpy as np
    obs = {}
    img = tf.placeholder(tf.float32, [1, 3, 3, 1])
    builders = {
        "conv": lambda: tf.nn.conv2d(img, tf.ones([5, 5, 1, 1]), [1, 1, 1, 1], "VALID"),
        "max_pool": lambda: tf.nn.max_pool(img, [1, 5, 5, 1], [1, 1, 1, 1], "VALID"),
        "avg_pool": lambda: tf.nn.avg_pool(img, [1, 5, 5, 1], [1, 1, 1, 1], "VALID"),
        "conv_same": lambda: tf.nn.conv2d(img, tf.ones([5, 5, 1, 1]), [1, 1, 1, 1], "SAME"),
        "conv_exact": lambda: tf.nn.conv2d(img, tf.ones([3, 3, 1, 1]), [1, 1, 1, 1], "VALID"),
    }
    for name, build in builders.items():
        try:
            obs[name] = build().shape.as_list()
        except Exception as e:
            obs[name] = type(e).__name__
    dyn = tf.placeholder(tf.float32, [1, None, None, 1])
    y = tf.nn.conv2d(dyn, tf.ones([5, 5, 1, 1]), [1, 1, 1, 1], "VALID")
    obs["dynamic_shape"] = y.shape.as_list()
    with tf.Session() as sess:
        try:
            sess.run(y, {dyn: np.ones([1, 3, 3, 1])})
        except Exception as e:
            obs["dynamic_run"] = type(e).__name__
        obs["dynamic_fits"] = sess.run(y, {dyn: np.ones([1, 5, 6, 1])}).tolist()
    return obs
