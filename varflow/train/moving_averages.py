"""`tf.train.ExponentialMovingAverage` and `assign_moving_average`: shadow variables
`<var>/ExponentialMovingAverage` updated as `shadow -= (1 - decay) * (shadow - value)`."""
from __future__ import annotations

from ..framework import dtypes
from ..framework.graph import (Operation, Tensor, convert_to_tensor,
                               get_default_graph, get_name_scope, name_scope)
from ..framework.graph import colocate_with as colocate
from ..framework.graph_keys import GraphKeys
from ..ops import control_flow_ops, math_ops, state_ops
from ..variables import variable_scope as vs
from ..variables.init_ops import zeros_initializer
from ..variables.variables import Variable, global_variables, init_scope, trainable_variables
from .optimizer import create_slot, create_zeros_slot

__all__ = ["ExponentialMovingAverage", "assign_moving_average"]

_FLOATS = (dtypes.bfloat16, dtypes.float16, dtypes.float32, dtypes.float64)


def assign_moving_average(variable, value, decay, zero_debias: bool = True, name=None) -> Tensor:
    """`variable -= (1 - decay) * (variable - value)`; with `zero_debias` the average is divided
    by `1 - decay ** t` (via hidden `biased` and `local_step` variables) to undo the zero start."""
    with name_scope(name, "AssignMovingAvg", [variable, value, decay]) as scope:
        one_minus_decay = convert_to_tensor(1.0 - decay, name="decay")
        if one_minus_decay.dtype != variable.dtype.base_dtype:
            one_minus_decay = math_ops.cast(one_minus_decay, variable.dtype.base_dtype)
        value = convert_to_tensor(value)
        if zero_debias:
            return _zero_debias(variable, value, one_minus_decay)
        return state_ops.assign_sub(variable, (variable - value) * one_minus_decay, name=scope)


def _unique_in_scope(name: str) -> str:
    scope = vs.get_variable_scope()
    if scope.reuse:
        return name
    existing = {v.op.name for v in scope.global_variables()}
    full = scope.name + "/" + name
    if full not in existing:
        return name
    i = 1
    while full + "_%d" % i in existing:
        i += 1
    return name + "_%d" % i


def _zero_debias(unbiased_var, value, one_minus_decay) -> Tensor:
    with vs.variable_scope(unbiased_var.name[:-2], values=[unbiased_var, value, one_minus_decay]):
        with init_scope(), colocate(unbiased_var.op):
            biased = vs.get_variable(_unique_in_scope("biased"), initializer=zeros_initializer(),
                                     shape=unbiased_var.get_shape(),
                                     dtype=unbiased_var.dtype.base_dtype, trainable=False)
            local_step = vs.get_variable(_unique_in_scope("local_step"), shape=[],
                                         dtype=unbiased_var.dtype.base_dtype,
                                         initializer=zeros_initializer(), trainable=False)
    update_biased = state_ops.assign_sub(biased, (biased - value) * one_minus_decay)
    update_local_step = local_step.assign_add(1)
    bias_factor = 1 - math_ops.pow(1.0 - one_minus_decay, update_local_step)
    return state_ops.assign(unbiased_var, update_biased / bias_factor,
                            name=get_name_scope() + "/")


class ExponentialMovingAverage:
    """Keeps shadow copies of variables (or tensors) as exponential moving averages.

    `apply(var_list)` creates the shadows and returns the op updating them; `average(var)` is the
    shadow variable and `variables_to_restore()` maps shadow names to variables for evaluation.
    """

    def __init__(self, decay, num_updates=None, zero_debias: bool = False,
                 name: str = "ExponentialMovingAverage"):
        self._decay = decay
        self._num_updates = num_updates
        self._zero_debias = zero_debias
        self._name = name
        self._averages: dict = {}

    @property
    def name(self) -> str:
        return self._name

    def apply(self, var_list=None) -> Operation:
        """Create shadow variables for `var_list` (default: trainable variables); the returned
        op moves each shadow toward the current value."""
        if var_list is None:
            var_list = trainable_variables()
        var_list = list(var_list)
        debiased: set = set()
        for var in var_list:
            if var.dtype.base_dtype not in _FLOATS:
                raise TypeError("The variables must be half, float, or double: %s" % var.name)
            if var in self._averages:
                continue
            with init_scope():
                if isinstance(var, Variable):
                    avg = create_slot(var, var.initialized_value(), self._name)
                    get_default_graph().add_to_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, var)
                else:
                    avg = create_zeros_slot(
                        var, self._name,
                        colocate_with_primary=var.op.type in ("Variable", "VariableV2",
                                                              "VarHandleOp"))
                    if self._zero_debias:
                        debiased.add(avg)
            self._averages[var] = avg
        with name_scope(self._name) as scope:
            decay = convert_to_tensor(self._decay, dtype=dtypes.float32, name="decay")
            if self._num_updates is not None:
                num_updates = math_ops.cast(self._num_updates, dtypes.float32, name="num_updates")
                decay = math_ops.minimum(decay, (1.0 + num_updates) / (10.0 + num_updates))
            updates = [assign_moving_average(self._averages[var], var, decay,
                                             zero_debias=self._averages[var] in debiased)
                       for var in var_list]
            return control_flow_ops.group(*updates, name=scope)

    def average(self, var):
        """The shadow variable of `var` (None if `apply` did not cover it)."""
        return self._averages.get(var)

    def average_name(self, var) -> str:
        """The name the shadow of `var` has (or would have): `<var op name>/<ema name>`."""
        if var in self._averages:
            return self._averages[var].name[:-2]
        return get_default_graph().unique_name(var.name[:-2] + "/" + self._name,
                                               mark_as_used=False)

    def variables_to_restore(self, moving_avg_variables=None) -> dict:
        """{checkpoint name: variable}: averaged variables restored from their shadows, the
        other global variables under their own names."""
        if moving_avg_variables is None:
            moving_avg_variables = trainable_variables() + get_default_graph().get_collection(
                GraphKeys.MOVING_AVERAGE_VARIABLES)
        unique = list(dict.fromkeys(moving_avg_variables))
        name_map = {self.average_name(v): v for v in unique}
        averaged_names = {v.name for v in unique}
        for v in global_variables():
            if v.name not in averaged_names and v.op.name not in name_map:
                name_map[v.op.name] = v
        return name_map
