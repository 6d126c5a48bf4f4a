"""tf.gfile on the local file system; behaviours and error classes observed in TF 2.21."""
import pytest

import varflow as tf

gfile = tf.gfile


def test_write_read_text_and_bytes(tmp_path):
    p = str(tmp_path / "b.txt")
    with gfile.GFile(p, "w") as f:
        f.write("hi\nthere\n")
        assert f.tell() == 9
    with gfile.GFile(p) as f:
        assert f.read() == "hi\nthere\n"
    with gfile.Open(p, "rb") as f:
        assert list(f) == [b"hi\n", b"there\n"]
        assert f.size() == 9
    with gfile.FastGFile(p, "r") as f:
        assert f.readline() == "hi\n" and f.readlines() == ["there\n"]
    with gfile.GFile(p, "a") as f:
        f.write(b"x")
    assert gfile.GFile(p, "rb").read() == b"hi\nthere\nx"


def test_missing_files_raise_not_found(tmp_path):
    missing = str(tmp_path / "missing")
    f = gfile.GFile(missing)          # constructing does not raise; reading does
    for call in (f.read, lambda: gfile.Remove(missing), lambda: gfile.Stat(missing),
                 lambda: gfile.ListDirectory(missing), lambda: gfile.DeleteRecursively(missing),
                 lambda: gfile.Rename(missing, missing + "2"),
                 lambda: gfile.MkDir(str(tmp_path / "x" / "y"))):
        with pytest.raises(tf.errors.NotFoundError):
            call()


def test_empty_write_creates_nothing(tmp_path):
    p = str(tmp_path / "a.txt")
    with gfile.GFile(p, "w"):
        pass
    assert not gfile.Exists(p)     # as in TF: the file appears on first write


def test_directories_glob_walk_stat(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    gfile.MakeDirs("d/e/f")
    gfile.MakeDirs("d/e/f")
    gfile.MkDir("d")
    with gfile.GFile("b.txt", "w") as f:
        f.write("abc")
    assert sorted(gfile.ListDirectory(".")) == ["b.txt", "d"]
    assert gfile.Glob("*.txt") == ["./b.txt"]
    assert gfile.Glob(str(tmp_path / "*.txt")) == [str(tmp_path / "b.txt")]
    assert gfile.IsDirectory("d") and not gfile.IsDirectory("b.txt") and not gfile.IsDirectory("no")
    assert list(gfile.Walk("d")) == [("d", ["e"], []), ("d/e", ["f"], []), ("d/e/f", [], [])]
    assert [w[0] for w in gfile.Walk("d", in_order=False)] == ["d/e/f", "d/e", "d"]
    assert list(gfile.Walk("nope")) == []
    st = gfile.Stat("b.txt")
    assert st.length == 3 and not st.is_directory and isinstance(st.mtime_nsec, int)
    gfile.DeleteRecursively("d")
    assert not gfile.Exists("d")


def test_copy_rename_overwrite(tmp_path):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    with gfile.GFile(a, "w") as f:
        f.write("1")
    gfile.Copy(a, b)
    with pytest.raises(tf.errors.AlreadyExistsError):
        gfile.Copy(a, b)
    with pytest.raises(tf.errors.AlreadyExistsError):
        gfile.Rename(a, b)
    gfile.Rename(a, b, overwrite=True)
    assert not gfile.Exists(a) and gfile.GFile(b).read() == "1"
    gfile.Remove(b)
    assert not gfile.Exists(b)


def test_mode_checks(tmp_path):
    p = str(tmp_path / "f")
    with pytest.raises(tf.errors.PermissionDeniedError):
        gfile.GFile(p, "w").read()
    with gfile.GFile(p, "w") as f:
        f.write("x")
    with pytest.raises(tf.errors.PermissionDeniedError):
        gfile.GFile(p, "r").write("y")
