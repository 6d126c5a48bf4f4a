"""`tf.layers.Layer`: the TF1 layer base. A layer owns a variable scope (captured on first call,
named like TF: `dense`, `dense_1`, `s/d`), creates its weights there with `tf.get_variable`, and
puts its ops under that scope's original name scope (`dense/MatMul`, then `dense/MatMul_1`)."""
from __future__ import annotations

import re

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


def _snake_case(name: str) -> str:
    s = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()


def _unique_layer_name(base: str) -> str:
    """Per-graph counter for unnamed layer objects: `dense`, `dense_1`, ..."""
    graph = get_default_graph()
    counts = getattr(graph, "_varflow_layer_names", None)
    if counts is None:
        counts = graph._varflow_layer_names = {}
    n = counts.get(base, 0)
    counts[base] = n + 1
    return base if n == 0 else "%s_%d" % (base, n)


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
        self._losses.extend(losses if isinstance(losses, (list, tuple)) else [losses])

    def add_update(self, updates, inputs=None) -> None:
        self._updates.extend(updates if isinstance(updates, (list, tuple)) else [updates])

    def get_weights(self) -> list:
        from ..framework.graph import get_default_session

        return get_default_session().run(self.weights)

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
                        self._losses.append(loss)
        (self._trainable_weights if trainable else self._non_trainable_weights).append(var)
        return var

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
        n_losses, n_updates = len(self._losses), len(self._updates)
        with graph.as_default(), vs.variable_scope(self._scope, reuse=self._reuse,
                                                   auxiliary_name_scope=False):
            with name_scope(self._scope.original_name_scope):
                if isinstance(inputs, (list, tuple)):
                    inputs = type(inputs)(convert_to_tensor(x) for x in inputs)
                else:
                    inputs = convert_to_tensor(inputs)
                first = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
                if self._dtype is None:
                    self._dtype = first.dtype.base_dtype
                if not self.built:
                    shapes = ([x.shape for x in inputs] if isinstance(inputs, (list, tuple))
                              else inputs.shape)
                    self.build(shapes)
                    self.built = True
                outputs = self.call(inputs, *args, **kwargs)
                if self.activity_regularizer is not None:
                    self._add_activity_loss(outputs)
        new_losses = self._losses[n_losses:]
        for loss in new_losses:
            if loss not in graph.get_collection(GraphKeys.REGULARIZATION_LOSSES):
                graph.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss)
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
                self._losses.append(loss / batch)

    def __repr__(self):
        return "<%s name=%s>" % (type(self).__name__, self._name)


def as_shape(shape) -> TensorShape:
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)
