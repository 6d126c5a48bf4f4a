"""A short run of the digits CNN example: it trains, shares its scopes and checkpoints."""
import importlib.util
import os

import pytest

pytest.importorskip("sklearn")

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "examples", "digits_cnn.py")


def _load():
    spec = importlib.util.spec_from_file_location("digits_cnn", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_short_training_run_learns_and_saves(tmp_path):
    import varflow as tf

    result = _load().train(epochs=3, checkpoint_dir=str(tmp_path), verbose=False)
    assert result["test_accuracy"] > 0.85
    names = [name for name, _ in tf.train.list_variables(result["checkpoint"])]
    assert "model/conv1/weights" in names and "model/logits/biases" in names
    assert "model/conv1/weights/Adam" in names and "global_step" in names
    assert tf.train.latest_checkpoint(str(tmp_path)) == result["checkpoint"]
