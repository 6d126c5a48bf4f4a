"""Array ops: values against NumPy (or numbers observed in TF 2.21), static shapes, build-time
errors, and float64 finite-difference gradient checks for every differentiable op."""
import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.framework.indexed_slices import IndexedSlices
from varflow.ops import array_ops as A  # noqa: N812 - short alias used in every test
from varflow.testing.gradient_checker import assert_gradients_match

RS = np.random.RandomState(0)
X234 = RS.randn(2, 3, 4)
M34 = RS.randn(3, 4)


def run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed)


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


# --- values and static shapes -------------------------------------------------------------------
def test_reshape_infers_minus_one_and_static_shape():
    x = tf.constant(X234)
    y = A.reshape(x, [4, -1])
    assert y.shape.as_list() == [4, 6] and y.op.type == "Reshape" and y.op.name == "Reshape"
    np.testing.assert_array_equal(run(y), X234.reshape(4, 6))
    p = tf.placeholder(tf.float32, [None, 3, 4])
    assert A.reshape(p, [-1, 12]).shape.as_list() == [None, 12]
    assert A.reshape(tf.placeholder(tf.float32), A.shape(p)).shape.as_list() == [None, 3, 4]
    n = tf.placeholder(tf.int32, [])
    assert A.reshape(p, A.stack([n, 12])).shape.as_list() == [None, 12]
    assert A.reshape(tf.constant([1, 2, 3, 4]), [-1, -1]).shape.as_list() == [None, None]
    with pytest.raises(ValueError):
        A.reshape(tf.constant([1, 2, 3, 4]), [3, -1])


def test_transpose_default_perm_and_conjugate():
    x = tf.constant(X234)
    assert A.transpose(x).shape.as_list() == [4, 3, 2]
    np.testing.assert_array_equal(run(A.transpose(x, [2, 0, 1])), X234.transpose(2, 0, 1))
    c = tf.constant(np.array([[1 + 2j, 3j]]))
    t = A.transpose(c, conjugate=True)
    assert t.op.type == "ConjugateTranspose"
    np.testing.assert_array_equal(run(t), np.array([[1 - 2j], [-3j]]))
    with pytest.raises(ValueError):
        A.transpose(x, [0, 1])
    assert A.matrix_transpose(x).shape.as_list() == [2, 4, 3]


def test_expand_dims_squeeze_legacy_names():
    x = tf.constant(M34)
    assert A.expand_dims(x, -1).shape.as_list() == [3, 4, 1]
    assert A.expand_dims(x, dim=0).shape.as_list() == [1, 3, 4]
    with pytest.raises(ValueError):
        A.expand_dims(x, 3)
    z = tf.zeros([1, 2, 1])
    assert A.squeeze(z).shape.as_list() == [2]
    assert A.squeeze(z, squeeze_dims=[0]).shape.as_list() == [2, 1]
    with pytest.raises(ValueError):
        A.squeeze(z, [1])
    assert A.squeeze(tf.placeholder(tf.float32, [None, 1])).shape.dims is None


def test_concat_stack_unstack_split():
    a, b = tf.constant(M34), tf.constant(M34[:, :2])
    np.testing.assert_array_equal(run(A.concat([a, b], -1)), np.concatenate([M34, M34[:, :2]], -1))
    single = A.concat([a], 0)
    assert single.op.type == "Identity"
    with pytest.raises(ValueError):
        A.concat([a, b], 0)
    s = A.stack([a, a], axis=-1)
    assert s.shape.as_list() == [3, 4, 2] and s.op.type == "Pack"
    parts = A.unstack(a, axis=1)
    assert len(parts) == 4 and parts[0].shape.as_list() == [3]
    with pytest.raises(ValueError):
        A.unstack(tf.placeholder(tf.float32))
    pieces = A.split(a, [1, -1], 1)
    assert [p.shape.as_list() for p in pieces] == [[3, 1], [3, 3]]
    np.testing.assert_array_equal(run(pieces[1]), M34[:, 1:])
    with pytest.raises(ValueError):
        A.split(a, 3, axis=1)
    assert A.pack is A.stack and A.unpack is A.unstack


def test_autopacking_conversion():
    i = tf.constant(1)
    t = tf.convert_to_tensor([i, 2, 3])
    assert t.op.type == "Pack" and t.op.name == "packed"
    np.testing.assert_array_equal(run(t), [1, 2, 3])


def test_slice_and_strided_slice_masks():
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(4, 3, 2))
    xv = np.arange(24, dtype=np.float32).reshape(4, 3, 2)
    np.testing.assert_array_equal(run(A.slice(x, [1, 0, 1], [-1, 2, -1])), xv[1:, 0:2, 1:])
    ss = A.strided_slice(x, [3, 2, 0], [0, -4, 2], [-2, -1, 1])
    assert ss.shape.as_list() == [2, 3, 2]
    np.testing.assert_array_equal(run(ss), xv[3:0:-2, 2::-1, 0:2])
    shrink = A.strided_slice(x, [1, 0, 1], [2, 3, 2], [1, 1, 1], shrink_axis_mask=0b101)
    assert shrink.shape.as_list() == [3]
    np.testing.assert_array_equal(run(shrink), xv[1, :, 1])
    with pytest.raises(ValueError):
        A.strided_slice(x, [5], [6], [1], shrink_axis_mask=1)


@pytest.mark.parametrize("index", [
    (1,), (-1, slice(None, None, -1)), (Ellipsis, 1), (None, slice(None), None, slice(1, None)),
    (slice(None), slice(None, None, 2), slice(3, 0, -2)), (slice(None), slice(5, None)),
    (slice(None), slice(-10, 2)), (1, Ellipsis, None, slice(None, None, -1)), (0, Ellipsis, 0),
])
def test_getitem_matches_numpy(index):
    x = tf.constant(X234)
    y = x[index]
    want = X234[index]
    assert y.shape.as_list() == list(want.shape)
    np.testing.assert_array_equal(run(y), want)


def test_getitem_tensor_index_and_errors():
    x = tf.constant(X234)
    i = tf.placeholder(tf.int32, [])
    y = x[i, i:]
    assert y.op.type == "StridedSlice" and y.op.name == "strided_slice"
    np.testing.assert_array_equal(run(y, {i: 1}), X234[1, 1:])
    with pytest.raises(TypeError):
        x[1.0]
    with pytest.raises(ValueError):
        x[..., ...]
    with pytest.raises(errors.InvalidArgumentError):
        run(x[i], {i: 5})


def test_gather_variants_and_errors():
    m = tf.constant(M34)
    np.testing.assert_array_equal(run(A.gather(m, [2, 0])), M34[[2, 0]])
    np.testing.assert_array_equal(run(A.gather(m, [[3, 0]], axis=1)), M34[:, [[3, 0]]])
    bd = A.gather(tf.constant([[1, 2, 3], [4, 5, 6]]), [[2, 0], [1, 1]], axis=1, batch_dims=1)
    np.testing.assert_array_equal(run(bd), [[3, 1], [5, 5]])          # observed in TF 2.21
    with pytest.raises(errors.InvalidArgumentError):
        run(A.gather(m, [3]))
    with pytest.raises(errors.InvalidArgumentError):
        run(A.gather(m, [-1]))


def test_gather_gradient_is_indexed_slices():
    p = tf.constant(M34)
    g = tf.gradients(tf.reduce_sum(A.gather(p, [2, 2, 0])), p)[0]
    assert isinstance(g, IndexedSlices)
    np.testing.assert_array_equal(run(tf.convert_to_tensor(g)),
                                  [[1] * 4, [0] * 4, [2] * 4])


def test_gather_nd_scatter_nd():
    p = tf.constant(X234)
    np.testing.assert_array_equal(run(A.gather_nd(p, [[0, 1], [1, 2]])), X234[[0, 1], [1, 2]])
    s = A.scatter_nd([[1], [3], [1]], tf.constant([[1., 2.], [3., 4.], [5., 6.]]), [4, 2])
    np.testing.assert_array_equal(run(s), [[0, 0], [6, 8], [0, 0], [3, 4]])
    with pytest.raises(errors.InvalidArgumentError):
        run(A.gather_nd(p, [[2, 0]]))


def test_pad_modes():
    x = tf.constant(M34)
    for mode, np_mode in (("CONSTANT", "constant"), ("reflect", "reflect"), ("Symmetric", "symmetric")):
        y = A.pad(x, [[1, 2], [2, 1]], mode=mode)
        assert y.shape.as_list() == [6, 7]
        np.testing.assert_array_equal(run(y), np.pad(M34, [[1, 2], [2, 1]], mode=np_mode))
    cv = A.pad(x, [[1, 0], [0, 0]], constant_values=-1.0)
    assert cv.op.type == "PadV2" and run(cv)[0].tolist() == [-1.0] * 4
    with pytest.raises(errors.InvalidArgumentError):
        run(A.pad(tf.constant([[1.0, 2.0, 3.0]]), [[0, 0], [3, 0]], "REFLECT"))
    with pytest.raises(ValueError):
        A.pad(x, [[1, 1]])


def test_tile_one_hot_size_rank_shape_n():
    x = tf.constant(M34)
    np.testing.assert_array_equal(run(A.tile(x, [2, 3])), np.tile(M34, [2, 3]))
    oh = A.one_hot([0, 2, -1], 3, on_value=5, off_value=-1)
    assert oh.dtype == tf.int32
    np.testing.assert_array_equal(run(oh), [[5, -1, -1], [-1, -1, 5], [-1, -1, -1]])
    assert A.one_hot([0, 1], 3, axis=0).shape.as_list() == [3, 2]
    with pytest.raises(TypeError):
        A.one_hot([1], 2, on_value=1.0, dtype=tf.int32)
    p = tf.placeholder(tf.float32, [None, 4])
    assert A.size(x).op.type == "Const" and A.size(p).op.type == "Size"
    assert run(A.size(p), {p: np.zeros([2, 4])}) == 8
    assert A.rank(p).op.type == "Const"
    u = tf.placeholder(tf.float32)
    assert A.rank(u).op.type == "Rank" and run(A.rank(u), {u: np.zeros([1, 2, 3])}) == 3
    s1, s2 = A.shape_n([x, p])
    assert run(s2, {p: np.zeros([5, 4])}).tolist() == [5, 4]


def test_broadcasting_helpers():
    np.testing.assert_array_equal(run(A.broadcast_to(tf.constant([1, 2]), [3, 2])), [[1, 2]] * 3)
    assert A.broadcast_static_shape(tf.TensorShape([None, 1]), tf.TensorShape([3])).as_list() == [None, 3]
    with pytest.raises(ValueError):
        A.broadcast_static_shape(tf.TensorShape([2]), tf.TensorShape([3]))
    assert run(A.broadcast_dynamic_shape([1, 3], [4, 1])).tolist() == [4, 3]
    with pytest.raises(ValueError):
        A.broadcast_to(tf.zeros([3]), [2, 2])


def test_where_forms():
    c = tf.constant([[True, False, True], [False, False, True]])
    coords = A.where(c)
    assert coords.dtype == tf.int64 and coords.shape.as_list() == [None, 2]
    np.testing.assert_array_equal(run(coords), [[0, 0], [0, 2], [1, 2]])
    x, y = tf.constant(M34[:2, :3]), tf.constant(-M34[:2, :3])
    rows = A.where([False, True], x, y)           # v1 Select: a vector condition picks rows
    np.testing.assert_array_equal(run(rows), np.stack([-M34[0, :3], M34[1, :3]]))
    with pytest.raises(ValueError):
        A.where(c, x, tf.constant(0.0, tf.float64))
    v2 = A.where_v2([True, False, True], x, 0.0)
    np.testing.assert_array_equal(run(v2), np.where([True, False, True], M34[:2, :3], 0.0))


def test_boolean_mask_reverse_sequence_mask():
    m = tf.constant(M34)
    np.testing.assert_array_equal(run(A.boolean_mask(m, [True, False, True])), M34[[0, 2]])
    np.testing.assert_array_equal(run(A.boolean_mask(m, [True, False, True, False], axis=1)),
                                  M34[:, [0, 2]])
    with pytest.raises(ValueError):
        A.boolean_mask(m, True)
    np.testing.assert_array_equal(run(A.reverse(m, [0, -1])), M34[::-1, ::-1])
    assert A.reverse_v2 is A.reverse
    np.testing.assert_array_equal(run(A.sequence_mask([1, 3, 0], 4)),
                                  [[1, 0, 0, 0], [1, 1, 1, 0], [0, 0, 0, 0]])
    sm = A.sequence_mask([[1], [2]], dtype=tf.float32)
    assert sm.shape.as_list() == [2, 1, 2] and sm.dtype == tf.float32


def test_meshgrid_unique_setdiff():
    gx, gy = A.meshgrid([1, 2, 3], [4, 5])
    assert gx.shape.as_list() == [2, 3]
    np.testing.assert_array_equal(run(gx), [[1, 2, 3], [1, 2, 3]])
    np.testing.assert_array_equal(run(gy), [[4, 4, 4], [5, 5, 5]])
    y, idx = A.unique([4, 1, 4, 2, 1])
    np.testing.assert_array_equal(run(y), [4, 1, 2])
    np.testing.assert_array_equal(run(idx), [0, 1, 0, 2, 1])
    out, i = A.setdiff1d([1, 2, 3, 4, 5], [2, 4])
    assert run(out).tolist() == [1, 3, 5] and run(i).tolist() == [0, 2, 4]


def test_matrix_diag_family_observed_in_tf():
    m = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4) + 1)
    # numbers observed in TF 2.21
    assert run(A.matrix_diag_part(m, k=(-1, 1))).tolist() == [[2, 7, 12], [1, 6, 11], [5, 10, 0]]
    assert run(A.matrix_diag_part(m, k=(-2, 2), align="LEFT_RIGHT", padding_value=9)).tolist() == \
        [[3, 8, 9], [2, 7, 12], [1, 6, 11], [9, 5, 10], [9, 9, 9]]
    assert run(A.matrix_diag([[1., 2.], [3., 4.]], k=(0, 1))).tolist() == \
        [[3, 2], [0, 4]]
    assert run(A.matrix_diag([1., 2.], k=-1)).tolist() == [[0, 0, 0], [1, 0, 0], [0, 2, 0]]
    assert run(A.matrix_set_diag(m, [[7., 8., 9.], [5., 6., 0.]], k=(0, 1))).tolist() == \
        [[5, 7, 3, 4], [5, 6, 8, 8], [9, 10, 0, 9]]
    assert run(A.matrix_band_part(m, 1, 0)).tolist() == [[1, 0, 0, 0], [5, 6, 0, 0], [0, 10, 11, 0]]
    e = A.eye(2, 3, batch_shape=[2])
    assert e.shape.as_list() == [2, 2, 3] and run(e)[1].tolist() == [[1, 0, 0], [0, 1, 0]]
    d = A.diag([[1, 2], [3, 4]])
    assert d.shape.as_list() == [2, 2, 2, 2]
    np.testing.assert_array_equal(run(A.diag_part(d)), [[1, 2], [3, 4]])
    with pytest.raises(ValueError):
        A.matrix_diag([1., 2.], num_rows=3, num_cols=4)


def test_small_ops():
    assert run(A.invert_permutation([2, 0, 1])).tolist() == [1, 2, 0]
    a, b = A.identity_n([tf.constant(1.0), tf.constant([2])])
    assert run(b).tolist() == [2]
    p = tf.placeholder(tf.float32)
    e = A.ensure_shape(p, [None, 2])
    assert e.shape.as_list() == [None, 2]
    with pytest.raises(errors.InvalidArgumentError):
        run(e, {p: np.zeros([2, 3])})
    with pytest.raises(ValueError):
        A.ensure_shape(tf.zeros([2, 3]), [2, 2])
    rs = A.reverse_sequence(tf.constant(M34), [1, 3, 4], seq_axis=1, batch_axis=0)
    want = M34.copy()
    for r, n in enumerate([1, 3, 4]):
        want[r, :n] = M34[r, :n][::-1]
    np.testing.assert_array_equal(run(rs), want)


# --- gradients (float64 central differences) ----------------------------------------------------
GRAD_CASES = {
    "reshape": (lambda x: A.reshape(x, [4, -1]), [X234]),
    "transpose": (lambda x: A.transpose(x, [2, 0, 1]), [X234]),
    "expand_squeeze": (lambda x: A.squeeze(A.expand_dims(x, 1), [1]), [M34]),
    "concat": (lambda x, y: A.concat([x, y, x], -1), [M34, M34[:, :2]]),
    "stack": (lambda x, y: A.stack([x, y], axis=1), [M34, -M34]),
    "unstack": (lambda x: A.unstack(x, axis=1)[0] * 2.0 + A.unstack(x, axis=1)[2], [M34]),
    "split": (lambda x: A.split(x, 2, axis=1)[1], [M34]),
    "splitv": (lambda x: A.split(x, [1, -1], 0)[1], [M34]),
    "slice": (lambda x: A.slice(x, [1, 0, 1], [-1, 2, 2]), [X234]),
    "strided": (lambda x: A.strided_slice(x, [1, 2, 0], [0, -4, 4], [-1, -1, 2]), [X234]),
    "getitem": (lambda x: x[1, ..., None, ::-2], [X234]),
    "gather0": (lambda x: A.gather(A.reshape(x, [3, 4]), [2, 0, 2]), [M34]),   # densified
    "gather1": (lambda x: A.gather(x, [[3, 0], [1, 3]], axis=1), [M34]),
    "gather_batch": (lambda x: A.gather(x, [[0, 2, 2], [1, 1, 0]], axis=2, batch_dims=1), [X234]),
    "gather_nd": (lambda x: A.gather_nd(x, [[0, 1], [1, 2], [0, 1]]), [X234]),
    "scatter_nd": (lambda u: A.scatter_nd([[1], [3], [1]], u, [4, 2]), [RS.randn(3, 2)]),
    "pad": (lambda x: A.pad(x, [[1, 2], [0, 1]]), [M34]),
    "pad_v2": (lambda x: A.pad(x, [[1, 0], [2, 1]], constant_values=3.0), [M34]),
    "reflect": (lambda x: A.pad(x, [[2, 1], [3, 2]], "REFLECT"), [M34]),
    "symmetric": (lambda x: A.pad(x, [[3, 3], [1, 4]], "SYMMETRIC"), [M34]),
    "tile": (lambda x: A.tile(x, [2, 1, 3]), [X234]),
    "broadcast_to": (lambda x: A.broadcast_to(x, [2, 3, 4]), [RS.randn(3, 1)]),
    "select": (lambda x, y: A.where([[True, False, True, False]] * 3, x, y), [M34, -M34]),
    "select_rows": (lambda x, y: A.where([True, False, True], x, y), [M34, -M34]),
    "select_v2": (lambda x, y: A.where_v2([True, False, True, True], x, y), [M34, RS.randn(3, 1)]),
    "reverse": (lambda x: A.reverse(x, [0, 2]), [X234]),
    "band": (lambda x: A.matrix_band_part(x, 1, 0), [M34]),
    "matrix_diag": (lambda d: A.matrix_diag(d, k=(-1, 1)), [RS.randn(2, 3, 3)]),
    "diag_part": (lambda x: A.matrix_diag_part(x, k=(0, 2)), [X234]),
    "set_diag": (lambda x, d: A.matrix_set_diag(x, d, k=1), [M34, RS.randn(3)]),
    "diag": (lambda d: A.diag(d), [RS.randn(2, 2)]),
    "diag_part_op": (lambda x: A.diag_part(x), [RS.randn(2, 3, 2, 3)]),
    "identity_n": (lambda x, y: A.identity_n([x, y])[0] * A.identity_n([x, y])[1], [M34, -M34]),
    "ensure_shape": (lambda x: A.ensure_shape(x, [None, 4]), [M34]),
    "reverse_sequence": (lambda x: A.reverse_sequence(x, [1, 3, 4], 1, 0), [M34]),
    "boolean_mask": (lambda x: A.boolean_mask(x, [True, False, True]), [M34]),
    "meshgrid": (lambda x, y: A.meshgrid(x, y)[0] * A.meshgrid(x, y)[1], [RS.randn(3), RS.randn(2)]),
}


@pytest.mark.parametrize("name", sorted(GRAD_CASES))
def test_gradient_matches_finite_differences(name):
    build, inputs = GRAD_CASES[name]
    assert_gradients_match(build, inputs)


def test_dynamic_shape_gradients():
    """Gradients built when static shapes are unknown use run-time shape ops."""
    def build(x):
        p = tf.placeholder_with_default(x, [None, None])
        return A.concat([A.tile(p, [1, 2])[:, :2], A.slice(p, [1, 0], [-1, 2])], 0)[:, :1]
    assert_gradients_match(build, [M34])


def test_second_order_through_strided_slice_and_mirror_pad():
    assert_gradients_match(lambda x: tf.gradients(tf.reduce_sum(x[::-1, 1:] ** 3), x)[0], [M34])
    assert_gradients_match(
        lambda x: tf.gradients(tf.reduce_sum(A.pad(x, [[1, 1], [2, 0]], "REFLECT") ** 3), x)[0], [M34])


def test_where_gradient_routes_zeros_not_products():
    """The unselected branch gets an exact zero upstream gradient (TF's NaN trap for log)."""
    x = tf.constant([0.0, -1.0, 4.0])
    y = A.where(x > 0, tf.log(x), A.zeros_like(x))
    g = run(tf.gradients(tf.reduce_sum(y), x)[0])
    assert np.isnan(g[0]) and g[1] == 0.0 and np.signbit(g[1]) and g[2] == 0.25  # as TF 2.21


def test_zeros_and_ones_constants_are_read_only_values_of_their_dtype():
    for fn, fill in ((tf.zeros, 0), (tf.ones, 1)):
        for dtype in (tf.float32, tf.int64, tf.bool, tf.bfloat16):
            t = fn([2, 3], dtype)
            value = t.op.get_attr("value")
            assert t.dtype == dtype and value.shape == (2, 3) and not value.flags.writeable
            assert (value.astype(np.float64) == fill).all()
    assert tf.zeros([2], tf.string).op.get_attr("value").tolist() == [b"", b""]


def test_ones_of_strings_is_a_type_error_as_in_tf():
    with pytest.raises(TypeError, match="Expected string, but got 1 of type 'int'"):
        tf.ones([2], tf.string)


def test_zeros_and_ones_are_fills_from_a_thousand_elements_as_in_tf():
    with tf.Graph().as_default() as g:
        small = tf.zeros([999])
        big = tf.ones([40, 25], tf.bool)
        named = tf.zeros(tf.TensorShape([50, 50]), name="named")
        assert small.op.type == "Const" and big.op.type == "Fill"
        assert [t.op.name for t in named.op.inputs] == ["named/shape_as_tensor", "named/Const"]
        assert named.op.inputs[0].dtype == tf.int32 and named.shape.as_list() == [50, 50]
        wide = tf.zeros([1 << 31, 2], tf.int8)
        assert wide.op.inputs[0].dtype == tf.int64
        n = tf.placeholder(tf.int32, [])
        packed = tf.zeros([n, 3])
        assert [t.op.name for t in packed.op.inputs] == ["zeros_2/packed", "zeros_2/Const"]
        assert packed.shape.as_list() == [None, 3]
        strings = tf.zeros([5000], tf.string)
        with tf.Session(graph=g) as sess:
            got = sess.run([big, named, packed, strings], {n: 2})
    assert got[0].dtype == bool and got[0].all() and got[0].shape == (40, 25)
    assert got[1].dtype == np.float32 and not got[1].any()
    assert got[2].shape == (2, 3) and got[3].tolist() == [b""] * 5000


def test_zeros_and_ones_of_quantized_resource_and_variant_dtypes_as_in_tf():
    for shape in ([3], [2000]):
        for fn, value in ((tf.zeros, 0), (tf.ones, 1)):
            with tf.Graph().as_default(), tf.Session() as sess:
                got = sess.run(fn(shape, tf.qint8))
            assert got.shape == tuple(shape) and (got["qint8"] == value).all()
            for dtype in (tf.resource, tf.variant):
                with pytest.raises(TypeError, match="not compatible"):
                    fn(shape, dtype)


def test_fill_names_its_converted_inputs_and_a_bare_int_shape_fills_as_in_tf():
    with tf.Graph().as_default() as g:
        tf.fill([2, 3], 1.0)
        tf.fill([2], 7, name="f")
        five = tf.zeros(5)
        names = [(o.name, o.type) for o in g.get_operations()]
    assert names[:6] == [("Fill/dims", "Const"), ("Fill/value", "Const"), ("Fill", "Fill"),
                         ("f/dims", "Const"), ("f/value", "Const"), ("f", "Fill")]
    assert five.op.type == "Fill" and five.shape.as_list() == [5]


def test_stack_names_python_values_by_their_index_in_its_scope():
    # observed in TF 2.21: Pack converts a Python value at index i as `<scope>/i`
    x = tf.placeholder(tf.float32, [None, 2])
    s = tf.shape(x)
    a = tf.stack([3, s[0]])
    b = tf.stack([s[1], 4], name="bar")
    c = tf.stack([s[0], tf.constant(2), 5], name="foo")
    consts = [op.name for op in tf.get_default_graph().get_operations() if op.type == "Const"
              and "strided_slice" not in op.name]
    assert consts == ["stack/0", "bar/1", "Const", "foo/2"]
    assert (a.name, b.name, c.name) == ("stack:0", "bar:0", "foo:0")
    assert run(c, {x: np.zeros((7, 2))}).tolist() == [7, 2, 5]
    assert tf.stack([3, 4]).op.type == "Const"


def test_string_constants_keep_trailing_nul_bytes():
    with tf.Session() as sess:
        assert sess.run(tf.constant(b"abc\x00")) == b"abc\x00"
        assert sess.run(tf.constant([[b"a\x00", "b"], [b"c", b"\x00\x00"]])).tolist() == [
            [b"a\x00", b"b"], [b"c", b"\x00\x00"]]
        assert sess.run(tf.constant("x\x00", dtype=tf.string)) == b"x\x00"


def test_variadic_ops_with_a_single_output_run():
    x = tf.constant([5])
    outs = [tf.unstack(x)[0] * 2, tf.split(x, 1)[0] * 2, tf.split(x, [1])[0] * 2,
            tf.shape_n([x])[0] * 2, tf.identity_n([x])[0] * 2, tf.unstack(tf.constant([[1, 2]]))[0] * 2]
    with tf.Session() as sess:
        assert [v.tolist() for v in sess.run(outs)] == [10, [10], [10], [2], [10], [2, 4]]
