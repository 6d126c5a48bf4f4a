"""`tf.data` (TF1 spellings): datasets, one-shot / initializable / reinitializable iterators."""
# ruff: noqa: F401
from .dataset_ops import Dataset
from .iterator_ops import (Iterator, get_output_classes, get_output_shapes, get_output_types,
                           make_initializable_iterator, make_one_shot_iterator)
from .readers import TextLineDataset, TFRecordDataset

AUTOTUNE = -1
