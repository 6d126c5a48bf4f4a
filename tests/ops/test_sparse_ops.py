"""Sparse ops (varflow/ops/sparse_ops.py) against NumPy references on random SparseTensors, their
gradients against finite differences, their errors, and GraphDef export of every sparse op type.
What TensorFlow itself does is pinned by the recorded cases tests/crosscheck/cases/ops_sparse_*.py."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.framework.graph_def import node_def
from varflow.framework.op_signatures import SIGNATURES
from varflow.ops import sparse_ops
from varflow.testing.gradient_checker import assert_gradients_match

RNG = np.random.RandomState(7)


def random_sparse(shape, density=0.3, dtype=np.float32, sorted_=True, rng=RNG):
    """(indices, values, dense) of a random sparse array (distinct indices; row-major when sorted_)."""
    dense = np.zeros(shape, dtype)
    mask = rng.rand(*shape) < density
    dense[mask] = (rng.randn(int(mask.sum())) * 3).astype(dtype) + (1 if dtype != np.float32 else 0.5)
    dense[mask & (dense == 0)] = 1
    indices = np.argwhere(dense != 0).astype(np.int64)
    if not sorted_:
        indices = indices[rng.permutation(len(indices))]
    values = dense[tuple(indices.T)] if len(indices) else np.zeros(0, dtype)
    return indices, values, dense


def sparse_of(indices, values, shape):
    return tf.SparseTensor(indices.reshape(-1, len(shape)), values, list(shape))


def run(x, feed=None):
    with tf.Session() as sess:
        return sess.run(x, feed)


def as_dense(v):
    out = np.zeros(v.dense_shape, v.values.dtype)
    np.add.at(out, tuple(v.indices.T), v.values)
    return out


# --- SparseTensor ------------------------------------------------------------------------------
def test_sparse_tensor_components_and_static_shape():
    sp = tf.SparseTensor([[0, 1], [2, 3]], [1.5, 2.5], [3, 4])
    assert [sp.indices.dtype, sp.values.dtype, sp.dense_shape.dtype] == [tf.int64, tf.float32, tf.int64]
    assert sp.shape.as_list() == [3, 4] and sp.get_shape().as_list() == [3, 4]
    assert sp.op is sp.values.op and sp.graph is tf.get_default_graph() and sp.dtype == tf.float32
    assert not hasattr(sp, "name")
    assert [op.name for op in tf.get_default_graph().get_operations()] == [
        "SparseTensor/indices", "SparseTensor/values", "SparseTensor/dense_shape"]
    sp2 = tf.SparseTensor(sp.indices, sp.values, sp.dense_shape)   # the scope is taken anyway
    assert tf.constant(1.0, name="SparseTensor").op.name == "SparseTensor_2"
    assert sp2.indices is sp.indices


def test_sparse_tensor_validation_errors():
    with pytest.raises(ValueError, match="Dimensions 2 and 3"):
        tf.SparseTensor([[0, 0]], [1.0], [3, 4, 5])
    with pytest.raises(ValueError, match="must have rank 2"):
        tf.SparseTensor([0, 0], [1.0], [3, 4])
    with pytest.raises(ValueError, match="must have rank 1"):
        tf.SparseTensor([[0, 0]], [[1.0]], [3, 4])
    with pytest.raises(ValueError, match="Dimensions 2 and 1"):
        tf.SparseTensor([[0, 0], [1, 1]], [1.0], [3, 4])
    with pytest.raises(ValueError, match="requested dtype int64"):
        tf.SparseTensor(tf.constant([[0, 0]]), [1.0], [3, 4])
    with pytest.raises(TypeError):
        tf.SparseTensor([[0.5, 0]], [1.0], [3, 4])


def test_sparse_tensor_refuses_dense_conversion():
    sp = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
    with pytest.raises(TypeError, match="Failed to convert"):
        tf.convert_to_tensor(sp)
    with pytest.raises(TypeError, match="Expected float32"):
        tf.add(sp, tf.ones([2, 2]))
    with pytest.raises(TypeError):
        sp + 1.0   # noqa: B018 - TF defines no + on SparseTensor
    with pytest.raises(TypeError):
        2.0 * sp   # noqa: B018
    with pytest.raises(TypeError, match="Input must be a SparseTensor"):
        tf.sparse.to_dense(tf.ones([2]))
    assert tf.is_tensor(sp) and tf.is_tensor(tf.ones([1])) and not tf.is_tensor(1.0)
    assert tf.convert_to_tensor_or_sparse_tensor(sp) is sp
    assert isinstance(tf.convert_to_tensor_or_sparse_tensor(tf.SparseTensorValue([[0]], [1.0], [2])),
                      tf.SparseTensor)


def test_static_shape_from_dense_shape_tensor_and_set_shape():
    x = tf.placeholder(tf.float32, [None, 3])
    sp = tf.SparseTensor(tf.placeholder(tf.int64), tf.placeholder(tf.float32),
                         tf.shape(x, out_type=tf.int64))
    assert sp.shape.as_list() == [None, 3]
    sp.set_shape([5, None])
    assert sp.shape.as_list() == [5, 3]
    with pytest.raises(ValueError):
        sp.set_shape([4, 3])
    unknown = tf.SparseTensor(tf.placeholder(tf.int64), tf.placeholder(tf.float32), tf.placeholder(tf.int64))
    assert unknown.shape.ndims is None


def test_with_values_from_value_consumers_and_cast():
    sp = tf.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
    wv = sp.with_values(tf.constant([3, 4]))
    assert wv.indices is sp.indices and wv.dtype == tf.int32 and wv.shape.as_list() == [2, 2]
    fv = tf.SparseTensor.from_value(tf.SparseTensorValue(np.array([[1]]), np.array([2.0]), np.array([3])))
    assert fv.dtype == tf.float64 and fv.shape.as_list() == [3]
    with pytest.raises(TypeError):
        tf.SparseTensor.from_value([1, 2])
    d = tf.sparse.to_dense(sp)
    assert d.op in sp.consumers()
    cast = tf.cast(sp, tf.float64)
    assert isinstance(cast, tf.SparseTensor) and cast.dtype == tf.float64 and cast.values.op.name == "Cast"
    assert run(cast.values).tolist() == [1.0, 2.0]


def test_shape_rank_size_of_sparse_tensor():
    sp = tf.sparse_placeholder(tf.float32)
    s, r, n = tf.shape(sp), tf.rank(sp), tf.size(sp, out_type=tf.int64)
    assert [s.op.type, r.op.type, n.op.type] == ["Cast", "Size", "Prod"]
    assert s.dtype == tf.int32 and n.dtype == tf.int64
    got = run([s, r, n], {sp: ([[0, 1, 2]], [1.0], [2, 3, 4])})
    assert [g.tolist() for g in got] == [[2, 3, 4], 3, 24]


# --- to_dense / sparse_to_dense --------------------------------------------------------------
def test_to_dense_matches_reference():
    idx, vals, dense = random_sparse([4, 5, 3])
    sp = sparse_of(idx, vals, dense.shape)
    got = run([tf.sparse.to_dense(sp), tf.sparse_tensor_to_dense(sp, default_value=-1.0)])
    np.testing.assert_array_equal(got[0], dense)
    np.testing.assert_array_equal(got[1], np.where(dense != 0, dense, -1.0))


@pytest.mark.parametrize("indices, message", [
    ([[1, 0], [0, 0]], r"indices\[1\] = \[0,0\] is out of order"),
    ([[0, 0], [0, 0]], r"indices\[1\] = \[0,0\] is repeated"),
    ([[0, 0], [9, 0]], r"indices\[1\] = \[9,0\] is out of bounds: need 0 <= index < \[2,3\]"),
    ([[-1, 0]], r"out of bounds"),
])
def test_to_dense_validation(indices, message):
    sp = tf.sparse_placeholder(tf.float32, shape=[2, 3])
    d = tf.sparse.to_dense(sp)
    with pytest.raises(errors.InvalidArgumentError, match=message):
        run(d, {sp: (indices, np.ones(len(indices)), [2, 3])})


def test_to_dense_without_validation_last_write_wins_but_bounds_checked():
    sp = tf.sparse_placeholder(tf.float32, shape=[2, 3])
    d = tf.sparse.to_dense(sp, validate_indices=False)
    assert run(d, {sp: ([[1, 0], [1, 0], [0, 2]], [1.0, 2.0, 3.0], [2, 3])}).tolist() == [
        [0, 0, 3], [2, 0, 0]]
    with pytest.raises(errors.InvalidArgumentError, match="out of bounds"):
        run(d, {sp: ([[2, 0]], [1.0], [2, 3])})


def test_sparse_to_dense_scalar_vector_and_matrix_indices():
    a = tf.sparse_to_dense(3, [5], 7.0)
    b = tf.sparse_to_dense([0, 2], [4], 1.0, default_value=0.5)
    c = tf.sparse_to_dense([[0, 1], [1, 2]], [2, 3], [4, 5])
    assert [op.type for op in (a.op, b.op, c.op)] == ["SparseToDense"] * 3
    assert [x.tolist() for x in run([a, b, c])] == [[0, 0, 0, 7, 0], [1, 0.5, 1, 0.5], [[0, 4, 0], [0, 0, 5]]]
    with pytest.raises(TypeError):
        tf.sparse_to_dense(tf.constant([[0]], tf.int64), tf.constant([2]), [1.0])
    bad = tf.sparse_to_dense([[0, 1]], [2, 3], tf.placeholder(tf.float32))
    with pytest.raises(errors.InvalidArgumentError, match="sparse_values has incorrect shape"):
        run(bad, {bad.op.inputs[2]: [1.0, 2.0]})


def test_to_dense_gradients():
    idx = np.array([[0, 1], [1, 0], [2, 2]])
    assert_gradients_match(lambda v: tf.sparse.to_dense(tf.SparseTensor(idx, v, [3, 3])) * 2.0, [[1.0, 2.0, 3.0]])
    assert_gradients_match(lambda v, d: tf.sparse_to_dense(idx, [3, 3], v, d), [[1.0, 2.0, 3.0], 0.5])


# --- matmul ------------------------------------------------------------------------------------
@pytest.mark.parametrize("adjoint_a", [False, True])
@pytest.mark.parametrize("adjoint_b", [False, True])
def test_matmul_matches_dense_product(adjoint_a, adjoint_b):
    idx, vals, a = random_sparse([6, 5])
    a_eff = a.T if adjoint_a else a
    b = RNG.randn(a_eff.shape[1], 4).astype(np.float32)
    b_in = b.T.copy() if adjoint_b else b
    y = tf.sparse_tensor_dense_matmul(sparse_of(idx, vals, a.shape), b_in, adjoint_a=adjoint_a,
                                      adjoint_b=adjoint_b)
    assert y.shape.as_list() == [a_eff.shape[0], 4]
    np.testing.assert_allclose(run(y), a_eff @ b, rtol=1e-5, atol=1e-5)


def test_matmul_complex_adjoint_conjugates():
    idx = np.array([[0, 1], [1, 0]])
    vals = np.array([1 + 2j, 3 - 1j], np.complex64)
    a = np.zeros([2, 2], np.complex64)
    a[tuple(idx.T)] = vals
    b = np.array([[1 + 1j, 2], [0, 1j]], np.complex64)
    y = tf.sparse.sparse_dense_matmul(tf.SparseTensor(idx, vals, [2, 2]), b, adjoint_a=True, adjoint_b=True)
    np.testing.assert_allclose(run(y), a.conj().T @ b.conj().T, rtol=1e-6)


@pytest.mark.parametrize("adjoint_a", [False, True])
@pytest.mark.parametrize("adjoint_b", [False, True])
def test_matmul_gradients(adjoint_a, adjoint_b):
    idx = np.array([[0, 0], [1, 2], [2, 1], [2, 3]])
    b_shape = [3 if adjoint_a else 4, 2]
    if adjoint_b:
        b_shape = b_shape[::-1]
    assert_gradients_match(
        lambda v, b: tf.sparse_tensor_dense_matmul(tf.SparseTensor(idx, v, [3, 4]), b, adjoint_a=adjoint_a,
                                                   adjoint_b=adjoint_b),
        [[1.0, -2.0, 0.5, 3.0], RNG.randn(*b_shape)])


def test_matmul_errors():
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.sparse_tensor_dense_matmul(tf.SparseTensor([[0, 0]], [1.0], [3, 5]), tf.ones([4, 2]))
    with pytest.raises(TypeError, match="does not match type float32"):
        tf.sparse_tensor_dense_matmul(tf.SparseTensor([[0, 0]], [1.0], [3, 4]), tf.ones([4, 2], tf.float64))
    with pytest.raises(ValueError, match="rank 2"):
        tf.sparse_tensor_dense_matmul(tf.SparseTensor([[0, 0]], [1.0], [3, 4]), tf.ones([4]))
    p = tf.sparse_placeholder(tf.float32)
    y = tf.sparse_tensor_dense_matmul(p, tf.ones([4, 2]))
    with pytest.raises(errors.InvalidArgumentError, match=r"m \(5\) from index\[0,0\] out of bounds"):
        run(y, {p: ([[5, 0]], [1.0], [3, 4])})
    with pytest.raises(errors.InvalidArgumentError, match=r"k \(7\) from index\[0,1\] out of bounds"):
        run(y, {p: ([[0, 7]], [1.0], [3, 4])})
    with pytest.raises(errors.InvalidArgumentError, match="inner dimension does not match"):
        run(y, {p: ([[0, 0]], [1.0], [3, 5])})
    # unordered and repeated indices are fine: entries add
    assert run(y, {p: ([[1, 0], [0, 0], [0, 0]], [1.0, 2.0, 3.0], [2, 4])}).tolist() == [[5, 5], [1, 1]]


# --- reduce_sum --------------------------------------------------------------------------------
@pytest.mark.parametrize("axis", [None, 0, 1, 2, -1, [0, 2], [1, -3]])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reduce_sum_matches_reference(axis, keepdims):
    idx, vals, dense = random_sparse([3, 4, 5], sorted_=False)
    y = tf.sparse_reduce_sum(sparse_of(idx, vals, dense.shape), axis=axis, keepdims=keepdims)
    want = dense.sum(axis=None if axis is None else tuple(np.atleast_1d(axis)), keepdims=keepdims)
    assert y.shape.as_list() == list(np.shape(want))
    np.testing.assert_allclose(run(y), want, rtol=1e-5, atol=1e-5)


def test_reduce_sum_unknown_shape_duplicates_and_errors():
    p = tf.sparse_placeholder(tf.float32)
    y, y1 = tf.sparse.reduce_sum(p), tf.sparse.reduce_sum(p, 1)
    assert y.shape.ndims is None and y.op.inputs[3].op.type == "Range"
    feed = {p: ([[1, 0], [1, 0], [0, 2]], [1.0, 2.0, 4.0], [2, 3])}
    assert run([y, y1], feed)[1].tolist() == [4.0, 3.0]
    with pytest.raises(errors.InvalidArgumentError, match="Invalid reduction dimension 2"):
        run(tf.sparse.reduce_sum(p, 2), feed)
    with pytest.raises(errors.InternalError, match="write index of 5"):
        run(y1, {p: ([[5, 0]], [1.0], [2, 3])})
    with pytest.raises(ValueError, match="Cannot specify both"):
        tf.sparse_reduce_sum(p, axis=0, reduction_axes=0)


def test_reduce_sum_gradients():
    idx = np.array([[0, 0, 1], [1, 2, 0], [1, 2, 1], [2, 1, 1]])
    for axis, keep in ((None, False), (1, False), ([0, 2], True), (-1, False)):
        assert_gradients_match(
            lambda v, axis=axis, keep=keep: tf.sparse_reduce_sum(tf.SparseTensor(idx, v, [3, 3, 2]), axis,
                                                                 keepdims=keep),
            [[1.0, 2.0, 3.0, 4.0]])


def test_reduce_sum_gradient_with_dynamic_dense_shape():
    values = tf.placeholder(tf.float64, [None])
    shape = tf.placeholder(tf.int64, [2])
    sp = tf.SparseTensor([[0, 1], [2, 0], [2, 2]], values, shape)
    g = tf.gradients(tf.sparse_reduce_sum(sp, 1) * tf.constant([1.0, 2.0, 3.0], tf.float64), values)[0]
    assert run(g, {values: [1.0, 1.0, 1.0], shape: [3, 3]}).tolist() == [1.0, 3.0, 3.0]


# --- reorder / reshape / transpose -----------------------------------------------------------------
def test_reorder_sorts_row_major_stably():
    idx, vals, dense = random_sparse([5, 4, 3], sorted_=False)
    out = run(tf.sparse.reorder(sparse_of(idx, vals, dense.shape)))
    order = np.lexsort(idx.T[::-1])
    np.testing.assert_array_equal(out.indices, idx[order])
    np.testing.assert_array_equal(out.values, vals[order])
    dup = run(tf.sparse_reorder(tf.SparseTensor([[1, 0], [0, 1], [1, 0]], [1.0, 2.0, 3.0], [2, 2])))
    assert dup.indices.tolist() == [[0, 1], [1, 0], [1, 0]] and dup.values.tolist() == [2.0, 1.0, 3.0]


def test_reorder_and_transpose_gradients():
    idx = np.array([[2, 1], [0, 3], [1, 0], [0, 1]])
    assert_gradients_match(lambda v: tf.sparse.reorder(tf.SparseTensor(idx, v, [3, 4])).values,
                           [[1.0, 2.0, 3.0, 4.0]])
    assert_gradients_match(lambda v: tf.sparse.transpose(tf.SparseTensor(idx, v, [3, 4])).values,
                           [[1.0, 2.0, 3.0, 4.0]])


@pytest.mark.parametrize("new_shape", [[6, 10], [-1, 3], [2, -1, 5], [60]])
def test_reshape_matches_dense_reshape(new_shape):
    idx, vals, dense = random_sparse([3, 4, 5])
    out = run(tf.sparse.reshape(sparse_of(idx, vals, dense.shape), new_shape))
    np.testing.assert_array_equal(as_dense(out), dense.reshape(new_shape))


def test_reshape_static_shapes_and_errors():
    sp = tf.SparseTensor([[0, 0]], [1.0], [3, 4])
    assert sp_shape(tf.sparse.reshape(sp, [-1, 6])) == [2, 6]
    q = tf.sparse_placeholder(tf.float32, shape=[None, 4])
    assert sp_shape(tf.sparse.reshape(q, [-1, 2])) == [None, None]
    with pytest.raises(ValueError, match="Cannot reshape a tensor with 12 elements"):
        tf.sparse.reshape(sp, [5, 2])
    feed = {q: ([[0, 1]], [1.0], [3, 4])}
    for shape, message in (([-1, -1], "only one output dimension may be -1"),
                           ([5, 2], "has 10"), ([-1, 5], "requires a multiple of 5")):
        with pytest.raises(errors.InvalidArgumentError, match=message):
            run(tf.sparse.reshape(q, shape).indices, feed)


def sp_shape(sp):
    return sp.shape.as_list()


@pytest.mark.parametrize("perm", [None, [1, 0, 2], [2, 0, 1]])
def test_transpose_matches_numpy(perm):
    idx, vals, dense = random_sparse([2, 3, 4])
    out = tf.sparse.transpose(sparse_of(idx, vals, dense.shape), perm)
    want = np.transpose(dense, perm)
    assert out.shape.as_list() == list(want.shape)
    got = run(out)
    np.testing.assert_array_equal(as_dense(got), want)
    assert np.all(np.diff(sparse_ops._row_keys(got.indices)[0]) > 0)     # row-major order


def test_transpose_unknown_rank():
    p = tf.sparse_placeholder(tf.float32)
    got = run(tf.sparse.transpose(p), {p: ([[0, 1, 2], [1, 0, 0]], [1.0, 2.0], [2, 3, 4])})
    assert got.indices.tolist() == [[0, 0, 1], [2, 1, 0]] and got.dense_shape.tolist() == [4, 3, 2]


# --- add ----------------------------------------------------------------------------------------
def reference_merge(a_idx, a_val, b_idx, b_val, thresh):
    """TF's two-pointer merge, written out."""
    out_i, out_v = [], []
    i = j = 0
    while i < len(a_idx) and j < len(b_idx):
        ka, kb = tuple(a_idx[i]), tuple(b_idx[j])
        if ka < kb:
            out_i.append(ka)
            out_v.append(a_val[i])
            i += 1
        elif ka == kb:
            s = a_val[i] + b_val[j]
            if abs(s) >= thresh:
                out_i.append(ka)
                out_v.append(s)
            i += 1
            j += 1
        else:
            out_i.append(kb)
            out_v.append(b_val[j])
            j += 1
    out_i += [tuple(r) for r in a_idx[i:]] + [tuple(r) for r in b_idx[j:]]
    out_v += list(a_val[i:]) + list(b_val[j:])
    return out_i, out_v


@pytest.mark.parametrize("sorted_", [True, False])
@pytest.mark.parametrize("thresh", [0.0, 1.5])
def test_sparse_add_matches_two_pointer_merge(sorted_, thresh):
    for seed in range(4):
        rng = np.random.RandomState(seed)
        a_idx, a_val, _ = random_sparse([4, 5], 0.5, sorted_=sorted_, rng=rng)
        b_idx, b_val, _ = random_sparse([4, 5], 0.5, sorted_=sorted_, rng=rng)
        if seed == 3:    # duplicates on both sides
            a_idx, a_val = np.concatenate([a_idx, a_idx[:2]]), np.concatenate([a_val, a_val[:2]])
            b_idx, b_val = np.concatenate([b_idx[:1], b_idx]), np.concatenate([b_val[:1], b_val])
        out = run(tf.sparse.add(sparse_of(a_idx, a_val, [4, 5]), sparse_of(b_idx, b_val, [4, 5]),
                                threshold=thresh))
        want_i, want_v = reference_merge(a_idx, a_val, b_idx, b_val, thresh)
        assert [tuple(r) for r in out.indices.tolist()] == want_i
        np.testing.assert_allclose(out.values, want_v, rtol=1e-6)
        assert out.dense_shape.tolist() == [4, 5]


def test_sparse_add_threshold_keeps_single_entries_and_zero_sums_at_zero():
    a = tf.SparseTensor([[0, 0], [1, 1], [2, 0]], [1.0, 2.0, 0.5], [3, 4])
    b = tf.SparseTensor([[0, 0], [1, 1], [2, 3]], [-1.0, -0.6, 0.1], [3, 4])
    zero = run(tf.sparse.add(a, b))
    assert zero.indices.tolist() == [[0, 0], [1, 1], [2, 0], [2, 3]] and zero.values[0] == 0.0
    drop = run(tf.sparse.add(a, b, threshold=1.5))
    assert drop.indices.tolist() == [[2, 0], [2, 3]]


def test_sparse_add_gradients_including_dropped_sums():
    a_idx = np.array([[0, 0], [1, 1], [2, 0]])
    b_idx = np.array([[0, 0], [1, 2], [2, 0]])

    def build(va, vb):
        return tf.sparse.add(tf.SparseTensor(a_idx, va, [3, 4]), tf.SparseTensor(b_idx, vb, [3, 4]),
                             threshold=0.75).values
    assert_gradients_match(build, [[1.0, 2.0, 0.25], [3.0, 4.0, 0.25]])
    va, vb = tf.constant([1.0, 2.0, 0.25]), tf.constant([3.0, 4.0, 0.25])
    out = tf.sparse.add(tf.SparseTensor(a_idx, va, [3, 4]), tf.SparseTensor(b_idx, vb, [3, 4]), threshold=0.75)
    ga, gb = tf.gradients(out.values, [va, vb])
    assert [g.tolist() for g in run([ga, gb])] == [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0]]


def test_sparse_add_grad_kernel_with_unsorted_inputs():
    a = np.array([[1, 0], [0, 3], [0, 1]])
    b = np.array([[0, 1], [1, 0]])
    out_i, _ = reference_merge(a, [1.0, 2.0, 3.0], b, [10.0, 20.0], 0.0)
    grad = np.arange(1, len(out_i) + 1, dtype=np.float32)
    ga, gb = sparse_ops._add_grad_kernel(grad, a, b, np.array(out_i))
    # merged order: [0,1](b0) [1,0](a0+b1) [0,3](a1) [0,1](a2)
    assert ga.tolist() == [2.0, 3.0, 4.0] and gb.tolist() == [1.0, 2.0]


def test_sparse_plus_dense_either_way():
    idx, vals, dense = random_sparse([3, 4])
    d = RNG.randn(3, 4).astype(np.float32)
    sp = sparse_of(idx, vals, [3, 4])
    ab, ba = tf.sparse.add(sp, d), tf.sparse_add(tf.constant(d), sp)
    assert ab.op.type == ba.op.type == "SparseTensorDenseAdd" and ab.shape.as_list() == [3, 4]
    for got in run([ab, ba]):
        np.testing.assert_allclose(got, d + dense, rtol=1e-6)
    assert_gradients_match(lambda v, x: tf.sparse.add(tf.SparseTensor(idx, v, [3, 4]), x) * x,
                           [vals, d])
    with pytest.raises(TypeError, match="At least one input"):
        tf.sparse.add(tf.ones([2]), tf.ones([2]))
    q = tf.sparse_placeholder(tf.float32)
    y = tf.sparse.add(q, tf.ones([3, 4]))
    with pytest.raises(errors.InvalidArgumentError, match="invalid index on dimension 0"):
        run(y, {q: ([[5, 0]], [1.0], [3, 4])})
    with pytest.raises(errors.InvalidArgumentError, match="no broadcasting is supported"):
        run(y, {q: ([[0, 0]], [1.0], [3, 5])})


# --- concat / slice / split / retain / fill ------------------------------------------------------
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_concat_matches_dense_concat(axis):
    parts = [random_sparse([3, 4], sorted_=False), random_sparse([3, 4]), random_sparse([3, 4])]
    out = tf.sparse.concat(axis, [sparse_of(i, v, d.shape) for i, v, d in parts])
    want = np.concatenate([d for _, _, d in parts], axis)
    assert out.shape.as_list() == list(want.shape)
    got = run(out)
    np.testing.assert_array_equal(as_dense(got), want)
    assert np.all(np.diff(sparse_ops._row_keys(got.indices)[0]) > 0)


def test_concat_expand_nonconcat_dim_and_single_input():
    a = tf.SparseTensor([[0, 0], [2, 1]], [1.0, 2.0], [3, 2])
    b = tf.SparseTensor([[0, 0], [1, 3]], [3.0, 4.0], [2, 4])
    out = tf.sparse.concat(1, [a, b], expand_nonconcat_dim=True)
    assert out.shape.as_list() == [3, 6]
    got = run(out)
    assert got.indices.tolist() == [[0, 0], [0, 2], [1, 5], [2, 1]] and got.dense_shape.tolist() == [3, 6]
    assert tf.sparse.concat(0, [a]) is a
    with pytest.raises(errors.InvalidArgumentError, match="Input shapes must match"):
        run(tf.sparse.concat(1, [a, b]).indices)


@pytest.mark.parametrize("start, size", [([0, 1], [2, 3]), ([1, 0], [10, 10]), ([4, 4], [2, 2])])
def test_slice_matches_dense_slice(start, size):
    idx, vals, dense = random_sparse([5, 6], 0.5, sorted_=False)
    got = run(tf.sparse.slice(sparse_of(idx, vals, dense.shape), start, size))
    want = dense[start[0]:start[0] + size[0], start[1]:start[1] + size[1]]
    assert got.dense_shape.tolist() == list(want.shape)
    np.testing.assert_array_equal(as_dense(got), want)
    inside = np.all((idx >= start) & (idx < np.add(start, size)), axis=1)
    np.testing.assert_array_equal(got.values, vals[inside])      # input order kept


def test_slice_gradient():
    idx = np.array([[0, 0], [1, 2], [2, 1], [1, 1]])
    assert_gradients_match(lambda v: tf.sparse.slice(tf.SparseTensor(idx, v, [3, 3]), [1, 1], [2, 2]).values,
                           [[1.0, 2.0, 3.0, 4.0]])


@pytest.mark.parametrize("num_split, axis", [(2, 1), (3, 1), (3, 0), (4, -1)])
def test_split_sizes_and_values(num_split, axis):
    idx, vals, dense = random_sparse([5, 7], 0.5)
    outs = tf.sparse.split(sp_input=sparse_of(idx, vals, dense.shape), num_split=num_split, axis=axis)
    got = run(outs)
    for piece, want in zip(got, np.array_split(dense, num_split, axis=axis)):
        np.testing.assert_array_equal(as_dense(piece), want)


def test_split_keyword_arguments_and_no_gradient():
    sp = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
    with pytest.raises(ValueError, match="Keyword arguments are required"):
        tf.sparse.split(sp, 2, 1)
    with pytest.raises(ValueError, match="axis is required"):
        tf.sparse_split(sp_input=sp, num_split=2, split_dim=1)
    with pytest.raises(LookupError):
        tf.gradients(tf.sparse.split(sp_input=sp, num_split=2, axis=1)[0].values, sp.values)
    with pytest.raises(errors.InvalidArgumentError, match="num_split"):
        run(tf.sparse.split(sp_input=sp, num_split=3, axis=1)[0].indices)


def test_retain_and_its_errors():
    sp = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], [1.0, 2.0, 3.0], [3, 4])
    got = run(tf.sparse.retain(sp, [True, False, True]))
    assert got.indices.tolist() == [[0, 0], [2, 1]] and got.values.tolist() == [1.0, 3.0]
    with pytest.raises(ValueError):
        tf.sparse.retain(sp, [True])
    with pytest.raises(ValueError):
        tf.sparse_retain(sp, [[True, False, True]])


def test_fill_empty_rows_matches_reference_and_keeps_order_within_rows():
    idx = np.array([[3, 1], [1, 2], [3, 0], [1, 0]])
    sp = tf.SparseTensor(idx, [1.0, 2.0, 3.0, 4.0], [5, 4])
    out, empty = tf.sparse.fill_empty_rows(sp, -1.0)
    got, got_empty = run([out, empty])
    assert got.indices.tolist() == [[0, 0], [1, 2], [1, 0], [2, 0], [3, 1], [3, 0], [4, 0]]
    assert got.values.tolist() == [-1.0, 2.0, 4.0, -1.0, 1.0, 3.0, -1.0]
    assert got_empty.tolist() == [True, False, True, False, True]
    assert empty.shape.as_list() == [5]
    bad = tf.sparse_placeholder(tf.float32)
    with pytest.raises(errors.InvalidArgumentError, match="invalid"):
        run(tf.sparse.fill_empty_rows(bad, 0.0)[0].indices, {bad: ([[7, 0]], [1.0], [5, 4])})


def test_fill_empty_rows_gradients():
    idx = np.array([[0, 0], [2, 1], [2, 3]])

    def build(v, d):
        return tf.sparse.fill_empty_rows(tf.SparseTensor(idx, v, [4, 4]), d)[0].values
    assert_gradients_match(build, [[1.0, 2.0, 3.0], 5.0])


def test_from_dense_round_trip():
    _, _, dense = random_sparse([3, 4, 2], 0.4)
    sp = tf.sparse.from_dense(dense)
    got = run(sp)
    np.testing.assert_array_equal(as_dense(got), dense)
    assert sp.shape.as_list() == [3, 4, 2] and sp.values.op.type == "GatherNd"
    strings = run(tf.sparse.from_dense(tf.constant([b"", b"a", b""])))
    assert strings.indices.tolist() == [[1]] and strings.values.tolist() == [b"a"]


# --- elementwise with a dense operand --------------------------------------------------------------
@pytest.mark.parametrize("dense_shape", [[3, 4], [1, 4], [3, 1], [4], []])
def test_cwise_mul_div_broadcast_dense_to_sparse(dense_shape):
    idx, vals, dense = random_sparse([3, 4])
    other = np.asarray(RNG.rand(*dense_shape) + 0.5, np.float32)
    sp = sparse_of(idx, vals, [3, 4])
    got = run([(sp * other).values, (sp / other).values, (tf.constant(other) * sp).values])
    full = np.broadcast_to(other, [3, 4])[tuple(idx.T)]
    np.testing.assert_allclose(got[0], vals * full, rtol=1e-6)
    np.testing.assert_allclose(got[1], vals / full, rtol=1e-6)
    np.testing.assert_allclose(got[2], vals * full, rtol=1e-6)


@pytest.mark.parametrize("dense_shape", [[3, 4], [1, 4], [3, 1]])
def test_cwise_gradients(dense_shape):
    idx = np.array([[0, 0], [1, 2], [2, 3], [2, 0]])
    other = RNG.rand(*dense_shape) + 0.5
    assert_gradients_match(lambda v, d: (tf.SparseTensor(idx, v, [3, 4]) * d).values, [[1.0, -2.0, 3.0, 0.5], other])
    assert_gradients_match(lambda v, d: (tf.SparseTensor(idx, v, [3, 4]) / d).values, [[1.0, -2.0, 3.0, 0.5], other])


def test_cwise_integer_division_and_errors():
    ints = tf.SparseTensor([[0, 0], [1, 1]], [7, -7], [2, 2])
    true_div = ints / 2
    assert true_div.dtype == tf.float64
    assert run(true_div.values).tolist() == [3.5, -3.5]
    assert run(ints.__div__(tf.constant([[2, 2], [2, 2]])).values).tolist() == [3, -3]
    p = tf.sparse_placeholder(tf.float32)
    for expr, feed, message in (
            (p * tf.constant([[1.0, 2.0, 3.0, 4.0]]), ([[0, 0]], [1.0], [3, 5]), "broadcasts dense to sparse"),
            (p * tf.ones([2, 3, 4]), ([[0, 0]], [1.0], [3, 4]), "broadcasts dense to sparse"),
            (p / tf.constant([[0.0, 1.0]]), ([[0, 0]], [1.0], [2, 2]), "cannot divide by zero")):
        with pytest.raises(errors.InvalidArgumentError, match=message):
            run(expr.values, {p: feed})
    assert run((p / tf.constant([[1.0, 0.0]])).values, {p: ([[0, 0]], [3.0], [2, 2])}).tolist() == [3.0]


# --- segment ops and embedding lookups --------------------------------------------------------------
@pytest.mark.parametrize("fn, scale", [(tf.sparse.segment_sum, lambda n: 1.0),
                                       (tf.sparse.segment_mean, lambda n: 1.0 / n),
                                       (tf.sparse.segment_sqrt_n, lambda n: 1.0 / np.sqrt(n))])
def test_sparse_segment_ops_and_gradients(fn, scale):
    data = RNG.randn(5, 3)
    indices, segments = np.array([0, 3, 3, 1, 4]), np.array([0, 0, 2, 2, 2])
    got = run(fn(data, indices, segments))
    want = np.zeros([3, 3])
    for s in (0, 2):
        rows = indices[segments == s]
        want[s] = data[rows].sum(0) * scale(len(rows))
    np.testing.assert_allclose(got, want, rtol=1e-6)
    assert_gradients_match(lambda d: fn(d, indices, segments), [data])
    x = tf.constant(data)
    g = tf.gradients(fn(x, indices, segments, sparse_gradient=True), x)[0]
    assert isinstance(g, tf.IndexedSlices)
    dense_grad = run(tf.convert_to_tensor(g))
    np.testing.assert_allclose(dense_grad, run(tf.gradients(fn(x, indices, segments), x)[0]), rtol=1e-6)
    assert run(g.indices).tolist() == [0, 1, 3, 4]


def test_sparse_segment_errors():
    data = tf.ones([4, 2])
    with pytest.raises(errors.InvalidArgumentError, match="not increasing"):
        run(tf.sparse.segment_sum(data, [0, 1], [1, 0]))
    with pytest.raises(errors.InvalidArgumentError, match="out of range"):
        run(tf.sparse.segment_sum(data, [0, 7], [0, 0]))
    with pytest.raises(TypeError):
        tf.sparse.segment_sum(data, [0.5], [0])


PARAMS = RNG.randn(6, 3)
IDS = np.array([[0, 0], [0, 1], [0, 2], [2, 0], [3, 1]])
ID_VALUES = np.array([1, 4, 1, 2, 5])
WEIGHTS = np.array([0.5, 2.0, 1.0, 1.5, -1.0])


def reference_lookup(combiner, weights=None, n_rows=4):
    out = np.zeros([n_rows, 3])
    w = np.ones(len(ID_VALUES)) if weights is None else weights
    for r in range(n_rows):
        sel = IDS[:, 0] == r
        if not sel.any():
            continue
        total = (PARAMS[ID_VALUES[sel]] * w[sel, None]).sum(0)
        if combiner == "mean":
            total /= w[sel].sum()
        elif combiner == "sqrtn":
            total /= np.sqrt((w[sel] ** 2).sum())
        out[r] = total
    return out


@pytest.mark.parametrize("combiner", ["sum", "mean", "sqrtn"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("sharded", [False, True])
def test_embedding_lookup_sparse_matches_reference(combiner, weighted, sharded):
    ids = tf.SparseTensor(IDS, ID_VALUES.astype(np.int64), [4, 3])
    weights = tf.SparseTensor(IDS, WEIGHTS, [4, 3]) if weighted else None
    params = [tf.constant(PARAMS[0::2]), tf.constant(PARAMS[1::2])] if sharded else tf.constant(PARAMS)
    y = tf.nn.embedding_lookup_sparse(params, ids, weights, combiner=combiner)
    assert y.shape.as_list() == [None, 3]
    np.testing.assert_allclose(run(y), reference_lookup(combiner, WEIGHTS if weighted else None),
                               rtol=1e-6, atol=1e-9)


def test_embedding_lookup_sparse_graph_and_gradients():
    params = tf.constant(PARAMS)
    ids = tf.SparseTensor(IDS, ID_VALUES.astype(np.int64), [4, 3])
    y = tf.nn.embedding_lookup_sparse(params, ids, None, combiner="mean")
    assert y.op.type == "SparseSegmentMean" and y.op.name == "embedding_lookup_sparse"
    assert y.op.get_attr("sparse_gradient") is True
    g = tf.gradients(y, params)[0]
    assert isinstance(g, tf.IndexedSlices) and g.values.op.type == "SparseSegmentMeanGradV2"
    x = tf.placeholder(tf.float64, PARAMS.shape)
    gx = tf.convert_to_tensor(tf.gradients(tf.reduce_sum(tf.nn.embedding_lookup_sparse(
        x, ids, None, combiner="sqrtn") * 2.0), x)[0])
    want = np.zeros_like(PARAMS)
    for r in (0, 2, 3):
        sel = IDS[:, 0] == r
        np.add.at(want, ID_VALUES[sel], 2.0 / np.sqrt(sel.sum()))
    np.testing.assert_allclose(run(gx, {x: PARAMS}), want, rtol=1e-6)
    assert_gradients_match(lambda wv: tf.nn.embedding_lookup_sparse(
        tf.constant(PARAMS), tf.SparseTensor(IDS, ID_VALUES.astype(np.int64), [4, 3]),
        tf.SparseTensor(IDS, wv, [4, 3]), combiner="mean"), [WEIGHTS])
    with pytest.raises(ValueError, match="combiner"):
        tf.nn.embedding_lookup_sparse(params, ids, None, combiner="max")
    with pytest.raises(TypeError, match="sp_ids must be SparseTensor"):
        tf.nn.embedding_lookup_sparse(params, tf.constant([[1]]), None)


def test_safe_embedding_lookup_sparse_prunes_and_defaults():
    params = tf.constant(PARAMS)
    ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [3, 0]], tf.constant([-1, 2, 4, -3], tf.int64), [4, 2])
    weights = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [3, 0]], [1.0, 2.0, 0.0, 1.0], [4, 2])
    mean = tf.nn.safe_embedding_lookup_sparse(params, ids, tf.cast(weights, tf.float64))
    summed = tf.nn.safe_embedding_lookup_sparse(params, ids, tf.cast(weights, tf.float64), combiner="sum")
    default = tf.nn.safe_embedding_lookup_sparse(params, ids, None, default_id=5)
    assert mean.shape.as_list() == [4, 3]
    got = run([mean, summed, default])
    np.testing.assert_allclose(got[0], [PARAMS[2], [0, 0, 0], [0, 0, 0], [0, 0, 0]], atol=1e-12)
    np.testing.assert_allclose(got[1], [2 * PARAMS[2], [0, 0, 0], [0, 0, 0], [0, 0, 0]], atol=1e-12)
    np.testing.assert_allclose(got[2], [PARAMS[2], PARAMS[4], PARAMS[5], PARAMS[5]], atol=1e-12)
    ids3 = tf.SparseTensor([[0, 0, 0], [0, 1, 1], [1, 1, 0]], tf.constant([0, 4, 2], tf.int64), [2, 2, 2])
    out3 = tf.nn.safe_embedding_lookup_sparse(params, ids3, combiner="sum")
    assert out3.shape.as_list() == [2, 2, 3]
    np.testing.assert_allclose(run(out3), [[PARAMS[0], PARAMS[4]], [[0, 0, 0], PARAMS[2]]], atol=1e-12)
    with pytest.raises(ValueError, match="Missing embedding_weights"):
        tf.nn.safe_embedding_lookup_sparse([], ids)


# --- GraphDef export --------------------------------------------------------------------------------
SPARSE_TYPES = ["SparseToDense", "SparseTensorDenseMatMul", "SparseReduceSum", "SparseReorder",
                "SparseReshape", "SparseAdd", "SparseAddGrad", "SparseTensorDenseAdd", "SparseConcat",
                "SparseSlice", "SparseSliceGrad", "SparseSplit", "SparseFillEmptyRows",
                "SparseFillEmptyRowsGrad", "SparseDenseCwiseMul", "SparseDenseCwiseDiv"] + [
    kind + suffix for kind in ("SparseSegmentSum", "SparseSegmentMean", "SparseSegmentSqrtN")
    for suffix in ("", "Grad", "GradV2")]


def test_every_sparse_op_type_has_tf_signature():
    from varflow.framework import registry
    for op_type in SPARSE_TYPES:
        assert registry.get(op_type).type == op_type
        assert op_type in SIGNATURES, op_type


def test_node_defs_carry_tf_type_and_count_attrs():
    a = tf.SparseTensor([[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    b = tf.SparseTensor([[0, 1]], [3.0], [3, 4])
    concat = tf.sparse.concat(1, [a, b, a])
    split = tf.sparse.split(sp_input=a, num_split=2, axis=1)
    add = tf.sparse.add(a, b)
    mm = tf.sparse_tensor_dense_matmul(a, tf.ones([4, 2]))
    seg = tf.sparse.segment_sum(tf.ones([3, 2]), tf.constant([0, 1], tf.int64), [0, 0])
    attrs = {op: node_def(op).attr for op in (concat.indices.op, split[0].indices.op, add.indices.op, mm.op,
                                               seg.op)}
    c, s, ad, m, sg = attrs.values()
    assert c["N"].i == 3 and c["concat_dim"].i == 1 and c["T"].type == tf.float32.as_datatype_enum
    assert s["num_split"].i == 2 and s["T"].type == tf.float32.as_datatype_enum
    assert ad["Treal"].type == tf.float32.as_datatype_enum
    assert m["Tindices"].type == tf.int64.as_datatype_enum and m["adjoint_a"].b is False
    assert sg["Tidx"].type == tf.int64.as_datatype_enum and sg["Tsegmentids"].type == tf.int32.as_datatype_enum


def test_select_takes_the_static_shape_of_a_same_rank_condition():
    """(array_ops) TF's Select shape rule merges a condition of the same rank: how
    safe_embedding_lookup_sparse's result keeps its static row count."""
    y = tf.where(tf.placeholder(tf.bool, [4, 3]), tf.placeholder(tf.float32, [None, 3]),
                 tf.placeholder(tf.float32, [None, 3]))
    assert y.shape.as_list() == [4, 3]


def test_sparse_to_dense_negative_output_shape():
    shape = tf.placeholder(tf.int32, [1])
    with pytest.raises(errors.InvalidArgumentError, match="negative"):
        run(tf.sparse_to_dense([0], shape, 1.0), {shape: [-2]})


def test_sparse_segment_ops_with_num_segments_pad_to_that_many_rows():
    with tf.Graph().as_default():
        d = tf.placeholder(tf.float32, [4, 2])
        r = tf.sparse.segment_sum(d, [0, 1, 2], [0, 0, 2], num_segments=4)
        m = tf.sparse.segment_mean(d, [0, 1, 2], [0, 0, 2], num_segments=4, name="m")
        q = tf.sparse.segment_sqrt_n(d, [0, 1], [0, 1], num_segments=3)
        assert (r.op.type, r.shape.as_list()) == ("SparseSegmentSumWithNumSegments", [4, 2])
        assert [t.name for t in m.op.inputs][1:] == ["m/indices:0", "m/segment_ids:0",
                                                      "m/num_segments:0"]
        g = tf.gradients(tf.reduce_sum(r * 2.0), d)[0]
        assert g.op.type == "SparseSegmentSumGrad"
        bad = tf.sparse.segment_sum(d, [0], [5], num_segments=4)
        with tf.Session() as sess:
            x = np.arange(8.0, dtype=np.float32).reshape(4, 2)
            rv, mv, qv, gv = sess.run([r, m, q, g], {d: x})
            np.testing.assert_array_equal(rv, [[2, 4], [0, 0], [4, 5], [0, 0]])
            np.testing.assert_array_equal(mv, [[1, 2], [0, 0], [4, 5], [0, 0]])
            assert qv.shape == (3, 2)
            np.testing.assert_array_equal(gv, [[2, 2], [2, 2], [2, 2], [0, 0]])
            with pytest.raises(tf.errors.InvalidArgumentError, match="num_segments"):
                sess.run(bad, {d: x})
