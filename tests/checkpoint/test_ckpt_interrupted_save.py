"""Saving over an existing checkpoint of the same prefix never loses it: its files are linked aside
until the new ones are all in place, put back when the save fails, and named in the error when a
crash left the two halves mixed."""
import os

import numpy as np
import pytest

import varflow as tf
from varflow.checkpoint import fileio


@pytest.fixture
def saved(tmp_path):
    """(prefix, variable, saver, session) with [0, 1, 2, 3] saved at prefix."""
    prefix = str(tmp_path / "model")
    with tf.Graph().as_default():
        v = tf.Variable(np.arange(4, dtype=np.float32), name="v")
        saver = tf.train.Saver([v])
        with tf.Session() as sess:
            sess.run(v.initializer)
            saver.save(sess, prefix)
            yield prefix, v, saver, sess


def test_no_links_left_after_a_save_over_the_same_prefix(saved):
    prefix, v, saver, sess = saved
    sess.run(v.assign(v * 10))
    saver.save(sess, prefix)
    assert fileio.interrupted_save_files(prefix) == []
    saver.restore(sess, prefix)
    assert sess.run(v).tolist() == [0, 10, 20, 30]


def test_failed_rename_puts_the_previous_checkpoint_back(saved, monkeypatch):
    prefix, v, saver, sess = saved
    sess.run(v.assign(v + 100))
    real = fileio.DeferredFree.replace
    calls = []

    def fails_on_the_index(self, src, dst):
        calls.append(dst)
        if dst.endswith(".index"):
            raise OSError("disk went away")
        return real(self, src, dst)
    monkeypatch.setattr(fileio.DeferredFree, "replace", fails_on_the_index)
    with pytest.raises(OSError):
        saver.save(sess, prefix)
    monkeypatch.undo()
    assert any(c.endswith(".index") for c in calls)        # the data was already renamed
    assert fileio.interrupted_save_files(prefix) == []
    sess.run(v.assign(v * 0))
    saver.restore(sess, prefix)
    assert sess.run(v).tolist() == [0, 1, 2, 3]


def test_a_crash_between_the_renames_leaves_the_old_checkpoint_aside(saved):
    prefix, v, saver, sess = saved
    data = prefix + ".data-00000-of-00001"
    # what a process killed after renaming the new data file leaves behind
    aside = fileio.link_aside([data, prefix + ".index"])
    with open(data + ".new", "wb") as f:
        f.write(os.urandom(os.path.getsize(data)))
    os.replace(data + ".new", data)
    with pytest.raises(tf.errors.DataLossError, match="interrupted") as info:
        saver.restore(sess, prefix)
    for _, link in aside:
        assert link in str(info.value)
        os.replace(link, link[:-len(fileio.INTERRUPTED_SUFFIX)])
    sess.run(v.assign(v * 0))
    saver.restore(sess, prefix)
    assert sess.run(v).tolist() == [0, 1, 2, 3]
