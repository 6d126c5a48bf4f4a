"""`tf.layers`: TF1's object and functional layers (Dense, Conv2D, pooling, BatchNormalization, ...).

Re-exports only; each layer lives in its module here.
"""
# ruff: noqa: F401
from .base import InputSpec, Layer
from .convolutional import (Conv1D, Conv2D, Conv2DTranspose, Conv3D, Conv3DTranspose,
                            Convolution1D, Convolution2D, Convolution2DTranspose, Convolution3D,
                            Convolution3DTranspose, SeparableConv1D, SeparableConv2D,
                            SeparableConvolution2D, conv1d, conv2d, conv2d_transpose, conv3d,
                            conv3d_transpose, separable_conv1d, separable_conv2d)
from .core import Dense, Dropout, Flatten, dense, dropout, flatten
from .normalization import BatchNormalization, batch_normalization
from .pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D, MaxPooling1D,
                      MaxPooling2D, MaxPooling3D, average_pooling1d, average_pooling2d,
                      average_pooling3d, max_pooling1d, max_pooling2d, max_pooling3d)
