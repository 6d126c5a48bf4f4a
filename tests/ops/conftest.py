"""With `--both-backends`, every session run in the op tests also runs through the XLA backend
(JAX) and the two results must agree within float32 tolerance.

The NumPy result is what the test sees (its own assertions check it against NumPy/TF references);
the XLA result is compared with it here, so a lowering that disagrees with its kernel fails the
test that exercised it. Plans with stateful ops (variables, random draws, py_func) run once only.
"""
from __future__ import annotations

import numpy as np
import pytest

from varflow.runtime import session as session_lib

STATS = {"plans": 0, "compared": 0, "jitted": 0}


class _BothBackends:
    """Stands in for a NumPy plan: runs it, then its XLA-compiled twin, and compares."""

    def __init__(self, plan, xla_plan):
        self._plan = plan
        self._xla_plan = xla_plan

    def __getattr__(self, name):
        return getattr(self._plan, name)

    def run(self, feed_values):
        out = self._plan.run(feed_values)
        STATS["compared"] += 1
        xla_out = self._xla_plan.run(list(feed_values))
        segments = [s[0] for s in self._xla_plan.steps if type(s[0]).__name__ == "_Segment"]
        if any(not seg.broken for seg in segments):
            STATS["jitted"] += 1
        for element, a, b in zip(self._plan.fetch_slots, out, xla_out):
            if element is not None:
                _assert_agree(a, b)
        return out


def _value(v):
    read = getattr(v, "read", None)
    return np.asarray(read() if read is not None and not isinstance(v, np.ndarray) else v)


def _assert_agree(a, b) -> None:
    a, b = _value(a), _value(b)
    assert a.shape == b.shape, "XLA backend shape %s != NumPy %s" % (b.shape, a.shape)
    assert a.dtype == b.dtype, "XLA backend dtype %s != NumPy %s" % (b.dtype, a.dtype)
    if a.dtype.kind in "fc":
        tol = 1e-5 if a.dtype.itemsize >= 8 and a.dtype.kind == "f" else 2e-4
        np.testing.assert_allclose(b, a, rtol=tol, atol=tol, equal_nan=True,
                                   err_msg="XLA backend disagrees with the NumPy backend")
    else:
        np.testing.assert_array_equal(b, a, err_msg="XLA backend disagrees with the NumPy backend")


@pytest.fixture(autouse=True)
def both_backends(request, monkeypatch):
    if not request.config.getoption("--both-backends"):
        yield
        return
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)      # as varflow.xla.compile_plan does
    from varflow.xla import compiler
    from varflow.xla.compiler import compile_plan_steps

    monkeypatch.setattr(compiler, "NUMPY_FASTER_ON_CPU", frozenset())   # check every lowering,
    monkeypatch.setattr(compiler, "MIN_CLUSTER_SIZE", 1)                 # however short the run
    if request.config.getoption("--xla-on-gpu"):
        gpus = compiler._gpu_devices()
        if not gpus:
            pytest.fail("--xla-on-gpu: JAX sees no GPU")
        monkeypatch.setattr(compiler, "_device_of", lambda op, _gpus: gpus[0])

    original = session_lib.BaseSession._plan

    def plan_both(self, elements, feeds):
        plan = original(self, elements, feeds)
        if isinstance(plan, _BothBackends) or any(op._def.stateful for op in plan.ops):
            return plan
        STATS["plans"] += 1
        both = _BothBackends(plan, compile_plan_steps(plan, self, "global"))
        self._plans[(elements, feeds)] = both
        return both

    monkeypatch.setattr(session_lib.BaseSession, "_plan", plan_both)
    yield


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if config.getoption("--both-backends"):
        terminalreporter.write_line(
            "both backends: %(plans)d plans, %(compared)d runs compared, %(jitted)d ran XLA "
            "segments" % STATS)
