"""`tf.contrib`: the TF1 contrib pieces TF1 code commonly imports (layers, framework, rnn, training)."""
from . import framework, layers, rnn, training

__all__ = ["framework", "layers", "rnn", "training"]
