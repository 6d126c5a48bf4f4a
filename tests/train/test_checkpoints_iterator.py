"""tf.train.checkpoints_iterator and wait_for_new_checkpoint, with short timeouts."""
import threading
import time

import varflow as tf
from varflow.train.checkpoint_waiting import checkpoints_iterator, wait_for_new_checkpoint


class _Model:
    """A graph with one variable and a Saver writing `tmp/model.ckpt-<step>`."""

    def __init__(self, directory):
        self.directory = str(directory)
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.v = tf.Variable(1.0, name="v")
            self.saver = tf.train.Saver()
            self.sess = tf.Session()
            self.sess.run(tf.global_variables_initializer())

    def save(self, step):
        return self.saver.save(self.sess, self.directory + "/model.ckpt", global_step=step)


def test_empty_directory_times_out_quickly(tmp_path):
    start = time.time()
    assert list(checkpoints_iterator(str(tmp_path), timeout=0.05)) == []
    assert time.time() - start < 0.5
    assert wait_for_new_checkpoint(str(tmp_path), timeout=0.05, seconds_to_sleep=0.01) is None


def test_yields_latest_then_stops(tmp_path):
    model = _Model(tmp_path)
    model.save(1)
    path = model.save(2)
    assert list(checkpoints_iterator(str(tmp_path), timeout=0.05)) == [path]


def test_same_checkpoint_is_not_new(tmp_path):
    model = _Model(tmp_path)
    path = model.save(3)
    assert wait_for_new_checkpoint(str(tmp_path), timeout=0.05) == path
    assert wait_for_new_checkpoint(str(tmp_path), last_checkpoint=path, seconds_to_sleep=0.01,
                                   timeout=0.05) is None


def test_wait_sees_checkpoint_written_meanwhile(tmp_path):
    model = _Model(tmp_path)
    first = model.save(1)
    saved = []
    thread = threading.Thread(target=lambda: (time.sleep(0.05), saved.append(model.save(2))))
    thread.start()
    found = wait_for_new_checkpoint(str(tmp_path), last_checkpoint=first, seconds_to_sleep=0.01,
                                    timeout=2)
    thread.join()
    assert found == saved[0] == str(tmp_path) + "/model.ckpt-2"


def test_timeout_fn_decides_whether_to_stop(tmp_path):
    model = _Model(tmp_path)
    first = model.save(1)
    calls = []

    def timeout_fn():
        calls.append(1)
        if len(calls) == 1:
            model.save(5)      # a new checkpoint arrives: keep waiting and yield it
            return False
        return True

    paths = list(checkpoints_iterator(str(tmp_path), timeout=0.05, timeout_fn=timeout_fn))
    assert paths == [first, str(tmp_path) + "/model.ckpt-5"]
    assert len(calls) == 2


def test_min_interval_between_checkpoints(tmp_path):
    model = _Model(tmp_path)
    model.save(1)
    iterator = checkpoints_iterator(str(tmp_path), min_interval_secs=0.1, timeout=0.05)
    start = time.time()
    next(iterator)
    model.save(2)
    assert next(iterator) == str(tmp_path) + "/model.ckpt-2"
    assert time.time() - start >= 0.1   # counted from when the first one was yielded


def test_directory_without_state_file_is_empty(tmp_path):
    (tmp_path / "model.ckpt-1.index").write_bytes(b"")
    assert list(checkpoints_iterator(str(tmp_path), timeout=0.01)) == []
