"""The optimizer update ops (`ApplyAdam`, `ResourceApplyAdam`, `SparseApplyAdagrad`, ...).

Each family is one NumPy update rule `rule(var, *slots, **scalars_and_grad) -> (var, *slots)`,
written in the operation order of TF's CPU kernels so float32 results match bit for bit. From a
rule four ops are registered: `Apply<X>` (ref variable; outputs the variable's ref),
`ResourceApply<X>` (resource handles; no outputs), and where TF has them `SparseApply<X>` /
`ResourceSparseApply<X>` (rows `indices` only, applied one index after another when indices repeat).
At run time the variable and slot inputs are `VariableSlot`s: kernels read them, compute the new
arrays and store them atomically through `VariableSlot.update_many`.
"""
from __future__ import annotations

import copy

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape
from ..ops import state_ops
from ..ops.op_util import make


# ------------------------------------------------------------------------------------------------
# Update rules (float arithmetic in TF's order; scalars are 0-d arrays of the variable's dtype)
# ------------------------------------------------------------------------------------------------
def _sparse_momentum(var, accum, lr, grad, momentum, use_nesterov=False):
    accum = accum * momentum + grad
    if use_nesterov:
        return var - (lr * grad + lr * momentum * accum), accum
    return var - lr * accum, accum


def _rsqrt(x):
    """Exact 1/sqrt (TF's vectorized CPU rsqrt may differ from it by an ulp or so)."""
    return 1 / np.sqrt(x)


def _sparse_adagrad(var, accum, lr, grad, update_slots=True):
    if update_slots:
        accum = accum + np.square(grad)
    return var - lr * grad * _rsqrt(accum), accum


def _centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
    ms = ms + (np.square(grad) - ms) * (1 - rho)
    mg = mg + (grad - mg) * (1 - rho)
    denom = (ms - np.square(mg)) + epsilon
    mom = mom * momentum + (grad * lr) / np.sqrt(denom)
    return var - mom, mg, ms, mom


def _sparse_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad):
    ms = ms * rho + np.square(grad) * (1 - rho)
    mom = mom * momentum + _rsqrt(ms + epsilon) * lr * grad
    return var - mom, ms, mom


def _sparse_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
    ms = ms * rho + np.square(grad) * (1 - rho)
    mg = mg * rho + grad * (1 - rho)
    denom = ms + epsilon - np.square(mg)
    mom = mom * momentum + _rsqrt(denom) * lr * grad
    return var - mom, mg, ms, mom


def _adadelta(var, accum, accum_update, lr, rho, epsilon, grad):
    accum = accum * rho + np.square(grad) * (1 - rho)
    update = np.sqrt(accum_update + epsilon) * _rsqrt(accum + epsilon) * grad
    var = var - update * lr
    accum_update = accum_update * rho + np.square(update) * (1 - rho)
    return var, accum, accum_update


def _ftrl_core(var, accum, linear, grad, grad_for_linear, lr, l1, l2, lr_power):
    new_accum = accum + np.square(grad)
    if lr_power == -0.5:
        linear = linear + (grad_for_linear - (np.sqrt(new_accum) - np.sqrt(accum)) / lr * var)
        y = np.sqrt(new_accum) / lr + 2 * l2
    else:
        linear = linear + (grad_for_linear - (np.power(new_accum, -lr_power)
                                              - np.power(accum, -lr_power)) / lr * var)
        y = np.power(new_accum, -lr_power) / lr + 2 * l2
    x = l1 * np.sign(linear) - linear
    zero = np.zeros_like(var)
    var = np.where(np.abs(linear) > l1, x / y, zero)
    return var, new_accum, linear


def _ftrl(var, accum, linear, grad, lr, l1, l2, lr_power):
    return _ftrl_core(var, accum, linear, grad, grad, lr, l1, l2, lr_power)


def _ftrl_v2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power):
    shrunk = grad + 2 * l2_shrinkage * var
    return _ftrl_core(var, accum, linear, grad, shrunk, lr, l1, l2, lr_power)


def _adagrad_da(var, gradient_accumulator, gradient_squared_accumulator, grad, lr, l1, l2,
                global_step):
    """Dual averaging: var is recomputed from the accumulated gradients (not from its old value)."""
    g_acc = gradient_accumulator + grad
    gg_acc = gradient_squared_accumulator + np.square(grad)
    denom = l2 * (global_step * lr) + np.sqrt(gg_acc)
    if l1 > 0:
        shrunk = np.maximum(np.abs(g_acc) - global_step * l1, 0)
        return lr * -np.sign(g_acc) * shrunk / denom, g_acc, gg_acc
    return lr * g_acc * -1 / denom, g_acc, gg_acc


def _proximal_step(prox_var, step, l1, l2):
    if l1 > 0:
        shrunk = np.maximum(np.abs(prox_var) - step * l1, 0)
        return np.sign(prox_var) * shrunk / (1 + step * l2)
    return prox_var / (1 + step * l2)


def _proximal_gradient_descent(var, alpha, l1, l2, delta):
    return (_proximal_step(var - delta * alpha, alpha, l1, l2),)


def _proximal_adagrad(var, accum, lr, l1, l2, grad):
    accum = accum + np.square(grad)
    step = _rsqrt(accum) * lr
    prox_var = var - grad * step
    return _proximal_step(prox_var, step, l1, l2), accum


# ------------------------------------------------------------------------------------------------
# The common dense rules, written in place (into the variable and slot arrays, in TF's operation
# order). They run on the arrays themselves when the slots lend them (no one else holds them, see
# runtime/state.py), and on copies otherwise (`_OnCopies`): one rule, one arithmetic either way.
# ------------------------------------------------------------------------------------------------
class _OnCopies:
    """The allocating form of an in-place rule: it updates copies of the state (1-d for scalars,
    whose NumPy temporaries would be scalars) and returns them. (A class, so that it pickles for
    parameter-server tasks.)"""

    def __init__(self, in_place):
        self.in_place = in_place

    def __call__(self, *state, **named):
        copies = [np.array(x, ndmin=1) for x in state]
        self.in_place(*copies, **named)
        return tuple(c if c.shape == np.shape(x) else c.reshape(np.shape(x))
                     for c, x in zip(copies, state))


def _gradient_descent_in_place(var, alpha, delta):
    var -= delta * alpha


def _momentum_in_place(var, accum, lr, grad, momentum, use_nesterov=False):
    accum *= momentum
    accum += grad
    if use_nesterov:
        step = grad * lr
        step += accum * momentum * lr
        var -= step
    else:
        var -= accum * lr


def _adam_in_place(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad,
                   use_nesterov=False):
    alpha = lr * np.sqrt(1 - beta2_power) / (1 - beta1_power)
    step = np.subtract(grad, m)
    step *= 1 - beta1
    m += step
    np.square(grad, out=step)
    step -= v
    step *= 1 - beta2
    v += step
    denom = np.sqrt(v)
    denom += epsilon
    if use_nesterov:
        np.multiply(grad, 1 - beta1, out=step)
        step += beta1 * m
        step *= alpha
    else:
        np.multiply(m, alpha, out=step)
    step /= denom
    var -= step


def _adagrad_in_place(var, accum, lr, grad, update_slots=True):
    if update_slots:
        accum += np.square(grad)
    step = grad * lr
    step *= _rsqrt(accum)
    var -= step


def _rms_prop_in_place(var, ms, mom, lr, rho, momentum, epsilon, grad):
    step = np.square(grad)
    step -= ms
    step *= 1 - rho
    ms += step
    denom = ms + epsilon
    np.sqrt(denom, out=denom)
    np.multiply(grad, lr, out=step)
    step /= denom
    mom *= momentum
    mom += step
    var -= mom


# ------------------------------------------------------------------------------------------------
# Families: TF's input order for each op, the number of state (variable + slot) inputs, the rule
# ------------------------------------------------------------------------------------------------
class _Family:
    """One optimizer update: op inputs in TF order; the first `n_state` are variable and slots."""

    def __init__(self, name: str, inputs: tuple, n_state: int, rule=None, sparse_rule=None,
                 sparse_inputs: tuple | None = None, bool_attrs: tuple = (), in_place=None):
        self.name = name
        self.in_place = in_place
        rule = rule if rule is not None else _OnCopies(in_place)
        self.inputs = inputs
        self.n_state = n_state
        self.rule = rule
        self.sparse_rule = sparse_rule
        self.sparse_inputs = sparse_inputs
        self.bool_attrs = bool_attrs


_FAMILIES = [
    _Family("GradientDescent", ("var", "alpha", "delta"), 1,
            in_place=_gradient_descent_in_place),
    _Family("Momentum", ("var", "accum", "lr", "grad", "momentum"), 2, None, _sparse_momentum,
            ("var", "accum", "lr", "grad", "indices", "momentum"), ("use_nesterov",),
            _momentum_in_place),
    _Family("Adam", ("var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2",
                     "epsilon", "grad"), 3, bool_attrs=("use_nesterov",),
            in_place=_adam_in_place),
    _Family("Adagrad", ("var", "accum", "lr", "grad"), 2, None, _sparse_adagrad,
            ("var", "accum", "lr", "grad", "indices"), ("update_slots",), _adagrad_in_place),
    _Family("RMSProp", ("var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"), 3,
            None, _sparse_rms_prop,
            ("var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad", "indices"),
            in_place=_rms_prop_in_place),
    _Family("CenteredRMSProp", ("var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon",
                                "grad"), 4, _centered_rms_prop, _sparse_centered_rms_prop,
            ("var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad", "indices")),
    _Family("Adadelta", ("var", "accum", "accum_update", "lr", "rho", "epsilon", "grad"), 3,
            _adadelta, _adadelta,
            ("var", "accum", "accum_update", "lr", "rho", "epsilon", "grad", "indices")),
    _Family("Ftrl", ("var", "accum", "linear", "grad", "lr", "l1", "l2", "lr_power"), 3, _ftrl,
            _ftrl, ("var", "accum", "linear", "grad", "indices", "lr", "l1", "l2", "lr_power")),
    _Family("FtrlV2", ("var", "accum", "linear", "grad", "lr", "l1", "l2", "l2_shrinkage",
                       "lr_power"), 3, _ftrl_v2, _ftrl_v2,
            ("var", "accum", "linear", "grad", "indices", "lr", "l1", "l2", "l2_shrinkage",
             "lr_power")),
    _Family("ProximalGradientDescent", ("var", "alpha", "l1", "l2", "delta"), 1,
            _proximal_gradient_descent, _proximal_gradient_descent,
            ("var", "alpha", "l1", "l2", "grad", "indices")),
    _Family("ProximalAdagrad", ("var", "accum", "lr", "l1", "l2", "grad"), 2, _proximal_adagrad,
            _proximal_adagrad, ("var", "accum", "lr", "l1", "l2", "grad", "indices")),
    _Family("AdagradDA", ("var", "gradient_accumulator", "gradient_squared_accumulator", "grad",
                          "lr", "l1", "l2", "global_step"), 3, _adagrad_da, _adagrad_da,
            ("var", "gradient_accumulator", "gradient_squared_accumulator", "grad", "indices",
             "lr", "l1", "l2", "global_step")),
]
_BY_NAME = {f.name: f for f in _FAMILIES}
_GRAD_NAMES = ("grad", "delta")


# ------------------------------------------------------------------------------------------------
# Kernels
# ------------------------------------------------------------------------------------------------
def _check_dense_shapes(op_type, var, named):
    for key in _GRAD_NAMES:
        g = named.get(key)
        if g is not None and np.shape(g) != var.shape:
            raise errors.InvalidArgumentError(
                None, None, "%s: var and %s do not have the same shape: %s vs %s"
                % (op_type, key, list(var.shape), list(np.shape(g))))


def _as_scalars(named: dict, dtype) -> dict:
    return {k: np.asarray(v, dtype=dtype) for k, v in named.items()}


def _dense_kernel(family: _Family, op_type: str, returns_slot: bool):
    names = family.inputs
    n = family.n_state

    def kernel(*args, **attrs):
        state, rest = args[:n], args[n:]
        kw = {k: attrs[k] for k in family.bool_attrs if k in attrs}
        state[0].update_many(list(state), _dense_update, family.rule, op_type,
                             dict(zip(names[n:], rest)), kw, family.in_place, names[:n])
        return state[0] if returns_slot else None
    return kernel


def _dense_update(values, rule, op_type, named, kw, in_place=None, state_names=()):
    """New (var, slots...) values of a dense optimizer step; runs where the values live. When the
    values were lent writable and the family has an in-place rule, they are updated in place.
    (Splitting that update over threads was measured on 2 cores and lost: NumPy's passes right after
    the BLAS calls found no idle core.)"""
    dtype = values[0].dtype
    named = _as_scalars(named, dtype)
    _check_dense_shapes(op_type, values[0], named)
    if in_place is not None and _can_update_in_place(values):
        in_place(**dict(zip(state_names, values)), **named, **kw)
        return values
    return [np.asarray(v, dtype=dtype) for v in rule(*values, **named, **kw)]


def _can_update_in_place(values: list) -> bool:
    """Every state value lent writable and of the variable's dtype and shape, which is not a
    scalar's (NumPy computes 0-d temporaries as scalars, which cannot be written into)."""
    var = values[0]
    return var.ndim > 0 and all(v.flags.writeable and v.dtype == var.dtype and v.shape == var.shape
                                for v in values)


class _OneDnnFirst:
    """An in-place rule that runs oneDNN's version (ops/onednn_updates.py) where it can and the
    NumPy rule otherwise. (A class, so that it pickles for parameter-server tasks.)"""

    def __init__(self, name: str, numpy_rule):
        self.name = name
        self.numpy_rule = numpy_rule

    def __call__(self, *state, **inputs):
        from ..ops import onednn_updates
        if not getattr(onednn_updates, self.name)(*state, **inputs):
            self.numpy_rule(*state, **inputs)


_ONEDNN_IN_PLACE = {"Adam": _OneDnnFirst("adam_in_place", _adam_in_place),
                    "GradientDescent": _OneDnnFirst("gradient_descent_in_place",
                                                    _gradient_descent_in_place)}


def onednn_dense_kernel(op_type: str):
    """The kernel of a dense Adam or gradient-descent update op (ref or resource form) with its
    in-place update through oneDNN (ops/onednn_updates.py); None for other ops."""
    for prefix in ("ResourceApply", "Apply"):
        if op_type.startswith(prefix) and op_type[len(prefix):] in _ONEDNN_IN_PLACE:
            name = op_type[len(prefix):]
            family = copy.copy(_BY_NAME[name])
            family.in_place = _ONEDNN_IN_PLACE[name]
            family.rule = _OnCopies(family.in_place)
            kernel = _dense_kernel(family, op_type, prefix == "Apply")
            kernel.onednn = True          # for plan inspection
            return kernel
    return None


def _sparse_kernel(family: _Family, op_type: str, returns_slot: bool):
    names = family.sparse_inputs
    n = family.n_state

    def kernel(*args, **attrs):
        state, rest = args[:n], args[n:]
        kw = {k: attrs[k] for k in family.bool_attrs if k in attrs}
        named = dict(zip(names[n:], rest))
        grad_key = "delta" if "delta" in family.inputs else "grad"
        state[0].update_many(list(state), _sparse_update, family.sparse_rule, op_type, named,
                             grad_key, kw)
        return state[0] if returns_slot else None
    return kernel


def _sparse_update(values, sparse_rule, op_type, named, grad_key, kw):
    """New (var, slots...) values of a sparse optimizer step: only the indexed rows change."""
    named = dict(named)
    indices = np.asarray(named.pop("indices")).reshape(-1)
    dtype = values[0].dtype
    named = _as_scalars(named, dtype)
    grad = named.pop("grad")
    var = values[0]
    if var.ndim == 0:
        raise errors.InvalidArgumentError(None, None, "%s: var must be at least 1 dimensional"
                                          % op_type)
    if grad.shape != (len(indices),) + var.shape[1:]:
        raise errors.InvalidArgumentError(
            None, None, "%s: grad must have shape [len(indices)] + var.shape[1:] = %s, got %s"
            % (op_type, [len(indices)] + list(var.shape[1:]), list(grad.shape)))
    bad = (indices < 0) | (indices >= var.shape[0])
    if bad.any():
        raise errors.InvalidArgumentError(
            None, None, "%s: index %d at offset %d is not in [0, %d)"
            % (op_type, indices[bad][0], int(np.argmax(bad)), var.shape[0]))
    new = [v.copy() for v in values]
    if len(np.unique(indices)) == len(indices):
        rows = sparse_rule(*[v[indices] for v in new], **named, **{grad_key: grad}, **kw)
        for arr, r in zip(new, rows):
            arr[indices] = r
    else:   # repeated indices apply one after another, as TF's kernels do
        for k, i in enumerate(indices):
            rows = sparse_rule(*[v[i] for v in new], **named, **{grad_key: grad[k]}, **kw)
            for arr, r in zip(new, rows):
                arr[i] = r
    return [np.asarray(v, dtype=dtype) for v in new]


# ------------------------------------------------------------------------------------------------
# Output rules and registration
# ------------------------------------------------------------------------------------------------
def _shape_behind(t: Tensor) -> TensorShape:
    return state_ops._static_shape_of(t)


def _check_inputs(op_type: str, inputs, names, n_state: int, sparse: bool):
    var_shape = _shape_behind(inputs[0])
    var_dtype = state_ops._dtype_behind(inputs[0])
    for t, name in zip(inputs, names):
        if name == "indices":
            if t._dtype.base_dtype not in (dtypes.int32, dtypes.int64):
                raise TypeError("%s: indices must be int32 or int64, got %s"
                                % (op_type, t._dtype.base_dtype.name))
            continue
        if name == "global_step":
            if t._dtype.base_dtype != dtypes.int64:
                raise TypeError("Input 'global_step' of '%s' Op has type %s that does not match "
                                "expected type of int64." % (op_type, t._dtype.base_dtype.name))
            continue
        dt = state_ops._dtype_behind(t) if t._dtype == dtypes.resource else t._dtype.base_dtype
        if dt != var_dtype:
            raise TypeError("Input '%s' of '%s' Op has type %s that does not match type %s of "
                            "argument 'var'." % (name, op_type, dt.name, var_dtype.name))
    for t, name in list(zip(inputs, names))[1:n_state]:
        if not _shape_behind(t).is_compatible_with(var_shape):
            raise ValueError("%s: var and %s do not have the same shape: %s vs %s"
                             % (op_type, name, var_shape, _shape_behind(t)))
    for t, name in zip(inputs, names):
        if name in _GRAD_NAMES and not sparse and not t._shape.is_compatible_with(var_shape):
            raise ValueError("%s: var and %s do not have the same shape: %s vs %s"
                             % (op_type, name, var_shape, t._shape))
        if name not in _GRAD_NAMES and name != "indices" and names.index(name) >= n_state \
                and t._shape.ndims not in (None, 0):
            raise ValueError("%s: %s is not a scalar: %s" % (op_type, name, t._shape))


def _ref_rule(family: _Family, op_type: str, sparse: bool):
    names = family.sparse_inputs if sparse else family.inputs

    def rule(inputs, attrs):
        _check_inputs(op_type, inputs, names, family.n_state, sparse)
        return [(inputs[0]._dtype, inputs[0]._shape)]
    return rule


def _resource_rule(family: _Family, op_type: str, sparse: bool):
    names = family.sparse_inputs if sparse else family.inputs

    def rule(inputs, attrs):
        _check_inputs(op_type, inputs, names, family.n_state, sparse)
        return []
    return rule


def _register(family: _Family) -> None:
    ref_positions = tuple(range(family.n_state))
    kinds = [("Apply", False, True), ("ResourceApply", False, False)]
    if family.sparse_rule is not None:
        kinds += [("SparseApply", True, True), ("ResourceSparseApply", True, False)]
    for prefix, sparse, is_ref in kinds:
        op_type = prefix + family.name
        make_kernel = _sparse_kernel if sparse else _dense_kernel
        rule = (_ref_rule if is_ref else _resource_rule)(family, op_type, sparse)
        define(op_type, rule, make_kernel(family, op_type, is_ref), stateful=True,
               ref_inputs=ref_positions if is_ref else (), differentiable=False)


for _family in _FAMILIES:
    _register(_family)


# ------------------------------------------------------------------------------------------------
# Wrappers (TF's gen_training_ops signatures)
# ------------------------------------------------------------------------------------------------
def _state_input(x, what: str) -> Tensor:
    if hasattr(x, "_ref_or_handle") and not isinstance(x, Tensor):
        return x._ref_or_handle()
    if isinstance(x, Tensor) and (x._dtype._is_ref_dtype or x._dtype == dtypes.resource):
        return x
    raise TypeError("%s needs a variable (its ref tensor or resource handle), got %r" % (what, x))


def _build(prefix: str, family_name: str, args: tuple, attrs: dict, name):
    """Create `<prefix><family>` from positional inputs in TF's order."""
    family = _BY_NAME[family_name]
    sparse = prefix in ("SparseApply", "ResourceSparseApply")
    names = family.sparse_inputs if sparse else family.inputs
    op_type = prefix + family_name
    if len(args) != len(names):
        raise TypeError("%s takes %d inputs (%s), got %d" % (op_type, len(names), ", ".join(names),
                                                              len(args)))
    state = [_state_input(a, op_type) for a in args[:family.n_state]]
    resource = prefix.startswith("Resource")
    for s in state:
        if (s._dtype == dtypes.resource) != resource:
            raise TypeError("%s needs %s variables; use %s for %s variables."
                            % (op_type, "resource" if resource else "ref (non-resource)",
                               op_type[8:] if not resource else "Resource" + op_type,
                               "ref" if resource else "resource"))
    dtype = state_ops._dtype_behind(state[0])
    rest = []
    for a, n in zip(args[family.n_state:], names[family.n_state:]):
        is_tensor = isinstance(a, Tensor) or hasattr(a, "_as_graph_element")
        # tensors keep their dtype (a mismatch is a TypeError in the op's rule, as in TF)
        if n == "global_step" and not is_tensor:
            rest.append(convert_to_tensor(a, dtype=dtypes.int64))
        else:
            rest.append(convert_to_tensor(a) if n == "indices" or is_tensor
                        else convert_to_tensor(a, dtype=dtype))
    attrs = dict(attrs)
    if not resource:
        attrs.setdefault("T", dtype)
    op = make(op_type, state + rest, attrs, name=name or op_type)
    return op._outputs[0] if op._outputs else op


def _make_wrapper(prefix: str, family_name: str, bool_attrs: tuple):
    def wrapper(*args, use_locking=False, name=None, **kwargs):
        attrs = {"use_locking": bool(use_locking)}
        for k in bool_attrs:
            if k in kwargs:
                attrs[k] = bool(kwargs.pop(k))
        if kwargs:
            raise TypeError("%s%s got unexpected arguments %s" % (prefix, family_name, sorted(kwargs)))
        return _build(prefix, family_name, args, attrs, name)
    return wrapper


def _snake(name: str) -> str:
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i and (not name[i - 1].isupper() or
                                  (i + 1 < len(name) and name[i + 1].islower())):
            out.append("_")
        out.append(c.lower())
    return "".join(out)


_WRAPPERS: dict = {}
for _family in _FAMILIES:
    for _prefix in ("Apply", "ResourceApply") + (("SparseApply", "ResourceSparseApply")
                                                if _family.sparse_rule is not None else ()):
        _fn = _make_wrapper(_prefix, _family.name, _family.bool_attrs)
        _fn.__name__ = _snake(_prefix + _family.name)
        _fn.__doc__ = "The `%s%s` op: inputs %s." % (
            _prefix, _family.name,
            ", ".join(_family.sparse_inputs if _prefix.startswith(("Sparse", "ResourceSparse"))
                      else _family.inputs))
        _WRAPPERS[_fn.__name__] = _fn
globals().update(_WRAPPERS)

__all__ = sorted(_WRAPPERS)
