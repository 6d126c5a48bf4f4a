"""The container of a session on a cluster target: routes each variable by its op's device.

Variables placed on `/job:ps/task:k` live in ps actor k (shared by every session and process on the
cluster); everything else lives in a local Container shared by the sessions of this process on the same
target (as variables on a worker task are shared by sessions on that worker).
"""
from __future__ import annotations

import threading

from ..framework import device as device_lib
from ..framework import errors
from ..runtime.state import Container
from .remote_slot import PsTaskHandle, RemoteSlot
from .runtime import PS_JOB, actor_name, cluster_id


class ClusterContainer:
    """A per-session router: `slot_for_op(op, key)` gives a RemoteSlot or a local VariableSlot."""

    def __init__(self, ray, target: str, cluster: dict, job: str, task: int, local: Container):
        self.name = target
        self.cluster = cluster
        self.job = job
        self.task = task
        self._ray = ray
        self._cid = cluster_id(cluster)
        self._local = local
        self._tasks: dict[int, PsTaskHandle] = {}
        self._remote: dict[tuple, RemoteSlot] = {}
        self._lock = threading.Lock()

    # --- routing -------------------------------------------------------------------------------
    def slot_for_op(self, op, key: str):
        ps_task = self._ps_task_of(op)
        if ps_task is None:
            return self._local.slot(key)
        found = self._remote.get((ps_task, key))
        if found is None:
            with self._lock:
                found = self._remote.get((ps_task, key))
                if found is None:
                    found = RemoteSlot(key, self.ps_task(ps_task))
                    self._remote[(ps_task, key)] = found
        return found

    def slot(self, key: str, dtype=None, shape=None):
        """A variable with no device information: this task's local slot."""
        return self._local.slot(key, dtype, shape)

    def ps_task(self, index: int) -> PsTaskHandle:
        handle = self._tasks.get(index)
        if handle is None:
            handle = PsTaskHandle(self._ray, actor_name(self._cid, PS_JOB, index))
            self._tasks[index] = handle
        return handle

    def _ps_task_of(self, op):
        spec = device_lib.DeviceSpec.from_string(op._device or "")
        if spec.job != PS_JOB:
            return None
        tasks = self.cluster.get(PS_JOB, {})
        index = 0 if spec.task is None else spec.task
        if index not in tasks:
            raise self._bad_device(op, spec)
        return index

    # --- placement checks (called by the session for every op with a device) -----------------
    def assigned_device(self, op, soft: bool) -> str:
        spec = device_lib.DeviceSpec.from_string(op._device or "")
        job = self.job if spec.job is None else spec.job
        task = (self.task if spec.job is None else 0) if spec.task is None else spec.task
        if job not in self.cluster or task not in self.cluster[job] or \
                spec.device_type not in (None, "CPU") or spec.device_index not in (None, 0):
            if not soft or job not in self.cluster or task not in self.cluster[job]:
                raise self._bad_device(op, spec)
        return "/job:%s/replica:0/task:%d/device:CPU:0" % (job, task)

    def _bad_device(self, op, spec) -> errors.InvalidArgumentError:
        jobs = ", ".join("%s (tasks %s)" % (j, sorted(t)) for j, t in sorted(self.cluster.items()))
        return errors.InvalidArgumentError(
            None, op, "Cannot assign a device for operation %s: device '%s' is not in the cluster "
            "of this session; the cluster's jobs are: %s." % (op.name, op._device or spec.to_string(),
                                                              jobs))

    # --- container protocol -----------------------------------------------------------------------
    def keys(self) -> list:
        out = list(self._local.keys())
        for index in sorted(self.cluster.get(PS_JOB, {})):
            out.extend(self.ps_task(index).keys())
        return out

    def clear(self) -> None:
        self._local.clear()

    def session_closed(self, session) -> None:
        self._remote.clear()
