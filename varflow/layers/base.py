"""`tf.layers.Layer`: the TF1 layer base. A layer owns a variable scope (captured on first call,
named like TF: `dense`, `dense_1`, `s/d`), creates its weights there with `tf.get_variable`, and
puts its ops under that scope's original name scope (`dense/MatMul`, then `dense/MatMul_1`)."""
from __future__ import annotations

import operator
import re

import numpy as np

from ..framework import dtypes
from ..framework.graph import (convert_to_tensor, get_default_graph, name_scope)
from ..framework.graph_keys import GraphKeys
from ..framework.tensor_shape import TensorShape
from ..variables import variable_scope as vs

__all__ = ["Layer", "InputSpec"]


class InputSpec:
    """The rank and axis sizes a layer accepts (kept for code that inspects `layer.input_spec`)."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None):
        self.dtype, self.shape, self.ndim = dtype, shape, ndim
        self.max_ndim, self.min_ndim, self.axes = max_ndim, min_ndim, axes or {}

    def __repr__(self):
        parts = ["%s=%s" % (k, v) for k, v in (("ndim", self.ndim), ("min_ndim", self.min_ndim),
                                                ("axes", self.axes)) if v]
        return "InputSpec(%s)" % ", ".join(parts)


def _assert_input_compatibility(spec, inputs, layer_name: str) -> None:
    """Raise ValueError where an input's rank or a fixed axis size contradicts the layer's
    `input_spec` (inputs of unknown rank pass), as TF checks on every call."""
    if spec is None:
        return
    flat = inputs if isinstance(inputs, (list, tuple)) else [inputs]
    for i, x in enumerate(flat):
        shape = x.shape
        if shape.ndims is None:
            continue
        where = "Input %d of layer %s is incompatible with the layer" % (i, layer_name)
        rank = shape.ndims
        for bound, ok, what in ((spec.ndim, operator.eq, "ndim=%s"),
                                (spec.min_ndim, operator.ge, "min_ndim=%s"),
                                (spec.max_ndim, operator.le, "max_ndim=%s")):
            if bound is not None and not ok(rank, bound):
                raise ValueError("%s: expected %s, found ndim=%d. Full shape received: %s"
                                 % (where, what % bound, rank, shape))
        dims = shape.as_list()
        for axis, value in (spec.axes or {}).items():
            if value is None or not -rank <= axis < rank:
                continue
            if dims[axis] is not None and dims[axis] != value:
                raise ValueError("%s: expected axis %d of input shape to have value %d but "
                                 "received input with shape %s (the layer was built for that "
                                 "size; make a new layer for other inputs)"
                                 % (where, axis, value, shape))


def _snake_case(name: str) -> str:
    s = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()


def _unique_layer_name(base: str) -> str:
    """Per-graph counter for unnamed layer objects, counting from 1 as TF does: `dense_1`,
    `dense_2`, ... (only the object's `name`; its variable scope is still `dense`, `dense_1`)."""
    graph = get_default_graph()
    counts = getattr(graph, "_varflow_layer_names", None)
    if counts is None:
        counts = graph._varflow_layer_names = {}
    n = counts.get(base, 0) + 1
    counts[base] = n
    return "%s_%d" % (base, n)


class Layer:
    """Base class of tf.layers: `build(input_shape)` makes weights, `call(inputs)` makes outputs."""

    def __init__(self, trainable: bool = True, name: str | None = None, dtype=None,
                 activity_regularizer=None, _scope=None, _reuse=None, **kwargs):
        kwargs.pop("input_shape", None)
        kwargs.pop("batch_input_shape", None)
        if kwargs:
            raise TypeError("Keyword argument not understood: %s" % ", ".join(sorted(kwargs)))
        self.trainable = trainable
        self.built = False
        self.activity_regularizer = activity_regularizer
        self.input_spec = None
        self._dtype = None if dtype is None else dtypes.as_dtype(dtype)
        self._reuse = _reuse
        self._trainable_weights: list = []
        self._non_trainable_weights: list = []
        self._losses: list = []
        self._updates: list = []
        self._base_name = _snake_case(type(self).__name__)
        if isinstance(name, vs.VariableScope):
            name = name.name
        self._name = name if name else _unique_layer_name(self._base_name)
        if name:
            self._base_name = name
        self._scope = None
        if isinstance(_scope, vs.VariableScope):
            self._scope = _scope
        elif _scope:
            with vs.variable_scope(_scope) as captured:
                self._scope = captured

    # --- properties ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def dtype(self):
        return None if self._dtype is None else self._dtype.name

    @property
    def scope_name(self) -> str:
        if self._scope is None:
            raise ValueError("No name available for layer scope because the layer \"%s\" has not "
                             "been used yet. The scope name is determined the first time the "
                             "layer instance is called." % self._name)
        return self._scope.name

    @property
    def trainable_weights(self) -> list:
        return list(self._trainable_weights) if self.trainable else []

    @property
    def non_trainable_weights(self) -> list:
        if self.trainable:
            return list(self._non_trainable_weights)
        return self._trainable_weights + self._non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def weights(self) -> list:
        return self.trainable_weights + self.non_trainable_weights

    variables = weights

    @property
    def losses(self) -> list:
        return list(self._losses)

    @property
    def updates(self) -> list:
        return list(self._updates)

    def add_loss(self, losses, inputs=None) -> None:
        """Record losses; as in TF, each also goes to its graph's REGULARIZATION_LOSSES at once
        (whether added inside `call` or not)."""
        for loss in losses if isinstance(losses, (list, tuple)) else [losses]:
            self._losses.append(loss)
            graph = getattr(loss, "graph", None) or get_default_graph()
            if loss not in graph.get_collection(GraphKeys.REGULARIZATION_LOSSES):
                graph.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss)

    def add_update(self, updates, inputs=None) -> None:
        """Record update ops; a tensor is kept as its op, as TF's `layer.updates` and UPDATE_OPS
        hold operations."""
        updates = updates if isinstance(updates, (list, tuple)) else [updates]
        self._updates.extend(getattr(u, "op", u) for u in updates)

    def get_weights(self) -> list:
        from ..framework.graph import get_default_session

        return get_default_session().run(self.weights)

    def set_weights(self, weights) -> None:
        """Assign `weights` (arrays in the order of `layer.weights`) in the default session."""
        from ..framework.graph import get_default_session

        params = self.weights
        if len(weights) != len(params):
            raise ValueError("You called `set_weights(weights)` on layer \"%s\" with a weight list "
                             "of length %d, but the layer was expecting %d weights (%s)."
                             % (self._name, len(weights), len(params),
                                ", ".join(v.name for v in params)))
        session = get_default_session()
        for var, value in zip(params, weights):
            value = np.asarray(value)
            if not var.shape.is_compatible_with(value.shape):
                raise ValueError("Layer weight shape %s not compatible with provided weight shape "
                                 "%s (for %s)." % (tuple(var.shape.as_list()), value.shape,
                                                   var.name))
            var.load(value, session)

    def count_params(self) -> int:
        """The number of scalars in the layer's weights (the layer must be built)."""
        if not self.built:
            raise ValueError("You tried to call `count_params` on %s, but the layer isn't built. "
                             "Call the layer on an input first." % self._name)
        return int(sum(v.shape.num_elements() for v in self.weights))

    # --- weights ------------------------------------------------------------------------------
    def add_weight(self, name: str, shape, dtype=None, initializer=None, regularizer=None,
                   trainable: bool = True, constraint=None, partitioner=None, use_resource=None,
                   **kwargs):
        """`tf.get_variable(name, ...)` in the layer's scope; a new variable's regularizer loss is
        built under `<name>/Regularizer` and added to the layer's losses."""
        dtype = dtypes.as_dtype(dtype or self._dtype or dtypes.float32)
        graph = get_default_graph()
        existing = set(graph.get_collection(GraphKeys.GLOBAL_VARIABLES))
        trainable = bool(trainable and self.trainable)
        var = vs.get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                              trainable=trainable, constraint=constraint, partitioner=partitioner,
                              use_resource=use_resource)
        if var in existing and var not in graph.get_collection(GraphKeys.TRAINABLE_VARIABLES):
            trainable = False
        if regularizer is not None and var not in existing:
            parts = list(var) if hasattr(var, "_get_variable_list") else [var]
            with name_scope(name + "/Regularizer"):
                for part in parts:
                    loss = regularizer(part)
                    if loss is not None:
                        self.add_loss(loss)
        (self._trainable_weights if trainable else self._non_trainable_weights).append(var)
        return var

    add_variable = add_weight

    # --- the call protocol ----------------------------------------------------------------------
    def build(self, input_shape) -> None:
        self.built = True

    def call(self, inputs, **kwargs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def _set_scope(self, scope=None) -> None:
        if self._scope is not None:
            return
        if self._reuse:
            ctx = vs.variable_scope(scope if scope is not None else self._base_name)
        else:
            ctx = vs.variable_scope(scope, default_name=self._base_name)
        with ctx as captured:
            self._scope = captured

    def __call__(self, inputs, *args, **kwargs):
        """Build on first use (in the captured variable scope), then apply `call` under the scope's
        name scope; new regularization losses and update ops go to their graph collections."""
        self._set_scope(kwargs.pop("scope", None))
        flat = inputs if isinstance(inputs, (list, tuple)) else [inputs]
        graph = flat[0].graph if hasattr(flat[0], "graph") else get_default_graph()
        n_updates = len(self._updates)
        # once built, the layer's scope reuses: a `call` that uses tf.get_variable gets the same
        # variables on every call (TF's rule)
        with graph.as_default(), vs.variable_scope(self._scope, reuse=True if self.built else self._reuse,
                                                   auxiliary_name_scope=False):
            with name_scope(self._scope.original_name_scope):
                if isinstance(inputs, (list, tuple)):
                    inputs = type(inputs)(convert_to_tensor(x) for x in inputs)
                else:
                    inputs = convert_to_tensor(inputs)
                first = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
                if self._dtype is None:
                    self._dtype = first.dtype.base_dtype
                _assert_input_compatibility(self.input_spec, inputs, self._name)
                if not self.built:
                    shapes = ([x.shape for x in inputs] if isinstance(inputs, (list, tuple))
                              else inputs.shape)
                    self.build(shapes)
                    self.built = True
                outputs = self.call(inputs, *args, **kwargs)
                if self.activity_regularizer is not None:
                    self._add_activity_loss(outputs)
        for update in self._updates[n_updates:]:
            graph.add_to_collection(GraphKeys.UPDATE_OPS, update)
        return outputs

    def apply(self, inputs, *args, **kwargs):
        return self.__call__(inputs, *args, **kwargs)

    def _add_activity_loss(self, outputs) -> None:
        from ..ops import array_ops, math_ops

        outs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        with name_scope("ActivityRegularizer"):
            for out in outs:
                loss = self.activity_regularizer(out)
                if loss is None:
                    continue
                batch = math_ops.cast(array_ops.shape(out)[0], loss.dtype.base_dtype)
                self.add_loss(loss / batch)

    def __repr__(self):
        return "<%s name=%s>" % (type(self).__name__, self._name)


def as_shape(shape) -> TensorShape:
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)
