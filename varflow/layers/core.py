"""Core TF1 layers: Dense (`kernel` [in, units], `bias` [units]), Dropout and Flatten, each with
its functional form (`tf.layers.dense`, ...)."""
from __future__ import annotations

import numpy as np

from ..framework.graph import Tensor, convert_to_tensor
from ..framework.tensor_shape import as_shape
from ..keras import activations, initializers, regularizers
from ..ops import array_ops, math_ops, nn_ops
from ..variables import init_ops
from .base import InputSpec, Layer
from .utils import smart_cond

__all__ = ["Dense", "dense", "Dropout", "dropout", "Flatten", "flatten"]


class Dense(Layer):
    """`outputs = activation(inputs @ kernel + bias)`; inputs of rank > 2 contract their last axis."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.units = int(units)
        if self.units < 0:
            raise ValueError("Received an invalid value for `units`, expected a non-negative "
                             "integer, got %r." % (units,))
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.input_spec = InputSpec(min_ndim=2)
        self.kernel = None
        self.bias = None

    def build(self, input_shape) -> None:
        if self._dtype is not None and not (self._dtype.is_floating or self._dtype.is_complex):
            raise TypeError("Unable to build `Dense` layer with non-floating point dtype %s; cast "
                            "the inputs first, e.g. tf.cast(x, tf.float32)." % self._dtype.name)
        input_shape = as_shape(input_shape)
        last = input_shape[-1] if input_shape.ndims else None
        last = getattr(last, "value", last)
        if last is None:
            raise ValueError("The last dimension of the inputs to `Dense` should be defined. "
                             "Found `None`.")
        self.input_spec = InputSpec(min_ndim=2, axes={-1: last})
        self.kernel = self.add_weight("kernel", shape=[last, self.units],
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, dtype=self._dtype,
                                      trainable=True)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.units],
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, dtype=self._dtype,
                                        trainable=True)
        self.built = True

    def call(self, inputs):
        if inputs.dtype.base_dtype != self.kernel.dtype.base_dtype:
            inputs = math_ops.cast(inputs, self.kernel.dtype.base_dtype)
        rank = inputs.shape.ndims
        if rank is not None and rank > 2:
            outputs = math_ops.tensordot(inputs, self.kernel, [[rank - 1], [0]])
            outputs.set_shape(inputs.shape[:-1].concatenate([self.units]))
        else:
            outputs = math_ops.matmul(inputs, self.kernel)
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        return as_shape(input_shape)[:-1].concatenate([self.units])


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=init_ops.zeros_initializer(), kernel_regularizer=None,
          bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
          bias_constraint=None, trainable=True, name=None, reuse=None) -> Tensor:
    """`tf.layers.dense`: a Dense layer in variable scope `name` (default `dense`, `dense_1`, ...)."""
    layer = Dense(units, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                  bias_constraint=bias_constraint, trainable=trainable, name=name,
                  dtype=convert_to_tensor(inputs).dtype.base_dtype, _scope=name, _reuse=reuse)
    return layer.apply(inputs)


class Dropout(Layer):
    """Drops inputs with probability `rate` when `training` (a Python bool or a bool tensor)."""

    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed

    def call(self, inputs, training=False):
        def dropped():
            return nn_ops.dropout(inputs, noise_shape=self.noise_shape, seed=self.seed,
                                  rate=self.rate)

        return smart_cond(training, dropped, lambda: array_ops.identity(inputs))


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None) -> Tensor:
    """`tf.layers.dropout`: identity unless `training`."""
    return Dropout(rate, noise_shape=noise_shape, seed=seed, name=name).apply(inputs,
                                                                              training=training)


class Flatten(Layer):
    """Reshape to [batch, -1] (channels-last order; channels_first is transposed first)."""

    def __init__(self, data_format="channels_last", name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.data_format = data_format
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        if self.data_format == "channels_first" and (inputs.shape.ndims or 0) > 2:
            perm = [0] + list(range(2, inputs.shape.ndims)) + [1]
            inputs = array_ops.transpose(inputs, perm)
        shape = inputs.shape
        if shape.ndims == 1:
            return array_ops.expand_dims(inputs, 1)
        if shape.ndims is None:
            return array_ops.reshape(inputs, array_ops.stack([array_ops.shape(inputs)[0], -1]))
        rest, batch = shape[1:], shape.as_list()[0]
        if rest.is_fully_defined():
            return array_ops.reshape(inputs, (-1, int(np.prod(rest.as_list(), dtype=np.int64))))
        if batch is not None:
            return array_ops.reshape(inputs, (batch, -1))
        return array_ops.reshape(inputs, array_ops.stack([array_ops.shape(inputs)[0], -1]))


    def compute_output_shape(self, input_shape):
        dims = as_shape(input_shape).as_list()
        if not dims:
            return as_shape([1])
        rest = dims[1:]
        flat = int(np.prod(rest, dtype=np.int64)) if all(d is not None for d in rest) else None
        return as_shape([dims[0], flat])


def flatten(inputs, name=None, data_format="channels_last") -> Tensor:
    """`tf.layers.flatten`: [batch, d1, d2, ...] -> [batch, d1 * d2 * ...]."""
    return Flatten(data_format=data_format, name=name).apply(inputs)
