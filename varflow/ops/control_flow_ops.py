"""Control ops: `tf.no_op`, `tf.group`, `tf.tuple`, `tf.cond`, `tf.while_loop`, `tf.case`, asserts."""
from __future__ import annotations

from ..framework.graph import Operation, Tensor, control_dependencies, convert_to_tensor, name_scope
from ..framework.registry import define
from .op_util import make, no_outputs

__all__ = ["no_op", "group", "tuple"]

define("NoOp", no_outputs, lambda *args: None, differentiable=False)


def no_op(name=None) -> Operation:
    """`tf.no_op`: an op that does nothing (useful as a control-dependency anchor)."""
    return make("NoOp", [], name=name or "NoOp")


def _as_op(x) -> Operation:
    if isinstance(x, Operation):
        return x
    if isinstance(x, Tensor):
        return x.op
    op = getattr(x, "op", None)
    if isinstance(op, Operation):
        return op
    raise TypeError("Expected a Tensor, Operation or Variable, got %r" % (x,))


def group(*inputs, **kwargs) -> Operation:
    """`tf.group`: one op that runs after all of `inputs` (nested lists allowed)."""
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError("Unknown keyword arguments: " + ", ".join(kwargs))
    flat: list = []

    def walk(x):
        if isinstance(x, (list, tuple, set)):
            for y in x:
                walk(y)
        elif isinstance(x, dict):
            for y in x.values():
                walk(y)
        elif x is not None:
            flat.append(_as_op(x))
    walk(inputs)
    with name_scope(name, "group_deps", flat) as scope:
        by_device: dict = {}
        for op in flat:
            by_device.setdefault(op.device, []).append(op)
        if len(by_device) <= 1:
            with control_dependencies(flat):
                return no_op(name=scope)
        deps = []
        for dev in sorted(by_device):
            from ..framework.graph import device as device_scope

            with device_scope(dev or None), control_dependencies(by_device[dev]):
                deps.append(no_op(name="NoOp"))
        with control_dependencies(deps):
            return no_op(name=scope)


def tuple(tensors, name=None, control_inputs=None) -> list:  # noqa: A001 - TF's name
    """`tf.tuple`: the same tensors, each available only after all of them are computed."""
    from .array_ops import identity

    tensors = [None if t is None else convert_to_tensor(t) for t in tensors]
    with name_scope(name, "tuple", [t for t in tensors if t is not None]) as scope:
        gate = group(*[t for t in tensors if t is not None], *(control_inputs or []),
                     name="control_dependency")
        out = []
        with control_dependencies([gate]):
            for t in tensors:
                out.append(None if t is None else identity(t))
        del scope
        return out
