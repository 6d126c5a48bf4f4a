"""tf.nn.rnn_cell cells called once: variable names, shapes and trainability, the ops each cell
builds (names and types, in order), zero_state names, outputs and new states, and gradients of
a loss w.r.t. every variable and the input (weights set to fixed values)."""
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


def _one(tf, make, state_is_nested=True):
    rc = _cells(tf)
    g = tf.Graph()
    with g.as_default():
        cell = make(rc)
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        s0 = cell.zero_state(2, tf.float32)
        out, state = cell(x, s0)
        flat = [out] + list(_flatten(state))
        loss = sum(tf.reduce_sum(t * (i + 1.0)) for i, t in enumerate(flat))
        tvars = tf.trainable_variables()
        grads = tf.gradients(loss, tvars + [x])
        skip = ("Initializer", "/read", "/Assign", "ZeroState", "gradients", "x")
        ops = [(o.name, o.type) for o in g.get_operations()
               if not any(s in o.name for s in skip) and o.type not in ("VariableV2", "Const")
               and o.name.split("/")[0] != "add" and not o.name.startswith(("Sum", "mul", "add"))]
        feed = {x: np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], np.float32)}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            _load_weights(tf, sess)
            vals = sess.run(flat, feed)
            gvals = sess.run(grads, feed)
        return {
            "state_size": str(cell.state_size), "output_size": cell.output_size,
            "vars": [(v.name, v.shape.as_list(), v.dtype.base_dtype.name) for v in tf.global_variables()],
            "trainable": [v.name for v in tvars],
            "zero_state": [t.name for t in _flatten(s0)],
            "outputs": [t.name for t in flat],
            "ops": ops,
            "values": [v.tolist() for v in vals],
            "grads": [v.tolist() for v in gvals],
        }


def case(tf):
    return {
        "basic_rnn": _one(tf, lambda rc: rc.BasicRNNCell(4)),
        "basic_rnn_relu": _one(tf, lambda rc: rc.BasicRNNCell(2, activation=tf.nn.relu)),
        "basic_lstm": _one(tf, lambda rc: rc.BasicLSTMCell(4, forget_bias=0.5)),
        "basic_lstm_flat": _one(tf, lambda rc: rc.BasicLSTMCell(2, state_is_tuple=False)),
        "lstm": _one(tf, lambda rc: rc.LSTMCell(3)),
        "lstm_full": _one(tf, lambda rc: rc.LSTMCell(4, use_peepholes=True, cell_clip=0.3,
                                                     num_proj=2, proj_clip=0.2, forget_bias=0.0)),
        "lstm_flat": _one(tf, lambda rc: rc.LSTMCell(3, num_proj=2, state_is_tuple=False)),
        "gru": _one(tf, lambda rc: rc.GRUCell(4)),
        "multi": _one(tf, lambda rc: rc.MultiRNNCell([rc.BasicLSTMCell(3), rc.GRUCell(2)])),
        "multi_flat": _one(tf, lambda rc: rc.MultiRNNCell([rc.GRUCell(3), rc.BasicRNNCell(2)],
                                                          state_is_tuple=False)),
    }
