"""tf.nn.static_rnn / dynamic_rnn / bidirectional forms: values against NumPy and against each
other, sequence_length semantics, gradients through the while loop (finite differences), names,
and TF's errors. (Also cross-checked with TF 2.21 in tests/crosscheck/cases/rnn_*.py.)"""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.ops import rnn
from varflow.ops import rnn_cell_impl as rc
from varflow.testing.gradient_checker import assert_gradients_match


def _load(sess):
    for k, v in enumerate(tf.trainable_variables()):
        shape = v.shape.as_list()
        v.load((np.sin(np.arange(int(np.prod(shape))) * 0.7 + k) * 0.5).reshape(shape), sess)


def _np_rnn(x, kernel, bias, lengths):
    """BasicRNNCell over batch-major x with TF's sequence_length semantics."""
    b, t, _ = x.shape
    h = np.zeros((b, kernel.shape[1]))
    outs = np.zeros((b, t, kernel.shape[1]))
    for s in range(t):
        new = np.tanh(np.concatenate([x[:, s], h], 1) @ kernel + bias)
        live = (s < lengths)[:, None]
        outs[:, s] = np.where(live, new, 0.0)
        h = np.where(live, new, h)
    return outs, h


X = (np.cos(np.arange(3 * 5 * 2) * 0.37) * 1.2).reshape(3, 5, 2).astype(np.float32)


def test_static_and_dynamic_match_numpy_with_sequence_length():
    lengths = np.array([5, 2, 0])
    with tf.Graph().as_default():
        x = tf.constant(X)
        cell = rc.BasicRNNCell(3)
        outs, st = rnn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32,
                                  sequence_length=lengths)
        d_out, d_st = rnn.dynamic_rnn(cell, x, dtype=tf.float32, sequence_length=lengths)
        assert [v.name for v in tf.global_variables()] == ["rnn/basic_rnn_cell/kernel:0",
                                                           "rnn/basic_rnn_cell/bias:0"]
        assert d_out.shape.as_list() == [3, 5, 3] and d_out.name == "rnn_1/transpose_1:0"
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            _load(sess)
            kernel, bias = sess.run(tf.trainable_variables())
            s_out, s_st, dy_out, dy_st = sess.run([outs, st, d_out, d_st])
    ref_out, ref_h = _np_rnn(X.astype(np.float64), kernel, bias, lengths)
    np.testing.assert_allclose(np.stack(s_out, 1), ref_out, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(s_st, ref_h, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(dy_out, ref_out, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(dy_st, ref_h, rtol=1e-5, atol=1e-6)


def test_dynamic_equals_static_values_and_gradients_multicell():
    lengths = [4, 5, 1]

    def build(dynamic):
        cell = rc.MultiRNNCell([rc.LSTMCell(3, use_peepholes=True, num_proj=2),
                                rc.GRUCell(2)])
        x = tf.constant(X)
        if dynamic:
            out, st = rnn.dynamic_rnn(cell, x, dtype=tf.float32, sequence_length=lengths)
        else:
            outs, st = rnn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32,
                                      sequence_length=lengths)
            out = tf.stack(outs, 1)
        parts = [out] + rc.flatten(st)
        loss = tf.add_n([tf.reduce_sum(tf.sin(p * (i + 1.0))) for i, p in enumerate(parts)])
        grads = tf.gradients(loss, tf.trainable_variables() + [x])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            _load(sess)
            return sess.run([parts, grads])

    with tf.Graph().as_default():
        a_vals, a_grads = build(False)
    with tf.Graph().as_default():
        b_vals, b_grads = build(True)
    for a, b in zip(a_vals + a_grads, b_vals + b_grads):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_dynamic_rnn_time_major_unknown_shapes_and_padding():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, None, 2])
        lens = tf.placeholder(tf.int32, [None])
        cell = rc.GRUCell(3)
        out, st = rnn.dynamic_rnn(cell, x, sequence_length=lens, dtype=tf.float32,
                                  parallel_iterations=4, swap_memory=True)
        tm_out, tm_st = rnn.dynamic_rnn(cell, tf.transpose(x, [1, 0, 2]), time_major=True,
                                        sequence_length=lens, dtype=tf.float32)
        assert out.shape.as_list() == [None, None, 3] and st.shape.as_list() == [None, 3]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for t in (5, 2):
                feed = {x: X[:, :t], lens: [2, 1, 2][:3]}
                o, s, to, ts = sess.run([out, st, tm_out, tm_st], feed)
                assert o.shape == (3, t, 3)
                np.testing.assert_allclose(o, np.transpose(to, [1, 0, 2]), rtol=1e-6)
                np.testing.assert_allclose(s, ts, rtol=1e-6)
                assert not o[:, 2:].any()                      # zeros past every length
                np.testing.assert_allclose(s[1], o[1, 0], rtol=1e-6)   # state of length 1


def test_dynamic_rnn_initial_state_and_scope():
    with tf.Graph().as_default():
        cell = rc.BasicLSTMCell(2)
        init = rc.LSTMStateTuple(tf.ones([3, 2]), tf.ones([3, 2]) * 0.5)
        out, st = rnn.dynamic_rnn(cell, tf.constant(X), initial_state=init, scope="enc")
        assert isinstance(st, rc.LSTMStateTuple)
        assert [v.name for v in tf.global_variables()] == ["enc/basic_lstm_cell/kernel:0",
                                                           "enc/basic_lstm_cell/bias:0"]
        out2, _ = rnn.dynamic_rnn(cell, tf.constant(X), initial_state=init, scope="enc")
        assert len(tf.global_variables()) == 2                    # the same cell reuses
        with pytest.raises(ValueError, match="already exists"):
            rnn.dynamic_rnn(rc.BasicLSTMCell(2), tf.constant(X), dtype=tf.float32, scope="enc")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            a, b = sess.run([out, out2])
        np.testing.assert_allclose(a, b)


def test_gradients_through_the_loop_match_finite_differences():
    rng = np.random.default_rng(0)
    shapes = {"gates/kernel": (5, 6), "gates/bias": (6,), "candidate/kernel": (5, 3),
              "candidate/bias": (3,)}
    names = list(shapes)
    weights = [rng.standard_normal(shapes[n]) * 0.5 for n in names]

    def build(x, h0, *ws):
        table = dict(zip(names, ws))

        def getter(getter, name, *args, **kwargs):
            return table[name.split("gru_cell/")[1]]
        with tf.variable_scope("g", custom_getter=getter):
            out, st = rnn.dynamic_rnn(rc.GRUCell(3), x, initial_state=h0,
                                      sequence_length=[4, 2])
        return tf.concat([tf.reshape(out, [2, -1]), st], 1)
    assert_gradients_match(build, [rng.standard_normal((2, 4, 2)),
                                   rng.standard_normal((2, 3)) * 0.5] + weights)


def test_bidirectional_dynamic_rnn_reverses_within_lengths():
    lengths = np.array([5, 2, 3])
    with tf.Graph().as_default():
        x = tf.constant(X)
        fw, bw = rc.BasicRNNCell(2), rc.BasicRNNCell(3)
        (of, ob), (sf, sb) = rnn.bidirectional_dynamic_rnn(fw, bw, x, sequence_length=lengths,
                                                           dtype=tf.float32)
        names = [v.name for v in tf.global_variables()]
        assert names == ["bidirectional_rnn/fw/basic_rnn_cell/kernel:0",
                         "bidirectional_rnn/fw/basic_rnn_cell/bias:0",
                         "bidirectional_rnn/bw/basic_rnn_cell/kernel:0",
                         "bidirectional_rnn/bw/basic_rnn_cell/bias:0"]
        (tf_, tb), _ = rnn.bidirectional_dynamic_rnn(fw, bw, tf.transpose(x, [1, 0, 2]),
                                                     sequence_length=lengths, time_major=True,
                                                     dtype=tf.float32, scope="bidirectional_rnn")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            _load(sess)
            kf, bf, kb, bb = sess.run(tf.trainable_variables())
            vals = sess.run([of, ob, sf, sb, tf_, tb])
    ref_f, ref_sf = _np_rnn(X.astype(np.float64), kf, bf, lengths)
    rev = np.stack([np.concatenate([X[i, :n][::-1], X[i, n:]]) for i, n in enumerate(lengths)])
    ref_b, ref_sb = _np_rnn(rev.astype(np.float64), kb, bb, lengths)
    ref_b = np.stack([np.concatenate([ref_b[i, :n][::-1], ref_b[i, n:]])
                      for i, n in enumerate(lengths)])
    for got, want in zip(vals, [ref_f, ref_b, ref_sf, ref_sb, ref_f.transpose(1, 0, 2),
                                ref_b.transpose(1, 0, 2)]):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_static_bidirectional_and_stacked():
    with tf.Graph().as_default():
        xs = tf.unstack(tf.constant(X), axis=1)
        outs, sf, sb = rnn.static_bidirectional_rnn(rc.GRUCell(2), rc.GRUCell(3), xs,
                                                    dtype=tf.float32, sequence_length=[5, 2, 3])
        assert len(outs) == 5 and outs[0].shape.as_list() == [3, 5]
        assert outs[0].name == "concat:0"
        s_out, s_fw, s_bw = rnn.stack_bidirectional_rnn(
            [rc.GRUCell(2), rc.GRUCell(2)], [rc.GRUCell(2), rc.GRUCell(2)], xs,
            dtype=tf.float32)
        d_out, d_fw, d_bw = rnn.stack_bidirectional_dynamic_rnn(
            [rc.BasicLSTMCell(2)], [rc.BasicLSTMCell(3)], tf.constant(X), dtype=tf.float32,
            sequence_length=[5, 2, 3])
        assert s_out[0].shape.as_list() == [3, 4] and len(s_fw) == 2
        assert d_out.shape.as_list() == [3, 5, 5] and isinstance(d_bw[0], rc.LSTMStateTuple)
        names = [v.name for v in tf.global_variables()]
        assert "stack_bidirectional_rnn/cell_1/fw/gru_cell/gates/kernel:0" in names
        assert ("stack_bidirectional_rnn/cell_0/bidirectional_rnn/bw/basic_lstm_cell/"
                "kernel:0") in names
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            o, f = sess.run([outs, sf])
        np.testing.assert_allclose(o[-1][1, :2], 0.0)         # fw zero past length 2
        np.testing.assert_allclose(f[1], o[1][1, :2], rtol=1e-6)
        with pytest.raises(ValueError, match="same depth"):
            rnn.stack_bidirectional_rnn([rc.GRUCell(2)], [rc.GRUCell(2)] * 2, xs,
                                        dtype=tf.float32)


def test_static_state_saving_rnn():
    class Saver:
        def __init__(self):
            self.saved = {}
            self.init = {"c": tf.zeros([3, 2]), "h": tf.ones([3, 2])}

        def state(self, name):
            return self.init[name]

        def save_state(self, name, value):
            self.saved[name] = value
            return tf.no_op(name="save_" + name)

    with tf.Graph().as_default():
        saver = Saver()
        outs, st = rnn.static_state_saving_rnn(rc.BasicLSTMCell(2),
                                               tf.unstack(tf.constant(X), axis=1), saver,
                                               ("c", "h"))
        assert sorted(saver.saved) == ["c", "h"]
        assert {c.name for c in outs[-1].op.control_inputs} == {"save_c", "save_h"}
        with pytest.raises(ValueError, match="same type"):
            rnn.static_state_saving_rnn(rc.BasicLSTMCell(2), [tf.constant(X[:, 0])], saver, "c")


def test_errors_match_tensorflow():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2, 5, 4])
        with pytest.raises(ValueError, match="dtype"):
            rnn.dynamic_rnn(rc.GRUCell(2), x)
        with pytest.raises(ValueError, match="dtype"):
            rnn.static_rnn(rc.GRUCell(2), [x[:, 0]])
        with pytest.raises(ValueError, match="depth of inputs"):
            rnn.dynamic_rnn(rc.GRUCell(2), tf.placeholder(tf.float32, [2, 5, None]),
                            dtype=tf.float32, scope="a")
        with pytest.raises(ValueError, match="rank at least 3"):
            rnn.dynamic_rnn(rc.GRUCell(2), tf.placeholder(tf.float32, [2, 5]),
                            dtype=tf.float32, scope="b")
        with pytest.raises(ValueError, match="shape inference"):
            rnn.static_rnn(rc.GRUCell(2), [tf.placeholder(tf.float32, [2, None])],
                           dtype=tf.float32, scope="c")
        with pytest.raises(TypeError, match="must be a sequence"):
            rnn.static_rnn(rc.GRUCell(2), x, dtype=tf.float32)
        with pytest.raises(ValueError, match="must not be empty"):
            rnn.static_rnn(rc.GRUCell(2), [], dtype=tf.float32)
        with pytest.raises(TypeError, match="is not an RNNCell"):
            rnn.dynamic_rnn(lambda a, b: a, x, dtype=tf.float32)
        with pytest.raises(ValueError, match="sequence_length must be a vector"):
            rnn.dynamic_rnn(rc.GRUCell(2), x, dtype=tf.float32, sequence_length=[[1]])
        with pytest.raises(ValueError, match="floating point"):
            rnn.dynamic_rnn(rc.GRUCell(2), tf.placeholder(tf.int32, [2, 3, 4]), dtype=tf.int32,
                            scope="d")
        lens = tf.placeholder(tf.int32, [None])
        out, _ = rnn.dynamic_rnn(rc.GRUCell(2), x, sequence_length=lens, dtype=tf.float32,
                                 scope="e")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            with pytest.raises(errors.InvalidArgumentError):
                sess.run(out, {x: np.ones((2, 5, 4)), lens: [1, 2, 3]})


def test_training_reduces_loss():
    rng = np.random.default_rng(1)
    data = rng.standard_normal((4, 6, 3)).astype(np.float32)
    target = np.sum(data, axis=(1, 2))[:, None].astype(np.float32) * 0.1
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, [None, 6, 3])
        out, st = rnn.dynamic_rnn(rc.MultiRNNCell([rc.LSTMCell(4), rc.LSTMCell(4)]), x,
                                  dtype=tf.float32)
        pred = tf.layers.dense(st[-1].h, 1)
        loss = tf.reduce_mean(tf.square(pred - target))
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            first = sess.run(loss, {x: data})
            for _ in range(30):
                sess.run(train, {x: data})
            last = sess.run(loss, {x: data})
    assert last < first * 0.5
