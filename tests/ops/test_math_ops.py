"""Tests for varflow.ops.math_ops: values against NumPy (or numbers observed in TF 2.21), TF's dtype
and naming rules, static shapes (with unknown dims), run-time errors, and numerical gradients."""
import numpy as np
import pytest

import varflow as tf
from varflow.testing.gradient_checker import assert_gradients_match

RS = np.random.RandomState(0)


def run(fetches, feed=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed)


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default() as g:
        yield g


# --- elementwise values -----------------------------------------------------------------------
UNARY = [
    (tf.negative, np.negative, None), (tf.abs, np.abs, None), (tf.sign, np.sign, None),
    (tf.square, np.square, None), (tf.sqrt, np.sqrt, "pos"), (tf.rsqrt, lambda v: 1 / np.sqrt(v), "pos"),
    (tf.reciprocal, lambda v: 1 / v, "pos"), (tf.exp, np.exp, None), (tf.expm1, np.expm1, None),
    (tf.log, np.log, "pos"), (tf.log1p, np.log1p, "pos"), (tf.sin, np.sin, None),
    (tf.cos, np.cos, None), (tf.tan, np.tan, None), (tf.asin, np.arcsin, "unit"),
    (tf.acos, np.arccos, "unit"), (tf.atan, np.arctan, None), (tf.sinh, np.sinh, None),
    (tf.cosh, np.cosh, None), (tf.tanh, np.tanh, None), (tf.asinh, np.arcsinh, None),
    (tf.acosh, np.arccosh, "gt1"), (tf.atanh, np.arctanh, "unit"),
    (tf.sigmoid, lambda v: 1 / (1 + np.exp(-v)), None),
    (tf.log_sigmoid, lambda v: -np.log1p(np.exp(-v)), None),
    (tf.floor, np.floor, None), (tf.ceil, np.ceil, None), (tf.rint, np.rint, None),
]


def _domain(kind, shape=(2, 3)):
    v = RS.uniform(-2, 2, size=shape)
    if kind == "pos":
        return np.abs(v) + 0.5
    if kind == "unit":
        return v * 0.4
    if kind == "gt1":
        return np.abs(v) + 1.5
    return v


@pytest.mark.parametrize("fn,ref,kind", UNARY, ids=[u[0].__name__ for u in UNARY])
def test_unary_values(fn, ref, kind):
    v = _domain(kind).astype(np.float32)
    out = run(fn(tf.constant(v)))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, ref(v.astype(np.float64)), rtol=1e-5, atol=1e-6)


def test_special_functions_match_math_module():
    import math
    v = np.array([0.3, 1.7, 4.5, -0.4], np.float64)
    x = tf.constant(v)
    erf, erfc, lg, dg = run([tf.erf(x), tf.erfc(x), tf.lgamma(x), tf.digamma(x)])
    np.testing.assert_allclose(erf, [math.erf(a) for a in v])
    np.testing.assert_allclose(erfc, [math.erfc(a) for a in v])
    np.testing.assert_allclose(lg, [math.lgamma(a) for a in v])
    # digamma(1) = -euler_gamma, digamma(0.5) = -gamma - 2 ln 2
    d = run(tf.digamma(tf.constant([1.0, 0.5], tf.float64)))
    np.testing.assert_allclose(d, [-0.5772156649015329, -1.9635100260214235], rtol=1e-10)
    assert np.isfinite(dg).all()


def test_round_is_half_to_even():
    out = run(tf.round(tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, -2.6])))
    np.testing.assert_array_equal(out, [0.0, 2.0, 2.0, -0.0, -2.0, 2.0, -3.0])


def test_binary_values_and_broadcast_shapes():
    a = RS.randn(2, 1, 3).astype(np.float32)
    b = RS.randn(4, 1).astype(np.float32) + 3
    x, y = tf.constant(a), tf.constant(b)
    cases = {tf.add: np.add, tf.subtract: np.subtract, tf.multiply: np.multiply,
             tf.divide: np.true_divide, tf.maximum: np.maximum, tf.minimum: np.minimum,
             tf.squared_difference: lambda p, q: (p - q) ** 2, tf.atan2: np.arctan2}
    for fn, ref in cases.items():
        t = fn(x, y)
        assert t.shape.as_list() == [2, 4, 3]
        np.testing.assert_allclose(run(t), ref(a, b), rtol=1e-5, err_msg=fn.__name__)


def test_incompatible_static_broadcast_raises_value_error():
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.add(tf.zeros([2, 3]), tf.zeros([4]))


def test_no_implicit_dtype_promotion():
    with pytest.raises(TypeError):
        tf.add(tf.constant(1), tf.constant(1.0))
    with pytest.raises(TypeError):
        tf.constant([1.0]) + tf.constant([1], tf.int32)
    # Python scalars take the tensor's dtype
    assert (tf.constant([1.0], tf.float64) + 1).dtype == tf.float64
    assert (2 * tf.constant([1], tf.int64)).dtype == tf.int64
    with pytest.raises(TypeError):
        tf.constant([1]) + 1.5          # 1.5 cannot become int32


def test_integer_division_semantics_observed_in_tf():
    ai = tf.constant([7, -7, 7, -7, 6, -6, 0])
    bi = tf.constant([3, 3, -3, -3, 3, -3, 5])
    out = run({"fd": ai // bi, "td": tf.truncatediv(ai, bi), "fm": ai % bi,
               "tm": tf.truncatemod(ai, bi), "div": tf.div(ai, bi), "tru": ai / bi})
    # observed in TF 2.21
    assert out["fd"].tolist() == [2, -3, -3, 2, 2, 2, 0]
    assert out["td"].tolist() == [2, -2, -2, 2, 2, 2, 0]
    assert out["fm"].tolist() == [1, 2, -2, -1, 0, 0, 0]
    assert out["tm"].tolist() == [1, -1, 1, -1, 0, 0, 0]
    assert out["div"].tolist() == [2, -3, -3, 2, 2, 2, 0]
    assert out["tru"].dtype == np.float64
    assert (ai / bi).op.type == "RealDiv" and (ai / bi).dtype == tf.float64
    f = tf.constant([7.5, -7.5]) % tf.constant([2.0, 2.0])
    np.testing.assert_allclose(run(f), [1.5, 0.5])
    assert tf.div(tf.constant(7.0), 2.0).op.type == "RealDiv"


@pytest.mark.parametrize("op", [lambda a, b: a // b, lambda a, b: a % b])
def test_integer_division_by_zero_is_invalid_argument(op):
    t = op(tf.constant([1, 2]), tf.constant([1, 0]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        run(t)


@pytest.mark.parametrize("op", [tf.truncatediv, tf.truncatemod])
def test_truncating_integer_division_by_zero_is_internal_error(op):
    """TF's TruncateDiv / TruncateMod kernels report a zero divisor as InternalError."""
    t = op(tf.constant([1, 2]), tf.constant([1, 0]))
    with pytest.raises(tf.errors.InternalError, match="Integer division by zero"):
        run(t)


def test_float_division_by_zero_gives_inf():
    out = run(tf.constant([1.0, -1.0, 0.0]) / 0.0)
    assert out[0] == np.inf and out[1] == -np.inf and np.isnan(out[2])


def test_pow_edges():
    out = run(tf.pow(tf.constant([0.0, 0.0, -8.0, 2.0]), tf.constant([0.0, -1.0, 1 / 3, 0.5])))
    assert out[0] == 1.0 and out[1] == np.inf and np.isnan(out[2])
    np.testing.assert_allclose(out[3], np.sqrt(2.0), rtol=1e-6)
    assert run(tf.constant(2) ** 10) == 1024
    with pytest.raises(tf.errors.InvalidArgumentError, match="negative integer powers"):
        run(tf.pow(tf.constant(2), tf.constant(-1)))


def test_div_no_nan_and_multiply_no_nan():
    x = tf.constant([1.0, np.inf, 3.0])
    y = tf.constant([0.0, 0.0, 2.0])
    np.testing.assert_array_equal(run(tf.div_no_nan(x, y)), [0.0, 0.0, 1.5])
    np.testing.assert_array_equal(run(tf.math.multiply_no_nan(x, y)), [0.0, 0.0, 6.0])


def test_comparisons_and_logic():
    a, b = tf.constant([1, 2, 3]), tf.constant([2, 2, 2])
    out = run([a < b, a <= b, a > b, a >= b, tf.equal(a, b), tf.not_equal(a, b)])
    assert [o.tolist() for o in out] == [[True, False, False], [True, True, False],
                                         [False, False, True], [False, True, True],
                                         [False, True, False], [True, False, True]]
    p, q = tf.constant([True, True, False, False]), tf.constant([True, False, True, False])
    out = run([p & q, p | q, p ^ q, ~p, tf.logical_xor(p, q)])
    assert [o.tolist() for o in out] == [[True, False, False, False], [True, True, True, False],
                                         [False, True, True, False], [False, False, True, True],
                                         [False, True, True, False]]
    assert run(~tf.constant([0, 5])).tolist() == [-1, -6]
    assert (a == b) is False and (a != b) is True    # TF1 graph mode: identity comparison
    with pytest.raises(TypeError):
        tf.logical_and(a, b)


def test_nan_inf_predicates():
    x = tf.constant([1.0, np.nan, np.inf, -np.inf])
    n, i, f = run([tf.is_nan(x), tf.is_inf(x), tf.is_finite(x)])
    assert n.tolist() == [False, True, False, False]
    assert i.tolist() == [False, False, True, True]
    assert f.tolist() == [True, False, False, False]


# --- op names and types (observed in TF 2.21) --------------------------------------------------
def test_operator_and_function_op_names():
    # names are unique case-insensitively, as in TF ("add", "add_1", then tf.add -> "Add_2")
    a, b = tf.constant([1.0]), tf.constant([2.0])
    i = tf.constant([1])
    names = [(t.op.name, t.op.type) for t in (
        a + b, 1 + a, a - b, a * b, a / b, i / i, a // b, a % b, a ** b, -a, abs(a), a < b,
        tf.add(a, b), tf.subtract(a, b), tf.multiply(a, b), tf.div(i, i), tf.add_n([a, b]),
        tf.reduce_sum(a), tf.matmul([[1.0]], [[2.0]]), tf.cast(a, tf.int32),
        tf.matmul(tf.zeros([2, 2, 2]), tf.zeros([2, 2, 2])))]
    assert names == [("add", "AddV2"), ("add_1", "AddV2"), ("sub", "Sub"), ("mul", "Mul"),
                     ("truediv", "RealDiv"), ("truediv_1", "RealDiv"), ("floordiv", "FloorDiv"),
                     ("mod", "FloorMod"), ("pow", "Pow"), ("Neg", "Neg"), ("Abs", "Abs"),
                     ("Less", "Less"), ("Add_2", "AddV2"), ("Sub_1", "Sub"), ("Mul_1", "Mul"),
                     ("div", "FloorDiv"), ("AddN", "AddN"), ("Sum", "Sum"),
                     ("MatMul", "MatMul"), ("Cast", "Cast"), ("MatMul_1", "BatchMatMulV2")]
    g = tf.get_default_graph()
    assert [op.type for op in g.get_operations() if op.name.startswith("truediv_1/")] == \
        ["Cast", "Cast"]


def test_add_n_and_cast_shortcuts_return_input():
    a = tf.constant([1.0])
    assert tf.add_n([a]) is a
    assert tf.cast(a, tf.float32) is a
    with pytest.raises(ValueError):
        tf.add_n([])
    with pytest.raises(ValueError):
        tf.add_n([tf.zeros([2]), tf.zeros([3])])


def test_add_n_values_and_accumulate_n():
    xs = [tf.constant(RS.randn(2, 3)) for _ in range(3)]
    s, acc = run([tf.add_n(xs), tf.accumulate_n(xs)])
    ref = run(xs[0] + xs[1] + xs[2])
    np.testing.assert_allclose(s, ref)
    np.testing.assert_allclose(acc, ref)


def test_unknown_rank_and_dims_shapes():
    p = tf.placeholder(tf.float32, [None, 3])
    q = tf.placeholder(tf.float32)
    assert (p + 1.0).shape.as_list() == [None, 3]
    assert (p * tf.zeros([4, 1, 1])).shape.as_list() == [4, None, 3]
    assert (q + p).shape.ndims is None
    assert tf.reduce_sum(p, 1).shape.as_list() == [None]
    assert tf.reduce_sum(p, 0, keepdims=True).shape.as_list() == [1, 3]
    assert tf.reduce_sum(q).shape.as_list() == []            # every axis reduced: a scalar (TF)
    assert tf.reduce_sum(q, keepdims=True).shape.ndims is None
    axis = tf.placeholder(tf.int32, [])
    assert tf.reduce_sum(p, axis).shape.ndims is None   # TF keeps no rank for run-time axes
    assert tf.reduce_sum(p, axis, keepdims=True).shape.as_list() == [None, None]
    assert tf.matmul(p, tf.zeros([3, 5])).shape.as_list() == [None, 5]
    assert tf.argmax(p, 1).shape.as_list() == [None]


# --- casts --------------------------------------------------------------------------------------
def test_cast_truncates_and_converts():
    out = run([tf.cast(tf.constant([1.7, -1.7, 2.5]), tf.int32),
               tf.cast(tf.constant([0.0, 2.0]), tf.bool),
               tf.cast(tf.constant([True, False]), tf.float32),
               tf.to_float(tf.constant([1, 2])), tf.to_int64(tf.constant([1.9])),
               tf.to_double(tf.constant([1])), tf.to_int32(tf.constant([3.2]))])
    assert out[0].tolist() == [1, -1, 2]
    assert out[1].tolist() == [False, True]
    assert out[2].tolist() == [1.0, 0.0]
    assert out[3].dtype == np.float32 and out[4].dtype == np.int64 and out[5].dtype == np.float64
    assert out[6].tolist() == [3]


def test_saturate_cast_clips():
    out = run(tf.saturate_cast(tf.constant([-1000.0, 1000.0, 3.7]), tf.uint8))
    assert out.tolist() == [0, 255, 3]


def test_cast_gradient_only_between_floats():
    x = tf.constant([1.0, 2.0])
    g = tf.gradients(tf.reduce_sum(tf.cast(x, tf.float64) * 3.0), x)[0]
    np.testing.assert_allclose(run(g), [3.0, 3.0])
    assert g.dtype == tf.float32
    assert tf.gradients(tf.reduce_sum(tf.cast(tf.cast(x, tf.int32), tf.float32)), x)[0] is None


# --- reductions ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fn,ref", [(tf.reduce_sum, np.sum), (tf.reduce_mean, np.mean),
                                    (tf.reduce_max, np.max), (tf.reduce_min, np.min),
                                    (tf.reduce_prod, np.prod)])
@pytest.mark.parametrize("axis", [None, 0, -1, [0, 2], (-1, -3)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reductions(fn, ref, axis, keepdims):
    v = RS.randn(2, 3, 4).astype(np.float32)
    t = fn(tf.constant(v), axis=axis, keepdims=keepdims)
    np_axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    expected = ref(v, axis=np_axis, keepdims=keepdims)
    assert t.shape.as_list() == list(np.shape(expected))
    out = run(t)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)


def test_reduce_legacy_kwargs():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    t = tf.reduce_sum(x, reduction_indices=[1], keep_dims=True)
    assert t.shape.as_list() == [2, 1]
    assert run(t).tolist() == [[3.0], [7.0]]
    with pytest.raises(ValueError):
        tf.reduce_sum(x, axis=0, reduction_indices=0)
    with pytest.raises(ValueError):
        tf.reduce_mean(x, keepdims=True, keep_dims=True)
    assert run(tf.argmax(x, dimension=1)).tolist() == [1, 1]
    with pytest.raises(ValueError):
        tf.argmax(x, axis=0, dimension=0)


def test_reduce_int_mean_truncates_and_bool_reductions():
    ints = tf.constant([[1, 2], [-1, -2], [3, 4]])
    m = run(tf.reduce_mean(ints, axis=1))
    assert m.tolist() == [1, -1, 3] and m.dtype == np.int32
    b = tf.constant([[True, False], [True, True]])
    assert run(tf.reduce_any(b, 0)).tolist() == [True, True]
    assert run(tf.reduce_all(b, 1)).tolist() == [False, True]
    with pytest.raises(TypeError):
        tf.reduce_any(tf.constant([1.0]))


def test_reduce_invalid_axis():
    with pytest.raises(ValueError):
        tf.reduce_sum(tf.zeros([2, 3]), axis=2)
    p = tf.placeholder(tf.int32)
    t = tf.reduce_sum(tf.zeros([2, 3]), axis=p)
    with pytest.raises(tf.errors.InvalidArgumentError):
        run(t, {p: 5})


def test_logsumexp_euclidean_norm_std_count_nonzero():
    v = RS.randn(3, 4) * 10
    x = tf.constant(v)
    lse, en, std, var = run([tf.reduce_logsumexp(x, 1), tf.math.reduce_euclidean_norm(x, 0),
                             tf.math.reduce_std(x), tf.math.reduce_variance(x, 1)])
    m = v.max(1, keepdims=True)
    np.testing.assert_allclose(lse, (m + np.log(np.exp(v - m).sum(1, keepdims=True)))[:, 0])
    np.testing.assert_allclose(en, np.sqrt((v ** 2).sum(0)))
    np.testing.assert_allclose(std, v.std())
    np.testing.assert_allclose(var, v.var(1))
    big = run(tf.reduce_logsumexp(tf.constant([1000.0, 1000.0])))
    np.testing.assert_allclose(big, 1000.0 + np.log(2.0))
    c = tf.count_nonzero(tf.constant([[0, 1, 2], [0, 0, 3]]), axis=1)
    assert c.dtype == tf.int64 and run(c).tolist() == [2, 1]


def test_norm():
    v = RS.randn(3, 4)
    x = tf.constant(v)
    out = run([tf.norm(x), tf.norm(x, axis=1), tf.norm(x, ord=1, axis=0),
               tf.norm(x, ord=np.inf, axis=1), tf.norm(x, ord="fro", axis=[0, 1])])
    np.testing.assert_allclose(out[0], np.linalg.norm(v))
    np.testing.assert_allclose(out[1], np.linalg.norm(v, axis=1))
    np.testing.assert_allclose(out[2], np.abs(v).sum(0))
    np.testing.assert_allclose(out[3], np.abs(v).max(1))
    np.testing.assert_allclose(out[4], np.linalg.norm(v))


def test_argmax_argmin():
    v = np.array([[1, 5, 2], [7, 0, 7]], np.float32)
    x = tf.constant(v)
    a, b, c = run([tf.argmax(x, 1), tf.argmin(x, 0), tf.arg_max(x, 1, output_type=tf.int32)])
    assert a.tolist() == [1, 0] and b.tolist() == [0, 1, 0] and c.dtype == np.int32
    assert tf.argmax(x).shape.as_list() == [3]


# --- matmul, einsum, tensordot --------------------------------------------------------------------
@pytest.mark.parametrize("ta,tb", [(False, False), (True, False), (False, True), (True, True)])
def test_matmul_transposes(ta, tb):
    a = RS.randn(3, 4).astype(np.float32)
    b = RS.randn(4, 5).astype(np.float32)
    av, bv = (a.T.copy() if ta else a), (b.T.copy() if tb else b)
    t = tf.matmul(tf.constant(av), tf.constant(bv), transpose_a=ta, transpose_b=tb)
    assert t.shape.as_list() == [3, 5]
    np.testing.assert_allclose(run(t), a @ b, rtol=1e-5)


def test_matmul_errors():
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.matmul(tf.zeros([2, 3]), tf.zeros([4, 5]))
    with pytest.raises(TypeError):
        tf.matmul(tf.zeros([2, 3]), tf.zeros([3, 5], tf.float64))
    with pytest.raises(ValueError):
        tf.matmul(tf.zeros([2, 2]), tf.zeros([2, 2]), transpose_a=True, adjoint_a=True)
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.matmul(tf.zeros([2, 2, 3]), tf.zeros([2, 4, 5]))


def test_batch_matmul_broadcast_and_adjoint():
    a = RS.randn(2, 1, 3, 4)
    b = RS.randn(3, 4, 2)
    t = tf.matmul(tf.constant(a), tf.constant(b))
    assert t.op.type == "BatchMatMulV2" and t.shape.as_list() == [2, 3, 3, 2]
    np.testing.assert_allclose(run(t), np.matmul(a, b))
    c = RS.randn(2, 3, 4) + 1j * RS.randn(2, 3, 4)
    t = tf.matmul(tf.constant(c), tf.constant(c), adjoint_b=True)
    np.testing.assert_allclose(run(t), c @ np.conj(np.swapaxes(c, -1, -2)))
    assert (tf.constant(a) @ tf.constant(b)).shape.as_list() == [2, 3, 3, 2]


def test_einsum_forms():
    a, b = RS.randn(2, 3), RS.randn(3, 4)
    sq = RS.randn(3, 3)
    cases = [("ij,jk->ik", [a, b]), ("ij,jk", [a, b]), ("i,j->ij", [a[0], b[0]]),
             ("ii->", [sq]), ("ii->i", [sq]), ("ij->ji", [a]), ("...ij,jk->...ik", [RS.randn(2, 2, 3), b]),
             ("bij,bkj->bik", [RS.randn(2, 3, 4), RS.randn(2, 2, 4)])]
    for eq, ins in cases:
        t = tf.einsum(eq, *[tf.constant(v) for v in ins])
        ref = np.einsum(eq, *ins)
        assert t.shape.as_list() == list(ref.shape), eq
        np.testing.assert_allclose(run(t), ref, err_msg=eq)
    assert tf.einsum("ij,jk->ik", tf.constant(a), tf.constant(b)).op.name == "einsum_8/Einsum"


def test_tensordot_and_trace():
    a, b = RS.randn(2, 3, 4), RS.randn(4, 3, 5)
    out = run([tf.tensordot(tf.constant(a), tf.constant(b), [[1, 2], [1, 0]]),
               tf.tensordot(tf.constant(a), tf.constant(RS.randn(4, 5)), 1),
               tf.trace(tf.constant(RS.randn(2, 3, 3)))])
    np.testing.assert_allclose(out[0], np.tensordot(a, b, [[1, 2], [1, 0]]))
    assert out[1].shape == (2, 3, 5) and out[2].shape == (2,)


# --- scans, sequences, segments ---------------------------------------------------------------------
@pytest.mark.parametrize("exclusive", [False, True])
@pytest.mark.parametrize("reverse", [False, True])
def test_cumsum_cumprod(exclusive, reverse):
    v = RS.randn(3, 4)

    def ref(fn, ident, axis):
        w = np.flip(v, axis) if reverse else v
        out = fn(w, axis=axis)
        if exclusive:
            out = np.concatenate([np.full_like(np.take(out, [0], axis), ident),
                                  np.delete(out, -1, axis)], axis)
        return np.flip(out, axis) if reverse else out
    x = tf.constant(v)
    for axis in (0, 1):
        cs, cp = run([tf.cumsum(x, axis, exclusive, reverse), tf.cumprod(x, axis, exclusive, reverse)])
        np.testing.assert_allclose(cs, ref(np.cumsum, 0, axis))
        np.testing.assert_allclose(cp, ref(np.cumprod, 1, axis))


def test_range_and_linspace():
    r = tf.range(5)
    assert r.dtype == tf.int32 and r.shape.as_list() == [5] and r.op.name == "range"
    assert run(tf.range(2, 10, 3)).tolist() == [2, 5, 8]
    assert run(tf.range(5, 0, -2)).tolist() == [5, 3, 1]
    f = tf.range(0.0, 1.0, 0.25)
    assert f.dtype == tf.float32 and run(f).tolist() == [0.0, 0.25, 0.5, 0.75]
    assert tf.range(3, dtype=tf.int64).dtype == tf.int64
    with pytest.raises(ValueError, match="delta != 0"):
        tf.range(0, 3, 0)
    lim = tf.placeholder(tf.int32, [])
    dyn = tf.range(lim)
    assert dyn.shape.as_list() == [None]
    with pytest.raises(tf.errors.InvalidArgumentError):
        run(dyn, {lim: -1})
    np.testing.assert_allclose(run(tf.linspace(0.0, 1.0, 5)), np.linspace(0, 1, 5))
    assert tf.lin_space(0.0, 1.0, 3).shape.as_list() == [3]


def test_segment_ops_values():
    data = RS.randn(6, 2).astype(np.float32)
    ids = np.array([0, 0, 1, 3, 3, 3])
    d = tf.constant(data)
    ss, sm, sx, sn = run([tf.segment_sum(d, ids), tf.segment_mean(d, ids), tf.segment_max(d, ids),
                          tf.segment_min(d, ids)])
    np.testing.assert_allclose(ss[0], data[:2].sum(0), rtol=1e-6)
    np.testing.assert_allclose(sm[3], data[3:].mean(0), rtol=1e-6)
    np.testing.assert_allclose(sx[2], [0.0, 0.0])      # empty segment inside the range
    np.testing.assert_allclose(sn[3], data[3:].min(0))
    assert tf.segment_sum(d, ids).shape.as_list() == [None, 2]
    u_ids = [2, 0, 2, -1, 0, 4]
    us = tf.unsorted_segment_sum(d, u_ids, 5)
    um = tf.unsorted_segment_max(d, u_ids, 5)
    mean = tf.unsorted_segment_mean(d, u_ids, 5)
    assert us.shape.as_list() == [5, 2]
    us_v, um_v, mean_v = run([us, um, mean])
    np.testing.assert_allclose(us_v[2], data[0] + data[2], rtol=1e-6)
    assert (um_v[1] == np.finfo(np.float32).min).all()    # empty: lowest float (TF)
    np.testing.assert_allclose(mean_v[0], (data[1] + data[4]) / 2, rtol=1e-6)
    assert (mean_v[1] == 0).all()


def test_segment_errors():
    d = tf.zeros([3, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match="not increasing"):
        run(tf.segment_sum(d, [1, 0, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of range"):
        run(tf.unsorted_segment_sum(d, [0, 5, 1], 2))


def test_bincount():
    out = run(tf.math.bincount(tf.constant([1, 1, 3, 0])))
    assert out.tolist() == [1, 2, 0, 1]
    w = run(tf.math.bincount(tf.constant([1, 1, 3]), weights=tf.constant([0.5, 1.0, 2.0]),
                             minlength=5))
    assert w.tolist() == [0.0, 1.5, 0.0, 2.0, 0.0]


def test_scalar_mul():
    assert run(tf.scalar_mul(2.0, tf.constant([1.0, 2.0]))).tolist() == [2.0, 4.0]
    with pytest.raises(ValueError):
        tf.scalar_mul(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0]))


def test_kernel_outputs_keep_dtype():
    x = tf.constant(np.array([1.5, 2.5], np.float32))
    outs = run([tf.reduce_mean(x), tf.exp(x), x * 2, tf.reduce_sum(x), tf.sigmoid(x),
                tf.erf(x), tf.lgamma(x), tf.reduce_logsumexp(x), tf.cumsum(x)])
    for o in outs:
        assert np.asarray(o).dtype == np.float32


# --- gradients (float64 central differences) ----------------------------------------------------
def _check(build, *inputs, **kw):
    assert_gradients_match(build, [np.asarray(v, np.float64) for v in inputs], **kw)


GRAD_UNARY = [
    (tf.negative, None), (tf.abs, "nonzero"), (tf.square, None), (tf.sqrt, "pos"), (tf.rsqrt, "pos"),
    (tf.reciprocal, "pos"), (tf.exp, None), (tf.expm1, None), (tf.log, "pos"), (tf.log1p, "pos"),
    (tf.sin, None), (tf.cos, None), (tf.tan, "unit"), (tf.asin, "unit"), (tf.acos, "unit"),
    (tf.atan, None), (tf.sinh, None), (tf.cosh, None), (tf.tanh, None), (tf.asinh, None),
    (tf.acosh, "gt1"), (tf.atanh, "unit"), (tf.sigmoid, None), (tf.log_sigmoid, None),
    (tf.erf, None), (tf.erfc, None), (tf.lgamma, "pos"), (tf.digamma, "pos"),
]


@pytest.mark.parametrize("fn,kind", GRAD_UNARY, ids=[u[0].__name__ for u in GRAD_UNARY])
def test_unary_gradients(fn, kind):
    v = _domain(kind if kind != "nonzero" else None, (2, 2))
    if kind == "nonzero":
        v = np.where(np.abs(v) < 0.1, 0.5, v)
    _check(fn, v)


def test_piecewise_constant_gradients_are_zero_or_none():
    x = tf.constant([0.3, 1.7])
    for fn in (tf.floor, tf.ceil, tf.round, tf.rint, tf.sign):
        g = tf.gradients(tf.reduce_sum(fn(x)), x)[0]
        assert g is None or run(g).tolist() == [0.0, 0.0]


BIN = [tf.add, tf.subtract, tf.multiply, tf.divide, tf.truediv, tf.realdiv, tf.maximum,
       tf.minimum, tf.squared_difference, tf.pow, tf.atan2, tf.div_no_nan,
       tf.math.multiply_no_nan, tf.floormod, tf.truncatemod]


@pytest.mark.parametrize("fn", BIN, ids=[f.__name__ for f in BIN])
def test_binary_broadcast_gradients(fn):
    a = RS.uniform(0.5, 2.0, size=(2, 1, 3))
    b = RS.uniform(0.5, 2.0, size=(4, 1)) + 0.03
    _check(fn, a, b)


def test_operator_gradients():
    _check(lambda x, y: (x + y) * (x - y) / (y ** 2) - (-x) + 2.0 * x - 1.0 / y + abs(x),
           RS.uniform(0.5, 1.5, (2, 3)), RS.uniform(0.5, 1.5, (3,)))


def test_broadcast_gradient_with_unknown_dims():
    x = tf.placeholder(tf.float64, [None, 3])
    y = tf.placeholder(tf.float64, [None, 1])
    z = tf.placeholder(tf.float64)
    loss = tf.reduce_sum(x * y + z)
    gx, gy, gz = tf.gradients(loss, [x, y, z])
    xv, yv = RS.randn(4, 3), RS.randn(4, 1)
    out = run([gx, gy, gz], {x: xv, y: yv, z: 2.0})
    np.testing.assert_allclose(out[0], np.broadcast_to(yv, (4, 3)))
    np.testing.assert_allclose(out[1], xv.sum(1, keepdims=True))
    assert np.shape(out[2]) == () and out[2] == 12.0
    assert gy.shape.as_list() == [None, 1]


def test_maximum_minimum_ties_go_to_first_argument():
    x, y = tf.constant([1.0, 2.0, 3.0]), tf.constant([1.0, 1.0, 5.0])
    gx, gy = tf.gradients(tf.reduce_sum(tf.maximum(x, y)), [x, y])
    assert run(gx).tolist() == [1.0, 1.0, 0.0] and run(gy).tolist() == [0.0, 0.0, 1.0]
    gx, gy = tf.gradients(tf.reduce_sum(tf.minimum(x, y)), [x, y])
    assert run(gx).tolist() == [1.0, 0.0, 1.0] and run(gy).tolist() == [0.0, 1.0, 0.0]


def test_reduce_max_ties_share_gradient():
    x = tf.constant([[1.0, 3.0, 3.0], [2.0, 0.0, 1.0]])
    g = tf.gradients(tf.reduce_max(x), x)[0]
    assert run(g).tolist() == [[0.0, 0.5, 0.5], [0.0, 0.0, 0.0]]
    g = tf.gradients(tf.reduce_min(x, axis=1), x)[0]
    assert run(g).tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]


@pytest.mark.parametrize("fn", [tf.reduce_sum, tf.reduce_mean, tf.reduce_max, tf.reduce_min,
                                tf.reduce_prod, tf.reduce_logsumexp,
                                tf.math.reduce_euclidean_norm, tf.math.reduce_std,
                                tf.math.reduce_variance])
@pytest.mark.parametrize("axis,keepdims", [(None, False), (1, False), ([0, 2], True), (-1, True)])
def test_reduction_gradients(fn, axis, keepdims):
    _check(lambda x: fn(x, axis=axis, keepdims=keepdims), RS.uniform(0.5, 2.0, (2, 3, 2)))


def test_reduce_prod_gradient_with_zeros():
    v = np.array([[2.0, 0.0, 3.0], [1.0, 4.0, 0.5]])
    _check(lambda x: tf.reduce_prod(x, axis=1), v)
    _check(lambda x: tf.reduce_prod(x), np.array([[2.0, 0.0], [1.0, 3.0]]))


def test_reduction_gradient_with_unknown_shape():
    x = tf.placeholder(tf.float64, [None, None])
    g1, = tf.gradients(tf.reduce_mean(x, 1), [x])
    g2, = tf.gradients(tf.reduce_max(x), [x])
    g3, = tf.gradients(tf.reduce_prod(x, 0), [x])
    v = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    a, b, c = run([g1, g2, g3], {x: v})
    np.testing.assert_allclose(a, np.full((2, 3), 1 / 3))
    np.testing.assert_allclose(b, [[0, 0, 0], [0, 0, 1.0]])
    np.testing.assert_allclose(c, [[4.0, 5.0, 6.0], [1.0, 2.0, 3.0]])


@pytest.mark.parametrize("ta,tb", [(False, False), (True, False), (False, True), (True, True)])
def test_matmul_gradients(ta, tb):
    _check(lambda a, b: tf.matmul(a, b, transpose_a=ta, transpose_b=tb),
           RS.randn(*((3, 2) if ta else (2, 3))), RS.randn(*((4, 3) if tb else (3, 4))))


def test_batch_matmul_gradients_broadcast():
    _check(lambda a, b: tf.matmul(a, b), RS.randn(2, 1, 2, 3), RS.randn(3, 3, 2))
    _check(lambda a, b: tf.matmul(a, b, adjoint_a=True, transpose_b=True),
           RS.randn(2, 3, 2), RS.randn(2, 4, 3))


@pytest.mark.parametrize("eq,shapes", [("ij,jk->ik", [(2, 3), (3, 2)]), ("ii->", [(3, 3)]),
                                       ("ii->i", [(3, 3)]), ("ij->", [(2, 3)]),
                                       ("...ij,jk->...ik", [(2, 2, 3), (3, 2)]),
                                       ("i,j->ij", [(2,), (3,)]), ("bij,bkj->bik", [(2, 2, 3), (2, 2, 3)])])
def test_einsum_gradients(eq, shapes):
    _check(lambda *xs: tf.einsum(eq, *xs), *[RS.randn(*s) for s in shapes])


def test_tensordot_trace_gradients():
    _check(lambda a, b: tf.tensordot(a, b, [[1], [0]]), RS.randn(2, 3), RS.randn(3, 2))
    _check(tf.trace, RS.randn(3, 3))


@pytest.mark.parametrize("exclusive", [False, True])
@pytest.mark.parametrize("reverse", [False, True])
def test_scan_gradients(exclusive, reverse):
    _check(lambda x: tf.cumsum(x, 1, exclusive=exclusive, reverse=reverse), RS.randn(2, 3))
    _check(lambda x: tf.cumprod(x, 1, exclusive=exclusive, reverse=reverse),
           RS.uniform(0.5, 2, (2, 3)))


def test_segment_gradients():
    ids = [0, 0, 1, 3, 3]
    v = RS.randn(5, 2)
    for fn in (tf.segment_sum, tf.segment_mean, tf.segment_max, tf.segment_min):
        _check(lambda x, fn=fn: fn(x, ids), v)
    _check(lambda x: tf.segment_prod(x, ids), RS.uniform(0.5, 2, (5, 2)))
    u = [2, 0, -1, 2, 1]          # every segment non-empty (empty max/min give +-lowest)
    for fn in (tf.unsorted_segment_sum, tf.unsorted_segment_max, tf.unsorted_segment_min,
               tf.unsorted_segment_mean):
        _check(lambda x, fn=fn: fn(x, u, 3), v)
    _check(lambda x: tf.unsorted_segment_prod(x, u, 3), RS.uniform(0.5, 2, (5, 2)))


def test_add_n_and_cast_gradients():
    _check(lambda a, b, c: tf.add_n([a, b, c]) * a, RS.randn(2, 2), RS.randn(2, 2), RS.randn(2, 2))
    _check(lambda a: tf.real(tf.cast(a, tf.complex128) * tf.constant(2.0 + 1j, tf.complex128)),
           RS.randn(3))


def test_norm_gradients():
    _check(lambda x: tf.norm(x), RS.randn(2, 3))
    _check(lambda x: tf.norm(x, ord=1, axis=1), RS.uniform(0.5, 1, (2, 3)))
    _check(lambda x: tf.norm(x, ord=3, axis=0), RS.uniform(0.5, 1, (2, 3)))


def test_second_order_gradients():
    x = tf.placeholder(tf.float64, [3])
    y = tf.reduce_sum(x * x * x + tf.sin(x))
    g, = tf.gradients(y, x)
    h, = tf.gradients(tf.reduce_sum(g), x)
    v = np.array([0.1, 0.5, 2.0])
    np.testing.assert_allclose(run(h, {x: v}), 6 * v - np.sin(v))
    b = tf.placeholder(tf.float64, [None, 1])
    gb, = tf.gradients(tf.reduce_sum(tf.square(b * tf.ones([1, 3], tf.float64))), b)
    hb, = tf.gradients(tf.reduce_sum(gb), b)
    np.testing.assert_allclose(run(hb, {b: np.ones((2, 1))}), np.full((2, 1), 6.0))


def test_python_operands_become_consts_named_like_tf():
    a = tf.constant([1.0, 2.0])
    tf.add(a, 1.0)
    a + 1.0
    tf.reduce_sum(a, 0)
    tf.cumsum(a, 0)
    tf.argmax(a, 0)
    names = [op.name for op in tf.get_default_graph().get_operations()]
    # observed in TF 2.21
    assert names == ["Const", "Add/y", "Add", "add_1/y", "add_1", "Sum/reduction_indices", "Sum",
                     "Cumsum/axis", "Cumsum", "ArgMax/dimension", "ArgMax"]


def test_math_namespace_aliases():
    assert tf.math.add is tf.add and tf.math.mod is tf.floormod
    assert tf.math.reduce_sum is tf.reduce_sum and tf.math.divide_no_nan is tf.div_no_nan


def test_unknown_rank_reduction_reduces_over_range_of_rank_like_tf():
    with tf.Graph().as_default() as g:
        q = tf.placeholder(tf.float32, name="q")
        total = tf.reduce_sum(q)
        mean = tf.reduce_mean(q, keepdims=True)
        ops = [(op.name, op.type) for op in g.get_operations()]
        assert ops[1:6] == [("Rank", "Rank"), ("range/start", "Const"), ("range/delta", "Const"),
                            ("range", "Range"), ("Sum", "Sum")]
        assert [t.name for t in total.op.inputs] == ["q:0", "range:0"]
        with tf.Session() as sess:
            t, m = sess.run([total, mean], {q: [[1.0, 2.0], [3.0, 4.0]]})
        assert t == 10.0 and m.shape == (1, 1) and m[0, 0] == 2.5


def test_reduce_logsumexp_builds_tf_ops():
    with tf.Graph().as_default() as g:
        u = tf.placeholder(tf.float32, [2, 3])
        out = tf.reduce_logsumexp(u, axis=1)
        types = {op.name: op.type for op in g.get_operations()}
        assert types["ReduceLogSumExp/SelectV2/e"] == "Const"
        assert types["ReduceLogSumExp/Shape"] == "Shape"
        assert types["ReduceLogSumExp/Reshape"] == "Reshape"
        x = np.array([[1.0, 2.0, 3.0], [-np.inf, 0.0, 1e3]], np.float32)
        got = tf.Session().run(out, {u: x})
        np.testing.assert_allclose(got, [np.log(np.exp(x[0]).sum()), 1e3], rtol=1e-6)
