"""tf.io.parse_example / parse_single_example / parse_single_sequence_example: graph structure, values
and errors (all expectations observed in TF 2.21 with the same inputs)."""
import numpy as np
import pytest

import varflow as tf
import varflow.io as tfio
from varflow.io import example_proto as pb


def ex(**features) -> bytes:
    feats = {}
    for key, v in features.items():
        if v is None:
            feats[key] = pb.Feature()
        elif isinstance(v[0], float):
            feats[key] = pb.Feature(float_list=pb.FloatList(value=v))
        elif isinstance(v[0], int):
            feats[key] = pb.Feature(int64_list=pb.Int64List(value=v))
        else:
            feats[key] = pb.Feature(bytes_list=pb.BytesList(value=v))
    return pb.Example(features=pb.Features(feature=feats)).SerializeToString()


def test_parse_example_graph_as_tf():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.string, [None])
        out = tfio.parse_example(x, {"a": tfio.FixedLenFeature([2], tf.float32), "b": tfio.VarLenFeature(tf.int64),
                                     "c": tfio.FixedLenFeature([], tf.string, default_value="d")})
        assert list(out) == ["b", "a", "c"]
        ops = [(op.type, op.name) for op in g.get_operations()]
        assert ops == [("Placeholder", "Placeholder"), ("Const", "ParseExample/Const"),
                       ("Const", "ParseExample/key_c"), ("Const", "ParseExample/Reshape/shape"),
                       ("Reshape", "ParseExample/Reshape"), ("Const", "ParseExample/ParseExampleV2/names"),
                       ("Const", "ParseExample/ParseExampleV2/sparse_keys"),
                       ("Const", "ParseExample/ParseExampleV2/dense_keys"),
                       ("Const", "ParseExample/ParseExampleV2/ragged_keys"),
                       ("ParseExampleV2", "ParseExample/ParseExampleV2")]
        assert out["b"].indices.shape.as_list() == [None, 2] and out["b"].dense_shape.shape.as_list() == [2]
        assert out["b"].values.dtype == tf.int64
        assert out["a"].shape.as_list() == [None, 2] and out["a"].name == "ParseExample/ParseExampleV2:3"
        assert out["c"].shape.as_list() == [None] and out["c"].dtype == tf.string
        op = g.get_operation_by_name("ParseExample/ParseExampleV2")
        assert op.get_attr("num_sparse") == 1
        assert op.get_attr("Tdense") == [tf.float32, tf.string]


def test_parse_example_values():
    with tf.Graph().as_default():
        y = tf.placeholder(tf.string, [None])
        o = tfio.parse_example(y, {"a": tfio.FixedLenFeature([2], tf.float32, default_value=[9., 9.]),
                                   "s": tfio.FixedLenSequenceFeature([2], tf.float32, allow_missing=True,
                                                                     default_value=-1.0),
                                   "v": tfio.VarLenFeature(tf.string)}, example_names=["e0", "e1"])
        assert o["s"].shape.as_list() == [None, None, 2]
        with tf.Session() as sess:
            got = sess.run(o, {y: [ex(a=None, s=[1.0, 2.0, 3.0, 4.0]), ex(v=[b"q", b"r"])]})
    np.testing.assert_array_equal(got["v"].indices, [[1, 0], [1, 1]])
    assert list(got["v"].values) == [b"q", b"r"]
    np.testing.assert_array_equal(got["v"].dense_shape, [2, 2])
    np.testing.assert_array_equal(got["a"], [[9, 9], [9, 9]])
    assert got["a"].dtype == np.float32
    np.testing.assert_array_equal(got["s"], [[[1, 2], [3, 4]], [[-1, -1], [-1, -1]]])


def test_parse_single_example():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.string, [])
        out = tfio.parse_single_example(x, {"a": tfio.FixedLenFeature([2], tf.float32, default_value=[0.5, 1.5]),
                                            "b": tfio.VarLenFeature(tf.int64),
                                            "s": tfio.FixedLenSequenceFeature([], tf.int64, allow_missing=True)})
        assert out["a"].name == "ParseSingleExample/ParseExample/ParseExampleV2:3"
        assert out["a"].shape.as_list() == [2] and out["b"].indices.shape.as_list() == [None, 1]
        assert out["s"].shape.as_list() == [None]
        assert g.get_operation_by_name("ParseSingleExample/ParseExample/key_a").type == "Const"
        with tf.Session() as sess:
            got = sess.run(out, {x: ex(b=[3, 4, 5], s=[4, 5])})
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match=r"^Could not parse example input, value: 'garbage'"):
                sess.run(out, {x: b"garbage"})
    np.testing.assert_array_equal(got["b"].indices, [[0], [1], [2]])
    np.testing.assert_array_equal(got["b"].values, [3, 4, 5])
    np.testing.assert_array_equal(got["b"].dense_shape, [3])
    np.testing.assert_array_equal(got["a"], [0.5, 1.5])
    np.testing.assert_array_equal(got["s"], [4, 5])


@pytest.mark.parametrize("feed, message", [
    ([ex(b=[1])], "Name: <unknown>, Feature: a (data type: float) is required but could not be found."),
    ([ex(a=[1.0])], "Name: <unknown>, Key: a, Index: 0.  Number of float values != expected.  "
                    "Values size: 1 but output shape: [2]"),
    ([ex(a=[1, 2])], "Name: <unknown>, Key: a, Index: 0.  Data types don't match. Data type: int64 but "
                     "expected type: float"),
    ([ex(a=[1.0, 2.0], b=[1.5])], "Name: <unknown>, Key: b, Index: 0.  Data types don't match. Expected type: "
                                  "int64, Actual type: float"),
])
def test_parse_errors(feed, message):
    with tf.Graph().as_default():
        y = tf.placeholder(tf.string, [None])
        o = tfio.parse_example(y, {"a": tfio.FixedLenFeature([2], tf.float32), "b": tfio.VarLenFeature(tf.int64)})
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError) as info:
                sess.run(o, {y: feed})
    assert message in str(info.value)


def test_named_examples_in_errors():
    with tf.Graph().as_default():
        y = tf.placeholder(tf.string, [None])
        o = tfio.parse_example(y, {"a": tfio.FixedLenFeature([], tf.int64)}, example_names=["e0", "e1"],
                               name="foo")
        assert o["a"].op.name == "foo/foo"
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="Name: e1, Feature: a .data type: int64. is required"):
                sess.run(o, {y: [ex(a=[1]), ex(b=[1])]})
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match=r"Expected names have the same shape as serialized: name.shape=\[2\], "
                                     r"serialized.shape=\[1\]"):
                sess.run(o, {y: [ex(a=[1])]})


def test_bad_feature_specs():
    y = tf.placeholder(tf.string, [None])
    with pytest.raises(ValueError, match="cannot be None or falsy"):
        tfio.parse_example(y, {})
    with pytest.raises(ValueError, match="Missing shape for feature a"):
        tfio.parse_example(y, {"a": tfio.FixedLenFeature(None, tf.float32)})
    with pytest.raises(TypeError, match="parameter 'sparse_types' has DataType int32"):
        tfio.parse_example(y, {"a": tfio.VarLenFeature(tf.int32)})
    with pytest.raises(ValueError, match="requires allow_missing to be True"):
        tfio.parse_example(y, {"a": tfio.FixedLenSequenceFeature([], tf.int64)})
    with pytest.raises(ValueError, match="Unsupported int 3 for key 'a'"):
        tfio.parse_example(y, {"a": 3})
    with pytest.raises(ValueError):
        tfio.parse_example(y, {"a": tfio.FixedLenFeature([2], tf.float32, default_value=[1.0, 2.0, 3.0])})


def _sequence_example(with_f=True) -> bytes:
    se = pb.SequenceExample()
    se.context.feature["len"].int64_list.value.append(2)
    tok = se.feature_lists.feature_list["tok"]
    tok.feature.add().int64_list.value.extend([1, 2])
    tok.feature.add().int64_list.value.append(3)
    if with_f:
        f = se.feature_lists.feature_list["f"]
        f.feature.add().float_list.value.extend([1., 2.])
        f.feature.add().float_list.value.extend([3., 4.])
    return se.SerializeToString()


def test_parse_single_sequence_example():
    with tf.Graph().as_default():
        z = tf.placeholder(tf.string, [])
        c, s = tfio.parse_single_sequence_example(
            z, context_features={"len": tfio.FixedLenFeature([], tf.int64),
                                 "m": tfio.FixedLenFeature([], tf.float32, default_value=0.5),
                                 "v": tfio.VarLenFeature(tf.string)},
            sequence_features={"tok": tfio.VarLenFeature(tf.int64),
                               "f": tfio.FixedLenSequenceFeature([2], tf.float32),
                               "g": tfio.FixedLenSequenceFeature([], tf.int64, allow_missing=True)})
        assert c["len"].name == "ParseSingleSequenceExample/ParseSequenceExample/ParseSequenceExampleV2:3"
        assert s["tok"].indices.shape.as_list() == [None, 2] and s["f"].shape.as_list() == [None, 2]
        with tf.Session() as sess:
            ctx, seq = sess.run((c, s), {z: _sequence_example()})
            with pytest.raises(tf.errors.InvalidArgumentError, match="Feature list 'f' is required but could not"):
                sess.run((c, s), {z: _sequence_example(with_f=False)})
    assert ctx["len"] == 2 and ctx["m"] == np.float32(0.5) and ctx["v"].values.shape == (0,)
    np.testing.assert_array_equal(seq["tok"].indices, [[0, 0], [0, 1], [1, 0]])
    np.testing.assert_array_equal(seq["tok"].dense_shape, [2, 2])
    np.testing.assert_array_equal(seq["f"], [[1, 2], [3, 4]])
    assert seq["g"].shape == (0,) and seq["g"].dtype == np.int64


def test_parse_sequence_example_batch():
    with tf.Graph().as_default():
        y = tf.placeholder(tf.string, [None])
        context, lists, lengths = tfio.parse_sequence_example(
            y, {"len": tfio.FixedLenFeature([], tf.int64)},
            {"tok": tfio.VarLenFeature(tf.int64), "f": tfio.FixedLenSequenceFeature([2], tf.float32,
                                                                                   allow_missing=True)})
        assert lists["tok"].indices.shape.as_list() == [None, 3]
        assert lists["f"].shape.as_list() == [None, None, 2] and lengths["f"].shape.as_list() == [None]
        short = pb.SequenceExample()
        short.context.feature["len"].int64_list.value.append(1)
        with tf.Session() as sess:
            ctx, seq, lens = sess.run((context, lists, lengths), {y: [_sequence_example(), short.SerializeToString()]})
    np.testing.assert_array_equal(ctx["len"], [2, 1])
    np.testing.assert_array_equal(seq["tok"].indices, [[0, 0, 0], [0, 0, 1], [0, 1, 0]])
    np.testing.assert_array_equal(seq["tok"].dense_shape, [2, 2, 2])
    np.testing.assert_array_equal(seq["f"], [[[1, 2], [3, 4]], [[0, 0], [0, 0]]])
    np.testing.assert_array_equal(lens["f"], [2, 0])
