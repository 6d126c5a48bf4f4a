"""tf.layers.separable_conv2d: depthwise_kernel [kh, kw, in, m], pointwise_kernel
[1, 1, in*m, filters], bias; output shapes with strides/padding/depth_multiplier, regularizer
loss names, values with constant kernels; SeparableConv1D if present."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 6, 6, 3])
    y1 = tf.layers.separable_conv2d(x, 4, 3)
    y2 = tf.layers.separable_conv2d(x, 2, 3, strides=2, padding="same", depth_multiplier=2,
                                    depthwise_regularizer=tf.nn.l2_loss,
                                    pointwise_regularizer=tf.nn.l2_loss)
    y3 = tf.layers.separable_conv2d(x, 1, 2, depthwise_initializer=tf.ones_initializer(),
                                    pointwise_initializer=tf.constant_initializer(0.5),
                                    bias_initializer=tf.constant_initializer(1.0), name="sep")
    obs = {
        "shapes": [t.shape.as_list() for t in (y1, y2, y3)],
        "names": [t.name for t in (y1, y2, y3)],
        "vars": [(v.name, v.shape.as_list()) for v in tf.global_variables()],
        "reg": [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)],
    }
    data = np.arange(108, dtype=np.float32).reshape(1, 6, 6, 3) / 10.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["sep"] = sess.run(y3, {x: data})[0, :2, :, 0].tolist()
    obs["_tol"] = 1e-4
    return obs
