"""The TF1 optimizers: GradientDescent, Momentum, Adam, Adagrad, RMSProp, Adadelta, Ftrl,
ProximalGradientDescent and ProximalAdagrad, with TF's slot names and update ops.

Hyper-parameters may be Python numbers, tensors or (where TF allows) callables returning either.
"""
from __future__ import annotations

from ..framework.graph import (colocate_with, control_dependencies, convert_to_tensor,
                               get_default_graph)
from ..framework.indexed_slices import IndexedSlices
from ..ops import array_ops, control_flow_ops, math_ops, state_ops
from ..variables import init_ops
from ..variables.variables import init_scope
from . import training_ops
from .optimizer import Optimizer

__all__ = ["GradientDescentOptimizer", "MomentumOptimizer", "AdamOptimizer", "AdagradOptimizer",
           "AdagradDAOptimizer", "RMSPropOptimizer", "AdadeltaOptimizer", "FtrlOptimizer",
           "ProximalGradientDescentOptimizer", "ProximalAdagradOptimizer"]


def _cast(t, var):
    return math_ops.cast(t, var.dtype.base_dtype)


def _resource_scatter_add(handle, indices, updates):
    return state_ops.scatter_add(handle, indices, updates)


class GradientDescentOptimizer(Optimizer):
    """`var -= learning_rate * grad`."""

    def __init__(self, learning_rate, use_locking: bool = False, name: str = "GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._learning_rate_tensor = None

    def _prepare(self):
        lr = self._call_if_callable(self._learning_rate)
        self._learning_rate_tensor = convert_to_tensor(lr, name="learning_rate")

    def _apply_dense(self, grad, var):
        return training_ops.apply_gradient_descent(
            var, _cast(self._learning_rate_tensor, var), grad, use_locking=self._use_locking).op

    def _resource_apply_dense(self, grad, handle):
        return training_ops.resource_apply_gradient_descent(
            handle, _cast(self._learning_rate_tensor, handle), grad, use_locking=self._use_locking)

    def _resource_apply_sparse_duplicate_indices(self, grad, handle, indices):
        return _resource_scatter_add(handle, indices, -grad * _cast(self._learning_rate_tensor, handle))

    def _apply_sparse_duplicate_indices(self, grad, var):
        delta = IndexedSlices(grad.values * _cast(self._learning_rate_tensor, var), grad.indices,
                              grad.dense_shape)
        return var.scatter_sub(delta, use_locking=self._use_locking)


class MomentumOptimizer(Optimizer):
    """`accum = momentum * accum + grad; var -= lr * accum` (Nesterov: `var -= lr * (grad +
    momentum * accum)`). Slot: 'momentum' (`<var>/Momentum`)."""

    def __init__(self, learning_rate, momentum, use_locking: bool = False, name: str = "Momentum",
                 use_nesterov: bool = False):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._momentum = momentum
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._call_if_callable(self._learning_rate),
                                                       name="learning_rate")
        self._momentum_tensor = convert_to_tensor(self._call_if_callable(self._momentum),
                                                  name="momentum")

    def _args(self, var):
        return _cast(self._learning_rate_tensor, var), _cast(self._momentum_tensor, var)

    def _apply_dense(self, grad, var):
        lr, mom = self._args(var)
        return training_ops.apply_momentum(var, self.get_slot(var, "momentum"), lr, grad, mom,
                                           use_locking=self._use_locking,
                                           use_nesterov=self._use_nesterov).op

    def _resource_apply_dense(self, grad, var):
        lr, mom = self._args(var)
        return training_ops.resource_apply_momentum(var, self.get_slot(var, "momentum"), lr, grad,
                                                    mom, use_locking=self._use_locking,
                                                    use_nesterov=self._use_nesterov)

    def _apply_sparse(self, grad, var):
        lr, mom = self._args(var)
        return training_ops.sparse_apply_momentum(var, self.get_slot(var, "momentum"), lr,
                                                  grad.values, grad.indices, mom,
                                                  use_locking=self._use_locking,
                                                  use_nesterov=self._use_nesterov).op

    def _resource_apply_sparse(self, grad, var, indices):
        lr, mom = self._args(var)
        return training_ops.resource_sparse_apply_momentum(var, self.get_slot(var, "momentum"), lr,
                                                           grad, indices, mom,
                                                           use_locking=self._use_locking,
                                                           use_nesterov=self._use_nesterov)


class AdamOptimizer(Optimizer):
    """Adam (Kingma & Ba): slots 'm' and 'v' (`<var>/Adam`, `<var>/Adam_1`) and the non-slot
    variables `beta1_power`, `beta2_power` made next to the first variable by name."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking: bool = False, name: str = "Adam"):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._beta1 = beta1
        self._beta2 = beta2
        self._epsilon = epsilon
        self._lr_t = self._beta1_t = self._beta2_t = self._epsilon_t = None

    def _get_beta_accumulators(self):
        with init_scope():
            graph = get_default_graph()
            return (self._get_non_slot_variable("beta1_power", graph=graph),
                    self._get_non_slot_variable("beta2_power", graph=graph))

    def _create_slots(self, var_list):
        first_var = min(var_list, key=lambda x: x.name)
        self._create_non_slot_variable(initial_value=self._beta1, name="beta1_power",
                                       colocate_with=first_var)
        self._create_non_slot_variable(initial_value=self._beta2, name="beta2_power",
                                       colocate_with=first_var)
        for v in var_list:
            self._zeros_slot(v, "m", self._name)
            self._zeros_slot(v, "v", self._name)

    def _prepare(self):
        self._lr_t = convert_to_tensor(self._call_if_callable(self._lr), name="learning_rate")
        self._beta1_t = convert_to_tensor(self._call_if_callable(self._beta1), name="beta1")
        self._beta2_t = convert_to_tensor(self._call_if_callable(self._beta2), name="beta2")
        self._epsilon_t = convert_to_tensor(self._call_if_callable(self._epsilon), name="epsilon")

    def _args(self, var):
        beta1_power, beta2_power = self._get_beta_accumulators()
        return (_cast(beta1_power, var), _cast(beta2_power, var), _cast(self._lr_t, var),
                _cast(self._beta1_t, var), _cast(self._beta2_t, var), _cast(self._epsilon_t, var))

    def _apply_dense(self, grad, var):
        return training_ops.apply_adam(var, self.get_slot(var, "m"), self.get_slot(var, "v"),
                                       *self._args(var), grad, use_locking=self._use_locking).op

    def _resource_apply_dense(self, grad, var):
        return training_ops.resource_apply_adam(var, self.get_slot(var, "m"),
                                                self.get_slot(var, "v"), *self._args(var), grad,
                                                use_locking=self._use_locking)

    def _apply_sparse_shared(self, grad, var, indices, scatter_add):
        """TF's sparse Adam: decay all of m and v, add the rows' contributions, update all of var."""
        beta1_power, beta2_power, lr_t, beta1_t, beta2_t, epsilon_t = self._args(var)
        lr = lr_t * math_ops.sqrt(1 - beta2_power) / (1 - beta1_power)
        m = self.get_slot(var, "m")
        m_scaled_g_values = grad * (1 - beta1_t)
        m_t = state_ops.assign(m, m * beta1_t, use_locking=self._use_locking)
        with control_dependencies([m_t]):
            m_t = scatter_add(m, indices, m_scaled_g_values)
        v = self.get_slot(var, "v")
        v_scaled_g_values = (grad * grad) * (1 - beta2_t)
        v_t = state_ops.assign(v, v * beta2_t, use_locking=self._use_locking)
        with control_dependencies([v_t]):
            v_t = scatter_add(v, indices, v_scaled_g_values)
        v_sqrt = math_ops.sqrt(v_t)
        var_update = state_ops.assign_sub(var, lr * m_t / (v_sqrt + epsilon_t),
                                          use_locking=self._use_locking)
        return control_flow_ops.group(*[var_update, m_t, v_t])

    def _apply_sparse(self, grad, var):
        return self._apply_sparse_shared(
            grad.values, var, grad.indices,
            lambda x, i, v: state_ops.scatter_add(x, i, v, use_locking=self._use_locking))

    def _resource_apply_sparse(self, grad, var, indices):
        def scatter_add(x, i, v):
            with control_dependencies([_resource_scatter_add(x.handle, i, v)]):
                return x.value()
        return self._apply_sparse_shared(grad, var, indices, scatter_add)

    def _finish(self, update_ops, name_scope):
        with control_dependencies(update_ops):
            beta1_power, beta2_power = self._get_beta_accumulators()
            with colocate_with(beta1_power.op):
                update_beta1 = beta1_power.assign(beta1_power * self._beta1_t,
                                                  use_locking=self._use_locking)
                update_beta2 = beta2_power.assign(beta2_power * self._beta2_t,
                                                  use_locking=self._use_locking)
        return control_flow_ops.group(*update_ops + [update_beta1, update_beta2], name=name_scope)


class AdagradOptimizer(Optimizer):
    """`accum += grad**2; var -= lr * grad / sqrt(accum)`. Slot 'accumulator' (`<var>/Adagrad`)."""

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking: bool = False,
                 name: str = "Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value

    def _create_slots(self, var_list):
        for v in var_list:
            dtype = v.dtype.base_dtype
            if v.get_shape().is_fully_defined():
                init = init_ops.constant_initializer(self._initial_accumulator_value, dtype=dtype)
                self._get_or_make_slot_with_initializer(v, init, v.get_shape(), dtype,
                                                        "accumulator", self._name)
            else:
                with colocate_with(v.op):
                    val = array_ops.fill(array_ops.shape(v.initialized_value()),
                                         math_ops.cast(self._initial_accumulator_value, dtype))
                self._get_or_make_slot(v, val, "accumulator", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._call_if_callable(self._learning_rate),
                                                       name="learning_rate")

    def _apply_dense(self, grad, var):
        return training_ops.apply_adagrad(var, self.get_slot(var, "accumulator"),
                                          _cast(self._learning_rate_tensor, var), grad,
                                          use_locking=self._use_locking).op

    def _resource_apply_dense(self, grad, var):
        return training_ops.resource_apply_adagrad(var, self.get_slot(var, "accumulator"),
                                                   _cast(self._learning_rate_tensor, var), grad,
                                                   use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        return training_ops.sparse_apply_adagrad(var, self.get_slot(var, "accumulator"),
                                                 _cast(self._learning_rate_tensor, var),
                                                 grad.values, grad.indices,
                                                 use_locking=self._use_locking).op

    def _resource_apply_sparse(self, grad, var, indices):
        return training_ops.resource_sparse_apply_adagrad(var, self.get_slot(var, "accumulator"),
                                                          _cast(self._learning_rate_tensor, var),
                                                          grad, indices,
                                                          use_locking=self._use_locking)


class _TrainingOpOptimizer(Optimizer):
    """An optimizer whose four update paths call one training-op family through `_update(prefix,
    var, grad[, indices])` (prefixes apply_, resource_apply_, sparse_apply_, ...)."""

    def _apply_dense(self, grad, var):
        return self._update("apply_", var, grad).op

    def _resource_apply_dense(self, grad, var):
        return self._update("resource_apply_", var, grad)

    def _apply_sparse(self, grad, var):
        return self._update("sparse_apply_", var, grad.values, grad.indices).op

    def _resource_apply_sparse(self, grad, var, indices):
        return self._update("resource_sparse_apply_", var, grad, indices)


class RMSPropOptimizer(_TrainingOpOptimizer):
    """RMSProp: slots 'rms' (ones), 'mg' (centered only) and 'momentum' (`<var>/RMSProp`,
    `<var>/RMSProp_1`, `<var>/RMSProp_2` in that creation order)."""

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10,
                 use_locking: bool = False, centered: bool = False, name: str = "RMSProp"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._decay = decay
        self._momentum = momentum
        self._epsilon = epsilon
        self._centered = centered

    def _create_slots(self, var_list):
        for v in var_list:
            if v.get_shape().is_fully_defined():
                init_rms = init_ops.ones_initializer(dtype=v.dtype.base_dtype)
                self._get_or_make_slot_with_initializer(v, init_rms, v.get_shape(),
                                                        v.dtype.base_dtype, "rms", self._name)
            else:
                self._get_or_make_slot(v, array_ops.ones_like(v.initialized_value()), "rms",
                                       self._name)
            if self._centered:
                self._zeros_slot(v, "mg", self._name)
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._call_if_callable(self._learning_rate),
                                                       name="learning_rate")
        self._decay_tensor = convert_to_tensor(self._call_if_callable(self._decay), name="decay")
        self._momentum_tensor = convert_to_tensor(self._call_if_callable(self._momentum),
                                                  name="momentum")
        self._epsilon_tensor = convert_to_tensor(self._call_if_callable(self._epsilon),
                                                 name="epsilon")

    def _hyper(self, var):
        return (_cast(self._learning_rate_tensor, var), _cast(self._decay_tensor, var),
                _cast(self._momentum_tensor, var), _cast(self._epsilon_tensor, var))

    def _update(self, prefix: str, var, grad, indices=None):
        family = "centered_rms_prop" if self._centered else "rms_prop"
        fn = getattr(training_ops, prefix + family)
        state = [var] + ([self.get_slot(var, "mg")] if self._centered else []) + \
            [self.get_slot(var, "rms"), self.get_slot(var, "momentum")]
        tail = [grad] if indices is None else [grad, indices]
        return fn(*state, *self._hyper(var), *tail, use_locking=self._use_locking)


class AdadeltaOptimizer(_TrainingOpOptimizer):
    """Adadelta (Zeiler): slots 'accum' and 'accum_update' (`<var>/Adadelta`, `<var>/Adadelta_1`)."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking: bool = False,
                 name: str = "Adadelta"):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._rho = rho
        self._epsilon = epsilon

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "accum", self._name)
            self._zeros_slot(v, "accum_update", self._name)

    def _prepare(self):
        self._lr_t = convert_to_tensor(self._call_if_callable(self._lr), name="lr")
        self._rho_t = convert_to_tensor(self._call_if_callable(self._rho), name="rho")
        self._epsilon_t = convert_to_tensor(self._call_if_callable(self._epsilon), name="epsilon")

    def _update(self, prefix: str, var, grad, indices=None):
        fn = getattr(training_ops, prefix + "adadelta")
        tail = [grad] if indices is None else [grad, indices]
        return fn(var, self.get_slot(var, "accum"), self.get_slot(var, "accum_update"),
                  _cast(self._lr_t, var), _cast(self._rho_t, var), _cast(self._epsilon_t, var),
                  *tail, use_locking=self._use_locking)


class FtrlOptimizer(_TrainingOpOptimizer):
    """FTRL-Proximal (McMahan et al.): slots 'accum' and 'linear' (`<var>/Ftrl`, `<var>/Ftrl_1`)."""

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking: bool = False, name: str = "Ftrl", accum_name=None, linear_name=None,
                 l2_shrinkage_regularization_strength=0.0, beta=None):
        super().__init__(use_locking, name)
        for value, what, allow in (
                (initial_accumulator_value, "initial_accumulator_value", "positive or zero"),
                (l1_regularization_strength, "l1_regularization_strength", "positive or zero"),
                (l2_regularization_strength, "l2_regularization_strength", "positive or zero"),
                (l2_shrinkage_regularization_strength, "l2_shrinkage_regularization_strength",
                 "positive or zero")):
            if value < 0.0:
                raise ValueError("%s %f needs to be %s" % (what, value, allow))
        if learning_rate_power > 0.0:
            raise ValueError("learning_rate_power %f needs to be negative or zero"
                             % learning_rate_power)
        self._learning_rate = learning_rate
        self._learning_rate_power = learning_rate_power
        self._initial_accumulator_value = initial_accumulator_value
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength
        self._beta = 0.0 if beta is None else beta
        self._l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self._accum_name = accum_name
        self._linear_name = linear_name

    def _create_slots(self, var_list):
        value = self._initial_accumulator_value

        def accum_initializer(shape, dtype=None, partition_info=None):
            return array_ops.ones(shape=shape, dtype=dtype) * value

        for v in var_list:
            self._get_or_make_slot_with_initializer(v, accum_initializer, v.shape,
                                                    v.dtype.base_dtype, "accum",
                                                    self._accum_name or self._name)
            self._zeros_slot(v, "linear", self._linear_name or self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate, name="learning_rate")
        self._l1_regularization_strength_tensor = convert_to_tensor(
            self._l1_regularization_strength, name="l1_regularization_strength")
        adjusted = self._l2_regularization_strength + self._beta / (
            2. * math_ops.maximum(self._learning_rate, 1e-36))
        self._adjusted_l2_regularization_strength_tensor = convert_to_tensor(
            adjusted, name="adjusted_l2_regularization_strength")
        self._beta_tensor = convert_to_tensor(self._beta, name="beta")
        self._l2_shrinkage_regularization_strength_tensor = convert_to_tensor(
            self._l2_shrinkage_regularization_strength,
            name="l2_shrinkage_regularization_strength")
        self._learning_rate_power_tensor = convert_to_tensor(self._learning_rate_power,
                                                             name="learning_rate_power")

    def _update(self, prefix: str, var, grad, indices=None):
        shrink = self._l2_shrinkage_regularization_strength > 0.0
        fn = getattr(training_ops, prefix + ("ftrl_v2" if shrink else "ftrl"))
        head = [var, self.get_slot(var, "accum"), self.get_slot(var, "linear"), grad]
        if indices is not None:
            head.append(indices)
        hyper = [self._learning_rate_tensor, self._l1_regularization_strength_tensor,
                 self._adjusted_l2_regularization_strength_tensor]
        if shrink:
            hyper.append(self._l2_shrinkage_regularization_strength_tensor)
        hyper.append(self._learning_rate_power_tensor)
        return fn(*head, *[_cast(h, var) for h in hyper], use_locking=self._use_locking)


class _ProximalOptimizer(_TrainingOpOptimizer):
    """Shared by the proximal optimizers: learning rate and L1/L2 strengths as tensors, and one
    training-op family (`_family`) called with the variable's slots (`_slot_names`)."""

    _family = ""
    _slot_names: tuple = ()

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate, name="learning_rate")
        self._l1_regularization_strength_tensor = convert_to_tensor(
            self._l1_regularization_strength, name="l1_regularization_strength")
        self._l2_regularization_strength_tensor = convert_to_tensor(
            self._l2_regularization_strength, name="l2_regularization_strength")

    def _hyper(self, var):
        return [_cast(t, var) for t in (self._learning_rate_tensor,
                                        self._l1_regularization_strength_tensor,
                                        self._l2_regularization_strength_tensor)]

    def _update(self, prefix: str, var, grad, indices=None):
        fn = getattr(training_ops, prefix + self._family)
        slots = [self.get_slot(var, name) for name in self._slot_names]
        tail = [grad] if indices is None else [grad, indices]
        return fn(var, *slots, *self._hyper(var), *tail, use_locking=self._use_locking)


class ProximalGradientDescentOptimizer(_ProximalOptimizer):
    """Gradient descent followed by the L1/L2 proximal step (FOBOS)."""

    _family = "proximal_gradient_descent"

    def __init__(self, learning_rate, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, use_locking: bool = False,
                 name: str = "ProximalGradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength


class ProximalAdagradOptimizer(_ProximalOptimizer):
    """Adagrad with the L1/L2 proximal step. Slot 'accumulator' (`<var>/ProximalAdagrad`)."""

    _family = "proximal_adagrad"
    _slot_names = ("accumulator",)

    def __init__(self, learning_rate, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking: bool = False, name: str = "ProximalAdagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength

    def _create_slots(self, var_list):
        from ..ops.constant_op import constant

        for v in var_list:
            with colocate_with(v.op):
                val = constant(self._initial_accumulator_value, shape=v.get_shape(),
                               dtype=v.dtype.base_dtype)
            self._get_or_make_slot(v, val, "accumulator", self._name)


class AdagradDAOptimizer(_TrainingOpOptimizer):
    """Adagrad dual averaging: the variable is recomputed each step from the accumulated gradients,
    scaled by the global step (which the caller must increment, e.g. `minimize(global_step=...)`).
    Slots 'gradient_accumulator' and 'gradient_squared_accumulator' (`<var>/AdagradDA`,
    `<var>/AdagradDA_1`)."""

    def __init__(self, learning_rate, global_step, initial_gradient_squared_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking: bool = False, name: str = "AdagradDA"):
        if initial_gradient_squared_accumulator_value <= 0.0:
            raise ValueError("initial_gradient_squared_accumulator_value must be positive: %s"
                             % initial_gradient_squared_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_gradient_squared_accumulator_value = \
            initial_gradient_squared_accumulator_value
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength
        self._global_step = global_step
        self._global_step_on_worker = None

    def _create_slots(self, var_list):
        from ..ops.constant_op import constant

        for v in var_list:
            with colocate_with(v.op):
                g_acc = constant(0.0, shape=v.get_shape(), dtype=v.dtype.base_dtype)
                gg_acc = constant(self._initial_gradient_squared_accumulator_value,
                                  shape=v.get_shape(), dtype=v.dtype.base_dtype)
            self._get_or_make_slot(v, g_acc, "gradient_accumulator", self._name)
            self._get_or_make_slot(v, gg_acc, "gradient_squared_accumulator", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate, name="learning_rate")
        # the step the update is for: the global step before its increment, plus one
        with colocate_with(self._learning_rate_tensor.op):
            self._global_step_on_worker = array_ops.identity(self._global_step) + 1

    def _update(self, prefix: str, var, grad, indices=None):
        fn = getattr(training_ops, prefix + "adagrad_da")
        head = [var, self.get_slot(var, "gradient_accumulator"),
                self.get_slot(var, "gradient_squared_accumulator"), grad]
        if indices is not None:
            head.append(indices)
        global_step = array_ops.identity(self._global_step_on_worker)
        hyper = [_cast(h, var) for h in (self._learning_rate_tensor,
                                         self._l1_regularization_strength,
                                         self._l2_regularization_strength)]
        return fn(*head, *hyper, global_step, use_locking=self._use_locking)
