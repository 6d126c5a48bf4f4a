"""Conv2D + bias add (+ ReLU) run as one fused kernel where nothing else reads the intermediates,
with exactly the values of the separate ops; anywhere else the ops run unfused."""
import numpy as np
import pytest

import varflow as tf

RNG = np.random.RandomState(0)
X = RNG.randn(2, 9, 9, 3).astype(np.float32)
W = RNG.randn(3, 3, 3, 4).astype(np.float32)
B = RNG.randn(4).astype(np.float32)


def _program_ops(sess, fetches, feeds=()):
    """The ops of the steps the session's plan for `fetches` runs (fused steps count once)."""
    plan = sess._plan(tuple(fetches), tuple(feeds))
    return [op.type for op in plan._line_ops[1]]


def _reference(x, w, b, relu=True):
    """The unfused graph's result: each op a separate step (the intermediates are fetched too)."""
    with tf.Graph().as_default():
        c = tf.nn.conv2d(tf.constant(x), tf.constant(w), [1, 1, 1, 1], "SAME")
        a = c + tf.constant(b)
        out = tf.nn.relu(a) if relu else a
        with tf.Session() as sess:
            return sess.run([out, c, a])[0]


@pytest.mark.parametrize("form", ["add", "add_reversed", "bias_add", "no_relu"])
def test_conv_bias_relu_runs_fused_with_the_separate_ops_values(form):
    x = tf.placeholder(tf.float32, X.shape)
    w = tf.get_variable("w", initializer=W)
    b = tf.get_variable("b", initializer=B)
    c = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME")
    a = {"add": lambda: c + b, "add_reversed": lambda: b + c,
         "bias_add": lambda: tf.nn.bias_add(c, b), "no_relu": lambda: c + b}[form]()
    y = a if form == "no_relu" else tf.nn.relu(a)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        types = _program_ops(sess, [y], [x])
        got = sess.run(y, {x: X})
    assert "Relu" not in types and not {"Add", "AddV2", "BiasAdd"} & set(types)
    assert types.count("Conv2D") == 1
    np.testing.assert_array_equal(got, _reference(X, W, B, relu=form != "no_relu"))


def test_nans_and_signed_zeros_pass_through_as_unfused():
    x = X.copy()
    x[0, 4, 4, :] = np.nan
    b = np.array([0.0, -0.0, 1.0, -1.0], np.float32)
    xt = tf.constant(x)
    y = tf.nn.relu(tf.nn.conv2d(xt, tf.constant(W), [1, 1, 1, 1], "SAME") + tf.constant(b))
    with tf.Session() as sess:
        got = sess.run(y)
    want = _reference(x, W, b)
    np.testing.assert_array_equal(got, want)
    assert np.isnan(got).any()
    np.testing.assert_array_equal(np.signbit(got), np.signbit(want))


def test_fetched_or_shared_intermediates_stay_unfused():
    x = tf.constant(X)
    c = tf.nn.conv2d(x, tf.constant(W), [1, 1, 1, 1], "SAME")
    a = c + tf.constant(B)
    y = tf.nn.relu(a)
    z = a * 2.0                                     # a second reader of the bias add
    with tf.Session() as sess:
        assert "AddV2" in _program_ops(sess, [y, c]) or "Add" in _program_ops(sess, [y, c])
        assert "Relu" in _program_ops(sess, [y, z])
        y1, c1 = sess.run([y, c])
        y2, z2 = sess.run([y, z])
        y3 = sess.run(y)
    np.testing.assert_array_equal(y1, y3)
    np.testing.assert_array_equal(y2, y3)
    np.testing.assert_array_equal(z2, (c1 + B) * 2.0)


def test_biases_that_are_not_per_channel_stay_unfused():
    x = tf.constant(X)
    c = tf.nn.conv2d(x, tf.constant(W), [1, 1, 1, 1], "SAME")
    for bias in (np.float32(0.5), np.ones((1, 1, 1, 4), np.float32), np.ones((9, 4), np.float32)):
        y = tf.nn.relu(c + tf.constant(bias))
        with tf.Session() as sess:
            assert "Relu" in _program_ops(sess, [y])
            got, conv = sess.run([y, c])
        np.testing.assert_array_equal(got, np.maximum(conv + bias, 0))


def test_no_fusion_across_a_state_change_so_reads_keep_their_order():
    w = tf.get_variable("w", initializer=W)
    c = tf.nn.conv2d(tf.constant(X), w, [1, 1, 1, 1], "SAME")     # reads w...
    bump = tf.assign_add(w, tf.ones_like(W))
    with tf.control_dependencies([bump]):                          # ...before w changes
        b = tf.constant(B) + 0.0
    y = tf.nn.relu(c + b)
    with tf.Session() as sess:
        sess.run(w.initializer)
        assert "Relu" in _program_ops(sess, [y])
        got = sess.run(y)
    np.testing.assert_array_equal(got, _reference(X, W, B))


def test_training_through_a_fused_forward_matches_the_unfused_graph():
    losses = []
    for fetch_intermediate in (False, True):
        with tf.Graph().as_default():
            x = tf.constant(X)
            w = tf.get_variable("w", initializer=W)
            b = tf.get_variable("b", initializer=B)
            c = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME")
            y = tf.nn.relu(c + b)
            loss = tf.reduce_mean(tf.square(y))
            train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                fetch = [loss, train, c] if fetch_intermediate else [loss, train]
                losses.append([sess.run(fetch)[0] for _ in range(3)] + [sess.run(loss)])
    np.testing.assert_array_equal(losses[0], losses[1])


def test_conv_then_relu_without_a_bias_runs_fused():
    y = tf.nn.relu(tf.nn.conv2d(tf.constant(X), tf.constant(W), [1, 1, 1, 1], "SAME"))
    with tf.Session() as sess:
        types = _program_ops(sess, [y])
        got = sess.run(y)
    assert "Relu" not in types
    np.testing.assert_array_equal(got, _reference(X, W, np.zeros(4, np.float32)))
