"""`tf.data.Dataset`: input pipelines as chains of Python objects evaluated by an iterator op.

A dataset is a description: its element structure (nested tuples/dicts of components, each with a
dtype and a static shape), the graph tensors it captures, and `_iter(env)`, a Python generator of
flat lists of NumPy components. Functions given to `map`/`filter`/`flat_map` are traced once into
the graph on placeholders of the element's components and run as sub-plans of the session.
"""
from __future__ import annotations

import os

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor, get_default_graph, name_scope
from ..framework.tensor_shape import TensorShape, as_shape, unknown_shape
from ..ops import array_ops
from ..ops.random_ops import get_seed
from . import nest

_INFINITE = -1


class _Env:
    """One iteration's context: the session runtime, captured tensor values, shuffle generators."""

    def __init__(self, runtime, values: dict):
        self.runtime = runtime
        self.values = values
        self.rngs: dict = {}


def _unique(tensors) -> list:
    seen, out = set(), []
    for t in tensors:
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def _to_component(value, name: str) -> Tensor:
    if isinstance(value, Tensor):
        return value
    if isinstance(value, list) and value and all(isinstance(v, Tensor) for v in value):
        return array_ops.stack(value, name=name)
    return convert_to_tensor(value, name=name)


class _Function:
    """A Python function traced once on placeholders of an element, run as a session sub-plan."""

    def __init__(self, fn, dataset: "Dataset", scope: str, returns_dataset: bool = False):
        graph = get_default_graph()
        first = len(graph._ops)
        with graph.control_dependencies(None), name_scope(scope):
            self.args = [array_ops.placeholder(t, s, name="arg%d" % i)
                         for i, (t, s) in enumerate(zip(dataset._types, dataset._shapes))]
            element = nest.pack_as(dataset._structure, self.args)
            result = fn(*element) if type(element) is tuple else fn(element)
            if returns_dataset:
                if not isinstance(result, Dataset):
                    raise TypeError("`map_func` must return a `Dataset` object, got %r" % (result,))
                self.dataset = result
                self.outputs = result._captures()
            else:
                result = nest.lists_to_tuples(result)
                self.structure = nest.map_structure(lambda _: None, result)
                self.outputs = [_to_component(v, "component_%d" % i)
                                for i, v in enumerate(nest.flatten(result))]
        inside = set(graph._ops[first:])
        self.captures = _external_inputs(self.outputs, inside)

    def call(self, env: _Env, args: list) -> list:
        if not self.outputs:
            return []
        feeds = tuple(self.args) + tuple(self.captures)
        plan = env.runtime._plan(tuple(self.outputs), feeds)
        values = plan.run(list(args) + [env.values[c] for c in self.captures])
        return [np.asarray(v) for v in values]


def _external_inputs(outputs: list, inside: set) -> list:
    """Tensors built outside a traced function that it reads (ref variables are read live)."""
    captures, seen, stack = [], set(), list(outputs)
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        if t._op in inside:
            stack.extend(t._op._inputs)
        elif not _reads_variable(t):
            captures.append(t)
    return captures


def _reads_variable(t: Tensor) -> bool:
    """Variables (and their read snapshots) are read when the function runs, not captured."""
    if t._dtype._is_ref_dtype or t._dtype.base_dtype == dtypes.resource:
        return True
    op = t._op
    return op._type in ("Identity", "ReadVariableOp") and bool(op._inputs) and \
        _reads_variable(op._inputs[0])


class _ElementDescription:
    """`output_types` / `output_shapes` / `output_classes` of a dataset or iterator, from its
    element structure and flat lists of types and shapes."""

    @property
    def output_types(self):
        return nest.pack_as(self._structure, self._types)

    @property
    def output_shapes(self):
        return nest.pack_as(self._structure, self._shapes)

    @property
    def output_classes(self):
        return nest.pack_as(self._structure, [Tensor] * len(self._types))


class Dataset(_ElementDescription):
    """`tf.data.Dataset`: a sequence of elements with a fixed structure, dtypes and shapes."""

    _structure = None
    _types: list = []
    _shapes: list = []

    def _set_element(self, structure, types, shapes) -> None:
        self._structure = structure
        self._types = list(types)
        self._shapes = list(shapes)

    def _captures(self) -> list:
        return []

    def _iter(self, env: _Env):
        raise TypeError("%s does not produce elements" % type(self).__name__)

    def __repr__(self):
        return "<%s shapes: %s, types: %s>" % (type(self).__name__, self.output_shapes,
                                               self.output_types)

    # --- sources ----------------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors) -> "Dataset":
        """Elements are the slices of `tensors` along their first dimension."""
        return _Slices(tensors)

    @staticmethod
    def from_tensors(tensors) -> "Dataset":
        """A single element: `tensors` itself."""
        return _Tensors(tensors)

    @staticmethod
    def range(*args, output_type=dtypes.int64) -> "Dataset":
        """`range(stop)`, `range(start, stop[, step])` as int64 scalars."""
        return _Range(args, dtypes.as_dtype(output_type))

    @staticmethod
    def from_generator(generator, output_types, output_shapes=None, args=None) -> "Dataset":
        """Elements drawn from `generator()` (called anew at each iterator initialization)."""
        return _Generator(generator, output_types, output_shapes, args)

    @staticmethod
    def zip(datasets) -> "Dataset":
        """Tuples (or dicts) of the elements of several datasets, until the shortest ends."""
        return _Zip(datasets)

    # --- transformations ----------------------------------------------------------------------
    def batch(self, batch_size, drop_remainder: bool = False) -> "Dataset":
        return _Batch(self, batch_size, drop_remainder)

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder: bool = False) -> "Dataset":
        return _Batch(self, batch_size, drop_remainder, padded=True, padded_shapes=padded_shapes,
                      padding_values=padding_values)

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=None) -> "Dataset":
        return _Shuffle(self, buffer_size, seed, reshuffle_each_iteration)

    def repeat(self, count=None) -> "Dataset":
        return _Repeat(self, count)

    def map(self, map_func, num_parallel_calls=None, deterministic=None) -> "Dataset":
        return _Map(self, map_func)

    def filter(self, predicate) -> "Dataset":
        return _Filter(self, predicate)

    def flat_map(self, map_func) -> "Dataset":
        return _FlatMap(self, map_func, 1)

    def interleave(self, map_func, cycle_length=None, block_length=None,
                   num_parallel_calls=None, deterministic=None) -> "Dataset":
        return _FlatMap(self, map_func, cycle_length, block_length or 1)

    def take(self, count) -> "Dataset":
        return _Take(self, count)

    def skip(self, count) -> "Dataset":
        return _Skip(self, count)

    def concatenate(self, dataset) -> "Dataset":
        return _Concatenate(self, dataset)

    def enumerate(self, start=0) -> "Dataset":
        return Dataset.zip((Dataset.range(start, np.iinfo(np.int64).max), self))

    def unbatch(self) -> "Dataset":
        return _Unbatch(self)

    def prefetch(self, buffer_size) -> "Dataset":
        """Accepted for speed-tuned pipelines; elements are produced on demand anyway."""
        return self

    def cache(self, filename="") -> "Dataset":
        return self

    def with_options(self, options) -> "Dataset":
        return self

    def apply(self, transformation_func) -> "Dataset":
        return transformation_func(self)

    # --- iterators ------------------------------------------------------------------------------
    def make_one_shot_iterator(self):
        from .iterator_ops import make_one_shot_iterator

        return make_one_shot_iterator(self)

    def make_initializable_iterator(self, shared_name=None):
        from .iterator_ops import make_initializable_iterator

        return make_initializable_iterator(self, shared_name)


class _Unary(Dataset):
    """A transformation of one input dataset that keeps its element structure."""

    def __init__(self, input_dataset: Dataset):
        self._input = input_dataset
        self._set_element(input_dataset._structure, input_dataset._types, input_dataset._shapes)

    def _captures(self) -> list:
        return self._input._captures()


class _Arg:
    """A scalar argument (batch size, count, …): a Python int, or a tensor read at iteration
    start (e.g. a placeholder fed along with the iterator's initializer)."""

    def __init__(self, value, name: str, dtype=dtypes.int64):
        from ..ops.op_util import const_value

        self.tensor = None
        if isinstance(value, Tensor):
            known = const_value(value)
            if known is None:
                if value.shape.ndims not in (None, 0):
                    raise ValueError("%s must be a scalar, got shape %s" % (name, value.shape))
                self.tensor, self.static = value, None
                return
            value = known
        self.static = int(np.asarray(value))

    def captures(self) -> list:
        return [self.tensor] if self.tensor is not None else []

    def get(self, env: _Env) -> int:
        return self.static if self.tensor is None else int(env.values[self.tensor])


def _int_arg(value, name: str) -> int:
    if isinstance(value, Tensor):
        from ..ops.op_util import const_value

        v = const_value(value)
        if v is None:
            raise ValueError("%s must be known when the dataset is built (a Python int or a "
                             "constant), got %s" % (name, value))
        value = v
    return int(np.asarray(value))


# --- sources --------------------------------------------------------------------------------------
class _Slices(Dataset):
    def __init__(self, tensors):
        tensors = nest.lists_to_tuples(tensors) if isinstance(tensors, tuple) else tensors
        with name_scope("TensorSliceDataset"):
            comps = [_to_component(v, "component_%d" % i)
                     for i, v in enumerate(nest.flatten(tensors))]
        first = None
        for c in comps:
            if c.shape.ndims == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1 (got a "
                                 "scalar %s in from_tensor_slices)" % c)
            d = c.shape[0] if c.shape.ndims is not None else None
            if d is not None:
                if first is not None and d != first:
                    raise ValueError("Dimensions %d and %d are not compatible: every component "
                                     "of from_tensor_slices needs the same first dimension"
                                     % (first, d))
                first = d
        self._tensors = comps
        self._set_element(nest.map_structure(lambda _: None, tensors), [c.dtype.base_dtype for c in comps],
                          [c.shape[1:] if c.shape.ndims is not None else unknown_shape()
                           for c in comps])

    def _captures(self) -> list:
        return _unique(self._tensors)

    def _iter(self, env):
        values = [np.asarray(env.values[t]) for t in self._tensors]
        n = {len(v) for v in values}
        if len(n) != 1:
            from ..framework import errors

            raise errors.InvalidArgumentError(None, None, "All components must have the same size "
                                              "in their first dimension, got %s" % sorted(n))
        for i in range(n.pop()):
            yield [np.array(v[i]) for v in values]


class _Tensors(Dataset):
    def __init__(self, tensors):
        with name_scope("TensorDataset"):
            comps = [_to_component(v, "component_%d" % i)
                     for i, v in enumerate(nest.flatten(tensors))]
        self._tensors = comps
        self._set_element(nest.map_structure(lambda _: None, tensors),
                          [c.dtype.base_dtype for c in comps], [c.shape for c in comps])

    def _captures(self) -> list:
        return _unique(self._tensors)

    def _iter(self, env):
        yield [np.asarray(env.values[t]) for t in self._tensors]


class _Range(Dataset):
    def __init__(self, args, dtype):
        if not 1 <= len(args) <= 3:
            raise ValueError("Dataset.range takes 1 to 3 arguments (start, stop, step), got %d"
                             % len(args))
        args = [_Arg(a, "range argument") for a in args]
        self._args = [_Arg(0, "start")] + args if len(args) == 1 else args
        if len(self._args) == 2:
            self._args.append(_Arg(1, "step"))
        if self._args[2].static == 0:
            raise ValueError("step must be a non-zero integer")
        self._dtype = dtype
        self._set_element(None, [dtype], [TensorShape([])])

    def _captures(self) -> list:
        return _unique(t for a in self._args for t in a.captures())

    def _iter(self, env):
        np_dtype = self._dtype.np_dtype
        start, stop, step = (a.get(env) for a in self._args)
        if step == 0:
            from ..framework import errors

            raise errors.InvalidArgumentError(None, None, "step must be a non-zero integer")
        for i in range(start, stop, step):
            yield [np.array(i, dtype=np_dtype)]


class _Generator(Dataset):
    def __init__(self, generator, output_types, output_shapes, args):
        output_types = nest.lists_to_tuples(output_types)
        types = [dtypes.as_dtype(t) for t in nest.flatten(output_types)]
        if output_shapes is None:
            shapes = [unknown_shape() for _ in types]
        else:
            shapes = [as_shape(s) for s in _flatten_shapes(output_shapes, output_types)]
        self._generator, self._args = generator, tuple(args or ())
        self._set_element(nest.map_structure(lambda _: None, output_types), types, shapes)

    def _iter(self, env):
        from ..framework import errors

        for value in self._generator(*self._args):
            try:
                leaves = nest.flatten_up_to(self._structure, value)
            except (TypeError, KeyError, ValueError):
                leaves = None
            if leaves is None or len(leaves) != len(self._types):
                raise errors.InvalidArgumentError(None, None, "`generator` yielded an element "
                                                  "that did not match the expected structure "
                                                  "%s: %r" % (self.output_types, value))
            out = []
            for v, t, s in zip(leaves, self._types, self._shapes):
                arr = np.asarray(v, dtype=object if t == dtypes.string else t.np_dtype)
                if not s.is_compatible_with(arr.shape):
                    raise errors.InvalidArgumentError(None, None, "`generator` yielded an element "
                                                      "of shape %s where an element of shape %s "
                                                      "was expected." % (list(arr.shape), s))
                out.append(arr)
            yield out


def _flatten_shapes(shapes, types_structure) -> list:
    """Shapes given as nested tuples/dicts matching `types_structure` (a shape itself is a list)."""
    if isinstance(types_structure, dict):
        return [s for k in sorted(types_structure)
                for s in _flatten_shapes(shapes[k], types_structure[k])]
    if isinstance(types_structure, tuple):
        return [s for sh, ty in zip(shapes, types_structure) for s in _flatten_shapes(sh, ty)]
    return [shapes]


class _Zip(Dataset):
    def __init__(self, datasets):
        datasets = nest.lists_to_tuples(datasets) if isinstance(datasets, tuple) else datasets
        self._datasets = nest.flatten(datasets)
        for d in self._datasets:
            if not isinstance(d, Dataset):
                raise TypeError("Dataset.zip takes a (nested) tuple or dict of datasets, got %r"
                                % (d,))
        self._set_element(nest.pack_as(datasets, [d._structure for d in self._datasets]),
                          [t for d in self._datasets for t in d._types],
                          [s for d in self._datasets for s in d._shapes])

    def _captures(self) -> list:
        return _unique(t for d in self._datasets for t in d._captures())

    def _iter(self, env):
        iters = [d._iter(env) for d in self._datasets]
        while True:
            element = []
            for it in iters:
                try:
                    element.extend(next(it))
                except StopIteration:
                    return
            yield element


# --- transformations --------------------------------------------------------------------------
class _Batch(_Unary):
    def __init__(self, input_dataset, batch_size, drop_remainder, padded=False,
                 padded_shapes=None, padding_values=None):
        super().__init__(input_dataset)
        self._size = _Arg(batch_size, "batch_size")
        if self._size.static is not None and self._size.static <= 0:
            raise ValueError("batch_size must be positive, got %d" % self._size.static)
        self._drop = bool(drop_remainder)
        self._padded = padded
        lead = TensorShape([self._size.static if self._drop else None])
        shapes = list(input_dataset._shapes)
        if padded:
            if padded_shapes is None:
                padded_shapes = nest.pack_as(input_dataset._structure,
                                             [s.as_list() if s.ndims is not None else None
                                              for s in shapes])
            shapes = [as_shape(p) for p in _flatten_shapes(padded_shapes,
                                                           input_dataset.output_types)]
            if padding_values is None:
                self._pad_values = [np.zeros((), dtype=object) + b"" if t == dtypes.string
                                    else np.zeros((), t.np_dtype) for t in self._types]
            else:
                self._pad_values = [np.asarray(v) for v in _flatten_shapes(
                    padding_values, input_dataset.output_types)]
        self._pad_shapes = shapes
        self._shapes = [lead.concatenate(s) for s in shapes]

    def _stack(self, batch):
        if not self._padded:
            return [np.stack(parts) for parts in zip(*batch)]
        out = []
        for i, parts in enumerate(zip(*batch)):
            target = self._pad_shapes[i]
            dims = [max(p.shape[k] for p in parts) if target.ndims is None or target[k] is None
                    else target[k] for k in range(parts[0].ndim)]
            arr = np.empty([len(parts)] + dims, dtype=parts[0].dtype)
            arr[...] = np.asarray(self._pad_values[i], dtype=parts[0].dtype)
            for j, p in enumerate(parts):
                if any(a > b for a, b in zip(p.shape, dims)):
                    from ..framework import errors

                    raise errors.InvalidArgumentError(None, None, "Attempted to pad to a smaller "
                                                      "size than the input element: %s > %s"
                                                      % (list(p.shape), dims))
                arr[(j,) + tuple(slice(0, d) for d in p.shape)] = p
            out.append(arr)
        return out

    def _captures(self) -> list:
        return _unique(self._input._captures() + self._size.captures())

    def _iter(self, env):
        size = self._size.get(env)
        if size <= 0:
            from ..framework import errors

            raise errors.InvalidArgumentError(None, None, "Batch size must be greater than zero.")
        batch = []
        for element in self._input._iter(env):
            batch.append(element)
            if len(batch) == size:
                yield self._stack(batch)
                batch = []
        if batch and not self._drop:
            yield self._stack(batch)


class _Unbatch(_Unary):
    def __init__(self, input_dataset):
        super().__init__(input_dataset)
        self._shapes = [s[1:] if s.ndims is not None else unknown_shape() for s in self._shapes]

    def _iter(self, env):
        for element in self._input._iter(env):
            for i in range(len(element[0]) if element else 0):
                yield [np.array(c[i]) for c in element]


class _Shuffle(_Unary):
    def __init__(self, input_dataset, buffer_size, seed, reshuffle):
        super().__init__(input_dataset)
        self._buffer = _Arg(buffer_size, "buffer_size")
        if self._buffer.static is not None and self._buffer.static <= 0:
            raise ValueError("buffer_size must be greater than zero, got %d" % self._buffer.static)
        self._seeds = get_seed(seed)
        self._reshuffle = True if reshuffle is None else bool(reshuffle)

    def _rng(self, env):
        rng = env.rngs.get(self)
        if rng is None or not self._reshuffle:
            s1, s2 = self._seeds
            rng = (np.random.default_rng() if s1 is None
                   else np.random.Generator(np.random.PCG64([s1, s2])))
            env.rngs[self] = rng
        return rng

    def _captures(self) -> list:
        return _unique(self._input._captures() + self._buffer.captures())

    def _iter(self, env):
        rng = self._rng(env)
        size = self._buffer.get(env)
        buffer = []
        for element in self._input._iter(env):
            if len(buffer) < size:
                buffer.append(element)
                continue
            k = int(rng.integers(len(buffer)))
            yield buffer[k]
            buffer[k] = element
        while buffer:
            k = int(rng.integers(len(buffer)))
            buffer[k], buffer[-1] = buffer[-1], buffer[k]
            yield buffer.pop()


class _Repeat(_Unary):
    def __init__(self, input_dataset, count):
        super().__init__(input_dataset)
        self._count = _Arg(_INFINITE if count is None else count, "count")

    def _captures(self) -> list:
        return _unique(self._input._captures() + self._count.captures())

    def _iter(self, env):
        epoch, count = 0, self._count.get(env)
        while count < 0 or epoch < count:
            produced = False
            for element in self._input._iter(env):
                produced = True
                yield element
            if not produced:
                return
            epoch += 1


class _Counted(_Unary):
    """A dataset op on its input with one `count` argument (a number or a tensor)."""

    def __init__(self, input_dataset, count):
        super().__init__(input_dataset)
        self._count = _Arg(count, "count")

    def _captures(self) -> list:
        return _unique(self._input._captures() + self._count.captures())


class _Take(_Counted):
    def _iter(self, env):
        count = self._count.get(env)
        if count == 0:
            return
        for i, element in enumerate(self._input._iter(env)):
            yield element
            if 0 < count <= i + 1:
                return


class _Skip(_Counted):
    def _iter(self, env):
        count = self._count.get(env)
        for i, element in enumerate(self._input._iter(env)):
            if 0 <= count <= i:
                yield element


class _Concatenate(_Unary):
    def __init__(self, input_dataset, other):
        super().__init__(input_dataset)
        if other._types != self._types:
            raise TypeError("Types of the datasets to concatenate differ: %s and %s"
                            % (input_dataset.output_types, other.output_types))
        self._other = other
        self._shapes = [a.most_specific_compatible_shape(b)
                        if hasattr(a, "most_specific_compatible_shape") else
                        (a if a == b else unknown_shape())
                        for a, b in zip(self._shapes, other._shapes)]

    def _captures(self) -> list:
        return _unique(self._input._captures() + self._other._captures())

    def _iter(self, env):
        yield from self._input._iter(env)
        yield from self._other._iter(env)


class _Map(_Unary):
    def __init__(self, input_dataset, fn):
        super().__init__(input_dataset)
        self._fn = _Function(fn, input_dataset, "MapDataset")
        outs = self._fn.outputs
        self._set_element(self._fn.structure, [t.dtype.base_dtype for t in outs],
                          [t.shape for t in outs])

    def _captures(self) -> list:
        return _unique(self._input._captures() + self._fn.captures)

    def _iter(self, env):
        for element in self._input._iter(env):
            yield self._fn.call(env, element)


class _Filter(_Unary):
    def __init__(self, input_dataset, predicate):
        super().__init__(input_dataset)
        self._fn = _Function(predicate, input_dataset, "FilterDataset")
        out = self._fn.outputs
        if len(out) != 1 or out[0].dtype.base_dtype != dtypes.bool or \
                not out[0].shape.is_compatible_with([]):
            raise ValueError("`predicate` return type must be convertible to a scalar boolean "
                             "tensor, got %s" % (out,))

    def _captures(self) -> list:
        return _unique(self._input._captures() + self._fn.captures)

    def _iter(self, env):
        for element in self._input._iter(env):
            if bool(self._fn.call(env, element)[0]):
                yield element


class _FlatMap(_Unary):
    def __init__(self, input_dataset, fn, cycle_length=None, block_length=1):
        super().__init__(input_dataset)
        self._fn = _Function(fn, input_dataset, "FlatMapDataset", returns_dataset=True)
        inner = self._fn.dataset
        self._cycle = max(1, _Arg(cycle_length, "cycle_length").static or 1
                          if cycle_length is not None else os.cpu_count() or 1)
        self._block = _Arg(block_length, "block_length").static or 1
        self._set_element(inner._structure, inner._types, inner._shapes)

    def _captures(self) -> list:
        return _unique(self._input._captures() + self._fn.captures)

    def _inner(self, env, element):
        values = dict(env.values)
        values.update(zip(self._fn.outputs, self._fn.call(env, element)))
        inner_env = _Env(env.runtime, values)
        inner_env.rngs = env.rngs
        return self._fn.dataset._iter(inner_env)

    def _iter(self, env):
        """TF's interleave order: visit the cycle's slots in turn, `block` elements from each; an
        empty slot takes the next input element, an exhausted one is emptied."""
        outer = self._input._iter(env)
        slots: list = [None] * self._cycle
        index, open_, end_of_input = 0, 0, False
        while not end_of_input or open_:
            it = slots[index]
            if it is not None:
                for _ in range(self._block):
                    element = next(it, None)
                    if element is None:
                        slots[index] = None
                        open_ -= 1
                        break
                    yield element
                index = (index + 1) % self._cycle
            elif not end_of_input:
                element = next(outer, None)
                if element is None:
                    end_of_input = True
                else:
                    slots[index] = self._inner(env, element)
                    open_ += 1
            else:
                index = (index + 1) % self._cycle
