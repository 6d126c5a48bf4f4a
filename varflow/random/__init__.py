"""`tf.random`: random tensors and seeds (TF1 names under their `tf.random.*` spellings).

Re-exports only; the ops live in `varflow.ops.random_ops`.
"""
# ruff: noqa: F401
from ..ops.random_ops import (categorical, get_seed, multinomial, random_crop, set_random_seed)
from ..ops.random_ops import random_gamma as gamma
from ..ops.random_ops import random_normal as normal
from ..ops.random_ops import random_poisson as poisson
from ..ops.random_ops import random_shuffle as shuffle
from ..ops.random_ops import random_uniform as uniform
from ..ops.random_ops import truncated_normal
from ..ops.random_ops import stateless_random_normal as stateless_normal
from ..ops.random_ops import stateless_random_uniform as stateless_uniform
from ..ops.random_ops import stateless_truncated_normal
from ..ops.candidate_sampling import log_uniform_candidate_sampler, uniform_candidate_sampler
