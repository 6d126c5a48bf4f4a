"""Lowerings of variable reads, assignments and dense optimizer updates inside a compiled segment.

Each entry `fn(op, states, *rest) -> (new_states, outputs)` gets the current values of the op's
state inputs (variable, then optimizer slots) and returns their new values (None where unchanged)
and the op's outputs other than refs. The segment threads the values through in plan order, so the
order of reads and writes is exactly that of the NumPy executor.
"""
from __future__ import annotations

from typing import Callable

import jax.numpy as jnp

from .lowering import NotStaticError

STATE_LOWERINGS: dict[str, Callable] = {}
# how many leading inputs are variable state, per op type
STATE_ARITY: dict[str, int] = {}


def _register(op_types, n_state: int):
    def register(fn):
        for t in op_types:
            STATE_LOWERINGS[t] = fn
            STATE_ARITY[t] = n_state
        return fn
    return register


def _same_shape(old, new) -> None:
    if old.shape != new.shape:
        raise NotStaticError("shape mismatch is reported by the NumPy kernel")


@_register(("Assign", "AssignVariableOp"), 1)
def _assign(op, states, value):
    old = states[0]
    validate = op._attrs.get("validate_shape", True)
    if old is not None and validate and old.shape != value.shape:
        raise NotStaticError("shape mismatch is reported by the NumPy kernel")
    dtype = old.dtype if old is not None else value.dtype
    return [value.astype(dtype)], ()


@_register(("AssignAdd", "AssignAddVariableOp", "AssignSub", "AssignSubVariableOp"), 1)
def _assign_update(op, states, value):
    old = states[0]
    _same_shape(old, value)
    new = old + value if "Add" in op._type else old - value
    return [new.astype(old.dtype)], ()


@_register(("ReadVariableOp",), 1)
def _read(op, states):
    return [None], (states[0],)


def _scalars(dtype, *xs):
    return [jnp.asarray(x).astype(dtype) for x in xs]


@_register(("ApplyGradientDescent", "ResourceApplyGradientDescent"), 1)
def _gradient_descent(op, states, alpha, delta):
    var = states[0]
    _same_shape(var, delta)
    (alpha,) = _scalars(var.dtype, alpha)
    return [var - delta * alpha], ()


@_register(("ApplyMomentum", "ResourceApplyMomentum"), 2)
def _momentum(op, states, lr, grad, momentum):
    var, accum = states
    _same_shape(var, grad)
    lr, momentum = _scalars(var.dtype, lr, momentum)
    accum = accum * momentum + grad
    if op._attrs.get("use_nesterov"):
        return [var - (grad * lr + accum * momentum * lr), accum], ()
    return [var - accum * lr, accum], ()


@_register(("ApplyAdam", "ResourceApplyAdam"), 3)
def _adam(op, states, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
    var, m, v = states
    _same_shape(var, grad)
    b1p, b2p, lr, b1, b2, eps = _scalars(var.dtype, beta1_power, beta2_power, lr, beta1, beta2,
                                          epsilon)
    one = jnp.ones((), var.dtype)
    alpha = lr * jnp.sqrt(one - b2p) / (one - b1p)
    m = m + (grad - m) * (one - b1)
    v = v + (jnp.square(grad) - v) * (one - b2)
    if op._attrs.get("use_nesterov"):
        return [var - ((grad * (one - b1) + b1 * m) * alpha) / (jnp.sqrt(v) + eps), m, v], ()
    return [var - (m * alpha) / (jnp.sqrt(v) + eps), m, v], ()


@_register(("ApplyAdagrad", "ResourceApplyAdagrad"), 2)
def _adagrad(op, states, lr, grad):
    var, accum = states
    _same_shape(var, grad)
    (lr,) = _scalars(var.dtype, lr)
    if op._attrs.get("update_slots", True):
        accum = accum + jnp.square(grad)
    return [var - grad * lr * (1 / jnp.sqrt(accum)), accum], ()


@_register(("ApplyRMSProp", "ResourceApplyRMSProp"), 3)
def _rms_prop(op, states, lr, rho, momentum, epsilon, grad):
    var, ms, mom = states
    _same_shape(var, grad)
    lr, rho, momentum, eps = _scalars(var.dtype, lr, rho, momentum, epsilon)
    ms = ms + (jnp.square(grad) - ms) * (1 - rho)
    mom = mom * momentum + (grad * lr) / jnp.sqrt(ms + eps)
    return [var - mom, ms, mom], ()
