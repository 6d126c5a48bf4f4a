"""`tf.train`: optimizers, the global step, Saver and checkpoint utilities, device placement."""
# ruff: noqa: F401
from ..checkpoint import (CheckpointState, NewCheckpointReader, checkpoint_exists,
                          generate_checkpoint_state_proto, get_checkpoint_mtimes,
                          get_checkpoint_state, latest_checkpoint, list_variables, load_checkpoint,
                          load_variable, remove_checkpoint, update_checkpoint_state)
from .training_util import (assert_global_step, create_global_step, get_global_step,
                            get_or_create_global_step, global_step)
from .checkpoint_utils import init_from_checkpoint
from .saver import Saver, SaverDef
from ..framework.meta_graph import export_meta_graph, import_meta_graph
from .learning_rate_decay import *  # noqa: F403
from .moving_averages import ExponentialMovingAverage
from .optimizer import Optimizer
from .optimizers import (AdadeltaOptimizer, AdagradDAOptimizer, AdagradOptimizer, AdamOptimizer,
                         FtrlOptimizer, GradientDescentOptimizer, MomentumOptimizer,
                         ProximalAdagradOptimizer, ProximalGradientDescentOptimizer,
                         RMSPropOptimizer)
from ..framework.graph_def import write_graph
from ..tools.event_file import summary_iterator
from .basic_session_run_hooks import (CheckpointSaverHook, CheckpointSaverListener, FeedFnHook,
                                      FinalOpsHook, GlobalStepWaiterHook, LoggingTensorHook,
                                      NanLossDuringTrainingError, NanTensorHook, SecondOrStepTimer,
                                      StepCounterHook, StopAtStepHook, SummarySaverHook)
from .checkpoint_waiting import checkpoints_iterator
from .train_loops import basic_train_loop
from .cluster import ClusterDef, ClusterSpec, JobDef
from .device_setter import replica_device_setter
from .monitored_session import (ChiefSessionCreator, MonitoredSession, MonitoredTrainingSession,
                                Scaffold, SessionCreator, SingularMonitoredSession,
                                WorkerSessionCreator)
from .server_lib import Server, ServerDef
from .session_manager import SessionManager
from .session_run_hook import SessionRunArgs, SessionRunContext, SessionRunHook, SessionRunValues
from .sync_replicas_optimizer import SyncReplicasOptimizer
from .supervisor import Supervisor
from .coordinator import Coordinator, LooperThread

# Less used pieces load on first use (tf.train.Example pulls in tf.io; warm_start its remap ops).
_LAZY = {name: "..io.example_proto" for name in ("BytesList", "Example", "Feature", "FeatureList",
                                                  "FeatureLists", "Features", "FloatList", "Int64List",
                                                  "SequenceExample")}
_LAZY.update({"VocabInfo": ".warm_starting", "warm_start": ".warm_starting"})


def __getattr__(name: str):
    import importlib

    if name not in _LAZY:
        raise AttributeError("module 'varflow.train' has no attribute %r" % name)
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
