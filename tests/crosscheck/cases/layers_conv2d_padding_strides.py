"""tf.layers.conv2d output shapes for same/valid padding with strides and dilations, unknown
spatial dims, kernel shapes, op names, exact values with constant kernels, and errors for
strides and dilation together."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [2, 7, 6, 3])
    xu = tf.placeholder(tf.float32, [None, None, None, 3])
    ys = {
        "same_s1": tf.layers.conv2d(x, 4, 3, padding="same"),
        "same_s2": tf.layers.conv2d(x, 4, 3, strides=2, padding="same"),
        "valid_s2": tf.layers.conv2d(x, 4, 3, strides=2),
        "valid_rect": tf.layers.conv2d(x, 2, (3, 1), strides=(1, 2), padding="VALID"),
        "dil2_valid": tf.layers.conv2d(x, 2, 3, dilation_rate=2),
        "dil2_same": tf.layers.conv2d(x, 2, 3, dilation_rate=(2, 1), padding="same"),
        "unknown": tf.layers.conv2d(xu, 5, 2, strides=2),
    }
    obs = {k: v.shape.as_list() for k, v in ys.items()}
    obs["names"] = {k: v.name for k, v in ys.items()}
    obs["vars"] = [(v.name, v.shape.as_list()) for v in tf.global_variables()]
    obs["conv_op"] = ys["same_s1"].op.inputs[0].op.type
    obs["conv_op_name"] = ys["same_s1"].op.inputs[0].op.name
    k = tf.layers.conv2d(x, 1, 2, kernel_initializer=tf.ones_initializer(),
                         bias_initializer=tf.constant_initializer(0.5), use_bias=True,
                         activation=tf.nn.relu, name="ones")
    obs["act_name"] = k.name
    obs["act_type"] = k.op.type
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(k, {x: np.arange(2 * 7 * 6 * 3, dtype=np.float32).reshape(2, 7, 6, 3)})
    obs["ones_out"] = out[0, :2, :3, 0].tolist()
    try:
        tf.layers.conv2d(x, 2, 3, strides=2, dilation_rate=2)
        obs["stride_and_dilation"] = "ok"
    except Exception as e:
        obs["stride_and_dilation"] = type(e).__name__
    for key, kwargs in (("bad_padding", {"padding": "full"}),
                        ("bad_format", {"data_format": "NHWC"}),
                        ("bad_kernel", {"kernel_size": (1, 2, 3)})):
        args = dict(filters=2, kernel_size=3)
        args.update(kwargs)
        try:
            tf.layers.conv2d(x, **args)
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    try:
        tf.layers.conv2d(tf.placeholder(tf.float32, [None, 4, 4, None]), 2, 1)
        obs["unknown_channels"] = "ok"
    except Exception as e:
        obs["unknown_channels"] = type(e).__name__
    try:
        tf.layers.conv2d(tf.placeholder(tf.float32, [None, 4, 4]), 2, 1)
        obs["rank3"] = "ok"
    except Exception as e:
        obs["rank3"] = type(e).__name__
    return obs
