"""`varflow.compat.v1` is varflow itself, so `import varflow.compat.v1 as tf` works unchanged."""
from __future__ import annotations

import sys as _sys


def disable_v2_behavior() -> None:
    """Accepted for TF1 scripts: varflow always runs TF1 graph-mode semantics."""


def disable_eager_execution() -> None:
    """Accepted for TF1 scripts: varflow is always in graph mode."""


def enable_v2_behavior() -> None:
    raise ValueError("varflow implements TF1 graph mode only; tf.enable_v2_behavior() is not "
                     "available. Keep `tf.disable_v2_behavior()` or remove the call.")


def enable_eager_execution(*args, **kwargs) -> None:
    raise ValueError("varflow implements TF1 graph mode only; eager execution is not available. "
                     "Build a graph and run it with tf.Session().")


def executing_eagerly() -> bool:
    return False


def disable_resource_variables() -> None:
    from ..variables import variables as _v

    _v.set_default_resource(False)


def as_bytes(text, encoding: str = "utf-8") -> bytes:
    return text if isinstance(text, bytes) else text.encode(encoding)


def as_text(value, encoding: str = "utf-8") -> str:
    return value.decode(encoding) if isinstance(value, bytes) else value


as_str = as_text
as_str_any = str


def _install_v1() -> None:
    root = _sys.modules[__name__.rsplit(".", 1)[0]]
    _sys.modules[__name__ + ".v1"] = root
    globals()["v1"] = root


_install_v1()
