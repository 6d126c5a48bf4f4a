"""`tf.contrib`: the TF1 contrib pieces TF1 code commonly imports (layers, framework, training)."""
from . import framework, layers, training

__all__ = ["framework", "layers", "training"]
