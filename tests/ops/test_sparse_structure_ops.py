"""tf.sparse.expand_dims / eye / to_indicator / merge / reset_shape / mask
(varflow/ops/sparse_structure_ops.py): values against NumPy references and numbers observed in
TensorFlow 2.21, the composite graphs TF builds (op names and types), TF's error classes, and
gradients through the composites. The recorded case tests/crosscheck/cases/ops_sparse_more_structure.py
pins the full graphs."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.ops import sparse_structure_ops as ss
from varflow.testing.gradient_checker import assert_gradients_match


def run(x, feed=None):
    with tf.Session() as sess:
        return sess.run(x, feed)


def sv(v):
    return v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist()


def dense_of(v):
    out = np.zeros(v.dense_shape, v.values.dtype)
    out[tuple(v.indices.T)] = v.values
    return out


def base():
    return tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1.0, -2.0, 3.0], [2, 3])


def new_op_types(start):
    return [(op.name, op.type) for op in tf.get_default_graph().get_operations()[start:]]


def n_ops():
    return len(tf.get_default_graph().get_operations())


# --- expand_dims --------------------------------------------------------------------------------
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2, -3, None])
def test_expand_dims_matches_numpy(axis):
    sp = base()
    got = run(ss.sparse_expand_dims(sp, axis))
    want = np.expand_dims(run(tf.sparse.to_dense(sp)), -1 if axis is None else axis)
    np.testing.assert_array_equal(dense_of(got), want)
    assert list(got.dense_shape) == list(want.shape)


def test_expand_dims_graph_as_tf_builds_it():
    sp = base()
    start = n_ops()
    out = ss.sparse_expand_dims(sp, 1)
    ops = new_op_types(start)
    assert [t for _, t in ops] == [
        "Const", "Const", "GreaterEqual", "Const", "AddV2", "Const", "AddV2", "SelectV2", "Const", "Const",
        "Const", "Const", "StridedSlice", "Const", "Pack", "Const", "Fill", "Const", "Const", "Pack", "Slice",
        "Const", "Pack", "Const", "Slice", "Const", "ConcatV2", "Const", "Pack", "Slice", "Pack", "Const",
        "Slice", "Const", "Const", "ConcatV2"]
    assert out.indices.op.name == "expand_dims/concat" and out.dense_shape.op.name == "expand_dims/concat_1"
    assert out.values is sp.values
    assert [str(out.indices.shape), str(out.dense_shape.shape), str(out.shape)] == ["(3, 3)", "(3,)", "(?, 1, ?)"]
    assert ss.sparse_expand_dims(sp, 0, name="ed").indices.op.name == "ed/concat"


def test_expand_dims_fed_axis_and_errors():
    sp = base()
    axis = tf.placeholder_with_default(1, [])
    out = ss.sparse_expand_dims(sp, axis)
    assert sv(run(out, {axis: -1})) == ([[0, 0, 0], [0, 2, 0], [1, 1, 0]], [1.0, -2.0, 3.0], [2, 3, 1])
    assert out.shape.ndims is None
    with pytest.raises(ValueError, match="Negative dimension size caused by subtracting 3 from 2"):
        ss.sparse_expand_dims(sp, 3)
    with pytest.raises(TypeError, match="axis must be an integer value"):
        ss.sparse_expand_dims(sp, [1])
    with pytest.raises(ValueError, match="unknown Dimension"):
        ss.sparse_expand_dims(tf.sparse_placeholder(tf.float32), 0)
    with pytest.raises(errors.InvalidArgumentError):
        run(ss.sparse_expand_dims(sp, -4).indices)


def test_expand_dims_gradient_flows_to_values():
    indices = np.array([[0, 1], [1, 0], [1, 2]], np.int64)

    def build(v):
        out = ss.sparse_expand_dims(tf.SparseTensor(indices, v, [2, 3]), 1)
        return tf.sparse.to_dense(out) * tf.constant(np.arange(6.0).reshape(2, 1, 3))
    assert_gradients_match(build, [np.array([1.0, -2.0, 0.5])])


# --- eye ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rows,cols", [(3, None), (2, 4), (4, 2), (0, None)])
def test_eye_matches_numpy(rows, cols):
    got = run(ss.sparse_eye(rows, cols))
    np.testing.assert_array_equal(dense_of(got), np.eye(rows, cols, dtype=np.float32))
    assert got.values.dtype == np.float32 and got.indices.shape[1] == 2


def test_eye_graph_dtype_and_tensors():
    start = n_ops()
    out = ss.sparse_eye(3)
    assert new_op_types(start) == [
        ("eye/num_rows", "Const"), ("eye/Minimum", "Minimum"), ("eye/range/start", "Const"),
        ("eye/range/delta", "Const"), ("eye/range", "Range"), ("eye/stack", "Pack"),
        ("eye/ones/Reshape/shape", "Const"), ("eye/ones/Reshape", "Reshape"), ("eye/ones/Const", "Const"),
        ("eye/ones", "Fill"), ("eye/SparseTensor/dense_shape", "Pack")]
    assert [str(out.indices.shape), str(out.values.shape), str(out.shape)] == ["(3, 2)", "(3,)", "(3, 3)"]
    ints = ss.sparse_eye(3, 2, dtype=tf.int32, name="E")
    assert ints.values.dtype == tf.int32 and ints.indices.op.name == "E/stack"
    rows = tf.placeholder(tf.int32, [])
    fed = ss.sparse_eye(rows, tf.constant(3, tf.int64))
    assert sv(run(fed, {rows: 2})) == ([[0, 0], [1, 1]], [1.0, 1.0], [2, 3])
    assert str(fed.shape) == "(?, 3)"
    with pytest.raises(ValueError, match="Requires start <= limit"):
        ss.sparse_eye(-1)


# --- to_indicator / merge ------------------------------------------------------------------------
def ids_and_values():
    ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0]], tf.constant([3, 0, 1, 3], tf.int64), [3, 2])
    vals = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0]], [0.5, 0.25, 1.0, 2.0], [3, 2])
    return ids, vals


def test_to_indicator_values_and_graph():
    ids, _ = ids_and_values()
    out = ss.sparse_to_indicator(ids, 4)
    # observed in TF 2.21
    assert run(out).tolist() == [[True, False, False, True], [False, True, False, False],
                                 [False, False, False, True]]
    assert out.op.name == "SparseToIndicator" and out.op.type == "SparseToDense" and out.dtype == tf.bool
    assert out.op.inputs[0].op.type == "SparseReorder" and out.op.inputs[1].op.name == "SparseToIndicator/concat_1"
    assert out.shape.as_list() == [3, 4] and out.op.get_attr("validate_indices") is False
    three_d = tf.SparseTensor([[0, 1, 0], [1, 0, 1]], tf.constant([1, 2], tf.int64), [2, 2, 2])
    assert run(ss.sparse_to_indicator(three_d, 3)).tolist() == [[[False] * 3, [False, True, False]],
                                                                [[False, False, True], [False] * 3]]
    rank1 = tf.SparseTensor([[0]], tf.constant([1], tf.int32), [2])
    assert run(ss.sparse_to_indicator(rank1, 3, name="ind")).tolist() == [False, True, False]


def test_to_indicator_errors():
    ids, _ = ids_and_values()
    with pytest.raises(TypeError, match="Input must be a SparseTensor"):
        ss.sparse_to_indicator(tf.constant([1, 2]), 3)
    with pytest.raises(errors.InvalidArgumentError):
        run(ss.sparse_to_indicator(ids, 3))


def test_merge_values_observed_in_tf():
    ids, vals = ids_and_values()
    assert sv(run(ss.sparse_merge(ids, vals, 4))) == (
        [[0, 0], [0, 3], [1, 1], [2, 3]], [0.25, 0.5, 1.0, 2.0], [3, 4])
    assert sv(run(ss.sparse_merge(ids, vals, 4, already_sorted=True))) == (
        [[0, 3], [0, 0], [1, 1], [2, 3]], [0.5, 0.25, 1.0, 2.0], [3, 4])
    assert sv(run(ss.sparse_merge([ids, ids], vals, [4, tf.constant(5, tf.int64)]))) == (
        [[0, 0, 0], [0, 3, 3], [1, 1, 1], [2, 3, 3]], [0.25, 0.5, 1.0, 2.0], [3, 4, 5])
    assert sv(run(ss.sparse_merge(vals, vals, 3))) == (                  # float ids are cast
        [[0, 0], [0, 0], [1, 1], [2, 2]], [0.5, 0.25, 1.0, 2.0], [3, 3])


def test_merge_graph_and_static_shape():
    ids, vals = ids_and_values()
    out = ss.sparse_merge(ids, vals, 4)
    assert out.indices.op.name == "SparseMerge/SparseReorder" and out.dense_shape.op.name == "SparseMerge/concat_1"
    assert out.shape.as_list() == [3, 4]
    concat = out.indices.op.inputs[0].op
    assert concat.inputs[0].op.inputs[0] is ids.indices          # rows come from the ids
    listed = ss.sparse_merge([ids, ids], vals, [4, tf.placeholder(tf.int64, [])])
    assert str(listed.shape) == "(3, 4, ?)"
    sorted_ = ss.sparse_merge(ids, vals, 4, already_sorted=True)
    assert sorted_.values is vals.values and sorted_.indices.op.type == "ConcatV2"


def test_merge_errors():
    ids, vals = ids_and_values()
    with pytest.raises(TypeError, match="vocab_size has to be a list of Tensors or Python ints"):
        ss.sparse_merge([ids, ids], vals, 4)
    with pytest.raises(TypeError, match="Input must be a SparseTensor"):
        ss.sparse_merge(ids, tf.constant([1.0]), 3)
    with pytest.raises(ValueError, match="equal lengths"):
        ss.sparse_merge([ids, ids], vals, [4])


def test_merge_gradient_flows_to_values():
    def build(v):
        ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([2, 0, 1], tf.int64), [2, 2])
        merged = ss.sparse_merge(ids, tf.SparseTensor([[0, 0], [0, 1], [1, 0]], v, [2, 2]), 3)
        return merged.values * tf.constant([1.0, 10.0, 100.0], tf.float64)
    assert_gradients_match(build, [np.array([0.5, -1.0, 2.0])])


# --- reset_shape ------------------------------------------------------------------------------------
def test_reset_shape_static_and_tightest():
    sp = base()
    start = n_ops()
    out = ss.sparse_reset_shape(sp, [3, 4])
    assert [t for _, t in new_op_types(start)] == ["Identity", "Identity", "Identity", "Const", "Cast", "Const"]
    assert sv(run(out)) == ([[0, 0], [0, 2], [1, 1]], [1.0, -2.0, 3.0], [3, 4])
    assert out.shape.as_list() == [3, 4]
    tight = ss.sparse_reset_shape(sp)
    assert tight.dense_shape.op.type == "Maximum" and str(tight.shape) == "(?, ?)"
    assert run(tight.dense_shape).tolist() == [2, 3]
    empty = tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [2, 2])
    assert run(ss.sparse_reset_shape(empty).dense_shape).tolist() == [0, 0]


def test_reset_shape_fed_checks_at_run_time():
    sp = base()
    new_shape = tf.placeholder(tf.int64, [None])
    out = ss.sparse_reset_shape(sp, new_shape)
    assert out.dense_shape.op.name == "control_dependency_1"
    assert run(out.dense_shape, {new_shape: [3, 5]}).tolist() == [3, 5]
    with pytest.raises(errors.InvalidArgumentError):
        run(out.dense_shape, {new_shape: [1, 5]})
    with pytest.raises(errors.InvalidArgumentError):
        run(out.dense_shape, {new_shape: [3, 3, 3]})


def test_reset_shape_build_errors():
    sp = base()
    with pytest.raises(ValueError, match=r"Found new_shape \(\[2 3\]\), sp_input.shape \(\[2 2\]\)"):
        ss.sparse_reset_shape(sp, [2, 2])        # (TF's words, the two shapes swapped)
    with pytest.raises(ValueError, match="Dimensions 3 and 2 are not compatible"):
        ss.sparse_reset_shape(sp, [2, 2, 2])
    with pytest.raises(ValueError, match="must have rank 1"):
        ss.sparse_reset_shape(sp, [[3, 3]])
    with pytest.raises(TypeError, match="Input must be a SparseTensor"):
        ss.sparse_reset_shape(tf.constant([1.0]), [2])


def test_reset_shape_gradient_flows_to_values():
    indices = np.array([[0, 1], [1, 0]], np.int64)

    def build(v):
        out = ss.sparse_reset_shape(tf.SparseTensor(indices, v, [2, 2]), [3, 3])
        return tf.sparse.to_dense(out) * tf.constant(np.arange(9.0).reshape(3, 3))
    assert_gradients_match(build, [np.array([1.5, -2.0])])


# --- mask -----------------------------------------------------------------------------------------
def test_mask_values_graph_and_gradient():
    values = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    slices = tf.IndexedSlices(values, tf.constant([0, 3, 5]), tf.constant([7, 2]))
    start = n_ops()
    out = ss.sparse_mask(slices, [3])
    assert new_op_types(start) == [("sparse_mask/ListDiff/y", "Const"), ("sparse_mask/ListDiff", "ListDiff"),
                                   ("sparse_mask/axis", "Const"), ("sparse_mask", "GatherV2")]
    assert out.dense_shape is slices.dense_shape and str(out.values.shape) == "(?, 2)"
    got = run(out)
    assert got.indices.tolist() == [0, 5] and got.values.tolist() == [[1.0, 2.0], [5.0, 6.0]]
    none = run(ss.sparse_mask(slices, tf.constant([], tf.int32), name="mm"))
    assert none.indices.tolist() == [0, 3, 5]
    assert run(ss.sparse_mask(slices, [5, 0, 3]).values).shape == (0, 2)
    (g,) = tf.gradients(tf.reduce_sum(out.values * tf.constant([[1.0, 2.0], [3.0, 4.0]])), values)
    assert run(tf.convert_to_tensor(g)).tolist() == [[1.0, 2.0], [0.0, 0.0], [3.0, 4.0]]


# --- public names -----------------------------------------------------------------------------------
def test_public_names():
    for short in ("expand_dims", "eye", "to_indicator", "merge", "reset_shape", "mask"):
        assert getattr(tf.sparse, short) is getattr(ss, "sparse_" + short)
    for short in ("to_indicator", "merge", "reset_shape", "mask"):      # TF1 keeps only these four
        assert getattr(tf, "sparse_" + short) is getattr(ss, "sparse_" + short)
        assert getattr(tf.compat.v1, "sparse_" + short) is getattr(ss, "sparse_" + short)
