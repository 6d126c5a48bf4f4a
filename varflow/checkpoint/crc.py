"""Masked CRC-32C, the checksum TensorFlow's table blocks and tensor bundles store.

TF (like LevelDB) never stores a raw crc32c of data that itself may contain crcs: it stores a "masked"
value (rotate right by 15 bits, add a constant), computed here with the C-accelerated `google_crc32c`.
"""
from __future__ import annotations

import numpy as np
from google_crc32c import _crc32c as _impl  # the C extension: value()/extend() on read-only buffers

_MASK_DELTA = 0xA282EAD8
_U32 = 0xFFFFFFFF


def _readonly(data) -> bytes | np.ndarray:
    """A read-only, contiguous byte view of `data` without copying (the C extension rejects others)."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, np.ndarray):
        view = (data if data.flags.c_contiguous else data.copy(order="C")).reshape(-1).view(np.uint8)
    else:
        view = np.frombuffer(data, dtype=np.uint8)
    view = view.view()
    view.flags.writeable = False
    return view


def crc32c(data, crc: int = 0) -> int:
    """CRC-32C of `data` (bytes, bytearray, memoryview or ndarray), extending `crc` when given."""
    view = _readonly(data)
    return _impl.extend(crc, view) if crc else _impl.value(view)


def mask(crc: int) -> int:
    """TF's masked form of a crc32c value (what goes on disk)."""
    return ((((crc >> 15) | (crc << 17)) & _U32) + _MASK_DELTA) & _U32


def unmask(masked: int) -> int:
    """Inverse of `mask`."""
    rot = (masked - _MASK_DELTA) & _U32
    return ((rot >> 17) | (rot << 15)) & _U32


def masked_crc32c(data) -> int:
    """`mask(crc32c(data))`: the checksum stored for a block or a tensor."""
    return mask(crc32c(data))
