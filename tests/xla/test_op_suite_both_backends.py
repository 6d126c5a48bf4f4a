"""The whole op test-suite (tests/ops) run through both backends: every session run there also runs
XLA-compiled and must agree with the NumPy result (see tests/ops/conftest.py, `--both-backends`),
on the host and, where JAX sees one, compiled for a GPU."""
import os
import re
import subprocess
import sys

import pytest

pytest.importorskip("jax")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def _run_op_suite(*options: str) -> None:
    """tests/ops with --both-backends (and `options`) in a fresh interpreter: it must pass, with
    most runs compared through XLA segments."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--both-backends",
         *options, os.path.join(ROOT, "tests", "ops")],
        capture_output=True, text=True, cwd=ROOT, timeout=1200)
    tail = proc.stdout[-3000:]
    assert proc.returncode == 0, tail
    stats = re.search(r"both backends: (\d+) plans, (\d+) runs compared, (\d+) ran XLA segments",
                      proc.stdout)
    assert stats, tail
    plans, compared, jitted = map(int, stats.groups())
    assert plans > 500 and jitted > 0.9 * compared, tail


def test_op_suite_agrees_on_both_backends():
    _run_op_suite()


def test_op_suite_agrees_when_compiled_for_the_gpu():
    from varflow.xla.compiler import _gpu_devices
    if not _gpu_devices():
        pytest.skip("JAX sees no GPU")
    _run_op_suite("--xla-on-gpu")
