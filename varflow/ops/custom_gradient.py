"""`tf.custom_gradient` in graph mode: a function's outputs pass through one IdentityN whose gradient
is the user's `grad_fn` (registered under a fresh name and mapped with `gradient_override_map`).

As in TF, variables the function reads that are not among its inputs must be differentiated by
`grad_fn(*grad_ys, variables=...)`, which returns `(input_grads, variable_grads)`.
"""
from __future__ import annotations

import functools
import inspect
import itertools

from ..framework.graph import convert_to_tensor, get_default_graph
from ..gradients import RegisterGradient
from .control_flow_ops import _flatten, _pack
from ..variables.variables import Variable

__all__ = ["custom_gradient"]

_IDS = itertools.count()


def _variables_read(graph, start: int, inputs: list) -> list:
    """The variables the ops created since `start` read (ref reads and ReadVariableOp handles),
    in first-use order, excluding those passed as inputs."""
    by_tensor = {}
    for key in ("variables", "local_variables", "trainable_variables"):
        for v in graph.get_collection(key):
            if isinstance(v, Variable):
                by_tensor.setdefault(v._ref_or_handle(), v)
                by_tensor.setdefault(v.value(), v)       # a ref variable's `<name>/read`
    found: list = []
    for op in graph._ops[start:]:
        for t in op._inputs:
            v = by_tensor.get(t)
            if v is not None and v not in found and all(t is not a for a in inputs):
                found.append(v)
    return found


def custom_gradient(f=None):
    """`@tf.custom_gradient`: `f(*args)` returns `(outputs, grad_fn)`; gradients of the outputs
    flow to `args` (and to the variables `f` uses) through `grad_fn` instead of `f`'s ops."""
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        if kwargs:
            raise ValueError("The custom_gradient decorator currently supports keywords arguments "
                             "only when eager execution is enabled.")
        graph = get_default_graph()
        args = [convert_to_tensor(a) for a in args]
        start = len(graph._ops)
        result, grad_fn = f(*args)
        flat_result = [convert_to_tensor(t) for t in _flatten(result)]
        variables = _variables_read(graph, start, args)
        takes_variables = "variables" in inspect.signature(grad_fn).parameters or any(
            p.kind == p.VAR_KEYWORD for p in inspect.signature(grad_fn).parameters.values())
        if variables and not takes_variables:
            raise TypeError("@tf.custom_gradient grad_fn must accept keyword argument 'variables', "
                            "since function uses variables: %s" % (variables,))
        n_out, n_args = len(flat_result), len(args)
        inputs = flat_result + args + [convert_to_tensor(v) for v in variables]

        def gradient(op, *grads):
            ys = list(grads[:n_out])
            if variables:
                input_grads, variable_grads = grad_fn(*ys, variables=variables)
            else:
                input_grads, variable_grads = grad_fn(*ys), []
            input_grads = list(_flatten(input_grads))
            if len(input_grads) != n_args:
                raise ValueError("custom_gradient function expected to return %d gradients but "
                                 "returned %d instead." % (n_args, len(input_grads)))
            if len(variable_grads) != len(variables):
                raise ValueError("Must return gradient for each variable from @custom_gradient "
                                 "grad_fn.")
            return [None] * n_out + input_grads + list(variable_grads)

        name = "CustomGradient-%d" % next(_IDS)
        RegisterGradient(name)(gradient)
        with graph.gradient_override_map({"IdentityN": name}):
            from .array_ops import identity_n

            outputs = identity_n(inputs)
        return _pack(result, list(outputs[:n_out])) if isinstance(result, (list, tuple, dict)) \
            else outputs[0]
    return decorated
