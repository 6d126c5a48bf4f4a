"""The loss collections: `tf.losses.add_loss`, `get_losses`, `get_regularization_loss(es)` and
`get_total_loss` (data losses plus regularization losses)."""
from __future__ import annotations

from ..framework.graph import Tensor, add_to_collection, get_collection
from ..framework.graph_keys import GraphKeys
from ..ops import math_ops
from ..ops.constant_op import constant

__all__ = ["add_loss", "get_losses", "get_regularization_losses", "get_regularization_loss",
           "get_total_loss"]


def add_loss(loss, loss_collection=GraphKeys.LOSSES) -> None:
    """Add `loss` to `loss_collection` (nothing when the collection is None)."""
    if loss_collection:
        add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES) -> list:
    """The losses in `loss_collection` whose names match `scope`."""
    return get_collection(loss_collection, scope)


def get_regularization_losses(scope=None) -> list:
    """The REGULARIZATION_LOSSES whose names match `scope`."""
    return get_collection(GraphKeys.REGULARIZATION_LOSSES, scope)


def get_regularization_loss(scope=None, name: str = "total_regularization_loss") -> Tensor:
    """The sum of the regularization losses (AddN named `name`), or a float32 0.0 constant."""
    losses = get_regularization_losses(scope)
    if losses:
        return math_ops.add_n(losses, name=name)
    return constant(0.0)


def get_total_loss(add_regularization_losses: bool = True, name: str = "total_loss",
                   scope=None) -> Tensor:
    """The sum of the LOSSES (and, by default, the regularization losses) matching `scope`."""
    losses = get_losses(scope=scope)
    if add_regularization_losses:
        losses += get_regularization_losses(scope=scope)
    if not losses:
        raise ValueError("Inputs must be an iterable of at least one Tensor/IndexedSlices with "
                         "the same dtype and shape. (No losses were found: tf.losses.* functions "
                         "and regularizers add them to the LOSSES and REGULARIZATION_LOSSES "
                         "collections.)")
    return math_ops.add_n(losses, name=name)
