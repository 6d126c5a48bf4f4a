"""Variable slots: values are immutable to everyone, except that an update may take over a value
that nothing else references and change it in place."""
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
