"""Session.run feeds: placeholders, feeding non-placeholder tensors (constants, intermediates),
feeding by tensor name string, feeding variables' values, numpy/list/scalar values, dtype coercion,
shape errors, feeding a fetched tensor (returns the fed value), placeholder_with_default, missing feed
error class and int overflow."""
import numpy as np


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    c = tf.constant(5.0, name="c")
    y = tf.reduce_sum(x) * c
    z = y + 1.0
    d = tf.placeholder_with_default(tf.constant([1.0, 2.0]), [2], name="d")
    i = tf.placeholder(tf.int32, [], name="i")
    v = tf.Variable(10.0, name="v")
    vy = v * 2.0
    with tf.Session() as sess:
        sess.run(v.initializer)
        obs["basic"] = float(sess.run(y, {x: [[1.0, 2.0]]}))
        obs["by_name"] = float(sess.run(y, {"x:0": np.ones((3, 2))}))
        obs["const_feed"] = float(sess.run(y, {x: [[1.0, 1.0]], c: 10.0}))
        obs["mid_feed"] = float(sess.run(z, {y: 100.0}))
        obs["fetch_fed"] = sess.run([y, z], {y: 7.0})
        obs["fetch_fed_type"] = type(sess.run(y, {y: 7.0})).__name__
        obs["default"] = sess.run(d).tolist()
        obs["default_fed"] = sess.run(d, {d: [5.0, 6.0]}).tolist()
        obs["var_feed"] = float(sess.run(vy, {v: 1.5}))
        obs["var_after"] = float(sess.run(v))
        obs["int_from_float"] = _err(lambda: sess.run(i, {i: 2.5}))
        obs["int_ok"] = int(sess.run(i, {i: np.int64(3)}))
        obs["int_overflow"] = _err(lambda: sess.run(i, {i: 2 ** 40}))
        obs["bad_shape"] = _err(lambda: sess.run(y, {x: [1.0, 2.0]}))
        obs["bad_shape_cols"] = _err(lambda: sess.run(y, {x: [[1.0, 2.0, 3.0]]}))
        obs["missing"] = _err(lambda: sess.run(y))
        obs["tensor_value"] = _err(lambda: sess.run(y, {x: tf.ones([1, 2])}))
        obs["bad_key"] = _err(lambda: sess.run(y, {"nope:0": 1.0}))
        obs["op_key"] = _err(lambda: sess.run(y, {"x": [[1.0, 1.0]]}))
        obs["str_value"] = _err(lambda: sess.run(y, {x: "abc"}))
        obs["none_value"] = _err(lambda: sess.run(y, {x: None}))
        obs["list_feed_dtype"] = sess.run(x, {x: [[1, 2]]}).dtype.name
        obs["bool_to_float"] = sess.run(x, {x: [[True, False]]}).tolist()
        obs["fetch_none"] = _err(lambda: sess.run(None))
        obs["fetch_int"] = _err(lambda: sess.run(3))
        obs["fetch_bad_name"] = _err(lambda: sess.run("zzz:0"))
        obs["fetch_bad_index"] = _err(lambda: sess.run("c:5"))
    return obs
