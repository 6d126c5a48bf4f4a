"""`tf.lookup.experimental`: the mutable tables."""
# ruff: noqa: F401
from ..ops.lookup_ops import DenseHashTable, MutableHashTable
