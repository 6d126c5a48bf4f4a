"""tf.DType: names, conversions, kinds, limits and ref dtypes, checked against values observed in TF 2.21."""
import ml_dtypes
import numpy as np
import pytest

import varflow as tf
from varflow.framework import dtypes

ALL = [tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int8, tf.int16, tf.int32, tf.int64,
       tf.uint8, tf.uint16, tf.bool, tf.string, tf.complex64, tf.complex128]


def test_names_repr_and_enums():
    assert [d.name for d in ALL] == ["float16", "bfloat16", "float32", "float64", "int8", "int16",
                                     "int32", "int64", "uint8", "uint16", "bool", "string",
                                     "complex64", "complex128"]
    assert repr(tf.float32) == "tf.float32" and str(tf.float32) == "<dtype: 'float32'>"
    assert tf.half is tf.float16 and tf.double is tf.float64
    # DataType enum numbers observed in TF 2.21
    assert [d.as_datatype_enum for d in (tf.float32, tf.bfloat16, tf.float16, tf.resource,
                                         tf.variant, tf.uint32)] == [1, 14, 19, 20, 21, 22]


@pytest.mark.parametrize("value,name", [
    ("float32", "float32"), (np.float64, "float64"), (np.dtype("int16"), "int16"),
    (float, "float32"), (bool, "bool"), ("half", "float16"), ("float", "float32"),
    ("double", "float64"), (1, "float32"), (101, "float32_ref"), ("float32_ref", "float32_ref"),
    (np.bool_, "bool"), (np.str_, "string"), (np.bytes_, "string"), (np.object_, "string"),
    (object, "string"), (np.dtype("U5"), "string"), (np.uint32, "uint32"),
    (ml_dtypes.bfloat16, "bfloat16"), (np.dtype([("qint8", np.int8)]), "qint8")])
def test_as_dtype_accepts_what_tf_accepts(value, name):
    assert tf.as_dtype(value).name == name


@pytest.mark.parametrize("value", [int, str, bytes, complex, "foo", 999, None, [1], 1.5, "int"])
def test_as_dtype_rejects_what_tf_rejects(value):
    with pytest.raises(TypeError, match="Cannot convert the argument `type_value`"):
        tf.as_dtype(value)


def test_as_dtype_int_message_says_what_to_write():
    with pytest.raises(TypeError, match="tf.int32 or tf.int64"):
        tf.as_dtype(int)


def test_ref_dtypes():
    r = tf.float32._as_ref
    assert (r.name, repr(r), str(r)) == ("float32_ref", "tf.float32_ref", "<dtype: 'float32_ref'>")
    assert r.base_dtype is tf.float32 and r._as_ref is r and tf.float32.base_dtype is tf.float32
    assert r.is_floating and tf.int32._as_ref.is_integer and r._is_ref_dtype
    assert r.as_numpy_dtype is np.float32 and r.as_datatype_enum == 101
    assert r != tf.float32 and hash(r) != hash(tf.float32)
    assert not r.is_compatible_with(tf.float32) and tf.float32.is_compatible_with(r)  # as TF
    assert not tf.float32.is_compatible_with(tf.float64)
    assert dtypes.float32_ref is r


def test_as_numpy_dtype():
    assert tf.float32.as_numpy_dtype is np.float32
    assert tf.bfloat16.as_numpy_dtype is ml_dtypes.bfloat16
    assert tf.string.as_numpy_dtype is object
    assert tf.bool.as_numpy_dtype is np.bool_
    assert tf.complex64.as_numpy_dtype is np.complex64


def test_kinds_and_sizes():
    # (is_floating, is_integer, is_complex, is_unsigned, is_bool, size) observed in TF 2.21
    got = [(d.is_floating, d.is_integer, d.is_complex, d.is_unsigned, d.is_bool, d.size) for d in ALL]
    assert got == [(True, False, False, False, False, 2), (True, False, False, False, False, 2),
                   (True, False, False, False, False, 4), (True, False, False, False, False, 8),
                   (False, True, False, False, False, 1), (False, True, False, False, False, 2),
                   (False, True, False, False, False, 4), (False, True, False, False, False, 8),
                   (False, True, False, True, False, 1), (False, True, False, True, False, 2),
                   (False, False, False, False, True, 1), (False, False, False, False, False, 0),
                   (False, False, True, False, False, 8), (False, False, True, False, False, 16)]
    assert tf.resource.size == 0 and tf.variant.size == 0
    assert tf.string.is_numpy_compatible and not tf.resource.is_numpy_compatible
    assert dtypes.qint8.is_quantized and not tf.float32.is_quantized
    assert [d.as_datatype_enum for d in (dtypes.qint8, dtypes.quint8, dtypes.qint16,
                                         dtypes.quint16, dtypes.qint32)] == [11, 12, 15, 16, 13]
    assert tf.complex64.real_dtype is tf.float32 and tf.complex128.real_dtype is tf.float64


def test_min_max():
    assert tf.float32.min == np.finfo(np.float32).min and tf.float32.max == np.finfo(np.float32).max
    assert tf.float16.max == np.float16(65504)
    assert tf.bfloat16.max == ml_dtypes.finfo(ml_dtypes.bfloat16).max
    assert (tf.int8.min, tf.int8.max, tf.uint16.min, tf.uint16.max) == (-128, 127, 0, 65535)
    assert (tf.int64.min, tf.int32.max) == (-2**63, 2**31 - 1)
    for d in (tf.bool, tf.string, tf.complex64):
        with pytest.raises(TypeError):
            getattr(d, "max")  # noqa: B009 - the property raises


def test_limits_are_tf_intensity_ranges():
    # observed in TF 2.21: negatives are clipped, floats are (0, 1)
    assert tf.int8.limits == (0, 127) and tf.float32.limits == (0, 1)
    assert tf.uint8.limits == (0, 255) and tf.int32.limits == (0, 2147483647)


def test_equality_hash_and_pickle():
    import pickle

    assert tf.float32 == "float32" and tf.float32 == np.float32 and tf.float32 != tf.float64
    assert not (tf.float32 == 3.5) and not (tf.float32 == None) and not (tf.float32 == "nonsense")  # noqa: E711
    assert {tf.float32: 1}[tf.as_dtype("float32")] == 1
    assert pickle.loads(pickle.dumps(tf.float32)) is tf.float32


def test_ml_dtypes_is_imported_on_first_bfloat16_use_only(prints_ok):
    """ml_dtypes 0.7 takes ~0.5 s to import: `import varflow` must not pay it."""
    prints_ok("import sys, numpy as np, varflow as tf\n"
              "assert 'ml_dtypes' not in sys.modules\n"
              "assert tf.float32.as_numpy_dtype is np.float32 and tf.bfloat16.size == 2\n"
              "assert 'ml_dtypes' in sys.modules\n"
              "import ml_dtypes\n"
              "assert tf.bfloat16.as_numpy_dtype is ml_dtypes.bfloat16\n"
              "print('ok')\n")


def test_bfloat16_numpy_arrays_convert_before_tf_bfloat16_is_used(prints_ok):
    prints_ok("import ml_dtypes, numpy as np, varflow as tf\n"
              "x = np.array([1.5, 2.25], ml_dtypes.bfloat16)\n"
              "assert tf.as_dtype(x.dtype) is tf.bfloat16\n"
              "assert tf.Session().run(tf.constant(x) * 2).tolist() == [3.0, 4.5]\n"
              "print('ok')\n")
