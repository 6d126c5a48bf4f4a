"""`tf.keras` pieces TF1 graph code uses: activations, initializers and regularizers (not Keras
models)."""
# ruff: noqa: F401
from . import activations, initializers, regularizers
