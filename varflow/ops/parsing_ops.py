"""Parsing serialized `tf.train.Example` protos in the graph: `tf.io.parse_example` and friends.

TF 2.x builds one `ParseExampleV2` op for both `parse_example` and `parse_single_example` (a scalar
`serialized` drops the batch dimension). Its outputs are, in order: sparse indices, values and dense
shapes (one each per `VarLenFeature`), then one dense tensor per `FixedLenFeature` /
`FixedLenSequenceFeature`, features sorted by key. The kernel reads the Example wire format directly,
decoding only the requested features.
"""
from __future__ import annotations

import collections
import re
import struct

import numpy as np

from ..checkpoint.proto import decode_varint
from ..framework import dtypes, errors
from ..framework.graph import Tensor, name_scope
from ..framework.proto_message import _iter_raw
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape, as_shape, unknown_shape
from ..framework.registry import define
from .array_ops import reshape
from .constant_op import constant
from .file_ops import _string_input
from .op_util import make

__all__ = ["FixedLenFeature", "FixedLenSequenceFeature", "VarLenFeature", "parse_example", "parse_sequence_example",
           "parse_single_example", "parse_single_sequence_example"]

_ALLOWED = (dtypes.float32, dtypes.int64, dtypes.string)
_KIND_NAMES = {1: "string", 2: "float", 3: "int64"}
_KIND_OF = {dtypes.string: 1, dtypes.float32: 2, dtypes.int64: 3}


class FixedLenFeature(collections.namedtuple("FixedLenFeature", ["shape", "dtype", "default_value"])):
    """A feature with a fixed number of values, parsed to a dense tensor of `shape` (`default_value`
    fills examples that lack it; without one the feature is required)."""

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtype, default_value)


class FixedLenSequenceFeature(collections.namedtuple(
        "FixedLenSequenceFeature", ["shape", "dtype", "allow_missing", "default_value"])):
    """A variable number of `shape`-sized values per example, parsed to a dense tensor padded with
    `default_value` (parse_example needs `allow_missing=True`)."""

    def __new__(cls, shape, dtype, allow_missing=False, default_value=None):
        return super().__new__(cls, shape, dtype, allow_missing, default_value)


class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    """A variable number of values per example, parsed to a `SparseTensor`."""


# ------------------------------------------------------------------------------------------------
# Example wire format
# ------------------------------------------------------------------------------------------------
class _UnparsableError(Exception):
    pass


def _features_map(raw: bytes) -> dict:
    """{key: (kind, payload)} of a serialized `Features`; kind 1/2/3 = bytes/float/int64, 0 = unset."""
    feats = {}
    for number, wire, entry in _iter_raw(raw):
        if number != 1:
            continue
        if wire != 2:
            raise _UnparsableError()
        key, kind, payload = "", 0, b""
        for n2, w2, v in _iter_raw(entry):
            if n2 == 1 and w2 == 2:
                key = bytes(v).decode("utf-8")
            elif n2 == 2 and w2 == 2:
                kind, payload = _feature(v)
        feats[key] = (kind, payload)
    return feats


def _feature(raw: bytes) -> tuple:
    kind, payload = 0, b""
    for number, wire, body in _iter_raw(raw):
        if number in (1, 2, 3) and wire == 2:
            kind, payload = number, body
    return kind, payload


def _parsed(data: bytes, sequence: bool):
    """Example -> {key: (kind, payload)}; SequenceExample -> (that for the context, {key: [steps]})."""
    context, lists = {}, {}
    try:
        for number, wire, raw in _iter_raw(data):
            if number == 1 and wire == 2:
                context.update(_features_map(raw))
            elif number == 2 and wire == 2 and sequence:
                for n2, w2, entry in _iter_raw(raw):
                    if n2 != 1 or w2 != 2:
                        continue
                    key, steps = "", []
                    for n3, w3, v in _iter_raw(entry):
                        if n3 == 1 and w3 == 2:
                            key = bytes(v).decode("utf-8")
                        elif n3 == 2 and w3 == 2:
                            steps = [_feature(f) for n4, w4, f in _iter_raw(v) if n4 == 1 and w4 == 2]
                    lists[key] = steps
            elif number in (1, 2):
                raise _UnparsableError()
    except _UnparsableError:
        raise
    except Exception:  # noqa: BLE001 - any malformed byte string is one error for the user
        raise _UnparsableError() from None
    return (context, lists) if sequence else context


def _decode_values(kind: int, payload: bytes) -> list:
    """The value list of a BytesList / FloatList / Int64List payload."""
    out: list = []
    for number, wire, raw in _iter_raw(payload):
        if number != 1:
            continue
        if kind == 1:
            out.append(bytes(raw))
        elif kind == 2:
            if wire == 2:
                out.extend(np.frombuffer(raw, "<f4").tolist())
            else:
                out.append(struct.unpack("<f", raw)[0])
        elif wire == 2:
            pos, end = 0, len(raw)
            while pos < end:
                v, pos = decode_varint(raw, pos, end)
                out.append(v - (1 << 64) if v >> 63 else v)
        else:
            out.append(raw - (1 << 64) if raw >> 63 else raw)
    return out


def _np_dtype(dt: dtypes.DType):
    return object if dt == dtypes.string else dt.as_numpy_dtype


def _shape_text(dims) -> str:
    return "[%s]" % ",".join("?" if d is None or d < 0 else str(d) for d in dims)


# ------------------------------------------------------------------------------------------------
# ParseExampleV2
# ------------------------------------------------------------------------------------------------
def _dims(shape) -> list:
    return [None if d is None or d < 0 else d for d in as_shape(shape).as_list()]


def _parse_rule(inputs, attrs):
    batch = inputs[0]._shape
    num_sparse = attrs["num_sparse"]
    if batch.ndims is None:
        index_shape, values_shape, shape_shape = TensorShape([None, None]), TensorShape([None]), TensorShape([None])
        dense = [unknown_shape() for _ in attrs["Tdense"]]
    else:
        lead = batch.as_list()
        index_shape = TensorShape([None, len(lead) + 1])
        values_shape, shape_shape = TensorShape([None]), TensorShape([len(lead) + 1])
        dense = [TensorShape(lead + _dims(s)) for s in attrs["dense_shapes"]]
    return ([(dtypes.int64, index_shape)] * num_sparse
            + [(t, values_shape) for t in attrs["sparse_types"]]
            + [(dtypes.int64, shape_shape)] * num_sparse
            + [(t, s) for t, s in zip(attrs["Tdense"], dense)])


def _texts(values) -> list:
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in np.asarray(values, object).reshape(-1)]


def _parse_records(serialized, names, sequence: bool) -> tuple:
    """(parsed records, scalar?, where(i) -> the 'Name: ..., ' prefix of error messages)."""
    scalar = np.ndim(serialized) == 0
    if np.ndim(serialized) > 1:
        raise errors.InvalidArgumentError(None, None, "Expected serialized to be a scalar or vector, got shape: %s"
                                          % _shape_text(np.shape(serialized)))
    records = np.asarray(serialized, dtype=object).reshape(-1)
    name_list = _texts(names)
    if np.size(names) and np.shape(names) != np.shape(serialized):
        raise errors.InvalidArgumentError(
            None, None, "Expected names have the same shape as serialized: name.shape=%s, serialized.shape=%s"
            % (_shape_text(np.shape(names)), _shape_text(np.shape(serialized))))
    parsed = []
    for record in records:
        data = record if isinstance(record, bytes) else str(record).encode("utf-8")
        try:
            parsed.append(_parsed(data, sequence))
        except _UnparsableError:
            raise errors.InvalidArgumentError(None, None, "Could not parse example input, value: '%s'"
                                              % data.decode("latin-1")) from None

    def where(i: int) -> str:
        name = name_list[i] if name_list else "<unknown>"
        return "" if scalar and not name_list and not sequence else "Name: %s, " % name
    return parsed, scalar, where


def _typed_values(kind, payload, dt, key: str, index: int, where, sparse: bool):
    """The values of one feature, or None when unset; InvalidArgumentError on a type mismatch."""
    if kind is None or kind == 0:
        return None
    if kind != _KIND_OF[dt]:
        if sparse:
            detail = "Expected type: %s, Actual type: %s" % (_KIND_NAMES[_KIND_OF[dt]], _KIND_NAMES[kind])
        else:
            detail = "Data type: %s but expected type: %s" % (_KIND_NAMES[kind], _KIND_NAMES[_KIND_OF[dt]])
        raise errors.InvalidArgumentError(None, None, "%sKey: %s, Index: %d.  Data types don't match. %s"
                                          % (where(index), key, index, detail))
    return _decode_values(kind, payload)


def _features_outputs(features: list, scalar: bool, where, sparse_keys, sparse_types, dense_keys, Tdense,
                      dense_shapes, dense_defaults, what: str = "Feature") -> tuple:
    """Sparse (indices, values, shapes) and dense outputs of the {key: (kind, payload)} dicts."""
    def values_of(i: int, key: str, dt: dtypes.DType, sparse: bool):
        kind, payload = features[i].get(key, (None, b""))
        return _typed_values(kind, payload, dt, key, i, where, sparse)

    lead = () if scalar else (len(features),)
    indices_out, values_out, shapes_out = [], [], []
    for key, dt in zip(sparse_keys, sparse_types):
        idx, vals, longest = [], [], 0
        for i in range(len(features)):
            got = values_of(i, key, dt, sparse=True) or []
            idx.extend(([j] if scalar else [i, j]) for j in range(len(got)))
            vals.extend(got)
            longest = max(longest, len(got))
        indices_out.append(np.array(idx, np.int64).reshape(len(vals), len(lead) + 1))
        values_out.append(np.array(vals, dtype=_np_dtype(dt)).reshape(len(vals)))
        shapes_out.append(np.array(list(lead) + [longest], np.int64))
    dense_out = []
    for key, dt, shape, default in zip(dense_keys, Tdense, dense_shapes, dense_defaults):
        dims = as_shape(shape).as_list()
        dense_out.append(_dense(key, dt, dims, np.asarray(default), len(features), lead, values_of, where, what))
    return indices_out, values_out, shapes_out, dense_out


def _parse_kernel(serialized, names, sparse_keys, dense_keys, ragged_keys, *dense_defaults,
                  num_sparse=0, sparse_types=(), Tdense=(), dense_shapes=(), ragged_value_types=(),
                  ragged_split_types=()):
    parsed, scalar, where = _parse_records(serialized, names, sequence=False)
    indices, values, shapes, dense = _features_outputs(parsed, scalar, where, _texts(sparse_keys), sparse_types,
                                                       _texts(dense_keys), Tdense, dense_shapes, dense_defaults)
    return tuple(indices + values + shapes + dense)


def _dense(key, dt, dims, default, count, lead, values_of, where, what="Feature") -> np.ndarray:
    np_dt = _np_dtype(dt)
    if dims and (dims[0] is None or dims[0] < 0):                       # FixedLenSequenceFeature
        inner = [int(d) for d in dims[1:]]
        stride = int(np.prod(inner)) if inner else 1
        rows = []
        for i in range(count):
            got = values_of(i, key, dt, sparse=False) or []
            if stride == 0 or len(got) % stride:
                raise errors.InvalidArgumentError(
                    None, None, "%sKey: %s, Index: %d.  Number of %s values is not a multiple of stride "
                    "length. Saw %d values but output shape is: %s"
                    % (where(i), key, i, _KIND_NAMES[_KIND_OF[dt]], len(got), _shape_text([-1] + inner)))
            rows.append(np.array(got, dtype=np_dt).reshape([len(got) // max(stride, 1)] + inner))
        longest = max((len(r) for r in rows), default=0)
        out = np.empty([count, longest] + inner, dtype=np_dt)
        out[...] = default.astype(np_dt) if default.size else (b"" if dt == dtypes.string else 0)
        for i, r in enumerate(rows):
            out[i, :len(r)] = r
        return out.reshape(list(lead) + [longest] + inner)
    size = int(np.prod(dims)) if dims else 1
    out = np.empty([count] + dims, dtype=np_dt)
    for i in range(count):
        got = values_of(i, key, dt, sparse=False)
        if got is None:
            if default.size == 0 and size:
                raise errors.InvalidArgumentError(
                    None, None, "%s%s: %s (data type: %s) is required but could not be found."
                    % (where(i), what, key, _KIND_NAMES[_KIND_OF[dt]]))
            if default.size:
                out[i, ...] = default.astype(np_dt).reshape(dims)
            continue
        if len(got) != size:
            raise errors.InvalidArgumentError(
                None, None, "%sKey: %s, Index: %d.  Number of %s values != expected.  Values size: %d but "
                "output shape: %s" % (where(i), key, i, _KIND_NAMES[_KIND_OF[dt]], len(got), _shape_text(dims)))
        out[i, ...] = np.array(got, dtype=np_dt).reshape(dims)
    return out.reshape(list(lead) + dims)


define("ParseExampleV2", _parse_rule, _parse_kernel, differentiable=False)


# ------------------------------------------------------------------------------------------------
# public wrappers
# ------------------------------------------------------------------------------------------------
_INVALID_NAME_CHARS = re.compile(r"[^A-Za-z0-9_.\-/]")


def _const_name(prefix: str, key: str) -> str:
    return prefix + _INVALID_NAME_CHARS.sub("_", key)


def _check_dtype(dt, param: str) -> dtypes.DType:
    dt = dtypes.as_dtype(dt).base_dtype
    if dt not in _ALLOWED:
        raise TypeError("Value passed to parameter '%s' has DataType %s not in list of allowed values: "
                        "float32, int64, string" % (param, dt.name))
    return dt


def _split_features(features) -> tuple:
    """(sparse [(key, dtype)], dense [(key, dtype, shape, spec)]) in key order; ValueError on bad specs."""
    if not features:
        raise ValueError("Argument `features` cannot be None or falsy. Got %s" % (features,))
    sparse, dense = [], []
    for key in sorted(features):
        spec = features[key]
        if isinstance(spec, VarLenFeature):
            sparse.append((key, _check_dtype(spec.dtype, "sparse_types")))
        elif isinstance(spec, FixedLenFeature):
            if spec.shape is None:
                raise ValueError("Missing shape for feature %s. Received feature=%s." % (key, _spec_text(spec)))
            dense.append((key, _check_dtype(spec.dtype, "Tdense"), as_shape(spec.shape), spec))
        elif isinstance(spec, FixedLenSequenceFeature):
            if not spec.allow_missing:
                raise ValueError("Unsupported: FixedLenSequenceFeature requires allow_missing to be True.")
            if spec.shape is None:
                raise ValueError("Missing shape for feature %s. Received feature=%s." % (key, _spec_text(spec)))
            dense.append((key, _check_dtype(spec.dtype, "Tdense"), as_shape(spec.shape), spec))
        else:
            raise ValueError("Unsupported %s %s for key '%s'" % (type(spec).__name__, spec, key))
    return sparse, dense


def _spec_text(spec) -> str:
    fields = ", ".join("%s=%s" % (k, "tf." + v.name if isinstance(v, dtypes.DType) else v)
                       for k, v in spec._asdict().items())
    return "%s(%s)" % (type(spec).__name__, fields)


def _dense_default(key: str, dt: dtypes.DType, shape: TensorShape, spec) -> Tensor:
    """The dense_defaults input of one dense feature, built as TF builds it."""
    if isinstance(spec, FixedLenSequenceFeature):
        value = spec.default_value
        if value is None:
            value = "" if dt == dtypes.string else 0
        padding = constant(value, dtype=dt, name=_const_name("padding_", key))
        return reshape(padding, [])
    if spec.default_value is None:
        return constant([], dtype=dt)
    default = spec.default_value
    if not isinstance(default, Tensor):
        default = constant(default, dtype=dt, name=_const_name("key_", key))
    return reshape(default, shape)


def _parse(serialized, features, name, example_names, default_scope: str, serialized_rank=None) -> dict:
    sparse, dense = _split_features(features)
    with name_scope(name, default_scope, [serialized, example_names]):
        serialized = _string_input(serialized, "serialized")
        ranks = (None, serialized_rank) if serialized_rank is not None else (None, 0, 1)
        if serialized._shape.ndims not in ranks:
            raise ValueError("Input serialized must be a %s, got shape %s"
                             % ("scalar" if serialized_rank == 0 else "scalar or vector", serialized._shape))
        defaults = [_dense_default(key, dt, shape, spec) for key, dt, shape, spec in dense]
        with name_scope(name or "ParseExampleV2") as scope:
            names = (example_names if isinstance(example_names, Tensor) else
                     constant([] if example_names is None else example_names, dtype=dtypes.string, name="names"))
            sparse_keys = constant([k for k, _ in sparse], dtype=dtypes.string, name="sparse_keys")
            dense_keys = constant([d[0] for d in dense], dtype=dtypes.string, name="dense_keys")
            ragged_keys = constant([], dtype=dtypes.string, name="ragged_keys")
            attrs = {"num_sparse": len(sparse), "sparse_types": [dt for _, dt in sparse],
                     "Tdense": [d[1] for d in dense], "ragged_value_types": [], "ragged_split_types": [],
                     "dense_shapes": [TensorShape([None] + d[2].as_list())
                                      if isinstance(d[3], FixedLenSequenceFeature) else d[2] for d in dense]}
            op = make("ParseExampleV2", [serialized, names, sparse_keys, dense_keys, ragged_keys] + defaults,
                      attrs, name=scope)
    outs, n = op._outputs, len(sparse)
    result = {}
    for i, (key, _) in enumerate(sparse):
        result[key] = SparseTensor(outs[i], outs[n + i], outs[2 * n + i])
    for j, d in enumerate(dense):
        result[d[0]] = outs[3 * n + j]
    return result


def parse_example(serialized, features: dict, name: str | None = None, example_names=None) -> dict:
    """`tf.io.parse_example`: parse a batch (vector) of serialized Examples into {key: Tensor or
    SparseTensor} according to `features` (FixedLenFeature, VarLenFeature, FixedLenSequenceFeature)."""
    return _parse(serialized, features, name, example_names, "ParseExample")


def parse_single_example(serialized, features: dict, name: str | None = None, example_names=None) -> dict:
    """`tf.io.parse_single_example`: parse one serialized Example (a scalar string); outputs have no
    batch dimension."""
    with name_scope(name, "ParseSingleExample", [serialized, example_names]):
        return _parse(serialized, features, name, example_names, "ParseExample", serialized_rank=0)


# ------------------------------------------------------------------------------------------------
# ParseSequenceExampleV2
# ------------------------------------------------------------------------------------------------
def _sequence_rule(inputs, attrs):
    batch = inputs[0]._shape
    lead = None if batch.ndims is None else batch.as_list()

    def shaped(dims):
        return unknown_shape() if lead is None else TensorShape(lead + dims)

    def sparse(types):
        rank = None if lead is None else len(lead) + 1 + (types is attrs["feature_list_sparse_types"])
        return ([(dtypes.int64, TensorShape([None, rank]))] * len(types) + [(t, TensorShape([None])) for t in types]
                + [(dtypes.int64, TensorShape([rank]))] * len(types))

    return (sparse(attrs["context_sparse_types"])
            + [(t, shaped(_dims(s))) for t, s in zip(attrs["Tcontext_dense"], attrs["context_dense_shapes"])]
            + sparse(attrs["feature_list_sparse_types"])
            + [(t, shaped([None] + _dims(s))) for t, s in zip(attrs["feature_list_dense_types"],
                                                             attrs["feature_list_dense_shapes"])]
            + [(dtypes.int64, shaped([]))] * len(attrs["feature_list_dense_types"]))


def _sequence_kernel(serialized, debug_name, context_sparse_keys, context_dense_keys, context_ragged_keys,
                     feature_list_sparse_keys, feature_list_dense_keys, feature_list_ragged_keys,
                     feature_list_dense_missing_assumed_empty, *context_dense_defaults, Ncontext_sparse=0,
                     Tcontext_dense=(), context_sparse_types=(), context_dense_shapes=(), Nfeature_list_sparse=0,
                     Nfeature_list_dense=0, feature_list_dense_types=(), feature_list_sparse_types=(),
                     feature_list_dense_shapes=(), **unused_ragged):
    parsed, scalar, where = _parse_records(serialized, debug_name, sequence=True)
    contexts = [p[0] for p in parsed]
    lists = [p[1] for p in parsed]
    c_idx, c_val, c_shape, c_dense = _features_outputs(
        contexts, scalar, where, _texts(context_sparse_keys), context_sparse_types, _texts(context_dense_keys),
        Tcontext_dense, context_dense_shapes, context_dense_defaults, what="Context feature")
    lead = [] if scalar else [len(parsed)]
    f_idx, f_val, f_shape = [], [], []
    for key, dt in zip(_texts(feature_list_sparse_keys), feature_list_sparse_types):
        idx, vals, steps_max, width = [], [], 0, 0
        for i, fl in enumerate(lists):
            steps = fl.get(key, [])
            steps_max = max(steps_max, len(steps))
            for t, (kind, payload) in enumerate(steps):
                got = _typed_values(kind, payload, dt, key, i, where, sparse=True) or []
                idx.extend(([t, j] if scalar else [i, t, j]) for j in range(len(got)))
                vals.extend(got)
                width = max(width, len(got))
        f_idx.append(np.array(idx, np.int64).reshape(len(vals), len(lead) + 2))
        f_val.append(np.array(vals, dtype=_np_dtype(dt)).reshape(len(vals)))
        f_shape.append(np.array(lead + [steps_max, width], np.int64))
    f_dense, f_lengths = [], []
    assumed_empty = np.asarray(feature_list_dense_missing_assumed_empty).reshape(-1)
    for k, (key, dt, shape) in enumerate(zip(_texts(feature_list_dense_keys), feature_list_dense_types,
                                             feature_list_dense_shapes)):
        dims = [int(d) for d in as_shape(shape).as_list()]
        size = int(np.prod(dims)) if dims else 1
        rows = []
        for i, fl in enumerate(lists):
            if key not in fl and not assumed_empty[k]:
                raise errors.InvalidArgumentError(
                    None, None, "%sFeature list '%s' is required but could not be found.  Did you mean to include "
                    "it in feature_list_dense_missing_assumed_empty or feature_list_dense_defaults?" % (where(i), key))
            row = []
            for kind, payload in fl.get(key, []):
                row.extend(_typed_values(kind, payload, dt, key, i, where, sparse=False) or [])
            if (len(row) % size if size else len(row)):
                raise errors.InvalidArgumentError(
                    None, None, "%sFeature list '%s' has an unexpected number of values.  Total values size: %d is "
                    "not consistent with output shape: %s"
                    % ("" if scalar else where(i), key, len(row), _shape_text([-1] + dims)))
            row = np.array(row, dtype=_np_dtype(dt)).reshape([len(row) // size if size else 0] + dims)
            rows.append(row)
        longest = max((len(r) for r in rows), default=0)
        out = np.zeros([len(rows), longest] + dims, dtype=_np_dtype(dt))
        if dt == dtypes.string:
            out[...] = b""
        for i, r in enumerate(rows):
            out[i, :len(r)] = r
        f_dense.append(out.reshape(lead + [longest] + dims))
        f_lengths.append(np.array([len(r) for r in rows], np.int64).reshape(lead))
    return tuple(c_idx + c_val + c_shape + c_dense + f_idx + f_val + f_shape + f_dense + f_lengths)


define("ParseSequenceExampleV2", _sequence_rule, _sequence_kernel, differentiable=False)


def _split_sequence_features(context_features, sequence_features) -> tuple:
    """(context sparse, context dense, list sparse, list dense [(key, dtype, shape, allow_missing)])."""
    if not context_features and not sequence_features:
        raise ValueError("Missing features.")
    c_sparse, c_dense = _split_features(context_features) if context_features else ([], [])
    for key, _, _, spec in c_dense:
        if isinstance(spec, FixedLenSequenceFeature):
            raise ValueError("Unsupported FixedLenSequenceFeature %s for context feature '%s'" % (spec, key))
    l_sparse, l_dense = [], []
    for key in sorted(sequence_features or {}):
        spec = sequence_features[key]
        if isinstance(spec, VarLenFeature):
            l_sparse.append((key, _check_dtype(spec.dtype, "feature_list_sparse_types")))
        elif isinstance(spec, (FixedLenSequenceFeature, FixedLenFeature)):
            if spec.shape is None:
                raise ValueError("Missing shape for feature %s. Received feature=%s." % (key, _spec_text(spec)))
            if spec.default_value is not None:
                raise ValueError("Unsupported default_value %r for sequence feature '%s'" % (spec.default_value, key))
            l_dense.append((key, _check_dtype(spec.dtype, "feature_list_dense_types"), as_shape(spec.shape),
                            bool(getattr(spec, "allow_missing", False))))
        else:
            raise ValueError("Unsupported %s %s for key '%s'" % (type(spec).__name__, spec, key))
    return c_sparse, c_dense, l_sparse, l_dense


def _parse_sequence(serialized, context_features, sequence_features, example_names, name,
                    serialized_rank: int) -> tuple:
    c_sparse, c_dense, l_sparse, l_dense = _split_sequence_features(context_features, sequence_features)
    with name_scope(name, "ParseSequenceExample", [serialized]):
        serialized = _string_input(serialized, "serialized")
        if serialized._shape.ndims not in (None, serialized_rank):
            raise ValueError("Input serialized must be a %s, got shape %s"
                             % ("scalar" if serialized_rank == 0 else "vector", serialized._shape))
        defaults = [_dense_default(key, dt, shape, spec) for key, dt, shape, spec in c_dense]
        with name_scope(name or "ParseSequenceExampleV2") as scope:
            def keys(items, label):
                return constant([item[0] for item in items], dtype=dtypes.string, name=label)
            inputs = [serialized,
                      constant([] if example_names is None else example_names, dtype=dtypes.string,
                               name="debug_name"),
                      keys(c_sparse, "context_sparse_keys"), keys(c_dense, "context_dense_keys"),
                      keys([], "context_ragged_keys"), keys(l_sparse, "feature_list_sparse_keys"),
                      keys(l_dense, "feature_list_dense_keys"), keys([], "feature_list_ragged_keys"),
                      constant([d[3] for d in l_dense], dtype=dtypes.bool,
                               name="feature_list_dense_missing_assumed_empty")] + defaults
            attrs = {"Ncontext_sparse": len(c_sparse), "Tcontext_dense": [d[1] for d in c_dense],
                     "context_sparse_types": [d[1] for d in c_sparse], "context_ragged_value_types": [],
                     "context_ragged_split_types": [], "context_dense_shapes": [d[2] for d in c_dense],
                     "Nfeature_list_sparse": len(l_sparse), "Nfeature_list_dense": len(l_dense),
                     "feature_list_dense_types": [d[1] for d in l_dense],
                     "feature_list_sparse_types": [d[1] for d in l_sparse],
                     "feature_list_ragged_value_types": [], "feature_list_ragged_split_types": [],
                     "feature_list_dense_shapes": [d[2] for d in l_dense]}
            outs = make("ParseSequenceExampleV2", inputs, attrs, name=scope)._outputs
    pos = 0

    def take(n):
        nonlocal pos
        pos += n
        return outs[pos - n:pos]

    context, lists, lengths = {}, {}, {}
    ci, cv, cs = take(len(c_sparse)), take(len(c_sparse)), take(len(c_sparse))
    context.update({k: SparseTensor(i, v, s) for (k, _), i, v, s in zip(c_sparse, ci, cv, cs)})
    context.update({d[0]: t for d, t in zip(c_dense, take(len(c_dense)))})
    li, lv, ls = take(len(l_sparse)), take(len(l_sparse)), take(len(l_sparse))
    lists.update({k: SparseTensor(i, v, s) for (k, _), i, v, s in zip(l_sparse, li, lv, ls)})
    lists.update({d[0]: t for d, t in zip(l_dense, take(len(l_dense)))})
    lengths.update({d[0]: t for d, t in zip(l_dense, take(len(l_dense)))})
    return context, lists, lengths


def parse_single_sequence_example(serialized, context_features=None, sequence_features=None,
                                  example_name=None, name: str | None = None) -> tuple:
    """`tf.io.parse_single_sequence_example`: parse one serialized SequenceExample into
    (context {key: Tensor/SparseTensor}, feature lists {key: Tensor/SparseTensor})."""
    with name_scope(name, "ParseSingleSequenceExample", [serialized, example_name]):
        context, lists, _ = _parse_sequence(serialized, context_features, sequence_features, example_name,
                                            name, serialized_rank=0)
    return context, lists


def parse_sequence_example(serialized, context_features=None, sequence_features=None, example_names=None,
                           name: str | None = None) -> tuple:
    """`tf.io.parse_sequence_example`: parse a vector of SequenceExamples into (context, feature lists,
    lengths of the dense feature lists)."""
    return _parse_sequence(serialized, context_features, sequence_features, example_names, name,
                           serialized_rank=1)
