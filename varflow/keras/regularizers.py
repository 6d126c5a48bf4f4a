"""`tf.keras.regularizers`: `L1`, `L2` and `L1L2` (sums of |w| and w², no 1/2 factor), the
`l1`/`l2`/`l1_l2` shortcuts and `get`. Factors are kept as float32, as Keras does."""
from __future__ import annotations

import numpy as np

from ..framework.graph import Tensor, convert_to_tensor

__all__ = ["Regularizer", "L1", "L2", "L1L2", "l1", "l2", "l1_l2", "get"]


class Regularizer:
    """Base class: a callable from a weight tensor to a scalar penalty."""

    def __call__(self, x) -> Tensor | float:
        return 0.0

    def get_config(self) -> dict:
        raise NotImplementedError("%s does not define get_config" % type(self).__name__)

    @classmethod
    def from_config(cls, config: dict) -> Regularizer:
        return cls(**config)


def _factor(value, default: float, what: str) -> np.float32:
    value = default if value is None else value
    if not np.isfinite(value) or value < 0:
        raise ValueError("Value of the %s regularizer should be a finite non-negative number, got "
                         "%r." % (what, value))
    return np.float32(value)


def _penalty(factor, x, which: str) -> Tensor:
    from ..ops import math_ops

    term = math_ops.abs(x) if which == "l1" else math_ops.square(x)
    return factor * math_ops.reduce_sum(term)


class L1L2(Regularizer):
    """`l1 * sum(|x|) + l2 * sum(x**2)`, built on a 0.0 constant of x's dtype (a zero
    regularizer returns that constant)."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _factor(l1, 0.0, "L1")
        self.l2 = _factor(l2, 0.0, "L2")

    def __call__(self, x) -> Tensor:
        from ..ops.constant_op import constant

        x = convert_to_tensor(x)
        regularization = constant(0.0, dtype=x.dtype.base_dtype)
        if self.l1:
            regularization += _penalty(self.l1, x, "l1")
        if self.l2:
            regularization += _penalty(self.l2, x, "l2")
        return regularization

    def get_config(self) -> dict:
        return {"l1": float(self.l1), "l2": float(self.l2)}


class L1(Regularizer):
    """`l1 * sum(|x|)` (default factor 0.01; `l=` is the old name of `l1=`)."""

    def __init__(self, l1=0.01, **kwargs):
        l1 = kwargs.pop("l", l1)
        if kwargs:
            raise TypeError("Argument(s) not recognized: %s" % sorted(kwargs))
        self.l1 = _factor(l1, 0.01, "L1")

    def __call__(self, x) -> Tensor:
        return _penalty(self.l1, convert_to_tensor(x), "l1")

    def get_config(self) -> dict:
        return {"l1": float(self.l1)}


class L2(Regularizer):
    """`l2 * sum(x**2)` (default factor 0.01; `l=` is the old name of `l2=`)."""

    def __init__(self, l2=0.01, **kwargs):
        l2 = kwargs.pop("l", l2)
        if kwargs:
            raise TypeError("Argument(s) not recognized: %s" % sorted(kwargs))
        self.l2 = _factor(l2, 0.01, "L2")

    def __call__(self, x) -> Tensor:
        return _penalty(self.l2, convert_to_tensor(x), "l2")

    def get_config(self) -> dict:
        return {"l2": float(self.l2)}


l1 = L1
l2 = L2


def l1_l2(l1=0.01, l2=0.01) -> L1L2:
    """An `L1L2` with both factors (default 0.01 each)."""
    return L1L2(l1=l1, l2=l2)


_BY_NAME = {"l1": L1, "l2": L2, "l1_l2": l1_l2, "l1l2": L1L2}


def get(identifier):
    """A regularizer from None, a name ('l1', 'l2', 'l1_l2'), a config dict or a callable."""
    if identifier is None or callable(identifier):
        return identifier
    if isinstance(identifier, str):
        if identifier.lower() not in _BY_NAME:
            raise ValueError("Unknown regularizer: %r; known names are %s."
                             % (identifier, ", ".join(sorted(_BY_NAME))))
        return _BY_NAME[identifier.lower()]()
    if isinstance(identifier, dict):
        name = identifier.get("class_name", "")
        cls = {"L1": L1, "L2": L2, "L1L2": L1L2}.get(name)
        if cls is None:
            raise ValueError("Unknown regularizer class %r; expected L1, L2 or L1L2." % name)
        return cls.from_config(identifier.get("config", {}))
    raise ValueError("Could not interpret regularizer identifier: %r" % (identifier,))
