"""TFRecord files: framing, compression and corruption errors (file bytes observed in TF 2.21)."""
import zlib

import pytest

import varflow as tf
import varflow.io as tfio
import varflow.python_io as python_io
from varflow.io import tf_record as tfr

RECORDS = [b"hello", b"", b"ab" * 20]
# TF 2.21: tf.io.TFRecordWriter(path, options=c) writing RECORDS, the whole file.
TF_FILES = {
    "": ("0500000000000000eab2043e68656c6c6fbb1f1c19000000000000000029039807d8ea82a22800000000000000ff70164a"
         "616261626162616261626162616261626162616261626162616261626162616261626162616261624ad4bb1a"),
    "ZLIB": ("789c63658080579b58ec32527372f277cbcb4842c518349967b0df78d5b44803caff5f20e69598441cf4bab25b0a00479f"
             "1bde"),
    "GZIP": ("1f8b080000000000000363658080579b58ec32527372f277cbcb4842c518349967b0df78d5b44803caff5f20e6959844"
             "1cf4bab25b0a00f0a06ed25d000000"),
}


@pytest.mark.parametrize("compression", ["", "ZLIB", "GZIP"])
def test_writer_bytes_match_tf_and_read_back(tmp_path, compression):
    path = str(tmp_path / "r.tfr")
    with tfr.TFRecordWriter(path, options=compression) as w:
        for r in RECORDS:
            w.write(r)
    assert open(path, "rb").read().hex() == TF_FILES[compression]
    options = tfr.TFRecordOptions(compression)
    assert list(tfr.tf_record_iterator(path, options)) == RECORDS


def test_reads_tf_written_files(tmp_path):
    for compression, hexdata in TF_FILES.items():
        path = tmp_path / ("f" + compression)
        path.write_bytes(bytes.fromhex(hexdata))
        assert list(tfio.tf_record_iterator(str(path), tfio.TFRecordOptions(compression))) == RECORDS


def test_options_and_compression_types():
    assert tfr.TFRecordCompressionType.GZIP == 2 and tfr.TFRecordCompressionType.ZLIB == 1
    get = tfr.TFRecordOptions.get_compression_type_string
    assert get(tfr.TFRecordOptions(tfr.TFRecordCompressionType.GZIP)) == "GZIP"
    assert get("ZLIB") == "ZLIB" and get(None) == ""
    with pytest.raises(ValueError, match='Not a valid compression_type: "BAD"'):
        tfr.TFRecordOptions("BAD")
    assert python_io.TFRecordWriter is tfr.TFRecordWriter and tfio.TFRecordWriter is tfr.TFRecordWriter


def test_flush_is_a_partial_flush_as_in_tf(tmp_path):
    path = str(tmp_path / "f.tfr")
    with tfr.TFRecordWriter(path, "ZLIB") as w:
        w.write(b"hello")
        w.flush()
        w.flush()                                     # nothing new: no second block
        w.write(b"world")
    # TF 2.21, same calls (any flush_mode)
    assert open(path, "rb").read().hex() == ("789c62658080579b58ec32527372f277cbcb480204182b9260797e514e8aae9ffc5200"
                                             "bbf10a51")


def test_flush_close_and_closed_writer(tmp_path):
    path = str(tmp_path / "w.tfr")
    w = tfr.TFRecordWriter(path, tfr.TFRecordOptions("ZLIB", flush_mode=zlib.Z_SYNC_FLUSH))
    w.write("text")                                   # str is written as UTF-8
    w.flush()
    assert len(open(path, "rb").read()) > 0
    w.close()
    w.close()
    with pytest.raises(tf.errors.FailedPreconditionError):
        w.write(b"x")
    assert list(tfr.tf_record_iterator(path, "ZLIB")) == [b"text"]


def _write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def test_corrupt_records_raise_data_loss(tmp_path):
    good = bytes.fromhex(TF_FILES[""])
    bad_data = bytearray(good)
    bad_data[14] ^= 1
    path = _write(tmp_path / "bad.tfr", bytes(bad_data))
    with pytest.raises(tf.errors.DataLossError, match=r"corrupted record at 12: .*bad\.tfr"):
        list(tfr.tf_record_iterator(path))
    bad_len = bytearray(good)
    bad_len[9] ^= 1
    path = _write(tmp_path / "bad2.tfr", bytes(bad_len))
    with pytest.raises(tf.errors.DataLossError, match=r"corrupted record at 0 \(Is this even a TFRecord file\?\)"):
        list(tfr.tf_record_iterator(path))
    path = _write(tmp_path / "trunc.tfr", good[:-3])
    with pytest.raises(tf.errors.DataLossError, match="truncated record at 37"):
        list(tfr.tf_record_iterator(path))
    assert list(tfr.tf_record_iterator(_write(tmp_path / "short.tfr", good[:5]))) == []   # as TF
    with pytest.raises(tf.errors.DataLossError, match="corrupted compressed data"):
        list(tfr.tf_record_iterator(_write(tmp_path / "z.tfr", b"not zlib at all"), "ZLIB"))


def test_missing_file(tmp_path):
    with pytest.raises(tf.errors.NotFoundError, match="No such file"):
        next(tfr.tf_record_iterator(str(tmp_path / "nope.tfr")))
