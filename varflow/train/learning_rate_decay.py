"""TF1 learning-rate schedules (`tf.train.exponential_decay`, `piecewise_constant`, ...): graph ops
of the global step, computed in the learning rate's dtype in TF's order of operations."""
from __future__ import annotations

import math

from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..ops import array_ops, math_ops
from ..ops.constant_op import constant

__all__ = ["exponential_decay", "piecewise_constant", "piecewise_constant_decay",
           "polynomial_decay", "natural_exp_decay", "inverse_time_decay", "cosine_decay",
           "cosine_decay_restarts", "linear_cosine_decay"]


def _need_step(global_step, fn: str) -> None:
    if global_step is None:
        raise ValueError("global_step is required for %s." % fn)


def _common(learning_rate, global_step, decay_steps):
    lr = convert_to_tensor(learning_rate, name="initial_learning_rate")
    dtype = lr.dtype
    return lr, dtype, math_ops.cast(global_step, dtype), math_ops.cast(decay_steps, dtype)


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase: bool = False,
                      name=None) -> Tensor:
    """`lr * decay_rate ** (global_step / decay_steps)` (floored exponent when staircase)."""
    _need_step(global_step, "exponential_decay")
    with name_scope(name, "ExponentialDecay") as scope:
        lr, dtype, step, steps = _common(learning_rate, global_step, decay_steps)
        rate = math_ops.cast(decay_rate, dtype)
        p = step / steps
        if staircase:
            p = math_ops.floor(p)
        return math_ops.multiply(lr, math_ops.pow(rate, p), name=scope)


def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase: bool = False,
                      name=None) -> Tensor:
    """`lr * exp(-decay_rate * global_step / decay_steps)` (as TF: exponential decay with rate
    exp(-decay_rate))."""
    _need_step(global_step, "natural_exp_decay")
    rate = math_ops.exp(math_ops.negative(convert_to_tensor(decay_rate)))
    return exponential_decay(learning_rate, global_step, decay_steps, rate, staircase=staircase,
                             name=name)


def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase: bool = False,
                       name=None) -> Tensor:
    """`lr / (1 + decay_rate * global_step / decay_steps)`."""
    _need_step(global_step, "inverse_time_decay")
    with name_scope(name, "InverseTimeDecay") as scope:
        lr, dtype, step, steps = _common(learning_rate, global_step, decay_steps)
        rate = math_ops.cast(decay_rate, dtype)
        p = step / steps
        if staircase:
            p = math_ops.floor(p)
        denom = math_ops.add(math_ops.cast(constant(1), dtype), math_ops.multiply(rate, p))
        return math_ops.divide(lr, denom, name=scope)


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0,
                     cycle: bool = False, name=None) -> Tensor:
    """`(lr - end) * (1 - step / decay_steps) ** power + end`, step capped (or cycled)."""
    _need_step(global_step, "polynomial_decay")
    with name_scope(name, "PolynomialDecay") as scope:
        lr = convert_to_tensor(learning_rate, name="learning_rate")
        dtype = lr.dtype
        end = math_ops.cast(end_learning_rate, dtype)
        power_t = math_ops.cast(power, dtype)
        step = math_ops.cast(global_step, dtype)
        steps = math_ops.cast(decay_steps, dtype)
        if cycle:
            multiplier = array_ops.where(math_ops.equal(step, 0), array_ops.ones_like(step),
                                         math_ops.ceil(step / steps))
            steps = math_ops.multiply(steps, multiplier)
        else:
            step = math_ops.minimum(step, steps)
        p = math_ops.divide(step, steps)
        return math_ops.add(math_ops.multiply(lr - end, math_ops.pow(1 - p, power_t)), end,
                            name=scope)


def piecewise_constant(x, boundaries, values, name=None) -> Tensor:
    """`values[i]` where `boundaries[i-1] < x <= boundaries[i]` (values[0] up to the first
    boundary, values[-1] after the last)."""
    if len(boundaries) != len(values) - 1:
        raise ValueError("The length of boundaries should be 1 less than the length of values")
    with name_scope(name, "PiecewiseConstant") as scope:
        x = convert_to_tensor(x)
        bounds = []
        for b in boundaries:
            b = convert_to_tensor(b)
            if b.dtype.base_dtype != x.dtype.base_dtype:
                b = math_ops.cast(b, x.dtype.base_dtype)
            bounds.append(b)
        vals = [convert_to_tensor(v) for v in values]
        for v in vals[1:]:
            if v.dtype.base_dtype != vals[0].dtype.base_dtype:
                raise ValueError("Values must have elements all with the same dtype (%s vs %s)."
                                 % (vals[0].dtype.base_dtype.name, v.dtype.base_dtype.name))
        result = vals[-1]
        for b, v in reversed(list(zip(bounds, vals[:-1]))):
            result = array_ops.where(math_ops.less_equal(x, b), v, result)
        return array_ops.identity(result, name=scope)


piecewise_constant_decay = piecewise_constant


def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None) -> Tensor:
    """`lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)`."""
    _need_step(global_step, "cosine_decay")
    with name_scope(name, "CosineDecay") as scope:
        lr, dtype, step, steps = _common(learning_rate, global_step, decay_steps)
        step = math_ops.minimum(step, steps)
        fraction = step / steps
        cosine = 0.5 * (1.0 + math_ops.cos(constant(math.pi, dtype=dtype) * fraction))
        decayed = (1 - alpha) * cosine + alpha
        return math_ops.multiply(lr, decayed, name=scope)


def cosine_decay_restarts(learning_rate, global_step, first_decay_steps, t_mul=2.0, m_mul=1.0,
                          alpha=0.0, name=None) -> Tensor:
    """Cosine decay with warm restarts (SGDR): period i lasts `first_decay_steps * t_mul**i`."""
    _need_step(global_step, "cosine_decay_restarts")
    with name_scope(name, "SGDRDecay") as scope:
        lr, dtype, step, first = _common(learning_rate, global_step, first_decay_steps)
        alpha_t = math_ops.cast(alpha, dtype)
        t_mul_t = math_ops.cast(t_mul, dtype)
        m_mul_t = math_ops.cast(m_mul, dtype)
        completed = step / first
        if t_mul == 1.0:
            i_restart = math_ops.floor(completed)
            completed = completed - i_restart
        else:
            i_restart = math_ops.floor(
                math_ops.log(1.0 - completed * (1.0 - t_mul_t)) / math_ops.log(t_mul_t))
            sum_r = (1.0 - t_mul_t ** i_restart) / (1.0 - t_mul_t)
            completed = (completed - sum_r) / t_mul_t ** i_restart
        m_fac = m_mul_t ** i_restart
        cosine = 0.5 * m_fac * (1.0 + math_ops.cos(constant(math.pi, dtype=dtype) * completed))
        decayed = (1 - alpha_t) * cosine + alpha_t
        return math_ops.multiply(lr, decayed, name=scope)


def linear_cosine_decay(learning_rate, global_step, decay_steps, num_periods=0.5, alpha=0.0,
                        beta=0.001, name=None) -> Tensor:
    """`lr * ((alpha + linear) * cosine + beta)` with a linear ramp to 0 and `num_periods` cosines."""
    _need_step(global_step, "linear_cosine_decay")
    with name_scope(name, "LinearCosineDecay") as scope:
        lr, dtype, step, steps = _common(learning_rate, global_step, decay_steps)
        periods = math_ops.cast(num_periods, dtype)
        alpha_t = math_ops.cast(alpha, dtype)
        beta_t = math_ops.cast(beta, dtype)
        step = math_ops.minimum(step, steps)
        linear = (steps - step) / steps
        completed = step / steps
        fraction = 2.0 * periods * completed
        cosine = 0.5 * (1.0 + math_ops.cos(constant(math.pi, dtype=dtype) * fraction))
        return math_ops.multiply(lr, (alpha_t + linear) * cosine + beta_t, name=scope)
