"""Sparse reductions, softmax and maximum/minimum (varflow/ops/sparse_math_ops.py) against NumPy
references, numbers observed in TensorFlow 2.21, TF's error classes and words, op names, and the
softmax gradient against finite differences. The recorded case
tests/crosscheck/cases/ops_sparse_more_math.py pins the graphs TF builds."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.framework.graph_def import node_def
from varflow.ops import sparse_math_ops as sm
from varflow.testing.gradient_checker import assert_gradients_match

RNG = np.random.RandomState(11)


def random_sparse(shape, density=0.4, dtype=np.float32, rng=RNG):
    """(indices, values, dense) with distinct row-major indices and non-zero values."""
    dense = np.zeros(shape, dtype)
    mask = rng.rand(*shape) < density
    dense[mask] = (rng.randn(int(mask.sum())) * 3).astype(dtype)
    dense[mask & (dense == 0)] = 1
    indices = np.argwhere(dense != 0).astype(np.int64)
    return indices, dense[tuple(indices.T)], dense


def sparse(indices, values, shape, dtype=tf.float32):
    return tf.SparseTensor(np.asarray(indices, np.int64).reshape(-1, len(shape)),
                           tf.constant(values, dtype), list(shape))


def run(x, feed=None):
    with tf.Session() as sess:
        return sess.run(x, feed)


def sv(v):
    return v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist()


def group_reference(indices, values, shape, axes, keepdims, reduce):
    """{group coordinates: reduce(values)} over the entries, as a dict (the sparse outputs)."""
    axes = {a % len(shape) for a in np.atleast_1d(axes)}
    groups = {}
    for idx, v in zip(indices.tolist(), values.tolist()):
        key = tuple(0 if i in axes else c for i, c in enumerate(idx)) if keepdims else \
            tuple(c for i, c in enumerate(idx) if i not in axes)
        groups.setdefault(key, []).append(v)
    return {k: reduce(v) for k, v in sorted(groups.items())}


# --- reduce_max ---------------------------------------------------------------------------------
@pytest.mark.parametrize("axes", [0, 1, -1, [0, 2], [2, 0, 1]])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reduce_max_matches_reference(axes, keepdims):
    indices, values, dense = random_sparse((3, 4, 5))
    out = run(sm.sparse_reduce_max(sparse(indices, values, dense.shape), axes, keepdims=keepdims))
    present = np.zeros(dense.shape, bool)
    present[tuple(indices.T)] = True
    masked = np.where(present, dense, -np.inf)
    want = np.max(masked, axis=tuple(np.atleast_1d(axes)), keepdims=keepdims)
    want = np.where(np.isinf(want), 0, want)        # groups without entries are 0
    np.testing.assert_array_equal(out, want.astype(np.float32))
    assert out.dtype == np.float32


def test_reduce_max_observed_in_tf():
    # numbers observed in TF 2.21
    assert run(sm.sparse_reduce_max(sparse([[0, 1]], [-1.0], [3, 2]), 1)).tolist() == [-1.0, 0.0, 0.0]
    ints = run(sm.sparse_reduce_max(sparse([[0, 1], [2, 0]], [-1, -4], [3, 2], tf.int32), 1))
    assert ints.tolist() == [-1, 0, -4] and ints.dtype == np.int32
    assert run(sm.sparse_reduce_max(sparse([[1, 1], [0, 0]], [3.0, 1.0], [2, 2]), 1)).tolist() == [1.0, 3.0]
    assert run(sm.sparse_reduce_max(sparse([[0, 1], [0, 1]], [1.0, 2.0], [2, 2]), 0)).tolist() == [0.0, 2.0]
    sp3 = sparse([[0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 1]], [1.0, 5.0, -3.0, 2.0], [2, 2, 2])
    assert run(sm.sparse_reduce_max(sp3, [0, 0])).tolist() == [[-3.0, 1.0], [5.0, 2.0]]
    assert run(sm.sparse_reduce_max(sp3)) == 5.0
    assert run(sm.sparse_reduce_max(sp3, keepdims=True)).tolist() == [[[5.0]]]
    assert run(sm.sparse_reduce_max(sp3, reduction_axes=1, keep_dims=True)).tolist() == \
        [[[5.0, 1.0]], [[-3.0, 2.0]]]


def test_reduce_max_graph_names_and_static_shapes():
    sp = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1.0, -2.0, 3.0], [2, 3])
    a = sm.sparse_reduce_max(sp, axis=1)
    b = sm.sparse_reduce_max(sp)
    c = sm.sparse_reduce_max(sp, 1, keepdims=True)
    assert a.op.name == "SparseReduceMax" and a.op.type == "SparseReduceMax"
    assert a.op.inputs[3].op.name == "SparseReduceMax/reduction_axes"
    assert [t.name for t in a.op.inputs[:3]] == ["SparseTensor/indices:0", "SparseTensor/values:0",
                                                 "SparseTensor/dense_shape:0"]
    assert b.op.name == "SparseReduceMax_1" and b.op.inputs[3].op.name == "Const"
    assert [a.shape.as_list(), b.shape.as_list(), c.shape.as_list()] == [[2], [], [2, 1]]
    p = tf.sparse_placeholder(tf.float32)
    all_axes = sm.sparse_reduce_max(p)
    assert all_axes.shape.ndims is None and all_axes.op.inputs[3].op.type == "Range"


def test_reduce_max_errors():
    sp = sparse([[1, 1], [0, 0]], [3.0, 1.0], [2, 2])
    with pytest.raises(ValueError, match="Cannot specify both"):
        sm.sparse_reduce_max(sp, axis=1, reduction_axes=1)
    with pytest.raises(TypeError, match="DataType bool not in list"):
        sm.sparse_reduce_max(sparse([[0, 1]], [True], [2, 2], tf.bool), 0)
    with pytest.raises(TypeError, match="'reduction_axes' of 'SparseReduceMax' Op has type int64"):
        sm.sparse_reduce_max(sp, tf.constant(1, tf.int64))
    with pytest.raises(AttributeError):           # TF does not convert a dense input either
        sm.sparse_reduce_max(tf.constant([1.0]))
    with pytest.raises(errors.InvalidArgumentError, match="Invalid reduction dimension 2, for input with 2"):
        run(sm.sparse_reduce_max(sp, 2))
    with pytest.raises(errors.InternalError, match="write index of 5 which is outside of bounds of \\[0, 2\\)"):
        run(sm.sparse_reduce_max(sparse([[0, 5]], [1.0], [2, 2]), 0))
    nnz = tf.SparseTensor(tf.constant([[0, 0], [1, 1]], tf.int64), tf.placeholder_with_default([1.0, 2, 3], [None]),
                          [2, 2])
    with pytest.raises(errors.InvalidArgumentError, match="indices = 2, values = 3"):
        run(sm.sparse_reduce_max(nnz, 0))


# --- reduce_max_sparse / reduce_sum_sparse -------------------------------------------------------
@pytest.mark.parametrize("fn,reduce", [(sm.sparse_reduce_max_sparse, max), (sm.sparse_reduce_sum_sparse, sum)])
@pytest.mark.parametrize("axes", [0, [1, 2], -2])
@pytest.mark.parametrize("keepdims", [False, True])
def test_sparse_output_reductions_match_reference(fn, reduce, axes, keepdims):
    dtype = np.float64
    indices, values, dense = random_sparse((3, 4, 2), dtype=dtype)
    out = run(fn(sparse(indices, values, dense.shape, tf.float64), axes, keepdims=keepdims))
    want = group_reference(indices, values, dense.shape, axes, keepdims, reduce)
    assert [tuple(r) for r in out.indices.tolist()] == list(want)
    np.testing.assert_allclose(out.values, list(want.values()), rtol=1e-12)
    reduced = {a % 3 for a in np.atleast_1d(axes)}
    shape = [1 if i in reduced else d for i, d in enumerate(dense.shape)] if keepdims else \
        [d for i, d in enumerate(dense.shape) if i not in reduced]
    assert out.dense_shape.tolist() == shape and out.values.dtype == dtype


def test_sparse_output_reductions_observed_in_tf():
    # numbers observed in TF 2.21
    sp3 = sparse([[0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 1]], [1.0, 5.0, -3.0, 2.0], [2, 2, 2])
    assert sv(run(sm.sparse_reduce_max_sparse(sp3))) == ([[]], [5.0], [])
    assert sv(run(sm.sparse_reduce_max_sparse(sp3, keepdims=True))) == ([[0, 0, 0]], [5.0], [1, 1, 1])
    assert sv(run(sm.sparse_reduce_max_sparse(sparse([[1, 1], [0, 0], [1, 0]], [3.0, 1.0, 7.0], [2, 2]), 0))) == \
        ([[0], [1]], [7.0, 3.0], [2])
    assert sv(run(sm.sparse_reduce_sum_sparse(sparse([[0, 0], [0, 1]], [1.0, -1.0], [2, 2]), 1))) == \
        ([[0]], [0.0], [2])                          # a zero sum stays an entry
    assert sv(run(sm.sparse_reduce_max_sparse(sparse([[0, 5]], [1.0], [2, 2]), 0))) == ([[5]], [1.0], [2])
    ints = run(sm.sparse_reduce_sum_sparse(sparse([[0, 0], [1, 1]], [1, 2], [2, 2], tf.int32), 0))
    assert sv(ints) == ([[0], [1]], [1, 2], [2]) and ints.values.dtype == np.int32


def test_sparse_output_reductions_graph_and_errors():
    sp = sparse([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
    out = sm.sparse_reduce_sum_sparse(sp, 0)
    assert out.indices.op.name == "SparseReduceSumSparse" and out.indices.op.type == "SparseReduceSumSparse"
    assert out.indices.op.inputs[3].op.name == "SparseReduceSumSparse/reduction_axes"
    assert [t.shape.ndims for t in out.indices.op.outputs] == [None, None, None]
    assert sm.sparse_reduce_max_sparse(sp, 1).indices.op.name == "SparseReduceMaxSparse"
    with pytest.raises(errors.InvalidArgumentError, match="Invalid reduction dimension 3"):
        run(sm.sparse_reduce_max_sparse(sp, 3).values)
    with pytest.raises(LookupError):
        tf.gradients(sm.sparse_reduce_sum_sparse(sp, 0).values, sp.values)
    with pytest.raises(LookupError):
        tf.gradients(sm.sparse_reduce_max(sp, 0), sp.values)


# --- softmax --------------------------------------------------------------------------------------
def softmax_reference(indices, values):
    out = np.zeros_like(values)
    rows = {}
    for i, idx in enumerate(indices.tolist()):
        rows.setdefault(tuple(idx[:-1]), []).append(i)
    for members in rows.values():
        e = np.exp(values[members] - values[members].max())
        out[members] = e / e.sum()
    return out


def test_softmax_matches_reference_and_keeps_structure():
    indices, values, dense = random_sparse((3, 2, 6), dtype=np.float64)
    sp = sparse(indices, values, dense.shape, tf.float64)
    out = sm.sparse_softmax(sp)
    assert out.indices is sp.indices and out.dense_shape is sp.dense_shape
    assert out.values.op.name == "SparseSoftmax/SparseSoftmax" and out.values.shape.as_list() == [len(values)]
    np.testing.assert_allclose(run(out.values), softmax_reference(indices, values), rtol=1e-12)
    assert sm.sparse_softmax(sp, name="sm").values.op.name == "sm/SparseSoftmax"


def test_softmax_observed_in_tf():
    # numbers observed in TF 2.21: the values come out in row-major order even for unsorted input
    got = run(sm.sparse_softmax(sparse([[1, 1], [0, 0], [1, 0]], [3.0, 1.0, 7.0],
                                       [2, 2])))
    np.testing.assert_allclose(got.values, [1.0, 0.9820137619972229, 0.01798621006309986], rtol=1e-6)
    got = run(sm.sparse_softmax(sparse([[0, 0], [0, 1]], [1000.0, 999.0], [2, 2], tf.float64)))
    np.testing.assert_allclose(got.values, [0.7310585786300049, 0.26894142136999516], rtol=1e-14)
    got = run(sm.sparse_softmax(sparse([[0, 0], [0, 0]], [1.0, 2.0], [2, 2])))
    np.testing.assert_allclose(got.values, [0.2689414322376251, 0.7310585975646973], rtol=1e-6)


def test_softmax_errors():
    with pytest.raises(TypeError, match="DataType int32 not in list of allowed values: float16, float32, float64"):
        sm.sparse_softmax(sparse([[0, 0]], [3], [2, 2], tf.int32))
    with pytest.raises(AttributeError):
        sm.sparse_softmax(tf.constant([[1.0]]))
    with pytest.raises(errors.InvalidArgumentError, match="rank >= 2, but received shape: 4"):
        run(sm.sparse_softmax(sparse([[0], [2]], [3.0, 1.0], [4])).values)


def test_softmax_gradient_matches_finite_differences():
    indices = np.array([[0, 0], [0, 2], [1, 1], [1, 2], [2, 0], [2, 1], [2, 3]], np.int64)
    weights = np.array([1.0, -2.0, 3.0, 0.5, 4.0, -1.0, 2.0])

    def build(v):
        out = sm.sparse_softmax(tf.SparseTensor(indices, v, [3, 4]))
        return out.values * tf.constant(weights)
    assert_gradients_match(build, [RNG.randn(7)])


def test_softmax_gradient_ops_and_second_derivative():
    v = tf.constant([1.0, 5.0, -3.0, 2.0, 0.5])
    sp = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 2], [2, 0]], v, [3, 3])
    (g,) = tf.gradients(sm.sparse_softmax(sp).values * tf.constant([1.0, -2.0, 3.0, 0.5, 4.0]), v)
    types = [op.type for op in tf.get_default_graph().get_operations() if "SparseSoftmax_grad" in op.name]
    assert types == ["Mul", "Const", "SparseReduceSum", "Neg", "SparseDenseCwiseAdd", "Mul"]
    # the gradient observed in TF 2.21
    np.testing.assert_allclose(run(g), [0.052988119423389435, -0.052988141775131226, 0.01662014052271843,
                                        -0.016620170325040817, 0.0], atol=1e-7)
    with pytest.raises(NotImplementedError, match="SparseDenseCwiseAdd"):   # TF's error class
        tf.gradients(g, v)


def test_sparse_dense_cwise_add_broadcasts_dense_side():
    from varflow.ops.op_util import make1
    sp = sparse([[0, 1], [2, 0]], [1.0, 2.0], [3, 2])
    out = make1("SparseDenseCwiseAdd", [sp.indices, sp.values, sp.dense_shape, tf.constant([[10.0], [20.0], [30.0]])],
                name="SparseDenseCwiseAdd")
    assert run(out).tolist() == [11.0, 32.0]


# --- maximum / minimum ---------------------------------------------------------------------------
@pytest.mark.parametrize("fn,pick", [(sm.sparse_maximum, np.maximum), (sm.sparse_minimum, np.minimum)])
def test_maximum_minimum_match_dense_reference(fn, pick):
    ia, va, da = random_sparse((4, 5), dtype=np.float64)
    ib, vb, db = random_sparse((4, 5), dtype=np.float64)
    out = run(fn(sparse(ia, va, da.shape, tf.float64), sparse(ib, vb, db.shape, tf.float64)))
    union = sorted({tuple(r) for r in ia.tolist()} | {tuple(r) for r in ib.tolist()})
    assert [tuple(r) for r in out.indices.tolist()] == union
    want = pick(da, db)[tuple(np.array(union).T)]
    np.testing.assert_array_equal(out.values, want)
    assert out.dense_shape.tolist() == [4, 5]


def test_maximum_minimum_observed_in_tf():
    # numbers observed in TF 2.21 (unsorted and repeated indices walk the lists in step)
    sp = sparse([[0, 0], [0, 2], [1, 1]], [1.0, -2.0, 3.0], [2, 3])
    sp2 = sparse([[0, 0], [1, 1], [1, 2]], [5.0, -7.0, 0.5], [2, 3])
    assert sv(run(sm.sparse_maximum(sp, sp2))) == ([[0, 0], [0, 2], [1, 1], [1, 2]], [5.0, 0.0, 3.0, 0.5], [2, 3])
    assert sv(run(sm.sparse_minimum(sp, sp2))) == ([[0, 0], [0, 2], [1, 1], [1, 2]], [1.0, -2.0, -7.0, 0.0], [2, 3])
    assert sv(run(sm.sparse_maximum(sparse([[1, 1], [0, 0]], [3.0, 1.0], [2, 2]), sparse([[0, 0]], [2.0], [2, 2])))) \
        == ([[0, 0], [1, 1], [0, 0]], [2.0, 3.0, 1.0], [2, 2])
    assert sv(run(sm.sparse_minimum(sparse([[0, 0], [0, 0]], [3.0, 1.0], [2, 2]), sparse([[0, 0]], [2.0], [2, 2])))) \
        == ([[0, 0], [0, 0]], [2.0, 0.0], [2, 2])
    ints = run(sm.sparse_maximum(sparse([[0, 0], [1, 0]], [3, -4], [2, 2], tf.int32),
                                 sparse([[0, 0], [0, 1]], [5, -2], [2, 2], tf.int32)))
    assert sv(ints) == ([[0, 0], [0, 1], [1, 0]], [5, 0, 0], [2, 2]) and ints.values.dtype == np.int32


def test_maximum_graph_and_errors():
    sp = sparse([[0, 0]], [3.0], [2, 2])
    out = sm.sparse_maximum(sp, sparse([[0, 0]], [2.0], [2, 2]))
    assert out.indices.op.name == "SparseSparseMaximum" and out.dense_shape is sp.dense_shape
    assert [str(t.shape) for t in out.indices.op.outputs] == ["(?, ?)", "(?,)"]
    assert sm.sparse_minimum(sp, sp, name="mn").indices.op.name == "mn"
    with pytest.raises(TypeError, match="'b_values' of 'SparseSparseMaximum' Op has type int32"):
        sm.sparse_maximum(sp, sparse([[0, 0]], [2], [2, 2], tf.int32))
    with pytest.raises(AttributeError):
        sm.sparse_maximum(tf.constant([[1.0]]), sp)
    with pytest.raises(errors.InvalidArgumentError, match="shapes do not match: got 2 and 3 for dimension 1"):
        run(sm.sparse_maximum(sp, sparse([[0, 0]], [2.0], [2, 3])).values)
    with pytest.raises(errors.InvalidArgumentError, match="same ranks; got shapes: 2 2 and 2 2 1"):
        run(sm.sparse_maximum(sp, sparse([[0, 0, 0]], [2.0], [2, 2, 1])).values)
    with pytest.raises(errors.InvalidArgumentError, match=r"indices\[0, :\] = \[0, 5\] is out of bounds"):
        run(sm.sparse_maximum(sparse([[0, 5]], [3.0], [2, 2]), sp).values)
    with pytest.raises(TypeError):                 # TF's registered gradient fails with TypeError
        tf.gradients(sm.sparse_maximum(sp, sp).values, sp.values)


# --- bincount ------------------------------------------------------------------------------------
def bincount_reference(rows, weights=None, minlength=-1, maxlength=-1, binary=False):
    """Per row (a list of int lists), {(row, value): count or weight sum} and the width."""
    flat = [v for r in rows for v in r]
    width = maxlength if maxlength >= 0 else max((max(flat) + 1) if flat else 1, minlength)
    out = {}
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if v < width:
                add = 1 if weights is None else weights[i][j]
                out[(i, v)] = 1 if binary else out.get((i, v), 0) + add
    return dict(sorted(out.items())), width


@pytest.mark.parametrize("kwargs", [{}, {"minlength": 9}, {"maxlength": 3}, {"binary_output": True},
                                    {"minlength": 2, "maxlength": 5}])
def test_bincount_dense_rows_match_reference(kwargs):
    values = RNG.randint(0, 7, size=(4, 6)).astype(np.int32)
    got = run(sm.sparse_bincount(values, axis=-1, **kwargs))
    want, width = bincount_reference(values.tolist(), minlength=kwargs.get("minlength", -1),
                                     maxlength=kwargs.get("maxlength", -1), binary=kwargs.get("binary_output", False))
    assert [tuple(r) for r in got.indices.tolist()] == list(want)
    assert got.values.tolist() == list(want.values()) and got.dense_shape.tolist() == [4, width]
    assert got.values.dtype == np.int32


def test_bincount_weights_sparse_rows_and_flat_counts():
    values = RNG.randint(0, 5, size=(3, 4)).astype(np.int64)
    weights = RNG.rand(3, 4)
    got = run(sm.sparse_bincount(values, weights=weights, axis=-1))
    want, width = bincount_reference(values.tolist(), weights.tolist())
    assert [tuple(r) for r in got.indices.tolist()] == list(want) and got.dense_shape.tolist() == [3, width]
    np.testing.assert_allclose(got.values, list(want.values()), rtol=1e-12)
    flat = run(sm.sparse_bincount(values))                     # axis=0: one count over all values
    counts = np.bincount(values.reshape(-1))
    assert flat.indices.reshape(-1).tolist() == np.nonzero(counts)[0].tolist()
    assert flat.values.tolist() == counts[counts > 0].tolist() and flat.values.dtype == np.int64
    sp = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 2]], tf.constant([1, 3, 1, 1]), [3, 3])
    spw = tf.SparseTensor([[0, 0], [0, 2], [1, 1], [1, 2]], [0.5, 1.0, 2.0, 3.0], [3, 3])
    # observed in TF 2.21
    assert sv(run(sm.sparse_bincount(sp, axis=-1))) == ([[0, 1], [0, 3], [1, 1]], [1, 1, 2], [3, 4])
    assert sv(run(sm.sparse_bincount(sp, weights=spw, axis=-1))) == ([[0, 1], [0, 3], [1, 1]], [0.5, 1.0, 5.0],
                                                                     [3, 4])
    assert sv(run(sm.sparse_bincount(sp, minlength=5, maxlength=6))) == ([[1], [3]], [3, 1], [6])
    assert sv(run(sm.sparse_bincount(tf.zeros([2, 0], tf.int32), axis=-1))) == ([], [], [2, 1])
    assert sv(run(sm.sparse_bincount(tf.SparseTensor([[0, 0, 0]], tf.constant([2]), [1, 1, 1]), axis=-1))) == \
        ([[0, 2]], [1], [1, 3])


def test_bincount_graph_and_errors():
    d = tf.constant([[1, 3], [1, 1]])
    out = sm.sparse_bincount(d, axis=-1)
    assert out.indices.op.name == "count/DenseCountSparseOutput" and out.indices.op.inputs[1].op.name == "count/Const"
    assert [str(t.shape) for t in out.indices.op.outputs] == ["(?, 2)", "(?,)", "(2,)"]
    flat = sm.sparse_bincount(d)
    assert flat.indices.op.inputs[0].op.type == "Reshape" and str(flat.shape) == "(?,)"
    sp = tf.SparseTensor([[0, 0]], tf.constant([1]), [1, 2])
    assert sm.sparse_bincount(sp, axis=-1, name="bc").indices.op.name == "bc/SparseCountSparseOutput"
    weighted = sm.sparse_bincount(sp, weights=tf.SparseTensor([[0, 0]], [2.0], [1, 2]), axis=-1)
    assert weighted.values.dtype == tf.float32
    assert weighted.indices.op.inputs[3].op.type == "Identity" and len(weighted.indices.op.inputs[3].op.control_inputs) == 2
    with pytest.raises(ValueError, match="mutually exclusive"):
        sm.sparse_bincount(d, weights=tf.ones([2, 2]), binary_output=True)
    with pytest.raises(ValueError, match="Only 0 and -1"):
        sm.sparse_bincount(d, axis=1)
    with pytest.raises(TypeError, match="DataType float32 not in list of allowed values: int32, int64"):
        sm.sparse_bincount(tf.constant([[1.0]]), axis=-1)
    with pytest.raises(ValueError, match="must be a SparseTensor if `values` is a SparseTensor"):
        sm.sparse_bincount(sp, weights=[1.0])
    with pytest.raises(ValueError, match="Dimension 0 in both shapes must be equal"):
        sm.sparse_bincount(d, weights=tf.ones([1, 2]), axis=-1)
    with pytest.raises(TypeError, match="Expected int for argument 'minlength'"):
        sm.sparse_bincount(d, minlength=tf.constant(3))
    with pytest.raises(ValueError, match="less than minimum -1"):
        sm.sparse_bincount(d, maxlength=-5)
    with pytest.raises(errors.InvalidArgumentError, match="same dense shape"):
        sm.sparse_bincount(sp, weights=tf.SparseTensor([[0, 0]], [1.0], [1, 3]), axis=-1)
    with pytest.raises(errors.InvalidArgumentError, match="must all be non-negative"):
        run(sm.sparse_bincount(tf.constant([[1, -3]]), axis=-1).values)
    with pytest.raises(errors.InvalidArgumentError, match="1 or 2-dimensional tensor. Got: \\[1,1,2\\]"):
        run(sm.sparse_bincount(tf.constant([[[1, 3]]]), axis=-1).values)
    with pytest.raises(errors.InvalidArgumentError, match="dimension 0 has value 5 which is not in \\[0, 4\\)"):
        run(sm.sparse_bincount(tf.SparseTensor([[5, 0]], tf.constant([1]), [4, 2]), axis=-1).values)


# --- public names and GraphDef export ------------------------------------------------------------
NEW_TYPES = ["SparseReduceMax", "SparseReduceMaxSparse", "SparseReduceSumSparse", "SparseSoftmax",
             "SparseSparseMaximum", "SparseSparseMinimum", "SparseDenseCwiseAdd", "DenseCountSparseOutput",
             "SparseCountSparseOutput"]


def test_public_names():
    pairs = {"reduce_max": sm.sparse_reduce_max, "reduce_max_sparse": sm.sparse_reduce_max_sparse,
             "reduce_sum_sparse": sm.sparse_reduce_sum_sparse, "softmax": sm.sparse_softmax,
             "maximum": sm.sparse_maximum, "minimum": sm.sparse_minimum}
    for short, fn in pairs.items():
        assert getattr(tf.sparse, short) is fn
        assert getattr(tf, "sparse_" + short) is fn
        assert getattr(tf.compat.v1, "sparse_" + short) is fn
    assert tf.sparse.bincount is sm.sparse_bincount and not hasattr(tf, "sparse_bincount")   # as in TF 2.21


def test_node_defs_carry_tf_attrs():
    from varflow.framework.op_signatures import SIGNATURES
    for op_type in NEW_TYPES:
        assert op_type in SIGNATURES, op_type
    sp = sparse([[0, 0]], [3.0], [2, 2])
    attrs = node_def(sm.sparse_reduce_max_sparse(sp, 0).values.op).attr
    assert attrs["T"].type == tf.float32.as_datatype_enum and attrs["keep_dims"].b is False
    assert node_def(sm.sparse_minimum(sp, sp).values.op).attr["T"].type == tf.float32.as_datatype_enum
    count = node_def(sm.sparse_bincount(tf.constant([1, 2], tf.int64), maxlength=4).values.op).attr
    assert count["T"].type == tf.int64.as_datatype_enum and count["output_type"].type == tf.int64.as_datatype_enum
    assert count["maxlength"].i == 4 and count["minlength"].i == -1 and count["binary_output"].b is False
