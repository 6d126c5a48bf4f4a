"""tf.io file and decoding ops: ReadFile, WriteFile, MatchingFiles, DecodeRaw, DecodeCSV,
SerializeTensor, ParseTensor (values, shapes and messages observed in TF 2.21)."""
import numpy as np
import pytest

import varflow as tf
import varflow.io as tfio


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes(b"abc\x00")
    return tmp_path


def test_read_write_match(in_tmp):
    with tf.Graph().as_default() as g:
        r = tfio.read_file("a.txt")
        w = tfio.write_file("sub/b.txt", r)
        m = tfio.matching_files("*.txt")
        m2 = tfio.matching_files(["a*.txt", "sub/*"])
        none = tfio.matching_files("nomatch*")
        assert [(op.type, op.name) for op in g.get_operations()[:4]] == [
            ("Const", "ReadFile/filename"), ("ReadFile", "ReadFile"), ("Const", "WriteFile/filename"),
            ("WriteFile", "WriteFile")]
        assert r.shape.as_list() == [] and m.shape.as_list() == [None]
        with tf.Session() as sess:
            assert sess.run(r) == b"abc\x00"
            assert sess.run(w) is None
            assert list(sess.run(m)) == [b"./a.txt"]
            assert list(sess.run(m2)) == [b"./a.txt", b"sub/b.txt"]
            assert sess.run(none).shape == (0,)
            with pytest.raises(tf.errors.NotFoundError, match="nope.txt; No such file or directory"):
                sess.run(tfio.read_file("nope.txt"))
    assert (in_tmp / "sub" / "b.txt").read_bytes() == b"abc\x00"


def test_decode_raw():
    with tf.Graph().as_default():
        d = tfio.decode_raw(b"abc\x00", tf.int16)   # Python bytes keep their trailing NUL
        d2 = tfio.decode_raw(tf.constant(["abcd", "efgh"]), tf.int16, little_endian=False)
        d3 = tfio.decode_raw(bytes=tf.constant(["abcd", "efgh"]), out_type=tf.uint8)
        f = tfio.decode_raw(tf.constant(np.array([1.5, -2.0], "<f4").tobytes()), tf.float32)
        assert d.shape.as_list() == [None] and d2.shape.as_list() == [2, None] and d.name == "DecodeRaw:0"
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run(d), [25185, 99])
            np.testing.assert_array_equal(sess.run(d2), [[24930, 25444], [25958, 26472]])
            np.testing.assert_array_equal(sess.run(d3), [[97, 98, 99, 100], [101, 102, 103, 104]])
            assert sess.run(d2).dtype == np.int16
            np.testing.assert_array_equal(sess.run(f), np.array([1.5, -2.0], np.float32))
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="Input to DecodeRaw has length 3 that is not a multiple of 2, the size of int16"):
                sess.run(tfio.decode_raw(tf.constant(["abc"]), tf.int16))
            with pytest.raises(tf.errors.InvalidArgumentError, match="element 1 has size 3 != 4"):
                sess.run(tfio.decode_raw(tf.constant(["abcd", "abc"]), tf.uint8))
    with pytest.raises(TypeError, match="out_type"):
        tfio.decode_raw(tf.constant("ab"), tf.string)


def test_decode_csv():
    with tf.Graph().as_default() as g:
        c = tfio.decode_csv(tf.constant(["1,2.5,x", "3,,y"]), record_defaults=[[0], [1.0], ["d"]])
        assert [t.name for t in c] == ["DecodeCSV:0", "DecodeCSV:1", "DecodeCSV:2"]
        assert [t.dtype for t in c] == [tf.int32, tf.float32, tf.string]
        assert g.get_operation_by_name("DecodeCSV/record_defaults_1").outputs[0].shape.as_list() == [1]
        quoted = tfio.decode_csv(tf.constant(['"a,b",c']), record_defaults=[[""], [""]])
        cols = tfio.decode_csv(tf.constant(["1,2,3"]), record_defaults=[[0], [0]], select_cols=[0, 2])
        semi = tfio.decode_csv("1;2.5", record_defaults=[tf.constant([0], tf.int64), [0.0]], field_delim=";")
        na = tfio.decode_csv(tf.constant(["na,x"]), record_defaults=[["q"], ["r"]], na_value="na")
        bad = [(tfio.decode_csv(tf.constant(records), record_defaults=defaults), message) for records, defaults,
               message in [(["1,2"], [[0], [0], [0]], "Expect 3 fields but have 2 in record 0"),
                           (["1,a"], [[0], [0]], "Field 1 in record 0 is not a valid int32: a"),
                           (["1.5,2"], [[0], [0.0]], "Field 0 in record 0 is not a valid int32: 1.5"),
                           (["1,"], [[0], tf.constant([], tf.int32)], "Field 1 is required but missing in record 0!")]]
        with tf.Session() as sess:
            ints, floats, strs = sess.run(c)
            np.testing.assert_array_equal(ints, [1, 3])
            np.testing.assert_array_equal(floats, np.array([2.5, 1.0], np.float32))
            assert list(strs) == [b"x", b"y"]
            assert [list(v) for v in sess.run(quoted)] == [[b"a,b"], [b"c"]]
            assert [list(v) for v in sess.run(cols)] == [[1], [3]]
            got = sess.run(semi)
            assert got[0] == 1 and got[0].dtype == np.int64 and got[1] == 2.5
            assert [list(v) for v in sess.run(na)] == [[b"q"], [b"x"]]
            for columns, message in bad:
                with pytest.raises(tf.errors.InvalidArgumentError, match=message.replace(".", r"\.")):
                    sess.run(columns)
    with pytest.raises(ValueError, match="select_cols"):
        tfio.decode_csv(tf.constant(["1"]), [[0], [0]], select_cols=[2, 1])


def test_serialize_and_parse_tensor():
    with tf.Graph().as_default():
        st = tfio.serialize_tensor(tf.constant([[1.0, 2.0]]))
        pt = tfio.parse_tensor(st, tf.float32)
        assert st.shape.as_list() == [] and pt.shape.ndims is None
        with tf.Session() as sess:
            # TF 2.21 bytes
            assert sess.run(st).hex() == "08011208120208011202080222080000803f00000040"
            np.testing.assert_array_equal(sess.run(pt), [[1.0, 2.0]])
            assert sess.run(tfio.serialize_tensor(tf.constant(["ab", "c"]))).hex() == \
                "080712041202080242026162420163"
            assert sess.run(tfio.serialize_tensor(tf.constant(3))).hex() == "08031200220403000000"
            strings = tfio.parse_tensor(tfio.serialize_tensor(tf.constant([[b"x"], [b"\x00y"]])), tf.string)
            assert sess.run(strings).tolist() == [[b"x"], [b"\x00y"]]
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match=r"Type mismatch between parsed tensor \(float\) and dtype \(int32\)"):
                sess.run(tfio.parse_tensor(st, tf.int32))
