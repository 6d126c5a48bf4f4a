"""TensorFlow's V2 checkpoint format (TensorBundle) and the `checkpoint` state file, without TensorFlow.

`write_bundle(prefix, {name: array}, slices=[(full_name, full_shape, "0,4:0,2", array)])` saves,
`BundleReader(prefix)` (alias `NewCheckpointReader`) reads; `update_checkpoint_state` and
`latest_checkpoint` manage the state file.  Files are byte-compatible with TensorFlow's.
"""
from .bundle import (BundleReader, BundleWriter, TensorInfo, data_filename, index_filename,  # noqa: F401
                     write_bundle)
from .checkpoint_utils import NewCheckpointReader, list_variables, load_checkpoint, load_variable  # noqa: F401
from .slices import parse_save_slice_info, parse_slice_spec, slice_key, slice_spec_string  # noqa: F401
from .state import (CheckpointState, checkpoint_exists, generate_checkpoint_state_proto,  # noqa: F401
                    get_checkpoint_mtimes, get_checkpoint_state, latest_checkpoint, parse_checkpoint_state,
                    remove_checkpoint, update_checkpoint_state)

__all__ = [
    "BundleReader", "BundleWriter", "TensorInfo", "write_bundle", "index_filename", "data_filename",
    "NewCheckpointReader", "load_checkpoint", "list_variables", "load_variable",
    "parse_slice_spec", "parse_save_slice_info", "slice_spec_string", "slice_key",
    "CheckpointState", "parse_checkpoint_state", "generate_checkpoint_state_proto", "update_checkpoint_state",
    "get_checkpoint_state", "latest_checkpoint", "checkpoint_exists", "get_checkpoint_mtimes",
    "remove_checkpoint",
]
