"""`tf.xla.experimental`: `jit_scope` marks ops for XLA compilation, `compile` builds a computation
inside one."""
from __future__ import annotations

import contextlib

from ..framework import graph as graph_lib

__all__ = ["compile", "jit_scope"]


@contextlib.contextmanager
def jit_scope(compile_ops=True, separate_compiled_gradients: bool = False):
    """Ops created inside get `_XlaCompile` (True, or `compile_ops(node_def)` when callable);
    a session compiles them even when `global_jit_level` is off (and skips those marked False)."""
    graph = graph_lib.get_default_graph()
    scope = graph._attr_scope
    saved = scope.get("_XlaCompile", _MISSING)
    scope["_XlaCompile"] = bool(compile_ops) if not callable(compile_ops) else True
    try:
        yield
    finally:
        if saved is _MISSING:
            scope.pop("_XlaCompile", None)
        else:
            scope["_XlaCompile"] = saved


_MISSING = object()


def compile(computation, inputs=None):  # noqa: A001 - TF's name
    """Build `computation(*inputs)` with all its ops marked for XLA, and return its outputs as TF
    does: a list of the output tensors; a no-op grouping the ops when it returns only ops or None."""
    from ..ops import control_flow_ops

    graph = graph_lib.get_default_graph()
    start = len(graph._ops)
    with jit_scope():
        result = computation(*(inputs or []))
    if result is None:
        return control_flow_ops.group(*graph._ops[start:])
    items = list(result) if isinstance(result, (list, tuple)) else [result]
    tensors = [x for x in items if isinstance(x, graph_lib.Tensor)]
    if not tensors:
        return control_flow_ops.group(*items)
    return tensors
