"""tf.layers.dense with constant initializers, kernel/bias/activity regularizers: loss names
under '<layer>/kernel/Regularizer/', the activity regularizer's name and value (divided by the
batch size), REGULARIZATION_LOSSES order and tf.losses.get_regularization_loss."""
import numpy as np


def case(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")

    def reg(t):
        return tf.reduce_sum(tf.abs(t)) * 0.5

    y = tf.layers.dense(x, 2, kernel_initializer=tf.constant_initializer(0.5),
                        bias_initializer=tf.constant_initializer(-1.0),
                        kernel_regularizer=reg, bias_regularizer=tf.nn.l2_loss,
                        activity_regularizer=lambda t: tf.reduce_sum(tf.square(t)),
                        name="d")
    y2 = tf.layers.dense(y, 1, kernel_regularizer=tf.nn.l2_loss,
                         kernel_initializer=tf.ones_initializer())
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    total = tf.losses.get_regularization_loss()
    feed = {x: np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]], np.float32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run(losses, feed)
        out, out2, tot = sess.run([y, y2, total], feed)
    return {
        "loss_names": [t.name for t in losses],
        "loss_types": [t.op.type for t in losses],
        "loss_shapes": [t.shape.as_list() for t in losses],
        "loss_values": [float(v) for v in vals],
        "out": out.tolist(),
        "out2": out2.tolist(),
        "total": float(tot),
        "total_name": total.name,
        "reg_api": [t.name for t in tf.losses.get_regularization_losses("d")],
        "losses_coll": [t.name for t in tf.get_collection(tf.GraphKeys.LOSSES)],
    }
