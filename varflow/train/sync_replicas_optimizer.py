"""`tf.train.SyncReplicasOptimizer`: synchronous data-parallel training over shared variables.

Every worker adds its gradients to accumulators that live next to their variables (on the ps
tasks). The chief's runner thread waits until each accumulator holds `replicas_to_aggregate`
gradients for the current global step, applies their average with the wrapped optimizer, advances
the global step and puts `tokens_per_step` tokens (the new step) in a token queue. A worker's train
op adds its gradients, then takes a token and continues with that step; gradients computed for an
older step are dropped. TF's ConditionalAccumulator and FIFOQueue are variables here, updated by
the ops below through the slot primitive `update_many`, so each update runs atomically where the
value lives (inside the ps actor on a cluster), and blocking ops poll with a short sleep.
"""
from __future__ import annotations

import os
import threading
import time

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import (colocate_with, control_dependencies, convert_to_tensor, device,
                               get_default_graph, name_scope)
from ..framework.graph_keys import GraphKeys
from ..framework.indexed_slices import IndexedSlices
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops, control_flow_ops, math_ops, state_ops
from ..ops.op_util import make, make1
from ..platform import tf_logging as logging
from ..variables import variables
from .optimizer import Optimizer
from .session_run_hook import SessionRunHook

__all__ = ["SyncReplicasOptimizer"]

_POLL_SECS = 0.002


def _timeout() -> float:
    """How long a blocked take/dequeue waits before DeadlineExceededError (TF waits forever)."""
    return float(os.environ.get("VARFLOW_SYNC_TIMEOUT", "600"))


class _NotReadyError(Exception):
    """Raised inside an atomic update that has nothing to take yet: nothing is written."""


def _poll(attempt, what: str):
    """Call `attempt()` until it stops raising _NotReadyError; DeadlineExceededError after the timeout."""
    deadline = time.time() + _timeout()
    delay = _POLL_SECS
    while True:
        try:
            return attempt()
        except _NotReadyError:
            if time.time() > deadline:
                raise errors.DeadlineExceededError(
                    None, None, "%s waited %.0f s (set VARFLOW_SYNC_TIMEOUT to wait longer)."
                    % (what, _timeout())) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


# ------------------------------------------------------------------------------------------------
# Gradient accumulators: (sum, state = [step, count], taken) variables colocated with a variable
# ------------------------------------------------------------------------------------------------
def _accumulate(values, local_step, grad):
    """Add `grad` when it was computed for the accumulator's current step; drop it when stale."""
    acc, state = values
    if int(local_step) < int(state[0]):
        return [acc, state]
    grad = np.asarray(grad)
    if grad.shape != acc.shape:
        raise errors.InvalidArgumentError(
            None, None, "Shape mismatch: the gradient has shape %s, the accumulator %s."
            % (list(grad.shape), list(acc.shape)))
    return [acc + grad.astype(acc.dtype, copy=False), state + np.array([0, 1], state.dtype)]


def _take(values, num_required):
    """The average of the accumulated gradients (into `taken`); resets the sum, step += 1."""
    acc, state, _ = values
    count = int(state[1])
    if count < int(num_required):
        raise _NotReadyError(count)
    average = (acc / np.asarray(count, acc.dtype)).astype(acc.dtype, copy=False)
    return [np.zeros_like(acc), np.array([state[0] + 1, 0], state.dtype), average]


def _accumulate_kernel(acc, state, local_step, grad):
    acc.update_many([acc, state], _accumulate, np.asarray(local_step), np.asarray(grad))


def _take_kernel(acc, state, taken, num_required):
    new = _poll(lambda: acc.update_many([acc, state, taken], _take, int(num_required)),
                "Taking %d aggregated gradient(s) from %s" % (int(num_required), acc.name))
    return np.asarray(new[2])


def _out_like(index):
    def rule(inputs, attrs):
        t = inputs[index]
        return [(t._dtype.base_dtype, state_ops._static_shape_of(t))]
    return rule


define("SyncReplicasAccumulate", lambda inputs, attrs: [], _accumulate_kernel, stateful=True,
       ref_inputs=(0, 1), differentiable=False)
define("SyncReplicasTakeGradient", _out_like(0), _take_kernel, stateful=True,
       ref_inputs=(0, 1, 2), differentiable=False)


class _GradientAccumulator:
    """TF's ConditionalAccumulator as three variables next to `var` (in no collection: they are
    neither saved nor initialized by global_variables_initializer; the chief's init op sets them)."""

    def __init__(self, var, dtype):
        shape = var.get_shape()
        base = var.op.name
        with colocate_with(var.op):
            zeros = (array_ops.zeros(shape, dtype=dtype) if shape.is_fully_defined()
                     else array_ops.zeros_like(var, dtype=dtype))
            kw = dict(trainable=False, collections=[], validate_shape=shape.is_fully_defined())
            self.sum = variables.Variable(zeros, name=base + "/grad_accum", **kw)
            self.taken = variables.Variable(zeros, name=base + "/grad_accum_taken", **kw)
            self.state = variables.Variable(np.zeros([2], np.int64), trainable=False,
                                            collections=[], name=base + "/grad_accum_state")
        self.device = var.device
        self._var = var

    def apply_grad(self, grad, local_step):
        """Add `grad` (computed at `local_step`) unless it is stale."""
        with colocate_with(self._var.op):
            step = math_ops.cast(local_step, dtypes.int64)
            return make("SyncReplicasAccumulate", [self.sum._ref_or_handle(),
                                                   self.state._ref_or_handle(), step, grad],
                        {}, name="AccumulatorApplyGradient")

    def take_grad(self, num_required):
        """The average of at least `num_required` gradients (blocks until there are that many)."""
        with colocate_with(self._var.op):
            n = convert_to_tensor(num_required, dtype=dtypes.int32)
            return make1("SyncReplicasTakeGradient",
                         [self.sum._ref_or_handle(), self.state._ref_or_handle(),
                          self.taken._ref_or_handle(), n], {}, name="AccumulatorTakeGradient")

    def set_global_step(self, global_step):
        """Empty the accumulator and make `global_step` its current step (the chief's init)."""
        with colocate_with(self._var.op):
            step = math_ops.cast(global_step, dtypes.int64)
            state = array_ops.stack([step, convert_to_tensor(0, dtype=dtypes.int64)])
            return control_flow_ops.group(self.sum.initializer, self.taken.initializer,
                                          state_ops.assign(self.state, state),
                                          name="SetGlobalStep")

    @property
    def variables(self) -> list:
        return [self.sum, self.taken, self.state]


# ------------------------------------------------------------------------------------------------
# The sync token queue: an int64 vector [closed, last_dequeued, token, token, ...]
# ------------------------------------------------------------------------------------------------
def _enqueue(queue, tokens):
    if queue[0]:
        raise errors.CancelledError(None, None, "Enqueue on the closed sync token queue.")
    return np.concatenate([queue, np.asarray(tokens, np.int64).reshape(-1)])


def _dequeue(queue):
    if len(queue) > 2:
        return np.concatenate([queue[:1], queue[2:]])   # the token lands in position 1
    if queue[0]:
        raise errors.OutOfRangeError(
            None, None, "The sync token queue is closed and empty: the chief stopped training.")
    raise _NotReadyError()


def _close(queue):
    return np.concatenate([[1], queue[1:]]).astype(np.int64)


def _enqueue_kernel(queue, tokens):
    queue.update(_enqueue, np.asarray(tokens))


def _dequeue_kernel(queue):
    new = _poll(lambda: queue.update(_dequeue),
                "A worker waiting for a sync token (is the chief running? it needs "
                "opt.make_session_run_hook(is_chief=True) or opt.get_chief_queue_runner())")
    return np.asarray(new[1], np.int64)


def _close_kernel(queue):
    queue.update(_close)


define("SyncTokenEnqueueMany", lambda inputs, attrs: [], _enqueue_kernel, stateful=True,
       ref_inputs=(0,), differentiable=False)
define("SyncTokenDequeue", lambda inputs, attrs: [(dtypes.int64, TensorShape([]))],
       _dequeue_kernel, stateful=True, ref_inputs=(0,), differentiable=False)
define("SyncTokenClose", lambda inputs, attrs: [], _close_kernel, stateful=True,
       ref_inputs=(0,), differentiable=False)


class _TokenQueue:
    """TF's `sync_token_q` (a FIFOQueue of global-step values) as one variable on the global
    step's device."""

    def __init__(self, global_step):
        with colocate_with(global_step.op):
            self.var = variables.Variable(np.zeros([2], np.int64), trainable=False,
                                          collections=[], validate_shape=False,
                                          name="sync_token_q")

    def enqueue_many(self, tokens, name="sync_token_q_EnqueueMany"):
        with colocate_with(self.var.op):
            tokens = math_ops.cast(tokens, dtypes.int64)
            return make("SyncTokenEnqueueMany", [self.var._ref_or_handle(), tokens], {},
                        name=name)

    def dequeue(self, name="sync_token_q_Dequeue"):
        with colocate_with(self.var.op):
            return make1("SyncTokenDequeue", [self.var._ref_or_handle()], {}, name=name)

    def close(self, name="sync_token_q_Close"):
        with colocate_with(self.var.op):
            return make("SyncTokenClose", [self.var._ref_or_handle()], {}, name=name)


# ------------------------------------------------------------------------------------------------
# The chief's runner (TF's chief queue runner): apply each aggregated step, hand out tokens
# ------------------------------------------------------------------------------------------------
class _ChiefRunner:
    """A QueueRunner-like object: `create_threads(sess, coord, daemon, start)` starts one thread
    that runs `sync_op` each time `ready_op` says every accumulator is full (polling in between),
    until `coord` stops."""

    def __init__(self, ready_op, sync_op, close_op, name="sync_replicas_chief"):
        self._ready_op = ready_op
        self._sync_op = sync_op
        self.close_op = close_op
        self.enqueue_ops = [sync_op]
        self.name = name

    def _run(self, sess, coord):
        delay = _POLL_SECS
        try:
            while not (coord is not None and coord.should_stop()):
                if sess.run(self._ready_op):
                    sess.run(self._sync_op)
                    delay = _POLL_SECS
                else:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.02)
        except Exception as e:  # noqa: BLE001 - reported to the coordinator like a QueueRunner
            if coord is None:
                raise
            if isinstance(e, RuntimeError) and "closed Session" in str(e):
                return
            coord.request_stop(e)

    def create_threads(self, sess, coord=None, daemon: bool = False, start: bool = False) -> list:
        thread = threading.Thread(target=self._run, args=(sess, coord), daemon=daemon,
                                  name=self.name)
        if coord is not None:
            coord.register_thread(thread)
        if start:
            thread.start()
        return [thread]


# ------------------------------------------------------------------------------------------------
# The optimizer
# ------------------------------------------------------------------------------------------------
class SyncReplicasOptimizer(Optimizer):
    """Wraps `opt` so each update is the average of `replicas_to_aggregate` workers' gradients
    computed at the same global step (see the module docstring for the mechanism)."""

    def __init__(self, opt: Optimizer, replicas_to_aggregate: int, total_num_replicas=None,
                 variable_averages=None, variables_to_average=None, use_locking: bool = False,
                 name: str = "sync_replicas"):
        if total_num_replicas is None:
            total_num_replicas = replicas_to_aggregate
        super().__init__(use_locking, name)
        logging.info("SyncReplicas enabled: replicas_to_aggregate=%s; total_num_replicas=%s",
                     replicas_to_aggregate, total_num_replicas)
        self._opt = opt
        self._replicas_to_aggregate = int(replicas_to_aggregate)
        self._total_num_replicas = int(total_num_replicas)
        self._tokens_per_step = max(self._total_num_replicas, self._replicas_to_aggregate)
        self._variable_averages = variable_averages
        self._variables_to_average = variables_to_average
        self._gradients_applied = False
        self._global_step = None
        self._sync_token_queue = None
        self._chief_queue_runner = None
        self._accumulator_list: list = []

    def compute_gradients(self, *args, **kwargs):
        """The wrapped optimizer's gradients (aggregation happens in apply_gradients)."""
        return self._opt.compute_gradients(*args, **kwargs)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Build the worker's train op (accumulate, then wait for the next step's token) and the
        chief's sync op (apply the averages, advance `global_step`, hand out tokens)."""
        grads_and_vars = list(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("Must supply at least one variable")
        if global_step is None:
            raise ValueError("Global step is required to check staleness")
        self._global_step = global_step
        graph = get_default_graph()
        local_anchor = control_flow_ops.no_op()
        with colocate_with(local_anchor):    # the local step stays on this worker, not on a ps
            self._local_step = variables.Variable(
                0, trainable=False, collections=[GraphKeys.LOCAL_VARIABLES],
                dtype=global_step.dtype.base_dtype, name="sync_rep_local_step")
        self.local_step_init_op = state_ops.assign(self._local_step, global_step)
        chief_init_ops = [self.local_step_init_op]
        self.ready_for_local_init_op = variables.report_uninitialized_variables(
            variables.global_variables())

        train_ops, aggregated_grad, var_list = [], [], []
        with name_scope(name, self._name):
            for grad, var in grads_and_vars:
                var_list.append(var)
                if grad is None:
                    aggregated_grad.append(None)
                    continue
                if isinstance(grad, IndexedSlices):
                    grad = convert_to_tensor(grad)    # accumulated densely
                accumulator = _GradientAccumulator(var, grad.dtype.base_dtype)
                train_ops.append(accumulator.apply_grad(grad, self._local_step))
                aggregated_grad.append(accumulator.take_grad(self._replicas_to_aggregate))
                self._accumulator_list.append((accumulator, var.device))
            if not self._accumulator_list:
                raise ValueError("No gradients provided for any variable: %s."
                                 % ([str(v) for v in var_list],))
            update_op = self._opt.apply_gradients(list(zip(aggregated_grad, var_list)),
                                                  global_step)
            with device(global_step.device):
                counts = [a.state.value()[1] for a, _ in self._accumulator_list]
                ready_op = math_ops.reduce_all(
                    array_ops.stack(counts) >= self._replicas_to_aggregate,
                    name="gradients_ready")
        with device(global_step.device), name_scope(""):
            queue = self._sync_token_queue = _TokenQueue(global_step)
            with control_dependencies(train_ops):
                token = queue.dequeue()
            train_op = state_ops.assign(self._local_step, token)
            with control_dependencies([update_op]):
                tokens = array_ops.fill([self._tokens_per_step], global_step)
                sync_op = queue.enqueue_many(tokens)
            if self._variable_averages is not None:
                with control_dependencies([sync_op]), name_scope(""):
                    sync_op = self._variable_averages.apply(self._variables_to_average)
            close_op = queue.close()
        self._chief_queue_runner = _ChiefRunner(ready_op, sync_op, close_op)
        for accumulator, dev in self._accumulator_list:
            with device(dev):
                chief_init_ops.append(accumulator.set_global_step(global_step))
        with colocate_with(queue.var.op):
            chief_init_ops.append(queue.var.initializer)
        self.chief_init_op = control_flow_ops.group(*chief_init_ops)
        sync_vars = [v for a, _ in self._accumulator_list for v in a.variables] + [queue.var]
        self._sync_vars_ready_op = variables.report_uninitialized_variables(sync_vars)
        train_ops_collection = graph.get_collection_ref(GraphKeys.TRAIN_OP)
        if train_op.op not in train_ops_collection:
            train_ops_collection.append(train_op.op)
        self._gradients_applied = True
        return train_op

    def get_chief_queue_runner(self):
        """The runner the chief starts (one thread applying each aggregated step)."""
        if not self._gradients_applied:
            raise ValueError("Should be called after apply_gradients().")
        return self._chief_queue_runner

    def get_init_tokens_op(self, num_tokens: int = -1):
        """Puts `num_tokens` tokens (default replicas_to_aggregate) in the queue so the workers'
        first steps do not wait; run once by the chief after its init op."""
        if not self._gradients_applied:
            raise ValueError("get_init_tokens_op() should be called after apply_gradients().")
        tokens_needed = self._replicas_to_aggregate - self._total_num_replicas
        if num_tokens == -1:
            num_tokens = self._replicas_to_aggregate
        elif num_tokens < tokens_needed:
            raise ValueError("Too few tokens to finish the first step: %d (given) vs %d (needed)"
                             % (num_tokens, tokens_needed))
        if num_tokens > 0:
            with device(self._global_step.device), name_scope(""):
                tokens = array_ops.fill([num_tokens], self._global_step)
                return self._sync_token_queue.enqueue_many(tokens)
        return control_flow_ops.no_op(name="no_init_tokens")

    def make_session_run_hook(self, is_chief: bool, num_tokens: int = -1) -> SessionRunHook:
        """The hook that runs the chief's (or a worker's) init and starts the chief's runner."""
        return _SyncReplicasOptimizerHook(self, is_chief, num_tokens)

    # --- delegated to the wrapped optimizer ------------------------------------------------------
    def get_slot(self, *args, **kwargs):
        return self._opt.get_slot(*args, **kwargs)

    def get_slot_names(self, *args, **kwargs):
        return self._opt.get_slot_names(*args, **kwargs)

    def variables(self) -> list:
        return self._opt.variables()


def _wait_until_empty(session, report_op, what: str) -> None:
    deadline = time.time() + _timeout()
    while np.asarray(session.run(report_op)).size:
        if time.time() > deadline:
            raise errors.DeadlineExceededError(None, None, "Timed out waiting for %s." % what)
        time.sleep(0.05)


class _SyncReplicasOptimizerHook(SessionRunHook):
    """Chief: runs the chief init op and the init tokens, starts the runner thread, and closes the
    token queue at the end (so waiting workers stop with OutOfRangeError instead of hanging).
    Worker: waits for the chief's accumulators, then sets its local step to the global step."""

    def __init__(self, sync_optimizer: SyncReplicasOptimizer, is_chief: bool, num_tokens: int):
        self._sync_optimizer = sync_optimizer
        self._is_chief = is_chief
        self._num_tokens = num_tokens

    def begin(self):
        opt = self._sync_optimizer
        if not opt._gradients_applied:
            raise ValueError("SyncReplicasOptimizer.apply_gradient should be called before using "
                             "the hook.")
        if self._is_chief:
            self._local_init_op = opt.chief_init_op
            self._q_runner = opt.get_chief_queue_runner()
            self._init_tokens_op = opt.get_init_tokens_op(self._num_tokens)
        else:
            self._local_init_op = opt.local_step_init_op
            self._q_runner = None
            self._init_tokens_op = None
        self._ready_for_local_init_op = opt.ready_for_local_init_op

    def after_create_session(self, session, coord):
        names = np.asarray(session.run(self._ready_for_local_init_op)).reshape(-1)
        if names.size:
            raise RuntimeError("Init operations did not make model ready for SyncReplicasOptimizer "
                               "local_init. Init op: %s, error: Variables not initialized: %s"
                               % (self._local_init_op.name, ", ".join(
                                   n.decode() if isinstance(n, bytes) else str(n)
                                   for n in names)))
        if not self._is_chief:
            _wait_until_empty(session, self._sync_optimizer._sync_vars_ready_op,
                              "the chief to create the SyncReplicasOptimizer accumulators")
        session.run(self._local_init_op)
        if self._init_tokens_op is not None:
            session.run(self._init_tokens_op)
        if self._q_runner is not None:
            self._q_runner.create_threads(session, coord=coord, daemon=True, start=True)

    def end(self, session):
        if self._is_chief:
            session.run(self._q_runner.close_op)
