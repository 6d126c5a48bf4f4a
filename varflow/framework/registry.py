"""The op registry: each op type is defined once — its output rule, NumPy kernel and gradient.

`infer(inputs, attrs)` returns `[(dtype, shape), ...]` for the outputs at graph-construction time.
`kernel(*input_values, **attrs)` computes the outputs at run time (attrs starting with `_` are not
passed). `compile(op, runtime)` replaces the kernel binding for ops that need session state
(variables, random generators). `grad(op, *output_grads)` builds the input gradients as graph ops.
"""
from __future__ import annotations

from typing import Callable


class OpDef:
    """Everything varflow knows about one op type."""

    __slots__ = ("type", "infer", "kernel", "grad", "compile", "stateful", "ref_inputs",
                 "differentiable")

    def __init__(self, op_type: str, infer: Callable, kernel: Callable | None = None,
                 grad: Callable | None = None, compile: Callable | None = None,
                 stateful: bool = False, ref_inputs: tuple = (), differentiable: bool = True):
        self.type = op_type
        self.infer = infer
        self.kernel = kernel
        self.grad = grad
        self.compile = compile
        self.stateful = stateful
        self.ref_inputs = frozenset(ref_inputs)
        self.differentiable = differentiable

    def __repr__(self):
        return "OpDef(%r)" % self.type


_REGISTRY: dict[str, OpDef] = {}
_LAZY_OP_MODULES: list[str] = []   # modules imported lazily by `varflow` that define op types


def _load_lazy_op_modules() -> None:
    """Import the lazily loaded modules that define op types (once they are all loaded, a no-op)."""
    import importlib

    while _LAZY_OP_MODULES:
        importlib.import_module(_LAZY_OP_MODULES.pop(0))


def define(op_type: str, infer: Callable, kernel: Callable | None = None, *,
           grad: Callable | None = None, compile: Callable | None = None, stateful: bool = False,
           ref_inputs: tuple = (), differentiable: bool = True) -> OpDef:
    """Register op `op_type`; defining the same type twice is a programming error."""
    if op_type in _REGISTRY:
        raise KeyError("Op type %r is already defined" % op_type)
    op_def = OpDef(op_type, infer, kernel, grad, compile, stateful, ref_inputs, differentiable)
    _REGISTRY[op_type] = op_def
    return op_def


def get(op_type: str) -> OpDef:
    op_def = _REGISTRY.get(op_type)
    if op_def is not None:
        return op_def
    if _LAZY_OP_MODULES:
        _load_lazy_op_modules()
        return get(op_type)
    try:
        return _REGISTRY[op_type]
    except KeyError:
        raise ValueError("Op type %r is not registered in varflow." % op_type) from None


def set_gradient(op_type: str, grad: Callable | None) -> None:
    """`tf.RegisterGradient`-style late binding (also used for `NotDifferentiable`)."""
    op_def = get(op_type)
    op_def.grad = grad
    op_def.differentiable = grad is not None


def registered_types() -> list[str]:
    _load_lazy_op_modules()
    return sorted(_REGISTRY)
