"""`tf.keras.initializers`: the same initializer classes under Keras' names."""
# ruff: noqa: F401
from ..variables.init_ops import (Constant, GlorotNormal, GlorotUniform, Identity, Initializer,
                                  Ones, Orthogonal, RandomNormal, RandomUniform, TruncatedNormal,
                                  VarianceScaling, Zeros, he_normal, he_uniform, lecun_normal,
                                  lecun_uniform)

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
