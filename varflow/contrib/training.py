"""`tf.contrib.training`: the ps load-balancing strategies TF1 code imports from contrib."""
# ruff: noqa: F401
from ..train.device_setter import GreedyLoadBalancingStrategy, byte_size_load_fn
