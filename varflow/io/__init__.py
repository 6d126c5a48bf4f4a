"""`tf.io`: reading and writing input files — TFRecord files, Example parsing, raw/CSV decoding,
tensor (de)serialization and the `gfile` file API."""
# ruff: noqa: F401
from ..framework.graph_def import write_graph
from ..ops.file_ops import (decode_csv, decode_raw, matching_files, parse_tensor, read_file, serialize_tensor,
                            write_file)
from ..ops.parsing_ops import (FixedLenFeature, FixedLenSequenceFeature, VarLenFeature, parse_example,
                               parse_sequence_example, parse_single_example,
                               parse_single_sequence_example)
from . import gfile
from .tf_record import TFRecordCompressionType, TFRecordOptions, TFRecordWriter, tf_record_iterator
