"""`varflow inspect CKPT [--tensor NAME] [--all]`: what a checkpoint holds (TF's inspect_checkpoint).

Lists every tensor with dtype, shape and size and the total parameter count; `--tensor NAME` prints one
tensor's values, `--all` every tensor's.  CKPT is a checkpoint prefix or a directory (its latest
checkpoint).  A missing or corrupt checkpoint gives a one-line message and exit status 1.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from typing import TextIO

import numpy as np

from ..checkpoint import BundleReader, latest_checkpoint
from ..framework import errors

__all__ = ["inspect_main", "resolve_checkpoint", "print_tensors_in_checkpoint_file"]


class InspectError(Exception):
    """A problem to report in one line (no traceback)."""


def resolve_checkpoint(path: str) -> str:
    """The checkpoint prefix for `path`: itself, or the latest checkpoint of a directory."""
    path = os.fspath(path)
    if os.path.isdir(path):
        prefix = latest_checkpoint(path)
        if prefix is None:
            raise InspectError("no checkpoint found in directory %s (it has no valid 'checkpoint' state "
                               "file naming existing checkpoint files)" % path)
        return prefix
    if path.endswith(".index") and not os.path.exists(path + ".index"):
        path = path[:-len(".index")]  # accept the index file's own name
    if not os.path.exists(path + ".index"):
        raise InspectError("no checkpoint at %s (expected the file %s.index)" % (path, path))
    return path


def _format_shape(shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def _size(shape) -> int:
    return int(np.prod(shape, dtype=np.int64)) if len(shape) else 1


def _print_value(name: str, value, out: TextIO) -> None:
    print("tensor_name: ", name, file=out)
    with np.printoptions(threshold=sys.maxsize):
        print(value, file=out)


def print_tensors_in_checkpoint_file(file_name: str, tensor_name: str | None = None, all_tensors: bool = False,
                                     out: TextIO | None = None) -> None:
    """Print the listing (or `tensor_name`'s value, or all values) of checkpoint `file_name`."""
    out = out or sys.stdout
    prefix = resolve_checkpoint(file_name)
    with BundleReader(prefix) as reader:
        infos = reader.tensor_infos()
        if tensor_name is not None:
            if not reader.has_tensor(tensor_name):
                close = difflib.get_close_matches(tensor_name, list(infos), n=3, cutoff=0.5)
                hint = (" Closest names: %s." % ", ".join(close)) if close else ""
                raise InspectError("tensor %r is not in checkpoint %s.%s" % (tensor_name, prefix, hint))
            _print_value(tensor_name, reader.get_tensor(tensor_name), out)
            return
        names = sorted(infos)
        if all_tensors:
            for name in names:
                _print_value(name, reader.get_tensor(name), out)
        else:
            width = max([len(n) for n in names] + [4])
            print("%-*s  %-10s  %-16s  %s" % (width, "name", "dtype", "shape", "size"), file=out)
            for name in names:
                info = infos[name]
                print("%-*s  %-10s  %-16s  %d" % (width, name, info.dtype.name, _format_shape(info.shape),
                                                  _size(info.shape)), file=out)
    total = sum(_size(infos[n].shape) for n in names)
    print("# Total number of params: %d" % total, file=out)


def inspect_main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Entry point of `varflow inspect`; returns the exit status."""
    parser = argparse.ArgumentParser(prog="varflow inspect",
                                     description="List the tensors of a TensorFlow checkpoint, or print values.")
    parser.add_argument("checkpoint", help="checkpoint prefix (e.g. /tmp/model.ckpt-100) or a directory")
    parser.add_argument("--tensor", default=None, help="print the value of this tensor")
    parser.add_argument("--all", action="store_true", help="print the values of all tensors")
    args = parser.parse_args(argv)
    err = err or sys.stderr
    try:
        print_tensors_in_checkpoint_file(args.checkpoint, args.tensor, args.all, out=out)
    except (InspectError, OSError) as exc:
        _fail(str(exc), err)
        return 1
    except errors.OpError as exc:
        _fail("%s: %s" % (type(exc).__name__, exc.message), err)
        return 1
    return 0


def _fail(message: str, err: TextIO) -> None:
    print("varflow inspect: error: %s" % " ".join(message.split()), file=err)
