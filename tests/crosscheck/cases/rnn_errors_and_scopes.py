"""RNN misuse and scoping: the error class for missing dtype, unknown depth, wrong ranks,
non-sequence or empty static inputs, non-cells, bad MultiRNNCell/DropoutWrapper arguments,
integer inputs, mismatched initial state, a wrong-length sequence_length at run time and a
second cell in a used scope; plus `scope=` on a cell call, wrapper zero_state names and
get_initial_state."""
import numpy as np


def _cells(tf):
    try:
        tf.nn.rnn_cell.BasicLSTMCell  # noqa: B018 - Keras 3 builds of TF raise here
        return tf.nn.rnn_cell
    except Exception:  # noqa: BLE001
        from tensorflow.python.ops import rnn_cell_impl
        return rnn_cell_impl


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:  # noqa: BLE001 - the class is the observation
        return type(e).__name__


def _custom_cell(tf, rc):
    class MyCell(rc.RNNCell):
        """A user cell built on RNNCell whose `call` makes its variable with get_variable."""

        def __init__(self, n):
            super().__init__()
            self.n = n

        @property
        def state_size(self):
            return self.n

        @property
        def output_size(self):
            return self.n

        def call(self, inputs, state):
            w = tf.get_variable("w", [int(inputs.shape[1]) + self.n, self.n])
            h = tf.tanh(tf.matmul(tf.concat([inputs, state], 1), w))
            return h, h
    return MyCell


def case(tf):
    rc = _cells(tf)
    x = tf.placeholder(tf.float32, [2, 5, 4], name="x")
    lstm_state = rc.LSTMStateTuple(tf.zeros([2, 2]), tf.zeros([2, 2]))
    errs = {
        "dynamic_no_dtype": lambda: tf.nn.dynamic_rnn(rc.GRUCell(2), x),
        "static_no_dtype": lambda: tf.nn.static_rnn(rc.GRUCell(2), [x[:, 0]]),
        "dynamic_unknown_depth": lambda: tf.nn.dynamic_rnn(
            rc.GRUCell(2), tf.placeholder(tf.float32, [2, 5, None]), dtype=tf.float32,
            scope="u"),
        "dynamic_rank2": lambda: tf.nn.dynamic_rnn(
            rc.GRUCell(2), tf.placeholder(tf.float32, [2, 5]), dtype=tf.float32, scope="r2"),
        "static_rank1": lambda: tf.nn.static_rnn(
            rc.GRUCell(2), [tf.placeholder(tf.float32, [2])], dtype=tf.float32, scope="r1"),
        "static_unknown_depth": lambda: tf.nn.static_rnn(
            rc.GRUCell(2), [tf.placeholder(tf.float32, [2, None])], dtype=tf.float32,
            scope="su"),
        "static_not_sequence": lambda: tf.nn.static_rnn(rc.GRUCell(2), x, dtype=tf.float32),
        "static_empty": lambda: tf.nn.static_rnn(rc.GRUCell(2), [], dtype=tf.float32),
        "not_a_cell": lambda: tf.nn.dynamic_rnn(lambda a, b: a, x, dtype=tf.float32),
        "cell_rank3": lambda: rc.GRUCell(2)(x, tf.zeros([2, 2])),
        "basic_lstm_unknown_depth": lambda: rc.BasicLSTMCell(2)(
            tf.placeholder(tf.float32, [2, None]), lstm_state),
        "lstm_unknown_depth": lambda: rc.LSTMCell(2)(
            tf.placeholder(tf.float32, [2, None]), lstm_state),
        "multi_empty": lambda: rc.MultiRNNCell([]),
        "multi_not_list": lambda: rc.MultiRNNCell(rc.GRUCell(2)),
        "multi_flat_tuple_states": lambda: rc.MultiRNNCell([rc.BasicLSTMCell(2)],
                                                           state_is_tuple=False),
        "seq_len_rank2": lambda: tf.nn.dynamic_rnn(rc.GRUCell(2), x, dtype=tf.float32,
                                                   sequence_length=[[1]], scope="sr"),
        "dropout_keep_1_5": lambda: rc.DropoutWrapper(rc.GRUCell(2), input_keep_prob=1.5),
        "dropout_keep_negative": lambda: rc.DropoutWrapper(rc.GRUCell(2),
                                                           state_keep_prob=-0.1),
        "int_inputs": lambda: tf.nn.dynamic_rnn(
            rc.GRUCell(2), tf.placeholder(tf.int32, [2, 3, 4]), dtype=tf.int32, scope="int"),
        "initial_state_batch": lambda: tf.nn.dynamic_rnn(
            rc.GRUCell(2), x, initial_state=tf.zeros([3, 2]), scope="bm"),
        "get_initial_state_nothing": lambda: rc.GRUCell(3).get_initial_state(),
    }
    obs = {k: _err(f) for k, f in sorted(errs.items())}
    lens = tf.placeholder(tf.int32, [None], name="lens")
    out, _ = tf.nn.dynamic_rnn(rc.GRUCell(2), x, sequence_length=lens, dtype=tf.float32,
                               scope="runtime")
    tf.nn.dynamic_rnn(rc.GRUCell(2), x, dtype=tf.float32, scope="twice")
    obs["second_cell_same_scope"] = _err(
        lambda: tf.nn.dynamic_rnn(rc.GRUCell(2), x, dtype=tf.float32, scope="twice"))
    shared = rc.GRUCell(2)
    tf.nn.dynamic_rnn(shared, x, dtype=tf.float32, scope="shared")
    obs["same_cell_same_scope"] = _err(
        lambda: tf.nn.dynamic_rnn(shared, x, dtype=tf.float32, scope="shared"))
    my = _custom_cell(tf, rc)(3)
    my_out, my_state = tf.nn.dynamic_rnn(my, x, dtype=tf.float32, scope="custom")
    obs["custom_cell"] = [my.name, [v.name for v in my.trainable_weights],
                          my_out.shape.as_list(), my_state.shape.as_list(),
                          my.zero_state(3, tf.float32).name]
    cell = rc.BasicRNNCell(3)
    o1, _ = cell(x[:, 0], tf.zeros([2, 3]), scope="myscope")
    o2, _ = cell(x[:, 1], tf.zeros([2, 3]), scope="other")
    m = rc.MultiRNNCell([rc.DropoutWrapper(rc.BasicLSTMCell(4), output_keep_prob=0.5),
                         rc.ResidualWrapper(rc.GRUCell(4)),
                         rc.DeviceWrapper(rc.GRUCell(4), "/cpu:0")])
    zs = m.zero_state(2, tf.float32)
    init = rc.GRUCell(3).get_initial_state(inputs=x[:, 0])
    obs.update({
        "scoped_outputs": [o1.name, o2.name],
        "vars": [v.name for v in tf.global_variables()],
        "wrapper_zero_state": [t.name for t in (zs[0].c, zs[0].h, zs[1], zs[2])],
        "wrapper_sizes": [str(m.state_size), m.output_size],
        "initial_state": [init.name, init.shape.as_list()],
        "lstm_tuple_dtype": lstm_state.dtype.name,
    })
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        x_val = np.ones((2, 5, 4), np.float32)
        obs["runtime_ok"] = sess.run(out, {x: x_val, lens: [5, 1]}).shape
        obs["runtime_bad_len"] = _err(lambda: sess.run(out, {x: x_val, lens: [5, 1, 2]}))
    return obs
