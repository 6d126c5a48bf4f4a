"""`tf.train.Supervisor`: TF1's pre-MonitoredSession training helper. The chief initializes the model
(or restores it from the latest checkpoint in `logdir`) and runs the standard services in
background threads (checkpoints every `save_model_secs`, summaries and steps/sec every
`save_summaries_secs`); other workers wait until the model is ready. A Coordinator stops it all."""
from __future__ import annotations

import contextlib
import os
import time

from ..framework.graph import get_default_graph
from ..framework.graph_def import write_graph
from ..framework.graph_keys import GraphKeys
from ..platform import tf_logging as logging
from ..variables import variables
from . import training_util
from .coordinator import Coordinator, LooperThread
from .session_manager import SessionManager

__all__ = ["Supervisor"]


class Supervisor:
    """Creates (`prepare_or_wait_for_session`, `managed_session`) and supervises a training
    session; see the module docstring. Pass None for any op to disable what it does."""

    USE_DEFAULT = 0

    def __init__(self, graph=None, ready_op=USE_DEFAULT, ready_for_local_init_op=USE_DEFAULT,
                 is_chief: bool = True, init_op=USE_DEFAULT, init_feed_dict=None,
                 local_init_op=USE_DEFAULT, logdir=None, summary_op=USE_DEFAULT,
                 saver=USE_DEFAULT, global_step=USE_DEFAULT, save_summaries_secs=120,
                 save_model_secs=600, recovery_wait_secs=30, stop_grace_secs=120,
                 checkpoint_basename: str = "model.ckpt", session_manager=None,
                 summary_writer=USE_DEFAULT, init_fn=None, local_init_run_options=None):
        self._graph = graph = graph or get_default_graph()
        with graph.as_default():
            self._ready_op = self._default(ready_op, GraphKeys.READY_OP,
                                           variables.report_uninitialized_variables)
            self._ready_for_local_init_op = self._default(  # no default op, as in TF
                ready_for_local_init_op, GraphKeys.READY_FOR_LOCAL_INIT_OP, lambda: None)
            self._init_op = self._default(init_op, GraphKeys.INIT_OP,
                                          variables.global_variables_initializer)
            self._local_init_op = self._default(local_init_op, GraphKeys.LOCAL_INIT_OP,
                                                _default_local_init_op)
            self._saver = self._default_saver(saver)
            self._summary_op = self._default(summary_op, GraphKeys.SUMMARY_OP, _merge_all)
            if global_step is Supervisor.USE_DEFAULT:
                global_step = training_util.get_global_step(graph)
            self._global_step = global_step
        self._init_feed_dict = init_feed_dict
        self._init_fn = init_fn
        self._is_chief = is_chief
        self._coord = Coordinator()
        self._recovery_wait_secs = recovery_wait_secs
        self._stop_grace_secs = stop_grace_secs
        self._logdir = logdir
        self._save_summaries_secs = save_summaries_secs
        self._save_model_secs = save_model_secs
        self._save_path = os.path.join(logdir, checkpoint_basename) if logdir else None
        if summary_writer is Supervisor.USE_DEFAULT:
            summary_writer = None
            if is_chief and logdir:
                from ..summary.writer import FileWriter

                summary_writer = FileWriter(logdir)
        self._summary_writer = summary_writer
        self._graph_added_to_summary = False
        self._session_manager = session_manager or SessionManager(
            local_init_op=self._local_init_op, ready_op=self._ready_op,
            ready_for_local_init_op=self._ready_for_local_init_op, graph=graph,
            recovery_wait_secs=recovery_wait_secs, local_init_run_options=local_init_run_options)
        graph.finalize()

    # --- defaults (TF's: the op in the graph collection, else a new one stored there) -----------
    def _default(self, op, key: str, make):
        if op is not Supervisor.USE_DEFAULT:
            return op
        found = self._graph.get_collection(key)
        if found:
            return found[0]
        op = make()
        if op is not None:
            self._graph.add_to_collection(key, op)
        return op

    def _default_saver(self, saver):
        if saver is not Supervisor.USE_DEFAULT:
            return saver
        found = self._graph.get_collection(GraphKeys.SAVERS)
        if found:
            return found[0]
        if not variables.global_variables():
            return None
        from .saver import Saver

        saver = Saver()
        self._graph.add_to_collection(GraphKeys.SAVERS, saver)
        return saver

    # --- sessions ---------------------------------------------------------------------------------
    def prepare_or_wait_for_session(self, master: str = "", config=None,
                                    wait_for_checkpoint: bool = False, max_wait_secs=7200,
                                    start_standard_services: bool = True):
        """The chief restores from `logdir` or initializes (and starts the services); a worker
        waits for the chief's model to be ready."""
        self._coord.clear_stop()
        if self._summary_writer is not None:
            self._summary_writer.reopen()
        if self._is_chief:
            sess = self._session_manager.prepare_session(
                master, init_op=self._init_op, saver=self._saver, checkpoint_dir=self._logdir,
                wait_for_checkpoint=wait_for_checkpoint, max_wait_secs=max_wait_secs,
                config=config, init_feed_dict=self._init_feed_dict, init_fn=self._init_fn)
            self._write_graph()
            if start_standard_services:
                logging.info("Starting standard services.")
                self.start_standard_services(sess)
        else:
            sess = self._session_manager.wait_for_session(master, config=config,
                                                          max_wait_secs=max_wait_secs)
        if start_standard_services:
            self.start_queue_runners(sess)
        return sess

    @contextlib.contextmanager
    def managed_session(self, master: str = "", config=None, start_standard_services: bool = True,
                        close_summary_writer: bool = True):
        """`with sv.managed_session(...) as sess:` a prepared session; on exit the services stop,
        an error is re-raised (OutOfRangeError counts as a clean stop) and the session closes."""
        sess = None
        try:
            sess = self.prepare_or_wait_for_session(
                master=master, config=config, start_standard_services=start_standard_services)
            yield sess
        except Exception as e:  # noqa: BLE001 - reported through the coordinator, re-raised by stop
            self.request_stop(e)
        finally:
            try:
                self.stop(close_summary_writer=close_summary_writer)
            finally:
                if sess is not None:
                    try:
                        sess.close()
                    except Exception:  # noqa: BLE001 - the session may already be broken
                        pass

    def start_standard_services(self, sess) -> list:
        """Start the chief's service threads: checkpoints, summaries, steps/sec."""
        if not self._is_chief:
            raise RuntimeError("Only chief supervisor can start standard services. Because only "
                               "chief supervisors can write events.")
        threads = []
        if self._logdir and self._save_summaries_secs and self._summary_writer is not None:
            if self._summary_op is not None:
                threads.append(_SummaryThread(self, sess))
            if self._global_step is not None:
                threads.append(_StepCounterThread(self, sess))
        if self._save_path and self._save_model_secs and self._saver is not None:
            threads.append(_CheckpointThread(self, sess))
        for t in threads:
            t.start()
        return threads

    def start_queue_runners(self, sess, queue_runners=None) -> list:
        """Start the threads of `queue_runners` (objects with `create_threads`, e.g. the
        SyncReplicasOptimizer's chief runner); by default the graph's QUEUE_RUNNERS (varflow has
        no input queues, so usually none)."""
        if queue_runners is None:
            queue_runners = self._graph.get_collection(GraphKeys.QUEUE_RUNNERS)
        threads = []
        for qr in queue_runners:
            threads.extend(qr.create_threads(sess, coord=self._coord, daemon=True, start=True))
        return threads

    def _write_graph(self) -> None:
        """Write the graph to `logdir/graph.pbtxt` and, once, to the summary writer."""
        if self._logdir:
            write_graph(self._graph.as_graph_def(add_shapes=True), self._logdir, "graph.pbtxt")
        if self._summary_writer is not None and not self._graph_added_to_summary:
            self._summary_writer.add_graph(self._graph)
            self._graph_added_to_summary = True

    # --- stopping ---------------------------------------------------------------------------------
    def stop(self, threads=None, close_summary_writer: bool = True,
             ignore_live_threads: bool = False) -> None:
        """Stop the services and join their threads (and `threads`); re-raises a reported error."""
        self._coord.request_stop()
        try:
            self._coord.join(threads, stop_grace_period_secs=self._stop_grace_secs,
                             ignore_live_threads=ignore_live_threads)
        finally:
            if close_summary_writer and self._summary_writer is not None:
                self._summary_writer.close()
                self._graph_added_to_summary = False

    def request_stop(self, ex=None) -> None:
        self._coord.request_stop(ex=ex)

    def should_stop(self) -> bool:
        return self._coord.should_stop()

    def stop_on_exception(self):
        return self._coord.stop_on_exception()

    def wait_for_stop(self) -> None:
        self._coord.wait_for_stop()

    def loop(self, timer_interval_secs, target, args=None, kwargs=None) -> LooperThread:
        """Start a thread calling `target(*args, **kwargs)` every `timer_interval_secs`."""
        return LooperThread.loop(self._coord, timer_interval_secs, target, args=args,
                                 kwargs=kwargs)

    def summary_computed(self, sess, summary, global_step=None) -> None:
        """Write `summary` (a summary op's value) at `global_step` (default: the current one)."""
        if self._summary_writer is None:
            raise RuntimeError("Writing a summary requires a summary writer.")
        if global_step is None and self._global_step is not None:
            global_step = int(sess.run(self._global_step))
        self._summary_writer.add_summary(summary, global_step)

    # --- properties -------------------------------------------------------------------------------
    is_chief = property(lambda self: self._is_chief)
    coord = property(lambda self: self._coord)
    init_op = property(lambda self: self._init_op)
    init_feed_dict = property(lambda self: self._init_feed_dict)
    ready_op = property(lambda self: self._ready_op)
    ready_for_local_init_op = property(lambda self: self._ready_for_local_init_op)
    local_init_op = property(lambda self: self._local_init_op)
    summary_writer = property(lambda self: self._summary_writer)
    summary_op = property(lambda self: self._summary_op)
    save_summaries_secs = property(lambda self: self._save_summaries_secs)
    global_step = property(lambda self: self._global_step)
    saver = property(lambda self: self._saver)
    session_manager = property(lambda self: self._session_manager)
    save_model_secs = property(lambda self: self._save_model_secs)
    save_path = property(lambda self: self._save_path)


def _default_local_init_op():
    from ..ops import control_flow_ops

    ops = [variables.local_variables_initializer()]
    tables = get_default_graph().get_collection(GraphKeys.TABLE_INITIALIZERS)
    return control_flow_ops.group(*(ops + list(tables)))


def _merge_all():
    from ..summary.summary_ops import merge_all

    return merge_all()


# ------------------------------------------------------------------------------------------------
# The standard services
# ------------------------------------------------------------------------------------------------
class _SummaryThread(LooperThread):
    """Runs the summary op and writes its value every `save_summaries_secs`."""

    def __init__(self, sv: Supervisor, sess):
        super().__init__(sv.coord, sv.save_summaries_secs)
        self._sv, self._sess = sv, sess

    def run_loop(self):
        if self._sv.global_step is not None:
            summary, step = self._sess.run([self._sv.summary_op, self._sv.global_step])
        else:
            summary, step = self._sess.run(self._sv.summary_op), None
        if self._sv.summary_writer is not None:
            self._sv.summary_writer.add_summary(summary, step)


class _StepCounterThread(LooperThread):
    """Writes `global_step/sec` every `save_summaries_secs`."""

    def __init__(self, sv: Supervisor, sess):
        super().__init__(sv.coord, sv.save_summaries_secs)
        self._sv, self._sess = sv, sess
        self._last = None
        self.last_rate = None

    def run_loop(self):
        step, now = int(self._sess.run(self._sv.global_step)), time.time()
        if self._last is not None and now > self._last[1]:
            self.last_rate = (step - self._last[0]) / (now - self._last[1])
            from ..summary.summary_pb import Summary

            tag = "global_step/sec"
            summary = Summary(value=[Summary.Value(tag=tag, simple_value=self.last_rate)])
            self._sv.summary_writer.add_summary(summary, step)
            logging.info("%s: %g", tag, self.last_rate)
        self._last = (step, now)


class _CheckpointThread(LooperThread):
    """Saves a checkpoint to `save_path` every `save_model_secs` (the first one at start)."""

    def __init__(self, sv: Supervisor, sess):
        super().__init__(sv.coord, sv.save_model_secs)
        self._sv, self._sess = sv, sess

    def run_loop(self):
        logging.info("Saving checkpoint to path %s", self._sv.save_path)
        self._sv.saver.save(self._sess, self._sv.save_path, global_step=self._sv.global_step)
