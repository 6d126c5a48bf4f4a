"""get_variable initializer forms: None (per-dtype defaults), class vs instance, plain callables,
tensors, Python lists, NumPy arrays, initializer + dtype, ints for float vars; values run."""
import numpy as np


def case(tf):
    obs = {}
    vs = {}
    vs["default_f"] = tf.get_variable("default_f", [2, 2])
    vs["default_i"] = tf.get_variable("default_i", [2], dtype=tf.int32)
    vs["default_b"] = tf.get_variable("default_b", [2], dtype=tf.bool)
    vs["default_s"] = tf.get_variable("default_s", [1], dtype=tf.string)
    vs["default_f64"] = tf.get_variable("default_f64", [2], dtype=tf.float64)
    vs["zeros_cls"] = tf.get_variable("zeros_cls", [2], initializer=tf.zeros_initializer)
    vs["ones_inst"] = tf.get_variable("ones_inst", [2], initializer=tf.ones_initializer())
    vs["const"] = tf.get_variable("const", [2, 2], initializer=tf.constant_initializer(7))
    vs["const_list"] = tf.get_variable("const_list", [3], initializer=tf.constant_initializer([1, 2, 3]))
    vs["lambda"] = tf.get_variable("lambda", [2], initializer=lambda shape, dtype=None, partition_info=None: tf.fill(shape, 4.0))
    vs["tensor"] = tf.get_variable("tensor", initializer=tf.constant([[1, 2]]))
    vs["list"] = tf.get_variable("list", initializer=[1.0, 2.0])
    vs["np"] = tf.get_variable("np", initializer=np.arange(3))
    vs["int_init_i"] = tf.get_variable("int_init_i", [2], dtype=tf.int64, initializer=tf.ones_initializer())
    vs["const_f64"] = tf.get_variable("const_f64", [2], dtype=tf.float64, initializer=tf.constant_initializer(0.5))
    for k, v in vs.items():
        obs[k] = [v.name, v.dtype.name, v.shape.as_list(), v.initial_value.name, v.initial_value.op.type]
    try:
        tf.get_variable("bad_dtype", [2], dtype=tf.int32, initializer=tf.constant([1.0, 2.0]))
        obs["mismatch"] = "ok"
    except Exception as e:
        obs["mismatch"] = type(e).__name__
    try:
        tf.get_variable("list_dtype", dtype=tf.float64, initializer=[1.0])
        obs["list_dtype"] = tf.get_variable_scope().name + "ok"
    except Exception as e:
        obs["list_dtype"] = type(e).__name__
    try:
        tf.get_variable("cplx", [2], dtype=tf.complex64)
        obs["complex_default"] = "ok"
    except Exception as e:
        obs["complex_default"] = type(e).__name__
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for k in ("default_i", "default_b", "default_s", "zeros_cls", "ones_inst", "const", "const_list",
                  "lambda", "tensor", "list", "np", "int_init_i", "const_f64"):
            obs["val_" + k] = s.run(vs[k]).tolist()
    return obs
