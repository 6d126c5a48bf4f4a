"""File-backed datasets: `tf.data.TextLineDataset` (one string element per line) and
`tf.data.TFRecordDataset` (one string element per record)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import convert_to_tensor, name_scope
from ..framework.tensor_shape import TensorShape
from ..io.tf_record import TFRecordOptions, iter_records
from .dataset_ops import Dataset


class TextLineDataset(Dataset):
    """The lines of one or more text files, without their line endings, as scalar strings."""

    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None):
        with name_scope("TextLineDataset"):
            self._filenames = convert_to_tensor(filenames, dtype=dtypes.string, name="filenames")
        if self._filenames.shape.ndims not in (None, 0, 1):
            raise ValueError("filenames must be a scalar or a vector of strings, got shape %s"
                             % self._filenames.shape)
        self._compression = compression_type or ""
        self._set_element(None, [dtypes.string], [TensorShape([])])

    def _captures(self) -> list:
        return [self._filenames]

    def _iter(self, env):
        from ..platform import gfile

        for name in np.reshape(env.values[self._filenames], [-1]):
            name = name.decode() if isinstance(name, bytes) else str(name)
            if self._compression == "GZIP":
                import gzip

                handle = gzip.open(name, "rb")
            else:
                handle = gfile.GFile(name, "rb")
            with handle as f:
                for line in f:
                    yield [np.array(line.rstrip(b"\n").rstrip(b"\r"), dtype=object)]


class TFRecordDataset(Dataset):
    """The records of one or more TFRecord files (optionally "ZLIB"/"GZIP" compressed) as scalar
    strings; a corrupt record raises DataLossError naming the file and offset."""

    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None):
        with name_scope("TFRecordDataset"):
            self._filenames = convert_to_tensor(filenames, dtype=dtypes.string, name="filenames")
        if self._filenames.shape.ndims not in (None, 0, 1):
            raise ValueError("filenames must be a scalar or a vector of strings, got shape %s"
                             % self._filenames.shape)
        self._compression = TFRecordOptions.get_compression_type_string(compression_type)
        self._set_element(None, [dtypes.string], [TensorShape([])])

    def _captures(self) -> list:
        return [self._filenames]

    def _iter(self, env):
        for name in np.reshape(env.values[self._filenames], [-1]):
            for record in iter_records(name.decode() if isinstance(name, bytes) else str(name), self._compression):
                yield [np.array(record, dtype=object)]
