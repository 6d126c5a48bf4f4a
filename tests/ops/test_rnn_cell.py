"""tf.nn.rnn_cell cells: TF's variable names and shapes, values against NumPy references,
gradients against finite differences, the wrappers, and TF's errors for bad input.
(Values and names were also cross-checked with TF 2.21: tests/crosscheck/cases/rnn_*.py.)"""
import numpy as np
import pytest

import varflow as tf
from varflow.ops import rnn_cell_impl as rc
from varflow.testing.gradient_checker import assert_gradients_match


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _weights(shape, k=0):
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * 0.7 + k) * 0.5).reshape(shape)


def _run_cell(cell, x, state, dtype=np.float32):
    """Call `cell` on constants, load deterministic weights, and return (weights, out, state)."""
    with tf.Graph().as_default():
        xt = tf.constant(x.astype(dtype))
        st = rc.map_structure(lambda s: tf.constant(s.astype(dtype)), state)
        out, new = cell(xt, st)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            ws = {}
            for k, v in enumerate(tf.trainable_variables()):
                ws[v.op.name.split("/", 1)[1]] = w = _weights(v.shape.as_list(), k)
                v.load(w.astype(dtype), sess)
            out_v, new_v = sess.run([out, new])
    return ws, out_v, new_v


X = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])


def test_basic_rnn_cell_matches_numpy_and_names():
    h = np.array([[0.1, 0.2, -0.3, 0.4], [0.0, -0.5, 0.5, 1.0]])
    ws, out, new = _run_cell(rc.BasicRNNCell(4), X, h)
    ref = np.tanh(np.concatenate([X, h], 1) @ ws["kernel"] + ws["bias"])
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(new, ref, rtol=1e-5, atol=1e-6)
    assert sorted(ws) == ["bias", "kernel"]


def test_basic_lstm_cell_gate_order_and_forget_bias():
    c = np.array([[0.1, -0.2, 0.3], [0.5, 0.0, -1.0]])
    h = np.array([[0.2, 0.1, -0.1], [-0.3, 0.4, 0.0]])
    ws, out, (new_c, new_h) = _run_cell(rc.BasicLSTMCell(3, forget_bias=0.5), X,
                                        rc.LSTMStateTuple(c, h))
    z = np.concatenate([X, h], 1) @ ws["kernel"] + ws["bias"]
    i, j, f, o = np.split(z, 4, axis=1)
    ref_c = c * _sigmoid(f + 0.5) + _sigmoid(i) * np.tanh(j)
    ref_h = np.tanh(ref_c) * _sigmoid(o)
    np.testing.assert_allclose(new_c, ref_c, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(new_h, ref_h, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out, ref_h, rtol=1e-5, atol=1e-6)


def test_basic_lstm_cell_concatenated_state():
    state = np.array([[0.1, -0.2, 0.2, 0.1], [0.5, 0.0, -0.3, 0.4]])
    ws, out, new = _run_cell(rc.BasicLSTMCell(2, state_is_tuple=False), X, state)
    c, h = state[:, :2], state[:, 2:]
    i, j, f, o = np.split(np.concatenate([X, h], 1) @ ws["kernel"] + ws["bias"], 4, axis=1)
    ref_c = c * _sigmoid(f + 1.0) + _sigmoid(i) * np.tanh(j)
    ref_h = np.tanh(ref_c) * _sigmoid(o)
    np.testing.assert_allclose(new, np.concatenate([ref_c, ref_h], 1), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out, ref_h, rtol=1e-5, atol=1e-6)


def test_lstm_cell_peepholes_clip_and_projection():
    c = np.array([[0.1, -0.2, 0.3, 0.9], [0.5, 0.0, -1.0, 0.2]])
    m = np.array([[0.2, -0.1], [0.3, 0.4]])
    cell = rc.LSTMCell(4, use_peepholes=True, cell_clip=0.3, num_proj=2, proj_clip=0.2,
                       forget_bias=0.25)
    ws, out, (new_c, new_m) = _run_cell(cell, X, rc.LSTMStateTuple(c, m))
    assert sorted(ws) == ["bias", "kernel", "projection/kernel", "w_f_diag", "w_i_diag",
                          "w_o_diag"]
    i, j, f, o = np.split(np.concatenate([X, m], 1) @ ws["kernel"] + ws["bias"], 4, axis=1)
    ref_c = (_sigmoid(f + 0.25 + ws["w_f_diag"] * c) * c
             + _sigmoid(i + ws["w_i_diag"] * c) * np.tanh(j))
    ref_c = np.clip(ref_c, -0.3, 0.3)
    ref_m = _sigmoid(o + ws["w_o_diag"] * ref_c) * np.tanh(ref_c)
    ref_m = np.clip(ref_m @ ws["projection/kernel"], -0.2, 0.2)
    np.testing.assert_allclose(new_c, ref_c, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(new_m, ref_m, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out, ref_m, rtol=1e-5, atol=1e-6)
    assert cell.state_size == (4, 2) and cell.output_size == 2


def test_gru_cell_matches_numpy_and_gate_bias_is_one():
    h = np.array([[0.1, 0.2, -0.3], [0.0, -0.5, 0.5]])
    ws, out, new = _run_cell(rc.GRUCell(3), X, h)
    r, u = np.split(_sigmoid(np.concatenate([X, h], 1) @ ws["gates/kernel"]
                             + ws["gates/bias"]), 2, axis=1)
    cand = np.tanh(np.concatenate([X, r * h], 1) @ ws["candidate/kernel"]
                   + ws["candidate/bias"])
    np.testing.assert_allclose(out, u * h + (1 - u) * cand, rtol=1e-5, atol=1e-6)
    with tf.Graph().as_default():
        cell = rc.GRUCell(3)
        cell(tf.zeros([2, 3]), tf.zeros([2, 3]))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            gb, cb = sess.run([cell._gate_bias, cell._candidate_bias])
    np.testing.assert_array_equal(gb, np.ones(6, np.float32))
    np.testing.assert_array_equal(cb, np.zeros(3, np.float32))


def test_gru_cell_initializers():
    with tf.Graph().as_default():
        cell = rc.GRUCell(2, kernel_initializer=tf.constant_initializer(0.5),
                          bias_initializer=tf.constant_initializer(-1.0))
        cell(tf.zeros([1, 3]), tf.zeros([1, 2]))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            vals = sess.run(cell.trainable_weights)
    assert [v.tolist() for v in vals[1::2]] == [[-1.0] * 4, [-1.0] * 2]
    assert vals[0].shape == (5, 4) and float(vals[0][0, 0]) == 0.5


def _custom_getter_build(make_cell, names, x, state, *weights):
    """Build the cell with its variables replaced by the given tensors (for gradient checks)."""
    table = dict(zip(names, weights))

    def getter(getter, name, *args, **kwargs):
        return table[name.split("/", 2)[2]]
    with tf.variable_scope("g", custom_getter=getter):
        out, new = make_cell()(x, state)
    return tf.concat([out] + rc.flatten(new), 1)


@pytest.mark.parametrize("make,names,state_shapes", [
    (lambda: rc.BasicLSTMCell(2), ["kernel", "bias"], [(2, 2), (2, 2)]),
    (lambda: rc.GRUCell(2), ["gates/kernel", "gates/bias", "candidate/kernel",
                             "candidate/bias"], [(2, 2)]),
    (lambda: rc.LSTMCell(2, use_peepholes=True, num_proj=1, cell_clip=10.0),
     ["kernel", "bias", "w_f_diag", "w_i_diag", "w_o_diag", "projection/kernel"],
     [(2, 2), (2, 1)]),
])
def test_cell_gradients_match_finite_differences(make, names, state_shapes):
    rng = np.random.default_rng(3)
    probe = {"BasicLSTMCell": [(5, 8), (8,)], "GRUCell": [(5, 4), (4,), (5, 2), (2,)],
             "LSTMCell": [(4, 8), (8,), (2,), (2,), (2,), (2, 1)]}[type(make()).__name__]
    weights = [rng.standard_normal(s) * 0.5 for s in probe]
    x = rng.standard_normal((2, 3))
    states = [rng.standard_normal(s) * 0.5 for s in state_shapes]

    def build(x, *rest):
        st = rest[:len(states)]
        state = rc.LSTMStateTuple(*st) if len(st) == 2 else st[0]
        return _custom_getter_build(make, names, x, state, *rest[len(states):])
    assert_gradients_match(build, [x] + states + weights)


def test_variable_names_reuse_and_scope_argument():
    with tf.Graph().as_default():
        cell = rc.BasicRNNCell(3)
        x = tf.zeros([2, 4])
        o1, _ = cell(x, tf.zeros([2, 3]), scope="myscope")
        o2, _ = cell(x, tf.zeros([2, 3]), scope="other")
        assert (o1.name, o2.name) == ("myscope/Tanh:0", "myscope/Tanh_1:0")
        m = rc.MultiRNNCell([rc.BasicLSTMCell(2), rc.GRUCell(2)])
        m(x, m.zero_state(2, tf.float32))
        names = [v.name for v in tf.global_variables()]
        assert names == ["myscope/kernel:0", "myscope/bias:0",
                         "multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0",
                         "multi_rnn_cell/cell_0/basic_lstm_cell/bias:0",
                         "multi_rnn_cell/cell_1/gru_cell/gates/kernel:0",
                         "multi_rnn_cell/cell_1/gru_cell/gates/bias:0",
                         "multi_rnn_cell/cell_1/gru_cell/candidate/kernel:0",
                         "multi_rnn_cell/cell_1/gru_cell/candidate/bias:0"]
        assert [v.name for v in tf.trainable_variables()] == names
        assert [v.name for v in m.trainable_weights] == names[2:]


def test_zero_state_and_get_initial_state():
    with tf.Graph().as_default():
        cell = rc.LSTMCell(3, num_proj=2)
        zs = cell.zero_state(4, tf.float64)
        assert [t.name for t in zs] == ["LSTMCellZeroState/zeros:0", "LSTMCellZeroState/zeros_1:0"]
        assert [t.shape.as_list() for t in zs] == [[4, 3], [4, 2]]
        assert zs.dtype == tf.float64
        x = tf.placeholder(tf.float32, [None, 5])
        init = rc.GRUCell(3).get_initial_state(inputs=x)
        assert init.shape.as_list() == [None, 3]
        with tf.Session() as sess:
            assert sess.run(init, {x: np.ones((2, 5))}).shape == (2, 3)
        with pytest.raises(ValueError, match="batch_size and dtype cannot be None"):
            rc.GRUCell(3).get_initial_state()


def test_multi_rnn_cell_flat_state():
    with tf.Graph().as_default():
        m = rc.MultiRNNCell([rc.GRUCell(3), rc.BasicRNNCell(2)], state_is_tuple=False)
        assert m.state_size == 5 and m.output_size == 2
        zs = m.zero_state(2, tf.float32)
        assert zs.name == "MultiRNNCellZeroState/MultiRNNCellZeroState/zeros:0"
        out, new = m(tf.ones([2, 4]), zs)
        assert new.shape.as_list() == [2, 5] and out.shape.as_list() == [2, 2]


def test_dropout_wrapper():
    with tf.Graph().as_default():
        x = tf.ones([50, 4])
        base = rc.BasicLSTMCell(4)
        same = rc.DropoutWrapper(base, input_keep_prob=1.0, output_keep_prob=1.0)
        o1, s1 = base(x, base.zero_state(50, tf.float32))
        o2, s2 = same(x, same.zero_state(50, tf.float32))
        drop = rc.DropoutWrapper(base, output_keep_prob=0.5, state_keep_prob=0.5, seed=3)
        o3, s3 = drop(x, drop.zero_state(50, tf.float32))
        assert drop.state_size == base.state_size and drop.wrapped_cell is base
        assert len(tf.global_variables()) == 2
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            a, b, c, sc, sh, s1c = sess.run([o1, o2, o3, s3.c, s3.h, s1.c])
    np.testing.assert_allclose(a, b)
    kept = c != 0
    assert 0.2 < kept.mean() < 0.8
    np.testing.assert_allclose(c[kept], 2 * a[kept], rtol=1e-6)
    np.testing.assert_allclose(sc, s1c)              # the c part of an LSTM state is kept
    assert (sh == 0).any()


def test_dropout_wrapper_errors():
    with pytest.raises(ValueError, match="between 0 and 1"):
        rc.DropoutWrapper(rc.GRUCell(2), input_keep_prob=1.5)
    with pytest.raises(ValueError, match="variational_recurrent"):
        rc.DropoutWrapper(rc.GRUCell(2), variational_recurrent=True, dtype=tf.float32)
    with pytest.raises(TypeError, match="not an RNNCell"):
        rc.DropoutWrapper(lambda x: x)


def test_residual_and_device_wrappers():
    with tf.Graph().as_default():
        x = tf.constant(np.ones((2, 3), np.float32))
        inner = rc.GRUCell(3)
        res = rc.ResidualWrapper(inner)
        out, new = res(x, tf.zeros([2, 3]))
        dev = rc.DeviceWrapper(rc.BasicRNNCell(3), "/cpu:0")
        zs = dev.zero_state(2, tf.float32)
        o2, _ = dev(x, zs)
        assert "gru_cell/" in inner.trainable_weights[0].name
        assert zs.name == "DeviceWrapperZeroState/BasicRNNCellZeroState/zeros:0"
        assert o2.op.device.lower().endswith("cpu:0")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            o, n = sess.run([out, new])
        np.testing.assert_allclose(o, n + 1.0, rtol=1e-6)
        custom = rc.ResidualWrapper(rc.GRUCell(3), residual_fn=lambda i, o: i * o)
        o3, n3 = custom(x, tf.zeros([2, 3]))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            a, b = sess.run([o3, n3])
        np.testing.assert_allclose(a, b, rtol=1e-6)
        with pytest.raises(ValueError):
            rc.ResidualWrapper(rc.GRUCell(2))(x, tf.zeros([2, 2]))


def test_errors_for_bad_input():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="expected ndim=2"):
            rc.GRUCell(2)(tf.zeros([2, 5, 4]), tf.zeros([2, 2]))
        with pytest.raises(ValueError, match="Expected inputs.shape"):
            rc.BasicLSTMCell(2)(tf.placeholder(tf.float32, [2, None]),
                                rc.LSTMStateTuple(tf.zeros([2, 2]), tf.zeros([2, 2])))
        with pytest.raises(ValueError, match="floating point"):
            rc.BasicRNNCell(2)(tf.zeros([2, 3], tf.int32), tf.zeros([2, 2], tf.int32))
        with pytest.raises(ValueError, match="at least one cell"):
            rc.MultiRNNCell([])
        with pytest.raises(TypeError, match="list or tuple"):
            rc.MultiRNNCell(rc.GRUCell(2))
        with pytest.raises(ValueError, match="state_is_tuple"):
            rc.MultiRNNCell([rc.BasicLSTMCell(2)], state_is_tuple=False)
        with pytest.raises(TypeError, match="Inconsistent"):
            _ = rc.LSTMStateTuple(tf.zeros([1]), tf.zeros([1], tf.float64)).dtype


def test_base_cell_needs_sizes():
    with pytest.raises(TypeError, match="state_size"):
        _ = rc.RNNCell().state_size


def test_user_cell_with_get_variable_in_call():
    class MyCell(rc.RNNCell):
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

    with tf.Graph().as_default():
        cell = MyCell(3)
        out, st = cell(tf.ones([2, 4]), cell.zero_state(2, tf.float32), scope="mine")
        cell(tf.ones([2, 4]), st)
        assert [v.name for v in cell.trainable_weights] == ["mine/w:0"]
        assert len(tf.global_variables()) == 1 and out.shape.as_list() == [2, 3]


def test_namespace_modules_export_the_cells():
    from varflow.contrib import rnn as contrib_rnn
    from varflow.nn import rnn_cell

    for name in rnn_cell.__all__:
        assert getattr(rnn_cell, name) is getattr(rc, name)
        assert getattr(contrib_rnn, name) is getattr(rc, name)
    assert callable(contrib_rnn.static_rnn) and callable(contrib_rnn.stack_bidirectional_rnn)
