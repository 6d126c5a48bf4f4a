"""Array ops: identity, placeholders, fills and shapes, reshaping, slicing, gathering, padding.

Each op is defined once (output rule, kernel, gradient) next to its public wrapper.
"""
from __future__ import annotations

import builtins
import math

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor_shape import TensorShape, as_shape, unknown_shape
from . import op_util
from .constant_op import constant
from .op_util import make, make1, same_as_first

__all__ = ["identity", "placeholder", "placeholder_with_default", "zeros_like", "ones_like",
           "fill", "zeros", "ones", "shape", "stop_gradient",
           "reshape", "transpose", "matrix_transpose", "expand_dims", "squeeze", "concat", "stack",
           "pack", "unstack", "unpack", "split", "slice", "strided_slice", "gather", "gather_nd",
           "scatter_nd", "pad", "tile", "one_hot", "size", "rank", "shape_n", "broadcast_to",
           "broadcast_static_shape", "broadcast_dynamic_shape", "boolean_mask", "where", "where_v2",
           "reverse", "reverse_v2", "sequence_mask", "meshgrid", "unique", "matrix_band_part", "eye",
           "diag", "diag_part", "matrix_diag", "matrix_diag_part", "matrix_set_diag",
           "invert_permutation", "setdiff1d", "identity_n", "ensure_shape", "reverse_sequence",
           "unique_with_counts", "roll", "parallel_stack", "sort", "argsort",
           "tensor_scatter_nd_update", "tensor_scatter_nd_add", "tensor_scatter_nd_sub",
           "tensor_scatter_nd_max", "tensor_scatter_nd_min", "tensor_scatter_update",
           "tensor_scatter_add", "tensor_scatter_sub"]


# --- Identity ------------------------------------------------------------------------------------
define("Identity", same_as_first, lambda x: x, grad=lambda op, g: [g])


def identity(input, name=None) -> Tensor:  # noqa: A002 - TF's argument name
    """`tf.identity`: the same value as a new tensor (reads a variable's current value)."""
    if hasattr(input, "_identity_for"):        # variables build their own read
        return input._identity_for(name)
    return make1("Identity", [convert_to_tensor(input, as_ref=True)], name=name or "Identity")


define("StopGradient", same_as_first, lambda x: x, grad=lambda op, g: [None])


def stop_gradient(input, name=None) -> Tensor:  # noqa: A002
    """`tf.stop_gradient`: the value of `input`, with no gradient flowing back through it."""
    return make1("StopGradient", [convert_to_tensor(input)], name=name or "StopGradient")


# --- Placeholders -------------------------------------------------------------------------------
def _placeholder_rule(inputs, attrs):
    return [(attrs["dtype"], attrs["shape"])]


def _placeholder_compile(op, runtime):
    dtype, shape = op._attrs["dtype"], op._attrs["shape"]
    shown = "unknown" if shape.ndims is None else "[%s]" % ",".join(
        "?" if d is None else str(d) for d in shape.as_list())

    def unfed():
        raise errors.InvalidArgumentError(
            None, op, "You must feed a value for placeholder tensor '%s' with dtype %s and shape "
            "%s: add it to feed_dict, e.g. sess.run(..., feed_dict={%s: value})."
            % (op.name, dtype.name, shown, op.name))
    return unfed


define("Placeholder", _placeholder_rule, compile=_placeholder_compile, differentiable=False)


def placeholder(dtype, shape=None, name=None) -> Tensor:
    """`tf.placeholder`: a tensor whose value must be fed at run time."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    return make1("Placeholder", [], {"dtype": dtype, "shape": as_shape(shape) if shape is not None
                                     else unknown_shape()}, name=name or "Placeholder")


def _pwd_rule(inputs, attrs):
    return [(inputs[0]._dtype.base_dtype, attrs["shape"])]


define("PlaceholderWithDefault", _pwd_rule, lambda x, shape: x, grad=lambda op, g: [g])


def placeholder_with_default(input, shape, name=None) -> Tensor:  # noqa: A002
    """`tf.placeholder_with_default`: `input` unless a value is fed."""
    with name_scope(name, "PlaceholderWithDefault", [input]) as scope:   # Python: <name>/input
        x = convert_to_tensor(input, name="input")
        shape = as_shape(shape)
        if not shape.is_compatible_with(x.shape):
            raise ValueError("Shape %s of the default is incompatible with shape %s"
                             % (x.shape, shape))
        return make1("PlaceholderWithDefault", [x], {"shape": shape}, name=scope)


# --- Shapes and fills ---------------------------------------------------------------------------
def _shape_rule(inputs, attrs):
    s = inputs[0]._shape
    return [(attrs["out_type"], TensorShape([s.ndims]))]


define("Shape", _shape_rule, lambda x, out_type: np.array(np.shape(x), dtype=out_type.np_dtype),
       differentiable=False)


def _sparse_ops():
    from . import sparse_ops

    return sparse_ops


def shape(input, name=None, out_type=dtypes.int32) -> Tensor:  # noqa: A002
    """`tf.shape`: the run-time shape of `input` as a 1-D tensor (a constant when the static shape
    is fully known, as TF folds it)."""
    if input.__class__ is SparseTensor:
        return _sparse_ops().sparse_shape(input, name, dtypes.as_dtype(out_type))
    x = convert_to_tensor(input)
    out_type = dtypes.as_dtype(out_type)
    if x._shape.is_fully_defined():
        return constant(x._shape.as_list(), dtype=out_type, name=name or "Shape")
    return make1("Shape", [x], {"out_type": out_type}, name=name or "Shape")


def _fill_rule(inputs, attrs):
    dims, value = inputs
    return [(value._dtype.base_dtype, _shape_from_tensor(dims))]


def _fill_kernel(dims, value):
    return np.full(tuple(int(d) for d in dims), value, dtype=value.dtype)


define("Fill", _fill_rule, _fill_kernel,
       grad=lambda op, g: [None, _sum_all(g)])


def _sum_all(g):
    from . import math_ops

    return math_ops.reduce_sum(g)


def fill(dims, value, name=None) -> Tensor:
    """`tf.fill`: a tensor of shape `dims` filled with the scalar `value` (Python inputs become
    Consts named after the argument, `Fill/dims` and `Fill/value`, as in TF)."""
    with name_scope(name, "Fill", [dims, value]) as scope:
        if isinstance(dims, (list, tuple)) and not dims:     # TF: a float32 Const first (unused)
            constant(np.zeros([0], np.float32), name="dims")
        dims_t = dims if isinstance(dims, Tensor) else convert_to_tensor(dims, dtype=dtypes.int32,
                                                                         name="dims")
        value_t = value if isinstance(value, Tensor) else convert_to_tensor(value, name="value")
        return make1("Fill", [dims_t, value_t], name=scope)


def zeros(shape, dtype=dtypes.float32, name=None) -> Tensor:
    """`tf.zeros` (b'' for strings, False for bools)."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, "zeros", [shape]) as scope:
        zero = b"" if dtype == dtypes.string else False if dtype == dtypes.bool \
            else np.zeros((), dtype.np_dtype) if dtype.is_quantized else 0
        return _filled(shape, dtype, zero, scope, "zeros")


def ones(shape, dtype=dtypes.float32, name=None) -> Tensor:
    """`tf.ones`."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, "ones", [shape]) as scope:
        if dtype == dtypes.string:
            raise TypeError("Expected string, but got 1 of type 'int'. tf.ones has no string "
                            "form: use tf.fill(shape, b'...') for a tensor of one string.")
        one = True if dtype == dtypes.bool else np.ones((), dtype.np_dtype) if dtype.is_quantized \
            else 1
        return _filled(shape, dtype, one, scope, "ones")


SMALL_FILLED_CONST = 1000     # tf.zeros/tf.ones of fewer elements are a Const, else a Fill (as TF)


def _filled(shape, dtype, value, scope: str, who: str) -> Tensor:
    """TF's graph for zeros/ones: a Const holding the values when the shape is static and small,
    else Fill(shape, value), the shape a Const `shape_as_tensor` (int64 if a dimension needs it)
    or the shape's tensor (a list holding tensors is packed), so large fills do not sit in the
    graph (or a GraphDef) as constants."""
    if dtype in (dtypes.resource, dtypes.variant):
        raise TypeError("`dtype` %r is not compatible with %r: tf.%s makes numeric, bool or "
                        "string tensors." % (dtype, value, who))
    if not isinstance(shape, Tensor):
        try:
            dims = [int(d) for d in as_shape(shape).as_list()]
        except (TypeError, ValueError):      # a list holding tensors, or unknown dimensions
            dims = None
        if dims is None:
            shape = convert_to_tensor(shape, dtype=dtypes.int32)
        elif math.prod(dims) < SMALL_FILLED_CONST and not np.isscalar(shape):  # zeros(5): Fill
            if dtype == dtypes.string:
                return constant(np.full(dims, value, dtype=object), dtype=dtype, name=scope)
            return _filled_const(np.full(dims, value, dtype=dtype.np_dtype), dtype, scope)
        else:
            wide = any(d >= 1 << 31 for d in dims)
            shape = constant(dims, dtype=dtypes.int64 if wide else dtypes.int32,
                             name="shape_as_tensor")
    if shape._shape.ndims != 1:
        shape = reshape(shape, [-1])
    return fill(shape, constant(value, dtype=dtype), name=scope)


def _filled_const(value: np.ndarray, dtype, name: str) -> Tensor:
    """A Const of a fresh array this module made (nothing to convert or copy: it is only made
    read-only, as every Const value is)."""
    value.flags.writeable = False
    return make1("Const", [], {"value": value, "dtype": dtype}, name=name)


def _like_rule(inputs, attrs):
    x = inputs[0]
    return [(x._dtype.base_dtype, x._shape)]


define("ZerosLike", _like_rule, lambda x: np.zeros_like(np.asarray(x)), grad=lambda op, g: [None])
define("OnesLike", _like_rule, lambda x: np.ones_like(np.asarray(x)), grad=lambda op, g: [None])


def zeros_like(tensor, dtype=None, name=None, optimize=True) -> Tensor:
    """`tf.zeros_like`: as TF builds it, a small Const (or a Fill) when the shape is static, a
    ZerosLike op otherwise (always with `optimize=False`), zeros of `shape(tensor)` for a new dtype."""
    with name_scope(name, "zeros_like", [tensor]) as scope:
        x = convert_to_tensor(tensor, name="tensor")
        new_dtype = dtypes.as_dtype(dtype).base_dtype if dtype is not None else None
        if optimize and x._shape.is_fully_defined() and x._dtype.base_dtype != dtypes.variant:
            return zeros(x._shape.as_list(), dtype=new_dtype or x._dtype.base_dtype, name=scope)
        if new_dtype is not None and new_dtype != x._dtype.base_dtype:
            return zeros(_shape_of(x, optimize), dtype=new_dtype, name=scope)
        return make1("ZerosLike", [x], name=scope)


def ones_like(tensor, dtype=None, name=None, optimize=True) -> Tensor:
    """`tf.ones_like`: Fill(shape(tensor), 1) as TF builds it (the shape a Const when static)."""
    with name_scope(name, "ones_like", [tensor]) as scope:
        x = convert_to_tensor(tensor, name="tensor")
        new_dtype = dtypes.as_dtype(dtype).base_dtype if dtype is not None else x._dtype.base_dtype
        out = ones(_shape_of(x, optimize), dtype=new_dtype, name=scope)
        out.set_shape(x._shape)
        return out


def _shape_of(x: Tensor, optimize: bool) -> Tensor:
    """TF's `shape_internal`: a Const `Shape/shape_as_tensor` for a static shape (when optimizing),
    else a Shape op."""
    if optimize and x._shape.is_fully_defined():
        with name_scope(None, "Shape", [x]):
            return constant(x._shape.as_list(), dtype=dtypes.int32, name="shape_as_tensor")
    return make1("Shape", [x], {"out_type": dtypes.int32}, name="Shape")


# ================================================================================================
# Helpers shared by the shape-manipulating ops below
# ================================================================================================
_pyslice = builtins.slice   # the public `slice` below shadows the builtin in this module


def _math():
    from . import math_ops  # imported lazily: math_ops builds on this module

    return math_ops


def _is_tensorish(x) -> bool:
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_element")


def _int_tensor(x, name: str | None = None) -> Tensor:
    """An index/shape argument as an int32 tensor (int64 kept; large Python values become int64)."""
    if _is_tensorish(x):
        return convert_to_tensor(x)
    if isinstance(x, (list, tuple)) and any(_contains_tensor(v) for v in x):
        return convert_to_tensor(x, name=name)       # packed, as TF names it: Reshape/shape
    if isinstance(x, (list, tuple)) and not x:
        # TF's op wrappers convert an empty list twice: float32 first (unused), then int32
        constant(np.zeros([0], np.float32), name=name or "Const")
    if isinstance(x, TensorShape):
        x = x.as_list()
    arr = np.asarray(x)
    if arr.size and arr.dtype.kind not in "iu":
        raise TypeError("Expected an int32 or int64 index/shape argument, got %r (dtype %s): "
                        "write the values as Python ints" % (x, arr.dtype))
    is_np64 = isinstance(x, (np.ndarray, np.generic)) and arr.dtype == np.int64
    dtype = dtypes.int64 if is_np64 else dtypes.int32
    if arr.size and arr.dtype.kind in "iu" and (arr.max() > np.iinfo(np.int32).max
                                                or arr.min() < np.iinfo(np.int32).min):
        dtype = dtypes.int64
    return constant(arr if arr.dtype.kind in "iu" or arr.size else arr.astype(np.int32),
                    dtype=dtype, name=name or "Const")


def _as_input(x, name: str) -> Tensor:
    """An op input: a tensor as it is, a Python value as a Const named after the argument."""
    return x if isinstance(x, Tensor) else convert_to_tensor(x, name=name)


def _wrapped_op(op_type: str, name, inputs: list, attrs: dict | None = None):
    """Build `op_type` as TF's generated wrappers do: in a name scope `name or op_type` whose name
    the op takes, each Python input becomes a Const named after its argument (`Reshape/shape`),
    so the Consts a program names itself keep TF's numbering. `inputs`: (argument, value, converter)."""
    with name_scope(name, op_type, [v for _, v, _ in inputs if _is_tensorish(v)]) as scope:
        return make(op_type, [convert(v, arg) for arg, v, convert in inputs], attrs, name=scope)


def _const_ints(t: Tensor):
    """The value of an int tensor as a flat list of Python ints, or None when not static (as TF's
    shape inference evaluates it)."""
    v = op_util.shape_value(t)
    if v is None:
        return None
    return [int(a) for a in np.reshape(v, [-1])]


def _const_int(t: Tensor):
    v = op_util.shape_value(t)
    if v is None or np.size(v) != 1:
        return None
    return int(np.reshape(v, [-1])[0])


def _partial_ints(t: Tensor):
    """TF's `constant_value_as_shape` without the -1 → None step: a list of ints or None entries
    (entries that are not static), or None when even the length is unknown."""
    op = t._op
    v = op_util.shape_value(t)
    if v is not None:
        return [int(a) for a in np.reshape(v, [-1])]
    if op._type == "Shape" and op._inputs[0]._shape.ndims is not None:
        return list(op._inputs[0]._shape.as_list())
    if op._type == "ShapeN" and op._inputs[t._value_index]._shape.ndims is not None:
        return list(op._inputs[t._value_index]._shape.as_list())
    if op._type == "Pack" and op._attrs.get("axis", 0) == 0:
        return [_const_int(x) if x._shape.ndims == 0 else None for x in op._inputs]
    if op._type == "ConcatV2":
        parts = [_partial_ints(x) for x in op._inputs[:-1]]
        if all(p is not None for p in parts):
            return [d for p in parts for d in p]
    if t._shape.ndims == 1 and t._shape[0] is not None:
        return [None] * t._shape[0]
    return None


def _shape_from_tensor(t: Tensor) -> TensorShape:
    """The static shape a 1-D shape tensor stands for (negative entries unknown)."""
    if t._op._type == "Const":     # the common case (a Python list converted), without the folding
        return TensorShape([d if d >= 0 else None for d in t._op._attrs["value"].reshape(-1).tolist()])
    vals = _partial_ints(t)
    if vals is None:
        return unknown_shape()
    return TensorShape([d if d is not None and d >= 0 else None for d in vals])


def _canon_axis(axis: int, rank: int, what: str = "axis") -> int:
    if not -rank <= axis < rank:
        raise ValueError("%s %d is out of range for a tensor of rank %d: it must be in [%d, %d)"
                         % (what, axis, rank, -rank, rank))
    return axis % rank if rank else 0


def _contains_tensor(value) -> bool:
    if _is_tensorish(value):
        return True
    if isinstance(value, (list, tuple)):
        return any(_contains_tensor(v) for v in value)
    return False


def _pack_dtype(values):
    for v in values:
        if _is_tensorish(v):
            return convert_to_tensor(v).dtype.base_dtype
        if isinstance(v, (list, tuple)):
            d = _pack_dtype(v)
            if d is not None:
                return d
    return None


def _autopack(value, dtype=None, name=None, as_ref=False):
    """`tf.convert_to_tensor([t, 1.0, ...])`: a nested list holding tensors becomes a Pack op."""
    if not _contains_tensor(value):
        return NotImplemented
    inferred = _pack_dtype(value)
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype
        if inferred is not None and inferred != dtype:
            raise TypeError("Cannot convert a list containing a tensor of dtype %s to %s (Tensor "
                            "is: %r)" % (inferred.name, dtype.name, value))
    return _autopack_helper(value, dtype or inferred, name or "packed")


def _autopack_helper(values, dtype, name):
    with name_scope(name) as scope:
        converted = []
        for i, v in enumerate(values):
            if isinstance(v, (list, tuple)):
                converted.append(_autopack_helper(v, dtype, str(i)) if _contains_tensor(v)
                                 else constant(v, dtype=dtype, name=str(i)))
            elif _is_tensorish(v):
                t = convert_to_tensor(v)
                if t.dtype.base_dtype != dtype:
                    raise TypeError("Cannot convert a list containing a tensor of dtype %s to %s "
                                    "(Tensor is: %r)" % (t.dtype.base_dtype.name, dtype.name, t))
                converted.append(t)
            else:
                converted.append(constant(v, dtype=dtype, name=str(i)))
        return _pack(converted, 0, scope)


def _register_autopacking():
    from ..framework.graph import register_tensor_conversion_function

    register_tensor_conversion_function((list, tuple), _autopack, 99)


_register_autopacking()


def _sum_to_shape(g: Tensor, x: Tensor) -> Tensor:
    """Reduce the broadcast gradient `g` back to the run-time shape of `x`."""
    return _math()._sum_to(g, x)


# ================================================================================================
# Reshape, Transpose, ExpandDims, Squeeze
# ================================================================================================
def _reshape_rule(inputs, attrs):
    x, s = inputs
    vals = _partial_ints(s)
    if vals is None:
        return [(x._dtype.base_dtype, unknown_shape())]
    n_in = x._shape.num_elements()
    unknown = [i for i, d in enumerate(vals) if d is not None and d == -1]
    for d in vals:
        if d is not None and d < -1:
            raise ValueError("Size %d must be non-negative, not %d" % (vals.index(d), d))
    known = [d for d in vals if d is not None and d >= 0]
    if len(unknown) > 1:
        return [(x._dtype.base_dtype, TensorShape([d if d is not None and d >= 0 else None
                                                   for d in vals]))]
    out = [d if d is not None and d >= 0 else None for d in vals]
    if not unknown and vals.count(None) == 1 and n_in is not None:
        unknown = [vals.index(None)]   # one dimension known only at run time: the count fixes it
    if len(unknown) == 1 and len(known) == len(vals) - 1 and n_in is not None:
        prod = int(np.prod(known)) if known else 1
        if prod == 0:
            if n_in != 0:
                raise ValueError("Cannot reshape a tensor with %d elements to shape %s"
                                 % (n_in, _shape_str(vals)))
        elif n_in % prod:
            raise ValueError("Cannot reshape a tensor with %d elements to shape %s (%d elements) "
                             "for '%s' (op: 'Reshape') with input shapes: %s, [%d]."
                             % (n_in, _shape_str(vals), prod, "Reshape", x._shape, len(vals)))
        else:
            out[unknown[0]] = n_in // prod
    elif not unknown and None not in vals and n_in is not None:
        n_out = int(np.prod(vals)) if vals else 1
        if n_out != n_in:
            raise ValueError("Cannot reshape a tensor with %d elements to shape %s (%d elements) "
                             "for 'Reshape' with input shapes: %s, [%d]."
                             % (n_in, _shape_str(vals), n_out, x._shape, len(vals)))
    return [(x._dtype.base_dtype, TensorShape(out))]


def _shape_str(vals) -> str:
    return "[%s]" % ",".join("?" if d is None else str(d) for d in vals)


def _reshape_kernel(x, shape):
    return np.reshape(x, [int(d) for d in np.reshape(shape, [-1])])


def _reshape_grad(op, g):
    """Back to the input's shape: `Shape` (a Const when static), or with one unknown dimension
    the static dims and -1 as a Python list (`Reshape/shape`), as TF builds it."""
    dims = op._inputs[0]._shape._dims
    if dims is not None and None in dims and dims.count(None) == 1:
        return [reshape(g, [-1 if d is None else d for d in dims]), None]
    return [reshape(g, shape(op._inputs[0])), None]


define("Reshape", _reshape_rule, _reshape_kernel, grad=_reshape_grad)


def reshape(tensor, shape, name=None) -> Tensor:  # noqa: A002 - TF's argument names
    """`tf.reshape`: the same elements in a new shape; one -1 entry is inferred."""
    return _wrapped_op("Reshape", name, [("tensor", tensor, _as_input),
                                         ("shape", shape, _int_tensor)])._outputs[0]


def _transpose_rule(inputs, attrs):
    x, p = inputs
    perm = _const_ints(p)
    n = p._shape[0] if p._shape.ndims == 1 else None
    if perm is None:
        rank = x._shape.ndims if x._shape.ndims is not None else n
        return [(x._dtype.base_dtype, unknown_shape(rank))]
    if x._shape.ndims is not None and len(perm) != x._shape.ndims:
        raise ValueError("Dimension must be %d but is %d for 'Transpose' with input shapes: %s, "
                         "[%d]." % (x._shape.ndims, len(perm), x._shape, len(perm)))
    r = len(perm)
    bad = [i for i in perm if not -r <= i < r]
    if bad:
        raise ValueError("perm dim %d is out of range of input rank %d: perm %s must list each of "
                         "0..%d once (negative values count from the end)" % (bad[0], r, perm, r - 1))
    if x._shape.ndims is None:
        return [(x._dtype.base_dtype, unknown_shape(r))]
    # like TF, a repeated entry is only an error when the op runs
    dims = x._shape.as_list()
    return [(x._dtype.base_dtype, TensorShape([dims[i] for i in perm]))]


def _permutation(perm, rank: int) -> list:
    """`perm` with negative entries counted from the end; InvalidArgumentError unless it lists
    each dimension exactly once."""
    perm = [int(i) % rank if -rank <= int(i) < rank else int(i) for i in np.reshape(perm, [-1])]
    if sorted(perm) != list(range(rank)):
        raise errors.InvalidArgumentError(None, None, "transpose perm %s is not a permutation of "
                                          "the %d dimensions [0, ..., %d]" % (perm, rank, rank - 1))
    return perm


def _transpose_grad(op, g):
    """TF's: the gradient transposed by InvertPermutation(perm)."""
    inv = invert_permutation(op._inputs[1])
    return [transpose(g, inv, conjugate=op._type == "ConjugateTranspose"), None]


define("Transpose", _transpose_rule,
       lambda x, perm: np.transpose(x, _permutation(perm, x.ndim)), grad=_transpose_grad)
define("ConjugateTranspose", _transpose_rule,
       lambda x, perm: np.conj(np.transpose(x, _permutation(perm, x.ndim))), grad=_transpose_grad)


def transpose(a, perm=None, name: str = "transpose", conjugate: bool = False) -> Tensor:
    """`tf.transpose`: permute dimensions (default: reverse them); `conjugate` for complex."""
    x = convert_to_tensor(a)
    op_type = "ConjugateTranspose" if conjugate and x.dtype.is_complex else "Transpose"
    with name_scope(name, "transpose", [x]) as scope:
        if perm is None:
            if x._shape.ndims is not None:
                perm = list(range(x._shape.ndims - 1, -1, -1))
            else:
                r = rank(x)
                perm = _math().subtract(_math().subtract(r, 1), _math().range(0, r, 1))
        return make1(op_type, [x, _int_tensor(perm, "perm")], name=scope)


def matrix_transpose(a, name: str = "matrix_transpose", conjugate: bool = False) -> Tensor:
    """`tf.linalg.matrix_transpose`: swap the last two dimensions (rank must be known)."""
    x = convert_to_tensor(a)
    r = x._shape.ndims
    if r is None:
        raise ValueError("matrix_transpose needs a tensor of known rank, got %s" % x.name)
    if r < 2:
        raise ValueError("Argument 'a' should be a (batch) matrix with rank >= 2.  Found: %s"
                         % x._shape)
    return transpose(x, list(range(r - 2)) + [r - 1, r - 2], name=name, conjugate=conjugate)


def _expand_dims_rule(inputs, attrs):
    x, d = inputs
    axis = _const_int(d)
    if d._shape.num_elements() not in (None, 1):
        raise ValueError("'dim' input must be a tensor with a single value for 'ExpandDims' "
                         "with input shapes: %s, %s." % (x._shape, d._shape))
    if x._shape.ndims is None or axis is None:
        return [(x._dtype.base_dtype, unknown_shape(None if x._shape.ndims is None
                                                    else x._shape.ndims + 1))]
    r = x._shape.ndims
    if not -r - 1 <= axis <= r:
        raise ValueError("Tried to expand dim index %d for tensor with %d dimensions." % (axis, r))
    axis = axis % (r + 1)
    dims = x._shape.as_list()
    return [(x._dtype.base_dtype, TensorShape(dims[:axis] + [1] + dims[axis:]))]


def _expand_dims_kernel(x, dim):
    axis = int(np.reshape(dim, [-1])[0])
    if not -x.ndim - 1 <= axis <= x.ndim:
        raise errors.InvalidArgumentError(None, None, "Tried to expand dim index %d for tensor "
                                          "with %d dimensions." % (axis, x.ndim))
    return np.expand_dims(x, axis)


define("ExpandDims", _expand_dims_rule, _expand_dims_kernel,
       grad=lambda op, g: [reshape(g, shape(op._inputs[0])), None])


def expand_dims(input, axis=None, name=None, dim=None) -> Tensor:  # noqa: A002
    """`tf.expand_dims`: insert a dimension of size 1 at `axis` (TF1 also spells it `dim`)."""
    axis = op_util.legacy_kwarg(axis, "axis", dim, "dim")
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    return _wrapped_op("ExpandDims", name, [("input", input, _as_input),
                                            ("dim", axis, _int_tensor)])._outputs[0]


def _squeeze_rule(inputs, attrs):
    x = inputs[0]
    axes = attrs["squeeze_dims"]
    if x._shape.ndims is None:
        return [(x._dtype.base_dtype, unknown_shape())]
    dims = x._shape.as_list()
    r = len(dims)
    if axes:
        keep = set(range(r))
        for a in axes:
            if not -r <= a < r:
                raise ValueError("Tried to squeeze dim index %d for tensor with %d dimensions."
                                 % (a, r))
            a %= r
            if dims[a] is not None and dims[a] != 1:
                raise ValueError("Can not squeeze dim[%d], expected a dimension of 1, got %d for "
                                 "'Squeeze' with input shapes: %s." % (a, dims[a], x._shape))
            keep.discard(a)
        return [(x._dtype.base_dtype, TensorShape([dims[i] for i in sorted(keep)]))]
    if None in dims:
        return [(x._dtype.base_dtype, unknown_shape())]
    return [(x._dtype.base_dtype, TensorShape([d for d in dims if d != 1]))]


def _squeeze_kernel(x, squeeze_dims):
    if squeeze_dims:
        for a in squeeze_dims:
            if x.shape[a] != 1:
                raise errors.InvalidArgumentError(
                    None, None, "Can not squeeze dim[%d], expected a dimension of 1, got %d"
                    % (a % x.ndim, x.shape[a]))
        return np.squeeze(x, tuple(squeeze_dims))
    return np.squeeze(x)


define("Squeeze", _squeeze_rule, _squeeze_kernel,
       grad=lambda op, g: [reshape(g, shape(op._inputs[0]))])


def squeeze(input, axis=None, name=None, squeeze_dims=None) -> Tensor:  # noqa: A002
    """`tf.squeeze`: drop dimensions of size 1 (all of them, or those listed in `axis`)."""
    axis = op_util.legacy_kwarg(axis, "axis", squeeze_dims, "squeeze_dims")
    if np.isscalar(axis):
        axis = [axis]
    x = convert_to_tensor(input)
    return make1("Squeeze", [x], {"squeeze_dims": [int(a) for a in (axis or [])]},
                 name=name or "Squeeze")


# ================================================================================================
# Concat, Pack (stack), Unpack (unstack), Split
# ================================================================================================
def _concat_rule(inputs, attrs):
    xs, a = inputs[:-1], inputs[-1]
    dtype = xs[0]._dtype.base_dtype
    axis = _const_int(a)
    ranks = {x._shape.ndims for x in xs if x._shape.ndims is not None}
    if len(ranks) > 1:
        r0 = xs[0]._shape.ndims
        bad = next(x for x in xs if x._shape.ndims not in (None, r0))
        raise ValueError("Shape must be rank %d but is rank %d for 'ConcatV2' with input shapes: "
                         "%s." % (r0, bad._shape.ndims, ", ".join(str(x._shape) for x in xs)))
    if not ranks:
        return [(dtype, unknown_shape())]
    r = ranks.pop()
    if axis is None:
        return [(dtype, unknown_shape(r))]
    if not -r <= axis < r:
        raise ValueError("ConcatOp : Expected concatenating dimensions in the range [%d, %d), but "
                         "got %d" % (-r, r, axis))
    axis %= r
    out = [None] * r
    total = 0
    for x in xs:
        if x._shape.ndims is None:
            total = None
            continue
        dims = x._shape.as_list()
        for i in range(r):
            if i == axis:
                continue
            if out[i] is not None and dims[i] is not None and out[i] != dims[i]:
                raise ValueError("Dimension %d in both shapes must be equal, but are %d and %d. "
                                 "Shapes are %s and %s. for 'ConcatV2' (concatenating along "
                                 "axis %d)." % (i, out[i], dims[i], xs[0]._shape, x._shape, axis))
            if out[i] is None:
                out[i] = dims[i]
        total = None if total is None or dims[axis] is None else total + dims[axis]
    out[axis] = total
    return [(dtype, TensorShape(out))]


def _concat_kernel(*args, N=None):
    return np.concatenate(args[:-1], axis=int(args[-1]))


def _concat_grad(op, g):
    """TF's: the input shapes (Consts while they are all static, else one ShapeN), ConcatOffset
    at `axis % rank`, and a Slice of the gradient per input."""
    xs, a = op._inputs[:-1], op._inputs[-1]
    from ..framework.indexed_slices import IndexedSlices

    if isinstance(g, IndexedSlices):
        g = convert_to_tensor(g)
    if len(xs) == 1:
        return [g, None]
    axis = _math().floormod(a, rank(xs[0]), name="mod")
    sizes = []
    for x in xs:
        s = shape(x)
        if s._op._type != "Const":
            sizes = shape_n(xs)
            break
        sizes.append(s)
    offsets = make("ConcatOffset", [axis] + list(sizes), {"N": len(xs)}, name="ConcatOffset")._outputs
    return [slice(g, begin, size) for begin, size in zip(offsets, sizes)] + [None]


def _concat_offset_rule(inputs, attrs):
    return [(x._dtype.base_dtype, x._shape) for x in inputs[1:]]


def _concat_offset_kernel(axis, *shapes, N=None):
    """TF's ConcatOffset: where each input starts in the concatenation (0 except along `axis`)."""
    axis = int(axis)
    out, offset = [], 0
    for s in shapes:
        o = np.zeros_like(s)
        o[axis] = offset
        offset += int(s[axis])
        out.append(o)
    return tuple(out)


define("ConcatOffset", _concat_offset_rule, _concat_offset_kernel, differentiable=False)


define("ConcatV2", _concat_rule, _concat_kernel, grad=_concat_grad)


def concat(values, axis, name: str = "concat") -> Tensor:
    """`tf.concat`: join tensors along an existing dimension `axis` (negative counts back)."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    if not values:
        raise ValueError("tf.concat needs at least one tensor to join, got an empty list")
    if len(values) == 1:
        with name_scope(name) as scope:
            a = _int_tensor(axis, name="concat_dim")
            if a._shape.ndims not in (None, 0):
                raise ValueError("Shape %s must have rank 0" % a._shape)
            del scope
            return identity(values[0], name=name)
    dtype = next((convert_to_tensor(v).dtype.base_dtype for v in values if _is_tensorish(v)),
                 None) or _pack_dtype(values)
    with name_scope(name, "concat", values) as scope:   # Python values become concat/values_<i>
        xs = [convert_to_tensor(v) if _is_tensorish(v) else
              convert_to_tensor(v, dtype=dtype, name="values_%d" % i) for i, v in enumerate(values)]
        op_util.check_same_dtype("ConcatV2", *[("values", x) for x in xs])
        return make1("ConcatV2", xs + [_int_tensor(axis, name="axis")], {"N": len(xs)}, name=scope)


def _pack_rule(inputs, attrs):
    merged = unknown_shape()
    for x in inputs:
        try:
            merged = merged.merge_with(x._shape)
        except ValueError:
            raise ValueError("Shapes must be equal rank, but are %s and %s for 'Pack' (from "
                             "packing %d tensors)." % (merged, x._shape, len(inputs))) from None
    axis = attrs["axis"]
    if merged.ndims is None:
        return [(inputs[0]._dtype.base_dtype, unknown_shape())]
    r = merged.ndims
    if not -r - 1 <= axis <= r:
        raise ValueError("axis = %d not in [%d, %d)" % (axis, -r - 1, r + 1))
    axis %= r + 1
    dims = merged.as_list()
    return [(inputs[0]._dtype.base_dtype, TensorShape(dims[:axis] + [len(inputs)] + dims[axis:]))]


def _pack_kernel(*xs, axis, N):
    """np.stack; scalars along axis 0 (the shape vectors gradients pack every step) as one
    np.array call, ten times cheaper."""
    if axis == 0 and xs[0].ndim == 0 and all(x.dtype == xs[0].dtype for x in xs):
        return np.array(xs, dtype=xs[0].dtype)
    return np.stack(xs, axis=axis)


define("Pack", _pack_rule, _pack_kernel,
       grad=lambda op, g: unstack(g, num=op._attrs["N"], axis=op._attrs["axis"]))


def _pack(xs: list, axis: int, name) -> Tensor:
    op_util.check_same_dtype("Pack", *[("values", x) for x in xs])
    return make1("Pack", xs, {"axis": int(axis), "N": len(xs)}, name=name)


def stack(values, axis: int = 0, name: str = "stack") -> Tensor:
    """`tf.stack` (TF1 `tf.pack`): join same-shaped tensors along a new dimension `axis`."""
    if axis == 0 and _is_tensorish(values):
        return convert_to_tensor(values)
    if axis == 0 and not _contains_tensor(values):
        return constant(values, name=name)
    dtype = _pack_dtype(values)
    if not values:
        raise ValueError("tf.stack needs at least one value")
    with name_scope(name or "stack") as scope:   # as TF: a Python value i is `<scope>/i`
        xs = [convert_to_tensor(v) if _is_tensorish(v) else
              convert_to_tensor(v, dtype=dtype, name=str(i)) for i, v in enumerate(values)]
        return _pack(xs, axis, scope)


pack = stack


def _parallel_concat_rule(inputs, attrs):
    out = attrs["shape"]
    if not out.is_fully_defined():
        raise ValueError("parallel_stack needs fully defined input shapes, got %s; use tf.stack "
                         "for tensors whose shape is known only at run time" % out)
    return [(inputs[0]._dtype.base_dtype, out)]


define("ParallelConcat", _parallel_concat_rule, lambda *xs, shape, N: np.concatenate(xs, axis=0))


def parallel_stack(values, name: str = "parallel_stack") -> Tensor:
    """`tf.parallel_stack`: `tf.stack` along a new first axis for tensors of fully known shape
    (op ParallelConcat, which has no gradient)."""
    with name_scope(name):
        xs = [convert_to_tensor(v) for v in values]
        op_util.check_same_dtype("ParallelConcat", *[("values", x) for x in xs])
        item = unknown_shape()
        for x in xs:
            item = item.merge_with(x._shape)
        rows = [expand_dims(x, 0) for x in xs]
        return make1("ParallelConcat", rows, {"shape": TensorShape([len(xs)]).concatenate(item),
                                              "N": len(xs)}, name="ParallelConcat")


def _unpack_rule(inputs, attrs):
    x = inputs[0]
    num, axis = attrs["num"], attrs["axis"]
    if x._shape.ndims is None:
        return [(x._dtype.base_dtype, unknown_shape())] * num
    dims = x._shape.as_list()
    axis = _canon_axis(axis, len(dims))
    if dims[axis] is not None and dims[axis] != num:
        raise ValueError("Dimension %d must be %d but is %d" % (axis, num, dims[axis]))
    out = TensorShape(dims[:axis] + dims[axis + 1:])
    return [(x._dtype.base_dtype, out)] * num


def _outputs(values: tuple):
    """A kernel's results: a tuple for several outputs, the array itself for one (an op whose output
    count comes from an attr, e.g. tf.split(x, 1), has one)."""
    return values[0] if len(values) == 1 else values


def _unpack_kernel(x, num, axis):
    if x.shape[axis] != num:
        raise errors.InvalidArgumentError(None, None, "Input shape axis %d must equal %d, got "
                                          "shape %s" % (axis, num, list(x.shape)))
    return _outputs(tuple(np.take(x, i, axis=axis) for i in range(num)))


define("Unpack", _unpack_rule, _unpack_kernel,
       grad=lambda op, *gs: [stack(list(gs), axis=op._attrs["axis"])])


def unstack(value, num=None, axis: int = 0, name: str = "unstack") -> list:
    """`tf.unstack` (TF1 `tf.unpack`): split a tensor along `axis` into a list of tensors."""
    x = convert_to_tensor(value)
    if num is None:
        if x._shape.ndims is None:
            raise ValueError("Cannot infer argument `num` from shape %s" % x._shape)
        num = x._shape[_canon_axis(axis, x._shape.ndims)]
        if num is None:
            raise ValueError("Cannot infer argument `num` from shape %s" % x._shape)
    elif x._shape.ndims is not None:
        _canon_axis(axis, x._shape.ndims)
    return list(make("Unpack", [x], {"num": int(num), "axis": int(axis)},
                     name=name or "unstack")._outputs)


unpack = unstack


def _split_rule(inputs, attrs):
    a, x = inputs
    n = attrs["num_split"]
    axis = _const_int(a)
    dtype = x._dtype.base_dtype
    if x._shape.ndims is None:
        return [(dtype, unknown_shape())] * n
    dims = x._shape.as_list()
    if axis is None:
        return [(dtype, unknown_shape(len(dims)))] * n
    axis = _canon_axis(axis, len(dims))
    d = dims[axis]
    if d is not None:
        if d % n:
            raise ValueError("Dimension size must be evenly divisible by %d but is %d for 'Split' "
                             "with input shapes: [], %s and with computed input tensors: "
                             "input[0] = <%d>." % (n, d, x._shape, axis))
        d //= n
    return [(dtype, TensorShape(dims[:axis] + [d] + dims[axis + 1:]))] * n


def _split_kernel(a, x, num_split):
    axis = int(a)
    if x.shape[axis] % num_split:
        raise errors.InvalidArgumentError(None, None, "Number of ways to split should evenly "
                                          "divide the split dimension, but got split_dim %d "
                                          "(size = %d) and num_split %d"
                                          % (axis, x.shape[axis], num_split))
    return _outputs(tuple(np.split(x, num_split, axis=axis)))


define("Split", _split_rule, _split_kernel,
       grad=lambda op, *gs: [None, concat(list(gs), op._inputs[0])])


def _splitv_rule(inputs, attrs):
    x, s, a = inputs
    n = attrs["num_split"]
    dtype = x._dtype.base_dtype
    axis = _const_int(a)
    sizes = _partial_ints(s)
    if x._shape.ndims is None:
        return [(dtype, unknown_shape())] * n
    dims = x._shape.as_list()
    if axis is None:
        return [(dtype, unknown_shape(len(dims)))] * n
    axis = _canon_axis(axis, len(dims))
    if sizes is None or len(sizes) != n:
        if sizes is not None:
            raise ValueError("Size of size_splits (%d) does not match num_split (%d)"
                             % (len(sizes), n))
        return [(dtype, TensorShape(dims[:axis] + [None] + dims[axis + 1:]))] * n
    d = dims[axis]
    if sizes.count(-1) > 1:
        raise ValueError("Only one dimensions can have a value of -1. Second one found at "
                         "dimension %d" % [i for i, v in enumerate(sizes) if v == -1][1])
    known = [v for v in sizes if v is not None and v != -1]
    if -1 in sizes and d is not None and None not in sizes:
        rest = d - sum(known)
        if rest < 0:
            raise ValueError("Determined shape must either match input shape along split_dim "
                             "exactly if fully specified, or be less than the size of the input "
                             "along split_dim if not fully specified.  Got: %d" % sum(known))
        sizes = [rest if v == -1 else v for v in sizes]
    elif d is not None and None not in sizes and -1 not in sizes and sum(sizes) != d:
        raise ValueError("Determined shape must either match input shape along split_dim exactly "
                         "if fully specified, or be less than the size of the input along "
                         "split_dim if not fully specified.  Got: %d" % sum(sizes))
    return [(dtype, TensorShape(dims[:axis] + [v if v is not None and v >= 0 else None]
                                + dims[axis + 1:])) for v in sizes]


def _splitv_kernel(x, s, a, num_split):
    axis = int(a)
    sizes = [int(v) for v in np.reshape(s, [-1])]
    d = x.shape[axis]
    if sizes.count(-1) == 1:
        sizes[sizes.index(-1)] = d - sum(v for v in sizes if v != -1)
    if sum(sizes) != d or min(sizes, default=0) < 0:
        raise errors.InvalidArgumentError(None, None, "Determined shape must either match input "
                                          "shape along split_dim exactly if fully specified, or "
                                          "be less than the size of the input along split_dim "
                                          "if not fully specified.  Got: %d" % sum(sizes))
    return _outputs(tuple(np.split(x, np.cumsum(sizes)[:-1], axis=axis)))


define("SplitV", _splitv_rule, _splitv_kernel,
       grad=lambda op, *gs: [concat(list(gs), op._inputs[2]), None, None])


def split(value, num_or_size_splits, axis=0, num=None, name: str = "split") -> list:
    """`tf.split`: `num_or_size_splits` equal pieces, or pieces of the given sizes (one -1)."""
    if isinstance(num_or_size_splits, (int, np.integer)) and not isinstance(num_or_size_splits, bool):
        return list(_wrapped_op("Split", name, [("split_dim", axis, _int_tensor), ("value", value, _as_input)],
                                {"num_split": int(num_or_size_splits)})._outputs)
    sizes = _int_tensor(num_or_size_splits)
    if num is None:
        if sizes._shape.ndims == 1 and sizes._shape[0] is not None:
            num = sizes._shape[0]
        else:
            raise ValueError("Cannot infer argument `num` from shape %s" % sizes._shape)
    return list(_wrapped_op("SplitV", name, [("value", value, _as_input), ("size_splits", sizes, _as_input),
                                             ("split_dim", axis, _int_tensor)],
                            {"num_split": int(num)})._outputs)


# ================================================================================================
# Slice, StridedSlice, Tensor.__getitem__
# ================================================================================================
def _slice_rule(inputs, attrs):
    x, b, s = inputs
    dtype = x._dtype.base_dtype
    begin, size = _partial_ints(b), _partial_ints(s)
    r = x._shape.ndims
    n = len(begin) if begin is not None else (len(size) if size is not None else r)
    if r is not None and n is not None and n != r:
        raise ValueError("Shape must be rank %d but is rank %d for 'Slice' with input shapes: %s"
                         % (r, n, x._shape))
    if n is None:
        return [(dtype, unknown_shape())]
    dims = x._shape.as_list() if r is not None else [None] * n
    begin = begin or [None] * n
    size = size or [None] * n
    whole_size_known = all(v is not None for v in size)    # else TF leaves a -1 entry unknown
    out = []
    for i in range(n):
        d, bi, si = dims[i], begin[i], size[i]
        if si is not None and si >= 0:
            out.append(si)
        elif si == -1 and whole_size_known and d is not None and bi is not None:
            if bi > d:
                raise ValueError("Expected begin[%d] in [0, %d], but got %d" % (i, d, bi))
            out.append(d - bi)
        else:
            out.append(None)
    return [(dtype, TensorShape(out))]


def _slice_kernel(x, begin, size):
    if x.ndim == 1 and begin.shape == (1,) and size.shape == (1,):     # a slice of a shape vector
        b, s, d = int(begin[0]), int(size[0]), x.shape[0]
        if s == -1:
            s = d - b
        if 0 <= b <= d and 0 <= s <= d - b:
            return x[b:b + s]
    idx = []
    for i, (b, s) in enumerate(zip(np.reshape(begin, [-1]), np.reshape(size, [-1]))):
        b, s, d = int(b), int(s), x.shape[i]
        if s == -1:
            s = d - b
        if not (0 <= b <= d and 0 <= s <= d - b):
            raise errors.InvalidArgumentError(None, None, "Expected size[%d] in [0, %d], but got "
                                              "%d (begin[%d] = %d)" % (i, max(d - b, 0), s, i, b))
        idx.append(_pyslice(b, b + s))
    if len(idx) != x.ndim:
        raise errors.InvalidArgumentError(None, None, "Expected begin and size arguments to be "
                                          "1-D tensors of size %d, but got shapes [%d]"
                                          % (x.ndim, len(idx)))
    return x[tuple(idx)]


def _slice_grad(op, g):
    """TF's: Pad the gradient by [begin, shape(x) - shape(y) - begin] (as an [rank, 2] concat of
    two reshaped columns)."""
    m = _math()
    x, begin = op._inputs[0], op._inputs[1]
    input_rank = rank(x)
    slice_size = shape(op._outputs[0], out_type=begin._dtype.base_dtype)
    shape_vec = stack([input_rank, 1])
    before_pad = reshape(begin, shape_vec)
    after_pad = reshape(m.subtract(m.subtract(shape(x, out_type=begin._dtype.base_dtype), slice_size,
                                              name="sub"), begin, name="sub"), shape_vec)
    paddings = concat([before_pad, after_pad], 1)
    return [pad(g, paddings), None, None]


define("Slice", _slice_rule, _slice_kernel, grad=_slice_grad)


def slice(input_, begin, size, name=None) -> Tensor:  # noqa: A001 - TF's name
    """`tf.slice`: the block starting at `begin` of extent `size` (-1: to the end)."""
    return _wrapped_op("Slice", name, [("input", input_, _as_input), ("begin", begin, _int_tensor),
                                       ("size", size, _int_tensor)])._outputs[0]


_MASKS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")
_NEW, _SHRINK = "new", "shrink"


def _dense_spec(rank: int, n: int, m: dict):
    """Expand the sparse slice spec (with ellipsis / new axes) to one entry per input dimension.

    Returns (dense, gather): dense[i] = (sparse index or None, begin_masked, end_masked, shrink);
    gather lists, per output dimension, a dense index or _NEW."""
    ellipsis, new_axis = m["ellipsis_mask"], m["new_axis_mask"]
    if not ellipsis & ((1 << n) - 1):
        ellipsis |= 1 << n
        n += 1
    seen_ellipsis = False
    dense, gather_ = [], []
    for i in range(n):
        bit = 1 << i
        if ellipsis & bit:
            if seen_ellipsis:
                raise ValueError("Multiple ellipses in slice spec not allowed")
            seen_ellipsis = True
            after_new = sum(1 for j in range(i + 1, n) if new_axis & (1 << j) and not ellipsis & (1 << j))
            after_real = n - i - 1 - after_new
            stop = max(rank - after_real, len(dense))
            while len(dense) < stop:
                gather_.append(len(dense))
                dense.append((None, True, True, False))
        elif new_axis & bit:
            gather_.append(_NEW)
        else:
            if len(dense) == rank:
                raise ValueError("Index out of range using input dim %d; input has only %d dims"
                                 % (len(dense), rank))
            shrink = bool(m["shrink_axis_mask"] & bit)
            gather_.append(_SHRINK if shrink else len(dense))
            dense.append((i, bool(m["begin_mask"] & bit), bool(m["end_mask"] & bit), shrink))
    return dense, gather_


def _canonical_range(d, b, e, s, bm, em, shrink, axis):
    """One dimension of a strided slice: (begin, end, stride, size) with TF's clamping, or raise.
    `d` is the dimension size; `b`/`e`/`s` may be None when not static (size is then None)."""
    if s == 0:
        raise ValueError("strides[%d] must be non-zero" % axis)
    if shrink and s is not None and s < 0:
        raise ValueError("only stride 1 allowed on non-range indexing.")
    if d is None or s is None:
        if shrink:
            return None, None, s, 1
        return None, None, s, None
    if shrink:
        if b is None:
            return None, None, s, 1
        x = b + d if b < 0 else b
        if not 0 <= x < d:
            raise ValueError("slice index %d of dimension %d out of bounds." % (b, axis))
        return x, x + 1, 1, 1
    lo, hi = (0, d) if s > 0 else (-1, d - 1)

    def canon(v, masked, is_end):
        if masked:
            return (hi if is_end else lo) if s > 0 else (lo if is_end else hi)
        if v is None:
            return None
        v = v + d if v < 0 else v
        return min(max(v, lo), hi)
    b2, e2 = canon(b, bm, False), canon(e, em, True)
    if b2 is None or e2 is None:
        return b2, e2, s, None
    length = e2 - b2
    if length == 0 or (length < 0) != (s < 0):
        size = 0
    else:
        size = -(-abs(length) // abs(s))
    return b2, e2, s, size


def _strided_plan(dims: list, begin, end, strides, m: dict):
    """Per dense dimension (begin, end, stride, size) and the output shape (None = unknown)."""
    n = len(strides)
    dense, gather_ = _dense_spec(len(dims), n, m)
    ranges = []
    for axis, (k, bm, em, shrink) in enumerate(dense):
        if k is None:
            ranges.append(_canonical_range(dims[axis], 0, 0, 1, True, True, False, axis))
        else:
            ranges.append(_canonical_range(dims[axis], begin[k], end[k], strides[k], bm, em,
                                           shrink, axis))
    out = []
    for g in gather_:
        if g == _NEW:
            out.append(1)
        elif g != _SHRINK:
            out.append(ranges[g][3])
    return ranges, out


def _strided_slice_rule(inputs, attrs):
    x, b, e, s = inputs[:4]
    return [(x._dtype.base_dtype, _strided_shape(x._shape, b, e, s, attrs))]


def _strided_shape(xshape: TensorShape, b, e, s, attrs) -> TensorShape:
    if xshape.ndims is None or s._shape.ndims != 1 or s._shape[0] is None:
        return unknown_shape()
    n = s._shape[0]
    begin = _partial_ints(b) or [None] * n
    end = _partial_ints(e) or [None] * n
    strides = _partial_ints(s) or [None] * n
    _, out = _strided_plan(xshape.as_list(), begin, end, strides, attrs)
    return TensorShape(out)


def _strided_indices(shape_, begin, end, strides, m):
    ranges, out = _strided_plan(list(shape_), [int(v) for v in begin], [int(v) for v in end],
                                [int(v) for v in strides], m)
    idx = tuple(_pyslice(0, 0) if size == 0 else _pyslice(b, e if e >= 0 else None, st)
                for b, e, st, size in ranges)
    proc = [r[3] for r in ranges]
    return idx, proc, out


def _strided_slice_kernel(x, begin, end, strides, **m):
    try:
        idx, _, out = _strided_indices(x.shape, begin, end, strides, m)
    except ValueError as err:
        raise errors.InvalidArgumentError(None, None, str(err)) from None
    return np.reshape(x[idx], out)


def _strided_slice_grad(op, g):
    x, b, e, s = op._inputs
    attrs = {k: op._attrs[k] for k in _MASKS}
    shp = shape(x, out_type=b._dtype.base_dtype)
    # TF hands the op wrapper the values it knows statically, which become Consts in its scope
    args = [(arg, _static_or_tensor(t)) for arg, t in
            (("shape", shp), ("begin", b), ("end", e), ("strides", s))]
    out = _wrapped_op("StridedSliceGrad", None, [(arg, v, _as_input) for arg, v in args]
                      + [("dy", g, _as_input)], attrs)
    return [out._outputs[0], None, None, None]


def _static_or_tensor(t: Tensor):
    """`t`'s value when it is known statically (as TF's constant_value gives it), else `t`."""
    v = op_util.const_value(t)
    return t if v is None else np.asarray(v)


define("StridedSlice", _strided_slice_rule, _strided_slice_kernel, grad=_strided_slice_grad)


def _ssg_rule(inputs, attrs):
    return [(inputs[4]._dtype.base_dtype, _shape_from_tensor(inputs[0]))]


def _ssg_kernel(shp, begin, end, strides, dy, **m):
    shp = [int(d) for d in shp]
    idx, proc, _ = _strided_indices(shp, begin, end, strides, m)
    out = np.zeros(shp, dtype=dy.dtype)
    out[idx] = np.reshape(dy, proc)
    return out


def _ssg_grad(op, gg):
    attrs = {k: op._attrs[k] for k in _MASKS}
    _, b, e, s, _ = op._inputs
    return [None, None, None, None, make1("StridedSlice", [gg, b, e, s], attrs)]


define("StridedSliceGrad", _ssg_rule, _ssg_kernel, grad=_ssg_grad)


def strided_slice(input_, begin, end, strides=None, begin_mask: int = 0, end_mask: int = 0,
                  ellipsis_mask: int = 0, new_axis_mask: int = 0, shrink_axis_mask: int = 0,
                  var=None, name=None) -> Tensor:
    """`tf.strided_slice`: NumPy-style slicing described by begin/end/strides and bit masks."""
    if strides is None:
        strides = ones_like(_int_tensor(begin))
    with name_scope(name, "StridedSlice", [v for v in (input_, begin, end, strides)
                                           if _is_tensorish(v)]) as scope:
        x = _as_input(input_, "input")
        b, e, s = _int_tensor(begin, "begin"), _int_tensor(end, "end"), _int_tensor(strides, "strides")
        attrs = {"begin_mask": int(begin_mask), "end_mask": int(end_mask),
                 "ellipsis_mask": int(ellipsis_mask), "new_axis_mask": int(new_axis_mask),
                 "shrink_axis_mask": int(shrink_axis_mask), "Index": b.dtype.base_dtype}
        lens = {t._shape[0] for t in (b, e, s) if t._shape.ndims == 1 and t._shape[0] is not None}
        if len(lens) > 1:
            raise ValueError("Shapes must be equal rank: begin, end and strides must have the same "
                             "length, got %s" % sorted(lens))
        op_util.check_same_dtype("StridedSlice", ("begin", b), ("end", e), ("strides", s))
        return make1("StridedSlice", [x, b, e, s], attrs, name=scope)


def _check_index(idx):
    if isinstance(idx, (int, np.integer)):
        return
    if _is_tensorish(idx):
        t = convert_to_tensor(idx)
        if t.dtype.base_dtype in (dtypes.int32, dtypes.int64) and t._shape.ndims in (None, 0):
            return
    raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
                    "scalar tf.int32/tf.int64 tensors are valid indices, got %r" % (idx,))


def _is_bool_mask(spec) -> bool:
    if isinstance(spec, (bool, np.bool_)) or (isinstance(spec, np.ndarray) and spec.dtype == bool):
        return True
    return _is_tensorish(spec) and convert_to_tensor(spec).dtype.base_dtype == dtypes.bool


def _getitem(tensor, slice_spec):
    """`t[...]`: ints, slices (any step), Ellipsis, None/tf.newaxis and scalar int tensors; a bool
    index (Python bool, bool array or tensor) is `tf.boolean_mask(t, index)`, as in TF."""
    if _is_bool_mask(slice_spec):
        return boolean_mask(tensor, slice_spec)
    begin, end, strides, masks = _slice_lists(slice_spec)   # `i + 1` of a tensor index: outside
    with name_scope(None, "strided_slice", [tensor]) as name:
        pb, pe, ps = _pack_slice(begin, end, strides)
        return strided_slice(tensor, pb, pe, ps, name=name, **masks)


def strided_slice_args(slice_spec):
    """Python indexing → (begin, end, strides, masks) tensors/attrs for StridedSlice; shared
    with sliced variable assignment (`v[1:3].assign(...)`, StridedSliceAssign)."""
    begin, end, strides, masks = _slice_lists(slice_spec)
    return (*_pack_slice(begin, end, strides), masks)


def _slice_lists(slice_spec):
    """Python indexing → begin, end and strides lists (ints or tensors) and the mask attrs."""
    if not isinstance(slice_spec, (list, tuple)):
        slice_spec = (slice_spec,)
    begin, end, strides = [], [], []
    masks = dict.fromkeys(_MASKS, 0)
    for i, s in enumerate(slice_spec):
        bit = 1 << i
        if isinstance(s, _pyslice):
            # TF: in a slice holding a tensor, the parts left out become Consts of its dtype
            # (made here, outside the strided_slice scope); given Python values stay Python
            tensor_part = next((p for p in (s.start, s.stop, s.step) if _is_tensorish(p)), None)
            default_dtype = convert_to_tensor(tensor_part).dtype.base_dtype \
                if tensor_part is not None else None
            for part, lst, key in ((s.start, begin, "begin_mask"), (s.stop, end, "end_mask")):
                if part is None:
                    lst.append(0 if default_dtype is None else constant(0, dtype=default_dtype))
                    masks[key] |= bit
                else:
                    _check_index(part)
                    lst.append(part)
            if s.step is not None:
                _check_index(s.step)
                strides.append(s.step)
            else:
                strides.append(1 if default_dtype is None else constant(1, dtype=default_dtype))
        elif s is Ellipsis:
            begin.append(0)
            end.append(0)
            strides.append(1)
            masks["ellipsis_mask"] |= bit
        elif s is None:
            begin.append(0)
            end.append(0)
            strides.append(1)
            masks["new_axis_mask"] |= bit
        else:
            _check_index(s)
            begin.append(s)
            end.append(s + 1)
            strides.append(1)
            masks["shrink_axis_mask"] |= bit
    return begin, end, strides, masks


def _pack_slice(begin: list, end: list, strides: list) -> tuple:
    """The begin, end and strides tensors of a StridedSlice (`stack`, `stack_1`, `stack_2`)."""
    if not begin:
        empty = constant([], dtype=dtypes.int32)
        return empty, empty, empty
    pb, pe, ps = stack(begin), stack(end), stack(strides)
    if dtypes.int64 in (pb.dtype, pe.dtype, ps.dtype):
        pb, pe, ps = (t if t.dtype == dtypes.int64 else _math().cast(t, dtypes.int64)
                      for t in (pb, pe, ps))
    return pb, pe, ps


Tensor._override_operator("__getitem__", _getitem)


# ================================================================================================
# Gather, GatherNd, ScatterNd
# ================================================================================================
def _gather_rule(inputs, attrs):
    p, i, a = inputs
    b = attrs["batch_dims"]
    dtype = p._dtype.base_dtype
    axis = _const_int(a)
    if p._shape.ndims is None or i._shape.ndims is None:
        return [(dtype, unknown_shape())]
    pr, ir = p._shape.ndims, i._shape.ndims
    if b < 0:
        b += ir
    if axis is None:
        return [(dtype, unknown_shape(pr + ir - 1 - b))]
    if not -pr <= axis < pr:
        raise ValueError("Shape must be at least rank %d but is rank %d for 'GatherV2' (axis = %d)"
                         % (axis + 1 if axis >= 0 else -axis, pr, axis))
    axis %= pr
    if b > axis:
        raise ValueError("batch_dims (%d) must be less than or equal to axis (%d)." % (b, axis))
    pd, idims = p._shape.as_list(), i._shape.as_list()
    for k in range(b):
        if pd[k] is not None and idims[k] is not None and pd[k] != idims[k]:
            raise ValueError("params.shape[%d]: %d should be equal to indices.shape[%d]: %d"
                             % (k, pd[k], k, idims[k]))
    return [(dtype, TensorShape(pd[:axis] + idims[b:] + pd[axis + 1:]))]


def _check_gather_range(indices, limit: int):
    if indices.size and (indices.min() < 0 or indices.max() >= limit):
        flat = np.reshape(indices, [-1])
        k = int(np.nonzero((flat < 0) | (flat >= limit))[0][0])
        raise errors.InvalidArgumentError(None, None, "indices[%d] = %d is not in [0, %d)"
                                          % (k, int(flat[k]), limit))


def _gather_kernel(params, indices, axis, batch_dims):
    axis = int(axis) % params.ndim
    b = batch_dims % indices.ndim if batch_dims < 0 else batch_dims
    _check_gather_range(indices, params.shape[axis])
    if b == 0:
        return np.take(params, indices, axis=axis)
    lead = params.shape[:b]
    n = int(np.prod(lead))
    p = np.reshape(params, (n,) + params.shape[b:])
    ind = np.reshape(indices, (n,) + indices.shape[b:])
    out_shape = params.shape[:axis] + indices.shape[b:] + params.shape[axis + 1:]
    if n == 0:
        return np.zeros(out_shape, dtype=params.dtype)
    parts = [np.take(p[k], ind[k], axis=axis - b) for k in range(n)]
    return np.reshape(np.stack(parts), out_shape)


def _gather_grad(op, g):
    from ..framework.indexed_slices import IndexedSlices

    params, indices, a = op._inputs
    b = op._attrs["batch_dims"]
    axis = _const_int(a)
    pr = params._shape.ndims
    if axis is None or pr is None:
        raise ValueError("The gradient of tf.gather needs a static axis and params rank (op %s)"
                         % op.name)
    axis %= pr
    if b < 0:
        b += indices._shape.ndims
    if b == 0 and axis == 0:      # TF's ops and order: Shape, Size, ExpandDims, concat, Reshapes
        params_shape = shape(params)
        indices_size = expand_dims(size(indices), 0)
        values_shape = concat([indices_size, params_shape[1:]], 0)
        values = reshape(g, values_shape)
        return [IndexedSlices(values, reshape(indices, indices_size), params_shape), None, None]
    if b == 0:
        return [_gather_grad_other_axis(g, params, indices, a), None, None]
    params_shape = _static_or_dynamic_shape(params)
    n_idx = size(indices)
    m = _math()
    if b == 0:
        values_shape = concat([params_shape[:axis], reshape(n_idx, [1]),
                               params_shape[axis + 1:]], 0)
        values = reshape(g, values_shape)
        perm = [axis] + list(range(axis)) + list(range(axis + 1, pr))
        summed = m.unsorted_segment_sum(transpose(values, perm), reshape(indices, [-1]),
                                        params_shape[axis])
        back = list(range(1, axis + 1)) + [0] + list(range(axis + 1, pr))
        return [transpose(summed, back), None, None]
    ps, ins = params._shape, indices._shape
    if not (ps.is_fully_defined() and ins.is_fully_defined()):
        raise ValueError("The gradient of tf.gather with batch_dims > 0 needs fully defined "
                         "params and indices shapes (op %s)" % op.name)
    pd, idims = ps.as_list(), ins.as_list()
    nb = int(np.prod(pd[:b]))
    n_inner = int(np.prod(idims[b:]))
    outer, inner, big_n = pd[b:axis], pd[axis + 1:], pd[axis]
    values = reshape(g, [nb] + outer + [n_inner] + inner)
    k = len(outer)
    perm = [0, k + 1] + list(range(1, k + 1)) + list(range(k + 2, k + 2 + len(inner)))
    values = reshape(transpose(values, perm), [nb * n_inner] + outer + inner)
    offsets = constant(np.arange(nb).reshape([nb, 1]) * big_n, dtype=indices.dtype)
    flat_idx = reshape(m.add(reshape(indices, [nb, n_inner]), offsets), [-1])
    summed = reshape(m.unsorted_segment_sum(values, flat_idx, nb * big_n),
                     [nb, big_n] + outer + inner)
    back = [0] + list(range(2, k + 2)) + [1] + list(range(k + 2, k + 2 + len(inner)))
    return [reshape(transpose(summed, back), pd), None, None]


def _gather_grad_other_axis(g: Tensor, params: Tensor, indices: Tensor, axis: Tensor) -> Tensor:
    """TF's GatherV2 gradient along an axis other than 0 (batch_dims 0): the gradient reshaped to
    [outer, -1, inner], the gathered axis moved to the front, UnsortedSegmentSum over the indices,
    moved back and reshaped to the params' shape."""
    m = _math()
    params_shape = shape(params)
    indices_size = expand_dims(size(indices), 0)
    outer_shape = params_shape[:axis]
    inner_shape = params_shape[axis:][1:]
    values_shape = concat([outer_shape, [-1], inner_shape], 0)
    values_dims = size(values_shape)
    axis_dims = size(outer_shape)
    outer_batches_indices = m.range(0)
    batch_axis_indices = m.range(0, axis_dims)
    inner_axes_indices = m.range(axis_dims + 1, values_dims)
    values = reshape(g, values_shape)
    transpose_dims = concat([outer_batches_indices, [axis_dims], batch_axis_indices,
                             inner_axes_indices], 0)
    values_transpose = transpose(values, transpose_dims)
    gather(params_shape, transpose_dims)          # TF builds the transposed shape (unused)
    gather_dim_size = params_shape[axis]
    flat_indices = reshape(indices, expand_dims(size(indices), 0))
    del indices_size
    params_grad = m.unsorted_segment_sum(values_transpose, flat_indices, gather_dim_size)
    invert_transpose_dims = concat([outer_batches_indices, batch_axis_indices + 1, [0],
                                    inner_axes_indices], 0)
    params_grad = transpose(params_grad, invert_transpose_dims)
    return reshape(params_grad, shape(params))


def _static_or_dynamic_shape(x: Tensor) -> Tensor:
    if x._shape.is_fully_defined():
        return constant(x._shape.as_list(), dtype=dtypes.int32)
    return shape(x)


define("GatherV2", _gather_rule, _gather_kernel, grad=_gather_grad)


def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims: int = 0) -> Tensor:
    """`tf.gather`: slices of `params` along `axis` at `indices` (gradient: IndexedSlices)."""
    if hasattr(params, "sparse_read") and axis in (None, 0) and batch_dims == 0:
        return params.sparse_read(indices, name=name)
    if axis is None:
        axis = batch_dims

    def checked_indices(value, arg):
        i = _as_input(value, arg)
        op_util.check_dtype_in("GatherV2", i, (dtypes.int32, dtypes.int64), "indices")
        return i
    return _wrapped_op("GatherV2", name, [("params", params, _as_input),
                                          ("indices", indices, checked_indices),
                                          ("axis", axis, _int_tensor)],
                       {"batch_dims": int(batch_dims)})._outputs[0]


def _gather_nd_rule(inputs, attrs):
    p, i = inputs
    dtype = p._dtype.base_dtype
    if i._shape.ndims is None or i._shape[-1] is None:
        return [(dtype, unknown_shape())]
    k = i._shape[-1]
    if p._shape.ndims is None:
        return [(dtype, unknown_shape())]
    if k > p._shape.ndims:
        raise ValueError("indices.shape[-1] must be <= params.rank, but saw indices shape: %s "
                         "and params shape: %s for 'GatherNd'" % (i._shape, p._shape))
    return [(dtype, TensorShape(i._shape.as_list()[:-1] + p._shape.as_list()[k:]))]


def _nd_index(indices, shape_, what: str):
    k = indices.shape[-1]
    flat = np.reshape(indices, [-1, k])
    limits = np.asarray(shape_[:k])
    bad = np.nonzero(np.any((flat < 0) | (flat >= limits), axis=1))[0]
    if bad.size:
        j = int(bad[0])
        raise errors.InvalidArgumentError(None, None, "indices[%d] = [%s] does not index into %s "
                                          "[%s]" % (j, ", ".join(str(int(v)) for v in flat[j]),
                                                    what, ",".join(str(d) for d in shape_)))
    return tuple(indices[..., j] for j in range(k))


def _gather_nd_kernel(params, indices):
    return params[_nd_index(indices, params.shape, "param shape")]


define("GatherNd", _gather_nd_rule, _gather_nd_kernel,
       grad=lambda op, g: [scatter_nd(op._inputs[1], g, _static_or_dynamic_shape(op._inputs[0])),
                           None])


def gather_nd(params, indices, name=None, batch_dims: int = 0) -> Tensor:
    """`tf.gather_nd`: elements or slices of `params` addressed by the last axis of `indices`; with
    `batch_dims` b, the first b axes of both are batch axes gathered from pairwise."""
    if batch_dims == 0:        # TF's op wrapper converts Python inputs: GatherNd/indices
        with name_scope(name, "GatherNd", [params, indices]) as scope:
            p = convert_to_tensor(params, name="params")
            i = convert_to_tensor(indices, name="indices")
            op_util.check_dtype_in("GatherNd", i, (dtypes.int32, dtypes.int64), "indices")
            return make1("GatherNd", [p, i], name=scope)
    p = convert_to_tensor(params)
    i = convert_to_tensor(indices)
    op_util.check_dtype_in("GatherNd", i, (dtypes.int32, dtypes.int64), "indices")
    with name_scope(name, "BatchGatherND", [p, i]):
        return _batch_gather_nd(p, i, int(batch_dims))


def _batch_gather_nd(p: Tensor, i: Tensor, b: int) -> Tensor:
    """gather_nd over the leading `b` batch axes: flatten them to one, prepend each row's batch
    number to its index, gather, and restore the batch axes."""
    from . import math_ops
    if b < 0 or (i._shape.ndims is not None and b >= i._shape.ndims) or (
            p._shape.ndims is not None and b >= p._shape.ndims):
        raise ValueError("batch_dims = %d must be non-negative and less than the ranks of params "
                         "(%s) and indices (%s)" % (b, p._shape, i._shape))
    p_shape, i_shape = shape(p, out_type=i._dtype), shape(i, out_type=i._dtype)
    flat_p = reshape(p, concat([[-1], p_shape[b:]], 0))
    flat_i = reshape(i, concat([[-1], i_shape[b:]], 0))
    n = math_ops.reduce_prod(i_shape[:b])
    inner = size(i_shape) - b - 1
    rows = reshape(math_ops.range(n, dtype=i._dtype.base_dtype),
                   concat([[-1], fill(expand_dims(inner, 0), 1), [1]], 0))
    rows = rows * ones_like(flat_i[..., :1])
    out = make1("GatherNd", [flat_p, concat([rows, flat_i], -1)], name="GatherNd")
    result = reshape(out, concat([i_shape[:b], shape(out, out_type=i._dtype)[1:]], 0))
    if p._shape.ndims is not None and i._shape.ndims is not None and i._shape[-1] is not None:
        k = i._shape[-1]
        batch = TensorShape(i._shape.as_list()[:b]).merge_with(TensorShape(p._shape.as_list()[:b]))
        result.set_shape(batch.concatenate(i._shape.as_list()[b:-1] + p._shape.as_list()[b + k:]))
    return result


def _scatter_nd_rule(inputs, attrs):
    i, u, s = inputs
    out = _shape_from_tensor(s)
    if (i._shape.ndims is not None and u._shape.ndims is not None and out.ndims is not None
            and i._shape[-1] is not None):
        k = i._shape[-1]
        want = TensorShape(i._shape.as_list()[:-1] + out.as_list()[k:])
        if not want.is_compatible_with(u._shape):
            raise ValueError("The outer %d dimensions of indices.shape=%s must match the outer %d "
                             "dimensions of updates.shape=%s" % (i._shape.ndims - 1, i._shape,
                                                                 i._shape.ndims - 1, u._shape))
    return [(u._dtype.base_dtype, out)]


def _scatter_nd_kernel(indices, updates, shp):
    shp = [int(d) for d in np.reshape(shp, [-1])]
    out = np.zeros(shp, dtype=updates.dtype)
    np.add.at(out, _nd_index(indices, shp, "shape"), updates)
    return out


define("ScatterNd", _scatter_nd_rule, _scatter_nd_kernel,
       grad=lambda op, g: [None, gather_nd(g, op._inputs[0]), None])


def scatter_nd(indices, updates, shape, name=None) -> Tensor:  # noqa: A002
    """`tf.scatter_nd`: a zero tensor of `shape` with `updates` added at `indices`."""
    i = convert_to_tensor(indices)
    u = convert_to_tensor(updates)
    s = _int_tensor(shape) if not _is_tensorish(shape) else convert_to_tensor(shape)
    if s.dtype.base_dtype != i.dtype.base_dtype:
        s = _math().cast(s, i.dtype.base_dtype) if _is_tensorish(shape) else \
            _int_tensor(np.asarray(shape, dtype=i.dtype.np_dtype))
    return make1("ScatterNd", [i, u, s], name=name or "ScatterNd")


# --- tensor_scatter_nd_*: a copy of a tensor with the rows at `indices` updated ------------------
def _tensor_scatter_rule(inputs, attrs):
    t, i, u = inputs
    op_util.check_same_dtype("TensorScatterUpdate", ("tensor", t), ("updates", u))
    op_util.check_dtype_in("TensorScatterUpdate", i, (dtypes.int32, dtypes.int64), "indices")
    if t._shape.ndims is not None and i._shape.ndims is not None and i._shape[-1] is not None:
        want = TensorShape(i._shape.as_list()[:-1] + t._shape.as_list()[i._shape[-1]:])
        if not want.is_compatible_with(u._shape):
            raise ValueError("updates must have shape %s (indices.shape[:-1] + tensor.shape"
                             "[indices.shape[-1]:]), got %s" % (want, u._shape))
    return [(t._dtype.base_dtype, t._shape)]


def _tensor_scatter_kernel(how: str):
    def kernel(tensor, indices, updates):
        out = np.array(tensor, copy=True)
        where = _nd_index(indices, tensor.shape, "shape")
        if how == "update":
            out[where] = updates
        else:
            getattr(np, how).at(out, where, updates)
        return out
    return kernel


def _tensor_scatter_grad(sign):
    def grad(op, g):
        from . import math_ops
        i, u = op._inputs[1], op._inputs[2]
        rows = gather_nd(g, i)
        if sign is None:   # update: the overwritten rows get no gradient
            return [tensor_scatter_nd_update(g, i, zeros_like(u)), None, rows]
        return [g, None, rows if sign > 0 else math_ops.negative(rows)]
    return grad


for _type, _how, _grad in (("TensorScatterUpdate", "update", _tensor_scatter_grad(None)),
                           ("TensorScatterAdd", "add", _tensor_scatter_grad(1)),
                           ("TensorScatterSub", "subtract", _tensor_scatter_grad(-1)),
                           ("TensorScatterMax", "maximum", None), ("TensorScatterMin", "minimum", None)):
    define(_type, _tensor_scatter_rule, _tensor_scatter_kernel(_how), grad=_grad,
           differentiable=_grad is not None)


def _tensor_scatter(op_type: str, tensor, indices, updates, name) -> Tensor:
    t = convert_to_tensor(tensor, name="tensor")
    return make1(op_type, [t, convert_to_tensor(indices, name="indices"),
                           op_util.convert_like(updates, t, "updates")], name=name or op_type)


def tensor_scatter_nd_update(tensor, indices, updates, name=None) -> Tensor:
    """`tf.tensor_scatter_nd_update`: `tensor` with the elements or slices at `indices` replaced."""
    return _tensor_scatter("TensorScatterUpdate", tensor, indices, updates, name)


def tensor_scatter_nd_add(tensor, indices, updates, name=None) -> Tensor:
    """`tf.tensor_scatter_nd_add`: `tensor` with `updates` added at `indices` (repeats add up)."""
    return _tensor_scatter("TensorScatterAdd", tensor, indices, updates, name)


def tensor_scatter_nd_sub(tensor, indices, updates, name=None) -> Tensor:
    """`tf.tensor_scatter_nd_sub`: `tensor` with `updates` subtracted at `indices`."""
    return _tensor_scatter("TensorScatterSub", tensor, indices, updates, name)


def tensor_scatter_nd_max(tensor, indices, updates, name=None) -> Tensor:
    """`tf.tensor_scatter_nd_max`: the elementwise maximum of `tensor` and `updates` at `indices`."""
    return _tensor_scatter("TensorScatterMax", tensor, indices, updates, name)


def tensor_scatter_nd_min(tensor, indices, updates, name=None) -> Tensor:
    """`tf.tensor_scatter_nd_min`: the elementwise minimum of `tensor` and `updates` at `indices`."""
    return _tensor_scatter("TensorScatterMin", tensor, indices, updates, name)


tensor_scatter_update = tensor_scatter_nd_update   # TF1 spellings
tensor_scatter_add = tensor_scatter_nd_add
tensor_scatter_sub = tensor_scatter_nd_sub


# ================================================================================================
# Pad, MirrorPad, Tile, OneHot
# ================================================================================================
def _pad_rule(inputs, attrs):
    x, p = inputs[0], inputs[1]
    dtype = x._dtype.base_dtype
    if p._shape.ndims is not None and (p._shape.ndims != 2 or p._shape[1] not in (None, 2)):
        raise ValueError("paddings must be a matrix with 2 columns: %s" % p._shape)
    r = x._shape.ndims
    if r is not None and p._shape.ndims == 2 and p._shape[0] not in (None, r):
        raise ValueError("The first dimension of paddings must be the rank of inputs[%d,2] %s "
                         "for 'Pad' with input shapes: %s, %s."
                         % (p._shape[0], x._shape, x._shape, p._shape))
    pads = op_util.const_value(p)
    if pads is None:
        n = r if r is not None else (p._shape[0] if p._shape.ndims == 2 else None)
        return [(dtype, unknown_shape(n))]
    pads = np.reshape(pads, [-1, 2])
    if r is None:
        return [(dtype, unknown_shape(len(pads)))]
    if (pads < 0).any():
        raise ValueError("Paddings must be non-negative: %s (use tf.slice to cut a tensor down)"
                         % pads.tolist())
    return [(dtype, TensorShape([None if d is None else d + int(a) + int(b)
                                 for d, (a, b) in zip(x._shape.as_list(), pads)]))]


def _pads(paddings, x):
    pads = np.reshape(paddings, [-1, 2]).astype(np.int64)
    if len(pads) != x.ndim:
        raise errors.InvalidArgumentError(None, None, "The first dimension of paddings must be "
                                          "the rank of inputs %s, got %s"
                                          % (list(pads.shape), list(x.shape)))
    if (pads < 0).any():
        raise errors.InvalidArgumentError(None, None, "Paddings must be non-negative: %s"
                                          % pads.tolist())
    return [(int(a), int(b)) for a, b in pads]


def _pad_kernel(x, paddings, constant_values=None):
    pads = _pads(paddings, x)
    out = np.empty([d + a + b for d, (a, b) in zip(x.shape, pads)], dtype=x.dtype)
    out[...] = 0 if constant_values is None else constant_values
    out[tuple(_pyslice(a, a + d) for d, (a, _) in zip(x.shape, pads))] = x
    return out


def _pad_grad(op, g):
    """TF's: Slice the gradient at the paddings' first column, to the input's shape."""
    x, p = op._inputs[0], op._inputs[1]
    begin = reshape(slice(p, [0, 0], stack([rank(x), 1])), [-1])
    x_grad = slice(g, begin, shape(x, out_type=begin._dtype.base_dtype))
    return [x_grad, None] + ([None] if len(op._inputs) == 3 else [])


define("Pad", _pad_rule, _pad_kernel, grad=_pad_grad)
define("PadV2", _pad_rule, lambda x, p, c: _pad_kernel(x, p, c), grad=_pad_grad)


def _mirror_pad_kernel(x, paddings, mode):
    pads = _pads(paddings, x)
    limit = 0 if mode == "REFLECT" else 1
    for i, (d, (a, b)) in enumerate(zip(x.shape, pads)):
        if a > d - 1 + limit or b > d - 1 + limit:
            raise errors.InvalidArgumentError(
                None, None, "paddings must be no greater than the dimension size: %d, %d greater "
                "than %d (%s mode, dimension %d)" % (a, b, d - 1 + limit, mode, i))
    return np.pad(x, pads, mode="reflect" if mode == "REFLECT" else "symmetric")


def _mirror_pad_grad_kernel(g, paddings, mode):
    pads = np.reshape(paddings, [-1, 2])
    shift = 1 if mode == "REFLECT" else 0
    out = g
    for axis, (a, b) in enumerate(pads):
        a, b = int(a), int(b)
        n = out.shape[axis] - a - b
        core = np.array(np.take(out, np.arange(a, a + n), axis=axis))
        if a:
            left = np.flip(np.take(out, np.arange(0, a), axis=axis), axis)
            idx = [_pyslice(None)] * out.ndim
            idx[axis] = _pyslice(shift, shift + a)
            core[tuple(idx)] += left
        if b:
            right = np.flip(np.take(out, np.arange(a + n, a + n + b), axis=axis), axis)
            idx = [_pyslice(None)] * out.ndim
            idx[axis] = _pyslice(n - shift - b, n - shift)
            core[tuple(idx)] += right
        out = core
    return np.asarray(out, dtype=g.dtype)


def _mirror_pad_grad_rule(inputs, attrs):
    g, p = inputs
    pads = op_util.const_value(p)
    if pads is None or g._shape.ndims is None:
        return [(g._dtype.base_dtype, unknown_shape(g._shape.ndims))]
    pads = np.reshape(pads, [-1, 2])
    return [(g._dtype.base_dtype, TensorShape([None if d is None else d - int(a) - int(b)
                                               for d, (a, b) in zip(g._shape.as_list(), pads)]))]


define("MirrorPad", _pad_rule, _mirror_pad_kernel,
       grad=lambda op, g: [make1("MirrorPadGrad", [g, op._inputs[1]],
                                 {"mode": op._attrs["mode"]}), None])
define("MirrorPadGrad", _mirror_pad_grad_rule, _mirror_pad_grad_kernel,
       grad=lambda op, g: [make1("MirrorPad", [g, op._inputs[1]], {"mode": op._attrs["mode"]}),
                           None])


def pad(tensor, paddings, mode: str = "CONSTANT", name=None, constant_values=0) -> Tensor:
    """`tf.pad`: pad with a constant, or mirror the edges (REFLECT / SYMMETRIC)."""
    x = convert_to_tensor(tensor)
    mode = mode.upper() if isinstance(mode, str) else mode
    inputs = [("input", x, _as_input), ("paddings", paddings, _int_tensor)]
    if mode == "CONSTANT":
        if (not _is_tensorish(constant_values) and np.ndim(constant_values) == 0
                and constant_values == 0):
            return _wrapped_op("Pad", name, inputs)._outputs[0]

        def scalar_value(value, arg):
            c = convert_to_tensor(value, dtype=x.dtype.base_dtype, name=arg)
            if c._shape.ndims not in (None, 0):
                raise ValueError("constant_values must be a scalar, got shape %s" % c._shape)
            return c
        return _wrapped_op("PadV2", name, inputs + [("constant_values", constant_values,
                                                     scalar_value)])._outputs[0]
    if mode in ("REFLECT", "SYMMETRIC"):
        return _wrapped_op("MirrorPad", name, inputs, {"mode": mode})._outputs[0]
    raise ValueError("Unknown padding mode: %s (use CONSTANT, REFLECT or SYMMETRIC)" % mode)


def _tile_rule(inputs, attrs):
    x, mt = inputs
    mult = _partial_ints(mt)
    r = x._shape.ndims
    if mult is None:
        return [(x._dtype.base_dtype, unknown_shape(r))]
    if r is not None and len(mult) != r:
        raise ValueError("Shape must be rank %d but is rank %d for 'Tile' with input shapes: %s, "
                         "[%d]." % (len(mult), r, x._shape, len(mult)))
    dims = x._shape.as_list() if r is not None else [None] * len(mult)
    return [(x._dtype.base_dtype, TensorShape([None if d is None or k is None else d * k
                                               for d, k in zip(dims, mult)]))]


def _tile_kernel(x, multiples):
    reps = [int(v) for v in np.reshape(multiples, [-1])]
    if len(reps) != x.ndim:
        raise errors.InvalidArgumentError(None, None, "Expected multiples argument to be a vector "
                                          "of length %d but got length %d" % (x.ndim, len(reps)))
    return np.tile(x, reps) if reps else np.array(x)


def _tile_grad(op, g):
    """TF's: reshape the gradient to interleaved (multiple, dim) pairs and sum every other axis."""
    x, mt = op._inputs
    m = _math()
    input_shape = shape(x, out_type=mt._dtype.base_dtype)
    split_shape = reshape(transpose(stack([mt, input_shape])), [-1])
    axes = m.range(0, size(split_shape), 2)
    out = m.reduce_sum(reshape(g, split_shape), axes)
    out.set_shape(x._shape)
    return [out, None]


define("Tile", _tile_rule, _tile_kernel, grad=_tile_grad)


def tile(input, multiples, name=None) -> Tensor:  # noqa: A002
    """`tf.tile`: repeat `input` `multiples[i]` times along dimension i."""
    return _wrapped_op("Tile", name, [("input", input, _as_input),
                                      ("multiples", multiples, _int_tensor)])._outputs[0]


def _one_hot_rule(inputs, attrs):
    i, d = inputs[0], inputs[1]
    depth = _const_int(d)
    axis = attrs["axis"]
    dtype = inputs[2]._dtype.base_dtype
    if i._shape.ndims is None:
        return [(dtype, unknown_shape())]
    dims = i._shape.as_list()
    r = len(dims)
    if not -1 <= axis <= r:
        raise ValueError("Expected axis to be -1 or between [0, %d).  But received: %d"
                         % (r + 1, axis))
    pos = r if axis == -1 else axis
    return [(dtype, TensorShape(dims[:pos] + [depth] + dims[pos:]))]


def _one_hot_kernel(indices, depth, on_value, off_value, axis):
    d = int(depth)
    if d < 0:
        raise errors.InvalidArgumentError(None, None, "depth must be non-negative, got: %d" % d)
    hot = np.expand_dims(indices, -1) == np.arange(d, dtype=indices.dtype)
    out = np.where(hot, on_value, off_value).astype(on_value.dtype, copy=False)
    return out if axis == -1 else np.moveaxis(out, -1, axis)


define("OneHot", _one_hot_rule, _one_hot_kernel, differentiable=False)


def _value_dtype(v, hint=None):
    """The dtype `tf.convert_to_tensor(v, dtype_hint=hint)` gives, without building an op."""
    if v is None:
        return None
    if _is_tensorish(v):
        return convert_to_tensor(v).dtype.base_dtype
    from .constant_op import to_numpy

    if hint is not None:
        try:
            to_numpy(v, hint)
            return hint
        except (TypeError, ValueError):
            pass
    return dtypes.dtype_of_numpy(to_numpy(v).dtype)


def _dt(d) -> str:
    return "<dtype: '%s'>" % d.name


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None,
            name=None) -> Tensor:
    """`tf.one_hot`: `on_value` where the last (or `axis`) index equals `indices`, else `off_value`."""
    with name_scope(name, "one_hot", [indices, depth, on_value, off_value]) as scope:
        hint = dtypes.as_dtype(dtype).base_dtype if dtype is not None else None
        on_dt, off_dt = _value_dtype(on_value, hint), _value_dtype(off_value, hint)
        if on_dt is not None or off_dt is not None:
            if hint is not None:
                for given, dt in (("on_value", on_dt), ("off_value", off_dt)):
                    if dt is not None and dt != hint:
                        raise TypeError("dtype %s of %s does not match dtype parameter %s"
                                        % (_dt(dt), given, _dt(hint)))
            dtype = on_dt or off_dt
        else:
            dtype = hint or dtypes.float32
        if on_dt is not None and off_dt is not None and on_dt != off_dt:
            raise TypeError("dtype %s of on_value does not match dtype %s of off_value"
                            % (_dt(on_dt), _dt(off_dt)))
        on = convert_to_tensor(1 if on_value is None else on_value, dtype=dtype, name="on_value")
        off = convert_to_tensor(0 if off_value is None else off_value, dtype=dtype,
                                name="off_value")
        i = convert_to_tensor(indices, name="indices")
        op_util.check_dtype_in("OneHot", i, (dtypes.uint8, dtypes.int32, dtypes.int64), "indices")
        return make1("OneHot", [i, _int_tensor(depth, "depth"), on, off],
                     {"axis": -1 if axis is None else int(axis)}, name=scope)


# ================================================================================================
# Size, Rank, ShapeN, broadcasting
# ================================================================================================
define("Size", lambda inputs, attrs: [(attrs["out_type"], TensorShape([]))],
       lambda x, out_type: np.array(np.size(x), dtype=out_type.np_dtype), differentiable=False)
define("Rank", op_util.fixed_rule(dtypes.int32),
       lambda x: np.array(np.ndim(x), dtype=np.int32), differentiable=False)


def size(input, name=None, out_type=dtypes.int32) -> Tensor:  # noqa: A002
    """`tf.size`: the number of elements (a constant when the static shape is fully known)."""
    out_type = dtypes.as_dtype(out_type)
    if input.__class__ is SparseTensor:
        return _sparse_ops().sparse_size(input, name, out_type)
    x = convert_to_tensor(input)
    n = x._shape.num_elements()
    if n is not None:
        return constant(n, dtype=out_type, name=name or "Size")
    return make1("Size", [x], {"out_type": out_type}, name=name or "Size")


def rank(input, name=None) -> Tensor:  # noqa: A002
    """`tf.rank`: the number of dimensions (a constant when the static rank is known)."""
    if input.__class__ is SparseTensor:
        return _sparse_ops().sparse_rank(input, name)
    x = convert_to_tensor(input)
    if x._shape.ndims is not None:
        return constant(x._shape.ndims, dtype=dtypes.int32, name=name or "Rank")
    return make1("Rank", [x], name=name or "Rank")


define("ShapeN", lambda inputs, attrs: [(attrs["out_type"], TensorShape([x._shape.ndims]))
                                        for x in inputs],
       lambda *xs, out_type, N: _outputs(tuple(np.array(np.shape(x), dtype=out_type.np_dtype)
                                               for x in xs)),
       differentiable=False)


def shape_n(input, out_type=dtypes.int32, name=None) -> list:  # noqa: A002
    """`tf.shape_n`: the shapes of several tensors at once."""
    xs = [convert_to_tensor(x) for x in input]
    return list(make("ShapeN", xs, {"out_type": dtypes.as_dtype(out_type), "N": len(xs)},
                     name=name or "ShapeN")._outputs)


def _broadcast_to_rule(inputs, attrs):
    x, s = inputs
    target = _shape_from_tensor(s)
    if target.ndims is not None and x._shape.ndims is not None:
        if x._shape.ndims > target.ndims:
            raise ValueError("Rank of input (%d) must be no greater than rank of output shape (%d)"
                             % (x._shape.ndims, target.ndims))
        lead = target.ndims - x._shape.ndims
        for d, t in zip(x._shape.as_list(), target.as_list()[lead:]):
            if d is not None and t is not None and d != 1 and d != t:
                raise ValueError("Incompatible shapes: %s vs. %s" % (x._shape, target))
    return [(x._dtype.base_dtype, target)]


def _broadcast_to_kernel(x, shp):
    target = tuple(int(d) for d in np.reshape(shp, [-1]))
    try:
        return np.broadcast_to(x, target)
    except ValueError:
        raise errors.InvalidArgumentError(None, None, "Incompatible shapes: %s vs. %s"
                                          % (list(x.shape), list(target))) from None


define("BroadcastTo", _broadcast_to_rule, _broadcast_to_kernel,
       grad=lambda op, g: [_sum_to_shape(g, op._inputs[0]), None])


def broadcast_to(input, shape, name=None) -> Tensor:  # noqa: A002
    """`tf.broadcast_to`: `input` repeated NumPy-style to `shape`."""
    return _wrapped_op("BroadcastTo", name, [("input", input, _as_input),
                                             ("shape", shape, _int_tensor)])._outputs[0]


def broadcast_static_shape(shape_x, shape_y) -> TensorShape:
    """`tf.broadcast_static_shape`: the broadcast of two static shapes (ValueError if impossible)."""
    from ..framework.tensor_shape import broadcast_shapes

    try:
        return broadcast_shapes(as_shape(shape_x), as_shape(shape_y))
    except ValueError:
        raise ValueError("Incompatible shapes for broadcasting: %s and %s"
                         % (as_shape(shape_x), as_shape(shape_y))) from None


def _broadcast_args_kernel(s0, s1):
    try:
        return np.array(np.broadcast_shapes(tuple(int(d) for d in s0), tuple(int(d) for d in s1)),
                        dtype=s0.dtype)
    except ValueError:
        raise errors.InvalidArgumentError(None, None, "Incompatible shapes: %s vs. %s"
                                          % (list(s0), list(s1))) from None


def _broadcast_args_rule(inputs, attrs):
    a, b = inputs
    n = None
    if a._shape.ndims == 1 and b._shape.ndims == 1 and None not in (a._shape[0], b._shape[0]):
        n = max(a._shape[0], b._shape[0])
    return [(a._dtype.base_dtype, TensorShape([n]))]


define("BroadcastArgs", _broadcast_args_rule, _broadcast_args_kernel, differentiable=False)


def _broadcast_gradient_args_kernel(s0, s1):
    """TF's BroadcastGradientArgs: the axes each input's gradient sums over (where it is 1 and broadcast,
    or where every input is 1; none at all for identical shapes)."""
    a, b = [int(d) for d in s0], [int(d) for d in s1]
    r0, r1 = [], []
    if a != b:
        rank = max(len(a), len(b))
        a, b = [1] * (rank - len(a)) + a, [1] * (rank - len(b)) + b
        for axis, (x, y) in enumerate(zip(a, b)):
            if x != y and x != 1 and y != 1:
                raise errors.InvalidArgumentError(None, None, "Incompatible shapes: %s vs. %s"
                                                  % (list(s0), list(s1)))
            if x == 1:
                r0.append(axis)
            if y == 1:
                r1.append(axis)
    return np.array(r0, dtype=s0.dtype), np.array(r1, dtype=s1.dtype)


define("BroadcastGradientArgs",
       lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, TensorShape([None]))] * 2,
       _broadcast_gradient_args_kernel, differentiable=False)


def _dynamic_stitch_rule(inputs, attrs):
    n = attrs["N"]
    indices, data = inputs[:n], inputs[n:]
    size = 0
    for i in indices:
        v = op_util.shape_value(i)
        if v is None:
            size = None
            break
        if np.size(v):
            size = max(size, int(np.max(v)) + 1)
    first_i, first_d = indices[0]._shape, data[0]._shape
    if first_i.ndims is None or first_d.ndims is None:
        return [(data[0]._dtype.base_dtype, unknown_shape())]
    return [(data[0]._dtype.base_dtype, TensorShape([size] + first_d.as_list()[first_i.ndims:]))]


def _dynamic_stitch_kernel(*args, N):
    """TF's DynamicStitch: out[indices[m][i]] = data[m][i]; a later entry wins for a repeated index."""
    indices, data = args[:N], args[N:]
    tail = data[0].shape[indices[0].ndim:]
    n = max((int(np.max(i)) + 1 for i in indices if np.size(i)), default=0)
    out = np.zeros((n,) + tuple(tail), dtype=data[0].dtype)
    for i, d in zip(indices, data):
        if np.size(i):
            out[np.reshape(i, [-1])] = np.reshape(d, (-1,) + tuple(tail))
    return out


def _dynamic_stitch_grad(op, grad):
    from .partition_ops import stitch_grad       # (it builds on this module)

    return stitch_grad(op, grad)


define("DynamicStitch", _dynamic_stitch_rule, _dynamic_stitch_kernel, grad=_dynamic_stitch_grad)


def _set_op_rule(inputs, attrs):
    a = inputs[0]
    rank = a._shape.ndims
    return [(dtypes.int64, TensorShape([None, rank])), (a._dtype.base_dtype, TensorShape([None])),
            (dtypes.int64, TensorShape([rank]))]


def _set_op_kernel(set1, set2, set_operation="a-b", validate_indices=True):
    """TF's DenseToDenseSetOperation over the last axis, as a sparse (indices, values, shape):
    per row the sorted distinct values of the set result."""
    lead = set1.shape[:-1]
    rows1 = np.reshape(set1, (-1, set1.shape[-1]))
    rows2 = np.reshape(set2, (-1, set2.shape[-1]))
    ops = {"a-b": np.setdiff1d, "b-a": lambda a, b: np.setdiff1d(b, a),
           "intersection": np.intersect1d, "union": np.union1d}
    fn = ops[set_operation.decode() if isinstance(set_operation, bytes) else set_operation]
    results = [fn(a, b) for a, b in zip(rows1, rows2)]
    width = max((len(r) for r in results), default=0)
    idx = [list(np.unravel_index(i, lead)) + [j] if lead else [j]
           for i, r in enumerate(results) for j in range(len(r))]
    values = np.concatenate(results).astype(set1.dtype) if results else np.zeros([0], set1.dtype)
    return (np.array(idx, dtype=np.int64).reshape(-1, set1.ndim), values,
            np.array(list(lead) + [width], dtype=np.int64))


define("DenseToDenseSetOperation", _set_op_rule, _set_op_kernel, differentiable=False)


def _set_difference_values(a: Tensor, b: Tensor) -> Tensor:
    """The values of TF's `sets.set_difference(a, b)` (a DenseToDenseSetOperation op)."""
    op = make("DenseToDenseSetOperation", [a, b],
              {"set_operation": "a-b", "validate_indices": True}, name="DenseToDenseSetOperation")
    return op._outputs[1]


def broadcast_dynamic_shape(shape_x, shape_y) -> Tensor:
    """`tf.broadcast_dynamic_shape`: the broadcast of two 1-D shape tensors, at run time."""
    return make1("BroadcastArgs", [_int_tensor(shape_x), _int_tensor(shape_y)],
                 name="BroadcastArgs")


# ================================================================================================
# Where / Select, boolean_mask, reverse, sequence_mask, meshgrid, unique
# ================================================================================================
def _where_rule(inputs, attrs):
    c = inputs[0]
    return [(dtypes.int64, TensorShape([None, c._shape.ndims]))]


define("Where", _where_rule,
       lambda c: np.asarray(np.argwhere(c), dtype=np.int64).reshape([-1, np.ndim(c)]),
       differentiable=False)


def _select_rule(inputs, attrs):
    c, x, y = inputs
    try:
        out = x._shape.merge_with(y._shape)
    except ValueError:
        raise ValueError("Shapes must be equal rank, but are %d and %d for 'Select' with input "
                         "shapes: %s, %s, %s." % (x._shape.ndims, y._shape.ndims, c._shape,
                                                  x._shape, y._shape)
                         if x._shape.ndims != y._shape.ndims else
                         "Dimensions must be equal for 'Select' with input shapes: %s, %s, %s."
                         % (c._shape, x._shape, y._shape)) from None
    if c._shape.ndims is not None and out.ndims is not None:
        if c._shape.ndims == 1 and out.ndims > 1:
            if not TensorShape([out[0]]).is_compatible_with(c._shape):
                raise ValueError("Dimension 0 in both shapes must be equal, but are %s and %s for "
                                 "'Select' with input shapes: %s, %s, %s." % (
                                     c._shape[0], out[0], c._shape, x._shape, y._shape))
        elif c._shape.ndims != 0 and not c._shape.is_compatible_with(out):
            raise ValueError("Shapes must be equal rank, but are %d and %d for 'Select' with "
                             "input shapes: %s, %s, %s." % (c._shape.ndims, out.ndims,
                                                            c._shape, x._shape, y._shape))
        elif c._shape.ndims == out.ndims:
            out = out.merge_with(c._shape)     # TF's rule merges a same-rank condition's shape too
    return [(x._dtype.base_dtype, out)]


def _select_kernel(c, x, y):
    if c.ndim == 1 and x.ndim > 1:
        if c.shape[0] != x.shape[0]:
            raise errors.InvalidArgumentError(None, None, "Expected condition of length %d, got "
                                              "shape %s" % (x.shape[0], list(c.shape)))
        c = np.reshape(c, c.shape + (1,) * (x.ndim - 1))
    elif c.ndim and c.shape != x.shape:
        raise errors.InvalidArgumentError(None, None, "'then' and 'else' must have the same size. "
                                          "but received: %s vs. %s" % (list(c.shape), list(x.shape)))
    if x.shape != y.shape:
        raise errors.InvalidArgumentError(None, None, "'then' and 'else' must have the same size. "
                                          "but received: %s vs. %s" % (list(x.shape), list(y.shape)))
    return np.where(c, x, y)


def _select_grad(op, g):
    c, x = op._inputs[0], op._inputs[1]
    zeros = zeros_like(x)
    return [None, where(c, g, zeros), where(c, zeros, g)]


define("Select", _select_rule, _select_kernel, grad=_select_grad)


def _select_inputs(condition, x, y, op_type):
    c = convert_to_tensor(condition, preferred_dtype=dtypes.bool)
    op_util.check_dtype_in(op_type, c, (dtypes.bool,), "condition")
    x, y = op_util.binary_inputs(x, y, op_type, "t", "e")
    return c, x, y


def where(condition, x=None, y=None, name=None) -> Tensor:
    """`tf.where` (TF1): coordinates of True elements (int64), or elementwise choice of x / y.

    The three-argument form does not broadcast: x and y must have one shape, and a vector
    condition picks whole rows."""
    if x is None and y is None:
        with name_scope(name, "Where", [condition]) as scope:
            c = convert_to_tensor(condition, preferred_dtype=dtypes.bool, name="condition")
            return make1("Where", [c], name=scope)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    c, x, y = _select_inputs(condition, x, y, "Select")
    return make1("Select", [c, x, y], name=name or "Select")


def where_v2(condition, x=None, y=None, name=None) -> Tensor:
    """`tf.where_v2`: like numpy.where, broadcasting condition, x and y together."""
    if x is None and y is None:
        return where(condition, name=name)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return _math().where_v2(condition, x, y, name=name)   # the SelectV2 op lives with math_ops


def boolean_mask(tensor, mask, name: str = "boolean_mask", axis=None) -> Tensor:
    """`tf.boolean_mask`: the slices of `tensor` (from `axis` on) where `mask` is True."""
    with name_scope(name, "boolean_mask", [tensor, mask]):
        t = convert_to_tensor(tensor, name="tensor")
        mk = convert_to_tensor(mask, name="mask")
        nd = mk._shape.ndims
        if nd == 0:
            raise ValueError("mask cannot be scalar.")
        if nd is None:
            raise ValueError("Number of mask dimensions must be specified, even if some "
                             "dimensions are None.  E.g. shape=[None] is ok, but shape=None is "
                             "not.")
        axis = 0 if axis is None else int(axis)
        ts = t._shape
        if ts.ndims is not None:
            axis %= max(ts.ndims, 1)
            ts[axis:axis + nd].assert_is_compatible_with(mk._shape)
        part = ts[axis:axis + nd]
        lead = part.num_elements() if ts.ndims is not None else None
        # TF's ops at every rank: Prod of the masked dims (a gen op: Prod/reduction_indices), then
        # Reshape to concat([shape[:axis], [leading_size], shape[axis + ndims_mask:]])
        leading_size = _wrapped_op("Prod", None, [("input", shape(t)[axis:axis + nd], _as_input),
                                                  ("reduction_indices", [0], _int_tensor)],
                                   {"keep_dims": False})._outputs[0]
        new_shape = concat([shape(t)[:axis], [leading_size], shape(t)[axis + nd:]], 0)
        t = reshape(t, new_shape)
        if ts.ndims is not None:
            t.set_shape(ts[:axis].concatenate([lead]).concatenate(ts[axis + nd:]))
        idx = squeeze(where(reshape(mk, [-1])), axis=[1])
        return gather(t, idx, axis=axis)


def _reverse_rule(inputs, attrs):
    x, a = inputs
    axes = _const_ints(a)
    if axes is not None and x._shape.ndims is not None:
        r = x._shape.ndims
        for ax in axes:
            if not -r <= ax < r:
                raise ValueError("'axis'[%d] = %d is out of valid range [%d, %d)"
                                 % (axes.index(ax), ax, -r, r))
        if len({ax % r for ax in axes}) != len(axes):
            raise ValueError("axis %s specified more than once" % axes)
    return [(x._dtype.base_dtype, x._shape)]


def _reverse_kernel(x, axis):
    axes = [int(a) for a in np.reshape(axis, [-1])]
    if len({a % max(x.ndim, 1) for a in axes}) != len(axes):
        raise errors.InvalidArgumentError(None, None, "axis %s specified more than once" % axes)
    return np.flip(x, tuple(axes)) if axes else x


define("ReverseV2", _reverse_rule, _reverse_kernel,
       grad=lambda op, g: [reverse(g, op._inputs[1]), None])


def reverse(tensor, axis, name=None) -> Tensor:
    """`tf.reverse` (= `tf.reverse_v2`): flip the listed dimensions (a Python axis is the Const
    `ReverseV2/axis`, as TF's op wrapper converts it)."""
    return _wrapped_op("ReverseV2", name, [("tensor", tensor, _as_input),
                                           ("axis", axis, _int_tensor)])._outputs[0]


reverse_v2 = reverse


def sequence_mask(lengths, maxlen=None, dtype=dtypes.bool, name=None) -> Tensor:
    """`tf.sequence_mask`: mask[i, j] = j < lengths[i] (shape lengths.shape + [maxlen])."""
    m = _math()
    with name_scope(name, "SequenceMask", [lengths, maxlen]):
        lengths = convert_to_tensor(lengths)
        if maxlen is None:
            axes = constant(np.arange(lengths._shape.ndims or 0, dtype=np.int32)) \
                if lengths._shape.ndims is not None else m.range(0, rank(lengths))
            maxlen = make1("Max", [lengths, axes], {"keep_dims": False}, name="Max")
            maxlen = make1("Maximum", [constant(0, dtype=maxlen.dtype), maxlen], name="Maximum")
        else:
            maxlen = convert_to_tensor(maxlen)
            if maxlen._shape.ndims not in (None, 0):
                raise ValueError("maxlen must be scalar for sequence_mask")
        # TF's Range op (no `range` scope), from Consts of maxlen's dtype
        row = make1("Range", [constant(0, dtype=maxlen.dtype), maxlen,
                              constant(1, dtype=maxlen.dtype)], name="Range")
        matrix = _cast_op(expand_dims(lengths, -1), maxlen.dtype)
        result = m.less(row, matrix)
        dtype = dtypes.as_dtype(dtype)
        if dtype.base_dtype == dtypes.bool:
            return result
        return _cast_op(result, dtype)


def _cast_op(x: Tensor, dtype) -> Tensor:
    """A Cast op even to `x`'s own dtype (sequence_mask builds those, named Cast, Cast_1)."""
    return make1("Cast", [x], {"SrcT": x._dtype.base_dtype, "DstT": dtypes.as_dtype(dtype).base_dtype,
                               "Truncate": False}, name="Cast")


def meshgrid(*args, **kwargs) -> list:
    """`tf.meshgrid`: N coordinate grids from N 1-D tensors (indexing "xy" or "ij")."""
    indexing = kwargs.pop("indexing", "xy")
    name = kwargs.pop("name", "meshgrid")
    if kwargs:
        raise TypeError("'{}' is an invalid keyword argument for this function"
                        .format(next(iter(kwargs))))
    if indexing not in ("xy", "ij"):
        raise ValueError("indexing parameter must be either 'xy' or 'ij'")
    m = _math()
    with name_scope(name, "meshgrid", args):
        ndim = len(args)
        s0 = (1,) * ndim
        if not ndim:
            return []
        output = [reshape(stack(x), s0[:i] + (-1,) + s0[i + 1:]) for i, x in enumerate(args)]
        shapes = [size(x) for x in args]
        out_dtype = convert_to_tensor(args[0]).dtype.base_dtype
        if indexing == "xy" and ndim > 1:
            output[0] = reshape(output[0], (1, -1) + (1,) * (ndim - 2))
            output[1] = reshape(output[1], (-1, 1) + (1,) * (ndim - 2))
            shapes[0], shapes[1] = shapes[1], shapes[0]
        mult = ones(stack(shapes), out_dtype)
        return [m.multiply(x, mult) for x in output]


def _unique_rule(inputs, attrs):
    x = inputs[0]
    if x._shape.ndims not in (None, 1):
        raise ValueError("Shape must be rank 1 but is rank %d for 'Unique'" % x._shape.ndims)
    return [(x._dtype.base_dtype, TensorShape([None])), (attrs["out_idx"], x._shape.with_rank(1))]


def _unique_kernel(x, out_idx):
    _, first, inverse = np.unique(x, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    position = np.empty_like(order)
    position[order] = np.arange(order.size)
    return x[np.sort(first)], position[np.reshape(inverse, [-1])].astype(out_idx.np_dtype)


define("Unique", _unique_rule, _unique_kernel, differentiable=False)


def unique(x, out_idx=dtypes.int32, name=None):
    """`tf.unique`: (y, idx) with the distinct values of 1-D `x` in first-seen order."""
    import collections

    t = convert_to_tensor(x)
    op = make("Unique", [t], {"out_idx": dtypes.as_dtype(out_idx)}, name=name or "Unique")
    return collections.namedtuple("Unique", ["y", "idx"])(*op._outputs)


def _unique_with_counts_rule(inputs, attrs):
    y, idx = _unique_rule(inputs, attrs)
    return [y, idx, (attrs["out_idx"], TensorShape([None]))]


def _unique_with_counts_kernel(x, out_idx):
    y, idx = _unique_kernel(x, out_idx)
    return y, idx, np.bincount(idx, minlength=y.size).astype(out_idx.np_dtype)


define("UniqueWithCounts", _unique_with_counts_rule, _unique_with_counts_kernel, differentiable=False)


def unique_with_counts(x, out_idx=dtypes.int32, name=None):
    """`tf.unique_with_counts`: (y, idx, count): `tf.unique` plus how often each value occurs."""
    import collections

    t = convert_to_tensor(x)
    op = make("UniqueWithCounts", [t], {"out_idx": dtypes.as_dtype(out_idx)},
              name=name or "UniqueWithCounts")
    return collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])(*op._outputs)


# --- sort / argsort: a descending top_k over the whole axis, as TF builds them -------------------
def sort(values, axis=-1, direction: str = "ASCENDING", name=None) -> Tensor:
    """`tf.sort`: `values` sorted along `axis` (ascending: top_k of the negated values)."""
    with name_scope(name, "sort"):
        return _sort_or_argsort(values, axis, direction, want_indices=False)


def argsort(values, axis=-1, direction: str = "ASCENDING", stable: bool = False, name=None) -> Tensor:
    """`tf.argsort`: the int32 indices that sort `values` along `axis`; equal values keep their
    order either way (so `stable` changes nothing)."""
    del stable
    with name_scope(name, "argsort"):
        return _sort_or_argsort(values, axis, direction, want_indices=True)


def _sort_or_argsort(values, axis, direction: str, want_indices: bool) -> Tensor:
    from . import math_ops, nn_ops
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError("`direction` should be one of 'ASCENDING' or 'DESCENDING', got %r"
                         % (direction,))
    axis_value = op_util.const_value(convert_to_tensor(axis, name="axis"))
    if axis_value is None:
        raise ValueError("axis must be a constant scalar, got %r" % (axis,))
    axis = int(axis_value)
    x = convert_to_tensor(values, name="values")

    def flip(t):   # an order-reversing map: -x, or -x - 1 (= ~x) for integers, which cannot overflow
        t = math_ops.negative(t)
        return math_ops.subtract(t, 1) if t._dtype.is_integer else t

    if direction == "ASCENDING":
        x = flip(x)
    n = shape(x)[axis]
    r = x._shape.ndims
    rank(x)
    if axis == -1 or (r is not None and axis % r == r - 1):
        top = nn_ops.top_k(x, n)
        values_out, indices = top.values, top.indices
    else:
        if r is None:
            raise ValueError("sorting along axis %d needs a known rank" % axis)
        perm = list(range(r))
        perm[axis % r], perm[-1] = r - 1, axis % r
        perm = constant(np.array(perm, np.int64), name="transposition")
        top = nn_ops.top_k(transpose(x, perm), n)
        values_out, indices = top.values, top.indices
        if want_indices:
            indices = transpose(indices, perm)
        else:
            values_out = transpose(values_out, perm)
    if want_indices:
        return indices
    return flip(values_out) if direction == "ASCENDING" else values_out


# --- Roll -----------------------------------------------------------------------------------------
def _roll_kernel(x, shift, axis):
    shift, axis = np.reshape(shift, [-1]), np.reshape(axis, [-1])
    if shift.size != axis.size:
        raise errors.InvalidArgumentError(None, None, "shift and axis must have the same size, got "
                                          "%d and %d" % (shift.size, axis.size))
    if np.any((axis < -x.ndim) | (axis >= x.ndim)):
        raise errors.InvalidArgumentError(None, None, "axis %s is out of range for a rank-%d input"
                                          % (axis.tolist(), x.ndim))
    return np.roll(x, tuple(int(v) for v in shift), tuple(int(a) for a in axis))


define("Roll", same_as_first, _roll_kernel,
       grad=lambda op, g: [roll(g, -op._inputs[1], op._inputs[2]), None, None])


def roll(input, shift, axis, name=None) -> Tensor:  # noqa: A002
    """`tf.roll`: elements shifted by `shift` along `axis` (both may be lists), wrapping around."""
    x = convert_to_tensor(input, name="input")
    shift = convert_to_tensor(shift, name="shift")
    axis = convert_to_tensor(axis, name="axis")
    for t, what in ((shift, "shift"), (axis, "axis")):
        op_util.check_dtype_in("Roll", t, (dtypes.int32, dtypes.int64), what)
    return make1("Roll", [x, shift, axis], name=name or "Roll")


def _list_diff_rule(inputs, attrs):
    x = inputs[0]
    return [(x._dtype.base_dtype, TensorShape([None])), (attrs["out_idx"], TensorShape([None]))]


def _list_diff_kernel(x, y, out_idx):
    keep = ~np.isin(x, y)
    return x[keep], np.nonzero(keep)[0].astype(out_idx.np_dtype)


define("ListDiff", _list_diff_rule, _list_diff_kernel, differentiable=False)


def setdiff1d(x, y, index_dtype=dtypes.int32, name=None):
    """`tf.setdiff1d`: (out, idx): the values of `x` not in `y`, in order, and their positions."""
    import collections

    with name_scope(name, "ListDiff", [x, y]) as scope:     # Python inputs become ListDiff/x, /y
        if not isinstance(x, Tensor):
            x = convert_to_tensor(x, name="x")
        if not isinstance(y, Tensor):
            y = convert_to_tensor(y, dtype=x.dtype.base_dtype, name="y")
        a, b = op_util.binary_inputs(x, y, "ListDiff")
        op = make("ListDiff", [a, b], {"out_idx": dtypes.as_dtype(index_dtype)}, name=scope)
    return collections.namedtuple("ListDiff", ["out", "idx"])(*op._outputs)


# ================================================================================================
# Matrices: band part, diagonals, eye
# ================================================================================================
def _band_kernel(x, num_lower, num_upper):
    lo, up = int(num_lower), int(num_upper)
    m, n = x.shape[-2], x.shape[-1]
    if lo > m or up > n:
        raise errors.InvalidArgumentError(None, None, "num_lower must be negative or less or equal "
                                          "to number of rows (%d) got: %d" % (m, lo))
    i = np.arange(m)[:, None]
    j = np.arange(n)[None, :]
    keep = ((lo < 0) | (i - j <= lo)) & ((up < 0) | (j - i <= up))
    return np.where(keep, x, np.zeros((), dtype=x.dtype))


def _band_rule(inputs, attrs):
    x = inputs[0]
    x._shape.with_rank_at_least(2)
    return [(x._dtype.base_dtype, x._shape)]


define("MatrixBandPart", _band_rule, _band_kernel,
       grad=lambda op, g: [matrix_band_part(g, op._inputs[1], op._inputs[2]), None, None])


def matrix_band_part(input, num_lower, num_upper, name=None) -> Tensor:  # noqa: A002
    """`tf.linalg.band_part`: keep `num_lower` sub- and `num_upper` superdiagonals (-1: all)."""
    x = convert_to_tensor(input)
    return make1("MatrixBandPart", [x, _int_tensor(num_lower), _int_tensor(num_upper)],
                 name=name or "MatrixBandPart")


def _diag_range(k):
    ks = [int(v) for v in np.reshape(k, [-1])]
    if len(ks) not in (1, 2) or ks[0] > ks[-1]:
        raise errors.InvalidArgumentError(None, None, "k must be a scalar or a pair lower <= upper, "
                                          "got %s" % ks)
    return ks[0], ks[-1]


def _diag_len(m: int, n: int, d: int) -> int:
    return max(min(m + min(0, d), n - max(0, d)), 0)


def _diag_coords(m, n, d, max_len, align):
    """Row/column indices of diagonal d of an m×n matrix and where they sit in a padded row."""
    length = _diag_len(m, n, d)
    j = np.arange(length)
    rows, cols = (j, j + d) if d >= 0 else (j - d, j)
    sup, sub = align.split("_")
    left = (sup == "LEFT") if d >= 0 else (sub == "LEFT")
    offset = 0 if left else max_len - length
    return rows, cols, j + offset


def _diag_part_kernel(x, k, padding_value, align):
    lo, hi = _diag_range(k)
    m, n = x.shape[-2], x.shape[-1]
    max_len = max(min(m + min(hi, 0), n + min(-lo, 0)), 0)
    out = np.full(x.shape[:-2] + (hi - lo + 1, max_len), padding_value, dtype=x.dtype)
    for r, d in enumerate(range(hi, lo - 1, -1)):
        rows, cols, pos = _diag_coords(m, n, d, max_len, align)
        out[..., r, pos] = x[..., rows, cols]
    return out[..., 0, :] if lo == hi else out


def _set_diag(base, diagonal, lo, hi, align):
    m, n = base.shape[-2], base.shape[-1]
    diag = diagonal[..., None, :] if lo == hi else diagonal
    max_len = diag.shape[-1]
    for r, d in enumerate(range(hi, lo - 1, -1)):
        rows, cols, pos = _diag_coords(m, n, d, max_len, align)
        base[..., rows, cols] = diag[..., r, pos]
    return base


def _matrix_diag_kernel(diagonal, k, num_rows, num_cols, padding_value, align):
    lo, hi = _diag_range(k)
    max_len = diagonal.shape[-1]
    rows, cols = int(num_rows), int(num_cols)
    min_rows, min_cols = max_len - min(hi, 0), max_len + max(lo, 0)
    if rows == -1 and cols == -1:
        rows = cols = max(min_rows, min_cols)
    elif rows == -1:
        rows = min_rows
    elif cols == -1:
        cols = min_cols
    if rows < min_rows or cols < min_cols or (rows != min_rows and cols != min_cols):
        raise errors.InvalidArgumentError(None, None, "The number of rows or columns is too small "
                                          "for diagonals of length %d" % max_len)
    lead = diagonal.shape[:-1] if lo == hi else diagonal.shape[:-2]
    out = np.full(lead + (rows, cols), padding_value, dtype=diagonal.dtype)
    return _set_diag(out, diagonal, lo, hi, align)


def _matrix_set_diag_kernel(x, diagonal, k, align):
    lo, hi = _diag_range(k)
    return _set_diag(np.array(x), diagonal, lo, hi, align)


def _k_pair(k_t):
    ks = _const_ints(k_t)
    return None if ks is None else (ks[0], ks[-1])


def _matrix_diag_rule(inputs, attrs):
    dg, k_t, r_t, c_t = inputs[:4]
    dtype = dg._dtype.base_dtype
    ks, rows, cols = _k_pair(k_t), _const_int(r_t), _const_int(c_t)
    if dg._shape.ndims is None or ks is None:
        return [(dtype, unknown_shape())]
    lo, hi = ks
    dims = dg._shape.as_list()
    lead = dims[:-1] if lo == hi else dims[:-2]
    max_len = dims[-1]
    if max_len is None or rows is None or cols is None:
        return [(dtype, TensorShape(lead + [None, None]))]
    min_rows, min_cols = max_len - min(hi, 0), max_len + max(lo, 0)
    if rows == -1 and cols == -1:
        rows = cols = max(min_rows, min_cols)
    elif rows == -1:
        rows = min_rows
    elif cols == -1:
        cols = min_cols
    if rows < min_rows or cols < min_cols or (rows != min_rows and cols != min_cols):
        raise ValueError("num_rows and num_cols are not consistent with lower_diag_index, "
                         "upper_diag_index, and the length of the given diagonals. num_rows = %d, "
                         "min_num_rows = %d, num_cols = %d, min_num_cols = %d"
                         % (rows, min_rows, cols, min_cols))
    return [(dtype, TensorShape(lead + [rows, cols]))]


def _diag_part_rule(inputs, attrs):
    x, k_t = inputs[:2]
    dtype = x._dtype.base_dtype
    ks = _k_pair(k_t)
    if x._shape.ndims is None:
        return [(dtype, unknown_shape())]
    x._shape.with_rank_at_least(2)
    dims = x._shape.as_list()
    if ks is None:
        return [(dtype, unknown_shape())]
    lo, hi = ks
    m, n = dims[-2], dims[-1]
    max_len = None if m is None or n is None else max(min(m + min(hi, 0), n + min(-lo, 0)), 0)
    extra = [] if lo == hi else [hi - lo + 1]
    return [(dtype, TensorShape(dims[:-2] + extra + [max_len]))]


def _set_diag_rule(inputs, attrs):
    x = inputs[0]
    x._shape.with_rank_at_least(2)
    return [(x._dtype.base_dtype, x._shape)]


define("MatrixDiagV3", _matrix_diag_rule, _matrix_diag_kernel,
       grad=lambda op, g: [matrix_diag_part(g, k=op._inputs[1], align=op._attrs["align"]),
                           None, None, None, None])
define("MatrixDiagPartV3", _diag_part_rule, _diag_part_kernel,
       grad=lambda op, g: [matrix_set_diag(zeros_like(op._inputs[0]), g, k=op._inputs[1],
                                           align=op._attrs["align"]), None, None])
define("MatrixSetDiagV3", _set_diag_rule, _matrix_set_diag_kernel,
       grad=lambda op, g: [matrix_set_diag(g, zeros_like(op._inputs[1]), k=op._inputs[2],
                                           align=op._attrs["align"]),
                           matrix_diag_part(g, k=op._inputs[2], align=op._attrs["align"]), None])


def _check_align(align: str) -> str:
    if align not in ("LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT"):
        raise ValueError("align must be one of LEFT_RIGHT, RIGHT_LEFT, LEFT_LEFT, RIGHT_RIGHT, "
                         "got %r" % (align,))
    return align


def matrix_diag(diagonal, name: str = "diag", k=0, num_rows=-1, num_cols=-1, padding_value=0,
                align: str = "RIGHT_LEFT") -> Tensor:
    """`tf.linalg.diag`: batched matrices with `diagonal` on diagonal(s) `k`, `padding_value` elsewhere."""
    d = convert_to_tensor(diagonal, name="diagonal")
    pv = convert_to_tensor(padding_value, dtype=d.dtype.base_dtype, name="padding_value")
    return make1("MatrixDiagV3", [d, _int_tensor(k), _int_tensor(num_rows), _int_tensor(num_cols),
                                  pv], {"align": _check_align(align)}, name=name or "diag")


def matrix_diag_part(input, name: str = "diag_part", k=0, padding_value=0,  # noqa: A002
                     align: str = "RIGHT_LEFT") -> Tensor:
    """`tf.linalg.diag_part`: the diagonal(s) `k` of batched matrices."""
    x = convert_to_tensor(input)
    pv = convert_to_tensor(padding_value, dtype=x.dtype.base_dtype, name="padding_value")
    return make1("MatrixDiagPartV3", [x, _int_tensor(k), pv], {"align": _check_align(align)},
                 name=name or "diag_part")


def matrix_set_diag(input, diagonal, name: str = "set_diag", k=0,  # noqa: A002
                    align: str = "RIGHT_LEFT") -> Tensor:
    """`tf.linalg.set_diag`: batched matrices with diagonal(s) `k` replaced by `diagonal`."""
    x = convert_to_tensor(input)
    d = convert_to_tensor(diagonal, dtype=x.dtype.base_dtype)
    return make1("MatrixSetDiagV3", [x, d, _int_tensor(k)], {"align": _check_align(align)},
                 name=name or "set_diag")


def _diag_kernel(x):
    n = x.size
    out = np.zeros((n, n), dtype=x.dtype)
    out[np.arange(n), np.arange(n)] = np.reshape(x, [-1])
    return np.reshape(out, x.shape + x.shape)


def _diag_part_of(x):
    r = x.ndim // 2
    if x.ndim % 2 or x.shape[:r] != x.shape[r:]:
        raise errors.InvalidArgumentError(None, None, "Input must have even rank and matching "
                                          "halves, got shape %s" % list(x.shape))
    n = int(np.prod(x.shape[:r]))
    return np.reshape(np.reshape(x, (n, n))[np.arange(n), np.arange(n)], x.shape[:r])


def _diag_op_rule(inputs, attrs):
    x = inputs[0]
    if x._shape.ndims is None:
        return [(x._dtype.base_dtype, unknown_shape())]
    return [(x._dtype.base_dtype, x._shape.concatenate(x._shape))]


def _diag_part_op_rule(inputs, attrs):
    x = inputs[0]
    if x._shape.ndims is None:
        return [(x._dtype.base_dtype, unknown_shape())]
    if x._shape.ndims % 2:
        raise ValueError("Input must have even rank <= 6, got shape %s" % x._shape)
    r = x._shape.ndims // 2
    a, b = x._shape[:r], x._shape[r:]
    return [(x._dtype.base_dtype, a.merge_with(b))]


define("Diag", _diag_op_rule, _diag_kernel, grad=lambda op, g: [diag_part(g)])
define("DiagPart", _diag_part_op_rule, _diag_part_of, grad=lambda op, g: [diag(g)])


def diag(diagonal, name=None) -> Tensor:
    """`tf.diag`: a rank-2k tensor with `diagonal` (rank k) on its diagonal."""
    return make1("Diag", [convert_to_tensor(diagonal)], name=name or "Diag")


def diag_part(input, name=None) -> Tensor:  # noqa: A002
    """`tf.diag_part`: the inverse of `tf.diag`."""
    return make1("DiagPart", [convert_to_tensor(input)], name=name or "DiagPart")


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None) -> Tensor:
    """`tf.eye`: (batches of) identity matrices."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, "eye", [num_rows, num_columns, batch_shape]) as scope:
        batch = [] if batch_shape is None else batch_shape
        static = not any(_is_tensorish(v) for v in (num_rows, num_columns, batch_shape))
        if static:
            rows = int(num_rows)
            cols = rows if num_columns is None else int(num_columns)
            ones_t = constant(np.ones(list(batch) + [min(rows, cols)], dtype.np_dtype), dtype=dtype,
                              name="ones")
            if batch:
                return matrix_set_diag(zeros(list(batch) + [rows, cols], dtype=dtype), ones_t,
                                       name=scope)
            return matrix_diag(ones_t, name=scope, num_rows=rows, num_cols=cols)
        m = _math()
        rows = convert_to_tensor(num_rows, dtype=dtypes.int32)
        cols = rows if num_columns is None else convert_to_tensor(num_columns, dtype=dtypes.int32)
        diag_size = m.minimum(rows, cols)
        dims = concat([_int_tensor(batch), reshape(diag_size, [1])], 0)
        return matrix_diag(fill(dims, constant(1, dtype=dtype)), name=scope, num_rows=rows,
                           num_cols=cols)


# ================================================================================================
# Small ops: InvertPermutation, IdentityN, EnsureShape, ReverseSequence
# ================================================================================================
def _invert_permutation_kernel(x):
    n = x.size
    if sorted(int(v) for v in x) != list(range(n)):
        raise errors.InvalidArgumentError(None, None, "%s is not a permutation of 0..%d"
                                          % (x.tolist(), n - 1))
    out = np.empty_like(x)
    out[x] = np.arange(n, dtype=x.dtype)
    return out


define("InvertPermutation", lambda inputs, attrs: [(inputs[0]._dtype.base_dtype,
                                                    inputs[0]._shape.with_rank(1))],
       _invert_permutation_kernel, differentiable=False)


def invert_permutation(x, name=None) -> Tensor:
    """`tf.invert_permutation`: y with y[x[i]] = i."""
    return make1("InvertPermutation", [_int_tensor(x)], name=name or "InvertPermutation")


# Gradients for IdentityN ops that stand for a function with a custom gradient (TF's
# custom_gradient outputs an IdentityN whose `_gradient_op_type` attr names it), by that name
IDENTITY_N_GRADIENTS: dict = {}


def _identity_n_grad(op, *gs):
    custom = IDENTITY_N_GRADIENTS.get(op._attrs.get("_gradient_op_type"))
    return custom(op, *gs) if custom is not None else list(gs)


define("IdentityN", lambda inputs, attrs: [(x._dtype.base_dtype, x._shape) for x in inputs],
       lambda *xs: _outputs(xs), grad=_identity_n_grad)


def identity_n(input, name=None) -> list:  # noqa: A002
    """`tf.identity_n`: several tensors passed through one op."""
    xs = [convert_to_tensor(x) for x in input]
    return list(make("IdentityN", xs, name=name or "IdentityN")._outputs)


def _ensure_shape_rule(inputs, attrs):
    x = inputs[0]
    want = attrs["shape"]
    if not x._shape.is_compatible_with(want):
        raise ValueError("Shape of tensor %s %s is not compatible with expected shape %s."
                         % (x.name, x._shape, want))
    return [(x._dtype.base_dtype, x._shape.merge_with(want))]


def _ensure_shape_kernel(x, shape):
    if not shape.is_compatible_with(TensorShape(np.shape(x))):
        raise errors.InvalidArgumentError(None, None, "Shape of tensor %s is not compatible with "
                                          "expected shape %s." % (list(np.shape(x)), shape))
    return x


define("EnsureShape", _ensure_shape_rule, _ensure_shape_kernel, grad=lambda op, g: [g])


def ensure_shape(x, shape, name=None) -> Tensor:  # noqa: A002
    """`tf.ensure_shape`: `x`, checked (statically and at run time) against a partial shape."""
    t = convert_to_tensor(x)
    return make1("EnsureShape", [t], {"shape": as_shape(shape)}, name=name or "EnsureShape")


def _reverse_sequence_kernel(x, seq_lengths, seq_dim, batch_dim):
    out = np.array(x)
    for b, n in enumerate(np.reshape(seq_lengths, [-1])):
        n = int(n)
        if not 0 <= n <= x.shape[seq_dim]:
            raise errors.InvalidArgumentError(None, None, "seq_lens(%d) > input.dims(%d)"
                                              % (b, seq_dim))
        src = [_pyslice(None)] * x.ndim
        src[batch_dim] = b
        src[seq_dim] = _pyslice(0, n)
        dst = list(src)
        dst[seq_dim] = _pyslice(n - 1, None, -1) if n else _pyslice(0, 0)
        out[tuple(src)] = x[tuple(dst)]
    return out


define("ReverseSequence", same_as_first, _reverse_sequence_kernel,
       grad=lambda op, g: [reverse_sequence(g, op._inputs[1], op._attrs["seq_dim"],
                                            op._attrs["batch_dim"]), None])


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None,  # noqa: A002
                     seq_dim=None, batch_dim=None) -> Tensor:
    """`tf.reverse_sequence`: reverse the first seq_lengths[b] entries of each batch row."""
    seq_axis = op_util.legacy_kwarg(seq_axis, "seq_axis", seq_dim, "seq_dim")
    batch_axis = op_util.legacy_kwarg(batch_axis, "batch_axis", batch_dim, "batch_dim")
    x = convert_to_tensor(input)
    lengths = convert_to_tensor(seq_lengths, preferred_dtype=dtypes.int64)
    return make1("ReverseSequence", [x, lengths],
                 {"seq_dim": int(seq_axis), "batch_dim": int(0 if batch_axis is None else batch_axis)},
                 name=name or "ReverseSequence")
