"""tf.nn.bidirectional_dynamic_rnn: `bidirectional_rnn/fw/...` and `bw/` variable names, output
shapes, batch-major and time-major inputs with sequence_length (the backward pass reversed
within each row's length), separate initial states, and values and gradients."""
import numpy as np



def _cells(tf):
    try:
        tf.nn.rnn_cell.BasicLSTMCell  # noqa: B018 - Keras 3 builds of TF raise here
        return tf.nn.rnn_cell
    except Exception:  # noqa: BLE001
        from tensorflow.python.ops import rnn_cell_impl
        return rnn_cell_impl


def _flatten(x):
    if isinstance(x, (list, tuple)):
        return [leaf for s in x for leaf in _flatten(s)]
    return [x]


def _load_weights(tf, sess):
    for k, v in enumerate(tf.trainable_variables()):
        shape = v.shape.as_list()
        n = int(np.prod(shape))
        v.load((np.sin(np.arange(n) * 0.7 + k) * 0.5).reshape(shape).astype(np.float32), sess)



def case(tf):
    rc = _cells(tf)
    obs = {}
    x_val = (np.sin(np.arange(3 * 4 * 2) * 0.61) * 1.3).reshape(3, 4, 2).astype(np.float32)
    x = tf.placeholder(tf.float32, [3, 4, 2], name="x")
    lens = tf.placeholder(tf.int32, [3], name="lens")
    (of, ob), (sf, sb) = tf.nn.bidirectional_dynamic_rnn(
        rc.BasicLSTMCell(3), rc.GRUCell(2), x, sequence_length=lens, dtype=tf.float32)
    xt = tf.transpose(x, [1, 0, 2])
    init_fw = tf.constant(np.full((3, 2), 0.25, np.float32))
    (of2, ob2), (sf2, sb2) = tf.nn.bidirectional_dynamic_rnn(
        rc.GRUCell(2), rc.BasicRNNCell(2), xt, initial_state_fw=init_fw, dtype=tf.float32,
        time_major=True, scope="tmbi")
    obs["shapes"] = [t.shape.as_list() for t in (of, ob, of2, ob2, sf2, sb2) + tuple(sf)]
    obs["vars"] = [(v.name, v.shape.as_list()) for v in tf.global_variables()]
    parts = [of, ob, of2, ob2, sf.c, sf.h, sb, sf2, sb2]
    loss = tf.add_n([tf.reduce_sum(tf.cos(t * (i + 0.5))) for i, t in enumerate(parts)])
    grads = tf.gradients(loss, tf.trainable_variables() + [x])
    feed = {x: x_val, lens: np.array([4, 2, 3], np.int32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _load_weights(tf, sess)
        vals = sess.run(parts, feed)
        gvals = sess.run(grads, feed)
    obs["values"] = [v.tolist() for v in vals]
    obs["grads"] = [g.tolist() for g in gvals]
    return obs
