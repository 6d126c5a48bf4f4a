"""tf.layers.dense: variable and op names (dense, dense_1, name=, nested scopes), reuse=True
sharing, reuse of a missing layer, the op types of matmul/bias/activation and the output names."""


def case(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y1 = tf.layers.dense(x, 3)
    y2 = tf.layers.dense(x, 3, activation=tf.nn.relu)
    y3 = tf.layers.dense(x, 2, name="fc")
    y4 = tf.layers.dense(x, 2, name="fc", reuse=True)
    with tf.variable_scope("outer"):
        y5 = tf.layers.dense(x, 2)
        y6 = tf.layers.dense(x, 2)
    with tf.variable_scope("outer", reuse=True):
        y7 = tf.layers.dense(x, 2, name="dense")
    with tf.name_scope("ns"):
        y8 = tf.layers.dense(x, 1)
    obs = {
        "globals": [(v.name, v.shape.as_list()) for v in tf.global_variables()],
        "outs": [t.name for t in (y1, y2, y3, y4, y5, y6, y7, y8)],
        "types": [t.op.type for t in (y1, y2, y3, y4, y5, y6, y7, y8)],
        "inputs_y1": [i.name for i in y1.op.inputs],
        "inputs_y2": [i.name for i in y2.op.inputs],
        "matmul_inputs": [i.name for i in y1.op.inputs[0].op.inputs],
        "n_trainable": len(tf.trainable_variables()),
    }
    try:
        tf.layers.dense(x, 2, name="nothere", reuse=True)
        obs["missing_reuse"] = "ok"
    except Exception as e:
        obs["missing_reuse"] = type(e).__name__
    try:
        tf.layers.dense(x, 5, name="fc", reuse=True)
        obs["shape_mismatch_reuse"] = "ok"
    except Exception as e:
        obs["shape_mismatch_reuse"] = type(e).__name__
    try:
        with tf.variable_scope("fc"):
            tf.get_variable("kernel", [4, 2])
        obs["dup_var"] = "ok"
    except Exception as e:
        obs["dup_var"] = type(e).__name__
    return obs
