"""constant_initializer: scalars, lists shorter/longer than the shape, NumPy arrays, verify_shape,
dtype conversion (float value into int vars), bool; zeros/ones with dtypes; op types/names."""
import numpy as np


def _try(tf, s, fn):
    try:
        t = fn()
        return [t.op.type, t.shape.as_list(), t.dtype.name, t]
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    with tf.Session() as s:
        obs["scalar"] = _try(tf, s, lambda: tf.constant_initializer(2)([2, 2]))
        obs["list_exact"] = _try(tf, s, lambda: tf.constant_initializer([1, 2, 3, 4])([2, 2]))
        obs["list_short"] = _try(tf, s, lambda: tf.constant_initializer([1, 2])([2, 2]))
        obs["list_long"] = _try(tf, s, lambda: tf.constant_initializer([1, 2, 3, 4, 5])([2, 2]))
        obs["np"] = _try(tf, s, lambda: tf.constant_initializer(np.array([[1, 2], [3, 4]]))([2, 2]))
        obs["np_reshape"] = _try(tf, s, lambda: tf.constant_initializer(np.array([1, 2, 3, 4]))([2, 2]))
        obs["verify_bad"] = _try(tf, s, lambda: tf.constant_initializer([1, 2], verify_shape=True)([2, 2]))
        obs["verify_ok"] = _try(tf, s, lambda: tf.constant_initializer([[1, 2], [3, 4]], verify_shape=True)([2, 2]))
        obs["int_dtype"] = _try(tf, s, lambda: tf.constant_initializer(1.7, dtype=tf.int32)([2]))
        obs["call_dtype"] = _try(tf, s, lambda: tf.constant_initializer(3)([2], dtype=tf.float64))
        obs["bool"] = _try(tf, s, lambda: tf.constant_initializer(True, dtype=tf.bool)([2]))
        obs["zeros_int"] = _try(tf, s, lambda: tf.zeros_initializer(dtype=tf.int64)([2, 1]))
        obs["zeros_str"] = _try(tf, s, lambda: tf.zeros_initializer()([2], dtype=tf.string))
        obs["zeros_bool"] = _try(tf, s, lambda: tf.zeros_initializer()([2], dtype=tf.bool))
        obs["ones_int"] = _try(tf, s, lambda: tf.ones_initializer()([3], dtype=tf.int32))
        obs["ones_bool"] = _try(tf, s, lambda: tf.ones_initializer()([3], dtype=tf.bool))
        obs["ones_str"] = _try(tf, s, lambda: tf.ones_initializer()([1], dtype=tf.string))
        obs["zeros_scalar"] = _try(tf, s, lambda: tf.zeros_initializer()([]))
        obs["zeros_tshape"] = _try(tf, s, lambda: tf.zeros_initializer()(tf.TensorShape([2, 3])))
        obs["const_tuple"] = _try(tf, s, lambda: tf.constant_initializer((1, 2))([2]))
        for v in obs.values():
            if isinstance(v, list):
                v[3] = s.run(v[3]).tolist()
    try:
        tf.constant_initializer({"a": 1})
        obs["dict_value"] = "ok"
    except Exception as e:
        obs["dict_value"] = type(e).__name__
    try:
        tf.constant_initializer(tf.constant(1.0))
        obs["tensor_value"] = "ok"
    except Exception as e:
        obs["tensor_value"] = type(e).__name__
    with tf.variable_scope("v"):
        a = tf.get_variable("a", [2, 3], initializer=tf.constant_initializer([1, 2, 3]))
        b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
        c = tf.get_variable("c", [2000], initializer=tf.zeros_initializer())
    obs["names"] = [a.initial_value.name, b.initial_value.name, c.initial_value.name, c.initial_value.op.type]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        obs["a"] = s.run(a).tolist()
    return obs
