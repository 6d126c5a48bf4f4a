"""Helpers every op module uses: creating ops, common output rules, and TF's input dtype rules."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import Operation, Tensor, convert_to_tensor, get_default_graph
from ..framework.tensor_shape import TensorShape, broadcast_shapes, unknown_shape


def make(op_type: str, inputs: list, attrs: dict | None = None, name: str | None = None) -> Operation:
    """Create an op in the graph of its inputs (or the default graph); `name` may end in '/'."""
    graph = inputs[0]._op._graph if inputs else get_default_graph()
    if inputs and graph is not get_default_graph():
        with graph.as_default():
            return graph._create_op(op_type, inputs, attrs or {}, name)
    return graph._create_op(op_type, inputs, attrs or {}, name)


def make1(op_type: str, inputs: list, attrs: dict | None = None, name: str | None = None) -> Tensor:
    """Like `make`, returning the op's single output tensor."""
    return make(op_type, inputs, attrs, name)._outputs[0]


def tensor(x, dtype=None, name=None) -> Tensor:
    return convert_to_tensor(x, dtype=dtype, name=name)


# --- output rules (infer functions) -------------------------------------------------------------
def same_as_first(inputs, attrs):
    x = inputs[0]
    return [(x._dtype.base_dtype, x._shape)]


def broadcast_rule(inputs, attrs):
    """Elementwise binary op: TF's dtype check (no implicit promotion) and broadcast shape."""
    x, y = inputs[0], inputs[1]
    return [(x._dtype.base_dtype, broadcast_shapes(x._shape, y._shape))]


def bool_broadcast_rule(inputs, attrs):
    return [(dtypes.bool, broadcast_shapes(inputs[0]._shape, inputs[1]._shape))]


def fixed_rule(dtype, shape=()):
    def rule(inputs, attrs):
        return [(dtype, TensorShape(shape))]
    return rule


def no_outputs(inputs, attrs):
    return []


def unknown_like_first(inputs, attrs):
    return [(inputs[0]._dtype.base_dtype, unknown_shape())]


# Small integer ops whose value TF's shape inference computes from constant inputs (as its
# EvaluateConstantTensor does), so `x[i:i + 2]` with a constant `i` keeps a static size.
_FOLDABLE = frozenset({"Pack", "ConcatV2", "StridedSlice", "AddV2", "Sub", "Mul", "FloorDiv",
                       "Maximum", "Minimum", "Neg", "Cast", "Range", "Prod", "Sum", "Max", "Min",
                       "BroadcastArgs"})
# ...and the further ops TF's shape inference evaluates when it needs a shape, an axis or a
# permutation (gradients build them: reduced_shape's FloorMod, Transpose's InvertPermutation, ...);
# `shape_value` folds these too, `const_value` keeps to the set above (TF's constant_value)
_SHAPE_FOLDABLE = _FOLDABLE | frozenset({"FloorMod", "InvertPermutation", "Reshape", "Transpose",
                                         "ExpandDims", "ConcatOffset", "Slice", "ListDiff",
                                         "GatherV2"})
_FOLD_DEPTH = 8          # how many ops deep a value is folded
_FOLD_MAX_ELEMENTS = 64  # larger inputs are not folded


def const_value(t: Tensor, _depth: int = _FOLD_DEPTH, _foldable=_FOLDABLE):
    """The value of `t` if it is known at graph-construction time (a Const, a shape of a known
    shape, or a small integer computation on those), else None. Used by shape rules to be as
    precise as TF's."""
    op = t._op
    if op._type == "Const":
        return op._attrs["value"]
    if op._type == "Shape" and op._inputs[0]._shape.is_fully_defined():
        return np.array(op._inputs[0]._shape.as_list(), dtype=t._dtype.np_dtype)
    if op._type in ("Identity", "StopGradient"):
        return const_value(op._inputs[0], _depth, _foldable)
    if op._type in _foldable and _depth > 0 and t._dtype.base_dtype in NUMBERS:
        return _fold(op, t._value_index, _depth - 1, _foldable)
    return None


def shape_value(t: Tensor):
    """`const_value` as TF's shape inference sees it: it also evaluates the shape-computing ops
    gradients build (FloorMod, InvertPermutation, Reshape, Slice, GatherV2, ...)."""
    return const_value(t, _FOLD_DEPTH, _SHAPE_FOLDABLE)


def _partial_shape_value(x: Tensor):
    """A Shape op's value with -1 for the dimensions not known statically (None if rank unknown)."""
    if x._op._type != "Shape" or x._op._inputs[0]._shape.ndims is None:
        return None
    shape = x._op._inputs[0]._shape
    return np.array([-1 if d is None else d for d in shape.as_list()], dtype=x._dtype.np_dtype)


def _fold(op, index: int, depth: int, foldable=_FOLDABLE):
    """`op`'s output `index` computed by its kernel from constant inputs, or None. A slice of a
    partly known shape folds when it picks known dimensions only (`tf.shape(p)[1]` of [None, 4])."""
    values = []
    partial = op._type == "StridedSlice" and _partial_shape_value(op._inputs[0]) is not None
    for i, x in enumerate(op._inputs):
        v = _partial_shape_value(x) if partial and i == 0 else const_value(x, depth, foldable)
        if v is None or np.size(v) > _FOLD_MAX_ELEMENTS:
            return None
        values.append(np.asarray(v))
    attrs = {k: v for k, v in op._attrs.items() if k[0] != "_"}
    try:
        out = op._def.kernel(*values, **attrs)
    except Exception:  # noqa: BLE001 - an input the kernel rejects is left to run time
        return None
    out = out[index] if isinstance(out, tuple) else out
    return None if partial and np.any(np.asarray(out) < 0) else out


# --- dtype rules ---------------------------------------------------------------------------------
def binary_inputs(x, y, op_type: str, name_x: str = "x", name_y: str = "y"):
    """Convert the two inputs of an elementwise op as TF does: a Python/NumPy operand takes the
    tensor's dtype; two tensors must agree exactly (TypeError otherwise)."""
    x_is_t = isinstance(x, Tensor) or hasattr(x, "_as_graph_element")
    y_is_t = isinstance(y, Tensor) or hasattr(y, "_as_graph_element")
    if x_is_t:
        x = convert_to_tensor(x)
        y = convert_to_tensor(y, dtype=x._dtype.base_dtype) if not y_is_t else convert_to_tensor(y)
    elif y_is_t:
        y = convert_to_tensor(y)
        x = convert_to_tensor(x, dtype=y._dtype.base_dtype)
    else:
        x = convert_to_tensor(x)
        y = convert_to_tensor(y, dtype=x._dtype.base_dtype)
    check_same_dtype(op_type, (name_x, x), (name_y, y))
    return x, y


def convert_like(value, like: Tensor, name: str) -> Tensor:
    """`value` as a tensor of `like`'s dtype for an input of the same op: a Python value converts,
    a tensor of another dtype is a TypeError (TF's op constructors raise that, not ValueError)."""
    if isinstance(value, Tensor) and value._dtype.base_dtype is not like._dtype.base_dtype:
        raise TypeError("Input '%s' has type %s that does not match type %s of the input it pairs "
                        "with; cast one of them with tf.cast(%s, tf.%s)." % (
                            name, value._dtype.base_dtype.name, like._dtype.base_dtype.name, name,
                            like._dtype.base_dtype.name))
    return convert_to_tensor(value, dtype=like._dtype.base_dtype, name=name)


def check_same_dtype(op_type: str, *named):
    first_name, first = named[0]
    base = first._dtype.base_dtype
    for n, t in named[1:]:
        if t._dtype.base_dtype is not base:     # DTypes are singletons
            raise TypeError("Input '%s' of '%s' Op has type %s that does not match type %s of "
                            "argument '%s'. TensorFlow never converts dtypes implicitly: use "
                            "tf.cast(%s, tf.%s)." % (n, op_type, t._dtype.base_dtype.name,
                                                     base.name, first_name, n, base.name))


def check_dtype_in(op_type: str, t: Tensor, allowed, arg: str = "x"):
    if t._dtype.base_dtype not in allowed:
        raise TypeError("Value passed to parameter '%s' has DataType %s not in list of allowed "
                        "values: %s (op %s)" % (arg, t._dtype.base_dtype.name,
                                                ", ".join(d.name for d in allowed), op_type))


FLOATS = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64)
COMPLEX = (dtypes.complex64, dtypes.complex128)
INTS = (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16,
        dtypes.uint32, dtypes.uint64)
NUMBERS = FLOATS + COMPLEX + INTS


def legacy_kwarg(new_value, new_name: str, old_value, old_name: str):
    """TF1's deprecated argument spellings (`keep_dims`, `reduction_indices`, `dim`, …)."""
    if old_value is not None:
        if new_value is not None:
            raise ValueError("Cannot specify both '%s' and '%s'." % (old_name, new_name))
        return old_value
    return new_value
