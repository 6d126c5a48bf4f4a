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
from .framework.tensor_shape import Dimension, TensorShape, dimension_value
from .platform import tf_logging as logging
from .runtime.config import (ConfigProto, GPUOptions, GraphOptions, OptimizerOptions,
                             RunMetadata, RunOptions)
from .runtime.session import InteractiveSession, Session
from .gradients import AggregationMethod, NoGradient, NotDifferentiable, RegisterGradient, gradients, hessians
from .ops.constant_op import constant
from .ops.array_ops import *
from .ops.control_flow_ops import *
from .ops.math_ops import *
from .ops.clip_ops import *
from . import math
from .ops.random_ops import *
from . import nn, random
from .ops.logging_ops import *

from .ops.state_ops import *
from .variables.variables import *
from .variables.variable_scope import *
from .variables.init_ops import *
from .variables.partitioned import *
from .variables.regularizers import l1_regularizer, l2_regularizer
from . import initializers, keras, train

from . import compat
from . import debugging
from .compat import disable_eager_execution, disable_v2_behavior, enable_eager_execution, \
    executing_eagerly, enable_v2_behavior, disable_resource_variables

from .describe import describe
from .framework.graph_def import AttrValue, GraphDef, NameAttrList, NodeDef
from .framework.tensor_proto import make_ndarray, make_tensor_proto
from .platform import app, flags
from . import test

newaxis = None
from . import layers, losses, metrics, contrib
from . import summary
from .summary import Event, HistogramProto, LogMessage, SessionLog, Summary, SummaryMetadata
