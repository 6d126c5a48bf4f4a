"""variance_scaling_initializer in every mode and distribution (normal, truncated_normal,
untruncated_normal, uniform) on 2-D and 4-D shapes: std of the values; argument errors."""


def case(tf):
    obs = {"_tol": 0.06}
    tf.set_random_seed(7)
    shapes = {"2d": [300, 200], "4d": [3, 3, 40, 60]}
    tensors = {}
    for mode in ("fan_in", "fan_out", "fan_avg"):
        for dist in ("normal", "truncated_normal", "untruncated_normal", "uniform"):
            for sk, shape in shapes.items():
                init = tf.variance_scaling_initializer(scale=2.0, mode=mode, distribution=dist)
                tensors["%s_%s_%s" % (mode, dist, sk)] = init(shape)
    with tf.Session() as s:
        vals = s.run(tensors)
    for k, v in vals.items():
        obs[k] = {"std_x100": float(v.std() * 100), "mean_x10": float(v.mean() * 10)}
    obs["types"] = sorted(set(t.op.type for t in tensors.values()))
    for label, kw in {"bad_scale": dict(scale=0.0), "neg_scale": dict(scale=-1.0),
                      "bad_mode": dict(mode="fan"), "bad_dist": dict(distribution="gauss"),
                      "upper_dist": dict(distribution="UNIFORM")}.items():
        try:
            tf.variance_scaling_initializer(**kw)
            obs[label] = "ok"
        except Exception as e:
            obs[label] = type(e).__name__
    try:
        tf.variance_scaling_initializer()([2], dtype=tf.int32)
        obs["int_dtype"] = "ok"
    except Exception as e:
        obs["int_dtype"] = type(e).__name__
    s1 = tf.variance_scaling_initializer()([])
    s2 = tf.variance_scaling_initializer()([5])
    obs["scalar_shape"] = [s1.shape.as_list(), s2.shape.as_list()]
    return obs
