"""SyncReplicasOptimizer: aggregated updates at one global step, stale gradients dropped, workers
wait for the chief's tokens; in a local session (threads) and on a Ray cluster."""
import threading

import numpy as np
import pytest

import varflow as tf
from varflow.train.coordinator import Coordinator
from varflow.train.device_setter import replica_device_setter
from varflow.train.sync_replicas_optimizer import SyncReplicasOptimizer


def _model(replicas, lr=0.5, total=None):
    """loss = sum(w * x): the gradient is x, so each update is exactly -lr * mean(x)."""
    w = tf.Variable([1.0, 2.0], name="w")
    x = tf.placeholder(tf.float32, [2], name="x")
    step = tf.train.get_or_create_global_step()
    opt = SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(lr), replicas_to_aggregate=replicas,
                                total_num_replicas=total)
    train = opt.minimize(tf.reduce_sum(w * x), global_step=step)
    return w, x, step, opt, train


def _train_until(sess, train, step, x, xv, last):
    runs = 0
    try:
        while sess.run(step) < last:
            sess.run(train, {x: xv})
            runs += 1
    except tf.errors.OutOfRangeError:       # the chief closed the token queue: training is over
        pass
    return runs


def test_one_replica_matches_plain_gradient_descent():
    with tf.Graph().as_default():
        w, x, step, opt, train = _model(1)
        hook = opt.make_session_run_hook(is_chief=True)
        final_ops = tf.train.FinalOpsHook([w, step])
        hooks = [hook, tf.train.StopAtStepHook(last_step=4), final_ops]
        with tf.train.MonitoredTrainingSession(hooks=hooks, log_step_count_steps=None) as sess:
            while not sess.should_stop():
                sess.run(train, {x: [1.0, -2.0]})
        final = final_ops.final_ops_values
    np.testing.assert_allclose(final[0], [1.0 - 4 * 0.5, 2.0 + 4 * 1.0])
    assert final[1] == 4


def test_two_replicas_in_threads_aggregate_each_step():
    with tf.Graph().as_default():
        w, x, step, opt, train = _model(2)
        assert opt.get_slot_names() == []
        sess = tf.Session()
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        hook = opt.make_session_run_hook(is_chief=True)
        hook.begin()
        coord = Coordinator()
        hook.after_create_session(sess, coord)
        threads = [threading.Thread(target=_train_until, args=(sess, train, step, x, [1.0, 3.0], 6))
                   for _ in range(2)]
        for t in threads:
            t.start()
        while sess.run(step) < 6:
            coord.wait_for_stop(0.01)
        hook.end(sess)                    # closes the token queue: blocked workers return
        for t in threads:
            t.join(timeout=30)
        coord.request_stop()
        coord.join(stop_grace_period_secs=10)
        value, global_step = sess.run([w, step])
    assert global_step == 6
    # every update is the mean of two identical gradients [1, 3]
    np.testing.assert_allclose(value, [1.0 - 6 * 0.5, 2.0 - 6 * 1.5])


def test_stale_gradients_are_dropped_and_take_averages():
    with tf.Graph().as_default():
        w, x, step, opt, train = _model(2)
        graph = tf.get_default_graph()
        accumulate = [op for op in graph.get_operations() if op.type == "SyncReplicasAccumulate"]
        accumulator = opt._accumulator_list[0][0]
        sess = tf.Session()
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        sess.run(opt.chief_init_op)
        sess.run(accumulate, {x: [1.0, 1.0]})
        sess.run(accumulate, {x: [3.0, 5.0]})
        np.testing.assert_array_equal(sess.run(accumulator.state), [0, 2])
        runner = opt.get_chief_queue_runner()
        assert sess.run(runner._ready_op)
        sess.run(runner._sync_op)                              # applies the mean [2, 3]
        np.testing.assert_allclose(sess.run(w), [0.0, 0.5])
        np.testing.assert_array_equal(sess.run(accumulator.state), [1, 0])
        sess.run(accumulate, {x: [9.0, 9.0]})                  # computed at local step 0: stale
        np.testing.assert_array_equal(sess.run(accumulator.state), [1, 0])
        assert not sess.run(runner._ready_op)
        assert sess.run(step) == 1


def test_token_queue_and_argument_errors():
    with tf.Graph().as_default():
        w, x, step, opt, train = _model(3, total=1)
        with pytest.raises(ValueError, match="Too few tokens"):
            opt.get_init_tokens_op(num_tokens=1)
        init_tokens = opt.get_init_tokens_op()
        sess = tf.Session()
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        sess.run(opt.chief_init_op)
        sess.run(init_tokens)
        queue = opt._sync_token_queue
        dequeue = queue.dequeue()
        for _ in range(3):
            assert sess.run(dequeue) == 0
        sess.run(queue.close())
        with pytest.raises(tf.errors.OutOfRangeError, match="closed"):
            sess.run(dequeue)
    with tf.Graph().as_default():
        v = tf.Variable(1.0)
        opt = SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1), 2)
        with pytest.raises(ValueError, match="Global step is required"):
            opt.apply_gradients([(tf.constant(1.0), v)])
        with pytest.raises(ValueError, match="should be called after apply_gradients"):
            opt.get_init_tokens_op()


def _cluster_worker(target, spec, task, results, last_step):
    with tf.Graph().as_default():
        with tf.device(replica_device_setter(cluster=spec, worker_device="/job:worker/task:%d"
                                             % task)):
            w, x, step, opt, train = _model(2)
        assert w.device.startswith("/job:ps")
        hooks = [opt.make_session_run_hook(is_chief=task == 0),
                 tf.train.StopAtStepHook(last_step=last_step)]
        runs = 0
        with tf.train.MonitoredTrainingSession(target, is_chief=task == 0, hooks=hooks,
                                               log_step_count_steps=None) as sess:
            while not sess.should_stop():
                sess.run(train, {x: [2.0, -1.0]})
                runs += 1
        results[task] = runs


def test_two_workers_on_a_ray_cluster(cluster):
    workers, _ = cluster
    spec = workers[0]._cluster_spec
    results = {}
    threads = [threading.Thread(target=_cluster_worker,
                                args=(workers[i].target, spec, i, results, 5)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert set(results) == {0, 1} and all(r >= 1 for r in results.values())
    with tf.Graph().as_default():
        with tf.device(replica_device_setter(cluster=spec)):
            w, x, step, opt, train = _model(2)
        sess = tf.Session(workers[0].target)
        value, global_step = sess.run([w, step])
    assert global_step == 5
    np.testing.assert_allclose(value, [1.0 - 5 * 1.0, 2.0 + 5 * 0.5])
