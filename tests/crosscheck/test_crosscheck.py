"""Replay every cross-check case on varflow and compare with what TensorFlow 2.21 recorded.

The cases (cases/) are small TF1 programs that return what they observed; expected/ holds TensorFlow's
observations, written by record.py. A difference names the path inside the observations.
"""
import json
import os

import pytest

import varflow as tf

from observe import EXPECTED, case_names, differences, observe


@pytest.mark.parametrize("name", case_names())
def test_matches_tensorflow(name, tmp_path, monkeypatch):
    with open(os.path.join(EXPECTED, name + ".json")) as f:
        expected = json.load(f)
    monkeypatch.chdir(tmp_path)
    actual = observe(tf, name)
    diffs = differences(expected, actual, expected.get("_tol", 1e-5))
    assert not diffs, "\n".join([name] + diffs)
