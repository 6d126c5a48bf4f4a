"""Convolution layers: Conv1D, Conv2D, Conv3D (`kernel` [*k, in, filters]), Conv2DTranspose and
Conv3DTranspose (`kernel` [*k, filters, in]), SeparableConv1D and SeparableConv2D, with their
functional forms."""
from __future__ import annotations

from ..framework.graph import Tensor
from ..framework.tensor_shape import TensorShape, as_shape
from ..keras import activations, initializers, regularizers
from ..ops import array_ops, nn3d_ops, nn_ops
from ..variables import init_ops
from . import utils
from .base import InputSpec, Layer

__all__ = ["Conv1D", "conv1d", "Conv2D", "conv2d", "Conv2DTranspose", "conv2d_transpose",
           "Conv3D", "conv3d", "Conv3DTranspose", "conv3d_transpose",
           "SeparableConv2D", "separable_conv2d", "SeparableConv1D", "separable_conv1d",
           "Convolution1D", "Convolution2D", "Convolution2DTranspose", "Convolution3D",
           "Convolution3DTranspose", "SeparableConvolution2D", "SeparableConvolution1D"]


class _Conv(Layer):
    """N-D convolution (+ bias, + activation) with TF1's arguments and weight names."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=init_ops.zeros_initializer(),
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.filters = int(filters)
        self.kernel_size = utils.normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = utils.normalize_tuple(strides, rank, "strides")
        self.padding = utils.normalize_padding(padding)
        self.data_format = utils.normalize_data_format(data_format)
        self.dilation_rate = utils.normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.input_spec = InputSpec(ndim=rank + 2)
        self.kernel = None
        self.bias = None

    @property
    def _channel_axis(self) -> int:
        return 1 if self.data_format == "channels_first" else -1

    def _in_channels(self, input_shape: TensorShape) -> int:
        dim = input_shape[self._channel_axis]
        dim = getattr(dim, "value", dim)
        if dim is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
        return int(dim)

    def _kernel_shape(self, in_channels: int) -> list:
        return list(self.kernel_size) + [in_channels, self.filters]

    def build(self, input_shape) -> None:
        input_shape = as_shape(input_shape)
        in_channels = self._in_channels(input_shape)
        self.kernel = self.add_weight("kernel", shape=self._kernel_shape(in_channels),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, dtype=self._dtype)
        self._build_bias()
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={self._channel_axis: in_channels})
        self.built = True

    def _build_bias(self) -> None:
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.filters],
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, dtype=self._dtype)

    def _nn_format(self) -> str:
        if self.rank == 1:
            return "NCW" if self.data_format == "channels_first" else "NWC"
        if self.rank == 3:
            return "NCDHW" if self.data_format == "channels_first" else "NDHWC"
        return "NCHW" if self.data_format == "channels_first" else "NHWC"

    def _convolve(self, inputs):
        if self.rank == 1:
            return nn_ops.conv1d(inputs, self.kernel, stride=self.strides[0],
                                 padding=self.padding.upper(), data_format=self._nn_format(),
                                 dilations=self.dilation_rate[0])
        if self.data_format == "channels_first":
            strides = [1, 1] + list(self.strides)
            dilations = [1, 1] + list(self.dilation_rate)
        else:
            strides = [1] + list(self.strides) + [1]
            dilations = [1] + list(self.dilation_rate) + [1]
        if self.rank == 3:
            if max(self.dilation_rate) > 1:
                return self._dilated_conv3d(inputs, strides)
            return nn3d_ops.conv3d(inputs, self.kernel, strides=strides,
                                   padding=self.padding.upper(), data_format=self._nn_format(),
                                   dilations=dilations, name="Conv3D")
        return nn_ops.conv2d(inputs, self.kernel, strides=strides, padding=self.padding.upper(),
                             data_format=self._nn_format(), dilations=dilations, name="Conv2D")

    def _dilated_conv3d(self, inputs, strides):
        """TF's graph for a dilated 3-D convolution (CPU Conv3D has no dilations): Conv3D on the
        input rearranged by SpaceToBatchND, then BatchToSpaceND, all under `Conv3D/`."""
        from ..framework.graph import name_scope
        from ..ops.nn_nd_ops import with_space_to_batch

        with name_scope("Conv3D") as scope:
            def undilated(converted, unused_num_spatial_dims, pad):
                return nn3d_ops.conv3d(converted, self.kernel, strides=strides, padding=pad,
                                       data_format=self._nn_format(), name=scope)
            return with_space_to_batch(inputs, list(self.dilation_rate), self.padding.upper(),
                                       undilated, filter_shape=self.kernel.shape.as_list(),
                                       data_format=self._nn_format())

    def _check_strides_and_dilation(self) -> None:
        """TF's convolution refuses strides > 1 together with dilation_rate > 1 (when called,
        after the weights exist)."""
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError("`strides > 1` not supported in conjunction with `dilation_rate > 1`."
                             " Received: strides=%s and dilation_rate=%s; use strides=1 with a "
                             "dilation, or dilation_rate=1 with strides."
                             % (list(self.strides), list(self.dilation_rate)))

    def call(self, inputs):
        self._check_strides_and_dilation()
        outputs = self._convolve(inputs)
        if self.use_bias:
            # TF adds a 5-D channels_first bias with BiasAdd's data_format NCHW too
            fmt = "NCHW" if self.data_format == "channels_first" and self.rank >= 2 else None
            if self.data_format == "channels_first" and self.rank == 1:
                outputs = outputs + array_ops.reshape(self.bias, [1, self.filters, 1])
            else:
                outputs = nn_ops.bias_add(outputs, self.bias, data_format=fmt)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


    def compute_output_shape(self, input_shape):
        dims = as_shape(input_shape).as_list()
        first = self.data_format == "channels_first"
        spatial = dims[2:] if first else dims[1:-1]
        out = [utils.conv_output_length(n, k, self.padding, s, d) for n, k, s, d in
               zip(spatial, self.kernel_size, self.strides, self.dilation_rate)]
        return as_shape([dims[0], self.filters] + out if first else [dims[0]] + out + [self.filters])


class Conv1D(_Conv):
    """1-D convolution over [batch, width, channels]."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, **kwargs):
        super().__init__(1, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         **kwargs)


class Conv2D(_Conv):
    """2-D convolution over [batch, height, width, channels] (or channels_first)."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), **kwargs):
        super().__init__(2, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         **kwargs)


class Conv2DTranspose(Conv2D):
    """Transposed 2-D convolution; kernel [kh, kw, filters, in_channels]."""

    def _kernel_shape(self, in_channels: int) -> list:
        return list(self.kernel_size) + [self.filters, in_channels]

    def _convolve(self, inputs):
        h_axis, w_axis = (2, 3) if self.data_format == "channels_first" else (1, 2)
        static = inputs.shape.as_list()
        dyn = array_ops.shape(inputs)
        sizes = []
        for axis, k, s in ((h_axis, self.kernel_size[0], self.strides[0]),
                           (w_axis, self.kernel_size[1], self.strides[1])):
            sizes.append(utils.deconv_output_length(
                static[axis] if static[axis] is not None else dyn[axis], k, self.padding, s))
        batch = dyn[0]
        if self.data_format == "channels_first":
            out_shape = [batch, self.filters, sizes[0], sizes[1]]
            strides = [1, 1] + list(self.strides)
        else:
            out_shape = [batch, sizes[0], sizes[1], self.filters]
            strides = [1] + list(self.strides) + [1]
        outputs = nn_ops.conv2d_transpose(inputs, self.kernel, array_ops.stack(out_shape),
                                          strides=strides, padding=self.padding.upper(),
                                          data_format=self._nn_format())
        static_out = list(static)
        static_out[h_axis] = utils.deconv_output_length(static[h_axis], self.kernel_size[0],
                                                        self.padding, self.strides[0])
        static_out[w_axis] = utils.deconv_output_length(static[w_axis], self.kernel_size[1],
                                                        self.padding, self.strides[1])
        static_out[1 if self.data_format == "channels_first" else 3] = self.filters
        outputs.set_shape(static_out)
        return outputs


    def compute_output_shape(self, input_shape):
        dims = as_shape(input_shape).as_list()
        first = self.data_format == "channels_first"
        spatial = dims[2:] if first else dims[1:-1]
        out = [utils.deconv_output_length(n, k, self.padding, s) for n, k, s in
               zip(spatial, self.kernel_size, self.strides)]
        return as_shape([dims[0], self.filters] + out if first else [dims[0]] + out + [self.filters])


class Conv3D(_Conv):
    """3-D convolution over [batch, depth, height, width, channels] (or channels_first)."""

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1, 1), **kwargs):
        super().__init__(3, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         **kwargs)


class Conv3DTranspose(Conv3D):
    """Transposed 3-D convolution; kernel [kd, kh, kw, filters, in_channels]. The output shape
    is built as TF builds it: from the input's dynamic shape (Shape, strided_slice, mul/add)."""

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 data_format="channels_last", **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, **kwargs)

    def _kernel_shape(self, in_channels: int) -> list:
        return list(self.kernel_size) + [self.filters, in_channels]

    def _convolve(self, inputs):
        first = self.data_format == "channels_first"
        dyn = array_ops.shape(inputs)
        batch = dyn[0]
        spatial = [dyn[axis] for axis in ((2, 3, 4) if first else (1, 2, 3))]
        sizes = [utils.deconv_output_length(n, k, self.padding, s)
                 for n, k, s in zip(spatial, self.kernel_size, self.strides)]
        if first:
            out_shape, strides = [batch, self.filters] + sizes, [1, 1] + list(self.strides)
        else:
            out_shape, strides = [batch] + sizes + [self.filters], [1] + list(self.strides) + [1]
        outputs = nn3d_ops.conv3d_transpose(inputs, self.kernel, array_ops.stack(out_shape),
                                            strides=strides, padding=self.padding.upper(),
                                            data_format=self._nn_format())
        outputs.set_shape(self.compute_output_shape(inputs.shape))
        return outputs

    compute_output_shape = Conv2DTranspose.compute_output_shape   # any spatial rank


class _SeparableConv(_Conv):
    """Depthwise conv (`depthwise_kernel` [*k, in, m]) then 1x1 (`pointwise_kernel`
    [*1, in*m, filters]), + bias, + activation."""

    def __init__(self, rank, filters, kernel_size, strides, padding, data_format, dilation_rate,
                 depth_multiplier=1, depthwise_initializer=None, pointwise_initializer=None,
                 depthwise_regularizer=None, pointwise_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, **kwargs):
        super().__init__(rank, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.depthwise_constraint = depthwise_constraint
        self.pointwise_constraint = pointwise_constraint

    def build(self, input_shape) -> None:
        input_shape = as_shape(input_shape)
        cin = self._in_channels(input_shape)
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", shape=list(self.kernel_size) + [cin, self.depth_multiplier],
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, dtype=self._dtype)
        self.pointwise_kernel = self.add_weight(
            "pointwise_kernel", shape=[1] * self.rank + [cin * self.depth_multiplier, self.filters],
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, dtype=self._dtype)
        self._build_bias()
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={self._channel_axis: cin})
        self.built = True


class SeparableConv2D(_SeparableConv):
    """Depthwise-separable 2-D convolution over [batch, h, w, channels] (or channels_first)."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                 **kwargs):
        super().__init__(2, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         depth_multiplier, **kwargs)

    def _convolve(self, inputs):
        if self.data_format == "channels_first":
            strides = [1, 1] + list(self.strides)
        else:
            strides = [1] + list(self.strides) + [1]
        return nn_ops.separable_conv2d(inputs, self.depthwise_kernel, self.pointwise_kernel,
                                       strides=strides, padding=self.padding.upper(),
                                       rate=self.dilation_rate, data_format=self._nn_format())


class SeparableConv1D(_SeparableConv):
    """Depthwise-separable 1-D convolution: a 2-D one over [batch, 1, width, channels] (the
    inputs and kernels get a unit axis, squeezed out after the bias), as TF builds it."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, depth_multiplier=1, **kwargs):
        super().__init__(1, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         depth_multiplier, **kwargs)

    def call(self, inputs):
        self._check_strides_and_dilation()
        first = self.data_format == "channels_first"
        spatial = 2 if first else 1
        x = array_ops.expand_dims(inputs, spatial)
        depthwise = array_ops.expand_dims(self.depthwise_kernel, 0)
        pointwise = array_ops.expand_dims(self.pointwise_kernel, 0)
        strides = [1, 1, 1, self.strides[0]] if first else [1, 1, self.strides[0], 1]
        outputs = nn_ops.separable_conv2d(x, depthwise, pointwise, strides=strides,
                                          padding=self.padding.upper(),
                                          rate=(1, self.dilation_rate[0]),
                                          data_format="NCHW" if first else "NHWC")
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format="NCHW" if first else None)
        outputs = array_ops.squeeze(outputs, [spatial])
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution2DTranspose = Conv2DTranspose
Convolution3D = Conv3D
Convolution3DTranspose = Conv3DTranspose
SeparableConvolution2D = SeparableConv2D
SeparableConvolution1D = SeparableConv1D


def _apply(cls, inputs, name, reuse, args, kwargs) -> Tensor:
    layer = cls(*args, name=name, _scope=name, _reuse=reuse, **kwargs)
    return layer.apply(inputs)


def conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
           dilation_rate=1, name=None, reuse=None, **kwargs) -> Tensor:
    """`tf.layers.conv1d`."""
    return _apply(Conv1D, inputs, name, reuse,
                  (filters, kernel_size, strides, padding, data_format, dilation_rate), kwargs)


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1), name=None, reuse=None,
           **kwargs) -> Tensor:
    """`tf.layers.conv2d`: a Conv2D layer in variable scope `name` (default `conv2d`, ...)."""
    return _apply(Conv2D, inputs, name, reuse,
                  (filters, kernel_size, strides, padding, data_format, dilation_rate), kwargs)


def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", name=None, reuse=None, **kwargs) -> Tensor:
    """`tf.layers.conv2d_transpose`."""
    return _apply(Conv2DTranspose, inputs, name, reuse,
                  (filters, kernel_size, strides, padding, data_format), kwargs)


def conv3d(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1, 1), name=None, reuse=None,
           **kwargs) -> Tensor:
    """`tf.layers.conv3d`: a Conv3D layer in variable scope `name` (default `conv3d`, ...)."""
    return _apply(Conv3D, inputs, name, reuse,
                  (filters, kernel_size, strides, padding, data_format, dilation_rate), kwargs)


def conv3d_transpose(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                     data_format="channels_last", name=None, reuse=None, **kwargs) -> Tensor:
    """`tf.layers.conv3d_transpose`: kernel [kd, kh, kw, filters, in_channels]."""
    return _apply(Conv3DTranspose, inputs, name, reuse,
                  (filters, kernel_size, strides, padding, data_format), kwargs)


def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                     name=None, reuse=None, **kwargs) -> Tensor:
    """`tf.layers.separable_conv2d`."""
    kwargs["depth_multiplier"] = depth_multiplier
    return _apply(SeparableConv2D, inputs, name, reuse,
                  (filters, kernel_size, strides, padding, data_format, dilation_rate), kwargs)


def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid",
                     data_format="channels_last", dilation_rate=1, depth_multiplier=1, name=None,
                     reuse=None, **kwargs) -> Tensor:
    """`tf.layers.separable_conv1d`."""
    kwargs["depth_multiplier"] = depth_multiplier
    return _apply(SeparableConv1D, inputs, name, reuse,
                  (filters, kernel_size, strides, padding, data_format, dilation_rate), kwargs)
