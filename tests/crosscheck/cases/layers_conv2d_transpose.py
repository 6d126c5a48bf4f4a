"""tf.layers.conv2d_transpose: kernel [kh, kw, filters, in], static output shapes for
same/valid and strides (unknown batch and spatial dims), channels_first, values."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4, 2])
    xu = tf.placeholder(tf.float32, [None, None, None, 2])
    xf = tf.placeholder(tf.float32, [1, 2, 3, 4])
    ys = [
        tf.layers.conv2d_transpose(x, 5, 3),
        tf.layers.conv2d_transpose(x, 5, 3, strides=2),
        tf.layers.conv2d_transpose(x, 5, 3, strides=2, padding="same"),
        tf.layers.conv2d_transpose(x, 1, (2, 1), strides=(3, 1)),
        tf.layers.conv2d_transpose(xu, 3, 2, strides=2),
        tf.layers.conv2d_transpose(xf, 6, 2, strides=2, data_format="channels_first"),
    ]
    obs = {
        "shapes": [t.shape.as_list() for t in ys],
        "names": [t.name for t in ys],
        "vars": [(v.name, v.shape.as_list()) for v in tf.global_variables()],
    }
    y = tf.layers.conv2d_transpose(x, 1, 2, strides=2, kernel_initializer=tf.ones_initializer(),
                                   bias_initializer=tf.constant_initializer(0.5), name="up")
    data = np.arange(24, dtype=np.float32).reshape(1, 3, 4, 2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(y, {x: data})
        outu = sess.run(ys[4], {xu: np.zeros((2, 3, 5, 2), np.float32)})
    obs["up"] = out[0, :, :, 0].tolist()
    obs["dyn_shape"] = list(outu.shape)
    return obs
