"""Run one cross-check case against an implementation and compare observations with a recording.

A case is `cases/<area>_<what>.py` defining `case(tf)`, which builds a small TF1 graph, runs it and returns
a dict of what it saw (names, collections, shapes, dtypes, values, the class name of an error). The
recordings in `expected/` come from TensorFlow 2.21 through `record.py`; the tests replay the cases on
varflow and compare (floats within a tolerance, everything else exactly).
"""
from __future__ import annotations

import importlib.util
import math
import os
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
EXPECTED = os.path.join(HERE, "expected")
DEFAULT_TOL = 1e-5


def case_names() -> list:
    """The case files' names without `.py`, sorted."""
    return sorted(f[:-3] for f in os.listdir(CASES) if f.endswith(".py") and not f.startswith("_"))


def plain(x: Any) -> Any:
    """An observation as plain JSON values (NumPy scalars and arrays, bytes and tuples converted)."""
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    if isinstance(x, bytes):
        return x.decode("utf-8", "replace")
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if callable(getattr(x, "tolist", None)):
        return plain(x.tolist())
    raise TypeError("observation of type %s is not JSON-serialisable" % type(x).__name__)


def observe(tf: Any, name: str) -> dict:
    """Run case `name` with `tf` in the current directory; an escaping error becomes {"raised": class}."""
    spec = importlib.util.spec_from_file_location("crosscheck_" + name, os.path.join(CASES, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        seen = module.case(tf)
        if not isinstance(seen, dict):
            raise TypeError("case() must return a dict, got %s" % type(seen).__name__)
        return plain(seen)
    except Exception as e:  # noqa: BLE001 - the class of any escaping error is the observation
        return {"raised": type(e).__name__}


def differences(expected: Any, actual: Any, tol: float = DEFAULT_TOL, path: str = "$") -> list:
    """Where `actual` differs from `expected`, one line each (floats within `tol`, relative and absolute)."""
    if isinstance(expected, float) and isinstance(actual, (int, float)) and not isinstance(actual, bool):
        e, a = float(expected), float(actual)
        if (math.isnan(e) and math.isnan(a)) or e == a or abs(a - e) <= tol + tol * abs(e):
            return []
        return ["%s: expected %r, got %r" % (path, expected, actual)]
    if type(expected) is not type(actual):
        return ["%s: expected %s %r, got %s %r" % (path, type(expected).__name__, expected,
                                                   type(actual).__name__, actual)]
    if isinstance(expected, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            if key == "_tol":
                continue
            if key not in actual:
                out.append("%s.%s: missing (expected %r)" % (path, key, expected[key]))
            elif key not in expected:
                out.append("%s.%s: unexpected (got %r)" % (path, key, actual[key]))
            else:
                out.extend(differences(expected[key], actual[key], tol, "%s.%s" % (path, key)))
        return out
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return ["%s: expected %d items %r, got %d %r" % (path, len(expected), expected, len(actual), actual)]
        return [d for i, (e, a) in enumerate(zip(expected, actual))
                for d in differences(e, a, tol, "%s[%d]" % (path, i))]
    return [] if expected == actual else ["%s: expected %r, got %r" % (path, expected, actual)]
