"""`tf.io.gfile`: TF2's snake_case names for varflow's `tf.gfile` file API (same functions)."""
from __future__ import annotations

import os
from typing import Iterator

from ..platform.gfile import (Copy, DeleteRecursively, Exists, GFile, Glob, IsDirectory, ListDirectory,
                              MakeDirs, MkDir, Remove, Rename, Stat, Walk)

__all__ = ["GFile", "copy", "exists", "glob", "isdir", "join", "listdir", "makedirs", "mkdir", "remove",
           "rename", "rmtree", "stat", "walk"]

exists = Exists
glob = Glob
isdir = IsDirectory
listdir = ListDirectory
makedirs = MakeDirs
mkdir = MkDir
remove = Remove
rmtree = DeleteRecursively
stat = Stat


def copy(src, dst, overwrite: bool = False) -> None:
    """Copy file `src` to `dst` (AlreadyExistsError when `dst` exists unless `overwrite`)."""
    Copy(src, dst, overwrite)


def rename(src, dst, overwrite: bool = False) -> None:
    """Move `src` to `dst` (AlreadyExistsError when `dst` exists unless `overwrite`)."""
    Rename(src, dst, overwrite)


def join(path, *paths) -> str:
    """Join path components with '/' (as `os.path.join` on POSIX)."""
    return os.path.join(path, *paths)


def walk(top, topdown: bool = True, onerror=None) -> Iterator:
    """(dirname, subdirs, files) for each directory under `top`, parents first when `topdown`."""
    return Walk(top, topdown)
