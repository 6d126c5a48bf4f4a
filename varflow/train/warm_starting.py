"""`tf.train.warm_start`: initialize chosen variables from a checkpoint instead of their initializers.

It selects variables (a regex over TRAINABLE_VARIABLES, a list of regexes over GLOBAL_VARIABLES, or a list
of variables), groups the parts of partitioned variables under their full name so each is warm-started as
a whole, renames through `var_name_to_prev_var_name`, and hands the result to `init_from_checkpoint`.
Variables with a `tf.train.VocabInfo` get an initializer that remaps the checkpoint's rows (axis 0) or
columns (axis 1) from the old vocabulary to the new one (varflow/train/checkpoint_ops.py).
"""
from __future__ import annotations

import collections

from ..framework import dtypes, errors
from ..framework.graph import get_collection, get_default_graph
from ..framework.graph_keys import GraphKeys
from ..framework.proto_message import Field, Message
from ..ops import state_ops
from ..platform import tf_logging as logging
from ..variables.partitioned import PartitionedVariable, PartitionInfo
from ..variables.variables import Variable
from . import checkpoint_ops, checkpoint_utils

__all__ = ["VocabInfo", "warm_start"]

# The key under which object-based (tf.train.Checkpoint) checkpoints store their object graph.
_OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"


class _SerializedTensor(Message):
    """One saved attribute of a trackable object: its variable's name and its checkpoint key."""

    FIELDS = (Field("name", 1, "string"), Field("full_name", 2, "string"),
              Field("checkpoint_key", 3, "string"))


class _TrackableObject(Message):
    FIELDS = (Field("attributes", 2, "message", repeated=True, message=_SerializedTensor),)


class _TrackableObjectGraph(Message):
    """The part of TF's TrackableObjectGraph proto that maps variable names to checkpoint keys."""

    FIELDS = (Field("nodes", 1, "message", repeated=True, message=_TrackableObject),)


class VocabInfo(collections.namedtuple("VocabInfo", [
        "new_vocab", "new_vocab_size", "num_oov_buckets", "old_vocab", "old_vocab_size",
        "backup_initializer", "axis"])):
    """How to warm-start a variable whose rows (axis=0) or columns (axis=1) follow a vocabulary:
    the new and old vocabulary files (one token a line), how many new entries (`new_vocab_size`) and
    out-of-vocabulary buckets it has, how many old lines count (-1: all), and the initializer of the
    entries the checkpoint lacks (default zeros)."""

    def __new__(cls, new_vocab, new_vocab_size, num_oov_buckets, old_vocab, old_vocab_size=-1,
                backup_initializer=None, axis=0):
        if axis not in (0, 1):
            raise ValueError("The only supported values for the axis argument are 0 and 1.  "
                             "Provided axis: %s" % (axis,))
        return super().__new__(cls, new_vocab, new_vocab_size, num_oov_buckets, old_vocab,
                               old_vocab_size, backup_initializer, axis)


def warm_start(ckpt_to_initialize_from, vars_to_warm_start=".*", var_name_to_vocab_info=None,
               var_name_to_prev_var_name=None) -> None:
    """Make the initializers of the selected variables read `ckpt_to_initialize_from` (a checkpoint prefix
    or a directory). `vars_to_warm_start`: a regex (matched from the start of the name) over the trainable
    variables, a list of regexes over all global variables, a list of Variables, or None (only the
    variables given a VocabInfo). `var_name_to_prev_var_name` maps a variable's name to its name in
    the checkpoint. `var_name_to_vocab_info` maps a variable's name to its `VocabInfo`: its rows or
    columns are remapped from the old vocabulary to the new one. Build `tf.global_variables_initializer()`
    after this call.

        tf.train.warm_start("/tmp/old_model", vars_to_warm_start="dense/.*")
    """
    logging.info("Warm-starting from: %s", ckpt_to_initialize_from)
    grouped = _grouped_variables(vars_to_warm_start)
    var_name_to_vocab_info = var_name_to_vocab_info or {}
    if not var_name_to_prev_var_name:
        var_name_to_prev_var_name = _object_checkpoint_renames(ckpt_to_initialize_from, grouped.keys())
    prev_names_used, vocab_infos_used = set(), set()
    vocabless = {}
    count = 0
    for var_name, group in grouped.items():
        prev_name = var_name_to_prev_var_name.get(var_name)
        if prev_name:
            prev_names_used.add(var_name)
        vocab_info = var_name_to_vocab_info.get(var_name)
        if vocab_info:
            vocab_infos_used.add(var_name)
            count += 1
            _warm_start_var_with_vocab(group, vocab_info, ckpt_to_initialize_from, prev_name)
            continue
        if not vars_to_warm_start:
            continue      # None (or an empty pattern): only variables with vocabularies are warm-started
        count += 1
        variable = group[0] if len(group) == 1 else group
        prev_tensor_name, var = _var_info(variable, prev_name)
        if prev_tensor_name in vocabless:
            # init_from_checkpoint maps one checkpoint tensor to one variable: initialize this one alone.
            checkpoint_utils.init_from_checkpoint(ckpt_to_initialize_from, {prev_tensor_name: var})
        else:
            vocabless[prev_tensor_name] = var
    if vocabless:
        checkpoint_utils.init_from_checkpoint(ckpt_to_initialize_from, vocabless)
    logging.info("Warm-started %d variables.", count)
    for argument, given, used in (("var_name_to_prev_var_name", var_name_to_prev_var_name, prev_names_used),
                                  ("var_name_to_vocab_info", var_name_to_vocab_info, vocab_infos_used)):
        not_used = set(given) - used
        if not_used:
            raise ValueError("You provided the following variables in %s that were not used: %s.  Perhaps "
                             "you misspelled them?  Here is the list of viable variable names: %s"
                             % (argument, not_used, list(grouped)))


def _warm_start_var_with_vocab(var, vocab_info: VocabInfo, prev_ckpt, prev_tensor_name) -> None:
    """Give each part of `var` (a Variable, a list of parts or a PartitionedVariable) an initializer that
    assigns the checkpoint matrix remapped along `vocab_info.axis` to the new vocabulary."""
    current_vocab_path, current_vocab_size = vocab_info.new_vocab, vocab_info.new_vocab_size
    prev_vocab_path, axis = vocab_info.old_vocab, vocab_info.axis
    if not (current_vocab_path and current_vocab_size and prev_ckpt and prev_vocab_path):
        raise ValueError("Invalid args: Must provide all of [current_vocab_path, current_vocab_size, "
                         "prev_ckpt, prev_vocab_path}.")
    if _is_variable(var):
        var = [var]
    elif isinstance(var, PartitionedVariable):
        var = var._get_variable_list()
    elif not (isinstance(var, list) and all(_is_variable(v) for v in var)):
        raise TypeError("var MUST be one of the following: a Variable, list of Variable or "
                        "PartitionedVariable, but is %s" % type(var))
    if not prev_tensor_name:
        prev_tensor_name = _infer_var_name(var)
    ckpt_path = checkpoint_utils._prefix_of(prev_ckpt)
    total_rows = sum(v.get_shape().as_list()[0] for v in var)
    for v in var:
        shape = v.get_shape().as_list()
        if len(shape) != 2:
            raise ValueError("Expected 2-dim shape, but received: %s (variable %s; vocabulary remapping "
                             "needs a matrix)" % (shape, v.name))
        info = v._get_save_slice_info()
        partition_info = None if info is None else PartitionInfo(info.full_shape, info.var_offset)
        if axis == 0:
            rows = dict(new_row_vocab_size=current_vocab_size, new_col_vocab_size=shape[1],
                        old_row_vocab_size=vocab_info.old_vocab_size, old_row_vocab_file=prev_vocab_path,
                        new_row_vocab_file=current_vocab_path,
                        num_row_oov_buckets=vocab_info.num_oov_buckets)
        else:   # all parts together: partitions only split rows
            rows = dict(new_row_vocab_size=total_rows, new_col_vocab_size=current_vocab_size,
                        old_col_vocab_file=prev_vocab_path, new_col_vocab_file=current_vocab_path,
                        num_col_oov_buckets=vocab_info.num_oov_buckets)
        init = checkpoint_ops.load_and_remap_matrix_initializer(
            ckpt_path=ckpt_path, old_tensor_name=prev_tensor_name,
            initializer=vocab_info.backup_initializer, **rows)
        value = init(shape=shape, partition_info=partition_info)
        handle = v._ref_or_handle()
        if handle.dtype == dtypes.resource:
            assigned = state_ops.assign(handle, value, name="AssignVariableOp")
        else:
            assigned = state_ops.assign(handle, value)
        v._initializer_op = getattr(assigned, "op", assigned)
    get_default_graph()._structure_changed()


def _is_variable(x) -> bool:
    return isinstance(x, Variable)


def _grouped_variables(vars_to_warm_start) -> dict:
    """{name: [variables or parts]} of the selected variables, parts grouped under their full name."""
    if isinstance(vars_to_warm_start, str) or vars_to_warm_start is None:
        logging.info("Warm-starting variables only in TRAINABLE_VARIABLES.")
        selected = get_collection(GraphKeys.TRAINABLE_VARIABLES, scope=vars_to_warm_start)
    elif isinstance(vars_to_warm_start, list):
        if all(isinstance(v, str) for v in vars_to_warm_start):
            selected = []
            for pattern in vars_to_warm_start:
                selected += get_collection(GraphKeys.GLOBAL_VARIABLES, scope=pattern)
        elif all(_is_variable(v) for v in vars_to_warm_start):
            selected = vars_to_warm_start
        else:
            raise ValueError("If `vars_to_warm_start` is a list, it must be all `Variable` or all `str`.  "
                             "Given types are %s" % [type(v) for v in vars_to_warm_start])
    else:
        raise ValueError("`vars_to_warm_start` must be a `list` or `str`.  Given type is %s"
                         % type(vars_to_warm_start))
    grouped: dict = {}
    for v in selected:
        grouped.setdefault(_infer_var_name([v]), []).append(v)
    return grouped


def _infer_var_name(var_list) -> str:
    """The checkpoint name the Saver would give `var_list` (one variable, or the parts of one)."""
    from .saver import _entries_from_list

    names = list(dict.fromkeys(entry.key for entry in _entries_from_list(var_list)))
    if len(names) > 1:
        raise TypeError("`var` = %s passed as arg violates the constraints: it holds variables of several "
                        "names %s." % (var_list, names))
    return names[0]


def _var_info(var, prev_tensor_name):
    """(checkpoint tensor name, what init_from_checkpoint initializes) of a variable or a list of parts."""
    if _is_variable(var):
        name = _infer_var_name([var])
    elif isinstance(var, list) and all(_is_variable(v) for v in var):
        name = _infer_var_name(var)
    elif isinstance(var, PartitionedVariable):
        name = _infer_var_name([var])
        var = var._get_variable_list()
    else:
        raise TypeError("var MUST be one of the following: a Variable, list of Variable or "
                        "PartitionedVariable, but is %s" % type(var))
    return prev_tensor_name or name, var


def _object_checkpoint_renames(path, variable_names) -> dict:
    """For an object-based checkpoint, {variable name: checkpoint key}; {} for a name-based one."""
    try:
        with checkpoint_utils.load_checkpoint(path) as reader:
            if not reader.has_tensor(_OBJECT_GRAPH_KEY):
                return {}
            data = reader.get_tensor(_OBJECT_GRAPH_KEY)
    except errors.NotFoundError:
        return {}     # no such checkpoint: init_from_checkpoint reports it if anything is to be read
    data = data.item() if hasattr(data, "item") else data
    graph = _TrackableObjectGraph.FromString(data if isinstance(data, bytes) else data.encode())
    names_to_keys = {attr.full_name: attr.checkpoint_key for node in graph.nodes
                     for attr in node.attributes}
    missing = set(variable_names) - set(names_to_keys)
    if missing:
        raise ValueError("Attempting to warm-start from an object-based checkpoint, but found that the "
                         "checkpoint did not contain values for all variables. The following variables "
                         "were missing: %s" % missing)
    return {name: names_to_keys[name] for name in variable_names}
