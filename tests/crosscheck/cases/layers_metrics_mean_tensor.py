"""tf.metrics.mean and mean_tensor: variable names, update/value op names, collections,
weights broadcasting ([N,1] weights on [N,3] values), 2-D values, running values, value dtype
for float64 inputs, and the empty (count 0) case."""
import numpy as np


def case(tf):
    v = tf.placeholder(tf.float32, [None, 3])
    w = tf.placeholder(tf.float32, [None, 1])
    m, mu = tf.metrics.mean(v, weights=w)
    t, tu = tf.metrics.mean_tensor(v)
    t2, tu2 = tf.metrics.mean_tensor(tf.constant([[1.0, 2.0], [3.0, 4.0]]),
                                     weights=tf.constant([[1.0, 0.0], [1.0, 1.0]]), name="mt")
    d, du = tf.metrics.mean(tf.constant([1.0, 2.0], tf.float64), name="dbl")
    obs = {
        "names": [x.name for x in (m, mu, t, tu, t2, tu2, d, du)],
        "shapes": [str(x.shape) for x in (m, mu, t, tu, t2, tu2)],
        "dtypes": [x.dtype.name for x in (m, mu, t, tu, d, du)],
        "local": [(x.name, x.shape.as_list(), x.dtype.base_dtype.name)
                  for x in tf.local_variables()],
        "global": [x.name for x in tf.global_variables()],
    }
    data = np.arange(6, dtype=np.float32).reshape(2, 3)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        obs["empty_tensor"] = sess.run(t2).tolist()
        obs["m1"] = float(sess.run(mu, {v: data, w: [[1.0], [3.0]]}))
        obs["m2"] = float(sess.run(mu, {v: data, w: [[0.0], [0.0]]}))
        obs["t1"] = sess.run(tu, {v: data}).tolist()
        obs["t2"] = sess.run(tu, {v: data * 3}).tolist()
        obs["tval"] = sess.run(t).tolist()
        obs["wt"] = sess.run(tu2).tolist()
        obs["dbl"] = float(sess.run(du))
    try:
        tf.metrics.mean_tensor(tf.placeholder(tf.float32, [None, 2]))
        obs["mean_tensor_unknown"] = "ok"
    except Exception as e:
        obs["mean_tensor_unknown"] = type(e).__name__
    return obs
