"""GraphDefs cross between varflow and TensorFlow through tf.import_graph_def (TF runs in a subprocess).

Skipped when $VARFLOW_TF_PYTHON (default /work/tfenv/bin/python) is absent. TF -> varflow: TF builds an MLP
(ReLU then tanh) with a tf.cond, sparse softmax cross-entropy, Adam with a global step and a Saver, saves its initial
variables and records five training steps; varflow imports the GraphDef under a prefix, restores the
checkpoint through the imported Saver ops and must reproduce the losses, predictions and global step.
varflow -> TF: TF imports varflow's GraphDef of the same kind of model, restores varflow's checkpoint
through the imported Saver ops and must reproduce varflow's numbers. (varflow's Adam there applies
gradients written as graph ops: tf.gradients' graphs hold varflow-only helper ops, which TF lacks.)
"""
import json
import os
import subprocess
import textwrap

import numpy as np
import pytest

import varflow as tf

TF_PYTHON = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="TensorFlow interpreter not available")

X = np.array([[0.5, -1.0, 2.0, 0.25], [1.5, 0.5, -0.5, -2.0], [0.0, 1.0, 1.0, 1.0]], np.float32)
Y = np.array([2, 0, 1], np.int64)
STEPS = 5

TF_PRELUDE = textwrap.dedent('''
    import json, os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import numpy as np
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    tf.logging.set_verbosity(tf.logging.ERROR)
    out_dir = sys.argv[1]
    X = np.array(json.loads(sys.argv[2]), np.float32)
    Y = np.array(json.loads(sys.argv[3]), np.int64)
    STEPS = int(sys.argv[4])
''')

TF_BUILDS = TF_PRELUDE + textwrap.dedent('''
    tf.set_random_seed(7)

    def dense(inp, n, name):
        with tf.variable_scope(name):
            w = tf.get_variable("kernel", [inp.shape[-1], n], initializer=tf.glorot_uniform_initializer())
            b = tf.get_variable("bias", [n], initializer=tf.random_uniform_initializer(-0.1, 0.1))
            return tf.nn.bias_add(tf.matmul(inp, w), b)

    x = tf.placeholder(tf.float32, [None, 4], name="x")
    labels = tf.placeholder(tf.int64, [None], name="labels")
    training = tf.placeholder_with_default(True, [], name="training")
    h = tf.tanh(tf.nn.relu(dense(x, 8, "hidden")))
    h = tf.cond(training, lambda: h * 1.5, lambda: tf.square(h), name="branch")
    logits = dense(h, 3, "logits")
    probs = tf.nn.softmax(logits, name="probs")
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits),
                          name="loss")
    step = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.05).minimize(loss, global_step=step, name="train")
    init = tf.global_variables_initializer()
    saver = tf.train.Saver()
    with open(os.path.join(out_dir, "graph.pb"), "wb") as f:
        f.write(tf.get_default_graph().as_graph_def().SerializeToString())
    feed = {x: X, labels: Y}
    with tf.Session() as sess:
        sess.run(init)
        saver.save(sess, os.path.join(out_dir, "init.ckpt"), write_meta_graph=False)
        losses = [float(sess.run([train, loss], feed)[1]) for _ in range(STEPS)]
        result = {"losses": losses, "step": int(sess.run(step)),
                  "probs_train": sess.run(probs, feed).tolist(),
                  "probs_eval": sess.run(probs, {x: X, training: False}).tolist(),
                  "saver_def": [saver.saver_def.filename_tensor_name, saver.saver_def.save_tensor_name,
                                saver.saver_def.restore_op_name],
                  "op_types": sorted({n.op for n in tf.get_default_graph().as_graph_def().node})}
    print(json.dumps(result))
''')

TF_IMPORTS = TF_PRELUDE + textwrap.dedent('''
    spec = json.loads(sys.argv[5])
    gd = tf.GraphDef.FromString(open(os.path.join(out_dir, "varflow.pb"), "rb").read())
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="vf")
        feed = {"vf/x:0": X, "vf/labels:0": Y}
        with tf.Session() as sess:
            sess.run("vf/" + spec["restore"], {"vf/" + spec["filename"]: os.path.join(out_dir, "vf.ckpt")})
            losses = [float(sess.run(["vf/train", "vf/loss:0"], feed)[1]) for _ in range(STEPS)]
            result = {"losses": losses, "step": int(sess.run("vf/global_step:0")),
                      "probs_train": sess.run("vf/probs:0", feed).tolist(),
                      "probs_eval": sess.run("vf/probs:0", dict(feed, **{"vf/training:0": False})).tolist()}
    print(json.dumps(result))
''')


def _tf(script, *args):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([TF_PYTHON, "-c", script, *args], capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0 and "No module named 'tensorflow'" in proc.stderr:
        pytest.skip("TensorFlow is not importable by %s" % TF_PYTHON)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _args(tmp_path):
    return [str(tmp_path), json.dumps(X.tolist()), json.dumps(Y.tolist()), str(STEPS)]


def _run_steps(sess, prefix=""):
    """Train STEPS times on (X, Y); the losses, global step and both cond branches' predictions."""
    feed = {prefix + "x:0": X, prefix + "labels:0": Y}
    losses = [float(sess.run([prefix + "train", prefix + "loss:0"], feed)[1]) for _ in range(STEPS)]
    return {"losses": losses, "step": int(sess.run(prefix + "global_step:0")),
            "probs_train": sess.run(prefix + "probs:0", feed),
            "probs_eval": sess.run(prefix + "probs:0", dict(feed, **{prefix + "training:0": False}))}


def _assert_same_numbers(got, want):
    np.testing.assert_allclose(got["losses"], want["losses"], rtol=2e-5, atol=1e-6)
    assert got["step"] == want["step"] == STEPS
    np.testing.assert_allclose(got["probs_train"], want["probs_train"], rtol=2e-5, atol=1e-6)
    np.testing.assert_allclose(got["probs_eval"], want["probs_eval"], rtol=2e-5, atol=1e-6)


def test_varflow_imports_and_trains_a_tensorflow_graph(tmp_path):
    want = _tf(TF_BUILDS, *_args(tmp_path))
    assert {"Switch", "Merge", "ApplyAdam", "SaveV2", "RestoreV2", "VariableV2", "TanhGrad", "ReluGrad",
            "SparseSoftmaxCrossEntropyWithLogits", "PlaceholderWithDefault"} <= set(want["op_types"])
    filename, save_tensor, restore_op = want["saver_def"]
    with open(tmp_path / "graph.pb", "rb") as f:
        data = f.read()
    with tf.Graph().as_default() as g:
        train, probs = tf.import_graph_def(data, return_elements=["train", "probs:0"], name="tf")
        assert train.name == "tf/train" and probs.shape.as_list() == [None, 3]
        with tf.Session() as sess:
            sess.run("tf/init")
            sess.run("tf/" + restore_op, {"tf/" + filename: str(tmp_path / "init.ckpt")})
            got = _run_steps(sess, "tf/")
            saved = sess.run("tf/" + save_tensor, {"tf/" + filename: str(tmp_path / "again.ckpt")})
    _assert_same_numbers(got, want)
    assert saved == str(tmp_path / "again.ckpt").encode()
    reader = tf.train.load_checkpoint(str(tmp_path / "again.ckpt"))
    assert reader.get_tensor("global_step") == STEPS
    assert g.get_operation_by_name("tf/hidden/kernel/Adam").type == "VariableV2"


def _varflow_model(exact_gradients: bool = True):
    """The TF script's model with fixed initial values; without `exact_gradients` Adam applies
    `loss * w` (TF-only ops throughout, so TF can import the graph)."""
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    labels = tf.placeholder(tf.int64, [None], name="labels")
    training = tf.placeholder_with_default(True, [], name="training")
    w1 = tf.get_variable("hidden/kernel", initializer=np.linspace(-1, 1, 32, dtype=np.float32).reshape(4, 8))
    b1 = tf.get_variable("hidden/bias", initializer=np.linspace(-0.1, 0.1, 8, dtype=np.float32))
    w2 = tf.get_variable("logits/kernel", initializer=np.linspace(0.5, -0.5, 24, dtype=np.float32).reshape(8, 3))
    b2 = tf.get_variable("logits/bias", [3], initializer=tf.zeros_initializer())
    h = tf.tanh(tf.nn.relu(tf.nn.bias_add(tf.matmul(x, w1), b1)))
    h = tf.cond(training, lambda: h * 1.5, lambda: tf.square(h), name="branch")
    logits = tf.nn.bias_add(tf.matmul(h, w2), b2)
    tf.nn.softmax(logits, name="probs")
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits),
                          name="loss")
    step = tf.train.get_or_create_global_step()
    opt = tf.train.AdamOptimizer(0.05)
    if exact_gradients:
        opt.minimize(loss, global_step=step, name="train")
    else:
        opt.apply_gradients([(loss * v, v) for v in (w1, b1, w2, b2)], global_step=step, name="train")
    return tf.global_variables_initializer(), tf.train.Saver()


def test_tensorflow_imports_and_trains_a_varflow_graph(tmp_path):
    init, saver = _varflow_model(exact_gradients=False)
    with open(tmp_path / "varflow.pb", "wb") as f:
        f.write(tf.get_default_graph().as_graph_def().SerializeToString())
    with tf.Session() as sess:
        sess.run(init)
        saver.save(sess, str(tmp_path / "vf.ckpt"), write_meta_graph=False)
        want = _run_steps(sess)
    spec = {"restore": saver.saver_def.restore_op_name, "filename": saver.saver_def.filename_tensor_name}
    got = _tf(TF_IMPORTS, *_args(tmp_path), json.dumps(spec))
    _assert_same_numbers(got, want)
