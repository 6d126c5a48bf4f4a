"""TFRecord files: `tf.io.TFRecordWriter`, `tf.io.tf_record_iterator` and their options.

A TFRecord file is a sequence of records, each framed as: uint64 length (little-endian), the masked
crc32c of those 8 bytes, the data, the masked crc32c of the data. The whole stream may be ZLIB or
GZIP compressed (deflate with TF's default settings, so the compressed bytes are TF's too).
"""
from __future__ import annotations

import struct
import zlib

from ..checkpoint.crc import masked_crc32c
from ..framework import errors
from ..platform import gfile

_HEADER = 12          # uint64 length + uint32 masked crc of the length
_FOOTER = 4           # uint32 masked crc of the data


class TFRecordCompressionType:
    """The compression of a TFRecord file (`NONE`, `ZLIB`, `GZIP`)."""

    NONE = 0
    ZLIB = 1
    GZIP = 2


_NAMES = {TFRecordCompressionType.NONE: "", TFRecordCompressionType.ZLIB: "ZLIB",
          TFRecordCompressionType.GZIP: "GZIP"}


def _compression_name(compression_type) -> str:
    if compression_type is None:
        return ""
    if isinstance(compression_type, bytes):
        compression_type = compression_type.decode()
    if isinstance(compression_type, str):
        if compression_type in ("", "ZLIB", "GZIP"):
            return compression_type
    elif compression_type in _NAMES:
        return _NAMES[compression_type]
    raise ValueError('Not a valid compression_type: "%s"' % (compression_type,))


class TFRecordOptions:
    """How a TFRecord file is compressed (`compression_type` "", "ZLIB" or "GZIP") and the zlib
    settings used when writing (TF's defaults: level 6, window bits 15, memory level 9)."""

    compression_type_map = dict(_NAMES)

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
                 output_buffer_size=None, window_bits=None, compression_level=None,
                 compression_method=None, mem_level=None, compression_strategy=None):
        self.compression_type = _compression_name(compression_type)
        self.flush_mode = flush_mode
        self.input_buffer_size = input_buffer_size
        self.output_buffer_size = output_buffer_size
        self.window_bits = window_bits
        self.compression_level = compression_level
        self.compression_method = compression_method
        self.mem_level = mem_level
        self.compression_strategy = compression_strategy

    @classmethod
    def get_compression_type_string(cls, options) -> str:
        """"", "ZLIB" or "GZIP" for `options` (a TFRecordOptions, a compression type or a name)."""
        if isinstance(options, TFRecordOptions):
            return options.compression_type
        return _compression_name(options)

    def _compressor(self):
        bits = zlib.MAX_WBITS if self.window_bits is None else self.window_bits
        if self.compression_type == "GZIP":
            bits += 16
        level = zlib.Z_DEFAULT_COMPRESSION if self.compression_level is None else self.compression_level
        method = zlib.DEFLATED if self.compression_method is None else self.compression_method
        mem = 9 if self.mem_level is None else self.mem_level
        strategy = zlib.Z_DEFAULT_STRATEGY if self.compression_strategy is None else self.compression_strategy
        return zlib.compressobj(level, method, bits, mem, strategy)

    def __repr__(self):
        return "TFRecordOptions(compression_type=%r)" % self.compression_type


def _as_options(options) -> TFRecordOptions:
    return options if isinstance(options, TFRecordOptions) else TFRecordOptions(options)


def encode_record(data: bytes) -> bytes:
    """One framed record: length, masked crc of the length, data, masked crc of the data."""
    length = struct.pack("<Q", len(data))
    return b"".join((length, struct.pack("<I", masked_crc32c(length)), data,
                     struct.pack("<I", masked_crc32c(data))))


class TFRecordWriter:
    """`tf.io.TFRecordWriter(path, options=None)`: writes records to a TFRecord file (a context
    manager; `write`, `flush`, `close`)."""

    def __init__(self, path, options=None):
        self._options = _as_options(options)
        self._path = gfile._path(path)
        self._file = gfile.GFile(self._path, "wb")
        self._file._file()                                     # create (truncate) the file now
        self._zip = self._options._compressor() if self._options.compression_type else None
        self._pending = False

    def write(self, record) -> None:
        """Append one record (bytes; a str is written as UTF-8)."""
        if self._file is None:
            raise errors.FailedPreconditionError(None, None, "Writer is closed.")
        data = encode_record(record.encode("utf-8") if isinstance(record, str) else bytes(record))
        self._file.write(self._zip.compress(data) if self._zip is not None else data)
        self._pending = True

    def flush(self) -> None:
        """Push written records to the file (a compressed stream is partially flushed, as TF does)."""
        if self._file is None:
            raise errors.FailedPreconditionError(None, None, "Writer is closed.")
        if self._zip is not None and self._pending:
            self._file.write(self._zip.flush(zlib.Z_PARTIAL_FLUSH))     # what TF's flush does, whatever flush_mode
            self._pending = False
        self._file.flush()

    def close(self) -> None:
        """Finish the compressed stream and close the file (closing twice is a no-op)."""
        if self._file is None:
            return
        if self._zip is not None:
            self._file.write(self._zip.flush(zlib.Z_FINISH))
        self._file.close()
        self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - nothing to report to at interpreter shutdown
            pass


class _Inflating:
    """A read(n) stream over the decompressed bytes of a zlib or gzip file."""

    def __init__(self, raw, compression: str, path: str):
        self._raw, self._path = raw, path
        self._zip = zlib.decompressobj(zlib.MAX_WBITS + (16 if compression == "GZIP" else 0))
        self._buf = b""

    def read(self, n: int) -> bytes:
        while len(self._buf) < n and not self._zip.eof:
            chunk = self._raw.read(1 << 16)
            try:
                self._buf += self._zip.decompress(chunk) if chunk else self._zip.flush()
            except zlib.error as e:
                raise errors.DataLossError(None, None, "%s: corrupted compressed data (%s)"
                                           % (self._path, e)) from None
            if not chunk:
                break
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def close(self) -> None:
        self._raw.close()


def iter_records(path, compression_type=""):
    """The records of the TFRecord file `path`; DataLossError (naming file and offset) on corruption."""
    path = gfile._path(path)
    compression = _compression_name(compression_type)
    raw = gfile.GFile(path, "rb")
    raw._file()                                                # NotFoundError now, as TF
    stream = _Inflating(raw, compression, path) if compression else raw
    offset = 0
    try:
        while True:
            header = stream.read(_HEADER)
            if len(header) < _HEADER:
                return                                      # end of file (a partial header is ignored, as in TF)
            length_bytes = header[:8]
            if struct.unpack("<I", header[8:])[0] != masked_crc32c(length_bytes):
                hint = " (Is this even a TFRecord file?)" if offset == 0 else ""
                raise errors.DataLossError(None, None, "corrupted record at %d%s: length checksum mismatch "
                                           "in %s" % (offset, hint, path))
            (length,) = struct.unpack("<Q", length_bytes)
            body = stream.read(length + _FOOTER)
            if len(body) < length + _FOOTER:
                raise errors.DataLossError(None, None, "truncated record at %d in %s: the record needs %d "
                                           "bytes, the file has %d" % (offset, path, length + _FOOTER + _HEADER,
                                                                       len(body) + _HEADER))
            data = body[:length]
            if struct.unpack("<I", body[length:])[0] != masked_crc32c(data):
                raise errors.DataLossError(None, None, "corrupted record at %d: data checksum mismatch in %s"
                                           % (offset + _HEADER, path))
            offset += _HEADER + length + _FOOTER
            yield data
    finally:
        stream.close()


def tf_record_iterator(path, options=None):
    """`tf.io.tf_record_iterator(path, options=None)`: a generator of the records (bytes) of a file."""
    compression = _as_options(options).compression_type
    return iter_records(path, compression)


__all__ = ["TFRecordCompressionType", "TFRecordOptions", "TFRecordWriter", "tf_record_iterator"]
