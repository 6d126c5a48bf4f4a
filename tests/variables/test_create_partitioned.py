"""tf.create_partitioned_variables: part names, shapes, values, reuse and errors (TF 2.21 observed)."""
import numpy as np
import pytest

import varflow as tf
from varflow.variables.partitioned_list import create_partitioned_variables


@pytest.fixture(autouse=True)
def _fresh_graph():
    with tf.Graph().as_default():
        yield


def _desc(vs):
    return [(v.name, v.shape.as_list(), v.dtype.name) for v in vs]


def test_default_name_shapes_and_values():
    value = np.arange(20.0, dtype=np.float32).reshape(5, 4)
    vs = create_partitioned_variables([5, 4], [2, 1], value)
    assert _desc(vs) == [("PartitionedVariable/part_0:0", [3, 4], "float32_ref"),
                         ("PartitionedVariable/part_1:0", [2, 4], "float32_ref")]
    info = vs[1]._get_save_slice_info()
    assert (info.full_name, info.full_shape, info.var_offset, info.var_shape) == \
        ("PartitionedVariable", [5, 4], [3, 0], [2, 4])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(np.concatenate(sess.run(vs)), value)


def test_initializer_dtype_trainable_and_value_cast():
    vs = create_partitioned_variables([5, 4], [1, 3], tf.random_uniform_initializer(), name="emb",
                                      dtype=tf.float64, trainable=False)
    assert _desc(vs) == [("emb/part_0:0", [5, 2], "float64_ref"), ("emb/part_1:0", [5, 1], "float64_ref"),
                         ("emb/part_2:0", [5, 1], "float64_ref")]
    assert tf.trainable_variables() == [] and len(tf.global_variables()) == 3
    vs = create_partitioned_variables([6], [3], np.arange(6.0), name="fromval")
    assert _desc(vs) == [("fromval/part_%d:0" % i, [2], "float32_ref") for i in range(3)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(vs)
    assert [g.dtype for g in got] == [np.float32] * 3
    np.testing.assert_array_equal(np.concatenate(got), np.arange(6.0))


def test_scope_collections_and_reuse():
    with tf.variable_scope("sc"):
        vs = create_partitioned_variables([4, 2], [2, 1], tf.ones_initializer(), collections=["mine"])
    assert [v.name for v in vs] == ["sc/PartitionedVariable/part_0:0", "sc/PartitionedVariable/part_1:0"]
    assert tf.get_collection("mine") == vs and tf.global_variables() == []
    with tf.variable_scope("sc", reuse=True):
        again = create_partitioned_variables([4, 2], [2, 1], tf.ones_initializer())
    assert again[0] is vs[0] and again[1] is vs[1]
    r = create_partitioned_variables([4, 2], [2, 1], tf.ones_initializer(), name="r")
    assert create_partitioned_variables([4, 2], [2, 1], tf.ones_initializer(), name="r",
                                        reuse=True) == r
    with pytest.raises(ValueError, match="r already exists"):
        create_partitioned_variables([4, 2], [2, 1], tf.ones_initializer(), name="r")
    assert [v.name for v in create_partitioned_variables([4, 2], [1, 1], tf.ones_initializer(),
                                                         name="single")] == ["single/part_0:0"]


@pytest.mark.parametrize("shape,slicing,msg", [
    ([4, 2], [2], "must have the length: shape: \\[4, 2\\], slicing: \\[2\\]"),
    ([4, 2], [2, 2], "Can only slice a variable along one dimension"),
    ([4, 2], [8, 1], "Expected 0 <= offset < shape but found offset=4, shape=4"),
])
def test_errors(shape, slicing, msg):
    with pytest.raises(ValueError, match=msg):
        create_partitioned_variables(shape, slicing, tf.ones_initializer(), name="bad")
