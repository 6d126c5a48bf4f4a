"""Checkpoints interoperate with real TensorFlow, run in a subprocess (skipped when it is not installed).

The interpreter is $VARFLOW_TF_PYTHON, else /work/tfenv/bin/python; it must be able to import tensorflow.
One TF process (module fixture) writes checkpoints with SaveV2 and with a v1 Saver (partitioned variable),
and reads back the checkpoint varflow wrote; the tests then compare values and bytes.
"""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from varflow.checkpoint import BundleReader, BundleWriter, latest_checkpoint, update_checkpoint_state, write_bundle

TF_PYTHON = os.environ.get("VARFLOW_TF_PYTHON", "/work/tfenv/bin/python")

# Deterministic values, generated identically here and in the TF process (same source text).
GEN = textwrap.dedent('''
    import numpy as np
    try:
        import ml_dtypes
        BF16 = ml_dtypes.bfloat16
    except ImportError:
        from tensorflow import bfloat16 as _b
        BF16 = _b.as_numpy_dtype
    SPECS = [("a/f32", "float32", [2, 3]), ("b/f64", "float64", [4]), ("c/f16", "float16", [3]),
             ("d/bf16", "bfloat16", [2, 2]), ("e/i8", "int8", [5]), ("f/i32", "int32", [2, 2]),
             ("g/i64", "int64", [3]), ("h/u8", "uint8", [4]), ("i/u16", "uint16", [2]), ("j/u32", "uint32", [2]),
             ("k/u64", "uint64", [2]), ("l/c64", "complex64", [2]), ("m/c128", "complex128", [1, 2]),
             ("n/bool", "bool", [5]), ("o/str", "string", [4]), ("p/scalar", "float32", []),
             ("q/empty", "float32", [0, 3]), ("r/strscalar", "string", []), ("s/emptystr", "string", [0])]

    def make(dtype, shape):
        n = int(np.prod(shape)) if shape else 1
        base = np.arange(n)
        if dtype == "string":
            vals = [(b"s%d|" % i) * i + bytes([0, 255, i % 256]) for i in range(n)]
            return np.array(vals, dtype=object).reshape(shape)
        if dtype == "bool":
            return (base % 3 == 0).reshape(shape)
        if dtype.startswith("complex"):
            return (base * 0.5 - 1j * base).astype(dtype).reshape(shape)
        if dtype in ("float32", "float64", "float16"):
            return (base * 0.37 - 1.1).astype(dtype).reshape(shape)
        if dtype == "bfloat16":
            return (base * 0.37 - 1.1).astype(BF16).reshape(shape)
        if dtype == "int64":
            return (base * (1 << 40) - 7).astype(dtype).reshape(shape)
        if dtype.startswith("u"):
            return (np.array(np.iinfo(dtype).max, dtype=dtype) - base.astype(dtype)).reshape(shape)
        return (base * 37 - 50).astype(dtype).reshape(shape)

    PART_FULL = np.arange(130 * 3, dtype=np.float32).reshape(130, 3) / 7
    PART_SLICES = [((0, 44), (0, 3)), ((44, 43), (0, 3)), ((87, 43), (0, 3))]
''')

TF_SCRIPT = GEN + textwrap.dedent('''
    import json, os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import tensorflow as tf
    work = sys.argv[1]
    out = {}
    names = [n for n, _, _ in SPECS]
    values = [make(d, s) for _, d, s in SPECS]
    # 1) SaveV2 with whole tensors plus the slices of a partitioned tensor.
    spec_strings = [""] * len(names)
    for (a, b), (c, e) in PART_SLICES:
        names.append("t/part")
        spec_strings.append("130 3 %d,%d:%d,%d" % (a, b, c, e))
        values.append(PART_FULL[a:a + b, c:c + e])
    tf.raw_ops.SaveV2(prefix=os.path.join(work, "tf_raw", "ck"), tensor_names=names,
                      shape_and_slices=spec_strings, tensors=[tf.constant(v) for v in values])
    many = {"layer_%04d/%s" % (i, "kernel" * 40): np.full(2, i, np.int32) for i in range(1500)}
    tf.raw_ops.SaveV2(prefix=os.path.join(work, "tf_many", "ck"), tensor_names=list(many),
                      shape_and_slices=[""] * len(many), tensors=[tf.constant(v) for v in many.values()])
    # 2) A v1 Saver with a partitioned variable, a string variable and a scalar.
    with tf.Graph().as_default():
        v1 = tf.compat.v1
        def part_init(shape, dtype=None, partition_info=None):
            start = partition_info.var_offset[0] if partition_info is not None else 0
            return tf.constant(PART_FULL[start:start + shape[0]])

        emb = v1.get_variable("emb", shape=[130, 3], initializer=part_init,
                              partitioner=v1.fixed_size_partitioner(3))
        words = v1.Variable(np.array([b"x", b"", b"yz"], dtype=object), name="words")
        step = v1.Variable(np.int64(42), name="step")
        saver = v1.train.Saver()
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            saver.save(sess, os.path.join(work, "tf_saver", "model.ckpt"), global_step=3)
    # 3) Read what varflow wrote.
    vf_dir = os.path.join(work, "vf")
    out["latest"] = tf.train.latest_checkpoint(vf_dir)
    reader = tf.train.load_checkpoint(out["latest"])
    dump = {}
    for name, shape in tf.train.list_variables(out["latest"]):
        value = reader.get_tensor(name)
        if isinstance(value, bytes):  # TF returns a bytes object for a scalar string
            value = np.array(value, dtype=object)
        arr = np.asarray(value)
        if arr.dtype == object:
            dump[name] = ["string", list(arr.shape), [x.hex() for x in arr.reshape(-1)]]
        else:
            dump[name] = [arr.dtype.name, list(arr.shape), arr.tobytes().hex()]
    out["vf"] = dump
    print("JSON:" + json.dumps(out))
''')

_G: dict = {}
exec(GEN, _G)  # noqa: S102 - our own generator source, shared with the TF process


def _tf_available() -> bool:
    return os.path.exists(TF_PYTHON)


@pytest.fixture(scope="module")
def tf_run(tmp_path_factory):
    if not _tf_available():
        pytest.skip("TensorFlow interpreter not available (set VARFLOW_TF_PYTHON)")
    work = tmp_path_factory.mktemp("ckpt_interop")
    for sub in ("tf_raw", "tf_many", "tf_saver", "vf"):
        os.makedirs(work / sub)
    # varflow writes its checkpoint (+ state file) before TF reads it.
    prefix = str(work / "vf" / "model.ckpt-7")
    with BundleWriter(prefix) as writer:
        for name, dtype, shape in _G["SPECS"]:
            writer.add(name, _G["make"](dtype, shape), dtype=dtype)
        for extents in _G["PART_SLICES"]:
            (a, b), (c, e) = extents
            writer.add_slice("t/part", [130, 3], extents, _G["PART_FULL"][a:a + b, c:c + e])
    update_checkpoint_state(str(work / "vf"), prefix, save_relative_paths=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    proc = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, str(work)], capture_output=True, text=True, timeout=300,
                          env=env)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("JSON:")]
    if "No module named 'tensorflow'" in proc.stderr:
        pytest.skip("%s cannot import tensorflow (set VARFLOW_TF_PYTHON)" % TF_PYTHON)
    if proc.returncode != 0 or not lines:
        pytest.fail("TensorFlow subprocess failed:\n%s\n%s" % (proc.stdout[-3000:], proc.stderr[-3000:]),
                    pytrace=False)
    return work, json.loads(lines[-1][5:])


def _expected(name_dtype_shape):
    name, dtype, shape = name_dtype_shape
    return _G["make"](dtype, shape)


def test_varflow_reads_tf_savev2(tf_run):
    work, _ = tf_run
    reader = BundleReader(str(work / "tf_raw" / "ck"))
    for spec in _G["SPECS"]:
        got, want = reader.read(spec[0]), _expected(spec)
        assert got.shape == want.shape, spec
        if spec[1] == "string":
            assert got.tolist() == want.tolist(), spec
        else:
            assert got.dtype == want.dtype and got.tobytes() == want.tobytes(), spec
    np.testing.assert_array_equal(reader.read("t/part"), _G["PART_FULL"])
    assert reader.get_variable_to_shape_map()["t/part"] == [130, 3]


def test_varflow_writes_tf_bytes_exactly(tf_run, tmp_path):
    work, _ = tf_run
    prefix = str(tmp_path / "ck")
    write_bundle(prefix, {name: _G["make"](dtype, shape) for name, dtype, shape in _G["SPECS"]},
                 slices=[("t/part", [130, 3], ext, _G["PART_FULL"][ext[0][0]:sum(ext[0])])
                         for ext in _G["PART_SLICES"]])
    for suffix in (".index", ".data-00000-of-00001"):
        assert open(prefix + suffix, "rb").read() == open(str(work / "tf_raw" / "ck") + suffix, "rb").read()


def test_many_tensor_index_is_byte_identical(tf_run, tmp_path):
    work, _ = tf_run
    many = {"layer_%04d/%s" % (i, "kernel" * 40): np.full(2, i, np.int32) for i in range(1500)}
    prefix = write_bundle(str(tmp_path / "ck"), many)
    assert open(prefix + ".index", "rb").read() == open(str(work / "tf_many" / "ck.index"), "rb").read()


def test_varflow_reads_tf_saver_partitioned(tf_run):
    work, _ = tf_run
    prefix = latest_checkpoint(str(work / "tf_saver"))
    assert prefix == str(work / "tf_saver" / "model.ckpt-3")
    reader = BundleReader(prefix)
    np.testing.assert_array_equal(reader.read("emb"), _G["PART_FULL"])
    assert reader.get_tensor("words").tolist() == [b"x", b"", b"yz"]
    assert reader.get_tensor("step") == 42


def test_tf_reads_varflow_checkpoint(tf_run):
    work, out = tf_run
    assert out["latest"] == str(work / "vf" / "model.ckpt-7")
    dump = out["vf"]
    assert sorted(dump) == sorted([s[0] for s in _G["SPECS"]] + ["t/part"])
    for spec in _G["SPECS"]:
        want = _expected(spec)
        dtype, shape, data = dump[spec[0]]
        assert shape == list(want.shape), spec
        if spec[1] == "string":
            assert [bytes.fromhex(h) for h in data] == want.reshape(-1).tolist(), spec
        else:
            assert dtype == want.dtype.name and bytes.fromhex(data) == want.tobytes(), spec
    dtype, shape, data = dump["t/part"]
    assert shape == [130, 3] and bytes.fromhex(data) == _G["PART_FULL"].tobytes()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))
