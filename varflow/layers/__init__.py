"""`tf.layers`: TF1's object and functional layers (Dense, Conv2D, pooling, BatchNormalization, ...).

Re-exports only; each layer lives in its module here.
"""
# ruff: noqa: F401
from .base import InputSpec, Layer
from .convolutional import (Conv1D, Conv2D, Conv2DTranspose, Convolution1D, Convolution2D,
                            Convolution2DTranspose, SeparableConv1D, SeparableConv2D,
                            SeparableConvolution2D, conv1d, conv2d, conv2d_transpose,
                            separable_conv1d, separable_conv2d)
from .core import Dense, Dropout, Flatten, dense, dropout, flatten
from .normalization import BatchNormalization, batch_normalization
from .pooling import (AveragePooling1D, AveragePooling2D, MaxPooling1D, MaxPooling2D,
                      average_pooling1d, average_pooling2d, max_pooling1d, max_pooling2d)
