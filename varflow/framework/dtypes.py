"""TensorFlow's dtypes: `tf.float32`, `tf.float32_ref`, `as_dtype` and the DataType enum numbers.

The enum numbers are TensorFlow's `DataType` proto values; checkpoints and GraphDefs store them.
"""
from __future__ import annotations

import numpy as np

_REF_OFFSET = 100


class _Unloaded:
    """The NumPy dtype of `tf.bfloat16` before its first use: it comes from ml_dtypes, whose import
    is loaded only then (ml_dtypes 0.7 takes half a second to import, five times varflow's own)."""

    __slots__ = ()


_UNLOADED = _Unloaded()


def _load_bfloat16() -> np.dtype:
    """Import ml_dtypes and install its bfloat16 as `tf.bfloat16`'s NumPy dtype."""
    import ml_dtypes

    np_dtype = np.dtype(ml_dtypes.bfloat16)
    bfloat16._np = bfloat16_ref._np = np_dtype   # noqa: F821 - defined below, before any call
    _BY_NUMPY[np_dtype] = bfloat16               # noqa: F821
    return np_dtype


class DType:
    """A TensorFlow element type; `ref` dtypes (`float32_ref`) mark TF1 reference variables."""

    __slots__ = ("_enum", "_name", "_np")

    def __init__(self, enum: int, name: str, np_dtype):
        self._enum = enum
        self._name = name
        self._np = np_dtype

    # --- identity -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def as_datatype_enum(self) -> int:
        return self._enum

    def __repr__(self) -> str:
        return "tf.%s" % self._name

    def __str__(self) -> str:
        return "<dtype: %r>" % self._name

    def __eq__(self, other) -> bool:
        if isinstance(other, DType):
            return self._enum == other._enum
        try:
            return self._enum == as_dtype(other)._enum
        except (TypeError, ValueError):
            return False

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return self._enum

    def __reduce__(self):
        return as_dtype, (self._name,)

    # --- ref / base -----------------------------------------------------------------------
    @property
    def _is_ref_dtype(self) -> bool:
        return self._enum > _REF_OFFSET

    @property
    def is_ref_dtype(self) -> bool:
        return self._enum > _REF_OFFSET

    @property
    def base_dtype(self) -> "DType":
        return _BY_ENUM[self._enum - _REF_OFFSET] if self._enum > _REF_OFFSET else self

    @property
    def real_dtype(self) -> "DType":
        base = self.base_dtype
        return {complex64: float32, complex128: float64}.get(base, base)

    @property
    def _as_ref(self) -> "DType":
        return self if self._enum > _REF_OFFSET else _BY_ENUM[self._enum + _REF_OFFSET]

    @property
    def as_numpy_dtype(self):
        base = self.base_dtype
        if base._enum in _OBJECT_ENUMS:
            return object          # TF hands back the builtin `object` for string/resource/variant
        np_dtype = self.np_dtype
        return np_dtype.type if np_dtype is not None else None

    @property
    def np_dtype(self) -> np.dtype:
        np_dtype = self.base_dtype._np
        return np_dtype if np_dtype is not _UNLOADED else _load_bfloat16()

    # --- kinds ----------------------------------------------------------------------------
    @property
    def is_floating(self) -> bool:
        return self.base_dtype in _FLOATS

    @property
    def is_integer(self) -> bool:
        return self.base_dtype in _INTEGERS

    @property
    def is_unsigned(self) -> bool:
        return self.base_dtype in (uint8, uint16, uint32, uint64)

    @property
    def is_complex(self) -> bool:
        return self.base_dtype in (complex64, complex128)

    @property
    def is_bool(self) -> bool:
        return self.base_dtype == bool

    @property
    def is_numpy_compatible(self) -> bool:
        return self.base_dtype not in (resource, variant)

    @property
    def is_quantized(self) -> bool:
        return self.base_dtype in QUANTIZED_DTYPES

    @property
    def size(self) -> int:
        base = self.base_dtype
        if base._np is None or base._enum in _OBJECT_ENUMS:
            return 0               # TF reports 0 bytes for string, resource and variant
        return base.np_dtype.itemsize

    @property
    def min(self):
        return self._limit(lambda info: info.min, "minimum")

    @property
    def max(self):
        return self._limit(lambda info: info.max, "maximum")

    def _limit(self, pick, what: str):
        base = self.base_dtype
        if base.is_floating:
            if base == bfloat16:
                import ml_dtypes

                return pick(ml_dtypes.finfo(base.np_dtype))
            return pick(np.finfo(base._np))
        if base.is_integer:
            return pick(np.iinfo(base._np))
        raise TypeError("Cannot find %s value of %s: only integer and floating dtypes have "
                        "limits." % (what, base))

    @property
    def limits(self):
        """TF's image-intensity limits: (0, 1) for floats, (0, max) for integers (negatives clipped)."""
        base = self.base_dtype
        if base.is_floating:
            return (0, 1)
        return (max(0, self.min), self.max)

    def is_compatible_with(self, other) -> bool:
        other = as_dtype(other)
        return self._enum in (other._enum, other.base_dtype._enum)


def _dt(enum, name, np_dtype):
    if np_dtype is not None and np_dtype is not _UNLOADED:
        np_dtype = np.dtype(np_dtype)
    return DType(enum, name, np_dtype)


float32 = _dt(1, "float32", np.float32)
float64 = _dt(2, "float64", np.float64)
int32 = _dt(3, "int32", np.int32)
uint8 = _dt(4, "uint8", np.uint8)
int16 = _dt(5, "int16", np.int16)
int8 = _dt(6, "int8", np.int8)
string = _dt(7, "string", np.object_)
complex64 = _dt(8, "complex64", np.complex64)
int64 = _dt(9, "int64", np.int64)
bool = _dt(10, "bool", np.bool_)  # noqa: A001 - TensorFlow's public name
bfloat16 = _dt(14, "bfloat16", _UNLOADED)
uint16 = _dt(17, "uint16", np.uint16)
complex128 = _dt(18, "complex128", np.complex128)
float16 = _dt(19, "float16", np.float16)
resource = _dt(20, "resource", np.object_)
variant = _dt(21, "variant", np.object_)
uint32 = _dt(22, "uint32", np.uint32)
uint64 = _dt(23, "uint64", np.uint64)
qint8 = _dt(11, "qint8", np.dtype([("qint8", np.int8)]))
quint8 = _dt(12, "quint8", np.dtype([("quint8", np.uint8)]))
qint32 = _dt(13, "qint32", np.dtype([("qint32", np.int32)]))
qint16 = _dt(15, "qint16", np.dtype([("qint16", np.int16)]))
quint16 = _dt(16, "quint16", np.dtype([("quint16", np.uint16)]))

half = float16
double = float64

_BASE = [float32, float64, int32, uint8, int16, int8, string, complex64, int64, bool, bfloat16,
         uint16, complex128, float16, resource, variant, uint32, uint64,
         qint8, quint8, qint32, qint16, quint16]
_OBJECT_ENUMS = frozenset([string._enum, resource._enum, variant._enum])
_BY_ENUM: dict[int, DType] = {d._enum: d for d in _BASE}
_BY_NAME: dict[str, DType] = {d._name: d for d in _BASE}
for _d in _BASE:
    _ref = DType(_d._enum + _REF_OFFSET, _d._name + "_ref", _d._np)
    _BY_ENUM[_ref._enum] = _ref
    _BY_NAME[_ref._name] = _ref
    globals()[_ref._name] = _ref
_BY_NAME.update({"half": float16, "double": float64, "float": float32})

_FLOATS = frozenset([float16, bfloat16, float32, float64])
_INTEGERS = frozenset([int8, int16, int32, int64, uint8, uint16, uint32, uint64])

_BY_NUMPY: dict = {
    np.dtype(np.float32): float32, np.dtype(np.float64): float64, np.dtype(np.int32): int32,
    np.dtype(np.uint8): uint8, np.dtype(np.int16): int16, np.dtype(np.int8): int8,
    np.dtype(np.complex64): complex64, np.dtype(np.int64): int64, np.dtype(np.bool_): bool,
    np.dtype(np.uint16): uint16, np.dtype(np.complex128): complex128,
    np.dtype(np.float16): float16, np.dtype(np.uint32): uint32, np.dtype(np.uint64): uint64,
    np.dtype(np.object_): string,
}
_BY_NUMPY.update({d._np: d for d in (qint8, quint8, qint32, qint16, quint16)})

# TF maps only these builtins; `int`, `str`, `complex` are TypeErrors (see `_python_type_hint`).
_BY_PYTHON = {float: float32, object: string}
_BY_PYTHON[type(True)] = bool
_PYTHON_HINTS = {int: "tf.int32 or tf.int64", str: "tf.string", bytes: "tf.string",
                 complex: "tf.complex64 or tf.complex128"}


def as_dtype(type_value) -> DType:
    """Convert a DType, name, enum number, NumPy dtype or Python type to a `DType`."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        try:
            return _BY_NAME[type_value]
        except KeyError:
            raise TypeError("Cannot convert the argument `type_value`: %r to a TensorFlow DType; "
                            "known names: %s" % (type_value, ", ".join(sorted(
                                d.name for d in _BASE)))) from None
    if isinstance(type_value, int) and not isinstance(type_value, type(True)):
        try:
            return _BY_ENUM[type_value]
        except KeyError:
            raise TypeError("Cannot convert the argument `type_value`: %d to a TensorFlow DType "
                            "(not a DataType enum number)." % type_value) from None
    if isinstance(type_value, type):
        if type_value in _BY_PYTHON:
            return _BY_PYTHON[type_value]
        if type_value in _PYTHON_HINTS:
            raise TypeError("Cannot convert the argument `type_value`: %r to a TensorFlow DType; "
                            "write %s instead." % (type_value, _PYTHON_HINTS[type_value]))
    if type_value is not None and not isinstance(type_value, (list, tuple, dict, float)):
        try:
            npd = np.dtype(type_value)
        except TypeError:
            npd = None
        if npd is not None:
            if npd.kind in ("U", "S"):
                return string
            if npd in _BY_NUMPY:
                return _BY_NUMPY[npd]
            if npd.name == "bfloat16" and bfloat16._np is _UNLOADED:
                _load_bfloat16()                   # an ml_dtypes array before tf.bfloat16's first use
                return as_dtype(npd)
    raise TypeError("Cannot convert the argument `type_value`: %r to a TensorFlow DType."
                    % (type_value,))


def dtype_of_numpy(np_dtype: np.dtype) -> DType:
    """The DType for a NumPy dtype, treating byte/unicode strings as `tf.string`."""
    return _BY_NUMPY.get(np_dtype) or as_dtype(np_dtype)


QUANTIZED_DTYPES = frozenset([qint8, quint8, qint16, quint16, qint32])
