"""tf.layers.max_pooling1d / average_pooling1d: output shapes, op names/types, values,
channels_first."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 7, 2])
    xf = tf.placeholder(tf.float32, [None, 2, 7])
    ys = [
        tf.layers.max_pooling1d(x, 2, 2),
        tf.layers.max_pooling1d(x, 3, 2, padding="same"),
        tf.layers.average_pooling1d(x, 3, 1),
        tf.layers.average_pooling1d(x, 2, 2, padding="same"),
        tf.layers.max_pooling1d(xf, 2, 2, data_format="channels_first"),
        tf.layers.average_pooling1d(xf, 2, 3, data_format="channels_first"),
    ]
    obs = {
        "shapes": [t.shape.as_list() for t in ys],
        "names": [t.name for t in ys],
        "types": [t.op.type for t in ys],
    }
    data = np.arange(14, dtype=np.float32).reshape(1, 7, 2) ** 1.5
    with tf.Session() as sess:
        r = sess.run(ys, {x: data, xf: data.transpose(0, 2, 1)})
    obs["values"] = [v[0].tolist() for v in r]
    obs["_tol"] = 1e-4
    return obs
