"""TFRecord files and tf.train.Example interoperate with real TensorFlow, run in a subprocess (skipped
when it is not installed).

The interpreter is $VARFLOW_TF_PYTHON, else /work/tfenv/bin/python. varflow first writes TFRecord files
of Examples (uncompressed, ZLIB, GZIP); one TF process then reads them back and parses them, writes its
own files of the same Examples, and reports serialized bytes; the tests compare both directions.
"""
import json
import os
import subprocess
import textwrap

import numpy as np
import pytest

import varflow as tf
import varflow.io as tfio
from varflow.io import example_proto as pb

TF_PYTHON = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")
COMPRESSIONS = ["", "ZLIB", "GZIP"]

# The same Example values on both sides (one feature per kind, a variable-length one, odd bytes).
GEN = textwrap.dedent('''
    def example_values(i):
        return {"f": [i * 0.25, -1.5, 3e-8], "i": [i, -i, 1 << 40], "s": [b"id%d" % i, bytes([0, 255, i])],
                "v": list(range(i))}
''')
_G: dict = {}
exec(GEN, _G)

TF_SCRIPT = GEN + textwrap.dedent('''
    import json, os, sys
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    work = sys.argv[1]

    def example(i):
        vals = example_values(i)
        feats = {"f": tf.train.Feature(float_list=tf.train.FloatList(value=vals["f"])),
                 "i": tf.train.Feature(int64_list=tf.train.Int64List(value=vals["i"])),
                 "s": tf.train.Feature(bytes_list=tf.train.BytesList(value=vals["s"])),
                 "v": tf.train.Feature(int64_list=tf.train.Int64List(value=vals["v"]))}
        return tf.train.Example(features=tf.train.Features(feature=feats))

    out = {"serialized": [example(i).SerializeToString(deterministic=True).hex() for i in range(4)],
           "single": tf.train.Example(features=tf.train.Features(feature={"x": tf.train.Feature(
               float_list=tf.train.FloatList(value=[1.0, 2.5]))})).SerializeToString().hex(),
           "read": {}, "parsed": {}, "files": {}}
    for c in ["", "ZLIB", "GZIP"]:
        path = os.path.join(work, "tf%s.tfr" % c)
        with tf.io.TFRecordWriter(path, options=c) as w:
            for i in range(4):
                w.write(example(i).SerializeToString(deterministic=True))
        out["files"][c] = open(path, "rb").read().hex()
        vf = os.path.join(work, "vf%s.tfr" % c)
        out["read"][c] = [r.hex() for r in tf.io.tf_record_iterator(vf, tf.io.TFRecordOptions(c))]
    with tf.Graph().as_default():
        ds = tf.data.TFRecordDataset(os.path.join(work, "vfGZIP.tfr"), compression_type="GZIP").batch(4)
        batch = tf.data.make_one_shot_iterator(ds).get_next()
        parsed = tf.io.parse_example(batch, {"f": tf.io.FixedLenFeature([3], tf.float32),
                                             "i": tf.io.FixedLenFeature([3], tf.int64),
                                             "s": tf.io.FixedLenFeature([2], tf.string),
                                             "v": tf.io.VarLenFeature(tf.int64)})
        with tf.Session() as sess:
            got = sess.run(parsed)
    out["parsed"] = {"f": got["f"].tolist(), "i": got["i"].tolist(), "s": [[x.hex() for x in r] for r in got["s"]],
                     "v_indices": got["v"].indices.tolist(), "v_values": got["v"].values.tolist(),
                     "v_shape": got["v"].dense_shape.tolist()}
    print("JSON:" + json.dumps(out))
''')


def _example(i: int) -> pb.Example:
    vals = _G["example_values"](i)
    ex = pb.Example()
    ex.features.feature["f"].float_list.value.extend(vals["f"])
    ex.features.feature["i"].int64_list.value.extend(vals["i"])
    ex.features.feature["s"].bytes_list.value.extend(vals["s"])
    ex.features.feature["v"].int64_list.value.extend(vals["v"])
    return ex


@pytest.fixture(scope="module")
def tf_run(tmp_path_factory):
    if not os.path.exists(TF_PYTHON):
        pytest.skip("TensorFlow interpreter not available (set VARFLOW_TF_PYTHON)")
    work = tmp_path_factory.mktemp("tfrecord_interop")
    for c in COMPRESSIONS:
        with tfio.TFRecordWriter(str(work / ("vf%s.tfr" % c)), tfio.TFRecordOptions(c)) as w:
            for i in range(4):
                w.write(_example(i).SerializeToString())
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    proc = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, str(work)], capture_output=True, text=True, timeout=300,
                          env=env)
    if "No module named 'tensorflow'" in proc.stderr:
        pytest.skip("%s cannot import tensorflow (set VARFLOW_TF_PYTHON)" % TF_PYTHON)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("JSON:")]
    if proc.returncode != 0 or not lines:
        pytest.fail("TensorFlow subprocess failed:\n%s\n%s" % (proc.stdout[-3000:], proc.stderr[-3000:]),
                    pytrace=False)
    return work, json.loads(lines[-1][5:])


def test_serialized_examples_identical(tf_run):
    _, out = tf_run
    assert [_example(i).SerializeToString().hex() for i in range(4)] == out["serialized"]
    single = pb.Example(features=pb.Features(feature={"x": pb.Feature(float_list=pb.FloatList(value=[1.0, 2.5]))}))
    assert single.SerializeToString().hex() == out["single"]
    assert pb.Example.FromString(bytes.fromhex(out["serialized"][3])) == _example(3)


@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_tf_reads_varflow_files(tf_run, compression):
    work, out = tf_run
    assert out["read"][compression] == [_example(i).SerializeToString().hex() for i in range(4)]
    # and the files themselves are byte-for-byte what TF writes
    assert (work / ("vf%s.tfr" % compression)).read_bytes().hex() == out["files"][compression]


def test_tf_parses_varflow_examples(tf_run):
    _, out = tf_run
    vals = [_G["example_values"](i) for i in range(4)]
    np.testing.assert_array_equal(np.array(out["parsed"]["f"], np.float32),
                                  np.array([v["f"] for v in vals], np.float32))
    assert out["parsed"]["i"] == [v["i"] for v in vals]
    assert out["parsed"]["v_values"] == [x for v in vals for x in v["v"]]
    assert out["parsed"]["v_shape"] == [4, 3]


@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_varflow_reads_and_parses_tf_files(tf_run, compression):
    work, out = tf_run
    path = str(work / ("tf%s.tfr" % compression))
    records = list(tfio.tf_record_iterator(path, tfio.TFRecordOptions(compression)))
    assert [r.hex() for r in records] == out["serialized"]
    spec = {"f": tfio.FixedLenFeature([3], tf.float32), "i": tfio.FixedLenFeature([3], tf.int64),
            "s": tfio.FixedLenFeature([2], tf.string), "v": tfio.VarLenFeature(tf.int64)}
    with tf.Graph().as_default():
        from varflow.data.readers import TFRecordDataset
        batch = tf.data.make_one_shot_iterator(TFRecordDataset(path, compression).batch(4)).get_next()
        parsed = tfio.parse_example(batch, spec)
        with tf.Session() as sess:
            got = sess.run(parsed)
    assert got["f"].tolist() == out["parsed"]["f"]
    assert got["i"].tolist() == out["parsed"]["i"]
    assert [[x.hex() for x in r] for r in got["s"]] == out["parsed"]["s"]
    assert got["v"].indices.tolist() == out["parsed"]["v_indices"]
    assert got["v"].values.tolist() == out["parsed"]["v_values"]
    assert got["v"].dense_shape.tolist() == out["parsed"]["v_shape"]
