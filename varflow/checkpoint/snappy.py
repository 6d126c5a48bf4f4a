"""A small pure-Python Snappy decompressor, for table blocks a writer chose to compress.

Snappy's raw format: a varint uncompressed length, then elements whose tag byte's low two bits say
literal (00), copy with 1-byte offset (01), 2-byte offset (10) or 4-byte offset (11).  Index blocks are
small, so a straightforward loop is fast enough; varflow itself writes uncompressed blocks.
"""
from __future__ import annotations

from .proto import ProtoError, decode_varint


def decompress(data: bytes, max_size: int) -> bytes:
    """Decompress a raw Snappy block; raises ProtoError on malformed input or output over `max_size`."""
    size, pos = decode_varint(data, 0)
    if size > max_size:
        raise ProtoError("snappy block claims %d bytes (limit %d)" % (size, max_size))
    out = bytearray()
    end = len(data)
    while pos < end:
        tag = data[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:  # literal
            length = tag >> 2
            if length >= 60:
                extra = length - 59
                if pos + extra > end:
                    raise ProtoError("truncated snappy literal length")
                length = int.from_bytes(data[pos:pos + extra], "little")
                pos += extra
            length += 1
            if pos + length > end:
                raise ProtoError("truncated snappy literal")
            out += data[pos:pos + length]
            pos += length
        else:
            if kind == 1:
                if pos + 1 > end:
                    raise ProtoError("truncated snappy copy")
                length = 4 + ((tag >> 2) & 7)
                offset = ((tag >> 5) << 8) | data[pos]
                pos += 1
            else:
                width = 2 if kind == 2 else 4
                if pos + width > end:
                    raise ProtoError("truncated snappy copy")
                length = (tag >> 2) + 1
                offset = int.from_bytes(data[pos:pos + width], "little")
                pos += width
            if offset == 0 or offset > len(out):
                raise ProtoError("snappy copy offset %d out of range" % offset)
            start = len(out) - offset
            if length <= offset:
                out += out[start:start + length]
            else:  # overlapping copy repeats the last `offset` bytes
                pattern = bytes(out[start:])
                reps, rest = divmod(length, offset)
                out += pattern * reps + pattern[:rest]
        if len(out) > size:
            raise ProtoError("snappy output longer than its declared %d bytes" % size)
    if len(out) != size:
        raise ProtoError("snappy output has %d bytes, declared %d" % (len(out), size))
    return bytes(out)
