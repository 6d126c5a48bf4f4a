"""`tf.bitwise`: elementwise bit operations on integer tensors (defined in `ops.math_ops`)."""
# ruff: noqa: F401
from ..ops.math_ops import bitwise_and, bitwise_or, bitwise_xor, invert, left_shift, right_shift
