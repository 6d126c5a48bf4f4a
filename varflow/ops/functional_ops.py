"""TF1's functional control flow: `tf.map_fn`, `tf.scan`, `tf.foldl`, `tf.foldr`, `tf.switch_case`.

The loops are one `tf.while_loop` each. Elements are read by index inside the body and per-step
outputs go into a buffer that the loop writes row by row, so a loop over n elements costs O(n)
(not O(n²)) forward and backward:

- `FnRowRead(elems, i) -> (elems, elems[i])` carries `elems` through the loop as a loop variable;
  its gradient adds the row's gradient into the carried gradient of `elems` in place.
- `FnRowWrite(buffer, i, value, n)` writes row i of the buffer in place (allocated at the first
  write, with the written value's shape); its gradient reads row i of the buffer's gradient.

These buffers are private to one loop: they are made by `FnBufferInit` (or by a fresh `ZerosLike` in
the gradient) and only ever read by these ops and the loop, which is why writing them in place is
sound. Each row is written exactly once, so the buffer's gradient passes through a write unchanged.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Operation, Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, as_shape, unknown_shape
from . import array_ops, control_flow_ops, math_ops
from .constant_op import constant
from .control_flow_ops import _assert_same_structure, _flatten, _pack
from .op_util import make, make1

__all__ = ["map_fn", "scan", "foldl", "foldr", "switch_case"]


# ------------------------------------------------------------------------------------------------
# The loop's private ops
# ------------------------------------------------------------------------------------------------
def _row_shape(shape: TensorShape) -> TensorShape:
    return shape[1:] if shape.ndims is not None else unknown_shape()


def _row_read_rule(inputs, attrs):
    elems = inputs[0]
    return [(elems._dtype.base_dtype, elems._shape), (elems._dtype.base_dtype, _row_shape(elems._shape))]


def _row_read_kernel(elems, i):
    i, n = int(i), elems.shape[0]
    if not 0 <= i < n:
        raise IndexError("Tried to read from index %d but array size is: %d" % (i, n))
    return elems, elems[i, ...]


def _row_read_grad(op, g_elems, g_row):
    """The row's gradient is added into row i of the carried gradient of `elems` (in place)."""
    elems, i = op._inputs
    if g_row is None:
        return [g_elems, None]
    acc = (convert_to_tensor(g_elems) if g_elems is not None
           else array_ops.zeros_like(elems, optimize=False))
    return [make1("FnRowAccumulate", [acc, i, convert_to_tensor(g_row)]), None]


define("FnRowRead", _row_read_rule, _row_read_kernel, grad=_row_read_grad)


def _accumulate_kernel(acc, i, row):
    if not (acc.flags.writeable and acc.flags.owndata):    # not one of our own buffers: copy once
        acc = acc.copy()
    acc[int(i)] += row
    return acc


define("FnRowAccumulate", lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, inputs[0]._shape)],
       _accumulate_kernel, differentiable=False)


def _buffer_rule(inputs, attrs):
    return [(attrs["dtype"], unknown_shape())]


def _buffer_kernel(n, dtype):
    return np.zeros((0,), dtype.as_numpy_dtype)   # an empty marker: the first write allocates


define("FnBufferInit", _buffer_rule, _buffer_kernel, differentiable=False)


def _write_kernel(buf, i, value, n, infer_shape):
    value = np.asarray(value)
    if value.dtype != buf.dtype:
        raise errors.InvalidArgumentError(
            None, None, "TensorArray dtype is %s but Op is trying to write dtype %s."
            % (dtypes.as_dtype(buf.dtype).name, dtypes.as_dtype(value.dtype).name))
    i, n = int(i), int(n)
    if buf.shape[0] != n:          # the marker: allocate this loop's own buffer
        buf = np.empty((n,) + value.shape, buf.dtype)
    elif buf.shape[1:] != value.shape:
        if infer_shape:
            msg = ("Could not write to TensorArray index %d because the value shape is %s which is "
                   "incompatible with the TensorArray's inferred element shape: %s (consider "
                   "setting infer_shape=False)." % (i, list(value.shape), list(buf.shape[1:])))
        else:
            msg = ("TensorArray has inconsistent shapes.  Index 0 has shape: %s but index %d has "
                   "shape: %s" % (list(buf.shape[1:]), i, list(value.shape)))
        raise errors.InvalidArgumentError(None, None, msg)
    buf[i] = value
    return buf


def _write_grad(op, g):
    if g is None:
        return [None] * 4
    g = convert_to_tensor(g)
    row = make("FnRowRead", [g, op._inputs[1]], name="TensorArrayReadV3")._outputs[1]
    return [g, None, row, None]


define("FnRowWrite", lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, inputs[0]._shape)],
       _write_kernel, grad=_write_grad)


def _stack_rule(inputs, attrs):
    shape = attrs["_shape"]
    return [(inputs[0]._dtype.base_dtype, shape)]


def _stack_kernel(buf, n, element_shape):
    if int(n) == 0:
        if element_shape is None or None in element_shape:
            raise errors.UnimplementedError(
                None, None, "TensorArray has size zero, but element shape %s is not fully "
                "defined. Currently only static shapes are supported when packing zero-size "
                "TensorArrays." % ("<unknown>" if element_shape is None else
                                   "[%s]" % ",".join("?" if d is None else str(d) for d in element_shape)))
        return np.zeros((0,) + tuple(element_shape), buf.dtype)
    return buf


define("FnStack", _stack_rule, _stack_kernel, grad=lambda op, g: [g, None])


# ------------------------------------------------------------------------------------------------
# Shared pieces of the loops
# ------------------------------------------------------------------------------------------------
def _check_fn(fn) -> None:
    if not callable(fn):    # TF 2.21 fails here with this AttributeError
        raise AttributeError("'%s' object has no attribute '__name__' (fn must be callable)"
                             % type(fn).__name__)


def _elems_tensors(elems) -> list:
    flat = _flatten(elems)
    if not flat:
        raise ValueError("elems must be a Tensor or (possibly nested) sequence of Tensors. Got %r, "
                         "which does not contain any Tensors." % (elems,))
    if any(e is None for e in flat):
        raise ValueError("None values not supported.")
    return flat


def _length(elems_flat: list, what: str, check: bool = True) -> tuple:
    """(n as an int32 tensor, n if static else None); elems must have a first dimension."""
    for e in elems_flat:
        if e._shape.ndims == 0:
            if what == "map":
                raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
            raise IndexError("list index out of range (elems must be 1+ dimensional Tensors, "
                             "not scalars)")
    n_static = elems_flat[0]._shape[0] if elems_flat[0]._shape.ndims is not None else None
    if check:
        for e in elems_flat[1:]:
            m = e._shape[0] if e._shape.ndims is not None else None
            if n_static is None:
                n_static = m
            elif m is not None and m != n_static:
                raise ValueError("Dimensions %d and %d are not compatible" % (n_static, m))
    if n_static is not None:
        return constant(n_static, dtypes.int32, name="TensorArray/size"), n_static
    with name_scope("TensorArrayUnstack"):
        return array_ops.shape(elems_flat[0], out_type=dtypes.int32)[0], None


def _as_result(value, fn_name: str, dtype=None) -> Tensor:
    if value is None:
        raise ValueError("None values not supported.")
    if isinstance(value, Operation):
        raise TypeError("can't convert Operation '%s' to Tensor (%s must return tensors)"
                        % (value.name, fn_name))
    if dtype is not None and not isinstance(value, Tensor):
        return convert_to_tensor(value, dtype=dtype)
    return convert_to_tensor(value)


def _read(elems: Tensor, i: Tensor) -> tuple:
    out = make("FnRowRead", [elems, i], name="TensorArrayReadV3")._outputs
    return out[0], out[1]


def _write(buf: Tensor, i: Tensor, value: Tensor, n: Tensor, infer_shape: bool) -> Tensor:
    with name_scope("TensorArrayWrite"):
        return make1("FnRowWrite", [buf, i, value, n], {"infer_shape": bool(infer_shape)},
                     name="TensorArrayWriteV3")


def _new_buffer(dtype, n: Tensor) -> Tensor:
    return make1("FnBufferInit", [n], {"dtype": dtypes.as_dtype(dtype).base_dtype},
                 name="TensorArray")


def _stack(buf: Tensor, n: Tensor, n_static, element_shape: TensorShape, infer_shape: bool) -> Tensor:
    known = element_shape.as_list() if element_shape.ndims is not None else None
    shape = (TensorShape([n_static]).concatenate(element_shape) if infer_shape
             else unknown_shape())
    with name_scope("TensorArrayStack"):
        return make1("FnStack", [buf, n], {"element_shape": known, "_shape": shape},
                     name="TensorArrayGatherV3")


def _signature(sig) -> tuple:
    """(dtype, static shape) of one leaf of `dtype` / `fn_output_signature` (a DType or a spec)."""
    if hasattr(sig, "dtype") and hasattr(sig, "shape") and not isinstance(sig, dtypes.DType):
        return dtypes.as_dtype(sig.dtype).base_dtype, as_shape(sig.shape)
    return dtypes.as_dtype(sig).base_dtype, unknown_shape()


def _loop(cond, body, loop_vars: list, parallel_iterations, back_prop, swap_memory) -> list:
    return control_flow_ops.while_loop(
        cond, body, loop_vars, parallel_iterations=max(1, parallel_iterations or 10),
        back_prop=back_prop, swap_memory=swap_memory, name="while", return_same_structure=True)


# ------------------------------------------------------------------------------------------------
# tf.map_fn
# ------------------------------------------------------------------------------------------------
def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop: bool = True,
           swap_memory: bool = False, infer_shape: bool = True, name=None,
           fn_output_signature=None):
    """`tf.map_fn`: stack `fn(x)` over the rows `x` of `elems` (a tensor or nested structure).

    >>> tf.map_fn(lambda x: x * x, tf.constant([1., 2., 3.]))   # [1., 4., 9.]
    """
    _check_fn(fn)
    if fn_output_signature is None:
        fn_output_signature = dtype
    flat_in = _elems_tensors(elems)
    with name_scope(name, "map", [e for e in flat_in if isinstance(e, Tensor)]):
        flat = [convert_to_tensor(e, name="elems") for e in flat_in]
        n, n_static = _length(flat, "map")
        if fn_output_signature is None:
            out_struct = elems
            sigs = [(e._dtype.base_dtype, unknown_shape()) for e in flat]
        else:
            out_struct = fn_output_signature
            sigs = [_signature(s) for s in _flatten(fn_output_signature)]
        bufs = [_new_buffer(dt, n) for dt, _ in sigs]
        k = len(flat)
        shapes: list = []

        def body(i, *rest):
            read = [_read(e, i) for e in rest[:k]]
            result = fn(_pack(elems, [r for _, r in read]))
            _assert_same_structure(out_struct, result, "fn_output_signature and fn's result")
            outs = [_as_result(v, "fn", dt) for v, (dt, _) in zip(_flatten(result), sigs)]
            shapes[:] = [_merge_shapes(o._shape, s) for o, (_, s) in zip(outs, sigs)]
            written = [_write(b, i, o, n, infer_shape) for b, o in zip(rest[k:], outs)]
            return [i + 1] + [p for p, _ in read] + written

        i0 = constant(0, name="Const")
        final = _loop(lambda i, *rest: math_ops.less(i, n), body, [i0] + flat + bufs,
                      parallel_iterations, back_prop, swap_memory)
        stacked = [_stack(b, n, n_static, s, infer_shape) for b, s in zip(final[1 + k:], shapes)]
    return _pack(out_struct, stacked)


def _merge_shapes(seen: TensorShape, expected: TensorShape) -> TensorShape:
    try:
        return seen.merge_with(expected)
    except ValueError:
        raise ValueError("Inconsistent shapes: saw %s but expected %s " % (seen, expected)) from None


# ------------------------------------------------------------------------------------------------
# tf.scan
# ------------------------------------------------------------------------------------------------
def scan(fn, elems, initializer=None, parallel_iterations: int = 10, back_prop: bool = True,
         swap_memory: bool = False, infer_shape: bool = True, reverse: bool = False, name=None):
    """`tf.scan`: the stacked successive states `a = fn(a, x)` over the rows `x` of `elems`
    (the first row is the first state when there is no `initializer`).

    >>> tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3]))   # [1, 3, 6]
    """
    _check_fn(fn)
    flat_in = _elems_tensors(elems)
    with name_scope(name, "scan", [e for e in flat_in if isinstance(e, Tensor)]):
        flat = [convert_to_tensor(e, name="elems") for e in flat_in]
        n, n_static = _length(flat, "scan")
        k = len(flat)
        if initializer is None:
            structure = elems
            first = n - 1 if reverse else constant(0, name="TensorArrayReadV3/index")
            a0 = [_read(e, first)[1] for e in flat]
            bufs = [_new_buffer(a._dtype, n) for a in a0]
            bufs = [_write(b, first, a, n, infer_shape) for b, a in zip(bufs, a0)]
            i0 = n - 2 if reverse else constant(1, name="Const")
        else:
            structure = initializer
            a0 = [_as_result(a, "initializer") for a in _flatten(initializer)]
            bufs = [_new_buffer(a._dtype, n) for a in a0]
            i0 = n - 1 if reverse else constant(0, name="Const")
        m = len(a0)

        def body(i, *rest):
            read = [_read(e, i) for e in rest[:k]]
            state = _pack(structure, list(rest[k:k + m]))
            result = fn(state, _pack(elems, [r for _, r in read]))
            _assert_same_structure(structure, result, "the initializer and fn's result")
            outs = [_as_result(v, "fn") for v in _flatten(result)]
            written = [_write(b, i, o, n, infer_shape) for b, o in zip(rest[k + m:], outs)]
            step = i - 1 if reverse else i + 1
            return [step] + [p for p, _ in read] + outs + written

        def cond(i, *rest):
            return math_ops.greater_equal(i, 0) if reverse else math_ops.less(i, n)

        final = _loop(cond, body, [i0] + flat + a0 + bufs, parallel_iterations, back_prop,
                      swap_memory)
        stacked = [_stack(b, n, n_static, a._shape, infer_shape)
                   for b, a in zip(final[1 + k + m:], a0)]
    return _pack(structure, stacked)


# ------------------------------------------------------------------------------------------------
# tf.foldl / tf.foldr
# ------------------------------------------------------------------------------------------------
def _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name,
          default_name: str, from_right: bool):
    _check_fn(fn)
    flat_in = _elems_tensors(elems)
    with name_scope(name, default_name, [e for e in flat_in if isinstance(e, Tensor)]):
        flat = [convert_to_tensor(e, name="elems") for e in flat_in]
        n, _ = _length(flat, default_name, check=False)
        if initializer is None:
            structure = elems
            first = n - 1 if from_right else constant(0, name="TensorArrayReadV3/index")
            a0 = [_read(e, first)[1] for e in flat]
            i0 = n - 1 if from_right else constant(1, name="Const")
        else:
            structure = initializer
            a0 = [_as_result(a, "initializer") for a in _flatten(initializer)]
            i0 = n if from_right else constant(0, name="Const")
        m = len(a0)
        # loop variables [i, elems[0], accumulators..., other elems...]: the accumulators come out
        # of the loop as while/Exit_2, Exit_3..., TF's names for them

        def body(i, elems0, *rest):
            acc, es = list(rest[:m]), [elems0] + list(rest[m:])
            j = i - 1 if from_right else i
            read = [_read(e, j) for e in es]
            result = fn(_pack(structure, acc), _pack(elems, [r for _, r in read]))
            _assert_same_structure(structure, result, "the initializer and fn's result")
            outs = [_as_result(v, "fn") for v in _flatten(result)]
            passes = [p for p, _ in read]
            return [j if from_right else i + 1, passes[0]] + outs + passes[1:]

        def cond(i, *rest):
            return math_ops.greater(i, 0) if from_right else math_ops.less(i, n)

        final = _loop(cond, body, [i0, flat[0]] + a0 + flat[1:], parallel_iterations, back_prop,
                      swap_memory)
    return _pack(structure, list(final[2:2 + m]))


def foldl(fn, elems, initializer=None, parallel_iterations: int = 10, back_prop: bool = True,
          swap_memory: bool = False, name=None):
    """`tf.foldl`: `a = fn(a, x)` over the rows `x` of `elems` from the first; returns the last `a`.

    >>> tf.foldl(lambda a, x: a * 10 + x, tf.constant([1, 2, 3]))   # 123
    """
    return _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name,
                 "foldl", from_right=False)


def foldr(fn, elems, initializer=None, parallel_iterations: int = 10, back_prop: bool = True,
          swap_memory: bool = False, name=None):
    """`tf.foldr`: `a = fn(a, x)` over the rows `x` of `elems` from the last; returns the last `a`.

    >>> tf.foldr(lambda a, x: a * 10 + x, tf.constant([1, 2, 3]))   # 321
    """
    return _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name,
                 "foldr", from_right=True)


# ------------------------------------------------------------------------------------------------
# tf.switch_case
# ------------------------------------------------------------------------------------------------
def _index_kernel(index):
    if np.ndim(index) != 0:
        raise errors.InvalidArgumentError(None, None, "The second input must be a scalar, but it "
                                          "has shape %s" % list(np.shape(index)))
    return index


define("SwitchCaseIndex", lambda inputs, attrs: [(dtypes.int32, TensorShape([]))], _index_kernel,
       differentiable=False)


def _branch_list(branch_fns) -> list:
    if isinstance(branch_fns, dict):
        items = list(branch_fns.items())
    elif isinstance(branch_fns, (list, tuple)):
        items = list(branch_fns)
        if items and all(callable(f) for f in items):
            items = list(enumerate(items))
    else:
        raise TypeError("'branch_fns' must be a list, tuple, or dict")
    if not items:
        raise ValueError("Must provide at least one item in 'branch_fns'")
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise TypeError("Each entry in 'branch_fns' must be a 2-tuple. Received %r." % (item,))
        key, fn = item
        if not isinstance(key, int) or isinstance(key, bool):
            raise TypeError("key must be a Python `int`, got %s" % type(key))
        if not callable(fn):
            raise TypeError("fn for key %d must be callable." % key)
    keys = sorted(key for key, _ in items)
    if keys != list(range(len(items))):
        raise ValueError("branch indices (keys) must form contiguous range of [0 to %d) but found "
                         "{%s}" % (len(items), ",".join(str(k) for k in keys)))
    return [fn for _, fn in sorted(items, key=lambda kv: kv[0])]


def switch_case(branch_index, branch_fns, default=None, name: str = "switch_case"):
    """`tf.switch_case`: `branch_fns[branch_index]()`, or `default()` (else the last branch) when
    the index is out of range; only the chosen branch runs.

    >>> tf.switch_case(idx, [lambda: tf.constant(10), lambda: tf.constant(20)])
    """
    if not isinstance(branch_index, Tensor):
        raise TypeError("'branch_index' must be a Tensor, got %s" % type(branch_index))
    if not branch_index.dtype.base_dtype.is_integer:
        raise TypeError("'branch_index' must be an integer Tensor, got %r" % branch_index.dtype)
    if branch_index.dtype.base_dtype != dtypes.int32:
        raise TypeError("Input 'branch_index' of 'StatelessCase' Op has type %s that does not match "
                        "expected type of int32." % branch_index.dtype.base_dtype.name)
    fns = _branch_list(branch_fns)
    if default is None:
        fns, default = fns[:-1], fns[-1]
    with name_scope(name, "switch_case", [branch_index]), name_scope("indexed_case"):
        index = make1("SwitchCaseIndex", [branch_index], name="branch_index")
        results = {}

        def branch(k, fn):
            def run():
                out = _with_tensors(fn())
                results[k] = out
                return out
            return run

        chain = branch(len(fns), default)
        for k in reversed(range(len(fns))):
            chain = _cond_link(math_ops.equal(index, k), branch(k, fns[k]), chain)
        try:
            out = chain()
        except (ValueError, TypeError):
            _check_branches(results)    # TF's words for branches that disagree
            raise
        _check_branches(results)
        from .array_ops import identity

        flat = [identity(t, name="Identity") for t in _flatten(out)]
    return _pack(out, flat)


def _cond_link(pred, true_fn, false_fn):
    return lambda: control_flow_ops.cond(pred, true_fn, false_fn, strict=True)


def _with_tensors(out):
    if any(v is None for v in _flatten(out)):
        raise AttributeError("'NoneType' object has no attribute 'name' (every branch of "
                             "tf.switch_case must return tensors)")
    return _pack(out, [convert_to_tensor(v) for v in _flatten(out)])


def _check_branches(results: dict) -> None:
    keys = sorted(results)
    first = results[keys[0]]
    for k in keys[1:]:
        other = results[k]
        a, b = _flatten(first), _flatten(other)
        try:
            _assert_same_structure(first, other, "branch outputs")
        except (ValueError, TypeError) as e:     # TF 2.21 fails here with an AssertionError
            raise AssertionError("branches[%d] and branches[%d] arguments to tf.switch_case must have "
                            "the same number, type, and overall structure of return values.\n%s"
                            % (keys[0], k, e)) from None
        for x, y in zip(a, b):
            if x.dtype.base_dtype != y.dtype.base_dtype:
                raise TypeError("branches[%d] and branches[%d] arguments to tf.switch_case must "
                                "have the same number, type, and overall structure of return "
                                "values.\n\nbranches[%d] output: %s\nbranches[%d] output: %s\n\n"
                                "Error details:\n%s and %s have different types"
                                % (keys[0], k, keys[0], x, k, y, x, y))
