"""The global step: `tf.train.get_or_create_global_step` and friends (a non-trainable int64
variable named `global_step` in the GLOBAL_STEP and GLOBAL_VARIABLES collections)."""
from __future__ import annotations

from ..framework import dtypes
from ..framework.graph import Graph, get_default_graph
from ..framework.graph_keys import GraphKeys

__all__ = ["global_step", "get_global_step", "create_global_step", "get_or_create_global_step",
           "assert_global_step"]


def global_step(sess, global_step_tensor) -> int:
    """The current value of the global step in `sess`, as a Python int."""
    return int(sess.run(global_step_tensor))


def get_global_step(graph: Graph | None = None):
    """The global step variable of `graph`, or None. Raises if several are registered."""
    graph = graph or get_default_graph()
    steps = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(steps) == 1:
        return steps[0]
    if len(steps) > 1:
        raise TypeError("Multiple tensors in global_step collection: %s" % steps)
    try:
        return graph.get_tensor_by_name("global_step:0")
    except KeyError:
        return None


def assert_global_step(global_step_tensor) -> None:
    dtype = global_step_tensor.dtype.base_dtype
    if not dtype.is_integer:
        raise TypeError("Existing 'global_step' does not have integer type: %s" % dtype.name)
    if global_step_tensor.get_shape().ndims != 0:
        raise TypeError("Existing 'global_step' is not a scalar: %s" % global_step_tensor.get_shape())


def create_global_step(graph: Graph | None = None):
    """Create the global step (ValueError if it already exists)."""
    from ..variables.init_ops import zeros_initializer
    from ..variables.variable_scope import get_variable

    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError("'global_step' already exists; use tf.train.get_or_create_global_step().")
    with graph.as_default(), graph.name_scope(None):
        return get_variable(GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64,
                            initializer=zeros_initializer(), trainable=False,
                            collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP])


def get_or_create_global_step(graph: Graph | None = None):
    """The global step of `graph`, created on first use."""
    graph = graph or get_default_graph()
    step = get_global_step(graph)
    if step is None:
        step = create_global_step(graph)
    return step
