"""The summary and event messages TensorBoard reads (TF's summary.proto and event.proto).

`tf.Summary(value=[tf.Summary.Value(tag="loss", simple_value=0.5)])` and `tf.Event(...)` are built from
these classes; field numbers were checked against TF's descriptors.
"""
from __future__ import annotations

from ..framework.proto_message import Field, Message
from ..framework.tensor_proto import TensorProto


class HistogramProto(Message):
    """A histogram: stats plus bucket right edges (`bucket_limit`) and counts (`bucket`)."""

    FIELDS = (Field("min", 1, "double"), Field("max", 2, "double"), Field("num", 3, "double"),
              Field("sum", 4, "double"), Field("sum_squares", 5, "double"),
              Field("bucket_limit", 6, "double", repeated=True),
              Field("bucket", 7, "double", repeated=True))


class SummaryMetadata(Message):
    """Which TensorBoard plugin owns a value (and its display name / description)."""

    class PluginData(Message):
        FIELDS = (Field("plugin_name", 1, "string"), Field("content", 2, "bytes"))

    FIELDS = (Field("plugin_data", 1, "message", message=lambda: SummaryMetadata.PluginData),
              Field("display_name", 2, "string"),
              Field("summary_description", 3, "string"),
              Field("data_class", 4, "enum", enum_names={0: "DATA_CLASS_UNKNOWN", 1: "DATA_CLASS_SCALAR",
                                                        2: "DATA_CLASS_TENSOR", 3: "DATA_CLASS_BLOB_SEQUENCE"}))


class SummaryDescription(Message):
    """`tf.summary.SummaryDescription`: the type hint of a summary op."""

    FIELDS = (Field("type_hint", 1, "string"),)


class Summary(Message):
    """A set of tagged values (scalars, histograms, images, audio, tensors) for one step."""

    class Image(Message):
        """An encoded image (PNG) with its size and channel count (colorspace)."""

        FIELDS = (Field("height", 1, "int32"), Field("width", 2, "int32"), Field("colorspace", 3, "int32"),
                  Field("encoded_image_string", 4, "bytes"))

    class Audio(Message):
        """An encoded audio clip (WAV)."""

        FIELDS = (Field("sample_rate", 1, "float"), Field("num_channels", 2, "int64"),
                  Field("length_frames", 3, "int64"), Field("encoded_audio_string", 4, "bytes"),
                  Field("content_type", 5, "string"))

    class Value(Message):
        """One tagged value; exactly one of simple_value/image/histo/audio/tensor is set."""

        FIELDS = (Field("tag", 1, "string"),
                  Field("simple_value", 2, "float", oneof="value"),
                  Field("obsolete_old_style_histogram", 3, "bytes", oneof="value"),
                  Field("image", 4, "message", message=lambda: Summary.Image, oneof="value"),
                  Field("histo", 5, "message", message=HistogramProto, oneof="value"),
                  Field("audio", 6, "message", message=lambda: Summary.Audio, oneof="value"),
                  Field("node_name", 7, "string"),
                  Field("tensor", 8, "message", message=TensorProto, oneof="value"),
                  Field("metadata", 9, "message", message=SummaryMetadata))

    FIELDS = (Field("value", 1, "message", repeated=True, message=lambda: Summary.Value),)


class LogMessage(Message):
    """A log line recorded in an event file."""

    UNKNOWN, DEBUGGING, INFO, WARN, ERROR, FATAL = 0, 10, 20, 30, 40, 50
    FIELDS = (Field("level", 1, "enum", enum_names={0: "UNKNOWN", 10: "DEBUGGING", 20: "INFO", 30: "WARN",
                                                    40: "ERROR", 50: "FATAL"}),
              Field("message", 2, "string"))


class SessionLog(Message):
    """Session start/stop/checkpoint markers (TensorBoard discards stale events after a restart)."""

    STATUS_UNSPECIFIED, START, STOP, CHECKPOINT = 0, 1, 2, 3
    FIELDS = (Field("status", 1, "enum", enum_names={0: "STATUS_UNSPECIFIED", 1: "START", 2: "STOP",
                                                     3: "CHECKPOINT"}),
              Field("checkpoint_path", 2, "string"),
              Field("msg", 3, "string"))


class TaggedRunMetadata(Message):
    """A serialized RunMetadata under a tag."""

    FIELDS = (Field("tag", 1, "string"), Field("run_metadata", 2, "bytes"))


class Event(Message):
    """One record of an events file: a wall time, a step, and what happened (summary, graph, …)."""

    FIELDS = (Field("wall_time", 1, "double"), Field("step", 2, "int64"),
              Field("file_version", 3, "string", oneof="what"),
              Field("graph_def", 4, "bytes", oneof="what"),
              Field("summary", 5, "message", message=Summary, oneof="what"),
              Field("log_message", 6, "message", message=LogMessage, oneof="what"),
              Field("session_log", 7, "message", message=SessionLog, oneof="what"),
              Field("tagged_run_metadata", 8, "message", message=TaggedRunMetadata, oneof="what"),
              Field("meta_graph_def", 9, "bytes", oneof="what"))
