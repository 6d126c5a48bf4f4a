"""The `varflow` command: the tour runs end to end; inspect and version answer."""
import io
import subprocess
import sys

import numpy as np

import varflow as tf
from varflow.cli import main
from varflow.tour import run_tour


def test_tour_runs_every_section_and_ends_with_the_variable_table():
    out = io.StringIO()
    assert run_tour(out) == 0
    text = out.getvalue()
    for heading in ("1. Creating a variable", "2. Collections", "3. Device placement",
                    "4. Variable initialization", "5. Using variables", "6. Sharing variables",
                    "Variables built in this tour"):
        assert heading in text
    assert "/device:GPU:1" in text and "/job:ps/task:0" in text
    assert "glorot_uniform: all |values| <= 1.095 -> True" in text
    assert "AttributeError" in text and "FailedPreconditionError" in text
    assert "model/conv1/weights:0" in text and "parameters" in text
    assert text.count("NOTE (TensorFlow differs from the document)") >= 4


def test_tour_as_console_command():
    proc = subprocess.run([sys.executable, "-m", "varflow", "tour"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Sharing variables" in proc.stdout


def test_inspect_lists_tensors_and_fails_cleanly(tmp_path, capsys):
    v = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3), name="w")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(v.initializer)
        path = saver.save(sess, str(tmp_path / "m"), write_meta_graph=False)
    assert main(["inspect", path]) == 0
    assert "w" in capsys.readouterr().out
    assert main(["inspect", str(tmp_path / "missing")]) != 0


def test_version(capsys):
    assert main(["version"]) == 0
    assert tf.__version__ in capsys.readouterr().out
