"""`tf.train.checkpoints_iterator` and `wait_for_new_checkpoint`: poll a directory's `checkpoint` state
file for checkpoints newer than the last one seen (how an evaluator follows a training job)."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from ..checkpoint import latest_checkpoint
from ..platform import tf_logging as logging

__all__ = ["checkpoints_iterator", "wait_for_new_checkpoint"]


def wait_for_new_checkpoint(checkpoint_dir: str, last_checkpoint: str | None = None,
                            seconds_to_sleep: float = 1, timeout: float | None = None) -> str | None:
    """The prefix of the latest checkpoint in `checkpoint_dir` once it differs from `last_checkpoint`,
    polling every `seconds_to_sleep`; None when another sleep would pass `timeout` seconds."""
    logging.info("Waiting for new checkpoint at %s", checkpoint_dir)
    stop_time = time.time() + timeout if timeout is not None else None
    while True:
        checkpoint_path = latest_checkpoint(checkpoint_dir)
        if checkpoint_path is not None and checkpoint_path != last_checkpoint:
            logging.info("Found new checkpoint at %s", checkpoint_path)
            return checkpoint_path
        if stop_time is not None and time.time() + seconds_to_sleep > stop_time:
            return None
        time.sleep(seconds_to_sleep)


def checkpoints_iterator(checkpoint_dir: str, min_interval_secs: float = 0,
                         timeout: float | None = None,
                         timeout_fn: Callable[[], bool] | None = None) -> Iterator[str]:
    """Yield each new checkpoint of `checkpoint_dir` (at most one per `min_interval_secs`, counted from
    when the previous one was yielded). After `timeout` seconds without a new one the iteration ends,
    unless `timeout_fn` is given: then it ends only when `timeout_fn()` returns True."""
    checkpoint_path = None
    while True:
        new_checkpoint_path = wait_for_new_checkpoint(checkpoint_dir, checkpoint_path, timeout=timeout)
        if new_checkpoint_path is None:
            if not timeout_fn:
                logging.info("Timed-out waiting for a checkpoint.")
                return
            if timeout_fn():
                return
            continue
        start = time.time()
        checkpoint_path = new_checkpoint_path
        yield checkpoint_path
        time_to_next = start + min_interval_secs - time.time()
        if time_to_next > 0:
            time.sleep(time_to_next)
