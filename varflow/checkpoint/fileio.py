"""Crash-safe file writing: temporary name in the same directory, flush, fsync, rename, fsync the directory."""
from __future__ import annotations

import os
import secrets


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
    overlap instead of following one another."""

    def __init__(self, chunk: int = 32 << 20):
        self._chunk = chunk
        self._pending = 0
        self._thread = None

    def wrote(self, fileobj, nbytes: int) -> None:
        self._pending += nbytes
        if self._pending < self._chunk or (self._thread is not None and self._thread.is_alive()):
            return
        import threading

        fileobj.flush()                 # hand Python's buffer to the OS, then sync it off-thread
        self._pending = 0
        self._thread = threading.Thread(target=_fdatasync_quietly, args=(fileobj.fileno(),),
                                        daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def _fdatasync_quietly(fd: int) -> None:
    try:
        getattr(os, "fdatasync", os.fsync)(fd)
    except OSError:
        pass                            # the final fsync reports real errors


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
