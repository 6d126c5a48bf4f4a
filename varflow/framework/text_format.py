"""Protobuf's text format read into the hand-written messages (`proto_message.Message`).

`str(message)` writes text format; `merge(text, message)` reads it back, as protobuf's
`text_format.Merge` does for the messages varflow models: scalars, strings (adjacent literals
concatenate), enums by name or number, `{ }` / `< >` submessages, `[a, b]` lists and maps written
as `key`/`value` entries. Fields varflow's schema leaves out are skipped (the binary parser drops
them too). Expanded `Any` values (`[type.googleapis.com/...] { }`) and extensions are not read.
"""
from __future__ import annotations

import math
import re

from .proto_message import Field, Message, map_value_field

__all__ = ["ParseError", "merge", "parse"]


class ParseError(ValueError):
    """Text that is not a valid text-format message of the expected type."""


_TOKEN = re.compile(r"""
    (?P<space>\s+|\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<punct>[{}<>\[\]:,;])
  | (?P<word>[A-Za-z0-9_.+\-/]+)
""", re.VERBOSE)
_SIMPLE_ESCAPES = {"n": 10, "r": 13, "t": 9, "a": 7, "b": 8, "f": 12, "v": 11, "\\": 92, "'": 39,
                   '"': 34, "?": 63}
_INT_KINDS = frozenset(["int32", "int64", "uint32", "uint64"])


def _tokenize(text: str) -> list:
    """(kind, text) tokens: 'string' (raw literal), 'punct' or 'word'; whitespace and comments go."""
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            line = text.count("\n", 0, pos) + 1
            raise ParseError("%d: unexpected character %r" % (line, text[pos]))
        if m.lastgroup != "space":
            tokens.append((m.lastgroup, m.group()))
        pos = m.end()
    return tokens


def _unescape(literal: str) -> bytes:
    """The bytes of one quoted string literal (C escapes, octal, \\x hex, \\u and \\U)."""
    body, out, i = literal[1:-1], bytearray(), 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode("utf-8")
            i += 1
            continue
        esc = body[i + 1]
        if esc in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[esc])
            i += 2
        elif esc in "01234567":
            digits = re.match(r"[0-7]{1,3}", body[i + 1:]).group()
            out.append(int(digits, 8) & 0xFF)
            i += 1 + len(digits)
        elif esc in "xX":
            digits = re.match(r"[0-9A-Fa-f]{1,2}", body[i + 2:])
            if digits is None:
                raise ParseError("bad \\x escape in %s" % literal)
            out.append(int(digits.group(), 16))
            i += 2 + len(digits.group())
        elif esc in "uU":
            width = 4 if esc == "u" else 8
            out += chr(int(body[i + 2:i + 2 + width], 16)).encode("utf-8")
            i += 2 + width
        else:
            raise ParseError("unknown escape \\%s in %s" % (esc, literal))
    return bytes(out)


def _parse_int(word: str) -> int:
    sign = -1 if word.startswith("-") else 1
    digits = word.lstrip("+-")
    try:
        if digits.lower().startswith("0x"):
            return sign * int(digits[2:], 16)
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits[1:], 8)
        return sign * int(digits)
    except ValueError:
        raise ParseError("expected an integer, got %r" % word) from None


def _parse_float(word: str) -> float:
    lowered = word.lower()
    bare = lowered.lstrip("+-")
    if bare in ("inf", "infinity", "nan"):
        value = math.nan if bare == "nan" else math.inf
        return -value if lowered.startswith("-") else value
    if lowered.endswith("f"):
        lowered = lowered[:-1]
    try:
        return float(lowered)
    except ValueError:
        raise ParseError("expected a number, got %r" % word) from None


def _parse_bool(word: str) -> bool:
    if word in ("true", "True", "t", "1"):
        return True
    if word in ("false", "False", "f", "0"):
        return False
    raise ParseError("expected true or false, got %r" % word)


class _Parser:
    """A cursor over the tokens, reading one message body at a time."""

    def __init__(self, text: str):
        self.tokens = _tokenize(text)
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self):
        if self.pos >= len(self.tokens):
            raise ParseError("unexpected end of input")
        self.pos += 1
        return self.tokens[self.pos - 1]

    def accept(self, punct: str) -> bool:
        if self.peek() == ("punct", punct):
            self.pos += 1
            return True
        return False

    def expect(self, punct: str) -> None:
        tok = self.take()
        if tok != ("punct", punct):
            raise ParseError("expected %r, got %r" % (punct, tok[1]))

    # --- messages ---------------------------------------------------------------------------
    def body(self, msg: Message, end: str | None) -> None:
        """Fields until `end` (a closing bracket) or the end of input."""
        while True:
            kind, text = self.peek()
            if kind is None:
                if end is not None:
                    raise ParseError("expected %r before the end of input" % end)
                return
            if (kind, text) == ("punct", end):
                self.pos += 1
                return
            if (kind, text) == ("punct", "["):
                raise ParseError("extensions and expanded Any values ([type.googleapis.com/...]) "
                                 "are not supported in varflow's text format reader; write the "
                                 "file in binary (as_text=False)")
            if kind != "word":
                raise ParseError("expected a field name, got %r" % text)
            self.pos += 1
            field = type(msg)._index().get(text)
            if field is None:
                self.skip_value()
            else:
                self.field(msg, field)
            if not self.accept(","):
                self.accept(";")

    def field(self, msg: Message, f: Field) -> None:
        colon = self.accept(":")
        if f.kind in ("message", "map"):
            items = self.list_of(lambda: self.submessage(f)) if self.peek() == ("punct", "[") \
                else [self.submessage(f)]
            for item in items:
                self.store_message(msg, f, item)
            return
        if not colon:
            raise ParseError("expected ':' after field %s" % f.name)
        values = self.list_of(lambda: self.scalar(f)) if f.repeated and self.peek() == ("punct", "[") \
            else [self.scalar(f)]
        if f.repeated:
            getattr(msg, f.name).extend(values)
        else:
            setattr(msg, f.name, values[-1])

    def list_of(self, read) -> list:
        self.expect("[")
        items = []
        while not self.accept("]"):
            items.append(read())
            self.accept(",")
        return items

    def submessage(self, f: Field) -> Message:
        opening = self.take()
        if opening not in (("punct", "{"), ("punct", "<")):
            raise ParseError("expected '{' to open %s, got %r" % (f.name, opening[1]))
        cls = _map_entry_class(f) if f.kind == "map" else f.message_class()
        sub = cls()
        self.body(sub, "}" if opening[1] == "{" else ">")
        return sub

    @staticmethod
    def store_message(msg: Message, f: Field, item: Message) -> None:
        if f.kind == "map":
            getattr(msg, f.name)[item.key] = item.value
        elif f.repeated:
            getattr(msg, f.name).append(item)
        else:
            current = getattr(msg, f.name)
            current.MergeFrom(item)
            setattr(msg, f.name, current)

    # --- scalars ----------------------------------------------------------------------------
    def scalar(self, f: Field):
        kind, text = self.take()
        if f.kind in ("string", "bytes"):
            if kind != "string":
                raise ParseError("expected a string for %s, got %r" % (f.name, text))
            raw = _unescape(text)
            while self.peek()[0] == "string":  # adjacent literals concatenate
                raw += _unescape(self.take()[1])
            if f.kind == "bytes":
                return raw
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                raise ParseError("string field %s is not valid UTF-8" % f.name) from None
        if kind != "word":
            raise ParseError("expected a value for %s, got %r" % (f.name, text))
        return _word_value(f, text)

    def skip_value(self) -> None:
        """Skip the value of a field the schema does not model."""
        colon = self.accept(":")
        kind, text = self.peek()
        if (kind, text) in (("punct", "{"), ("punct", "<"), ("punct", "[")):
            self.skip_balanced()
        elif colon:
            self.take()
            while kind == "string" and self.peek()[0] == "string":
                self.take()
        else:
            raise ParseError("expected ':' or '{' after field name, got %r" % text)

    def skip_balanced(self) -> None:
        depth = 0
        while True:
            kind, text = self.take()
            if kind == "punct" and text in "{<[":
                depth += 1
            elif kind == "punct" and text in "}>]":
                depth -= 1
                if depth == 0:
                    return


def _word_value(f: Field, word: str):
    if f.kind in _INT_KINDS:
        return _parse_int(word)
    if f.kind in ("float", "double"):
        return _parse_float(word)
    if f.kind == "bool":
        return _parse_bool(word)
    if f.kind == "enum":
        if re.match(r"^[+-]?\d", word):
            return _parse_int(word)
        for number, name in (f.enum_names or {}).items():
            if name == word:
                return number
        raise ParseError("unknown value %s for enum field %s" % (word, f.name))
    raise ParseError("cannot read field %s of kind %s" % (f.name, f.kind))


_ENTRY_CLASSES: dict = {}


def _map_entry_class(f: Field) -> type:
    """A message class for one `key`/`value` entry of map field `f`."""
    cls = _ENTRY_CLASSES.get(f)
    if cls is None:
        fields = (Field("key", 1, "string"), map_value_field(f))
        cls = _ENTRY_CLASSES[f] = type("%sEntry" % f.name, (Message,), {"FIELDS": fields})
    return cls


def merge(text, message: Message) -> Message:
    """Read text-format `text` into `message` (fields add to what it holds); returns it."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    _Parser(text).body(message, None)
    return message


def parse(text, message: Message) -> Message:
    """Replace `message`'s contents with text-format `text`; returns it."""
    message.ParseFromString(b"")
    return merge(text, message)
