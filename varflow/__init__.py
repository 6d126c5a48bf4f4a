"""varflow: TensorFlow 1.x graph-mode code on NumPy. `import varflow as tf` and run TF1 code unchanged.

This module is the public namespace only: it re-exports names defined elsewhere in the package.
"""
# ruff: noqa: F401, F403, E402
from __future__ import annotations

__version__ = "0.1.0"
VERSION = __version__
GIT_VERSION = "v" + __version__
COMPILER_VERSION = "numpy"
GRAPH_DEF_VERSION = 1994

from .framework import dtypes
from .framework.dtypes import (DType, as_dtype, bfloat16, bool, complex64, complex128, double,
                               float16, float32, float64, half, int8, int16, int32, int64,
                               qint8, qint16, qint32, quint8, quint16,
                               resource, string, uint8, uint16, uint32, uint64, variant)
from .framework import errors
from .framework import registry as _registry
from .framework.device import DeviceSpec
from .framework.graph import (Graph, Operation, Tensor, add_to_collection, add_to_collections,
                              clear_collection, colocate_with, container, control_dependencies,
                              convert_to_tensor, convert_to_tensor_or_indexed_slices,
                              device, get_all_collection_keys, get_collection,
                              get_collection_ref, get_default_graph, get_default_session,
                              is_tensor, name_scope, register_tensor_conversion_function,
                              reset_default_graph)
from .framework.graph_keys import GraphKeys
from .framework.indexed_slices import IndexedSlices, IndexedSlicesValue
from .framework.tensor_shape import Dimension, TensorShape, dimension_at_index, dimension_value
from .runtime.config import (ConfigProto, GPUOptions, GraphOptions, OptimizerOptions,
                             RunMetadata, RunOptions)
from .runtime.session import InteractiveSession, Session
from .gradients import (AggregationMethod, NoGradient, NotDifferentiable, RegisterGradient, UnconnectedGradients,
                        gradients, hessians)
from .ops.constant_op import constant, get_static_value
from .ops.array_ops import *
from .ops.control_flow_ops import *
from .ops.math_ops import *
from .ops.clip_ops import *
from . import math
from .ops.random_ops import *
from . import nn, random
from .ops.logging_ops import *
from .ops.script_ops import *

from .ops.state_ops import *
from .variables.variables import *
from .variables.variable_scope import *
from .variables.init_ops import *
from .variables.partitioned import *
from .variables.regularizers import l1_regularizer, l2_regularizer
from . import initializers, keras

from . import compat
from . import debugging
from .compat import disable_eager_execution, disable_v2_behavior, enable_eager_execution, \
    executing_eagerly, enable_v2_behavior, disable_resource_variables

from .describe import describe
from .framework.graph_def import AttrValue, GraphDef, NameAttrList, NodeDef
from .framework.tensor_proto import make_ndarray, make_tensor_proto
from .ops.linalg_ops import cholesky, matrix_determinant, matrix_inverse, matrix_solve

# SparseTensor: the composite class, its ops (tf.sparse_* TF1 names) and the tf.sparse namespace
from .framework.sparse_tensor import SparseTensor, SparseTensorValue
from .framework.sparse_tensor import is_tensor  # noqa: F811 - tf.is_tensor(SparseTensor) is True
from .ops.sparse_ops import *
from .ops.sparse_math_ops import (sparse_maximum, sparse_minimum, sparse_reduce_max,
                                  sparse_reduce_max_sparse, sparse_reduce_sum_sparse, sparse_softmax)
from .ops.sparse_structure_ops import sparse_mask, sparse_merge, sparse_reset_shape, sparse_to_indicator
from . import sparse

newaxis = None
no_gradient = NotDifferentiable

# Heavier namespaces (checkpoints, training, summaries, input pipelines, logging) load on first use,
# keeping `import varflow` close to NumPy's own import time; the public namespace is unchanged.
_LAZY = {
    "train": (".train", None), "test": (".test", None), "layers": (".layers", None),
    "losses": (".losses", None), "metrics": (".metrics", None), "contrib": (".contrib", None),
    "summary": (".summary", None), "data": (".data", None), "app": (".platform.app", None),
    "flags": (".platform.flags", None), "gfile": (".platform.gfile", None),
    "logging": (".platform.tf_logging", None), "linalg": (".linalg", None),
    "image": (".image", None), "xla": (".xla", None), "bitwise": (".bitwise", None),
    "Event": (".summary", "Event"), "HistogramProto": (".summary", "HistogramProto"),
    "LogMessage": (".summary", "LogMessage"), "SessionLog": (".summary", "SessionLog"),
    "Summary": (".summary", "Summary"), "SummaryMetadata": (".summary", "SummaryMetadata"),
    "MetaGraphDef": (".framework.meta_graph", "MetaGraphDef"),
    "import_graph_def": (".framework.importer", "import_graph_def"),
    "io": (".io", None), "python_io": (".python_io", None), "graph_util": (".graph_util", None),
    "make_template": (".variables.template", "make_template"),
    "create_partitioned_variables": (".variables.partitioned_list", "create_partitioned_variables"),
    "lookup": (".lookup", None),
    "tables_initializer": (".ops.lookup_ops", "tables_initializer"),
    "initialize_all_tables": (".ops.lookup_ops", "initialize_all_tables"),
}
_LAZY.update({"custom_gradient": (".ops.custom_gradient", "custom_gradient"),
              "get_logger": (".platform.tf_logging", "get_logger")})
_LAZY.update({name: (".ops.functional_ops", name) for name in (
    "map_fn", "scan", "foldl", "foldr", "switch_case")})
_LAZY.update({name: (".ops.partition_ops", name) for name in (
    "dynamic_partition", "dynamic_stitch", "batch_gather", "repeat", "searchsorted", "unravel_index",
    "bitcast", "histogram_fixed_width", "histogram_fixed_width_bins")})
_LAZY.update({name: (".ops.complex_ops", name) for name in ("complex", "to_complex64", "to_complex128")})
_LAZY.update({name: (".ops.linalg_extra_ops", name) for name in (
    "cholesky_solve", "matrix_solve_ls", "matrix_square_root")})
_LAZY.update({name: (".ops.assert_extra_ops", name) for name in (
    "assert_near", "assert_integer", "assert_rank_in", "assert_same_float_dtype", "assert_proper_iterable")})
_LAZY.update({"qr": (".ops.linalg_ops", "qr"), "svd": (".ops.linalg_ops", "svd"),
              "matrix_triangular_solve": (".ops.linalg_ops", "triangular_solve"),
              "self_adjoint_eig": (".ops.linalg_ops", "eigh"),
              "self_adjoint_eigvals": (".ops.linalg_ops", "eigvalsh")})
# TF1's top-level input-file functions (tf.parse_example, tf.read_file, ...), loaded with their module
_LAZY.update({name: (".ops.parsing_ops", name) for name in (
    "FixedLenFeature", "FixedLenSequenceFeature", "VarLenFeature", "parse_example",
    "parse_single_example", "parse_single_sequence_example")})
_LAZY.update({name: (".ops.string_ops", name) for name in (
    "string_join", "string_strip", "substr", "regex_replace", "string_to_number", "as_string",
    "reduce_join", "string_split", "string_to_hash_bucket_fast")})
_LAZY["strings"] = (".strings", None)
_LAZY.update({name: (".ops.nn_spatial_ops", name) for name in (
    "depth_to_space", "space_to_depth", "space_to_batch_nd", "batch_to_space_nd", "space_to_batch",
    "batch_to_space")})
_LAZY.update({name: (".ops.file_ops", name) for name in (
    "read_file", "write_file", "matching_files", "decode_raw", "decode_csv", "serialize_tensor",
    "parse_tensor")})
# modules defining op types; the registry loads them when a GraphDef names an op not yet defined
_registry._LAZY_OP_MODULES.extend(["varflow.train", "varflow.summary", "varflow.data",
                                   "varflow.ops.parsing_ops", "varflow.ops.file_ops",
                                   "varflow.ops.string_ops", "varflow.ops.nn_lrn_ops",
                                   "varflow.ops.nn_spatial_ops", "varflow.ops.nn_morph_ops",
                                   "varflow.train.checkpoint_ops", "varflow.image",
                                   "varflow.ops.lookup_ops", "varflow.ops.partition_ops",
                                   "varflow.ops.linalg_extra_ops", "varflow.ops.functional_ops"])


def __getattr__(name: str):
    entry = _LAZY.get(name)
    if entry is None:
        raise AttributeError("module 'varflow' has no attribute %r" % name)
    import importlib

    module = importlib.import_module(entry[0], __name__)
    value = module if entry[1] is None else getattr(module, entry[1])
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
