"""Partitioned variables: `PartitionedVariable`, save-slice info and TF's partitioners."""
from __future__ import annotations

import math

from ..framework import dtypes
from ..framework.graph import name_scope, register_tensor_conversion_function
from ..framework.tensor_shape import TensorShape

__all__ = ["PartitionedVariable", "fixed_size_partitioner", "variable_axis_size_partitioner",
           "min_max_variable_partitioner"]


class SaveSliceInfo:
    """Where a part sits in the full variable: `full_name`, `full_shape`, `var_offset`, `var_shape`."""

    def __init__(self, full_name=None, full_shape=None, var_offset=None, var_shape=None,
                 save_slice_info_def=None, import_scope=None):
        if save_slice_info_def is not None:  # rebuilt from a SaveSliceInfoDef (a MetaGraphDef's)
            from ..framework.meta_graph import prepend_name_scope

            full_name = prepend_name_scope(save_slice_info_def.full_name, import_scope)
            full_shape = save_slice_info_def.full_shape
            var_offset = save_slice_info_def.var_offset
            var_shape = save_slice_info_def.var_shape
        self.full_name = full_name
        self.full_shape = [int(d) for d in full_shape]
        self.var_offset = [int(d) for d in var_offset]
        self.var_shape = [int(d) for d in var_shape]

    @property
    def spec(self) -> str:
        """TF's slice spec string: `"10 4 0,4:0,4"` (full shape, then start,length per dim)."""
        full = " ".join(str(d) for d in self.full_shape)
        sl = ":".join("%d,%d" % (o, s) for o, s in zip(self.var_offset, self.var_shape))
        return full + " " + sl

    def to_proto(self, export_scope=None):
        """TF's SaveSliceInfoDef of this part (None when `full_name` is outside `export_scope`)."""
        from ..framework.meta_graph import SaveSliceInfoDef, strip_name_scope

        if export_scope is not None and not self.full_name.startswith(export_scope):
            return None
        return SaveSliceInfoDef(full_name=strip_name_scope(self.full_name, export_scope),
                                full_shape=self.full_shape, var_offset=self.var_offset,
                                var_shape=self.var_shape)

    def __repr__(self):
        return "SaveSliceInfo(%r, %s)" % (self.full_name, self.spec)


class PartitionInfo:
    """Given to initializers of parts: the full shape and this part's offset."""

    def __init__(self, full_shape, var_offset):
        self.full_shape = list(full_shape)
        self.var_offset = list(var_offset)

    def single_offset(self, shape) -> int:
        return self.var_offset[self.single_slice_dim(shape)]

    def single_slice_dim(self, shape) -> int:
        dims = [i for i, (s, f) in enumerate(zip(shape, self.full_shape)) if s != f]
        return dims[0] if dims else 0


class PartitionedVariable:
    """A variable split into parts `name/part_0…` along one axis; usable as one tensor (concat)."""

    def __init__(self, name, shape, dtype, variable_list, partitions):
        self._name = name
        self._shape = TensorShape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._variable_list = sorted(variable_list, key=lambda v: v._get_save_slice_info().var_offset)
        self._partitions = list(partitions)

    def __iter__(self):
        return iter(self._variable_list)

    def __len__(self):
        if len(self._partitions) - self._partitions.count(1) > 1:
            raise ValueError("Cannot call len() on a PartitionedVariable partitioned on more than one axis")
        return len(self._variable_list)

    def _get_variable_list(self) -> list:
        return self._variable_list

    def _get_partitions(self) -> list:
        return self._partitions

    def _partition_axes(self) -> list:
        return [i for i, p in enumerate(self._partitions) if p > 1] or [0]

    @property
    def name(self) -> str:
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self) -> TensorShape:
        return self._shape

    def get_shape(self) -> TensorShape:
        return self._shape

    @property
    def graph(self):
        return self._variable_list[0].graph

    def _concat(self):
        """The parts concatenated (`<name>/ConcatPartitions/concat`), as an Identity named like
        the variable at the root (`<name>`, `<name>_1`, ...), as TF builds it."""
        from ..ops import array_ops

        if len(self._variable_list) == 1:
            with name_scope(None):
                return array_ops.identity(self._variable_list[0], name=self._name)
        axis = self._partition_axes()[0]
        with name_scope(self._name + "/ConcatPartitions/"):
            concatenated = array_ops.concat([v.value() for v in self._variable_list], axis,
                                            name="concat")
        with name_scope(None):
            return array_ops.identity(concatenated, name=self._name)

    def as_tensor(self):
        from ..framework.graph import control_dependencies

        with control_dependencies(None):
            return self._concat()

    @staticmethod
    def _to_tensor(v, dtype=None, name=None, as_ref=False):
        if as_ref:
            raise ValueError("A PartitionedVariable (%s) has no single ref tensor; assign or take "
                             "gradients through its parts (list(pv))." % v.name)
        return v.as_tensor()

    def assign(self, value, use_locking=None, name=None, read_value=True) -> list:
        """Split `value` along the partition axis and assign each part: a list with each part's
        assign result, as TF's (with read_value=False, their ops: TF raises there)."""
        from ..ops import array_ops

        axis = self._partition_axes()[0]
        sizes = [v.get_shape().as_list()[axis] for v in self._variable_list]
        parts = array_ops.split(value, sizes, axis=axis)
        return [v.assign(p, use_locking=use_locking, name=name, read_value=read_value)
                for v, p in zip(self._variable_list, parts)]

    def __repr__(self):
        return "<tf.PartitionedVariable '%s' shape=%s dtype=%s parts=%d>" % (
            self._name, self._shape, self._dtype.name, len(self._variable_list))


register_tensor_conversion_function(PartitionedVariable, PartitionedVariable._to_tensor)


def fixed_size_partitioner(num_shards: int, axis: int = 0):
    """Split `axis` into `num_shards` parts (the first ones one row bigger when it does not divide)."""

    def _partitioner(shape, **unused):
        partitions = [1] * len(shape)
        partitions[axis] = min(num_shards, int(TensorShape(shape)[axis]))
        return partitions
    return _partitioner


def variable_axis_size_partitioner(max_shard_bytes: int, axis: int = 0,
                                   bytes_per_string_element: int = 16, max_shards=None):
    """Split `axis` so each shard stays under `max_shard_bytes` (at most `max_shards` shards)."""
    if max_shard_bytes < 1 or bytes_per_string_element < 1:
        raise ValueError("Both max_shard_bytes and bytes_per_string_element must be positive.")
    if max_shards and max_shards < 1:       # 0, like None, means no limit (as TF)
        raise ValueError("max_shards must be positive.")

    def _partitioner(shape, dtype, **unused):
        shape = TensorShape(shape)
        if not shape.is_fully_defined():
            raise ValueError("shape is not fully defined: %s" % shape)
        dtype = dtypes.as_dtype(dtype)
        if dtype.base_dtype == dtypes.string:
            element_size = bytes_per_string_element
        else:
            element_size = dtype.size
        partitions = [1] * shape.ndims
        bytes_per_slice = 1.0 * (shape.num_elements() / shape[axis]) * element_size
        slices_per_shard = max(1, math.floor(max_shard_bytes / bytes_per_slice))
        axis_shards = int(math.ceil(1.0 * shape[axis] / slices_per_shard))
        if max_shards:
            axis_shards = min(max_shards, axis_shards)
        partitions[axis] = axis_shards
        return partitions
    return _partitioner


def min_max_variable_partitioner(max_partitions: int = 1, axis: int = 0,
                                 min_slice_size: int = 256 << 10, bytes_per_string_element: int = 16):
    """As many partitions as keep each slice ≥ `min_slice_size` bytes, at most `max_partitions`."""

    def _partitioner(shape, dtype, **unused):
        shape = TensorShape(shape)
        dtype = dtypes.as_dtype(dtype)
        if dtype.base_dtype == dtypes.string:
            bytes_per_element = bytes_per_string_element
        else:
            bytes_per_element = dtype.size
        total_size_bytes = shape.num_elements() * bytes_per_element
        partitions = total_size_bytes / min_slice_size
        partitions_list = [1] * len(shape)
        partitions_list[axis] = max(1, min(shape[axis], max_partitions, int(math.ceil(partitions))))
        return partitions_list
    return _partitioner
