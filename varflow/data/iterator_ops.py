"""Iterators over datasets: the ops whose kernels hold each session's iteration state.

`MakeIterator` (an initializable iterator's `.initializer`) evaluates the dataset's captured
tensors (placeholders fed in that run included) and starts a fresh iteration; `IteratorGetNext`
advances it and raises `OutOfRangeError` at the end. A one-shot iterator's `IteratorGetNext` takes
the captures as inputs and starts its iteration on first use. State lives per session runtime.
"""
from __future__ import annotations

import itertools
import threading
import weakref

from ..framework import dtypes, errors
from ..framework.registry import define
from ..framework.tensor_shape import as_shape, unknown_shape
from ..ops.op_util import make
from . import nest
from .dataset_ops import Dataset, _ElementDescription, _Env

_STATES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # runtime -> {key: _State}
_STATES_LOCK = threading.Lock()
_KEYS = itertools.count()


class _State:
    """One session's iteration of one iterator: a generator of flat element lists."""

    def __init__(self):
        self.lock = threading.Lock()
        self.elements = None


def _state(runtime, key) -> _State:
    with _STATES_LOCK:
        per_session = _STATES.setdefault(runtime, {})
        state = per_session.get(key)
        if state is None:
            state = per_session[key] = _State()
    return state


def _start(state: _State, dataset: Dataset, runtime, values) -> None:
    env = _Env(runtime, dict(zip(dataset._captures(), values)))
    state.elements = dataset._iter(env)


def _next(state: _State, op, one_shot_start=None) -> tuple:
    with state.lock:
        if state.elements is None:
            if one_shot_start is None:
                raise errors.FailedPreconditionError(
                    None, op, "GetNext() failed because the iterator has not been initialized. "
                    "Ensure that you have run the initializer operation for this iterator before "
                    "getting the next element (sess.run(iterator.initializer)).")
            one_shot_start()
        element = next(state.elements, None)
        if element is None:
            state.elements = iter(())
            raise errors.OutOfRangeError(None, op, "End of sequence")
    out = []
    for v, t in zip(element, op._attrs["output_types"]):
        if t != dtypes.string and v.dtype != t.np_dtype:
            v = v.astype(t.np_dtype)
        out.append(v)
    return tuple(out) if len(out) != 1 else out[0]


def _get_next_rule(inputs, attrs):
    return list(zip(attrs["output_types"], attrs["output_shapes"]))


def _compile_get_next(op, runtime):
    iterator = op._attrs["_iterator"]
    state = _state(runtime, iterator._key)
    if iterator._one_shot is None:
        return lambda: _next(state, op)

    def one_shot(*values):
        return _next(state, op, lambda: _start(state, iterator._one_shot, runtime, values))
    return one_shot


def _compile_make_iterator(op, runtime):
    dataset, key = op._attrs["_dataset"], op._attrs["_iterator"]._key
    state = _state(runtime, key)

    def initialize(*values):
        with state.lock:
            _start(state, dataset, runtime, values)
    return initialize


define("IteratorGetNext", _get_next_rule, compile=_compile_get_next, stateful=True,
       differentiable=False)
define("MakeIterator", lambda inputs, attrs: [], compile=_compile_make_iterator, stateful=True,
       differentiable=False)


class Iterator(_ElementDescription):
    """`tf.data.Iterator`: yields a dataset's elements through `get_next()` tensors."""

    def __init__(self, structure, types, shapes, one_shot: Dataset | None = None,
                 initializer=None, name: str = "Iterator"):
        self._structure = structure
        self._types = list(types)
        self._shapes = list(shapes)
        self._one_shot = one_shot
        self._initializer = initializer
        self._key = (name, next(_KEYS))
        self._name = name

    # --- construction -------------------------------------------------------------------------
    @staticmethod
    def from_structure(output_types, output_shapes=None, shared_name=None,
                       output_classes=None) -> "Iterator":
        """A reinitializable iterator: `make_initializer(dataset)` for each compatible dataset."""
        output_types = nest.lists_to_tuples(output_types)
        types = [dtypes.as_dtype(t).base_dtype for t in nest.flatten(output_types)]
        if output_shapes is None:
            shapes = [unknown_shape() for _ in types]
        else:
            from .dataset_ops import _flatten_shapes

            shapes = [as_shape(s) for s in _flatten_shapes(output_shapes, output_types)]
        return Iterator(nest.map_structure(lambda _: None, output_types), types, shapes)

    def make_initializer(self, dataset: Dataset, name=None):
        """The op that (re)starts this iterator on `dataset` in the session that runs it."""
        if dataset._types != self._types:
            raise TypeError("Expected output types %s but got dataset with output types %s."
                            % (self.output_types, dataset.output_types))
        if not all(a.is_compatible_with(b) for a, b in zip(self._shapes, dataset._shapes)):
            raise TypeError("Expected output shapes compatible with %s but got dataset with "
                            "output shapes %s." % (self.output_shapes, dataset.output_shapes))
        return make("MakeIterator", dataset._captures(), {"_dataset": dataset, "_iterator": self},
                    name=name or "MakeIterator")

    # --- use ---------------------------------------------------------------------------------------
    @property
    def initializer(self):
        if self._initializer is None:
            raise ValueError("Iterator does not have an initializer: a one-shot iterator starts "
                             "by itself; use dataset.make_initializable_iterator() to get one.")
        return self._initializer

    def get_next(self, name=None):
        """Tensors (in the dataset's structure) holding the next element at each run."""
        inputs = self._one_shot._captures() if self._one_shot is not None else []
        op = make("IteratorGetNext", inputs, {"output_types": list(self._types),
                                              "output_shapes": list(self._shapes),
                                              "_iterator": self}, name=name or "IteratorGetNext")
        return nest.pack_as(self._structure, list(op._outputs))

    @property
    def element_spec(self):
        return self.output_shapes


def make_one_shot_iterator(dataset: Dataset) -> Iterator:
    """`tf.data.make_one_shot_iterator`: iterates `dataset` once per session, no initializer."""
    return Iterator(dataset._structure, dataset._types, dataset._shapes, one_shot=dataset,
                    name="OneShotIterator")


def make_initializable_iterator(dataset: Dataset, shared_name=None) -> Iterator:
    """`tf.data.make_initializable_iterator`: run `.initializer` (feeding any placeholders the
    dataset captured) to start or restart the iteration."""
    iterator = Iterator(dataset._structure, dataset._types, dataset._shapes)
    iterator._initializer = iterator.make_initializer(dataset)
    return iterator


def get_output_types(dataset_or_iterator):
    return dataset_or_iterator.output_types


def get_output_shapes(dataset_or_iterator):
    return dataset_or_iterator.output_shapes


def get_output_classes(dataset_or_iterator):
    return dataset_or_iterator.output_classes
