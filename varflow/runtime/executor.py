"""Plans: a pruned, topologically ordered list of kernel calls for one (fetches, feeds) pair.

A plan is compiled once per (fetch set, feed set) and cached by the session. Running it is a loop
over prepared steps that read and write numbered value slots; nothing is looked up by name.
Untaken `tf.cond` branches produce the DEAD marker, which propagates through guarded steps only.
"""
from __future__ import annotations

import copy
import functools
import weakref

import numpy as np

from ..framework import errors
from ..framework.graph import Operation, Tensor
from .fusion import fuse_steps
from .kernel_choice import choose_kernels


class _Dead:
    """The value of a tensor in a `tf.cond` branch that was not taken."""

    __slots__ = ()

    def __repr__(self):
        return "<dead>"


DEAD = _Dead()
_DEAD_AWARE = frozenset(["Merge"])
_SWITCHES = frozenset(["Switch", "RefSwitch"])


def _needed_ops(targets: list, fed: set) -> list[Operation]:
    """Ops the targets depend on, in a valid execution order, not walking past fed tensors."""
    order: list[Operation] = []
    state: dict[Operation, int] = {}   # 1 = visiting, 2 = done
    for target in targets:
        if target in state:
            continue
        stack = [(target, False)]
        while stack:
            op, expanded = stack.pop()
            if expanded:
                if state.get(op) != 2:
                    state[op] = 2
                    order.append(op)
                continue
            if state.get(op) is not None:
                continue
            state[op] = 1
            stack.append((op, True))
            for c in reversed(op._control_inputs):
                if c not in state and not (c._type == "Placeholder" and c._outputs[0] in fed):
                    stack.append((c, False))   # a fed placeholder's control edges are satisfied
            for t in reversed(op._inputs):
                if t in fed:
                    continue
                if t._op not in state:
                    stack.append((t._op, False))
    return order


def _deref_positions(op: Operation) -> list:
    """Inputs that arrive as variable slots (ref tensors) but whose kernel wants their values."""
    ref_inputs = op._def.ref_inputs
    return [i for i, t in enumerate(op._inputs) if t._dtype._is_ref_dtype and i not in ref_inputs]


def _bind_kernel(op: Operation, runtime, deref=None):
    op_def = op._def
    if op_def.compile is not None:
        fn = op_def.compile(op, runtime)
    else:
        kernel = op_def.kernel
        if kernel is None:
            raise errors.UnimplementedError(None, op, "Op %s of type %s has no kernel."
                                            % (op._name, op._type))
        kattrs = {k: v for k, v in op._attrs.items() if k[0] != "_"}
        fn = functools.partial(kernel, **kattrs) if kattrs else kernel
    if deref is None:
        deref = _deref_positions(op)
    if deref:
        fn = _deref_inputs(fn, deref)
    return fn


def _bind_fused(op: Operation, kernel):
    """A fused kernel whose leading inputs are `op`'s, variable refs among them read first."""
    deref = _deref_positions(op)
    return _deref_inputs(kernel, deref) if deref else kernel


def _deref_inputs(fn, positions):
    def with_values(*args):
        args = list(args)
        for p in positions:
            value = args[p]
            if not isinstance(value, np.ndarray):   # a fed ref tensor is already a value
                args[p] = value.read()
        return fn(*args)
    return with_values


def _guard(fn, n_data: int, n_out: int):
    """Skip the kernel when any input (data or control liveness) is DEAD; outputs become DEAD."""
    dead_out = DEAD if n_out == 1 else (DEAD,) * n_out
    if n_out == 0:
        def guarded_no_outputs(*args):
            for a in args:
                if a is DEAD:
                    return (), DEAD
            fn(*args[:n_data])
            return (), True
        return guarded_no_outputs

    def guarded(*args):
        for a in args:
            if a is DEAD:
                return dead_out, DEAD
        return fn(*args[:n_data]), True
    return guarded


def _merge_may_be_dead(op: Operation, maybe_dead: set, fed: set) -> bool:
    """All inputs of a cond's Merge are dead only when its predicate is (an outer untaken branch)."""
    pred = op._attrs.get("_cond_pred")
    if pred is not None:
        return pred in maybe_dead and pred not in fed
    return all(t in maybe_dead and t not in fed for t in op._inputs)


_TEMPLATES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_TEMPLATES_PER_GRAPH = 512     # bound on cached (fetches, feeds) structures per graph


class _Template:
    """The session-independent part of a plan: pruned op order, slot numbering, guards and the
    kernels that need no session state; shared by every session on the graph (cheap sessions)."""

    __slots__ = ("specs", "nslots", "feed_slots", "fetch_slots", "ops", "structure_version",
                 "dead_fetches", "fed_fetches", "code")

    def __init__(self, graph, fetch_elements: list, feed_tensors: list):
        fed = set(feed_tensors)
        targets = [e if isinstance(e, Operation) else e._op for e in fetch_elements
                   if not (isinstance(e, Tensor) and e in fed)]
        ops = _needed_ops(targets, fed)
        self.ops = ops
        self.code = None              # the generated run function's factory, made by the first plan
        self.structure_version = graph._structure_version
        slot_of: dict = {}

        def slot(key):
            s = slot_of.get(key)
            if s is None:
                s = slot_of[key] = len(slot_of)
            return s

        self.feed_slots = [slot(t) for t in feed_tensors]
        maybe_dead: set = set()       # tensors and ops that may carry DEAD
        specs = []                    # (static fn or deref list, ins, out, mode, op, n_data, n_out)
        for op in ops:
            deref = _deref_positions(op)
            fn = deref if op._def.compile is not None else _bind_kernel(op, None, deref)
            ins = [slot(t) for t in op._inputs]
            outs = [slot(t) for t in op._outputs]
            guard_ctrl = [c for c in op._control_inputs if c in maybe_dead]
            guarded = (op._type not in _DEAD_AWARE and
                       (guard_ctrl or any(t in maybe_dead and t not in fed for t in op._inputs)))
            if op._type in _SWITCHES or guarded:
                maybe_dead.update(op._outputs)
            elif op._type == "Merge" and _merge_may_be_dead(op, maybe_dead, fed):
                maybe_dead.update(op._outputs)    # a nested cond's Merge in an untaken branch
                maybe_dead.add(op)                # its control consumers read its output's life
                slot_of[op] = outs[0]
            if guarded:
                maybe_dead.add(op)
            n_data, n_out = len(ins), len(outs)
            if guarded:
                if fn.__class__ is not list:
                    fn = _guard(fn, n_data, n_out)
                ins = ins + [slot(c) for c in guard_ctrl]
                outs = (tuple(outs) if len(outs) != 1 else outs[0], slot(op))
                specs.append((fn, tuple(ins), outs, 3, op, n_data, n_out))
            elif op._type in _SWITCHES:
                specs.append((fn, tuple(ins), tuple(outs), 2, op, n_data, n_out))
            elif len(outs) == 1:
                specs.append((fn, tuple(ins), outs[0], 1, op, n_data, n_out))
            elif not outs:
                specs.append((fn, tuple(ins), None, 0, op, n_data, n_out))
            else:
                specs.append((fn, tuple(ins), tuple(outs), 2, op, n_data, n_out))
        self.fetch_slots = []
        self.dead_fetches = []        # fetched tensors that may lie in an untaken cond branch
        for e in fetch_elements:
            if isinstance(e, Operation):
                self.fetch_slots.append(None)
            else:
                self.fetch_slots.append(slot(e))
                if e in maybe_dead and e not in fed:
                    self.dead_fetches.append((len(self.fetch_slots) - 1, e))
        # positions of fetches that are fed: TF hands the fed array back untouched
        self.fed_fetches = frozenset(i for i, e in enumerate(fetch_elements)
                                     if isinstance(e, Tensor) and e in fed)
        self.nslots = len(slot_of)
        self.specs = specs


def _template(graph, fetch_elements: list, feed_tensors: list) -> _Template:
    """The graph's cached template for (fetches, feeds), rebuilt when the graph changed under it."""
    try:
        cache = _TEMPLATES[graph]
    except KeyError:
        cache = _TEMPLATES[graph] = {}
    except TypeError:             # a graph-like object without weak references: no sharing
        return _Template(graph, fetch_elements, feed_tensors)
    key = (tuple(fetch_elements), tuple(feed_tensors))
    t = cache.get(key)
    if t is None or t.structure_version != graph._structure_version and _stale(t, graph):
        t = _Template(graph, fetch_elements, feed_tensors)
        if len(cache) >= _TEMPLATES_PER_GRAPH:
            cache.clear()
        cache[key] = t
    return t


def _stale(plan, graph) -> bool:
    """A cached plan is stale only if an op in it gained control inputs since it was built."""
    plan_ops = set(plan.ops)
    for op in plan.ops:
        for c in op._control_inputs:
            if c not in plan_ops:
                return True
    plan.structure_version = graph._structure_version
    return False


_RUN_INVARIANT = frozenset(["Const", "VariableV2", "VarHandleOp"])   # same output on every run


class Plan:
    """A compiled (fetches, feeds) pair for one graph and one session runtime.

    `steps` are the logical kernel calls (compilers such as varflow.xla rewrite them and call
    `with_steps`); running uses a schedule derived from them: outputs that are the same on every
    run (constants, variable slots) are computed once and prefilled, and each step drops the values
    whose last reader it is, so intermediates are freed as soon as nothing needs them (lower peak
    memory, and optimizer kernels may then update a variable in place: see runtime/state.py).
    """

    __slots__ = ("steps", "nslots", "feed_slots", "fetch_slots", "ops", "structure_version",
                 "dead_fetches", "fed_fetches", "_run_program", "_line_ops")

    def __init__(self, graph, fetch_elements: list, feed_tensors: list, runtime):
        t = _template(graph, fetch_elements, feed_tensors)
        self.ops = t.ops
        self.structure_version = t.structure_version
        self.feed_slots = t.feed_slots
        self.fetch_slots = t.fetch_slots
        self.dead_fetches = t.dead_fetches
        self.fed_fetches = t.fed_fetches
        self.nslots = t.nslots
        steps = []
        for fn, ins, out, mode, op, n_data, n_out in t.specs:
            if fn.__class__ is list:      # a kernel bound to this session's state
                fn = _bind_kernel(op, runtime, fn)
                if mode == 3:
                    fn = _guard(fn, n_data, n_out)
            steps.append((fn, ins, out, mode, op))
        self._schedule(steps, t)

    def with_steps(self, steps: list) -> "Plan":
        """A copy of this plan running `steps` instead (same slots, feeds and fetches)."""
        plan = copy.copy(self)
        plan._schedule(steps)
        return plan

    def _schedule(self, steps: list, template: "_Template | None" = None) -> None:
        """Prefill the run-invariant outputs and build the generated code for `steps` (compiled
        once per template: every session's plan for the same fetches shares it)."""
        self.steps = steps
        prefilled: dict = {}
        program = []
        for step in steps:
            fn, ins, out, mode, op = step
            if mode == 1 and not ins and op._type in _RUN_INVARIANT:
                prefilled[out] = fn()
            else:
                program.append(step)
        program = fuse_steps(program, set(self.fetch_slots) | set(self.feed_slots),
                             _bind_fused)
        program = choose_kernels(program, _bind_fused)
        code = template.code if template is not None else None
        if code is None:
            code = _build_runner(program, list(prefilled), self.feed_slots, self.fetch_slots,
                                 self.nslots)
            if template is not None:
                template.code = code
        make, line_steps = code
        self._run_program = make(*[step[0] for step in program], *prefilled.values())
        self._line_ops = (line_steps, [step[4] for step in program])

    def run(self, feed_values: list) -> list:
        try:
            out = self._run_program(feed_values)
        except errors.OpError as e:
            if e._op is None:
                e._op = self._failing_op(e)
            raise
        except (ValueError, IndexError, TypeError, ZeroDivisionError, FloatingPointError,
                OverflowError, np.linalg.LinAlgError) as e:
            op = self._failing_op(e)
            if op is None:
                raise
            raise errors.InvalidArgumentError(None, op, "%s (in op %s of type %s)"
                                              % (e, op.name, op.type)) from e
        except MemoryError as e:
            op = self._failing_op(e)
            raise errors.ResourceExhaustedError(None, op, "Out of memory computing %s: %s"
                                                % (op.name if op else "a plan", e)) from e
        if self.dead_fetches:
            _check_alive([out[i] for i, _ in self.dead_fetches], [t for _, t in self.dead_fetches])
        return out

    def _failing_op(self, exc: BaseException):
        """The op whose kernel call raised `exc`: the step the interpreter noted on it, or the
        generated code's line in the traceback."""
        line_steps, ops = self._line_ops
        index = getattr(exc, "_varflow_step", None)
        tb = exc.__traceback__
        while index is None and tb is not None:
            if tb.tb_frame.f_code.co_filename == _GENERATED:
                index = line_steps.get(tb.tb_lineno)
                break
            tb = tb.tb_next
        return None if index is None else ops[index]


_GENERATED = "<varflow plan>"


GENERATE_MAX_STEPS = 2000   # longer plans are interpreted: compiling the source grows ~30 µs/line


def _dying_values(program: list, prefilled: set, fetch_slots: list) -> list:
    """For each step, the slots whose last reader it is, and its outputs nothing reads."""
    seen = {s for s in fetch_slots if s is not None}
    frees = []
    for _fn, ins, out, mode, _op in reversed(program):
        dying = [s for s in dict.fromkeys(ins) if s not in seen and s not in prefilled]
        dying += [s for s in _written_slots(mode, out) if s not in seen]
        seen.update(ins)
        frees.append(tuple(dying))
    frees.reverse()
    return frees


def _build_runner(program: list, prefilled: list, feed_slots: list, fetch_slots: list,
                  nslots: int):
    """`make(*kernels, *prefilled_values) -> run(feeds)` for `program` and a map from generated
    source line to step index: generated straight-line code, or for very long plans a loop."""
    if len(program) > GENERATE_MAX_STEPS:
        return _interpreter(program, prefilled, feed_slots, fetch_slots, nslots), {}
    return _generate(program, prefilled, feed_slots, fetch_slots)


def _interpreter(program: list, prefilled: list, feed_slots: list, fetch_slots: list,
                 nslots: int):
    """The loop form of a plan: value slots in a list, the same drops after last readers."""
    frees = _dying_values(program, set(prefilled), fetch_slots)
    shape = [(ins, out, mode, free) for (_fn, ins, out, mode, _op), free in zip(program, frees)]

    def make(*args):
        kernels, values = args[:len(program)], args[len(program):]
        initial = [None] * nslots
        for s, v in zip(prefilled, values):
            initial[s] = v
        steps = [(fn,) + rest for fn, rest in zip(kernels, shape)]

        def run(feeds):
            vals = initial.copy()
            for s, v in zip(feed_slots, feeds):
                vals[s] = v
            index = 0
            try:
                for index, (fn, ins, out, mode, free) in enumerate(steps):  # noqa: B007
                    if mode == 1:
                        vals[out] = fn(*[vals[i] for i in ins])
                    elif mode == 0:
                        fn(*[vals[i] for i in ins])
                    elif mode == 2:
                        for s, v in zip(out, fn(*[vals[i] for i in ins])):
                            vals[s] = v
                    else:
                        result, alive = fn(*[vals[i] for i in ins])
                        outs, live_slot = out
                        vals[live_slot] = alive
                        if isinstance(outs, tuple):
                            for s, v in zip(outs, result):
                                vals[s] = v
                        else:
                            vals[outs] = result
                    for s in free:
                        vals[s] = None
            except Exception as e:
                e._varflow_step = index
                raise
            return [None if s is None else vals[s] for s in fetch_slots]
        return run
    return make


def _generate(program: list, prefilled: list, feed_slots: list, fetch_slots: list):
    """Python source for running `program` straight-line: each value slot is a local variable,
    each kernel a closure cell, and a value is dropped right after its last reader (so peak
    memory is the live set, and a variable's old value is released before its optimizer update).
    Returns `make(*kernels, *prefilled_values) -> run(feeds)` and a map from source line to the
    index in `program` of the step on that line."""
    names = {s: "c%d" % s for s in prefilled}

    def name(slot):
        return names.get(slot) or "v%d" % slot

    frees = _dying_values(program, set(prefilled), fetch_slots)

    def _unpack(outs):
        return ["%s = r[%d]" % (name(s), k) for k, s in enumerate(outs)]

    lines = ["def run(feeds):"]
    if feed_slots:
        lines.append("    %s, = feeds" % ", ".join(name(s) for s in feed_slots))
    line_steps = {}
    for index, ((_fn, ins, out, mode, _op), dying) in enumerate(zip(program, frees)):
        call = "f%d(%s)" % (index, ", ".join(name(s) for s in ins))
        if mode == 0:
            code = call
        elif mode == 1:
            code = "%s = %s" % (name(out), call)
        elif mode == 2:
            code = "; ".join(["r = " + call] + _unpack(out) + ["r = None"])
        else:
            outs, live_slot = out
            if isinstance(outs, tuple):
                code = "; ".join(["r, %s = %s" % (name(live_slot), call)] + _unpack(outs)
                                 + ["r = None"])
            else:
                code = "%s, %s = %s" % (name(outs), name(live_slot), call)
        if dying:
            code += "; %s = None" % " = ".join(name(s) for s in dying)
        lines.append("    " + code)
        line_steps[len(lines) + 1] = index       # +1: the enclosing `def make` line
    lines.append("    return [%s]" % ", ".join("None" if s is None else name(s)
                                               for s in fetch_slots))
    cells = ["f%d" % k for k in range(len(program))] + [names[s] for s in prefilled]
    source = "def make(%s):\n%s\n    return run\n" % (
        ", ".join(cells), "\n".join("    " + line for line in lines))
    namespace: dict = {}
    exec(compile(source, _GENERATED, "exec"), namespace)   # noqa: S102 - our own generated code
    return namespace["make"], line_steps


def _written_slots(mode: int, out) -> tuple:
    """The value slots a step writes, whatever its output mode."""
    if mode == 0:
        return ()
    if mode == 1:
        return (out,)
    if mode == 2:
        return out
    outs, live_slot = out
    return (outs if isinstance(outs, tuple) else (outs,)) + (live_slot,)


def _check_alive(out: list, dead_fetches: list) -> None:
    """TF refuses to return a tensor of a cond branch that was not taken in this run."""
    for v, t in zip(out, dead_fetches):
        if v is DEAD:
            raise errors.InvalidArgumentError(
                None, t._op, "Retval does not have value: %s lies in a tf.cond branch that was "
                "not taken in this run; fetch the cond's output instead." % t.name)
