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
