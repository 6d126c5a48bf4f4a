"""tf.summary: ops (names, tags, values as observed in TF 2.21), protos, FileWriter/events files, TensorBoard.

Real-tool checks skip cleanly: TF ($VARFLOW_TF_PYTHON, else /work/tfenv/bin/python) reads the events file;
TensorBoard ($VARFLOW_TENSORBOARD, else /tmp/varflow-tb-venv/bin/tensorboard, else PATH) serves it over
HTTP; headless Chromium (`chromium` on PATH) takes a screenshot of the scalars dashboard.
"""
import glob
import json
import os
import shutil
import socket
import struct
import subprocess
import textwrap
import time
import urllib.request

import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.framework.graph_def import GraphDef
from varflow.framework.tensor_proto import make_ndarray
from varflow.summary.encoders import decode_png
from varflow.tools.event_file import encode_record, iter_records, summary_iterator

TF_PYTHON = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")
DBL_MAX = 1.7976931348623157e308


def _run(t, feed=None):
    with tf.Session() as sess:
        return tf.Summary.FromString(sess.run(t, feed))


def _events(logdir):
    (path,) = glob.glob(os.path.join(str(logdir), "events.out.tfevents.*"))
    return path, list(summary_iterator(path))


# --- protos ---------------------------------------------------------------------------------------
def test_hand_built_summary_bytes_and_round_trip():
    s = tf.Summary(value=[tf.Summary.Value(tag="a", simple_value=0.0)])
    assert s.SerializeToString() == b"\n\x08\n\x01a\x15\x00\x00\x00\x00"  # zero kept: oneof member
    s.value.add(tag="b", simple_value=2.5)
    again = tf.Summary.FromString(s.SerializeToString())
    assert again == s and [v.tag for v in again.value] == ["a", "b"]
    assert again.value[1].simple_value == 2.5 and again.value[1].WhichOneof("value") == "simple_value"
    assert str(again.value[1]) == 'tag: "b"\nsimple_value: 2.5\n'
    with pytest.raises(ValueError):
        tf.Summary.Value(nope=1)


def test_event_oneof_and_fields():
    e = tf.Event(wall_time=1.5, step=-3, file_version="brain.Event:2")
    e2 = tf.Event.FromString(e.SerializeToString())
    assert (e2.wall_time, e2.step, e2.file_version) == (1.5, -3, "brain.Event:2")
    e2.summary.value.add(tag="x", simple_value=1.0)
    e2.summary = e2.summary  # assigning a oneof member clears the others
    assert e2.WhichOneof("what") == "summary" and not e2.file_version


# --- ops ------------------------------------------------------------------------------------------
def test_scalar_op_names_tags_and_collection():
    x = tf.constant(2.5)
    s = tf.summary.scalar("loss", x)
    with tf.name_scope("sc"):
        s2 = tf.summary.scalar("loss", x, family="fam")
    s3 = tf.summary.scalar("a b", x)
    assert (s.op.name, s.op.type, s.dtype) == ("loss", "ScalarSummary", tf.string)
    assert [t.op.name for t in s.op.inputs] == ["loss/tags", "Const"]
    assert s2.op.name == "sc/fam/loss" and s3.op.name == "a_b"
    assert tf.get_collection(tf.GraphKeys.SUMMARIES) == [s, s2, s3]
    # Observed in TF 2.21: the family is prepended to the scope as tag.
    assert _run(s2).value[0].tag == "fam/sc/fam/loss"
    assert _run(s) == tf.Summary(value=[tf.Summary.Value(tag="loss", simple_value=2.5)])
    assert _run(tf.summary.scalar("i", tf.constant(3))).value[0].simple_value == 3.0


def test_scalar_shape_mismatch_is_an_error():
    s = tf.summary.scalar("ss", tf.constant([1.0, 2.0]))
    with pytest.raises(errors.InvalidArgumentError, match=r"tags and values are not the same shape: \[\] != \[2\]"):
        _run(s)


def test_histogram_matches_tf():
    h = _run(tf.summary.histogram("h", tf.constant([1.0, 2.0, 2.0, -3.0, 0.0]))).value[0]
    assert h.tag == "h"
    hp = h.histo
    assert (hp.min, hp.max, hp.num, hp.sum, hp.sum_squares) == (-3.0, 2.0, 5.0, 2.0, 18.0)
    # Observed in TF 2.21.
    assert list(hp.bucket_limit) == pytest.approx([-3.1665833053880363, -2.8787120958073054, 0.0, 1e-12,
                                                   0.917246389039776, 1.0089710279437536, 1.9661990955585713,
                                                   2.1628190051144287, DBL_MAX], rel=1e-12)
    assert list(hp.bucket) == [0, 1, 0, 1, 0, 1, 0, 2, 0]
    ints = _run(tf.summary.histogram("ints", tf.constant([3, 3, 100], tf.int64))).value[0].histo
    assert list(ints.bucket_limit) == pytest.approx([2.8787120958073054, 3.1665833053880363, 97.88757810018231,
                                                     107.67633591020055, DBL_MAX], rel=1e-12)
    assert list(ints.bucket) == [0, 2, 0, 1, 0]
    empty = _run(tf.summary.histogram("empty", tf.zeros([0]))).value[0].histo
    assert (empty.min, empty.max, empty.num, list(empty.bucket_limit)) == (DBL_MAX, -DBL_MAX, 0, [DBL_MAX])


@pytest.mark.parametrize("value,message", [(np.nan, "Nan in summary histogram for: hh"),
                                           (np.inf, "Infinity in Histogram for: hh")])
def test_histogram_rejects_non_finite(value, message):
    with pytest.raises(errors.InvalidArgumentError, match=message):
        _run(tf.summary.histogram("hh", tf.constant([1.0, value])))


# Pixels observed in TF 2.21 (tf.image.decode_png of the summary's PNG).
IMAGE_CASES = {
    "neg": (np.array([-1, -0.5, 0.3, 0.49, 0.51, 2.0], np.float32).reshape(1, 1, 6, 1), [64, 96, 147, 159, 160, 255]),
    "pos": (np.array([0, 0.3, 0.5, 0.7, 1.0, 0.001], np.float32).reshape(1, 1, 6, 1), [0, 76, 127, 178, 255, 0]),
    "nan": (np.array([0, np.nan, 0.5, np.inf, 1.0, 0.2], np.float32).reshape(1, 2, 1, 3), [255, 0, 0, 255, 0, 0]),
    "u8": (np.array([0, 7, 200, 255], np.uint8).reshape(1, 2, 2, 1), [0, 7, 200, 255]),
    "zero": (np.zeros((1, 1, 2, 1), np.float32), [0, 0]),
    "rgba": (np.linspace(0, 1, 8, dtype=np.float32).reshape(1, 1, 2, 4), [0, 36, 72, 109, 145, 182, 218, 255]),
}


@pytest.mark.parametrize("name", sorted(IMAGE_CASES))
def test_image_pixels_match_tf(name):
    images, pixels = IMAGE_CASES[name]
    t = tf.summary.image(name, tf.constant(images), max_outputs=1)
    assert t.op.type == "ImageSummary" and t.op.get_attr("max_images") == 1
    v = _run(t).value[0]
    _, h, w, c = images.shape
    assert (v.tag, v.image.height, v.image.width, v.image.colorspace) == (name + "/image", h, w, c)
    assert v.image.encoded_image_string.startswith(b"\x89PNG\r\n\x1a\n")
    assert decode_png(v.image.encoded_image_string).reshape(-1).tolist() == pixels


def test_image_batch_tags_and_rank_check():
    t = tf.summary.image("im", tf.zeros([3, 2, 2, 3]), max_outputs=2)
    assert [v.tag for v in _run(t).value] == ["im/image/0", "im/image/1"]
    with pytest.raises(ValueError, match="rank 4"):
        tf.summary.image("bad", tf.constant([1.0]))


def test_audio_matches_tf():
    clip = np.array([[-1.5, -1, -0.5, 0.00002, 0.00003, 0.3, 1.0, 2.0]], np.float32)
    v = _run(tf.summary.audio("au", tf.constant(clip), 8000.0, max_outputs=1)).value[0]
    assert (v.tag, v.audio.sample_rate, v.audio.num_channels, v.audio.length_frames) == ("au/audio", 8000, 1, 8)
    wav = v.audio.encoded_audio_string
    assert v.audio.content_type == "audio/wav" and wav[:4] == b"RIFF" and wav[8:16] == b"WAVEfmt "
    # Samples observed in TF 2.21.
    assert np.frombuffer(wav[44:], "<i2").tolist() == [-32768, -32768, -16384, 1, 1, 9830, 32767, 32767]
    v2 = _run(tf.summary.audio("au2", tf.constant([[[0.1, 0.2], [0.3, -0.4]]]), 16000.0)).value[0]
    assert v2.tag == "au2/audio/0" and v2.audio.num_channels == 2
    assert struct.unpack("<I", v2.audio.encoded_audio_string[28:32])[0] == 64000  # byte rate
    assert np.frombuffer(v2.audio.encoded_audio_string[44:], "<i2").tolist() == [3277, 6554, 9830, -13107]


def test_text_and_tensor_summary():
    t = tf.summary.text("txt", tf.constant([["a", "b"]]))
    assert t.op.type == "TensorSummaryV2"
    assert [i.op.name for i in t.op.inputs] == ["txt/tag", "Const", "txt/serialized_summary_metadata"]
    v = _run(t).value[0]
    assert v.tag == "txt" and v.metadata.plugin_data.plugin_name == "text"
    assert make_ndarray(v.tensor).tolist() == [[b"a", b"b"]]
    with pytest.raises(ValueError, match="to have dtype string"):
        tf.summary.text("t", tf.constant(1.0))
    ts = _run(tf.summary.tensor_summary("ts", tf.constant([1.0, 2.0]))).value[0]
    assert ts.HasField("metadata") and ts.tensor.tensor_content == b"\x00\x00\x80?\x00\x00\x00@"
    assert ts.SerializeToString().endswith(b"J\x00")  # empty metadata is written, as TF does


def test_merge_and_merge_all():
    assert tf.summary.merge_all() is None
    a = tf.summary.scalar("a", tf.constant(1.0))
    b = tf.summary.histogram("b", tf.constant([1.0]))
    m = tf.summary.merge([a, b])
    assert (m.op.name, m.op.type, m.op.get_attr("N")) == ("Merge/MergeSummary", "MergeSummary", 2)
    assert tf.summary.merge([a], name="mm").op.name == "mm/mm"
    assert [v.tag for v in _run(m).value] == ["a", "b"]
    assert [v.tag for v in _run(tf.summary.merge_all()).value] == ["a", "b"]
    with pytest.raises(errors.InvalidArgumentError, match="Duplicate tag a found in summary inputs"):
        _run(tf.summary.merge([a, a]))


# --- events files ---------------------------------------------------------------------------------
def _small_model():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.Variable([[1.0], [2.0]], name="w")
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w)), name="loss_value")
    tf.summary.scalar("loss", loss)
    tf.summary.histogram("weights", w)
    return x, loss, tf.summary.merge_all()


def _write_run(logdir, steps=5):
    x, loss, merged = _small_model()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter(str(logdir), sess.graph)
        losses = []
        for step in range(steps):
            summ, value = sess.run([merged, loss], {x: [[step, 1.0]]})
            writer.add_summary(summ, global_step=step)
            losses.append(float(value))
        writer.close()
    return losses


def test_file_writer_writes_version_graph_and_summaries(tmp_path):
    losses = _write_run(tmp_path)
    path, events = _events(tmp_path)
    assert os.path.basename(path).startswith("events.out.tfevents.")
    assert events[0].file_version == "brain.Event:2"
    assert events[1].WhichOneof("what") == "graph_def"
    graph = GraphDef.FromString(events[1].graph_def)
    assert "loss_value" in [n.name for n in graph.node]
    assert events[2].WhichOneof("what") == "meta_graph_def"    # as TF's FileWriter(graph=...)
    meta = tf.MetaGraphDef.FromString(events[2].meta_graph_def)
    assert "loss_value" in [n.name for n in meta.graph_def.node]
    summaries = [e for e in events if e.WhichOneof("what") == "summary"]
    assert [e.step for e in summaries] == list(range(5))
    got = [v.simple_value for e in summaries for v in e.summary.value if v.tag == "loss"]
    assert got == pytest.approx(losses)


def test_file_writer_queue_flush_reopen_and_cache(tmp_path):
    writer = tf.summary.FileWriter(str(tmp_path / "q"), max_queue=3, flush_secs=60, filename_suffix=".v")
    assert writer.get_logdir() == str(tmp_path / "q")
    for step in range(2):
        writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="t", simple_value=step)]), step)
    path, events = _events(tmp_path / "q")
    assert path.endswith(".v") and len(events) == 1  # only the version event is on disk yet
    writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="t", simple_value=2)]).SerializeToString(), 2)
    assert len(_events(tmp_path / "q")[1]) == 4  # the third queued event triggered a flush
    writer.add_session_log(tf.SessionLog(status=tf.SessionLog.START), 3)
    writer.flush()
    assert _events(tmp_path / "q")[1][-1].session_log.status == tf.SessionLog.START
    writer.close()
    with pytest.raises(RuntimeError, match="closed"):
        writer.add_event(tf.Event(step=1))
    cached = tf.summary.FileWriterCache.get(str(tmp_path / "c"))
    assert tf.summary.FileWriterCache.get(str(tmp_path / "c")) is cached
    tf.summary.FileWriterCache.clear()


def test_plugin_metadata_written_once_per_tag(tmp_path):
    t = tf.summary.text("note", tf.constant("hello"))
    with tf.Session() as sess, tf.summary.FileWriter(str(tmp_path)) as writer:
        for step in range(2):
            writer.add_summary(sess.run(t), step)
    values = [e.summary.value[0] for e in _events(tmp_path)[1] if e.WhichOneof("what") == "summary"]
    assert [v.HasField("metadata") for v in values] == [True, False]


def test_record_framing_and_corruption(tmp_path):
    rec = encode_record(b"abc")
    assert rec[:8] == struct.pack("<Q", 3) and len(rec) == 8 + 4 + 3 + 4
    path = tmp_path / "r.tfrecord"
    path.write_bytes(rec + encode_record(b"") + rec[:10])  # a torn final record is ignored
    assert list(iter_records(str(path))) == [b"abc", b""]
    path.write_bytes(rec[:12] + b"abd" + rec[15:])
    with pytest.raises(errors.DataLossError):
        list(iter_records(str(path)))


@pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="TensorFlow interpreter not available")
def test_real_tensorflow_reads_the_events_file(tmp_path):
    losses = _write_run(tmp_path)
    path, _ = _events(tmp_path)
    script = textwrap.dedent('''
        import json, os, sys
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
        import tensorflow.compat.v1 as tf
        out = []
        for e in tf.train.summary_iterator(sys.argv[1]):
            kind = e.WhichOneof("what")
            if kind == "graph_def":
                g = tf.GraphDef.FromString(e.graph_def)
                with tf.Graph().as_default():
                    tf.import_graph_def(g, name="")
            if kind == "meta_graph_def":
                tf.MetaGraphDef.FromString(e.meta_graph_def)
            out.append([kind, e.step, [[v.tag, v.simple_value, v.histo.num] for v in e.summary.value]])
        print(json.dumps(out))
    ''')
    res = subprocess.run([TF_PYTHON, "-c", script, path], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
    events = json.loads(res.stdout.strip().splitlines()[-1])
    assert [e[0] for e in events[:3]] == ["file_version", "graph_def", "meta_graph_def"]
    assert [e[2][0][1] for e in events[3:]] == pytest.approx(losses)
    assert all(e[2][1] == ["weights", 0.0, 2.0] for e in events[3:])


# --- TensorBoard ----------------------------------------------------------------------------------
def _tensorboard():
    for cand in (os.environ.get("VARFLOW_TENSORBOARD"), "/tmp/varflow-tb-venv/bin/tensorboard",
                 shutil.which("tensorboard")):
        if cand and os.path.exists(cand):
            return cand
    return None


def _free_port():
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def _get(url, timeout=5.0):
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return resp.read()


@pytest.fixture(scope="module")
def tensorboard(tmp_path_factory):
    exe = _tensorboard()
    if exe is None:
        pytest.skip("tensorboard not installed (set VARFLOW_TENSORBOARD)")
    logdir = tmp_path_factory.mktemp("tb_logdir")
    tf.reset_default_graph()
    losses = _write_run(logdir, steps=6)
    tf.reset_default_graph()
    port = _free_port()
    log = open(str(logdir.parent / "tensorboard.log"), "w")
    proc = subprocess.Popen([exe, "--logdir", str(logdir), "--port", str(port), "--host", "localhost",
                             "--reload_interval", "1"], stdout=log, stderr=subprocess.STDOUT)
    base = "http://localhost:%d" % port
    try:
        deadline = time.time() + 60
        while True:
            try:
                tags = json.loads(_get(base + "/data/plugin/scalars/tags"))
                if "loss" in tags.get(".", {}):
                    break
            except OSError:
                pass
            if time.time() > deadline or proc.poll() is not None:
                pytest.fail("TensorBoard did not serve the run; see %s" % log.name)
            time.sleep(0.5)
        yield base, losses
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_tensorboard_serves_scalars_histograms_and_graph(tensorboard):
    base, losses = tensorboard
    series = json.loads(_get(base + "/data/plugin/scalars/scalars?run=.&tag=loss"))
    assert [step for _, step, _ in series] == list(range(6))
    assert [value for _, _, value in series] == pytest.approx(losses, rel=1e-6)
    assert "weights" in json.loads(_get(base + "/data/plugin/histograms/tags"))["."]
    graph = _get(base + "/data/plugin/graphs/graph?run=.").decode()
    assert 'name: "loss_value"' in graph and 'op: "MatMul"' in graph


def test_tensorboard_page_in_headless_chromium(tensorboard, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("chromium not installed")
    base, _ = tensorboard
    shot = tmp_path / "tb.png"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
           "--user-data-dir=%s" % (tmp_path / "profile"), "--virtual-time-budget=8000",
           "--screenshot=%s" % shot, "--window-size=1280,900", base + "/#scalars"]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    assert shot.exists(), res.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10000
    w, h = struct.unpack(">II", data[16:24])
    assert (w, h) == (1280, 900)


def test_add_graph_alone_writes_no_meta_graph(tmp_path):
    with tf.Graph().as_default() as g:
        tf.Variable(1.0, name="v")
        writer = tf.summary.FileWriter(str(tmp_path))
        writer.add_graph(g, global_step=7)
        writer.close()
    kinds = [(e.step, e.WhichOneof("what")) for e in _events(tmp_path)[1]]
    assert kinds == [(0, "file_version"), (7, "graph_def")]
