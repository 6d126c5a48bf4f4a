"""`tf.Session` and `tf.InteractiveSession`: run fetches against a private container of variable values.

A local session owns its container (two local sessions never share values, as in TF). A session on a
cluster target (`tf.train.Server.target`) gets its container routing from `varflow.distributed`.
"""
from __future__ import annotations

import collections
import contextlib
import sys
import threading
import warnings

import numpy as np

from ..framework import device as device_lib
from ..framework import errors
from ..framework import graph as graph_lib
from ..framework.graph import Operation, Tensor
from .config import ConfigProto
from .executor import DEAD, Plan, _stale
from . import malloc_tuning
from .state import Container

_GROWTH_RECORD_AFTER = 2    # consecutive growing runs before op creation sites are recorded
_GROWTH_WARN_AFTER = 5      # consecutive growing runs before the one warning


class _FetchMapper:
    """Flattens any nesting of lists/tuples/dicts/namedtuples of fetches and rebuilds the result."""

    def __init__(self, graph, fetches):
        self.elements: list = []
        self._graph = graph
        self._structure = self._flatten(fetches)

    def _flatten(self, f):
        if f is None:
            raise TypeError("Fetch argument None has invalid type %s; fetch tensors, ops or "
                            "variables." % type(f))
        if isinstance(f, (Tensor, Operation, str)):
            return ("leaf", self._add(f))
        if isinstance(f, dict):
            return ("dict", type(f), [(k, self._flatten(v)) for k, v in f.items()])
        if isinstance(f, tuple) and hasattr(f, "_fields"):
            return ("namedtuple", type(f), [self._flatten(v) for v in f])
        if isinstance(f, (list, tuple)):
            return ("seq", type(f), [self._flatten(v) for v in f])
        components = getattr(f, "_fetch_components", None)
        if components is not None:
            parts, rebuild = components()
            return ("composite", rebuild, [self._flatten(p) for p in parts])
        conv = getattr(f, "_as_graph_element", None)
        if conv is not None:
            return ("leaf", self._add(conv()))
        raise TypeError("Fetch argument %r has invalid type %s, must be a string or Tensor. (Can "
                        "not convert a %s into a Tensor or Operation.)"
                        % (f, type(f), type(f).__name__))

    def _add(self, f):
        try:
            element = self._graph.as_graph_element(f, allow_tensor=True, allow_operation=True)
        except ValueError as e:
            raise ValueError("Fetch argument %r cannot be interpreted as a Tensor. (%s)" % (f, e)) from None
        except KeyError as e:
            raise ValueError("Fetch argument %r cannot be interpreted as a Tensor. (%s)"
                             % (f, e.args[0])) from None
        self.elements.append(element)
        return len(self.elements) - 1

    def build(self, values: list):
        return self._build(self._structure, values)

    def _build(self, node, values):
        kind = node[0]
        if kind == "leaf":
            return values[node[1]]
        if kind == "dict":
            items = [(k, self._build(v, values)) for k, v in node[2]]
            if issubclass(node[1], collections.defaultdict):
                return node[1](None, items)
            return node[1](items)
        if kind == "namedtuple":
            return node[1](*[self._build(v, values) for v in node[2]])
        if kind == "seq":
            return node[1](self._build(v, values) for v in node[2])
        return node[1]([self._build(v, values) for v in node[2]])


def _as_bytes(value: np.ndarray) -> np.ndarray:
    """A string tensor's value with Python str elements (from a fed str) as UTF-8 bytes, which is
    what TF hands back for every computed string."""
    flat = value.reshape(-1)
    if not any(isinstance(v, str) for v in flat):
        return value
    out = np.empty(value.shape, dtype=object)
    out.reshape(-1)[:] = [v.encode("utf-8") if isinstance(v, str) else v for v in flat]
    return out


def _fetched(value):
    """What `run` hands back: never an array the container still owns; scalars as NumPy scalars."""
    if value.__class__ is np.ndarray:
        if value.dtype.hasobject:
            value = _as_bytes(value)
        if value.ndim == 0:
            return value[()]
        if not value.flags.writeable:
            return value.copy()
        return value
    if isinstance(value, np.generic):
        return value
    if value is DEAD:
        raise errors.InvalidArgumentError(None, None, "Retval does not have a value: the fetched "
                                          "tensor is in a tf.cond branch that was not taken.")
    if isinstance(value, np.ndarray):          # a subclass
        return _fetched(np.asarray(value))
    read = getattr(value, "read", None)
    if read is not None:            # a variable slot fetched through its ref tensor
        return _fetched(read())
    return value


class BaseSession:
    """What Session and InteractiveSession share: plan cache, feeds, fetches and the container."""

    def __init__(self, target: str = "", graph=None, config=None):
        if graph is None:
            graph = graph_lib.get_default_graph()
        elif not isinstance(graph, graph_lib.Graph):
            raise TypeError("graph must be a tf.Graph, but got %s" % type(graph))
        if config is not None and not isinstance(config, ConfigProto):
            raise TypeError("config must be a tf.ConfigProto, but got %s" % type(config))
        self._graph = graph
        self._config = config or ConfigProto()
        self._target = target.decode() if isinstance(target, bytes) else (target or "")
        self._closed = False
        self._plans: dict = {}
        self._plans_lock = threading.Lock()
        self._rngs: dict = {}
        self._rng_lock = threading.Lock()
        self._runs = 0
        self._growth = (0, 0, 0)   # (runs in a row that grew the graph, op count at last run, mark)
        self._growth_warned = False
        self._placement_checked: set = set()
        self.container = self._make_container()
        malloc_tuning.tune_once()
        self._plan_compiler = _plan_compiler_for(self._config)
        self._local_devices = _local_devices(self._plan_compiler is not None)
        self._default_cm = None
        self._graph_cm = None
        self._partial_runs: dict = {}

    def _make_container(self):
        if self._target in ("", "local"):
            return Container()
        from .. import distributed

        return distributed.container_for_target(self._target, self)

    # --- properties -------------------------------------------------------------------------
    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        return self._graph.as_graph_def() if hasattr(self._graph, "as_graph_def") else None

    @property
    def sess_str(self) -> bytes:
        return self._target.encode()

    @property
    def config(self) -> ConfigProto:
        return self._config

    def list_devices(self) -> list:
        return [_DeviceAttributes(name, name.rsplit(":", 2)[1]) for name in self._local_devices]

    # --- lifetime ---------------------------------------------------------------------------
    def close(self) -> None:
        """Release the session; its variable values are dropped (local sessions)."""
        if not self._closed:
            self._closed = True
            self._plans.clear()
            self._partial_runs.clear()
            closer = getattr(self.container, "session_closed", None)
            if closer is not None:
                closer(self)

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - never raise from a finalizer
            pass

    @contextlib.contextmanager
    def as_default(self):
        """Make this the default session (for `Tensor.eval` / `Operation.run`) inside the block."""
        stack = graph_lib.session_stack()
        stack.append(self)
        try:
            yield self
        finally:
            stack.remove(self) if self in stack else None

    # --- runtime hooks for kernels -------------------------------------------------------------
    def variable_slot(self, op: Operation, key: str):
        router = getattr(self.container, "slot_for_op", None)   # cluster sessions route by device
        if router is not None:
            return router(op, key)
        return self.container.slot(key)

    def random_generator(self, op: Operation) -> np.random.Generator:
        """A generator per random op per session, seeded from the op's (seed, seed2) attrs."""
        rng = self._rngs.get(op)
        if rng is None:
            with self._rng_lock:
                rng = self._rngs.get(op)
                if rng is None:
                    seed, seed2 = op._attrs.get("seed", 0), op._attrs.get("seed2", 0)
                    if seed or seed2:
                        rng = np.random.Generator(np.random.PCG64([seed, seed2]))
                    else:
                        rng = np.random.default_rng()
                    self._rngs[op] = rng
        return rng

    # --- running ------------------------------------------------------------------------------
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Run the ops needed for `fetches` (any nesting), with `feed_dict` overriding tensors."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        graph = self._graph
        if not graph._ops:
            raise RuntimeError("The Session graph is empty. Add operations to the graph before "
                               "calling run() (the session runs %r, not the graph your fetches "
                               "were built in?)." % graph)
        if isinstance(fetches, Tensor) and not feed_dict:     # the common one-tensor run
            plan = self._plans.get(fetches)
            if plan is None or plan.structure_version != graph._structure_version:
                if fetches._op._graph is not graph:
                    self._foreign(fetches)
                plan = self._plans[fetches] = self._plan((fetches,), ())
            self._watch_growth()
            return _fetched(plan.run(())[0])
        feed_tensors, feed_values = self._feeds(feed_dict)    # TF checks the feeds first
        mapper = _FetchMapper(graph, fetches)
        elements = mapper.elements
        for e in elements:
            if e.graph is not graph:
                self._foreign(e)
        plan = self._plan(tuple(elements), tuple(feed_tensors))
        self._watch_growth()
        values = plan.run(feed_values)
        fed = plan.fed_fetches
        return mapper.build([v if v is None or i in fed else _fetched(v)
                             for i, v in enumerate(values)])

    def _foreign(self, element):
        raise ValueError("Fetch argument %r cannot be interpreted as a Tensor. (%s is not an "
                         "element of this graph: the session runs %r; create the session with "
                         "tf.Session(graph=that_graph).)" % (element, element.name, self._graph))

    def _feeds(self, feed_dict):
        if not feed_dict:
            return [], []
        graph = self._graph
        tensors, values = [], []
        for key, value in _feed_pairs(feed_dict):
            conv = getattr(key, "_as_graph_element", None)
            if conv is not None and not isinstance(key, Tensor):
                key = conv()
            try:
                t = graph.as_graph_element(key, allow_tensor=True, allow_operation=False)
            except Exception as e:
                raise TypeError("Cannot interpret feed_dict key %r as a Tensor: %s" % (key, e)) from None
            if isinstance(value, (Tensor, Operation)):
                raise TypeError("The value of a feed cannot be a tf.Tensor object. Acceptable feed "
                                "values include Python scalars, strings, lists, numpy ndarrays, "
                                "or TensorHandles. For reference, the tensor object was %r which "
                                "was passed to the feed with key %r." % (value, t))
            tensors.append(t)
            values.append(_feed_value(t, value))
        return tensors, values

    def _plan(self, elements: tuple, feeds: tuple) -> Plan:
        key = (elements, feeds)
        plan = self._plans.get(key)
        graph = self._graph
        if plan is None or plan.structure_version != graph._structure_version and _stale(plan, graph):
            plan = Plan(graph, list(elements), list(feeds), self)
            self._check_placement(plan)
            if self._plan_compiler is not None:
                plan = self._plan_compiler(plan, self)
            elif any(op._attrs.get("_XlaCompile") is True for op in plan.ops):
                from .. import xla      # ops built under tf.xla.experimental.jit_scope()

                plan = xla.compile_plan(plan, self)
            with self._plans_lock:
                self._plans[key] = plan
        return plan

    def _check_placement(self, plan: Plan) -> None:
        soft = self._config.allow_soft_placement
        log = self._config.log_device_placement
        checked = self._placement_checked
        for op in plan.ops:
            if op in checked or not (op._device or log):
                continue    # an op without a device runs on the local CPU; nothing to check
            self._placement_checked.add(op)
            where = _assigned_device(op, soft, self.container, self._local_devices)
            if log:
                print("%s: (%s): %s" % (op.name, op.type, where), file=sys.stderr)

    def _watch_growth(self) -> None:
        """Warn once when every run adds ops to the graph (ops built inside the training loop)."""
        graph = self._graph
        n = len(graph._ops)
        streak, last, mark = self._growth
        self._runs += 1
        if n == last and not streak:       # the steady state: nothing new since the last run
            return
        if self._runs == 1 or self._growth_warned:
            self._growth = (0, n, n)
            return
        if n > last:
            streak += 1
            if streak == 1:
                mark = last
            if streak == _GROWTH_RECORD_AFTER:
                graph._record_sites = True
            if streak >= _GROWTH_WARN_AFTER:
                self._growth_warned = True
                graph._record_sites = False
                new_ops = graph._ops[mark:n]
                types = collections.Counter(op.type for op in new_ops)
                sites = collections.Counter(op._site for op in new_ops if op._site)
                warnings.warn(
                    "The graph grew on each of the last %d session runs (%d new ops: %s), created "
                    "at %s. Ops built inside a training loop make every step slower and leak "
                    "memory: build them once before the loop, and call graph.finalize() to turn "
                    "this into an error." % (
                        streak, len(new_ops),
                        ", ".join("%s×%d" % kv for kv in types.most_common(5)),
                        ", ".join(s for s, _ in sites.most_common(3)) or "an unknown line"),
                    RuntimeWarning, stacklevel=3)
        else:
            streak = 0
            graph._record_sites = False
        self._growth = (streak, n, mark)

    def make_callable(self, fetches, feed_list=None, accept_options: bool = False):
        """A function running `fetches` with positional feeds for `feed_list` (plan built once)."""
        mapper = _FetchMapper(self._graph, fetches)
        feed_tensors, widths = _feed_list(self._graph, feed_list)
        n_args = len(feed_tensors) if widths is None else len(widths)
        elements = tuple(mapper.elements)
        single = isinstance(fetches, (Tensor, Operation, str))

        def call(*args, **kwargs):
            if self._closed:
                raise RuntimeError("Attempted to use a closed Session.")
            if len(args) != n_args:
                raise errors.InvalidArgumentError(
                    None, None, "The callable expects %d feed values (for %s), got %d."
                    % (n_args, [t.name for t in feed_tensors], len(args)))
            if widths is not None:
                args = _split_args(args, widths)
            plan = self._plan(elements, feed_tensors)
            values = plan.run([_feed_value(t, a) for t, a in zip(feed_tensors, args)])
            fed = plan.fed_fetches
            out = [v if v is None or i in fed else _fetched(v) for i, v in enumerate(values)]
            return out[0] if single else mapper.build(out)
        return call

    def partial_run_setup(self, fetches, feeds=None) -> str:
        """Start a partial run: every fetch and feed of its later `partial_run` steps must be
        named here. Returns the handle to pass to `partial_run`."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        mapper = _FetchMapper(self._graph, fetches)
        declared_feeds = []
        for f in (feeds if isinstance(feeds, (list, tuple)) else [feeds] if feeds is not None
                  else []):
            conv = getattr(f, "_as_graph_element", None)
            if conv is not None and not isinstance(f, Tensor):
                f = conv()
            declared_feeds.append(self._graph.as_graph_element(f, allow_tensor=True,
                                                               allow_operation=False))
        handle = "%d;%d" % (id(self) % 1000003, len(self._partial_runs))
        self._partial_runs[handle] = _PartialRun(mapper.elements, declared_feeds)
        return handle

    def partial_run(self, handle: str, fetches, feed_dict=None):
        """One step of a partial run: compute `fetches` from the values fed so far (in this and
        earlier steps) and the tensors earlier steps computed, which are not computed again."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        state = self._partial_runs.get(handle)
        if state is None:
            raise errors.InvalidArgumentError(None, None, "Unknown partial run handle %r; get one "
                                              "from partial_run_setup." % (handle,))
        mapper = _FetchMapper(self._graph, fetches)
        ops = [e.name for e in mapper.elements if isinstance(e, Operation)]
        if ops:
            raise RuntimeError("partial_run() fetches tensors only, got the op(s) %s; run ops "
                               "with Session.run (as in TF)." % ops)
        feed_tensors, feed_values = self._feeds(feed_dict)
        state.check(mapper.elements, feed_tensors)
        state.fed.update(zip(feed_tensors, feed_values))
        known = {**state.computed, **state.fed}
        elements = list(mapper.elements)
        ops = self._plan(tuple(elements), tuple(known)).ops
        extra = [t for op in ops for t in op._outputs
                 if t not in known and t not in elements and _cacheable(t)]
        plan = self._plan(tuple(elements + extra), tuple(known))
        values = plan.run(list(known.values()))
        for t, v in zip(elements + extra, values):
            if v is not DEAD and t not in known and _cacheable(t):
                state.computed[t] = v
        state.fetched.update(elements)
        fed = plan.fed_fetches
        return mapper.build([v if v is None or i in fed else _fetched(v)
                             for i, v in enumerate(values[:len(elements)])])


class _PartialRun:
    """What a partial run handle remembers: its declared fetches and feeds, the values fed and
    the tensors computed so far, and what was fetched already."""

    def __init__(self, fetches: list, feeds: list):
        self.fetches = set(fetches)
        self.feeds = set(feeds)
        self.fed: dict = {}
        self.computed: dict = {}
        self.fetched: set = set()

    def check(self, fetches: list, feeds: list) -> None:
        """InvalidArgumentError for a fetch or feed not declared at setup, or used already."""
        for t in feeds:
            if t not in self.feeds:
                raise errors.InvalidArgumentError(None, None, "Feed %s was not specified in "
                                                  "partial_run_setup; declare it there." % t.name)
            if t in self.fed:
                raise errors.InvalidArgumentError(None, None, "Feed %s has already been fed in "
                                                  "this partial run." % t.name)
        for e in fetches:
            if e not in self.fetches:
                raise errors.InvalidArgumentError(None, None, "Fetch %s was not specified in "
                                                  "partial_run_setup; declare it there." % e.name)
            if e in self.fetched:
                raise errors.InvalidArgumentError(None, None, "Fetch %s has already been fetched "
                                                  "in this partial run." % e.name)


def _feed_pairs(feed_dict):
    """feed_dict's (key, value) pairs; a composite key (a SparseTensor) gives its components'
    (the dict's own items when there is none, the common case, at the cost of one check a key)."""
    for key in feed_dict:
        if key.__class__ is not Tensor and hasattr(key, "_feed_components"):
            break
    else:
        return feed_dict.items()
    pairs = []
    for key, value in feed_dict.items():
        if key.__class__ is not Tensor and hasattr(key, "_feed_components"):
            pairs.extend(key._feed_components(value))
        else:
            pairs.append((key, value))
    return pairs


def _feed_list(graph, feed_list) -> tuple:
    """make_callable's feed tensors (a SparseTensor's three components in its place) and, when a
    composite is among them, how to split the positional arguments the same way (else None)."""
    tensors, widths = [], []
    for f in feed_list or ():
        parts = getattr(f, "_fetch_components", None) if f.__class__ is not Tensor else None
        if parts is not None and hasattr(f, "_feed_components"):
            comps = parts()[0]
            tensors.extend(comps)
            widths.append(len(comps))
        else:
            tensors.append(graph.as_graph_element(f, allow_tensor=True, allow_operation=False))
            widths.append(0)
    return tuple(tensors), (widths if any(widths) else None)


def _split_args(args: tuple, widths: list) -> list:
    """Positional feed values with each composite's value spread over its components."""
    out = []
    for a, w in zip(args, widths):
        if not w:
            out.append(a)
            continue
        parts = list(a)
        if len(parts) != w:
            raise ValueError("A SparseTensor feed takes (indices, values, dense_shape): got %d "
                             "values." % len(parts))
        out.extend(parts)
    return out


def _cacheable(t: Tensor) -> bool:
    """Whether a partial run keeps `t`'s value for later steps: not a variable's own output or a
    handle (they stand for the variable, whose later reads must see later writes)."""
    if t._dtype.base_dtype.name in ("resource", "variant"):
        return False
    return t._op._type not in ("VariableV2", "Variable", "VarHandleOp", "TemporaryVariable")


def _plan_compiler_for(config):
    """TF1's XLA switch (`global_jit_level` ON_1/ON_2) compiles plans with JAX (varflow.xla)."""
    level = config.graph_options.optimizer_options.global_jit_level
    if level and level > 0:
        from .. import xla

        return xla.compile_plan
    return None


def _feed_value(t: Tensor, value):
    dtype = t._dtype.base_dtype
    if dtype.name == "string":
        arr = np.asarray(value, dtype=object)
    elif isinstance(value, np.ndarray) and value.dtype == dtype.np_dtype:
        arr = value
    else:
        try:
            arr = np.asarray(value, dtype=dtype.np_dtype)
        except OverflowError:
            arr = None
        except (TypeError, ValueError) as e:   # TF keeps the conversion's class
            raise type(e)("Cannot feed %s to Tensor %s of dtype %s: %s"
                          % (_short(value), t.name, dtype.name, e)) from None
        if arr is None or (isinstance(value, int) and not isinstance(value, type(True))
                           and arr != value):
            raise TypeError("Type of feed value %r with type %s is not compatible with Tensor type "
                            "%s. Try explicitly setting the type of the feed tensor to a larger "
                            "type (e.g. int64)." % (value, type(value), dtype.name))
    if not t._shape.is_compatible_with(arr.shape):
        raise ValueError("Cannot feed value of shape %s for Tensor %s, which has shape %s"
                         % (arr.shape, t.name, t._shape))
    return arr


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


_LOCAL = "/job:localhost/replica:0/task:0/device:"


def _local_devices(xla_on: bool) -> tuple:
    """The devices a local session runs ops on: the CPU, and under XLA each GPU that JAX sees (ops
    placed there run as XLA segments on it)."""
    gpus = 0
    if xla_on:
        from .. import xla

        gpus = xla.visible_gpu_count()
    return (_LOCAL + "CPU:0",) + tuple(_LOCAL + "GPU:%d" % k for k in range(gpus))


def _assigned_device(op: Operation, soft: bool, container, devices: tuple) -> str:
    """Where a local session runs `op`: one of `devices`, the CPU under soft placement, or an
    InvalidArgumentError for an absent device."""
    local = devices[0]
    if not op._device:
        return local
    placer = getattr(container, "assigned_device", None)
    if placer is not None:
        return placer(op, soft)
    spec = device_lib.DeviceSpec.from_string(op._device)
    if spec.job in (None, "localhost") and spec.replica in (None, 0) and spec.task in (None, 0):
        kind = spec.device_type or "CPU"
        name = _LOCAL + "%s:%d" % (kind, spec.device_index or 0)
        if name in devices:
            return name
    if not soft:
        hint = ""
        if spec.device_type == "GPU":
            hint = (" varflow runs GPU ops through XLA: turn on config.graph_options."
                    "optimizer_options.global_jit_level with JAX installed for a GPU it sees.")
        raise errors.InvalidArgumentError(
            None, op,
            "Cannot assign a device for operation %s: Could not satisfy explicit device "
            "specification '%s' because no devices matching that specification are registered in "
            "this process; available devices: %s.%s Pass tf.ConfigProto(allow_soft_placement=True) "
            "to run it on the CPU, or drop the tf.device scope."
            % (op.name, op._device, ", ".join(devices), hint))
    return local


class _DeviceAttributes:
    def __init__(self, name, device_type):
        self.name = name
        self.device_type = device_type
        self.memory_limit_bytes = 0
        self.incarnation = 0

    def __repr__(self):
        return "_DeviceAttributes(%s, %s)" % (self.name, self.device_type)


class Session(BaseSession):
    """`tf.Session`: `with tf.Session() as sess:` makes it (and its graph) the default."""

    def __enter__(self):
        if self._default_cm is not None:
            raise RuntimeError("Session is already entered; nesting `with sess:` is not supported.")
        self._graph_cm = self._graph.as_default()
        self._graph_cm.__enter__()
        self._default_cm = self.as_default()
        self._default_cm.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        self._default_cm.__exit__(exc_type, exc, tb)
        self._graph_cm.__exit__(exc_type, exc, tb)
        self._default_cm = None
        self._graph_cm = None
        self.close()
        return False

    @staticmethod
    def reset(target, containers=None, config=None) -> None:
        from .. import distributed

        distributed.reset_target(target, containers)


class InteractiveSession(BaseSession):
    """A session that installs itself as the default on creation (for shells and notebooks)."""

    def __init__(self, target: str = "", graph=None, config=None):
        super().__init__(target, graph, config)
        self._default_cm = self.as_default()
        self._default_cm.__enter__()
        self._graph_cm = self._graph.as_default()
        self._graph_cm.__enter__()

    def close(self) -> None:
        if not self._closed and self._default_cm is not None:
            try:
                self._graph_cm.__exit__(None, None, None)
            except (IndexError, AssertionError):
                pass
            stack = graph_lib.session_stack()
            if self in stack:
                stack.remove(self)
            self._default_cm = None
        super().close()


def get_default_session():
    return graph_lib.get_default_session()
