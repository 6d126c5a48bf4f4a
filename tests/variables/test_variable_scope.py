"""tf.get_variable and tf.variable_scope: names, reuse rules, defaults, getters, errors."""
import numpy as np
import pytest

import varflow as tf


def test_get_variable_names_follow_variable_scopes_not_name_scopes():
    with tf.name_scope("ns"):
        v = tf.get_variable("v", [1])
        x = tf.identity(v, name="x")
    assert v.name == "v:0" and x.name == "ns/x:0"


def test_reentering_scope_by_string_uniquifies_op_names_only():
    with tf.variable_scope("foo"):
        v = tf.get_variable("v", [1])
        x = tf.identity(v, name="x")
    with tf.variable_scope("foo") as scope:
        w = tf.get_variable("w", [1])
        y = tf.identity(w, name="x")
    assert (v.name, w.name, x.name, y.name) == ("foo/v:0", "foo/w:0", "foo/x:0", "foo_1/x:0")
    assert scope.original_name_scope == "foo_1/"


def test_already_exists_error_names_site_and_notebook_fix():
    tf.get_variable("weights", [2])
    with pytest.raises(ValueError) as info:
        tf.get_variable("weights", [2])
    msg = str(info.value)
    assert "weights already exists" in msg
    assert "test_variable_scope.py" in msg            # where it was first created
    assert "tf.reset_default_graph()" in msg and "reuse=True" in msg


def test_does_not_exist_error_lists_close_names_and_scope_stack():
    with tf.variable_scope("model"):
        tf.get_variable("weights", [2])
    with tf.variable_scope("model", reuse=True):
        with pytest.raises(ValueError) as info:
            tf.get_variable("weight", [2])
    msg = str(info.value)
    assert "model/weight does not exist" in msg
    assert "model/weights" in msg and "model/ reuse=True" in msg


def test_shape_and_dtype_mismatch_on_reuse():
    with tf.variable_scope("s"):
        tf.get_variable("v", [2, 3])
    with tf.variable_scope("s", reuse=True):
        with pytest.raises(ValueError, match=r"specified shape \(3, 2\) and found shape \(2, 3\)"):
            tf.get_variable("v", [3, 2])
        with pytest.raises(ValueError, match="dtype"):
            tf.get_variable("v", [2, 3], dtype=tf.int32)
        assert tf.get_variable("v").shape.as_list() == [2, 3]


def test_reuse_is_inherited_and_cannot_be_switched_off():
    with tf.variable_scope("a"):
        tf.get_variable("v", [1])
    with tf.variable_scope("a", reuse=True):
        with tf.variable_scope("b", reuse=False) as inner:
            assert inner.reuse is True


def test_auto_reuse():
    with tf.variable_scope("m", reuse=tf.AUTO_REUSE):
        a = tf.get_variable("v", [1])
    with tf.variable_scope("m", reuse=tf.AUTO_REUSE):
        b = tf.get_variable("v", [1])
    assert a is b


def test_scope_object_reentry_jumps_out_of_current_scope():
    with tf.variable_scope("model") as model:
        pass
    with tf.variable_scope("other"):
        with tf.variable_scope(model):
            v = tf.get_variable("v", [1])
    assert v.name == "model/v:0"


def test_default_name_uniquification():
    names = []
    for _ in range(3):
        with tf.variable_scope(None, default_name="layer"):
            names.append(tf.get_variable("w", [1]).name)
    assert names == ["layer/w:0", "layer_1/w:0", "layer_2/w:0"]
    with pytest.raises(TypeError):
        with tf.variable_scope(None):
            pass
    with pytest.raises(ValueError):
        with tf.variable_scope(None, default_name="x", reuse=True):
            pass


def test_scope_defaults_are_inherited():
    with tf.variable_scope("s", initializer=tf.constant_initializer(2.0), dtype=tf.float64):
        with tf.variable_scope("t"):
            v = tf.get_variable("v", [2])
    assert v.dtype.base_dtype == tf.float64
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(v).tolist() == [2.0, 2.0]


def test_initializer_tensor_infers_shape_and_rejects_shape():
    w = tf.get_variable("w", initializer=tf.constant([1, 2, 3]))
    assert w.dtype.base_dtype == tf.int32 and w.shape.as_list() == [3]
    with pytest.raises(ValueError, match="do not specify shape"):
        tf.get_variable("u", [3], initializer=tf.constant([1, 2, 3]))
    with pytest.raises(ValueError, match="don't match"):
        tf.get_variable("s", initializer=[1, 2, 3], dtype=tf.float32)


def test_default_initializers_per_dtype():
    f = tf.get_variable("f", [50])
    i = tf.get_variable("i", [3], dtype=tf.int64)
    b = tf.get_variable("b", [2], dtype=tf.bool)
    s = tf.get_variable("s", [2], dtype=tf.string)
    with pytest.raises(ValueError, match="initializer"):
        tf.get_variable("c", [2], dtype=tf.complex64)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fv, iv, bv, sv = sess.run([f, i, b, s])
    assert np.any(fv != 0) and iv.tolist() == [0, 0, 0]
    assert bv.tolist() == [False, False] and sv.tolist() == [b"", b""]


def test_custom_getters_compose_innermost_first():
    calls = []

    def outer(getter, name, *args, **kwargs):
        calls.append("outer:" + name)
        return getter(name, *args, **kwargs)

    def inner(getter, name, *args, **kwargs):
        calls.append("inner:" + name)
        return getter(name + "_x", *args, **kwargs)

    with tf.variable_scope("a", custom_getter=outer):
        with tf.variable_scope("b", custom_getter=inner):
            v = tf.get_variable("v", [1])
    assert calls == ["inner:a/b/v", "outer:a/b/v_x"] and v.name == "a/b/v_x:0"


def test_regularizer_losses_are_collected():
    with tf.variable_scope("s", regularizer=tf.contrib.layers.l2_regularizer(0.5)):
        w = tf.get_variable("w", initializer=[1.0, 2.0])
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert len(losses) == 1 and losses[0].name.startswith("s/w/Regularizer/")
    with tf.Session() as sess:
        sess.run(w.initializer)
        assert sess.run(losses[0]) == pytest.approx(0.5 * (1 + 4) / 2)


def test_get_local_variable():
    v = tf.get_local_variable("loc", [], initializer=tf.constant_initializer(3.0))
    assert v in tf.local_variables() and v not in tf.global_variables()
    assert v not in tf.trainable_variables()
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        assert sess.run(v) == 3.0


def test_partitioned_variable_parts_and_concat():
    pv = tf.get_variable("p", [10, 4], partitioner=tf.fixed_size_partitioner(3),
                         initializer=tf.ones_initializer())
    assert [p.shape.as_list() for p in pv] == [[4, 4], [3, 4], [3, 4]]
    assert [p.name for p in pv] == ["p/part_0:0", "p/part_1:0", "p/part_2:0"]
    assert list(pv)[1]._get_save_slice_info().spec == "10 4 4,3:0,4"
    full = tf.convert_to_tensor(pv)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(full).shape == (10, 4)


def test_global_step_helpers():
    assert tf.train.get_global_step() is None
    step = tf.train.get_or_create_global_step()
    assert step.name == "global_step:0" and step.dtype.base_dtype == tf.int64
    assert step not in tf.trainable_variables()
    assert tf.train.get_or_create_global_step() is step
    with pytest.raises(ValueError):
        tf.train.create_global_step()


def test_reuse_accepts_every_spelling_of_the_shape_and_refuses_a_different_one():
    with tf.Graph().as_default():
        with tf.variable_scope("m"):
            v = tf.get_variable("w", [3, 4])
        with tf.variable_scope("m", reuse=True):
            for shape in ([3, 4], (3, 4), tf.TensorShape([3, 4]), [np.int64(3), 4], [None, 4], None):
                assert tf.get_variable("w", shape) is v
            for shape in ([4, 3], [3, 4, 1], (3,)):
                with pytest.raises(ValueError, match="Trying to share variable m/w"):
                    tf.get_variable("w", shape)


def test_partitioned_variable_from_a_value_needs_its_shape_as_in_tf():
    start = len(tf.get_default_graph().get_operations())
    with pytest.raises(ValueError, match="must be fully defined, but instead was <unknown>"):
        tf.get_variable("r", initializer=np.ones([4, 2], np.float32),
                        partitioner=tf.fixed_size_partitioner(2))
    assert tf.get_default_graph().get_operations()[start:] == []     # no stray Const left behind
    parts = tf.get_variable("t", initializer=tf.ones([4, 2]), partitioner=tf.fixed_size_partitioner(2))
    assert [p.shape.as_list() for p in parts] == [[2, 2], [2, 2]]


def test_partitioned_variable_reuse_errors_start_with_tfs_words():
    tf.get_variable("r", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    with pytest.raises(ValueError, match="^Partitioned variable with name r already exists. Did you "
                                         "mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?"):
        tf.get_variable("r", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    with tf.variable_scope("", reuse=True):
        with pytest.raises(ValueError, match="^PartitionedVariable q does not exist, or was not created "
                                             "with tf.get_variable\\(\\)"):
            tf.get_variable("q", [4, 3], partitioner=tf.fixed_size_partitioner(2))
