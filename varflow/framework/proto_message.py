"""A small schema-driven protocol-buffer message class (wire format, text format, protobuf-like API).

TF1 code builds and reads protos by hand (`tf.Summary(value=[tf.Summary.Value(tag=..., simple_value=...)])`,
`graph_def.node`, `str(graph_def)`). Subclasses declare `FIELDS`; this module gives them `SerializeToString`,
`FromString`/`ParseFromString`, `HasField`, repeated `add()`, equality and protobuf's text format, following
proto3 rules: zero scalars are omitted (except members of a oneof), repeated numbers are packed.
"""
from __future__ import annotations

import math
import struct

from ..checkpoint.proto import ProtoError, decode_varint, encode_varint

_VARINT, _FIXED64, _LEN, _FIXED32 = 0, 1, 2, 5
_NUMERIC_VARINT = frozenset(["int32", "int64", "uint32", "uint64", "bool", "enum"])
_DEFAULTS = {"double": 0.0, "float": 0.0, "int32": 0, "int64": 0, "uint32": 0, "uint64": 0, "bool": False,
             "enum": 0, "string": "", "bytes": b""}


class Field:
    """One field: name, number, kind ('double', 'int64', 'string', 'message', 'map', …), cardinality."""

    __slots__ = ("name", "number", "kind", "repeated", "message", "oneof", "enum_names")

    def __init__(self, name: str, number: int, kind: str, repeated: bool = False, message=None,
                 oneof: str | None = None, enum_names: dict | None = None):
        self.name, self.number, self.kind, self.repeated = name, number, kind, repeated
        self.message, self.oneof, self.enum_names = message, oneof, enum_names

    def message_class(self):
        """The submessage class (a callable returning it, so schemas can refer to later classes)."""
        m = self.message
        return m() if callable(m) and not isinstance(m, type) else m


class RepeatedField(list):
    """A repeated field: a list with protobuf's `add(**kwargs)` (messages) and `extend`/`append`."""

    __slots__ = ("_cls",)

    def __init__(self, cls=None, items=()):
        super().__init__(items)
        self._cls = cls

    def add(self, **kwargs):
        if self._cls is None:
            raise AttributeError("add() is only available on repeated message fields")
        item = self._cls(**kwargs)
        self.append(item)
        return item


class Message:
    """Base class of the hand-written messages; subclasses set `FIELDS` (a tuple of `Field`)."""

    FIELDS: tuple = ()
    _by_name: dict
    _by_number: dict

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._by_name = {}
        cls._by_number = {}

    @classmethod
    def _index(cls):
        if not cls._by_name and cls.FIELDS:
            cls._by_name = {f.name: f for f in cls.FIELDS}
            cls._by_number = {f.number: f for f in cls.FIELDS}
        return cls._by_name

    def __init__(self, **kwargs):
        object.__setattr__(self, "_values", {})
        object.__setattr__(self, "_explicit", set())
        fields = self._index()
        for name, value in kwargs.items():
            if name not in fields:
                raise ValueError("Protocol message %s has no \"%s\" field." % (type(self).__name__, name))
            setattr(self, name, value)

    # --- attribute access ------------------------------------------------------------------------
    def __getattr__(self, name):
        fields = type(self)._index()
        f = fields.get(name)
        if f is None:
            raise AttributeError("%s has no field %r" % (type(self).__name__, name))
        values = self._values
        if name in values:
            return values[name]
        if f.kind == "map":
            values[name] = {}
        elif f.repeated:
            values[name] = RepeatedField(f.message_class() if f.kind == "message" else None)
        elif f.kind == "message":
            values[name] = f.message_class()()  # lazily created: encoded only once non-empty
        else:
            return _DEFAULTS[f.kind]
        return values[name]

    def __setattr__(self, name, value):
        f = type(self)._index().get(name)
        if f is None:
            raise AttributeError("Assignment not allowed (no field \"%s\" in protocol message %s)."
                                 % (name, type(self).__name__))
        if f.kind == "map":
            value = dict(value)
        elif f.repeated:
            cls = f.message_class() if f.kind == "message" else None
            value = RepeatedField(cls, [_coerce(f, v) for v in value])
        else:
            value = _coerce(f, value)
        if f.oneof:
            for other in type(self).FIELDS:
                if other.oneof == f.oneof and other.name != name:
                    self._values.pop(other.name, None)
                    self._explicit.discard(other.name)
        self._values[name] = value
        self._explicit.add(name)

    def HasField(self, name: str) -> bool:
        f = type(self)._index().get(name)
        if f is None or f.repeated:
            raise ValueError("Protocol message has no singular \"%s\" field." % name)
        return self._present(f)

    def ClearField(self, name: str) -> None:
        self._values.pop(name, None)
        self._explicit.discard(name)

    def WhichOneof(self, group: str):
        for f in type(self).FIELDS:
            if f.oneof == group and self._present(f):
                return f.name
        return None

    def CopyFrom(self, other: "Message") -> None:
        self._values.clear()
        self._explicit.clear()
        self.ParseFromString(other.SerializeToString())

    def MergeFrom(self, other: "Message") -> None:
        self.MergeFromString(other.SerializeToString())

    def ListFields(self) -> list:
        return [(f, self._values[f.name]) for f in type(self).FIELDS if self._present(f)]

    def _present(self, f: Field) -> bool:
        if f.name not in self._values:
            return False
        value = self._values[f.name]
        if f.repeated or f.kind == "map":
            return len(value) > 0
        if f.kind == "message":
            return f.name in self._explicit or bool(value.ListFields())
        if f.oneof:
            return True
        return value != _DEFAULTS[f.kind]

    # --- wire format --------------------------------------------------------------------------
    def SerializeToString(self, deterministic: bool = True) -> bytes:
        out = bytearray()
        for f in sorted(type(self).FIELDS, key=lambda f: f.number):
            if self._present(f):
                _encode_field(out, f, self._values[f.name])
        return bytes(out)

    def ByteSize(self) -> int:
        return len(self.SerializeToString())

    @classmethod
    def FromString(cls, data: bytes):
        msg = cls()
        msg.MergeFromString(data)
        return msg

    def ParseFromString(self, data: bytes) -> int:
        self._values.clear()
        self._explicit.clear()
        return self.MergeFromString(data)

    def MergeFromString(self, data: bytes) -> int:
        numbers = type(self)._index() and type(self)._by_number
        for number, wire_type, raw in _iter_raw(bytes(data)):
            f = numbers.get(number)
            if f is not None:
                self._decode_field(f, wire_type, raw)
        return len(data)

    def _decode_field(self, f: Field, wire_type: int, raw) -> None:
        if f.kind == "map":
            key, value = _decode_map_entry(f, raw)
            getattr(self, f.name)[key] = value
            return
        if f.kind == "message":
            if f.repeated:
                getattr(self, f.name).append(f.message_class().FromString(raw))
            else:
                sub = getattr(self, f.name)
                sub.MergeFromString(raw)
                self._explicit.add(f.name)
                self._clear_oneof_siblings(f)
            return
        if f.repeated and wire_type == _LEN and f.kind not in ("string", "bytes"):
            getattr(self, f.name).extend(_unpack(f.kind, raw))
            return
        value = _scalar_from_wire(f.kind, wire_type, raw)
        if f.repeated:
            getattr(self, f.name).append(value)
        else:
            self._clear_oneof_siblings(f)
            self._values[f.name] = value
            self._explicit.add(f.name)

    def _clear_oneof_siblings(self, f: Field) -> None:
        if f.oneof:
            for other in type(self).FIELDS:
                if other.oneof == f.oneof and other is not f:
                    self._values.pop(other.name, None)
                    self._explicit.discard(other.name)

    # --- comparison and text format ------------------------------------------------------------
    def __eq__(self, other):
        return type(other) is type(self) and other.SerializeToString() == self.SerializeToString()

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __str__(self):
        lines: list[str] = []
        _text(self, lines, "")
        return "".join(line + "\n" for line in lines)

    def __repr__(self):
        return str(self)


# --- helpers -------------------------------------------------------------------------------------
def _coerce(f: Field, value):
    kind = f.kind
    if kind == "message":
        cls = f.message_class()
        if isinstance(value, dict):
            return cls(**value)
        if not isinstance(value, cls):
            raise TypeError("Field %s expects a %s, got %r" % (f.name, cls.__name__, type(value).__name__))
        return value
    if kind == "string":
        return value.decode() if isinstance(value, bytes) else str(value)
    if kind == "bytes":
        return value.encode() if isinstance(value, str) else bytes(value)
    if kind in ("double", "float"):
        return float(value)
    if kind == "bool":
        return bool(value)
    if kind == "enum" and isinstance(value, str) and f.enum_names:
        for number, name in f.enum_names.items():
            if name == value:
                return number
        raise ValueError("Enum field %s has no value named %s" % (f.name, value))
    return int(getattr(value, "as_datatype_enum", value))


def _key(number: int, wire_type: int) -> bytes:
    return encode_varint((number << 3) | wire_type)


def _scalar_bytes(kind: str, value) -> bytes:
    if kind == "double":
        return struct.pack("<d", value)
    if kind == "float":
        return struct.pack("<f", value)
    return encode_varint(int(value))


def _wire_type(kind: str) -> int:
    if kind == "double":
        return _FIXED64
    if kind == "float":
        return _FIXED32
    if kind in _NUMERIC_VARINT:
        return _VARINT
    return _LEN


def _encode_field(out: bytearray, f: Field, value) -> None:
    kind = f.kind
    if kind == "map":
        value_field = map_value_field(f)
        for k in sorted(value):
            entry = bytearray()
            _encode_field(entry, Field("key", 1, "string"), k)
            _encode_field(entry, value_field, value[k])
            out += _key(f.number, _LEN) + encode_varint(len(entry)) + entry
        return
    items = value if f.repeated else (value,)
    if f.repeated and kind not in ("message", "string", "bytes"):
        packed = b"".join(_scalar_bytes(kind, v) for v in items)
        out += _key(f.number, _LEN) + encode_varint(len(packed)) + packed
        return
    for v in items:
        if kind == "message":
            data = v.SerializeToString()
        elif kind in ("string", "bytes"):
            data = v.encode() if isinstance(v, str) else v
        else:
            out += _key(f.number, _wire_type(kind)) + _scalar_bytes(kind, v)
            continue
        out += _key(f.number, _LEN) + encode_varint(len(data)) + data


def _iter_raw(buf: bytes):
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = decode_varint(buf, pos, end)
        number, wire_type = key >> 3, key & 7
        if wire_type == _VARINT:
            value, pos = decode_varint(buf, pos, end)
        elif wire_type == _FIXED64:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire_type == _FIXED32:
            value, pos = buf[pos:pos + 4], pos + 4
        elif wire_type == _LEN:
            length, pos = decode_varint(buf, pos, end)
            value, pos = buf[pos:pos + length], pos + length
        else:
            raise ProtoError("unsupported wire type %d" % wire_type)
        if pos > end:
            raise ProtoError("truncated message")
        yield number, wire_type, value


def _signed(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def _scalar_from_wire(kind: str, wire_type: int, raw):
    if kind == "double":
        return struct.unpack("<d", raw)[0]
    if kind == "float":
        return struct.unpack("<f", raw)[0]
    if kind == "string":
        return raw.decode("utf-8")
    if kind == "bytes":
        return bytes(raw)
    if kind == "bool":
        return bool(raw)
    if kind in ("int32", "enum"):
        return _signed(raw, 32)
    if kind == "int64":
        return _signed(raw, 64)
    return raw


def _unpack(kind: str, raw: bytes) -> list:
    if kind == "double":
        return list(struct.unpack("<%dd" % (len(raw) // 8), raw))
    if kind == "float":
        return list(struct.unpack("<%df" % (len(raw) // 4), raw))
    out, pos = [], 0
    while pos < len(raw):
        v, pos = decode_varint(raw, pos)
        out.append(_scalar_from_wire(kind, _VARINT, v))
    return out


def map_value_field(f: Field) -> Field:
    """The `value` field of a map's entries: a message, or a scalar when `f.message` names a kind
    (`Field("external_values", 2, "map", message="string")` is a map<string, string>)."""
    if isinstance(f.message, str):
        return Field("value", 2, f.message)
    return Field("value", 2, "message", message=f.message)


def _decode_map_entry(f: Field, raw: bytes):
    vf = map_value_field(f)
    key = ""
    value = vf.message_class()() if vf.kind == "message" else _DEFAULTS[vf.kind]
    for number, wire_type, v in _iter_raw(raw):
        if number == 1:
            key = v.decode("utf-8")
        elif number == 2:
            value = (vf.message_class().FromString(v) if vf.kind == "message"
                     else _scalar_from_wire(vf.kind, wire_type, v))
    return key, value


def _escape(data) -> str:
    """Protobuf text-format string literal (C escapes, octal for non-printable bytes)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    out = []
    for b in data:
        c = chr(b)
        if c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif c in "\"'\\":
            out.append("\\" + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return '"%s"' % "".join(out)


def _format_float(value: float, single: bool) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if single:
        packed = struct.pack("<f", value)
        text = next(c for c in ("%.*g" % (d, value) for d in range(6, 10))
                    if struct.pack("<f", float(c)) == packed)
    else:
        text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _text_scalar(f: Field, value) -> str:
    kind = f.kind
    if kind in ("string", "bytes"):
        return _escape(value)
    if kind == "bool":
        return "true" if value else "false"
    if kind in ("double", "float"):
        return _format_float(value, kind == "float")
    if kind == "enum" and f.enum_names:
        return f.enum_names.get(value, str(value))
    return str(value)


def _text(msg: Message, lines: list, indent: str) -> None:
    for f, value in msg.ListFields():
        if f.kind == "map":
            vf = map_value_field(f)
            for k in sorted(value):
                lines.append("%s%s {" % (indent, f.name))
                lines.append("%s  key: %s" % (indent, _escape(k)))
                if vf.kind != "message":
                    lines.append("%s  value: %s" % (indent, _text_scalar(vf, value[k])))
                else:
                    lines.append("%s  value {" % indent)
                    _text(value[k], lines, indent + "    ")
                    lines.append("%s  }" % indent)
                lines.append("%s}" % indent)
            continue
        for v in (value if f.repeated else (value,)):
            if f.kind == "message":
                lines.append("%s%s {" % (indent, f.name))
                _text(v, lines, indent + "  ")
                lines.append("%s}" % indent)
            else:
                lines.append("%s%s: %s" % (indent, f.name, _text_scalar(f, v)))
