"""tf.train.init_from_checkpoint: TF's assignment-map rules; the variables' initializers load the checkpoint."""
import os

import numpy as np
import pytest

import varflow as tf
from varflow.train.checkpoint_utils import init_from_checkpoint, list_variables, load_variable
from varflow.train.saver import Saver

FIXTURES = "/work/shared/fixtures/tf_checkpoints"
P_FULL = np.arange(12, dtype=np.float32).reshape(6, 2)


@pytest.fixture
def ckpt(tmp_path):
    """A checkpoint with old/a [1,2], old/b [[3]], c [5] and a partitioned p (6x2)."""
    with tf.Graph().as_default():
        with tf.variable_scope("old"):
            tf.get_variable("a", initializer=np.array([1.0, 2.0], np.float32))
            tf.get_variable("b", initializer=np.array([[3.0]], np.float32))
        tf.get_variable("c", initializer=np.array([5.0], np.float32))
        p = tf.get_variable("p", [6, 2], partitioner=tf.fixed_size_partitioner(2))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(p.assign(P_FULL))
            Saver().save(sess, str(tmp_path / "m"), write_meta_graph=False)
    return str(tmp_path)


def _init_and_run(*fetches):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(list(fetches))


def test_scope_to_scope_and_initializer_built_before_keeps_old_init(ckpt):
    with tf.variable_scope("new"):
        a = tf.get_variable("a", [2], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", [1, 1], initializer=tf.zeros_initializer())
    init_before = tf.global_variables_initializer()
    init_from_checkpoint(ckpt, {"old/": "new/"})
    with tf.Session() as sess:
        sess.run(init_before)  # built before the call: still the zeros initializers, as in TF
        assert sess.run(a).tolist() == [0.0, 0.0]
        sess.run(tf.global_variables_initializer())
        assert sess.run(a).tolist() == [1.0, 2.0]
        assert sess.run(b).tolist() == [[3.0]]
        sess.run(a.initializer)
        assert a.initial_value.op.type == "RestoreV2"


def test_root_mapping_one_to_one_and_variable_objects(ckpt):
    with tf.variable_scope("old"):
        a = tf.get_variable("a", [2])
        tf.get_variable("b", [1, 1])
    c = tf.get_variable("c", [1])
    p = tf.get_variable("p", [6, 2], partitioner=tf.fixed_size_partitioner(2))
    init_from_checkpoint(ckpt, {"/": "/"})
    got = _init_and_run(a, c, p.as_tensor())
    assert got[0].tolist() == [1.0, 2.0] and got[1].tolist() == [5.0]
    np.testing.assert_array_equal(got[2], P_FULL)


def test_name_to_name_variable_object_and_resource(ckpt):
    x = tf.get_variable("x", [1])
    y = tf.Variable([0.0], name="y")  # not made by get_variable: pass the object
    r = tf.get_variable("r", [2], use_resource=True)
    init_from_checkpoint(ckpt, {"c": "x", "old/a": r})
    init_from_checkpoint(ckpt, [("c", y)])
    got = _init_and_run(x, y, r)
    assert [g.tolist() for g in got] == [[5.0], [5.0], [1.0, 2.0]]


def test_partitioned_targets_get_their_slice(ckpt):
    q = tf.get_variable("q", [6, 2], partitioner=tf.fixed_size_partitioner(3))
    whole = tf.get_variable("whole", [6, 2])
    parts = tf.get_variable("parts", [6, 2], partitioner=tf.fixed_size_partitioner(4))
    init_from_checkpoint(ckpt, {"p": "q", "c": tf.get_variable("c2", [1])})
    init_from_checkpoint(os.path.join(ckpt, "m"), {"p": whole})
    init_from_checkpoint(ckpt, {"p": list(parts)})
    got = _init_and_run(q.as_tensor(), whole, parts.as_tensor(), list(q)[1])
    for g in got[:3]:
        np.testing.assert_array_equal(g, P_FULL)
    np.testing.assert_array_equal(got[3], P_FULL[2:4])


def test_errors_follow_tf(ckpt):
    tf.get_variable("x", [1])
    tf.get_variable("wide", [3])
    tf.get_variable("d", [1], dtype=tf.float64)
    with tf.variable_scope("new"):
        tf.get_variable("a", [2])
        tf.get_variable("zz", [2])
    with pytest.raises(ValueError, match="Tensor zz is not found"):
        init_from_checkpoint(ckpt, {"zz": "x"})
    with pytest.raises(ValueError, match="should map to scope only"):
        init_from_checkpoint(ckpt, {"c": "nonexistent"})
    with pytest.raises(ValueError, match=r"Shape of variable wide:0 \(\(3,\)\) doesn't match"):
        init_from_checkpoint(ckpt, {"c": "wide"})
    with pytest.raises(ValueError, match="Dtype of variable d"):
        init_from_checkpoint(ckpt, {"c": "d"})
    with pytest.raises(ValueError, match=r"Tensor old/zz \(zz in old/\) is not found"):
        init_from_checkpoint(ckpt, {"old/": "new/"})
    with pytest.raises(ValueError, match="Couldn't find 'checkpoint' file"):
        init_from_checkpoint(os.path.dirname(ckpt), {"/": "/"})


def test_from_tf_fixture_and_reexported_readers():
    path = os.path.join(FIXTURES, "adam")
    with tf.variable_scope("linear"):
        w = tf.get_variable("w", [2, 1])
    gs = tf.train.get_or_create_global_step()
    init_from_checkpoint(path, {"linear/": "linear/", "global_step": "global_step"})
    got, step = _init_and_run(w, gs)
    np.testing.assert_array_equal(got, load_variable(path, "linear/w"))
    assert step == 3 and step.shape == () and step.dtype == np.int64
    assert ("global_step", []) in list_variables(path)
