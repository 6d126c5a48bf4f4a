"""BatchNormalization: `gamma`, `beta` (trainable) and `moving_mean`, `moving_variance`
(non-trainable). In training the batch moments normalize and the moving statistics get
`AssignMovingAvg` update ops, collected in UPDATE_OPS (run them with the train op)."""
from __future__ import annotations

from ..framework import dtypes
from ..framework.graph import Tensor, colocate_with, convert_to_tensor, name_scope
from ..framework.tensor_shape import as_shape
from ..keras import initializers, regularizers
from ..ops import array_ops, math_ops, nn_ops, state_ops
from ..variables import init_ops
from .base import InputSpec, Layer
from .utils import constant_value, smart_cond

__all__ = ["BatchNormalization", "batch_normalization", "BatchNorm", "batch_norm"]


class BatchNormalization(Layer):
    """Normalize over all axes but `axis`: `gamma * (x - mean) / sqrt(var + epsilon) + beta`.

    `training` is a Python bool or a bool tensor. With `fused` (the default for 4-D inputs), the
    moving variance is updated with the unbiased (n / (n - 1)) batch variance, as TF's fused kernel.
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=init_ops.zeros_initializer(),
                 gamma_initializer=init_ops.ones_initializer(),
                 moving_mean_initializer=init_ops.zeros_initializer(),
                 moving_variance_initializer=init_ops.ones_initializer(),
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
                 fused=None, trainable=True, virtual_batch_size=None, adjustment=None, name=None,
                 **kwargs):
        super().__init__(trainable=trainable, name=name, **kwargs)
        if renorm or virtual_batch_size is not None or adjustment is not None:
            raise ValueError("varflow's BatchNormalization does not support renorm, "
                             "virtual_batch_size or adjustment; normalize with tf.nn.moments and "
                             "tf.nn.batch_normalization instead.")
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.fused = fused
        self.gamma = None
        self.beta = None

    def build(self, input_shape) -> None:
        input_shape = as_shape(input_shape)
        ndims = input_shape.ndims
        if ndims is None:
            raise ValueError("Input has undefined rank: %s" % input_shape)
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        axes = sorted({a + ndims if a < 0 else a for a in axes})
        for a in axes:
            if a < 0 or a >= ndims:
                raise ValueError("Invalid axis: %d" % a)
        self._axes = axes
        if self.fused is None:
            self.fused = ndims == 4 and axes in ([1], [3])
        elif self.fused and not (ndims == 4 and axes in ([1], [3])):
            raise ValueError("Unsupported axis/rank for fused batch norm: axis=%s, rank %d"
                             % (self.axis, ndims))
        shape = []
        for a in axes:
            dim = input_shape[a]
            dim = getattr(dim, "value", dim)
            if dim is None:
                raise ValueError("Input has undefined `axis` dimension. Input shape: %s"
                                 % input_shape)
            shape.append(int(dim))
        param_shape = shape if len(shape) > 1 else shape[:1]
        self.input_spec = InputSpec(ndim=ndims, axes={a: d for a, d in zip(axes, shape)})
        dtype = self._dtype
        if dtype in (dtypes.float16, dtypes.bfloat16):
            dtype = dtypes.float32
        if self.scale:
            self.gamma = self.add_weight("gamma", param_shape, dtype=dtype,
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight("beta", param_shape, dtype=dtype,
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint)
        self.moving_mean = self.add_weight("moving_mean", param_shape, dtype=dtype,
                                           initializer=self.moving_mean_initializer,
                                           trainable=False)
        self.moving_variance = self.add_weight("moving_variance", param_shape, dtype=dtype,
                                               initializer=self.moving_variance_initializer,
                                               trainable=False)
        self.built = True

    def _moving_update(self, variable, value, decay_scale):
        with name_scope("AssignMovingAvg") as scope:
            with colocate_with(variable.op):
                decay = convert_to_tensor(1.0 - self.momentum, name="decay")
                if decay.dtype != variable.dtype.base_dtype:
                    decay = math_ops.cast(decay, variable.dtype.base_dtype)
                if decay_scale is not None:
                    decay = decay * decay_scale
                delta = (variable - math_ops.cast(value, variable.dtype.base_dtype)) * decay
                return state_ops.assign_sub(variable, delta, name=scope)

    def call(self, inputs, training=False):
        ndims = inputs.shape.ndims
        reduction_axes = [i for i in range(ndims) if i not in self._axes]
        broadcast = [1] * ndims
        for a in self._axes:
            broadcast[a] = inputs.shape.as_list()[a]
        needs_broadcast = sorted(reduction_axes) != list(range(ndims - 1))

        def bc(v):
            if v is None or not needs_broadcast:
                return v
            return array_ops.reshape(v, broadcast)

        x = inputs
        if x.dtype.base_dtype != self.moving_mean.dtype.base_dtype:
            x = math_ops.cast(x, self.moving_mean.dtype.base_dtype)
        known = constant_value(training)
        if known is False:
            mean, variance = self.moving_mean, self.moving_variance
        else:
            batch_mean, batch_var = nn_ops.moments(x, reduction_axes)
            target_var = batch_var
            if self.fused:
                n = math_ops.cast(array_ops.size(x) // array_ops.size(batch_var), batch_var.dtype)
                target_var = batch_var * n / math_ops.maximum(n - 1.0, 1.0)
            if known is True:
                mean, variance, scale = batch_mean, batch_var, None
            else:
                mean = smart_cond(training, lambda: batch_mean,
                                  lambda: array_ops.identity(self.moving_mean))
                variance = smart_cond(training, lambda: batch_var,
                                      lambda: array_ops.identity(self.moving_variance))
                scale = math_ops.cast(training, mean.dtype)
            self.add_update(self._moving_update(self.moving_mean, batch_mean, scale))
            self.add_update(self._moving_update(self.moving_variance, target_var, scale))
        outputs = nn_ops.batch_normalization(x, bc(mean), bc(variance), bc(self.beta),
                                             bc(self.gamma), self.epsilon)
        if outputs.dtype.base_dtype != inputs.dtype.base_dtype:
            outputs = math_ops.cast(outputs, inputs.dtype.base_dtype)
        outputs.set_shape(inputs.shape)
        return outputs


BatchNorm = BatchNormalization


def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=init_ops.zeros_initializer(),
                        gamma_initializer=init_ops.ones_initializer(),
                        moving_mean_initializer=init_ops.zeros_initializer(),
                        moving_variance_initializer=init_ops.ones_initializer(),
                        beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                        gamma_constraint=None, training=False, trainable=True, name=None,
                        reuse=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
                        fused=None, virtual_batch_size=None, adjustment=None) -> Tensor:
    """`tf.layers.batch_normalization`; remember to run the UPDATE_OPS when training."""
    layer = BatchNormalization(
        axis=axis, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
        beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
        moving_mean_initializer=moving_mean_initializer,
        moving_variance_initializer=moving_variance_initializer,
        beta_regularizer=beta_regularizer, gamma_regularizer=gamma_regularizer,
        beta_constraint=beta_constraint, gamma_constraint=gamma_constraint, renorm=renorm,
        renorm_clipping=renorm_clipping, renorm_momentum=renorm_momentum, fused=fused,
        trainable=trainable, virtual_batch_size=virtual_batch_size, adjustment=adjustment,
        name=name, _reuse=reuse, _scope=name)
    return layer.apply(inputs, training=training)


batch_norm = batch_normalization
