"""`tf.summary` (TF1): summary ops, FileWriter and the Summary/Event protos, for TensorBoard."""
from __future__ import annotations

from .summary_ops import audio, histogram, image, merge, merge_all, scalar, tensor_summary, text
from .summary_pb import (Event, HistogramProto, LogMessage, SessionLog, Summary, SummaryDescription,
                         SummaryMetadata, TaggedRunMetadata)
from .writer import FileWriter, FileWriterCache

__all__ = ["Event", "FileWriter", "FileWriterCache", "HistogramProto", "LogMessage", "SessionLog", "Summary",
           "SummaryDescription", "SummaryMetadata", "TaggedRunMetadata", "audio", "histogram", "image",
           "merge", "merge_all", "scalar", "tensor_summary", "text"]
