"""Kernel choices that depend on the whole plan: one CPU thread pool per training step.

NumPy's OpenBLAS and oneDNN each keep their own worker threads. OpenBLAS's workers spin for a
while after every matrix product, so in a step that mixes dense layers and oneDNN convolutions the
convolutions that follow a product find their second core taken: on the 2-core VM a CNN training
step (two convolutions, two dense layers, Adam) took 46-53 ms so, 39-43 ms with its matrix
products through oneDNN's GEMM as well (OpenBLAS alone is faster for plans without convolutions,
which keep it). So a plan that runs oneDNN convolutions runs its float32 MatMuls through oneDNN.
"""
from __future__ import annotations

import functools

from ..ops import math_ops, onednn

_CONVOLUTIONS = frozenset(["Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"])


def _onednn_matmul(a, b, transpose_a=False, transpose_b=False):
    c = onednn.matmul(a, b, transpose_a, transpose_b)
    return c if c is not None else math_ops._matmul_kernel(a, b, transpose_a, transpose_b)


def choose_kernels(program: list, bind) -> list:
    """`program` with its MatMul steps on oneDNN's GEMM when it also runs oneDNN convolutions.
    `bind(op, kernel)` adapts a kernel to the op's inputs (variable reads)."""
    matmuls = [i for i, step in enumerate(program) if step[3] == 1 and step[4]._type == "MatMul"]
    if not matmuls or not any(step[4]._type in _CONVOLUTIONS for step in program) \
            or not onednn.available():
        return program
    program = list(program)
    for i in matmuls:
        _fn, ins, out, mode, op = program[i]
        kernel = functools.partial(_onednn_matmul, transpose_a=op._attrs["transpose_a"],
                                   transpose_b=op._attrs["transpose_b"])
        program[i] = (bind(op, kernel), ins, out, mode, op)
    return program
