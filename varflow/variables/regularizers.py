"""Regularizers: functions of a weight tensor returning a scalar loss, as TF1 code imports them
from `tf.contrib.layers` (l1/l2/l1_l2/sum). The `tf.keras.regularizers` classes live in
`varflow.keras.regularizers`."""
from __future__ import annotations

import numbers

from ..framework.graph import convert_to_tensor, name_scope

__all__ = ["l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer",
           "apply_regularization"]


def _check_scale(scale, what: str) -> bool:
    if isinstance(scale, numbers.Integral):
        raise ValueError("scale cannot be an integer: %s" % (scale,))
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError("Setting a scale less than 0 on a regularizer: %g" % scale)
        if scale == 0.0:
            return False
    return True


def l1_regularizer(scale, scope=None):
    """`scale * sum(|w|)`; a zero scale gives a regularizer that returns None (no loss added)."""
    if not _check_scale(scale, "l1"):
        return lambda _: None

    def l1(weights):
        from ..ops import math_ops

        with name_scope(scope, "l1_regularizer", [weights]) as name:
            w = convert_to_tensor(weights)
            s = convert_to_tensor(scale, dtype=w.dtype.base_dtype, name="scale")
            return math_ops.multiply(s, math_ops.reduce_sum(math_ops.abs(w)), name=name)
    return l1


def l2_regularizer(scale, scope=None):
    """`scale * sum(w**2) / 2` (TF's l2_loss); a zero scale adds no loss."""
    if not _check_scale(scale, "l2"):
        return lambda _: None

    def l2(weights):
        from ..ops import math_ops, nn_ops

        with name_scope(scope, "l2_regularizer", [weights]) as name:
            w = convert_to_tensor(weights)
            s = convert_to_tensor(scale, dtype=w.dtype.base_dtype, name="scale")
            return math_ops.multiply(s, nn_ops.l2_loss(w), name=name)
    return l2


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    """The sum of an l1 and an l2 regularizer."""
    if isinstance(scale_l1, numbers.Integral) or isinstance(scale_l2, numbers.Integral):
        raise ValueError("scale cannot be an integer")
    if scale_l1 == 0.0 and scale_l2 == 0.0:
        return lambda _: None
    if scale_l1 == 0.0:
        return l2_regularizer(scale_l2, scope)
    if scale_l2 == 0.0:
        return l1_regularizer(scale_l1, scope)
    return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)], scope=scope)


def sum_regularizer(regularizer_list, scope=None):
    """A regularizer adding up the (non-None) losses of `regularizer_list`."""
    regularizer_list = [r for r in regularizer_list if r]
    if not regularizer_list:
        return None

    def total(weights):
        from ..ops import math_ops

        with name_scope(scope, "sum_regularizer", [weights]) as name:
            losses = [r(weights) for r in regularizer_list]
            losses = [x for x in losses if x is not None]
            if not losses:
                return None
            return math_ops.add_n(losses, name=name)
    return total


def apply_regularization(regularizer, weights_list=None):
    """Sum of `regularizer(w)` over `weights_list` (default: the WEIGHTS collection), added to
    REGULARIZATION_LOSSES."""
    from ..framework.graph import add_to_collection, get_collection
    from ..framework.graph_keys import GraphKeys
    from ..ops import math_ops

    if not weights_list:
        weights_list = get_collection(GraphKeys.WEIGHTS)
    if not weights_list:
        raise ValueError("No weights to regularize.")
    with name_scope("get_regularization_penalty", values=weights_list) as scope:
        penalties = [regularizer(w) for w in weights_list]
        penalties = [p for p in penalties if p is not None]
        summed = math_ops.add_n(penalties, name=scope)
        add_to_collection(GraphKeys.REGULARIZATION_LOSSES, summed)
        return summed
