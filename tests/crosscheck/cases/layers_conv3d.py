"""tf.layers.conv3d / Conv3D / conv3d_transpose / Conv3DTranspose and the 3-D pooling layers:
variable names and shapes (`conv3d/kernel` [kd, kh, kw, in, filters], the transpose's
[kd, kh, kw, filters, in]), op names and types (the transpose's output-shape ops, channels_first
pooling's transposes), static shapes (unknown batch and spatial dims, dilations), values and
gradients, argument errors."""
import numpy as np


def case(tf):
    obs = {}
    x = tf.placeholder(tf.float32, [None, 4, 5, 6, 2])
    xf = tf.placeholder(tf.float32, [None, 2, 4, 5, 6])
    xu = tf.placeholder(tf.float32, [None, None, None, 4, 2])
    ys = [
        tf.layers.conv3d(x, 3, 2),
        tf.layers.conv3d(x, 3, (1, 2, 3), strides=(2, 1, 1), padding="same",
                         activation=tf.nn.relu, use_bias=False, name="cc"),
        tf.layers.conv3d(xf, 4, 2, data_format="channels_first"),
        tf.layers.conv3d(x, 2, (1, 3, 2), dilation_rate=(1, 2, 1)),
        tf.layers.Conv3D(4, 3, padding="same")(x),
        tf.layers.Convolution3D(2, 1, name="pointwise")(x),
        tf.layers.conv3d_transpose(x, 3, 2, strides=2),
        tf.layers.conv3d_transpose(x, 3, (3, 2, 1), strides=(1, 2, 3), padding="same"),
        tf.layers.conv3d_transpose(xf, 3, 2, strides=2, data_format="channels_first"),
        tf.layers.conv3d_transpose(xu, 3, 2, strides=2, padding="same"),
        tf.layers.Conv3DTranspose(2, 2, name="up")(x),
        tf.layers.max_pooling3d(x, 2, 2),
        tf.layers.MaxPooling3D((1, 2, 3), (1, 1, 2), padding="same")(x),
        tf.layers.average_pooling3d(xf, 2, 2, data_format="channels_first", name="ap"),
        tf.layers.max_pooling3d(xf, 2, 1, padding="same", data_format="channels_first"),
        tf.layers.AveragePooling3D(2, 1)(x),
    ]
    obs["outputs"] = [[t.name, t.op.type, t.shape.as_list()] for t in ys]
    obs["vars"] = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    ops = tf.get_default_graph().get_operations()
    # a dilated layer: TF wraps its Conv3D in SpaceToBatchND/BatchToSpaceND, varflow gives the
    # Conv3D op the dilations (a deliberate difference: same numbers and static shape)
    obs["ops"] = [[op.name, op.type] for op in ops
                  if not ("Initializer" in op.name or op.type in ("VariableV2", "Assign", "Const")
                          or op.name.endswith("/read") or op.type == "Placeholder"
                          or op.type in ("SpaceToBatchND", "BatchToSpaceND"))]
    obs["transpose_consts"] = [op.name for op in ops if op.type == "Const"
                               and op.name.startswith(("conv3d_transpose/", "up/"))]
    obs["bias_formats"] = [op.get_attr("data_format") for op in ops if op.type == "BiasAdd"]
    obs["bias_formats"] = [f.decode() if isinstance(f, bytes) else f for f in obs["bias_formats"]]
    # values
    data = np.arange(2 * 4 * 5 * 6 * 2, dtype=np.float32).reshape(2, 4, 5, 6, 2) / 100.0
    y = tf.layers.conv3d(x, 2, (2, 1, 2), kernel_initializer=tf.ones_initializer(),
                         bias_initializer=tf.constant_initializer(0.5), name="ones")
    t = tf.layers.conv3d_transpose(x, 1, 2, strides=2, kernel_initializer=tf.ones_initializer(),
                                   name="up_ones")
    kernel = [v for v in tf.global_variables() if v.name == "ones/kernel:0"][0]
    loss = tf.reduce_sum(y * y) + tf.reduce_sum(tf.layers.max_pooling3d(t, 2, 2))
    grads = tf.gradients(loss, [kernel, x])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        yv, tv, gk, gx, ud = sess.run([y, t, grads[0], grads[1], ys[9]],
                                      {x: data, xu: np.zeros((2, 3, 2, 4, 2), np.float32)})
    obs["ones_corner"] = yv[1, 0, 0, :2].tolist()
    obs["ones_shape"] = list(yv.shape)
    obs["up_ones_sum"] = float(tv.sum())
    obs["up_ones_shape"] = list(tv.shape)
    obs["grad_kernel"] = gk.reshape(-1).tolist()
    obs["grad_x_sum"] = float(gx.sum())
    obs["dynamic_transpose_shape"] = list(ud.shape)
    for key, fn in (("kernel_size_2", lambda: tf.layers.conv3d(x, 3, (2, 2))),
                    ("rank4_input", lambda: tf.layers.conv3d(tf.placeholder(tf.float32, [None, 4, 5, 6]), 3, 2)),
                    ("unknown_channels", lambda: tf.layers.conv3d(
                        tf.placeholder(tf.float32, [None, 4, 5, 6, None]), 3, 2)),
                    ("strides_and_dilation", lambda: tf.layers.conv3d(x, 3, 2, strides=2,
                                                                      dilation_rate=2)),
                    ("pool_too_big", lambda: tf.layers.max_pooling3d(x, 5, 1)),
                    ("conv_too_big", lambda: tf.layers.conv3d(x, 3, 5)),
                    ("pool_size_2", lambda: tf.layers.average_pooling3d(x, (2, 2), 1)),
                    ("bad_padding", lambda: tf.layers.max_pooling3d(x, 2, 2, padding="full"))):
        try:
            fn()
            obs[key] = "ok"
        except Exception as e:
            obs[key] = type(e).__name__
    obs["_tol"] = 1e-4
    return obs
