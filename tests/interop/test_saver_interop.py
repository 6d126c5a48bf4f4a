"""Saver checkpoints interoperate with TensorFlow's own tf.compat.v1.train.Saver (TF runs in a subprocess).

Skipped when $VARFLOW_TF_PYTHON (default /work/tfenv/bin/python) is absent.  Both directions carry a plain
variable, an int64 global step, Adam-style slot variables and a partitioned variable restored with a
different number of parts than it was saved with.
"""
import json
import os
import subprocess
import textwrap

import numpy as np
import pytest

import varflow as tf
from varflow.train.saver import Saver

TF_PYTHON = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="TensorFlow interpreter not available")

W = np.array([[0.5], [-1.25]], np.float32)
EMB = (np.arange(20, dtype=np.float32).reshape(10, 2) / 3).astype(np.float32)

TF_PRELUDE = textwrap.dedent('''
    import json, sys, os
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import numpy as np
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    tf.logging.set_verbosity(tf.logging.ERROR)
    prefix, parts = sys.argv[1], int(sys.argv[2])
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [2, 1])
    slots = {}
    for suffix in ("Adam", "Adam_1"):
        with tf.variable_scope("linear/w", reuse=tf.AUTO_REUSE):
            slots["linear/w/" + suffix] = tf.get_variable(suffix, [2, 1], trainable=False)
    emb = tf.get_variable("emb", [10, 2], partitioner=tf.fixed_size_partitioner(parts))
    gs = tf.train.get_or_create_global_step()
    saver = tf.train.Saver()
''')

TF_RESTORE = TF_PRELUDE + textwrap.dedent('''
    with tf.Session() as sess:
        saver.restore(sess, prefix)
        out = {"linear/w": sess.run(w).tolist(), "emb": sess.run(tf.concat(list(emb), 0)).tolist(),
               "global_step": int(sess.run(gs)), "emb_parts": len(list(emb))}
        out.update({k: sess.run(v).tolist() for k, v in slots.items()})
        uninit = sess.run(tf.report_uninitialized_variables())
        out["uninit"] = [x.decode() for x in uninit]
    print(json.dumps(out))
''')

TF_SAVE = TF_PRELUDE + textwrap.dedent('''
    W = np.array(json.loads(sys.argv[3]), np.float32)
    EMB = np.array(json.loads(sys.argv[4]), np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(w.assign(W))
        sess.run(emb.assign(EMB))
        sess.run(gs.assign(77))
        sess.run([slots["linear/w/Adam"].assign(W * 2), slots["linear/w/Adam_1"].assign(W * 3)])
        print(saver.save(sess, prefix, write_meta_graph=False))
''')


def _tf(script, *args):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([TF_PYTHON, "-c", script, *args], capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0 and "No module named 'tensorflow'" in proc.stderr:
        pytest.skip("TensorFlow is not importable by %s" % TF_PYTHON)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip().splitlines()[-1]


def _varflow_model(parts):
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [2, 1])
    slots = {}
    for suffix in ("Adam", "Adam_1"):
        with tf.variable_scope("linear/w", reuse=tf.AUTO_REUSE):
            slots["linear/w/" + suffix] = tf.get_variable(suffix, [2, 1], trainable=False)
    emb = tf.get_variable("emb", [10, 2], partitioner=tf.fixed_size_partitioner(parts))
    gs = tf.train.get_or_create_global_step()
    return w, slots, emb, gs


def test_varflow_saver_writes_tf_saver_restores(tmp_path):
    prefix = str(tmp_path / "model.ckpt")
    w, slots, emb, gs = _varflow_model(parts=3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run([w.assign(W), emb.assign(EMB), gs.assign(12)])
        sess.run([slots["linear/w/Adam"].assign(W * 2), slots["linear/w/Adam_1"].assign(W * 3)])
        Saver().save(sess, prefix, global_step=gs, write_meta_graph=False)
    got = json.loads(_tf(TF_RESTORE, prefix + "-12", "2"))
    np.testing.assert_array_equal(got["linear/w"], W)
    np.testing.assert_array_equal(got["emb"], EMB)
    np.testing.assert_array_equal(got["linear/w/Adam"], W * 2)
    np.testing.assert_array_equal(got["linear/w/Adam_1"], W * 3)
    assert got["global_step"] == 12 and got["emb_parts"] == 2 and got["uninit"] == []


def test_tf_saver_writes_varflow_restores(tmp_path):
    prefix = str(tmp_path / "model.ckpt")
    assert _tf(TF_SAVE, prefix, "3", json.dumps(W.tolist()), json.dumps(EMB.tolist())) == prefix
    w, slots, emb, gs = _varflow_model(parts=4)
    with tf.Session() as sess:
        Saver().restore(sess, prefix)
        np.testing.assert_array_equal(sess.run(w), W)
        np.testing.assert_array_equal(sess.run(emb.as_tensor()), EMB)
        np.testing.assert_array_equal(sess.run(slots["linear/w/Adam"]), W * 2)
        np.testing.assert_array_equal(sess.run(slots["linear/w/Adam_1"]), W * 3)
        assert sess.run(gs) == 77
        assert sess.run(tf.report_uninitialized_variables()).tolist() == []
