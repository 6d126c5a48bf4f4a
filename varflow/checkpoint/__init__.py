"""TensorFlow's V2 checkpoint format (TensorBundle) and the `checkpoint` state file, without TensorFlow.

`write_bundle(prefix, {name: array}, slices=[(full_name, full_shape, "0,4:0,2", array)])` saves,
`BundleReader(prefix)` (alias `NewCheckpointReader`) reads; `update_checkpoint_state` and
`latest_checkpoint` manage the state file.  Files are byte-compatible with TensorFlow's.
"""
from __future__ import annotations

import importlib

# name -> submodule; loaded on first use so that `varflow.checkpoint.proto` (GraphDef encoding)
# does not pull in file I/O, hashing and logging at `import varflow` time
_SOURCES = {
    "bundle": ("BundleReader", "BundleWriter", "TensorInfo", "data_filename", "index_filename",
               "write_bundle"),
    "checkpoint_utils": ("NewCheckpointReader", "list_variables", "load_checkpoint", "load_variable"),
    "slices": ("parse_save_slice_info", "parse_slice_spec", "slice_key", "slice_spec_string"),
    "state": ("CheckpointState", "checkpoint_exists", "generate_checkpoint_state_proto",
              "get_checkpoint_mtimes", "get_checkpoint_state", "latest_checkpoint",
              "parse_checkpoint_state", "remove_checkpoint", "update_checkpoint_state"),
}
_MODULE_OF = {name: module for module, names in _SOURCES.items() for name in names}

__all__ = [
    "BundleReader", "BundleWriter", "TensorInfo", "write_bundle", "index_filename", "data_filename",
    "NewCheckpointReader", "load_checkpoint", "list_variables", "load_variable",
    "parse_slice_spec", "parse_save_slice_info", "slice_spec_string", "slice_key",
    "CheckpointState", "parse_checkpoint_state", "generate_checkpoint_state_proto", "update_checkpoint_state",
    "get_checkpoint_state", "latest_checkpoint", "checkpoint_exists", "get_checkpoint_mtimes",
    "remove_checkpoint",
]


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError("module 'varflow.checkpoint' has no attribute %r" % name)
    value = getattr(importlib.import_module("." + module, __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_MODULE_OF))
