"""Tensor slices of partitioned variables: TF's slice-spec strings and the index keys slices live under.

A slice spec is "start,length:start,length" with "-" for a whole dimension (TF's TensorSlice text form);
`Saver` passes "d0 d1 spec" (full shape, then the spec).  Each slice is stored under the key TF's
`EncodeTensorNameSlice` builds with its OrderedCode: NumIncreasing(0), String(name), NumIncreasing(rank),
then SignedNumIncreasing(start), SignedNumIncreasing(length or -1) per dimension.  Those keys start with
a 0x00 byte, so they sort between the header entry (empty key) and every tensor name.
"""
from __future__ import annotations

from collections.abc import Sequence

Extents = tuple[tuple[int, int], ...]  # (start, length) per dimension; length -1 = full extent


def parse_slice_spec(spec: str, rank: int | None = None) -> Extents:
    """Parse "0,4:0,2" / "-:0,2" into extents; the empty spec is the whole tensor (needs `rank`)."""
    spec = spec.strip()
    if not spec:
        if rank is None:
            raise ValueError("An empty slice spec needs the tensor's rank")
        return tuple((0, -1) for _ in range(rank))
    extents = []
    for part in spec.split(":"):
        if part == "-":
            extents.append((0, -1))
            continue
        pieces = part.split(",")
        if len(pieces) != 2:
            raise ValueError("Bad slice spec %r: each dimension is 'start,length' or '-'" % spec)
        try:
            start, length = int(pieces[0]), int(pieces[1])
        except ValueError:
            raise ValueError("Bad slice spec %r: non-integer start or length" % spec) from None
        if start < 0 or length < 0:
            raise ValueError("Bad slice spec %r: negative start or length" % spec)
        extents.append((start, length))
    if rank is not None and len(extents) != rank:
        raise ValueError("Slice spec %r has %d dimensions, the tensor has %d" % (spec, len(extents), rank))
    return tuple(extents)


def parse_save_slice_info(text: str) -> tuple[tuple[int, ...], Extents]:
    """Parse Saver's "10 2 0,4:0,2" (full shape, then slice spec) into (full_shape, extents)."""
    parts = text.split()
    if not parts:
        raise ValueError("Empty shape-and-slice string")
    try:
        full_shape = tuple(int(p) for p in parts[:-1])
    except ValueError:
        raise ValueError("Bad shape-and-slice %r: the leading fields must be dimension sizes" % text) from None
    return full_shape, parse_slice_spec(parts[-1], len(full_shape))


def slice_spec_string(extents: Extents) -> str:
    """The text form of extents ("-" for full dimensions)."""
    return ":".join("-" if length < 0 else "%d,%d" % (start, length) for start, length in extents)


def resolve_extents(extents: Extents, full_shape: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """Concrete (start, stop) per dimension, checked against `full_shape`."""
    if len(extents) != len(full_shape):
        raise ValueError("Slice %s has rank %d, the full tensor has shape %s"
                         % (slice_spec_string(extents), len(extents), list(full_shape)))
    bounds = []
    for (start, length), dim in zip(extents, full_shape):
        stop = dim if length < 0 else start + length
        if start < 0 or stop > dim or (length < 0 and start != 0):
            raise ValueError("Slice %s does not fit in a tensor of shape %s"
                             % (slice_spec_string(extents), list(full_shape)))
        bounds.append((start, stop))
    return tuple(bounds)


# --- OrderedCode (the subset TF's slice keys use) -------------------------------------------------
def _num_increasing(value: int) -> bytes:
    """Unsigned: one length byte, then the big-endian bytes of `value` (0 is the single byte 0x00)."""
    body = value.to_bytes((value.bit_length() + 7) // 8, "big") if value else b""
    return bytes([len(body)]) + body


def _escape(value: bytes) -> bytes:
    out = bytearray()
    for byte in value:
        if byte == 0x00:
            out += b"\x00\xff"
        elif byte == 0xFF:
            out += b"\xff\x00"
        else:
            out.append(byte)
    return bytes(out)


def _signed_num_increasing(value: int) -> bytes:
    """Signed: n leading header bits (ones for >= 0, zeros for < 0) then the two's complement value.

    An n-byte code holds 7n-1 magnitude bits; n runs from 1 to 10 for int64.
    """
    magnitude = ~value if value < 0 else value
    length = 1
    while magnitude.bit_length() > 7 * length - 1:
        length += 1
    raw = (value & ((1 << (8 * length)) - 1)).to_bytes(length, "big")
    header = ((1 << length) - 1) << (16 - length)  # n one-bits, left-aligned in the first two bytes
    first = raw[0] ^ (header >> 8)
    if length == 1:
        return bytes([first])
    return bytes([first, raw[1] ^ (header & 0xFF)]) + raw[2:]


def slice_key(name: str, extents: Extents) -> bytes:
    """The index key under which TF stores slice `extents` of tensor `name`."""
    out = bytearray(_num_increasing(0))
    out += _escape(name.encode("utf-8")) + b"\x00\x01"
    out += _num_increasing(len(extents))
    for start, length in extents:
        out += _signed_num_increasing(start)
        out += _signed_num_increasing(length if length >= 0 else -1)
    return bytes(out)
