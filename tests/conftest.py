"""Every test starts with a fresh default graph, as if a new TF1 program started."""
import pytest

import varflow as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()
