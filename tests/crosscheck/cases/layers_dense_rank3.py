"""tf.layers.dense on rank-3 (and rank-4) inputs contracts the last axis: static output shapes
with unknown dims, the op type of the result, values; an unknown last dimension and rank-1
inputs are errors."""
import numpy as np


def case(tf):
    x3 = tf.placeholder(tf.float32, [None, 5, 4])
    x3b = tf.placeholder(tf.float32, [2, None, 4])
    x4 = tf.placeholder(tf.float32, [None, 2, 3, 4])
    y3 = tf.layers.dense(x3, 3, kernel_initializer=tf.constant_initializer(0.25),
                         bias_initializer=tf.constant_initializer(1.0))
    y3b = tf.layers.dense(x3b, 2)
    y4 = tf.layers.dense(x4, 6, use_bias=False)
    obs = {
        "shapes": [str(t.shape) for t in (y3, y3b, y4)],
        "lists": [t.shape.as_list() for t in (y3, y3b, y4)],
        "kernels": [(v.name, v.shape.as_list()) for v in tf.global_variables()],
        "y4_name": y4.name,
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(y3, {x3: np.arange(40, dtype=np.float32).reshape(2, 5, 4)})
    obs["out_shape"] = list(out.shape)
    obs["out"] = out[:, :2].tolist()
    for key, shape in (("unknown_last", [None, None]), ("rank1", [4]), ("unknown_rank", None)):
        try:
            tf.layers.dense(tf.placeholder(tf.float32, shape), 2)
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    return obs
