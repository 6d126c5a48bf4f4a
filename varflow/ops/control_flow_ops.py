"""Control ops: `tf.no_op`, `tf.group`, `tf.tuple`, `tf.cond`, `tf.case`, `tf.while_loop`.

`tf.cond` is TF1's Switch/Merge construction: tensors entering a branch pass through a `Switch` on
the predicate, so in the branch not taken they are DEAD and the executor skips every op fed by
them; ops created in a branch without inputs hang off the branch pivot. `tf.while_loop` is one
`While` op whose kernel runs the cond and body (built in the same graph) as sub-plans.
"""
from __future__ import annotations

import builtins
import functools

import numpy as np

from ..framework import dtypes
from ..framework.graph import (Operation, Tensor, control_dependencies, convert_to_tensor,
                               get_default_graph, name_scope)
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, as_shape, unknown_shape
from ..runtime.executor import DEAD, Plan
from .op_util import make, no_outputs

__all__ = ["no_op", "group", "tuple", "cond", "case", "while_loop"]

_py_tuple = builtins.tuple

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
        raise ValueError("Unknown keyword arguments: " + ", ".join(kwargs))
    flat: list = []

    def walk(x):
        if isinstance(x, (list, _py_tuple, set)):
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
    with name_scope(name, "tuple", [t for t in tensors if t is not None]):
        gate = group(*[t for t in tensors if t is not None], *(control_inputs or []))
        out = []
        with control_dependencies([gate]):
            for t in tensors:
                out.append(None if t is None else identity(t, name="control_dependency"))
        return out


# ------------------------------------------------------------------------------------------------
# Nested structures (lists, tuples, namedtuples, dicts) of loop variables and branch results
# ------------------------------------------------------------------------------------------------
def _is_seq(x) -> bool:
    return isinstance(x, (list, _py_tuple, dict))


def _flatten(x) -> list:
    if isinstance(x, dict):
        return [y for k in sorted(x) for y in _flatten(x[k])]
    if isinstance(x, (list, _py_tuple)):
        return [y for e in x for y in _flatten(e)]
    return [x]


def _pack(structure, flat: list):
    it = iter(flat)

    def build(s):
        if isinstance(s, dict):
            built = {k: build(s[k]) for k in sorted(s)}
            return type(s)((k, built[k]) for k in s)
        if isinstance(s, (list, _py_tuple)):
            items = [build(e) for e in s]
            if hasattr(s, "_fields"):
                return type(s)(*items)
            return type(s)(items)
        return next(it)
    return build(structure)


def _assert_same_structure(a, b, what: str) -> None:
    """TF's rule: different kinds of sequence → TypeError, otherwise a mismatch → ValueError."""
    def check(x, y):
        if _is_seq(x) != _is_seq(y):
            raise ValueError("The two structures don't have the same nested structure (%s).\n"
                             "First structure: %r\nSecond structure: %r" % (what, a, b))
        if not _is_seq(x):
            return
        if type(x) is not type(y):
            raise TypeError("The two structures don't have the same sequence type (%s): %s vs "
                            "%s.\nFirst structure: %r\nSecond structure: %r"
                            % (what, type(x).__name__, type(y).__name__, a, b))
        if isinstance(x, dict):
            if set(x) != set(y):
                raise ValueError("The two structures don't have the same nested structure (%s): "
                                 "the dictionaries have different keys %s and %s."
                                 % (what, sorted(x), sorted(y)))
            for k in x:
                check(x[k], y[k])
            return
        if len(x) != len(y):
            raise ValueError("The two structures don't have the same nested structure (%s): "
                             "sequences of length %d and %d.\nFirst structure: %r\nSecond "
                             "structure: %r" % (what, len(x), len(y), a, b))
        for u, v in zip(x, y):
            check(u, v)
    check(a, b)


# ------------------------------------------------------------------------------------------------
# Switch and Merge: the dead-value primitives of TF1 control flow
# ------------------------------------------------------------------------------------------------
def _check_pred(pred: Tensor, op_type: str) -> None:
    if pred._dtype.base_dtype != dtypes.bool:
        raise TypeError("Input 'pred' of '%s' Op has type %s that does not match expected type "
                        "of bool." % (op_type, pred._dtype.base_dtype.name))
    if pred._shape.ndims not in (None, 0):
        raise ValueError("Shape must be rank 0 but is rank %d for '%s' (the predicate of a "
                         "conditional must be a scalar bool, got shape %s)"
                         % (pred._shape.ndims, op_type, pred._shape))


def _switch_rule(inputs, attrs):
    data, pred = inputs
    _check_pred(pred, "Switch")
    return [(data._dtype, data._shape)] * 2


def _switch_kernel(data, pred):
    return (DEAD, data) if pred else (data, DEAD)


def _switch_grad(op, g_false, g_true):
    """Each branch's gradient arrives on its own output; exactly one of them is alive."""
    grads = [convert_to_tensor(g) for g in (g_false, g_true)]
    return [_merge(grads, name="cond_grad", pred=op._inputs[1])[0], None]


define("Switch", _switch_rule, _switch_kernel, grad=_switch_grad, ref_inputs=(0,))
define("RefSwitch", _switch_rule, _switch_kernel, grad=_switch_grad, ref_inputs=(0,))  # TF's, for refs


def _merge_rule(inputs, attrs):
    first = inputs[0]
    shape = first._shape
    for t in inputs[1:]:
        if t._dtype.base_dtype != first._dtype.base_dtype:
            raise TypeError("Merge inputs must share one dtype, got %s and %s"
                            % (first._dtype.base_dtype.name, t._dtype.base_dtype.name))
        shape = _most_specific_common(shape, t._shape)
    return [(first._dtype.base_dtype, shape), (dtypes.int32, TensorShape([]))]


def _most_specific_common(a: TensorShape, b: TensorShape) -> TensorShape:
    if a.ndims is None or b.ndims is None or a.ndims != b.ndims:
        return unknown_shape()
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


def _merge_kernel(*inputs):
    for i, v in enumerate(inputs):
        if v is not DEAD:
            return v, np.array(i, dtype=np.int32)
    return DEAD, DEAD


def _merge_grad(op, g, g_index):
    """The gradient goes back to whichever input was alive: a Switch on the cond's predicate, or (a Merge
    without its cond, e.g. imported from a GraphDef) on its `value_index` output, as TF does."""
    pred = op._attrs.get("_cond_pred")
    if pred is None:
        from . import math_ops

        g = convert_to_tensor(g)
        return [_switch(g, math_ops.equal(op._outputs[1], i))[1] for i in range(len(op._inputs))]
    return list(_switch(convert_to_tensor(g), pred, name="cond_grad"))


define("Merge", _merge_rule, _merge_kernel, grad=_merge_grad)


def _switch(data: Tensor, pred: Tensor, name: str = "Switch") -> _py_tuple:
    """Switch `data` on `pred` (a RefSwitch for a ref variable's tensor, as TF)."""
    op_type = "RefSwitch" if data._dtype.is_ref_dtype else "Switch"
    return make(op_type, [data, pred], name=name)._outputs


def _merge(inputs: list, name: str = "Merge", pred: Tensor | None = None) -> _py_tuple:
    """Merge `inputs` (exactly one alive); `pred` is the cond's predicate, used by the gradient."""
    return make("Merge", list(inputs), {"_cond_pred": pred} if pred is not None else {},
                name=name)._outputs


# ------------------------------------------------------------------------------------------------
# tf.cond
# ------------------------------------------------------------------------------------------------
def _in_context(op: Operation, ctx) -> bool:
    c = op._control_flow_context
    while c is not None:
        if c is ctx:
            return True
        c = c.outer_context
    return False


class CondContext:
    """The ops of one branch of one `tf.cond`: their outside inputs go through a Switch."""

    def __init__(self, pred: Tensor, pivot: Tensor, branch: int, outer, name: str | None = None):
        self.pred = pred
        self.pivot = pivot
        self.branch = branch
        self.outer_context = outer
        self._switched: dict = {}
        self.name = name or get_default_graph().unique_name("cond_text")  # TF's `cond/cond_text`
        self._ops: list = []        # the ops built in this branch (nested conds' included)
        self._nested: list = []     # conds built in this branch
        if isinstance(outer, CondContext):
            outer._nested.append(self)

    def to_proto(self, export_scope: str | None = None):
        """TF's CondContextDef of this branch (None when it is outside `export_scope`)."""
        from ..framework.meta_graph import cond_context_to_proto

        return cond_context_to_proto(self, export_scope)

    @staticmethod
    def from_proto(context_def, import_scope: str | None = None, graph=None, contexts=None):
        """The CondContext a CondContextDef describes, over ops already in the graph."""
        from ..framework.meta_graph import cond_context_from_proto

        return cond_context_from_proto(context_def, import_scope, graph or get_default_graph(), contexts)

    def build(self, fn, fn_name: str):
        """Call the branch function in this context and return its flat results and structure."""
        graph = get_default_graph()
        start = len(graph._ops)
        old = graph._control_flow_context
        graph._control_flow_context = self
        try:
            result = fn()
            if result is None:
                raise ValueError("'%s' must have a return value." % fn_name)
            flat = [self._as_output(r, fn_name) for r in _flatten(result)]
        finally:
            graph._control_flow_context = old
        self._ops = [op for op in graph._ops[start:] if _in_context(op, self)]
        flat = [t if t is self.pivot or _in_context(t._op, self) else self._switched_value(t, None)
                for t in flat]      # an outside result: a Switch named in the cond's scope
        return result, flat

    def add_op(self, op: Operation) -> None:
        """Called as each op of the branch is created: its outside inputs go through a Switch
        (made in the outer context, with no control inputs, named `<op>/Switch`), as in TF."""
        with op._graph.name_scope(None):
            self._capture_inputs(op)

    def _as_output(self, r, fn_name: str) -> Tensor:
        if r is None:
            raise ValueError("'%s' returned None inside its result; every output of a cond "
                             "branch must be a tensor." % fn_name)
        if isinstance(r, Operation):        # TF's with_dependencies([op], pivot)
            from .array_ops import identity

            with control_dependencies([r]):
                return identity(self.pivot, name="control_dependency")
        if hasattr(r, "indices") and hasattr(r, "dense_shape") and not isinstance(r, Tensor):
            from .array_ops import identity

            return identity(convert_to_tensor(r))
        return convert_to_tensor(r)

    def _switched_value(self, t: Tensor, consumer_name: str | None) -> Tensor:
        """`t` as this branch sees it (one Switch per outside tensor; an enclosing cond's
        branch switches it first)."""
        s = self._switched.get(t)
        if s is None:
            src, outer = t, self.outer_context
            if isinstance(outer, CondContext) and t is not outer.pivot and not _in_context(t._op, outer):
                src = outer._switched_value(t, consumer_name)
            name = "Switch" if consumer_name is None else consumer_name + "/Switch"
            graph = t._op._graph
            old = graph._control_flow_context
            graph._control_flow_context = self.outer_context    # made outside this branch
            try:                              # colocated with the value it switches, as TF
                with graph.colocate_with(src._op, ignore_existing=True):
                    if consumer_name is None:     # a result's Switch: the cond's own control deps
                        s = _switch(src, self.pred, name=name)[self.branch]
                    else:                         # an input's Switch: none, as TF makes them
                        with graph.control_dependencies(None):
                            s = _switch(src, self.pred, name=name)[self.branch]
            finally:
                graph._control_flow_context = old
            s._op._control_flow_context = self      # the branch's own view of t
            self._switched[t] = s
        return s

    def _capture_inputs(self, op: Operation) -> None:
        if not op._inputs:
            if not any(_in_context(c, self) for c in op._control_inputs):
                op._add_control_input(self.pivot._op)
            return
        new = list(op._inputs)
        changed = False
        for i, t in enumerate(op._inputs):
            if t is not self.pivot and not _in_context(t._op, self):   # the pivot is the branch's own
                s = self._switched_value(t, op._name)
                t._consumers.remove(op)
                s._consumers.append(op)
                new[i] = s
                changed = True
        if changed:
            op._inputs = _py_tuple(new)
            op._graph._structure_changed()


def _check_callable(fn, what: str) -> None:
    if not callable(fn):
        raise TypeError("'%s' must be callable." % what)


def cond(pred, true_fn=None, false_fn=None, strict: bool = False, name=None, fn1=None, fn2=None):
    """`tf.cond`: `true_fn()` if `pred` else `false_fn()`; only the taken branch's ops run.

    >>> tf.cond(x > 0, lambda: tf.sqrt(x), lambda: tf.zeros([]))
    """
    if fn1 is not None:
        if true_fn is not None:
            raise TypeError("cond(): true_fn and fn1 may not be set simultaneously.")
        true_fn = fn1
    if fn2 is not None:
        if false_fn is not None:
            raise TypeError("cond(): false_fn and fn2 may not be set simultaneously.")
        false_fn = fn2
    _check_callable(true_fn, "true_fn")
    _check_callable(false_fn, "false_fn")
    if isinstance(pred, bool):
        raise TypeError("pred must not be a Python bool: tf.cond needs a bool tensor. For a "
                        "Python bool, call the branch directly: true_fn() if pred else "
                        "false_fn().")
    from .array_ops import identity

    with name_scope(name, "cond", [pred]) as scope:
        pred = convert_to_tensor(pred)
        graph = pred.graph
        p_false, p_true = _switch(pred, pred)
        pivot_t = identity(p_true, name="switch_t")
        pivot_f = identity(p_false, name="switch_f")
        pred_id = identity(pred, name="pred_id")
        outer = graph._control_flow_context
        ctx_t = CondContext(pred_id, pivot_t, 1, outer)
        res_t, flat_t = ctx_t.build(true_fn, "true_fn")
        ctx_f = CondContext(pred_id, pivot_f, 0, outer)
        res_f, flat_f = ctx_f.build(false_fn, "false_fn")
        _assert_same_structure(res_t, res_f, "outputs of 'true_fn' and 'false_fn'")
        for t, f in zip(flat_t, flat_f):
            if t._dtype.base_dtype != f._dtype.base_dtype:
                raise ValueError("Outputs of 'true_fn' and 'false_fn' must have the same type(s). "
                                 "Received %s from 'true_fn' and %s from 'false_fn'."
                                 % (t._dtype.base_dtype.name, f._dtype.base_dtype.name))
        merges = []
        for t, f in zip(flat_t, flat_f):
            merges.append(_merge([f, t], name="Merge", pred=pred_id)[0])
        if outer is None:  # as TF: outermost conds in the collection, nested ones inside them
            graph.add_to_collection("cond_context", ctx_t)
            graph.add_to_collection("cond_context", ctx_f)
        del scope
    if not _is_seq(res_t):
        return merges[0]
    packed = _pack(res_t, merges)
    if not strict and isinstance(packed, (list, _py_tuple)) and len(packed) == 1:
        return packed[0]
    return packed


# ------------------------------------------------------------------------------------------------
# tf.case
# ------------------------------------------------------------------------------------------------
def case(pred_fn_pairs, default=None, exclusive: bool = False, strict: bool = False,
         name: str = "case"):
    """`tf.case`: the fn of the first true predicate (nested conds), else `default`."""
    if isinstance(pred_fn_pairs, dict):     # TF orders a dict's pairs by predicate name
        pairs = sorted(pred_fn_pairs.items(), key=lambda item: getattr(item[0], "name", ""))
    elif isinstance(pred_fn_pairs, (list, _py_tuple)):
        pairs = list(pred_fn_pairs)
    else:
        raise TypeError("fns must be a list, tuple, or dict")
    preds, fns = [], []
    for pair in pairs:
        if not isinstance(pair, _py_tuple) or len(pair) != 2:
            raise TypeError("Each entry in pred_fn_pairs must be a 2-tuple, got %r" % (pair,))
        p, fn = pair
        if isinstance(p, bool):
            raise TypeError("pred must not be a Python bool (in tf.case)")
        p = convert_to_tensor(p)
        if p._dtype.base_dtype != dtypes.bool:
            raise TypeError("pred must be Tensor of type bool: %s" % p.name)
        _check_callable(fn, "fn for pred %s" % p.name)
        preds.append(p)
        fns.append(fn)
    if default is not None:
        _check_callable(default, "default")
    if not preds and default is None:
        raise ValueError("tf.case needs at least one (pred, fn) pair or a default")
    with name_scope(name, "case", preds):
        if not preds:
            return default()
        if default is None:     # the last pair becomes the default, checked by asserts (as TF)
            default = _case_default(preds, fns)
            preds, fns = preds[:-1], fns[:-1]
        fn = default
        for p, f in reversed(list(zip(preds, fns))):
            fn = functools.partial(cond, p, f, fn, strict)
        if exclusive:
            with control_dependencies([_assert_at_most_n_true(preds, 1, "Input error: exclusive=True")]):
                return fn()
        return fn()


def _assert_at_most_n_true(preds: list, n: int, msg: str) -> Operation:
    """An Assert that at most `n` of `preds` hold, built as TF's tf.case builds it."""
    from . import logging_ops, math_ops
    from .array_ops import stack
    from .constant_op import constant

    preds_c = stack(preds, name="preds_c")
    count = math_ops.reduce_sum(math_ops.cast(preds_c, dtypes.int32), name="num_true_conds")
    ok = math_ops.less_equal(count, constant(n, name="n_true_conds"))
    names = ", ".join(p.name for p in preds)
    return logging_ops.Assert(ok, ["%s: more than %d conditions (%s) evaluated as True:"
                                   % (msg, n, names), preds_c], summarize=len(preds))


def _case_default(preds: list, fns: list):
    """tf.case without a default: the last fn, run only after asserting that its predicate holds
    and no other does."""
    from . import logging_ops
    from .array_ops import stack

    k = len(preds) - 1

    def default():
        every = stack(preds, name="preds_c")
        others = _assert_at_most_n_true(
            preds[:k], 0, "Implementation error: selected default action #%d was called, but "
            "some of other predicates are True: " % k)
        last = logging_ops.Assert(preds[k], ["Input error: None of conditions evaluated as True:",
                                             every])
        with control_dependencies([others, last]):
            return fns[k]()
    return default


def _stack(ts: list) -> Tensor:
    from . import array_ops

    return array_ops.stack(ts)


# ------------------------------------------------------------------------------------------------
# tf.while_loop: one While op running the cond and body sub-plans
# ------------------------------------------------------------------------------------------------
class WhileContext:
    """The ops of one while loop's cond and body (run per iteration by the While kernel)."""

    add_op = None       # the loop's outside inputs are found when the loop is built

    def __init__(self, outer):
        self.outer_context = outer


class _LoopSpec:
    """What the While kernel needs: the loop-variable stand-ins, cond/body outputs, captures."""

    def __init__(self, placeholders, cond_out, body_outs, captures, has_max, back_prop):
        self.placeholders = placeholders
        self.cond_out = cond_out
        self.body_outs = body_outs
        self.captures = captures
        self.has_max = has_max
        self.back_prop = back_prop
        self.grad_spec = None

    def body_ops(self) -> list:
        """The ops one iteration runs for the body's results, in creation order."""
        stops = {t._op for t in list(self.placeholders) + list(self.captures)}
        seen, stack = set(), [t._op for t in self.body_outs]
        while stack:
            op = stack.pop()
            if op in seen or op in stops:
                continue
            seen.add(op)
            stack += [t._op for t in op._inputs] + list(op._control_inputs)
        return sorted(seen, key=lambda op: op._id)


def _while_rule(inputs, attrs):
    spec = attrs["_loop"]
    out = [(p._dtype, p._shape) for p in spec.placeholders]
    if spec.back_prop:
        out.append((dtypes.variant, TensorShape([])))
    return out


def _while_compile(op, runtime):
    spec = op._attrs["_loop"]
    graph = op._graph
    feeds = list(spec.placeholders) + list(spec.captures)
    has_max, record = spec.has_max, spec.back_prop
    recorded = spec.grad_spec.recorded if record and spec.grad_spec is not None else []
    cond_plan = Plan(graph, [spec.cond_out], feeds, runtime)
    body_plan = Plan(graph, list(spec.body_outs) + recorded, feeds, runtime)
    n = len(spec.placeholders)

    def run(*args):
        vals = list(args[:n])
        rest = list(args[n:])
        limit = None
        if has_max:
            limit = int(rest.pop(0))
        history = []
        it = 0
        while limit is None or it < limit:
            if not cond_plan.run(vals + rest)[0]:
                break
            results = body_plan.run(vals + rest)
            if record:
                history.append((vals, [_value_now(v) for v in results[n:]]))
            vals = results[:n]
            it += 1
        out = _py_tuple(vals) + ((history,) if record else ())
        return out if len(out) != 1 else out[0]
    return run


def _value_now(value):
    """A recorded tensor's value at this iteration (a variable's ref output is read now; an inner
    loop's iteration history, a list, is kept as it is)."""
    if isinstance(value, (np.ndarray, list)):
        return value
    return np.asarray(value.read() if hasattr(value, "read") else value)


def _backprop(t: Tensor) -> bool:
    return t._dtype.base_dtype in (dtypes.float16, dtypes.bfloat16, dtypes.float32,
                                   dtypes.float64, dtypes.complex64, dtypes.complex128)


def _while_grad(op, *out_grads):
    """Replay the body's gradient backwards over the recorded per-iteration loop values."""
    from .array_ops import zeros_like

    spec = op._attrs["_loop"]
    n = len(spec.placeholders)
    n_in = len(op._inputs)
    if not spec.back_prop:
        return [None] * n_in
    gspec = spec.grad_spec or _build_while_grad_spec(spec)
    spec.grad_spec = gspec
    if not gspec.loop_idx and not gspec.cap_idx:
        return [None] * n_in
    gs = []
    for i in gspec.loop_idx:
        g = out_grads[i]
        gs.append(convert_to_tensor(g) if g is not None else zeros_like(op._outputs[i], optimize=False))
    history = op._outputs[n]
    gop = make("WhileGrad", [history] + gs + list(spec.captures), {"_grad": gspec},
               name="WhileGrad")
    result: list = [None] * n_in
    for k, i in enumerate(gspec.loop_idx):
        result[i] = gop._outputs[k]
    first_cap = n_in - len(spec.captures)
    for k, j in enumerate(gspec.cap_idx):
        result[first_cap + j] = gop._outputs[len(gspec.loop_idx) + k]
    return result


class _WhileGradSpec:
    """The body's gradient graph and the forward values its replay is fed (`recorded`)."""

    def __init__(self, spec, loop_idx, cap_idx, grad_ys, dxs, recorded=()):
        self.spec = spec
        self.loop_idx = loop_idx
        self.cap_idx = cap_idx
        self.grad_ys = grad_ys
        self.dxs = dxs
        self.recorded = list(recorded)


def _stateful_boundary(spec: _LoopSpec, grad_ops: list, dxs: list) -> list:
    """The forward body tensors the gradient graph reads that depend on a stateful op (a random
    draw, an assignment): the forward loop keeps their values per iteration and the replay is fed
    them, so it neither draws a new dropout mask nor repeats an assign_add (TF keeps such values
    on stacks for the same reason)."""
    tainted: set = set()
    for op in spec.body_ops():
        if op._def.stateful or any(t._op in tainted for t in op._inputs) or \
                any(c in tainted for c in op._control_inputs):
            tainted.add(op)
    boundary: list = []
    for t in [t for op in grad_ops for t in op._inputs] + [d for d in dxs if isinstance(d, Tensor)]:
        if t._op in tainted and t not in boundary:
            boundary.append(t)
    return boundary


def _build_while_grad_spec(spec: _LoopSpec) -> _WhileGradSpec:
    from ..gradients import gradients
    from .array_ops import placeholder

    loop_idx = [i for i, p in enumerate(spec.placeholders) if _backprop(p)]
    cap_idx = [j for j, c in enumerate(spec.captures) if _backprop(c)]
    if not loop_idx:
        return _WhileGradSpec(spec, [], [], [], [])
    graph = spec.cond_out._op._graph
    with name_scope("body_grad"):
        grad_ys = [placeholder(spec.placeholders[i]._dtype.base_dtype,
                               spec.body_outs[i]._shape, name="grad_y") for i in loop_idx]
        xs = [spec.placeholders[i] for i in loop_idx] + [spec.captures[j] for j in cap_idx]
        start = len(graph._ops)
        dxs = gradients([spec.body_outs[i] for i in loop_idx], xs, grad_ys=grad_ys)
    recorded = _stateful_boundary(spec, graph._ops[start:], dxs)
    return _WhileGradSpec(spec, loop_idx, cap_idx, grad_ys, dxs, recorded)


def _while_grad_rule(inputs, attrs):
    gspec = attrs["_grad"]
    spec = gspec.spec
    out = [(spec.placeholders[i]._dtype.base_dtype, spec.placeholders[i]._shape)
           for i in gspec.loop_idx]
    out += [(spec.captures[j]._dtype.base_dtype, spec.captures[j]._shape) for j in gspec.cap_idx]
    return out


def _while_grad_compile(op, runtime):
    gspec = op._attrs["_grad"]
    spec = gspec.spec
    fetch_pos = [k for k, d in enumerate(gspec.dxs) if d is not None]
    fetches = [convert_to_tensor(gspec.dxs[k]) for k in fetch_pos]
    feeds = list(spec.placeholders) + list(spec.captures) + list(gspec.grad_ys) + gspec.recorded
    plan = Plan(op._graph, fetches, feeds, runtime) if fetches else None
    nl = len(gspec.loop_idx)

    def run(history, *args):
        gs = list(args[:nl])
        caps = list(args[nl:])
        cap_acc = [np.zeros_like(caps[j]) for j in gspec.cap_idx]
        for vals, drawn in reversed(history):
            dx: list = [None] * len(gspec.dxs)
            if plan is not None:
                for k, v in zip(fetch_pos, plan.run(list(vals) + caps + gs + list(drawn))):
                    dx[k] = v
            gs = [np.zeros_like(vals[i]) if dx[k] is None else dx[k]
                  for k, i in enumerate(gspec.loop_idx)]
            for k in range(len(gspec.cap_idx)):
                d = dx[nl + k]
                if d is not None:
                    cap_acc[k] = cap_acc[k] + d
        out = _py_tuple(np.asarray(g) for g in gs) + _py_tuple(cap_acc)
        return out if len(out) != 1 else out[0]
    return run


define("While", _while_rule, compile=_while_compile, grad=_while_grad, stateful=True)
define("WhileGrad", _while_grad_rule, compile=_while_grad_compile, differentiable=False)


def _shape_error(inp: Tensor, out_shape: TensorShape) -> ValueError:
    return ValueError("Input tensor '%s' enters the loop with shape %s, but has shape %s after "
                      "one iteration. To allow the shape to vary across iterations, use the "
                      "`shape_invariants` argument of tf.while_loop to specify a less-specific "
                      "shape." % (inp.name, inp.shape, out_shape))


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations: int = 10,
               back_prop: bool = True, swap_memory: bool = False, name=None,
               maximum_iterations=None, return_same_structure: bool = False):
    """`tf.while_loop`: repeat `loop_vars = body(*loop_vars)` while `cond(*loop_vars)`.

    >>> i = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [0])
    """
    from .array_ops import placeholder

    _check_callable(cond, "cond")
    _check_callable(body, "body")
    if parallel_iterations < 1:
        raise TypeError("parallel_iterations must be a positive integer.")
    if isinstance(loop_vars, (list, _py_tuple, dict)) and not loop_vars:
        raise ValueError("No loop variables provided")
    flat_vars = _flatten(loop_vars)
    with name_scope(name, "while", [v for v in flat_vars if isinstance(v, Tensor)]) as scope:
        init = [convert_to_tensor(v) for v in flat_vars]
        graph = get_default_graph() if not init else init[0].graph
        if shape_invariants is not None:
            _assert_same_structure(loop_vars, shape_invariants, "loop_vars and shape_invariants")
            invariants = [as_shape(s) for s in _flatten(shape_invariants)]
            for t, s in zip(init, invariants):
                if not s.is_compatible_with(t._shape):
                    raise ValueError("The shape invariant specified for %s is not compatible with "
                                     "the initial shape of the loop variable. It enters the loop "
                                     "with shape %s, but the specified shape invariant is %s."
                                     % (t.name, t._shape, s))
        else:
            invariants = [t._shape for t in init]
        max_t = None
        if maximum_iterations is not None:
            max_t = convert_to_tensor(maximum_iterations, name="maximum_iterations")
            if max_t._dtype.base_dtype not in (dtypes.int32, dtypes.int64):
                raise TypeError("maximum_iterations must be an int32 or int64 tensor, got %s"
                                % max_t._dtype.base_dtype.name)
            if max_t._shape.ndims not in (None, 0):
                raise ValueError("maximum_iterations must be a scalar, saw shape: %s"
                                 % max_t._shape)
        ctx = WhileContext(graph._control_flow_context)
        start = len(graph._ops)
        old_ctx = graph._control_flow_context
        graph._control_flow_context = ctx
        try:
            with graph.control_dependencies(None):
                phs = [placeholder(t._dtype.base_dtype, s, name="Identity")
                       for t, s in zip(init, invariants)]
                packed = _pack(loop_vars, phs)
                args = packed if isinstance(packed, (list, _py_tuple)) else [packed]
                c = convert_to_tensor(cond(*args))
                if c._dtype.base_dtype != dtypes.bool:
                    raise TypeError("Input 'input' of 'LoopCond' Op has type %s that does not "
                                    "match expected type of bool." % c._dtype.base_dtype.name)
                if c._shape.ndims not in (None, 0):
                    raise ValueError("Shape must be rank 0 but is rank %d for the loop condition "
                                     "(cond must return a scalar bool)" % c._shape.ndims)
                result = _normalize_body_result(loop_vars, body(*args))
                _assert_same_structure(loop_vars, result, "loop_vars and the body's result")
                outs = [convert_to_tensor(r) for r in _flatten(result)]
        finally:
            graph._control_flow_context = old_ctx
        for t, o, s in zip(init, outs, invariants):
            if o._dtype.base_dtype != t._dtype.base_dtype:
                raise TypeError("Loop variable %s enters the loop with dtype %s, but the body "
                                "returns dtype %s for it." % (t.name, t._dtype.base_dtype.name,
                                                              o._dtype.base_dtype.name))
            if not s.is_compatible_with(o._shape):
                raise _shape_error(t, o._shape)
        captures, extra_ctrl = _loop_captures(graph, start, ctx, [c] + outs)
        spec = _LoopSpec(phs, c, outs, captures, max_t is not None, bool(back_prop))
        inputs = init + ([max_t] if max_t is not None else []) + captures
        loop = make("While", inputs, {"_loop": spec}, name="While")
        for op in extra_ctrl:
            loop._add_control_input(op)
        from .array_ops import identity

        exits = [identity(loop._outputs[i], name="Exit") for i in range(len(init))]
        del scope
    packed = _pack(loop_vars, exits)
    if (not return_same_structure and isinstance(packed, (list, _py_tuple))
            and len(packed) == 1 and not hasattr(packed, "_fields")):
        return packed[0]
    return packed


def _normalize_body_result(loop_vars, result):
    """TF compares the body's result with the loop vars as lists at the top level."""
    if isinstance(loop_vars, (list, _py_tuple)) and not hasattr(loop_vars, "_fields"):
        if not _is_seq(result):
            result = [result]
        if isinstance(result, (list, _py_tuple)) and not hasattr(result, "_fields"):
            result = type(loop_vars)(result)
    return result


def _loop_captures(graph, start: int, ctx, results: list) -> _py_tuple:
    """Outside tensors the loop reads (fed once per run) and outside control inputs of its ops."""
    captures: list = []
    seen: set = set()
    extra_ctrl: list = []

    def capture(t: Tensor):
        if t in seen or _in_context(t._op, ctx):
            return
        if t._dtype._is_ref_dtype:
            return          # variables: the sub-plan reads the variable itself
        seen.add(t)
        captures.append(t)

    for op in graph._ops[start:]:
        if not _in_context(op, ctx):
            continue
        for t in op._inputs:
            capture(t)
        outside = [c for c in op._control_inputs if not _in_context(c, ctx)]
        for c in outside:
            op._control_inputs.remove(c)
            c._control_outputs.remove(op)
            if c not in extra_ctrl:
                extra_ctrl.append(c)
    for t in results:
        capture(t)
    return captures, extra_ctrl
