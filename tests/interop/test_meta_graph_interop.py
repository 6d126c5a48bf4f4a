""".meta files interoperate with TensorFlow's tf.compat.v1.train.import_meta_graph / Saver (TF runs in a subprocess).

Skipped when $VARFLOW_TF_PYTHON (default /work/tfenv/bin/python) is absent. TF -> varflow: an MLP trained with
Adam (train op in a collection, a tf.cond on the loss) is saved by TF; varflow imports the .meta (binary and
text format), restores the checkpoint and trains on with TF's numbers, and differentiates through TF's cond.
varflow -> TF: the same MLP saved by varflow trains on in TF with varflow's numbers; a graph with ref,
resource and partitioned variables, a cond and the global step is restored by TF with varflow's values.
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

MODEL = textwrap.dedent('''
    import numpy as np
    rng = np.random.RandomState(0)
    X = rng.randn(32, 4).astype(np.float32)
    Y = rng.randn(32, 1).astype(np.float32)
    W1 = (rng.randn(4, 8) * 0.5).astype(np.float32)
    W2 = (rng.randn(8, 1) * 0.5).astype(np.float32)

    def build_mlp(tf):
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        y = tf.placeholder(tf.float32, [None, 1], name="y")
        with tf.variable_scope("h"):
            w1 = tf.get_variable("kernel", initializer=W1)
            b1 = tf.get_variable("bias", [8], initializer=tf.zeros_initializer())
        with tf.variable_scope("out"):
            w2 = tf.get_variable("kernel", initializer=W2)
            b2 = tf.get_variable("bias", [1], initializer=tf.zeros_initializer())
        out = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2
        loss = tf.reduce_mean(tf.square(out - y), name="loss")
        train = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=tf.train.get_or_create_global_step())
        tf.add_to_collection("train_op", train)
        tf.cond(loss > 1.0, lambda: loss * 2, lambda: loss * 3, name="pick")
        return x, y, loss, train

    def build_inference(tf):
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        with tf.variable_scope("h"):
            w1 = tf.get_variable("kernel", initializer=W1)
            r = tf.get_variable("r", [8], use_resource=True, initializer=tf.constant_initializer(0.25))
        emb = tf.get_variable("emb", [6, 8], partitioner=tf.fixed_size_partitioner(2),
                              initializer=tf.constant_initializer(0.5))
        h = tf.nn.relu(tf.matmul(x, w1) + r + tf.reduce_sum(tf.concat(list(emb), 0), 0))
        out = tf.reduce_sum(h, 1, name="out")
        picked = tf.cond(tf.reduce_sum(out) > 0, lambda: out * 2, lambda: out * 3, name="pick")
        tf.add_to_collection("outputs", picked)
        tf.train.get_or_create_global_step()
        return x, picked
''')

TF_PRELUDE = textwrap.dedent('''
    import json, os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import numpy as np
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    tf.logging.set_verbosity(tf.logging.ERROR)
''') + MODEL

TF_TRAIN_AND_SAVE = TF_PRELUDE + textwrap.dedent('''
    prefix, as_text = sys.argv[1], sys.argv[2] == "text"
    x, y, loss, train = build_mlp(tf)
    saver = tf.train.Saver()
    feed = {x: X, y: Y}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, feed)
        saver.save(sess, prefix, write_meta_graph=not as_text)
        if as_text:
            saver.export_meta_graph(prefix + ".meta", as_text=True)
        losses = [float(sess.run([loss, train], feed)[0]) for _ in range(3)]
        grad = tf.gradients(tf.get_default_graph().get_tensor_by_name("pick/Merge:0"), loss)[0]
        print(json.dumps({"losses": losses, "grad": float(sess.run(grad, feed)),
                          "step": int(sess.run(tf.train.get_global_step()))}))
''')

TF_IMPORT_AND_TRAIN = TF_PRELUDE + textwrap.dedent('''
    prefix = sys.argv[1]
    saver = tf.train.import_meta_graph(prefix + ".meta")
    g = tf.get_default_graph()
    x, y, loss = (g.get_tensor_by_name(n) for n in ("x:0", "y:0", "loss:0"))
    train = tf.get_collection("train_op")[0]
    grad = tf.gradients(g.get_tensor_by_name("pick/Merge:0"), loss)[0]
    with tf.Session() as sess:
        saver.restore(sess, prefix)
        losses = [float(sess.run([loss, train], {x: X, y: Y})[0]) for _ in range(3)]
        print(json.dumps({"losses": losses, "grad": float(sess.run(grad, {x: X, y: Y})),
                          "step": int(sess.run(tf.train.get_global_step()))}))
''')

TF_IMPORT_AND_RUN = TF_PRELUDE + textwrap.dedent('''
    prefix = sys.argv[1]
    saver = tf.train.import_meta_graph(prefix + ".meta", import_scope=sys.argv[2] or None)
    g = tf.get_default_graph()
    scope = sys.argv[2] + "/" if sys.argv[2] else ""
    x = g.get_tensor_by_name(scope + "x:0")
    picked = tf.get_collection("outputs")[0]
    grad = tf.gradients(picked, x)[0]
    with tf.Session() as sess:
        saver.restore(sess, prefix)
        print(json.dumps({
            "out": sess.run(picked, {x: X}).tolist(), "grad": sess.run(grad, {x: X}).tolist(),
            "vars": [[type(v).__name__, v.name] for v in tf.global_variables()],
            "trainable": [v.name for v in tf.trainable_variables()],
            "slices": [v._save_slice_info.var_offset for v in tf.global_variables() if v._save_slice_info],
            "step": int(sess.run(tf.train.get_global_step())),
            "uninit": [u.decode() for u in sess.run(tf.report_uninitialized_variables())],
            "cond_contexts": len(tf.get_collection("cond_context"))}))
''')


def _tf(script, *args):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([TF_PYTHON, "-c", script, *args], capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0 and "No module named 'tensorflow'" in proc.stderr:
        pytest.skip("TensorFlow is not importable by %s" % TF_PYTHON)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _model():
    namespace: dict = {}
    exec(MODEL, namespace)  # noqa: S102 - the same model code TF runs
    return namespace


def _continue_in_varflow(prefix, import_scope=None):
    m = _model()
    saver = tf.train.import_meta_graph(prefix + ".meta", import_scope=import_scope)
    g = tf.get_default_graph()
    scope = import_scope + "/" if import_scope else ""
    x, y, loss = (g.get_tensor_by_name(scope + n) for n in ("x:0", "y:0", "loss:0"))
    train = tf.get_collection("train_op")[0]
    grad = tf.gradients(g.get_tensor_by_name(scope + "pick/Merge:0"), loss)[0]
    feed = {x: m["X"], y: m["Y"]}
    with tf.Session() as sess:
        saver.restore(sess, prefix)
        losses = [float(sess.run([loss, train], feed)[0]) for _ in range(3)]
        return {"losses": losses, "grad": float(sess.run(grad, feed)),
                "step": int(sess.run(tf.train.get_global_step()))}


@pytest.mark.parametrize("import_scope", [None, "restored"])
def test_tf_meta_graph_imports_into_varflow_and_trains_with_tf_numbers(tmp_path, import_scope):
    prefix = str(tmp_path / "model.ckpt")
    expected = _tf(TF_TRAIN_AND_SAVE, prefix, "binary")
    got = _continue_in_varflow(prefix, import_scope)
    np.testing.assert_allclose(got["losses"], expected["losses"], rtol=1e-6)
    assert got["grad"] == expected["grad"] == 2.0       # through TF's tf.cond, rebuilt from cond_context
    assert got["step"] == expected["step"] == 6
    assert [v.name for v in tf.trainable_variables()] == [
        (import_scope + "/" if import_scope else "") + n
        for n in ("h/kernel:0", "h/bias:0", "out/kernel:0", "out/bias:0")]


def test_tf_text_format_meta_graph_imports_into_varflow(tmp_path):
    prefix = str(tmp_path / "model.ckpt")
    expected = _tf(TF_TRAIN_AND_SAVE, prefix, "text")
    with open(prefix + ".meta", encoding="utf-8") as f:
        assert f.read().startswith("meta_info_def {")
    got = _continue_in_varflow(prefix)
    np.testing.assert_allclose(got["losses"], expected["losses"], rtol=1e-6)
    assert len(tf.get_collection("cond_context")) == 2


def test_varflow_training_meta_graph_imports_into_tf_and_trains_on(tmp_path):
    prefix = str(tmp_path / "model.ckpt")
    m = _model()
    x, y, loss, train = m["build_mlp"](tf)
    saver = tf.train.Saver()
    feed = {x: m["X"], y: m["Y"]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, feed)
        saver.save(sess, prefix)
        expected = [float(sess.run([loss, train], feed)[0]) for _ in range(3)]
    got = _tf(TF_IMPORT_AND_TRAIN, prefix)
    np.testing.assert_allclose(got["losses"], expected, rtol=1e-6)
    assert got["grad"] == 2.0 and got["step"] == 6


@pytest.mark.parametrize("strip", [False, True])
def test_varflow_meta_graph_imports_into_tf(tmp_path, strip):
    prefix = str(tmp_path / "inference.ckpt")
    m = _model()
    x, picked = m["build_inference"](tf)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.train.get_global_step().assign(11))
        saver.save(sess, prefix, strip_default_attrs=strip)
        out = sess.run(picked, {x: m["X"]})
        grad = sess.run(tf.gradients(picked, x)[0], {x: m["X"]})
    got = _tf(TF_IMPORT_AND_RUN, prefix, "")
    np.testing.assert_allclose(got["out"], out, rtol=1e-6)
    np.testing.assert_allclose(got["grad"], grad, rtol=1e-6)
    assert got["vars"] == [["RefVariable", "h/kernel:0"], ["ResourceVariable", "h/r:0"],
                           ["RefVariable", "emb/part_0:0"], ["RefVariable", "emb/part_1:0"],
                           ["RefVariable", "global_step:0"]]
    assert got["trainable"] == ["h/kernel:0", "h/r:0", "emb/part_0:0", "emb/part_1:0"]
    assert got["slices"] == [[0, 0], [3, 0]] and got["step"] == 11 and got["uninit"] == []
    assert got["cond_contexts"] == 2


def test_varflow_meta_graph_imports_into_tf_under_a_scope(tmp_path):
    prefix = str(tmp_path / "inference.ckpt")
    m = _model()
    x, picked = m["build_inference"](tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.Saver().save(sess, prefix)
        out = sess.run(picked, {x: m["X"]})
    got = _tf(TF_IMPORT_AND_RUN, prefix, "imported")
    np.testing.assert_allclose(got["out"], out, rtol=1e-6)
    assert got["vars"][0] == ["RefVariable", "imported/h/kernel:0"]


TF_SHARDED_TRAIN_AND_SAVE = TF_PRELUDE + textwrap.dedent('''
    prefix = sys.argv[1]
    two_devices = lambda op: ("/job:localhost/replica:0/task:0/device:CPU:0" if op.name.startswith("out")
                              else "/device:CPU:0")
    with tf.device(two_devices):
        x, y, loss, train = build_mlp(tf)
    saver = tf.train.Saver(sharded=True)
    feed = {x: X, y: Y}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, feed)
        saver.save(sess, prefix)
        losses = [float(sess.run([loss, train], feed)[0]) for _ in range(3)]
        print(json.dumps({"losses": losses, "files": sorted(os.listdir(os.path.dirname(prefix)))}))
''')

TF_RESTORE_AND_EVALUATE = TF_PRELUDE + textwrap.dedent('''
    meta, prefix = sys.argv[1], sys.argv[2]
    saver = tf.train.import_meta_graph(meta)
    g = tf.get_default_graph()
    x, y, loss = (g.get_tensor_by_name(n) for n in ("x:0", "y:0", "loss:0"))
    with tf.Session() as sess:
        saver.restore(sess, prefix)
        print(json.dumps({"loss": float(sess.run(loss, {x: X, y: Y})),
                          "step": int(sess.run(tf.train.get_global_step()))}))
''')


def test_tf_sharded_saver_graph_saves_in_varflow_and_tf_restores_it(tmp_path):
    """TF's sharded Saver ops (StringJoin, ShardedFilename, per-device SaveV2, MergeV2Checkpoints) run
    in varflow, and the checkpoint they write is TF's: TF restores it with varflow's values."""
    (tmp_path / "tf").mkdir()
    (tmp_path / "vf").mkdir()
    prefix = str(tmp_path / "tf" / "model.ckpt")
    expected = _tf(TF_SHARDED_TRAIN_AND_SAVE, prefix)
    assert "model.ckpt.data-00001-of-00002" in expected["files"]
    m = _model()
    saver = tf.train.import_meta_graph(prefix + ".meta")
    g = tf.get_default_graph()
    assert g.get_operation_by_name("save/MergeV2Checkpoints").type == "MergeV2Checkpoints"
    x, y, loss = (g.get_tensor_by_name(n) for n in ("x:0", "y:0", "loss:0"))
    feed = {x: m["X"], y: m["Y"]}
    with tf.Session() as sess:
        saver.restore(sess, prefix)
        losses = [float(sess.run([loss, tf.get_collection("train_op")[0]], feed)[0]) for _ in range(3)]
        saved = saver.save(sess, str(tmp_path / "vf" / "model.ckpt"), write_meta_graph=False)
        final = float(sess.run(loss, feed))
    np.testing.assert_allclose(losses, expected["losses"], rtol=1e-6)
    assert sorted(os.listdir(tmp_path / "vf")) == ["checkpoint", "model.ckpt.data-00000-of-00002",
                                                   "model.ckpt.data-00001-of-00002", "model.ckpt.index"]
    got = _tf(TF_RESTORE_AND_EVALUATE, prefix + ".meta", saved)
    np.testing.assert_allclose(got["loss"], final, rtol=1e-6)
    assert got["step"] == 6


def test_varflow_sharded_saver_graph_saves_in_tf(tmp_path):
    prefix = str(tmp_path / "model.ckpt")
    m = _model()
    with tf.device(lambda op: "/job:localhost/replica:0/task:0/device:CPU:0" if op.name.startswith("out")
                   else "/device:CPU:0"):
        x, y, loss, train = m["build_mlp"](tf)
    saver = tf.train.Saver(sharded=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {x: m["X"], y: m["Y"]})
        saver.save(sess, prefix)
        want = float(sess.run(loss, {x: m["X"], y: m["Y"]}))
    script = TF_PRELUDE + textwrap.dedent('''
        prefix = sys.argv[1]
        saver = tf.train.import_meta_graph(prefix + ".meta")
        g = tf.get_default_graph()
        x, y, loss = (g.get_tensor_by_name(n) for n in ("x:0", "y:0", "loss:0"))
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            again = saver.save(sess, prefix + "-again", write_meta_graph=False)
        with tf.Session() as sess:
            saver.restore(sess, again)
            print(json.dumps({"loss": float(sess.run(loss, {x: X, y: Y})),
                              "files": sorted(os.listdir(os.path.dirname(prefix)))}))
    ''')
    got = _tf(script, prefix)
    np.testing.assert_allclose(got["loss"], want, rtol=1e-6)
    assert "model.ckpt-again.data-00001-of-00002" in got["files"]
    assert not any("_temp" in name for name in got["files"])
