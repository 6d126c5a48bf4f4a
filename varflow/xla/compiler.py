"""Compile a session plan with XLA: maximal runs of lowerable steps become one `jax.jit` call each.

Variable handles (VariableV2/VarHandleOp steps) are hoisted to the front of the plan: they only
name a container slot. A segment reads the variables it uses on entry, threads their values through
its reads, assignments and optimizer updates in plan order, and stores the new values on exit.
Anything without a lowering (random ops, control flow, summaries, strings...) stays a NumPy step.
If tracing a segment fails, or a variable it reads is uninitialized, that segment runs its NumPy
steps instead, so compiling never changes what a program can do.
"""
from __future__ import annotations

import heapq

import jax
import numpy as np

from ..framework import device as device_lib
from ..framework import errors
from ..runtime.executor import _written_slots
from ..runtime.state import Container, lock_order
from .lowering import LOWERINGS
from .state_lowering import STATE_ARITY, STATE_LOWERINGS

_HANDLE_TYPES = frozenset(["VariableV2", "VarHandleOp"])
_TRIVIAL = frozenset(["Const", "NoOp", "Identity", "Shape", "Rank", "Size", "ShapeN"])
# Ops whose NumPy kernel beats XLA's CPU code, measured on the 2-core machine: the seed's conv
# filter ran 236 images/s through XLA vs 321 through the NumPy kernels forward, 35 vs 109
# training; the MLP's matrix products are faster through OpenBLAS, and a gradient-descent update
# in place (one pass, no copies) beats a jitted one that copies the variable in and out (MLP SGD
# 127-193 steps/s all-XLA, 192-247 with these on NumPy, 187-244 NumPy alone, each set in one
# process; Adam ran at parity all three ways, 129-177 steps/s). On a CPU they stay out of
# segments; on a GPU XLA runs them.
# Conv3D and its gradients too (a batch of 8 16^3x16 volumes, 3^3 filter to 32 channels: 26 ms
# forward on NumPy through oneDNN against 85 through XLA; 101 against 300 ms for both gradients).
NUMPY_FASTER_ON_CPU = frozenset(["Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter",
                                 "Conv3D", "Conv3DBackpropInputV2", "Conv3DBackpropFilterV2",
                                 "MatMul", "ApplyGradientDescent",
                                 "ResourceApplyGradientDescent"])
# Under the global switch, runs of fewer real ops than this stay on NumPy: their launch and the
# copies in and out cost more than fusing saves (TF's auto-clustering has the same minimum, 4).
MIN_CLUSTER_SIZE = 4
_BAD_DTYPES = frozenset(["string", "variant"])
_ERRORS = (ValueError, IndexError, TypeError, ZeroDivisionError, FloatingPointError,
           OverflowError, np.linalg.LinAlgError)


def _gpu_devices() -> list:
    try:
        return jax.devices("gpu")
    except RuntimeError:
        return []


def _device_of(op, gpus: list):
    """The JAX device for `op`: a GPU when it is placed on one that JAX sees, else the default."""
    if not op._device or not gpus:
        return None
    spec = device_lib.DeviceSpec.from_string(op._device)
    if spec.device_type != "GPU":
        return None
    index = spec.device_index or 0
    return gpus[index] if index < len(gpus) else None


def _marked(op, mode: str) -> bool:
    """Whether `op` may be compiled: everything under global jit, only jit_scope ops otherwise."""
    flag = op._attrs.get("_XlaCompile")
    return flag is not False if mode == "global" else flag is True


class _Segment:
    """One jitted run of steps; called as a plan step that returns all its needed outputs."""

    def __init__(self, steps: list, in_slots: list, out_slots: list, var_of: dict,
                 device, donate: bool, constants: dict | None = None):
        self.steps = steps
        self.in_slots = in_slots
        self.constants = constants or {}      # slot -> value of a Const outside the segment
        self.out_slots = out_slots
        self.var_of = var_of                  # slot -> VariableSlot for ref/resource tensors
        self.device = device                  # None: JAX's default device, the CPU
        self.on_host = device is None or device.platform == "cpu"
        self.broken = False
        self.error: Exception | None = None        # why the segment fell back, for diagnosis
        keys: list = []                       # distinct VariableSlots, in first-use order
        read: list = []
        written: list = []
        for _, ins, _, _, op in steps:
            n_state = STATE_ARITY.get(op._type, 0)
            for pos, s in enumerate(ins):
                var = var_of.get(s)
                if var is None:
                    continue
                if var not in keys:
                    keys.append(var)
                    overwrite = pos == 0 and op._type in ("Assign", "AssignVariableOp")
                    if not overwrite:
                        read.append(var)
                if pos < n_state and op._type != "ReadVariableOp" and var not in written:
                    written.append(var)
        # the arrays of variables the segment reads and writes may be donated to it (consumed and
        # replaced by its results, no copy); those it only reads must stay valid
        self.updated_vars = [v for v in read if v in written]
        self.read_vars = [v for v in read if v not in written]
        self.written_vars = written
        self.value_outs = [s for s in out_slots if s not in var_of]
        self.always_donate = donate          # a GPU: host copies never alias device buffers
        self._jitted: dict = {}              # which updated variables are donated -> jitted function
        self._lock_order = lock_order(keys)  # every variable it touches, for the whole run

    # --- tracing ------------------------------------------------------------------------------
    def _jitted_for(self, donated: tuple):
        """The segment jitted with the updated variables flagged in `donated` passed as donated
        buffers (XLA writes their results in place) and the others kept."""
        fn = self._jitted.get(donated)
        if fn is None:
            def trace(args, given, kept, read):
                given, kept = iter(given), iter(kept)
                updated = [next(given) if d else next(kept) for d in donated]
                return self._trace(args, updated, read)
            fn = self._jitted[donated] = jax.jit(trace, donate_argnums=(1,))
        return fn

    def _trace(self, args, updated, read):
        # full float32 products on every device: a GPU would otherwise use TF32 and differ from
        # the NumPy backend by ~1e-3 (varflow promises float32 agreement between backends)
        with jax.default_matmul_precision("highest"):
            return self._trace_steps(args, updated, read)

    def _trace_steps(self, args, updated, read):
        env = dict(self.constants)           # concrete while tracing: static axes and shapes
        env.update(zip(self.in_slots, args))
        current = dict(zip(self.updated_vars, updated))
        current.update(zip(self.read_vars, read))
        var_of = self.var_of
        for fn, ins, out, mode, op in self.steps:
            op_type = op._type
            n_state = STATE_ARITY.get(op_type, 0)
            state_vals, values = [], []
            for pos, s in enumerate(ins):
                var = var_of.get(s)
                if pos < n_state:
                    state_vals.append(current.get(var))
                elif var is not None:
                    values.append(current[var])          # an op reading a ref: its value now
                else:
                    values.append(env[s])
            if n_state:
                new, results = STATE_LOWERINGS[op_type](op, state_vals, *values)
                for pos, v in enumerate(new):
                    if v is not None:
                        current[var_of[ins[pos]]] = v
            elif op_type == "Const":
                results = fn()
            elif values and all(isinstance(v, np.ndarray) for v in values) and op._def.kernel:
                results = fn(*values)                    # known while tracing: fold it
            else:
                results = LOWERINGS[op_type](op, *values)
            if mode == 1 and not n_state:
                results = (results,)
            self._store(env, op, out if mode != 1 else (out,), mode, tuple(results))
        return ([env[s] for s in self.value_outs],
                [current[v] for v in self.written_vars])

    @staticmethod
    def _store(env, op, out, mode, results) -> None:
        if mode == 0:
            return
        k = 0
        for s, t in zip(out, op._outputs):
            if t._dtype._is_ref_dtype:
                continue                                  # refs resolve to their variable
            v = results[k] if len(results) > k else None
            k += 1
            want = t._dtype.base_dtype.np_dtype
            if v is not None and getattr(v, "dtype", want) != want:
                v = v.astype(want)
            env[s] = v

    # --- running ------------------------------------------------------------------------------
    def __call__(self, *args):
        if self.broken:
            return self._numpy(args)
        for var in self._lock_order:         # no other update consumes them meanwhile
            var.lock.acquire()
        try:
            values = self._run(args)
        finally:
            for var in reversed(self._lock_order):
                var.lock.release()
        if values is None:
            return self._numpy(args)
        if self.on_host:                     # host arrays: read-only views of the result buffers
            host_values = map(np.asarray, values)
        else:                                # one batched device-to-host copy of what the plan reads
            host_values = jax.device_get(values)
        it = iter(host_values)
        return tuple(self.var_of[s] if s in self.var_of else next(it) for s in self.out_slots)

    def _run(self, args):
        """Run the compiled segment (the caller holds its variables' locks) and store the new
        variable values; its value outputs, or None where the NumPy kernels must run it."""
        lent = [var.lend_device_array(self.on_host) for var in self.updated_vars]
        try:
            updated = [a if a is not None else _state(var) for a, var in zip(lent, self.updated_vars)]
            read = [_state(var) for var in self.read_vars]
        except errors.OpError:
            return None                          # let the failing op report it
        if self.device is not None:
            args, updated, read = jax.device_put((list(args), updated, read), self.device)
        donated = _donation_mask(lent, updated, read, self.always_donate)
        given = [u for u, d in zip(updated, donated) if d]
        kept = [u for u, d in zip(updated, donated) if not d]
        try:
            values, new_states = self._jitted_for(donated)(list(args), given, kept, read)
        except Exception as e:  # noqa: BLE001 - any tracing failure: use the NumPy kernels
            if any(a.is_deleted() for a in given):   # it ran and failed: the inputs are gone
                raise errors.InternalError(None, self.steps[0][4], "An XLA segment failed after "
                                           "consuming its variables' values: %s" % e) from e
            self.broken = True
            self.error = e
            return None
        # a run is done when it returns (as in TensorFlow): errors surface here, and no update is
        # still queued when the caller times or reads anything
        jax.block_until_ready(new_states)
        for var, v in zip(self.written_vars, new_states):
            var.install_device(v)        # copied to the host only if something reads it there
        return values

    def _numpy(self, args):
        vals = dict(self.constants)
        vals.update(zip(self.in_slots, (np.asarray(a) if isinstance(a, jax.Array) else a
                                        for a in args)))
        vals.update(self.var_of)
        for fn, ins, out, mode, op in self.steps:
            try:
                result = fn(*[vals[i] for i in ins])
            except errors.OpError as e:
                if e._op is None:
                    e._op = op
                raise
            except _ERRORS as e:
                raise errors.InvalidArgumentError(None, op, "%s (in op %s of type %s)"
                                                  % (e, op.name, op.type)) from e
            if mode == 1:
                vals[out] = result
            elif mode == 2:
                for s, v in zip(out, result):
                    vals[s] = v
        return tuple(vals[s] for s in self.out_slots)


def _donation_mask(lent: list, updated: list, read: list, always: bool) -> tuple:
    """Which updated values a segment may donate. On a CPU only device arrays that no host value
    views (JAX may alias a host array passed in, and keeps a reference to it); on a GPU what is
    passed in is the device's own copy. Never an array passed twice (two variables holding one
    array): JAX refuses to donate it, and the other use would read a consumed buffer."""
    uses: dict = {}
    for array in updated + read:
        uses[id(array)] = uses.get(id(array), 0) + 1
    return tuple((always or a is not None) and uses[id(u)] == 1 for a, u in zip(lent, updated))


def _state(var):
    """What a segment passes in for a variable: its device array when it has one, else its value
    (a consumed array, left by an update that failed, makes `read` raise)."""
    array = var.device_array()
    return array if array is not None and not array.is_deleted() else var.read()


def _eligible(step, var_of: dict, fed: set, jit_mode: str, local: bool) -> bool:
    fn, ins, out, mode, op = step
    op_type = op._type
    if mode not in (0, 1, 2) or not _marked(op, jit_mode):
        return False
    if op_type in STATE_LOWERINGS:
        if not local:
            return False
    elif op_type != "Const" and op_type not in LOWERINGS:
        return False
    n_state = STATE_ARITY.get(op_type, 0)
    for pos, (t, s) in enumerate(zip(op._inputs, ins)):
        dt = t._dtype
        if dt._is_ref_dtype or dt.name == "resource":
            if s not in var_of or s in fed:
                return False
            if pos >= n_state and dt.name == "resource":
                return False
        elif pos < n_state or dt.base_dtype.name in _BAD_DTYPES:
            return False
    return all(t._dtype.base_dtype.name not in _BAD_DTYPES for t in op._outputs)


def compile_steps(plan, session, jit_mode: str) -> list:
    """The plan's steps with variable handles hoisted and lowerable runs replaced by segments."""
    local = type(session.container) is Container
    gpus = _gpu_devices()
    fed = set(plan.feed_slots)
    handles, rest, var_of = [], [], {}
    for step in plan.steps:
        fn, ins, out, mode, op = step
        if op._type in _HANDLE_TYPES and mode == 1 and not ins:
            handles.append(step)
            if local:
                var_of[out] = fn()
        else:
            rest.append(step)
    # refs returned by assignments name the same variable as their input
    for _fn, ins, out, mode, op in rest:
        if mode == 1 and op._outputs and op._outputs[0]._dtype._is_ref_dtype and ins \
                and ins[0] in var_of and op._type in STATE_LOWERINGS:
            var_of[out] = var_of[ins[0]]
    # unplaced and CPU-placed ops run on the host (as placement reports), also where JAX's
    # default device is a GPU; None lets JAX pick, which is the CPU when it sees no GPU
    host = jax.devices("cpu")[0] if gpus else None
    kinds = []                    # per step: the device of its segment, or None for NumPy
    for step in rest:
        gpu = _device_of(step[4], gpus)
        if gpu is None and step[4]._type in NUMPY_FASTER_ON_CPU:
            kinds.append(None)
        else:
            kinds.append((gpu or host,) if _eligible(step, var_of, fed, jit_mode, local) else None)
    order = _cluster_order(rest, kinds)
    # constants read by a segment are baked into it wherever they run (axes and shapes must be
    # known while tracing)
    constants = {out: fn() for fn, ins, out, mode, op in rest
                 if op._type == "Const" and mode == 1 and not ins}
    runs: list = []               # NumPy steps, and (device, [steps]) runs to compile
    for i in order:
        kind = kinds[i]
        if kind is None:
            runs.append(rest[i])
        elif runs and isinstance(runs[-1], list) and runs[-1][0] == kind[0]:
            runs[-1][1].append(rest[i])
        else:
            runs.append([kind[0], [rest[i]]])
    needed = set(s for s in plan.fetch_slots if s is not None)
    steps: list = list(handles)
    for item in reversed(runs):        # walk backwards to know which slots later steps read
        if isinstance(item, tuple):
            steps.append(item)
            needed.update(item[1])
            continue
        device, item = item
        segment = _segment(item, needed, var_of, device,
                           MIN_CLUSTER_SIZE if jit_mode == "global" else 1, constants)
        if segment is None:
            steps.extend(reversed(item))
            for st in item:
                needed.update(st[1])
        else:
            steps.append(segment)
            needed.update(segment[1])
    return list(handles) + steps[len(handles):][::-1]


def _cluster_order(steps: list, kinds: list) -> list:
    """An execution order of `steps` (indices) that keeps steps of one kind together where the
    dependencies allow, so that compilable steps form long segments (TF's XLA clusters the graph,
    not one linear order). It follows data and control edges, and keeps every step that touches
    variable state in its original order. With one kind it is the original order."""
    producer: dict = {}
    op_index: dict = {}
    preds: list = []
    last_stateful = None
    for i, (_fn, ins, out, mode, op) in enumerate(steps):
        deps = {producer[s] for s in ins if s in producer}
        deps.update(op_index[c] for c in op._control_inputs if c in op_index)
        if op._def.stateful or any(t._dtype._is_ref_dtype or t._dtype.name == "resource"
                                   for t in op._inputs):
            if last_stateful is not None:
                deps.add(last_stateful)
            last_stateful = i
        preds.append(deps)
        op_index[op] = i
        for s in _written_slots(mode, out):
            producer[s] = i
    waiting = [len(d) for d in preds]
    succs: list = [[] for _ in steps]
    for i, deps in enumerate(preds):
        for d in deps:
            succs[d].append(i)
    ready: dict = {}
    for i, n in enumerate(waiting):
        if n == 0:
            heapq.heappush(ready.setdefault(kinds[i], []), i)
    order, current = [], None
    while len(order) < len(steps):
        if not ready.get(current):
            current = min((h[0], k) for k, h in ready.items() if h)[1]
        i = heapq.heappop(ready[current])
        order.append(i)
        for j in succs[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready.setdefault(kinds[j], []), j)
    return order


def _segment(steps: list, needed: set, var_of: dict, device, min_size: int, constants: dict):
    if sum(st[4]._type not in _TRIVIAL for st in steps) < min_size:
        return None
    produced, inputs, used_constants = set(), [], {}
    for _, ins, out, mode, _ in steps:
        for s in ins:
            if s in constants and s not in produced:
                used_constants[s] = constants[s]
            elif s not in produced and s not in var_of and s not in inputs:
                inputs.append(s)
        produced.update(_written_slots(mode, out))
    out_slots = [s for s in sorted(produced) if s in needed]
    donate = device is not None and device.platform != "cpu"
    seg = _Segment(steps, inputs, out_slots, var_of, device, donate, used_constants)
    return (seg, tuple(inputs), tuple(out_slots), 2, steps[0][4])


def compile_plan_steps(plan, session, jit_mode: str):
    """A copy of `plan` whose steps run lowerable segments through XLA."""
    return plan.with_steps(compile_steps(plan, session, jit_mode))
