"""`tf.variable_scope` and `tf.get_variable`: named, shareable variables with TF1's reuse rules.

Per graph there is one variable store (name → variable, name → PartitionedVariable) and one scope
store (the current VariableScope, the stack of entered scopes, and use counts for `default_name`).
Variable names depend only on variable scopes; op names also follow name scopes.
"""
from __future__ import annotations

import contextlib
import functools
import inspect

from ..framework import dtypes
from ..framework.graph import Graph, get_default_graph, name_scope
from ..framework.graph_keys import GraphKeys
from ..framework.sites import user_site
from ..framework.tensor_shape import TensorShape, as_shape
from . import init_ops
from .partitioned import PartitionedVariable, PartitionInfo, SaveSliceInfo
from .variables import Variable, is_on_read

__all__ = ["VariableScope", "variable_scope", "variable_op_scope", "get_variable",
           "get_local_variable", "get_variable_scope", "AUTO_REUSE", "no_regularizer"]


class _ReuseMode:
    """`tf.AUTO_REUSE`: create the variable if missing, reuse it otherwise."""

    def __repr__(self):
        return "tf.AUTO_REUSE"


AUTO_REUSE = _ReuseMode()


def no_regularizer(_):
    """Use as `regularizer=tf.no_regularizer` to switch off a scope's default regularizer."""
    return None


def _reuse_str(reuse) -> str:
    return "AUTO_REUSE" if reuse is AUTO_REUSE else repr(bool(reuse) if reuse is not None else None)


# ------------------------------------------------------------------------------------------------
# Stores (one per graph)
# ------------------------------------------------------------------------------------------------
class _VariableStore:
    """All variables made by get_variable in one graph, by full name."""

    def __init__(self):
        self.vars: dict[str, object] = {}
        self.partitioned: dict[str, PartitionedVariable] = {}
        self.sites: dict[str, str] = {}


class _ScopeStore:
    """The current variable scope, the stack of entered scopes, and how often each name was opened."""

    def __init__(self):
        self.current_scope = VariableScope(False)
        self.stack: list = []
        self.variable_scopes_count: dict[str, int] = {}

    def open_variable_scope(self, name: str) -> None:
        self.variable_scopes_count[name] = self.variable_scopes_count.get(name, 0) + 1

    def close_variable_subscopes(self, name: str) -> None:
        prefix = name + "/" if name else ""
        for k in self.variable_scopes_count:
            if not name or k.startswith(prefix):
                self.variable_scopes_count[k] = 0


def _stores(graph: Graph | None = None):
    graph = graph or get_default_graph()
    store = getattr(graph, "_varflow_var_store", None)
    if store is None:
        store = graph._varflow_var_store = _VariableStore()
        graph._varflow_scope_store = _ScopeStore()
    return store, graph._varflow_scope_store


def _get_default_variable_store() -> _VariableStore:
    return _stores()[0]


def get_variable_scope() -> "VariableScope":
    """`tf.get_variable_scope`: the VariableScope object in effect."""
    return _stores()[1].current_scope


# ------------------------------------------------------------------------------------------------
# VariableScope
# ------------------------------------------------------------------------------------------------
class VariableScope:
    """Defaults (reuse, initializer, regularizer, dtype, partitioner, custom getter, ...) shared by
    the get_variable calls made inside a `tf.variable_scope`."""

    def __init__(self, reuse, name: str = "", initializer=None, regularizer=None,
                 caching_device=None, partitioner=None, custom_getter=None, name_scope: str = "",
                 dtype=dtypes.float32, use_resource=None, constraint=None):
        self._name = name
        self._reuse = reuse
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtypes.as_dtype(dtype)
        self._use_resource = use_resource
        self._constraint = constraint

    @property
    def name(self) -> str:
        return self._name

    @property
    def original_name_scope(self) -> str:
        return self._name_scope

    @property
    def reuse(self):
        return self._reuse

    @property
    def initializer(self):
        return self._initializer

    @property
    def dtype(self):
        return self._dtype

    @property
    def use_resource(self):
        return self._use_resource

    @property
    def regularizer(self):
        return self._regularizer

    @property
    def caching_device(self):
        return self._caching_device

    @property
    def partitioner(self):
        return self._partitioner

    @property
    def custom_getter(self):
        return self._custom_getter

    @property
    def constraint(self):
        return self._constraint

    def reuse_variables(self) -> None:
        """Make later get_variable calls in this scope reuse existing variables."""
        self._reuse = True

    def set_initializer(self, initializer) -> None:
        self._initializer = initializer

    def set_dtype(self, dtype) -> None:
        self._dtype = dtypes.as_dtype(dtype)

    def set_use_resource(self, use_resource) -> None:
        self._use_resource = use_resource

    def set_regularizer(self, regularizer) -> None:
        self._regularizer = regularizer

    def set_caching_device(self, caching_device) -> None:
        self._caching_device = caching_device

    def set_partitioner(self, partitioner) -> None:
        self._partitioner = partitioner

    def set_custom_getter(self, custom_getter) -> None:
        self._custom_getter = custom_getter

    def get_collection(self, name: str) -> list:
        scope = self._name + "/" if self._name else ""
        return get_default_graph().get_collection(name, scope)

    def trainable_variables(self) -> list:
        return self.get_collection(GraphKeys.TRAINABLE_VARIABLES)

    def global_variables(self) -> list:
        return self.get_collection(GraphKeys.GLOBAL_VARIABLES)

    def local_variables(self) -> list:
        return self.get_collection(GraphKeys.LOCAL_VARIABLES)

    def _copy(self, reuse=None, name=None, name_scope=None) -> "VariableScope":
        return VariableScope(self._reuse if reuse is None else reuse,
                             self._name if name is None else name, self._initializer,
                             self._regularizer, self._caching_device, self._partitioner,
                             self._custom_getter, self._name_scope if name_scope is None else name_scope,
                             self._dtype, self._use_resource, self._constraint)

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True, use_resource=None,
                     custom_getter=None, constraint=None, synchronization=None, aggregation=None):
        """Fill unset arguments from this scope, then get or create `<scope>/<name>`."""
        if regularizer is None:
            regularizer = self._regularizer
        if caching_device is None:
            caching_device = self._caching_device
        if partitioner is None:
            partitioner = self._partitioner
        if custom_getter is None:
            custom_getter = self._custom_getter
        if reuse is None:
            reuse = self._reuse
        if use_resource is None:
            use_resource = self._use_resource
        full_name = self._name + "/" + name if self._name else name
        with name_scope(None):
            if dtype is not None and initializer is not None and not callable(initializer):
                from ..framework.graph import convert_to_tensor

                init_dtype = convert_to_tensor(initializer).dtype.base_dtype
                if init_dtype != dtypes.as_dtype(dtype).base_dtype:
                    raise ValueError("Initializer type '%s' and explicit dtype '%s' don't match "
                                     "for variable %s: drop dtype= or cast the initializer."
                                     % (init_dtype.name, dtypes.as_dtype(dtype).name, full_name))
            if initializer is None:
                initializer = self._initializer
            if constraint is None:
                constraint = self._constraint
            if dtype is None:
                dtype = self._dtype
            return _store_get_variable(var_store, full_name, shape, dtype, initializer,
                                       regularizer, reuse, trainable, collections, caching_device,
                                       partitioner, validate_shape, use_resource, custom_getter,
                                       constraint, synchronization, aggregation)

    def __repr__(self):
        return "<VariableScope %r reuse=%s>" % (self._name, _reuse_str(self._reuse))


# ------------------------------------------------------------------------------------------------
# get_variable
# ------------------------------------------------------------------------------------------------
def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
                 collections=None, caching_device=None, partitioner=None, validate_shape=True,
                 use_resource=None, custom_getter=None, constraint=None, synchronization=None,
                 aggregation=None):
    """`tf.get_variable`: the variable `<scope>/<name>`, created if the scope's reuse allows."""
    if not isinstance(name, str):
        raise TypeError("get_variable needs a string name, got %r" % (name,))
    store, scopes = _stores()
    scope = scopes.current_scope
    found = _reuse_fast_path(store, scope, name, shape, dtype, initializer, partitioner,
                             custom_getter)
    if found is not None:
        return found
    return scope.get_variable(
        store, name, shape=shape, dtype=dtype, initializer=initializer,
        regularizer=regularizer, trainable=trainable, collections=collections,
        caching_device=caching_device, partitioner=partitioner, validate_shape=validate_shape,
        use_resource=use_resource, custom_getter=custom_getter, constraint=constraint,
        synchronization=synchronization, aggregation=aggregation)


def _reuse_fast_path(store, scope, name, shape, dtype, initializer, partitioner, custom_getter):
    """The existing variable when a reusing scope asks for it with nothing to check beyond a
    matching shape and dtype (the common case in towers and layers); None means "take the full
    path", which also produces every error message."""
    reuse = scope._reuse
    if (reuse is not True and reuse is not AUTO_REUSE) or custom_getter is not None \
            or scope._custom_getter is not None or partitioner is not None \
            or scope._partitioner is not None \
            or (initializer is not None and not callable(initializer)):
        return None
    found = store.vars.get(scope._name + "/" + name if scope._name else name)
    if found is None:
        return None
    if shape is not None:
        known = found._shape._dims
        if known is None:
            return None
        if not ((shape.__class__ is list or shape.__class__ is tuple) and tuple(shape) == known) \
                and (len(known) != len(shape) or any(d is not None and k is not None and int(d) != k
                                                     for d, k in zip(shape, known))):
            return None
    wanted, have = (scope._dtype if dtype is None else dtypes.as_dtype(dtype)), found._dtype
    if wanted is not have and wanted is not have.base_dtype and wanted.base_dtype is not have.base_dtype:
        return None         # no dtype means the scope's (float32 by default): TF checks it too
    return found


def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                       trainable=False, collections=None, caching_device=None, partitioner=None,
                       validate_shape=True, use_resource=None, custom_getter=None,
                       constraint=None, synchronization=None, aggregation=None):
    """Like get_variable, in LOCAL_VARIABLES (plus `collections`) and not trainable."""
    collections = list(collections or []) + [GraphKeys.LOCAL_VARIABLES]
    return get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                        regularizer=regularizer, trainable=False, collections=collections,
                        caching_device=caching_device, partitioner=partitioner,
                        validate_shape=validate_shape, use_resource=use_resource,
                        custom_getter=custom_getter, constraint=constraint)


def _signature_key(fn):
    """Initializer instances share their class's __call__ signature: cache by class."""
    return fn if inspect.isfunction(fn) or inspect.ismethod(fn) else type(fn)


_ACCEPTS_CACHE: dict = {}


def _accepts(fn, arg: str) -> bool:
    """Whether `fn` takes keyword `arg` (signatures cached per initializer class or function)."""
    try:
        key = (_signature_key(fn), arg)
        found = _ACCEPTS_CACHE.get(key)
    except TypeError:          # an unhashable callable
        key, found = None, None
    if found is None:
        try:
            params = inspect.signature(fn).parameters
            found = arg in params or any(p.kind == p.VAR_KEYWORD for p in params.values())
        except (TypeError, ValueError):
            found = True
        if key is not None and len(_ACCEPTS_CACHE) < 4096:
            _ACCEPTS_CACHE[key] = found
    return found


def _store_get_variable(store, name, shape, dtype, initializer, regularizer, reuse, trainable,
                        collections, caching_device, partitioner, validate_shape, use_resource,
                        custom_getter, constraint, synchronization, aggregation):
    if custom_getter is not None and not callable(custom_getter):
        raise ValueError("Passed a custom_getter which is not callable: %s" % custom_getter)
    if trainable is None:  # ON_READ variables are not trainable unless asked, as in TF1
        trainable = not is_on_read(synchronization)

    def true_getter(name, shape=None, dtype=dtypes.float32, initializer=None, regularizer=None,
                    reuse=None, trainable=None, collections=None, caching_device=None,
                    partitioner=None, validate_shape=True, use_resource=None, constraint=None,
                    synchronization=None, aggregation=None):
        is_scalar = shape is not None and isinstance(shape, (list, tuple)) and not shape
        if partitioner is not None and not is_scalar:
            if not callable(partitioner):
                raise ValueError("Partitioner must be callable, but received: %s" % partitioner)
            with name_scope(None):
                return _get_partitioned_variable(store, name, shape, dtype, initializer,
                                                 regularizer, reuse, trainable, collections,
                                                 caching_device, partitioner, validate_shape,
                                                 use_resource, constraint)
        if reuse is True and partitioner is None and name in store.partitioned:
            return _get_partitioned_variable(store, name, shape, dtype, initializer, regularizer,
                                             reuse, trainable, collections, caching_device, None,
                                             validate_shape, use_resource, constraint)
        if "%s/part_0" % name in store.vars:
            raise ValueError("No partitioner was provided, but a partitioned version of the "
                             "variable was found: %s/part_0. Perhaps a variable of the same name "
                             "was already created with partitioning?" % name)
        return _get_single_variable(store, name, shape, dtype, initializer, regularizer, reuse,
                                    trainable, collections, caching_device, validate_shape,
                                    use_resource, constraint, synchronization=synchronization,
                                    aggregation=aggregation)

    if custom_getter is not None:
        kwargs = {"getter": true_getter, "name": name, "shape": shape, "dtype": dtype,
                  "initializer": initializer, "regularizer": regularizer, "reuse": reuse,
                  "trainable": trainable, "collections": collections,
                  "caching_device": caching_device, "partitioner": partitioner,
                  "validate_shape": validate_shape, "use_resource": use_resource,
                  "synchronization": synchronization, "aggregation": aggregation}
        if _accepts(custom_getter, "constraint"):
            kwargs["constraint"] = constraint
        return custom_getter(**kwargs)
    return true_getter(name, shape=shape, dtype=dtype, initializer=initializer,
                       regularizer=regularizer, reuse=reuse, trainable=trainable,
                       collections=collections, caching_device=caching_device,
                       partitioner=partitioner, validate_shape=validate_shape,
                       use_resource=use_resource, constraint=constraint,
                       synchronization=synchronization, aggregation=aggregation)


# --- error messages --------------------------------------------------------------------------------
def _scope_stack_description() -> str:
    _, scopes = _stores()
    levels = ["  (root) reuse=%s" % _reuse_str(False)]
    for s in scopes.stack:
        levels.append("  %s/ reuse=%s" % (s.name, _reuse_str(s.reuse)))
    return "\n".join(levels)


def _already_exists(store, name: str, partitioned: bool = False) -> ValueError:
    site = store.sites.get(name, "<unknown>")
    n = len(store.vars)
    first = ("Partitioned variable with name %s already exists. Did you mean to set reuse=True or "
             "reuse=tf.AUTO_REUSE in VarScope? It was created at %s.\n" if partitioned else
             "Variable %s already exists, disallowed. It was created at %s.\n")
    return ValueError((
        first +
        "  - To share it, open its scope with reuse: `with tf.variable_scope(scope, reuse=True):` "
        "or reuse=tf.AUTO_REUSE (or call scope.reuse_variables()).\n"
        "  - If you re-ran model-building code (e.g. a notebook cell), the default graph still "
        "holds %d variable%s from the earlier run: call tf.reset_default_graph() first, or build "
        "in a fresh graph with `with tf.Graph().as_default():`.")
        % (name, site, n, "" if n == 1 else "s"))


def _does_not_exist(store, name: str, partitioned: bool = False) -> ValueError:
    import difflib

    close = difflib.get_close_matches(name, list(store.vars), n=3, cutoff=0.5)
    hint = ("Closest existing names: %s." % ", ".join(close)) if close else \
        ("No variables exist yet in this graph." if not store.vars else
         "Existing variables: %s." % ", ".join(sorted(store.vars)[:8]))
    first = ("PartitionedVariable %s does not exist, or was not created with tf.get_variable(). Did "
             "you mean to set reuse=False or reuse=tf.AUTO_REUSE in VarScope? " if partitioned else
             "Variable %s does not exist, or was not created with tf.get_variable(). Did you mean to "
             "set reuse=tf.AUTO_REUSE in VarScope? ")
    return ValueError((
        first + "%s\nScope stack (outermost first):\n%s\n"
        "Create it first without reuse, or use reuse=tf.AUTO_REUSE to create it when missing.")
        % (name, hint, _scope_stack_description()))


# --- single variables ----------------------------------------------------------------------------
def _get_single_variable(store, name, shape, dtype, initializer, regularizer, reuse, trainable,
                         collections, caching_device, validate_shape, use_resource, constraint,
                         partition_info=None, synchronization=None, aggregation=None):
    initializing_from_value = initializer is not None and not callable(initializer)
    if shape is not None and initializing_from_value:
        raise ValueError("If initializer is a constant, do not specify shape (variable %s): the "
                         "shape comes from the value." % name)
    dtype = dtypes.as_dtype(dtype)
    shape = as_shape(shape)
    if name in store.vars:
        found = store.vars[name]
        if reuse is False or reuse is None:
            raise _already_exists(store, name)
        if not shape.is_compatible_with(found.get_shape()):
            raise ValueError("Trying to share variable %s, but specified shape %s and found shape "
                             "%s. It was created at %s with shape %s; this call at %s asks for %s."
                             % (name, shape, found.get_shape(), store.sites.get(name, "<unknown>"),
                                found.get_shape(), user_site(2), shape))
        if not dtype.is_compatible_with(found.dtype):
            raise ValueError("Trying to share variable %s, but specified dtype %s and found dtype "
                             "%s. It was created at %s; this call at %s."
                             % (name, dtype.name, found.dtype.base_dtype.name,
                                store.sites.get(name, "<unknown>"), user_site(2)))
        return found
    if reuse is True:
        raise _does_not_exist(store, name)
    if initializer is None:
        initializer, initializing_from_value = _default_initializer(name, dtype)
    from .variables import init_scope

    with init_scope():
        if initializing_from_value:
            init_val = initializer
            variable_dtype = None
        else:
            if inspect.isclass(initializer):
                initializer = initializer()
            if shape.is_fully_defined():
                if _accepts(initializer, "partition_info"):
                    init_val = functools.partial(initializer, shape.as_list(), dtype=dtype,
                                                 partition_info=partition_info)
                else:
                    init_val = functools.partial(initializer, shape.as_list(), dtype=dtype)
            elif _takes_no_arguments(initializer):
                init_val = initializer
            else:
                raise ValueError("The initializer passed for variable %s is not valid. It should be "
                                 "a callable with no arguments and the shape should not be provided "
                                 "or an instance of `tf.keras.initializers.*' and `shape` should be "
                                 "fully defined (got shape %s)." % (name, shape))
            variable_dtype = dtype.base_dtype
    v = Variable(initial_value=init_val, name=name, trainable=trainable, collections=collections,
                 caching_device=caching_device, dtype=variable_dtype, validate_shape=validate_shape,
                 constraint=constraint, use_resource=use_resource,
                 synchronization=synchronization, aggregation=aggregation)
    store.vars[name] = v
    store.sites[name] = v._site
    if regularizer:
        from ..framework.graph import colocate_with

        with colocate_with(v.op):
            with name_scope(name + "/Regularizer/"):
                loss = regularizer(v)
        if loss is not None:
            get_default_graph().add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss)
    return v


def _takes_no_arguments(fn) -> bool:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)


def _default_initializer(name: str, dtype: dtypes.DType):
    if dtype.is_floating:
        return init_ops.glorot_uniform_initializer(), False
    if dtype.is_integer or dtype.is_unsigned or dtype.is_bool or dtype.base_dtype == dtypes.string:
        return init_ops.zeros_initializer(), False
    raise ValueError("An initializer for variable %s of %s is required: pass initializer=..."
                     % (name, dtype.base_dtype))


# --- partitioned variables -------------------------------------------------------------------------
def _get_partitioned_variable(store, name, shape, dtype, initializer, regularizer, reuse,
                              trainable, collections, caching_device, partitioner, validate_shape,
                              use_resource, constraint):
    initializing_from_value = initializer is not None and not callable(initializer)
    from ..framework.graph import Tensor

    if initializing_from_value and isinstance(initializer, Tensor):   # (TF takes no shape from a
        init_shape = initializer.get_shape()                            # Python or NumPy value here)
        shape = init_shape if shape is None else as_shape(shape).merge_with(init_shape)
    shape = as_shape(shape)
    dtype = dtypes.as_dtype(dtype)
    if name in store.vars:
        raise ValueError("A partitioner was provided, but an unpartitioned version of the variable "
                         "was found: %s. Perhaps a variable of the same name was already created "
                         "without partitioning?" % name)
    if name in store.partitioned:
        existing = store.partitioned[name]
        if reuse is False or reuse is None:
            raise _already_exists(store, name, partitioned=True)
        if not shape.is_compatible_with(existing.get_shape()):
            raise ValueError("Trying to reuse partitioned variable %s, but specified shape %s and "
                             "found shape %s." % (name, shape, existing.get_shape()))
        if not dtype.is_compatible_with(existing.dtype):
            raise ValueError("Trying to reuse partitioned variable %s, but specified dtype %s and "
                             "found dtype %s." % (name, dtype.name, existing.dtype.name))
        if partitioner is not None:
            partitions = _partitions(partitioner, shape, dtype, name)
            if partitions != existing._get_partitions():
                raise ValueError("Trying to reuse partitioned variable %s, but specified "
                                 "partitions %s and found partitions %s."
                                 % (name, partitions, existing._get_partitions()))
        return existing
    if reuse is True:
        raise _does_not_exist(store, name, partitioned=True)
    if not shape.is_fully_defined():
        raise ValueError("Shape of a new partitioned variable (%s) must be fully defined, but "
                         "instead was %s." % (name, shape))
    partitions = _partitions(partitioner, shape, dtype, name)
    axes = [i for i, p in enumerate(partitions) if p > 1]
    if len(axes) > 1:
        raise ValueError("Can only slice a variable along one dimension: shape: %s, partitioning: "
                         "%s" % (shape, partitions))
    slice_dim = axes[0] if axes else 0
    num_slices = partitions[slice_dim]
    full = shape.as_list()
    base, extras = divmod(full[slice_dim], num_slices)
    parts = []
    offset = 0
    for i in range(num_slices):
        part_shape = list(full)
        part_shape[slice_dim] = base + (1 if i < extras else 0)
        var_offset = [0] * len(full)
        var_offset[slice_dim] = offset
        offset += part_shape[slice_dim]
        part_name = "%s/part_%d" % (name, i)
        if part_name in store.vars:
            raise ValueError("Partitioned variable %s already has a part %s" % (name, part_name))
        if initializing_from_value:
            from ..framework.graph import convert_to_tensor
            from ..ops import array_ops

            with name_scope(part_name + "/PartitionedInitializer"):
                full_value = convert_to_tensor(initializer)
                part_init = array_ops.slice(full_value, var_offset, part_shape)
            part_initializer = part_init
            part_shape_arg = None
        else:
            part_initializer = initializer
            part_shape_arg = part_shape
        with name_scope(None):
            var = _get_single_variable(store, part_name, part_shape_arg, dtype, part_initializer,
                                       regularizer, reuse, trainable, collections, caching_device,
                                       validate_shape, use_resource, constraint,
                                       partition_info=PartitionInfo(full, var_offset))
        var._set_save_slice_info(SaveSliceInfo(name, full, var_offset, part_shape))
        parts.append(var)
    pv = PartitionedVariable(name, shape, dtype, parts, partitions)
    store.partitioned[name] = pv
    store.sites[name] = parts[0]._site
    return pv


def _partitions(partitioner, shape: TensorShape, dtype, name: str) -> list:
    partitions = partitioner(shape=shape, dtype=dtype)
    if not isinstance(partitions, (list, tuple)):
        raise ValueError("Partitioner must return a list, got %r" % (partitions,))
    partitions = [int(p) for p in partitions]
    if len(partitions) != shape.ndims:
        raise ValueError("Partitioner returned a partition list that does not match the Variable's "
                         "rank: %s vs. %s (variable %s)" % (partitions, shape, name))
    if any(p < 1 for p in partitions):
        raise ValueError("Partitioner returned zero partitions for some axes: %s" % partitions)
    return partitions


# ------------------------------------------------------------------------------------------------
# tf.variable_scope
# ------------------------------------------------------------------------------------------------
def _wrap_custom_getter(custom_getter, old_getter):
    if old_getter is None:
        return custom_getter

    def wrapped(getter, *args, **kwargs):
        return custom_getter(functools.partial(old_getter, getter), *args, **kwargs)
    return wrapped


def _unique_variable_scope(prefix: str) -> str:
    _, scopes = _stores()
    current = scopes.current_scope
    name = current.name + "/" + prefix if current.name else prefix
    if scopes.variable_scopes_count.get(name, 0) == 0:
        return prefix
    idx = 1
    while scopes.variable_scopes_count.get(name + ("_%d" % idx), 0) > 0:
        idx += 1
    return prefix + ("_%d" % idx)


@contextlib.contextmanager
def _pure_variable_scope(name_or_scope, reuse=None, initializer=None, regularizer=None,
                         caching_device=None, partitioner=None, custom_getter=None,
                         old_name_scope=None, dtype=None, use_resource=None,
                         constraint=None):
    """Switch the current VariableScope (no name scope handling)."""
    _, scopes = _stores()
    old = scopes.current_scope
    if isinstance(name_or_scope, VariableScope):
        new_name = name_or_scope.name
        scope = VariableScope(name_or_scope.reuse if not reuse else reuse, name=new_name,
                              initializer=name_or_scope.initializer,
                              regularizer=name_or_scope.regularizer,
                              caching_device=name_or_scope.caching_device,
                              partitioner=name_or_scope.partitioner,
                              custom_getter=name_or_scope.custom_getter,
                              name_scope=name_or_scope.original_name_scope,
                              dtype=name_or_scope.dtype, use_resource=name_or_scope.use_resource,
                              constraint=name_or_scope.constraint)
    else:
        new_name = old.name + "/" + name_or_scope if old.name else name_or_scope
        reuse = reuse or old.reuse
        # Everything but the constraint is inherited: as in TF, a scope's constraint applies
        # only to the get_variable calls made directly in it.
        scope = VariableScope(reuse, name=new_name, initializer=old.initializer,
                              regularizer=old.regularizer, caching_device=old.caching_device,
                              partitioner=old.partitioner, custom_getter=old.custom_getter,
                              name_scope=name_or_scope if old_name_scope is None else old_name_scope,
                              dtype=old.dtype, use_resource=old.use_resource)
    if initializer is not None:
        scope.set_initializer(initializer)
    if regularizer is not None:
        scope.set_regularizer(regularizer)
    if caching_device is not None:
        scope.set_caching_device(caching_device)
    if partitioner is not None:
        scope.set_partitioner(partitioner)
    if custom_getter is not None:
        scope.set_custom_getter(_wrap_custom_getter(custom_getter, scope.custom_getter))
    if dtype is not None:
        scope.set_dtype(dtype)
    if use_resource is not None:
        scope.set_use_resource(use_resource)
    if constraint is not None:
        scope._constraint = constraint
    scopes.open_variable_scope(new_name)
    saved_counts = dict(scopes.variable_scopes_count) if isinstance(name_or_scope, VariableScope) else None
    scopes.current_scope = scope
    scopes.stack.append(scope)
    try:
        yield scope
    finally:
        scopes.stack.pop()
        scopes.current_scope = old
        if saved_counts is not None:
            scopes.variable_scopes_count = saved_counts
        else:
            scopes.close_variable_subscopes(new_name)


class variable_scope:  # noqa: N801 - TF's public name
    """`tf.variable_scope(name_or_scope, default_name, values, ..., reuse, ...)`: a context manager
    prefixing variable names, carrying defaults and reuse, and opening a matching name scope."""

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None,
                 regularizer=None, caching_device=None, partitioner=None, custom_getter=None,
                 reuse=None, dtype=None, use_resource=None, constraint=None,
                 auxiliary_name_scope: bool = True):
        if default_name is None and name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if name_or_scope is not None and not isinstance(name_or_scope, (VariableScope, str)):
            raise TypeError("VariableScope: name_or_scope must be a string or VariableScope, got %r"
                            % (name_or_scope,))
        if not (reuse is True or reuse is False or reuse is None or reuse is AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None or tf.AUTO_REUSE.")
        if reuse is False:
            reuse = None
        if not isinstance(auxiliary_name_scope, bool):
            raise TypeError("The auxiliary_name_scope must be `True` or `False`, got %r"
                            % (auxiliary_name_scope,))
        self._name_or_scope = name_or_scope
        self._default_name = default_name
        self._values = values
        self._kwargs = dict(initializer=initializer, regularizer=regularizer,
                            caching_device=caching_device, partitioner=partitioner,
                            custom_getter=custom_getter, dtype=dtype, use_resource=use_resource,
                            constraint=constraint)
        self._reuse = reuse
        self._aux = auxiliary_name_scope
        self._stack = None

    def __enter__(self) -> VariableScope:
        if self._stack is not None:
            raise RuntimeError("variable_scope %r was entered twice; create a new "
                               "tf.variable_scope(...) for each `with`." % (self._name_or_scope,))
        stack = contextlib.ExitStack()
        try:
            scope = self._enter(stack)
        except BaseException:
            stack.close()
            raise
        self._stack = stack
        return scope

    def __exit__(self, *exc):
        stack, self._stack = self._stack, None
        return stack.__exit__(*exc)

    def _enter(self, stack: contextlib.ExitStack) -> VariableScope:
        from ..framework.graph import _graph_of

        graph = _graph_of(self._values)
        stack.enter_context(graph.as_default())
        current_name_scope = None
        if not self._aux:
            ns = graph.get_name_scope()
            current_name_scope = name_scope(ns + "/" if ns else "")
        kwargs = self._kwargs
        if self._name_or_scope is not None:
            if isinstance(self._name_or_scope, str):
                ns_name = self._name_or_scope
            else:
                ns_name = self._name_or_scope.name.split("/")[-1]
            if ns_name or current_name_scope is not None:
                current_name_scope = current_name_scope or name_scope(ns_name)
                entered = stack.enter_context(current_name_scope)
                if isinstance(self._name_or_scope, str):
                    old_name_scope = entered
                else:
                    old_name_scope = self._name_or_scope.original_name_scope
                return stack.enter_context(_pure_variable_scope(
                    self._name_or_scope, reuse=self._reuse, old_name_scope=old_name_scope, **kwargs))
            return stack.enter_context(_pure_variable_scope(self._name_or_scope, reuse=self._reuse,
                                                            **kwargs))
        if self._reuse:
            raise ValueError("reuse=True cannot be used without a name_or_scope")
        current_name_scope = current_name_scope or name_scope(self._default_name)
        entered = stack.enter_context(current_name_scope)
        unique = _unique_variable_scope(self._default_name)
        return stack.enter_context(_pure_variable_scope(unique, old_name_scope=entered, **kwargs))


@contextlib.contextmanager
def variable_op_scope(values, name_or_scope, default_name=None, initializer=None,
                      regularizer=None, caching_device=None, partitioner=None,
                      custom_getter=None, reuse=None, dtype=None, use_resource=None,
                      constraint=None):
    """Deprecated TF1 spelling of `variable_scope(name_or_scope, default_name, values)`."""
    with variable_scope(name_or_scope, default_name=default_name, values=values,
                        initializer=initializer, regularizer=regularizer,
                        caching_device=caching_device, partitioner=partitioner,
                        custom_getter=custom_getter, reuse=reuse, dtype=dtype,
                        use_resource=use_resource, constraint=constraint) as scope:
        yield scope
