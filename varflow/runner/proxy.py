"""Proxy modules handed to TF1 scripts as `tensorflow` and its submodules.

A proxy forwards every attribute to the varflow modules behind it, records each TensorFlow name the
script touches, and turns a name varflow lacks into `MissingTFNameError` naming the name, the script
line that asked for it and the closest names varflow has.
"""
from __future__ import annotations

import difflib
import importlib
import linecache
import os
import sys
import types

from .aliases import DEEP_MODULES, DEEP_PACKAGES, SEARCH_NAMESPACES

_RUNNER_DIR = os.path.dirname(os.path.abspath(__file__))


class MissingTFNameError(AttributeError):
    """A TensorFlow name the script uses that varflow does not provide (an AttributeError, so
    `hasattr(tf, name)` and `getattr(tf, name, default)` keep working)."""

    def __init__(self, message: str, tf_name: str, location: "Location | None",
                 suggestions: list):
        super().__init__(message)
        self.tf_name = tf_name
        self.location = location
        self.suggestions = suggestions


class MissingTFModuleError(ImportError):
    """`import tensorflow.X` (or `from tensorflow.X import Y`) for a module varflow does not provide."""

    def __init__(self, message: str, tf_name: str, location: "Location | None",
                 suggestions: list):
        super().__init__(message, name=tf_name)
        self.tf_name = tf_name
        self.location = location
        self.suggestions = suggestions


class Location(tuple):
    """(filename, line number, source line) of the user code that touched a name."""

    __slots__ = ()

    def __new__(cls, filename: str, lineno: int, source: str):
        return tuple.__new__(cls, (filename, lineno, source))

    filename = property(lambda self: self[0])
    lineno = property(lambda self: self[1])
    source = property(lambda self: self[2])

    def __str__(self) -> str:
        return "%s, line %d" % (self.filename, self.lineno)


def caller_location() -> Location | None:
    """The innermost frame outside this package and the import machinery: the code that asked."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not (filename.startswith("<frozen") or os.path.dirname(os.path.abspath(filename))
                == _RUNNER_DIR or filename.endswith(os.path.join("importlib", "__init__.py"))):
            lineno = frame.f_lineno
            return Location(filename, lineno, linecache.getline(filename, lineno).strip())
        frame = frame.f_back
    return None


def display_name(path: str) -> str:
    """How a TF path is shown: "nn.relu" -> "tf.nn.relu", deep ones in full ("tensorflow.python...")."""
    if path.startswith("python"):
        return "tensorflow." + path
    return "tf." + path if path else "tf"


def _public(names) -> list:
    return sorted(n for n in names if not n.startswith("_"))


class Recorder:
    """Every TensorFlow name touched during a run: path -> [provided, first Location]."""

    def __init__(self):
        self.touched: dict = {}

    def record(self, path: str, provided: bool, location: Location | None) -> None:
        entry = self.touched.get(path)
        if entry is None:
            self.touched[path] = [provided, location]
        elif provided and not entry[0]:
            entry[0] = True


class ProxyFactory:
    """Makes (once per TF path) the proxies of one run, all sharing one Recorder."""

    def __init__(self, recorder: Recorder):
        self.recorder = recorder
        self.proxies: dict = {}
        self.root_module = importlib.import_module("varflow")

    def proxy(self, path: str, targets: tuple) -> "TFModuleProxy":
        found = self.proxies.get(path)
        if found is None:
            found = self.proxies[path] = TFModuleProxy(self, path, targets)
        return found

    def root(self) -> "TFModuleProxy":
        return self.proxy("", (self.root_module,))

    def resolve(self, path: str) -> "TFModuleProxy | None":
        """The proxy for TF module `path` ("" the top level), or None when varflow has no such module."""
        if path in ("", "compat.v1"):
            return self.root()
        if path in DEEP_MODULES:
            return self.proxy(path, tuple(importlib.import_module(m) for m in DEEP_MODULES[path]))
        if path in DEEP_PACKAGES:
            return self.proxy(path, ())
        parent_path, _, leaf = path.rpartition(".")
        parent = self.resolve(parent_path)
        if parent is None:
            return None
        value = parent._varflow_lookup(leaf)
        return value if isinstance(value, TFModuleProxy) else None

    def suggestions(self, path: str) -> list:
        """The closest names varflow has for TF path `path`: similar names in the same namespace,
        then the same last name in other namespaces."""
        parent_path, _, leaf = path.rpartition(".")
        parent = self.proxies.get(parent_path) or self.resolve(parent_path)
        found = []
        if parent is not None:
            prefix = parent_path + "." if parent_path else ""
            found += [prefix + n for n in difflib.get_close_matches(leaf, parent._varflow_names(),
                                                                     n=3, cutoff=0.6)]
        for ns in SEARCH_NAMESPACES:
            if ns == parent_path or len(found) >= 5:
                continue
            module = self.resolve(ns)
            if module is not None and leaf in module._varflow_names():
                found.append((ns + "." if ns else "") + leaf)
        return found


class TFModuleProxy(types.ModuleType):
    """`tensorflow` or one of its submodules: varflow's names under TensorFlow's module path."""

    def __init__(self, factory: ProxyFactory, path: str, targets: tuple):
        super().__init__("tensorflow" + ("." + path if path else ""))
        self.__dict__["_varflow_factory"] = factory
        self.__dict__["_varflow_path"] = path
        self.__dict__["_varflow_targets"] = targets
        self.__dict__["__path__"] = []     # a package: `from tensorflow.x import y` may import y
        if targets:
            self.__dict__["__doc__"] = targets[0].__doc__

    def _varflow_children(self) -> set:
        return DEEP_PACKAGES.get(self._varflow_path, set()) | (
            {"python"} if self._varflow_path == "" else set())

    def _varflow_names(self) -> list:
        names = set(self._varflow_children())
        for t in self._varflow_targets:
            names.update(dir(t))
        return _public(names)

    def _varflow_lookup(self, name: str):
        """The value of `name` here (module values wrapped as proxies), or a sentinel if absent."""
        factory = self._varflow_factory
        path = self._varflow_path
        child_path = path + "." + name if path else name
        if name in self._varflow_children():
            return factory.resolve(child_path)
        for target in self._varflow_targets:
            try:
                value = getattr(target, name)
            except AttributeError:
                continue
            if isinstance(value, types.ModuleType) and value.__name__.startswith("varflow"):
                if value is factory.root_module:
                    return factory.root()
                return factory.proxy(child_path, (value,))
            return value
        return _MISSING

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            if name in ("__version__", "__file__", "__all__"):   # `print(tf.__version__)`
                for target in self._varflow_targets:
                    if hasattr(target, name):
                        return getattr(target, name)
            raise AttributeError("module %r has no attribute %r" % (self.__name__, name))
        value = self._varflow_lookup(name)
        path = self._varflow_path
        child_path = path + "." + name if path else name
        location = caller_location()
        recorder = self._varflow_factory.recorder
        if value is not _MISSING:
            recorder.record(child_path, True, location)
            return value
        recorder.record(child_path, False, location)
        suggestions = self._varflow_factory.suggestions(child_path)
        raise MissingTFNameError(missing_message(child_path, location, suggestions), child_path,
                                 location, suggestions)

    def __dir__(self) -> list:
        return self._varflow_names()

    def __repr__(self) -> str:
        where = ", ".join(t.__name__ for t in self._varflow_targets) or "namespace"
        return "<module %r (varflow: %s)>" % (self.__name__, where)


_MISSING = object()


def missing_message(path: str, location: Location | None, suggestions: list,
                    what: str = "name") -> str:
    """The error text for a TensorFlow name (or module) varflow lacks."""
    text = "varflow does not provide the TensorFlow %s %s" % (what, display_name(path))
    if location is not None:
        text += " (used at %s: %s)" % (location, location.source)
    text += "."
    if suggestions:
        text += " Closest names varflow has: %s." % ", ".join(display_name(s) for s in suggestions)
    else:
        text += " varflow has no similar name; see docs/compat.md for what is provided."
    return text
