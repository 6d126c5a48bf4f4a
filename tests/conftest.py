"""Every test starts with a fresh default graph, as if a new TF1 program started."""
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
