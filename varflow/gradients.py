"""`tf.gradients`: reverse mode over the graph, building each op's registered gradient as graph ops.

The walk is TF's: it visits only ops that lie on a path from `xs` to `ys`, breadth-first from the
ys, each op once all its consumers have sent their gradients; it sums gradients arriving on several
paths (AddN, or concatenated IndexedSlices when all are sparse), gates an op's gradients together
when asked (GATE_OP), and returns None for an `x` that `ys` do not depend on.
"""
from __future__ import annotations

import collections
import enum

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


def _mark_reached(from_ops: list) -> set:
    """The ops reachable from `from_ops` through backpropagatable tensors (from_ops included)."""
    reached: set = set()
    queue = collections.deque(from_ops)
    while queue:
        op = queue.popleft()
        if op in reached:
            continue
        reached.add(op)
        for out in op._outputs:
            if _backpropagatable(out):
                queue.extend(out._consumers)
    return reached


def _pending_count(to_ops: list, from_ops: list) -> tuple:
    """(the to_ops reached from from_ops, the set of ops between them, and for each op between
    them the number of input edges from ops between them that still have to send a gradient)."""
    reached = _mark_reached(from_ops)
    reachable_to_ops = {op for op in to_ops if op in reached}
    between: list = []
    between_set: set = set()
    queue = collections.deque(to_ops)
    while queue:
        op = queue.popleft()
        if op in reached:
            between.append(op)
            between_set.add(op)
            reached.discard(op)
            queue.extend(t._op for t in op._inputs)
    pending: dict = collections.defaultdict(int)
    for op in between:
        for t in op._inputs:
            if t._op in between_set:
                pending[t._op] += 1
    return reachable_to_ops, between_set, pending


def _set_grad(grads: dict, t: Tensor, grad) -> None:
    """Record one more incoming gradient for `t` (grads: op -> a list of gradients per output)."""
    op_grads = grads.get(t._op)
    if op_grads is None:
        op_grads = grads[t._op] = [[] for _ in t._op._outputs]
    op_grads[t._value_index].append(grad)


def _aggregated_grads(grads: dict, op: Operation, aggregation_method) -> list:
    """Sum each output's incoming gradients (in place in `grads`); None where none came."""
    out_grads = grads.get(op)
    if out_grads is None:
        out_grads = grads[op] = [[] for _ in op._outputs]
    for i, out_grad in enumerate(out_grads):
        if not out_grad:
            out_grads[i] = None
        elif len(out_grad) == 1:
            out_grads[i] = out_grad[0]
        elif all(isinstance(g, Tensor) for g in out_grad):
            out_grads[i] = _sum_dense(out_grad, op, aggregation_method)
        else:
            out_grads[i] = _sum_sparse(out_grad)
    return out_grads


def _sum_dense(out_grad: list, op: Operation, aggregation_method) -> Tensor:
    """AddN of the gradients (per device, then across devices), or pairwise under
    `<op>_gradient_sum/` for the tree and accumulate_n methods."""
    from .framework.graph import colocate_with
    from .ops import math_ops

    if aggregation_method in (AggregationMethod.EXPERIMENTAL_TREE,
                              AggregationMethod.EXPERIMENTAL_ACCUMULATE_N):
        with name_scope(op.name + "_gradient_sum"):
            total = out_grad[0]
            for g in out_grad[1:]:
                total = math_ops.add_n([total, g])
            return total
    by_device: dict = {}
    for g in out_grad:
        by_device.setdefault(g.device or "", []).append(g)
    summands = []
    for dev in sorted(by_device):
        with colocate_with(by_device[dev][0]._op, ignore_existing=True):
            summands.append(math_ops.add_n(by_device[dev]))
    return summands[0] if len(summands) == 1 else math_ops.add_n(summands)


def _sum_sparse(out_grad: list):
    """Dense and sparse gradients summed densely (AddN); only sparse ones concatenated into one
    IndexedSlices (int32 indices cast to int64 when the kinds are mixed)."""
    from .ops import array_ops, math_ops

    if any(isinstance(g, Tensor) for g in out_grad):
        return math_ops.add_n([convert_to_tensor(g) for g in out_grad])
    indices = [g.indices for g in out_grad]
    if len({t.dtype.base_dtype for t in indices}) > 1:
        indices = [math_ops.cast(t, dtypes.int64) for t in indices]
    return IndexedSlices(array_ops.concat([g.values for g in out_grad], 0),
                         array_ops.concat(indices, 0), out_grad[0].dense_shape)


def gate_together(grads: list, name=None, used=None) -> list:
    """TF's `tuple` over gradients: each becomes an Identity named `control_dependency[_N]` (an
    IndexedSlices keeps its indices) that waits for a `group_deps` NoOp of all of them, so that no
    update runs before every gradient of the group is computed (the variables they read are
    still unchanged then).

    `used` (a flag per gradient) leaves out of the group the gradients nothing reads further
    (e.g. a first layer's gradient w.r.t. its input batch): TF's group holds them too, which would
    make every step compute them for nothing; ops and names stay TF's."""
    from .ops import array_ops, control_flow_ops
    from .framework.graph import colocate_with, control_dependencies

    present = [g for g in grads if g is not None]
    with name_scope(name, "tuple", [getattr(g, "values", g) for g in present]):
        if not present:
            raise ValueError("Must have at least one Tensor to gate: %s" % (grads,))
        waited = [g for i, g in enumerate(grads) if g is not None and (used is None or used[i])]
        gating = sorted({g.op for g in waited or present}, key=lambda o: o._id)
        gate = control_flow_ops.group(*gating)
        out = []
        for g in grads:
            if g is None:
                out.append(None)
                continue
            values = g.values if isinstance(g, IndexedSlices) else g
            with name_scope(None, "control_dependency", [values]) as dep_name, \
                    colocate_with(values._op), control_dependencies([gate]):
                gated = array_ops.identity(values, name=dep_name)
            out.append(IndexedSlices(gated, g.indices, g.dense_shape)
                       if isinstance(g, IndexedSlices) else gated)
        return out


def _stop_ops(from_ops: list, stop_gradient_ops: list, pending: dict) -> set:
    """The ops no gradient flows through: the xs' ops that no other op between sends a gradient
    to, and the stop_gradients' ops."""
    stop = {op for op in from_ops if all(pending.get(t._op, 0) <= 0 for t in op._inputs)}
    stop.update(stop_gradient_ops)
    return stop


def _unconnected_mode(unconnected_gradients) -> str:
    value = getattr(unconnected_gradients, "value", unconnected_gradients)
    if value not in ("none", "zero"):
        raise ValueError("Unknown value for unconnected_gradients: %r; use 'none' or 'zero' "
                         "(tf.UnconnectedGradients.NONE / ZERO)." % (unconnected_gradients,))
    return value


def gradients(ys, xs, grad_ys=None, name: str = "gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients="none") -> list:
    """Symbolic d(sum ys)/d(x) for each x in `xs`; None where an x does not affect `ys`.

    The walk is TF's: ops between xs and ys are visited breadth-first from the ys, each once all
    its consumers have sent their gradients, so aggregation ops are created (and named) in TF's
    order."""

    unconnected = _unconnected_mode(unconnected_gradients)
    if aggregation_method not in (None, AggregationMethod.ADD_N,
                                  AggregationMethod.EXPERIMENTAL_TREE,
                                  AggregationMethod.EXPERIMENTAL_ACCUMULATE_N):
        raise ValueError("Invalid aggregation_method %r; use a tf.AggregationMethod constant."
                         % (aggregation_method,))
    ys_list = [convert_to_tensor(y) if not isinstance(y, Tensor) else y for y in _as_list(ys)]
    xs_list = [_as_x(x) for x in _as_list(xs)]
    grad_ys_list = _as_list(grad_ys)
    if grad_ys_list and len(grad_ys_list) != len(ys_list):
        raise ValueError("Length mismatch. Passed %d grad_ys for %d ys; pass one grad_y (or None) "
                         "per y." % (len(grad_ys_list), len(ys_list)))
    # TF stops at the op: a stopped tensor still receives its gradient, nothing flows past it
    stop_gradient_ops = [_as_x(s)._op if not isinstance(s, Operation) else s
                         for s in _as_list(stop_gradients)]

    with name_scope(name, "gradients", ys_list + xs_list):
        grad_ys_list = [g if g is None or isinstance(g, (Tensor, IndexedSlices))
                        else convert_to_tensor(g, name="grad_y") for g in grad_ys_list]
        grads: dict = {}   # op -> per output: a list of incoming gradients, then their sum
        for i, y in enumerate(ys_list):
            _set_grad(grads, y, _grad_y(y, grad_ys_list[i] if grad_ys_list else None, i))
        to_ops = [y._op for y in ys_list]
        from_ops = [x._op for x in xs_list]
        reachable_to_ops, between, pending = _pending_count(to_ops, from_ops)
        queue: collections.deque = collections.deque()
        for op in to_ops:
            if pending[op] == 0 and op in reachable_to_ops and op not in queue:
                queue.append(op)
        stop_ops = _stop_ops(from_ops, stop_gradient_ops, pending)
        while queue:
            op = queue.popleft()
            out_grads = _aggregated_grads(grads, op, aggregation_method)
            gate = None
            if gate_gradients:    # the gradients the walk goes on with (TF gates all of them)
                gate = [t._op in between for t in op._inputs]
            in_grads = _op_gradients(op, out_grads, stop_ops, gate)
            for i, (t, g) in enumerate(zip(op._inputs, in_grads)):
                if g is None:
                    continue
                if isinstance(g, Tensor) and t._dtype != dtypes.resource:
                    _check_grad_shape(op, i, g)
                _set_grad(grads, t, g)
            for t in op._inputs:
                pending[t._op] -= 1
                if pending[t._op] == 0:
                    queue.append(t._op)
        return [_result(grads, x, unconnected) for x in xs_list]


def _op_gradients(op: Operation, out_grads: list, stop_ops: set, gate) -> list:
    """The gradients `op`'s registered gradient sends to its inputs (None for each input when
    nothing flows: no output gradient, a stop op, or a gradient-less op). With `gate` (a flag per
    input: is its gradient used further), several gradients are gated together (GATE_OP)."""
    from .ops import array_ops

    if all(g is None for g in out_grads) or op in stop_ops:
        return [None] * len(op._inputs)
    grad_fn = _gradient_function(op)
    if grad_fn is None:
        if op._def.differentiable and any(_backpropagatable(t) for t in op._inputs):
            raise LookupError(
                "No gradient defined for operation '%s' (op type: %s). Wrap it in "
                "tf.stop_gradient if no gradient should flow through it." % (op.name, op.type))
        return [None] * len(op._inputs)
    for k, out in enumerate(op._outputs):
        if out_grads[k] is None and _backpropagatable(out):
            out_grads[k] = array_ops.zeros_like(out, optimize=False)   # TF's ZerosLike op
    with name_scope(op.name + "_grad"):
        in_grads = grad_fn(op, *out_grads)
        in_grads = list(in_grads) if isinstance(in_grads, (list, tuple)) else [in_grads]
        if len(in_grads) != len(op._inputs):
            raise ValueError("Gradient function for %s returned %d gradients for %d inputs"
                             % (op.type, len(in_grads), len(op._inputs)))
        if gate is not None and sum(g is not None for g in in_grads) > 1:
            in_grads = gate_together(in_grads, used=gate)
    return in_grads


def _check_grad_shape(op: Operation, index: int, g: Tensor) -> None:
    """The gradient of input `index` takes that input's static shape; a contradiction is an
    error (as in TF)."""
    t = op._inputs[index]
    try:
        g.set_shape(t._shape)
    except ValueError:
        raise ValueError("Incompatible shapes between op input and calculated input gradient. "
                         "Forward operation: %s. Input index: %d. Original input shape: %s. "
                         "Calculated input gradient shape: %s. (Check grad_ys' shapes against "
                         "ys'.)" % (op.name, index, t._shape, g._shape)) from None


def _result(grads: dict, x: Tensor, unconnected: str):
    """x's summed gradient; None or zeros (per `unconnected_gradients`) where none reached it."""
    from .ops import array_ops

    op_grads = grads.get(x._op)
    g = op_grads[x._value_index] if op_grads else None
    if isinstance(g, list):       # x's op was not visited: sum what reached it (if anything)
        g = _aggregated_grads(grads, x._op, None)[x._value_index]
    if g is None and unconnected == "zero":
        return array_ops.zeros_like(x)
    return g


def _grad_y(y: Tensor, gy, i: int) -> Tensor:
    """The initial gradient of `y`, named `grad_ys_<i>` as in TF: an identity of `grad_ys[i]`
    (converted already), or ones of y's shape."""
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
    if isinstance(gy, IndexedSlices):
        return gy
    g_dtype = gy._dtype.base_dtype
    real_or_int = dtype.is_floating or dtype.is_integer
    if (real_or_int and not (g_dtype.is_floating or g_dtype.is_integer)) or \
            (dtype.is_complex and not g_dtype.is_complex) or g_dtype != dtype:
        raise TypeError("grad_ys[%d] has dtype %s but ys[%d] (%s) has dtype %s; pass grad_ys of "
                        "the same dtype as ys (e.g. tf.cast(g, %s))."
                        % (i, g_dtype.name, i, y.name, dtype.name, dtype.name))
    return array_ops.identity(gy, name="grad_ys_%d" % i)


class UnconnectedGradients(enum.Enum):
    """`tf.UnconnectedGradients`: what tf.gradients returns for an x that ys do not depend on."""

    NONE = "none"
    ZERO = "zero"


class AggregationMethod:
    """`tf.AggregationMethod`: how gradients arriving on several paths are summed (one AddN, or
    pairwise AddNs for the experimental methods)."""

    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


def _gradient_function(op: Operation):
    override = op._attrs.get("_gradient_op_type")     # set when the op was created inside
    if override is not None:                           # graph.gradient_override_map (as TF)
        from .framework import registry

        fn = _custom_gradients.get(override)
        if fn is not None:
            return fn
        if override in registry._REGISTRY:
            return registry.get(override).grad
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


def hessians(ys, xs, name: str = "hessians", colocate_gradients_with_ops: bool = False,
             gate_gradients: bool = False, aggregation_method=None) -> list:
    """Second derivatives of sum(ys) w.r.t. each x, as a [x.shape + x.shape] tensor per x.

    TF builds one while loop per x (scope `while`); here the rows are unrolled inside such a
    scope, so the `gradients` scopes of later calls are numbered as in TF. As in TF, a first or
    second derivative that does not exist (None) is a ValueError."""
    from .ops import array_ops

    kwargs = {"colocate_gradients_with_ops": colocate_gradients_with_ops,
              "gate_gradients": gate_gradients, "aggregation_method": aggregation_method}
    xs = _as_list(xs)
    out = []
    for g, x in zip(gradients(ys, xs, **kwargs), xs):
        if g is None:
            raise ValueError("None values not supported: %s does not depend on %s, so it has no "
                             "hessian with respect to it." % (_as_list(ys), x))
        flat = array_ops.reshape(g, [-1])
        n = flat.shape[0]
        if n is None:
            raise ValueError("hessians needs a fully defined shape for %s" % x.name)
        with name_scope("while"):
            rows = [gradients(flat[i], x, **kwargs)[0] for i in range(n)]
        if any(r is None for r in rows):
            raise ValueError("None values not supported: the gradient of %s with respect to %s "
                             "does not depend on %s, so the hessian has no value; compute it "
                             "with tf.gradients and unconnected_gradients='zero' instead."
                             % (_as_list(ys), x, x))
        shape = x.shape.as_list()
        out.append(array_ops.reshape(array_ops.stack(rows), shape + shape))
    return out
