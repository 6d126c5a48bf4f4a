"""`tf.keras.activations`: the activation functions by name, so layers accept
`activation="relu"` as TF's do (`get` resolves a name, None or a callable)."""
from __future__ import annotations

from ..ops import array_ops, clip_ops, math_ops, nn_ops

__all__ = ["relu", "relu6", "sigmoid", "tanh", "softmax", "log_softmax", "elu", "selu",
           "softplus", "softsign", "exponential", "linear", "swish", "silu", "leaky_relu", "get"]


def relu(x, alpha=0.0, max_value=None, threshold=0):
    """x above `threshold` (else 0, or `alpha * (x - threshold)` with a leak), capped at
    `max_value`; the plain call is one Relu op."""
    if alpha != 0.0 and max_value is None and threshold == 0:
        return nn_ops.leaky_relu(x, alpha=alpha)
    negative_part = nn_ops.relu(threshold - x) if alpha != 0.0 else None
    if threshold != 0:
        x = x * math_ops.cast(math_ops.greater(x, threshold), x.dtype.base_dtype)
    elif max_value == 6:
        x, max_value = nn_ops.relu6(x), None
    else:
        x = nn_ops.relu(x)
    if max_value is not None:
        x = clip_ops.clip_by_value(x, 0, max_value)
    if negative_part is not None:
        x -= alpha * negative_part
    return x


def relu6(x):
    return nn_ops.relu6(x)


def sigmoid(x):
    return math_ops.sigmoid(x)


def tanh(x):
    return math_ops.tanh(x)


def softmax(x, axis=-1):
    return nn_ops.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    return nn_ops.log_softmax(x, axis=axis)


def elu(x, alpha=1.0):
    out = nn_ops.elu(x)
    return out if alpha == 1.0 else array_ops.where(x > 0, out, alpha * out)


def selu(x):
    return nn_ops.selu(x)


def softplus(x):
    return nn_ops.softplus(x)


def softsign(x):
    return nn_ops.softsign(x)


def exponential(x):
    return math_ops.exp(x)


def linear(x):
    """The identity (no op is added)."""
    return x


def swish(x):
    return nn_ops.swish(x)


silu = swish


def leaky_relu(x, alpha=0.2):
    return nn_ops.leaky_relu(x, alpha)


_BY_NAME = {f.__name__: f for f in (relu, relu6, sigmoid, tanh, softmax, log_softmax, elu, selu,
                                     softplus, softsign, exponential, linear, swish, leaky_relu)}
_BY_NAME["silu"] = swish


def get(identifier):
    """The activation for None (linear), a name ('relu', 'tanh', ...) or a callable."""
    if identifier is None:
        return linear
    if callable(identifier):
        return identifier
    if isinstance(identifier, str) and identifier in _BY_NAME:
        return _BY_NAME[identifier]
    raise ValueError("Unknown activation function: %r. Known names: %s."
                     % (identifier, ", ".join(sorted(_BY_NAME))))
