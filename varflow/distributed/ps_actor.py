"""The Ray actor of one parameter-server task: the variable values placed on `/job:ps/task:k`.

The actor runs one call at a time, so `update(key, fn, *args)` is an atomic read-modify-write for
every worker process. Each incarnation (a restart after a crash starts empty) has a fresh id; a
caller that knew an older incarnation gets AbortedError, so it recreates its session and the chief
restores the lost values from the latest checkpoint. Calls answer `("ok", value)` or
`("err", exception)` so varflow's own error classes reach the caller unwrapped.
"""
from __future__ import annotations

import uuid

import numpy as np

from ..framework import errors


class PsTask:
    """Slots of one ps task, keyed by variable name; values are replaced, never mutated."""

    def __init__(self, name: str):
        self._name = name
        self._values: dict = {}
        self._incarnation = uuid.uuid4().hex

    def incarnation(self) -> str:
        return self._incarnation

    def ping(self) -> bool:
        return True

    def _check(self, incarnation):
        if incarnation is not None and incarnation != self._incarnation:
            return ("err", errors.AbortedError(
                None, None, "Parameter server %s restarted and lost its variable values; "
                "recreate the session (tf.train.MonitoredTrainingSession does) so the chief "
                "restores them from the latest checkpoint." % self._name))
        return None

    def _uninitialized(self, key):
        return errors.FailedPreconditionError(
            None, None, "Attempting to use uninitialized value %s (on %s). Run its initializer "
            "first: sess.run(tf.global_variables_initializer())." % (key, self._name))

    def read(self, key: str, incarnation=None):
        bad = self._check(incarnation)
        if bad:
            return bad
        value = self._values.get(key)
        if value is None:
            return ("err", self._uninitialized(key))
        return ("ok", value)

    def peek(self, key: str, incarnation=None):
        return self._check(incarnation) or ("ok", self._values.get(key))

    def is_initialized(self, key: str, incarnation=None):
        return self._check(incarnation) or ("ok", key in self._values)

    def assign(self, key: str, value, incarnation=None):
        bad = self._check(incarnation)
        if bad:
            return bad
        self._values[key] = _frozen(value)
        return ("ok", None)

    def update(self, key: str, incarnation, fn, *args):
        """`value = fn(value, *args)` atomically; returns the new value."""
        bad = self._check(incarnation)
        if bad:
            return bad
        old = self._values.get(key)
        if old is None:
            return ("err", self._uninitialized(key))
        try:
            new = _frozen(fn(old, *args))
        except Exception as e:  # noqa: BLE001 - handed back to the caller's process
            return ("err", e)
        self._values[key] = new
        return ("ok", new)

    def update_many(self, keys: list, incarnation, fn, *args):
        """`values = fn(values, *args)` for several variables of this task at once, atomically."""
        bad = self._check(incarnation)
        if bad:
            return bad
        olds = [self._values.get(k) for k in keys]
        for k, old in zip(keys, olds):
            if old is None:
                return ("err", self._uninitialized(k))
        try:
            new = [_frozen(v) for v in fn(olds, *args)]
        except Exception as e:  # noqa: BLE001 - handed back to the caller's process
            return ("err", e)
        for k, v in zip(keys, new):
            self._values[k] = v
        return ("ok", new)

    def keys(self) -> list:
        return sorted(self._values)

    def clear(self) -> None:
        """Drop every value (tf.Session.reset); the incarnation is kept."""
        self._values.clear()


def _frozen(value) -> np.ndarray:
    """A private read-only array (arguments Ray deserialized may be views into its object store)."""
    arr = np.asarray(value)
    if not arr.flags.writeable or arr.base is not None:
        arr = arr.copy()
    arr.flags.writeable = False
    return arr


_remote_cls = None


def ps_actor(ray, name: str, create: bool = True):
    """The named actor of a ps task (created on first use when `create`, else looked up)."""
    global _remote_cls
    from .runtime import NAMESPACE

    if not create:
        return ray.get_actor(name, namespace=NAMESPACE)
    if _remote_cls is None:
        _remote_cls = ray.remote(num_cpus=0, max_restarts=-1, max_task_retries=0)(PsTask)
    return _remote_cls.options(name=name, namespace=NAMESPACE, lifetime="detached",
                               get_if_exists=True).remote(name)
