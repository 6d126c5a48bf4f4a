"""Lookup tables (`tf.lookup`): hash tables filled from tensors or text files, and mutable tables.

A table is session state, like a variable: the table op (HashTableV2, MutableHashTableV2, ...) yields
the `_Table` of the running session, kept in a slot of the session's container under the table's
shared name (or op name), so each local Session has its own contents and a cluster-target Session
shares them with the other sessions of this process on that target. The ops that read and change a
table (LookupTableFindV2, LookupTableImportV2, ...) take that table as their first input.
"""
from __future__ import annotations

import threading
import uuid

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import (Operation, Tensor, add_to_collection, convert_to_tensor,
                               get_collection, get_default_graph, name_scope)
from ..framework.graph_keys import GraphKeys
from ..framework.registry import define
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import array_ops, control_flow_ops, math_ops, string_ops
from .op_util import make, make1

__all__ = ["tables_initializer", "initialize_all_tables"]

_TABLE_OPS = ("HashTableV2", "MutableHashTableV2", "MutableHashTableOfTensorsV2",
              "MutableDenseHashTableV2")


# ------------------------------------------------------------------------------------------------
# Run-time state: one _Table per (session container, shared name)
# ------------------------------------------------------------------------------------------------
class _Table:
    """The contents of one table in one session: a dict from key to value."""

    def __init__(self, name: str, mutable: bool, key_dtype, value_dtype, value_shape: tuple):
        self.name = name
        self.mutable = mutable
        self.key_dtype = key_dtype
        self.value_dtype = value_dtype
        self.value_shape = value_shape
        self.data: dict = {}
        self.initialized = mutable        # mutable tables need no initializer
        self.lock = threading.Lock()
        self.reserved: dict = {}          # DenseHashTable: key -> "empty_key" / "deleted_key"

    def check_keys(self, keys: list) -> None:
        """DenseHashTable refuses its empty and deleted keys as table keys."""
        if self.reserved:
            for k in keys:
                what = self.reserved.get(k)
                if what is not None:
                    raise errors.InvalidArgumentError(
                        None, None, "Using the %s as a table key is not allowed" % what)

    def check_initialized(self, error=errors.FailedPreconditionError,
                          message: str = "Table not initialized.") -> None:
        if not self.initialized:
            raise error(None, None, "%s (table %s: run tf.tables_initializer() or the table's "
                                    "initializer first)" % (message, self.name))

    def import_pairs(self, keys: list, values: np.ndarray) -> None:
        """Fill an initializable table once (TF's rules for duplicates and re-initialization)."""
        with self.lock:
            if self.initialized:
                if len(keys) != len(self.data):
                    raise errors.FailedPreconditionError(
                        None, None, "Table was already initialized with different data.")
                return
            data: dict = {}
            for k, v in zip(keys, values):
                old = data.get(k, _MISSING)
                if old is not _MISSING and not _same(old, v):
                    raise errors.FailedPreconditionError(
                        None, None, "HashTable has different value for same key. Key %s has %s "
                        "and trying to add value %s" % (_show(k), _show(old), _show(v)))
                data[k] = v
            self.data = data
            self.initialized = True


_MISSING = object()


def _same(a, b) -> bool:
    return bool(np.array_equal(a, b))


def _show(x) -> str:
    if isinstance(x, bytes):
        return x.decode("utf-8", "replace")
    if isinstance(x, np.ndarray):
        return " ".join(_show(v) for v in x.reshape(-1).tolist())
    return str(x.item() if isinstance(x, np.generic) else x)


def _keys(arr: np.ndarray) -> list:
    """Hashable Python keys for the elements of `arr` (strings as bytes)."""
    arr = np.asarray(arr)
    flat = arr.reshape(-1).tolist()
    if arr.dtype.hasobject:
        return [v.encode("utf-8") if isinstance(v, str) else bytes(v) for v in flat]
    return flat


def _rows(values: np.ndarray, n: int) -> list:
    """The `n` values to store, one per key (scalars or value-shaped rows)."""
    values = np.asarray(values)
    if values.ndim <= 1:
        return list(values.reshape(-1)[:n]) if n else []
    return [values[i] for i in range(n)]


def _table_compile(op: Operation, runtime):
    """Bind the table op to this session's table (created empty on first use)."""
    attrs = op._attrs
    key = "lookup_table:" + (attrs.get("shared_name") or op.name)
    container = runtime.container
    slot = container.slot(key)
    value_shape = tuple(attrs["value_shape"].as_list()) if "value_shape" in attrs else ()
    mutable = op._type != "HashTableV2"
    key_dtype = attrs["key_dtype"] if "key_dtype" in attrs else op._inputs[0]._dtype.base_dtype
    with slot.lock:
        held = slot.peek()
        if held is None:
            holder = np.empty((), dtype=object)
            holder[()] = _Table(op.name, mutable, key_dtype, attrs["value_dtype"], value_shape)
            held = slot.store(holder)
    table = held[()]
    if (table.key_dtype, table.value_dtype, table.mutable) != (key_dtype, attrs["value_dtype"],
                                                               mutable):
        raise errors.InvalidArgumentError(
            None, op, "Trying to share table %s with different key/value dtypes or kind: it "
            "holds %s -> %s, the op %s asks for %s -> %s." % (
                key, table.key_dtype.name, table.value_dtype.name, op.name, key_dtype.name,
                attrs["value_dtype"].name))
    if op._type == "MutableDenseHashTableV2":
        def dense_handle(empty_key, deleted_key):
            if not table.reserved:
                reserved = {_keys(deleted_key)[0]: "deleted_key"}
                reserved[_keys(empty_key)[0]] = "empty_key"
                table.reserved = reserved
            return table
        return dense_handle
    return lambda: table


def _handle_rule(inputs, attrs):
    return [(dtypes.resource, TensorShape([]))]


for _op_type in _TABLE_OPS:
    define(_op_type, _handle_rule, compile=_table_compile, stateful=True, differentiable=False)


def _table_op_of(handle: Tensor):
    """The table-creating op behind a handle tensor (through Identity ops), or None."""
    op = handle._op
    while op._type not in _TABLE_OPS and op._type == "Identity" and op._inputs:
        op = op._inputs[0]._op
    return op if op._type in _TABLE_OPS else None


def _value_shape_of(handle: Tensor):
    op = _table_op_of(handle)
    if op is None:
        return None
    return op._attrs["value_shape"] if "value_shape" in op._attrs else TensorShape([])


def _shape_str(shape: TensorShape) -> str:
    if shape.ndims is None:
        return "?"
    return "[%s]" % ",".join("?" if d is None else str(d) for d in shape.as_list())


# --- LookupTableFindV2 ----------------------------------------------------------------------------
def _find_rule(inputs, attrs):
    value_shape = _value_shape_of(inputs[0])
    keys = inputs[1]._shape
    dtype = inputs[2]._dtype.base_dtype
    if value_shape is None or keys.ndims is None:
        return [(dtype, unknown_shape())]
    return [(dtype, keys.concatenate(value_shape))]


def _find_kernel(table, keys, default):
    table.check_initialized()
    keys = np.asarray(keys)
    value_shape = table.value_shape
    default = np.asarray(default)
    out_dtype = table.value_dtype.np_dtype
    ks = _keys(keys)
    table.check_keys(ks)
    data = table.data
    if default.shape == value_shape:
        out = [data.get(k, default) for k in ks]
    else:
        if default.shape != keys.shape + value_shape:
            raise errors.InvalidArgumentError(
                None, None, "Expected shape %s or %s for default value, got %s" % (
                    list(value_shape), list(keys.shape + value_shape), list(default.shape)))
        per_key = default.reshape((len(ks),) + value_shape)
        out = [data.get(k, per_key[i]) for i, k in enumerate(ks)]
    if not out:
        return np.zeros(keys.shape + value_shape, dtype=out_dtype)
    if value_shape:
        return np.stack(out).astype(out_dtype, copy=False).reshape(keys.shape + value_shape)
    return np.array(out, dtype=out_dtype).reshape(keys.shape)


define("LookupTableFindV2", _find_rule, _find_kernel, stateful=True, differentiable=False)


# --- LookupTableSizeV2 / ExportV2 ---------------------------------------------------------------
def _size_kernel(table):
    return np.array(len(table.data), dtype=np.int64)


define("LookupTableSizeV2", lambda inputs, attrs: [(dtypes.int64, TensorShape([]))], _size_kernel,
       stateful=True, differentiable=False)


def _export_rule(inputs, attrs):
    return [(attrs["Tkeys"], unknown_shape()), (attrs["Tvalues"], unknown_shape())]


def _export_kernel(table, Tkeys, Tvalues):
    if not table.mutable:
        table.check_initialized(errors.AbortedError, "HashTable is not initialized.")
    with table.lock:
        items = list(table.data.items())
    keys = np.empty(len(items), dtype=Tkeys.np_dtype)
    keys[:] = [k for k, _ in items]
    if items:
        values = np.stack([np.asarray(v) for _, v in items]).astype(Tvalues.np_dtype, copy=False)
    else:
        values = np.zeros((0,) + table.value_shape, dtype=Tvalues.np_dtype)
    if table.reserved:      # DenseHashTable's layout: one row per key, values flattened per key
        width = int(np.prod(table.value_shape, dtype=np.int64))
        return keys.reshape(-1, 1), values.reshape(len(items), width)
    return keys, values


define("LookupTableExportV2", _export_rule, _export_kernel, stateful=True, differentiable=False)


# --- LookupTableImportV2 / InsertV2 / RemoveV2 --------------------------------------------------
def _pairs_rule(op_type: str):
    def rule(inputs, attrs):
        keys, values = inputs[1]._shape, inputs[2]._shape
        if op_type != "LookupTableImportV2":      # TF checks insert shapes only at run time
            return []
        if keys.ndims is not None and keys.ndims != 1:
            raise ValueError("Shape must be rank 1 but is rank %d for '%s' with input shapes: "
                             "%s." % (keys.ndims, op_type, ", ".join(
                                 _shape_str(t._shape) for t in inputs)))
        if keys.ndims and values.ndims:
            k, v = keys.as_list()[0], values.as_list()[0]
            if k is not None and v is not None and k != v:
                raise ValueError("Dimensions must be equal, but are %d and %d for '%s' with input "
                                 "shapes: %s." % (k, v, op_type, ", ".join(
                                     _shape_str(t._shape) for t in inputs)))
        return []
    return rule


def _check_values_shape(table, keys: np.ndarray, values: np.ndarray) -> None:
    expected = keys.shape + table.value_shape
    if values.shape != expected:
        raise errors.InvalidArgumentError(
            None, None, "Expected shape %s for value, got %s" % (
                _shape_str(TensorShape(list(expected))), _shape_str(TensorShape(list(values.shape)))))


def _import_kernel(table, keys, values):
    keys, values = np.asarray(keys), np.asarray(values)
    if not table.mutable:
        if keys.shape[:1] != values.shape[:1]:
            raise errors.InvalidArgumentError(
                None, None, "Expected shape %s for values, got %s" % (
                    _shape_str(TensorShape(list(keys.shape))),
                    _shape_str(TensorShape(list(values.shape)))))
        table.import_pairs(_keys(keys), _rows(values, keys.shape[0]))
        return
    _check_values_shape(table, keys, values)
    rows = _rows(values.reshape((-1,) + table.value_shape), keys.size)
    with table.lock:
        table.data = dict(zip(_keys(keys), rows))


define("LookupTableImportV2", _pairs_rule("LookupTableImportV2"), _import_kernel, stateful=True,
       differentiable=False)


def _insert_kernel(table, keys, values):
    keys, values = np.asarray(keys), np.asarray(values)
    if not table.mutable:
        raise errors.InvalidArgumentError(None, None, "Table %s is not mutable: only "
                                          "MutableHashTable supports insert." % table.name)
    _check_values_shape(table, keys, values)
    rows = _rows(values.reshape((-1,) + table.value_shape), keys.size)
    ks = _keys(keys)
    table.check_keys(ks)
    with table.lock:
        data = dict(table.data)
        data.update(zip(ks, rows))
        table.data = data


define("LookupTableInsertV2", _pairs_rule("LookupTableInsertV2"), _insert_kernel, stateful=True,
       differentiable=False)


def _remove_kernel(table, keys):
    if not table.mutable:
        raise errors.InvalidArgumentError(None, None, "Table %s is not mutable: only "
                                          "MutableHashTable supports remove." % table.name)
    ks = _keys(keys)
    table.check_keys(ks)
    with table.lock:
        data = dict(table.data)
        for k in ks:
            data.pop(k, None)
        table.data = data


define("LookupTableRemoveV2", lambda inputs, attrs: [], _remove_kernel, stateful=True,
       differentiable=False)


# --- InitializeTableFromTextFileV2 --------------------------------------------------------------
_WHOLE_LINE, _LINE_NUMBER = -2, -1


def _parse_field(field: bytes, dtype, line_no: int):
    if dtype == dtypes.string:
        return field
    text = field.decode("utf-8", "replace")
    try:
        if dtype.is_integer:
            value = int(text, 10)
            info = np.iinfo(dtype.np_dtype)
            if not info.min <= value <= info.max:
                raise ValueError(text)
            return value
        return dtype.np_dtype.type(float(text))
    except ValueError:
        raise errors.InvalidArgumentError(
            None, None, "Field %s in line %d is not a valid %s." % (text, line_no, dtype.name)
        ) from None


def _text_file_kernel(table, filename, key_index, value_index, vocab_size, delimiter, offset):
    path = filename.item() if isinstance(filename, np.ndarray) else filename
    path = path.decode("utf-8") if isinstance(path, bytes) else str(path)
    try:
        with open(path, "rb") as f:
            content = f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % path) from None
    delim = delimiter.encode("utf-8") if isinstance(delimiter, str) else delimiter
    keys, values = [], []
    position = 0
    lines = content.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    need = max(key_index, value_index) + 1
    for line_no, line in enumerate(lines):
        if vocab_size != -1 and line_no >= vocab_size:
            break
        position += len(line) + 1
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line:
            raise errors.InvalidArgumentError(
                None, None, "Invalid content in %s: empty line found at position %d."
                % (path, position))
        fields = line.split(delim) if need > 0 else []
        if need > 0 and len(fields) < need:
            raise errors.InvalidArgumentError(
                None, None, "Invalid number of columns in %s line %d (%s) : expected at least %d "
                "got %d" % (path, line_no, line.decode("utf-8", "replace"), need, len(fields)))

        def pick(index, dtype, add=0, line_no=line_no, line=line, fields=fields):
            if index == _LINE_NUMBER:
                return line_no + add
            return _parse_field(line if index == _WHOLE_LINE else fields[index], dtype, line_no)
        keys.append(pick(key_index, table.key_dtype))
        values.append(pick(value_index, table.value_dtype, offset))
    if vocab_size != -1 and len(keys) < vocab_size:
        raise errors.InvalidArgumentError(None, None, "Invalid vocab_size in %s: expected %d but "
                                          "got %d" % (path, vocab_size, len(keys)))
    if table.mutable:
        with table.lock:
            table.data = dict(zip(keys, values))
        return
    table.import_pairs(keys, values)


define("InitializeTableFromTextFileV2", lambda inputs, attrs: [], _text_file_kernel,
       stateful=True, differentiable=False)


# ------------------------------------------------------------------------------------------------
# Python API
# ------------------------------------------------------------------------------------------------
def _table_op(op_type: str, key_dtype, value_dtype, name: str, shared_name: str = "",
              use_node_name_sharing: bool = False, value_shape=None) -> Tensor:
    """Create a table op outside any control-dependency scope (TF builds it under init_scope)."""
    attrs = {"container": get_default_graph()._container or "", "shared_name": shared_name,
             "use_node_name_sharing": use_node_name_sharing, "key_dtype": key_dtype,
             "value_dtype": value_dtype}
    if value_shape is not None:
        attrs["value_shape"] = value_shape
    with get_default_graph().control_dependencies(None):
        return make1(op_type, [], attrs, name=name)


def _check_table_dtypes(table, key_dtype, value_dtype) -> None:
    if key_dtype.base_dtype != table.key_dtype:
        raise TypeError("Invalid key dtype for table, expected %s but got %s."
                        % (table.key_dtype, key_dtype))
    if value_dtype.base_dtype != table.value_dtype:
        raise TypeError("Invalid value dtype for table, expected %s but got %s."
                        % (table.value_dtype, value_dtype))


def _check_keys_dtype(keys, key_dtype) -> None:
    if keys.dtype.base_dtype != key_dtype:
        raise TypeError("Dtype of argument `keys` must be %s, received: %s"
                        % (key_dtype, keys.dtype))


class _KeyValueTyped:
    """A table's or an initializer's key and value dtypes."""

    def __init__(self, key_dtype, value_dtype):
        self._key_dtype = dtypes.as_dtype(key_dtype)
        self._value_dtype = dtypes.as_dtype(value_dtype)

    @property
    def key_dtype(self):
        return self._key_dtype

    @property
    def value_dtype(self):
        return self._value_dtype


class LookupInterface(_KeyValueTyped):
    """What every table offers: its key and value dtypes, name, size() and lookup()."""

    @property
    def name(self) -> str:
        return self._table_name

    @property
    def resource_handle(self) -> Tensor:
        return self._resource_handle

    def __getitem__(self, keys):
        return self.lookup(keys)


class TableInitializerBase(_KeyValueTyped):
    """Base of table initializers: the key and value dtypes of the table they fill."""

    @property
    def _shared_name(self) -> str:
        return ""


class KeyValueTensorInitializer(TableInitializerBase):
    """`tf.lookup.KeyValueTensorInitializer`: fill a table from a keys tensor and a values tensor."""

    def __init__(self, keys, values, key_dtype=None, value_dtype=None, name=None):
        self._keys = convert_to_tensor(keys, dtype=key_dtype, name="keys")
        self._values = convert_to_tensor(values, dtype=value_dtype, name="values")
        self._name = name if name is not None else "key_value_init"
        super().__init__(self._keys.dtype, self._values.dtype)

    def initialize(self, table) -> Operation:
        """The LookupTableImportV2 op filling `table` (added to TABLE_INITIALIZERS)."""
        _check_table_dtypes(table, self._keys.dtype, self._values.dtype)
        with name_scope(self._name, values=(table.resource_handle, self._keys, self._values)):
            init_op = make("LookupTableImportV2", [table.resource_handle, self._keys, self._values])
        add_to_collection(GraphKeys.TABLE_INITIALIZERS, init_op)
        return init_op


class TextFileIndex:
    """`tf.lookup.TextFileIndex`: the key/value column meaning the whole line or the line number."""

    WHOLE_LINE = _WHOLE_LINE
    LINE_NUMBER = _LINE_NUMBER


class TextFileInitializer(TableInitializerBase):
    """`tf.lookup.TextFileInitializer`: one table entry per line of a text file; key and value
    are a column (split by `delimiter`), the whole line or the line number."""

    def __init__(self, filename, key_dtype, key_index: int, value_dtype, value_index: int,
                 vocab_size: int | None = None, delimiter: str = "\t", name=None,
                 value_index_offset: int = 0):
        if not isinstance(filename, Tensor) and not filename:
            raise ValueError("`filename` argument required for tf.lookup.TextFileInitializer")
        self._filename_arg = filename
        key_dtype = dtypes.as_dtype(key_dtype)
        value_dtype = dtypes.as_dtype(value_dtype)
        for what, index, dtype in (("key", key_index, key_dtype),
                                   ("value", value_index, value_dtype)):
            _check_text_index(what, index, dtype)
        if vocab_size is not None and vocab_size <= 0:
            raise ValueError("`vocab_size` should be > 0, received: %s" % vocab_size)
        self._key_index = key_index
        self._value_index = value_index
        self._vocab_size = vocab_size
        self._delimiter = delimiter
        self._name = name
        self._offset = value_index_offset
        if isinstance(filename, Tensor):
            self._filename = filename
        else:
            self._filename = convert_to_tensor(filename, dtype=dtypes.string, name="asset_path")
        super().__init__(key_dtype, value_dtype)

    def initialize(self, table) -> Operation:
        """The InitializeTableFromTextFileV2 op filling `table` (added to TABLE_INITIALIZERS)."""
        _check_table_dtypes(table, self.key_dtype, self.value_dtype)
        with name_scope(self._name, "text_file_init", (table.resource_handle,)):
            filename = convert_to_tensor(self._filename, dtypes.string, name="asset_filepath")
            init_op = make("InitializeTableFromTextFileV2", [table.resource_handle, filename],
                           {"key_index": int(self._key_index),
                            "value_index": int(self._value_index),
                            "vocab_size": -1 if self._vocab_size is None else int(self._vocab_size),
                            "delimiter": self._delimiter, "offset": int(self._offset)})
        add_to_collection(GraphKeys.TABLE_INITIALIZERS, init_op)
        if filename._op._type == "Const":
            add_to_collection(GraphKeys.ASSET_FILEPATHS, filename)
        return init_op

    @property
    def _shared_name(self) -> str:
        parts = [self._filename_arg]
        if self._vocab_size:
            parts.append("%d" % self._vocab_size)
        parts += [self._key_index, self._value_index]
        if self._offset:
            parts.append(self._offset)
        return "hash_table_" + "_".join(str(p) for p in parts)


def _check_text_index(what: str, index: int, dtype) -> None:
    if index < -2:
        raise ValueError("`%s_index` should be >= -2, received: %s%s"
                         % (what, index, "." if what == "key" else ""))
    if index == _LINE_NUMBER and dtype != dtypes.int64:
        raise ValueError(("`key_dtype` must be int64 if `key_index` is %d, received: %s"
                          if what == "key" else
                          "`value_dtype` must be int64 for `value_index` %d, received: %s")
                         % (_LINE_NUMBER, dtype))
    if index == _WHOLE_LINE and not dtype.is_integer and dtype != dtypes.string:
        raise ValueError("`%s_dtype` should be either integer or string for `%s_index` %d, "
                         "received: %s" % (what, what, _WHOLE_LINE, dtype))


class InitializableLookupTableBase(LookupInterface):
    """A table filled once by an initializer, then read-only (StaticHashTable)."""

    def __init__(self, default_value, initializer):
        super().__init__(initializer.key_dtype, initializer.value_dtype)
        self._default_value = convert_to_tensor(default_value, dtype=self._value_dtype)
        self._default_value.shape.merge_with(TensorShape([]))
        self._initializer = initializer
        self._resource_handle = self._create_resource()
        self._init_op = self._initializer.initialize(self)

    @property
    def default_value(self) -> Tensor:
        return self._default_value

    @property
    def initializer(self) -> Operation:
        return self._init_op

    def size(self, name=None) -> Tensor:
        """The number of entries (0 before the table is initialized, as in TF)."""
        with name_scope(name, "%s_Size" % self.name, [self.resource_handle]):
            return make1("LookupTableSizeV2", [self.resource_handle])

    def lookup(self, keys, name=None):
        """The value of each key (`default_value` where missing); SparseTensor keys keep their
        indices. Raises TypeError when the keys' dtype is not the table's."""
        key_tensor = keys.values if isinstance(keys, SparseTensor) else keys
        _check_keys_dtype(keys, self._key_dtype)
        with name_scope(name, "%s_Lookup" % self.name,
                        (self.resource_handle, key_tensor, self._default_value)):
            values = make1("LookupTableFindV2",
                           [self.resource_handle, key_tensor, self._default_value])
        values.set_shape(key_tensor.shape)
        if isinstance(keys, SparseTensor):
            return SparseTensor(keys.indices, values, keys.dense_shape)
        return values


class StaticHashTable(InitializableLookupTableBase):
    """`tf.lookup.StaticHashTable`: an immutable table filled by its initializer, which must run
    (`tf.tables_initializer()`) before any lookup.

    >>> t = StaticHashTable(KeyValueTensorInitializer(["a", "b"], [1, 2]), -1)
    >>> # sess.run(tf.tables_initializer()); sess.run(t.lookup(tf.constant(["a", "c"]))) == [1, -1]

    `experimental_is_anonymous` is accepted and changes nothing: the table is shared by name.
    """

    def __init__(self, initializer, default_value, name=None,
                 experimental_is_anonymous: bool = False):
        self._initializer = initializer
        self._shared_name = initializer._shared_name or "hash_table_%s" % uuid.uuid4()
        self._name = name or "hash_table"
        self._table_name = None
        super().__init__(default_value, initializer)
        self._value_shape = self._default_value.shape

    def _create_resource(self) -> Tensor:
        handle = _table_op("HashTableV2", self._initializer.key_dtype,
                           self._initializer.value_dtype, self._name, self._shared_name)
        self._table_name = handle.op.name.split("/")[-1]
        return handle

    def export(self, name=None):
        """(keys, values) tensors of every entry (order unspecified, as in TF)."""
        with name_scope(name, "%s_Export" % self.name, [self.resource_handle]):
            keys, values = make("LookupTableExportV2", [self.resource_handle],
                                {"Tkeys": self._key_dtype, "Tvalues": self._value_dtype})._outputs
        values.set_shape(keys.shape.concatenate(self._value_shape))
        return keys, values


class StaticVocabularyTable(LookupInterface):
    """`tf.lookup.StaticVocabularyTable`: ids from a vocabulary table, and for keys not in it one
    of `num_oov_buckets` ids after the vocabulary, chosen by FarmHash Fingerprint64 (as TF)."""

    def __init__(self, initializer, num_oov_buckets: int, lookup_key_dtype=None, name=None,
                 experimental_is_anonymous: bool = False):
        if num_oov_buckets <= 0:
            raise ValueError("`num_oov_buckets` must be > 0; use StaticHashTable.")
        if name:
            name = name.rstrip("/")
        if initializer:
            if lookup_key_dtype is None:
                lookup_key_dtype = initializer.key_dtype
            lookup_key_dtype = dtypes.as_dtype(lookup_key_dtype)
            supported = (dtypes.int64, dtypes.string)
            if initializer.key_dtype not in supported:
                raise TypeError("Invalid `key_dtype`, expected one of (tf.int64, tf.string), but "
                                "got %s." % initializer.key_dtype)
            if initializer.key_dtype.is_integer != lookup_key_dtype.is_integer:
                raise TypeError("Invalid `key_dtype`, expected %s but got %s." % (
                    "integer" if lookup_key_dtype.is_integer else "non-integer",
                    initializer.key_dtype))
            if initializer.value_dtype != dtypes.int64:
                raise TypeError("Invalid `value_dtype`, expected %s but got %s."
                                % (dtypes.int64, initializer.value_dtype))
            self._table = StaticHashTable(initializer, default_value=-1)
            name = name or self._table.name
        else:
            lookup_key_dtype = dtypes.string
            self._table = None
            name = name or "hash_bucket"
        lookup_key_dtype = dtypes.as_dtype(lookup_key_dtype)
        if not lookup_key_dtype.is_integer and lookup_key_dtype != dtypes.string:
            raise TypeError("Invalid `key_dtype`, expected integer or string, got %s"
                            % lookup_key_dtype)
        self._num_oov_buckets = num_oov_buckets
        self._table_name = name.split("/")[-1]
        super().__init__(lookup_key_dtype, dtypes.int64)

    @property
    def resource_handle(self):
        return self._table.resource_handle if self._table is not None else None

    @property
    def initializer(self) -> Operation:
        if self._table is not None:
            return self._table.initializer
        with name_scope(None, "init"):
            return control_flow_ops.no_op()

    def size(self, name=None) -> Tensor:
        """The vocabulary size plus `num_oov_buckets`."""
        with name_scope(name, "%s_Size" % self.name):
            if self._table is not None:
                tsize = self._table.size()
            else:
                tsize = convert_to_tensor(0, dtype=dtypes.int64)
            return tsize + self._num_oov_buckets

    def lookup(self, keys, name=None):
        """Vocabulary ids of `keys`, hash-bucket ids past the vocabulary for the others."""
        _check_keys_dtype(keys, self._key_dtype)
        values = keys.values if isinstance(keys, SparseTensor) else keys
        if self._table is not None and self._table.key_dtype.base_dtype == dtypes.int64:
            values = math_ops.cast(values, dtypes.int64)
        with name_scope(name, "%s_Lookup" % self.name):
            as_text = values if values.dtype == dtypes.string else string_ops.as_string(values)
            buckets = string_ops.string_to_hash_bucket_fast(
                as_text, num_buckets=self._num_oov_buckets, name="hash_bucket")
            if self._table is not None:
                ids = self._table.lookup(values)
                buckets = math_ops.add(buckets, self._table.size())
                known = math_ops.not_equal(ids, self._table.default_value)
                ids = array_ops.where_v2(known, ids, buckets)
            else:
                ids = buckets
        if isinstance(keys, SparseTensor):
            return SparseTensor(keys.indices, ids, keys.dense_shape)
        return ids


class MutableHashTable(LookupInterface):
    """`tf.lookup.experimental.MutableHashTable`: a table changed by insert/remove ops; empty in
    every new session (no initializer). Values may be tensors of the default value's shape."""

    def __init__(self, key_dtype, value_dtype, default_value, name: str = "MutableHashTable",
                 checkpoint: bool = True, experimental_is_anonymous: bool = False):
        self._default_value = convert_to_tensor(default_value, dtype=value_dtype)
        self._value_shape = self._default_value.shape
        self._checkpoint = checkpoint
        self._name = name
        super().__init__(key_dtype, value_dtype)
        if self._value_shape.ndims == 0:
            handle = _table_op("MutableHashTableV2", self._key_dtype, self._value_dtype, name,
                               use_node_name_sharing=checkpoint)
        else:
            handle = _table_op("MutableHashTableOfTensorsV2", self._key_dtype, self._value_dtype,
                               name, use_node_name_sharing=checkpoint,
                               value_shape=self._value_shape)
        self._resource_handle = handle
        self._table_name = handle.op.name.split("/")[-1]
        if checkpoint:      # TF builds the export its checkpoint saveable reads, here too
            self.export()

    def size(self, name=None) -> Tensor:
        with name_scope(name, "%s_Size" % self.name, [self.resource_handle]):
            return make1("LookupTableSizeV2", [self.resource_handle])

    def remove(self, keys, name=None) -> Operation:
        """An op removing `keys` (missing keys are ignored)."""
        if keys.dtype != self._key_dtype:
            raise TypeError("Dtype of argument `keys` must be %s, received: %s"
                            % (self._key_dtype, keys.dtype))
        with name_scope(name, "%s_lookup_table_remove" % self.name,
                        (self.resource_handle, keys, self._default_value)):
            return make("LookupTableRemoveV2", [self.resource_handle, keys])

    def lookup(self, keys, dynamic_default_values=None, name=None) -> Tensor:
        """The value of each key; `dynamic_default_values` (one per key) override the default."""
        with name_scope(name, "%s_lookup_table_find" % self.name,
                        (self.resource_handle, keys, self._default_value)):
            keys = convert_to_tensor(keys, dtype=self._key_dtype, name="keys")
            default = (self._default_value if dynamic_default_values is None
                       else convert_to_tensor(dynamic_default_values, dtype=self._value_dtype))
            return make1("LookupTableFindV2", [self.resource_handle, keys, default])

    def insert(self, keys, values, name=None) -> Operation:
        """An op inserting (or overwriting) `keys` -> `values`."""
        with name_scope(name, "%s_lookup_table_insert" % self.name,
                        [self.resource_handle, keys, values]):
            keys = convert_to_tensor(keys, self._key_dtype, name="keys")
            values = convert_to_tensor(values, self._value_dtype, name="values")
            return make("LookupTableInsertV2", [self.resource_handle, keys, values])

    def export(self, name=None):
        """(keys, values) tensors of every entry (order unspecified, as in TF)."""
        with name_scope(name, "%s_lookup_table_export_values" % self.name,
                        [self.resource_handle]):
            op = make("LookupTableExportV2", [self.resource_handle],
                      {"Tkeys": self._key_dtype, "Tvalues": self._value_dtype})
        return op._outputs[0], op._outputs[1]


class DenseHashTable(MutableHashTable):
    """`tf.lookup.experimental.DenseHashTable`: a mutable table whose `empty_key` and
    `deleted_key` may never be used as keys (varflow stores it as a dict, like MutableHashTable)."""

    def __init__(self, key_dtype, value_dtype, default_value, empty_key, deleted_key,
                 initial_num_buckets=None, name: str = "MutableDenseHashTable",
                 checkpoint: bool = True, experimental_is_anonymous: bool = False):
        self._default_value = convert_to_tensor(default_value, dtype=value_dtype,
                                                name="default_value")
        self._value_shape = self._default_value.shape
        self._checkpoint = checkpoint
        self._name = name
        self._initial_num_buckets = initial_num_buckets
        self._empty_key = empty_key
        self._deleted_key = deleted_key
        LookupInterface.__init__(self, key_dtype, value_dtype)
        empty = convert_to_tensor(empty_key, dtype=self._key_dtype, name="empty_key")
        deleted = convert_to_tensor(deleted_key, dtype=self._key_dtype, name="deleted_key")
        attrs = {"container": get_default_graph()._container or "", "shared_name": "",
                 "use_node_name_sharing": checkpoint, "key_dtype": self._key_dtype,
                 "value_dtype": self._value_dtype, "value_shape": self._value_shape,
                 "initial_num_buckets": int(initial_num_buckets or 131072),
                 "max_load_factor": 0.8}
        with get_default_graph().control_dependencies(None):
            handle = make1("MutableDenseHashTableV2", [empty, deleted], attrs, name=name)
        self._resource_handle = handle
        self._table_name = handle.op.name.split("/")[-1]
        if checkpoint:
            self.export()

    def lookup(self, keys, name=None) -> Tensor:
        """The value of each key (the default value where missing)."""
        with name_scope(name, "%s_lookup_table_find" % self.name, [self.resource_handle, keys]):
            keys = convert_to_tensor(keys, dtype=self._key_dtype, name="keys")
            return make1("LookupTableFindV2", [self.resource_handle, keys, self._default_value])

    def insert_or_assign(self, keys, values, name=None) -> Operation:
        """An op inserting (or overwriting) `keys` -> `values`."""
        return MutableHashTable.insert(self, keys, values, name)

    def erase(self, keys, name=None) -> Operation:
        """An op removing `keys` (missing keys are ignored)."""
        if keys.dtype != self._key_dtype:
            raise TypeError("Signature mismatch. Keys must be dtype %s, got %s."
                            % (self._key_dtype, keys.dtype))
        with name_scope(name, "%s_lookup_table_remove" % self.name,
                        (self.resource_handle, keys, self._default_value)):
            return make("LookupTableRemoveV2", [self.resource_handle, keys])

    def remove(self, keys, name=None) -> Operation:
        return self.erase(keys, name)


def tables_initializer(name: str = "init_all_tables") -> Operation:
    """`tf.tables_initializer`: one op running every initializer in TABLE_INITIALIZERS (a
    plain NoOp when there is none)."""
    initializers = get_collection(GraphKeys.TABLE_INITIALIZERS)
    if initializers:
        return control_flow_ops.group(*initializers, name=name)
    return control_flow_ops.no_op(name=name)


def initialize_all_tables(name: str = "init_all_tables") -> Operation:
    """`tf.initialize_all_tables`: the deprecated spelling of `tf.tables_initializer`."""
    return tables_initializer(name)
