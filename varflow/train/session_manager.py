"""`tf.train.SessionManager`: the chief initializes (or restores from a checkpoint) the model; other
workers wait until `ready_op` reports no uninitialized variable."""
from __future__ import annotations

import time

import numpy as np

from ..framework import errors
from ..framework.graph import get_default_graph
from ..platform import tf_logging as logging
from ..runtime.session import Session


def _not_ready(sess, op, feed=None) -> str | None:
    """None when `op` (a report of uninitialized variables) is empty, else a message."""
    if op is None:
        return None
    names = np.asarray(sess.run(op, feed_dict=feed)).reshape(-1)
    if names.size == 0:
        return None
    shown = [n.decode() if isinstance(n, bytes) else str(n) for n in names[:10]]
    return "Variables not initialized: %s" % ", ".join(shown)


class SessionManager:
    """Creates sessions for the chief (`prepare_session`) and other workers (`wait_for_session`)."""

    def __init__(self, local_init_op=None, ready_op=None, ready_for_local_init_op=None, graph=None,
                 recovery_wait_secs: float = 30, local_init_run_options=None,
                 local_init_feed_dict=None):
        self._local_init_op = local_init_op
        self._ready_op = ready_op
        self._ready_for_local_init_op = ready_for_local_init_op
        self._graph = graph or get_default_graph()
        self._recovery_wait_secs = recovery_wait_secs
        self._local_init_feed_dict = local_init_feed_dict

    def _restore_checkpoint(self, master, saver, checkpoint_dir, checkpoint_filename_with_path,
                            wait_for_checkpoint, max_wait_secs, config):
        sess = Session(master, graph=self._graph, config=config)
        if checkpoint_filename_with_path:
            saver.restore(sess, checkpoint_filename_with_path)
            return sess, True
        if saver is None or not checkpoint_dir:
            return sess, False
        from ..checkpoint import latest_checkpoint

        waited = 0.0
        path = latest_checkpoint(checkpoint_dir)
        while path is None and wait_for_checkpoint and waited < max_wait_secs:
            time.sleep(self._recovery_wait_secs)
            waited += self._recovery_wait_secs
            path = latest_checkpoint(checkpoint_dir)
        if path is None:
            return sess, False
        saver.restore(sess, path)
        return sess, True

    def prepare_session(self, master, init_op=None, saver=None, checkpoint_dir=None,
                        checkpoint_filename_with_path=None, wait_for_checkpoint=False,
                        max_wait_secs=7200, config=None, init_feed_dict=None, init_fn=None):
        """A session on `master` with the model restored from the latest checkpoint, else initialized."""
        sess, restored = self._restore_checkpoint(master, saver, checkpoint_dir,
                                                  checkpoint_filename_with_path,
                                                  wait_for_checkpoint, max_wait_secs, config)
        if not restored:
            if init_op is None and not init_fn and self._local_init_op is None:
                raise RuntimeError("Model is not initialized and no init_op or init_fn or "
                                   "local_init_op was given")
            if init_op is not None:
                sess.run(init_op, feed_dict=init_feed_dict)
            if init_fn:
                init_fn(sess)
        ok, msg = self._try_local_init(sess)
        if not ok:
            raise RuntimeError("Init operations did not make model ready for local_init. "
                               "Init op: %s, init fn: %s, error: %s" % (init_op, init_fn, msg))
        msg = _not_ready(sess, self._ready_op)
        if msg is not None:
            raise RuntimeError("Init operations did not make model ready. Init op: %s, init fn: "
                               "%s, local_init_op: %s, error: %s"
                               % (init_op, init_fn, self._local_init_op, msg))
        return sess

    def recover_session(self, master, saver=None, checkpoint_dir=None,
                        checkpoint_filename_with_path=None, wait_for_checkpoint=False,
                        max_wait_secs=7200, config=None):
        """(session, is_ready): restore from a checkpoint when there is one, then check readiness."""
        sess, restored = self._restore_checkpoint(master, saver, checkpoint_dir,
                                                  checkpoint_filename_with_path,
                                                  wait_for_checkpoint, max_wait_secs, config)
        ok, _ = self._try_local_init(sess)
        if not ok or not restored:
            return sess, False
        return sess, _not_ready(sess, self._ready_op) is None

    def wait_for_session(self, master, config=None, max_wait_secs=float("inf")):
        """Poll until another task (the chief) made the model ready; DeadlineExceededError when it is
        not ready and waiting once more would pass `max_wait_secs`."""
        if max_wait_secs is None:
            max_wait_secs = float("inf")
        deadline = time.time() + max_wait_secs
        while True:
            sess = Session(master, graph=self._graph, config=config)
            ok, msg = self._try_local_init(sess)
            if ok:
                msg = _not_ready(sess, self._ready_op)
                if msg is None:
                    return sess
            sess.close()
            if deadline - time.time() < self._recovery_wait_secs:
                raise errors.DeadlineExceededError(
                    None, None, "Session was not ready after waiting %s secs (%s). The chief initializes "
                    "or restores the model; start it, or pass a larger max_wait_secs."
                    % (max_wait_secs, msg))
            logging.info("Waiting for model to be ready. Ready_for_local_init_op: %s, ready: %s",
                         self._ready_for_local_init_op, msg)
            time.sleep(self._recovery_wait_secs)

    def _try_local_init(self, sess):
        if self._local_init_op is None:
            return True, None
        msg = _not_ready(sess, self._ready_for_local_init_op)
        if msg is not None:
            return False, msg
        sess.run(self._local_init_op, feed_dict=self._local_init_feed_dict)
        return True, None
