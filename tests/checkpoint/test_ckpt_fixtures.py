"""Checkpoints written by TensorFlow 2.21 (shared fixtures) read back exactly and rewrite byte-identically."""
import json
import os

import numpy as np
import pytest

from varflow.checkpoint import BundleReader, NewCheckpointReader, latest_checkpoint, list_variables, write_bundle
from varflow.framework import dtypes

FIXTURES = "/work/shared/fixtures/tf_checkpoints"
CASES = [("basic", "model.ckpt"), ("partitioned", "model.ckpt"), ("adam", "model.ckpt-3"), ("adam", "model.ckpt-2")]

pytestmark = pytest.mark.skipif(not os.path.isdir(FIXTURES), reason="shared checkpoint fixtures absent")


def _expected(spec):
    dt = dtypes.as_dtype(spec["dtype"])
    if dt == dtypes.string:
        return np.array([v.encode() for v in spec["values"]], dtype=object).reshape(spec["shape"])
    return np.array(spec["values"], dtype=dt.np_dtype).reshape(spec["shape"])


@pytest.mark.parametrize("folder,prefix", CASES[:3])
def test_fixture_values(folder, prefix):
    values = json.load(open(os.path.join(FIXTURES, folder, "values.json")))
    reader = NewCheckpointReader(os.path.join(FIXTURES, folder, prefix))
    assert reader.keys() == sorted(values)
    assert reader.get_variable_to_shape_map() == {k: v["shape"] for k, v in values.items()}
    assert {k: d.name for k, d in reader.get_variable_to_dtype_map().items()} == \
        {k: v["dtype"] for k, v in values.items()}
    for name, spec in values.items():
        got = reader.read(name)
        want = _expected(spec)
        assert got.dtype == want.dtype and got.shape == want.shape, name
        np.testing.assert_array_equal(got, want)


def test_scalars_come_back_as_numpy_scalars_like_tf():
    reader = BundleReader(os.path.join(FIXTURES, "basic", "model.ckpt"))
    scalar = reader.get_tensor("scalar")
    assert isinstance(scalar, np.float32) and scalar == np.float32(3.25)
    assert reader.get_tensor("words").tolist() == [b"alpha", b"", b"gamma delta"]
    assert reader.has_tensor("words") and not reader.has_tensor("nope")


def test_debug_string_lists_slice_keys_like_tf():
    # Observed from TF 2.21's NewCheckpointReader(...).debug_string() on this fixture.
    reader = BundleReader(os.path.join(FIXTURES, "partitioned", "model.ckpt"))
    assert reader.debug_string() == (
        b"\x00emb\x00\x01\x01\x02\x80\x84\x80\x82 (DT_FLOAT) [4,2]\n"
        b"\x00emb\x00\x01\x01\x02\x84\x83\x80\x82 (DT_FLOAT) [3,2]\n"
        b"\x00emb\x00\x01\x01\x02\x87\x83\x80\x82 (DT_FLOAT) [3,2]\nemb (DT_FLOAT) [10,2]\n")
    assert reader.tensor_info("emb").slices == (((0, 4), (0, 2)), ((4, 3), (0, 2)), ((7, 3), (0, 2)))


def _same_files(a, b):
    for suffix in (".index", ".data-00000-of-00001"):
        assert open(a + suffix, "rb").read() == open(b + suffix, "rb").read(), suffix


@pytest.mark.parametrize("folder,prefix", [CASES[0], CASES[2], CASES[3]])
def test_rewrite_is_byte_identical(tmp_path, folder, prefix):
    src = os.path.join(FIXTURES, folder, prefix)
    reader = BundleReader(src)
    dst = str(tmp_path / "copy")
    write_bundle(dst, {name: reader.read(name) for name in reader.keys()})
    _same_files(src, dst)


def test_partitioned_rewrite_is_byte_identical(tmp_path):
    src = os.path.join(FIXTURES, "partitioned", "model.ckpt")
    full = BundleReader(src).read("emb")
    dst = str(tmp_path / "copy")
    write_bundle(dst, slices=[("emb", [10, 2], "0,4:0,2", full[:4]), ("emb", [10, 2], "4,3:0,2", full[4:7]),
                              ("emb", [10, 2], "7,3:0,2", full[7:])])
    _same_files(src, dst)


def test_latest_checkpoint_and_list_variables():
    folder = os.path.join(FIXTURES, "adam")
    assert latest_checkpoint(folder) == os.path.join(folder, "model.ckpt-3")
    names = [n for n, _ in list_variables(folder)]
    assert names == sorted(names) and "global_step" in names
    assert dict(list_variables(folder))["linear/w"] == [2, 1]
