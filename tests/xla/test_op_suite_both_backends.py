"""The whole op test-suite (tests/ops) run through both backends: every session run there also runs
XLA-compiled and must agree with the NumPy result (see tests/ops/conftest.py, `--both-backends`)."""
import os
import re
import subprocess
import sys

import pytest

pytest.importorskip("jax")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def test_op_suite_agrees_on_both_backends():
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--both-backends",
         os.path.join(ROOT, "tests", "ops")],
        capture_output=True, text=True, cwd=ROOT, timeout=900)
    tail = proc.stdout[-3000:]
    assert proc.returncode == 0, tail
    stats = re.search(r"both backends: (\d+) plans, (\d+) runs compared, (\d+) ran XLA segments",
                      proc.stdout)
    assert stats, tail
    plans, compared, jitted = map(int, stats.groups())
    assert plans > 500 and jitted > 0.9 * compared, tail
