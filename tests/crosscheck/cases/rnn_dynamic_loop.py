"""tf.nn.dynamic_rnn: variable names (`rnn/multi_rnn_cell/cell_0/lstm_cell/...`), output names
and static shapes (unknown batch included), time_major, sequence_length (zeros past each length
and the state carried through), initial_state, scope=, wrappers (Residual, Device, Dropout with
keep probability 1), and values and gradients of outputs and final states."""
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
    x_val = (np.cos(np.arange(3 * 5 * 4) * 0.37) * 1.2).reshape(3, 5, 4).astype(np.float32)
    x = tf.placeholder(tf.float32, [None, 5, 4], name="x")
    cell = rc.MultiRNNCell([rc.LSTMCell(3, use_peepholes=True, num_proj=2, cell_clip=0.8),
                            rc.GRUCell(4)])
    out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[5, 2, 3], dtype=tf.float32)
    xt = tf.transpose(x, [1, 0, 2])
    out_tm, state_tm = tf.nn.dynamic_rnn(rc.BasicLSTMCell(3), xt, time_major=True,
                                         dtype=tf.float32, scope="tm",
                                         parallel_iterations=4, swap_memory=True)
    wrapped = rc.MultiRNNCell([rc.ResidualWrapper(rc.BasicRNNCell(4)),
                               rc.DeviceWrapper(rc.GRUCell(4), "/cpu:0"),
                               rc.DropoutWrapper(rc.BasicLSTMCell(2), input_keep_prob=1.0,
                                                 output_keep_prob=1.0)])
    out_w, state_w = tf.nn.dynamic_rnn(wrapped, x, dtype=tf.float32, scope="wrapped")
    init = tf.constant(np.linspace(-1, 1, 6).reshape(3, 2).astype(np.float32))
    out_i, state_i = tf.nn.dynamic_rnn(rc.GRUCell(2), x, initial_state=init,
                                       sequence_length=tf.constant([1, 5, 0]), scope="init")
    obs["names"] = [t.name for t in (out, out_w, out_i)]
    obs["shapes"] = [t.shape.as_list() for t in
                     [out, out_tm, out_w, out_i] + _flatten(state) + _flatten(state_tm)]
    obs["state_sizes"] = [str(c.state_size) for c in (cell, wrapped)]
    obs["vars"] = [(v.name, v.shape.as_list()) for v in tf.global_variables()]
    obs["trainable"] = [v.name for v in tf.trainable_variables()]
    fetch = {"out": out, "state": _flatten(state), "out_tm": out_tm,
             "state_tm": _flatten(state_tm), "out_w": out_w, "state_w": _flatten(state_w),
             "out_i": out_i, "state_i": state_i}
    parts = [out, out_tm, out_w, out_i] + _flatten(state) + _flatten(state_w) + [state_i]
    loss = tf.add_n([tf.reduce_sum(tf.sin(t * (i + 1.0))) for i, t in enumerate(parts)])
    grads = tf.gradients(loss, tf.trainable_variables() + [x])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _load_weights(tf, sess)
        vals = sess.run(fetch, {x: x_val})
        gvals = sess.run(grads, {x: x_val})
    obs["values"] = {k: np.asarray(v).tolist() if not isinstance(v, list)
                     else [np.asarray(a).tolist() for a in v] for k, v in vals.items()}
    obs["grads"] = [g.tolist() for g in gvals]
    return obs
