"""TensorFlow's V2 checkpoint format (TensorBundle): `BundleWriter`, `BundleReader`, `write_bundle`.

A checkpoint `prefix` is `prefix.index` (a sorted table: header entry under the empty key, then one
BundleEntryProto per tensor or slice) plus `prefix.data-SSSSS-of-NNNNN` shards holding raw
little-endian tensor bytes back to back (TF's default alignment of 1: no padding), each tensor with
the masked crc32c of its bytes.  String tensors are stored as varint64 lengths, a masked crc32c of
those lengths, then the bytes; their entry crc covers the lengths as uint32 (uint64 past 4 GiB), the
length checksum and the bytes.  Files are written under temporary names and renamed, index last.
"""
from __future__ import annotations

import os
import re
import struct
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..framework import dtypes, errors
from . import fileio
from .crc import crc32c, mask
from .proto import BundleEntryProto, BundleHeaderProto, VersionDef, decode_or_data_loss, encode_varint
from .proto import ProtoError, decode_varint
from .slices import Extents, parse_slice_spec, resolve_extents, slice_key, slice_spec_string
from .table import TableCorruptionError, TableWriter, read_table

HEADER_KEY = b""
BUNDLE_VERSION = 1  # kTensorBundleVersion: the producer version TF writes and the newest it reads
BUNDLE_MIN_PRODUCER = 0
LITTLE, BIG = 0, 1
_MAX_SHARDS = 1 << 20
_MAX_PAIRWISE_SLICES = 2048
_STRING = dtypes.string


def index_filename(prefix: str) -> str:
    """`prefix.index`."""
    return prefix + ".index"


def data_filename(prefix: str, shard: int, num_shards: int) -> str:
    """`prefix.data-00000-of-00001`: the name TF gives data shard `shard` of `num_shards`."""
    return "%s.data-%05d-of-%05d" % (prefix, shard, num_shards)


def _data_loss(message: str):
    return errors.DataLossError(None, None, message)


def _encode_name(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")


def _decode_name(key: bytes) -> str:
    return key.decode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class TensorInfo:
    """What the index says about one saved tensor (`slices` non-empty for a partitioned one)."""

    name: str
    dtype: dtypes.DType
    shape: tuple[int, ...]
    shard_id: int = 0
    offset: int = 0
    size: int = 0
    crc32c: int = 0
    slices: tuple[Extents, ...] = ()

    @property
    def is_partitioned(self) -> bool:
        return bool(self.slices)


# --- values -> bytes --------------------------------------------------------------------------------
def _to_array(value, dtype=None) -> tuple[np.ndarray, dtypes.DType]:
    """The value as a C-contiguous array of its checkpoint dtype (strings as an object array of bytes)."""
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype
    arr = value if isinstance(value, np.ndarray) else np.asarray(value)
    if dtype is None:
        dtype = _STRING if arr.dtype.kind in "USO" else dtypes.as_dtype(arr.dtype.newbyteorder("=")).base_dtype
    if dtype == _STRING:
        flat = arr.reshape(-1)
        out = np.empty(flat.shape, dtype=object)
        for i, item in enumerate(flat):
            if isinstance(item, str):
                item = item.encode("utf-8")
            elif not isinstance(item, (bytes, bytearray, memoryview)):
                raise errors.InvalidArgumentError(None, None, "A string tensor holds %r, not str or bytes"
                                                  % (item,))
            out[i] = bytes(item)
        return out.reshape(arr.shape), dtype
    if not dtype.is_numpy_compatible or dtype.np_dtype is None:
        raise errors.InvalidArgumentError(None, None, "Cannot save a tensor of dtype %s in a checkpoint"
                                          % dtype.name)
    target = dtype.np_dtype
    if arr.dtype.newbyteorder("=") != target:
        if arr.dtype.kind in "USO":
            raise errors.InvalidArgumentError(None, None, "Cannot save %s data as %s" % (arr.dtype, dtype.name))
        arr = arr.astype(target)
    if arr.dtype.byteorder == ">" or (arr.dtype.byteorder == "=" and sys.byteorder == "big"):
        arr = arr.astype(arr.dtype.newbyteorder("<"))
    return (arr if arr.flags.c_contiguous else arr.copy(order="C")), dtype  # keeps rank 0 (unlike ascontiguousarray)


def _string_payload(arr: np.ndarray) -> tuple[list, int, int]:
    """(chunks to write, byte count, masked entry crc) of a string tensor in TF's on-disk layout."""
    items = list(arr.reshape(-1))
    lengths = [len(item) for item in items]
    varints = b"".join(encode_varint(n) for n in lengths)
    if all(n <= 0xFFFFFFFF for n in lengths):
        crc = crc32c(np.asarray(lengths, dtype="<u4"))
    else:
        crc = 0
        for n in lengths:
            crc = crc32c(struct.pack("<I" if n <= 0xFFFFFFFF else "<Q", n), crc)
    length_checksum = struct.pack("<I", mask(crc))
    crc = crc32c(length_checksum, crc)
    body = b"".join(items)
    crc = crc32c(body, crc)
    chunks = [varints, length_checksum, body]
    return chunks, len(varints) + 4 + len(body), mask(crc)


class BundleWriter:
    """Writes one checkpoint: `add` tensors (and `add_slice` slices of partitioned ones), then `finish`.

    Data is streamed to temporary shard files as tensors are added; `finish` writes the index and renames
    everything into place (index last), so an interrupted save never leaves a readable half checkpoint.
    Used as a context manager it finishes on success and cleans up on error.  The files an older
    checkpoint at `prefix` had are freed off-thread once `finish` is done, or, given `replaced`, when
    the caller calls `replaced.release()` (a Saver does so after its last fsync: the state file).
    """

    def __init__(self, prefix: str, num_shards: int = 1, replaced: fileio.DeferredFree | None = None):
        if num_shards < 1 or num_shards > _MAX_SHARDS:
            raise ValueError("num_shards must be between 1 and %d, got %d" % (_MAX_SHARDS, num_shards))
        self.prefix = os.fspath(prefix)
        self.num_shards = int(num_shards)
        directory = os.path.dirname(self.prefix)
        if directory and not os.path.isdir(directory):
            raise errors.NotFoundError(None, None, "Cannot save checkpoint %s: directory %s does not exist"
                                       % (self.prefix, directory))
        self._final = [data_filename(self.prefix, s, self.num_shards) for s in range(self.num_shards)]
        self._temps = [fileio.temp_path(path) for path in self._final]
        self._files: list = [None] * self.num_shards
        self._sizes = [0] * self.num_shards
        self._syncers = [fileio.BackgroundSync() for _ in range(self.num_shards)]
        self._entries: dict[bytes, BundleEntryProto] = {}
        self._partitioned: dict[str, tuple[dtypes.DType, tuple[int, ...], list]] = {}
        self._replaced = replaced
        self._done = False

    # -- adding ------------------------------------------------------------------------------------
    def add(self, name: str, value, shard: int = 0, dtype=None) -> None:
        """Save `value` (array-like; `dtype` overrides the inferred one) under `name`."""
        self._check_open()
        if not name:
            raise errors.InvalidArgumentError(None, None, "A checkpoint tensor name cannot be empty")
        if name in self._partitioned:
            raise errors.InvalidArgumentError(None, None, "Adding duplicate key: %s (already saved as slices)"
                                              % name)
        key = _encode_name(name)
        self._check_new_key(key, name)
        arr, dt = _to_array(value, dtype)
        self._entries[key] = self._write(arr, dt, shard, name)

    def add_slice(self, full_name: str, full_shape: Sequence[int], slice_spec, value, shard: int = 0,
                  dtype=None) -> None:
        """Save `value` as the slice `slice_spec` ("0,4:0,2", "-:0,2" or [(start, length)]) of the
        partitioned tensor `full_name` of shape `full_shape`."""
        self._check_open()
        full_shape = tuple(int(d) for d in full_shape)
        extents = (parse_slice_spec(slice_spec, len(full_shape)) if isinstance(slice_spec, str)
                   else tuple((int(s), int(n)) for s, n in slice_spec))
        try:
            bounds = resolve_extents(extents, full_shape)
        except ValueError as exc:
            raise errors.InvalidArgumentError(None, None, "%s: %s" % (full_name, exc)) from None
        arr, dt = _to_array(value, dtype)
        want = tuple(stop - start for start, stop in bounds)
        if arr.shape != want:
            raise errors.InvalidArgumentError(None, None, "Slice %s of %s has shape %s but the value has shape %s"
                                              % (slice_spec_string(extents), full_name, list(want),
                                                 list(arr.shape)))
        if _encode_name(full_name) in self._entries:
            raise errors.InvalidArgumentError(None, None, "Adding duplicate key: %s" % full_name)
        prev = self._partitioned.get(full_name)
        if prev is not None:
            if prev[0] != dt or prev[1] != full_shape:
                raise errors.InvalidArgumentError(
                    None, None, "Slices of %s disagree: %s %s earlier, %s %s now"
                    % (full_name, prev[0].name, list(prev[1]), dt.name, list(full_shape)))
            for other in prev[2]:
                if _overlaps(bounds, resolve_extents(other, full_shape)):
                    raise errors.InvalidArgumentError(
                        None, None, "Slice %s of %s overlaps slice %s saved before"
                        % (slice_spec_string(extents), full_name, slice_spec_string(other)))
        key = slice_key(full_name, extents)
        self._check_new_key(key, full_name)
        self._entries[key] = self._write(arr, dt, shard, "%s[%s]" % (full_name, slice_spec_string(extents)))
        self._partitioned.setdefault(full_name, (dt, full_shape, []))[2].append(extents)

    def _check_open(self) -> None:
        if self._done:
            raise ValueError("This BundleWriter for %s is already finished or aborted" % self.prefix)

    def _check_new_key(self, key: bytes, name: str) -> None:
        if key in self._entries:
            raise errors.InvalidArgumentError(None, None, "Adding duplicate key: %s" % name)

    def _shard_file(self, shard: int):
        if not 0 <= shard < self.num_shards:
            raise ValueError("shard %d out of range for %d shards" % (shard, self.num_shards))
        f = self._files[shard]
        if f is None:
            f = self._files[shard] = open(self._temps[shard], "wb", buffering=1 << 20)
        return f

    def _write(self, arr: np.ndarray, dt: dtypes.DType, shard: int, what: str) -> BundleEntryProto:
        f = self._shard_file(shard)
        entry = BundleEntryProto(dtype=dt.as_datatype_enum, shape=tuple(arr.shape), shard_id=shard,
                                 offset=self._sizes[shard])
        try:
            if dt == _STRING:
                chunks, size, crc = _string_payload(arr)
                for chunk in chunks:
                    f.write(chunk)
            else:
                raw = arr.reshape(-1).view(np.uint8)
                size, crc = raw.size, mask(crc32c(raw))
                if size:
                    f.write(memoryview(raw))
        except OSError as exc:
            self.abort()
            raise errors.UnknownError(None, None, "Failed writing %s to %s: %s"
                                      % (what, self._final[shard], exc)) from exc
        entry.size, entry.crc32c = size, crc
        self._sizes[shard] += size
        self._syncers[shard].wrote(f, size)
        return entry

    # -- finishing ---------------------------------------------------------------------------------
    def finish(self) -> str:
        """Write the index, fsync and rename every file into place; returns the prefix."""
        self._check_open()
        index_path = index_filename(self.prefix)
        index_tmp = fileio.temp_path(index_path)
        replaced = self._replaced if self._replaced is not None else fileio.DeferredFree()
        try:
            for shard in range(self.num_shards):
                self._syncers[shard].wait()
                fileio.sync_and_close(self._shard_file(shard))
            entries = dict(self._entries)
            for name, (dt, shape, extents) in self._partitioned.items():
                entries[_encode_name(name)] = BundleEntryProto(dtype=dt.as_datatype_enum, shape=shape,
                                                               slices=list(extents))
            write_index(index_tmp, self.num_shards, entries)
            # Saving over an existing checkpoint of this prefix: keep its files linked aside
            # until the new ones are all in place (a crash in between loses nothing).
            aside = fileio.link_aside(list(self._final) + [index_path])
            if aside:
                fileio.fsync_dir(os.path.dirname(os.path.abspath(self.prefix)))
            try:
                for tmp, final in zip(self._temps, self._final):
                    replaced.replace(tmp, final)
                replaced.replace(index_tmp, index_path)
            except BaseException:
                fileio.put_back(aside)
                raise
        except BaseException:
            fileio.remove_quietly(index_tmp)
            self.abort()
            if self._replaced is None:
                replaced.release()
            raise
        self._done = True
        fileio.fsync_dir(os.path.dirname(os.path.abspath(self.prefix)))
        for _path, link in aside:        # the old inodes stay open in `replaced` until release
            fileio.remove_quietly(link)
        if self._replaced is None:
            replaced.release()
        return self.prefix

    def abort(self) -> None:
        """Drop everything written so far (temporary files only; an older checkpoint stays intact)."""
        for syncer in self._syncers:
            syncer.wait()
        for f in self._files:
            if f is not None and not f.closed:
                try:
                    f.close()
                except OSError:
                    pass
        for tmp in self._temps:
            fileio.remove_quietly(tmp)
        self._done = True

    def __enter__(self) -> "BundleWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._done:
            return
        if exc_type is None:
            self.finish()
        else:
            self.abort()


def write_index(path: str, num_shards: int, entries: Mapping[bytes, BundleEntryProto],
                endianness: int = LITTLE) -> None:
    """Write and fsync an index table at `path`: the header, then `entries` in key order."""
    header = BundleHeaderProto(num_shards=num_shards, endianness=endianness,
                               version=VersionDef(producer=BUNDLE_VERSION))
    with open(path, "wb") as f:
        table = TableWriter(f)
        table.add(HEADER_KEY, header.encode())
        for key in sorted(entries):
            table.add(key, entries[key].encode())
        table.finish()
        f.flush()
        os.fsync(f.fileno())


def write_bundle(prefix: str, tensors: Mapping[str, object] | None = None,
                 slices: Iterable[tuple] = (), num_shards: int = 1) -> str:
    """Save `{name: array}` (plus `slices`: (full_name, full_shape, slice_spec, array) tuples) as one
    checkpoint at `prefix`; returns the prefix."""
    with BundleWriter(prefix, num_shards=num_shards) as writer:
        for name, value in (tensors or {}).items():
            writer.add(name, value)
        for full_name, full_shape, spec, value in slices:
            writer.add_slice(full_name, full_shape, spec, value)
    return prefix


def _overlaps(a, b) -> bool:
    return all(max(s1, s2) < min(e1, e2) for (s1, e1), (s2, e2) in zip(a, b))


def read_index(prefix: str) -> tuple[BundleHeaderProto, list[tuple[bytes, BundleEntryProto]]]:
    """The header and the (key, entry) pairs of `prefix.index`, checksums and header verified."""
    where = index_filename(prefix)
    try:
        with open(where, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise _not_a_prefix(prefix) from None
    except IsADirectoryError:
        raise errors.NotFoundError(None, None, "%s is a directory, not a checkpoint index" % where) from None
    try:
        table = read_table(data)
    except TableCorruptionError as exc:
        raise _data_loss("Corrupted checkpoint index %s: %s" % (where, exc)) from None
    if not table or table[0][0] != HEADER_KEY:
        raise _data_loss("Corrupted checkpoint index %s: no header entry" % where)
    header = decode_or_data_loss(BundleHeaderProto, table[0][1], where)
    if not 1 <= header.num_shards <= _MAX_SHARDS:
        raise _data_loss("Corrupted checkpoint index %s: num_shards = %d" % (where, header.num_shards))
    if header.endianness not in (LITTLE, BIG):
        raise _data_loss("Corrupted checkpoint index %s: endianness = %d" % (where, header.endianness))
    version = header.version
    if version.producer < BUNDLE_MIN_PRODUCER or version.min_consumer > BUNDLE_VERSION or \
            BUNDLE_VERSION in version.bad_consumers:
        raise errors.InvalidArgumentError(
            None, None, "Checkpoint %s has format version producer=%d min_consumer=%d, which this reader "
            "(version %d) does not support" % (where, version.producer, version.min_consumer, BUNDLE_VERSION))
    return header, [(key, decode_or_data_loss(BundleEntryProto, value, where)) for key, value in table[1:]]


# --- reading ------------------------------------------------------------------------------------
class BundleReader:
    """Reads a checkpoint written by TF or by `BundleWriter`, verifying every checksum.

    Mirrors TF's `NewCheckpointReader`: `get_tensor`, `has_tensor`, `get_variable_to_shape_map`,
    `get_variable_to_dtype_map`, plus `read` (always an ndarray) and `tensor_infos` (dtype/shape per name).
    """

    def __init__(self, prefix: str):
        self.prefix = os.fspath(prefix)
        self._index_path = index_filename(self.prefix)
        header, table = read_index(self.prefix)
        self.num_shards = header.num_shards
        self._big_endian = header.endianness == BIG
        self._slice_entries: dict[bytes, BundleEntryProto] = {}
        self._infos: dict[str, TensorInfo] = {}
        for key, entry in table:
            if key[:1] == b"\x00":
                self._slice_entries[key] = entry
            else:
                name = _decode_name(key)
                self._infos[name] = self._info(name, entry)
        self._files: dict[int, object] = {}

    def _info(self, name: str, entry: BundleEntryProto) -> TensorInfo:
        where = "tensor %r in %s" % (name, self._index_path)
        try:
            dt = dtypes.as_dtype(entry.dtype)
        except TypeError:
            raise _data_loss("Corrupted checkpoint: %s has unknown dtype enum %d" % (where, entry.dtype)) from None
        if entry.shape is None or any(d < 0 for d in entry.shape):
            raise _data_loss("Corrupted checkpoint: %s has an unknown or negative shape" % where)
        if entry.shard_id < 0 or entry.offset < 0 or entry.size < 0:
            raise _data_loss("Corrupted checkpoint: %s has a negative shard, offset or size" % where)
        return TensorInfo(name, dt, tuple(entry.shape), entry.shard_id, entry.offset, entry.size,
                          entry.crc32c, tuple(entry.slices))

    # -- listing -----------------------------------------------------------------------------------
    def keys(self) -> list[str]:
        """Names of the saved tensors (slices of partitioned tensors are not listed), sorted."""
        return sorted(self._infos)

    def tensor_infos(self) -> dict[str, TensorInfo]:
        """name -> TensorInfo (dtype, shape, location) for every saved tensor."""
        return dict(self._infos)

    def tensor_info(self, name: str) -> TensorInfo:
        return self._lookup(name)

    def has_tensor(self, name: str) -> bool:
        return name in self._infos

    def __contains__(self, name: str) -> bool:
        return name in self._infos

    def get_variable_to_shape_map(self) -> dict[str, list[int]]:
        return {name: list(info.shape) for name, info in self._infos.items()}

    def get_variable_to_dtype_map(self) -> dict[str, dtypes.DType]:
        return {name: info.dtype for name, info in self._infos.items()}

    def list_variables(self) -> list[tuple[str, list[int]]]:
        """Sorted (name, shape) pairs, like `tf.train.list_variables`."""
        return [(name, list(self._infos[name].shape)) for name in self.keys()]

    def debug_string(self) -> bytes:
        """One line per index entry, slices included: `key (DT_FLOAT) [4,2]` (TF's format)."""
        lines = []
        rows = [(_encode_name(n), i.dtype, i.shape) for n, i in self._infos.items()]
        for key, entry in self._slice_entries.items():
            try:
                rows.append((key, dtypes.as_dtype(entry.dtype), tuple(entry.shape or ())))
            except TypeError:
                rows.append((key, None, tuple(entry.shape or ())))
        for key, dt, shape in sorted(rows, key=lambda r: r[0]):
            lines.append(key + (" (%s) [%s]\n" % (_dt_enum_name(dt), ",".join(str(d) for d in shape))).encode())
        return b"".join(lines)

    # -- reading -----------------------------------------------------------------------------------
    def get_tensor(self, name: str):
        """The saved value, like TF's reader: an ndarray, or a NumPy scalar / bytes for rank 0."""
        arr = self.read(name)
        return arr[()] if arr.ndim == 0 else arr

    def read(self, name: str) -> np.ndarray:
        """The saved value of `name` as an ndarray (partitioned tensors are assembled from their slices)."""
        info = self._lookup(name)
        if info.slices:
            return self._assemble(info)
        return self._read_entry(info, "tensor %r" % name)

    def _lookup(self, name: str) -> TensorInfo:
        try:
            return self._infos[name]
        except (KeyError, TypeError):
            raise errors.NotFoundError(None, None, "Key %s not found in checkpoint" % name) from None

    def _shard(self, shard: int, what: str):
        if not 0 <= shard < self.num_shards:
            raise _data_loss("Corrupted checkpoint: %s claims shard %d of %d in %s"
                             % (what, shard, self.num_shards, self._index_path))
        f = self._files.get(shard)
        if f is None:
            path = data_filename(self.prefix, shard, self.num_shards)
            try:
                f = open(path, "rb", buffering=0)
            except FileNotFoundError:
                raise _data_loss("Checkpoint data file %s is missing (needed for %s of %s)"
                                 % (path, what, self.prefix)) from None
            self._files[shard] = f
        return f

    def _validate(self, info: TensorInfo, what: str) -> None:
        """Check an entry's size against its shape and dtype and against its shard file, before allocating."""
        count = _num_elements(info.shape)
        if info.dtype == _STRING:
            if count + 4 > info.size:  # each element takes at least one length byte, plus the checksum
                raise _data_loss("Corrupted checkpoint %s: string %s of %d elements cannot fit in %d bytes"
                                 % (self._index_path, what, count, info.size))
        else:
            np_dtype = info.dtype.np_dtype
            if not info.dtype.is_numpy_compatible or np_dtype is None:
                raise errors.UnimplementedError(None, None, "Reading %s of dtype %s from a checkpoint is not "
                                                "supported" % (what, info.dtype.name))
            if count * np_dtype.itemsize != info.size:
                raise _data_loss("Corrupted checkpoint %s: %s of shape %s and dtype %s should take %d bytes, "
                                 "the index says %d" % (self._index_path, what, list(info.shape),
                                                        info.dtype.name, count * np_dtype.itemsize, info.size))
        f = self._shard(info.shard_id, what)
        file_size = os.fstat(f.fileno()).st_size
        if info.offset + info.size > file_size:
            raise _data_loss("Checkpoint data file %s is truncated or corrupted: %s needs bytes [%d, %d) but "
                             "the file has %d" % (f.name, what, info.offset, info.offset + info.size, file_size))

    def _read_bytes(self, info: TensorInfo, what: str) -> np.ndarray:
        """The `size` bytes of an entry (already validated)."""
        f = self._shard(info.shard_id, what)
        path = f.name
        buf = np.empty(info.size, dtype=np.uint8)
        view = memoryview(buf)
        done = 0
        while done < info.size:
            n = os.preadv(f.fileno(), [view[done:]], info.offset + done)
            if n <= 0:
                raise _data_loss("Checkpoint data file %s ended while reading %s" % (path, what))
            done += n
        return buf

    def _check_crc(self, computed: int, info: TensorInfo, what: str) -> None:
        if mask(computed) != info.crc32c:
            path = data_filename(self.prefix, info.shard_id, self.num_shards)
            raise _data_loss("Checksum does not match for %s in %s: stored 0x%08x, computed 0x%08x (the file is "
                             "corrupted)" % (what, path, info.crc32c, mask(computed)))

    def _read_entry(self, info: TensorInfo, what: str) -> np.ndarray:
        if info.dtype == _STRING:
            return self._read_strings(info, what)
        self._validate(info, what)
        np_dtype = info.dtype.np_dtype
        buf = self._read_bytes(info, what)
        self._check_crc(crc32c(buf), info, what)
        if self._big_endian and np_dtype.itemsize > 1:
            if np_dtype.kind in "iufc":
                return buf.view(np_dtype.newbyteorder(">")).astype(np_dtype).reshape(info.shape)
            swapped = buf.reshape(-1, np_dtype.itemsize)[:, ::-1].copy()  # bfloat16: one 2-byte word each
            return swapped.view(np_dtype).reshape(info.shape)
        return buf.view(np_dtype).reshape(info.shape)

    def _read_strings(self, info: TensorInfo, what: str) -> np.ndarray:
        self._validate(info, what)
        count = _num_elements(info.shape)
        data = self._read_bytes(info, what).tobytes()
        path = data_filename(self.prefix, info.shard_id, self.num_shards)
        lengths = []
        pos = 0
        try:
            for _ in range(count):
                n, pos = decode_varint(data, pos)
                lengths.append(n)
        except ProtoError as exc:
            raise _data_loss("Corrupted string %s in %s: %s" % (what, path, exc)) from None
        if all(n <= 0xFFFFFFFF for n in lengths):
            crc = crc32c(np.asarray(lengths, dtype="<u4"))
        else:
            crc = 0
            for n in lengths:
                crc = crc32c(struct.pack("<I" if n <= 0xFFFFFFFF else "<Q", n), crc)
        if pos + 4 + sum(lengths) != info.size:
            raise _data_loss("Corrupted string %s in %s: lengths add up to %d bytes, the index says %d"
                             % (what, path, pos + 4 + sum(lengths), info.size))
        stored = struct.unpack_from("<I", data, pos)[0]
        if stored != mask(crc):
            raise _data_loss("Checksum of string lengths does not match for %s in %s (the file is corrupted)"
                             % (what, path))
        crc = crc32c(data[pos:], crc)
        self._check_crc(crc, info, what)
        out = np.empty(count, dtype=object)
        pos += 4
        for i, n in enumerate(lengths):
            out[i] = data[pos:pos + n]
            pos += n
        return out.reshape(info.shape)

    def read_slice(self, name: str, extents: Extents, wholes: dict | None = None) -> np.ndarray:
        """The part `extents` of tensor `name` (a private array): a stored slice that is exactly that part
        is read alone, so a checkpoint holding only some slices of a tensor still restores them; other parts
        are cut from the whole value (kept in `wholes` by name, when given, for the next part)."""
        info = self._lookup(name)
        bounds = resolve_extents(extents, info.shape)
        for stored in info.slices:
            if resolve_extents(stored, info.shape) == bounds:
                _, slice_info, what = self._slice_part(info, stored)
                return self._read_entry(slice_info, what)
        whole = wholes.get(name) if wholes is not None else None
        if whole is None:
            whole = self.read(name)
            if wholes is not None:
                wholes[name] = whole
        return np.ascontiguousarray(whole[tuple(slice(start, stop) for start, stop in bounds)]) \
            if whole.ndim else whole.copy()

    def _slice_part(self, info: TensorInfo, extents: Extents) -> tuple:
        """(bounds, entry info, description) of one stored slice of `info`, checked against the index."""
        name = info.name
        try:
            bounds = resolve_extents(extents, info.shape)
        except ValueError as exc:
            raise _data_loss("Corrupted checkpoint: partitioned tensor %r in %s: %s"
                             % (name, self._index_path, exc)) from None
        what = "slice %s of tensor %r" % (slice_spec_string(extents), name)
        entry = self._slice_entries.get(slice_key(name, extents))
        if entry is None:
            raise _data_loss("Corrupted checkpoint %s: %s is listed but has no entry" % (self._index_path, what))
        slice_info = self._info(name, entry)
        slice_shape = tuple(stop - start for start, stop in bounds)
        if slice_info.dtype != info.dtype or slice_info.shape != slice_shape:
            raise _data_loss("Corrupted checkpoint %s: %s is stored as %s %s, expected %s %s"
                             % (self._index_path, what, slice_info.dtype.name, list(slice_info.shape),
                                info.dtype.name, list(slice_shape)))
        self._validate(slice_info, what)
        return bounds, slice_info, what

    def _assemble(self, info: TensorInfo) -> np.ndarray:
        """The full value of a partitioned tensor from its slice entries, checked to tile it exactly."""
        name, shape = info.name, info.shape
        where = "partitioned tensor %r in %s" % (name, self._index_path)
        parts = [self._slice_part(info, extents) for extents in info.slices]
        volume = sum(_num_elements(slice_info.shape) for _, slice_info, _ in parts)
        disjoint = _disjoint([p[0] for p in parts], shape)
        if disjoint and volume < _num_elements(shape):
            raise ValueError("Does not have sufficient slices for partitioned tensor %s to read it whole: %s "
                             "holds only its slices %s (a Saver over some of its parts wrote it). Restore "
                             "those parts with a Saver over the same parts instead."
                             % (name, self.prefix, ", ".join(slice_spec_string(e) for e in info.slices)))
        if volume != _num_elements(shape) or not disjoint:
            raise _data_loss("Corrupted checkpoint: the slices of %s do not tile its shape %s exactly"
                             % (where, list(shape)))
        out = np.empty(shape, dtype=info.dtype.np_dtype)
        for bounds, slice_info, what in parts:
            out[tuple(slice(start, stop) for start, stop in bounds)] = self._read_entry(slice_info, what)
        return out

    def close(self) -> None:
        for f in self._files.values():
            f.close()
        self._files.clear()

    def __enter__(self) -> "BundleReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        files = getattr(self, "_files", None)
        if files:
            self.close()


def _not_a_prefix(prefix: str) -> errors.OpError:
    """The error for a path without `<path>.index`: TF reads an existing file or directory there as an
    old-format (V1) checkpoint, which fails with DataLossError; otherwise nothing is found."""
    stripped = re.sub(r"(\.index|\.data-\d{5}-of-\d{5}|\.meta)$", "", prefix)
    if stripped != prefix and os.path.exists(index_filename(stripped)):
        return errors.NotFoundError(None, None, "%s is one file of the checkpoint %s: pass the prefix %r "
                                    "(without the suffix)." % (prefix, stripped, stripped))
    if os.path.exists(prefix):
        kind = "a directory" if os.path.isdir(prefix) else "a file"
        return _data_loss("%s is %s, not a checkpoint prefix (no %s exists). Pass the prefix its .index and "
                          ".data-* files share, or tf.train.latest_checkpoint(dir) for a directory."
                          % (prefix, kind, index_filename(prefix)))
    return errors.NotFoundError(None, None, "Unsuccessful TensorSliceReader constructor: Failed to find any "
                                "matching files for %s (no %s)" % (prefix, index_filename(prefix)))


def _num_elements(shape) -> int:
    count = 1
    for d in shape:
        count *= int(d)
    return count


def _disjoint(bounds_list: list, shape) -> bool:
    """Whether the boxes overlap nowhere (pairwise for few slices, a coverage mask for many)."""
    if len(bounds_list) <= _MAX_PAIRWISE_SLICES:
        return not any(_overlaps(a, b) for i, a in enumerate(bounds_list) for b in bounds_list[:i])
    covered = np.zeros(shape, dtype=np.uint8)
    for bounds in bounds_list:
        covered[tuple(slice(s, e) for s, e in bounds)] += 1
    return bool((covered <= 1).all())


_DT_ENUM_NAMES = {"float32": "FLOAT", "float64": "DOUBLE", "float16": "HALF"}


def _dt_enum_name(dt) -> str:
    if dt is None:
        return "DT_INVALID"
    return "DT_" + _DT_ENUM_NAMES.get(dt.name, dt.name.upper())
