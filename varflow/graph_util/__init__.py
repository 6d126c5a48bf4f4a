"""`tf.graph_util` / `tf.compat.v1.graph_util`: freezing and pruning GraphDefs for inference."""
from ..framework.graph_util import (convert_variables_to_constants, extract_sub_graph,
                                    must_run_on_cpu, remove_training_nodes,
                                    tensor_shape_from_node_def_name)
from ..framework.importer import import_graph_def

__all__ = ["convert_variables_to_constants", "extract_sub_graph", "import_graph_def",
           "must_run_on_cpu", "remove_training_nodes", "tensor_shape_from_node_def_name"]
