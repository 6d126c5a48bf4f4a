"""`tf.py_func` / `tf.numpy_function`: a Python function on NumPy arrays as a graph op.

The op (`PyFunc`, or `PyFuncStateless` for `stateful=False`) calls the function with its inputs'
arrays each time it runs and checks the results against `Tout` as TensorFlow does: the count must
match and each result's dtype must be exactly the declared one (a Python float is float64). The
function object lives in the op's private attributes, so it never reaches a GraphDef; as in TF, the op's
`token` finds it again while its graph lives (`tf.import_graph_def` in the same process).
"""
from __future__ import annotations

import itertools
import weakref

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import convert_to_tensor
from ..framework.registry import define
from ..framework.tensor_shape import unknown_shape
from .op_util import make

__all__ = ["py_func", "numpy_function"]

_tokens = itertools.count()
_ops_by_token: "weakref.WeakValueDictionary" = weakref.WeakValueDictionary()   # token -> PyFunc op

# Python exceptions raised by the function, mapped to TF's error classes (observed in TF 2.21)
_ERROR_CLASSES = ((StopIteration, errors.OutOfRangeError), (MemoryError, errors.ResourceExhaustedError),
                  (NotImplementedError, errors.UnimplementedError),
                  ((ValueError, TypeError), errors.InvalidArgumentError))


def _rule(inputs, attrs):
    return [(dt, unknown_shape()) for dt in attrs["Tout"]]


def _as_result(value, dtype, index: int, token: str) -> np.ndarray:
    if dtype == dtypes.string:
        arr = np.asarray(value, dtype=object)
        if arr.dtype != object or not all(isinstance(v, (bytes, str)) for v in arr.reshape(-1)):
            raise errors.InvalidArgumentError(
                None, None, "%d-th value returned by %s is %s, but expects string"
                % (index, token, dtypes.dtype_of_numpy(np.asarray(value).dtype).name))
        return np.vectorize(lambda v: v.encode() if isinstance(v, str) else v,
                            otypes=[object])(arr) if arr.size else arr
    arr = np.asarray(value)
    if arr.dtype.kind in "US":
        got = "string"
    else:
        try:
            got = dtypes.dtype_of_numpy(arr.dtype).name
        except (TypeError, KeyError):
            got = str(arr.dtype)
    if got != dtype.name:
        raise errors.InvalidArgumentError(
            None, None, "%d-th value returned by %s is %s, but expects %s (convert it in the "
            "function, e.g. np.asarray(result, %r))" % (index, token, got, dtype.name,
                                                        dtype.name))
    return arr


def _compile(op, runtime):
    func = op._attrs["_func"]
    tout = op._attrs["Tout"]
    token = op._attrs["token"]

    def kernel(*args):
        try:
            result = func(*args)
        except Exception as e:
            for py_classes, tf_class in _ERROR_CLASSES:
                if isinstance(e, py_classes):
                    raise tf_class(None, None, "%s: %s" % (type(e).__name__, e)) from e
            raise errors.UnknownError(None, None, "%s: %s" % (type(e).__name__, e)) from e
        if not tout:
            return ()
        values = list(result) if isinstance(result, (list, tuple)) else [result]
        if len(values) != len(tout):
            raise errors.InvalidArgumentError(None, None, "%s returns %d values, but expects to "
                                              "see %d values." % (token, len(values), len(tout)))
        arrays = tuple(_as_result(v, dt, i, token) for i, (v, dt) in enumerate(zip(values, tout)))
        return arrays[0] if len(arrays) == 1 else arrays
    return kernel


define("PyFunc", _rule, compile=_compile, stateful=True, differentiable=False)
define("PyFuncStateless", _rule, compile=_compile, differentiable=False)


def py_func(func, inp, Tout, stateful: bool = True, name=None):  # noqa: N803 - TF's argument name
    """`tf.py_func`: run `func` on the NumPy values of `inp`; returns one tensor when `Tout` is a
    single dtype, a list when it is a list (no gradient flows through it)."""
    single = not isinstance(Tout, (list, tuple))
    tout = [dtypes.as_dtype(t) for t in ([Tout] if single else Tout)]
    inputs = [convert_to_tensor(x) for x in (inp or [])]
    op_type = "PyFunc" if stateful else "PyFuncStateless"
    attrs = {"Tin": [t.dtype for t in inputs], "Tout": tout,
             "token": "pyfunc_%d" % next(_tokens), "_func": func}
    op = make(op_type, inputs, attrs, name=name or op_type)
    _ops_by_token[attrs["token"]] = op
    if single:
        return op._outputs[0]
    return list(op._outputs) if op._outputs else op


def registered_function(token: str):
    """The Python function of the live py_func op whose token is `token` (None when there is none)."""
    op = _ops_by_token.get(token)
    return None if op is None else op._attrs["_func"]


def numpy_function(func, inp, Tout, stateful: bool = True, name=None):  # noqa: N803
    """`tf.numpy_function`: `tf.py_func` under its TF 2 name."""
    return py_func(func, inp, Tout, stateful=stateful, name=name)
