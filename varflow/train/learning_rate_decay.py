"""TF1 learning-rate schedules (`tf.train.exponential_decay`, `piecewise_constant`, ...): graph ops
of the global step, computed in the learning rate's dtype, made in TF's order (so their names are
TF's: `ExponentialDecay`, `CosineDecay/Mul_3`, `PiecewiseConstant/case/cond/Merge`, ...)."""
from __future__ import annotations

import math

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..ops import array_ops, control_flow_ops, math_ops, random_ops
from ..ops.constant_op import constant

__all__ = ["exponential_decay", "piecewise_constant", "piecewise_constant_decay",
           "polynomial_decay", "natural_exp_decay", "inverse_time_decay", "cosine_decay",
           "cosine_decay_restarts", "linear_cosine_decay", "noisy_linear_cosine_decay"]


def _step(global_step, dtype, fn: str) -> Tensor:
    """The global step cast to the learning rate's dtype. A missing step is a ValueError raised
    inside the schedule's name scope (as in TF, whose scope name is then taken)."""
    if global_step is None:
        raise ValueError("global_step is required for %s: pass the step tensor, e.g. "
                         "tf.train.get_or_create_global_step()." % fn)
    return math_ops.cast(global_step, dtype)


def _initial(learning_rate) -> Tensor:
    return convert_to_tensor(learning_rate, name="initial_learning_rate")


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase: bool = False,
                      name=None) -> Tensor:
    """`lr * decay_rate ** (global_step / decay_steps)` (floored exponent when staircase)."""
    with name_scope(name, "ExponentialDecay") as scope:
        lr = _initial(learning_rate)
        dtype = lr.dtype
        steps = math_ops.cast(decay_steps, dtype)
        rate = math_ops.cast(decay_rate, dtype)
        p = _step(global_step, dtype, "exponential_decay") / steps
        if staircase:
            p = math_ops.floor(p)
        return math_ops.multiply(lr, math_ops.pow(rate, p), name=scope)


def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase: bool = False,
                      name=None) -> Tensor:
    """`lr * exp(-decay_rate * global_step / decay_steps)` (as TF: exponential decay with rate
    exp(-decay_rate))."""
    rate = math_ops.exp(math_ops.negative(decay_rate))     # a Python rate becomes `Neg/x`
    return exponential_decay(learning_rate, global_step, decay_steps, rate, staircase=staircase,
                             name=name)


def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase: bool = False,
                       name=None) -> Tensor:
    """`lr / (1 + decay_rate * global_step / decay_steps)`."""
    with name_scope(name, "InverseTimeDecay") as scope:
        lr = _initial(learning_rate)
        dtype = lr.dtype
        steps = math_ops.cast(decay_steps, dtype)
        rate = math_ops.cast(decay_rate, dtype)
        p = _step(global_step, dtype, "inverse_time_decay") / steps
        if staircase:
            p = math_ops.floor(p)
        denom = math_ops.add(math_ops.cast(constant(1), dtype), math_ops.multiply(rate, p))
        return math_ops.divide(lr, denom, name=scope)


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0,
                     cycle: bool = False, name=None) -> Tensor:
    """`(lr - end) * (1 - step / decay_steps) ** power + end`, step capped (or cycled)."""
    with name_scope(name, "PolynomialDecay") as scope:
        lr = _initial(learning_rate)
        dtype = lr.dtype
        end = math_ops.cast(end_learning_rate, dtype)
        power_t = math_ops.cast(power, dtype)
        step = _step(global_step, dtype, "polynomial_decay")
        steps = math_ops.cast(decay_steps, dtype)
        if cycle:
            multiplier = array_ops.where_v2(math_ops.equal(step, 0), 1.0,
                                            math_ops.ceil(step / decay_steps))
            steps = math_ops.multiply(steps, multiplier)
        else:
            step = math_ops.minimum(step, steps)
        p = math_ops.divide(step, steps)
        return math_ops.add(math_ops.multiply(lr - end, math_ops.pow(1 - p, power_t)), end,
                            name=scope)


def piecewise_constant(x, boundaries, values, name=None) -> Tensor:
    """`values[i]` where `boundaries[i-1] < x <= boundaries[i]` (values[0] up to the first
    boundary, values[-1] after the last), as TF: a `tf.case` under `PiecewiseConstant/`.
    Boundaries must have x's dtype (int32 ones are promoted for an int64 x)."""
    if len(boundaries) != len(values) - 1:
        raise ValueError("The length of boundaries should be 1 less than the length of values")
    bounds = [convert_to_tensor(b) for b in boundaries]
    vals = [convert_to_tensor(v) for v in values]
    x = convert_to_tensor(x)
    x_dtype = x.dtype.base_dtype
    for i, b in enumerate(bounds):
        if b.dtype.base_dtype == x_dtype:
            continue
        if b.dtype.base_dtype == dtypes.int32 and x_dtype == dtypes.int64:
            bounds[i] = math_ops.cast(b, x_dtype)
        else:
            raise ValueError("Boundaries (%s) must have the same dtype as x (%s); write them as "
                             "%s values." % (b.dtype.base_dtype.name, x_dtype.name, x_dtype.name))
    for v in vals[1:]:
        if v.dtype.base_dtype != vals[0].dtype.base_dtype:
            raise ValueError("Values must have elements all with the same dtype (%s vs %s)."
                             % (vals[0].dtype.base_dtype.name, v.dtype.base_dtype.name))
    with name_scope(name, "PiecewiseConstant"):
        pairs = [(math_ops.less_equal(x, bounds[0]), lambda: vals[0]),
                 (math_ops.greater(x, bounds[-1]), lambda: vals[-1])]
        for low, high, v in zip(bounds[:-1], bounds[1:], vals[1:-1]):
            pred = math_ops.greater(x, low) & math_ops.less_equal(x, high)   # TF's op: `and`
            pairs.append((pred, lambda v=v: v))
        return control_flow_ops.case(pairs, lambda: vals[0], exclusive=True)


piecewise_constant_decay = piecewise_constant


def _cosine(fraction) -> Tensor:
    """`0.5 * (1 + cos(pi * fraction))`; pi is a float32 constant as in TF (so a float64
    learning rate is a TypeError there and here)."""
    return 0.5 * (1.0 + math_ops.cos(constant(math.pi) * fraction))


def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None) -> Tensor:
    """`lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)`."""
    with name_scope(name, "CosineDecay"):
        lr = _initial(learning_rate)
        dtype = lr.dtype
        steps = math_ops.cast(decay_steps, dtype)
        step = math_ops.minimum(_step(global_step, dtype, "cosine_decay"), steps)
        decayed = (1 - alpha) * _cosine(step / steps) + alpha
        return math_ops.multiply(lr, decayed)


def cosine_decay_restarts(learning_rate, global_step, first_decay_steps, t_mul=2.0, m_mul=1.0,
                          alpha=0.0, name=None) -> Tensor:
    """Cosine decay with warm restarts (SGDR): period i lasts `first_decay_steps * t_mul**i`."""
    with name_scope(name, "SGDRDecay") as scope:
        lr = _initial(learning_rate)
        dtype = lr.dtype
        first = math_ops.cast(first_decay_steps, dtype)
        alpha_t = math_ops.cast(alpha, dtype)
        t_mul_t = math_ops.cast(t_mul, dtype)
        m_mul_t = math_ops.cast(m_mul, dtype)
        completed = _step(global_step, dtype, "cosine_decay_restarts") / first

        def restarts(geometric: bool):
            if geometric:
                i_restart = math_ops.floor(
                    math_ops.log(1.0 - completed * (1.0 - t_mul_t)) / math_ops.log(t_mul_t))
                sum_r = (1.0 - t_mul_t ** i_restart) / (1.0 - t_mul_t)
                return i_restart, (completed - sum_r) / t_mul_t ** i_restart
            i_restart = math_ops.floor(completed)
            return i_restart, completed - i_restart

        i_restart, fraction = control_flow_ops.cond(math_ops.equal(t_mul_t, 1.0),
                                                    lambda: restarts(False),
                                                    lambda: restarts(True))
        cosine = 0.5 * m_mul_t ** i_restart * (1.0 + math_ops.cos(constant(math.pi) * fraction))
        decayed = (1 - alpha_t) * cosine + alpha_t
        return math_ops.multiply(lr, decayed, name=scope)


def linear_cosine_decay(learning_rate, global_step, decay_steps, num_periods=0.5, alpha=0.0,
                        beta=0.001, name=None) -> Tensor:
    """`lr * ((alpha + linear) * cosine + beta)` with a linear ramp to 0 and `num_periods` cosines."""
    with name_scope(name, "LinearCosineDecay") as scope:
        lr = _initial(learning_rate)
        dtype = lr.dtype
        steps = math_ops.cast(decay_steps, dtype)
        periods = math_ops.cast(num_periods, dtype)
        alpha_t = math_ops.cast(alpha, dtype)
        beta_t = math_ops.cast(beta, dtype)
        step = math_ops.minimum(_step(global_step, dtype, "linear_cosine_decay"), steps)
        linear = (steps - step) / steps
        completed_fraction = step / steps
        cosine = _cosine(2.0 * periods * completed_fraction)
        return math_ops.multiply(lr, (alpha_t + linear) * cosine + beta_t, name=scope)


def noisy_linear_cosine_decay(learning_rate, global_step, decay_steps, initial_variance=1.0,
                              variance_decay=0.55, num_periods=0.5, alpha=0.0, beta=0.001,
                              name=None) -> Tensor:
    """linear_cosine_decay with normal noise added to the linear ramp, its variance
    `initial_variance / (1 + step) ** variance_decay`."""
    with name_scope(name, "NoisyLinearCosineDecay") as scope:
        lr = _initial(learning_rate)
        dtype = lr.dtype
        steps = math_ops.cast(decay_steps, dtype)
        variance0 = math_ops.cast(initial_variance, dtype)
        variance_decay_t = math_ops.cast(variance_decay, dtype)
        periods = math_ops.cast(num_periods, dtype)
        alpha_t = math_ops.cast(alpha, dtype)
        beta_t = math_ops.cast(beta, dtype)
        step = math_ops.minimum(_step(global_step, dtype, "noisy_linear_cosine_decay"), steps)
        linear = (steps - step) / steps
        std = math_ops.sqrt(variance0 / math_ops.pow(1.0 + step, variance_decay_t))
        noisy = linear + random_ops.random_normal(linear.shape, stddev=std)
        completed_fraction = step / steps
        cosine = _cosine(2.0 * periods * completed_fraction)
        return math_ops.multiply(lr, (alpha_t + noisy) * cosine + beta_t, name=scope)
