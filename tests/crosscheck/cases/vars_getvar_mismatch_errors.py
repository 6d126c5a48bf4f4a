"""get_variable on reuse: shape/dtype mismatch, partially known shapes, no shape, initializer
given as a value, shape conflicting with a value initializer, non-string names."""
import numpy as np


def _err(fn):
    try:
        r = fn()
        return [r.name, r.shape.as_list()] if hasattr(r, "name") else "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    with tf.variable_scope("s"):
        tf.get_variable("v", [2, 3])
        tf.get_variable("i", [2], dtype=tf.int32)
    with tf.variable_scope("s", reuse=True):
        obs["same"] = _err(lambda: tf.get_variable("v", [2, 3]))
        obs["noshape"] = _err(lambda: tf.get_variable("v"))
        obs["tuple"] = _err(lambda: tf.get_variable("v", (2, 3)))
        obs["tensorshape"] = _err(lambda: tf.get_variable("v", tf.TensorShape([2, 3])))
        obs["partial"] = _err(lambda: tf.get_variable("v", [None, 3]))
        obs["bad_shape"] = _err(lambda: tf.get_variable("v", [3, 2]))
        obs["bad_rank"] = _err(lambda: tf.get_variable("v", [6]))
        obs["bad_dtype"] = _err(lambda: tf.get_variable("v", [2, 3], dtype=tf.float64))
        obs["int_dtype_ok"] = _err(lambda: tf.get_variable("i", [2], dtype=tf.int32))
        obs["int_dtype_bad"] = _err(lambda: tf.get_variable("i", [2]))
        obs["np_shape"] = _err(lambda: tf.get_variable("v", np.array([2, 3])))
    obs["no_shape_new"] = _err(lambda: tf.get_variable("nos"))
    obs["no_shape_init_value"] = _err(lambda: tf.get_variable("val", initializer=[1.0, 2.0]))
    obs["shape_with_value"] = _err(lambda: tf.get_variable("val2", [2], initializer=tf.constant([1.0, 2.0])))
    obs["np_init"] = _err(lambda: tf.get_variable("val3", initializer=np.zeros([2, 2], np.float32)))
    obs["partial_new"] = _err(lambda: tf.get_variable("part", [None, 2]))
    obs["int_name"] = _err(lambda: tf.get_variable(3, [1]))
    obs["scalar"] = _err(lambda: tf.get_variable("sc", []))
    obs["scalar_none_init"] = _err(lambda: tf.get_variable("sc2", shape=(), dtype=tf.int64))
    obs["float_shape"] = _err(lambda: tf.get_variable("fs", [2.0]))
    obs["neg_shape"] = _err(lambda: tf.get_variable("ns", [-1]))
    obs["names"] = [v.name for v in tf.global_variables()]
    obs["dtypes"] = [v.dtype.name for v in tf.global_variables()]
    return obs
