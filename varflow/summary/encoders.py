"""What the summary kernels compute: TF's default histogram buckets, image scaling + PNG, audio WAV.

The numbers follow TF's kernels (checked against TF 2.21): histogram buckets grow by 10% from 1e-12 to
1e20 (mirrored for negatives, empty runs collapsed); float images are scaled per image into uint8 by
truncation; audio samples are clipped to [-1, 1] and scaled by 32768 into int16.
"""
from __future__ import annotations

import struct
import sys
import zlib

import numpy as np

from .summary_pb import HistogramProto

_DBL_MAX = sys.float_info.max


def _default_bucket_limits() -> np.ndarray:
    positive = []
    v = 1.0e-12
    while v < 1.0e20:
        positive.append(v)
        v *= 1.1
    positive.append(_DBL_MAX)
    negative = [-x for x in reversed(positive)]
    return np.array(negative + [0.0] + positive, dtype=np.float64)


BUCKET_LIMITS = _default_bucket_limits()


def histogram(values: np.ndarray) -> HistogramProto:
    """HistogramProto of `values` with TF's default buckets (values must be finite)."""
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    counts = np.bincount(np.searchsorted(BUCKET_LIMITS, flat, side="right"),
                         minlength=len(BUCKET_LIMITS))[:len(BUCKET_LIMITS)].astype(np.float64)
    proto = HistogramProto(min=float(flat.min()) if flat.size else _DBL_MAX,
                           max=float(flat.max()) if flat.size else -_DBL_MAX,
                           num=float(flat.size), sum=float(flat.sum()),
                           sum_squares=float(np.dot(flat, flat)))
    limits, buckets = [], []
    i, n = 0, len(counts)
    while i < n:
        end, count = BUCKET_LIMITS[i], counts[i]
        i += 1
        if count <= 0.0:
            while i < n and counts[i] <= 0.0:  # a run of empty buckets becomes one
                end, count = BUCKET_LIMITS[i], counts[i]
                i += 1
        limits.append(float(end))
        buckets.append(float(count))
    proto.bucket_limit = limits
    proto.bucket = buckets
    return proto


def image_to_uint8(image: np.ndarray, bad_color: np.ndarray) -> np.ndarray:
    """One [h, w, c] image as uint8: uint8 as is; floats scaled (0 -> 128 when negatives exist)."""
    if image.dtype == np.uint8:
        return image
    img = image.astype(np.float32)
    finite = np.isfinite(img)
    good = img[finite]
    lo = float(good.min()) if good.size else 0.0
    hi = float(good.max()) if good.size else 0.0
    if lo < 0:
        top = max(abs(lo), abs(hi))
        scale, offset = (0.0 if top < 1e-6 else 127.0 / top), 128.0
    else:
        scale, offset = (0.0 if hi < 1e-6 else 255.0 / hi), 0.0
    with np.errstate(invalid="ignore"):
        out = (np.where(finite, img, 0) * np.float32(scale) + np.float32(offset)).astype(np.uint8)
    bad = ~finite.all(axis=-1)
    if bad.any():
        out[bad] = bad_color[:img.shape[-1]]
    return out


def encode_png(image: np.ndarray) -> bytes:
    """PNG bytes of a uint8 [h, w, c] image (c = 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA)."""
    h, w, c = image.shape
    color_type = {1: 0, 2: 4, 3: 2, 4: 6}[c]
    rows = np.ascontiguousarray(image, dtype=np.uint8).reshape(h, w * c)
    raw = np.concatenate([np.zeros((h, 1), np.uint8), rows], axis=1).tobytes()  # filter 0 per row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def decode_png(data: bytes) -> np.ndarray:
    """Pixels of a PNG written by `encode_png` (8-bit, unfiltered rows): [h, w, c] uint8."""
    pos, idat, w = 8, b"", 0
    h = c = 0
    while pos < len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h, _, color_type = struct.unpack(">IIBB", body[:10])
            c = {0: 1, 4: 2, 2: 3, 6: 4}[color_type]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    rows = np.frombuffer(zlib.decompress(idat), np.uint8).reshape(h, 1 + w * c)
    return rows[:, 1:].reshape(h, w, c)


def encode_wav(samples: np.ndarray, sample_rate: float) -> bytes:
    """16-bit PCM WAV of float samples [frames, channels] in [-1, 1]."""
    frames, channels = samples.shape
    pcm = np.clip(np.round(np.clip(samples.astype(np.float64), -1.0, 1.0) * 32768.0), -32768, 32767)
    data = pcm.astype("<i2").tobytes()
    rate = int(sample_rate)
    header = (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt "
              + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * channels * 2, channels * 2, 16)
              + b"data" + struct.pack("<I", len(data)))
    return header + data
