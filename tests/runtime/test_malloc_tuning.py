"""The first session keeps freed large arrays in the process (glibc mallopt), once, unless opted out."""
import sys

import pytest

from varflow.runtime import malloc_tuning


class _FakeLibc:
    def __init__(self):
        self.calls = []

    def mallopt(self, param, value):
        self.calls.append((param, value))
        return 1


@pytest.fixture
def fake_libc(monkeypatch):
    libc = _FakeLibc()
    monkeypatch.setattr(malloc_tuning, "_load_libc", lambda: libc)
    monkeypatch.setattr(malloc_tuning, "_done", False)
    monkeypatch.setattr(sys, "platform", "linux")
    return libc


def test_sets_both_thresholds_once(fake_libc, monkeypatch):
    monkeypatch.delenv("VARFLOW_MALLOC_TUNING", raising=False)
    assert malloc_tuning.tune_once() is True
    assert malloc_tuning.tune_once() is False
    assert fake_libc.calls == [(malloc_tuning.M_MMAP_THRESHOLD, 32 << 20),
                               (malloc_tuning.M_TRIM_THRESHOLD, 128 << 20)]


def test_opt_out(fake_libc, monkeypatch):
    monkeypatch.setenv("VARFLOW_MALLOC_TUNING", "0")
    assert malloc_tuning.tune_once() is False and fake_libc.calls == []


def test_no_c_library_symbols(monkeypatch):
    monkeypatch.setattr(malloc_tuning, "_done", False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("VARFLOW_MALLOC_TUNING", raising=False)
    monkeypatch.setattr(malloc_tuning, "_load_libc", lambda: object())
    assert malloc_tuning.tune_once() is False


def test_import_alone_does_not_tune():
    import subprocess
    code = ("import varflow, varflow.runtime.malloc_tuning as m; a = m._done; "
            "varflow.Session(); print(a, m._done)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
