"""`tf.python_io`: TF1's home of the TFRecord writer, reader iterator and options."""
# ruff: noqa: F401
from ..io.tf_record import TFRecordCompressionType, TFRecordOptions, TFRecordWriter, tf_record_iterator
