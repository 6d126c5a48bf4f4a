"""The global step: `tf.train.get_or_create_global_step` and friends (a non-trainable int64
variable named `global_step` in the GLOBAL_STEP and GLOBAL_VARIABLES collections)."""
from __future__ import annotations

from ..framework import dtypes
from ..framework.graph import Graph, Tensor, get_default_graph
from ..framework.graph_keys import GraphKeys
from ..platform import tf_logging as logging
from ..variables.variables import Variable

__all__ = ["global_step", "get_global_step", "create_global_step", "get_or_create_global_step",
           "assert_global_step"]


def global_step(sess, global_step_tensor) -> int:
    """The current value of the global step in `sess`, as a Python int."""
    return int(sess.run(global_step_tensor))


def get_global_step(graph: Graph | None = None):
    """The global step of `graph` (its GLOBAL_STEP collection, else the tensor `global_step:0`),
    or None; None also when several are registered (logged, as in TF). A global step that is not
    an integer scalar is a TypeError."""
    graph = graph or get_default_graph()
    steps = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(steps) > 1:
        logging.error("Multiple tensors in global_step collection: %s; keep one (tf.train."
                      "get_global_step() returns None until then).", [s.name for s in steps])
        return None
    if steps:
        step = steps[0]
    else:
        try:
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
    assert_global_step(step)
    return step


def assert_global_step(global_step_tensor) -> None:
    """TypeError unless `global_step_tensor` is a variable or tensor of integer type that is not
    a fully defined non-scalar."""
    if not isinstance(global_step_tensor, (Variable, Tensor)):
        raise TypeError("Existing \"global_step\" must be a Variable or Tensor: %s."
                        % (global_step_tensor,))
    dtype = global_step_tensor.dtype.base_dtype
    if not dtype.is_integer:
        raise TypeError("Existing \"global_step\" does not have integer type: %s" % dtype.name)
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():
        raise TypeError("Existing \"global_step\" is not scalar: %s" % shape)


def create_global_step(graph: Graph | None = None):
    """Create the global step (ValueError if it already exists)."""
    from ..variables.init_ops import zeros_initializer
    from ..variables.variable_scope import get_variable
    from ..variables.variables import VariableAggregation

    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError("'global_step' already exists; use tf.train.get_or_create_global_step().")
    with graph.as_default(), graph.name_scope(None):
        return get_variable(GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64,
                            initializer=zeros_initializer(), trainable=False,
                            collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
                            aggregation=VariableAggregation.ONLY_FIRST_REPLICA)


def get_or_create_global_step(graph: Graph | None = None):
    """The global step of `graph`, created on first use."""
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    if step is None:
        step = create_global_step(graph)
    return step
