"""`tf.train.Saver`: save variables to, and restore them from, checkpoints in TensorFlow's V2 format.

Keys are TF's: a variable's op name (`net/w`, `net/w/Adam`), or the names of a `var_list` dict; a
partitioned variable is ONE full-shape entry stored as slices, so TF and varflow can restore it with a
different partitioning.  The Saver builds TF's ops under `save/` (`save/Const` the filename,
`save/SaveV2` + `save/control_dependency`, `save/RestoreV2` + assigns + `save/restore_all`), named in its
SaverDef.  `save` runs the save tensor (the bundle is written atomically, index last), then writes the
`checkpoint` state file, deletes checkpoints past `max_to_keep` (with their `.meta` files) and, unless
`write_meta_graph=False`, writes `<checkpoint>.meta`: the MetaGraphDef `tf.train.import_meta_graph`
(varflow's or TF's) rebuilds the graph from.  `restore` runs `restore_all`.  A Saver made from a
SaverDef (`import_meta_graph` makes one) runs the ops that SaverDef names.
"""
from __future__ import annotations

import difflib
import glob
import numbers
import os
import re
import time
from dataclasses import dataclass

import numpy as np

from ..checkpoint import BundleReader, checkpoint_exists, io_ops, update_checkpoint_state
from ..checkpoint.fileio import DeferredFree
from ..checkpoint.state import remove_checkpoint
from ..framework import dtypes, errors
from ..framework.graph import Tensor, control_dependencies, device, get_default_graph, name_scope
from ..framework.graph_keys import GraphKeys
from ..framework.meta_graph import (MetaGraphDef, SaverDef, export_meta_graph, prepend_name_scope,
                                    strip_name_scope)
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops, constant_op, control_flow_ops, state_ops
from ..platform import tf_logging as logging
from ..variables.partitioned import PartitionedVariable
from ..variables.variables import Variable
from . import training_util

__all__ = ["Saver", "SaverDef"]

_VARIABLE_OP_TYPES = ("VariableV2", "Variable", "VarHandleOp", "AutoReloadVariable")


def saver_def_to_proto(saver_def: SaverDef, export_scope: str | None = None) -> SaverDef | None:
    """A copy of `saver_def` with `export_scope/` stripped from its names (None if any is outside it)."""
    if export_scope is None:
        return saver_def
    names = (saver_def.filename_tensor_name, saver_def.save_tensor_name, saver_def.restore_op_name)
    if not all(n.startswith(export_scope) for n in names):
        return None
    out = SaverDef.FromString(saver_def.SerializeToString())
    out.filename_tensor_name, out.save_tensor_name, out.restore_op_name = (
        strip_name_scope(n, export_scope) for n in names)
    return out


def _checked_saver_def(saver_def, name: str | None) -> SaverDef:
    """The SaverDef given to Saver (TF's own message is converted), its names moved under `name/` in
    place, as TF's Saver does (TF's "import scope" use of `name`); ValueError, as TF, when it is not a
    SaverDef or names no save or restore op."""
    if not isinstance(saver_def, SaverDef):
        if not (hasattr(saver_def, "SerializeToString") and hasattr(saver_def, "restore_op_name")):
            raise ValueError("saver_def must be a saver_pb2.SaverDef: %s" % (saver_def,))
        saver_def = SaverDef.FromString(saver_def.SerializeToString())
    if not saver_def.save_tensor_name:
        raise ValueError("saver_def must specify the save_tensor_name: %s" % saver_def)
    if not saver_def.restore_op_name:
        raise ValueError("saver_def must specify the restore_op_name: %s" % saver_def)
    if name:
        saver_def.filename_tensor_name = prepend_name_scope(saver_def.filename_tensor_name, name)
        saver_def.save_tensor_name = prepend_name_scope(saver_def.save_tensor_name, name)
        saver_def.restore_op_name = prepend_name_scope(saver_def.restore_op_name, name)
    return saver_def


# ------------------------------------------------------------------------------------------------
# What to save: one entry per checkpoint tensor (or per slice of a partitioned one)
# ------------------------------------------------------------------------------------------------
@dataclass
class _Entry:
    """One saved tensor or slice: `key` in the checkpoint, what to read and what to assign on restore."""

    key: str
    name: str                  # the variable's own name, for messages
    dtype: dtypes.DType
    shape: tuple | None        # this entry's (part) shape; None when not fully known
    full_shape: tuple | None   # the whole tensor's shape for a slice, else None
    offset: tuple | None       # the slice's offset for a slice, else None
    target: Tensor             # ref tensor or resource handle
    device: str
    source: object = None      # the Variable or variable tensor, to read the saved value from

    @property
    def shape_and_slice(self) -> str:
        """TF's "d0 d1 start,length:start,length" for a slice, "" for a whole tensor."""
        if self.full_shape is None:
            return ""
        return "%s %s" % (" ".join(str(d) for d in self.full_shape),
                          ":".join("%d,%d" % (o, n) for o, n in zip(self.offset, self.shape)))

    def saved_value(self) -> Tensor:
        """What SaveV2 reads, as in TF: a ref variable itself (a partition: its snapshot `part_0/read`), a
        resource variable's own read (`<var>/Read/ReadVariableOp`)."""
        if self.target.dtype != dtypes.resource:
            sliced = self.full_shape is not None and isinstance(self.source, Variable)
            return self.source.value() if sliced else self.target
        element = getattr(self.source, "_graph_element", None)
        if element is not None:
            return element
        with name_scope(self.name + "/Read/"):
            return state_ops.read_variable_op(self.target, self.dtype)


def _target_of(var) -> tuple[Tensor, str]:
    """(ref tensor or resource handle, op name) of a Variable or a variable op's output tensor."""
    if isinstance(var, Variable):
        return var._ref_or_handle(), var.op.name
    if isinstance(var, Tensor) and var.op.type in _VARIABLE_OP_TYPES:
        return var, var.op.name
    raise TypeError("Variable to save is not a Variable: %r. Saver saves variables (tf.Variable, "
                    "tf.get_variable, PartitionedVariable); pass {name: variable} to rename them." % (var,))


def _make_entry(key: str, var, slice_info=None) -> _Entry:
    target, name = _target_of(var)
    if isinstance(var, Tensor) and var.dtype == dtypes.resource:  # a raw VarHandleOp output
        shape, dtype = var.op.get_attr("shape"), var.op.get_attr("dtype")
    else:
        shape, dtype = var.get_shape(), var.dtype.base_dtype
    shape = tuple(shape.as_list()) if shape.is_fully_defined() else None
    if slice_info is None:
        return _Entry(key, name, dtype, shape, None, None, target, var.device, var)
    return _Entry(key, name, dtype, tuple(int(d) for d in slice_info.var_shape),
                  tuple(int(d) for d in slice_info.full_shape), tuple(int(d) for d in slice_info.var_offset),
                  target, var.device, var)


def _slice_info(var):
    getter = getattr(var, "_get_save_slice_info", None)
    return getter() if getter is not None else None


def _entries_for_parts(key: str, parts) -> list[_Entry]:
    out = []
    for part in parts:
        info = _slice_info(part)
        if info is None:
            raise ValueError("Part %s of partitioned variable %s has no SaveSliceInfo; a list value in a "
                             "Saver var_list dict must be the parts of one partitioned variable."
                             % (getattr(part, "name", part), key))
        out.append(_make_entry(key, part, info))
    return out


def _entries_from_list(var_list) -> list[_Entry]:
    """TF's rules for a list: key = op name; parts of a partitioned variable group under its full name."""
    entries: list[_Entry] = []
    plain: set[str] = set()
    sliced: dict[str, list] = {}
    for var in var_list:
        if isinstance(var, PartitionedVariable):
            if var.name in plain or var.name in sliced:
                raise ValueError("At least two variables have the same name: %s" % var.name)
            sliced[var.name] = list(var)
            continue
        info = _slice_info(var)
        if info is not None:
            if info.full_name in plain:
                raise ValueError("At least two variables have the same name: %s" % info.full_name)
            group = sliced.setdefault(info.full_name, [])
            if any(p is var for p in group):
                raise ValueError("At least two variables have the same name: %s" % var.op.name)
            group.append(var)
            continue
        _, name = _target_of(var)
        if name in plain or name in sliced:
            raise ValueError("At least two variables have the same name: %s" % name)
        plain.add(name)
        entries.append(_make_entry(name, var))
    for key, parts in sliced.items():
        entries.extend(_entries_for_parts(key, parts))
    return entries


def _entries_from_dict(var_dict) -> list[_Entry]:
    """`{checkpoint_key: variable | PartitionedVariable | [parts]}`: the keys rename the variables."""
    entries: list[_Entry] = []
    seen: set[int] = set()
    for key in sorted(var_dict, key=str):
        value = var_dict[key]
        if not isinstance(key, str):
            raise TypeError("names_to_saveables must be a dict mapping string names to Variables; got "
                            "key %r" % (key,))
        parts = list(value) if isinstance(value, (PartitionedVariable, list, tuple)) else [value]
        for part in parts:
            if not isinstance(part, (Variable, Tensor)) or (isinstance(part, Tensor)
                                                             and part.op.type not in _VARIABLE_OP_TYPES):
                raise TypeError("names_to_saveables must be a dict mapping string names to Tensors/"
                                "Variables. Not a variable: %r" % (part,))
            ident = id(part.op)
            if ident in seen:
                raise ValueError("The same saveable will be restored with two names: %s" % key)
            seen.add(ident)
        if isinstance(value, (PartitionedVariable, list, tuple)):
            entries.extend(_entries_for_parts(key, parts))
        else:
            entries.append(_make_entry(key, value))
    return entries


def _filename_tensor(default: str) -> Tensor:
    """TF's filename input of a Saver: `filename` (defaulting to `default`) fed through `Const`."""
    with name_scope("filename") as scope:
        given = constant_op.constant(default, name="input")
        filename = array_ops.placeholder_with_default(given, TensorShape([]), name=scope)
    return array_ops.placeholder_with_default(filename, TensorShape([]), name="Const")


def _default_var_list(graph) -> list:
    return graph.get_collection(GraphKeys.GLOBAL_VARIABLES) + graph.get_collection(GraphKeys.SAVEABLE_OBJECTS)


# ------------------------------------------------------------------------------------------------
# Saver
# ------------------------------------------------------------------------------------------------
class Saver:
    """`tf.train.Saver`: saves and restores variables; keeps the newest `max_to_keep` checkpoints.

        saver = tf.train.Saver()                      # GLOBAL_VARIABLES (+ SAVEABLE_OBJECTS)
        path = saver.save(sess, "/tmp/model.ckpt", global_step=step)   # "/tmp/model.ckpt-<step>"
        saver.restore(sess, tf.train.latest_checkpoint("/tmp"))
    """

    def __init__(self, var_list=None, reshape: bool = False, sharded: bool = False, max_to_keep: int = 5,
                 keep_checkpoint_every_n_hours: float = 10000.0, name: str | None = None,
                 restore_sequentially: bool = False, saver_def: SaverDef | None = None, builder=None,
                 defer_build: bool = False, allow_empty: bool = False, write_version: int = SaverDef.V2,
                 pad_step_number: bool = False, save_relative_paths: bool = False, filename: str | None = None):
        if defer_build and var_list is not None:
            raise ValueError("If `var_list` is provided then build cannot be deferred. Either set "
                             "defer_build=False or var_list=None.")
        if write_version == SaverDef.V1:
            logging.warning("varflow writes only TensorFlow's V2 checkpoint format; write_version=V1 is "
                            "written as V2.")
        if saver_def is not None:  # its configuration wins, as TF's Saver(saver_def=...) does
            saver_def = _checked_saver_def(saver_def, name)
            max_to_keep = saver_def.max_to_keep
            sharded = saver_def.sharded
            keep_checkpoint_every_n_hours = saver_def.keep_checkpoint_every_n_hours
        self._var_list = var_list
        self._reshape = reshape
        self._sharded = sharded
        self._max_to_keep = max_to_keep
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self._name = name
        self._restore_sequentially = restore_sequentially  # one assign op per entry either way
        self._builder = builder
        self._allow_empty = allow_empty
        self._pad_step_number = pad_step_number
        self._save_relative_paths = save_relative_paths
        self._filename = filename or "model"
        self._graph = get_default_graph()
        self._last_checkpoints: list[tuple[str, float]] = []
        self._checkpoints_to_be_deleted: list[tuple[str, float]] = []
        self._next_checkpoint_time = time.time() + keep_checkpoint_every_n_hours * 3600
        self._entries: list[_Entry] = []
        self._is_built = False
        self._is_empty = False
        self.saver_def = saver_def
        if not defer_build:
            self.build()

    # --- building ---------------------------------------------------------------------------------
    def build(self) -> None:
        """Collect the variables and build the save and restore ops (once); a Saver made from a
        `saver_def` builds nothing: it runs the ops that SaverDef names, as TF's does."""
        if self._is_built:
            return
        if self.saver_def is not None:
            self._is_built = True
            return
        var_list = self._var_list
        if var_list is None:
            var_list = _default_var_list(self._graph)
        if isinstance(var_list, dict):
            entries = _entries_from_dict(var_list)
        elif isinstance(var_list, (list, tuple, set)):
            entries = _entries_from_list(list(var_list))
        else:
            raise TypeError("Variables to save should be passed in a dict or a list, got %r; write [v] for "
                            "one variable." % (var_list,))
        if not entries:
            if not self._allow_empty:
                raise ValueError("No variables to save")
            self._is_empty = True   # TF leaves such a Saver without ops and without a SaverDef
            self._is_built = True
            return
        entries.sort(key=lambda e: e.key)  # TF orders saveables by name (parts keep their order)
        self._devices = sorted({e.device for e in entries})
        with self._graph.as_default():
            values = [e.saved_value() for e in entries]
            with name_scope(self._name or "save"):
                self._filename_tensor = _filename_tensor(self._filename)
                save_tensor = self._add_save_ops(entries, values)
                restore_op = self._add_restore_ops(entries)
        self._entries = entries
        self._is_built = True
        self.saver_def = self.saver_def or self._make_saver_def(
            self._filename_tensor.name, save_tensor.name, restore_op.name)

    def _add_save_ops(self, entries: list[_Entry], values: list[Tensor]) -> Tensor:
        """The save ops, ending in a tensor holding the filename once the checkpoint is written:
        SaveV2 of every entry then `control_dependency`; sharded, TF's per-device saves into
        `<prefix>_temp/part-SSSSS-of-NNNNN` and a final MergeV2Checkpoints, then `Identity`."""
        if not self._sharded:
            return self._save_to(self._filename_tensor, entries, values)
        from ..ops import string_ops      # (loaded for sharded Savers only)

        prefix = self._filename_tensor
        with device("CPU"):
            suffix = array_ops.where(string_ops.regex_full_match(prefix, "^s3://.*"),
                                     constant_op.constant(".part"), constant_op.constant("_temp/part"))
            temp_prefix = string_ops.string_join([prefix, suffix])
        num_shards = constant_op.constant(len(self._devices), name="num_shards")
        saved, shard_prefixes = [], []
        for shard, dev in enumerate(self._devices):
            with device(dev), device("/device:CPU:0"):
                shard_prefix = io_ops.sharded_filename(temp_prefix, shard, num_shards)
                shard_prefixes.append(shard_prefix)
                indices = [i for i, e in enumerate(entries) if e.device == dev]
                saved.append(self._save_to(shard_prefix, [entries[i] for i in indices],
                                           [values[i] for i in indices]))
        with control_dependencies([t.op for t in saved]), device(self._devices[-1]), \
                device("/device:CPU:0"):
            merge = io_ops.merge_v2_checkpoints(shard_prefixes, prefix, delete_old_dirs=True)
            with control_dependencies([merge]):
                return array_ops.identity(prefix, name="Identity")

    @staticmethod
    def _save_to(prefix: Tensor, entries: list[_Entry], values: list[Tensor]) -> Tensor:
        save = io_ops.save_v2(prefix, [e.key for e in entries], [e.shape_and_slice for e in entries], values)
        with control_dependencies([save]):
            return array_ops.identity(prefix, name="control_dependency")

    def _add_restore_ops(self, entries: list[_Entry]):
        """RestoreV2 (one per device when sharded) and an assign per entry, grouped as `restore_all`."""
        if not self._sharded:
            return control_flow_ops.group(*self._restore_group(entries), name="restore_all")
        shards = []
        for dev in self._devices:
            with device(dev):
                assigns = self._restore_group([e for e in entries if e.device == dev])
                shards.append(control_flow_ops.group(*assigns, name="restore_shard"))
        return control_flow_ops.group(*shards, name="restore_all")

    def _restore_group(self, entries: list[_Entry]) -> list:
        with device("/device:CPU:0"):
            restored = io_ops.restore_v2(self._filename_tensor, [e.key for e in entries],
                                         [e.shape_and_slice for e in entries], [e.dtype for e in entries])
        assigns = []
        for entry, value in zip(entries, restored):
            if self._reshape and entry.shape is not None:
                value = array_ops.reshape(value, entry.shape)
            if entry.target.dtype == dtypes.resource:
                assigns.append(state_ops.assign(entry.target, array_ops.identity(value),
                                                name="AssignVariableOp"))
            else:
                assigns.append(state_ops.assign(entry.target, value, validate_shape=entry.shape is not None,
                                                name="Assign"))
        return assigns

    def _make_saver_def(self, filename_name: str, save_name: str, restore_name: str) -> SaverDef:
        return SaverDef(filename_tensor_name=filename_name, save_tensor_name=save_name,
                        restore_op_name=restore_name, max_to_keep=int(self._max_to_keep or 0),
                        sharded=bool(self._sharded),
                        keep_checkpoint_every_n_hours=float(self._keep_checkpoint_every_n_hours),
                        version=SaverDef.V2)

    def as_saver_def(self) -> SaverDef:
        """This Saver's SaverDef (None for an empty Saver)."""
        return self.saver_def

    def to_proto(self, export_scope: str | None = None) -> SaverDef | None:
        """The SaverDef, its names without `export_scope/` (None if they are outside it), as the
        `savers` collection of a MetaGraphDef holds it."""
        return None if self.saver_def is None else saver_def_to_proto(self.saver_def, export_scope)

    @staticmethod
    def from_proto(saver_def: SaverDef, import_scope: str | None = None) -> "Saver":
        """A Saver running the ops `saver_def` names (under `import_scope/`)."""
        return Saver(saver_def=saver_def, name=import_scope)

    def export_meta_graph(self, filename=None, collection_list=None, as_text: bool = False,
                          export_scope=None, clear_devices: bool = False,
                          clear_extraneous_savers: bool = False, strip_default_attrs: bool = False,
                          save_debug_info: bool = False) -> MetaGraphDef:
        """`tf.train.export_meta_graph` of the default graph with this Saver's SaverDef."""
        return export_meta_graph(filename=filename, graph=get_default_graph(),
                                 saver_def=self.saver_def, collection_list=collection_list, as_text=as_text,
                                 export_scope=export_scope, clear_devices=clear_devices,
                                 clear_extraneous_savers=clear_extraneous_savers,
                                 strip_default_attrs=strip_default_attrs, save_debug_info=save_debug_info)

    def _check_built(self, what: str) -> None:
        if not self._is_built:
            raise RuntimeError("`build()` should be called before %s if defer_build==True" % what)

    # --- the list of kept checkpoints ---------------------------------------------------------------
    @property
    def last_checkpoints(self) -> list[str]:
        """Prefixes of the checkpoints still kept, oldest first."""
        return [path for path, _ in self._last_checkpoints]

    def set_last_checkpoints(self, last_checkpoints: list[str]) -> None:
        """Replace the kept list (deprecated in TF; such entries are never deleted by age)."""
        _check_is_list("last_checkpoints", last_checkpoints)
        self._last_checkpoints = [(path, np.inf) for path in last_checkpoints]

    def set_last_checkpoints_with_time(self, last_checkpoints_with_time: list[tuple[str, float]]) -> None:
        """Replace the kept list with (prefix, timestamp) pairs."""
        _check_is_list("last_checkpoints_with_time", last_checkpoints_with_time)
        self._last_checkpoints = [(path, float(t)) for path, t in last_checkpoints_with_time]

    def recover_last_checkpoints(self, checkpoint_paths: list[str]) -> None:
        """Adopt existing checkpoints (e.g. after a restart) so max_to_keep keeps counting them."""
        kept = []
        for path in checkpoint_paths:
            index = path + ".index"
            if os.path.exists(index):
                kept.append((path, os.stat(index).st_mtime))
            elif os.path.exists(path):
                kept.append((path, os.stat(path).st_mtime))
        self.set_last_checkpoints_with_time(kept)

    def _record_last_checkpoint(self, path: str) -> None:
        if not self._max_to_keep:
            return
        self._last_checkpoints = [p for p in self._last_checkpoints if p[0] != path]
        self._last_checkpoints.append((path, time.time()))
        if len(self._last_checkpoints) > self._max_to_keep:
            self._checkpoints_to_be_deleted.append(self._last_checkpoints.pop(0))

    def _maybe_delete_stale_checkpoints(self, meta_graph_suffix: str, freer: DeferredFree | None = None) -> None:
        """Delete the oldest checkpoint pushed out of the kept list, unless keep_every_n_hours keeps it
        (with `freer`, its data files are held open so the file system frees them off-thread later)."""
        if not self._checkpoints_to_be_deleted:
            return
        path, stamp = self._checkpoints_to_be_deleted.pop(0)
        if stamp > self._next_checkpoint_time:
            self._next_checkpoint_time += self._keep_checkpoint_every_n_hours * 3600
            return
        if freer is not None:
            for data_path in glob.glob(glob.escape(path) + ".data-?????-of-?????"):
                freer.hold(data_path)
        try:
            remove_checkpoint(path, meta_graph_suffix=meta_graph_suffix)
        except OSError as exc:
            logging.warning("Ignoring: %s", exc)

    # --- save -----------------------------------------------------------------------------------
    def save(self, sess, save_path, global_step=None, latest_filename: str | None = None,
             meta_graph_suffix: str = "meta", write_meta_graph: bool = True, write_state: bool = True,
             strip_default_attrs: bool = False, save_debug_info: bool = False) -> str | None:
        """Write a checkpoint of the variables' values in `sess`; returns its prefix
        (`save_path`, or `save_path-<global_step>`), or None for an empty Saver."""
        self._check_built("save")
        if latest_filename is None:
            latest_filename = "checkpoint"
        if os.path.split(latest_filename)[0]:
            raise ValueError("'latest_filename' must not contain path components")
        if not callable(getattr(sess, "run", None)):
            raise TypeError("'sess' must be a Session; %s" % (sess,))
        save_path = os.fspath(save_path)
        if global_step is not None:
            if not isinstance(global_step, numbers.Integral):
                global_step = training_util.global_step(sess, global_step)
            checkpoint_file = ("%s-%08d" if self._pad_step_number else "%s-%d") % (save_path, int(global_step))
        else:
            checkpoint_file = save_path
            if os.path.basename(save_path) == latest_filename and not self._sharded:
                raise ValueError("'latest_filename' collides with 'save_path': '%s' and '%s'"
                                 % (latest_filename, save_path))
        if self._is_empty:
            if write_meta_graph:  # TF writes the graph even when there is nothing to save
                self._write_meta_graph(sess, checkpoint_file, meta_graph_suffix, strip_default_attrs,
                                       save_debug_info)
            return None
        save_dir = os.path.dirname(save_path)
        self._make_parent_dir(save_dir, save_path)
        replaced = DeferredFree()  # files this save replaces are freed after its last fsync
        try:
            with io_ops.replacing_into(replaced):  # by name, as TF: in the session's graph
                sess.run(self.saver_def.save_tensor_name,
                         {self.saver_def.filename_tensor_name: checkpoint_file})
            if write_state:
                self._record_last_checkpoint(checkpoint_file)
                update_checkpoint_state(save_dir, checkpoint_file, self.last_checkpoints,
                                        latest_filename=latest_filename,
                                        save_relative_paths=self._save_relative_paths)
                self._maybe_delete_stale_checkpoints(meta_graph_suffix, replaced)
        finally:
            replaced.release()
        if write_meta_graph:
            self._write_meta_graph(sess, checkpoint_file, meta_graph_suffix, strip_default_attrs,
                                   save_debug_info)
        return checkpoint_file

    def _write_meta_graph(self, sess, checkpoint_file: str, suffix: str, strip_default_attrs: bool,
                          save_debug_info: bool) -> None:
        """Write `<checkpoint>.<suffix>` (TF's name: a sharded file's `-?????-of-?????` dropped)."""
        base = re.sub(r"-[\d?]+-of-\d+$", "", checkpoint_file)
        with sess.graph.as_default():
            self.export_meta_graph("%s.%s" % (base, suffix), strip_default_attrs=strip_default_attrs,
                                   save_debug_info=save_debug_info)

    def _make_parent_dir(self, save_dir: str, save_path: str) -> None:
        """Create a missing parent directory one level deep, as TF's unsharded save does."""
        if not save_dir or os.path.isdir(save_dir):
            return
        if not self._sharded:
            try:
                os.mkdir(save_dir)
                return
            except OSError:
                pass
        raise ValueError("Parent directory of %s doesn't exist, can't save.%s" % (save_path, (
            " A sharded Saver does not create it; call os.makedirs(%r) first." % save_dir) if self._sharded
            else " Only a missing last level is created; call os.makedirs(%r) first." % save_dir))

    # --- restore --------------------------------------------------------------------------------
    def restore(self, sess, save_path) -> None:
        """Assign every saved value to its variable in `sess` (no initializer needs to run first)."""
        if self._is_empty:
            return
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        prefix = os.fspath(save_path)
        if not checkpoint_exists(prefix):
            raise ValueError("The passed save_path is not a valid checkpoint: " + prefix)
        if not self._is_built:  # TF fails here on its missing SaverDef, with an AttributeError
            raise AttributeError("`build()` should be called before restore if defer_build==True")
        logging.info("Restoring parameters from %s", prefix)
        try:
            sess.run(self.saver_def.restore_op_name, {self.saver_def.filename_tensor_name: prefix})
        except (errors.NotFoundError, errors.InvalidArgumentError) as e:
            explained = _explain_restore_error(prefix, self._entries, self._reshape)
            if explained is None:
                raise
            raise explained from e

    def __repr__(self):
        if not self._entries and self.saver_def is not None:   # made from a SaverDef
            return "<tf.train.Saver running %s, max_to_keep=%s>" % (self.saver_def.restore_op_name,
                                                                    self._max_to_keep)
        return "<tf.train.Saver of %d tensors, max_to_keep=%s>" % (len({e.key for e in self._entries}),
                                                                  self._max_to_keep)


def _check_is_list(what: str, value) -> None:
    """TF asserts these arguments are lists, so a wrong type is an AssertionError there and here."""
    if not isinstance(value, list):
        raise AssertionError("%s must be a list, got %s %r; wrap it in a list: [...]"
                             % (what, type(value).__name__, value))


def _explain_restore_error(prefix: str, entries: list[_Entry], reshape: bool) -> errors.OpError | None:
    """The first entry the checkpoint cannot restore, as an error naming its variable (the restore op only
    knows checkpoint keys); None when every entry matches."""
    try:
        reader = BundleReader(prefix)
    except errors.OpError:
        return None
    with reader:
        for entry in entries:
            if not reader.has_tensor(entry.key):
                close = difflib.get_close_matches(entry.key, reader.keys(), n=3, cutoff=0.5)
                hint = (" Closest names in the checkpoint: %s." % ", ".join(close)) if close else ""
                return errors.NotFoundError(
                    None, None, "Restoring from checkpoint failed: key %s (for variable %s) not found in "
                    "checkpoint %s.%s Restore a subset with tf.train.Saver(var_list=...), or rename with a "
                    "{checkpoint_name: variable} dict." % (entry.key, entry.name, prefix, hint))
            info = reader.tensor_info(entry.key)
            if info.dtype != entry.dtype:
                return errors.InvalidArgumentError(
                    None, None, "Restoring from checkpoint failed: tensor %s in %s has dtype %s but variable %s "
                    "has dtype %s" % (entry.key, prefix, info.dtype.name, entry.name, entry.dtype.name))
            want = entry.full_shape if entry.full_shape is not None else entry.shape
            same_size = reshape and want is not None and int(np.prod(info.shape)) == int(np.prod(want))
            if want is not None and tuple(info.shape) != tuple(want) and not same_size:
                return errors.InvalidArgumentError(
                    None, None, "Restoring from checkpoint failed: tensor %s in %s has shape %s but variable %s "
                    "has shape %s (Assign requires shapes of both tensors to match; Saver(reshape=True) "
                    "restores a value of the same size into another shape)"
                    % (entry.key, prefix, list(info.shape), entry.name, list(want)))
    return None
