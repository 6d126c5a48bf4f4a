"""`tf.contrib.layers`: initializers, regularizers and the slim-style layer functions
(`fully_connected`, `conv2d`, `flatten`, pooling, `batch_norm`, `dropout`) whose variables are
`<scope>/weights` and `<scope>/biases` in MODEL_VARIABLES."""
from __future__ import annotations

import math

from ..framework import dtypes
from ..framework.graph import add_to_collections, convert_to_tensor, name_scope
from ..framework.graph_keys import GraphKeys
from ..layers import convolutional, core, normalization
from ..ops import nn_ops, random_ops
from ..variables import init_ops
from ..variables import variable_scope as vs
from ..variables.regularizers import (apply_regularization, l1_l2_regularizer, l1_regularizer,
                                      l2_regularizer, sum_regularizer)
from . import framework
from .framework import add_arg_scope

__all__ = ["xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer",
           "l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer",
           "apply_regularization", "fully_connected", "conv2d", "convolution2d", "flatten",
           "max_pool2d", "avg_pool2d", "batch_norm", "dropout", "linear"]


# --- initializers -----------------------------------------------------------------------------
def variance_scaling_initializer(factor: float = 2.0, mode: str = "FAN_IN", uniform: bool = False,
                                 seed=None, dtype=dtypes.float32):
    """contrib's He/Xavier family: variance `factor / n` (n from FAN_IN, FAN_OUT or FAN_AVG);
    uniform within ±sqrt(3 * factor / n) or a truncated normal of stddev sqrt(1.3 * factor / n)."""
    if not dtypes.as_dtype(dtype).is_floating:
        raise TypeError("Cannot create initializer for non-floating point type.")
    if mode not in ("FAN_IN", "FAN_OUT", "FAN_AVG"):
        raise TypeError("Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]" % mode)

    def _initializer(shape, dtype=dtype, partition_info=None):
        dtype = dtypes.as_dtype(dtype)
        if not dtype.is_floating:
            raise TypeError("Cannot create initializer for non-floating point type.")
        shape = list(shape)
        full = list(partition_info.full_shape) if partition_info is not None else shape
        if full:
            fan_in = float(full[-2]) if len(full) > 1 else float(full[-1])
            fan_out = float(full[-1])
        else:
            fan_in = fan_out = 1.0
        for dim in full[:-2]:
            fan_in *= float(dim)
            fan_out *= float(dim)
        n = {"FAN_IN": fan_in, "FAN_OUT": fan_out, "FAN_AVG": (fan_in + fan_out) / 2.0}[mode]
        if uniform:
            limit = math.sqrt(3.0 * factor / n)
            return random_ops.random_uniform(shape, -limit, limit, dtype, seed=seed)
        stddev = math.sqrt(1.3 * factor / n)
        return random_ops.truncated_normal(shape, 0.0, stddev, dtype, seed=seed)
    return _initializer


def xavier_initializer(uniform: bool = True, seed=None, dtype=dtypes.float32):
    """Glorot: `variance_scaling_initializer(1.0, 'FAN_AVG', uniform)`."""
    return variance_scaling_initializer(1.0, "FAN_AVG", uniform, seed, dtype)


xavier_initializer_conv2d = xavier_initializer


# --- layers ---------------------------------------------------------------------------------
_RENAME = {"kernel": "weights", "bias": "biases"}


def _model_variable_getter(getter, name, shape=None, dtype=None, initializer=None,
                           regularizer=None, trainable=True, collections=None,
                           caching_device=None, partitioner=None, use_resource=None, **kwargs):
    """Rename a layer's kernel/bias to weights/biases and make them model variables."""
    parts = name.split("/")
    if parts[-1] in _RENAME:
        parts[-1] = _RENAME[parts[-1]]
        name = "/".join(parts)
    return framework.model_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                                    regularizer=regularizer, collections=collections,
                                    trainable=trainable, caching_device=caching_device,
                                    partitioner=partitioner, custom_getter=getter,
                                    use_resource=use_resource)


def _add_to_collections(var, collections, key) -> None:
    if collections is None:
        return
    if isinstance(collections, dict):
        collections = collections.get(key)
        if collections is None:
            return
    if isinstance(collections, str):
        collections = [collections]
    for name in collections:
        add_to_collections([name], var)


def _collect_outputs(collections, alias: str, outputs):
    if collections:
        outputs.aliases = [alias] if not hasattr(outputs, "aliases") else outputs.aliases
        add_to_collections(collections, outputs)
    return outputs


def _finish(layer, outputs, sc, normalizer_fn, normalizer_params, activation_fn,
            variables_collections, outputs_collections):
    _add_to_collections(layer.kernel, variables_collections, "weights")
    if layer.bias is not None:
        _add_to_collections(layer.bias, variables_collections, "biases")
    if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return _collect_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def fully_connected(inputs, num_outputs, activation_fn=nn_ops.relu, normalizer_fn=None,
                    normalizer_params=None, weights_initializer=None,
                    weights_regularizer=None, biases_initializer=init_ops.zeros_initializer(),
                    biases_regularizer=None, reuse=None, variables_collections=None,
                    outputs_collections=None, trainable=True, scope=None):
    """A dense layer in scope `fully_connected` with `weights` [in, num_outputs] and `biases`."""
    if weights_initializer is None:
        weights_initializer = xavier_initializer()
    with vs.variable_scope(scope, "fully_connected", [inputs], reuse=reuse,
                           custom_getter=_model_variable_getter) as sc:
        inputs = convert_to_tensor(inputs)
        use_bias = normalizer_fn is None and biases_initializer is not None
        layer = core.Dense(num_outputs, activation=None, use_bias=use_bias,
                           kernel_initializer=weights_initializer,
                           bias_initializer=biases_initializer,
                           kernel_regularizer=weights_regularizer,
                           bias_regularizer=biases_regularizer, trainable=trainable,
                           name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(layer, outputs, sc, normalizer_fn, normalizer_params, activation_fn,
                       variables_collections, outputs_collections)


def linear(inputs, num_outputs, **kwargs):
    """`fully_connected` with no activation."""
    return fully_connected(inputs, num_outputs, activation_fn=None, **kwargs)


@add_arg_scope
def conv2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
           activation_fn=nn_ops.relu, normalizer_fn=None, normalizer_params=None,
           weights_initializer=None, weights_regularizer=None,
           biases_initializer=init_ops.zeros_initializer(), biases_regularizer=None, reuse=None,
           variables_collections=None, outputs_collections=None, trainable=True, scope=None):
    """A 2-D convolution in scope `Conv` with `weights` [kh, kw, in, num_outputs] and `biases`."""
    if weights_initializer is None:
        weights_initializer = xavier_initializer()
    if data_format not in (None, "NHWC", "NCHW"):
        raise ValueError("Invalid data_format: %r" % (data_format,))
    with vs.variable_scope(scope, "Conv", [inputs], reuse=reuse,
                           custom_getter=_model_variable_getter) as sc:
        inputs = convert_to_tensor(inputs)
        use_bias = normalizer_fn is None and biases_initializer is not None
        layer = convolutional.Conv2D(
            num_outputs, kernel_size, strides=stride, padding=padding,
            data_format="channels_first" if data_format == "NCHW" else "channels_last",
            dilation_rate=rate, activation=None, use_bias=use_bias,
            kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
            kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
            trainable=trainable, name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc,
            _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(layer, outputs, sc, normalizer_fn, normalizer_params, activation_fn,
                       variables_collections, outputs_collections)


convolution2d = conv2d


@add_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
    """[batch, ...] -> [batch, k] under name scope `Flatten`."""
    with name_scope(scope, "Flatten", [inputs]) as sc:
        outputs = core.Flatten(name=sc).apply(inputs)
        return _collect_outputs(outputs_collections, sc, outputs)


def _pool(pool, default, inputs, kernel_size, stride, padding, data_format, outputs_collections,
          scope):
    from ..layers import utils

    k = utils.normalize_tuple(kernel_size, 2, "kernel_size")
    s = utils.normalize_tuple(stride, 2, "stride")
    with name_scope(scope, default, [inputs]) as sc:
        if data_format == "NCHW":
            ksize, strides = [1, 1] + list(k), [1, 1] + list(s)
        else:
            ksize, strides = [1] + list(k) + [1], [1] + list(s) + [1]
        outputs = pool(convert_to_tensor(inputs), ksize, strides, padding.upper(),
                       data_format=data_format or "NHWC")
        return _collect_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC",
               outputs_collections=None, scope=None):
    """2-D max pooling under name scope `MaxPool2D`."""
    return _pool(nn_ops.max_pool, "MaxPool2D", inputs, kernel_size, stride, padding, data_format,
                 outputs_collections, scope)


@add_arg_scope
def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC",
               outputs_collections=None, scope=None):
    """2-D average pooling under name scope `AvgPool2D`."""
    return _pool(nn_ops.avg_pool, "AvgPool2D", inputs, kernel_size, stride, padding, data_format,
                 outputs_collections, scope)


@add_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None,
            scope=None, seed=None):
    """Dropout with keep probability `keep_prob` when `is_training`, under scope `Dropout`."""
    with name_scope(scope, "Dropout", [inputs]) as sc:
        layer = core.Dropout(rate=1 - keep_prob, noise_shape=noise_shape, seed=seed, name=sc,
                             _scope=sc)
        outputs = layer.apply(inputs, training=is_training)
        return _collect_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
               param_initializers=None, param_regularizers=None,
               updates_collections=GraphKeys.UPDATE_OPS, is_training=True, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               data_format="NHWC", zero_debias_moving_mean=False, scope=None, fused=None):
    """Batch norm in scope `BatchNorm` (`beta`, optional `gamma`, `moving_mean`,
    `moving_variance`, all model variables); updates go to `updates_collections`, or run in
    place before the output when it is None."""
    from ..framework.graph import control_dependencies, get_collection_ref
    from ..ops import array_ops

    params_init = param_initializers or {}
    params_reg = param_regularizers or {}
    with vs.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse,
                           custom_getter=_model_variable_getter) as sc:
        inputs = convert_to_tensor(inputs)
        ndims = inputs.shape.ndims
        axis = 1 if data_format == "NCHW" and ndims and ndims > 2 else -1
        kwargs = {}
        for key, arg in (("beta", "beta_initializer"), ("gamma", "gamma_initializer"),
                         ("moving_mean", "moving_mean_initializer"),
                         ("moving_variance", "moving_variance_initializer")):
            if key in params_init:
                kwargs[arg] = params_init[key]
        layer = normalization.BatchNormalization(
            axis=axis, momentum=decay, epsilon=epsilon, center=center, scale=scale,
            beta_regularizer=params_reg.get("beta"), gamma_regularizer=params_reg.get("gamma"),
            trainable=trainable, fused=fused if fused is not None else None, name=sc.name,
            dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse, **kwargs)
        before = list(get_collection_ref(GraphKeys.UPDATE_OPS))
        outputs = layer.apply(inputs, training=is_training)
        updates = layer.updates
        ref = get_collection_ref(GraphKeys.UPDATE_OPS)
        ref[:] = before
        if updates:
            if updates_collections is None:
                with control_dependencies(updates):
                    outputs = array_ops.identity(outputs)
            else:
                for u in updates:
                    add_to_collections(updates_collections, u)
        for var in (layer.moving_mean, layer.moving_variance):
            _add_to_collections(var, variables_collections,
                                "moving_mean" if var is layer.moving_mean else "moving_variance")
        if layer.beta is not None:
            _add_to_collections(layer.beta, variables_collections, "beta")
        if layer.gamma is not None:
            _add_to_collections(layer.gamma, variables_collections, "gamma")
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_outputs(outputs_collections, sc.name, outputs)
