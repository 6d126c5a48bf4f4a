"""TF1 summary ops (`tf.summary.scalar`, `histogram`, `image`, `audio`, `text`, `tensor_summary`, `merge`).

Each op outputs a string scalar: a serialized `Summary` protobuf, which `FileWriter.add_summary` writes.
Op types, names, tags and collections follow TF1: `tf.summary.scalar("loss", x)` builds `loss/tags` and a
ScalarSummary op named `loss` whose tag is the name scope, and adds it to the SUMMARIES collection.
"""
from __future__ import annotations

import contextlib
import re

import numpy as np

from ..framework import dtypes, errors, registry
from ..framework.graph import convert_to_tensor, get_default_graph, name_scope
from ..framework.graph_keys import GraphKeys
from ..framework.tensor_proto import make_tensor_proto
from ..framework.tensor_shape import TensorShape
from ..ops.constant_op import constant
from ..ops.op_util import make1
from . import encoders
from .summary_pb import Summary, SummaryMetadata

__all__ = ["scalar", "histogram", "image", "audio", "text", "tensor_summary", "merge", "merge_all"]

_STRING_SCALAR = [(dtypes.string, TensorShape([]))]
_REAL = frozenset([dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64, dtypes.int8,
                   dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16, dtypes.uint32,
                   dtypes.uint64])
_IMAGE_TYPES = frozenset([dtypes.uint8, dtypes.float16, dtypes.float32, dtypes.float64])
_BAD_COLOR = np.array([255, 0, 0, 255], dtype=np.uint8)


def _out(summary: Summary) -> np.ndarray:
    return np.array(summary.SerializeToString(), dtype=object)


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _check_dtype(tensor, allowed, what: str) -> None:
    if tensor.dtype.base_dtype not in allowed:
        raise TypeError("Value passed to parameter '%s' has DataType %s not in list of allowed values: "
                        "%s" % (what, tensor.dtype.base_dtype.name, ", ".join(sorted(d.name for d in allowed))))


# --- ScalarSummary ---------------------------------------------------------------------------------
def _scalar_infer(inputs, attrs):
    _check_dtype(inputs[1], _REAL, "values")
    return _STRING_SCALAR


def _scalar_kernel(tags, values, **attrs):
    tags, values = np.asarray(tags, dtype=object), np.asarray(values)
    if tags.shape != values.shape:
        raise errors.InvalidArgumentError(
            None, None, "tags and values are not the same shape: [%s] != [%s] (tag '%s')"
            % (",".join(map(str, tags.shape)), ",".join(map(str, values.shape)),
               _text(tags.reshape(-1)[0]) if tags.size else ""))
    s = Summary()
    for tag, value in zip(tags.reshape(-1), values.reshape(-1)):
        s.value.add(tag=_text(tag), simple_value=float(value))
    return _out(s)


registry.define("ScalarSummary", _scalar_infer, _scalar_kernel, differentiable=False)


# --- HistogramSummary ------------------------------------------------------------------------------
def _histogram_kernel(tag, values, **attrs):
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    bad = ~np.isfinite(flat)
    if bad.any():
        first = flat[bad][0]
        raise errors.InvalidArgumentError(
            None, None, ("Nan in summary histogram for: %s" if np.isnan(first) else
                         "Infinity in Histogram for: %s") % _text(np.asarray(tag, dtype=object).item()))
    s = Summary()
    s.value.add(tag=_text(np.asarray(tag, dtype=object).item()), histo=encoders.histogram(flat))
    return _out(s)


def _histogram_infer(inputs, attrs):
    _check_dtype(inputs[1], _REAL, "values")
    return _STRING_SCALAR


registry.define("HistogramSummary", _histogram_infer, _histogram_kernel, differentiable=False)


# --- ImageSummary / AudioSummaryV2 -----------------------------------------------------------------
def _numbered_tags(base: str, kind: str, count: int, max_outputs: int) -> list:
    if max_outputs == 1:
        return ["%s/%s" % (base, kind)][:count]
    return ["%s/%s/%d" % (base, kind, i) for i in range(count)]


def _image_infer(inputs, attrs):
    t = inputs[1]
    _check_dtype(t, _IMAGE_TYPES, "tensor")
    dims = t.shape._dims
    if dims is not None:
        if len(dims) != 4:
            raise ValueError("Shape must be rank 4 but is rank %d for 'ImageSummary' (images must be "
                             "[batch_size, height, width, channels])" % len(dims))
        if dims[3] is not None and dims[3] not in (1, 3, 4):
            raise ValueError("Tensor must have 1, 3, or 4 channels, got %d" % dims[3])
    return _STRING_SCALAR


def _image_kernel(tag, tensor, max_images=3, bad_color=None, **attrs):
    images = np.asarray(tensor)
    if images.ndim != 4 or images.shape[3] not in (1, 3, 4):
        raise errors.InvalidArgumentError(None, None, "Tensor must be 4-D with last dim 1, 3, or 4, "
                                          "not %s" % (list(images.shape),))
    color = _BAD_COLOR if bad_color is None else np.asarray(bad_color, dtype=np.uint8).reshape(-1)
    base = _text(np.asarray(tag, dtype=object).item())
    count = min(images.shape[0], max_images)
    s = Summary()
    for i, name in enumerate(_numbered_tags(base, "image", count, max_images)):
        pixels = encoders.image_to_uint8(images[i], color)
        h, w, c = pixels.shape
        s.value.add(tag=name, image=Summary.Image(height=h, width=w, colorspace=c,
                                                  encoded_image_string=encoders.encode_png(pixels)))
    return _out(s)


registry.define("ImageSummary", _image_infer, _image_kernel, differentiable=False)


def _audio_infer(inputs, attrs):
    _check_dtype(inputs[1], frozenset([dtypes.float32]), "tensor")
    ndims = inputs[1].shape.ndims
    if ndims is not None and ndims not in (2, 3):
        raise ValueError("Shape must be rank 2 or 3 for 'AudioSummaryV2' (audio must be [batch, frames] "
                         "or [batch, frames, channels]), got rank %d" % ndims)
    return _STRING_SCALAR


def _audio_kernel(tag, tensor, sample_rate, max_outputs=3, **attrs):
    clips = np.asarray(tensor, dtype=np.float32)
    if clips.ndim == 2:
        clips = clips[:, :, None]
    rate = float(np.asarray(sample_rate))
    if rate <= 0:
        raise errors.InvalidArgumentError(None, None, "sample_rate must be > 0")
    base = _text(np.asarray(tag, dtype=object).item())
    count = min(clips.shape[0], max_outputs)
    s = Summary()
    for i, name in enumerate(_numbered_tags(base, "audio", count, max_outputs)):
        frames, channels = clips[i].shape
        s.value.add(tag=name, audio=Summary.Audio(
            sample_rate=rate, num_channels=channels, length_frames=frames, content_type="audio/wav",
            encoded_audio_string=encoders.encode_wav(clips[i], rate)))
    return _out(s)


registry.define("AudioSummaryV2", _audio_infer, _audio_kernel, differentiable=False)


# --- TensorSummaryV2 / MergeSummary ----------------------------------------------------------------
def _tensor_summary_kernel(tag, tensor, serialized_summary_metadata, **attrs):
    s = Summary()
    value = s.value.add(tag=_text(np.asarray(tag, dtype=object).item()))
    arr = np.asarray(tensor)
    value.tensor = make_tensor_proto(arr, dtype=dtypes.string if arr.dtype == object else None)
    value.metadata = SummaryMetadata.FromString(np.asarray(serialized_summary_metadata, dtype=object).item())
    return _out(s)


registry.define("TensorSummaryV2", lambda inputs, attrs: _STRING_SCALAR, _tensor_summary_kernel,
                differentiable=False)


def _merge_infer(inputs, attrs):
    for t in inputs:
        if t.dtype.base_dtype != dtypes.string:
            raise TypeError("tf.summary.merge expects string tensors (serialized Summary protos), got "
                            "%s of type %s" % (t.name, t.dtype.name))
    return _STRING_SCALAR


def _merge_kernel(*inputs, **attrs):
    merged = Summary()
    seen: set = set()
    for serialized in inputs:
        for item in np.asarray(serialized, dtype=object).reshape(-1):
            for value in Summary.FromString(item).value:
                if value.tag in seen:
                    raise errors.InvalidArgumentError(
                        None, None, "Duplicate tag %s found in summary inputs " % value.tag)
                seen.add(value.tag)
                merged.value.append(value)
    return _out(merged)


registry.define("MergeSummary", _merge_infer, _merge_kernel, differentiable=False)


# --- public API ----------------------------------------------------------------------------------
def _clean_tag(name):
    if name is None:
        return None
    cleaned = re.sub(r"[^-/\w\.]", "_", name).lstrip("/")
    return cleaned


@contextlib.contextmanager
def _summary_scope(name, family, values):
    name, family = _clean_tag(name), _clean_tag(family)
    base = name if family is None else "%s/%s" % (family, name)
    with name_scope(base, None, values) as scope:
        tag = scope.rstrip("/")
        yield (tag if family is None else "%s/%s" % (family, tag)), scope


def _collect(tensor, collections, default=(GraphKeys.SUMMARIES,)) -> None:
    graph = tensor.graph
    for key in (default if collections is None else collections):
        graph.add_to_collection(key, tensor)


def scalar(name: str, tensor, collections=None, family=None):
    """`tf.summary.scalar`: a Summary with one `simple_value` (the tensor must be a real scalar)."""
    with _summary_scope(name, family, [tensor]) as (tag, scope):
        t = convert_to_tensor(tensor)
        out = make1("ScalarSummary", [constant(tag, name="tags"), t], {"T": t.dtype.base_dtype}, name=scope)
    _collect(out, collections)
    return out


def histogram(name: str, values, collections=None, family=None):
    """`tf.summary.histogram`: a Summary with a histogram of `values` (TF's default buckets)."""
    with _summary_scope(name, family, [values]) as (tag, scope):
        t = convert_to_tensor(values)
        out = make1("HistogramSummary", [constant(tag, name="tag"), t], {"T": t.dtype.base_dtype},
                    name=scope)
    _collect(out, collections)
    return out


def image(name: str, tensor, max_outputs: int = 3, collections=None, family=None):
    """`tf.summary.image`: up to `max_outputs` PNG images from a [batch, h, w, 1|3|4] tensor."""
    with _summary_scope(name, family, [tensor]) as (tag, scope):
        t = convert_to_tensor(tensor)
        attrs = {"max_images": int(max_outputs), "T": t.dtype.base_dtype, "bad_color": _BAD_COLOR.copy()}
        out = make1("ImageSummary", [constant(tag, name="tag"), t], attrs, name=scope)
    _collect(out, collections)
    return out


def audio(name: str, tensor, sample_rate, max_outputs: int = 3, collections=None, family=None):
    """`tf.summary.audio`: up to `max_outputs` WAV clips from a [batch, frames(, channels)] float tensor."""
    with _summary_scope(name, family, [tensor]) as (tag, scope):
        rate = convert_to_tensor(sample_rate, dtype=dtypes.float32, name="sample_rate")
        t = convert_to_tensor(tensor)
        out = make1("AudioSummaryV2", [constant(tag, name="tag"), t, rate],
                    {"max_outputs": int(max_outputs)}, name=scope)
    _collect(out, collections)
    return out


def tensor_summary(name: str, tensor, summary_description=None, collections=None, summary_metadata=None,
                   family=None, display_name=None):
    """`tf.summary.tensor_summary`: the whole tensor as a TensorProto, with optional plugin metadata."""
    if summary_metadata is None:
        summary_metadata = SummaryMetadata()
    if summary_description is not None:
        summary_metadata.summary_description = summary_description
    if display_name is not None:
        summary_metadata.display_name = display_name
    with _summary_scope(name, family, [tensor]) as (tag, scope):
        t = convert_to_tensor(tensor)
        tag_t = constant(tag, name="tag")
        meta = constant(summary_metadata.SerializeToString(), name="serialized_summary_metadata")
        out = make1("TensorSummaryV2", [tag_t, t, meta], {"T": t.dtype.base_dtype}, name=scope)
    _collect(out, collections)
    return out


def text(name: str, tensor, collections=None):
    """`tf.summary.text`: a string tensor for TensorBoard's text plugin."""
    t = convert_to_tensor(tensor)
    if t.dtype.base_dtype != dtypes.string:
        raise ValueError("Expected tensor %s to have dtype string, got %r" % (t.name, t.dtype))
    meta = SummaryMetadata(plugin_data=SummaryMetadata.PluginData(plugin_name="text"))
    return tensor_summary(name, t, summary_metadata=meta, collections=collections)


def merge(inputs, collections=None, name=None):
    """`tf.summary.merge`: one Summary holding the values of all `inputs` (duplicate tags are an error)."""
    inputs = [convert_to_tensor(x) for x in inputs]
    with name_scope(name, "Merge", inputs):
        out = make1("MergeSummary", inputs, {"N": len(inputs)}, name=name or "MergeSummary")
    _collect(out, collections, default=())
    return out


def merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None):
    """`tf.summary.merge_all`: merge the summaries of collection `key` (None when there are none)."""
    summaries = get_default_graph().get_collection(key, scope=scope)
    if not summaries:
        return None
    return merge(summaries, name=name)

