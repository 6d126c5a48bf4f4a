"""tf.train.Supervisor: the chief initializes or restores from logdir and checkpoints in the
background; a non-chief waits for the chief's model; errors stop the managed session."""
import os
import threading

import numpy as np
import pytest

import varflow as tf
from varflow.train.device_setter import replica_device_setter
from varflow.train.supervisor import Supervisor


def _graph():
    step = tf.train.get_or_create_global_step()
    v = tf.Variable(0.0, name="v")
    train = tf.group(tf.assign_add(v, 1.0), tf.assign_add(step, 1))
    return step, v, train


def test_chief_initializes_checkpoints_and_restores(tmp_path):
    logdir = str(tmp_path)
    with tf.Graph().as_default():
        step, v, train = _graph()
        sv = Supervisor(logdir=logdir, save_model_secs=3600, save_summaries_secs=3600)
        assert sv.is_chief and sv.global_step is step and sv.saver is not None
        assert sv.save_path == os.path.join(logdir, "model.ckpt")
        with sv.managed_session() as sess:
            while tf.train.latest_checkpoint(logdir) is None:    # the service saves at start
                sv.coord.wait_for_stop(0.005)
            for _ in range(3):
                sess.run(train)
            sv.saver.save(sess, sv.save_path, global_step=step)
            assert sv.start_queue_runners(sess) == []
        assert sv.should_stop()
        assert tf.train.latest_checkpoint(logdir).endswith("model.ckpt-3")
        assert any(name.startswith("events.out.tfevents") for name in os.listdir(logdir))
        assert os.path.exists(os.path.join(logdir, "model.ckpt-0.index"))
    with tf.Graph().as_default():
        step, v, train = _graph()
        sv = Supervisor(logdir=logdir, save_model_secs=0)
        with sv.managed_session() as sess:
            assert sess.run([step, v]) == [3, 3.0]     # restored, not re-initialized


def test_errors_in_the_managed_block_are_raised_after_stop_and_out_of_range_is_clean():
    with tf.Graph().as_default():
        _graph()
        sv = Supervisor(logdir=None)
        with pytest.raises(ValueError, match="inside"):
            with sv.managed_session():
                raise ValueError("inside")
        with sv.managed_session():
            raise tf.errors.OutOfRangeError(None, None, "input exhausted")
        with pytest.raises(RuntimeError, match="Only chief"):
            Supervisor(graph=tf.Graph(), is_chief=False, saver=None).start_standard_services(None)


def test_loop_runs_a_function_until_stop():
    with tf.Graph().as_default():
        _graph()
        sv = Supervisor(logdir=None)
        calls = []
        with sv.managed_session():
            sv.loop(0.005, calls.append, args=(1,))
            while len(calls) < 3:
                sv.coord.wait_for_stop(0.005)
        assert len(calls) >= 3


def test_non_chief_waits_for_the_chief_on_a_cluster(cluster):
    workers, _ = cluster
    spec = workers[0]._cluster_spec
    seen = {}

    def run(task):
        with tf.Graph().as_default():
            with tf.device(replica_device_setter(cluster=spec)):
                step, v, train = _graph()
            sv = Supervisor(is_chief=task == 0, logdir=None, recovery_wait_secs=0.05)
            with sv.managed_session(workers[task].target) as sess:
                if task == 0:
                    sess.run(train)
                seen[task] = sess.run(v)

    chief_ready = threading.Thread(target=run, args=(1,))
    chief_ready.start()            # the worker starts first and waits
    run(0)
    chief_ready.join(timeout=60)
    assert seen[0] == 1.0 and seen[1] in (0.0, 1.0)
    np.testing.assert_equal(seen[0], 1.0)
