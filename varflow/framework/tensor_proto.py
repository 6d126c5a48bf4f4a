"""TensorProto and TensorShapeProto messages, and conversion to and from NumPy arrays.

Const values in a GraphDef and tensors in summaries are stored as TensorProto (field numbers from TF's
tensor.proto / tensor_shape.proto / types.proto): numbers go in `tensor_content` (little-endian bytes),
strings in `string_val`, as TF's own serializer does.
"""
from __future__ import annotations

import numpy as np

from . import dtypes
from .proto_message import Field, Message

# TF's DataType enum names (types.proto), for the text format.
DATA_TYPE_NAMES = {0: "DT_INVALID", 1: "DT_FLOAT", 2: "DT_DOUBLE", 3: "DT_INT32", 4: "DT_UINT8", 5: "DT_INT16",
                   6: "DT_INT8", 7: "DT_STRING", 8: "DT_COMPLEX64", 9: "DT_INT64", 10: "DT_BOOL",
                   11: "DT_QINT8", 12: "DT_QUINT8", 13: "DT_QINT32", 14: "DT_BFLOAT16", 15: "DT_QINT16",
                   16: "DT_QUINT16", 17: "DT_UINT16", 18: "DT_COMPLEX128", 19: "DT_HALF",
                   20: "DT_RESOURCE", 21: "DT_VARIANT", 22: "DT_UINT32", 23: "DT_UINT64"}
DATA_TYPE_NAMES.update({k + 100: v + "_REF" for k, v in list(DATA_TYPE_NAMES.items()) if k})


class TensorShapeProto(Message):
    """A shape: one `dim` per dimension (size -1 when unknown), or `unknown_rank`."""

    class Dim(Message):
        FIELDS = (Field("size", 1, "int64"), Field("name", 2, "string"))

    FIELDS = (Field("dim", 2, "message", repeated=True, message=lambda: TensorShapeProto.Dim),
              Field("unknown_rank", 3, "bool"))


class TensorProto(Message):
    """A tensor value: dtype, shape and the data (tensor_content or one of the typed value lists)."""

    FIELDS = (Field("dtype", 1, "enum", enum_names=DATA_TYPE_NAMES),
              Field("tensor_shape", 2, "message", message=TensorShapeProto),
              Field("version_number", 3, "int32"),
              Field("tensor_content", 4, "bytes"),
              Field("float_val", 5, "float", repeated=True),
              Field("double_val", 6, "double", repeated=True),
              Field("int_val", 7, "int32", repeated=True),
              Field("string_val", 8, "bytes", repeated=True),
              Field("scomplex_val", 9, "float", repeated=True),
              Field("int64_val", 10, "int64", repeated=True),
              Field("bool_val", 11, "bool", repeated=True),
              Field("dcomplex_val", 12, "double", repeated=True),
              Field("half_val", 13, "int32", repeated=True),
              Field("uint32_val", 16, "uint32", repeated=True),
              Field("uint64_val", 17, "uint64", repeated=True))


def shape_proto(shape) -> TensorShapeProto:
    """TensorShapeProto of a TensorShape, tuple or list (None dims become -1)."""
    dims = getattr(shape, "_dims", shape)
    if dims is None:
        return TensorShapeProto(unknown_rank=True)
    out = TensorShapeProto()
    for d in dims:
        d = getattr(d, "value", d)
        out.dim.add(size=-1 if d is None else int(d))
    return out


def make_tensor_proto(values, dtype=None, shape=None) -> TensorProto:
    """`tf.make_tensor_proto`: a TensorProto holding `values` (an array-like) as `dtype`."""
    if dtype is not None:
        dt = dtypes.as_dtype(dtype).base_dtype
    elif isinstance(values, np.ndarray) and values.dtype != object:
        dt = dtypes.as_dtype(values.dtype)
    else:
        arr0 = np.asarray(values)
        dt = dtypes.string if arr0.dtype.kind in "OSU" else dtypes.as_dtype(arr0.dtype)
    if dt == dtypes.string:
        arr = np.asarray(values, dtype=object)
    else:
        arr = np.asarray(values, dtype=dt.as_numpy_dtype)
    if shape is not None:
        arr = np.broadcast_to(arr, tuple(shape)) if arr.size == 1 else arr.reshape(tuple(shape))
    proto = TensorProto(dtype=dt.as_datatype_enum, tensor_shape=shape_proto(arr.shape))
    if dt == dtypes.string:
        proto.string_val = [v if isinstance(v, bytes) else str(v).encode() for v in arr.reshape(-1)]
    elif arr.size:
        proto.tensor_content = np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<")).tobytes()
    return proto


_VAL_FIELDS = ("float_val", "double_val", "int_val", "int64_val", "bool_val", "uint32_val", "uint64_val")


def make_ndarray(proto: TensorProto) -> np.ndarray:
    """`tf.make_ndarray`: the NumPy array a TensorProto holds."""
    dt = dtypes.as_dtype(proto.dtype)
    shape = tuple(d.size for d in proto.tensor_shape.dim)
    size = int(np.prod(shape)) if shape else 1
    if dt == dtypes.string:
        arr = np.empty(len(proto.string_val), dtype=object)
        arr[:] = list(proto.string_val)
        return _fill(arr, shape, size)
    np_dtype = np.dtype(dt.np_dtype)      # quantized types are one-field records, e.g. [("qint8", "i1")]
    if proto.tensor_content:
        return np.frombuffer(proto.tensor_content, dtype=np_dtype.newbyteorder("<")).astype(np_dtype).reshape(shape)
    if dt in (dtypes.complex64, dtypes.complex128):
        flat = list(proto.scomplex_val if dt == dtypes.complex64 else proto.dcomplex_val)
        values = np.array(flat[0::2], np_dtype) + 1j * np.array(flat[1::2], np_dtype)
        return _fill(values.astype(np_dtype), shape, size)
    if dt == dtypes.float16:
        return _fill(np.array(proto.half_val, np.uint16).view(np.float16), shape, size)
    for name in _VAL_FIELDS:
        values = getattr(proto, name)
        if values:
            flat = np.array(values)
            if np_dtype.names:                                    # quantized: values of the record's field
                flat = flat.astype(np_dtype[0]).view(np_dtype)
            return _fill(flat.astype(np_dtype), shape, size)
    return np.zeros(shape, np_dtype)


def _fill(values: np.ndarray, shape: tuple, size: int) -> np.ndarray:
    """TF's rule: a shorter value list is padded with its last element."""
    if values.size == size:
        return values.reshape(shape)
    out = np.empty(size, dtype=values.dtype)
    out[:values.size] = values
    if values.size:
        out[values.size:] = values[-1]
    else:
        out[:] = np.zeros(1, values.dtype)[0] if values.dtype != object else b""
    return out.reshape(shape)
