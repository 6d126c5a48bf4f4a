"""`tf.contrib`: the TF1 contrib pieces TF1 code commonly imports (layers, framework)."""
from . import framework, layers

__all__ = ["framework", "layers"]
