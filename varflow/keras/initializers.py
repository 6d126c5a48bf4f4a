"""`tf.keras.initializers`: the initializer classes under Keras' names. Keras' random ones
default to a small spread (stddev 0.05, range ±0.05), unlike `tf.random_normal_initializer`;
`get` resolves the names layers accept (`kernel_initializer="he_normal"`)."""
from __future__ import annotations

from ..framework import dtypes
from ..variables import init_ops
from ..variables.init_ops import (Constant, GlorotNormal, GlorotUniform, Identity, Initializer,
                                  Ones, Orthogonal, VarianceScaling, Zeros, he_normal, he_uniform,
                                  lecun_normal, lecun_uniform)

__all__ = ["Initializer", "Zeros", "Ones", "Constant", "RandomNormal", "RandomUniform",
           "TruncatedNormal", "VarianceScaling", "Orthogonal", "Identity", "GlorotUniform",
           "GlorotNormal", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform", "get"]


class RandomNormal(init_ops.RandomNormal):
    """Normal values, by default N(0, 0.05²)."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype=dtypes.float32):
        super().__init__(mean, stddev, seed, dtype)


class RandomUniform(init_ops.RandomUniform):
    """Uniform values, by default in [-0.05, 0.05)."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None, dtype=dtypes.float32):
        super().__init__(minval, maxval, seed, dtype)


class TruncatedNormal(init_ops.TruncatedNormal):
    """Normal values re-drawn beyond two standard deviations, by default stddev 0.05."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None, dtype=dtypes.float32):
        super().__init__(mean, stddev, seed, dtype)


constant = Constant
glorot_normal = GlorotNormal
glorot_uniform = GlorotUniform
identity = Identity
ones = Ones
orthogonal = Orthogonal
random_normal = RandomNormal
random_uniform = RandomUniform
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling
zeros = Zeros

_BY_NAME = {name: obj for name, obj in globals().items()
            if name in ("constant", "glorot_normal", "glorot_uniform", "identity", "ones",
                        "orthogonal", "random_normal", "random_uniform", "truncated_normal",
                        "variance_scaling", "zeros", "he_normal", "he_uniform", "lecun_normal",
                        "lecun_uniform")}


def get(identifier):
    """An initializer from None, a name ('zeros', 'he_normal', 'Zeros', ...), a
    `{'class_name': ..., 'config': ...}` dict or a callable (returned as is)."""
    if identifier is None or callable(identifier):
        return identifier
    if isinstance(identifier, dict):
        cls = globals().get(identifier.get("class_name", ""))
        if not (isinstance(cls, type) and issubclass(cls, Initializer)):
            raise ValueError("Unknown initializer class: %r" % identifier.get("class_name"))
        return cls(**identifier.get("config", {}))
    if isinstance(identifier, str):
        factory = _BY_NAME.get(identifier)
        cls = globals().get(identifier)
        if factory is None and isinstance(cls, type) and issubclass(cls, Initializer):
            factory = cls
        if factory is None:
            raise ValueError("Unknown initializer: %s. Known names: %s."
                             % (identifier, ", ".join(sorted(_BY_NAME))))
        return factory()
    raise ValueError("Could not interpret initializer identifier: %r" % (identifier,))
