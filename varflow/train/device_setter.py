"""`tf.train.replica_device_setter`: a device function sending variables (and other parameter-server
ops) to `/job:ps/task:k` and everything else to the worker device, plus placement strategies."""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..framework import device as device_lib
from ..framework import dtypes
from ..framework.tensor_shape import TensorShape
from .cluster import ClusterSpec

# Op types that hold state and therefore live on a parameter server (the same list as TF's).
STANDARD_PS_OPS = (
    "Variable", "VariableV2", "AutoReloadVariable", "MutableHashTable", "MutableHashTableV2",
    "MutableHashTableOfTensors", "MutableHashTableOfTensorsV2", "MutableDenseHashTable",
    "MutableDenseHashTableV2", "VarHandleOp", "BoostedTreesEnsembleResourceHandleOp",
    "BoostedTreesQuantileStreamResourceHandleOp", "ResourceConditionalAccumulator",
    "DecisionTreeResource")


class _RoundRobinStrategy:
    """Hands out ps task indices 0, 1, ..., num_tasks - 1, 0, 1, ... one per placed op."""

    def __init__(self, num_tasks: int):
        self._num_tasks = num_tasks
        self._next_task = 0

    def __call__(self, unused_op) -> int:
        task = self._next_task
        self._next_task = (task + 1) % self._num_tasks
        return task


class GreedyLoadBalancingStrategy:
    """Places each op on the ps task with the smallest load so far (ties: lowest index);
    `load_fn(op)` gives the load the op adds (e.g. `byte_size_load_fn`)."""

    def __init__(self, num_tasks: int, load_fn: Callable):
        self._num_tasks = num_tasks
        self._load_fn = load_fn
        self._ps_loads = np.zeros(num_tasks)

    def __call__(self, op) -> int:
        task = int(np.argmin(self._ps_loads))
        self._ps_loads[task] += self._load_fn(op)
        return task


def byte_size_load_fn(op) -> int:
    """Bytes held by a variable op: its `shape` and `dtype` attrs (or, for ops without them, its
    single output's static shape and dtype). ValueError when the shape is not fully defined."""
    shape = dtype = None
    try:
        shape = TensorShape(op.get_attr("shape"))
        dtype = dtypes.as_dtype(op.get_attr("dtype"))
    except ValueError:
        shape = dtype = None
    if shape is None:
        if len(op.outputs) != 1:
            raise ValueError("Op %s must have a single output" % op)
        shape, dtype = op.outputs[0].shape, op.outputs[0].dtype
    if not shape.is_fully_defined():
        raise ValueError("Shape %s of op %s is not fully defined" % (shape, op.name))
    return shape.num_elements() * dtype.base_dtype.size


class _ReplicaDeviceChooser:
    """The state behind a replica device function: where ps ops and other ops go."""

    def __init__(self, ps_tasks: int, ps_device: str, worker_device: str, merge_devices: bool,
                 ps_ops, ps_strategy: Callable):
        self._ps_tasks = ps_tasks
        self._ps_device = ps_device
        self._worker_device = worker_device
        self._merge_devices = merge_devices
        self._ps_ops = ps_ops
        self._ps_strategy = ps_strategy

    def device_function(self, op) -> str:
        """The device for `op`: the op's own device fields win over the setter's."""
        current = op.device
        if current and not self._merge_devices:
            return current
        current_spec = device_lib.DeviceSpec.from_string(current or "")
        if self._ps_tasks and self._ps_device and _op_type(op) in self._ps_ops:
            target = device_lib.DeviceSpec.from_string(self._ps_device)
            # A task is only chosen when the op is not pinned to a different job.
            if target.job and current_spec.job in (None, "", target.job):
                target = target.replace(task=int(self._ps_strategy(op)))
            return target.make_merged_spec(current_spec).to_string()
        target = device_lib.DeviceSpec.from_string(self._worker_device or "")
        return target.make_merged_spec(current_spec).to_string()


def _op_type(op) -> str:
    node_type = getattr(op, "type", None)
    return node_type if node_type is not None else op.op


def _device_string(device) -> str:
    if isinstance(device, device_lib.DeviceSpec):
        return device.to_string()
    return device


def replica_device_setter(ps_tasks: int = 0, ps_device: str = "/job:ps",
                          worker_device: str = "/job:worker", merge_devices: bool = True,
                          cluster=None, ps_ops=None, ps_strategy=None):
    """A device function for `tf.device`: ps ops round-robin (or by `ps_strategy`) over
    `ps_device/task:k`, other ops on `worker_device`; None when there are no ps tasks."""
    ps_device = _device_string(ps_device)
    worker_device = _device_string(worker_device)
    if cluster is not None:
        if isinstance(cluster, ClusterSpec):
            spec = cluster.as_dict()
        elif isinstance(cluster, dict):
            spec = ClusterSpec(cluster).as_dict()
        else:
            raise TypeError("cluster must be a dictionary or a ClusterSpec")
        ps_job = device_lib.DeviceSpec.from_string(ps_device or "").job
        if ps_job not in spec or spec[ps_job] is None:
            return None
        ps_tasks = len(spec[ps_job])
    if ps_tasks == 0:
        return None
    if ps_ops is None:
        ps_ops = list(STANDARD_PS_OPS)
    if ps_strategy is None:
        ps_strategy = _RoundRobinStrategy(ps_tasks)
    if not callable(ps_strategy):
        raise TypeError("ps_strategy must be callable")
    chooser = _ReplicaDeviceChooser(ps_tasks, ps_device, worker_device, merge_devices, ps_ops,
                                    ps_strategy)
    return chooser.device_function
