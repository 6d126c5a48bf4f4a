"""tf.train.Coordinator: should_stop / request_stop / clear_stop, exceptions reported via
request_stop(ex) and re-raised by join (original class), stop_on_exception context manager,
join with threads, raise_on_error, wait_for_stop timeout, joined flag; LooperThread runs."""
import threading


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    coord = tf.train.Coordinator()
    obs["initial"] = [coord.should_stop(), coord.wait_for_stop(0.01)]
    coord.request_stop()
    obs["after_stop"] = [coord.should_stop(), coord.wait_for_stop(0.01)]
    coord.clear_stop()
    obs["cleared"] = coord.should_stop()

    def worker(c, fail):
        with c.stop_on_exception():
            if fail:
                raise KeyError("boom")
            while not c.should_stop():
                c.wait_for_stop(0.01)

    coord = tf.train.Coordinator()
    threads = [threading.Thread(target=worker, args=(coord, i == 0)) for i in range(3)]
    for t in threads:
        t.start()
    obs["join_error"] = _err(lambda: coord.join(threads, stop_grace_period_secs=5))
    obs["joined_stop"] = coord.should_stop()
    coord2 = tf.train.Coordinator()
    try:
        raise ValueError("x")
    except ValueError as e:
        coord2.request_stop(e)
    obs["ignore_live"] = _err(lambda: coord2.join([], ignore_live_threads=True))
    obs["raise_requested"] = _err(lambda: coord2.raise_requested_exception())
    coord3 = tf.train.Coordinator()
    try:
        raise RuntimeError("inner")
    except RuntimeError as e:
        coord3.request_stop(e)
    obs["raised_class"] = _err(lambda: coord3.join([]))
    coord4 = tf.train.Coordinator()
    with coord4.stop_on_exception():
        raise tf.errors.OutOfRangeError(None, None, "done")
    obs["out_of_range_stops"] = [coord4.should_stop(), _err(lambda: coord4.join([]))]
    coord5 = tf.train.Coordinator(clean_stop_exception_types=(KeyError,))
    try:
        raise KeyError("k")
    except KeyError as e:
        coord5.request_stop(e)
    obs["clean_types"] = _err(lambda: coord5.join([]))
    coord6 = tf.train.Coordinator()
    counter = []
    looper = tf.train.LooperThread(coord6, None, target=lambda: counter.append(1))
    looper.start()
    while len(counter) < 3:
        pass
    coord6.request_stop()
    coord6.join([looper])
    obs["looper_ran"] = len(counter) >= 3
    obs["looper_cls"] = isinstance(looper, threading.Thread)
    return obs
