"""Every test starts with a fresh default graph, as if a new TF1 program started."""
import subprocess
import sys

import pytest

import varflow as tf


def pytest_addoption(parser):
    parser.addoption("--both-backends", action="store_true",
                     help="tests/ops: also run every plan through the XLA (JAX) backend and "
                          "compare (see tests/ops/conftest.py)")
    parser.addoption("--xla-on-gpu", action="store_true",
                     help="with --both-backends: compile every XLA segment for the first GPU JAX "
                          "sees (tests/xla/test_gpu.py runs it on a GPU machine)")


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


@pytest.fixture
def prints_ok():
    """Run Python code in a fresh interpreter (what `import varflow` loads, from scratch) and
    assert that it printed `ok`."""
    def check(code: str) -> None:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert out.stdout.strip() == "ok", out.stderr
    return check
