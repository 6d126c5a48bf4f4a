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
from .learning_rate_decay import *  # noqa: F403
from .moving_averages import ExponentialMovingAverage
from .optimizer import Optimizer
from .optimizers import (AdadeltaOptimizer, AdagradOptimizer, AdamOptimizer, FtrlOptimizer,
                         GradientDescentOptimizer, MomentumOptimizer, ProximalAdagradOptimizer,
                         ProximalGradientDescentOptimizer, RMSPropOptimizer)
