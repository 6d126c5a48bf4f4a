"""SummarySaverHook, GlobalStepWaiterHook, FeedFnHook and tf.train.basic_train_loop."""
import glob
import threading
import time

import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.summary.writer import FileWriterCache
from varflow.tools.event_file import summary_iterator
from varflow.train import basic_session_run_hooks as hooks
from varflow.train.train_loops import basic_train_loop


def _events(logdir):
    """(step, what, detail) of every event after the file-version record of the one events file."""
    (path,) = glob.glob(str(logdir) + "/events.out.tfevents.*")
    out = []
    for event in list(summary_iterator(path))[1:]:
        if event.HasField("session_log"):
            out.append((event.step, "session_log", event.session_log.status))
        elif event.HasField("summary"):
            out.append((event.step, "summary", [(v.tag, v.simple_value) for v in event.summary.value]))
        else:
            out.append((event.step, "other", None))
    return out


def _model():
    gs = tf.train.get_or_create_global_step()
    x = tf.placeholder(tf.float32, [], name="x")
    loss = tf.summary.scalar("loss", x * 2.0)
    return gs, x, loss, tf.assign_add(gs, 1)


# ---------------------------------------------------------------------------------------------
# SummarySaverHook
# ---------------------------------------------------------------------------------------------
def test_summary_saver_hook_argument_errors():
    # Messages observed in TF 2.21.
    with pytest.raises(ValueError, match="Exactly one of scaffold or summary_op must be provided."):
        hooks.SummarySaverHook(save_steps=1)
    with pytest.raises(ValueError, match="Exactly one of scaffold or summary_op"):
        hooks.SummarySaverHook(save_steps=1, summary_op=1, scaffold=2)
    with pytest.raises(ValueError, match="Either every_secs or every_steps should be provided."):
        hooks.SummarySaverHook(summary_op=1)
    with pytest.raises(ValueError, match="Can not provide both every_secs and every_steps."):
        hooks.SummarySaverHook(save_steps=1, save_secs=1, summary_op=1)


def test_summary_saver_hook_needs_global_step(tmp_path):
    with tf.Graph().as_default():
        hook = hooks.SummarySaverHook(save_steps=1, summary_writer=tf.summary.FileWriter(str(tmp_path)),
                                      summary_op=tf.constant(1))
        with pytest.raises(RuntimeError, match="Global step should be created to use SummarySaverHook"):
            hook.begin()


def test_summary_saver_hook_every_two_steps(tmp_path):
    # TF 2.21 wrote: START at step 1, then "loss" = 6 at steps 1, 3, 5 for five runs.
    with tf.Graph().as_default():
        _, x, loss, train = _model()
        writer = tf.summary.FileWriter(str(tmp_path))
        hook = hooks.SummarySaverHook(save_steps=2, summary_writer=writer, summary_op=loss)
        with tf.train.MonitoredSession(hooks=[hook]) as sess:
            for _ in range(5):
                sess.run(train, feed_dict={x: 3.0})
        writer.close()
    start = tf.summary.SessionLog.START
    assert _events(tmp_path) == [(1, "session_log", start)] + [
        (step, "summary", [("loss", 6.0)]) for step in (1, 3, 5)]


def test_summary_saver_hook_output_dir_scaffold_and_list(tmp_path):
    with tf.Graph().as_default():
        _, x, loss, train = _model()
        other = tf.summary.scalar("other", x + 1.0)
        scaffold = tf.train.Scaffold(summary_op=[loss, other])
        hook = hooks.SummarySaverHook(save_secs=3600, output_dir=str(tmp_path), scaffold=scaffold)
        try:
            with tf.train.MonitoredSession(
                    session_creator=tf.train.ChiefSessionCreator(scaffold=scaffold),
                    hooks=[hook]) as sess:
                for _ in range(3):
                    sess.run(train, feed_dict={x: 1.5})
            assert hook._summary_writer is FileWriterCache.get(str(tmp_path))
        finally:
            FileWriterCache.clear()
    events = [e for e in _events(tmp_path) if e[1] != "other"]     # the cached writer adds the graph
    assert events == [(1, "session_log", tf.summary.SessionLog.START),
                      (1, "summary", [("loss", 3.0)]), (1, "summary", [("other", 2.5)])]


def test_summary_saver_hook_without_summaries_writes_start_only(tmp_path):
    with tf.Graph().as_default():
        _, _, _, train = _model()
        writer = tf.summary.FileWriter(str(tmp_path))
        hook = hooks.SummarySaverHook(save_steps=1, summary_writer=writer,
                                      scaffold=tf.train.Scaffold())
        with tf.train.MonitoredSession(hooks=[hook]) as sess:
            sess.run(train)
            sess.run(train)
        writer.close()
    assert _events(tmp_path) == [(1, "session_log", tf.summary.SessionLog.START)]


# ---------------------------------------------------------------------------------------------
# GlobalStepWaiterHook
# ---------------------------------------------------------------------------------------------
class _Context:
    def __init__(self, session):
        self.session = session


def test_global_step_waiter_needs_global_step():
    with tf.Graph().as_default():
        with pytest.raises(RuntimeError, match="to use _GlobalStepWaiterHook"):
            hooks.GlobalStepWaiterHook(3).begin()


def test_global_step_waiter_waits_for_step(monkeypatch):
    monkeypatch.setattr(hooks, "_WAIT_POLL_SECS", 0.01)
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        bump = tf.assign_add(gs, 1)
        hook = hooks.GlobalStepWaiterHook(wait_until_step=3)
        hook.begin()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())

            def chief():
                for _ in range(3):
                    time.sleep(0.02)
                    sess.run(bump)

            thread = threading.Thread(target=chief)
            thread.start()
            assert hook.before_run(_Context(sess)) is None
            thread.join()
            assert sess.run(gs) == 3
            # once started it never waits again, whatever the step
            assert hook.before_run(None) is None


def test_global_step_waiter_zero_step_never_reads():
    with tf.Graph().as_default():
        tf.train.get_or_create_global_step()
        hook = hooks.GlobalStepWaiterHook(0)
        hook.begin()
        assert hook.before_run(None) is None


def test_global_step_waiter_in_monitored_session():
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        init = tf.assign(gs, 5)
        train = tf.assign_add(gs, 1)
        hook = hooks.GlobalStepWaiterHook(5)
        scaffold = tf.train.Scaffold(init_fn=lambda scaffold, sess: sess.run(init))
        with tf.train.MonitoredSession(tf.train.ChiefSessionCreator(scaffold=scaffold),
                                       hooks=[hook]) as sess:
            assert sess.run(train) == 6


# ---------------------------------------------------------------------------------------------
# FeedFnHook
# ---------------------------------------------------------------------------------------------
def test_feed_fn_hook_feeds_every_run():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2], name="x")
        y = x * 2.0
        values = iter([np.array([1.0, 2.0]), np.array([3.0, 4.0])])
        hook = hooks.FeedFnHook(lambda: {x: next(values)})
        with tf.train.MonitoredSession(hooks=[hook]) as sess:
            np.testing.assert_allclose(sess.run(y), [2.0, 4.0])
            np.testing.assert_allclose(sess.run(y), [6.0, 8.0])
            with pytest.raises(RuntimeError, match="Same tensor is fed by a SessionRunHook and user"):
                sess.run(y, feed_dict={x: [0.0, 0.0]})


def test_feed_fn_hook_args():
    args = hooks.FeedFnHook(lambda: {"a:0": 1}).before_run(None)
    assert args.fetches is None and args.feed_dict == {"a:0": 1} and args.options is None


# ---------------------------------------------------------------------------------------------
# basic_train_loop
# ---------------------------------------------------------------------------------------------
def test_basic_train_loop_runs_until_stop():
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        train = tf.assign_add(gs, 1)
        sv = tf.train.Supervisor(logdir=None, summary_op=None)
        seen = []

        def step(sess, scale, offset=0):
            seen.append(int(sess.run(train)) * scale + offset)
            if len(seen) == 3:
                sv.request_stop()

        basic_train_loop(sv, step, args=[10], kwargs={"offset": 1})
        assert seen == [11, 21, 31]


def test_basic_train_loop_retries_after_aborted():
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        train = tf.assign_add(gs, 1)
        sv = tf.train.Supervisor(logdir=None, summary_op=None)
        calls = []

        def step(sess):
            calls.append(int(sess.run(train)))
            if len(calls) == 2:
                raise errors.AbortedError(None, None, "parameter server restarted")
            if len(calls) == 4:
                sv.request_stop()

        basic_train_loop(sv, step)
        # the second managed session starts from a fresh initialization
        assert calls == [1, 2, 1, 2]


def test_basic_train_loop_other_errors_propagate():
    with tf.Graph().as_default():
        tf.train.get_or_create_global_step()
        sv = tf.train.Supervisor(logdir=None, summary_op=None)

        def step(sess):
            raise errors.InvalidArgumentError(None, None, "bad step")

        with pytest.raises(errors.InvalidArgumentError, match="bad step"):
            basic_train_loop(sv, step)
