"""`tf.gfile`: TF1's file API on the local file system, raising `tf.errors` as TF does.

Paths are plain local paths (str or bytes). Missing files raise `NotFoundError`, existing
destinations `AlreadyExistsError`, other OS failures the matching `OpError`.
"""
from __future__ import annotations

import contextlib
import glob as _glob
import os
import shutil
from typing import Iterator

from ..framework import errors

__all__ = ["GFile", "Open", "FastGFile", "Exists", "MakeDirs", "MkDir", "Glob", "ListDirectory",
           "Remove", "Rename", "Copy", "DeleteRecursively", "IsDirectory", "Walk", "Stat",
           "FileStatistics"]


def _path(name) -> str:
    return os.fsdecode(name)


@contextlib.contextmanager
def _os_errors(path: str):
    """Turn an OSError into TF's error class for it."""
    try:
        yield
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % path) from None
    except FileExistsError:
        raise errors.AlreadyExistsError(None, None, "%s; File exists" % path) from None
    except PermissionError:
        raise errors.PermissionDeniedError(None, None, "%s; Permission denied" % path) from None
    except IsADirectoryError:
        raise errors.FailedPreconditionError(None, None, "%s; Is a directory" % path) from None
    except NotADirectoryError:
        raise errors.FailedPreconditionError(None, None, "%s; Not a directory" % path) from None
    except OSError as e:
        raise errors.UnknownError(None, None, "%s; %s" % (path, e.strerror or e)) from None


class GFile:
    """`tf.gfile.GFile(name, mode)`: a file object; 'r'/'w'/'a' give str, 'rb'/'wb'/'ab' bytes.
    The file is opened on first use, so constructing one for a missing file does not raise."""

    def __init__(self, name, mode: str = "r"):
        if mode.replace("b", "").replace("+", "") not in ("r", "w", "a"):
            raise errors.InvalidArgumentError(None, None, "mode is not 'r' or 'w' or 'a': %r" % mode)
        self.__name = _path(name)
        self.__mode = mode
        self.__file = None

    @property
    def name(self) -> str:
        return self.__name

    @property
    def mode(self) -> str:
        return self.__mode

    def _file(self):
        if self.__file is None:
            with _os_errors(self.__name):
                mode = self.__mode if "b" in self.__mode else self.__mode + "b"
                self.__file = open(self.__name, mode)
        return self.__file

    def _decode(self, data: bytes):
        return data if "b" in self.__mode else data.decode("utf-8")

    def _check_readable(self) -> None:
        if self.__mode[0] != "r" and "+" not in self.__mode:
            raise errors.PermissionDeniedError(None, None, "File isn't open for reading")

    def _check_writable(self) -> None:
        if self.__mode[0] == "r" and "+" not in self.__mode:
            raise errors.PermissionDeniedError(None, None, "File isn't open for writing")

    def size(self) -> int:
        return Stat(self.__name).length

    def read(self, n: int = -1):
        self._check_readable()
        return self._decode(self._file().read(n if n is not None and n >= 0 else -1))

    def readline(self):
        self._check_readable()
        return self._decode(self._file().readline())

    def readlines(self) -> list:
        self._check_readable()
        return [self._decode(line) for line in self._file().readlines()]

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    next = __next__

    def write(self, file_content) -> None:
        self._check_writable()
        data = file_content.encode("utf-8") if isinstance(file_content, str) else file_content
        self._file().write(bytes(data))

    def tell(self) -> int:
        return self._file().tell() if self.__file is not None or self.__mode[0] == "r" else 0

    def seek(self, offset=None, whence: int = 0, position=None) -> None:
        self._file().seek(position if offset is None else offset, whence)

    def seekable(self) -> bool:
        return True

    def flush(self) -> None:
        if self.__file is not None:
            self.__file.flush()

    def close(self) -> None:
        if self.__file is not None:
            self.__file.close()
            self.__file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


Open = GFile


class FastGFile(GFile):
    """`tf.gfile.FastGFile`: the deprecated alias of GFile."""


class FileStatistics:
    """What `Stat` reports: `length` in bytes, `mtime_nsec`, `is_directory`."""

    def __init__(self, length: int, mtime_nsec: int, is_directory: bool):
        self.length = length
        self.mtime_nsec = mtime_nsec
        self.is_directory = is_directory

    def __repr__(self):
        return "FileStatistics(length=%d, mtime_nsec=%d, is_directory=%s)" % (
            self.length, self.mtime_nsec, self.is_directory)


def Exists(filename) -> bool:  # noqa: N802 - TF1's name
    """Whether a file or directory exists."""
    return os.path.exists(_path(filename))


def IsDirectory(dirname) -> bool:  # noqa: N802
    return os.path.isdir(_path(dirname))


def MakeDirs(dirname) -> None:  # noqa: N802
    """Create `dirname` and any missing parents; an existing directory is fine."""
    path = _path(dirname)
    with _os_errors(path):
        os.makedirs(path, exist_ok=True)


def MkDir(dirname) -> None:  # noqa: N802
    """Create one directory (its parent must exist); an existing directory is fine, as in TF."""
    path = _path(dirname)
    if os.path.isdir(path):
        return
    with _os_errors(path):
        os.mkdir(path)


def Glob(filename) -> list:  # noqa: N802
    """Paths matching a glob pattern (a pattern without a directory is relative to './')."""
    pattern = _path(filename)
    matches = sorted(_glob.glob(pattern))
    if not os.path.dirname(pattern):
        matches = [os.path.join(".", m) for m in matches]
    return matches


def ListDirectory(dirname) -> list:  # noqa: N802
    """The entries of a directory (names only, no '.' or '..')."""
    path = _path(dirname)
    if not os.path.isdir(path):
        raise errors.NotFoundError(None, None, "Could not find directory %s" % path)
    with _os_errors(path):
        return os.listdir(path)


def Remove(filename) -> None:  # noqa: N802
    path = _path(filename)
    with _os_errors(path):
        os.remove(path)


def DeleteRecursively(dirname) -> None:  # noqa: N802
    """Delete a directory tree (or a single file)."""
    path = _path(dirname)
    if not os.path.exists(path):
        raise errors.NotFoundError(None, None, "%s not found" % path)
    with _os_errors(path):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)


def _check_overwrite(newpath: str, overwrite: bool) -> None:
    if not overwrite and os.path.exists(newpath):
        raise errors.AlreadyExistsError(None, None, "file already exists: %s" % newpath)


def _transfer(oldpath, newpath, overwrite: bool, action) -> None:
    """`action(old, new)` with TF's checks: the source exists, the target only if `overwrite`."""
    old, new = _path(oldpath), _path(newpath)
    if not os.path.exists(old):
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % old)
    _check_overwrite(new, overwrite)
    with _os_errors(old):
        action(old, new)


def Rename(oldname, newname, overwrite: bool = False) -> None:  # noqa: N802
    _transfer(oldname, newname, overwrite, os.replace)


def Copy(oldpath, newpath, overwrite: bool = False) -> None:  # noqa: N802
    _transfer(oldpath, newpath, overwrite, shutil.copyfile)


def Stat(filename) -> FileStatistics:  # noqa: N802
    path = _path(filename)
    with _os_errors(path):
        st = os.stat(path)
    return FileStatistics(st.st_size, st.st_mtime_ns, os.path.isdir(path))


def Walk(top, in_order: bool = True) -> Iterator:  # noqa: N802
    """(dirname, subdirs, files) for each directory under `top`; parents first when `in_order`."""
    top = _path(top)
    if not os.path.isdir(top):
        return
    entries = sorted(os.listdir(top))
    subdirs = [e for e in entries if os.path.isdir(os.path.join(top, e))]
    files = [e for e in entries if e not in subdirs]
    here = (top, subdirs, files)
    if in_order:
        yield here
    for d in subdirs:
        yield from Walk(os.path.join(top, d), in_order)
    if not in_order:
        yield here
