"""Chunked elementwise work gives exactly the single-call result and reports errors."""
import numpy as np
import pytest

from varflow.runtime import parallel


def _axpy(y, x, a):
    y += x * a


def test_chunks_match_one_call(monkeypatch):
    monkeypatch.setattr(parallel, "worker_count", lambda: 3)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(700, 300)).astype(np.float32)
    y1 = rng.normal(size=(700, 300)).astype(np.float32)
    y2 = y1.copy()
    parallel.elementwise(_axpy, {"y": y1, "x": x}, {"a": np.float32(0.3)})
    _axpy(y2, x, np.float32(0.3))
    assert np.array_equal(y1, y2)


def test_small_arrays_run_in_one_call(monkeypatch):
    calls = []
    monkeypatch.setattr(parallel, "worker_count", lambda: 4)
    parallel.elementwise(lambda y: calls.append(y.shape), {"y": np.zeros(10)}, {})
    assert calls == [(10,)]


def test_error_in_a_chunk_is_raised(monkeypatch):
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)

    def fails_on_second_half(y):
        if y[0] > 0:
            raise ValueError("chunk failed")
    y = np.concatenate([np.zeros(parallel.MIN_CHUNK), np.ones(parallel.MIN_CHUNK)])
    with pytest.raises(ValueError, match="chunk failed"):
        parallel.elementwise(fails_on_second_half, {"y": y}, {})
