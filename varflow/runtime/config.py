"""`tf.ConfigProto` and friends: accepted with their TF1 field names; the ones varflow acts on are
`allow_soft_placement`, `log_device_placement` and `graph_options.optimizer_options.global_jit_level`."""
from __future__ import annotations


class _Message:
    """A tiny protobuf-like message: keyword fields with defaults, nested messages created on access."""

    _fields: dict = {}

    def __init__(self, **kwargs):
        for name, default in self._fields.items():
            value = default() if callable(default) else default
            object.__setattr__(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __setattr__(self, name, value):
        if name not in self._fields:
            raise AttributeError("%s has no field %r; fields: %s"
                                 % (type(self).__name__, name, ", ".join(sorted(self._fields))))
        object.__setattr__(self, name, value)

    def CopyFrom(self, other) -> None:  # noqa: N802 - protobuf spelling
        for name in self._fields:
            object.__setattr__(self, name, getattr(other, name))

    def SerializeToString(self) -> bytes:  # noqa: N802 - protobuf spelling
        return repr(sorted((k, repr(getattr(self, k))) for k in self._fields)).encode()

    def __eq__(self, other):
        return type(self) is type(other) and all(
            getattr(self, k) == getattr(other, k) for k in self._fields)

    def __repr__(self):
        body = ", ".join("%s=%r" % (k, getattr(self, k)) for k in self._fields
                         if getattr(self, k) != (self._fields[k]() if callable(self._fields[k]) else self._fields[k]))
        return "%s(%s)" % (type(self).__name__, body)


class OptimizerOptions(_Message):
    DEFAULT = 0
    OFF = -1
    ON_1 = 1
    ON_2 = 2
    L1 = 0
    L0 = -1
    _fields = {"do_common_subexpression_elimination": False, "do_constant_folding": False,
               "opt_level": 0, "global_jit_level": 0, "do_function_inlining": False,
               "max_folded_constant_in_bytes": 0, "cpu_global_jit": False}


OptimizerOptions.GlobalJitLevel = OptimizerOptions
OptimizerOptions.Level = OptimizerOptions


class GraphOptions(_Message):
    _fields = {"optimizer_options": OptimizerOptions, "enable_recv_scheduling": False,
               "build_cost_model": 0, "infer_shapes": False, "place_pruned_graph": False,
               "enable_bfloat16_sendrecv": False, "timeline_step": 0, "rewrite_options": None}


class GPUOptions(_Message):
    _fields = {"per_process_gpu_memory_fraction": 0.0, "allow_growth": False,
               "allocator_type": "", "visible_device_list": "", "deferred_deletion_bytes": 0,
               "polling_active_delay_usecs": 0, "force_gpu_compatible": False,
               "experimental": None}


class ConfigProto(_Message):
    _fields = {"device_count": dict, "intra_op_parallelism_threads": 0,
               "inter_op_parallelism_threads": 0, "use_per_session_threads": False,
               "allow_soft_placement": False, "log_device_placement": False,
               "gpu_options": GPUOptions, "graph_options": GraphOptions,
               "operation_timeout_in_ms": 0, "isolate_session_state": False,
               "device_filters": list, "placement_period": 0, "experimental": None,
               "session_inter_op_thread_pool": list, "cluster_def": None,
               "share_cluster_devices_in_session": False}


class RunOptions(_Message):
    NO_TRACE = 0
    SOFTWARE_TRACE = 1
    HARDWARE_TRACE = 2
    FULL_TRACE = 3
    _fields = {"trace_level": 0, "timeout_in_ms": 0, "inter_op_thread_pool": 0,
               "output_partition_graphs": False, "report_tensor_allocations_upon_oom": False,
               "debug_options": None, "experimental": None}


RunOptions.TraceLevel = RunOptions


class RunMetadata(_Message):
    _fields = {"step_stats": None, "cost_graph": None, "partition_graphs": list,
               "function_graphs": list}
