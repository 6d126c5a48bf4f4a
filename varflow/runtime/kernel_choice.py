"""Kernel choices that depend on the whole plan: one CPU thread pool per training step.

NumPy's OpenBLAS and oneDNN each keep their own worker threads. OpenBLAS's workers spin for a
while after every matrix product, so in a step that mixes dense layers and oneDNN convolutions the
convolutions that follow a product find their second core taken: on the 2-core VM a CNN training
step (two convolutions, two dense layers, Adam) took 46-53 ms so, 39-43 ms with its matrix
products through oneDNN's GEMM as well (OpenBLAS alone is faster for plans without convolutions,
which keep it). So a plan that runs oneDNN convolutions runs its float32 MatMuls through oneDNN,
and its Adam updates too (ops/onednn_adam.py: one pass per expression on oneDNN's threads, where
NumPy makes twelve on one core; same step 35-42 -> 31-37 ms).
"""
from __future__ import annotations

import functools

from ..ops import math_ops, onednn

_CONVOLUTIONS = frozenset(["Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"])
_ON_ONEDNN = frozenset(["MatMul", "ApplyAdam", "ResourceApplyAdam"])


def _onednn_matmul(a, b, transpose_a=False, transpose_b=False):
    c = onednn.matmul(a, b, transpose_a, transpose_b)
    return c if c is not None else math_ops._matmul_kernel(a, b, transpose_a, transpose_b)


def choose_kernels(program: list, bind) -> list:
    """`program` with its MatMul and Adam steps on oneDNN when it also runs oneDNN convolutions.
    `bind(op, kernel)` adapts a kernel to the op's inputs (variable reads)."""
    chosen = [i for i, step in enumerate(program)
              if step[3] in (0, 1) and step[4]._type in _ON_ONEDNN]
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
