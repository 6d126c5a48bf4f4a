"""Pooling layers: MaxPooling1D/2D/3D and AveragePooling1D/2D/3D with their functional forms (no
weights; ops `max_pooling2d/MaxPool`, `average_pooling3d/AvgPool3D`)."""
from __future__ import annotations

from ..framework.graph import Tensor
from ..framework.tensor_shape import as_shape
from ..ops import array_ops, nn3d_ops, nn_ops
from . import utils
from .base import InputSpec, Layer

__all__ = ["MaxPooling1D", "max_pooling1d", "AveragePooling1D", "average_pooling1d",
           "MaxPooling2D", "max_pooling2d", "AveragePooling2D", "average_pooling2d",
           "MaxPool1D", "MaxPool2D", "AveragePooling1D", "AvgPool1D", "AvgPool2D",
           "MaxPooling3D", "max_pooling3d", "AveragePooling3D", "average_pooling3d"]


class _Pooling(Layer):
    """Window `pool_size`, step `strides`, 'valid' or 'same' padding."""

    _rank = 2
    _pool = staticmethod(nn_ops.max_pool)

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        if strides is None:
            raise ValueError("Argument `strides` must not be None; pass strides=pool_size (%r) "
                             "for non-overlapping windows." % (pool_size,))
        self.pool_size = utils.normalize_tuple(pool_size, self._rank, "pool_size")
        self.strides = utils.normalize_tuple(strides, self._rank, "strides")
        self.padding = utils.normalize_padding(padding)
        self.data_format = utils.normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self._rank + 2)

    def call(self, inputs):
        first = self.data_format == "channels_first"
        if self._rank == 1:
            axis = 2 if first else 1
            x = array_ops.expand_dims(inputs, axis)
            ksize = [1, 1, 1] + list(self.pool_size) if first else [1, 1] + list(self.pool_size) + [1]
            strides = [1, 1, 1] + list(self.strides) if first else [1, 1] + list(self.strides) + [1]
            y = self._pool(x, ksize, strides, self.padding.upper(),
                           data_format="NCHW" if first else "NHWC")
            return array_ops.squeeze(y, [axis])
        if self._rank == 3:
            # TF's 3-D pooling layers pool channels_last: channels_first is transposed in and out
            ksize = [1] + list(self.pool_size) + [1]
            strides = [1] + list(self.strides) + [1]
            x = array_ops.transpose(inputs, [0, 2, 3, 4, 1]) if first else inputs
            y = self._pool(x, ksize, strides, self.padding.upper(), data_format="NDHWC")
            return array_ops.transpose(y, [0, 4, 1, 2, 3]) if first else y
        if first:
            ksize = [1, 1] + list(self.pool_size)
            strides = [1, 1] + list(self.strides)
        else:
            ksize = [1] + list(self.pool_size) + [1]
            strides = [1] + list(self.strides) + [1]
        return self._pool(inputs, ksize, strides, self.padding.upper(),
                          data_format="NCHW" if first else "NHWC")


    def compute_output_shape(self, input_shape):
        dims = as_shape(input_shape).as_list()
        first = self.data_format == "channels_first"
        spatial = dims[2:] if first else dims[1:-1]
        out = [utils.conv_output_length(n, k, self.padding, s) for n, k, s in
               zip(spatial, self.pool_size, self.strides)]
        return as_shape(dims[:2] + out if first else [dims[0]] + out + [dims[-1]])


class MaxPooling2D(_Pooling):
    """Maximum over each window of [batch, h, w, c]."""


class AveragePooling2D(_Pooling):
    """Mean over each window of [batch, h, w, c] (padding cells not counted)."""

    _pool = staticmethod(nn_ops.avg_pool)


class MaxPooling1D(_Pooling):
    """Maximum over each window of [batch, width, c]."""

    _rank = 1


class AveragePooling1D(_Pooling):
    """Mean over each window of [batch, width, c]."""

    _rank = 1
    _pool = staticmethod(nn_ops.avg_pool)


class MaxPooling3D(_Pooling):
    """Maximum over each window of [batch, depth, h, w, c] (or channels_first)."""

    _rank = 3
    _pool = staticmethod(nn3d_ops.max_pool3d)


class AveragePooling3D(_Pooling):
    """Mean over each window of [batch, depth, h, w, c] (padding cells not counted)."""

    _rank = 3
    _pool = staticmethod(nn3d_ops.avg_pool3d)


MaxPool1D, MaxPool2D, AvgPool1D, AvgPool2D = (MaxPooling1D, MaxPooling2D, AveragePooling1D,
                                              AveragePooling2D)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None) -> Tensor:
    """`tf.layers.max_pooling2d`."""
    return MaxPooling2D(pool_size, strides, padding, data_format, name=name).apply(inputs)


def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None) -> Tensor:
    """`tf.layers.average_pooling2d`."""
    return AveragePooling2D(pool_size, strides, padding, data_format, name=name).apply(inputs)


def max_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None) -> Tensor:
    """`tf.layers.max_pooling1d`."""
    return MaxPooling1D(pool_size, strides, padding, data_format, name=name).apply(inputs)


def average_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None) -> Tensor:
    """`tf.layers.average_pooling1d`."""
    return AveragePooling1D(pool_size, strides, padding, data_format, name=name).apply(inputs)


def max_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None) -> Tensor:
    """`tf.layers.max_pooling3d` (op `max_pooling3d/MaxPool3D`)."""
    return MaxPooling3D(pool_size, strides, padding, data_format, name=name).apply(inputs)


def average_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                      name=None) -> Tensor:
    """`tf.layers.average_pooling3d` (op `average_pooling3d/AvgPool3D`)."""
    return AveragePooling3D(pool_size, strides, padding, data_format, name=name).apply(inputs)
