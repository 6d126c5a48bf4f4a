"""Merging checkpoints: what TF's `MergeV2Checkpoints` does at the end of a sharded Saver's save.

Each device of a sharded Saver writes its variables as a checkpoint of its own under a temporary prefix
(`<prefix>_temp/part-00001-of-00003`); the merge renames their data files to the destination's
(`<prefix>.data-00001-of-00003`, shard ids shifted by the shards of the sources before) and writes one
index holding every entry. The index is written last, under a temporary name, so a merge that fails
part-way leaves no readable half checkpoint; a checkpoint it replaces is linked aside until then.
"""
from __future__ import annotations

import os

from ..framework import errors
from . import fileio
from .bundle import LITTLE, data_filename, index_filename, read_index, write_index
from .proto import BundleEntryProto


def _merge_entry(merged: dict, key: bytes, entry: BundleEntryProto, offset: int, source: str) -> None:
    """Add one source entry: a tensor (or a slice's bytes) moves to its new shard; the entry of a
    partitioned tensor gathers the slices every source holds of it."""
    old = merged.get(key)
    if entry.slices:
        if old is None:
            merged[key] = BundleEntryProto(dtype=entry.dtype, shape=entry.shape, slices=list(entry.slices))
            return
        if old.dtype != entry.dtype or tuple(old.shape or ()) != tuple(entry.shape or ()) or not old.slices:
            raise errors.InvalidArgumentError(
                None, None, "Tensor %s has a different dtype or shape in %s than in the checkpoints merged "
                "before it" % (key.decode("utf-8", "replace"), source))
        old.slices.extend(entry.slices)
        return
    if old is not None:
        raise errors.InvalidArgumentError(
            None, None, "Duplicate tensor keyed by %s encountered, when merging prefix: %s"
            % (key.decode("utf-8", "replace"), source))
    merged[key] = BundleEntryProto(dtype=entry.dtype, shape=entry.shape, shard_id=entry.shard_id + offset,
                                   offset=entry.offset, size=entry.size, crc32c=entry.crc32c)


def merge_checkpoints(sources: list[str], destination: str, delete_old_dirs: bool = True,
                      allow_missing_files: bool = False,
                      replaced: fileio.DeferredFree | None = None) -> None:
    """Merge the checkpoints at `sources` into one at `destination`, removing the sources' index
    files (and, with `delete_old_dirs`, their directories when that leaves them empty)."""
    present = []
    for source in sources:
        if os.path.exists(index_filename(source)):
            present.append(source)
        elif not allow_missing_files:
            raise errors.InvalidArgumentError(
                None, None, "allow_missing_files was set to false and %s did not exist. (No checkpoint "
                "index %s: the save that should have written it did not run.)" % (source, index_filename(source)))
    if not present:
        raise errors.InvalidArgumentError(None, None, "None of the checkpoints to merge exist: %s"
                                          % ", ".join(sources))
    headers, merged, offset = [], {}, 0
    for source in present:
        header, entries = read_index(source)
        if header.endianness != LITTLE:
            raise errors.UnimplementedError(None, None, "Merging big-endian checkpoint %s is not supported"
                                            % source)
        for key, entry in entries:
            _merge_entry(merged, key, entry, offset, source)
        headers.append((source, header.num_shards, offset))
        offset += header.num_shards
    directory = os.path.dirname(destination)
    if directory and not os.path.isdir(directory):
        raise errors.NotFoundError(None, None, "Cannot merge checkpoints into %s: directory %s does not exist"
                                   % (destination, directory))
    moves = [(data_filename(source, shard, count), data_filename(destination, start + shard, offset))
             for source, count, start in headers for shard in range(count)]
    for src, _ in moves:
        if not os.path.exists(src):
            raise errors.NotFoundError(None, None, "Data file %s of checkpoint %s to merge is missing"
                                       % (src, src.rsplit(".data-", 1)[0]))
    index_path = index_filename(destination)
    index_tmp = fileio.temp_path(index_path)
    freer = replaced if replaced is not None else fileio.DeferredFree()
    aside = fileio.link_aside([dst for _, dst in moves] + [index_path])
    try:
        write_index(index_tmp, offset, merged)
        for src, dst in moves:
            freer.replace(src, dst)
        freer.replace(index_tmp, index_path)
    except BaseException:
        fileio.remove_quietly(index_tmp)
        fileio.put_back(aside)
        if replaced is None:
            freer.release()
        raise
    fileio.fsync_dir(os.path.dirname(os.path.abspath(destination)))
    for _path, link in aside:
        fileio.remove_quietly(link)
    if replaced is None:
        freer.release()
    for source in present:
        fileio.remove_quietly(index_filename(source))
    if delete_old_dirs:
        for old_dir in sorted({os.path.dirname(os.path.abspath(s)) for s in present}):
            if old_dir != os.path.dirname(os.path.abspath(destination)):
                try:
                    os.rmdir(old_dir)
                except OSError:
                    pass        # not empty (TF keeps such a directory too)
