"""A tf.layers.Layer subclass: add_weight/add_variable names in the layer scope, trainable and
non-trainable weights, regularizer losses (layer.losses and REGULARIZATION_LOSSES), add_loss,
add_update, count_params, get_weights/set_weights, apply vs __call__, calling twice."""
import numpy as np


def case(tf):
    class Scale(tf.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight("w", [int(input_shape[-1])],
                                     initializer=tf.constant_initializer(2.0),
                                     regularizer=lambda t: tf.reduce_sum(t, name="wsum"))
            self.c = self.add_weight("counter", [], initializer=tf.zeros_initializer(),
                                     trainable=False)
            self.v = self.add_variable("v", [2, 2])
            super(Scale, self).build(input_shape)

        def call(self, inputs):
            self.add_update(tf.assign_add(self.c, 1.0))
            return inputs * self.w

    x = tf.placeholder(tf.float32, [None, 3])
    layer = Scale(name="scale")
    y1 = layer(x)
    y2 = layer.apply(x)
    anon = Scale()
    y3 = anon(x)
    obs = {
        "outs": [t.name for t in (y1, y2, y3)],
        "globals": [v.name for v in tf.global_variables()],
        "trainable": [v.name for v in tf.trainable_variables()],
        "weights": [v.name for v in layer.weights],
        "tw": [v.name for v in layer.trainable_weights],
        "ntw": [v.name for v in layer.non_trainable_weights],
        "n_losses": len(layer.losses),
        "reg_coll": [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)],
        "n_updates": len(layer.updates),
        "update_ops_coll": [t.name for t in tf.get_collection(tf.GraphKeys.UPDATE_OPS)],
        "count_params": layer.count_params(),
        "anon": [anon.name, anon.scope_name],
        "built": [layer.built, Scale().built],
        "dtype": layer.dtype,
    }
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        obs["y"] = sess.run(y1, {x: np.ones((1, 3), np.float32)}).tolist()
        layer.set_weights([np.array([1.0, 2.0, 3.0], np.float32),
                           np.eye(2, dtype=np.float32), np.float32(5.0)])
        obs["after_set"] = [np.asarray(w).tolist() for w in layer.get_weights()]
    return obs
