"""Frozen graphs interoperate with real TensorFlow, run in a subprocess (skipped when it is not installed).

The same model source is built by varflow here and by TF 2.21 in one subprocess
($VARFLOW_TF_PYTHON, else /work/tfenv/bin/python), with reference and with resource variables. Each
side freezes it with graph_util.convert_variables_to_constants; the tests compare the frozen
GraphDefs node by node, and run each side's frozen bytes on the other side.
"""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

TF_PYTHON = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")

# Built identically by varflow and by TF (same source text).
MODEL = textwrap.dedent('''
    import numpy as np

    OUTPUTS = ["out", "emb"]
    X = (np.arange(6, dtype=np.float32).reshape(2, 3) - 2.0) / 3.0

    def build(tf, use_resource):
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        with tf.variable_scope("dense"):
            w = tf.get_variable("w", [3, 2], use_resource=use_resource,
                                initializer=tf.constant_initializer(np.arange(6.0).reshape(3, 2) / 4))
            b = tf.get_variable("b", [2], use_resource=use_resource,
                                initializer=tf.constant_initializer([0.5, -1.0]))
        tf.nn.relu(tf.matmul(x, w) + b, name="out")
        tf.gather(w, [2, 0], name="emb")
        tf.train.get_or_create_global_step()

    def freeze(tf, graph_util, use_resource):
        with tf.Graph().as_default():
            build(tf, use_resource)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                return graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(),
                                                                 OUTPUTS)

    def dtype_values():
        return {"f32s": np.float32(1.5), "f32v": np.array([1.5], np.float32),
                "f32m": np.arange(6, dtype=np.float32).reshape(2, 3), "f64s": np.float64(2.5),
                "i32s": np.int32(3), "i32v": np.array([3], np.int32), "i64s": np.int64(-4),
                "i64m": np.array([1, -2], np.int64), "bs": True, "bv": np.array([True, False]),
                "f16s": np.float16(1.25), "i8v": np.array([1, -2], np.int8), "u8s": np.uint8(3),
                "strv": np.array([b"a", b"bc"], object), "empty": np.zeros((0, 2), np.float32)}

    def freeze_dtypes(tf, graph_util):
        values = dtype_values()
        with tf.Graph().as_default():
            for k, v in values.items():
                tf.Variable(v, name=k)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                return graph_util.convert_variables_to_constants(
                    sess, sess.graph.as_graph_def(), [k + "/read" for k in values])

    def const_bytes(graph_def):
        return {n.name: n.attr["value"].tensor.SerializeToString().hex()
                for n in graph_def.node if n.op == "Const"}

    def describe(graph_def):
        return [[n.name, n.op, list(n.input), sorted(n.attr.keys())] for n in graph_def.node]

    def run_frozen(tf, graph_def):
        with tf.Graph().as_default():
            tf.import_graph_def(graph_def, name="")
            with tf.Session() as sess:
                got = sess.run([o + ":0" for o in OUTPUTS], {"x:0": X})
        return [g.tolist() for g in got]
''')

TF_SCRIPT = MODEL + textwrap.dedent('''
    import json, os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    from tensorflow.compat.v1 import graph_util
    work = sys.argv[1]
    report = {}
    for res in (False, True):
        frozen = freeze(tf, graph_util, res)
        with open(os.path.join(work, "tf_%d.pb" % res), "wb") as f:
            f.write(frozen.SerializeToString())
        vf = tf.GraphDef()
        with open(os.path.join(work, "vf_%d.pb" % res), "rb") as f:
            vf.ParseFromString(f.read())
        report[str(res)] = {"describe": describe(frozen), "run_own": run_frozen(tf, frozen),
                            "run_varflow": run_frozen(tf, vf)}
    report["dtypes"] = const_bytes(freeze_dtypes(tf, graph_util))
    print(json.dumps(report))
''')


def _tf_available() -> bool:
    if not os.path.exists(TF_PYTHON):
        return False
    probe = subprocess.run([TF_PYTHON, "-c", "import tensorflow"], capture_output=True, timeout=120)
    return probe.returncode == 0


@pytest.fixture(scope="module")
def exchange(tmp_path_factory):
    if not _tf_available():
        pytest.skip("TensorFlow interpreter not available at %s" % TF_PYTHON)
    import varflow as tf
    from varflow import graph_util

    ns: dict = {}
    exec(MODEL, ns)
    work = tmp_path_factory.mktemp("freeze")
    ours = {}
    for res in (False, True):
        frozen = ns["freeze"](tf, graph_util, res)
        ours[str(res)] = frozen
        (work / ("vf_%d.pb" % res)).write_bytes(frozen.SerializeToString())
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, str(work)], capture_output=True, text=True,
                          timeout=300, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
    assert proc.returncode == 0, "TF subprocess failed"
    return ns, work, ours, json.loads(proc.stdout.strip().splitlines()[-1])


# MatMul attrs TF 2.21 added (grad_a/grad_b, default false); varflow's GraphDef writer omits them.
_TF_ONLY_ATTRS = {"grad_a", "grad_b"}


@pytest.mark.parametrize("res", ["False", "True"])
def test_frozen_structure_matches_tf(exchange, res):
    ns, _, ours, report = exchange
    theirs = [[name, op, inputs, [k for k in keys if k not in _TF_ONLY_ATTRS]]
              for name, op, inputs, keys in report[res]["describe"]]
    assert ns["describe"](ours[res]) == theirs


@pytest.mark.parametrize("res", ["False", "True"])
def test_frozen_graphs_run_the_same_on_both_sides(exchange, res):
    import varflow as tf
    from varflow.framework.graph_def import GraphDef

    ns, work, ours, report = exchange
    expected = report[res]["run_own"]
    theirs = GraphDef.FromString((work / ("tf_%d.pb" % (res == "True"))).read_bytes())
    runs = {"varflow's frozen graph run by TF": report[res]["run_varflow"],
            "TF's frozen graph run by varflow": ns["run_frozen"](tf, theirs),
            "varflow's frozen graph run by varflow": ns["run_frozen"](tf, ours[res])}
    for what, got in runs.items():
        for g, e in zip(got, expected):
            np.testing.assert_allclose(g, e, rtol=1e-6, err_msg=what)


@pytest.mark.parametrize("res", ["False", "True"])
def test_frozen_constants_equal_tf_bytes(exchange, res):
    from varflow.framework.graph_def import GraphDef

    _, work, ours, _ = exchange
    theirs = GraphDef.FromString((work / ("tf_%d.pb" % (res == "True"))).read_bytes())
    tf_consts = {n.name: n.SerializeToString() for n in theirs.node if n.op == "Const"}
    for node in ours[res].node:
        if node.op == "Const" and node.name.startswith("dense/"):
            assert node.SerializeToString() == tf_consts[node.name]


def test_frozen_value_encodings_match_tf(exchange):
    import varflow as tf
    from varflow import graph_util

    ns, _, _, report = exchange
    ours = ns["const_bytes"](ns["freeze_dtypes"](tf, graph_util))
    assert ours == report["dtypes"]
