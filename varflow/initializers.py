"""`tf.initializers`: TF1's initializer namespace (classes and the variable-initializer ops)."""
# ruff: noqa: F401, N813
from .variables.init_ops import (Constant as constant, GlorotNormal as glorot_normal,
                                 GlorotUniform as glorot_uniform, Identity as identity,
                                 Ones as ones, Orthogonal as orthogonal,
                                 RandomNormal as random_normal, RandomUniform as random_uniform,
                                 TruncatedNormal as truncated_normal,
                                 UniformUnitScaling as uniform_unit_scaling,
                                 VarianceScaling as variance_scaling, Zeros as zeros, he_normal,
                                 he_uniform, lecun_normal, lecun_uniform)
from .variables.variables import (global_variables_initializer as global_variables,
                                  local_variables_initializer as local_variables,
                                  variables_initializer as variables)


def __getattr__(name: str):
    if name == "tables_initializer":        # loads the lookup ops on first use
        from .ops.lookup_ops import tables_initializer
        return tables_initializer
    raise AttributeError("module 'varflow.initializers' has no attribute %r" % name)


def __dir__():
    return sorted(set(globals()) | {"tables_initializer"})
