"""tf.layers.separable_conv1d / SeparableConv1D: depthwise_kernel [k, in, m], pointwise_kernel
[1, in*m, filters], output shapes and names (a Squeeze after the BiasAdd), strides, padding,
dilation, channels_first, activation, values with constant kernels."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 9, 2])
    xf = tf.placeholder(tf.float32, [None, 2, 9])
    ys = [
        tf.layers.separable_conv1d(x, 3, 3, depth_multiplier=2),
        tf.layers.separable_conv1d(x, 2, 2, strides=2, padding="same", activation=tf.nn.relu),
        tf.layers.separable_conv1d(x, 1, 3, dilation_rate=2, use_bias=False),
        tf.layers.separable_conv1d(xf, 4, 2, data_format="channels_first"),
        tf.layers.SeparableConv1D(2, 1, name="sep1")(x),
    ]
    obs = {
        "shapes": [t.shape.as_list() for t in ys],
        "names": [t.name for t in ys],
        "vars": [(v.name, v.shape.as_list()) for v in tf.global_variables()],
    }
    s = tf.layers.separable_conv1d(x, 1, 2, depthwise_initializer=tf.ones_initializer(),
                                   pointwise_initializer=tf.constant_initializer(0.5),
                                   bias_initializer=tf.constant_initializer(0.25), name="s")
    sf = tf.layers.separable_conv1d(xf, 2, 2, depthwise_initializer=tf.ones_initializer(),
                                    pointwise_initializer=tf.ones_initializer(),
                                    bias_initializer=tf.constant_initializer([1.0, 2.0]),
                                    data_format="channels_first", name="sf")
    data = np.arange(18, dtype=np.float32).reshape(1, 9, 2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["s"] = sess.run(s, {x: data})[0, :, 0].tolist()
        obs["sf"] = sess.run(sf, {xf: data.transpose(0, 2, 1)})[0].tolist()
    return obs
