"""Default op names and types of the Python operators and common functions, and their
uniquification: + - * / // % ** @ unary -, abs(), comparisons, &, |, ^, ~ on bools and ints,
x[...] (strided_slice), tf.add/tf.subtract/tf.multiply/tf.divide/tf.realdiv/tf.truediv/
tf.floordiv/tf.mod/tf.pow/tf.maximum/tf.square, reductions (Sum, Mean ...), reductions with
axis, inside a name scope, and with explicit name= (exact and uniquified)."""
import numpy as np


def case(tf):
    a = tf.constant([1.0, 2.0])
    b = tf.constant([3.0, 4.0])
    i = tf.constant([5, 6])
    t = tf.constant([True, False])
    exprs = [
        a + b, a + b, a - b, a * b, a / b, a // b, a % b, a ** b, tf.reshape(a, [1, 2]) @ tf.constant([[1.0], [2.0]]),
        -a, abs(a), a < b, a <= b, a > b, a >= b, t & t, t | t, t ^ t, ~t, i & i, i | i, i ^ i, ~i,
        a[0], a[1:], i / i, 2.0 + a, 2.0 - a, 2.0 * a, 2.0 / a, 2 // i, 2 % i, 2.0 ** a,
        tf.add(a, b), tf.subtract(a, b), tf.multiply(a, b), tf.divide(a, b), tf.realdiv(a, b),
        tf.truediv(a, b), tf.floordiv(a, b), tf.mod(a, b), tf.pow(a, b), tf.maximum(a, b),
        tf.minimum(a, b), tf.square(a), tf.sqrt(a), tf.negative(a), tf.abs(a), tf.exp(a),
        tf.reduce_sum(a), tf.reduce_sum(a, 0), tf.reduce_mean(a), tf.reduce_mean(a, 0),
        tf.reduce_max(a), tf.reduce_prod(a, 0), tf.reduce_any(t), tf.reduce_all(t, 0),
        tf.argmax(a), tf.argmin(a, 0), tf.matmul(tf.constant([[1.0]]), tf.constant([[2.0]])),
        tf.add_n([a, b]), tf.add_n([a]), tf.cast(i, tf.float32), tf.cast(a, tf.float32),
        tf.identity(a), tf.equal(a, b), tf.not_equal(a, b), tf.logical_and(t, t),
        tf.sign(a), tf.round(a), tf.sigmoid(a), tf.tanh(a), tf.log(a), tf.div(i, i), tf.div(a, b),
        tf.scalar_mul(2.0, a), tf.reshape(a, [2, 1]), tf.expand_dims(a, 0), tf.squeeze(tf.reshape(a, [1, 2])),
        tf.concat([a, b], 0), tf.stack([a, b]), tf.transpose(tf.reshape(a, [1, 2])), tf.tile(a, [2]),
        tf.gather(a, [1]), tf.where(t, a, b), tf.range(3), tf.zeros([2]), tf.ones([2]), tf.fill([2], 1.0),
        tf.one_hot([1], 2), tf.nn.relu(a), tf.nn.softmax(a),
        tf.nn.l2_loss(a), tf.nn.bias_add(tf.reshape(a, [1, 2]), b), tf.clip_by_value(a, 0.0, 1.0),
    ]
    obs = {"names": [e.name for e in exprs], "types": [e.op.type for e in exprs]}
    with tf.name_scope("block"):
        obs["scoped"] = [(a + b).name, (a * b).name, tf.add(a, b).name, tf.reduce_sum(a).name,
                         tf.matmul(tf.constant([[1.0]]), tf.constant([[2.0]])).name, a[0].name]
    obs["named"] = [tf.add(a, b, name="total").name, tf.add(a, b, name="total").name,
                    tf.reduce_sum(a, name="s").name, tf.reduce_sum(a, 0, name="s").name,
                    tf.matmul(tf.constant([[1.0]]), tf.constant([[2.0]]), name="mm").name,
                    tf.identity(a, name="block/x").name, tf.cast(i, tf.float32, name="c").name,
                    tf.nn.relu(a, name="act").name, tf.square(a, name="sq").name]
    with tf.Session() as sess:
        obs["val"] = [np.asarray(v).tolist() for v in sess.run(exprs[:8])]
    return obs
