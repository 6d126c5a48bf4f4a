"""tf.Variable dtype inference from Python/NumPy values, explicit dtype conversion and errors."""
import numpy as np


def case(tf):
    obs = {}
    vals = {"int": 1, "float": 1.5, "bool": True, "list_int": [1, 2], "list_mixed": [1, 2.5],
            "np_f64": np.array([1.0, 2.0]), "np_i64": np.array([1, 2]), "np_f32": np.float32(2.0),
            "np_i32": np.array([1], dtype=np.int32), "str": "abc", "nested": [[1, 2], [3, 4]],
            "np_bool": np.array([True, False])}
    for k, v in vals.items():
        var = tf.Variable(v, name=k)
        obs[k] = [var.dtype.name, var.dtype.base_dtype.name, var.shape.as_list()]
    for k, (v, dt) in {"int_as_float": (1, tf.float32), "float_as_f64": (1.0, tf.float64),
                       "list_as_int64": ([1, 2], tf.int64), "float_as_int": (1.5, tf.int32),
                       "str_as_float": ("a", tf.float32), "np_f64_as_f32": (np.array([1.0]), tf.float32),
                       "tensor_as_other": (None, tf.float64)}.items():
        try:
            if v is None:
                v = tf.constant([1, 2])
            var = tf.Variable(v, dtype=dt, name=k)
            obs[k] = [var.dtype.name, var.initial_value.op.type]
        except Exception as e:
            obs[k] = type(e).__name__
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        obs["run_int_as_float"] = s.run("int_as_float:0").tolist()
        obs["run_list_int64"] = s.run("list_as_int64:0").tolist()
    return obs
