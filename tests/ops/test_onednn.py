"""oneDNN convolution kernels (the optional `onednn` extra) against varflow's NumPy kernels."""
import numpy as np
import pytest

import varflow as tf
from varflow.ops import nn_ops, onednn

needs_onednn = pytest.mark.skipif(not onednn.available(), reason="onednn-cpu-gomp not installed")

GEOMETRIES = [
    # (n, h, w, c, kh, kw, o, stride, dilation, padding)
    (4, 64, 64, 32, 5, 5, 32, 1, 1, "SAME"),    # the seed's second conv layer, smaller batch
    (2, 9, 7, 3, 3, 2, 4, 2, 1, "VALID"),
    (2, 10, 10, 3, 3, 3, 5, 2, 1, "SAME"),
    (1, 12, 12, 2, 3, 3, 3, 1, 2, "SAME"),
    (3, 8, 8, 1, 5, 5, 32, 1, 1, "SAME"),       # one input channel (the seed's first layer)
    (2, 11, 13, 4, 1, 1, 6, 3, 1, "VALID"),
]


@pytest.fixture
def numpy_kernels():
    """Run a block with the NumPy kernels only (oneDNN switched off in this process)."""
    class Switch:
        def __enter__(self):
            self.saved = onednn._STATE.get("dnn")
            onednn._STATE["dnn"] = None

        def __exit__(self, *exc):
            onednn._STATE["dnn"] = self.saved
    return Switch()


def _case(geometry, seed=0):
    n, h, w, c, kh, kw, o, s, d, padding = geometry
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, h, w, c), dtype=np.float32)
    f = rng.standard_normal((kh, kw, c, o), dtype=np.float32)
    geo = nn_ops._Geometry({"strides": [1, s, s, 1], "padding": padding, "dilations": [1, d, d, 1]})
    return x, f, geo


def _close(got, want):
    scale = max(1.0, float(np.abs(want).max()))
    np.testing.assert_allclose(got, want, rtol=0, atol=2e-5 * scale)


@needs_onednn
@pytest.mark.parametrize("geometry", GEOMETRIES)
def test_forward_and_both_gradients_match_the_numpy_kernels(geometry, numpy_kernels):
    x, f, geo = _case(geometry)
    y = nn_ops._conv_fwd(x, f, geo)
    g = np.random.default_rng(1).standard_normal(y.shape, dtype=np.float32)
    (_, pt, pb), (_, pl, pr) = geo.plan(x.shape[1], x.shape[2], f.shape[0], f.shape[1])
    pads = ((pt, pb), (pl, pr))
    ran = (onednn.conv2d(x, f, y.shape[1:3], geo.strides, geo.dilations, pads),
           onednn.conv2d_backprop_input(x.shape, f, g, geo.strides, geo.dilations, pads),
           onednn.conv2d_backprop_filter(x, f.shape, g, geo.strides, geo.dilations, pads))
    assert all(r is not None for r in ran)             # oneDNN took each of them
    dx = nn_ops._conv_bwd_input(x.shape, f, g)(geo)
    dw = nn_ops._conv_bwd_filter(x, f.shape, g, geo)
    with numpy_kernels:
        want = (nn_ops._conv_fwd(x, f, geo), nn_ops._conv_bwd_input(x.shape, f, g)(geo),
                nn_ops._conv_bwd_filter(x, f.shape, g, geo))
    for got, ref in zip((y, dx, dw), want):
        assert got.dtype == np.float32 and got.shape == ref.shape
        _close(got, ref)


@needs_onednn
def test_kernels_run_through_onednn_and_cache_one_primitive_per_geometry():
    x, f, geo = _case(GEOMETRIES[1])
    (ho, pt, pb), (wo, pl, pr) = geo.plan(x.shape[1], x.shape[2], 3, 2)
    pads = ((pt, pb), (pl, pr))
    first = onednn.conv2d(x, f, (ho, wo), geo.strides, geo.dilations, pads)
    cached = len(onednn._onednn().cache)
    again = onednn.conv2d(x, f, (ho, wo), geo.strides, geo.dilations, pads)
    assert first is not None and np.array_equal(first, again)
    assert len(onednn._onednn().cache) == cached


@needs_onednn
def test_other_dtypes_and_grouped_filters_keep_the_numpy_kernels():
    x, f, geo = _case(GEOMETRIES[2])
    assert onednn.conv2d(x.astype(np.float64), f.astype(np.float64), (5, 5), geo.strides,
                         geo.dilations, ((1, 1), (1, 1))) is None
    y64 = nn_ops._conv_fwd(x.astype(np.float64), f.astype(np.float64), geo)
    assert y64.dtype == np.float64                      # float64 gradient checks stay exact
    grouped = np.random.default_rng(2).standard_normal((3, 3, 1, 6), dtype=np.float32)
    xg = np.random.default_rng(3).standard_normal((2, 10, 10, 3), dtype=np.float32)
    out = nn_ops._conv_fwd(xg, grouped, geo)           # groups = 3: the NumPy einsum path
    assert out.shape == (2, 5, 5, 6)


@needs_onednn
def test_training_the_seed_filter_gives_the_numpy_kernels_results(numpy_kernels):
    def train():
        with tf.Graph().as_default():
            images = np.random.default_rng(0).standard_normal((4, 16, 16, 1), dtype=np.float32)
            x = tf.placeholder(tf.float32, [4, 16, 16, 1])
            h = x
            for i, shape in enumerate(([5, 5, 1, 8], [5, 5, 8, 8])):
                with tf.variable_scope("conv%d" % (i + 1)):
                    w = tf.get_variable("weights", shape,
                                        initializer=tf.random_normal_initializer(seed=1))
                    b = tf.get_variable("biases", shape[-1:], initializer=tf.zeros_initializer())
                    h = tf.nn.relu(tf.nn.conv2d(h, w, [1, 1, 1, 1], "SAME") + b)
            loss = tf.reduce_mean(tf.square(h))
            step = tf.train.GradientDescentOptimizer(1e-3).minimize(loss)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(3):
                    sess.run(step, {x: images})
                return sess.run([loss] + tf.trainable_variables(), {x: images})
    got = train()
    with numpy_kernels:
        want = train()
    for a, b in zip(got, want):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


def test_varflow_onednn_0_switches_it_off_and_import_loads_nothing(prints_ok):
    prints_ok("import os\n"
              "os.environ['VARFLOW_ONEDNN'] = '0'\n"
              "import varflow\n"
              "from varflow.ops import onednn\n"
              "assert onednn._STATE == {}\n"                  # nothing loaded at import
              "assert not onednn.available()\n"
              "print('ok')\n")


def test_a_missing_library_leaves_the_numpy_kernels(monkeypatch):
    monkeypatch.setenv("VARFLOW_ONEDNN_LIBRARY", "/nonexistent/libdnnl.so.3")
    monkeypatch.setattr(onednn, "_STATE", {})
    assert not onednn.available()
    x, f, geo = _case(GEOMETRIES[2])
    assert nn_ops._conv_fwd(x, f, geo).shape == (2, 5, 5, 5)


@needs_onednn
def test_a_forked_child_runs_the_numpy_kernels():
    """GNU OpenMP's thread pool does not survive fork(): a child must not call into oneDNN."""
    import os
    x, f, geo = _case(GEOMETRIES[2])
    want = nn_ops._conv_fwd(x, f, geo)                  # the parent has used oneDNN
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        ok = not onednn.available() and np.allclose(nn_ops._conv_fwd(x, f, geo), want, atol=1e-4)
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"1"
    os.waitpid(pid, 0)


@needs_onednn
def test_the_primitive_cache_stays_bounded_and_results_stay_right(monkeypatch, numpy_kernels):
    monkeypatch.setattr(onednn, "_CACHE_LIMIT", 2)
    onednn._onednn().cache.clear()
    for geometry in GEOMETRIES[1:]:
        x, f, geo = _case(geometry)
        got = nn_ops._conv_fwd(x, f, geo)
        with numpy_kernels:
            want = nn_ops._conv_fwd(x, f, geo)
        _close(got, want)
        assert len(onednn._onednn().cache) <= 2


@needs_onednn
def test_openmp_threads_spin_briefly_unless_the_user_says_otherwise(prints_ok):
    """OpenMP threads spin only briefly between oneDNN calls (long spins stall NumPy's BLAS
    threads, no spin makes every call pay a wake-up): GOMP_SPINCOUNT=30000 unless
    OMP_WAIT_POLICY or GOMP_SPINCOUNT is set already."""
    code = ("import os\n"
            "os.environ.pop('OMP_WAIT_POLICY', None); os.environ.pop('GOMP_SPINCOUNT', None)\n"
            "%s"
            "import numpy as np\n"
            "from varflow.ops import onednn\n"
            "assert onednn.available()\n"
            "assert (os.environ.get('OMP_WAIT_POLICY'), os.environ.get('GOMP_SPINCOUNT')) == %r\n"
            "print('ok')\n")
    prints_ok(code % ("", (None, "30000")))
    prints_ok(code % ("os.environ['OMP_WAIT_POLICY'] = 'PASSIVE'\n", ("PASSIVE", None)))
    prints_ok(code % ("os.environ['GOMP_SPINCOUNT'] = '5'\n", (None, "5")))


@needs_onednn
@pytest.mark.parametrize("transpose_a", [False, True])
@pytest.mark.parametrize("transpose_b", [False, True])
def test_gemm_matches_numpy_for_every_transpose(transpose_a, transpose_b):
    rng = np.random.default_rng(3)
    a = rng.standard_normal((37, 64) if not transpose_a else (64, 37), dtype=np.float32)
    b = rng.standard_normal((64, 23) if not transpose_b else (23, 64), dtype=np.float32)
    got = onednn.matmul(a, b, transpose_a, transpose_b)
    want = (a.T if transpose_a else a) @ (b.T if transpose_b else b)
    assert got.shape == (37, 23) and got.dtype == np.float32 and got.flags.c_contiguous
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-4)


@needs_onednn
def test_gemm_reads_views_and_declines_what_it_does_not_run():
    rng = np.random.default_rng(4)
    a = rng.standard_normal((40, 30), dtype=np.float32)
    b = rng.standard_normal((30, 20), dtype=np.float32)
    np.testing.assert_allclose(onednn.matmul(a[::2, 1:], b[1:, ::3]), a[::2, 1:] @ b[1:, ::3],
                               rtol=1e-5, atol=1e-4)
    assert onednn.matmul(a.astype(np.float64), b.astype(np.float64)) is None
    assert onednn.matmul(a[:, :0], b[:0]) is None              # empty inner dimension
    assert onednn.matmul(a[None], b) is None                   # not a matrix
