"""The import hook of `varflow run`: `tensorflow` and its submodules resolve to varflow proxies.

Active only inside `tf_import_hook()`; leaving it restores sys.meta_path and sys.modules as they were.
"""
from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator

from .proxy import (MissingTFModuleError, ProxyFactory, Recorder, TFModuleProxy, caller_location,
                    missing_message)

_PREFIX = "tensorflow"


def _tf_path(fullname: str) -> str | None:
    """"tensorflow.nn" -> "nn", "tensorflow" -> "", anything else -> None."""
    if fullname == _PREFIX:
        return ""
    if fullname.startswith(_PREFIX + "."):
        return fullname[len(_PREFIX) + 1:]
    return None


class TFFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A sys.meta_path finder and loader for `tensorflow` and every `tensorflow.*` module."""

    def __init__(self, factory: ProxyFactory):
        self.factory = factory

    def find_spec(self, fullname, path=None, target=None):
        if _tf_path(fullname) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec) -> TFModuleProxy:
        path = _tf_path(spec.name)
        proxy = self.factory.resolve(path)
        location = caller_location()
        self.factory.recorder.record(path, proxy is not None, location)
        if proxy is None:
            suggestions = self.factory.suggestions(path)
            what = "name" if location is not None and location.source.startswith("from ") \
                else "module"
            raise MissingTFModuleError(missing_message(path, location, suggestions, what),
                                       spec.name, location, suggestions)
        return proxy

    def exec_module(self, module) -> None:
        """Nothing to run: the proxy already forwards to varflow."""


@contextlib.contextmanager
def tf_import_hook(recorder: Recorder | None = None) -> Iterator[Recorder]:
    """While active, `import tensorflow as tf` (and `tensorflow.compat.v1`, `tensorflow.contrib.*`,
    `tensorflow.python.*`) give varflow; yields the Recorder of the TF names touched."""
    recorder = recorder if recorder is not None else Recorder()
    factory = ProxyFactory(recorder)
    finder = TFFinder(factory)
    saved = {k: v for k, v in sys.modules.items() if _tf_path(k) is not None}
    for k in saved:
        del sys.modules[k]
    for name in (_PREFIX, _PREFIX + ".compat", _PREFIX + ".compat.v1"):
        module = factory.resolve(_tf_path(name))
        module.__dict__.setdefault("__spec__", importlib.machinery.ModuleSpec(
            name, finder, is_package=True))
        module.__dict__.setdefault("__loader__", finder)
        sys.modules[name] = module
    sys.meta_path.insert(0, finder)
    try:
        yield recorder
    finally:
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)
        for k in [k for k in sys.modules if _tf_path(k) is not None]:
            del sys.modules[k]
        sys.modules.update(saved)
