"""Where TF1's deep module paths (`tensorflow.python.ops.variable_scope`, …) live in varflow.

Each entry maps a path below `tensorflow.` to the varflow modules searched in order for its names;
the packages above the entries (`python`, `python.ops`, …) are namespaces of their entries.
"""
from __future__ import annotations

_OPS = ("array_ops", "math_ops", "nn_ops", "state_ops", "random_ops", "clip_ops",
        "control_flow_ops", "logging_ops")
_TRAIN = ("optimizer", "saver", "training_util", "session_run_hook", "basic_session_run_hooks",
          "monitored_session", "moving_averages", "learning_rate_decay", "server_lib",
          "device_setter", "checkpoint_utils", "session_manager")
_OPTIMIZERS = ("gradient_descent", "adam", "momentum", "adagrad", "adadelta", "rmsprop", "ftrl",
               "proximal_adagrad", "proximal_gradient_descent")
_LAYERS = ("base", "core", "convolutional", "normalization", "pooling", "utils")
_OPS_EXTRA = {"math_ops": ("varflow.math",), "nn_ops": ("varflow.nn",),
              "random_ops": ("varflow.random",)}

DEEP_MODULES: dict[str, tuple[str, ...]] = {
    "python.framework.ops": ("varflow.framework.graph", "varflow.framework.graph_keys",
                             "varflow.framework.indexed_slices", "varflow.gradients", "varflow"),
    "python.framework.dtypes": ("varflow.framework.dtypes",),
    "python.framework.tensor_shape": ("varflow.framework.tensor_shape",),
    "python.framework.constant_op": ("varflow.ops.constant_op",),
    "python.framework.errors": ("varflow.framework.errors",),
    "python.framework.errors_impl": ("varflow.framework.errors",),
    "python.framework.device": ("varflow.framework.device",),
    "python.framework.indexed_slices": ("varflow.framework.indexed_slices",),
    "python.framework.tensor_util": ("varflow.framework.tensor_proto", "varflow"),
    "python.framework.random_seed": ("varflow",),
    "python.ops.variable_scope": ("varflow.variables.variable_scope", "varflow"),
    "python.ops.variables": ("varflow.variables.variables", "varflow"),
    "python.ops.resource_variable_ops": ("varflow.variables.variables", "varflow"),
    "python.ops.init_ops": ("varflow.variables.init_ops", "varflow"),
    "python.ops.partitioned_variables": ("varflow.variables.partitioned", "varflow"),
    "python.ops.nn": ("varflow.nn", "varflow.ops.nn_ops"),
    "python.ops.nn_impl": ("varflow.nn", "varflow.ops.nn_ops"),
    "python.ops.gradients": ("varflow.gradients", "varflow"),
    "python.ops.gradients_impl": ("varflow.gradients", "varflow"),
    "python.ops.standard_ops": ("varflow",),
    "python.client.session": ("varflow.runtime.session", "varflow"),
    "python.platform.tf_logging": ("varflow.platform.tf_logging",),
    "python.platform.app": ("varflow.platform.app",),
    "python.platform.flags": ("varflow.platform.flags",),
    "python.platform.test": ("varflow.test",),
    "python.training.training": ("varflow.train",),
    "python.training.checkpoint_management": ("varflow.checkpoint", "varflow.train"),
    "python.layers.layers": ("varflow.layers",),
    "python.summary.summary": ("varflow.summary",),
}
DEEP_MODULES.update({"python.ops." + m: ("varflow.ops." + m,) + _OPS_EXTRA.get(m, ()) + ("varflow",)
                     for m in _OPS})
DEEP_MODULES.update({"python.training." + m: ("varflow.train." + m, "varflow.train") for m in _TRAIN})
DEEP_MODULES.update({"python.training." + m: ("varflow.train.optimizers", "varflow.train")
                     for m in _OPTIMIZERS})
DEEP_MODULES.update({"python.layers." + m: ("varflow.layers." + m, "varflow.layers")
                     for m in _LAYERS})

# Packages above the entries, with their direct children ("python" -> {"ops", "framework", ...}).
DEEP_PACKAGES: dict[str, set] = {}
for _path in DEEP_MODULES:
    _parts = _path.split(".")
    for _i in range(1, len(_parts)):
        DEEP_PACKAGES.setdefault(".".join(_parts[:_i]), set()).add(_parts[_i])
del _path, _parts, _i

# Namespaces searched for the same name when a script asks for one varflow lacks.
SEARCH_NAMESPACES = ("", "nn", "math", "random", "train", "layers", "losses", "metrics", "summary",
                     "initializers", "keras.initializers", "keras.regularizers", "contrib.layers",
                     "contrib.framework", "contrib.training", "errors", "debugging", "compat")
