"""`tf.gradients`: reverse mode over the graph, building each op's registered gradient as graph ops.

The walk visits only ops that lie on a path from `xs` to `ys`, in reverse topological order, sums
gradients arriving on several paths (AddN, or concatenated IndexedSlices when all are sparse), and
returns None for an `x` that `ys` do not depend on.
"""
from __future__ import annotations

from .framework import dtypes
from .framework.graph import Operation, Tensor, convert_to_tensor, name_scope
from .framework.indexed_slices import IndexedSlices

_BACKPROP_DTYPES = frozenset([dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64,
                              dtypes.complex64, dtypes.complex128, dtypes.resource,
                              dtypes.variant])


def _backpropagatable(t: Tensor) -> bool:
    return t._dtype.base_dtype in _BACKPROP_DTYPES


def _as_list(x) -> list:
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _as_x(x) -> Tensor:
    """The tensor gradients are taken with respect to: a variable's ref output or handle."""
    handle = getattr(x, "_gradient_target", None)
    if handle is not None:
        return handle()
    if isinstance(x, IndexedSlices):
        return x.values
    return convert_to_tensor(x, as_ref=True)


def _reachable_forward(xs: list[Tensor], stop_ops: set) -> set:
    seen: set = set()
    stack = [c for x in xs for c in x._consumers]
    while stack:
        op = stack.pop()
        if op in seen or op in stop_ops:
            continue
        seen.add(op)
        for out in op._outputs:
            stack.extend(out._consumers)
    return seen


def _ops_between(ys: list[Tensor], xs: list[Tensor], stop_ops: set) -> list[Operation]:
    """Ops on some path x → y, in topological order (inputs before consumers)."""
    forward = _reachable_forward(xs, stop_ops)
    order: list[Operation] = []
    state: dict = {}
    for y in ys:
        start = y._op
        if start in state or start not in forward:
            continue
        stack = [(start, False)]
        while stack:
            op, done = stack.pop()
            if done:
                order.append(op)
                continue
            if op in state:
                continue
            state[op] = True
            stack.append((op, True))
            for t in op._inputs:       # an x in the middle still passes gradient to earlier xs
                if t._op in forward and t._op not in state:
                    stack.append((t._op, False))
    return order


def _aggregate(grads: list, name: str):
    grads = [g for g in grads if g is not None]
    if not grads:
        return None
    if len(grads) == 1:
        return grads[0]
    from .ops import array_ops, math_ops

    if all(isinstance(g, IndexedSlices) for g in grads):
        return IndexedSlices(array_ops.concat([g.values for g in grads], 0),
                             array_ops.concat([g.indices for g in grads], 0),
                             grads[0].dense_shape)
    dense = [convert_to_tensor(g) if isinstance(g, IndexedSlices) else g for g in grads]
    return math_ops.add_n(dense, name=name)


def gradients(ys, xs, grad_ys=None, name: str = "gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients="none") -> list:
    """Symbolic d(sum ys)/d(x) for each x in `xs`; None where an x does not affect `ys`."""
    from .ops import array_ops

    ys_list = [convert_to_tensor(y) if not isinstance(y, Tensor) else y for y in _as_list(ys)]
    xs_list = [_as_x(x) for x in _as_list(xs)]
    grad_ys_list = _as_list(grad_ys)
    if grad_ys_list and len(grad_ys_list) != len(ys_list):
        raise ValueError("Length mismatch. Passed %d grad_ys for %d ys; pass one grad_y (or None) "
                         "per y." % (len(grad_ys_list), len(ys_list)))
    # TF stops at the op: a stopped tensor still receives its gradient, nothing flows past it
    stop_ops = {_as_x(s)._op if not isinstance(s, Operation) else s
                for s in _as_list(stop_gradients)}

    with name_scope(name, "gradients", ys_list + xs_list) as scope:
        grads: dict = {}   # Tensor -> list of incoming gradients

        for i, y in enumerate(ys_list):
            gy = grad_ys_list[i] if grad_ys_list else None
            grads.setdefault(y, []).append(_grad_y(y, gy, i))

        x_set = set(xs_list)
        ops = _ops_between(ys_list, xs_list, stop_ops)
        for op in reversed(ops):
            if op in stop_ops:
                continue
            out_grads = []
            any_grad = False
            for out in op._outputs:
                g = _aggregate(grads.get(out, []), None) if out in grads else None
                if out in x_set and out in grads:
                    grads[out] = [g] if g is not None else []
                out_grads.append(g)
                any_grad = any_grad or g is not None
            if not any_grad:
                continue
            grad_fn = _gradient_function(op)
            if grad_fn is None:
                if op._def.differentiable and any(_backpropagatable(t) for t in op._inputs):
                    raise LookupError(
                        "No gradient defined for operation '%s' (op type: %s). Wrap it in "
                        "tf.stop_gradient if no gradient should flow through it."
                        % (op.name, op.type))
                continue
            for k, out in enumerate(op._outputs):
                if out_grads[k] is None and _backpropagatable(out) and len(op._outputs) > 1:
                    with name_scope(op.name + "_grad/"):
                        out_grads[k] = array_ops.zeros_like(out)
            with name_scope(op.name + "_grad"):
                in_grads = grad_fn(op, *out_grads)
            in_grads = list(in_grads) if isinstance(in_grads, (list, tuple)) else [in_grads]
            if len(in_grads) != len(op._inputs):
                raise ValueError("Gradient function for %s returned %d gradients for %d inputs"
                                 % (op.type, len(in_grads), len(op._inputs)))
            for t, g in zip(op._inputs, in_grads):
                if g is None or not _backpropagatable(t):
                    continue
                if t._op in stop_ops and t not in x_set:
                    continue
                grads.setdefault(t, []).append(g)

        result = []
        for x in xs_list:
            g = _aggregate(grads.get(x, []), None)
            if g is None and unconnected_gradients == "zero":
                g = array_ops.zeros_like(x)
            result.append(g)
        del scope
    return result


def _grad_y(y: Tensor, gy, i: int) -> Tensor:
    """The initial gradient of `y`: `grad_ys[i]`, or ones of y's shape named `grad_ys_<i>` (as TF)."""
    from .ops import array_ops, constant_op

    dtype = y._dtype.base_dtype
    if gy is None:
        if dtype.is_complex:
            raise TypeError("Gradients of complex tensors (%s) must set grad_ys (y.dtype = %s)"
                            % (y, dtype.name))
        shape = array_ops.shape(y)
        with name_scope("grad_ys_%d" % i) as scope:
            one = constant_op.constant(1, dtype=dtype, name="Const")
        return array_ops.fill(shape, one, name=scope)
    gy = convert_to_tensor(gy)
    g_dtype = gy._dtype.base_dtype
    real_or_int = dtype.is_floating or dtype.is_integer
    if (real_or_int and not (g_dtype.is_floating or g_dtype.is_integer)) or \
            (dtype.is_complex and not g_dtype.is_complex) or g_dtype != dtype:
        raise TypeError("grad_ys[%d] has dtype %s but ys[%d] (%s) has dtype %s; pass grad_ys of "
                        "the same dtype as ys (e.g. tf.cast(g, %s))."
                        % (i, g_dtype.name, i, y.name, dtype.name, dtype.name))
    return gy


class AggregationMethod:
    """`tf.AggregationMethod`: how gradients arriving on several paths are summed (all one sum here)."""

    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


def _gradient_function(op: Operation):
    override = op._graph._gradient_overrides.get(op.type)
    if override is not None:
        from .framework.registry import get

        return _custom_gradients.get(override) or get(override).grad
    return _custom_gradients_by_type.get(op.type) or op._def.grad


_custom_gradients: dict = {}
_custom_gradients_by_type: dict = {}


class RegisterGradient:
    """`@tf.RegisterGradient("Name")`: a gradient usable through `gradient_override_map`."""

    def __init__(self, op_type: str):
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, fn):
        if self._op_type in _custom_gradients:
            raise KeyError("Registering two gradient with name '%s'!" % self._op_type)
        _custom_gradients[self._op_type] = fn
        return fn


def NotDifferentiable(op_type: str) -> None:  # noqa: N802 - TF's name
    from .framework.registry import set_gradient

    set_gradient(op_type, None)


NoGradient = NotDifferentiable


def hessians(ys, xs, name: str = "hessians", **kwargs) -> list:
    """Second derivatives of sum(ys) w.r.t. each x, as a [x.shape + x.shape] tensor per x."""
    from .ops import array_ops

    out = []
    for x in _as_list(xs):
        (g,) = gradients(ys, [x])
        flat = array_ops.reshape(g, [-1])
        n = flat.shape[0]
        if n is None:
            raise ValueError("hessians needs a fully defined shape for %s" % x.name)
        rows = [gradients(flat[i], [x])[0] for i in range(n)]
        rows = [r if r is not None else array_ops.zeros_like(x) for r in rows]
        h = array_ops.stack(rows)
        shape = x.shape.as_list()
        out.append(array_ops.reshape(h, shape + shape))
    return out
