"""Dense dtypes: float64 inputs make float64 kernels, a dtype= argument on the class, float16;
integer inputs are an error; the output dtype follows the layer."""


def case(tf):
    obs = {}
    x64 = tf.placeholder(tf.float64, [None, 2])
    y64 = tf.layers.dense(x64, 2)
    obs["y64"] = y64.dtype.name
    obs["vars64"] = [(v.name, v.dtype.base_dtype.name) for v in tf.global_variables()]
    x16 = tf.placeholder(tf.float16, [None, 2])
    y16 = tf.layers.dense(x16, 1, name="h")
    obs["y16"] = y16.dtype.name
    layer = tf.layers.Dense(2, dtype=tf.float64, name="explicit")
    obs["dtype_before"] = layer.dtype
    y = layer(tf.placeholder(tf.float64, [None, 3]))
    obs["dtype_after"] = layer.dtype
    obs["explicit_out"] = y.dtype.name
    for key, dt in (("int32", tf.int32), ("int64", tf.int64)):
        try:
            tf.layers.dense(tf.placeholder(dt, [None, 2]), 2)
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    return obs
