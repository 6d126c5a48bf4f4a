"""tf.train.Example and friends: bytes, text format and protobuf API (bytes observed in TF 2.21)."""
import pytest

import varflow.io.example_proto as pb

# TF 2.21: tf.train.Example(...).SerializeToString(deterministic=True) for the message of `_example()`.
EXAMPLE_HEX = ("0a4b0a110a0161120c120a0a080000c03f000000400a150a016212101a0e0a0c0102fdffffffffffffffff010a0f0a01"
               "63120a0a080a0268690a0200ff0a050a016512000a070a017a12021200")
# TF 2.21: the SequenceExample built in `test_sequence_example_bytes_and_text`.
SEQUENCE_HEX = "0a0e0a0c0a036c656e12051a030a010212180a160a03746f6b120f0a061a040a0201020a051a030a0103"


def _example():
    return pb.Example(features=pb.Features(feature={
        "b": pb.Feature(int64_list=pb.Int64List(value=[1, 2, -3])),
        "a": pb.Feature(float_list=pb.FloatList(value=[1.5, 2.0])),
        "c": pb.Feature(bytes_list=pb.BytesList(value=[b"hi", b"\x00\xff"])),
        "z": pb.Feature(float_list=pb.FloatList()),
        "e": pb.Feature(),
    }))


def test_example_bytes_match_tf():
    assert _example().SerializeToString().hex() == EXAMPLE_HEX


def test_example_round_trip_and_oneof():
    ex = pb.Example.FromString(bytes.fromhex(EXAMPLE_HEX))
    assert ex == _example()
    feats = ex.features.feature
    assert list(feats["b"].int64_list.value) == [1, 2, -3]
    assert list(feats["a"].float_list.value) == [1.5, 2.0]
    assert list(feats["c"].bytes_list.value) == [b"hi", b"\x00\xff"]
    assert feats["a"].WhichOneof("kind") == "float_list"
    assert feats["z"].WhichOneof("kind") == "float_list"          # empty but set
    assert feats["e"].WhichOneof("kind") is None
    assert ex.HasField("features") and not pb.Example().HasField("features")
    assert feats["a"].HasField("float_list") and not feats["a"].HasField("int64_list")


def test_map_entries_are_created_on_access():
    ex = pb.Example()
    ex.features.feature["q"].int64_list.value.append(5)
    ex.features.feature["p"].float_list.value.extend([1.0])
    # TF 2.21 (deterministic order: sorted keys)
    assert ex.SerializeToString().hex() == "0a1b0a0d0a0170120812060a040000803f0a0a0a017112051a030a0105"
    assert sorted(ex.features.feature) == ["p", "q"]
    assert "missing" not in ex.features.feature


def test_example_text_format():
    text = str(pb.Example(features=pb.Features(feature={
        "a": pb.Feature(float_list=pb.FloatList(value=[1.5, 2.0])),
        "e": pb.Feature()})))
    assert text == ('features {\n  feature {\n    key: "a"\n    value {\n      float_list {\n        value: 1.5\n'
                    '        value: 2\n      }\n    }\n  }\n  feature {\n    key: "e"\n    value {\n    }\n  }\n}\n')


def test_sequence_example_bytes_and_text():
    se = pb.SequenceExample()
    se.context.feature["len"].int64_list.value.append(2)
    steps = se.feature_lists.feature_list["tok"]
    steps.feature.add().int64_list.value.extend([1, 2])
    steps.feature.add().int64_list.value.append(3)
    assert se.SerializeToString().hex() == SEQUENCE_HEX
    back = pb.SequenceExample.FromString(bytes.fromhex(SEQUENCE_HEX))
    assert [list(f.int64_list.value) for f in back.feature_lists.feature_list["tok"].feature] == [[1, 2], [3]]
    assert 'feature_list {\n    key: "tok"\n    value {\n      feature {\n        int64_list {' in str(back)


def test_bad_fields_and_map_values():
    with pytest.raises(ValueError, match="no \"nope\" field"):
        pb.Example(nope=1)
    with pytest.raises(TypeError, match="Feature"):
        pb.Features(feature={"x": pb.Int64List(value=[1])})
    feats = pb.Features(feature={"x": {"int64_list": pb.Int64List(value=[7])}})
    assert list(feats.feature["x"].int64_list.value) == [7]


def test_writing_a_list_sets_the_kind_as_protobuf_does():
    # TF 2.21 bytes: writing through `.value` (even extend([])) selects the kind; reading does not.
    ex = pb.Example()
    ex.features.feature["v"].int64_list.value.extend([])
    assert ex.SerializeToString().hex() == "0a090a070a017612021a00"
    ex = pb.Example()
    _ = ex.features.feature["w"].float_list
    assert ex.SerializeToString().hex() == "0a070a050a01771200"
    assert ex.features.feature["w"].WhichOneof("kind") is None
    f = pb.Feature()
    f.float_list.value.append(1.0)
    f.int64_list.value.append(2)
    assert f.WhichOneof("kind") == "int64_list" and f.SerializeToString().hex() == "1a030a0102"
