"""A variable slot whose value lives in a parameter-server actor: the VariableSlot primitives as calls.

`read`/`peek`/`is_initialized` fetch, `assign`/`store` replace, and `update(fn, *args)` ships `fn`
(a module-level, picklable function) to the actor, which applies it atomically. Ray failures become
TF's errors: a dead or restarting ps gives UnavailableError, a ps that restarted since this session
first saw it gives AbortedError, and no answer within VARFLOW_PS_TIMEOUT seconds gives
UnavailableError rather than a hang.
"""
from __future__ import annotations

import threading

import numpy as np

from ..framework import errors
from ..runtime.state import update_under_locks
from .runtime import _timeout


class RemoteSlot:
    """One variable on one ps task, seen from one session (which fixed the task's incarnation)."""

    __slots__ = ("name", "dtype", "shape", "lock", "_task")

    def __init__(self, name: str, task: "PsTaskHandle", dtype=None, shape=None):
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.lock = threading.Lock()   # serializes this process's multi-slot updates (training ops)
        self._task = task

    def read(self) -> np.ndarray:
        return self._task.call("read", self.name)

    def peek(self):
        return self._task.call("peek", self.name)

    def is_initialized(self) -> bool:
        return bool(self._task.call("is_initialized", self.name))

    def assign(self, value: np.ndarray) -> np.ndarray:
        self._task.call("assign", self.name, value)
        return value

    def store(self, value: np.ndarray) -> np.ndarray:
        """Install a new value (the caller holds `lock`, as training kernels do)."""
        return self.assign(value)

    def update(self, fn, *args) -> np.ndarray:
        """Atomically replace the value with `fn(old, *args)`, computed inside the ps actor."""
        return self._task.call_update(self.name, fn, args)

    def update_many(self, slots: list, fn, *args) -> list:
        """Atomically replace the values of `slots` (this one first) with `fn(values, *args)`:
        inside the actor when all live on this slot's ps task (optimizer slots are colocated),
        else under this process's locks (like TF's unlocked updates across devices)."""
        if all(isinstance(s, RemoteSlot) and s._task is self._task for s in slots):
            return self._task.call_update_many([s.name for s in slots], fn, args)
        return update_under_locks(slots, fn, *args)

    def __repr__(self):
        return "RemoteSlot(%r on %s)" % (self.name, self._task.name)


class PsTaskHandle:
    """A session's view of one ps actor: the actor handle and the incarnation it first answered with."""

    def __init__(self, ray, name: str):
        from .ps_actor import ps_actor

        self.name = name
        self._ray = ray
        self._actor = self._guard(lambda: ps_actor(ray, name))
        self._incarnation = self._get(self._actor.incarnation.remote())

    def call(self, method: str, key: str, *args):
        ref = getattr(self._actor, method).remote(key, *args, incarnation=self._incarnation)
        return self._answer(self._get(ref))

    def call_update(self, key: str, fn, args: tuple):
        ref = self._actor.update.remote(key, self._incarnation, fn, *args)
        return self._answer(self._get(ref))

    def call_update_many(self, keys: list, fn, args: tuple):
        ref = self._actor.update_many.remote(keys, self._incarnation, fn, *args)
        return self._answer(self._get(ref))

    def keys(self) -> list:
        return self._get(self._actor.keys.remote())

    def _answer(self, reply):
        status, value = reply
        if status == "err":
            raise value
        if isinstance(value, np.ndarray) and value.flags.writeable:
            value.flags.writeable = False
        return value

    def _get(self, ref):
        return self._guard(lambda: self._ray.get(ref, timeout=_timeout()))

    def _guard(self, fn):
        exc = self._ray.exceptions
        try:
            return fn()
        except exc.GetTimeoutError:
            raise errors.UnavailableError(
                None, None, "Parameter server %s did not answer within %.0f s (set "
                "VARFLOW_PS_TIMEOUT to wait longer)." % (self.name, _timeout())) from None
        except exc.RayTaskError as e:
            raise errors.InternalError(None, None, "Parameter server %s failed: %s"
                                       % (self.name, e)) from None
        except (exc.RayActorError, exc.RaySystemError, getattr(exc, "ActorUnavailableError",
                                                               exc.RayActorError)) as e:
            raise errors.UnavailableError(
                None, None, "Parameter server %s is unavailable (it died or is restarting): %s"
                % (self.name, str(e).splitlines()[0] if str(e) else type(e).__name__)) from None
