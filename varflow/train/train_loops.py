"""`tf.train.basic_train_loop`: call a step function in a Supervisor's managed session until it should
stop, starting again with a fresh session after an AbortedError (a parameter server restarted)."""
from __future__ import annotations

from collections.abc import Callable

from ..framework import errors

__all__ = ["basic_train_loop"]


def basic_train_loop(supervisor, train_step_fn: Callable, args=None, kwargs=None,
                     master: str = "") -> None:
    """Run `train_step_fn(sess, *args, **kwargs)` in `supervisor.managed_session(master)` until
    `supervisor.should_stop()`; an AbortedError restarts the loop in a new managed session."""
    args = [] if args is None else args
    kwargs = {} if kwargs is None else kwargs
    should_retry = True
    while should_retry:
        try:
            should_retry = False
            with supervisor.managed_session(master) as sess:
                while not supervisor.should_stop():
                    train_step_fn(sess, *args, **kwargs)
        except errors.AbortedError:
            should_retry = True
