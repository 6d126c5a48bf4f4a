"""tf.layers.conv1d / Conv1D: kernel [k, in, filters], output lengths for same/valid, strides,
dilation, channels_first, op names, and values with constant kernels."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 9, 2])
    xf = tf.placeholder(tf.float32, [None, 2, 9])
    ys = [
        tf.layers.conv1d(x, 3, 3),
        tf.layers.conv1d(x, 3, 3, strides=2, padding="same"),
        tf.layers.conv1d(x, 1, 2, dilation_rate=3),
        tf.layers.conv1d(xf, 4, 3, data_format="channels_first"),
        tf.layers.conv1d(x, 2, 1, use_bias=False, name="pointwise"),
    ]
    obs = {
        "shapes": [t.shape.as_list() for t in ys],
        "names": [t.name for t in ys[:4]],
        "vars": [(v.name, v.shape.as_list()) for v in tf.global_variables()],
    }
    c = tf.layers.conv1d(x, 1, 3, kernel_initializer=tf.ones_initializer(),
                         bias_initializer=tf.constant_initializer(0.25), padding="same",
                         name="sum3")
    cf = tf.layers.conv1d(xf, 2, 2, kernel_initializer=tf.ones_initializer(),
                          bias_initializer=tf.constant_initializer([1.0, 2.0]),
                          data_format="channels_first", name="sumf")
    data = np.arange(18, dtype=np.float32).reshape(1, 9, 2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["sum3"] = sess.run(c, {x: data})[0, :, 0].tolist()
        obs["sumf"] = sess.run(cf, {xf: data.transpose(0, 2, 1)})[0].tolist()
    obs["sumf_shape"] = cf.shape.as_list()
    return obs
