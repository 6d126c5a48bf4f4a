"""tf.data.TFRecordDataset: records of (compressed) TFRecord files, parsed in a pipeline."""
import numpy as np
import pytest

import varflow as tf
import varflow.io as tfio
from varflow.data.readers import TFRecordDataset
from varflow.io import example_proto as pb


def _write(path, records, compression=""):
    with tfio.TFRecordWriter(str(path), compression) as w:
        for r in records:
            w.write(r)
    return str(path)


@pytest.mark.parametrize("compression", ["", "ZLIB", "GZIP"])
def test_reads_records_of_several_files(tmp_path, compression):
    a = _write(tmp_path / "a", [b"a0", b"a1"], compression)
    b = _write(tmp_path / "b", [b"", b"b1\x00"], compression)
    with tf.Graph().as_default():
        ds = TFRecordDataset([a, b], compression_type=compression or None)
        assert ds.output_types == tf.string and ds.output_shapes.as_list() == []
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            got = [sess.run(nxt) for _ in range(4)]
            with pytest.raises(tf.errors.OutOfRangeError):
                sess.run(nxt)
    assert got == [b"a0", b"a1", b"", b"b1\x00"]


def test_filenames_fed_at_run_time_and_corruption(tmp_path):
    good = _write(tmp_path / "good", [b"x"])
    bad = bytearray(open(good, "rb").read())
    bad[12] ^= 1                                   # the data byte
    (tmp_path / "bad").write_bytes(bytes(bad))
    with tf.Graph().as_default():
        names = tf.placeholder(tf.string, [None])
        it = tf.data.make_initializable_iterator(TFRecordDataset(names))
        nxt = it.get_next()
        with tf.Session() as sess:
            sess.run(it.initializer, {names: [good]})
            assert sess.run(nxt) == b"x"
            sess.run(it.initializer, {names: [str(tmp_path / "bad")]})
            with pytest.raises(tf.errors.DataLossError, match="corrupted record at 12.*bad"):
                sess.run(nxt)


def test_parse_examples_in_a_pipeline(tmp_path):
    records = []
    for i in range(5):
        ex = pb.Example()
        ex.features.feature["x"].float_list.value.extend([i, i + 0.5])
        ex.features.feature["y"].int64_list.value.append(i * 10)
        records.append(ex.SerializeToString())
    path = _write(tmp_path / "ex.tfr", records, "GZIP")
    spec = {"x": tfio.FixedLenFeature([2], tf.float32), "y": tfio.FixedLenFeature([], tf.int64)}
    with tf.Graph().as_default():
        ds = TFRecordDataset(path, "GZIP").map(lambda s: tfio.parse_single_example(s, spec)).batch(2)
        nxt = tf.data.make_one_shot_iterator(ds).get_next()
        with tf.Session() as sess:
            first = sess.run(nxt)
            batched = tf.data.make_one_shot_iterator(TFRecordDataset(path, "GZIP").batch(5)).get_next()
            parsed = tfio.parse_example(batched, spec)
            whole = sess.run(parsed)
    np.testing.assert_array_equal(first["x"], [[0, 0.5], [1, 1.5]])
    np.testing.assert_array_equal(first["y"], [0, 10])
    np.testing.assert_array_equal(whole["y"], [0, 10, 20, 30, 40])
