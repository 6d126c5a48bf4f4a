"""tf.layers.conv2d and Conv2D with data_format='channels_first': kernel shape, output shape,
bias added along axis 1 (values compared with channels_last on transposed data)."""
import numpy as np


def case(tf):
    data = np.arange(1 * 3 * 4 * 5, dtype=np.float32).reshape(1, 3, 4, 5) / 10.0
    xf = tf.placeholder(tf.float32, [None, 3, 4, 5])
    xl = tf.placeholder(tf.float32, [None, 4, 5, 3])
    init = tf.constant_initializer(np.linspace(-1, 1, 2 * 2 * 3 * 2).reshape(2, 2, 3, 2))
    binit = tf.constant_initializer([1.0, -2.0])
    yf = tf.layers.conv2d(xf, 2, 2, data_format="channels_first", kernel_initializer=init,
                          bias_initializer=binit, name="cf")
    yl = tf.layers.conv2d(xl, 2, 2, kernel_initializer=init, bias_initializer=binit, name="cl")
    yf2 = tf.layers.conv2d(xf, 4, 3, strides=2, padding="same", data_format="channels_first")
    layer = tf.layers.Conv2D(3, (1, 2), data_format="channels_first")
    yf3 = layer(xf)
    obs = {
        "shapes": [t.shape.as_list() for t in (yf, yl, yf2, yf3)],
        "names": [t.name for t in (yf, yl, yf2, yf3)],
        "vars": [(v.name, v.shape.as_list()) for v in tf.global_variables()],
        "layer_attrs": [layer.filters, list(layer.kernel_size), list(layer.strides),
                        layer.padding, layer.data_format, list(layer.dilation_rate)],
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        of, ol = sess.run([yf, yl], {xf: data, xl: data.transpose(0, 2, 3, 1)})
    obs["cf"] = of.tolist()
    obs["same_as_last"] = bool(np.allclose(of.transpose(0, 2, 3, 1), ol, atol=1e-5))
    obs["_tol"] = 1e-4
    return obs
