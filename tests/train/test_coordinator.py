"""tf.train.Coordinator and LooperThread: stop requests, the first reported error, join's grace."""
import threading
import time

import pytest

import varflow as tf
from varflow.train.coordinator import Coordinator, LooperThread


def test_threads_stop_when_one_requests_it_and_join_returns():
    coord = Coordinator()
    seen = []

    def work(i):
        while not coord.should_stop():
            if i == 0 and len(seen) > 3:
                coord.request_stop()
            seen.append(i)
            time.sleep(0.001)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    coord.join(threads, stop_grace_period_secs=5)
    assert coord.should_stop() and coord.joined and not any(t.is_alive() for t in threads)
    assert coord.wait_for_stop(0)


def test_first_reported_exception_is_raised_by_join_and_clean_stop_types_are_not():
    coord = Coordinator()

    def fail():
        with coord.stop_on_exception():
            raise ValueError("boom")

    t = threading.Thread(target=fail)
    coord.register_thread(t)
    t.start()
    assert coord.wait_for_stop(5)
    coord.request_stop(TypeError("second"))          # not recorded: the first error wins
    with pytest.raises(ValueError, match="boom"):
        coord.raise_requested_exception()
    with pytest.raises(ValueError, match="boom"):
        coord.join()
    coord.clear_stop()
    assert not coord.should_stop() and not coord.joined
    coord.request_stop(tf.errors.OutOfRangeError(None, None, "end of input"))
    coord.join()                                      # OutOfRangeError is a clean stop


def test_join_reports_threads_that_outlive_the_grace_period():
    coord = Coordinator()
    release = threading.Event()
    t = threading.Thread(target=release.wait, name="stubborn", daemon=True)
    t.start()
    coord.request_stop()
    with pytest.raises(RuntimeError, match="stubborn"):
        coord.join([t], stop_grace_period_secs=0.05)
    coord.clear_stop()
    coord.request_stop()
    coord.join([t], stop_grace_period_secs=0.05, ignore_live_threads=True)
    release.set()


def test_looper_thread_calls_target_at_once_then_every_interval():
    coord = Coordinator()
    calls = []
    looper = coord.loop(0.01, calls.append, args=(1,))
    assert isinstance(looper, LooperThread)
    while len(calls) < 3:
        time.sleep(0.005)
    coord.request_stop()
    coord.join(stop_grace_period_secs=5)
    assert not looper.is_alive()

    def bad():
        raise KeyError("in loop")

    coord = Coordinator()
    LooperThread.loop(coord, None, bad)
    with pytest.raises(KeyError, match="in loop"):
        coord.join(stop_grace_period_secs=5)
    with pytest.raises(ValueError, match="Coordinator"):
        LooperThread(object(), 1.0)
