"""Corrupted, truncated, incomplete and hostile checkpoints raise DataLossError (never wrong values)."""
import io
import os

import numpy as np
import pytest

from varflow.checkpoint import BundleReader, write_bundle
from varflow.checkpoint.proto import BundleEntryProto, BundleHeaderProto, VersionDef
from varflow.checkpoint.table import TableWriter
from varflow.framework import dtypes, errors

VALUES = {
    "a/float": np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3),
    "b/int": np.array([1, -2, 1 << 40], np.int64),
    "c/str": np.array([b"alpha", b"", b"gamma"], dtype=object),
    "d/scalar": np.float64(2.5),
}


def _save(tmp_path):
    return write_bundle(str(tmp_path / "ck"), VALUES,
                        slices=[("e/part", [4, 2], "0,1:-", np.ones((1, 2))),
                                ("e/part", [4, 2], "1,3:-", np.zeros((3, 2)))])


def _read_all(prefix):
    reader = BundleReader(prefix)
    try:
        return {name: reader.read(name) for name in reader.keys()}
    finally:
        reader.close()


def _flip(path, pos):
    data = bytearray(open(path, "rb").read())
    data[pos] ^= 0x41
    open(path, "wb").write(bytes(data))
    return bytes(data)


def _expect_loss_or_identical(prefix, original):
    try:
        got = _read_all(prefix)
    except errors.DataLossError:
        return True
    assert set(got) == set(original)
    for name in got:
        assert np.asarray(got[name]).tolist() == np.asarray(original[name]).tolist(), name
    return False


def test_every_index_byte_flip_is_detected_or_harmless(tmp_path):
    prefix = _save(tmp_path)
    original = _read_all(prefix)
    path = prefix + ".index"
    clean = open(path, "rb").read()
    blocks_end = len(clean) - 48
    for pos in range(len(clean)):
        _flip(path, pos)
        detected = _expect_loss_or_identical(prefix, original)
        if pos < blocks_end:  # everything but the footer is checksummed
            assert detected, "flip at index byte %d went unnoticed" % pos
        open(path, "wb").write(clean)


def test_every_data_byte_flip_is_detected(tmp_path):
    prefix = _save(tmp_path)
    original = _read_all(prefix)
    path = prefix + ".data-00000-of-00001"
    clean = open(path, "rb").read()
    for pos in range(len(clean)):
        _flip(path, pos)
        with pytest.raises(errors.DataLossError, match=r"data-00000-of-00001"):
            _read_all(prefix)
        open(path, "wb").write(clean)
    assert _expect_loss_or_identical(prefix, original) is False


def test_data_checksum_error_names_file_and_tensor(tmp_path):
    prefix = _save(tmp_path)
    reader = BundleReader(prefix)
    info = reader.tensor_info("b/int")
    _flip(prefix + ".data-00000-of-00001", info.offset + 3)
    with pytest.raises(errors.DataLossError, match=r"'b/int'.*ck\.data-00000-of-00001"):
        BundleReader(prefix).read("b/int")
    np.testing.assert_array_equal(BundleReader(prefix).read("a/float"), VALUES["a/float"])


@pytest.mark.parametrize("suffix", [".index", ".data-00000-of-00001"])
def test_every_truncation_is_detected(tmp_path, suffix):
    prefix = _save(tmp_path)
    path = prefix + suffix
    clean = open(path, "rb").read()
    for length in range(len(clean)):
        open(path, "wb").write(clean[:length])
        with pytest.raises(errors.DataLossError):
            _read_all(prefix)
    open(path, "wb").write(clean)
    _read_all(prefix)


def test_missing_files(tmp_path):
    prefix = _save(tmp_path)
    os.remove(prefix + ".data-00000-of-00001")
    reader = BundleReader(prefix)  # the index alone opens, like TF
    with pytest.raises(errors.DataLossError, match=r"data-00000-of-00001 is missing.*'a/float'"):
        reader.read("a/float")
    os.remove(prefix + ".index")
    with pytest.raises(errors.NotFoundError):
        BundleReader(prefix)


def _hostile(tmp_path, entries, header=None, data=b""):
    prefix = str(tmp_path / "bad")
    header = header or BundleHeaderProto(num_shards=1, version=VersionDef(producer=1))
    buf = io.BytesIO()
    table = TableWriter(buf)
    table.add(b"", header.encode())
    for key in sorted(entries):
        table.add(key, entries[key].encode())
    table.finish()
    open(prefix + ".index", "wb").write(buf.getvalue())
    open(prefix + ".data-00000-of-00001", "wb").write(data)
    return prefix


@pytest.mark.parametrize("entry", [
    BundleEntryProto(dtype=1, shape=(1 << 40, 1 << 20), size=1 << 62),    # huge: bigger than the file
    BundleEntryProto(dtype=1, shape=(4,), size=-16),                      # negative size
    BundleEntryProto(dtype=1, shape=(-1, 4), size=16),                    # unknown dimension
    BundleEntryProto(dtype=1, shape=(4,), offset=-8, size=16),            # negative offset
    BundleEntryProto(dtype=1, shape=(4,), size=12),                       # size disagrees with shape
    BundleEntryProto(dtype=7, shape=(1 << 40,), size=20),                 # too many strings for the bytes
    BundleEntryProto(dtype=1, shape=(4,), size=16, shard_id=5),           # shard out of range
    BundleEntryProto(dtype=99, shape=(4,), size=16),                      # unknown dtype
    BundleEntryProto(dtype=1, shape=(1 << 40,), slices=[((0, 1 << 40),)]),  # slice entry missing
])
def test_hostile_entries_are_rejected_before_allocating(tmp_path, entry):
    prefix = _hostile(tmp_path, {b"x": entry}, data=b"\x00" * 64)
    with pytest.raises(errors.DataLossError):
        BundleReader(prefix).read("x")


def test_hostile_header(tmp_path):
    prefix = _hostile(tmp_path, {}, header=BundleHeaderProto(num_shards=0, version=VersionDef(producer=1)))
    with pytest.raises(errors.DataLossError, match="num_shards"):
        BundleReader(prefix)
    prefix = _hostile(tmp_path, {}, header=BundleHeaderProto(num_shards=1, version=VersionDef(1, 2)))
    with pytest.raises(errors.InvalidArgumentError, match="version"):
        BundleReader(prefix)


def test_big_endian_bundle_is_byte_swapped(tmp_path):
    value = np.array([1.5, -2.0, 3.25], dtype=">f4")
    entry = BundleEntryProto(dtype=dtypes.float32.as_datatype_enum, shape=(3,), size=12)
    from varflow.checkpoint.crc import masked_crc32c
    entry.crc32c = masked_crc32c(value.tobytes())
    prefix = _hostile(tmp_path, {b"v": entry}, header=BundleHeaderProto(1, 1, VersionDef(1)), data=value.tobytes())
    got = BundleReader(prefix).read("v")
    assert got.dtype == np.float32 and got.tolist() == [1.5, -2.0, 3.25]
