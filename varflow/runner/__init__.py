"""`varflow run SCRIPT`: run an unmodified TF1 script (`import tensorflow as tf`) on varflow."""
from .hook import tf_import_hook
from .proxy import MissingTFModuleError, MissingTFNameError, Recorder
from .run import format_report, run_script

__all__ = ["MissingTFModuleError", "MissingTFNameError", "Recorder", "format_report", "run_script",
           "tf_import_hook"]
