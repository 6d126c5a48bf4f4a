"""`tf.debugging`: run-time checks and numeric assertions (re-exports only)."""
# ruff: noqa: F401
from ..ops.logging_ops import (Assert, assert_equal, assert_greater, assert_greater_equal,
                               assert_less, assert_less_equal, assert_negative, assert_non_negative,
                               assert_non_positive, assert_none_equal, assert_positive, assert_rank,
                               assert_rank_at_least, assert_scalar, assert_type, check_numerics,
                               is_numeric_tensor)
from ..ops.assert_extra_ops import (assert_integer, assert_near, assert_proper_iterable,
                                    assert_rank_in, assert_same_float_dtype)
