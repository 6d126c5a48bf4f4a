"""Variables on /job:ps live in Ray actors shared by sessions and processes; local sessions stay private."""
import signal
import subprocess
import sys

import numpy as np
import pytest

import varflow as tf
from varflow.train.device_setter import replica_device_setter


def _counter_graph(cluster_dict):
    with tf.device(replica_device_setter(cluster=cluster_dict)):
        counter = tf.Variable(0, name="counter")
        value = tf.Variable(0.0, name="value")
    return counter, value


def test_two_sessions_on_the_target_share_values_local_session_is_private(cluster):
    workers, _ = cluster
    with tf.Graph().as_default():
        with tf.device(replica_device_setter(ps_tasks=2)):
            v = tf.Variable(1.0, name="v")
            w = tf.Variable(tf.zeros([3]), name="w")
            inc = tf.assign_add(v, 1.0, use_locking=True)
            upd = tf.scatter_add(w, [0, 2], [1.0, 2.0])
        assert (v.device, w.device) == ("/job:ps/task:0", "/job:ps/task:1")
        s1, s2 = tf.Session(workers[0].target), tf.Session(workers[1].target)
        local = tf.Session(config=tf.ConfigProto(allow_soft_placement=True))
        s1.run(tf.global_variables_initializer())
        local.run(tf.global_variables_initializer())
        assert s1.run(inc) == 2.0
        assert s2.run(v) == 2.0
        assert s2.run(inc) == 3.0
        s2.run(upd)
        np.testing.assert_array_equal(s1.run(w), [1.0, 0.0, 2.0])
        assert local.run(v) == 1.0                          # private values
        assert s1.run(tf.report_uninitialized_variables()).size == 0


def test_unknown_job_or_task_names_the_clusters_jobs(cluster):
    workers, _ = cluster
    with tf.Graph().as_default():
        with tf.device("/job:foo/task:0"):
            a = tf.Variable(1.0, name="a")
        with tf.device("/job:ps/task:7"):
            b = tf.Variable(1.0, name="b")
        sess = tf.Session(workers[0].target)
        for var in (a, b):
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"jobs are: ps \(tasks \[0, 1\]\)"):
                sess.run(var.initializer)


def test_uninitialized_remote_variable_raises_failed_precondition(cluster):
    workers, _ = cluster
    with tf.Graph().as_default():
        with tf.device("/job:ps/task:1"):
            v = tf.Variable(1.0, name="never_initialized")
        with pytest.raises(tf.errors.FailedPreconditionError, match="never_initialized"):
            tf.Session(workers[0].target).run(v)


def test_values_written_by_one_process_are_read_by_another(cluster, worker):
    _, spec = cluster
    out, err = worker(spec, 0, "write", 7.5).communicate(timeout=120)
    assert "DONE" in out, err
    out, err = worker(spec, 1, "read").communicate(timeout=120)
    assert "VALUE 7.5" in out, err


def test_concurrent_locked_assign_add_from_two_processes_is_exact(cluster, worker):
    workers, spec = cluster
    with tf.Graph().as_default():
        counter, _ = _counter_graph(workers[0]._cluster_spec)
        sess = tf.Session(workers[0].target)
        sess.run(tf.global_variables_initializer())
        procs = [worker(spec, i, "inc", 500) for i in range(2)]
        outs = [p.communicate(timeout=150) for p in procs]
        assert all("DONE" in o for o, _ in outs), [e[-2000:] for _, e in outs]
        assert sess.run(counter) == 1000


def test_worker_killed_mid_training_and_restarted_continues(cluster, worker):
    workers, spec = cluster
    with tf.Graph().as_default():
        counter, _ = _counter_graph(workers[0]._cluster_spec)
        sess = tf.Session(workers[0].target)
        sess.run(tf.global_variables_initializer())
        proc = worker(spec, 1, "count")
        last = 0
        for line in proc.stdout:
            if line.startswith("STEP"):
                last = int(line.split()[1])
                if last >= 20:
                    break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        at_kill = sess.run(counter)
        assert at_kill >= last
        again = worker(spec, 1, "count")
        first = None
        for line in again.stdout:
            if line.startswith("START"):
                first = int(line.split()[1])
            if line.startswith("STEP"):
                break
        again.kill()
        again.wait(timeout=30)
        assert first == at_kill
        assert sess.run(counter) > at_kill


def test_import_varflow_does_not_import_ray():
    code = "import sys, varflow; assert 'ray' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def _training_graph(n_ps=2):
    from varflow.train.device_setter import replica_device_setter

    with tf.device(replica_device_setter(ps_tasks=n_ps)):
        step = tf.train.get_or_create_global_step()
        v = tf.Variable(0.0, name="v")
        train = tf.group(tf.assign_add(v, 1.0, use_locking=True), tf.assign_add(step, 1))
    return step, v, train


def test_monitored_training_session_stops_at_step_on_the_cluster(cluster):
    from varflow.train.basic_session_run_hooks import StopAtStepHook
    from varflow.train.monitored_session import MonitoredTrainingSession

    workers, _ = cluster
    with tf.Graph().as_default():
        step, v, train = _training_graph()
        runs = 0
        with MonitoredTrainingSession(workers[0].target, is_chief=True,
                                      hooks=[StopAtStepHook(last_step=7)]) as sess:
            while not sess.should_stop():
                sess.run(train)
                runs += 1
        assert runs == 7
    with tf.Graph().as_default():        # a non-chief worker sees the chief's model as ready
        step, v, train = _training_graph()
        with MonitoredTrainingSession(workers[1].target, is_chief=False,
                                      hooks=[StopAtStepHook(num_steps=3)]) as sess:
            assert sess.run(step) == 7
            while not sess.should_stop():
                sess.run(train)
        assert tf.Session(workers[1].target).run([step, v]) == [10, 10.0]


def test_killed_ps_is_restarted_and_the_chief_restores_the_last_checkpoint(cluster, tmp_path):
    import ray

    from varflow.distributed import runtime
    from varflow.train.monitored_session import MonitoredTrainingSession

    workers, _ = cluster
    with tf.Graph().as_default():
        step, v, train = _training_graph()
        with MonitoredTrainingSession(workers[0].target, is_chief=True,
                                      checkpoint_dir=str(tmp_path), save_checkpoint_steps=5,
                                      log_step_count_steps=None) as sess:
            for _ in range(12):
                sess.run(train)
            cid = runtime.cluster_id(runtime.lookup_target(workers[0].target)[0])
            actor = ray.get_actor(runtime.actor_name(cid, "ps", 0), namespace=runtime.NAMESPACE)
            ray.kill(actor, no_restart=False)       # global_step lives on ps task 0
            sess.run(train)                          # recovers: restores step 10, runs step 11
            after = sess.run([step, v])
        assert after == [11, 11.0]           # everything restored from step 10, then one step


def test_optimizer_updates_on_ps_match_a_local_session(cluster):
    workers, _ = cluster
    results = []
    for target in (workers[0].target, ""):
        with tf.Graph().as_default():
            with tf.device(replica_device_setter(ps_tasks=2) if target else None):
                w = tf.Variable([[1.0], [2.0]], name="w")
                loss = tf.reduce_sum(tf.square(tf.matmul([[1.0, 3.0]], w) - 4.0))
                train = tf.train.MomentumOptimizer(0.01, 0.9).minimize(loss)
            with tf.Session(target) as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(3):
                    sess.run(train)
                results.append(sess.run(w))
    np.testing.assert_allclose(results[0], results[1], rtol=1e-6)
