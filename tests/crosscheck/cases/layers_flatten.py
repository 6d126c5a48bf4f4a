"""tf.layers.flatten / Flatten: static shapes with known and unknown dims, channels_first
ordering, rank-1 input, op names and values."""
import numpy as np


def case(tf):
    a = tf.placeholder(tf.float32, [None, 2, 3])
    b = tf.placeholder(tf.float32, [4, None, 3])
    c = tf.placeholder(tf.float32, [None])
    d = tf.placeholder(tf.float32, [2, 3, 2, 2])
    e = tf.placeholder(tf.float32, None)
    ys = [tf.layers.flatten(a), tf.layers.flatten(b), tf.layers.flatten(d, name="f"),
          tf.layers.flatten(d, data_format="channels_first"), tf.layers.Flatten()(a)]
    obs = {
        "shapes": [str(t.shape) for t in ys],
        "names": [t.name for t in ys],
        "types": [t.op.type for t in ys],
    }
    for key, t in (("rank1", c), ("unknown_rank", e)):
        try:
            y = tf.layers.flatten(t)
            obs[key] = str(y.shape)
        except Exception as err:
            obs[key] = type(err).__name__
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2)
    with tf.Session() as sess:
        last, first = sess.run([ys[2], ys[3]], {d: data})
        obs["dyn"] = list(sess.run(ys[1], {b: np.zeros((4, 5, 3), np.float32)}).shape)
    obs["last"] = last.tolist()
    obs["first"] = first.tolist()
    return obs
