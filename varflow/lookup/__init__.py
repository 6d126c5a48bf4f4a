"""`tf.lookup`: lookup tables (defined in `ops.lookup_ops`), under TF1's `tf.compat.v1.lookup` names."""
# ruff: noqa: F401
from ..ops.lookup_ops import (KeyValueTensorInitializer, StaticHashTable, StaticVocabularyTable,
                              TextFileIndex, TextFileInitializer)
from . import experimental
