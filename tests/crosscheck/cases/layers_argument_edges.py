"""Layer argument edge cases: dropout's training as an int and rate as a tensor or 1.0, bad
noise_shape, AUTO_REUSE dense, float/zero/negative units, string activations and initializers,
filters=0, upper-case padding, wrong-length strides, strides=None pooling, flattening a
scalar, a slash in a layer name, unknown call/constructor keywords, dtype before building; and
which scopes the failed calls used up."""


def case(tf):
    obs = {}
    x = tf.placeholder(tf.float32, [None, 4])
    def trial(key, fn):
        try:
            r = fn()
            obs[key] = getattr(r, "name", str(r))
        except Exception as e:
            obs[key] = type(e).__name__
    trial("drop_int_training", lambda: tf.layers.dropout(x, training=1))
    trial("drop_rate_tensor", lambda: tf.layers.dropout(x, rate=tf.constant(0.3), training=True))
    trial("drop_rate_1", lambda: tf.layers.dropout(x, rate=1.0, training=True))
    trial("drop_noise_bad", lambda: tf.layers.dropout(x, noise_shape=[3], training=True))
    trial("dense_auto1", lambda: tf.layers.dense(x, 2, name="a", reuse=tf.AUTO_REUSE))
    trial("dense_auto2", lambda: tf.layers.dense(x, 2, name="a", reuse=tf.AUTO_REUSE))
    trial("dense_list_input", lambda: tf.layers.dense([[1.0, 2.0]], 2))
    trial("dense_units_float", lambda: tf.layers.dense(x, 2.0))
    trial("dense_units_zero", lambda: tf.layers.dense(x, 0))
    trial("dense_units_neg", lambda: tf.layers.dense(x, -1))
    trial("dense_act_str", lambda: tf.layers.dense(x, 2, activation="relu"))
    trial("dense_init_str", lambda: tf.layers.dense(x, 2, kernel_initializer="zeros"))
    img = tf.placeholder(tf.float32, [None, 4, 4, 2])
    trial("conv_filters0", lambda: tf.layers.conv2d(img, 0, 1))
    trial("conv_padding_upper", lambda: tf.layers.conv2d(img, 2, 1, padding="SAME"))
    trial("conv_strides_tuple3", lambda: tf.layers.conv2d(img, 2, 1, strides=(1, 2, 1)))
    trial("pool_strides_none", lambda: tf.layers.max_pooling2d(img, 2, None))
    trial("flatten_scalar", lambda: tf.layers.flatten(tf.constant(1.0)))
    trial("layer_name_slash", lambda: tf.layers.Dense(2, name="a/b")(x))
    l = tf.layers.Dense(2, name="ho")
    trial("layer_repr_name", lambda: l.name)
    trial("layer_call_kwargs", lambda: l(x, foo=1))
    trial("layer_dtype_before", lambda: str(tf.layers.Dense(2).dtype))
    trial("dense_kw_unknown", lambda: tf.layers.Dense(2, foo=3))
    obs["globals"] = [v.name for v in tf.global_variables()]
    return obs
