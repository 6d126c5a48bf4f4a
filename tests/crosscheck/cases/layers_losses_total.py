"""tf.losses.get_total_loss with and without regularization losses, its name and name=,
scope filtering, get_regularization_loss name and scope, add_loss (and loss_collection),
get_losses with a custom collection, and the error with no losses at all."""


def case(tf):
    obs = {}
    try:
        tf.losses.get_total_loss()
        obs["empty_total"] = "ok"
    except Exception as e:
        obs["empty_total"] = type(e).__name__
    empty_reg = tf.losses.get_regularization_loss()
    obs["empty_reg"] = [empty_reg.name, empty_reg.op.type]
    with tf.variable_scope("a"):
        tf.get_variable("w", initializer=tf.constant([1.0, -2.0]), regularizer=tf.nn.l2_loss)
    with tf.variable_scope("b"):
        tf.get_variable("w", initializer=tf.constant([3.0]),
                        regularizer=lambda t: tf.reduce_sum(tf.abs(t)))
    with tf.name_scope("a"):
        l1 = tf.losses.mean_squared_error([1.0, 2.0], [1.5, 2.5])
    l2 = tf.losses.absolute_difference([1.0], [3.0])
    extra = tf.constant(10.0, name="extra")
    tf.losses.add_loss(extra)
    tf.losses.add_loss(tf.constant(100.0, name="hundred"), loss_collection="other")
    tf.losses.add_loss(tf.constant(1000.0), loss_collection=None)
    t_all = tf.losses.get_total_loss()
    t_noreg = tf.losses.get_total_loss(add_regularization_losses=False, name="data_only")
    t_scope = tf.losses.get_total_loss(scope="a")
    reg = tf.losses.get_regularization_loss()
    reg_a = tf.losses.get_regularization_loss(scope="a", name="reg_a")
    obs.update({
        "losses": [t.name for t in tf.losses.get_losses()],
        "losses_other": [t.name for t in tf.losses.get_losses(loss_collection="other")],
        "losses_scope": [t.name for t in tf.losses.get_losses(scope="a")],
        "reg_losses": [t.name for t in tf.losses.get_regularization_losses()],
        "names": [t.name for t in (t_all, t_noreg, t_scope, reg, reg_a, l1, l2)],
        "types": [t.op.type for t in (t_all, t_noreg, t_scope, reg, reg_a)],
    })
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["values"] = [float(x) for x in sess.run([t_all, t_noreg, t_scope, reg, reg_a,
                                                     empty_reg])]
    return obs
