"""Regularizers: get_variable(regularizer=), scope-level regularizer inheritance, regularizers
returning None, tf.no_regularizer, names of loss ops and REGULARIZATION_LOSSES contents."""


def case(tf):
    obs = {}

    def l2(w):
        return tf.multiply(0.1, tf.nn.l2_loss(w), name="l2")

    with tf.variable_scope("r", regularizer=l2):
        a = tf.get_variable("a", [2], initializer=tf.ones_initializer())
        b = tf.get_variable("b", [2], initializer=tf.ones_initializer(), regularizer=lambda w: None)
        c = tf.get_variable("c", [2], initializer=tf.ones_initializer(), regularizer=tf.no_regularizer)
        with tf.variable_scope("inner"):
            d = tf.get_variable("d", [2], initializer=tf.ones_initializer())
        obs["scope_reg"] = tf.get_variable_scope().regularizer is l2
    with tf.variable_scope("r", reuse=True):
        tf.get_variable("a", [2])
    e = tf.get_variable("e", [3], initializer=tf.ones_initializer(), regularizer=tf.nn.l2_loss)
    f = tf.get_variable("f", [3], initializer=tf.ones_initializer(), regularizer=tf.nn.l2_loss, trainable=False)
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    obs["losses"] = [t.name for t in losses]
    obs["losses_ops"] = [t.op.type for t in losses]
    obs["scoped"] = [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES, "r")]
    obs["tf_losses"] = [t.name for t in tf.losses.get_regularization_losses()]
    total = tf.losses.get_regularization_loss()
    obs["total"] = total.name
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        obs["vals"] = [float(x) for x in s.run(losses)]
        obs["total_val"] = float(s.run(total))
    obs["unused"] = [v.name for v in (a, b, c, d, e, f)]
    return obs
