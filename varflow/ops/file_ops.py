"""File and byte-decoding ops of `tf.io`: ReadFile, WriteFile, MatchingFiles, DecodeRaw, DecodeCSV,
SerializeTensor and ParseTensor.

Input pipelines read whole files (`tf.read_file`), reinterpret bytes as numbers (`tf.decode_raw`),
split CSV lines into typed columns (`tf.decode_csv`) and ship tensors as TensorProto bytes
(`tf.io.serialize_tensor` / `tf.io.parse_tensor`); all run when the session runs them.
"""
from __future__ import annotations

import os

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_proto import TensorProto, make_ndarray, make_tensor_proto
from ..framework.tensor_shape import TensorShape, unknown_shape
from ..platform import gfile
from .op_util import make, make1

__all__ = ["read_file", "write_file", "matching_files", "decode_raw", "decode_csv", "serialize_tensor",
           "parse_tensor"]

# TF's DataTypeString names where they differ from the Python names.
_TF_TYPE_NAMES = {dtypes.float32: "float", dtypes.float64: "double"}


def _type_name(dt: dtypes.DType) -> str:
    return _TF_TYPE_NAMES.get(dt, dt.name)


def _text(value) -> str:
    value = value.item() if isinstance(value, np.ndarray) else value
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _string_input(value, name: str) -> Tensor:
    """A string tensor of `value`; Python bytes/str (and lists of them) go through an object array so
    that trailing NUL bytes survive (raw bytes and serialized protos may end in them)."""
    if isinstance(value, (bytes, str, list, tuple)):
        arr = np.asarray(value, dtype=object)
        if arr.dtype == object and all(isinstance(v, (bytes, str)) for v in arr.reshape(-1)):
            flat = [v.encode("utf-8") if isinstance(v, str) else v for v in arr.reshape(-1)]
            arr = np.empty(len(flat), dtype=object)
            arr[:] = flat
            value = arr.reshape(np.shape(np.asarray(value, dtype=object)))
    return convert_to_tensor(value, dtype=dtypes.string, name=name)


def _check_scalar(t: Tensor, what: str, op_type: str) -> None:
    if t._shape.ndims not in (None, 0):
        raise ValueError("Shape must be rank 0 but is rank %d for '%s' (%s must be a scalar)"
                         % (t._shape.ndims, op_type, what))


# ------------------------------------------------------------------------------------------------
# ReadFile / WriteFile / MatchingFiles
# ------------------------------------------------------------------------------------------------
def _read_file_kernel(filename):
    with gfile.GFile(_text(filename), "rb") as f:
        return np.array(f.read(), dtype=object)


def _write_file_kernel(filename, contents):
    path = _text(filename)
    parent = os.path.dirname(path)
    if parent:
        gfile.MakeDirs(parent)
    data = contents.item() if isinstance(contents, np.ndarray) else contents
    with gfile.GFile(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else str(data).encode("utf-8"))


def _matching_files_kernel(pattern):
    out = []
    for p in np.asarray(pattern, dtype=object).reshape(-1):
        out.extend(gfile.Glob(_text(p)))           # sorted; a bare name pattern matches as ./name
    arr = np.empty(len(out), dtype=object)
    arr[:] = [m.encode("utf-8") for m in out]
    return arr


define("ReadFile", lambda inputs, attrs: [(dtypes.string, TensorShape([]))], _read_file_kernel,
       stateful=True, differentiable=False)
define("WriteFile", lambda inputs, attrs: [], _write_file_kernel, stateful=True, differentiable=False)
define("MatchingFiles", lambda inputs, attrs: [(dtypes.string, TensorShape([None]))], _matching_files_kernel,
       stateful=True, differentiable=False)


def read_file(filename, name: str | None = None) -> Tensor:
    """`tf.io.read_file`: the whole contents of the file `filename` as a scalar string."""
    with name_scope(name or "ReadFile") as scope:
        filename = _string_input(filename, "filename")
        _check_scalar(filename, "filename", "ReadFile")
        return make1("ReadFile", [filename], {}, name=scope)


def write_file(filename, contents, name: str | None = None):
    """`tf.io.write_file`: an op writing the scalar string `contents` to `filename` (creating its
    directory)."""
    with name_scope(name or "WriteFile") as scope:
        filename = _string_input(filename, "filename")
        contents = _string_input(contents, "contents")
        _check_scalar(filename, "filename", "WriteFile")
        _check_scalar(contents, "contents", "WriteFile")
        return make("WriteFile", [filename, contents], {}, name=scope)


def matching_files(pattern, name: str | None = None) -> Tensor:
    """`tf.io.matching_files`: the sorted file names matching a glob pattern (or each of a vector of
    patterns), as a string vector."""
    with name_scope(name or "MatchingFiles") as scope:
        pattern = _string_input(pattern, "pattern")
        if pattern._shape.ndims not in (None, 0, 1):
            raise ValueError("Shape must be at most rank 1 but is rank %d for 'MatchingFiles'"
                             % pattern._shape.ndims)
        return make1("MatchingFiles", [pattern], {}, name=scope)


# ------------------------------------------------------------------------------------------------
# DecodeRaw
# ------------------------------------------------------------------------------------------------
_RAW_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.uint16, dtypes.uint8,
              dtypes.int16, dtypes.int8, dtypes.int64, dtypes.bool, dtypes.complex64, dtypes.complex128)


def _decode_raw_rule(inputs, attrs):
    shape = inputs[0]._shape
    out = unknown_shape() if shape.ndims is None else TensorShape(shape.as_list() + [None])
    return [(attrs["out_type"], out)]


def _decode_raw_kernel(data, out_type=None, little_endian=True):
    np_type = np.dtype(out_type.as_numpy_dtype)
    np_type = np_type.newbyteorder("<" if little_endian else ">") if np_type.itemsize > 1 else np_type
    flat = np.asarray(data, dtype=object).reshape(-1)
    width = None
    for i, item in enumerate(flat):
        n = len(item)
        if width is None:
            width = n
        elif n != width:
            raise errors.InvalidArgumentError(
                None, None, "DecodeRaw requires input strings to all be the same size, but element %d has size "
                "%d != %d" % (i, n, width))
    width = width or 0
    if width % np_type.itemsize:
        raise errors.InvalidArgumentError(
            None, None, "Input to DecodeRaw has length %d that is not a multiple of %d, the size of %s"
            % (width, np_type.itemsize, _type_name(out_type)))
    buf = b"".join(bytes(x) for x in flat)
    values = np.frombuffer(buf, dtype=np_type).astype(np.dtype(out_type.as_numpy_dtype))
    return values.reshape(np.shape(data) + (width // np_type.itemsize,))


define("DecodeRaw", _decode_raw_rule, _decode_raw_kernel, differentiable=False)


def decode_raw(input_bytes=None, out_type=None, little_endian: bool = True, name: str | None = None,
               bytes=None) -> Tensor:  # noqa: A002 - TF1's deprecated argument name
    """`tf.io.decode_raw`: reinterpret each string's bytes as a vector of `out_type` numbers."""
    if input_bytes is None:
        input_bytes = bytes
    if input_bytes is None or out_type is None:
        raise ValueError("decode_raw needs `input_bytes` and `out_type`")
    out_type = dtypes.as_dtype(out_type).base_dtype
    if out_type not in _RAW_TYPES:
        raise TypeError("Value passed to parameter 'out_type' has DataType %s not in list of allowed values: %s"
                        % (out_type.name, ", ".join(t.name for t in _RAW_TYPES)))
    with name_scope(name or "DecodeRaw") as scope:
        data = _string_input(input_bytes, "bytes")
        return make1("DecodeRaw", [data], {"out_type": out_type, "little_endian": bool(little_endian)}, name=scope)


# ------------------------------------------------------------------------------------------------
# DecodeCSV
# ------------------------------------------------------------------------------------------------
_CSV_TYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.string)


def _split_csv(line: bytes, delim: bytes, use_quote: bool, record: int) -> list:
    """The fields of one CSV line (quoted fields may hold the delimiter; "" is an escaped quote)."""
    fields, i, n = [], 0, len(line)
    while True:
        if use_quote and i < n and line[i:i + 1] == b'"':
            out, i = bytearray(), i + 1
            while True:
                if i >= n:
                    raise errors.InvalidArgumentError(
                        None, None, "Quoted field has to end with quote followed by delim or end in record %d"
                        % record)
                if line[i:i + 1] == b'"':
                    if line[i + 1:i + 2] == b'"':
                        out += b'"'
                        i += 2
                        continue
                    i += 1
                    break
                out += line[i:i + 1]
                i += 1
            if i < n and line[i:i + len(delim)] != delim:
                raise errors.InvalidArgumentError(
                    None, None, "Quoted field has to end with quote followed by delim or end in record %d" % record)
            fields.append(bytes(out))
        else:
            j = line.find(delim, i)
            j = n if j < 0 else j
            fields.append(line[i:j])
            i = j
        if i >= n:
            return fields
        i += len(delim)
        if i == n:
            fields.append(b"")
            return fields


def _convert_field(text: bytes, dt: dtypes.DType, col: int, record: int):
    if dt == dtypes.string:
        return text
    try:
        s = text.decode("utf-8")
        if dt in (dtypes.int32, dtypes.int64):
            value = int(s.strip())
            bits = 31 if dt == dtypes.int32 else 63
            if not -(1 << bits) <= value < (1 << bits):
                raise ValueError(s)
            return value
        return float(s)
    except (ValueError, UnicodeDecodeError):
        raise errors.InvalidArgumentError(
            None, None, "Field %d in record %d is not a valid %s: %s"
            % (col, record, _type_name(dt), text.decode("utf-8", "replace"))) from None


def _decode_csv_kernel(records, *defaults, OUT_TYPE=(), field_delim=",", use_quote_delim=True, na_value="",
                       select_cols=()):
    delim = field_delim.encode("utf-8") if isinstance(field_delim, str) else field_delim
    na = na_value.encode("utf-8") if isinstance(na_value, str) else na_value
    flat = np.asarray(records, dtype=object).reshape(-1)
    cols = list(select_cols) if select_cols else list(range(len(OUT_TYPE)))
    columns: list = [[] for _ in OUT_TYPE]
    for r, line in enumerate(flat):
        line = line if isinstance(line, bytes) else str(line).encode("utf-8")
        fields = _split_csv(line, delim, use_quote_delim, r)
        if select_cols:
            if len(fields) <= cols[-1]:
                raise errors.InvalidArgumentError(
                    None, None, "Expect %d fields but have %d in record %d" % (cols[-1] + 1, len(fields), r))
            fields = [fields[c] for c in cols]
        elif len(fields) != len(OUT_TYPE):
            raise errors.InvalidArgumentError(
                None, None, "Expect %d fields but have %d in record %d" % (len(OUT_TYPE), len(fields), r))
        for k, (text, dt, default) in enumerate(zip(fields, OUT_TYPE, defaults)):
            if text == b"" or (na and text == na):
                if np.size(default) == 0:
                    raise errors.InvalidArgumentError(
                        None, None, "Field %d is required but missing in record %d!" % (k, r))
                columns[k].append(np.asarray(default).reshape(-1)[0])
            else:
                columns[k].append(_convert_field(text, dt, k, r))
    out = []
    for dt, values in zip(OUT_TYPE, columns):
        arr = np.empty(len(values), dtype=object) if dt == dtypes.string else None
        if arr is not None:
            arr[:] = values
        else:
            arr = np.array(values, dtype=dt.as_numpy_dtype).reshape(len(values))
        out.append(arr.reshape(np.shape(records)))
    return tuple(out)


define("DecodeCSV", lambda inputs, attrs: [(t, inputs[0]._shape) for t in attrs["OUT_TYPE"]],
       _decode_csv_kernel, differentiable=False)


def decode_csv(records, record_defaults, field_delim: str = ",", use_quote_delim: bool = True,
               name: str | None = None, na_value: str = "", select_cols=None) -> list:
    """`tf.io.decode_csv`: split each CSV line of `records` into columns typed (and defaulted) by
    `record_defaults` (an empty default makes the column required)."""
    if select_cols is not None:
        select_cols = [int(c) for c in select_cols]
        if any(b <= a for a, b in zip(select_cols, select_cols[1:])):
            raise ValueError("select_cols is not strictly increasing.")
        if select_cols and select_cols[0] < 0:
            raise ValueError("select_cols contains negative values.")
        if len(select_cols) != len(record_defaults):
            raise ValueError("Length of select_cols and record_defaults do not match.")
    with name_scope(name or "DecodeCSV") as scope:
        records = _string_input(records, "records")
        defaults = []
        for i, d in enumerate(record_defaults):
            t = convert_to_tensor(d, name="record_defaults_%d" % i)
            if t.dtype.base_dtype not in _CSV_TYPES:
                raise TypeError("Value passed to parameter 'record_defaults' has DataType %s not in list of "
                                "allowed values: float32, float64, int32, int64, string" % t.dtype.base_dtype.name)
            if t._shape.ndims is not None and t._shape.ndims > 1:
                raise ValueError("Shape must be at most rank 1 but is rank %d for record_defaults_%d"
                                 % (t._shape.ndims, i))
            defaults.append(t)
        attrs = {"OUT_TYPE": [t.dtype.base_dtype for t in defaults], "field_delim": field_delim,
                 "use_quote_delim": bool(use_quote_delim), "na_value": na_value,
                 "select_cols": list(select_cols or ())}
        return list(make("DecodeCSV", [records] + defaults, attrs, name=scope)._outputs)


# ------------------------------------------------------------------------------------------------
# SerializeTensor / ParseTensor
# ------------------------------------------------------------------------------------------------
def _serialize_kernel(tensor, T=None):
    proto = make_tensor_proto(np.asarray(tensor), dtype=T)
    return np.array(proto.SerializeToString(), dtype=object)


def _parse_tensor_kernel(serialized, out_type=None):
    data = serialized.item() if isinstance(serialized, np.ndarray) else serialized
    try:
        proto = TensorProto.FromString(data)
        got = dtypes.as_dtype(proto.dtype)
    except Exception:  # noqa: BLE001 - any malformed proto is the same user error
        raise errors.InvalidArgumentError(None, None, "Could not parse `serialized` as TensorProto: '%s'"
                                          % bytes(data).decode("latin-1")) from None
    if got != out_type:
        raise errors.InvalidArgumentError(None, None, "Type mismatch between parsed tensor (%s) and dtype (%s)"
                                          % (_type_name(got), _type_name(out_type)))
    return make_ndarray(proto)


define("SerializeTensor", lambda inputs, attrs: [(dtypes.string, TensorShape([]))], _serialize_kernel,
       differentiable=False)
define("ParseTensor", lambda inputs, attrs: [(attrs["out_type"], unknown_shape())], _parse_tensor_kernel,
       differentiable=False)


def serialize_tensor(tensor, name: str | None = None) -> Tensor:
    """`tf.io.serialize_tensor`: the TensorProto bytes of a tensor, as a scalar string."""
    with name_scope(name or "SerializeTensor") as scope:
        tensor = convert_to_tensor(tensor, name="tensor")
        return make1("SerializeTensor", [tensor], {"T": tensor.dtype.base_dtype}, name=scope)


def parse_tensor(serialized, out_type, name: str | None = None) -> Tensor:
    """`tf.io.parse_tensor`: the tensor of `out_type` that serialized TensorProto bytes hold."""
    with name_scope(name or "ParseTensor") as scope:
        serialized = _string_input(serialized, "serialized")
        return make1("ParseTensor", [serialized], {"out_type": dtypes.as_dtype(out_type).base_dtype}, name=scope)
