"""String ops (`tf.strings.*` and TF1's `tf.string_join`, `tf.substr`, ...) on object arrays of bytes.

A string tensor's value is a NumPy object array of `bytes` (a fed Python `str` is read as UTF-8).
Regular expressions follow RE2's syntax and are translated to Python's `re` (`re2.py`).
"""
from __future__ import annotations

import re

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape, broadcast_shapes, unknown_shape
from . import re2
from .op_util import COMPLEX, FLOATS, INTS, const_value, legacy_kwarg, make, make1

# The names TF1 has at the top level (`tf.string_join`, ...); `varflow.strings` re-exports the rest.
__all__ = ["string_join", "string_strip", "substr", "regex_replace", "string_to_number",
           "as_string", "reduce_join", "string_split", "string_to_hash_bucket_fast"]

_STRING = dtypes.string
_BFLOAT16 = dtypes.bfloat16.np_dtype
_UNITS = ("BYTE", "UTF8_CHAR")


# ------------------------------------------------------------------------------------------------
# Helpers shared by the kernels and the wrappers
# ------------------------------------------------------------------------------------------------
def _b(v) -> bytes:
    """One element of a string tensor as bytes (fed values may hold Python str)."""
    return v.encode("utf-8") if isinstance(v, str) else bytes(v)


def _attr(v) -> str | bytes:
    """A string attr as varflow keeps them (and its GraphDef import makes them): text when it is
    UTF-8, else the bytes."""
    if isinstance(v, str):
        return v
    try:
        return bytes(v).decode("utf-8")
    except UnicodeDecodeError:
        return bytes(v)


def _objects(shape, values) -> np.ndarray:
    """An object array of `shape` holding `values` (an iterable in row-major order)."""
    out = np.empty(shape, dtype=object)
    flat = out.reshape(-1)
    for i, v in enumerate(values):
        flat[i] = v
    return out


def _map(arr: np.ndarray, fn) -> np.ndarray:
    """`fn` applied to each element (as bytes) of a string array, giving a string array."""
    return _objects(arr.shape, (fn(_b(v)) for v in arr.reshape(-1)))


def _tensors(*values) -> list:
    """The tensors among `values` (the graph a wrapper's name scope opens in)."""
    return [v for v in values if isinstance(v, Tensor)]


def _invalid(message: str) -> errors.InvalidArgumentError:
    return errors.InvalidArgumentError(None, None, message)


def _shape_str(shape) -> str:
    """A shape as TF's messages write it: [2,?,3] (? for an unknown dimension)."""
    if isinstance(shape, TensorShape):
        if shape.ndims is None:
            return "?"
        shape = ["?" if d is None else d for d in shape.as_list()]
    return "[%s]" % ",".join(str(d) for d in shape)


def _string_input(value, op_type: str, arg: str = "input") -> Tensor:
    """`value` as a string tensor (a Python value is converted here, named `arg`, as TF does)."""
    if isinstance(value, Tensor):
        if value._dtype.base_dtype is not _STRING:
            raise TypeError("Input '%s' of '%s' Op has type %s that does not match expected type "
                            "of string." % (arg, op_type, value._dtype.base_dtype.name))
        return convert_to_tensor(value)
    try:
        return convert_to_tensor(value, dtype=_STRING, name=arg)
    except (TypeError, ValueError) as e:
        raise TypeError("Expected string passed to parameter '%s' of op '%s', got %r of type '%s' "
                        "instead. Error: %s" % (arg, op_type, value, type(value).__name__, e)) from None


def _check_unit(op_type: str, unit) -> str:
    unit = unit.decode() if isinstance(unit, bytes) else unit
    if unit not in _UNITS:
        raise ValueError("Attr 'unit' of '%s' Op passed string '%s' not in: \"BYTE\", \"UTF8_CHAR\"."
                         % (op_type, unit))
    return unit


def _check_rank(t: Tensor, rank: int, op_type: str, shapes: list) -> None:
    ndims = t._shape.ndims
    if ndims is not None and ndims != rank:
        raise ValueError("Shape must be rank %d but is rank %d for '%s' with input shapes: %s."
                         % (rank, ndims, op_type, ", ".join(_shape_str(s._shape) for s in shapes)))


def _merge_shapes(shapes: list, op_type: str) -> TensorShape:
    """TF's shape merge with its messages: equal ranks, equal known dimensions."""
    out = unknown_shape()
    for s in shapes:
        if s.ndims is None:
            continue
        if out.ndims is None:
            out = s
            continue
        if out.ndims != s.ndims:
            raise ValueError("Shapes must be equal rank, but are %d and %d for '%s' with input "
                             "shapes: %s." % (out.ndims, s.ndims, op_type,
                                              ", ".join(map(_shape_str, shapes))))
        dims = []
        for i, (a, b) in enumerate(zip(out.as_list(), s.as_list())):
            if a is not None and b is not None and a != b:
                raise ValueError("Dimension %d in both shapes must be equal, but are %d and %d. "
                                 "Shapes are %s and %s. for '%s'" % (i, a, b, _shape_str(out),
                                                                     _shape_str(s), op_type))
            dims.append(a if a is not None else b)
        out = TensorShape(dims)
    return out


def _elementwise_rule(dtype):
    """Output rule of an op mapping each string to one `dtype` value (checks the string input)."""
    def rule(inputs, attrs):
        return [(dtype, inputs[0]._shape)]
    return rule


def _unary(op_type: str, input, attrs: dict, name, arg: str = "input") -> Tensor:  # noqa: A002
    """Build a one-input string op as TF's generated wrappers do (input converted in its scope)."""
    with name_scope(name, op_type, _tensors(input)) as scope:
        x = _string_input(input, op_type, arg)
        return make1(op_type, [x], attrs, name=scope)


# ------------------------------------------------------------------------------------------------
# StringJoin
# ------------------------------------------------------------------------------------------------
def _string_join_rule(inputs, attrs):
    if all(t._shape.ndims == 0 for t in inputs):
        return [(_STRING, TensorShape([]))]
    shapes = [t._shape for t in inputs if t._shape.ndims != 0]
    return [(_STRING, _merge_shapes(shapes, "StringJoin"))]


def _string_join_kernel(*arrays, separator=b"", N=None):  # noqa: N803 - TF's attr name
    sep = _b(separator)
    shape = None
    for a in arrays:
        if a.ndim:
            if shape is not None and a.shape != shape:
                raise _invalid("Input shapes do not match: %s vs. %s"
                               % (_shape_str(shape), _shape_str(a.shape)))
            shape = a.shape
    shape = () if shape is None else shape
    size = int(np.prod(shape))
    columns = [[_b(a.reshape(())[()])] * size if a.ndim == 0 else [_b(v) for v in a.reshape(-1)]
               for a in arrays]
    return _objects(shape, (sep.join(parts) for parts in zip(*columns)) if columns
                    else [b""] * size)


define("StringJoin", _string_join_rule, _string_join_kernel, differentiable=False)


def string_join(inputs, separator: str = "", name: str | None = None) -> Tensor:
    """`tf.strings.join` / `tf.string_join`: elementwise concatenation of string tensors with
    `separator`; scalars broadcast against the (equal-shaped) non-scalar inputs."""
    if not isinstance(inputs, (list, tuple)):
        raise TypeError("Expected list for 'inputs' argument to 'string_join' Op, not %r."
                        % (inputs,))
    with name_scope(name, "StringJoin", _tensors(*inputs)) as scope:
        tensors = []
        for i, x in enumerate(inputs):
            try:
                tensors.append(_string_input(x, "StringJoin", "inputs_%d" % i))
            except TypeError:
                kinds = [convert_to_tensor(v)._dtype.base_dtype.name for v in inputs]
                raise TypeError("Tensors in list passed to 'inputs' of 'StringJoin' Op have types "
                                "[%s] that do not match expected type string."
                                % ", ".join(kinds)) from None
        return make1("StringJoin", tensors, {"separator": _attr(separator), "N": len(tensors)},
                     name=scope)


def _text(v) -> str:
    return _b(v).decode("utf-8", "surrogateescape")


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")



# ------------------------------------------------------------------------------------------------
# RegexFullMatch / StaticRegexFullMatch, RegexReplace / StaticRegexReplace
# ------------------------------------------------------------------------------------------------
def _scalar_pattern(value, what: str = "Pattern"):
    if np.ndim(value) != 0:
        raise _invalid("%s must be scalar, but received %s" % (what, _shape_str(np.shape(value))))
    return np.asarray(value, dtype=object).reshape(())[()]


def _full_match(arr: np.ndarray, pattern) -> np.ndarray:
    rx = re2.compile_pattern(pattern)
    flat = arr.reshape(-1)
    return np.array([rx.fullmatch(_text(v)) is not None for v in flat],
                    dtype=bool).reshape(arr.shape)


def _regex_full_match_rule(inputs, attrs):
    _check_rank(inputs[1], 0, "RegexFullMatch", inputs)
    return [(dtypes.bool, inputs[0]._shape)]


define("RegexFullMatch", _regex_full_match_rule,
       lambda arr, pattern: _full_match(arr, _scalar_pattern(pattern)), differentiable=False)
define("StaticRegexFullMatch", _elementwise_rule(dtypes.bool),
       lambda arr, pattern=b"": _full_match(arr, pattern), differentiable=False)


def regex_full_match(input, pattern, name: str | None = None) -> Tensor:  # noqa: A002
    """`tf.strings.regex_full_match`: whether each string matches the RE2 `pattern` entirely (op
    StaticRegexFullMatch for a Python pattern, RegexFullMatch for a tensor pattern)."""
    if isinstance(pattern, (str, bytes)):
        return _unary("StaticRegexFullMatch", input, {"pattern": _attr(pattern)}, name)
    with name_scope(name, "RegexFullMatch", _tensors(input, pattern)) as scope:
        x = _string_input(input, "RegexFullMatch")
        p = _string_input(pattern, "RegexFullMatch", "pattern")
        return make1("RegexFullMatch", [x, p], name=scope)


def _regex_replace(arr: np.ndarray, pattern, rewrite, replace_global: bool) -> np.ndarray:
    rx = re2.compile_pattern(pattern)
    pieces, complete = re2.parse_rewrite(_text(rewrite))
    return _map(arr, lambda v: _encode(re2.replace(rx, v.decode("utf-8", "surrogateescape"), pieces,
                                                complete, replace_global)))


def _regex_replace_rule(inputs, attrs):
    _check_rank(inputs[1], 0, "RegexReplace", inputs)
    _check_rank(inputs[2], 0, "RegexReplace", inputs)
    return [(_STRING, inputs[0]._shape)]


define("RegexReplace", _regex_replace_rule,
       lambda arr, pattern, rewrite, replace_global=True: _regex_replace(
           arr, _scalar_pattern(pattern), _scalar_pattern(rewrite, "Rewrite"), replace_global),
       differentiable=False)
define("StaticRegexReplace", _elementwise_rule(_STRING),
       lambda arr, pattern=b"", rewrite=b"", replace_global=True: _regex_replace(
           arr, pattern, rewrite, replace_global), differentiable=False)


def regex_replace(input, pattern, rewrite, replace_global: bool = True,  # noqa: A002
                  name: str | None = None) -> Tensor:
    """`tf.strings.regex_replace`: replace the matches of the RE2 `pattern` by `rewrite` (\\1 for
    a group, \\0 for the whole match); all of them, or only the first when not `replace_global`.
    Op StaticRegexReplace when pattern and rewrite are Python strings, else RegexReplace."""
    if isinstance(pattern, (str, bytes)) and isinstance(rewrite, (str, bytes)):
        return _unary("StaticRegexReplace", input, {"pattern": _attr(pattern), "rewrite": _attr(rewrite),
                                                    "replace_global": bool(replace_global)}, name)
    with name_scope(name, "RegexReplace", _tensors(input, pattern, rewrite)) as scope:
        x = _string_input(input, "RegexReplace")
        p = _string_input(pattern, "RegexReplace", "pattern")
        r = _string_input(rewrite, "RegexReplace", "rewrite")
        return make1("RegexReplace", [x, p, r], {"replace_global": bool(replace_global)},
                     name=scope)


# ------------------------------------------------------------------------------------------------
# StringLength, StringLower, StringUpper, StringStrip
# ------------------------------------------------------------------------------------------------
def _utf8_length(v: bytes) -> int:
    """Characters as TF counts them: the bytes that are not UTF-8 continuation bytes."""
    return sum(1 for c in v if c & 0xC0 != 0x80)


def _string_length_kernel(arr, unit=b"BYTE"):
    count = len if _b(unit) == b"BYTE" else _utf8_length
    return np.array([count(_b(v)) for v in arr.reshape(-1)], dtype=np.int32).reshape(arr.shape)


define("StringLength", _elementwise_rule(dtypes.int32), _string_length_kernel,
       differentiable=False)


def string_length(input, name: str | None = None, unit: str = "BYTE") -> Tensor:  # noqa: A002
    """`tf.strings.length`: each string's length in bytes, or in UTF-8 characters."""
    return _unary("StringLength", input, {"unit": _check_unit("StringLength", unit)}, name)


def _case_kernel(upper: bool):
    def kernel(arr, encoding=b""):
        enc = _b(encoding)
        if enc not in (b"", b"utf-8"):
            raise _invalid("only utf-8 or '' (no encoding) is supported, received %s"
                           % enc.decode("utf-8", "replace"))
        if not enc:                                    # ASCII letters only
            return _map(arr, bytes.upper if upper else bytes.lower)
        change = str.upper if upper else str.lower
        return _map(arr, lambda v: _encode(change(v.decode("utf-8", "surrogateescape"))))
    return kernel


define("StringLower", _elementwise_rule(_STRING), _case_kernel(False), differentiable=False)
define("StringUpper", _elementwise_rule(_STRING), _case_kernel(True), differentiable=False)


def string_lower(input, encoding: str = "", name: str | None = None) -> Tensor:  # noqa: A002
    """`tf.strings.lower`: ASCII letters lowered, or all letters with encoding='utf-8'."""
    return _unary("StringLower", input, {"encoding": _attr(encoding)}, name)


def string_upper(input, encoding: str = "", name: str | None = None) -> Tensor:  # noqa: A002
    """`tf.strings.upper`: ASCII letters raised, or all letters with encoding='utf-8'."""
    return _unary("StringUpper", input, {"encoding": _attr(encoding)}, name)


define("StringStrip", _elementwise_rule(_STRING), lambda arr: _map(arr, bytes.strip),
       differentiable=False)


def string_strip(input, name: str | None = None) -> Tensor:  # noqa: A002
    """`tf.strings.strip` / `tf.string_strip`: leading and trailing ASCII whitespace removed."""
    return _unary("StringStrip", input, {}, name)


# ------------------------------------------------------------------------------------------------
# Substr
# ------------------------------------------------------------------------------------------------
def _substr_rule(inputs, attrs):
    x, pos, length = inputs
    if length._shape.ndims is not None:
        _check_rank(pos, length._shape.ndims, "Substr", inputs)
    if pos._shape.ndims is not None:
        pos_dims = [-1 if d is None else d for d in pos._shape.as_list()]
        len_dims = ([-1] * len(pos_dims) if length._shape.ndims is None else
                    [-1 if d is None else d for d in length._shape.as_list()])
        if pos_dims != len_dims:
            raise ValueError("pos and len shapes must match: %s vs. %s for 'Substr' with input "
                             "shapes: %s." % (_shape_str(pos._shape), _shape_str(length._shape),
                                              ", ".join(_shape_str(t._shape) for t in inputs)))
    return [(_STRING, broadcast_shapes(x._shape, pos._shape))]


def _substr_one(v: bytes, pos: int, length: int, utf8: bool, index: int) -> bytes:
    if not utf8:
        n = len(v)
        if pos < -n or pos > n:
            raise _invalid("pos %d out of range for string %r at index %d" % (pos, v, index))
        pos = pos + n if pos < 0 else pos
        return v[pos:] if length < 0 else v[pos:pos + length]
    starts = [i for i, c in enumerate(v) if c & 0xC0 != 0x80]
    n = len(starts)
    if pos < -n or pos > n:
        raise _invalid("pos %d out of range for string at index %d" % (pos, index))
    pos = pos + n if pos < 0 else pos
    if length < 0:
        return b""
    end = min(pos + length, n)
    first = starts[pos] if pos < n else len(v)
    last = starts[end] if end < n else len(v)
    return v[first:last]


def _substr_kernel(arr, pos, length, unit=b"BYTE", T=None):  # noqa: N803 - TF's attr name
    if np.shape(pos) != np.shape(length):
        raise _invalid("pos and len should have the same shape, got: %s vs. %s"
                       % (_shape_str(np.shape(pos)), _shape_str(np.shape(length))))
    try:
        shape = np.broadcast_shapes(arr.shape, np.shape(pos))
    except ValueError:
        raise _invalid("Incompatible shapes: %s vs. %s" % (_shape_str(arr.shape),
                                                           _shape_str(np.shape(pos)))) from None
    utf8 = _b(unit) == b"UTF8_CHAR"
    xs = np.broadcast_to(arr, shape).reshape(-1)
    ps = np.broadcast_to(pos, shape).reshape(-1)
    ls = np.broadcast_to(length, shape).reshape(-1)
    return _objects(shape, (_substr_one(_b(xs[i]), int(ps[i]), int(ls[i]), utf8, i)
                            for i in range(xs.size)))


define("Substr", _substr_rule, _substr_kernel, differentiable=False)


def _index_input(value, arg: str, like: Tensor | None = None) -> Tensor:
    """An int32/int64 input of Substr (`like` gives a Python value the dtype of the other one)."""
    t = value if isinstance(value, Tensor) else convert_to_tensor(
        value, dtype=None if like is None else like._dtype.base_dtype, name=arg)
    base = t._dtype.base_dtype
    if base not in (dtypes.int32, dtypes.int64):
        raise TypeError("Value passed to parameter '%s' has DataType %s not in list of allowed "
                        "values: int32, int64" % (arg, base.name))
    if like is not None and base is not like._dtype.base_dtype:
        raise TypeError("Input '%s' of 'Substr' Op has type %s that does not match type %s of "
                        "argument 'pos'." % (arg, base.name, like._dtype.base_dtype.name))
    return t


def substr(input, pos, len, name: str | None = None, unit: str = "BYTE") -> Tensor:  # noqa: A002
    """`tf.strings.substr` / `tf.substr`: `len` bytes (or UTF-8 characters) from `pos` of each
    string (a negative `pos` counts from the end); `pos`/`len` broadcast against `input`."""
    unit_attr = _check_unit("Substr", unit)
    with name_scope(name, "Substr", _tensors(input, pos, len)) as scope:
        x = _string_input(input, "Substr")
        p = _index_input(pos, "pos")
        n = _index_input(len, "len", like=p)
        return make1("Substr", [x, p, n], {"unit": unit_attr, "T": p._dtype.base_dtype},
                     name=scope)


# ------------------------------------------------------------------------------------------------
# StringToNumber
# ------------------------------------------------------------------------------------------------
_FLOAT_TEXT = re.compile(
    r"[+-]?(?:(?P<dec>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<hex>0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?)"
    r"|(?P<inf>[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)|(?P<nan>[nN][aA][nN](?:\([0-9A-Za-z_]*\))?))")
_INT_TEXT = re.compile(r"[+-]?[0-9]+")
_UINT_TEXT = re.compile(r"\+?[0-9]+")
_NUMBER_TYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.uint32,
                 dtypes.uint64)
_ASCII_SPACE = b" \t\n\v\f\r"


def _parse_number(v: bytes, np_dtype) -> object:
    """One string as a number of `np_dtype` as TF parses it, or None where TF refuses it."""
    text = v.strip(_ASCII_SPACE).decode("ascii", "replace")
    if np_dtype.kind == "f":
        m = _FLOAT_TEXT.fullmatch(text)
        if m is None:
            return None
        if m.group("hex") is not None:
            sign = -1.0 if text.startswith("-") else 1.0
            return sign * float.fromhex(m.group("hex"))
        if m.group("nan") is not None:
            return float("nan")
        return float(text)
    if not (_UINT_TEXT if np_dtype.kind == "u" else _INT_TEXT).fullmatch(text):
        return None
    value = int(text)
    info = np.iinfo(np_dtype)
    return value if info.min <= value <= info.max else None


def _string_to_number_kernel(arr, out_type=dtypes.float32):
    np_dtype = np.dtype(out_type.np_dtype)
    values = []
    for v in arr.reshape(-1):
        number = _parse_number(_b(v), np_dtype)
        if number is None:
            raise _invalid("StringToNumberOp could not correctly convert string: %s"
                           % _b(v).decode("utf-8", "replace"))
        values.append(number)
    with np.errstate(over="ignore"):
        return np.array(values, dtype=np.float64 if np_dtype.kind == "f" else object).astype(
            np_dtype).reshape(arr.shape)


define("StringToNumber", lambda inputs, attrs: [(attrs["out_type"], inputs[0]._shape)],
       _string_to_number_kernel, differentiable=False)


def string_to_number(string_tensor=None, out_type=dtypes.float32, name: str | None = None,
                     input=None) -> Tensor:  # noqa: A002
    """`tf.strings.to_number` / `tf.string_to_number`: each string parsed as a number of
    `out_type` (InvalidArgumentError at run time for a string that is not one)."""
    string_tensor = legacy_kwarg(input, "input", string_tensor, "string_tensor")
    out_type = dtypes.as_dtype(out_type).base_dtype
    if out_type not in _NUMBER_TYPES:
        raise TypeError("Value passed to parameter 'out_type' has DataType %s not in list of "
                        "allowed values: %s" % (out_type.name,
                                                ", ".join(d.name for d in _NUMBER_TYPES)))
    return _unary("StringToNumber", string_tensor, {"out_type": out_type}, name, "string_tensor")


# ------------------------------------------------------------------------------------------------
# AsString
# ------------------------------------------------------------------------------------------------
_AS_STRING_TYPES = FLOATS + COMPLEX + INTS + (dtypes.bool, _STRING)
_FILL_FLAGS = b" +-0#"


def _as_string_kernel(arr, precision=-1, scientific=False, shortest=False, width=-1, fill=b"",
                      T=None):  # noqa: N803 - TF's attr name
    fill = _b(fill)
    if len(fill) > 1:
        raise _invalid("Fill string must be one or fewer characters")
    if scientific and shortest:
        raise _invalid("Cannot select both scientific and shortest notation")
    kind = arr.dtype.kind
    is_float = kind in "fcV" or arr.dtype.name in ("bfloat16", "float16")
    if kind in "biu":
        if scientific or shortest:
            raise _invalid("scientific and shortest format not supported for datatype %s"
                           % arr.dtype.name)
        if precision > -1:
            raise _invalid("precision not supported for datatype %s" % arr.dtype.name)
    if fill and fill not in _FILL_FLAGS:
        raise _invalid('Fill argument not supported: "%s"' % fill.decode("utf-8", "replace"))
    spec = b"%" + fill + (b"%d" % width if width > -1 else b"")
    flat = arr.reshape(-1)
    if kind == "b":
        return _objects(arr.shape, (b"true" if v else b"false" for v in flat))
    if kind == "O":
        fmt = spec + b"s"
        return _objects(arr.shape, (fmt % _b(v) for v in flat))
    if not is_float:
        fmt = spec + b"d"
        return _objects(arr.shape, (fmt % int(v) for v in flat))
    fmt = spec + (b".%d" % precision if precision > -1 else b"") + (
        b"e" if scientific else b"g" if shortest else b"f")
    # C pads inf and nan with spaces even under the '0' flag; Python's % pads them with zeros
    plain = (b"%" + (b"%d" % width if width > -1 else b"")) + fmt[len(spec):] if fill == b"0" \
        else fmt

    def one(v: float) -> bytes:
        return (fmt if np.isfinite(v) else plain) % v
    if kind == "c":
        return _objects(arr.shape, (b"(" + one(float(v.real)) + b"," + one(float(v.imag)) + b")"
                                    for v in flat))
    return _objects(arr.shape, (one(float(v)) for v in flat))


def _as_string_rule(inputs, attrs):
    base = inputs[0]._dtype.base_dtype
    if base not in _AS_STRING_TYPES:
        raise TypeError("Value passed to parameter 'input' has DataType %s not in list of allowed "
                        "values: %s" % (base.name, ", ".join(d.name for d in _AS_STRING_TYPES)))
    return [(_STRING, inputs[0]._shape)]


define("AsString", _as_string_rule, _as_string_kernel, differentiable=False)


def as_string(input, precision: int = -1, scientific: bool = False, shortest: bool = False,  # noqa: A002
              width: int = -1, fill: str = "", name: str | None = None) -> Tensor:
    """`tf.strings.as_string` / `tf.as_string`: each element printed as C's printf does (%f, %e
    with `scientific`, %g with `shortest`; `width` padded with spaces or `fill` as a flag)."""
    with name_scope(name, "AsString", _tensors(input)) as scope:
        x = input if isinstance(input, Tensor) else convert_to_tensor(input, name="input")
        attrs = {"precision": int(precision), "scientific": bool(scientific),
                 "shortest": bool(shortest), "width": int(width), "fill": _attr(fill),
                 "T": x._dtype.base_dtype}
        return make1("AsString", [x], attrs, name=scope)


# ------------------------------------------------------------------------------------------------
# ReduceJoin
# ------------------------------------------------------------------------------------------------
def _reduce_join_rule(inputs, attrs):
    x, axes = inputs
    if axes._shape.ndims is not None and axes._shape.ndims > 1:
        raise ValueError("Shape must be at most rank 1 but is rank %d for 'ReduceJoin' with input "
                         "shapes: %s, %s." % (axes._shape.ndims, _shape_str(x._shape),
                                              _shape_str(axes._shape)))
    nd = x._shape.ndims
    if nd is None:
        return [(_STRING, unknown_shape())]
    value = const_value(axes)
    if value is None:
        return [(_STRING, unknown_shape(nd) if attrs["keep_dims"] else unknown_shape())]
    reduced = set()
    for a in np.asarray(value).reshape(-1).tolist():
        if a < -nd or a >= nd:
            raise ValueError("Invalid reduction dimension %d for input with %d dimensions. for "
                             "'ReduceJoin' with input shapes: %s, %s." % (
                                 a, nd, _shape_str(x._shape), _shape_str(axes._shape)))
        reduced.add(a % nd)
    dims = x._shape.as_list()
    if attrs["keep_dims"]:
        return [(_STRING, TensorShape([1 if i in reduced else d for i, d in enumerate(dims)]))]
    return [(_STRING, TensorShape([d for i, d in enumerate(dims) if i not in reduced]))]


def _join_axis(arr: np.ndarray, axis: int, sep: bytes) -> np.ndarray:
    """`arr` joined along `axis`, which is kept with size 1."""
    moved = np.moveaxis(arr, axis, -1)
    rows = moved.reshape(int(np.prod(moved.shape[:-1])), moved.shape[-1])
    joined = _objects(moved.shape[:-1] + (1,), (sep.join(_b(v) for v in row) for row in rows))
    return np.moveaxis(joined, -1, axis)


def _reduce_join_kernel(arr, reduction_indices, keep_dims=False, separator=b""):
    nd = arr.ndim
    order = []
    for a in np.asarray(reduction_indices).reshape(-1).tolist():
        if a < -nd or a >= nd:
            raise errors.OutOfRangeError(None, None, "Invalid reduction dimension %d for input "
                                                     "with %d dimension(s)" % (a, nd))
        if a % nd in order:
            raise _invalid("Duplicate reduction dimension %d" % a)
        order.append(a % nd)
    out = arr
    for axis in order:                      # the first listed dimension varies fastest
        out = _join_axis(out, axis, _b(separator))
    if not keep_dims and order:
        out = out.reshape([d for i, d in enumerate(out.shape) if i not in order])
    return out


define("ReduceJoin", _reduce_join_rule, _reduce_join_kernel, differentiable=False)


def reduce_join(inputs, axis=None, keep_dims=None, separator: str = "", name: str | None = None,
                reduction_indices=None, keepdims=None) -> Tensor:
    """`tf.strings.reduce_join` / `tf.reduce_join`: the strings along `axis` (all dimensions by
    default) joined with `separator`."""
    axis = legacy_kwarg(axis, "axis", reduction_indices, "reduction_indices")
    keep = legacy_kwarg(keepdims, "keepdims", keep_dims, "keep_dims")
    with name_scope(None, "ReduceJoin", _tensors(inputs, axis)):
        x = _string_input(inputs, "ReduceJoin", "inputs")
        if axis is None:
            if x._shape.ndims is not None:
                axis = convert_to_tensor(list(range(x._shape.ndims - 1, -1, -1)), dtype=dtypes.int32)
            else:
                from .array_ops import rank
                from .math_ops import range as range_

                axis = range_(rank(x) - 1, -1, -1)
        with name_scope(name, "ReduceJoin") as scope:
            if isinstance(axis, Tensor):
                if axis._dtype.base_dtype is not dtypes.int32:
                    raise TypeError("Input 'reduction_indices' of 'ReduceJoin' Op has type %s that "
                                    "does not match expected type of int32."
                                    % axis._dtype.base_dtype.name)
            else:
                axis = convert_to_tensor(axis, dtype=dtypes.int32, name="reduction_indices")
            return make1("ReduceJoin", [x, axis], {"keep_dims": bool(keep),
                                                   "separator": _attr(separator)}, name=scope)


# ------------------------------------------------------------------------------------------------
# StringSplit (tf.string_split) and StringSplitV2 (tf.strings.split)
# ------------------------------------------------------------------------------------------------
def _split_rule(op_type: str):
    """Output rule of StringSplit / StringSplitV2: a vector of strings and a scalar separator in,
    the [n, 2] indices, [n] tokens and [2] dense shape of a SparseTensor out."""
    def rule(inputs, attrs):
        _check_rank(inputs[0], 1, op_type, inputs)
        _check_rank(inputs[1], 0, op_type, inputs)
        return [(dtypes.int64, TensorShape([None, 2])), (_STRING, TensorShape([None])),
                (dtypes.int64, TensorShape([2]))]
    return rule


def _split_outputs(arr, sep, sep_arg: str, split) -> tuple:
    """The SparseTensor components of splitting each string of the vector `arr` with `split`."""
    if arr.ndim != 1:
        raise _invalid("input must be a vector, got shape: %s" % _shape_str(arr.shape))
    if np.ndim(sep) != 0:
        raise _invalid("%s must be a scalar, got shape: %s" % (sep_arg, _shape_str(np.shape(sep))))
    sep = _b(np.asarray(sep, dtype=object).reshape(())[()])
    rows = [split(_b(v), sep) for v in arr]
    indices = np.array([(i, j) for i, row in enumerate(rows) for j in range(len(row))],
                       dtype=np.int64).reshape(-1, 2)
    values = _objects((indices.shape[0],), (t for row in rows for t in row))
    shape = np.array([len(rows), max((len(row) for row in rows), default=0)], dtype=np.int64)
    return indices, values, shape


def _split_v1(skip_empty: bool):
    def split(v: bytes, delimiter: bytes) -> list:
        if not v:
            return []
        if not delimiter:
            return [v[i:i + 1] for i in range(len(v))]
        tokens = re.split(b"[" + re.escape(delimiter) + b"]", v)
        return [t for t in tokens if t] if skip_empty else tokens
    return split


define("StringSplit", _split_rule("StringSplit"),
       lambda arr, delimiter, skip_empty=True: _split_outputs(arr, delimiter, "delimiter",
                                                              _split_v1(skip_empty)),
       differentiable=False)
define("StringSplitV2", _split_rule("StringSplitV2"),
       lambda arr, sep, maxsplit=-1: _split_outputs(
           arr, sep, "sep", lambda v, s: v.split(s or None, maxsplit)),
       differentiable=False)


def _check_result_type(result_type: str) -> None:
    if result_type == "RaggedTensor":
        raise ValueError("result_type='RaggedTensor' is not available: varflow has no "
                         "RaggedTensor. Use result_type='SparseTensor' (the default).")
    if result_type != "SparseTensor":
        raise ValueError("result_type must be 'RaggedTensor' or 'SparseTensor'.")


def _string_arg(value, op_type: str, arg: str) -> Tensor:
    """A string input converted unnamed (Const, Const_1, ...), as TF's split wrappers do."""
    if isinstance(value, Tensor):
        return _string_input(value, op_type, arg)
    return convert_to_tensor(value, dtype=_STRING)


def _sparse(op) -> SparseTensor:
    indices, values, shape = op._outputs
    return SparseTensor(indices, values, shape)


def string_split(source, sep=None, skip_empty: bool = True, delimiter=None,
                 result_type: str = "SparseTensor", name: str | None = None) -> SparseTensor:
    """`tf.string_split` (TF1): each string of the vector `source` split at every character of
    `sep` (default ' '; '' splits into bytes), as a 2-D SparseTensor of the tokens."""
    sep = legacy_kwarg(sep, "sep", delimiter, "delimiter")
    _check_result_type(result_type)
    with name_scope(name, "StringSplit", _tensors(source, sep)):
        d = _string_arg(" " if sep is None else sep, "StringSplit", "delimiter")
        x = _string_arg(source, "StringSplit", "input")
        return _sparse(make("StringSplit", [x, d], {"skip_empty": bool(skip_empty)},
                            name="StringSplit"))


def string_split_v2(input=None, sep=None, maxsplit: int = -1,  # noqa: A002
                    result_type: str = "SparseTensor", source=None,
                    name: str | None = None) -> SparseTensor:
    """`tf.strings.split` (TF1 form): each string of `input` (a scalar or vector) split at the
    string `sep` as Python's `bytes.split` does (at runs of whitespace when `sep` is None),
    at most `maxsplit` times, as a 2-D SparseTensor."""
    input = legacy_kwarg(input, "input", source, "source")  # noqa: A001
    _check_result_type(result_type)
    with name_scope(name, "StringSplit", _tensors(input, sep)):
        x = _string_input(input, "StringSplitV2")
        if x._shape.ndims == 0:
            from .array_ops import expand_dims

            x = expand_dims(x, 0)
        elif x._shape.ndims is not None and x._shape.ndims > 1:
            raise ValueError("tf.strings.split of a rank-%d tensor returns a RaggedTensor's "
                             "SparseTensor in TF, and varflow has no RaggedTensor: reshape the "
                             "input to a vector first." % x._shape.ndims)
        s = _string_arg("" if sep is None else sep, "StringSplitV2", "sep")
        return _sparse(make("StringSplitV2", [x, s], {"maxsplit": int(maxsplit)},
                            name="StringSplitV2"))


# ------------------------------------------------------------------------------------------------
# StringFormat
# ------------------------------------------------------------------------------------------------
def _format_element(v) -> str:
    if isinstance(v, (bytes, str)):
        return '"%s"' % _b(v).decode("utf-8", "replace")
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (float, np.floating)) or getattr(v, "dtype", None) == _BFLOAT16:
        return _float_text(v)
    return str(v)


def _float_text(v) -> str:
    """A float as TF's StrCat writes it: %g with 6 (float32) or 15 (float64) significant digits,
    or 9 / 17 when those do not give the value back."""
    if isinstance(v, (float, np.float64)):
        text = "%.15g" % v
        return text if float(text) == v or v != v else "%.17g" % v
    v = np.float32(v)
    text = "%.6g" % v
    return text if np.float32(text) == v or v != v else "%.9g" % v


def _format_tensor(arr: np.ndarray, limit: int, indent: int = 0) -> str:
    """A tensor as TF's StringFormat (and tf.print) writes it: NumPy-like nesting, the first and
    last `limit` entries of each dimension around '...', blank lines between 3-D blocks."""
    if arr.ndim == 0:
        return _format_element(arr.reshape(-1)[0])
    size = arr.shape[0]
    elide = 0 <= limit and size > 2 * limit
    head = range(limit) if elide else range(size)
    tail = range(size - limit, size) if elide else range(0)
    sep = " " if arr.ndim == 1 else "\n" * (arr.ndim - 1) + " " * (indent + 1)

    def one(i):
        return _format_element(arr[i]) if arr.ndim == 1 else _format_tensor(arr[i], limit,
                                                                            indent + 1)
    parts = [one(i) for i in head]
    if elide:
        parts.append("...")
        parts.extend(one(i) for i in tail)
    text = sep.join(parts)
    return "[" + (" " + text if elide and not limit else text) + "]"


def _string_format_kernel(*arrays, template=b"", placeholder=b"{}", summarize=3,
                          T=None):  # noqa: N803 - TF's attr name
    pieces = _text(template).split(_text(placeholder))
    out = [pieces[0]]
    for arr, piece in zip(arrays, pieces[1:]):
        out.append(_format_tensor(np.asarray(arr), summarize))
        out.append(piece)
    return _objects((), [_encode("".join(out))])


define("StringFormat", lambda inputs, attrs: [(_STRING, TensorShape([]))], _string_format_kernel,
       differentiable=False)


def string_format(template: str, inputs, placeholder: str = "{}", summarize: int = 3,
                  name: str | None = None) -> Tensor:
    """`tf.strings.format`: `template` with each `placeholder` replaced by a tensor's summary
    (`summarize` first and last entries per dimension; -1 for all)."""
    if isinstance(inputs, Tensor):
        inputs = [inputs]
    count = template.count(placeholder)
    if count != len(inputs):
        raise ValueError("The template expects %d tensors, but the inputs only has %d. Please "
                         "ensure the number of placeholders in template matches inputs length."
                         % (count, len(inputs)))
    with name_scope(name, "StringFormat", _tensors(*inputs)) as scope:
        tensors = [x if isinstance(x, Tensor) else convert_to_tensor(x, name="inputs_%d" % i)
                   for i, x in enumerate(inputs)]
        attrs = {"template": _attr(template), "placeholder": _attr(placeholder),
                 "summarize": int(summarize), "T": [t._dtype.base_dtype for t in tensors]}
        return make1("StringFormat", tensors, attrs, name=scope)


# ------------------------------------------------------------------------------------------------
# StringToHashBucketFast (FarmHash Fingerprint64, from the `pyfarmhash` package)
# ------------------------------------------------------------------------------------------------
def _fingerprint64():
    try:
        import farmhash
    except ImportError:
        raise ImportError("tf.strings.to_hash_bucket_fast needs FarmHash's Fingerprint64 from the "
                          "'pyfarmhash' package: pip install pyfarmhash") from None
    return farmhash.fingerprint64


def _hash_bucket_fast_kernel(arr, num_buckets):
    fingerprint = _fingerprint64()
    return np.array([fingerprint(_b(v)) % num_buckets for v in arr.reshape(-1)],
                    dtype=np.int64).reshape(arr.shape)


define("StringToHashBucketFast", _elementwise_rule(dtypes.int64), _hash_bucket_fast_kernel,
       differentiable=False)


def string_to_hash_bucket_fast(input, num_buckets: int, name: str | None = None) -> Tensor:  # noqa: A002
    """`tf.strings.to_hash_bucket_fast`: each string's FarmHash Fingerprint64 modulo
    `num_buckets` (TF's buckets exactly, so ids agree with models trained in TF)."""
    if int(num_buckets) < 1:
        raise ValueError("Attr 'num_buckets' of 'StringToHashBucketFast' Op passed %d less than "
                         "minimum 1." % int(num_buckets))
    return _unary("StringToHashBucketFast", input, {"num_buckets": int(num_buckets)}, name)
