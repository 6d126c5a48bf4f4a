"""XLA benchmark case: MLP steps/s and conv images/s with `global_jit_level = ON_1`.

`case_xla(tf, quick)` runs under either implementation (varflow compiles with JAX, TensorFlow with its
own XLA), with the same graphs as `workloads.case_mlp` / `case_conv`, so the figures compare directly
with those cases' (NumPy backend) figures. Script use: `python xla_cases.py IMPL [--quick]`.
"""
from __future__ import annotations

import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads  # noqa: E402


def jit_config(tf):
    """A ConfigProto with TF1's global XLA switch on."""
    config = tf.ConfigProto()
    config.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    return config


def case_xla(tf, quick: bool, device: str = "") -> dict:
    """xla_mlp_{sgd,adam}_steps_per_s and xla_conv_{forward,train}_img_per_s under XLA, with the
    graphs placed on `device` ("" leaves placement to the implementation)."""
    target_s, repeats = (0.3, 3) if quick else (0.6, 7)
    rng = np.random.default_rng(0)
    sizes = workloads.MLP_SIZES
    xs = rng.standard_normal((workloads.MLP_BATCH, sizes[0]), dtype=np.float32)
    ys = np.eye(sizes[-1], dtype=np.float32)[rng.integers(0, sizes[-1], workloads.MLP_BATCH)]
    out: dict = {}
    for optimizer in ("sgd", "adam"):
        with tf.Graph().as_default(), tf.device(device):
            x, labels, _, train_op = workloads._mlp_graph(tf, optimizer)
            with tf.Session(config=jit_config(tf)) as sess:
                sess.run(tf.global_variables_initializer())
                feed = {x: xs, labels: ys}
                (t,) = workloads.per_call_times([lambda s=sess, op=train_op, f=feed: s.run(op, f)], target_s, repeats)
                out["xla_mlp_%s_steps_per_s" % optimizer] = 1.0 / t
    n_img = 32
    images = rng.standard_normal((n_img, 64, 64, 1), dtype=np.float32)
    with tf.Graph().as_default(), tf.device(device):
        x = tf.placeholder(tf.float32, [n_img, 64, 64, 1])
        with tf.variable_scope("conv1"):
            relu1 = workloads._conv_relu(tf, x, [5, 5, 1, 32], [32])
        with tf.variable_scope("conv2"):
            conv_out = workloads._conv_relu(tf, relu1, [5, 5, 32, 32], [32])
        train_op = workloads._train_op(tf, tf.reduce_mean(tf.square(conv_out)), "sgd", 1e-6)
        with tf.Session(config=jit_config(tf)) as sess:
            sess.run(tf.global_variables_initializer())
            feed = {x: images}
            t_fwd, t_train = workloads.per_call_times(
                [lambda: sess.run(conv_out, feed), lambda: sess.run(train_op, feed)], 0.0,
                2 if quick else 3)
    out["xla_conv_forward_img_per_s"] = n_img / t_fwd
    out["xla_conv_train_img_per_s"] = n_img / t_train
    return out


def main(argv: list) -> int:
    tf = workloads.load_tf(argv[0])
    result = case_xla(tf, "--quick" in argv[1:])
    sys.stdout.write("VFBENCH_JSON " + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
