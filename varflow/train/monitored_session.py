"""`tf.train.MonitoredTrainingSession`, `MonitoredSession` and `Scaffold`: a session that runs hooks
around every step, initializes or restores the model (chief) or waits for it (other workers), and
recreates itself after UnavailableError/AbortedError (a parameter server died or restarted).
Hooks get a `tf.train.Coordinator` in after_create_session for the threads they start; closing the
session stops and joins those threads."""
from __future__ import annotations

import time

from ..framework import dtypes, errors
from ..framework.graph import get_default_graph
from ..framework.graph_keys import GraphKeys
from ..ops import array_ops, constant_op, control_flow_ops
from ..platform import tf_logging as logging
from ..runtime.config import RunMetadata, RunOptions
from . import basic_session_run_hooks as hooks_lib
from .coordinator import Coordinator
from .session_manager import SessionManager
from .session_run_hook import SessionRunArgs, SessionRunContext, SessionRunValues

USE_DEFAULT = object()
_RECOVERABLE = (errors.AbortedError, errors.UnavailableError)


class Scaffold:
    """The ops a training session needs (init, ready, local init, saver), with TF's defaults."""

    def __init__(self, init_op=None, init_feed_dict=None, init_fn=None, ready_op=None,
                 ready_for_local_init_op=None, local_init_op=None, summary_op=None, saver=None,
                 copy_from_scaffold=None, local_init_feed_dict=None):
        if copy_from_scaffold is not None:
            if not isinstance(copy_from_scaffold, Scaffold):
                raise TypeError("copy_from_scaffold is not a Scaffold instance.")
            c = copy_from_scaffold
            init_op = init_op or c.init_op
            init_feed_dict = init_feed_dict or c._init_feed_dict
            init_fn = init_fn or c._user_init_fn
            ready_op = ready_op or c.ready_op
            ready_for_local_init_op = ready_for_local_init_op or c.ready_for_local_init_op
            local_init_op = local_init_op or c.local_init_op
            summary_op = summary_op or c.summary_op
            saver = saver or c.saver
        self._init_op, self._init_feed_dict, self._user_init_fn = init_op, init_feed_dict, init_fn
        self._init_fn = (lambda sess: init_fn(self, sess)) if init_fn else None
        self._ready_op = ready_op
        self._ready_for_local_init_op = ready_for_local_init_op
        self._local_init_op = local_init_op
        self._local_init_feed_dict = local_init_feed_dict
        self._summary_op = summary_op
        self._saver = saver

    def finalize(self) -> "Scaffold":
        """Create the missing ops (default init/ready/local-init ops and a Saver), then finalize the graph."""
        from ..variables import variables
        from .saver import Saver

        graph = get_default_graph()
        if self._init_op is None:
            self._init_op = _first_or(graph, GraphKeys.INIT_OP, lambda: control_flow_ops.group(
                variables.global_variables_initializer(), _no_resources_initializer()))
        if self._ready_op is None:
            self._ready_op = _first_or(graph, GraphKeys.READY_OP, lambda: _ready_report(
                variables.report_uninitialized_variables()))
        if self._ready_for_local_init_op is None:
            self._ready_for_local_init_op = _first_or(
                graph, GraphKeys.READY_FOR_LOCAL_INIT_OP,
                lambda: _ready_report(variables.report_uninitialized_variables(variables.global_variables())))
        if self._local_init_op is None:
            self._local_init_op = _first_or(graph, GraphKeys.LOCAL_INIT_OP, Scaffold.default_local_init_op)
        if self._summary_op is None:
            from ..summary.summary_ops import merge_all

            self._summary_op = _first_or(graph, GraphKeys.SUMMARY_OP, merge_all)
        if self._saver is None:
            savers = graph.get_collection(GraphKeys.SAVERS)
            if len(savers) > 1:
                raise RuntimeError("More than one item in collection %s. Please indicate which one "
                                   "to use by passing it to the constructor." % GraphKeys.SAVERS)
            if savers:
                self._saver = savers[0]
            else:
                self._saver = Saver(sharded=True, allow_empty=True)
                graph.add_to_collection(GraphKeys.SAVERS, self._saver)
        graph.finalize()
        return self

    init_op = property(lambda self: self._init_op)
    init_feed_dict = property(lambda self: self._init_feed_dict)
    init_fn = property(lambda self: self._init_fn)
    ready_op = property(lambda self: self._ready_op)
    ready_for_local_init_op = property(lambda self: self._ready_for_local_init_op)
    local_init_op = property(lambda self: self._local_init_op)
    summary_op = property(lambda self: self._summary_op)
    saver = property(lambda self: self._saver)

    @staticmethod
    def default_local_init_op():
        """TF's default local init op: one group of the local variables' and the tables' initializers."""
        from ..ops import lookup_ops
        from ..variables import variables

        return control_flow_ops.group(variables.local_variables_initializer(),
                                      lookup_ops.tables_initializer(),
                                      _no_resources_initializer())


def _no_resources_initializer():
    """The initializer of TF's resource collections, which are always empty in varflow: a NoOp `init`."""
    return control_flow_ops.no_op(name="init")


def _ready_report(uninitialized_variables):
    """TF's ready op: the uninitialized variables' names concatenated with those of resources (none)."""
    with get_default_graph().name_scope("report_uninitialized_resources"):
        no_resources = constant_op.constant([], dtype=dtypes.string)
    return array_ops.concat([uninitialized_variables, no_resources], 0)


def _first_or(graph, key, make):
    items = graph.get_collection(key)
    if items:
        return items[0]
    op = make()
    if op is not None:          # e.g. merge_all without summaries: nothing to keep
        graph.add_to_collection(key, op)
    return op


class SessionCreator:
    """Makes the underlying session of a MonitoredSession (again, after a recoverable error)."""

    def create_session(self):
        raise NotImplementedError   # abstract base: ChiefSessionCreator / WorkerSessionCreator


class ChiefSessionCreator(SessionCreator):
    """Restores from the latest checkpoint in `checkpoint_dir`, else runs the init ops."""

    def __init__(self, scaffold=None, master="", config=None, checkpoint_dir=None,
                 checkpoint_filename_with_path=None):
        self._scaffold = scaffold or Scaffold()
        self._master, self._config = master, config
        self._checkpoint_dir = checkpoint_dir
        self._checkpoint_filename_with_path = checkpoint_filename_with_path

    def create_session(self):
        s = self._scaffold.finalize()
        manager = SessionManager(local_init_op=s.local_init_op, ready_op=s.ready_op,
                                 ready_for_local_init_op=s.ready_for_local_init_op,
                                 graph=get_default_graph(),
                                 local_init_feed_dict=s._local_init_feed_dict)
        return manager.prepare_session(
            self._master, saver=s.saver, checkpoint_dir=self._checkpoint_dir,
            checkpoint_filename_with_path=self._checkpoint_filename_with_path,
            config=self._config, init_op=s.init_op, init_feed_dict=s.init_feed_dict,
            init_fn=s.init_fn)


class WorkerSessionCreator(SessionCreator):
    """Waits until the chief made the model ready (polling every second)."""

    def __init__(self, scaffold=None, master="", config=None, max_wait_secs=30 * 60):
        self._scaffold = scaffold or Scaffold()
        self._master, self._config = master, config
        self._max_wait_secs = max_wait_secs

    def create_session(self):
        s = self._scaffold.finalize()
        manager = SessionManager(local_init_op=s.local_init_op, ready_op=s.ready_op,
                                 ready_for_local_init_op=s.ready_for_local_init_op,
                                 graph=get_default_graph(), recovery_wait_secs=1,
                                 local_init_feed_dict=s._local_init_feed_dict)
        return manager.wait_for_session(self._master, config=self._config,
                                        max_wait_secs=self._max_wait_secs)


class _MonitoredSessionBase:
    """Runs hooks around each step; recreates the session on AbortedError / UnavailableError."""

    def __init__(self, session_creator, hooks, recoverable: bool, stop_grace_period_secs=120):
        self._creator = session_creator or ChiefSessionCreator()
        self._hooks = list(hooks or [])
        self._recoverable = recoverable
        self._stop_grace_period_secs = stop_grace_period_secs
        self._coord = None
        self._graph = get_default_graph()
        self._graph_was_finalized = self._graph.finalized
        for h in self._hooks:
            h.begin()
        self._sess = None
        self._should_stop = False
        self._closed = False
        self._create()

    def _create(self):
        while True:
            try:
                self._sess = self._creator.create_session()
                self._coord = Coordinator()
                for h in self._hooks:
                    h.after_create_session(self._sess, self._coord)
                return
            except _RECOVERABLE as e:
                if not self._recoverable:
                    raise
                logging.info("An error was raised while a session was being created (%s); "
                             "creating it again.", type(e).__name__)
                self._close_inner()
                time.sleep(0.5)

    @property
    def graph(self):
        return self._graph

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if self._closed:  # TF fails on its missing session here, with an AttributeError
            raise AttributeError("run() called on a closed %s; create a new one to keep running."
                                 % type(self).__name__)
        while True:
            try:
                try:
                    return self._hooked_run(fetches, feed_dict, options, run_metadata)
                except Exception:
                    if self._coord is not None:     # a hook's thread failed first: report that
                        self._coord.raise_requested_exception()
                    raise
            except _RECOVERABLE as e:
                self._recover(e)

    def _recover(self, e):
        if not self._recoverable:
            raise e
        logging.info("An error was raised (%s: %s); recreating the session.",
                     type(e).__name__, str(e).splitlines()[0])
        self._close_inner()
        self._create()

    def run_step_fn(self, step_fn):
        """Call `step_fn(step_context)`; `step_context.run_with_hooks(...)` runs one hooked step."""
        return step_fn(_StepContext(self))

    def _hooked_run(self, fetches, feed_dict, options, run_metadata):
        if self._should_stop:
            raise RuntimeError("Run called even after should_stop requested.")
        context = SessionRunContext(SessionRunArgs(fetches, feed_dict), self._sess)
        options = options if options is not None else RunOptions()
        run_metadata = run_metadata if run_metadata is not None else RunMetadata()
        hook_fetches, feeds = {}, dict(feed_dict or {})
        for h in self._hooks:
            request = h.before_run(context)
            if request is None:
                continue
            if request.fetches is not None:
                hook_fetches[h] = request.fetches
            for key, value in (request.feed_dict or {}).items():
                if key in feeds:
                    raise RuntimeError("Same tensor is fed by a SessionRunHook and user.")
                feeds[key] = value
        outputs = self._sess.run({"caller": fetches, "hooks": hook_fetches}, feed_dict=feeds or None,
                                 options=options, run_metadata=run_metadata)
        for h in self._hooks:
            h.after_run(context, SessionRunValues(outputs["hooks"].get(h), options, run_metadata))
        self._should_stop = self._should_stop or context.stop_requested
        return outputs["caller"]

    def should_stop(self) -> bool:
        coord = self._coord
        if coord is not None and not self._closed:
            try:
                coord.raise_requested_exception()
            except _RECOVERABLE as e:
                self._recover(e)
                return self.should_stop()
            if coord.should_stop():
                return True
        return self._should_stop or self._closed

    def close(self) -> None:
        """Run the hooks' end(), close the session and unfinalize the graph (if it was not finalized
        before this session was made); closing twice is a RuntimeError, as in TF."""
        if self._closed:
            raise RuntimeError("Session is already closed.")
        self._closed = True
        try:
            if self._sess is not None:
                for h in self._hooks:
                    h.end(self._sess)
        finally:
            self._close_inner(raise_thread_errors=True)

    def _close_inner(self, raise_thread_errors: bool = False):
        coord, self._coord = self._coord, None
        try:
            if coord is not None:
                coord.request_stop()
                try:
                    coord.join(stop_grace_period_secs=self._stop_grace_period_secs,
                               ignore_live_threads=True)
                except Exception:
                    if raise_thread_errors:
                        raise
        finally:
            self._close_session()

    def _close_session(self):
        if self._sess is not None:
            try:
                self._sess.close()
            except Exception:  # noqa: BLE001 - the session may already be broken
                pass
            self._sess = None
        if self._closed and not self._graph_was_finalized:
            self._graph._unsafe_unfinalize()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type in (errors.OutOfRangeError, StopIteration):
            exc_type = None
        if exc_type is None:
            self.close()
        else:
            self._closed = True
            self._close_inner()
        return exc_type is None


class _StepContext:
    def __init__(self, monitored):
        self._monitored = monitored

    @property
    def session(self):
        return self._monitored._sess

    def run_with_hooks(self, fetches, feed_dict=None, options=None, run_metadata=None):
        return self._monitored._hooked_run(fetches, feed_dict, options, run_metadata)

    def request_stop(self):
        """End the loop: raises StopIteration out of step_fn, which the `with` block swallows (TF's way)."""
        raise StopIteration("step_fn has requested the iterations to stop.")


class MonitoredSession(_MonitoredSessionBase):
    """A hooked session that recreates itself after a recoverable (Aborted/Unavailable) error."""

    def __init__(self, session_creator=None, hooks=None, stop_grace_period_secs=120):
        super().__init__(session_creator, hooks, True, stop_grace_period_secs)


class SingularMonitoredSession(_MonitoredSessionBase):
    """A hooked chief session without recovery; `raw_session()` gives the underlying session."""

    def __init__(self, hooks=None, scaffold=None, master="", config=None, checkpoint_dir=None,
                 stop_grace_period_secs=120, checkpoint_filename_with_path=None):
        creator = ChiefSessionCreator(scaffold, master, config, checkpoint_dir,
                                      checkpoint_filename_with_path)
        super().__init__(creator, hooks, False, stop_grace_period_secs)

    def raw_session(self):
        return self._sess


def MonitoredTrainingSession(master="", is_chief=True, checkpoint_dir=None, scaffold=None,  # noqa: N802
                             hooks=None, chief_only_hooks=None, save_checkpoint_secs=USE_DEFAULT,
                             save_summaries_steps=USE_DEFAULT, save_summaries_secs=USE_DEFAULT,
                             config=None, stop_grace_period_secs=120, log_step_count_steps=100,
                             max_wait_secs=7200, save_checkpoint_steps=USE_DEFAULT,
                             summary_dir=None):
    """A MonitoredSession for training: the chief restores/initializes and saves checkpoints in
    `checkpoint_dir` (every 600 s by default, or `save_checkpoint_steps`) and writes the graph's
    summaries there (or to `summary_dir`; every 100 steps by default); others wait for it."""
    if save_summaries_steps is USE_DEFAULT and save_summaries_secs is USE_DEFAULT:
        save_summaries_steps, save_summaries_secs = 100, None
    elif save_summaries_secs is USE_DEFAULT:
        save_summaries_secs = None
    elif save_summaries_steps is USE_DEFAULT:
        save_summaries_steps = None
    if save_checkpoint_steps is USE_DEFAULT and save_checkpoint_secs is USE_DEFAULT:
        save_checkpoint_steps, save_checkpoint_secs = None, 600
    elif save_checkpoint_secs is USE_DEFAULT:
        save_checkpoint_secs = None
    elif save_checkpoint_steps is USE_DEFAULT:
        save_checkpoint_steps = None
    scaffold = scaffold or Scaffold()
    all_hooks = []
    if not is_chief:
        creator = WorkerSessionCreator(scaffold, master, config, max_wait_secs)
        return MonitoredSession(creator, list(hooks or []), stop_grace_period_secs)
    creator = ChiefSessionCreator(scaffold, master, config, checkpoint_dir)
    all_hooks.extend(chief_only_hooks or [])
    if log_step_count_steps and log_step_count_steps > 0:
        all_hooks.append(hooks_lib.StepCounterHook(every_n_steps=log_step_count_steps,
                                                   output_dir=summary_dir or checkpoint_dir))
    summaries_to = summary_dir or checkpoint_dir
    if summaries_to and ((save_summaries_steps and save_summaries_steps > 0) or
                         (save_summaries_secs and save_summaries_secs > 0)):
        all_hooks.append(hooks_lib.SummarySaverHook(
            scaffold=scaffold, save_steps=save_summaries_steps, save_secs=save_summaries_secs,
            output_dir=summaries_to))
    if checkpoint_dir and (save_checkpoint_secs or save_checkpoint_steps):
        all_hooks.append(hooks_lib.CheckpointSaverHook(
            checkpoint_dir, save_secs=save_checkpoint_secs, save_steps=save_checkpoint_steps,
            scaffold=scaffold))
    all_hooks.extend(hooks or [])
    return MonitoredSession(creator, all_hooks, stop_grace_period_secs)
