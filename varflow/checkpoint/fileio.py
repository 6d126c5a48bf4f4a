"""Crash-safe file writing: temporary name in the same directory, flush, fsync, rename, fsync the directory."""
from __future__ import annotations

import os
import secrets
import threading


def temp_path(path: str) -> str:
    """A fresh temporary name beside `path` (same directory, so the final rename is atomic)."""
    return "%s.tempstate%s" % (path, secrets.token_hex(8))


def fsync_dir(directory: str) -> None:
    """Make renames inside `directory` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sync_and_close(fileobj) -> None:
    """Flush Python's buffer and the OS's cache of an open file to disk, then close it."""
    fileobj.flush()
    os.fsync(fileobj.fileno())
    fileobj.close()


class BackgroundSync:
    """Flushes a file being written to disk in a background thread every `chunk` bytes, so the
    final fsync (which must still happen) finds little left to write: writing and the disk's work
    overlap instead of following one another.  (fdatasync from a thread measured as fast as, or
    faster than, sync_file_range(SYNC_FILE_RANGE_WRITE) and needs nothing Linux-only.)"""

    def __init__(self, chunk: int = 8 << 20):
        self._chunk = chunk
        self._pending = 0
        self._thread: threading.Thread | None = None

    def wrote(self, fileobj, nbytes: int) -> None:
        """Note that `nbytes` more were written to `fileobj`; start a sync when enough piled up."""
        self._pending += nbytes
        if self._pending < self._chunk or (self._thread is not None and self._thread.is_alive()):
            return
        fileobj.flush()                 # hand Python's buffer to the OS, then sync it off-thread
        self._pending = 0
        self._thread = threading.Thread(target=_fdatasync_quietly, args=(fileobj.fileno(),), daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Wait for the background sync (call before the final fsync and close)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def _fdatasync_quietly(fd: int) -> None:
    try:
        getattr(os, "fdatasync", os.fsync)(fd)
    except OSError:
        pass                            # the final fsync reports real errors


class DeferredFree:
    """Renames files over others, keeping each replaced file open so that the file system frees it
    only when `release` closes them on a background thread.

    Freeing a large file's pages and blocks (and, on disks mounted with `discard`, trimming them at
    the next journal commit) takes ~0.15 s per 200 MB and buys the new files no safety: releasing
    after the last fsync of a save keeps that work out of the save.  POSIX only (elsewhere an open
    file cannot be renamed over, so nothing is held)."""

    def __init__(self):
        self._fds: list[int] = []

    def hold(self, path: str) -> None:
        """Keep `path`'s current file (if any) alive until `release`, whatever happens to the name."""
        if os.name != "posix":
            return
        try:
            self._fds.append(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        except OSError:
            pass

    def replace(self, src: str, dst: str) -> None:
        """`os.replace(src, dst)`, holding the file `dst` named before."""
        self.hold(dst)
        os.replace(src, dst)

    def release(self) -> threading.Thread | None:
        """Close the held files on a background thread (the file system frees them there); returns
        that thread, or None when nothing was held."""
        fds, self._fds = self._fds, []
        if not fds:
            return None
        thread = threading.Thread(target=_close_all, args=(fds,), daemon=True)
        thread.start()
        return thread


def _close_all(fds: list) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


INTERRUPTED_SUFFIX = ".before-interrupted-save"


def link_aside(paths: list) -> list:
    """Hard-link each existing file of `paths` to `path + INTERRUPTED_SUFFIX` (no copy), so a save
    that dies while renaming its new files over these leaves the previous checkpoint whole under
    those names. Returns the (path, link) pairs made; none where hard links are not supported."""
    made = []
    for path in paths:
        link = path + INTERRUPTED_SUFFIX
        remove_quietly(link)            # a leftover from an older interrupted save
        try:
            os.link(path, link)
        except OSError:                 # no such file, or no hard links on this file system
            continue
        made.append((path, link))
    return made


def put_back(pairs: list) -> None:
    """Undo a save that failed part-way: move the linked-aside files back to their names."""
    for path, link in pairs:
        try:
            if os.path.exists(path) and os.path.samefile(path, link):
                os.remove(link)         # never replaced (rename between two links does nothing)
            else:
                os.replace(link, path)
        except OSError:
            pass


def interrupted_save_files(prefix: str) -> list:
    """The files an interrupted save to `prefix` left aside (see `link_aside`)."""
    directory = os.path.dirname(os.path.abspath(prefix)) or "."
    base = os.path.basename(prefix)
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return sorted(os.path.join(directory, n) for n in names
                  if n.startswith(base + ".") and n.endswith(INTERRUPTED_SUFFIX))


def remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def atomic_write_bytes(path: str, data: bytes) -> None:
    """Replace `path` with `data` so readers see either the old or the new file, never a mix."""
    tmp = temp_path(path)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        remove_quietly(tmp)
        raise
    fsync_dir(os.path.dirname(os.path.abspath(path)))
