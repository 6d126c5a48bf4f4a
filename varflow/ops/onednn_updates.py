"""Optimizer updates as oneDNN elementwise primitives with post-ops: each expression one pass on
oneDNN's threads (NumPy makes a pass per operation, on one core), TensorFlow's float32 arithmetic
bit for bit.

TF's CPU kernels compute, in this order:
    ApplyGradientDescent:  var -= delta * alpha
    ApplyAdam:  m += (g - m) * (1 - beta1);  v += (g * g - v) * (1 - beta2)
                var -= (m * alpha) / (sqrt(v) + epsilon),  alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
Each line below is one binary primitive whose post-ops finish the expression; `sum` adds the
destination's old value. The rewritings are exact in IEEE arithmetic: (g - m) * c == (m - g) * -c,
m * alpha == alpha * m, var - x == var + x * -1, delta * alpha * -1 == delta * -alpha. Scalars are
one-element runtime operands, so a changing learning rate never rebuilds a primitive.

Adam here is twelve NumPy passes in four (0.22 against 0.52 ms for a 784x512 float32 variable on
the 2-core VM). Used through runtime/kernel_choice.py for variables of at least `MIN_SIZE`
elements; anything else (other dtypes, small or strided arrays, Nesterov, oneDNN missing) returns
False and the NumPy rule runs.
"""
from __future__ import annotations

import ctypes

import numpy as np

from . import onednn
from .onednn import _ARG_DST, _ARG_SRC, _P, _SCRATCHPAD_USER, _TAG_X

MIN_SIZE = 1 << 16
_ARG_SRC_1 = 2
_ARG_ATTR_SCALES = 4096
_ADD, _MUL, _DIV, _SUB = 0x1FFF0, 0x1FFF1, 0x1FFF4, 0x1FFF5     # dnnl_binary_*
_SQRT = 0x25                                                     # dnnl_eltwise_sqrt


def _post_arg(index: int) -> int:
    """The execute-time argument of the binary post-op at `index` (its second operand)."""
    return 32768 * (index + 1) | _ARG_SRC_1


def _binary(dnn, n: int, alg: int, post_ops: tuple, scalar_src1=False, scale_src0=False):
    """A cached binary primitive over n-element vectors. `post_ops` entries: ("sum",),
    ("sqrt",) or ("binary", alg, operand_is_scalar)."""
    def make():
        vec, one = dnn.md((n,), _TAG_X), dnn.md((1,), _TAG_X)
        descs = {_ARG_SRC: vec, _ARG_SRC_1: one if scalar_src1 else vec, _ARG_DST: vec}
        attr, ops = _P(), _P()
        dnn.check(dnn.lib.dnnl_primitive_attr_create(ctypes.byref(attr)), "attr_create")
        try:
            dnn.check(dnn.lib.dnnl_primitive_attr_set_scratchpad_mode(attr, _SCRATCHPAD_USER),
                      "set_scratchpad_mode")
            dnn.check(dnn.lib.dnnl_post_ops_create(ctypes.byref(ops)), "post_ops_create")
            for index, post in enumerate(post_ops):
                if post[0] == "sum":
                    status = dnn.lib.dnnl_post_ops_append_sum(ops, 1.0, 0, 0)
                elif post[0] == "sqrt":
                    status = dnn.lib.dnnl_post_ops_append_eltwise(ops, _SQRT, 0.0, 0.0)
                else:
                    operand = one if post[2] else vec
                    status = dnn.lib.dnnl_post_ops_append_binary(ops, post[1], operand)
                    descs[_post_arg(index)] = operand
                dnn.check(status, "post_ops_append")
            dnn.check(dnn.lib.dnnl_primitive_attr_set_post_ops(attr, ops), "set_post_ops")
            if scale_src0:
                dnn.check(dnn.lib.dnnl_primitive_attr_set_scales_mask(attr, _ARG_SRC, 0),
                          "set_scales_mask")
                descs[_ARG_ATTR_SCALES | _ARG_SRC] = one
            pd = _P()
            dnn.check(dnn.lib.dnnl_binary_primitive_desc_create(
                ctypes.byref(pd), dnn.engine, alg, vec, descs[_ARG_SRC_1], vec, attr),
                "binary_primitive_desc_create")
        finally:
            if ops:
                dnn.lib.dnnl_post_ops_destroy(ops)
            dnn.lib.dnnl_primitive_attr_destroy(attr)
        return pd, descs
    return dnn.primitive(("binary", n, alg, post_ops, scalar_src1, scale_src0), make)


def _scalar(value) -> np.ndarray:
    return np.array([value], np.float32)


def _runs(dnn, arrays) -> bool:
    """Whether oneDNN takes this update: loaded, float32 C-contiguous arrays of one size, large
    enough to pay for the calls."""
    n = arrays[0].size
    return dnn is not None and n >= MIN_SIZE and all(
        a.dtype == np.float32 and a.flags.c_contiguous and a.size == n for a in arrays)


def adam_in_place(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad,
                  use_nesterov=False) -> bool:
    """Update var, m and v in place as TF's ApplyAdam does; False where it did nothing (the
    caller then runs the NumPy rule)."""
    dnn = onednn._onednn()
    if use_nesterov or not _runs(dnn, (var, m, v, grad)):
        return False
    n = var.size
    one = np.float32(1)
    alpha = lr * np.sqrt(one - beta2_power) / (one - beta1_power)
    steps = (
        # m = m + (m - g) * -(1 - beta1)
        (_binary(dnn, n, _SUB, (("binary", _MUL, True), ("sum",))),
         {_ARG_SRC: m, _ARG_SRC_1: grad, _ARG_DST: m, _post_arg(0): _scalar(-(one - beta1))}),
        # v = v + (g * g - v) * (1 - beta2)
        (_binary(dnn, n, _MUL, (("binary", _SUB, False), ("binary", _MUL, True), ("sum",))),
         {_ARG_SRC: grad, _ARG_SRC_1: grad, _ARG_DST: v, _post_arg(0): v,
          _post_arg(1): _scalar(one - beta2)}),
    )
    denominator = np.empty(n, np.float32)
    steps += (
        # denominator = sqrt(v + 0) + epsilon
        (_binary(dnn, n, _ADD, (("sqrt",), ("binary", _ADD, True)), scalar_src1=True),
         {_ARG_SRC: v, _ARG_SRC_1: _scalar(0), _ARG_DST: denominator,
          _post_arg(1): _scalar(epsilon)}),
        # var = var + ((alpha * m) / denominator) * -1
        (_binary(dnn, n, _DIV, (("binary", _MUL, True), ("sum",)), scale_src0=True),
         {_ARG_SRC: m, _ARG_SRC_1: denominator, _ARG_DST: var, _post_arg(0): _scalar(-1),
          _ARG_ATTR_SCALES | _ARG_SRC: _scalar(alpha)}),
    )
    if any(entry is None for entry, _ in steps):
        return False
    for entry, arrays in steps:
        dnn.execute(entry, {arg: a.reshape(-1) for arg, a in arrays.items()})
    return True


def gradient_descent_in_place(var, alpha, delta) -> bool:
    """var -= delta * alpha in place, as TF's ApplyGradientDescent; False where it did nothing."""
    dnn = onednn._onednn()
    if not _runs(dnn, (var, delta)):
        return False
    # var = var + delta * -alpha
    entry = _binary(dnn, var.size, _MUL, (("sum",),), scalar_src1=True)
    if entry is None:
        return False
    dnn.execute(entry, {_ARG_SRC: delta.reshape(-1), _ARG_SRC_1: _scalar(-alpha),
                        _ARG_DST: var.reshape(-1)})
    return True
