"""Protocol-buffer wire codec for the few messages a TensorBundle index holds.

Encoding follows protobuf's proto3 rules as TF's C++ serializer applies them: fields in field-number order,
zero scalars omitted, int64 as two's-complement varints, `fixed32` little-endian.  Field numbers used
(from TF's tensor_bundle.proto, tensor_shape.proto, tensor_slice.proto, versions.proto):

  BundleHeaderProto: num_shards=1 (int32), endianness=2 (enum, LITTLE=0, BIG=1), version=3 (VersionDef)
  VersionDef:        producer=1 (int32), min_consumer=2 (int32), bad_consumers=3 (repeated int32)
  BundleEntryProto:  dtype=1 (enum DataType), shape=2 (TensorShapeProto), shard_id=3 (int32),
                     offset=4 (int64), size=5 (int64), crc32c=6 (fixed32), slices=7 (repeated TensorSliceProto)
  TensorShapeProto:  dim=2 (repeated Dim), unknown_rank=3 (bool);  Dim: size=1 (int64), name=2 (string)
  TensorSliceProto:  extent=1 (repeated Extent);  Extent: start=1 (int64), length=2 (int64, in a oneof,
                     absent for a full extent)
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field

from ..framework import errors

_VARINT, _FIXED64, _LEN, _FIXED32 = 0, 1, 2, 5
_U64 = (1 << 64) - 1


class ProtoError(ValueError):
    """Malformed wire data (the caller turns it into a DataLossError naming the file)."""


# --- varints -------------------------------------------------------------------------------------
def encode_varint(value: int) -> bytes:
    """Unsigned LEB128 varint; negative numbers become their 64-bit two's complement (10 bytes)."""
    value &= _U64
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def decode_varint(buf, pos: int, end: int | None = None) -> tuple[int, int]:
    """Read an unsigned varint (at most 10 bytes) at `pos`; returns (value, new_pos)."""
    end = len(buf) if end is None else end
    result = shift = 0
    while True:
        if pos >= end:
            raise ProtoError("truncated varint")
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            if result > _U64:
                raise ProtoError("varint overflows 64 bits")
            return result, pos
        shift += 7
        if shift >= 70:
            raise ProtoError("varint longer than 10 bytes")


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >> 63 else value


def _signed32(value: int) -> int:
    """int32 fields are sign-extended to 64 bits on the wire; keep the low 32 bits, signed."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >> 31 else value


# --- generic field writer / reader ---------------------------------------------------------------
def _key(number: int, wire_type: int) -> bytes:
    return encode_varint((number << 3) | wire_type)


def _put_varint_field(out: bytearray, number: int, value: int) -> None:
    if value:
        out += _key(number, _VARINT)
        out += encode_varint(value)


def _put_bytes_field(out: bytearray, number: int, data: bytes) -> None:
    out += _key(number, _LEN)
    out += encode_varint(len(data))
    out += data


def iter_fields(buf: bytes):
    """Yield (field_number, wire_type, value) for each field; LEN values are bytes, others ints."""
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = decode_varint(buf, pos, end)
        number, wire_type = key >> 3, key & 7
        if number == 0:
            raise ProtoError("field number 0")
        if wire_type == _VARINT:
            value, pos = decode_varint(buf, pos, end)
        elif wire_type == _FIXED32:
            if pos + 4 > end:
                raise ProtoError("truncated fixed32")
            value = struct.unpack_from("<I", buf, pos)[0]
            pos += 4
        elif wire_type == _FIXED64:
            if pos + 8 > end:
                raise ProtoError("truncated fixed64")
            value = struct.unpack_from("<Q", buf, pos)[0]
            pos += 8
        elif wire_type == _LEN:
            length, pos = decode_varint(buf, pos, end)
            if length > end - pos:
                raise ProtoError("length-delimited field runs past the message")
            value = bytes(buf[pos:pos + length])
            pos += length
        else:
            raise ProtoError("unsupported wire type %d" % wire_type)
        yield number, wire_type, value


def _expect(wire_type: int, wanted: int, what: str) -> None:
    if wire_type != wanted:
        raise ProtoError("field %s has wire type %d, expected %d" % (what, wire_type, wanted))


# --- messages ------------------------------------------------------------------------------------
@dataclass
class VersionDef:
    """TF's VersionDef: who wrote the data and which readers may consume it."""

    producer: int = 0
    min_consumer: int = 0
    bad_consumers: list[int] = field(default_factory=list)

    def encode(self) -> bytes:
        out = bytearray()
        _put_varint_field(out, 1, self.producer)
        _put_varint_field(out, 2, self.min_consumer)
        if self.bad_consumers:  # proto3 packs repeated scalars
            _put_bytes_field(out, 3, b"".join(encode_varint(b) for b in self.bad_consumers))
        return bytes(out)

    @classmethod
    def decode(cls, buf: bytes) -> "VersionDef":
        msg = cls()
        for number, wire_type, value in iter_fields(buf):
            if number == 1:
                _expect(wire_type, _VARINT, "producer")
                msg.producer = _signed32(value)
            elif number == 2:
                _expect(wire_type, _VARINT, "min_consumer")
                msg.min_consumer = _signed32(value)
            elif number == 3:
                if wire_type == _VARINT:
                    msg.bad_consumers.append(_signed32(value))
                else:
                    _expect(wire_type, _LEN, "bad_consumers")
                    pos = 0
                    while pos < len(value):
                        item, pos = decode_varint(value, pos)
                        msg.bad_consumers.append(_signed32(item))
        return msg


@dataclass
class BundleHeaderProto:
    """The index's header entry (empty key): shard count, byte order and format version."""

    num_shards: int = 0
    endianness: int = 0  # LITTLE = 0, BIG = 1
    version: VersionDef = field(default_factory=VersionDef)

    def encode(self) -> bytes:
        out = bytearray()
        _put_varint_field(out, 1, self.num_shards)
        _put_varint_field(out, 2, self.endianness)
        _put_bytes_field(out, 3, self.version.encode())
        return bytes(out)

    @classmethod
    def decode(cls, buf: bytes) -> "BundleHeaderProto":
        msg = cls()
        for number, wire_type, value in iter_fields(buf):
            if number == 1:
                _expect(wire_type, _VARINT, "num_shards")
                msg.num_shards = _signed32(value)
            elif number == 2:
                _expect(wire_type, _VARINT, "endianness")
                msg.endianness = _signed32(value)
            elif number == 3:
                _expect(wire_type, _LEN, "version")
                msg.version = VersionDef.decode(value)
        return msg


def encode_shape(dims) -> bytes:
    """TensorShapeProto for a fully known shape: one `dim { size }` per dimension."""
    out = bytearray()
    for size in dims:
        dim = bytearray()
        _put_varint_field(dim, 1, int(size))
        _put_bytes_field(out, 2, bytes(dim))
    return bytes(out)


def decode_shape(buf: bytes) -> tuple[int, ...] | None:
    """Dimensions of a TensorShapeProto; None when it says `unknown_rank`."""
    dims: list[int] = []
    unknown_rank = False
    for number, wire_type, value in iter_fields(buf):
        if number == 2:
            _expect(wire_type, _LEN, "dim")
            size = 0
            for dnum, dwire, dval in iter_fields(value):
                if dnum == 1:
                    _expect(dwire, _VARINT, "dim.size")
                    size = _signed64(dval)
            dims.append(size)
        elif number == 3:
            unknown_rank = bool(value)
    return None if unknown_rank else tuple(dims)


def encode_slice(extents) -> bytes:
    """TensorSliceProto from [(start, length)], length -1 meaning the full extent (no length field)."""
    out = bytearray()
    for start, length in extents:
        ext = bytearray()
        _put_varint_field(ext, 1, int(start))
        if length >= 0:
            ext += _key(2, _VARINT)
            ext += encode_varint(int(length))
        _put_bytes_field(out, 1, bytes(ext))
    return bytes(out)


def decode_slice(buf: bytes) -> tuple[tuple[int, int], ...]:
    """[(start, length)] of a TensorSliceProto; length -1 for a full extent."""
    extents = []
    for number, wire_type, value in iter_fields(buf):
        if number == 1:
            _expect(wire_type, _LEN, "extent")
            start, length = 0, -1
            for enum_, ewire, evalue in iter_fields(value):
                if enum_ == 1:
                    _expect(ewire, _VARINT, "extent.start")
                    start = _signed64(evalue)
                elif enum_ == 2:
                    _expect(ewire, _VARINT, "extent.length")
                    length = _signed64(evalue)
            extents.append((start, length))
    return tuple(extents)


@dataclass
class BundleEntryProto:
    """Where one tensor (or the slice layout of a partitioned tensor) lives in the data shards."""

    dtype: int = 0
    shape: tuple[int, ...] | None = ()
    shard_id: int = 0
    offset: int = 0
    size: int = 0
    crc32c: int = 0
    slices: list[tuple[tuple[int, int], ...]] = field(default_factory=list)

    def encode(self) -> bytes:
        out = bytearray()
        _put_varint_field(out, 1, self.dtype)
        _put_bytes_field(out, 2, encode_shape(self.shape or ()))
        _put_varint_field(out, 3, self.shard_id)
        _put_varint_field(out, 4, self.offset)
        _put_varint_field(out, 5, self.size)
        if self.crc32c:
            out += _key(6, _FIXED32)
            out += struct.pack("<I", self.crc32c)
        for extents in self.slices:
            _put_bytes_field(out, 7, encode_slice(extents))
        return bytes(out)

    @classmethod
    def decode(cls, buf: bytes) -> "BundleEntryProto":
        msg = cls()
        for number, wire_type, value in iter_fields(buf):
            if number == 1:
                _expect(wire_type, _VARINT, "dtype")
                msg.dtype = _signed32(value)
            elif number == 2:
                _expect(wire_type, _LEN, "shape")
                msg.shape = decode_shape(value)
            elif number == 3:
                _expect(wire_type, _VARINT, "shard_id")
                msg.shard_id = _signed32(value)
            elif number == 4:
                _expect(wire_type, _VARINT, "offset")
                msg.offset = _signed64(value)
            elif number == 5:
                _expect(wire_type, _VARINT, "size")
                msg.size = _signed64(value)
            elif number == 6:
                _expect(wire_type, _FIXED32, "crc32c")
                msg.crc32c = value
            elif number == 7:
                _expect(wire_type, _LEN, "slices")
                msg.slices.append(decode_slice(value))
        return msg


def decode_or_data_loss(cls, buf: bytes, where: str):
    """Decode `buf` as `cls`, turning malformed data into DataLossError naming `where`."""
    try:
        return cls.decode(buf)
    except ProtoError as exc:
        raise errors.DataLossError(None, None, "Corrupted checkpoint index %s: %s" % (where, exc)) from None
