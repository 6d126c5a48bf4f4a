"""Variable slots: values are immutable to everyone, except that an update may take over a value
that nothing else references and change it in place."""
import sys
import threading
import time

import numpy as np

from varflow.runtime import state
from varflow.runtime.state import VariableSlot, update_under_locks


def _slot(value):
    slot = VariableSlot("v")
    slot.store(np.array(value, np.float32))
    return slot


def _add_one_in_place_if_lent(values):
    lent = [v.flags.writeable for v in values]
    for v, ok in zip(values, lent):
        if ok:
            v += 1
    _add_one_in_place_if_lent.lent = lent
    return [v if ok else v + 1 for v, ok in zip(values, lent)]


def test_unshared_value_is_lent_and_updated_in_place():
    slot = _slot([1.0, 2.0])
    before = id(slot.value)
    update_under_locks([slot], _add_one_in_place_if_lent)
    assert _add_one_in_place_if_lent.lent == [True]
    assert id(slot.value) == before and slot.value.tolist() == [2.0, 3.0]
    assert not slot.value.flags.writeable


def test_value_someone_holds_is_never_changed():
    slot = _slot([1.0, 2.0])
    held = slot.read()
    view = slot.read()[:1]
    update_under_locks([slot], _add_one_in_place_if_lent)
    assert _add_one_in_place_if_lent.lent == [False]
    assert held.tolist() == [1.0, 2.0] and view.tolist() == [1.0]
    assert slot.value.tolist() == [2.0, 3.0]
    del held, view
    update_under_locks([slot], _add_one_in_place_if_lent)
    assert _add_one_in_place_if_lent.lent == [True]


def test_same_slot_twice_is_not_lent():
    slot = _slot([1.0])
    seen = []

    def record(values):
        seen.append(values[0].flags.writeable)
        return [values[0] + 1] * 2
    update_under_locks([slot, slot], record)
    assert seen == [False] and slot.value.tolist() == [2.0]


def test_failed_update_leaves_the_value_read_only():
    slot = _slot([1.0])

    def fails(values):
        raise RuntimeError("boom")
    try:
        update_under_locks([slot], fails)
    except RuntimeError:
        pass
    assert not slot.value.flags.writeable and slot.value.tolist() == [1.0]


def test_refcount_baseline_was_calibrated():
    assert state._UNSHARED_REFCOUNT >= 2


class _DeviceArray:
    """Stands in for a JAX array: NumPy copies it on the host through __array__."""

    def __init__(self, value):
        self.value = np.asarray(value)
        self.copies = 0
        self.deleted = False                     # consumed by a (simulated) donating update

    def __array__(self, dtype=None, copy=None):
        assert not self.deleted
        self.copies += 1
        return self.value.copy()

    def is_deleted(self):
        return self.deleted


def test_a_device_value_is_copied_to_the_host_once_when_read():
    slot = VariableSlot("v")
    dev = _DeviceArray([1.0, 2.0])
    slot.install_device(dev)
    assert slot.is_initialized() and slot.device_array() is dev and dev.copies == 0
    first = slot.read()
    assert first.tolist() == [1.0, 2.0] and not first.flags.writeable
    assert slot.read() is first and slot.peek() is first and dev.copies == 1
    assert slot.device_array() is dev            # still current: the next segment reuses it
    slot.store(np.array([5.0, 6.0]))             # a host write replaces both
    assert slot.device_array() is None and slot.read().tolist() == [5.0, 6.0]


def test_a_device_array_is_lent_for_donation_only_when_no_host_view_is_held_elsewhere():
    slot = VariableSlot("v")
    slot.store(np.zeros(2))
    assert slot.lend_device_array(True) is None          # a host value: nothing to donate
    dev = _DeviceArray([1.0, 2.0])
    slot.install_device(dev)
    assert slot.lend_device_array(True) is dev           # no host view made yet
    view = slot.read()                                   # a view someone holds (a fetch)
    assert slot.lend_device_array(True) is None
    assert slot.lend_device_array(False) is dev          # a GPU: host copies do not alias it
    del view
    assert slot.lend_device_array(True) is dev           # only the slot held it: it goes
    assert slot.value is not None and slot.device_array() is dev


def test_a_read_during_a_donating_update_waits_for_its_result():
    slot = VariableSlot("v")
    dev = _DeviceArray([1.0, 2.0])
    slot.install_device(dev)
    got = []
    with slot.lock:                                      # the update holds the lock ...
        assert slot.lend_device_array(True) is dev
        dev.deleted = True                               # ... and its input buffer is consumed
        reader = threading.Thread(target=lambda: got.append(slot.read().tolist()))
        reader.start()
        reader.join(0.2)
        assert reader.is_alive() and not got             # the reader waits, it does not fail
        slot.install_device(_DeviceArray([3.0, 4.0]))
    reader.join(5)
    assert got == [[3.0, 4.0]]


def test_device_and_host_writes_racing_with_reads_never_mix_them():
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)                  # switch threads often: open every race window
    try:
        _race_device_and_host_writes()
    finally:
        sys.setswitchinterval(previous)


def _race_device_and_host_writes():
    slot = VariableSlot("v")
    slot.store(np.zeros(4))
    bad = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            v = slot.read()
            if v.dtype != np.float64 or v.shape != (4,) or len(set(v.tolist())) != 1:
                bad.append(v)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for k in range(2000):
        if k % 2:
            slot.store(np.full(4, float(k)))
        else:
            with slot.lock:                      # as an XLA segment installs its result
                slot.install_device(_DeviceArray(np.full(4, float(k))))
    stop.set()
    for t in threads:
        t.join()
    assert not bad


def test_updates_naming_the_same_slots_in_different_orders_never_deadlock():
    """Every multi-slot update takes the locks in one order (`lock_order`), whatever order its op
    names them in (an ApplyAdam's var, m, v; an XLA segment's variables)."""
    a, b = VariableSlot("a"), VariableSlot("b")
    a.store(np.zeros(1))
    b.store(np.zeros(1))

    def bump(values):
        time.sleep(0.0005)                       # hold both locks a while: open the window
        return [v + 1 for v in values]

    def worker(order):
        for _ in range(100):
            update_under_locks(order, bump)
    threads = [threading.Thread(target=worker, args=(order,), daemon=True)
               for order in ([a, b], [b, a])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads)
    assert a.read().tolist() == b.read().tolist() == [200.0]
    assert state.lock_order([b, a, b]) == state.lock_order([a, b])


def test_a_value_consumed_by_a_failed_update_is_an_error_not_a_hang():
    slot = VariableSlot("layer/w")
    dev = _DeviceArray([1.0, 2.0])
    slot.install_device(dev)
    dev.deleted = True                           # consumed, and no result was installed
    try:
        slot.read()
    except state.errors.InternalError as e:
        assert "layer/w" in str(e) and "initializer" in str(e)
    else:
        raise AssertionError("expected InternalError")
