"""Kernel choices made per plan: a plan that runs oneDNN convolutions also runs its matrix
products and common optimizer updates on oneDNN, so a step keeps one CPU thread pool.

NumPy's OpenBLAS and oneDNN each keep worker threads. OpenBLAS's spin for a while after every
matrix product, so in a step that mixed dense layers with oneDNN convolutions the convolutions
found their second core taken (a CNN training step, conv + dense + Adam, 44-50 ms on the 2-core
VM; 29-34 ms with its products and Adam on oneDNN). In such a plan each float32 MatMul large
enough for OpenBLAS to use threads (m*n*k >= 2**18) runs through oneDNN's GEMM, and dense Adam and
gradient-descent updates of large float32 variables through oneDNN primitives
(ops/onednn_updates.py); small products stay on NumPy (lower call overhead, and OpenBLAS runs them
on the calling thread).

Plans without convolutions keep OpenBLAS and NumPy's updates, and do not load oneDNN: with it the
MLP benchmark trained 1.1-2.0x faster with Adam (four fused passes instead of twelve) but 7-11%
slower with SGD where NumPy products ran beside it, and its process peaked at 80 MiB instead of
60 (the library's relocated pages and GEMM buffers), over the issue's memory target.
"""
from __future__ import annotations

import functools

from ..ops import math_ops, onednn

_MATMUL_MIN_WORK = 1 << 18          # m*n*k from which OpenBLAS starts its threads
_CONVOLUTIONS = frozenset(["Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"])
_UPDATES = frozenset(["ApplyAdam", "ResourceApplyAdam", "ApplyGradientDescent",
                      "ResourceApplyGradientDescent"])


def _onednn_matmul(a, b, transpose_a=False, transpose_b=False):
    if a.ndim == 2 and b.ndim == 2:
        n = b.shape[0] if transpose_b else b.shape[1]
        if a.size * n >= _MATMUL_MIN_WORK:                  # m * k * n
            c = onednn.matmul(a, b, transpose_a, transpose_b)
            if c is not None:
                return c
    return math_ops._matmul_kernel(a, b, transpose_a, transpose_b)


def _float32(op) -> bool:
    return op._inputs[-1]._dtype.base_dtype.name == "float32"


def choose_kernels(program: list, bind) -> list:
    """`program` with its float32 MatMul and dense Adam / gradient-descent steps on oneDNN when it
    runs oneDNN convolutions. `bind(op, kernel)` adapts a kernel to the op's inputs."""
    chosen = [i for i, (_fn, _ins, _out, mode, op) in enumerate(program)
              if mode in (0, 1) and (op._type == "MatMul" or op._type in _UPDATES) and _float32(op)]
    if not chosen or not any(step[4]._type in _CONVOLUTIONS for step in program) \
            or not onednn.available():
        return program
    program = list(program)
    for i in chosen:
        _fn, ins, out, mode, op = program[i]
        attrs = {k: v for k, v in op._attrs.items() if k[0] != "_"}
        if op._type == "MatMul":
            kernel = functools.partial(_onednn_matmul, **attrs)
        else:
            from ..train import training_ops    # loaded with the optimizers that made the op
            kernel = functools.partial(training_ops.onednn_dense_kernel(op._type), **attrs)
        program[i] = (bind(op, kernel), ins, out, mode, op)
    return program
