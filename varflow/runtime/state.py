"""Where variable values live: a container of slots, one per variable, owned by a session target.

A slot's value is stored read-only and replaced by a new array, so an array that a user fetched (or
a kernel still holds) never changes under them. The one exception is an optimizer update
(`update_many`) of a value nothing else references: the slot then lends it writable to the update,
which may change it in place (no allocation, no copy), as TensorFlow's own kernels do; a thread that
reads the variable at that very moment may see the update part-way, as it may in TensorFlow. Kernels use
four primitives — `read()`, `peek()`, `assign(value)` and `update(fn, *args)` (atomic
read-modify-write) — which a remote container (a parameter-server task) implements where the value
lives.
"""
from __future__ import annotations

import sys
import threading

import numpy as np

from ..framework import errors


class _OnDevice:
    """The value of a slot whose current value is only on a device (see `install_device`)."""

    __slots__ = ()


_ON_DEVICE = _OnDevice()
# Guards each slot's (value, device_value) pair; held only for the assignments themselves, never
# while calling out, so it nests inside the slots' own locks.
_PAIR_LOCK = threading.Lock()


class VariableSlot:
    """The value of one variable in one container; `value is None` means uninitialized.

    An XLA segment stores the values it computed as device arrays (`install_device`); the host
    copy is made on the first `read()` (on a CPU it is a view, not a copy), and `device_array`
    hands the device array back to the next segment, so a variable that stays on a GPU between
    runs is not copied to the host and back on every run."""

    __slots__ = ("name", "value", "lock", "dtype", "shape", "device_value")

    def __init__(self, name: str, dtype=None, shape=None):
        self.name = name
        self.value = None
        self.lock = threading.RLock()   # reentrant: a segment holding it may read the slot
        self.dtype = dtype
        self.shape = shape
        self.device_value = None      # a device array holding the current value, or None

    def read(self) -> np.ndarray:
        value = self.value
        if value is _ON_DEVICE:
            value = self._copy_to_host()
        elif value is None:
            raise errors.FailedPreconditionError(
                None, None,
                "Attempting to use uninitialized value %s. Run its initializer first: "
                "sess.run(tf.global_variables_initializer()) (or sess.run(%s.initializer) for "
                "this variable alone). Each local tf.Session has its own variable values."
                % (self.name, self.name.rsplit("/", 1)[-1]))
        return value

    def store(self, value: np.ndarray) -> np.ndarray:
        """Install a fresh array (the caller must not keep mutating it) as the new value."""
        if value.flags.writeable:
            value.flags.writeable = False
        with _PAIR_LOCK:
            self.value = value
            self.device_value = None
        return value

    def install_device(self, array) -> None:
        """Make `array` (a JAX array, on any device) the new value, copied to the host only when
        something reads it there. The caller (an XLA segment) holds `self.lock`."""
        with _PAIR_LOCK:
            self.value = _ON_DEVICE
            self.device_value = array

    def lend_device_array(self, host_views_alias: bool):
        """The device array of the current value, for an XLA update to consume (buffer donation), or
        None: the value is a host array, or — where host views alias the device buffer
        (`host_views_alias`: JAX on a CPU) — a host view of it is held outside this slot (a fetched
        value, a step still reading it). The caller holds `self.lock` until it installs the new
        value with `install_device`; readers meanwhile wait for it (see `_copy_to_host`)."""
        with _PAIR_LOCK:
            device = self.device_value
            if device is None:
                return None
            if host_views_alias and self.value is not _ON_DEVICE:
                if _host_view_refcount(self) > _UNSHARED_VIEW_REFCOUNT:
                    return None
                self.value = _ON_DEVICE     # the slot's own view goes with the buffer
            return device

    def device_array(self):
        """The device array holding the current value, or None (the value is a host array)."""
        return self.device_value

    def _copy_to_host(self) -> np.ndarray:
        with _PAIR_LOCK:
            value, device_value = self.value, self.device_value
        if value is not _ON_DEVICE:             # another thread stored a host value meanwhile
            return value
        if device_value.is_deleted():           # consumed by an XLA update still running:
            with self.lock:                     # it holds the lock until its result is in
                pass
            if self.device_value is device_value:
                raise errors.InternalError(
                    None, None, "The value of %s was consumed by an XLA update that failed; "
                    "restore it from a checkpoint or run its initializer." % self.name)
            return self.read()
        value = np.asarray(device_value)
        if value.flags.writeable:
            value.flags.writeable = False
        with _PAIR_LOCK:
            if self.device_value is device_value and self.value is _ON_DEVICE:
                self.value = value              # not replaced meanwhile: keep the host copy
        return value

    def is_initialized(self) -> bool:
        return self.value is not None

    def peek(self):
        """The value, or None when uninitialized (no error)."""
        value = self.value
        return self._copy_to_host() if value is _ON_DEVICE else value

    def assign(self, value: np.ndarray) -> np.ndarray:
        """Replace the value with `value` (a fresh array the caller gives up)."""
        with self.lock:
            return self.store(value)

    def update_many(self, slots: list, fn, *args) -> list:
        """Atomically replace the values of `slots` (this one first) with `fn(values, *args)`;
        optimizer updates change a variable and its slot variables together this way."""
        return update_under_locks(slots, fn, *args)

    def update(self, fn, *args) -> np.ndarray:
        """Atomically replace the value with `fn(old, *args)` (a fresh array) and return it.
        This is the one primitive every read-modify-write op uses, so a remote container can run
        it where the value lives."""
        with self.lock:
            return self.store(fn(self.read(), *args))


def lock_order(slots) -> list:
    """The distinct slots in the one order every holder of several slot locks takes them (so two
    updates of overlapping variables, NumPy or XLA, never wait on each other in a circle)."""
    return sorted({id(s): s for s in slots}.values(), key=id)


def update_under_locks(slots: list, fn, *args) -> list:
    """Replace the values of `slots` with `fn(values, *args)` while holding each slot's lock (taken
    once per distinct slot, in `lock_order`); the in-process form of `update_many`."""
    unique = lock_order(slots)
    for s in unique:
        s.lock.acquire()
    try:
        values = [s.read() for s in slots]
        lent = _lend_unshared(values)
        try:
            new = fn(values, *args)
        finally:
            for v in lent:
                v.flags.writeable = False
        for s, v in zip(slots, new):
            s.store(v)
        return new
    finally:
        for s in reversed(unique):
            s.lock.release()


def _refcounts(values: list) -> list:
    return [sys.getrefcount(v) for v in values]


def _lend_unshared(values: list) -> list:
    """Make writable the values (read from slots into `values`) that nothing else references — no
    fetched array, no view, no plan still holding them — so the update may change them in place.
    Returns the arrays it made writable."""
    lent = []
    for v, count in zip(values, _refcounts(values)):
        if count <= _UNSHARED_REFCOUNT and v.__class__ is np.ndarray and v.base is None:
            v.flags.writeable = True
            lent.append(v)
    return lent


def _calibrate_unshared_refcount() -> int:
    """The reference count `_refcounts` sees for a slot's value held only by the slot and the
    list of values read from it (measured, so it holds on any Python version)."""
    slot = VariableSlot("calibration")
    slot.store(np.zeros(2))
    values = [slot.read()]
    return _refcounts(values)[0]


_UNSHARED_REFCOUNT = _calibrate_unshared_refcount()


def _host_view_refcount(slot: VariableSlot) -> int:
    return sys.getrefcount(slot.value)


def _calibrate_unshared_view_refcount() -> int:
    """The reference count `_host_view_refcount` sees for a host value only its slot holds."""
    slot = VariableSlot("calibration")
    slot.value = np.zeros(2)
    return _host_view_refcount(slot)


_UNSHARED_VIEW_REFCOUNT = _calibrate_unshared_view_refcount()


class Container:
    """The variables of one session target, keyed by variable op name (or shared name)."""

    def __init__(self, name: str = "localhost"):
        self.name = name
        self._slots: dict[str, VariableSlot] = {}
        self._lock = threading.Lock()

    def slot(self, key: str, dtype=None, shape=None) -> VariableSlot:
        s = self._slots.get(key)
        if s is None:
            with self._lock:
                s = self._slots.get(key)
                if s is None:
                    s = VariableSlot(key, dtype, shape)
                    self._slots[key] = s
        return s

    def keys(self) -> list:
        return list(self._slots)

    def clear(self) -> None:
        self._slots.clear()
