"""A Layer subclass with add_update (tensor and op) and add_loss inside call, called twice,
and add_loss outside any call: layer.updates (operations), UPDATE_OPS, layer.losses,
REGULARIZATION_LOSSES order (an outside add_loss goes there at once), LOSSES untouched, and
the values after running the updates."""


def case(tf):
    class L(tf.layers.Layer):
        def build(self, s):
            self.c = self.add_weight("c", [], trainable=False, initializer=tf.zeros_initializer())
            self.k = self.add_weight("k", [int(s[-1])], initializer=tf.ones_initializer(),
                                     regularizer=lambda t: tf.reduce_sum(t) * 0.5)

        def call(self, x):
            self.add_update(tf.assign_add(self.c, 1.0))
            self.add_update([tf.assign_add(self.c, 2.0).op])
            self.add_loss(tf.reduce_sum(x, name="act"))
            return x * self.k

    layer = L(name="l")
    x = tf.placeholder(tf.float32, [None, 2])
    layer(x)
    layer(x)
    obs = {
        "updates": [u.name for u in layer.updates],
        "update_types": [type(u).__name__ for u in layer.updates],
        "update_ops": [u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS)],
        "n_losses": len(layer.losses),
        "reg": [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)],
        "losses_coll": [t.name for t in tf.get_collection(tf.GraphKeys.LOSSES)],
        "vars": [v.name for v in layer.variables],
    }
    layer.add_loss(tf.constant(3.0, name="outside"))
    obs["reg_after_outside"] = [t.name for t in
                                tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)]
    obs["n_losses_after"] = len(layer.losses)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(layer.updates)
        obs["c"] = float(sess.run(layer.c))
        obs["total_reg"] = float(sess.run(tf.losses.get_regularization_loss(), {x: [[1.0, 2.0]]}))
    return obs
