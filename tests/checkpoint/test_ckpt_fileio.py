"""The writer's speed-ups keep files safe: background syncs, and replaced files freed only on release."""
import os

import numpy as np
import pytest

import varflow as tf
import varflow.train.saver as saver_mod
from varflow.checkpoint import BundleReader, BundleWriter, data_filename, fileio, write_bundle

posix_only = pytest.mark.skipif(os.name != "posix", reason="files are held open only on POSIX")


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def test_background_sync_fdatasyncs_off_thread_every_chunk(tmp_path, monkeypatch):
    synced = []
    real = getattr(os, "fdatasync", os.fsync)
    monkeypatch.setattr(os, "fdatasync" if hasattr(os, "fdatasync") else "fsync",
                        lambda fd: (synced.append(os.fstat(fd).st_size), real(fd)))
    path = tmp_path / "f"
    syncer = fileio.BackgroundSync(chunk=100)
    with open(path, "wb", buffering=1 << 20) as f:
        f.write(b"x" * 60)
        syncer.wrote(f, 60)
        assert synced == [] and f.tell() == 60        # below the chunk: nothing flushed or synced
        f.write(b"y" * 60)
        syncer.wrote(f, 60)
        syncer.wait()
        assert synced == [120]                       # Python's buffer was flushed before the sync
        syncer.wait()                                # idempotent
        fileio.sync_and_close(f)
    assert _read(path) == b"x" * 60 + b"y" * 60


def test_background_sync_errors_are_left_to_the_final_fsync(tmp_path, monkeypatch):
    def failing(fd):
        raise OSError(5, "I/O error")
    monkeypatch.setattr(os, "fdatasync" if hasattr(os, "fdatasync") else "fsync", failing)
    syncer = fileio.BackgroundSync(chunk=1)
    with open(tmp_path / "f", "wb") as f:
        f.write(b"abc")
        syncer.wrote(f, 3)
        syncer.wait()                                # the thread swallowed it; no exception here


@posix_only
def test_deferred_free_keeps_the_replaced_file_until_release(tmp_path):
    dst, src = str(tmp_path / "dst"), str(tmp_path / "src")
    open(dst, "wb").write(b"old")
    open(src, "wb").write(b"new")
    freer = fileio.DeferredFree()
    freer.replace(src, dst)
    assert _read(dst) == b"new" and not os.path.exists(src)
    (fd,) = freer._fds
    assert os.pread(fd, 3, 0) == b"old"              # the old inode is still alive, just unnamed
    assert os.fstat(fd).st_nlink == 0
    freer.release().join()
    with pytest.raises(OSError):
        os.fstat(fd)
    assert freer.release() is None                   # nothing left to release


def test_deferred_free_without_an_old_file(tmp_path):
    dst, src = str(tmp_path / "dst"), str(tmp_path / "src")
    open(src, "wb").write(b"new")
    freer = fileio.DeferredFree()
    freer.hold(str(tmp_path / "missing"))
    freer.replace(src, dst)
    assert _read(dst) == b"new"
    assert freer.release() is None


@posix_only
def test_bundle_writer_frees_replaced_files_itself_or_on_the_callers_release(tmp_path):
    prefix = str(tmp_path / "ck")
    write_bundle(prefix, {"v": np.zeros(1000, np.float32)})
    write_bundle(prefix, {"v": np.ones(1000, np.float32)})       # replaced and released by the writer
    with BundleReader(prefix) as reader:
        np.testing.assert_array_equal(reader.read("v"), np.ones(1000, np.float32))
    freer = fileio.DeferredFree()
    with BundleWriter(prefix, replaced=freer) as writer:
        writer.add("v", np.full(1000, 2, np.float32))
    assert len(freer._fds) == 2                      # old data shard and old index, held for the caller
    old_data = freer._fds[0]
    assert os.fstat(old_data).st_size == 4000 and os.fstat(old_data).st_nlink == 0
    with BundleReader(prefix) as reader:             # the new checkpoint is complete before release
        np.testing.assert_array_equal(reader.read("v"), np.full(1000, 2, np.float32))
    freer.release().join()
    assert os.path.getsize(data_filename(prefix, 0, 1)) == 4000


def test_saver_releases_replaced_files_even_when_the_state_file_fails(tmp_path, monkeypatch):
    released = []

    class Recording(fileio.DeferredFree):
        def release(self):
            released.append(len(self._fds))
            return super().release()

    monkeypatch.setattr(saver_mod, "DeferredFree", Recording)
    prefix = str(tmp_path / "model.ckpt")
    with tf.Graph().as_default():
        v = tf.get_variable("v", [3], initializer=tf.constant_initializer(1.5))
        saver = tf.train.Saver([v])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            saver.save(sess, prefix, write_meta_graph=False)
            saver.save(sess, prefix, write_meta_graph=False)

            def broken(*args, **kwargs):
                raise OSError(28, "No space left on device")
            monkeypatch.setattr(saver_mod, "update_checkpoint_state", broken)
            with pytest.raises(OSError):
                saver.save(sess, prefix, write_meta_graph=False)
    assert released[0] == 0                          # nothing to replace the first time
    if os.name == "posix":
        assert released[1:] == [2, 2]                # old data shard and index, released both times
    with BundleReader(prefix) as reader:
        np.testing.assert_array_equal(reader.read("v"), np.full(3, 1.5, np.float32))


@posix_only
def test_saver_frees_checkpoints_past_max_to_keep_off_thread(tmp_path, monkeypatch):
    held = []

    class Recording(fileio.DeferredFree):
        def release(self):
            held.append([os.fstat(fd).st_nlink for fd in self._fds])
            return super().release()

    monkeypatch.setattr(saver_mod, "DeferredFree", Recording)
    base = str(tmp_path / "model.ckpt")
    with tf.Graph().as_default():
        v = tf.get_variable("v", [3], initializer=tf.constant_initializer(2.0))
        saver = tf.train.Saver([v], max_to_keep=1)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            first = saver.save(sess, base, global_step=1, write_meta_graph=False)
            second = saver.save(sess, base, global_step=2, write_meta_graph=False)
    assert held == [[], [0]]          # the deleted checkpoint's data shard: unnamed, held until release
    assert not os.path.exists(first + ".index") and not os.path.exists(data_filename(first, 0, 1))
    assert saver.last_checkpoints == [second]
    with BundleReader(second) as reader:
        np.testing.assert_array_equal(reader.read("v"), np.full(3, 2.0, np.float32))
