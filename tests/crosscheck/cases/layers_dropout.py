"""tf.layers.dropout: training=False (default) is identity, training=True with rate 0 or a
fixed seed keeps shape and scales kept values by 1/(1-rate); a bool tensor builds a cond; op
names; Dropout objects; noise_shape."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 100])
    flag = tf.placeholder(tf.bool, [])
    y0 = tf.layers.dropout(x)
    y1 = tf.layers.dropout(x, rate=0.5, training=True, seed=1)
    y2 = tf.layers.dropout(x, rate=0.25, training=flag, seed=2)
    y3 = tf.layers.dropout(x, rate=0.5, training=True, noise_shape=[1, 100], seed=3)
    layer = tf.layers.Dropout(0.2, name="drop")
    y4 = layer(x, training=False)
    y5 = tf.layers.dropout(x, 0.5, training=tf.constant(False))
    obs = {
        "names": [t.name for t in (y0, y2, y4, y5)],
        "scopes": [t.name.split("/")[0] for t in (y1, y3)],
        "shapes": [t.shape.as_list() for t in (y0, y1, y2, y3, y4, y5)],
        "n_vars": len(tf.global_variables()),
        "layer": [layer.rate, layer.name],
    }
    data = np.ones((4, 100), np.float32)
    with tf.Session() as sess:
        r0, r1, r3, r4, r5 = sess.run([y0, y1, y3, y4, y5], {x: data})
        r2t = sess.run(y2, {x: data, flag: True})
        r2f = sess.run(y2, {x: data, flag: False})
    obs["identity"] = [bool(np.all(r == data)) for r in (r0, r4, r5, r2f)]
    obs["kept_values"] = sorted(set(np.unique(r1).tolist()))
    obs["kept_values_flag"] = sorted(set(np.unique(r2t).tolist()))
    obs["noise_rows_equal"] = bool(np.all(r3 == r3[0]))
    obs["_tol"] = 1e-5
    return obs
