"""assert_near (always an Assert op: its data strings, run-time failure), assert_integer,
assert_rank_in (static NoOps, build-time ValueError, run-time Assert), assert_same_float_dtype and
assert_proper_iterable, with the error classes TF raises."""
import numpy as np


def _try(fn):
    try:
        out = fn()
        return ["ok", out.name if hasattr(out, "name") else str(out)]
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e)]


def _const_text(tf, t):
    value = t.op.get_attr("value")     # a TensorProto in TF, the array itself in varflow
    value = value if isinstance(value, np.ndarray) else tf.make_ndarray(value)
    return value.item().decode()


def case(tf):
    obs = {}
    x = tf.constant([1., 2])
    p = tf.placeholder(tf.float32, [2], name="p")
    a1 = tf.assert_near(x, tf.constant([1., 2.0000001]))
    a2 = tf.debugging.assert_near(p, x, rtol=0.1, atol=0.01, message="msg", name="near")
    a3 = tf.assert_near(tf.constant([1., 2], tf.float64), [3., 2])
    obs["near"] = [a1.name, a1.type, a2.name, a3.name]
    assert_op = tf.get_default_graph().get_operation_by_name("assert_near/Assert/AssertGuard/Assert")
    obs["near_data"] = [_const_text(tf, t) if t.op.type == "Const" else t.op.type
                        for t in assert_op.inputs[1:]]
    obs["near_int"] = _try(lambda: tf.assert_near(tf.constant([1]), tf.constant([1])))
    obs["integer"] = [_try(lambda: tf.assert_integer(tf.constant([1, 2]))),
                      _try(lambda: tf.debugging.assert_integer(tf.constant([1], tf.int64), name="ai")),
                      _try(lambda: tf.assert_integer(tf.constant([1.]), message="m"))[0]]
    q = tf.placeholder(tf.float32, name="q")
    r_dyn = tf.assert_rank_in(q, [0, 2])
    obs["rank_in"] = [_try(lambda: tf.assert_rank_in(x, [1, 2])),
                      _try(lambda: tf.debugging.assert_rank_in(x, (0, 2), message="m")),
                      r_dyn.name]
    obs["same_float"] = [_try(lambda: tf.assert_same_float_dtype([x, x])),
                         _try(lambda: tf.assert_same_float_dtype(None, tf.float64)),
                         _try(lambda: tf.assert_same_float_dtype()),
                         _try(lambda: tf.debugging.assert_same_float_dtype([x], tf.float32)),
                         _try(lambda: tf.assert_same_float_dtype([x, tf.constant([2.], tf.float64)]))[0],
                         _try(lambda: tf.assert_same_float_dtype([tf.constant([1])])),
                         _try(lambda: tf.assert_same_float_dtype([x], tf.float64))[0],
                         _try(lambda: tf.assert_same_float_dtype(None, tf.int32))]
    obs["iterable"] = [_try(lambda v=v: tf.assert_proper_iterable(v))[0]
                       for v in ([1, 2], (1,), {1: 2}, "abc", b"abc", x, np.float32(1), 3,
                                 np.array([1]))]
    with tf.Session() as sess:
        runs = {}
        for key, op, feed in [("near_ok", a2, {p: [1., 2.05]}), ("near_bad", a2, {p: [5., 5.]}),
                              ("near_const_bad", a3, {}), ("near_const_ok", a1, {}),
                              ("rank_ok", r_dyn, {q: np.zeros((2, 2))}),
                              ("rank_ok0", r_dyn, {q: 1.0}), ("rank_bad", r_dyn, {q: [1., 2.]})]:
            try:
                sess.run(op, feed)
                runs[key] = None
            except Exception as e:  # noqa: BLE001
                runs[key] = type(e).__name__
        obs["runs"] = runs
    return obs
