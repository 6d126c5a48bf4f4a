"""`tf.constant` and the Python/NumPy → array conversion rules TF applies to constant values."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape
from . import op_util

_INT32 = np.iinfo(np.int32)
_FLOAT32_MAX = float(np.finfo(np.float32).max)


def _infer_numpy(value) -> np.ndarray:
    """A NumPy array for a Python value with TF's default dtypes (float32, int32/int64, bool, bytes)."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in ("U", "S"):
            return _strings(value)
        return value
    if isinstance(value, np.generic):
        return np.asarray(value)
    arr = np.asarray(value)
    kind = arr.dtype.kind
    if kind == "f":
        return _to_float32(arr)
    if kind in ("i", "u"):
        if arr.size and (arr.max() > _INT32.max or arr.min() < _INT32.min):
            return arr.astype(np.int64)
        return arr.astype(np.int32)
    if kind in ("U", "S"):      # from the Python objects: NumPy's fixed-width dtypes drop trailing NULs
        return _strings(np.array(value, dtype=object))
    if kind == "O" and _all_strings(arr):
        return _strings(arr)
    if kind == "c":
        return arr.astype(np.complex128)
    if kind == "b":
        return arr
    if kind == "O":
        raise TypeError("Failed to convert elements of %r to Tensor. Consider casting elements to "
                        "a supported type." % (value,))
    return arr


def _to_float32(arr: np.ndarray) -> np.ndarray:
    """`arr` as float32; values beyond float32's range become inf silently, as in TF (the
    error-state switch is skipped for the common in-range scalar: it costs more than the cast)."""
    if arr.ndim == 0 and abs(float(arr)) <= _FLOAT32_MAX:
        return arr.astype(np.float32)
    with np.errstate(over="ignore"):
        return arr.astype(np.float32)


def _all_strings(arr) -> bool:
    return all(isinstance(x, (str, bytes)) for x in arr.flat)


def _strings(arr) -> np.ndarray:
    out = np.empty(np.shape(arr), dtype=object)
    flat = out.reshape(-1)
    for i, x in enumerate(np.asarray(arr, dtype=object).reshape(-1)):
        flat[i] = x.encode() if isinstance(x, str) else bytes(x)
    return out


def get_static_value(tensor, partial: bool = False):
    """`tf.get_static_value`: the NumPy value of `tensor` when graph construction already knows it
    (a constant, or a computation TF folds), else None; a non-tensor is returned as it is."""
    from ..framework.graph import Tensor
    from .op_util import const_value

    if not isinstance(tensor, Tensor):
        return tensor
    value = const_value(tensor)
    return None if value is None else np.asarray(value)


def _compatible(arr: np.ndarray, dtype: dtypes.DType, value) -> None:
    """TF rejects lossy conversion of Python values (2.0 to int32, True to float32, 'a' to int)."""
    kind = arr.dtype.kind
    if arr.size == 0:
        ok = True   # an empty list takes any dtype
    elif dtype == dtypes.string:
        ok = kind in ("O", "S", "U")
    elif dtype == dtypes.bool:
        ok = kind == "b"
    elif dtype.is_integer:
        ok = kind in ("i", "u")
    elif dtype.is_floating:
        ok = kind in ("i", "u", "f")
    elif dtype.is_complex:
        ok = kind in ("i", "u", "f", "c")
    else:
        ok = False
    if not ok:
        shown = value if np.size(arr) < 10 else "a %s array" % (arr.dtype,)
        raise TypeError("Expected %s, got %r of type '%s' instead." %
                        (dtype.name, shown, type(value).__name__))


def to_numpy(value, dtype=None, shape=None, verify_shape: bool = False) -> np.ndarray:
    """The array a Const op holds for `value` (TF's make_tensor_proto rules, TF1 flavour)."""
    if value is None:
        raise ValueError("None values not supported: a tensor needs a value (use tf.placeholder "
                         "for one fed at run time).")
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype
    if isinstance(value, (np.ndarray, np.generic)) and dtype is not None and dtype != dtypes.string:
        arr = np.asarray(value)
        if arr.dtype.kind in ("U", "S", "O"):
            _compatible(_infer_numpy(arr), dtype, value)
        arr = arr.astype(dtype.np_dtype, copy=False)
    else:
        arr = _infer_numpy(value)
        if dtype is not None:
            if not isinstance(value, (np.ndarray, np.generic)):
                _compatible(arr, dtype, value)
            if dtype == dtypes.string:
                arr = _strings(arr) if arr.dtype != object else arr
            elif arr.dtype.kind in ("f", "c") and dtype != dtypes.float32 \
                    and (dtype.is_floating or dtype.is_complex):
                # from the Python values themselves: 0.1 as float64 keeps its 53 bits, 1e40 stays finite
                with np.errstate(over="ignore"):
                    arr = np.asarray(value).astype(dtype.np_dtype)
            else:
                # integers out of range keep their low bits (300 as int8 is 44), as TF converts them
                arr = arr.astype(dtype.np_dtype, copy=False)
    if shape is not None:
        shape = [int(d) for d in TensorShape(shape).as_list()]
        size = int(np.prod(shape)) if shape else 1
        if verify_shape and list(arr.shape) != shape:
            raise TypeError("Expected Tensor's shape: %s, got %s." % (tuple(shape), arr.shape))
        if arr.size == size:
            arr = arr.reshape(shape)
        elif arr.size == 1:
            arr = np.full(shape, arr.reshape(()), dtype=arr.dtype)
        elif arr.size < size and arr.size > 0:
            flat = arr.reshape(-1)
            arr = np.concatenate([flat, np.full(size - flat.size, flat[-1], dtype=arr.dtype)]).reshape(shape)
        else:
            raise ValueError("Too many elements provided. Needed at most %d, but received %d"
                             % (size, arr.size))
    if arr.flags.writeable:
        arr = np.array(arr, copy=True) if arr is value or arr.base is not None else arr
        arr.flags.writeable = False
    return arr


def _const_rule(inputs, attrs):
    value = attrs["value"]
    return [(attrs["dtype"], TensorShape(value.shape))]


def _const_compile(op, runtime):
    value = op._attrs["value"]
    return lambda: value


define("Const", _const_rule, compile=_const_compile, differentiable=False)


def constant(value, dtype=None, shape=None, name: str = "Const", verify_shape: bool = False):
    """`tf.constant`: a tensor holding `value` (a short list is padded with its last element)."""
    arr = to_numpy(value, dtype, shape, verify_shape)
    tf_dtype = dtypes.as_dtype(dtype).base_dtype if dtype is not None else dtypes.dtype_of_numpy(arr.dtype)
    return op_util.make1("Const", [], {"value": arr, "dtype": tf_dtype}, name=name)


def is_constant(t) -> bool:
    return getattr(getattr(t, "op", None), "type", None) == "Const"
