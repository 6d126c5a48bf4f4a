"""MonitoredSession, Scaffold, SessionManager and hooks: the behaviours TF code relies on."""
import os
from types import SimpleNamespace

import pytest

import varflow as tf
from varflow.framework import errors
from varflow.train import basic_session_run_hooks as hooks_lib


def test_close_unfinalizes_the_graph_and_closing_twice_fails():
    with tf.Graph().as_default() as g:
        tf.Variable(1.0, name="v")
        sess = tf.train.MonitoredSession()
        assert g.finalized
        sess.close()
        assert not g.finalized and sess.should_stop()
        with pytest.raises(RuntimeError, match="already closed"):
            sess.close()
        with pytest.raises(AttributeError, match="closed"):
            sess.run("v:0")


def test_scaffold_default_ops_have_tfs_names():
    with tf.Graph().as_default():
        tf.Variable(1.0, name="v")
        s = tf.train.Scaffold().finalize()
        assert [s.init_op.name, s.ready_op.name, s.ready_for_local_init_op.name, s.local_init_op.name] == \
            ["group_deps", "concat:0", "concat_1:0", "group_deps_1"]
        assert s.saver.saver_def.sharded


def test_step_fn_request_stop_raises_stop_iteration_that_the_with_block_swallows():
    with tf.Graph().as_default():
        c = tf.Variable(0, name="c")
        inc = tf.assign_add(c, 1)
        seen = []

        def step_fn(ctx):
            seen.append(int(ctx.run_with_hooks(inc, feed_dict=None)))
            ctx.request_stop()

        with tf.train.MonitoredSession() as sess:
            sess.run_step_fn(step_fn)
            seen.append("not reached")
    assert seen == [1]


def test_logging_tensor_hook_logs_a_list_of_tensors_every_n_iter(monkeypatch):
    logged = []
    monkeypatch.setattr(hooks_lib, "logging", SimpleNamespace(info=lambda fmt, *args: logged.append(fmt % args)))
    with tf.Graph().as_default():
        c = tf.Variable(0, name="c")
        inc = tf.assign_add(c, 1)
        hook = tf.train.LoggingTensorHook([c, "c:0"], every_n_iter=2)
        with tf.train.MonitoredSession(hooks=[hook]) as sess:
            for _ in range(3):
                sess.run(inc)
    assert len(logged) == 2 and all("c:0 = " in line for line in logged)


def test_checkpoint_saver_hook_writes_graph_pbtxt_into_a_new_directory(tmp_path):
    ckdir = str(tmp_path / "a" / "b")
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        step = tf.assign_add(gs, 1)
        with tf.train.MonitoredSession(hooks=[tf.train.CheckpointSaverHook(ckdir, save_steps=2)]) as sess:
            for _ in range(3):
                sess.run(step)
    assert sorted(f for f in os.listdir(ckdir) if not f.startswith("model.ckpt")) == ["checkpoint", "graph.pbtxt"]
    assert tf.train.latest_checkpoint(ckdir).endswith("model.ckpt-3")


def test_wait_for_session_raises_deadline_exceeded():
    with tf.Graph().as_default():
        tf.Variable(1.0, name="v")
        sm = tf.train.SessionManager(ready_op=tf.report_uninitialized_variables(), recovery_wait_secs=0.01)
        with pytest.raises(errors.DeadlineExceededError, match="not ready after waiting"):
            sm.wait_for_session("", max_wait_secs=0.05)


def test_monitored_training_session_writes_the_graphs_summaries(tmp_path):
    from varflow.tools.event_file import summary_iterator

    step = tf.train.get_or_create_global_step()
    loss = tf.Variable(1.0)
    tf.summary.scalar("loss", loss)
    train = tf.group(tf.assign_add(step, 1), tf.assign_add(loss, 1.0))
    with tf.train.MonitoredTrainingSession(checkpoint_dir=str(tmp_path), save_summaries_steps=2,
                                           log_step_count_steps=None, save_checkpoint_secs=None) as sess:
        for _ in range(5):
            sess.run(train)
    (path,) = [os.path.join(tmp_path, f) for f in os.listdir(tmp_path) if f.startswith("events.")]
    events = list(summary_iterator(path))
    assert [e.WhichOneof("what") for e in events[:4]] == ["file_version", "graph_def", "meta_graph_def",
                                                          "session_log"]
    assert [e.step for e in events if e.WhichOneof("what") == "summary"] == [1, 3, 5]
    assert len(tf.get_collection(tf.GraphKeys.SUMMARY_OP)) == 1     # the Scaffold's merge_all()
