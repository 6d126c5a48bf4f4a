"""Vocabulary remapping of checkpointed matrices, for `tf.train.warm_start` with `tf.train.VocabInfo`.

`GenerateVocabRemapping` maps each line of a new vocabulary file (a window of it) to its line in the old
one (-1 when absent); `LoadAndRemapMatrix` reads a 2-D float32 tensor from a checkpoint and builds a
matrix whose rows (and columns) follow such remappings, taking `initializing_values` in row-major order
for every cell whose row or column is absent. `load_and_remap_matrix_initializer` combines both into an
initializer that also appends out-of-vocabulary rows/columns drawn from a backup initializer.
"""
from __future__ import annotations

import os

import numpy as np

from ..checkpoint.bundle import BundleReader
from ..framework import dtypes, errors
from ..framework.graph import Tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops, math_ops
from ..ops.constant_op import constant
from ..ops.op_util import make, make1

__all__ = ["generate_vocab_remapping", "load_and_remap_matrix", "load_and_remap_matrix_initializer"]


def _text(value) -> str:
    value = value.item() if isinstance(value, np.ndarray) else value
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _vocab_lines(path: str) -> list:
    """The lines of a vocabulary file (a trailing '\\r' dropped); an empty line is an error, as in TF."""
    try:
        with open(path, "rb") as f:
            lines = f.read().split(b"\n")
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % path) from None
    if lines and lines[-1] == b"":
        lines.pop()
    lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]
    for number, line in enumerate(lines):
        if not line:
            raise errors.InvalidArgumentError(None, None, "Invalid content in %s: empty line %d"
                                              % (path, number))
    return lines


# ------------------------------------------------------------------------------------------------
# GenerateVocabRemapping
# ------------------------------------------------------------------------------------------------
def _remapping_rule(inputs, attrs):
    return [(dtypes.int64, TensorShape([attrs["num_new_vocab"]])), (dtypes.int32, TensorShape([]))]


def _remapping_kernel(new_vocab_file, old_vocab_file, new_vocab_offset=0, num_new_vocab=0,
                      old_vocab_size=-1):
    new_path, old_path = _text(new_vocab_file), _text(old_vocab_file)
    old_lines = _vocab_lines(old_path)
    if old_vocab_size != -1:
        if old_vocab_size > len(old_lines):
            raise errors.InvalidArgumentError(
                None, None, "Invalid vocab_size in %s: expected %d but got %d"
                % (old_path, old_vocab_size, len(old_lines)))
        old_lines = old_lines[:old_vocab_size]
    old_index: dict = {}
    for number, token in enumerate(old_lines):
        if token in old_index:
            raise errors.FailedPreconditionError(
                None, None, "HashTable has different value for same key. Key %s has %d and trying to add "
                "value %d (old vocabulary %s)" % (token.decode("utf-8", "replace"), old_index[token],
                                                  number, old_path))
        old_index[token] = number
    new_lines = _vocab_lines(new_path)
    if new_vocab_offset + num_new_vocab > len(new_lines):
        raise errors.InvalidArgumentError(
            None, None, "lookup table size must be larger than last new vocab entry's line: %s has %d "
            "lines, rows %d..%d were asked for" % (new_path, len(new_lines), new_vocab_offset,
                                                    new_vocab_offset + num_new_vocab - 1))
    window = new_lines[new_vocab_offset:new_vocab_offset + num_new_vocab]
    remapping = np.array([old_index.get(token, -1) for token in window], dtype=np.int64)
    return remapping, np.int32(np.count_nonzero(remapping >= 0))


define("GenerateVocabRemapping", _remapping_rule, _remapping_kernel, stateful=True, differentiable=False)


def generate_vocab_remapping(new_vocab_file, old_vocab_file, new_vocab_offset: int, num_new_vocab: int,
                             old_vocab_size: int = -1, name=None):
    """(remapping, num_present): for lines [new_vocab_offset, +num_new_vocab) of `new_vocab_file`, the
    line of the same token among the first `old_vocab_size` (-1: all) lines of `old_vocab_file`, or -1."""
    if new_vocab_offset < 0 or num_new_vocab < 0 or old_vocab_size < -1:
        raise ValueError("new_vocab_offset and num_new_vocab must be >= 0 and old_vocab_size >= -1; got "
                         "%d, %d, %d" % (new_vocab_offset, num_new_vocab, old_vocab_size))
    with name_scope(name, "GenerateVocabRemapping") as scope:
        inputs = [constant(new_vocab_file, dtype=dtypes.string, name="new_vocab_file"),
                  constant(old_vocab_file, dtype=dtypes.string, name="old_vocab_file")]
        op = make("GenerateVocabRemapping", inputs,
                  {"new_vocab_offset": int(new_vocab_offset), "num_new_vocab": int(num_new_vocab),
                   "old_vocab_size": int(old_vocab_size)}, name=scope)
        return op._outputs[0], op._outputs[1]


# ------------------------------------------------------------------------------------------------
# LoadAndRemapMatrix
# ------------------------------------------------------------------------------------------------
def _load_rule(inputs, attrs):
    return [(dtypes.float32, TensorShape([attrs["num_rows"], attrs["num_cols"]]))]


def _invalid(message: str):
    return errors.InvalidArgumentError(None, None, message)


def _load_kernel(ckpt_path, old_tensor_name, row_remapping, col_remapping, initializing_values,
                 num_rows=0, num_cols=0, max_rows_in_memory=-1):
    prefix, name = _text(ckpt_path), _text(old_tensor_name)
    rows = np.asarray(row_remapping, np.int64).reshape(-1)
    cols = np.asarray(col_remapping, np.int64).reshape(-1)
    if rows.size != num_rows:
        raise _invalid("Tensor row_remapping has %d entries instead of num_rows=%d" % (rows.size, num_rows))
    if cols.size not in (0, num_cols):
        raise _invalid("Tensor col_remapping has %d entries instead of num_cols=%d (or none)"
                       % (cols.size, num_cols))
    with BundleReader(prefix) as reader:
        if not reader.has_tensor(name):
            raise errors.NotFoundError(None, None, "Key %s not found in checkpoint %s" % (name, prefix))
        info = reader.tensor_info(name)
        if info.dtype != dtypes.float32 or len(info.shape) != 2:
            raise _invalid("Tensor %s in %s must be a float32 matrix, not %s of shape %s"
                           % (name, prefix, info.dtype.name, list(info.shape)))
        old = reader.read(name)
    if cols.size == 0:
        if old.shape[1] != num_cols:
            raise _invalid("Tensor %s has shape %s, where the size of its 2nd dimension is %d instead of "
                           "being equal to num_cols=%d" % (name, list(old.shape), old.shape[1], num_cols))
        cols = np.arange(num_cols, dtype=np.int64)
    for what, remap, limit in (("row", rows, old.shape[0]), ("column", cols, old.shape[1])):
        if np.any(remap >= limit):
            raise _invalid("%s_remapping of %s refers to %s %d, but the checkpoint tensor has %d"
                           % (what, name, what, int(remap.max()), limit))
    present = (rows >= 0)[:, None] & (cols >= 0)[None, :]
    values = np.asarray(initializing_values, np.float32).reshape(-1)
    missing = int(present.size - np.count_nonzero(present))
    if values.size != missing:
        raise _invalid("Number of entries (%d) in initializing_values doesn't match the number of cells "
                       "(%d) of the %dx%d output that are not in the checkpoint"
                       % (values.size, missing, num_rows, num_cols))
    out = np.empty((num_rows, num_cols), np.float32)
    out[present] = old[np.ix_(np.maximum(rows, 0), np.maximum(cols, 0))][present]
    out[~present] = values     # boolean assignment fills in row-major order, as TF's op does
    return out


define("LoadAndRemapMatrix", _load_rule, _load_kernel, stateful=True, differentiable=False)


def load_and_remap_matrix(ckpt_path: str, old_tensor_name: str, row_remapping, col_remapping,
                          initializing_values, num_rows: int, num_cols: int, max_rows_in_memory: int = -1,
                          name=None) -> Tensor:
    """The [num_rows, num_cols] float32 matrix of checkpoint tensor `old_tensor_name` remapped: cell
    (i, j) is old[row_remapping[i], col_remapping[j]] (an empty col_remapping keeps the columns), or the
    next of `initializing_values` where either index is -1."""
    with name_scope(name, "LoadAndRemapMatrix") as scope:
        inputs = [constant(ckpt_path, dtype=dtypes.string, name="ckpt_path"),
                  constant(old_tensor_name, dtype=dtypes.string, name="old_tensor_name"),
                  _int64(row_remapping, "row_remapping"), _int64(col_remapping, "col_remapping"),
                  _float(initializing_values, "initializing_values")]
        return make1("LoadAndRemapMatrix", inputs,
                     {"num_rows": int(num_rows), "num_cols": int(num_cols),
                      "max_rows_in_memory": int(max_rows_in_memory)}, name=scope)


def _int64(value, name: str) -> Tensor:
    return value if isinstance(value, Tensor) else constant(np.asarray(value, np.int64).reshape(-1),
                                                            dtype=dtypes.int64, name=name)


def _float(value, name: str) -> Tensor:
    return value if isinstance(value, Tensor) else constant(value, dtype=dtypes.float32, name=name)


# ------------------------------------------------------------------------------------------------
# The initializer warm_start uses
# ------------------------------------------------------------------------------------------------
def load_and_remap_matrix_initializer(ckpt_path: str, old_tensor_name: str, new_row_vocab_size: int,
                                      new_col_vocab_size: int, old_row_vocab_size: int = -1,
                                      old_row_vocab_file=None, new_row_vocab_file=None,
                                      old_col_vocab_file=None, new_col_vocab_file=None,
                                      num_row_oov_buckets: int = 0, num_col_oov_buckets: int = 0,
                                      initializer=None, max_rows_in_memory: int = -1):
    """An initializer `(shape, dtype, partition_info)` for a [rows, cols] float32 variable (or part of
    one, partitioned along rows) whose values come from checkpoint tensor `old_tensor_name` remapped by
    the vocabularies, with `num_*_oov_buckets` extra rows/columns and absent entries from `initializer`
    (default: zeros)."""
    from ..variables.init_ops import zeros_initializer

    if initializer is None:
        initializer = zeros_initializer()
    if not callable(initializer):
        raise TypeError("initializer must be callable, instead of being %r of type %s."
                        % (initializer, type(initializer)))

    def _initializer(shape, dtype=dtypes.float32, partition_info=None):
        if dtypes.as_dtype(dtype) != dtypes.float32:
            raise TypeError("Currently, only float32 is supported. Received dtype: %s" % dtype)
        shape = list(shape)
        if len(shape) != 2:
            raise ValueError("Expected 2-dim shape, but received: %s" % shape)
        if shape[0] <= 0:
            raise ValueError("Expected 1st dim of shape to be > 0, but received shape: %s" % shape)
        if shape[1] != new_col_vocab_size + num_col_oov_buckets:
            raise ValueError("Expected shape[1]: %d to be equal to new_col_vocab_size (%d) + "
                             "num_col_oov_buckets (%d)" % (shape[1], new_col_vocab_size,
                                                           num_col_oov_buckets))
        offset = 0 if partition_info is None else partition_info.single_offset(shape)
        if offset + shape[0] > new_row_vocab_size + num_row_oov_buckets:
            raise ValueError("Trying to initialize %d additional rows after %d rows already initialized, "
                             "which would exceed expected total row count of new_row_vocab_size (%d) + "
                             "num_row_oov_buckets (%d)." % (shape[0], offset, new_row_vocab_size,
                                                            num_row_oov_buckets))
        row_oov_to_use = min(shape[0], max(0, offset + shape[0] - new_row_vocab_size))
        num_rows_to_load = shape[0] - row_oov_to_use
        if offset > new_row_vocab_size:      # a part holding only out-of-vocabulary rows
            return initializer(shape)
        return _load_and_remap(ckpt_path, old_tensor_name, offset, num_rows_to_load, new_col_vocab_size,
                               initializer, old_row_vocab_size, old_row_vocab_file, new_row_vocab_file,
                               old_col_vocab_file, new_col_vocab_file, row_oov_to_use,
                               num_col_oov_buckets, max_rows_in_memory)

    return _initializer


def _load_and_remap(ckpt_path, old_tensor_name, new_row_vocab_offset, num_rows_to_load, new_col_vocab_size,
                    initializer, old_row_vocab_size, old_row_vocab_file, new_row_vocab_file,
                    old_col_vocab_file, new_col_vocab_file, num_row_oov_buckets, num_col_oov_buckets,
                    max_rows_in_memory):
    """The remapped rows of this part, then its OOV rows and columns from `initializer`."""
    if new_row_vocab_file:
        row_remapping, num_rows_present = generate_vocab_remapping(
            new_row_vocab_file, old_row_vocab_file, new_row_vocab_offset, num_rows_to_load,
            old_vocab_size=old_row_vocab_size)
    else:
        row_remapping = math_ops.range(new_row_vocab_offset, new_row_vocab_offset + num_rows_to_load,
                                       dtype=dtypes.int64)
        num_rows_present = num_rows_to_load
    col_remapping, num_cols_present = [], new_col_vocab_size
    if new_col_vocab_file:
        col_remapping, num_cols_present = generate_vocab_remapping(
            new_col_vocab_file, old_col_vocab_file, 0, new_col_vocab_size)
    # The count of absent cells is only known when the vocabularies are read (at run time): draw the
    # most that can be needed from the initializer and keep that many.
    most = num_rows_to_load * new_col_vocab_size
    missing = most - (math_ops.cast(num_rows_present, dtypes.int32)
                      * math_ops.cast(num_cols_present, dtypes.int32))
    drawn = array_ops.reshape(initializer([max(most, 1), 1]), [-1])
    init_vals = array_ops.reshape(array_ops.slice(drawn, [0], array_ops.reshape(missing, [1])), [-1, 1])
    result = load_and_remap_matrix(os.fspath(ckpt_path), old_tensor_name, row_remapping, col_remapping,
                                   init_vals, num_rows_to_load, new_col_vocab_size,
                                   max_rows_in_memory=max_rows_in_memory)
    if num_row_oov_buckets > 0:
        oov_rows = initializer([num_row_oov_buckets, new_col_vocab_size])
        result = array_ops.concat([result, oov_rows], 0)
    if num_col_oov_buckets > 0:
        oov_cols = initializer([num_rows_to_load + num_row_oov_buckets, num_col_oov_buckets])
        result = array_ops.concat([result, oov_cols], 1)
    return result
