"""Run-time checks and printing: `tf.Assert`, `tf.check_numerics`, `tf.print`, `tf.Print`, and the
`tf.debugging.assert_*` family (checked at build time when the values are already known, as TF does).
"""
from __future__ import annotations

import sys
import weakref

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Operation, Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from .op_util import FLOATS, const_value, make, make1, no_outputs, same_as_first

__all__ = ["Assert", "check_numerics", "verify_tensor_all_finite", "print", "Print", "assert_equal", "assert_none_equal",
           "assert_less", "assert_less_equal", "assert_greater", "assert_greater_equal",
           "assert_positive", "assert_negative", "assert_non_negative", "assert_non_positive",
           "assert_rank", "assert_rank_at_least", "assert_type", "assert_scalar",
           "is_numeric_tensor"]

# ------------------------------------------------------------------------------------------------
# Formatting values the way TF's kernels do
# ------------------------------------------------------------------------------------------------
def _element(v) -> str:
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (float, np.floating)):
        text = str(v)
        if text.endswith(".0"):
            text = text[:-2]
        return text
    return str(v)


def summarize(value, limit: int | None = 3) -> str:
    """TF1's tensor summary (Assert, Print): the first `limit` elements, nested by dimension."""
    arr = np.asarray(value)
    flat = arr.reshape(-1)
    n = flat.size if limit is None or limit < 0 else min(limit, flat.size)
    if arr.ndim == 0:
        return _element(flat[0]) if flat.size else ""
    out: list = []
    pos = [0]

    def dim(d: int):
        if pos[0] >= n:
            return
        size = arr.shape[d]
        if d == arr.ndim - 1:
            for i in range(size):
                if pos[0] >= n:
                    if d != 0:
                        out.append("...")
                    return
                if i:
                    out.append(" ")
                out.append(_element(flat[pos[0]]))
                pos[0] += 1
            return
        for _ in range(size):
            opened = pos[0] < n
            if opened:
                out.append("[")
            dim(d + 1)
            if opened or pos[0] < n:
                out.append("]")
    dim(0)
    if flat.size > n:
        out.append("...")
    return "".join(out)


# ------------------------------------------------------------------------------------------------
# Assert
# ------------------------------------------------------------------------------------------------
def _assert_compile(op, runtime):
    limit = op._attrs["summarize"]

    def run(condition, *data):
        if not np.all(condition):
            raise errors.InvalidArgumentError(
                None, op, "assertion failed: " + " ".join("[%s]" % summarize(d, limit)
                                                          for d in data))
    return run


define("Assert", no_outputs, compile=_assert_compile, stateful=True, differentiable=False)


def _data_tensors(data) -> list:
    return [convert_to_tensor(d) for d in data]


def Assert(condition, data, summarize=None, name=None) -> Operation:  # noqa: N802 - TF's name
    """`tf.Assert`: fail the run with InvalidArgumentError showing `data` when `condition` is false.

    As TF builds it: the Assert op itself when every datum is a string or int32, else the op
    guarded by `tf.cond(condition, no_op, assert)` named AssertGuard, whose Merge is returned (so
    large float data are only formatted when the check fails)."""
    with name_scope(name, "Assert", []):
        tensors = _data_tensors(data)        # converted here (Const, Const_1, ...) and again below
        cond_t = condition if isinstance(condition, Tensor) else convert_to_tensor(
            condition, name="Condition")
        if cond_t._dtype.base_dtype != dtypes.bool:
            raise TypeError("Input 'condition' of 'Assert' Op has type %s that does not match "
                            "expected type of bool." % cond_t._dtype.base_dtype.name)
        limit = 3 if summarize is None else int(summarize)
        if all(t._dtype.base_dtype in (dtypes.string, dtypes.int32) for t in tensors):
            return _assert_op(cond_t, data, limit)
        from .control_flow_ops import cond, no_op

        return cond(cond_t, no_op, lambda: _assert_op(cond_t, data, limit), name="AssertGuard").op


def _assert_op(condition: Tensor, data, summarize: int) -> Operation:
    """The Assert op, its Python data converted inside its scope as TF's wrapper does (data_0...)."""
    with name_scope(None, "Assert", []) as scope:
        inputs = [d if isinstance(d, Tensor) else convert_to_tensor(d, name="data_%d" % i)
                  for i, d in enumerate(data)]
        return make("Assert", [condition] + inputs, {"summarize": summarize}, name=scope)


# ------------------------------------------------------------------------------------------------
# CheckNumerics
# ------------------------------------------------------------------------------------------------
def _check_numerics_rule(inputs, attrs):
    x = inputs[0]
    if x._dtype.base_dtype not in FLOATS:
        raise TypeError("Value passed to parameter 'tensor' has DataType %s not in list of "
                        "allowed values: float16, bfloat16, float32, float64"
                        % x._dtype.base_dtype.name)
    return same_as_first(inputs, attrs)


def _check_numerics_kernel(x, message):
    has_nan = bool(np.isnan(x).any())
    has_inf = bool(np.isinf(x).any())
    if has_nan or has_inf:
        what = "Inf and NaN" if has_nan and has_inf else ("NaN" if has_nan else "Inf")
        raise errors.InvalidArgumentError(None, None, "%s : Tensor had %s values"
                                          % (message, what))
    return x


def _check_numerics_grad(op, g):
    return [check_numerics(g, "Not a number (NaN) or infinity (Inf) values detected in gradient. "
                           + op._attrs["message"])]


define("CheckNumerics", _check_numerics_rule, _check_numerics_kernel, grad=_check_numerics_grad)


def check_numerics(tensor, message, name=None) -> Tensor:
    """`tf.debugging.check_numerics`: `tensor`, failing the run if it holds NaN or Inf."""
    return make1("CheckNumerics", [convert_to_tensor(tensor)], {"message": str(message)},
                 name=name or "CheckNumerics")


def verify_tensor_all_finite(t=None, msg=None, name=None, x=None, message=None) -> Tensor:
    """`tf.verify_tensor_all_finite` (TF1): `t` passed through an Identity that runs after a
    CheckNumerics of it (`x` / `message` are the TF2 spellings)."""
    from .op_util import legacy_kwarg

    t = legacy_kwarg(x, "x", t, "t")
    msg = legacy_kwarg(message, "message", msg, "msg")
    with name_scope(name, "VerifyFinite", [t]):
        t = convert_to_tensor(t, name="t")
        check = check_numerics(t, message=msg)
        from ..framework.graph import control_dependencies
        from .array_ops import identity

        with control_dependencies([check.op]):
            return identity(t, name="control_dependency")


# ------------------------------------------------------------------------------------------------
# tf.print (PrintV2) and tf.Print (legacy identity that logs)
# ------------------------------------------------------------------------------------------------
def _write(stream, text: str) -> None:
    stream.write(text)
    stream.flush()


_STREAMS = ("stderr", "stdout", "log(info)", "log(warning)", "log(error)")


def _print_v2_kernel(text, output_stream="stderr", end="\n"):
    """Write the formatted string (StringFormat's output) to the op's stream."""
    text = text.item() if isinstance(text, np.ndarray) else text
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    if output_stream.startswith("log("):
        from ..platform import tf_logging

        getattr(tf_logging, output_stream[4:-1])("%s", text + end.rstrip("\n"))
    elif output_stream.startswith("file://"):
        with open(output_stream[len("file://"):], "a") as f:
            f.write(text + end)
    else:
        stream = sys.stdout if output_stream == "stdout" else sys.stderr
        stream.write(text + end)
        stream.flush()


define("PrintV2", lambda inputs, attrs: [], _print_v2_kernel, stateful=True, differentiable=False)


def _stream_name(stream) -> str:
    """TF's name for a tf.print output stream (sys.stderr, sys.stdout, a logging function, a
    'file://' path)."""
    import logging

    from ..platform import tf_logging

    if stream is None or stream is sys.stderr:
        return "stderr"
    if stream is sys.stdout:
        return "stdout"
    for level in ("info", "warning", "error"):
        if stream is getattr(tf_logging, level) or stream is getattr(logging, level):
            return "log(%s)" % level
    if isinstance(stream, str) and (stream in _STREAMS or stream.startswith("file://")):
        return stream
    raise ValueError("Unsupported output stream, logging level, or file.%r. Supported streams are "
                     "sys.stdout, sys.stderr, tf.logging.info, tf.logging.warning, tf.logging.error. "
                     "File needs to be in the form of 'file://<filepath>'." % (stream,))


class _Placeholder:
    """Stands for a tensor inside a printed structure: pformat writes the placeholder unquoted."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def print(*inputs, **kwargs) -> Operation:  # noqa: A001 - TF's name
    """`tf.print`: a PrintV2 op printing `inputs` when run; as TF builds it, a StringFormat op lays
    out the tensors (NumPy-like, `summarize` first and last entries per dimension) inside the text
    of the Python values and structures around them."""
    import pprint

    from ..framework.sparse_tensor import SparseTensor
    from .string_ops import string_format

    output_stream = _stream_name(kwargs.pop("output_stream", sys.stderr))
    summarize_n = kwargs.pop("summarize", 3)
    sep = kwargs.pop("sep", " ")
    end = kwargs.pop("end", "\n")
    name = kwargs.pop("name", None)
    if kwargs:
        raise ValueError("Unrecognized keyword arguments for tf.print: %s" % sorted(kwargs))
    summarize_n = 3 if summarize_n is None else int(summarize_n)

    def mapped(x, leaf):
        if isinstance(x, dict):
            return {k: mapped(v, leaf) for k, v in x.items()}
        if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
            return type(x)(mapped(v, leaf) for v in x)
        return leaf(x)

    def is_tensor(x) -> bool:
        return isinstance(x, (Tensor, SparseTensor)) or hasattr(x, "_as_graph_element")

    def text_of(original, x) -> str:        # a string argument is written as it is
        return x if isinstance(original, str) else pprint.pformat(x)

    free = " ".join(text_of(x, mapped(x, lambda v: "" if is_tensor(v) else v)) for x in inputs)
    placeholder, n = "{}", 0
    while placeholder in free:
        placeholder, n = "{}%d" % n, n + 1
    tensors: list = []

    def leaf(v):
        if isinstance(v, SparseTensor):
            tensors.extend([v.indices, v.values, v.dense_shape])
            return "SparseTensor(indices={0}, values={0}, shape={0})".format(placeholder)
        if is_tensor(v):
            tensors.append(convert_to_tensor(v))
            return _Placeholder(placeholder)
        return v

    template = sep.join(text_of(x, mapped(x, leaf)) for x in inputs)    # (a SparseTensor is quoted, as TF)
    formatted = string_format(template, tensors, placeholder=placeholder, summarize=summarize_n,
                              name=(name + "_format") if name else None)
    return make("PrintV2", [formatted], {"output_stream": output_stream, "end": end},
                name=name or "PrintV2")


_print_counts: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _print_compile(op, runtime):
    message, first_n = op._attrs["message"], op._attrs["first_n"]
    limit = op._attrs["summarize"]
    try:
        counts = _print_counts.setdefault(runtime, {})
    except TypeError:
        counts = {}

    def run(x, *data):
        n = counts.get(op, 0)
        if first_n < 0 or n < first_n:
            counts[op] = n + 1
            _write(sys.stderr, message + "".join("[%s]" % summarize(d, limit) for d in data)
                   + "\n")
        return x
    return run


define("Print", lambda inputs, attrs: same_as_first(inputs, attrs), compile=_print_compile,
       grad=lambda op, g: [g] + [None] * (len(op._inputs) - 1), stateful=True)


def Print(input_, data, message=None, first_n=None, summarize=None, name=None) -> Tensor:  # noqa: N802
    """`tf.Print` (TF1 legacy): `input_` unchanged, printing `message` and `data` when evaluated."""
    x = convert_to_tensor(input_)
    return make1("Print", [x] + _data_tensors(data or []),
                 {"message": message or "", "first_n": -1 if first_n is None else int(first_n),
                  "summarize": 3 if summarize is None else int(summarize)},
                 name=name or "Print")


# ------------------------------------------------------------------------------------------------
# tf.debugging.assert_* : build-time check when both sides are known, else an Assert op
# ------------------------------------------------------------------------------------------------
def _static_value(t: Tensor):
    v = const_value(t)
    return None if v is None else np.asarray(v)


def _fail_static(data: list) -> None:
    lines = []
    for d in data:
        if isinstance(d, Tensor):
            v = _static_value(d)
            lines.append(str(v) if v is not None else d.name)
        else:
            lines.append(str(d))
    raise errors.InvalidArgumentError(None, None, "\n".join(lines))


def _binary_assert(sym: str, test, np_test, x, y, data, summarize, message, name, default):
    from . import math_ops

    with name_scope(name, default, [x, y]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x._dtype.base_dtype)
        if data is None:
            data = ["Condition x %s y did not hold element-wise:" % sym,
                    "x (%s) = " % x.name, x, "y (%s) = " % y.name, y]
        if message is not None:
            data = [message] + list(data)
        condition = math_ops.reduce_all(test(x, y))
        xs, ys = _static_value(x), _static_value(y)
        if xs is not None and ys is not None and not np.all(np_test(xs, ys)):
            _fail_static(data)
        return Assert(condition, data, summarize=summarize)


def _unary_assert(what: str, compare, zero_first: bool, x, data, summarize, message, name,
                  default):
    """x against zero, as TF builds it: a Const 0 and the binary assert `compare` nested inside."""
    with name_scope(name, default, [x]):
        x = convert_to_tensor(x, name="x")
        if data is None:
            prefix = "%s.  " % message if message else ""
            data = [prefix, "Condition x %s did not hold element-wise:" % what, "x (%s) = " % x.name, x]
            if what == "<= 0":      # TF's own data list joins these two strings
                data = [data[0], data[1] + data[2], x]
        zero = convert_to_tensor(0, dtype=x._dtype.base_dtype)
        return compare(zero, x, data=data, summarize=summarize) if zero_first else \
            compare(x, zero, data=data, summarize=summarize)


def _mo():
    from . import math_ops
    return math_ops


def assert_equal(x, y, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_equal`: x == y element-wise. As TF's v1 function, it first opens its
    scope only to short-circuit `x is y` (a NoOp there), then builds the check in a second one
    (`assert_equal_1/...`)."""
    from .control_flow_ops import no_op

    with name_scope(name, "assert_equal", [x, y]):
        if x is y:
            return no_op()
    return _binary_assert("==", lambda a, b: _mo().equal(a, b), np.equal, x, y, data, summarize,
                          message, name, "assert_equal")


def assert_none_equal(x, y, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_none_equal`: x != y element-wise."""
    return _binary_assert("!=", lambda a, b: _mo().not_equal(a, b), np.not_equal, x, y, data,
                          summarize, message, name, "assert_none_equal")


def assert_less(x, y, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_less`: x < y element-wise."""
    return _binary_assert("<", lambda a, b: _mo().less(a, b), np.less, x, y, data, summarize,
                          message, name, "assert_less")


def assert_less_equal(x, y, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_less_equal`: x <= y element-wise."""
    return _binary_assert("<=", lambda a, b: _mo().less_equal(a, b), np.less_equal, x, y, data,
                          summarize, message, name, "assert_less_equal")


def assert_greater(x, y, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_greater`: x > y element-wise."""
    return _binary_assert(">", lambda a, b: _mo().greater(a, b), np.greater, x, y, data,
                          summarize, message, name, "assert_greater")


def assert_greater_equal(x, y, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_greater_equal`: x >= y element-wise."""
    return _binary_assert(">=", lambda a, b: _mo().greater_equal(a, b), np.greater_equal, x, y,
                          data, summarize, message, name, "assert_greater_equal")


def assert_positive(x, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_positive`: x > 0 element-wise."""
    return _unary_assert("> 0", assert_less, True, x, data, summarize, message, name, "assert_positive")


def assert_negative(x, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_negative`: x < 0 element-wise."""
    return _unary_assert("< 0", assert_less, False, x, data, summarize, message, name, "assert_negative")


def assert_non_negative(x, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_non_negative`: x >= 0 element-wise."""
    return _unary_assert(">= 0", assert_less_equal, True, x, data, summarize, message, name, "assert_non_negative")


def assert_non_positive(x, data=None, summarize=None, message=None, name=None) -> Operation:
    """`tf.debugging.assert_non_positive`: x <= 0 element-wise."""
    return _unary_assert("<= 0", assert_less_equal, False, x, data, summarize, message, name, "assert_non_positive")


def _rank_assert(x, rank, cmp, words: str, message, name, default) -> Operation:
    from .control_flow_ops import no_op

    with name_scope(name, default, [x]):
        x = convert_to_tensor(x)
        rank_v = _static_value(convert_to_tensor(rank)) if isinstance(rank, Tensor) else \
            np.asarray(rank)
        if rank_v is None or x._shape.ndims is None:
            from . import array_ops, math_ops

            actual = array_ops.size(array_ops.shape(x))
            return Assert(cmp(actual, math_ops.cast(rank, dtypes.int32)),
                          [message or "Tensor %s must have rank %s %s" % (x.name, words, rank)])
        if rank_v.ndim != 0:
            raise ValueError("Rank must be a scalar, got shape %s" % (rank_v.shape,))
        ok = {"": x._shape.ndims == int(rank_v), "at least": x._shape.ndims >= int(rank_v)}[words]
        if not ok:
            prefix = (message + ".  ") if message else ""
            raise ValueError("%sTensor %s must have rank%s %d.  Received rank %d, shape %s"
                             % (prefix, x.name, (" " + words) if words else "", int(rank_v),
                                x._shape.ndims, x._shape))
        return no_op(name="static_checks_determined_all_ok")


def assert_rank(x, rank, message=None, name=None) -> Operation:
    """`tf.debugging.assert_rank`: static ValueError when the rank is known and wrong."""
    return _rank_assert(x, rank, lambda a, b: _mo().equal(a, b), "", message, name,
                        "assert_rank")


def assert_rank_at_least(x, rank, message=None, name=None) -> Operation:
    """`tf.debugging.assert_rank_at_least`."""
    return _rank_assert(x, rank, lambda a, b: _mo().greater_equal(a, b), "at least", message,
                        name, "assert_rank_at_least")


def assert_type(tensor, tf_type, message=None, name=None) -> Operation:
    """`tf.debugging.assert_type`: TypeError at build time when the dtype differs."""
    from .control_flow_ops import no_op

    t = convert_to_tensor(tensor)
    want = dtypes.as_dtype(tf_type)
    if t._dtype.base_dtype != want.base_dtype:
        raise TypeError("%s%s must be of type %s; got %s" % ((message + " ") if message else "",
                                                             t.name, want.name,
                                                             t._dtype.base_dtype.name))
    with name_scope(name, "assert_type", [t]):
        return no_op("statically_determined_correct_type")


def assert_scalar(tensor, name=None, message=None) -> Tensor:
    """`tf.debugging.assert_scalar`: the tensor, or ValueError when its static rank is not 0."""
    t = convert_to_tensor(tensor)
    if t._shape.ndims is not None and t._shape.ndims != 0:
        raise ValueError("%sExpected scalar shape for %s, saw shape: %s."
                         % ((message + " ") if message else "", t.name, t._shape))
    return t


def is_numeric_tensor(tensor) -> bool:
    """`tf.debugging.is_numeric_tensor`."""
    return isinstance(tensor, Tensor) and tensor._dtype.base_dtype not in (
        dtypes.bool, dtypes.string, dtypes.resource, dtypes.variant)

