"""`tf.keras` pieces TF1 graph code uses: initializers and regularizers (not Keras models)."""
# ruff: noqa: F401
from . import initializers, regularizers
