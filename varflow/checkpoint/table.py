"""The LevelDB-style sorted table TF uses for a bundle's `.index` file: writer and verifying reader.

Layout: data blocks (entries `varint shared, varint unshared, varint value_len, key suffix, value`,
prefix-compressed against the previous key with a restart point every 16 entries, then the uint32
restart offsets and their count), an empty metaindex block, an index block (one entry per data block:
a short separator key -> BlockHandle), then a 48-byte footer (metaindex and index BlockHandles as
varints padded to 40 bytes, then the fixed64 magic 0xdb4775248b80fb57).  Each block is followed by a
5-byte trailer: compression type (0 none, 1 snappy) and the masked crc32c of block + type byte.
"""
from __future__ import annotations

import struct

from . import snappy
from .crc import crc32c, mask, masked_crc32c
from .proto import ProtoError, decode_varint, encode_varint

TABLE_MAGIC = 0xDB4775248B80FB57
FOOTER_SIZE = 48
BLOCK_TRAILER_SIZE = 5
BLOCK_SIZE = 256 * 1024  # TF's table::Options default block_size
RESTART_INTERVAL = 16
NO_COMPRESSION, SNAPPY_COMPRESSION = 0, 1
_MAX_BLOCK_SIZE = 1 << 31  # a hostile handle or snappy header cannot ask for more than this


class TableCorruptionError(ValueError):
    """The table bytes are malformed (the bundle reader reports it as DataLossError)."""


class _BlockBuilder:
    def __init__(self, restart_interval: int):
        self.interval = restart_interval
        self.reset()

    def reset(self) -> None:
        self.buffer = bytearray()
        self.restarts = [0]
        self.counter = 0
        self.last_key = b""
        self.empty = True

    def add(self, key: bytes, value: bytes) -> None:
        shared = 0
        if self.counter < self.interval:
            limit = min(len(key), len(self.last_key))
            while shared < limit and key[shared] == self.last_key[shared]:
                shared += 1
        else:
            self.restarts.append(len(self.buffer))
            self.counter = 0
        self.buffer += encode_varint(shared)
        self.buffer += encode_varint(len(key) - shared)
        self.buffer += encode_varint(len(value))
        self.buffer += key[shared:]
        self.buffer += value
        self.last_key = key
        self.counter += 1
        self.empty = False

    def size_estimate(self) -> int:
        return len(self.buffer) + 4 * len(self.restarts) + 4

    def finish(self) -> bytes:
        return bytes(self.buffer) + struct.pack("<%dI" % (len(self.restarts) + 1), *self.restarts,
                                                len(self.restarts))


def _shortest_separator(start: bytes, limit: bytes) -> bytes:
    """A short key k with start <= k < limit (LevelDB's bytewise FindShortestSeparator)."""
    n = min(len(start), len(limit))
    i = 0
    while i < n and start[i] == limit[i]:
        i += 1
    if i < n:
        byte = start[i]
        if byte < 0xFF and byte + 1 < limit[i]:
            return start[:i] + bytes([byte + 1])
    return start


def _short_successor(key: bytes) -> bytes:
    """A short key >= `key` (LevelDB's bytewise FindShortSuccessor)."""
    for i, byte in enumerate(key):
        if byte != 0xFF:
            return key[:i] + bytes([byte + 1])
    return key


def _handle(offset: int, size: int) -> bytes:
    return encode_varint(offset) + encode_varint(size)


class TableWriter:
    """Writes sorted (key, value) pairs as a table to a binary file object, byte-identical to TF's."""

    def __init__(self, fileobj, block_size: int = BLOCK_SIZE):
        self._file = fileobj
        self._block_size = block_size
        self._offset = 0
        self._data = _BlockBuilder(RESTART_INTERVAL)
        self._index = _BlockBuilder(1)
        self._last_key: bytes | None = None
        self._pending_handle: bytes | None = None

    def add(self, key: bytes, value: bytes) -> None:
        """Append one entry; keys must arrive in strictly increasing byte order."""
        if self._last_key is not None and key <= self._last_key:
            raise ValueError("Table keys must be added in increasing order: %r after %r" % (key, self._last_key))
        if self._pending_handle is not None:
            self._index.add(_shortest_separator(self._last_key, key), self._pending_handle)
            self._pending_handle = None
        self._data.add(key, value)
        self._last_key = key
        if self._data.size_estimate() >= self._block_size:
            self._flush()

    def _flush(self) -> None:
        if self._data.empty:
            return
        self._pending_handle = self._write_block(self._data)

    def _write_block(self, block: _BlockBuilder) -> bytes:
        raw = block.finish()
        block.reset()
        handle = _handle(self._offset, len(raw))
        type_byte = bytes([NO_COMPRESSION])
        self._file.write(raw)
        self._file.write(type_byte + struct.pack("<I", mask(crc32c(type_byte, crc32c(raw)))))
        self._offset += len(raw) + BLOCK_TRAILER_SIZE
        return handle

    def finish(self) -> None:
        """Write the last data block, the metaindex and index blocks and the footer."""
        self._flush()
        metaindex_handle = self._write_block(_BlockBuilder(RESTART_INTERVAL))
        if self._pending_handle is not None:
            self._index.add(_short_successor(self._last_key), self._pending_handle)
            self._pending_handle = None
        index_handle = self._write_block(self._index)
        footer = metaindex_handle + index_handle
        footer += b"\x00" * (FOOTER_SIZE - 8 - len(footer)) + struct.pack("<Q", TABLE_MAGIC)
        self._file.write(footer)
        self._offset += len(footer)


def _read_block(data: bytes, handle: bytes, what: str) -> bytes:
    try:
        offset, pos = decode_varint(handle, 0)
        size, pos = decode_varint(handle, pos)
    except ProtoError as exc:
        raise TableCorruptionError("bad block handle for %s: %s" % (what, exc)) from None
    if offset + size + BLOCK_TRAILER_SIZE > len(data):
        raise TableCorruptionError("%s block [%d, +%d) runs past the end of the file (%d bytes; truncated?)"
                              % (what, offset, size, len(data)))
    contents = data[offset:offset + size]
    type_byte = data[offset + size]
    stored = struct.unpack_from("<I", data, offset + size + 1)[0]
    actual = masked_crc32c(data[offset:offset + size + 1])
    if stored != actual:
        raise TableCorruptionError("%s block at offset %d: checksum mismatch (stored 0x%08x, computed 0x%08x)"
                              % (what, offset, stored, actual))
    if type_byte == SNAPPY_COMPRESSION:
        try:
            contents = snappy.decompress(contents, _MAX_BLOCK_SIZE)
        except ProtoError as exc:
            raise TableCorruptionError("%s block at offset %d: bad snappy data: %s" % (what, offset, exc)) from None
    elif type_byte != NO_COMPRESSION:
        raise TableCorruptionError("%s block at offset %d: unknown compression type %d" % (what, offset, type_byte))
    return contents


def _block_entries(block: bytes, what: str) -> list[tuple[bytes, bytes]]:
    if len(block) < 4:
        raise TableCorruptionError("%s block shorter than its restart count" % what)
    num_restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    limit = len(block) - 4 * (num_restarts + 1)
    if limit < 0:
        raise TableCorruptionError("%s block claims %d restart points, too many for its size" % (what, num_restarts))
    entries = []
    key = b""
    pos = 0
    try:
        while pos < limit:
            shared, pos = decode_varint(block, pos, limit)
            unshared, pos = decode_varint(block, pos, limit)
            value_len, pos = decode_varint(block, pos, limit)
            if shared > len(key) or unshared + value_len > limit - pos:
                raise TableCorruptionError("%s block: bad entry at offset %d" % (what, pos))
            key = key[:shared] + block[pos:pos + unshared]
            pos += unshared
            entries.append((key, block[pos:pos + value_len]))
            pos += value_len
    except ProtoError as exc:
        raise TableCorruptionError("%s block: %s" % (what, exc)) from None
    return entries


def read_table(data: bytes) -> list[tuple[bytes, bytes]]:
    """All (key, value) entries of a table held in `data`, in order, every block's checksum verified."""
    if len(data) < FOOTER_SIZE:
        raise TableCorruptionError("file is %d bytes, shorter than the %d-byte table footer (truncated?)"
                              % (len(data), FOOTER_SIZE))
    footer = data[len(data) - FOOTER_SIZE:]
    if struct.unpack_from("<Q", footer, FOOTER_SIZE - 8)[0] != TABLE_MAGIC:
        raise TableCorruptionError("bad table magic number (not a checkpoint index, or truncated)")
    try:
        _, pos = decode_varint(footer, 0, 40)
        _, pos = decode_varint(footer, pos, 40)
        _, pos2 = decode_varint(footer, pos, 40)
        _, pos2 = decode_varint(footer, pos2, 40)
    except ProtoError as exc:
        raise TableCorruptionError("bad footer: %s" % exc) from None
    _read_block(data, footer[:pos], "metaindex")  # TF stores nothing there, but verify its checksum
    index = _read_block(data, footer[pos:pos2], "index")
    entries: list[tuple[bytes, bytes]] = []
    for separator, handle in _block_entries(index, "index"):
        block_entries = _block_entries(_read_block(data, handle, "data"), "data")
        for key, value in block_entries:
            if entries and key <= entries[-1][0]:
                raise TableCorruptionError("keys out of order: %r after %r" % (key, entries[-1][0]))
            if key > separator:
                raise TableCorruptionError("key %r is beyond its block's index key %r" % (key, separator))
            entries.append((key, value))
    return entries
