"""Initializers (`tf.zeros_initializer()`, `tf.glorot_uniform_initializer()`, ...): callables
`init(shape, dtype=None, partition_info=None)` that build the initial-value ops of a variable."""
from __future__ import annotations

import math

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor
from ..framework.tensor_shape import TensorShape
from ..ops.constant_op import constant

__all__ = ["Initializer", "Zeros", "Ones", "Constant", "RandomUniform", "RandomNormal",
           "TruncatedNormal", "UniformUnitScaling", "VarianceScaling", "Orthogonal", "Identity",
           "GlorotUniform", "GlorotNormal", "zeros_initializer", "ones_initializer",
           "constant_initializer", "random_uniform_initializer", "random_normal_initializer",
           "truncated_normal_initializer", "uniform_unit_scaling_initializer",
           "variance_scaling_initializer", "glorot_uniform_initializer",
           "glorot_normal_initializer", "orthogonal_initializer", "he_normal", "he_uniform",
           "lecun_normal", "lecun_uniform"]


def _float_dtype(dtype, who: str) -> dtypes.DType:
    """A constructor's dtype, which must be floating (ValueError, as TF's)."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    if not dtype.is_floating:
        raise ValueError("%s needs a floating point dtype, got %s. Use tf.zeros_initializer() or "
                         "tf.constant_initializer(...) for %s variables." % (who, dtype.name, dtype.name))
    return dtype


def _float_call_dtype(dtype, who: str) -> dtypes.DType:
    """A call's dtype for a normal distribution, which must be floating (TypeError, as the op
    TF builds rejects it)."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    if not dtype.is_floating:
        raise TypeError("%s draws floating point values; a %s variable cannot use it. Use "
                        "tf.zeros_initializer() or tf.constant_initializer(...) for %s variables."
                        % (who, dtype.name, dtype.name))
    return dtype


def _shape_list(shape) -> list:
    return [int(d) for d in TensorShape(shape).as_list()]


def _shape_arg(shape):
    """The shape for an initializer that takes it as TF's ops do: a shape tensor as it is."""
    return shape if isinstance(shape, Tensor) else _shape_list(shape)


def _compute_fans(shape: list):
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = 1
    for d in shape[:-2]:
        receptive *= d
    return shape[-2] * receptive, shape[-1] * receptive


class Initializer:
    """Base class: subclasses implement `__call__(shape, dtype=None, partition_info=None)`."""

    def __call__(self, shape, dtype=None, partition_info=None):
        raise TypeError("%s is an abstract initializer" % type(self).__name__)

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict):
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)


class Zeros(Initializer):
    """All zeros (False for bool, b'' for strings)."""

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import array_ops

        return array_ops.zeros(_shape_arg(shape), dtype or self.dtype)

    def get_config(self):
        return {"dtype": self.dtype.name}


class Ones(Initializer):
    """All ones."""

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import array_ops

        return array_ops.ones(_shape_arg(shape), dtype or self.dtype)

    def get_config(self):
        return {"dtype": self.dtype.name}


class Constant(Initializer):
    """A constant value; a list shorter than the shape is padded with its last element (TF1)."""

    def __init__(self, value=0, dtype=dtypes.float32, verify_shape: bool = False):
        if not (np.isscalar(value) or isinstance(value, (list, tuple, np.ndarray))):
            raise TypeError("Invalid type for initial value: %s (expected Python scalar, list or "
                            "tuple of values, or numpy.ndarray)." % type(value))
        self.value = value
        self.dtype = dtypes.as_dtype(dtype)
        self._verify_shape = verify_shape

    def __call__(self, shape, dtype=None, partition_info=None, verify_shape=None):
        dtype = dtype or self.dtype
        verify = self._verify_shape if verify_shape is None else verify_shape
        return constant(self.value, dtype=dtype, shape=_shape_list(shape), verify_shape=verify)

    def get_config(self):
        return {"value": self.value, "dtype": self.dtype.name}


class RandomUniform(Initializer):
    """Uniform values in [minval, maxval); integer dtypes need `maxval`."""

    def __init__(self, minval=0.0, maxval=None, seed=None, dtype=dtypes.float32):
        self.minval, self.maxval, self.seed, self.dtype = minval, maxval, seed, dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import random_ops

        return random_ops.random_uniform(_shape_arg(shape), self.minval, self.maxval,
                                         dtype or self.dtype, seed=self.seed)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed, "dtype": self.dtype.name}


class RandomNormal(Initializer):
    """Normally distributed values."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        self.mean, self.stddev, self.seed = mean, stddev, seed
        self.dtype = _float_dtype(dtype, "random_normal_initializer")

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import random_ops

        dtype = _float_call_dtype(dtype or self.dtype, "random_normal_initializer")
        return random_ops.random_normal(_shape_arg(shape), self.mean, self.stddev, dtype, seed=self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed, "dtype": self.dtype.name}


class TruncatedNormal(Initializer):
    """Normal values re-drawn beyond two standard deviations."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        self.mean, self.stddev, self.seed = mean, stddev, seed
        self.dtype = _float_dtype(dtype, "truncated_normal_initializer")

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import random_ops

        dtype = _float_call_dtype(dtype or self.dtype, "truncated_normal_initializer")
        return random_ops.truncated_normal(_shape_arg(shape), self.mean, self.stddev, dtype, seed=self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed, "dtype": self.dtype.name}


class UniformUnitScaling(Initializer):
    """Uniform in ±sqrt(3 / input_size) * factor (deprecated in TF, still common in TF1 code)."""

    def __init__(self, factor=1.0, seed=None, dtype=dtypes.float32):
        self.factor, self.seed = factor, seed
        self.dtype = _float_dtype(dtype, "uniform_unit_scaling_initializer")

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import random_ops

        dtype = dtype or self.dtype         # random_uniform rejects a bad dtype as TF's does
        shape = _shape_list(shape)
        scale_shape = list(partition_info.full_shape) if partition_info is not None else shape
        input_size = 1.0
        for d in scale_shape[:-1]:
            input_size *= float(d)
        input_size = max(input_size, 1.0)
        max_val = math.sqrt(3 / input_size) * self.factor
        return random_ops.random_uniform(shape, -max_val, max_val, dtype, seed=self.seed)

    def get_config(self):
        return {"factor": self.factor, "seed": self.seed, "dtype": self.dtype.name}


class VarianceScaling(Initializer):
    """Variance `scale / n` with n the fan-in, fan-out or their mean; truncated normal (stddev
    corrected by 0.8796), untruncated normal, or uniform within ±sqrt(3 * variance)."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 dtype=dtypes.float32):
        if scale <= 0.0:
            raise ValueError("`scale` must be a positive float, got %r" % (scale,))
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError("Invalid `mode` argument: %r (use fan_in, fan_out or fan_avg)" % (mode,))
        distribution = distribution.lower()
        if distribution not in ("normal", "uniform", "truncated_normal", "untruncated_normal"):
            raise ValueError("Invalid `distribution` argument: %r (use normal, truncated_normal, "
                             "untruncated_normal or uniform)" % (distribution,))
        self.scale, self.mode, self.distribution = scale, mode, distribution
        self.seed = seed
        self.dtype = _float_dtype(dtype, "variance_scaling_initializer")

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import random_ops

        dtype = dtype or self.dtype
        if self.distribution != "uniform":  # (random_uniform rejects a bad dtype as TF's does)
            dtype = _float_call_dtype(dtype, "variance_scaling_initializer")
        shape = _shape_list(shape)
        scale_shape = list(partition_info.full_shape) if partition_info is not None else shape
        fan_in, fan_out = _compute_fans(scale_shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        variance = self.scale / max(1.0, n)
        if self.distribution in ("normal", "truncated_normal"):
            return random_ops.truncated_normal(shape, 0.0, math.sqrt(variance) / 0.87962566103423978,
                                               dtype, seed=self.seed)
        if self.distribution == "untruncated_normal":
            return random_ops.random_normal(shape, 0.0, math.sqrt(variance), dtype, seed=self.seed)
        limit = math.sqrt(3.0 * variance)
        return random_ops.random_uniform(shape, -limit, limit, dtype, seed=self.seed)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "seed": self.seed, "dtype": self.dtype.name}


class GlorotUniform(VarianceScaling):
    """Uniform within ±sqrt(6 / (fan_in + fan_out)): the default for float variables."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        # TF ignores `dtype` here (it is deprecated): the default stays float32.
        super().__init__(1.0, "fan_avg", "uniform", seed)

    def get_config(self):
        return {"seed": self.seed, "dtype": self.dtype.name}


class GlorotNormal(VarianceScaling):
    """Truncated normal with stddev sqrt(2 / (fan_in + fan_out))."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        # TF ignores `dtype` here (it is deprecated): the default stays float32.
        super().__init__(1.0, "fan_avg", "truncated_normal", seed)

    def get_config(self):
        return {"seed": self.seed, "dtype": self.dtype.name}


class Orthogonal(Initializer):
    """An orthogonal matrix (rows or columns orthonormal), reshaped to `shape`, times `gain`."""

    def __init__(self, gain=1.0, seed=None, dtype=dtypes.float32):
        self.gain, self.seed = gain, seed
        self.dtype = _float_dtype(dtype, "orthogonal_initializer")

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import array_ops, linalg_ops, math_ops, random_ops

        dtype = _float_call_dtype(dtype or self.dtype, "orthogonal_initializer")
        shape = _shape_list(shape)
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional, got %s" % shape)
        num_rows = 1
        for d in shape[:-1]:
            num_rows *= d
        num_cols = shape[-1]
        flat = (max(num_rows, num_cols), min(num_rows, num_cols))
        a = random_ops.random_normal(flat, dtype=dtype, seed=self.seed)
        q, r = linalg_ops.qr(a)
        d = array_ops.matrix_diag_part(r) if hasattr(array_ops, "matrix_diag_part") else array_ops.diag_part(r)
        q = q * math_ops.sign(d)
        if num_rows < num_cols:
            q = array_ops.transpose(q)
        return self.gain * array_ops.reshape(q, shape)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}


class Identity(Initializer):
    """The identity matrix times `gain` (2-D shapes only): `gain * eye(...)`, sliced to the part
    for a partitioned variable, as TF builds it (the initial value is `Initializer/mul`)."""

    def __init__(self, gain=1.0, dtype=dtypes.float32):
        self.gain = gain
        self.dtype = _float_dtype(dtype, "identity_initializer")

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import array_ops

        dtype = _float_call_dtype(dtype or self.dtype, "identity_initializer")
        full = list(partition_info.full_shape) if partition_info is not None else _shape_list(shape)
        if len(full) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices, got %s" % full)
        value = array_ops.eye(*full, dtype=dtype)
        if partition_info is not None:
            value = array_ops.slice(value, partition_info.var_offset, _shape_list(shape))
        return self.gain * value

    def get_config(self):
        return {"gain": self.gain, "dtype": self.dtype.name}


zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_uniform_initializer = RandomUniform
random_normal_initializer = RandomNormal
truncated_normal_initializer = TruncatedNormal
uniform_unit_scaling_initializer = UniformUnitScaling
variance_scaling_initializer = VarianceScaling
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal
orthogonal_initializer = Orthogonal


def he_normal(seed=None) -> VarianceScaling:
    return VarianceScaling(2.0, "fan_in", "truncated_normal", seed)


def he_uniform(seed=None) -> VarianceScaling:
    return VarianceScaling(2.0, "fan_in", "uniform", seed)


def lecun_normal(seed=None) -> VarianceScaling:
    return VarianceScaling(1.0, "fan_in", "truncated_normal", seed)


def lecun_uniform(seed=None) -> VarianceScaling:
    return VarianceScaling(1.0, "fan_in", "uniform", seed)
