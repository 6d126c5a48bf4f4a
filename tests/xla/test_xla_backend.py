"""The XLA backend (varflow.xla) gives the NumPy backend's results: per op, in training, with state."""
import numpy as np
import pytest

import varflow as tf

pytest.importorskip("jax")

from varflow.xla import compiler, experimental  # noqa: E402
from varflow.xla.compiler import _Segment  # noqa: E402
from varflow.xla.lowering import LOWERINGS  # noqa: E402
from varflow.xla.state_lowering import STATE_LOWERINGS  # noqa: E402


CPU_DEFAULT_NUMPY_OPS = compiler.NUMPY_FASTER_ON_CPU


@pytest.fixture(autouse=True)
def lower_everything(monkeypatch):
    """These tests check every lowering, also those a CPU run keeps on NumPy by default, and
    compile runs of any size."""
    monkeypatch.setattr(compiler, "NUMPY_FASTER_ON_CPU", frozenset())
    monkeypatch.setattr(compiler, "MIN_CLUSTER_SIZE", 1)


def jit_config():
    cfg = tf.ConfigProto()
    cfg.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    return cfg


def segments(sess):
    return [s[0] for plan in sess._plans.values() for s in plan.steps
            if isinstance(s[0], _Segment)]


def compare(fetches, feed=None, init=True, expect_compiled=True):
    """Run `fetches` with and without XLA; results agree within float32 tolerance, dtypes equal."""
    graph = tf.get_default_graph()
    results = []
    for cfg in (None, jit_config()):
        with tf.Session(graph=graph, config=cfg) as sess:
            if init and tf.global_variables():
                sess.run(tf.global_variables_initializer())
            results.append(sess.run(fetches, feed))
            if cfg is not None and expect_compiled:
                segs = segments(sess)
                assert segs and not any(s.broken for s in segs)
    want, got = (r if isinstance(r, list) else [r] for r in results)
    for w, g in zip(want, got):
        w, g = np.asarray(w), np.asarray(g)
        assert w.dtype == g.dtype and w.shape == g.shape
        if w.dtype.kind in "fc":
            np.testing.assert_allclose(g, w, rtol=2e-5, atol=2e-5)
        else:
            np.testing.assert_array_equal(g, w)
    return got


RNG = np.random.RandomState(0)
A = RNG.randn(3, 4).astype(np.float32)
B = RNG.randn(3, 4).astype(np.float32)
P = (np.abs(RNG.randn(3, 4)) + 0.5).astype(np.float32)
IMG = RNG.randn(2, 6, 6, 3).astype(np.float32)
FILT = RNG.randn(3, 3, 3, 4).astype(np.float32)


def _p(value):
    return tf.placeholder(tf.as_dtype(value.dtype), value.shape)


UNARY = ["abs", "exp", "log", "sqrt", "rsqrt", "square", "tanh", "sigmoid", "negative", "floor",
         "ceil", "sin", "cos", "log1p", "expm1", "sign", "reciprocal", "round", "erf"]
BINARY = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "pow",
          "squared_difference", "floordiv", "floormod", "equal", "less", "greater_equal"]


def test_unary():
    x = _p(P)
    compare([getattr(tf.math, name)(x) for name in UNARY], {x: P})


def test_binary():
    x, y = _p(P), _p(B)
    compare([getattr(tf.math, name)(x, y) for name in BINARY], {x: P, y: B})


CASES = {
    "matmul": lambda x: tf.matmul(x, x, transpose_b=True),
    "reduce": lambda x: [tf.reduce_sum(x, 1), tf.reduce_mean(x), tf.reduce_max(x, 0, keepdims=True),
                         tf.reduce_min(x, [0, 1]), tf.reduce_prod(x, 1)],
    "argmax": lambda x: [tf.argmax(x, 1), tf.argmin(x, 0, output_type=tf.int32)],
    "cast": lambda x: [tf.cast(x * 3, tf.int32), tf.cast(x, tf.float64), tf.cast(x, tf.int64)],
    "shape": lambda x: [tf.reshape(x, [-1]), tf.transpose(x), tf.expand_dims(x, 0),
                        tf.squeeze(tf.expand_dims(x, 0)), tf.tile(x, [2, 1]), tf.shape(x) * 2],
    "concat": lambda x: [tf.concat([x, x * 2], 1), tf.stack([x, x]), tf.unstack(x)[1],
                         tf.split(x, 2, axis=1)[1]],
    "slice": lambda x: [x[1:, ::2], x[-1], tf.slice(x, [0, 1], [2, -1])],
    "pad": lambda x: [tf.pad(x, [[1, 0], [0, 2]]), tf.reverse(x, [1])],
    "select": lambda x: tf.where(x > 0, x, -x),
    "softmax": lambda x: [tf.nn.softmax(x), tf.nn.log_softmax(x), tf.nn.relu(x), tf.nn.elu(x),
                          tf.nn.leaky_relu(x), tf.nn.relu6(x * 8), tf.nn.softplus(x)],
    "xent": lambda x: [tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.nn.softmax(x * 2),
                                                                  logits=x),
                       tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 3, 1], logits=x)],
    "bias": lambda x: [tf.nn.bias_add(x, tf.constant([1.0, 2.0, 3.0, 4.0])), tf.nn.l2_loss(x)],
    "one_hot": lambda x: tf.one_hot(tf.argmax(x, 1), 4),
    "gather": lambda x: [tf.gather(x, [2, 0]), tf.gather(x, [1, 1, 3], axis=1)],
    "cumsum": lambda x: [tf.cumsum(x, 1), tf.cumsum(x, 0, exclusive=True, reverse=True)],
    "add_n": lambda x: tf.add_n([x, x, x * 2]),
    "fill": lambda x: [tf.zeros_like(x), tf.ones_like(x), tf.fill(tf.shape(x), 2.0) + x],
    "range": lambda x: tf.range(tf.shape(x)[0]) * 2,
    "gradients": lambda x: tf.gradients(tf.reduce_sum(tf.nn.softmax(tf.matmul(x, x, transpose_b=True))
                                                      * tf.reduce_max(x, 1, keepdims=True)), x),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_ops(case):
    x = _p(A)
    compare(CASES[case](x), {x: A})


@pytest.mark.parametrize("padding, strides", [("SAME", 1), ("VALID", 2)])
def test_conv_and_pool(padding, strides):
    x, f = _p(IMG), _p(FILT)
    y = tf.nn.conv2d(x, f, strides=strides, padding=padding)
    m = tf.nn.max_pool(y, 2, 2, padding)
    a = tf.nn.avg_pool(tf.nn.relu(y), 2, strides, padding)
    dw = tf.nn.depthwise_conv2d(x, f[:, :, :, :2], [1, 1, 1, 1], padding)
    loss = tf.reduce_sum(m) + tf.reduce_sum(a * a) + tf.reduce_sum(dw)
    grads = tf.gradients(loss, [x, f])
    compare([y, m, a, dw] + grads, {x: IMG, f: FILT})


def test_conv_stays_on_numpy_kernels_on_a_cpu(monkeypatch):
    monkeypatch.setattr(compiler, "NUMPY_FASTER_ON_CPU", CPU_DEFAULT_NUMPY_OPS)
    x, f = _p(IMG), _p(FILT)
    y = tf.nn.relu(tf.nn.conv2d(x, f, 1, "SAME") + 1.0)
    grads = tf.gradients(tf.reduce_sum(y * y), [x, f])
    compare([y] + grads, {x: IMG, f: FILT}, expect_compiled=False)
    with tf.Session(config=jit_config()) as sess:
        sess.run(y, {x: IMG, f: FILT})
        lowered = {st[4].type for seg in segments(sess) for st in seg.steps}
        assert "Relu" in lowered or "AddV2" in lowered or "Add" in lowered
        assert not lowered & CPU_DEFAULT_NUMPY_OPS


def test_runs_shorter_than_the_minimum_cluster_stay_on_numpy(monkeypatch):
    monkeypatch.setattr(compiler, "MIN_CLUSTER_SIZE", 4)        # the default, as TF's
    x = _p(A)
    short = tf.exp(x) + 1.0                                      # 2 ops
    long = tf.reduce_sum(tf.tanh(tf.exp(x) * 2.0 + 1.0))         # 5 ops
    with tf.Session(config=jit_config()) as sess:
        sess.run(short, {x: A})
        assert segments(sess) == []
        sess.run(long, {x: A})
        assert len(segments(sess)) == 1
    with experimental.jit_scope():                               # explicitly marked: compiled
        scoped = tf.exp(x) + 2.0
    with tf.Session() as sess:
        sess.run(scoped, {x: A})
        assert len(segments(sess)) == 1


def _graph_types(build) -> set:
    with tf.Graph().as_default() as g:
        build()
        return {op.type for op in g.get_operations()}


def _mlp():
    x = tf.placeholder(tf.float32, [None, 8])
    y = tf.placeholder(tf.int64, [None])
    h = tf.layers.dense(x, 16, activation=tf.nn.relu)
    logits = tf.layers.dense(h, 4)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    return x, y, loss


def _convnet():
    x = tf.placeholder(tf.float32, [None, 8, 8, 1])
    y = tf.placeholder(tf.int64, [None])
    h = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.flatten(h)
    logits = tf.layers.dense(h, 4)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    return x, y, loss


def test_lowerings_cover_mlp_and_convnet_training():
    handled = set(LOWERINGS) | set(STATE_LOWERINGS) | {"Const", "VariableV2", "VarHandleOp",
                                                       "Placeholder"}
    for net in (_mlp, _convnet):
        for opt in (tf.train.GradientDescentOptimizer(0.1), tf.train.AdamOptimizer(0.01)):
            types = _graph_types(lambda o=opt, n=net: o.minimize(n()[2]))
            random_init = {"RandomUniform", "RandomStandardNormal", "TruncatedNormal"}
            assert types - handled - random_init == set()


@pytest.mark.parametrize("net, make_opt", [
    (_mlp, lambda: tf.train.GradientDescentOptimizer(0.1)),
    (_mlp, lambda: tf.train.AdamOptimizer(0.01)),
    (_mlp, lambda: tf.train.MomentumOptimizer(0.1, 0.9)),
    (_convnet, lambda: tf.train.AdamOptimizer(0.01))])
def test_training_matches(net, make_opt):
    losses = []
    for cfg in (None, jit_config()):
        with tf.Graph().as_default():
            tf.set_random_seed(3)
            x, y, loss = net()
            train = make_opt().minimize(loss)
            shape = [6] + x.shape.as_list()[1:]
            xv = np.random.RandomState(1).randn(*shape).astype(np.float32)
            yv = np.arange(6) % 4
            with tf.Session(config=cfg) as sess:
                sess.run(tf.global_variables_initializer())
                losses.append([sess.run([loss, train], {x: xv, y: yv})[0] for _ in range(5)])
                if cfg is not None:
                    train_segments = [s for s in segments(sess) if s.written_vars]
                    assert train_segments and not any(s.broken for s in train_segments)
    np.testing.assert_allclose(losses[1], losses[0], rtol=1e-5, atol=1e-6)
    assert losses[0][-1] < losses[0][0]


def test_state_order_preserved():
    v = tf.Variable(1.0)
    a1 = tf.assign_add(v, 2.0)
    with tf.control_dependencies([a1]):
        a2 = tf.assign_add(v, 3.0)
        r1 = tf.identity(a1) * 10          # reads v after both updates? no: a1's ref, read now
    with tf.control_dependencies([a2]):
        a3 = tf.assign(v, a2 * 2)          # reads v through a2's ref: after both updates
    with tf.control_dependencies([a3]):
        final = tf.identity(v)
    got = compare([final, r1])
    assert got[0] == 12.0


def test_resource_variable_read_after_assign():
    v = tf.get_variable("rv", initializer=np.arange(4, dtype=np.float32), use_resource=True)
    up = v.assign_add([1.0, 1.0, 1.0, 1.0])
    with tf.control_dependencies([up]):
        after = v.read_value() * 2
    got = compare(after)
    np.testing.assert_array_equal(got[0], [2.0, 4.0, 6.0, 8.0])


def test_int_dtypes_kept():
    x = tf.placeholder(tf.int64, [3])
    y = tf.placeholder(tf.int32, [3])
    got = compare([x * 3 + 1, y // 2, tf.cast(y, tf.int64) + x],
                  {x: np.array([2**40, 1, 2]), y: np.array([5, 6, 7], np.int32)})
    assert got[0].dtype == np.int64 and got[1].dtype == np.int32
    assert got[0][0] == 3 * 2**40 + 1


def test_fallback_for_random_cond_while_and_strings():
    x = tf.placeholder(tf.float32, [3])
    r = tf.random.uniform([3], seed=1) * 0 + x
    c = tf.cond(tf.reduce_sum(x) > 0, lambda: x * 2, lambda: x - 1)
    w = tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * 2), [0, x])[1]
    s = tf.strings.join(["a", "b"]) if hasattr(tf, "strings") else tf.constant("ab")
    compare([r, c, w, s], {x: np.array([1.0, 2.0, 3.0], np.float32)}, expect_compiled=False)


def test_errors_still_raised_through_fallback():
    v = tf.Variable(1.0)
    y = v * 2
    with tf.Session(config=jit_config()) as sess:
        with pytest.raises(tf.errors.FailedPreconditionError):
            sess.run(y)
        sess.run(v.initializer)
        assert sess.run(y) == 2.0


def test_jit_scope_marks_only_scoped_ops():
    x = tf.placeholder(tf.float32, [2])
    with experimental.jit_scope():
        y = tf.exp(x) * 2
    z = y + 1
    assert y.op.get_attr("_XlaCompile") is True
    assert "_XlaCompile" not in z.op.node_def.attr if hasattr(z.op, "node_def") else True
    with tf.Session() as sess:              # jit off: the session compiles only the scoped ops
        compiled = sess._plan((z,), (x,))
        segs = [s[0] for s in compiled.steps if isinstance(s[0], _Segment)]
        assert [st[4] for st in segs[0].steps] == [y.op.inputs[0].op, y.op.inputs[1].op, y.op] \
            or {st[4] for st in segs[0].steps} <= {op for op in tf.get_default_graph().get_operations()
                                                   if op.get_attr("_XlaCompile") if "_XlaCompile" in op._attrs}
        assert z.op not in {st[4] for s in segs for st in s.steps}
        out = compiled.run([np.array([0.0, 1.0], np.float32)])
        np.testing.assert_allclose(out[0], 2 * np.exp([0.0, 1.0]) + 1, rtol=1e-6)


def test_xla_compile_returns_outputs():
    x = tf.placeholder(tf.float32, [2])
    (y,) = experimental.compile(lambda a: a * 3 + 1, [x])
    assert y.op.get_attr("_XlaCompile") is True
    compare(y, {x: np.array([1.0, 2.0], np.float32)})


def test_import_varflow_does_not_import_jax():
    import subprocess
    import sys
    code = "import sys, varflow, varflow.xla; assert 'jax' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_state_kept_on_device_between_steps_but_outside_writes_win():
    w = tf.Variable(np.ones(3, np.float32))
    step = tf.assign_sub(w, tf.square(w) * 0.1)
    reset = tf.assign(w, tf.constant(np.full(3, 2.0, np.float32)))
    with tf.Session(config=jit_config()) as sess:
        sess.run(w.initializer)
        sess.run(step.op)
        sess.run(step.op)
        seg = next(s for s in segments(sess) if s.written_vars)
        slot = seg.written_vars[0]
        kept = slot.device_array()
        assert kept is not None                    # the next run gets the segment's own array
        np.testing.assert_allclose(sess.run(w), np.asarray(kept))   # and the host reads it
        assert slot.device_array() is kept         # reading it on the host keeps it
        sess.run(reset.op)                         # another plan's write replaces the value
        assert slot.device_array() is not kept
        slot.assign(np.full(3, 2.0, np.float32))   # so does a write from outside XLA
        assert slot.device_array() is None
        after = sess.run(step)
    np.testing.assert_allclose(after, np.full(3, 2.0 - 0.4, np.float32), rtol=1e-6)


def test_a_variable_only_read_by_a_segment_stays_valid():
    """Only the values a segment writes are donated: a variable it reads keeps its array."""
    a = tf.Variable(np.ones(3, np.float32))
    b = tf.Variable(np.full(3, 2.0, np.float32))
    bump_a = tf.assign_add(a, tf.exp(b) * 0.0 + 1.0)
    bump_b = tf.assign_add(b, tf.ones(3) * 2.0 + 0.0)
    with tf.Session(config=jit_config()) as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(bump_b.op)                    # b lives as a segment's device array
            sess.run(bump_a.op)                    # read (not written) by another segment
        np.testing.assert_allclose(sess.run([a, b]), [np.full(3, 4.0), np.full(3, 8.0)])


def _adam_model():
    x = tf.constant(np.linspace(-1, 1, 12, dtype=np.float32).reshape(4, 3))
    w = tf.Variable(np.full((3, 2), 0.5, np.float32))
    loss = tf.reduce_sum(tf.square(tf.matmul(x, w) - 1.0))
    return w, tf.train.AdamOptimizer(0.1).minimize(loss)


def test_updates_on_a_cpu_consume_the_variables_buffers_in_place():
    """A segment that reads and writes variables donates their device arrays on a CPU too (XLA
    writes the results into them: no allocation, no copy), and the result is the NumPy backend's."""
    w, train = _adam_model()
    with tf.Session() as ref:
        ref.run(tf.global_variables_initializer())
        for _ in range(4):
            ref.run(train)
        want = ref.run(w)
    with tf.Session(config=jit_config()) as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(4):
            sess.run(train)
        np.testing.assert_allclose(sess.run(w), want, rtol=1e-5)
        updating = [s for s in segments(sess) if s.updated_vars]
        assert updating and any(all(k) for s in updating for k in s._jitted)   # all donated


def test_a_held_host_view_of_a_variable_keeps_its_buffer_from_being_donated():
    """On a CPU a variable's host value is a view of its device buffer. While anything holds that
    view (or a view of it) — a kernel, a plan value, JAX's reference to an argument — the segment
    passes the buffer without donating it, so the view never changes; once nothing does, the next
    update consumes it."""
    w, train = _adam_model()
    with tf.Session(config=jit_config()) as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        seg, slot = next((s, v) for s in segments(sess) for v in s.updated_vars if v.name == w.op.name)
        position = seg.updated_vars.index(slot)
        derived = slot.read().T                   # a view of the slot's view holds it too
        snapshot = derived.copy()
        device = slot.device_array()
        sess.run(train)
        assert any(not k[position] and all(k[:position] + k[position + 1:]) for k in seg._jitted)
        assert not device.is_deleted()
        np.testing.assert_array_equal(derived, snapshot)
        assert not np.array_equal(sess.run(w).T, snapshot)
        del derived
        device = slot.device_array()
        sess.run(train)
        assert device.is_deleted()                # nothing views it now: donated


def test_an_array_passed_twice_is_never_donated():
    a, b = np.ones(2), np.ones(2)
    assert compiler._donation_mask([a, b], [a, b], [], False) == (True, True)
    assert compiler._donation_mask([a, a], [a, a], [], False) == (False, False)
    assert compiler._donation_mask([a, None], [a, b], [a], True) == (False, True)
    assert compiler._donation_mask([None, b], [a, b], [], False) == (False, True)


def test_a_segment_failing_after_consuming_its_variables_says_so(monkeypatch):
    """A failure while tracing falls back to NumPy; a failure after XLA consumed the variables'
    buffers cannot (their values are gone) and raises InternalError instead of running on."""
    w, train = _adam_model()
    with tf.Session(config=jit_config()) as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        seg = next(s for s in segments(sess) if s.updated_vars)

        def consume_then_fail(donated):
            def run(args, given, kept, read):
                for a in given:
                    a.delete()
                raise RuntimeError("device lost")
            return run
        monkeypatch.setattr(seg, "_jitted_for", consume_then_fail)
        with pytest.raises(tf.errors.InternalError, match="consuming its variables"):
            sess.run(train)
        with pytest.raises(tf.errors.InternalError, match="consumed by an XLA update that failed"):
            sess.run(w)


def test_threads_training_one_session_under_xla_share_the_variables_safely():
    """Hogwild-style `sess.run(train)` from two threads: the donating segments serialize on the
    variables' locks, readers wait for results, nothing falls back or fails."""
    import threading
    w, train = _adam_model()
    loss_free = tf.reduce_sum(w)
    errors_seen = []
    with tf.Session(config=jit_config()) as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)

        def worker():
            try:
                for _ in range(30):
                    sess.run(train)
                    sess.run(loss_free)
            except Exception as e:  # noqa: BLE001 - reported below
                errors_seen.append(e)
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not any(t.is_alive() for t in threads) and not errors_seen
        assert not any(s.broken for s in segments(sess))
        assert np.all(np.isfinite(sess.run(w)))


def test_compiled_relu_keeps_negative_zero_and_nan_as_tensorflow():
    x_value = np.array([-0.0, 0.0, -1.0, np.nan, 2.0, 7.0], np.float32)
    x = tf.placeholder(tf.float32, [6])
    with experimental.jit_scope():
        relu, relu6 = tf.nn.relu(x), tf.nn.relu6(x)
    with tf.Session() as sess:
        got = sess.run([relu, relu6], {x: x_value})
        assert len(segments(sess)) >= 1
    np.testing.assert_array_equal(got[0], [-0.0, 0.0, 0.0, np.nan, 2.0, 7.0])
    np.testing.assert_array_equal(got[1], [-0.0, 0.0, 0.0, np.nan, 2.0, 6.0])
    for out in got:
        assert np.signbit(out).tolist() == [True, False, False, False, False, False]
