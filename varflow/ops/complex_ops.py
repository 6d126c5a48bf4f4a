"""`tf.complex` and the TF1 casts to complex (`tf.to_complex64`, `tf.to_complex128`), built on the
Complex op defined in math_ops (with its gradient)."""
from __future__ import annotations

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor
from . import math_ops
from .op_util import make1

__all__ = ["complex", "to_complex64", "to_complex128"]


def complex(real, imag, name=None) -> Tensor:  # noqa: A001 - TF's name
    """`tf.complex`: real + 1j * imag elementwise (broadcasting); float32 parts give complex64,
    float64 parts complex128."""
    real = convert_to_tensor(real, name="real")
    imag = convert_to_tensor(imag, name="imag")
    r, i = real.dtype.base_dtype, imag.dtype.base_dtype
    if r != i or r not in (dtypes.float32, dtypes.float64):
        raise TypeError("The `real` and `imag` components have incorrect types: %s %s. They must "
                        "be consistent, and one of [tf.float32, tf.float64]" % (r.name, i.name))
    return make1("Complex", [real, imag], name=name or "Complex")


def to_complex64(x, name: str = "ToComplex64") -> Tensor:
    """`tf.to_complex64` (deprecated in TF): `tf.cast(x, tf.complex64)`."""
    return math_ops.cast(x, dtypes.complex64, name=name)


def to_complex128(x, name: str = "ToComplex128") -> Tensor:
    """`tf.to_complex128` (deprecated in TF): `tf.cast(x, tf.complex128)`."""
    return math_ops.cast(x, dtypes.complex128, name=name)
