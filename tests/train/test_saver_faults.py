"""Crash safety of Saver.save: a process SIGKILLed midway through a large save leaves the previous checkpoint
the latest and intact; corrupted checkpoint files make restore raise DataLossError."""
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import varflow as tf
from varflow.checkpoint import BundleReader, latest_checkpoint
from varflow.framework import errors
from varflow.train.saver import Saver

N_VARS, N_ELEMS = 6, 1 << 20  # 6 variables of 4 MiB each

CHILD = textwrap.dedent('''
    import os, sys, time
    import numpy as np
    import varflow as tf
    from varflow.checkpoint import bundle
    from varflow.train import saver as saver_mod

    mode, prefix, n_vars, n_elems = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    vs = [tf.Variable(tf.fill([n_elems], 1.0), name="v%d" % i) for i in range(n_vars)]
    twos = tf.group(*[v.assign(tf.fill([n_elems], 2.0)) for v in vs])
    saver = saver_mod.Saver(max_to_keep=5)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    saver.save(sess, prefix, global_step=1, write_meta_graph=False)
    sess.run(twos)

    def stall():
        print("MIDWAY", flush=True)
        time.sleep(60)

    if mode == "data":  # killed while tensors stream into the temporary data file
        real_write, calls = bundle.BundleWriter._write, []
        def slow_write(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == n_vars // 2:
                stall()
            return real_write(self, *args, **kwargs)
        bundle.BundleWriter._write = slow_write
    elif mode == "rename":  # killed after the data file is renamed, before the index is
        real_replace = os.replace
        def slow_replace(src, dst):
            real_replace(src, dst)
            if dst.endswith(".data-00000-of-00001"):
                stall()
        bundle.os.replace = slow_replace
    elif mode == "state":  # killed after the bundle is complete, before the state file names it
        def slow_state(*args, **kwargs):
            stall()
        saver_mod.update_checkpoint_state = slow_state
    print("SAVED1", flush=True)
    saver.save(sess, prefix, global_step=2, write_meta_graph=False)
    print("SAVED2", flush=True)
''')


def _restore_values(prefix):
    with tf.Graph().as_default():
        vs = [tf.Variable(tf.zeros([N_ELEMS]), name="v%d" % i) for i in range(N_VARS)]
        with tf.Session() as sess:
            Saver().restore(sess, prefix)
            return sess.run(vs)


@pytest.mark.parametrize("mode", ["data", "rename", "state", "race"])
def test_sigkill_midway_through_save_keeps_previous_checkpoint(tmp_path, mode):
    prefix = str(tmp_path / "model.ckpt")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [os.getcwd(), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, mode, prefix, str(N_VARS), str(N_ELEMS)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for = "SAVED1" if mode == "race" else "MIDWAY"
        for line in proc.stdout:
            if line.strip() == wait_for:
                break
        else:
            pytest.fail("child ended early: %s" % proc.stderr.read()[-2000:])
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    latest = latest_checkpoint(str(tmp_path))
    if mode == "race":  # killed at an arbitrary point: whichever checkpoint is latest is whole
        expected = 1.0 if latest == prefix + "-1" else 2.0
        assert latest in (prefix + "-1", prefix + "-2")
    else:
        assert proc.returncode == -signal.SIGKILL
        assert latest == prefix + "-1"
        expected = 1.0
    for value in _restore_values(latest):
        np.testing.assert_array_equal(value, np.full(N_ELEMS, expected, np.float32))
    if mode in ("data", "rename"):
        assert not os.path.exists(prefix + "-2.index")
    if mode == "state":  # the new bundle is complete, only not yet named by the state file
        with BundleReader(prefix + "-2") as reader:
            np.testing.assert_array_equal(reader.get_tensor("v0"), np.full(N_ELEMS, 2.0, np.float32))


# --- corruption -----------------------------------------------------------------------------------
@pytest.fixture
def saved(tmp_path):
    prefix = str(tmp_path / "m")
    v = tf.Variable(np.arange(1000, dtype=np.float32), name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        Saver().save(sess, prefix, write_meta_graph=False)
    return v, prefix


def _restore_into(v, prefix):
    with tf.Session() as sess:
        Saver([v]).restore(sess, prefix)
        return sess.run(v)


def test_flipped_data_byte_raises_data_loss(saved):
    v, prefix = saved
    path = prefix + ".data-00000-of-00001"
    data = bytearray(open(path, "rb").read())
    data[123] ^= 0x01
    open(path, "wb").write(bytes(data))
    with pytest.raises(errors.DataLossError, match="Checksum does not match"):
        _restore_into(v, prefix)


def test_truncated_data_file_raises_data_loss(saved):
    v, prefix = saved
    path = prefix + ".data-00000-of-00001"
    os.truncate(path, os.path.getsize(path) // 2)
    with pytest.raises(errors.DataLossError, match="truncated"):
        _restore_into(v, prefix)


def test_corrupted_index_raises_data_loss(saved):
    v, prefix = saved
    path = prefix + ".index"
    data = bytearray(open(path, "rb").read())
    data[len(data) // 3] ^= 0xFF
    open(path, "wb").write(bytes(data))
    with pytest.raises(errors.DataLossError):
        _restore_into(v, prefix)


def test_missing_data_file_raises_data_loss(saved):
    v, prefix = saved
    os.remove(prefix + ".data-00000-of-00001")
    with pytest.raises(errors.DataLossError, match="missing"):
        _restore_into(v, prefix)
