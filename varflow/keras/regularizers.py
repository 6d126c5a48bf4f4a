"""`tf.keras.regularizers`: `l1`, `l2`, `l1_l2` (sum of |w| and w², no 1/2 factor)."""
from ..variables.regularizers import KerasRegularizer

Regularizer = KerasRegularizer
L1L2 = KerasRegularizer


def l1(l=0.01) -> KerasRegularizer:  # noqa: E741 - Keras' argument name
    return KerasRegularizer(l1=l)


def l2(l=0.01) -> KerasRegularizer:  # noqa: E741
    return KerasRegularizer(l2=l)


def l1_l2(l1=0.01, l2=0.01) -> KerasRegularizer:
    return KerasRegularizer(l1=l1, l2=l2)
