"""Conv layer objects: attributes after construction, calling one Conv2D on inputs of different
spatial sizes (weights shared, ops '_1'), kernel_constraint, trainable=False convs, regularizer
loss names, int kernel_size normalized to tuples, activation op names, input_spec."""
import numpy as np


def case(tf):
    conv = tf.layers.Conv2D(2, 3, padding="same", activation=tf.nn.relu,
                            kernel_regularizer=tf.nn.l2_loss, kernel_initializer=tf.ones_initializer(),
                            kernel_constraint=lambda k: tf.clip_by_value(k, -0.1, 0.1))
    a = conv(tf.placeholder(tf.float32, [None, 8, 8, 1]))
    b = conv(tf.placeholder(tf.float32, [None, 5, 6, 1]))
    frozen = tf.layers.conv2d(tf.placeholder(tf.float32, [None, 4, 4, 3]), 4, (1, 1),
                              trainable=False, bias_regularizer=tf.nn.l2_loss, name="frozen")
    obs = {
        "attrs": [conv.filters, list(conv.kernel_size), list(conv.strides), conv.padding,
                  conv.data_format, list(conv.dilation_rate), conv.use_bias],
        "outs": [t.name for t in (a, b, frozen)],
        "shapes": [t.shape.as_list() for t in (a, b, frozen)],
        "globals": [(v.name, v.shape.as_list()) for v in tf.global_variables()],
        "trainable": [v.name for v in tf.trainable_variables()],
        "reg": [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)],
        "conv_name": [conv.name, conv.scope_name],
        "n_weights": len(conv.weights),
    }
    try:
        conv(tf.placeholder(tf.float32, [None, 5, 6, 2]))
        obs["wrong_channels"] = "ok"
    except Exception as e:
        obs["wrong_channels"] = type(e).__name__
    try:
        conv(tf.placeholder(tf.float32, [None, 5, 2]))
        obs["wrong_rank"] = "ok"
    except Exception as e:
        obs["wrong_rank"] = type(e).__name__
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(a, {"Placeholder:0": np.ones((1, 8, 8, 1), np.float32)})
    obs["center"] = out[0, 3, 3].tolist()
    return obs
