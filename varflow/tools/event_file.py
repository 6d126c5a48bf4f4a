"""TFRecord framing, the container of TensorFlow event files (and `.tfrecord` files).

Each record is: uint64 length (little-endian), masked crc32c of those 8 bytes, the data, masked crc32c of
the data. `summary_iterator` reads an events file back as Event messages (`tf.train.summary_iterator`).
"""
from __future__ import annotations

import struct

from ..checkpoint.crc import masked_crc32c
from ..framework import errors


def encode_record(data: bytes) -> bytes:
    """One framed TFRecord holding `data`."""
    header = struct.pack("<Q", len(data))
    return (header + struct.pack("<I", masked_crc32c(header)) + data
            + struct.pack("<I", masked_crc32c(data)))


class RecordWriter:
    """Appends framed records to a file (`write`, `flush`, `close`)."""

    def __init__(self, path: str):
        self._path = path
        self._file = open(path, "ab")

    def write(self, data: bytes) -> None:
        self._file.write(encode_record(bytes(data)))

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed


def iter_records(path: str, check_crc: bool = True):
    """Yield the data of each record in `path`; a torn final record (still being written) ends it."""
    with open(path, "rb") as f:
        buf = f.read()
    pos = 0
    while pos + 12 <= len(buf):
        header = buf[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack_from("<I", buf, pos + 8)
        if check_crc and length_crc != masked_crc32c(header):
            raise errors.DataLossError(None, None, "corrupted record at %d in %s (length crc)" % (pos, path))
        end = pos + 12 + length + 4
        if end > len(buf):
            return
        data = buf[pos + 12:pos + 12 + length]
        (data_crc,) = struct.unpack_from("<I", buf, end - 4)
        if check_crc and data_crc != masked_crc32c(data):
            raise errors.DataLossError(None, None, "corrupted record at %d in %s (data crc)" % (pos, path))
        yield data
        pos = end


def summary_iterator(path: str):
    """`tf.train.summary_iterator`: the Event messages of an events file, in order."""
    from ..summary.summary_pb import Event

    for data in iter_records(path):
        yield Event.FromString(data)
