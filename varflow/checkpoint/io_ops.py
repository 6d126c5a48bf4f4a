"""The checkpoint ops a Saver builds, with TF's names and inputs: `SaveV2` writes its input tensors (or slices
of partitioned ones) as a checkpoint at the prefix its first input holds, `RestoreV2` reads them back.

Both run on the host when a session runs them, so `sess.run(saver_def.save_tensor_name,
{saver_def.filename_tensor_name: prefix})` saves like `Saver.save` does.  The second input names the tensors;
the third gives each one's slice as TF's "d0 d1 start,length:start,length" string ("" for a whole tensor).
"""
from __future__ import annotations

import contextlib
import contextvars
import difflib
import os

import numpy as np

from ..framework import dtypes as dtypes_lib
from ..framework import errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, unknown_shape
from ..ops.constant_op import constant
from ..ops.op_util import const_value, make, make1
from . import fileio
from .bundle import BundleReader, BundleWriter
from .merge import merge_checkpoints
from .slices import parse_save_slice_info, resolve_extents

__all__ = ["save_v2", "restore_v2", "replacing_into", "sharded_filename", "sharded_filespec",
           "merge_v2_checkpoints"]

# The DeferredFree a Saver's save passes to SaveV2 (kernels run on the thread calling Session.run).
_REPLACED: contextvars.ContextVar = contextvars.ContextVar("varflow_checkpoint_replaced", default=None)


@contextlib.contextmanager
def replacing_into(freer: fileio.DeferredFree):
    """While active, SaveV2 holds the files it replaces in `freer`, for its caller to release later."""
    token = _REPLACED.set(freer)
    try:
        yield
    finally:
        _REPLACED.reset(token)


def _text(value) -> str:
    value = value.item() if isinstance(value, np.ndarray) else value
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _texts(values) -> list[str]:
    return [_text(v) for v in np.asarray(values, dtype=object).reshape(-1)]


def _prefix_tensor(prefix) -> Tensor:
    return prefix if isinstance(prefix, Tensor) else constant(prefix, name="prefix")


# ------------------------------------------------------------------------------------------------
# SaveV2
# ------------------------------------------------------------------------------------------------
def _save_kernel(prefix, tensor_names, shape_and_slices, *tensors, dtypes=()):
    names, specs = _texts(tensor_names), _texts(shape_and_slices)
    if not len(names) == len(specs) == len(tensors):
        raise errors.InvalidArgumentError(
            None, None, "SaveV2 got %d tensor names, %d shape_and_slices and %d tensors; they must match"
            % (len(names), len(specs), len(tensors)))
    prefix = _text(prefix)
    _make_last_directory(prefix)
    with BundleWriter(prefix, replaced=_REPLACED.get()) as writer:
        for name, spec, value, dtype in zip(names, specs, tensors, dtypes):
            if spec:
                full_shape, extents = parse_save_slice_info(spec)
                writer.add_slice(name, full_shape, extents, value, dtype=dtype)
            else:
                writer.add(name, value, dtype=dtype)


def _make_last_directory(prefix: str) -> None:
    """Create the prefix's directory when only its last level is missing, as TF's SaveV2 does (a
    sharded Saver's devices write into `<prefix>_temp/`); deeper gaps are the BundleWriter's error."""
    directory = os.path.dirname(prefix)
    if directory and not os.path.isdir(directory) and os.path.isdir(os.path.dirname(directory) or "."):
        try:
            os.mkdir(directory)
        except FileExistsError:
            pass


define("SaveV2", lambda inputs, attrs: [], _save_kernel, stateful=True, differentiable=False)


def save_v2(prefix, tensor_names: list[str], shape_and_slices: list[str], tensors: list,
            name: str = "SaveV2"):
    """The SaveV2 op writing `tensors` under `tensor_names` at `prefix` (a string tensor, or a path made
    a `prefix` constant)."""
    with name_scope(name) as scope:
        prefix = _prefix_tensor(prefix)
        names = constant(tensor_names, name="tensor_names")
        slices = constant(shape_and_slices, name="shape_and_slices")
        attrs = {"dtypes": [t.dtype.base_dtype for t in tensors]}
        return make("SaveV2", [prefix, names, slices] + list(tensors), attrs, name=scope)


# ------------------------------------------------------------------------------------------------
# RestoreV2
# ------------------------------------------------------------------------------------------------
def _slice_shape(spec: str) -> TensorShape:
    full_shape, extents = parse_save_slice_info(spec)
    return TensorShape([stop - start for start, stop in resolve_extents(extents, full_shape)])


def _restore_rule(inputs, attrs):
    specs = const_value(inputs[2])
    specs = _texts(specs) if specs is not None else [""] * len(attrs["dtypes"])
    return [(dtype, _slice_shape(spec) if spec else unknown_shape())
            for dtype, spec in zip(attrs["dtypes"], specs)]


def _restored(reader: BundleReader, name: str, spec: str, dtype, wholes: dict) -> np.ndarray:
    """One restored value (read-only), after checking the key exists and its dtype and full shape."""
    if not reader.has_tensor(name):
        close = difflib.get_close_matches(name, reader.keys(), n=3, cutoff=0.5)
        raise errors.NotFoundError(
            None, None, "Key %s not found in checkpoint %s.%s Restore a subset with tf.train.Saver(var_list="
            "...), or map checkpoint names to variables with a {checkpoint_name: variable} dict."
            % (name, reader.prefix, (" Closest names in it: %s." % ", ".join(close)) if close else ""))
    info = reader.tensor_info(name)
    if info.dtype != dtype:
        raise errors.InvalidArgumentError(
            None, None, "tensor_name = %s; expected dtype %s does not equal original dtype %s (checkpoint %s)"
            % (name, dtype.name, info.dtype.name, reader.prefix))
    if not spec:
        value = reader.read(name)
    else:
        full_shape, extents = parse_save_slice_info(spec)
        if tuple(info.shape) != full_shape:
            raise errors.InvalidArgumentError(
                None, None, "tensor_name = %s; shape in shape_and_slice spec %s does not match the shape "
                "stored in checkpoint %s: %s" % (name, list(full_shape), reader.prefix, list(info.shape)))
        value = reader.read_slice(name, extents, wholes)
    if value.flags.writeable:
        value.flags.writeable = False  # a variable can keep it without another copy
    return value


def _restore_kernel(prefix, tensor_names, shape_and_slices, dtypes=()):
    prefix = _text(prefix)
    wholes: dict = {}
    try:
        with BundleReader(prefix) as reader:
            values = [_restored(reader, name, spec, dtype, wholes)
                      for name, spec, dtype in zip(_texts(tensor_names), _texts(shape_and_slices), dtypes)]
    except errors.DataLossError as e:
        aside = fileio.interrupted_save_files(prefix)
        if aside:
            raise errors.DataLossError(
                None, None, "%s\nA save to %s was interrupted; the checkpoint it was replacing is intact as "
                "%s: rename those files back (drop the %r suffix) to restore it."
                % (e.message, prefix, ", ".join(aside), fileio.INTERRUPTED_SUFFIX)) from e
        raise
    return values[0] if len(values) == 1 else tuple(values)


define("RestoreV2", _restore_rule, _restore_kernel, stateful=True, differentiable=False)


def restore_v2(prefix, tensor_names: list[str], shape_and_slices: list[str], dtypes: list,
               name: str = "RestoreV2") -> list[Tensor]:
    """The RestoreV2 op's outputs: the checkpoint's `tensor_names` (their `shape_and_slices` parts) read
    from `prefix` (a string tensor, or a path made a `prefix` constant)."""
    with name_scope(name) as scope:
        prefix = _prefix_tensor(prefix)
        names = constant(tensor_names, name="tensor_names")
        slices = constant(shape_and_slices, name="shape_and_slices")
        return list(make("RestoreV2", [prefix, names, slices], {"dtypes": list(dtypes)}, name=scope)._outputs)


# ------------------------------------------------------------------------------------------------
# A sharded Saver's file names and its final merge
# ------------------------------------------------------------------------------------------------
def _scalar_string_rule(inputs, attrs):
    return [(dtypes_lib.string, TensorShape([]))]


def _sharded_filename_kernel(basename, shard, num_shards):
    return np.array(("%s-%05d-of-%05d" % (_text(basename), int(shard), int(num_shards))).encode(),
                    dtype=object)


def _sharded_filespec_kernel(basename, num_shards):
    return np.array(("%s-?????-of-%05d" % (_text(basename), int(num_shards))).encode(), dtype=object)


define("ShardedFilename", _scalar_string_rule, _sharded_filename_kernel, differentiable=False)
define("ShardedFilespec", _scalar_string_rule, _sharded_filespec_kernel, differentiable=False)


def sharded_filename(basename, shard, num_shards, name=None) -> Tensor:
    """`<basename>-SSSSS-of-NNNNN`: the file name of shard `shard` of `num_shards`."""
    with name_scope(name, "ShardedFilename") as scope:
        inputs = [_string_tensor(basename, "basename"), _int_tensor(shard, "shard"),
                  _int_tensor(num_shards, "num_shards")]
        return make1("ShardedFilename", inputs, {}, name=scope)


def sharded_filespec(basename, num_shards, name=None) -> Tensor:
    """`<basename>-?????-of-NNNNN`: a glob matching every shard's file name."""
    with name_scope(name, "ShardedFilespec") as scope:
        inputs = [_string_tensor(basename, "basename"), _int_tensor(num_shards, "num_shards")]
        return make1("ShardedFilespec", inputs, {}, name=scope)


def _string_tensor(value, name: str) -> Tensor:
    return convert_to_tensor(value, dtype=dtypes_lib.string, name=name)   # a list of tensors is packed


def _int_tensor(value, name: str) -> Tensor:
    return value if isinstance(value, Tensor) else constant(value, dtype=dtypes_lib.int32, name=name)


def _merge_kernel(checkpoint_prefixes, destination_prefix, delete_old_dirs=True, allow_missing_files=False):
    merge_checkpoints(_texts(checkpoint_prefixes), _text(destination_prefix), bool(delete_old_dirs),
                      bool(allow_missing_files), replaced=_REPLACED.get())


define("MergeV2Checkpoints", lambda inputs, attrs: [], _merge_kernel, stateful=True, differentiable=False)


def merge_v2_checkpoints(checkpoint_prefixes, destination_prefix, delete_old_dirs: bool = True,
                         allow_missing_files: bool = False, name=None):
    """The MergeV2Checkpoints op: the checkpoints at `checkpoint_prefixes` (a string vector) become one
    at `destination_prefix`, their index files (and emptied directories) removed."""
    with name_scope(name, "MergeV2Checkpoints") as scope:
        inputs = [_string_tensor(checkpoint_prefixes, "checkpoint_prefixes"),
                  _string_tensor(destination_prefix, "destination_prefix")]
        return make("MergeV2Checkpoints", inputs, {"delete_old_dirs": bool(delete_old_dirs),
                                                   "allow_missing_files": bool(allow_missing_files)},
                    name=scope)
