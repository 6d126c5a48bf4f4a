"""`varflow inspect`: listing, values, directories, and one-line errors for missing or corrupt checkpoints."""
import io
import os
import shutil

import numpy as np

from varflow.checkpoint import update_checkpoint_state, write_bundle
from varflow.tools.inspect_checkpoint import inspect_main

FIXTURES = "/work/shared/fixtures/tf_checkpoints"


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = inspect_main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_lists_tensors_with_dtype_shape_size_and_total():
    code, out, err = _run(os.path.join(FIXTURES, "basic", "model.ckpt"))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["name", "dtype", "shape", "size"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:-1]}
    assert rows["dense/kernel"] == ["float32", "[3,4]", "12"]
    assert rows["scalar"] == ["float32", "[]", "1"]
    assert rows["empty"] == ["float32", "[0,3]", "0"]
    assert rows["words"] == ["string", "[3]", "3"]
    total = sum(int(r[2]) for r in rows.values())
    assert lines[-1] == "# Total number of params: %d" % total


def test_directory_means_latest_checkpoint_and_partitioned_is_one_tensor():
    code, out, _ = _run(os.path.join(FIXTURES, "adam"))
    assert code == 0 and "global_step" in out and "linear/w/Adam_1" in out
    code, out, _ = _run(os.path.join(FIXTURES, "partitioned"))
    assert code == 0
    assert out.splitlines()[1].split() == ["emb", "float32", "[10,2]", "20"]
    assert out.splitlines()[-1] == "# Total number of params: 20"


def test_tensor_and_all_print_values(tmp_path):
    prefix = str(tmp_path / "m")
    write_bundle(prefix, {"a": np.array([1.5, 2.5], np.float32), "b": np.arange(3, dtype=np.int64)})
    code, out, _ = _run(prefix, "--tensor", "b")
    assert code == 0 and out == "tensor_name:  b\n[0 1 2]\n"
    code, out, _ = _run(prefix, "--all")
    assert code == 0
    assert out == "tensor_name:  a\n[1.5 2.5]\ntensor_name:  b\n[0 1 2]\n# Total number of params: 5\n"
    code, out, err = _run(prefix, "--tensor", "bb")
    assert code == 1 and out == "" and err.count("\n") == 1 and "Closest names: b" in err


def test_missing_and_corrupt_checkpoints_fail_with_one_line(tmp_path):
    code, out, err = _run(str(tmp_path / "nothing"))
    assert code == 1 and err.startswith("varflow inspect: error: no checkpoint at") and err.count("\n") == 1
    code, _, err = _run(str(tmp_path))
    assert code == 1 and "no checkpoint found in directory" in err
    shutil.copy(os.path.join(FIXTURES, "basic", "model.ckpt.index"), tmp_path / "m.index")
    data = bytearray(open(os.path.join(FIXTURES, "basic", "model.ckpt.data-00000-of-00001"), "rb").read())
    data[5] ^= 0xFF
    (tmp_path / "m.data-00000-of-00001").write_bytes(bytes(data))
    code, out, _ = _run(str(tmp_path / "m"))
    assert code == 0  # listing reads only the index
    code, out, err = _run(str(tmp_path / "m"), "--all")
    assert code == 1 and err.startswith("varflow inspect: error: DataLossError:") and err.count("\n") == 1
    (tmp_path / "bad.index").write_bytes(b"garbage" * 10)
    code, _, err = _run(str(tmp_path / "bad"))
    assert code == 1 and "DataLossError" in err and err.count("\n") == 1
    update_checkpoint_state(str(tmp_path), str(tmp_path / "gone"))
    code, _, err = _run(str(tmp_path))
    assert code == 1 and "no checkpoint found" in err
