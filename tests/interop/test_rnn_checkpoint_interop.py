"""A TF1 LSTM model (MultiRNNCell of two LSTMCells + dense head, dynamic_rnn with
sequence_length) moves between real TensorFlow and varflow through checkpoints.

TensorFlow runs in a subprocess ($VARFLOW_TF_PYTHON, else /work/tfenv/bin/python; skipped when
missing). It restores the checkpoint varflow wrote and reports its outputs, and writes its own
checkpoint (random weights) with its outputs; varflow restores that one into the same code and
must give TF's outputs, final states and variable names.
"""
import json
import os
import subprocess
import textwrap

import numpy as np
import pytest

TF_PYTHON = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")

# The model, built from identical source text in both processes.
MODEL = textwrap.dedent('''
    import numpy as np

    def build(tf, rc, dense):
        x = tf.placeholder(tf.float32, [None, 6, 3], name="x")
        lens = tf.placeholder(tf.int32, [None], name="lens")
        cell = rc.MultiRNNCell([rc.LSTMCell(5, use_peepholes=True),
                                rc.LSTMCell(4, num_proj=3, forget_bias=0.5)])
        out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=lens, dtype=tf.float32)
        logits = dense(out, 2, name="head")
        fetch = {"logits": logits, "c0": state[0].c, "h0": state[0].h,
                 "c1": state[1].c, "h1": state[1].h}
        return x, lens, fetch

    X = (np.sin(np.arange(4 * 6 * 3) * 0.41) * 1.3).reshape(4, 6, 3).astype(np.float32)
    LENS = np.array([6, 3, 1, 5], np.int32)
''')

TF_SCRIPT = MODEL + textwrap.dedent('''
    import json, os, sys, warnings
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    warnings.filterwarnings("ignore")
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    try:
        rc = tf.nn.rnn_cell
        rc.LSTMCell  # Keras 3 builds raise here; TF still bundles the TF1 cells
        dense = tf.layers.dense
    except Exception:
        from tensorflow.python.ops import rnn_cell_impl as rc
        from tensorflow.python.layers import layers as tf1_layers
        dense = tf1_layers.dense
    work = sys.argv[1]
    result = {}
    for which in ("restore_vf", "write_tf"):
        with tf.Graph().as_default():
            tf.set_random_seed(7)
            x, lens, fetch = build(tf, rc, dense)
            saver = tf.train.Saver()
            with tf.Session() as sess:
                if which == "restore_vf":
                    saver.restore(sess, tf.train.latest_checkpoint(os.path.join(work, "vf")))
                else:
                    sess.run(tf.global_variables_initializer())
                    saver.save(sess, os.path.join(work, "tf", "model.ckpt"), global_step=1)
                vals = sess.run(fetch, {x: X, lens: LENS})
            result[which] = {k: v.tolist() for k, v in vals.items()}
            result[which + "_vars"] = [(v.name, v.shape.as_list()) for v in tf.global_variables()]
    print("JSON:" + json.dumps(result))
''')

_G: dict = {}
exec(MODEL, _G)  # noqa: S102 - our own model source, shared with the TF process


def _varflow_build():
    import varflow as tf
    from varflow.ops import rnn, rnn_cell_impl

    class _Namespace:
        """tf with tf.nn.dynamic_rnn available even before the namespace exports are wired."""

        def __getattr__(self, name):
            return getattr(tf, name)

    class _NN:
        def __getattr__(self, name):
            return getattr(rnn, name, None) or getattr(tf.nn, name)

    ns = _Namespace()
    ns.nn = _NN()
    return tf, _G["build"](ns, rnn_cell_impl, tf.layers.dense)


@pytest.fixture(scope="module")
def tf_run(tmp_path_factory):
    if not os.path.exists(TF_PYTHON):
        pytest.skip("TensorFlow interpreter not available (set VARFLOW_TF_PYTHON)")
    import varflow as tf

    work = tmp_path_factory.mktemp("rnn_ckpt_interop")
    os.makedirs(work / "vf")
    os.makedirs(work / "tf")
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        _, (x, lens, fetch) = _varflow_build()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.train.Saver().save(sess, str(work / "vf" / "model.ckpt"), global_step=2)
            vf_vals = sess.run(fetch, {x: _G["X"], lens: _G["LENS"]})
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    proc = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, str(work)], capture_output=True,
                          text=True, timeout=300, env=env)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("JSON:")]
    if proc.returncode or not lines:
        if "No module named" in proc.stderr and "tensorflow" in proc.stderr:
            pytest.skip("tensorflow is not importable by %s" % TF_PYTHON)
        raise AssertionError("TF process failed:\n" + proc.stderr[-3000:])
    return work, json.loads(lines[-1][5:]), vf_vals


def _assert_close(got: dict, want: dict) -> None:
    assert sorted(got) == sorted(want)
    for key in want:
        np.testing.assert_allclose(np.asarray(got[key]), np.asarray(want[key]), rtol=1e-5,
                                   atol=1e-5, err_msg=key)


def test_variable_names_and_shapes_match(tf_run):
    import varflow as tf

    _, result, _ = tf_run
    with tf.Graph().as_default():
        _varflow_build()
        names = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    assert names == result["write_tf_vars"]
    assert names[0] == ["rnn/multi_rnn_cell/cell_0/lstm_cell/kernel:0", [8, 20]]
    assert ["rnn/multi_rnn_cell/cell_1/lstm_cell/projection/kernel:0", [4, 3]] in names


def test_tensorflow_checkpoint_restores_into_varflow(tf_run):
    import varflow as tf

    work, result, _ = tf_run
    with tf.Graph().as_default():
        _, (x, lens, fetch) = _varflow_build()
        with tf.Session() as sess:
            tf.train.Saver().restore(sess, tf.train.latest_checkpoint(str(work / "tf")))
            got = sess.run(fetch, {x: _G["X"], lens: _G["LENS"]})
    _assert_close(got, result["write_tf"])


def test_varflow_checkpoint_restores_into_tensorflow(tf_run):
    _, result, vf_vals = tf_run
    _assert_close(vf_vals, result["restore_vf"])
