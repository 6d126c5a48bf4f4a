"""tf.map_fn / tf.scan / tf.foldl / tf.foldr / tf.switch_case: values, names, static shapes,
errors and gradients. Names, shapes and error classes below were observed in TF 2.21 (compat.v1)."""
import time

import numpy as np
import pytest

import varflow as tf
from varflow.framework import errors
from varflow.ops import functional_ops as fo
from varflow.testing.gradient_checker import assert_gradients_match


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _run(x, feed=None):
    with tf.Session() as sess:
        return sess.run(x, feed)


def _desc(t):
    return t.name, (t.shape.as_list() if t.shape.ndims is not None else None), t.dtype.name


A = [[1., 2.], [3., 4.], [5., 6.]]


# --- map_fn -------------------------------------------------------------------------------------
def test_map_fn_values_names_and_structures():
    a, b = tf.constant(A), tf.constant([1, 2, 3])
    m = fo.map_fn(lambda e: e * 2, a)
    t = fo.map_fn(lambda p: (p[0] * 2, p[1] + 1), (a, b))
    d = fo.map_fn(lambda e: {"x": e, "y": e * 2}, b, dtype={"x": tf.int32, "y": tf.int32})
    c = fo.map_fn(lambda p: p[0] * tf.cast(p[1], tf.float32), [a, b], dtype=tf.float32, name="foo")
    assert _desc(m) == ("map/TensorArrayStack/TensorArrayGatherV3:0", [3, 2], "float32")
    assert [_desc(x) for x in t] == [("map_1/TensorArrayStack/TensorArrayGatherV3:0", [3, 2], "float32"),
                                     ("map_1/TensorArrayStack_1/TensorArrayGatherV3:0", [3], "int32")]
    assert isinstance(t, tuple) and sorted(d) == ["x", "y"]
    assert _desc(d["y"]) == ("map_2/TensorArrayStack_1/TensorArrayGatherV3:0", [3], "int32")
    assert c.name == "foo/TensorArrayStack/TensorArrayGatherV3:0"
    mv, tv, dv, cv = _run([m, t, d, c])
    np.testing.assert_allclose(mv, np.array(A) * 2)
    np.testing.assert_array_equal(tv[1], [2, 3, 4])
    np.testing.assert_array_equal(dv["y"], [2, 4, 6])
    np.testing.assert_allclose(cv, np.array(A) * [[1], [2], [3]])
    assert "map/while/mul" in {op.name for op in tf.get_default_graph().get_operations()}


def test_map_fn_output_signature_and_dtypes():
    b = tf.constant([1, 2, 3])
    f = fo.map_fn(lambda e: tf.cast(e, tf.float64), b, fn_output_signature=tf.float64)
    s = fo.map_fn(lambda e: tf.as_string(e), b, dtype=tf.string)
    py = fo.map_fn(lambda e: 1, b)                              # a Python result: the declared dtype
    one = fo.map_fn(lambda e: [e], b, dtype=[tf.int32])         # a one-element list stays a list
    assert f.dtype == tf.float64 and isinstance(one, list)
    fv, sv, pv, ov = _run([f, s, py, one])
    assert fv.dtype == np.float64 and list(sv) == [b"1", b"2", b"3"]
    np.testing.assert_array_equal(pv, [1, 1, 1])
    np.testing.assert_array_equal(ov[0], [1, 2, 3])


def test_map_fn_static_shapes():
    p = tf.placeholder(tf.float32, [None, 2])
    u = tf.placeholder(tf.float32)
    b = tf.constant([1, 2, 3])
    assert fo.map_fn(lambda e: e * 2, p).shape.as_list() == [None, 2]
    assert fo.map_fn(lambda e: e * 2, u).shape.ndims is None
    assert fo.map_fn(lambda e: e * 2, tf.constant(A), infer_shape=False).shape.ndims is None
    assert fo.map_fn(lambda e: tf.range(e), b).shape.as_list() == [3, None]
    np.testing.assert_allclose(_run(fo.map_fn(lambda e: e * 2, p), {p: A}), np.array(A) * 2)


def test_map_fn_empty_elems():
    known = tf.placeholder(tf.float32, [None, 3])
    unknown = tf.placeholder(tf.float32, [None, None])
    m = fo.map_fn(lambda e: tf.concat([e, e], 0), known)
    assert m.shape.as_list() == [None, 6]
    assert _run(m, {known: np.zeros([0, 3])}).shape == (0, 6)
    assert _run(fo.map_fn(lambda e: e * 2, tf.zeros([0, 3]))).shape == (0, 3)
    with pytest.raises(errors.UnimplementedError, match="size zero"):
        _run(fo.map_fn(lambda e: tf.concat([e, e], 0), unknown), {unknown: np.zeros([0, 3])})


def test_map_fn_build_errors():
    a, b = tf.constant(A), tf.constant([1, 2, 3])
    with pytest.raises(ValueError, match="1\\+ dimensional"):
        fo.map_fn(lambda e: e, tf.constant(3.))
    with pytest.raises(ValueError, match="Dimensions 3 and 2 are not compatible"):
        fo.map_fn(lambda p: p[0], (a, tf.constant([1, 2])), dtype=tf.float32)
    with pytest.raises(ValueError, match="same nested structure"):
        fo.map_fn(lambda p: p[0], (a, b))                      # no dtype: output must match elems
    with pytest.raises(TypeError, match="sequence type"):
        fo.map_fn(lambda p: [p[0], p[1]], (a, b))              # list vs tuple: TypeError, as TF
    with pytest.raises(ValueError, match="None values"):
        fo.map_fn(lambda e: e, None)
    with pytest.raises(ValueError, match="does not contain any Tensors"):
        fo.map_fn(lambda e: e, ())
    with pytest.raises(ValueError, match="None values"):
        fo.map_fn(lambda e: None, b)
    with pytest.raises(TypeError, match="Operation"):
        fo.map_fn(lambda e: tf.no_op(), b)
    with pytest.raises(AttributeError):
        fo.map_fn(3, b)
    with pytest.raises(ValueError, match="Inconsistent shapes"):
        fo.map_fn(lambda e: e, a, fn_output_signature=_Spec([3], tf.float32))


class _Spec:
    """A TensorSpec-like signature (dtype and shape)."""

    def __init__(self, shape, dtype):
        self.shape, self.dtype = shape, dtype


def test_map_fn_run_errors():
    b = tf.constant([1, 2, 3])
    with pytest.raises(errors.InvalidArgumentError, match="TensorArray dtype is int32"):
        _run(fo.map_fn(lambda e: tf.cast(e, tf.float64) * 1.5, b))
    with pytest.raises(errors.InvalidArgumentError, match="infer_shape=False"):
        _run(fo.map_fn(lambda e: tf.range(e), b))
    with pytest.raises(errors.InvalidArgumentError, match="inconsistent shapes"):
        _run(fo.map_fn(lambda e: tf.range(e), b, infer_shape=False))


def test_map_fn_runs_are_independent_and_back_prop_false():
    p = tf.placeholder(tf.float32, [None])
    m = fo.map_fn(lambda e: e + 1, p)
    m2 = fo.map_fn(lambda e: e + 1, p, back_prop=False)
    with tf.Session() as sess:
        first = sess.run(m, {p: [1., 2.]})
        second = sess.run(m, {p: [5., 6.]})
        np.testing.assert_array_equal(first, [2., 3.])     # a later run writes a new buffer
        np.testing.assert_array_equal(second, [6., 7.])
        np.testing.assert_array_equal(sess.run(m2, {p: [0.]}), [1.])


def test_map_fn_long_input_is_linear():
    p = tf.placeholder(tf.float32, [None, 8])
    m = fo.map_fn(lambda r: r * 2. + 1., p)
    g = tf.gradients(tf.reduce_sum(m * m), p)[0]
    x = np.random.default_rng(0).standard_normal((10000, 8)).astype(np.float32)
    with tf.Session() as sess:
        start = time.perf_counter()
        out, gv = sess.run([m, g], {p: x})
        elapsed = time.perf_counter() - start
    np.testing.assert_allclose(out, 2 * x + 1, rtol=1e-6)
    np.testing.assert_allclose(gv, 4 * (2 * x + 1), rtol=1e-6)
    assert elapsed < 10        # ~0.15 s measured; quadratic copying would take far longer


# --- scan ---------------------------------------------------------------------------------------
def test_scan_values_names_and_order():
    a, b = tf.constant(A), tf.constant([1, 2, 3])
    s = fo.scan(lambda acc, e: acc + e, b)
    r = fo.scan(lambda acc, e: acc * 10 + e, b, reverse=True)
    ri = fo.scan(lambda acc, e: acc * 10 + e, b, initializer=tf.constant(7), reverse=True)
    t = fo.scan(lambda acc, e: (acc[0] + e, acc[1] * 2), b, initializer=(tf.constant(0), tf.constant(1.)))
    d = fo.scan(lambda acc, e: {"s": acc["s"] + e}, b, initializer={"s": tf.constant(0)})
    n = fo.scan(lambda acc, e: (acc[0] + e[0], acc[1] * e[1]), (a, b), name="sc")
    o = fo.scan(lambda acc, e: acc + e[0] + tf.cast(e[1], tf.float32), (a, b), initializer=tf.zeros([2]))
    assert _desc(s) == ("scan/TensorArrayStack/TensorArrayGatherV3:0", [3], "int32")
    assert t[1].name == "scan_3/TensorArrayStack_1/TensorArrayGatherV3:0"
    assert n[0].name == "sc/TensorArrayStack/TensorArrayGatherV3:0" and o.shape.as_list() == [3, 2]
    sv, rv, riv, tv, dv, nv, ov = _run([s, r, ri, t, d, n, o])
    np.testing.assert_array_equal(sv, [1, 3, 6])
    np.testing.assert_array_equal(rv, [321, 32, 3])
    np.testing.assert_array_equal(riv, [7321, 732, 73])
    np.testing.assert_array_equal(tv[1], [2., 4., 8.])
    np.testing.assert_array_equal(dv["s"], [1, 3, 6])
    np.testing.assert_array_equal(nv[1], [1, 2, 6])
    np.testing.assert_allclose(ov, [[2., 3.], [7., 9.], [15., 18.]])


def test_scan_unknown_length_and_empty():
    p = tf.placeholder(tf.int32, [None])
    s = fo.scan(lambda acc, e: acc + e, p)
    assert s.shape.as_list() == [None]
    np.testing.assert_array_equal(_run(s, {p: [1, 2, 3, 4]}), [1, 3, 6, 10])
    assert _run(fo.scan(lambda acc, e: acc + e, tf.zeros([0, 2]),
                        initializer=tf.constant([1., 1.]))).shape == (0, 2)
    with pytest.raises(errors.InvalidArgumentError, match="index 0 but array size is: 0"):
        _run(s, {p: []})


def test_scan_errors():
    b = tf.constant([1, 2, 3])
    with pytest.raises(IndexError):
        fo.scan(lambda acc, e: acc, tf.constant(1))
    with pytest.raises(ValueError, match="Dimensions 3 and 2"):
        fo.scan(lambda acc, e: acc, (b, tf.constant([1, 2])))
    with pytest.raises(ValueError, match="same nested structure"):
        fo.scan(lambda acc, e: (acc, acc), b, initializer=tf.constant(0))
    with pytest.raises(TypeError, match="sequence type"):
        fo.scan(lambda acc, e: [acc[0] + e, acc[1]], b, initializer=(tf.constant(0), tf.constant(1)))
    with pytest.raises(AttributeError):
        fo.scan(3, b)
    with pytest.raises(ValueError, match="None values"):
        fo.scan(lambda acc, e: acc, None)


# --- foldl / foldr ------------------------------------------------------------------------------
def test_folds_values_order_and_names():
    a, b = tf.constant(A), tf.constant([1, 2, 3])
    fl = fo.foldl(lambda acc, e: acc * 10 + e, b)
    fr = fo.foldr(lambda acc, e: acc * 10 + e, b)
    fli = fo.foldl(lambda acc, e: acc * 10 + e, b, initializer=tf.constant(9))
    fri = fo.foldr(lambda acc, e: acc * 10 + e, b, initializer=9)
    ft = fo.foldl(lambda acc, e: (acc[0] + e[1], acc[1] + e[0]), (a, b),
                  initializer=(tf.constant(0), tf.zeros([2])))
    fd = fo.foldr(lambda acc, e: {"s": acc["s"] + e}, b, initializer={"s": tf.constant(0)}, name="ff")
    assert _desc(fl) == ("foldl/while/Exit_2:0", [], "int32")
    assert _desc(fr) == ("foldr/while/Exit_2:0", [], "int32")
    assert [_desc(x) for x in ft] == [("foldl_2/while/Exit_2:0", [], "int32"),
                                      ("foldl_2/while/Exit_3:0", [2], "float32")]
    assert fd["s"].name == "ff/while/Exit_2:0"
    flv, frv, fliv, friv, ftv, fdv = _run([fl, fr, fli, fri, ft, fd])
    assert (flv, frv, fliv, friv) == (123, 321, 9123, 9321)
    assert ftv[0] == 6 and list(ftv[1]) == [9., 12.] and fdv["s"] == 6


def test_folds_empty_and_unknown_length():
    p = tf.placeholder(tf.int32, [None])
    assert _run(fo.foldl(lambda acc, e: acc + e, p), {p: [1, 2, 3, 4]}) == 10
    assert _run(fo.foldl(lambda acc, e: acc + e, tf.zeros([0]), initializer=2.)) == 2.
    assert _run(fo.foldr(lambda acc, e: acc + e, tf.zeros([0]), initializer=2.)) == 2.
    with pytest.raises(errors.InvalidArgumentError, match="index 0 but array size is: 0"):
        _run(fo.foldl(lambda acc, e: acc + e, p), {p: []})
    with pytest.raises(errors.InvalidArgumentError, match="index -1 but array size is: 0"):
        _run(fo.foldr(lambda acc, e: acc + e, p), {p: []})


def test_folds_errors():
    b = tf.constant([1, 2, 3])
    with pytest.raises(IndexError):
        fo.foldl(lambda acc, e: acc + e, tf.constant(1.))
    with pytest.raises(ValueError, match="same nested structure"):
        fo.foldl(lambda acc, e: (acc, acc), b, initializer=tf.constant(0))
    with pytest.raises(TypeError, match="sequence type"):
        fo.foldl(lambda acc, e: [acc[0] + e, acc[1]], b, initializer=(tf.constant(0), tf.constant(1)))
    with pytest.raises(ValueError, match="shape"):
        fo.foldl(lambda acc, e: tf.concat([acc, [e]], 0), b, initializer=tf.constant([0]))
    with pytest.raises(AttributeError):
        fo.foldr(3, b)


# --- gradients ----------------------------------------------------------------------------------
_X = np.random.default_rng(0).standard_normal((4, 3))
_W = np.random.default_rng(1).standard_normal((3,))


@pytest.mark.parametrize("build", [
    lambda a, w: fo.map_fn(lambda e: e * e * tf.sin(e) * w, a),
    lambda a, w: fo.map_fn(lambda p: p[0] * p[1], (a, a * w), dtype=tf.float64),
    lambda a, w: fo.scan(lambda acc, e: acc * e + 1., a) * w,
    lambda a, w: fo.scan(lambda acc, e: acc * e + w, a, initializer=w),
    lambda a, w: fo.scan(lambda acc, e: acc * e + w, a, initializer=w, reverse=True),
    lambda a, w: fo.scan(lambda acc, e: (acc[0] * e, acc[1] + e * w), a, initializer=(w, w))[1],
    lambda a, w: fo.foldl(lambda acc, e: acc * e + w, a, initializer=w),
    lambda a, w: fo.foldr(lambda acc, e: tf.sin(acc) * e + w, a, initializer=w),
    lambda a, w: fo.foldl(lambda acc, e: acc * e, a) * w,
    lambda a, w: fo.foldr(lambda acc, e: acc * e, a) * w,
], ids=["map", "map_tuple", "scan", "scan_init", "scan_reverse", "scan_tuple", "foldl_init",
        "foldr_init", "foldl", "foldr"])
def test_gradients_match_finite_differences(build):
    assert_gradients_match(build, [_X, _W])


def test_gradient_of_variable_used_inside_fn():
    v = tf.Variable([1., 2., 3.])
    m = fo.map_fn(lambda e: e * v, tf.constant(_X, tf.float32))
    g = tf.gradients(tf.reduce_sum(m), v)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(g), _X.sum(0), rtol=1e-5)
        np.testing.assert_allclose(sess.run(g), _X.sum(0), rtol=1e-5)     # again: fresh buffers


# --- switch_case --------------------------------------------------------------------------------
def _fns():
    return [lambda: tf.constant(10), lambda: tf.constant(20), lambda: tf.constant(30)]


def test_switch_case_values_and_names():
    p = tf.placeholder(tf.int32, [])
    r = fo.switch_case(p, _fns())
    rd = fo.switch_case(p, _fns(), default=lambda: tf.constant(99), name="sw")
    rp = fo.switch_case(p, {1: lambda: tf.constant(2), 0: lambda: tf.constant(1)})
    rt = fo.switch_case(p, [lambda: (tf.constant(1), tf.constant(2.)), lambda: (tf.constant(3), tf.constant(4.))])
    assert _desc(r) == ("switch_case/indexed_case/Identity:0", [], "int32")
    assert rd.name == "sw/indexed_case/Identity:0"
    assert [t.name for t in rt] == ["switch_case_2/indexed_case/Identity:0",
                                    "switch_case_2/indexed_case/Identity_1:0"]
    with tf.Session() as sess:
        # observed in TF 2.21: out of range runs the default, else the last branch
        got = {i: sess.run([r, rd, rp], {p: i}) for i in (0, 1, 2, 3, -1, 7)}
        assert sess.run(rt, {p: 0}) == (1, 2.)
    assert {i: [int(x) for x in v] for i, v in got.items()} == {
        0: [10, 10, 1], 1: [20, 20, 2], 2: [30, 30, 2], 3: [30, 99, 2], -1: [30, 99, 2], 7: [30, 99, 2]}


def test_switch_case_runs_only_the_chosen_branch_and_differentiates():
    x = tf.constant(3.)

    def bad():
        with tf.control_dependencies([tf.Assert(tf.constant(False), [x])]):
            return tf.identity(x)

    r = fo.switch_case(tf.constant(1), [lambda: x * 2, lambda: x * x, bad])
    g = tf.gradients(r, x)[0]
    assert _run([r, g]) == [9., 6.]


def test_switch_case_errors():
    i = tf.constant(1)
    with pytest.raises(TypeError, match="must be a Tensor"):
        fo.switch_case(1, _fns())
    with pytest.raises(TypeError, match="integer Tensor"):
        fo.switch_case(tf.constant(1.), _fns())
    with pytest.raises(TypeError, match="int64"):
        fo.switch_case(tf.constant(1, tf.int64), _fns())
    with pytest.raises(ValueError, match="at least one item"):
        fo.switch_case(i, [])
    with pytest.raises(ValueError, match="contiguous range"):
        fo.switch_case(i, {0: _fns()[0], 2: _fns()[1]})
    with pytest.raises(TypeError, match="2-tuple"):
        fo.switch_case(i, [1, 2])
    with pytest.raises(TypeError, match="must be callable"):
        fo.switch_case(i, [(0, 1), (1, 2)])
    with pytest.raises(TypeError, match="Python `int`"):
        fo.switch_case(i, {"a": _fns()[0]})
    with pytest.raises(TypeError, match="list, tuple, or dict"):
        fo.switch_case(i, _fns()[0])
    with pytest.raises(TypeError, match="same number, type"):
        fo.switch_case(i, [lambda: tf.constant(1), lambda: tf.constant(1.)])
    with pytest.raises(AssertionError):
        fo.switch_case(i, [lambda: tf.constant(1), lambda: (tf.constant(1), tf.constant(2))])
    v = tf.placeholder(tf.int32, [None])
    with pytest.raises(errors.InvalidArgumentError, match="must be a scalar"):
        _run(fo.switch_case(v, _fns()), {v: [2]})


@pytest.mark.parametrize("build", [
    lambda a: tf.cond(tf.constant(True), lambda: fo.map_fn(lambda e: e * 3., a), lambda: a),
    lambda a: fo.map_fn(lambda e: tf.cond(e[0] > 0, lambda: e * 2., lambda: e * e), a),
    lambda a: fo.map_fn(lambda e: (e * 2., tf.cast(e, tf.int32)), a, dtype=(tf.float64, tf.int32))[0],
    lambda a: fo.switch_case(tf.constant(0), [lambda: fo.map_fn(lambda e: e * e, a), lambda: a]),
], ids=["map_in_cond", "cond_in_map", "mixed_dtypes", "map_in_switch_case"])
def test_gradients_with_conds(build):
    assert_gradients_match(build, [_X])


# nested loops: the outer loop records the inner loop's per-iteration history for the replay
@pytest.mark.parametrize("build", [
    lambda a: fo.map_fn(lambda r: fo.map_fn(lambda e: e * e, r), a),
    lambda a: fo.map_fn(lambda r: fo.foldl(lambda acc, e: acc * e, r), a),
    lambda a: fo.scan(lambda acc, r: acc + fo.map_fn(lambda e: tf.sin(e), r), a),
], ids=["map_map", "map_foldl", "scan_map"])
def test_nested_loop_gradients(build):
    assert_gradients_match(build, [_X])


def test_nested_loop_values_and_variable_elems():
    v = tf.Variable([[1., 2.], [3., 4.]])
    m = fo.map_fn(lambda r: r * 2, v)
    nested = fo.map_fn(lambda r: fo.foldl(lambda acc, e: acc * 10 + e, r), tf.constant([[1, 2], [3, 4]]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(m), [[2., 4.], [6., 8.]])
        np.testing.assert_array_equal(sess.run(nested), [12, 34])
