"""`tf.train.Coordinator` and `tf.train.LooperThread`: a stop flag shared by a group of threads, the
first error any of them reported, and a join that waits for all of them (with a grace period)."""
from __future__ import annotations

import contextlib
import sys
import threading
import time

from ..framework import errors
from ..platform import tf_logging as logging

__all__ = ["Coordinator", "LooperThread"]


class Coordinator:
    """Threads poll `should_stop()`; any of them may `request_stop(ex)`; the owner `join()`s them
    and gets the first reported exception re-raised there."""

    def __init__(self, clean_stop_exception_types=None):
        if clean_stop_exception_types is None:
            clean_stop_exception_types = (errors.OutOfRangeError,)
        self._clean_stop_exception_types = tuple(clean_stop_exception_types)
        self._lock = threading.Lock()
        self._stop_event = threading.Event()
        self._exception: BaseException | None = None
        self._joined = False
        self._registered_threads: set = set()

    def _filter(self, ex):
        """The exception to record (None for the clean-stop types, e.g. OutOfRangeError)."""
        if isinstance(ex, tuple):
            ex = ex[1]
        if isinstance(ex, self._clean_stop_exception_types):
            return None
        return ex

    def request_stop(self, ex=None) -> None:
        """Ask every thread to stop; `ex` (an exception or an exc_info tuple) is re-raised by
        `join()`/`raise_requested_exception()` unless another one was reported first."""
        with self._lock:
            ex = self._filter(ex)
            if self._joined and ex is not None:
                raise ex          # nobody will join again: report it here
            if not self._stop_event.is_set():
                if ex is not None and self._exception is None:
                    if not isinstance(ex, BaseException):
                        ex = ValueError("ex must be an exception or an exc_info tuple: %r" % (ex,))
                    logging.info("Error reported to Coordinator: %s: %s", type(ex).__name__, ex)
                    self._exception = ex
                self._stop_event.set()

    def clear_stop(self) -> None:
        """Forget the stop request and any recorded exception (the coordinator can be reused)."""
        with self._lock:
            self._joined = False
            self._exception = None
            if self._stop_event.is_set():
                self._stop_event.clear()

    def should_stop(self) -> bool:
        return self._stop_event.is_set()

    @contextlib.contextmanager
    def stop_on_exception(self):
        """Inside the block, any exception is reported with `request_stop(ex)` instead of raised."""
        try:
            yield
        except:  # noqa: E722 - TF reports every exception, SystemExit included
            self.request_stop(ex=sys.exc_info())

    def wait_for_stop(self, timeout: float | None = None) -> bool:
        """Block until a stop is requested (or `timeout` seconds pass); True when stopping."""
        return self._stop_event.wait(timeout)

    def register_thread(self, thread: threading.Thread) -> None:
        """Have `join()` wait for `thread` too."""
        with self._lock:
            self._registered_threads.add(thread)

    def join(self, threads=None, stop_grace_period_secs: float = 120,
             ignore_live_threads: bool = False) -> None:
        """Wait until every thread ended, or `stop_grace_period_secs` after a stop request; then
        re-raise the first reported exception, or RuntimeError for threads still running."""
        with self._lock:
            threads = set(threads or ()) | self._registered_threads
        threads = list(threads)
        while any(t.is_alive() for t in threads) and not self.wait_for_stop(1.0):
            pass
        deadline = time.time() + stop_grace_period_secs
        while any(t.is_alive() for t in threads) and time.time() < deadline:
            time.sleep(min(0.01, max(0.0, deadline - time.time())))
        stragglers = [t.name for t in threads if t.is_alive()]
        with self._lock:
            self._joined = True
            self._registered_threads = set()
            if self._exception is not None:
                raise self._exception
        if stragglers:
            if ignore_live_threads:
                logging.info("Coordinator stopped with threads still running: %s",
                             " ".join(stragglers))
            else:
                raise RuntimeError("Coordinator stopped with threads still running: %s"
                                   % " ".join(stragglers))

    @property
    def joined(self) -> bool:
        return self._joined

    def raise_requested_exception(self) -> None:
        """Raise the exception a thread reported, if any (lets the main loop fail fast)."""
        with self._lock:
            if self._exception is not None:
                raise self._exception

    def loop(self, timer_interval_secs, target, args=None, kwargs=None) -> "LooperThread":
        """Start a LooperThread calling `target(*args, **kwargs)` every `timer_interval_secs`."""
        looper = LooperThread(self, timer_interval_secs, target=target, args=args, kwargs=kwargs)
        looper.start()
        return looper


class LooperThread(threading.Thread):
    """A daemon thread calling `run_loop()` (or `target`) at once and then every
    `timer_interval_secs` seconds (as often as it can when None) until its coordinator stops;
    an error in it stops the coordinator."""

    def __init__(self, coord: Coordinator, timer_interval_secs, target=None, args=None,
                 kwargs=None):
        if not isinstance(coord, Coordinator):
            raise ValueError("'coord' argument must be a Coordinator: %s" % (coord,))
        super().__init__()
        self.daemon = True
        self._coord = coord
        self._timer_interval_secs = timer_interval_secs
        self._target = target
        if target:
            self._args = args or ()
            self._kwargs = kwargs or {}
        elif args or kwargs:
            raise ValueError("'args' and 'kwargs' argument require that you also pass 'target'")
        self._coord.register_thread(self)

    @staticmethod
    def loop(coord, timer_interval_secs, target, args=None, kwargs=None) -> "LooperThread":
        looper = LooperThread(coord, timer_interval_secs, target=target, args=args, kwargs=kwargs)
        looper.start()
        return looper

    def run(self) -> None:
        with self._coord.stop_on_exception():
            self.start_loop()
            if self._timer_interval_secs is None:
                while not self._coord.should_stop():
                    self.run_loop()
            else:
                next_time = time.time()
                while not self._coord.wait_for_stop(max(0.0, next_time - time.time())):
                    next_time += self._timer_interval_secs
                    self.run_loop()
            self.stop_loop()

    def start_loop(self) -> None:
        """Called once when the thread starts."""

    def stop_loop(self) -> None:
        """Called once when the thread ends."""

    def run_loop(self) -> None:
        """One iteration; the default calls `target`."""
        if self._target:
            self._target(*self._args, **self._kwargs)
