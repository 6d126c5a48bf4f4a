"""Round trips through BundleWriter/BundleReader: every dtype, scalars, empties, strings, slices, shards."""
import os

import numpy as np
import pytest

from varflow.checkpoint import BundleReader, BundleWriter, data_filename, write_bundle
from varflow.framework import dtypes, errors

NUMERIC = [dtypes.float32, dtypes.float64, dtypes.float16, dtypes.bfloat16, dtypes.int8, dtypes.int16,
           dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16, dtypes.uint32, dtypes.uint64,
           dtypes.complex64, dtypes.complex128, dtypes.bool]


def _sample(dt, shape, seed=0):
    rng = np.random.default_rng(seed)
    if dt == dtypes.bool:
        return rng.random(shape) > 0.5
    if dt.is_complex:
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt.np_dtype)
    if dt.is_floating:
        return rng.standard_normal(shape).astype(dt.np_dtype)
    info = np.iinfo(dt.np_dtype)
    return rng.integers(info.min, info.max, size=shape, dtype=dt.np_dtype, endpoint=True)


@pytest.mark.parametrize("dt", NUMERIC, ids=lambda d: d.name)
@pytest.mark.parametrize("shape", [(), (0,), (3, 0, 2), (5,), (2, 3, 4)])
def test_numeric_round_trip(tmp_path, dt, shape):
    value = _sample(dt, shape)
    prefix = write_bundle(str(tmp_path / "ck"), {"v": value})
    reader = BundleReader(prefix)
    got = reader.read("v")
    assert got.dtype == value.dtype and got.shape == shape
    assert got.tobytes() == value.tobytes()  # bit-exact (NaN payloads, -0.0 included)
    assert reader.get_variable_to_dtype_map() == {"v": dt}
    assert reader.get_variable_to_shape_map() == {"v": list(shape)}


@pytest.mark.parametrize("value", [
    np.array([b"alpha", b"", b"\x00\xff binary", "unicode \u00e9".encode()], dtype=object),
    np.array([["ab", "c"], ["", "def"]]),          # numpy unicode array -> utf-8 bytes
    np.array(b"scalar string", dtype=object),       # rank 0
    np.array([], dtype=object).reshape(0, 2),       # empty
    np.array([b"x" * 300, b"y" * 70000], dtype=object),  # multi-byte varint lengths
])
def test_string_round_trip(tmp_path, value):
    prefix = write_bundle(str(tmp_path / "ck"), {"s": value})
    got = BundleReader(prefix).read("s")
    want = np.vectorize(lambda x: x.encode() if isinstance(x, str) else x, otypes=[object])(value) \
        if value.size else value
    assert got.dtype == object and got.shape == value.shape
    assert got.tolist() == np.asarray(want, dtype=object).tolist()


def test_python_values_and_dtype_override(tmp_path):
    with BundleWriter(str(tmp_path / "ck")) as w:
        w.add("f", 1.5)                     # NumPy's inference: float64
        w.add("l", [1, 2, 3], dtype=dtypes.int32)
        w.add("s", "text")
        w.add("b", True)
        w.add("ref", np.ones(2, np.float32), dtype=dtypes.float32._as_ref)
    r = BundleReader(str(tmp_path / "ck"))
    assert r.get_tensor("f") == 1.5 and r.get_tensor("f").dtype == np.float64
    assert r.read("l").dtype == np.int32
    assert r.get_tensor("s") == b"text"
    assert r.get_tensor("b") is np.True_
    assert r.get_variable_to_dtype_map()["ref"] == dtypes.float32


def test_non_contiguous_and_big_endian_inputs(tmp_path):
    base = np.arange(24, dtype=np.float64).reshape(4, 6)
    big = np.arange(5, dtype=">i4")
    write_bundle(str(tmp_path / "ck"), {"t": base.T, "s": base[::2, 1::3], "big": big})
    r = BundleReader(str(tmp_path / "ck"))
    np.testing.assert_array_equal(r.read("t"), base.T)
    np.testing.assert_array_equal(r.read("s"), base[::2, 1::3])
    assert r.read("big").dtype == np.int32 and r.read("big").tolist() == [0, 1, 2, 3, 4]


def test_read_values_are_writable_copies(tmp_path):
    write_bundle(str(tmp_path / "ck"), {"v": np.zeros(3, np.float32)})
    r = BundleReader(str(tmp_path / "ck"))
    a = r.read("v")
    a[0] = 5
    assert r.read("v")[0] == 0


def test_partitioned_round_trip(tmp_path):
    full = np.arange(10 * 3, dtype=np.int64).reshape(10, 3)
    words = np.array([str(i).encode() for i in range(6)], dtype=object).reshape(3, 2)
    with BundleWriter(str(tmp_path / "ck")) as w:
        w.add_slice("part", [10, 3], "0,5:-", full[:5])
        w.add_slice("part", [10, 3], [(5, 5), (0, 3)], full[5:])
        w.add_slice("words", [3, 2], "0,3:0,1", words[:, :1])
        w.add_slice("words", [3, 2], "0,3:1,1", words[:, 1:])
        w.add("plain", np.float32(2))
    r = BundleReader(str(tmp_path / "ck"))
    assert r.keys() == ["part", "plain", "words"]
    np.testing.assert_array_equal(r.read("part"), full)
    assert r.read("words").tolist() == words.tolist()
    assert r.get_variable_to_shape_map()["part"] == [10, 3]
    assert r.tensor_info("part").is_partitioned


def test_partitioned_writer_rejects_bad_slices(tmp_path):
    w = BundleWriter(str(tmp_path / "ck"))
    w.add_slice("p", [4, 2], "0,2:-", np.zeros((2, 2)))
    with pytest.raises(errors.InvalidArgumentError, match="overlaps"):
        w.add_slice("p", [4, 2], "1,2:-", np.zeros((2, 2)))
    with pytest.raises(errors.InvalidArgumentError, match="shape"):
        w.add_slice("p", [4, 2], "2,2:-", np.zeros((3, 2)))
    with pytest.raises(errors.InvalidArgumentError, match="does not fit"):
        w.add_slice("p", [4, 2], "3,2:-", np.zeros((2, 2)))
    with pytest.raises(errors.InvalidArgumentError, match="disagree"):
        w.add_slice("p", [4, 2], "2,2:-", np.zeros((2, 2), np.float32))
    with pytest.raises(errors.InvalidArgumentError, match="duplicate"):
        w.add("p", 1.0)
    w.add("q", 1.0)
    with pytest.raises(errors.InvalidArgumentError, match="duplicate"):
        w.add("q", 2.0)
    w.abort()
    assert os.listdir(tmp_path) == []


def test_missing_slices_are_detected(tmp_path):
    # A reader must refuse to read whole a partitioned tensor whose slices leave a gap (a ValueError, as
    # in TF: a Saver over some of the parts writes such checkpoints), yet read the slices it has.
    with BundleWriter(str(tmp_path / "ck")) as w:
        w.add_slice("p", [4], "0,2", np.zeros(2))
    with pytest.raises(ValueError, match="sufficient slices"):
        BundleReader(str(tmp_path / "ck")).read("p")
    np.testing.assert_array_equal(BundleReader(str(tmp_path / "ck")).read_slice("p", ((0, 2),)), np.zeros(2))


def test_multiple_shards(tmp_path):
    prefix = str(tmp_path / "ck")
    with BundleWriter(prefix, num_shards=3) as w:
        w.add("a", np.arange(4), shard=0)
        w.add("b", np.arange(5.0), shard=2)
    assert sorted(os.listdir(tmp_path)) == ["ck.data-00000-of-00003", "ck.data-00001-of-00003",
                                            "ck.data-00002-of-00003", "ck.index"]
    r = BundleReader(prefix)
    assert r.num_shards == 3 and r.tensor_info("b").shard_id == 2
    np.testing.assert_array_equal(r.read("b"), np.arange(5.0))


def test_overwrite_and_temporary_files(tmp_path):
    prefix = str(tmp_path / "ck")
    write_bundle(prefix, {"v": np.zeros(3)})
    write_bundle(prefix, {"v": np.ones(3), "w": np.int32(1)})
    assert sorted(os.listdir(tmp_path)) == ["ck.data-00000-of-00001", "ck.index"]
    np.testing.assert_array_equal(BundleReader(prefix).read("v"), np.ones(3))


def test_failed_save_leaves_previous_checkpoint(tmp_path):
    prefix = str(tmp_path / "ck")
    write_bundle(prefix, {"v": np.zeros(3)})
    with pytest.raises(RuntimeError):
        with BundleWriter(prefix) as w:
            w.add("v", np.ones(3))
            raise RuntimeError("interrupted")
    assert sorted(os.listdir(tmp_path)) == ["ck.data-00000-of-00001", "ck.index"]
    np.testing.assert_array_equal(BundleReader(prefix).read("v"), np.zeros(3))


def test_empty_checkpoint_and_missing_dir(tmp_path):
    prefix = write_bundle(str(tmp_path / "ck"), {})
    r = BundleReader(prefix)
    assert r.keys() == [] and os.path.exists(data_filename(prefix, 0, 1))
    with pytest.raises(errors.NotFoundError):
        write_bundle(str(tmp_path / "no" / "ck"), {"v": 1})


def test_reader_errors(tmp_path):
    with pytest.raises(errors.NotFoundError, match="Failed to find any matching files"):
        BundleReader(str(tmp_path / "missing"))
    prefix = write_bundle(str(tmp_path / "ck"), {"v": 1})
    with pytest.raises(errors.NotFoundError, match="Key nope not found in checkpoint"):
        BundleReader(prefix).get_tensor("nope")


def test_many_tensors_span_several_index_blocks(tmp_path):
    values = {"layer_%04d/%s" % (i, "kernel" * 40): np.full(2, i, np.int32) for i in range(1500)}
    prefix = write_bundle(str(tmp_path / "ck"), values)
    assert os.path.getsize(prefix + ".index") > 300 * 1024  # more than one 256 KiB data block
    r = BundleReader(prefix)
    assert r.keys() == sorted(values)
    for name in list(values)[::97]:
        np.testing.assert_array_equal(r.read(name), values[name])
