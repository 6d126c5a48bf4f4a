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


def const_value(t: Tensor):
    """The value of `t` if it is known at graph-construction time (a Const, or a shape of a known
    shape), else None. Used by shape rules to be as precise as TF's."""
    op = t._op
    if op._type == "Const":
        return op._attrs["value"]
    if op._type == "Shape" and op._inputs[0]._shape.is_fully_defined():
        return np.array(op._inputs[0]._shape.as_list(), dtype=t._dtype.np_dtype)
    if op._type in ("Identity", "StopGradient"):
        return const_value(op._inputs[0])
    return None


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
            raise ValueError("Cannot specify both '%s' and '%s'" % (new_name, old_name))
        return old_value
    return new_value
