"""The measured workloads, written once against the TF1 API so varflow and TensorFlow run the same code.

Run as a script by `run.py` in a fresh interpreter: `python workloads.py IMPL CASE [--quick]`, where IMPL is
`varflow` or `tensorflow`; it prints one JSON object of figures.  It must not import varflow when IMPL is
`tensorflow` (it runs under TensorFlow's own interpreter), so it depends on NumPy and the standard library only.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from typing import Callable

import numpy as np

MIB = 1024.0 * 1024.0


def load_tf(impl: str):
    """Import the implementation under test as `tf` (TF1 graph-mode API)."""
    if impl == "varflow":
        import varflow as tf
        return tf
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    tf.get_logger().setLevel("ERROR")
    return tf


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def median_time(fn: Callable[[], object], repeats: int, warmup: int = 1) -> float:
    """Median wall time in seconds of `fn()` over `repeats` calls after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def per_call_times(fns: list, target_s: float, repeats: int) -> list:
    """Median seconds per call of each `fn` in `fns`, timed in alternation: each repeat runs every fn a
    calibrated number of times (about `target_s` each), so the total stays bounded on a loaded machine."""
    counts = []
    for fn in fns:
        fn()
        t0 = time.perf_counter()
        fn()
        counts.append(max(1, int(target_s / max(time.perf_counter() - t0, 1e-7))))
    samples: list = [[] for _ in fns]
    for _ in range(repeats):
        for fn, n, out in zip(fns, counts, samples):
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            out.append((time.perf_counter() - t0) / n)
    return [statistics.median(x) for x in samples]


# --- 2. graph build --------------------------------------------------------------------------------
def case_graph_build(tf, quick: bool) -> dict:
    """µs per tf.add created, per get_variable create in nested scopes, per get_variable reuse."""
    n_ops, n_vars, repeats = (200, 40, 3) if quick else (2000, 300, 5)

    def build_ops():
        with tf.Graph().as_default():
            x = tf.constant(1.0)
            y = x
            t0 = time.perf_counter()
            for _ in range(n_ops):
                y = tf.add(y, x)
            return time.perf_counter() - t0

    def build_vars():
        with tf.Graph().as_default():
            init = tf.zeros_initializer()
            with tf.variable_scope("model"), tf.variable_scope("block"):
                t0 = time.perf_counter()
                for i in range(n_vars):
                    tf.get_variable("v%d" % i, [10, 10], initializer=init)
                t_create = time.perf_counter() - t0
            with tf.variable_scope("model", reuse=True), tf.variable_scope("block"):
                t0 = time.perf_counter()
                for i in range(n_vars):
                    tf.get_variable("v%d" % i, [10, 10])
                t_reuse = time.perf_counter() - t0
            return t_create, t_reuse

    build_ops()
    build_vars()
    op_times = [build_ops() for _ in range(repeats)]
    var_times = [build_vars() for _ in range(repeats)]
    return {
        "op_create_us": statistics.median(op_times) / n_ops * 1e6,
        "var_create_us": statistics.median(t for t, _ in var_times) / n_vars * 1e6,
        "var_reuse_us": statistics.median(t for _, t in var_times) / n_vars * 1e6,
    }


# --- 3. one-op run ---------------------------------------------------------------------------------
def case_one_op(tf, quick: bool) -> dict:
    """µs per sess.run of a variable's assign_add, and of a fed two-op graph (x * 2 + 1)."""
    target_s, repeats = (0.1, 3) if quick else (0.3, 7)
    with tf.Graph().as_default():
        v = tf.Variable(0.0)
        inc = v.assign_add(1.0)
        x = tf.placeholder(tf.float32, [None])
        y = x * 2.0 + 1.0
        feed = {x: np.arange(10, dtype=np.float32)}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(50):
                sess.run(inc)
                sess.run(y, feed)
            t_inc, t_fed = per_call_times([lambda: sess.run(inc), lambda: sess.run(y, feed)], target_s, repeats)
    return {"assign_add_run_us": t_inc * 1e6, "fed_2op_run_us": t_fed * 1e6}


# --- 4. session cycle ------------------------------------------------------------------------------
def case_session_cycle(tf, quick: bool) -> dict:
    """ms per (create a session, initialize 100 variables, close)."""
    target_s, repeats = (0.1, 3) if quick else (0.3, 7)
    with tf.Graph().as_default() as graph:
        for i in range(100):
            tf.Variable(tf.zeros([10]), name="v%d" % i)
        init = tf.global_variables_initializer()

        def cycle():
            sess = tf.Session(graph=graph)
            sess.run(init)
            sess.close()

        (t,) = per_call_times([cycle], target_s, repeats)
    return {"session_cycle_ms": t * 1e3}


# --- 5 + 8. MLP ------------------------------------------------------------------------------------
MLP_SIZES = (784, 512, 512, 10)
MLP_BATCH = 128


def mlp_matmul_shapes() -> list:
    """(m, k, n) of the matmuls of one MLP training step: 3 forward, 3 weight grads, 2 input grads."""
    b, sizes = MLP_BATCH, MLP_SIZES
    fwd = [(b, sizes[i], sizes[i + 1]) for i in range(3)]
    dw = [(sizes[i], b, sizes[i + 1]) for i in range(3)]
    dx = [(b, sizes[i + 1], sizes[i]) for i in (1, 2)]
    return fwd + dw + dx


def numpy_matmul_step(rng: np.random.Generator):
    """A callable doing the MLP step's matmuls in raw NumPy float32 (the best a NumPy executor can do),
    and their GFLOP count."""
    shapes = mlp_matmul_shapes()
    pairs = [(rng.standard_normal((m, k), dtype=np.float32), rng.standard_normal((k, n), dtype=np.float32))
             for m, k, n in shapes]

    def step():
        for a, b in pairs:
            np.matmul(a, b)

    return step, sum(2.0 * m * k * n for m, k, n in shapes) / 1e9


def _mlp_graph(tf, optimizer: str):
    x = tf.placeholder(tf.float32, [MLP_BATCH, MLP_SIZES[0]])
    labels = tf.placeholder(tf.float32, [MLP_BATCH, MLP_SIZES[-1]])
    h = x
    init = tf.random_normal_initializer(stddev=0.05, seed=1)
    for i in range(3):
        with tf.variable_scope("layer%d" % i):
            w = tf.get_variable("w", [MLP_SIZES[i], MLP_SIZES[i + 1]], initializer=init)
            b = tf.get_variable("b", [MLP_SIZES[i + 1]], initializer=tf.zeros_initializer())
            h = tf.matmul(h, w) + b
            if i < 2:
                h = tf.nn.relu(h)
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=h))
    return x, labels, loss, _train_op(tf, loss, optimizer, 0.01)


def _train_op(tf, loss, optimizer: str, lr: float):
    """The SGD/Adam update; SGD falls back to tf.gradients + assign_sub where the optimizer is missing."""
    train = getattr(tf, "train", None)
    if optimizer == "adam":
        return train.AdamOptimizer(1e-3).minimize(loss)
    if hasattr(train, "GradientDescentOptimizer"):
        return train.GradientDescentOptimizer(lr).minimize(loss)
    params = tf.trainable_variables()
    grads = tf.gradients(loss, params)
    return tf.group(*[tf.assign_sub(p, lr * g) for p, g in zip(params, grads)])


def has_adam(tf) -> bool:
    return hasattr(getattr(tf, "train", None), "AdamOptimizer")


def case_mlp(tf, quick: bool) -> dict:
    """Training steps/s of the 784-512-512-10 MLP (SGD, then Adam where available), the process's peak RSS
    after the SGD steps, and the NumPy matmul ceiling timed in alternation with the SGD steps."""
    target_s, repeats = (0.3, 3) if quick else (0.6, 7)
    rng = np.random.default_rng(0)
    xs = rng.standard_normal((MLP_BATCH, MLP_SIZES[0]), dtype=np.float32)
    ys = np.eye(MLP_SIZES[-1], dtype=np.float32)[rng.integers(0, MLP_SIZES[-1], MLP_BATCH)]
    np_step, gflop = numpy_matmul_step(rng)
    out = {"rss_before_mlp_mib": peak_rss_mib(), "mlp_step_gflop": gflop}
    for optimizer in ("sgd", "adam"):
        if optimizer == "adam" and not has_adam(tf):
            continue
        with tf.Graph().as_default():
            x, labels, _, train_op = _mlp_graph(tf, optimizer)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                feed = {x: xs, labels: ys}
                fns = [lambda s=sess, op=train_op, f=feed: s.run(op, f)] + ([np_step] if optimizer == "sgd" else [])
                times = per_call_times(fns, target_s, repeats)
                out["mlp_%s_steps_per_s" % optimizer] = 1.0 / times[0]
        if optimizer == "sgd":
            out["mlp_peak_rss_mib"] = peak_rss_mib()
            out["numpy_matmul_gflops"] = gflop / times[1]
            out["mlp_matmul_fraction"] = times[1] / times[0]
    return out


# --- 6. conv filter --------------------------------------------------------------------------------
def _conv_relu(tf, inputs, kernel_shape, bias_shape):
    weights = tf.get_variable("weights", kernel_shape, initializer=tf.random_normal_initializer(seed=1))
    biases = tf.get_variable("biases", bias_shape, initializer=tf.constant_initializer(0.0))
    conv = tf.nn.conv2d(inputs, weights, strides=[1, 1, 1, 1], padding="SAME")
    return tf.nn.relu(conv + biases)


def case_conv(tf, quick: bool) -> dict:
    """images/s of the seed's two-layer conv filter (forward, and an SGD training step) on 32 64x64x1 images."""
    n_img, repeats = 32, (2 if quick else 3)
    images = np.random.default_rng(0).standard_normal((n_img, 64, 64, 1), dtype=np.float32)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [n_img, 64, 64, 1])
        with tf.variable_scope("conv1"):
            relu1 = _conv_relu(tf, x, [5, 5, 1, 32], [32])
        with tf.variable_scope("conv2"):
            out = _conv_relu(tf, relu1, [5, 5, 32, 32], [32])
        loss = tf.reduce_mean(tf.square(out))
        train_op = _train_op(tf, loss, "sgd", 1e-6)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = {x: images}
            t_fwd, t_train = per_call_times([lambda: sess.run(out, feed), lambda: sess.run(train_op, feed)],
                                            0.0, repeats)
    return {"conv_forward_img_per_s": n_img / t_fwd, "conv_train_img_per_s": n_img / t_train}


# --- 6b. CNN: convolutions, pooling and dense layers in one training step --------------------------
CNN_BATCH = 32


def _cnn_layer(tf, name, inputs, shape, conv):
    with tf.variable_scope(name):
        init = tf.truncated_normal_initializer(stddev=0.05, seed=1)
        w = tf.get_variable("weights", shape, initializer=init)
        b = tf.get_variable("biases", shape[-1:], initializer=tf.zeros_initializer())
        if conv:
            return tf.nn.relu(tf.nn.conv2d(inputs, w, [1, 1, 1, 1], "SAME") + b)
        return tf.matmul(inputs, w) + b


def case_cnn(tf, quick: bool) -> dict:
    """Training images/s of a small MNIST-style CNN (conv 5x5x32 + pool, conv 5x5x64 + pool, dense
    1024, dense 10, Adam; batch 32 of 28x28x1): convolutions and matrix products in one step."""
    rng = np.random.default_rng(0)
    images = rng.standard_normal((CNN_BATCH, 28, 28, 1), dtype=np.float32)
    labels = np.eye(10, dtype=np.float32)[rng.integers(0, 10, CNN_BATCH)]
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [CNN_BATCH, 28, 28, 1])
        y = tf.placeholder(tf.float32, [CNN_BATCH, 10])
        h = x
        for name, shape in (("conv1", [5, 5, 1, 32]), ("conv2", [5, 5, 32, 64])):
            h = _cnn_layer(tf, name, h, shape, conv=True)
            h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
        h = tf.nn.relu(_cnn_layer(tf, "fc1", tf.reshape(h, [CNN_BATCH, 7 * 7 * 64]),
                                  [7 * 7 * 64, 1024], conv=False))
        logits = _cnn_layer(tf, "fc2", h, [1024, 10], conv=False)
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
        train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = {x: images, y: labels}
            (t,) = per_call_times([lambda: sess.run(train_op, feed)], 0.3 if quick else 0.6,
                                  3 if quick else 7)
    return {"cnn_train_img_per_s": CNN_BATCH / t}


# --- 7. checkpoint ---------------------------------------------------------------------------------
def _saver_class(tf):
    saver = getattr(getattr(tf, "train", None), "Saver", None)
    if saver is not None:
        return saver, "tf.train.Saver"
    try:
        from varflow.train.saver import Saver
        return Saver, "varflow.train.saver.Saver"
    except ImportError:
        return None, "varflow.checkpoint bundle"


def case_checkpoint(tf, quick: bool) -> dict:
    """MB/s of saving and restoring 200 MB of float32 variables (50 variables of 1000x1000)."""
    n_vars, repeats = 50, (2 if quick else 3)
    megabytes = n_vars * 1000 * 1000 * 4 / 1e6
    tmp = tempfile.mkdtemp(prefix="vfbench_ckpt_")
    try:
        with tf.Graph().as_default():
            variables = [tf.get_variable("w%d" % i, [1000, 1000],
                                         initializer=tf.random_uniform_initializer(seed=i))
                         for i in range(n_vars)]
            saver_cls, how = _saver_class(tf)
            prefix = os.path.join(tmp, "model.ckpt")
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                if saver_cls is not None:
                    saver = saver_cls(variables)
                    save = lambda: saver.save(sess, prefix)  # noqa: E731
                    restore = lambda: saver.restore(sess, prefix)  # noqa: E731
                else:
                    save, restore = _bundle_save_restore(sess, variables, prefix)
                t_save = median_time(save, repeats)
                t_restore = median_time(restore, repeats)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"ckpt_save_mb_per_s": megabytes / t_save, "ckpt_restore_mb_per_s": megabytes / t_restore,
            "ckpt_how": how}


def _bundle_save_restore(sess, variables, prefix):
    """Save/restore with varflow's TensorBundle writer and reader directly (no Saver yet)."""
    from varflow.checkpoint import BundleReader, write_bundle
    names = [v.op.name for v in variables]
    values = [v.read_value() if hasattr(v, "read_value") else v for v in variables]
    import varflow as tf
    feeds = [tf.placeholder(v.dtype.base_dtype, v.shape) for v in variables]
    assign = tf.group(*[tf.assign(v, p) for v, p in zip(variables, feeds)])

    def save():
        write_bundle(prefix, dict(zip(names, sess.run(values))))

    def restore():
        with BundleReader(prefix) as reader:
            sess.run(assign, {p: reader.read(n) for p, n in zip(feeds, names)})

    return save, restore


def case_xla(tf, quick: bool) -> dict:
    """The MLP and conv cases with TF1's XLA switch on (varflow: JAX; TensorFlow: its own XLA)."""
    import xla_cases

    return xla_cases.case_xla(tf, quick)


CASES = {
    "graph_build": case_graph_build,
    "one_op": case_one_op,
    "session_cycle": case_session_cycle,
    "mlp": case_mlp,
    "conv": case_conv,
    "cnn": case_cnn,
    "checkpoint": case_checkpoint,
    "xla": case_xla,
}


def main(argv: list) -> int:
    impl, case = argv[0], argv[1]
    quick = "--quick" in argv[2:]
    tf = load_tf(impl)
    result = CASES[case](tf, quick)
    sys.stdout.write("VFBENCH_JSON " + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
