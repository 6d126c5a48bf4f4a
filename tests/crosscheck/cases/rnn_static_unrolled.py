"""tf.nn.static_rnn and tf.nn.static_bidirectional_rnn: variable names under `rnn/` (one set
shared by all steps), output and state names, sequence_length (zero outputs and state copied
through past each row's length), an explicit initial_state, scope=, and values and gradients."""
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
    x_val = (np.cos(np.arange(2 * 4 * 3) * 0.9) * 1.5).reshape(2, 4, 3).astype(np.float32)
    x = tf.placeholder(tf.float32, [2, 4, 3], name="x")
    xs = tf.unstack(x, axis=1)
    cell = rc.BasicLSTMCell(3)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
    obs["names"] = [t.name for t in outs] + [t.name for t in state]
    outs_seq, state_seq = tf.nn.static_rnn(cell, xs, dtype=tf.float32,
                                           sequence_length=tf.constant([2, 4]))
    gru = rc.GRUCell(2)
    init = tf.constant(np.array([[0.5, -0.5], [0.1, 0.2]], np.float32))
    outs_init, state_init = tf.nn.static_rnn(gru, xs, initial_state=init, scope="with_init")
    bi_outs, bi_fw, bi_bw = tf.nn.static_bidirectional_rnn(
        rc.GRUCell(2), rc.BasicRNNCell(3), xs, dtype=tf.float32, sequence_length=[3, 1])
    bi2, _, _ = tf.nn.static_bidirectional_rnn(rc.BasicRNNCell(2), rc.BasicRNNCell(2), xs,
                                               dtype=tf.float32, scope="plain_bi")
    obs["shapes"] = [t.shape.as_list() for t in outs_seq + bi_outs + bi2]
    obs["vars"] = [(v.name, v.shape.as_list()) for v in tf.global_variables()]
    fetch = {"outs": outs, "state": list(state), "outs_seq": outs_seq,
             "state_seq": list(state_seq), "outs_init": outs_init, "state_init": state_init,
             "bi_outs": bi_outs, "bi_fw": bi_fw, "bi_bw": bi_bw, "bi2": bi2}
    loss = (tf.add_n([tf.reduce_sum(o * (i + 1.0)) for i, o in enumerate(outs_seq + bi_outs)])
            + tf.reduce_sum(state_seq.c) + tf.reduce_sum(state_init) + tf.reduce_sum(bi_bw) + tf.reduce_sum(bi2[-1]))
    grads = tf.gradients(loss, tf.trainable_variables() + [x])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _load_weights(tf, sess)
        vals = sess.run(fetch, {x: x_val})
        gvals = sess.run(grads, {x: x_val})
    obs["values"] = {k: np.asarray(v).tolist() for k, v in vals.items()}
    obs["grads"] = [g.tolist() for g in gvals]
    return obs
