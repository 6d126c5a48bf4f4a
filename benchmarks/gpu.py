"""GPU placement through JAX: the XLA benchmark graphs placed on `/device:GPU:0`, next to the same
graphs on the host (NumPy kernels, and XLA on the CPU), measured in one run.

Run on a machine where JAX sees a GPU: `python benchmarks/gpu.py [--quick]`. TensorFlow is not
compared here (a GPU build of TensorFlow is not part of the benchmark set-up).
"""
from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads  # noqa: E402
import xla_cases  # noqa: E402

ROWS = [("mlp_sgd", "MLP SGD steps/s"), ("mlp_adam", "MLP Adam steps/s"),
        ("conv_forward", "conv forward images/s"), ("conv_train", "conv training images/s")]


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    import jax

    import varflow as tf
    gpus = [d for d in jax.devices() if d.platform == "gpu"]
    if not gpus:
        print("JAX sees no GPU; nothing to measure")
        return 1
    numpy = {**workloads.case_mlp(tf, args.quick), **workloads.case_conv(tf, args.quick)}
    host = xla_cases.case_xla(tf, args.quick)
    gpu = xla_cases.case_xla(tf, args.quick, "/device:GPU:0")
    print("GPU: %s (JAX %s)" % (gpus[0].device_kind, jax.__version__))
    print("| case | varflow-numpy (host) | varflow-xla (host) | varflow-xla (GPU:0) |")
    print("| --- | ---: | ---: | ---: |")
    for key, label in ROWS:
        unit = "steps_per_s" if key.startswith("mlp") else "img_per_s"
        print("| %s | %.0f | %.0f | %.0f |" % (label, numpy.get("%s_%s" % (key, unit), float("nan")),
                                             host["xla_%s_%s" % (key, unit)],
                                             gpu["xla_%s_%s" % (key, unit)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
