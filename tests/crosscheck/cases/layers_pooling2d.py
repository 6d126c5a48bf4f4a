"""tf.layers.max_pooling2d / average_pooling2d and their classes: shapes (same/valid, strides,
channels_first), op names and types, values; no variables; errors for bad pool_size."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 5, 5, 2])
    xf = tf.placeholder(tf.float32, [None, 2, 5, 5])
    ys = [
        tf.layers.max_pooling2d(x, 2, 2),
        tf.layers.max_pooling2d(x, 3, 2, padding="same"),
        tf.layers.average_pooling2d(x, (2, 3), (1, 2)),
        tf.layers.average_pooling2d(x, 2, 2, padding="same", name="avg"),
        tf.layers.max_pooling2d(xf, 2, 2, data_format="channels_first"),
        tf.layers.MaxPooling2D(2, 1)(x),
        tf.layers.AveragePooling2D(pool_size=2, strides=2, padding="same")(x),
    ]
    obs = {
        "shapes": [t.shape.as_list() for t in ys],
        "names": [t.name for t in ys],
        "types": [t.op.type for t in ys],
        "n_vars": len(tf.global_variables()),
    }
    data = np.arange(50, dtype=np.float32).reshape(1, 5, 5, 2)
    with tf.Session() as sess:
        r = sess.run(ys[:5], {x: data, xf: data.transpose(0, 3, 1, 2)})
    obs["max"] = r[0][0, :, :, 0].tolist()
    obs["max_same"] = r[1][0, :, :, 1].tolist()
    obs["avg"] = r[2][0, :, :, 0].tolist()
    obs["avg_same"] = r[3][0, :, :, 1].tolist()
    obs["max_cf"] = r[4][0, 0].tolist()
    for key, kw in (("pool3", {"pool_size": (1, 2, 3)}), ("bad_pad", {"padding": "x"})):
        args = dict(pool_size=2, strides=2)
        args.update(kw)
        try:
            tf.layers.max_pooling2d(x, **args)
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    return obs
