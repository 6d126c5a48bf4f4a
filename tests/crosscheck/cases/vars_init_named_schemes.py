"""glorot_uniform/glorot_normal, he_*/lecun_* (tf.initializers and tf.keras.initializers?),
tf.initializers.* aliases: std of values on a conv shape, and their op types."""


def case(tf):
    obs = {"_tol": 0.06}
    tf.set_random_seed(7)
    shape = [3, 3, 32, 64]
    inits = {"glorot_uniform": tf.glorot_uniform_initializer(),
             "glorot_normal": tf.glorot_normal_initializer(),
             "he_normal": tf.initializers.he_normal(),
             "he_uniform": tf.initializers.he_uniform(),
             "lecun_normal": tf.initializers.lecun_normal(),
             "lecun_uniform": tf.initializers.lecun_uniform(),
             "i_glorot_uniform": tf.initializers.glorot_uniform(),
             "i_glorot_normal": tf.initializers.glorot_normal(),
             "i_random_normal": tf.initializers.random_normal(stddev=0.5),
             "i_truncated_normal": tf.initializers.truncated_normal(stddev=0.5),
             "i_random_uniform": tf.initializers.random_uniform(-0.5, 0.5),
             "i_variance_scaling": tf.initializers.variance_scaling(),
             "i_uniform_unit_scaling": tf.initializers.uniform_unit_scaling()}
    tensors = {k: v(shape) for k, v in inits.items()}
    with tf.Session() as s:
        vals = s.run(tensors)
    for k, v in vals.items():
        obs[k] = {"std_x100": float(v.std() * 100), "type": tensors[k].op.type}
    z = tf.initializers.zeros()([2])
    o = tf.initializers.ones()([2])
    c = tf.initializers.constant(5)([2])
    i = tf.initializers.identity()([2, 3])
    with tf.Session() as s:
        obs["zoc"] = [x.tolist() for x in s.run([z, o, c, i])]
    obs["init_ops"] = [tf.initializers.global_variables().type, tf.initializers.local_variables().type,
                       tf.initializers.variables([]).type]
    obs["classes"] = [type(tf.zeros_initializer()).__name__, type(tf.glorot_uniform_initializer()).__name__,
                      type(tf.initializers.he_normal()).__name__]
    obs["configs"] = {k: sorted(inits[k].get_config()) for k in ("glorot_uniform", "he_normal", "i_random_normal")}
    obs["he_config"] = {k: v for k, v in inits["he_normal"].get_config().items() if k != "dtype"}
    return obs
