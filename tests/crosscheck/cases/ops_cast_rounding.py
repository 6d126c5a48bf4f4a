"""cast and saturate_cast: float->int truncation toward zero, NaN/inf to int, overflow wrapping vs
saturation (int32->int8, float->uint8), bool casts, complex to float (drops imag), float16
rounding, to_float/to_int32/to_int64/to_double helpers, cast of Python values; op types and
default names (Cast, Cast_1, saturate_cast); cast identity when dtype equal; round/rint."""
import numpy as np


def case(tf):
    f = tf.constant([-2.7, -0.5, 0.0, 0.5, 1.5, 2.5, 300.7, -300.2])
    i = tf.constant([-300, -129, -1, 0, 127, 128, 255, 256, 70000])
    exprs = {
        "f_i32": tf.cast(f, tf.int32), "f_i8": tf.cast(f, tf.int8), "f_u8": tf.cast(f, tf.uint8),
        "i_i8": tf.cast(i, tf.int8), "i_u8": tf.cast(i, tf.uint8), "i_i16": tf.cast(i, tf.int16),
        "i_bool": tf.cast(i, tf.bool), "f_bool": tf.cast(f, tf.bool),
        "bool_f": tf.cast(tf.constant([True, False]), tf.float32),
        "sat_i_i8": tf.saturate_cast(i, tf.int8), "sat_i_u8": tf.saturate_cast(i, tf.uint8),
        "sat_f_u8": tf.saturate_cast(f, tf.uint8), "sat_f_i8": tf.saturate_cast(f, tf.int8),
        "sat_f_i32": tf.saturate_cast(f, tf.int32),
        "f16": tf.cast(tf.constant([0.1, 65519.0, 70000.0, 1e-8]), tf.float16),
        "c_f": tf.cast(tf.constant([1 + 2j, -3 - 4j], tf.complex64), tf.float32),
        "to_float": tf.to_float(i), "to_int32": tf.to_int32(f), "to_int64": tf.to_int64(f),
        "to_double": tf.to_double(i), "cast_py": tf.cast([1.9, -1.9], tf.int64), "cast_same": tf.cast(f, tf.float32),
        "round": tf.round(f), "rint": tf.rint(f), "i64_i32": tf.cast(tf.constant([2 ** 40 + 5], tf.int64), tf.int32),
        "f_c": tf.cast(tf.constant([1.5]), tf.complex64),
    }
    obs = {"names": {k: e.name for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()},
           "dtypes": {k: e.dtype.name for k, e in exprs.items()},
           "same_is_input": exprs["cast_same"] is f}
    exprs.pop("f_c")
    exprs.pop("c_f")
    nan = tf.constant([np.nan, np.inf, -np.inf])
    with tf.Session() as sess:
        vals = sess.run(exprs)
        obs["nan_bool"] = sess.run(tf.cast(nan, tf.bool)).tolist()
        obs["sat_nan"] = sess.run(tf.saturate_cast(tf.constant([np.inf, -np.inf]), tf.int32)).tolist()
        obs["c_f"] = sess.run(tf.cast(tf.constant([1 + 2j, -3 - 4j], tf.complex64), tf.float32)).tolist()
    obs["vals"] = {k: v.tolist() for k, v in vals.items()}
    obs["vals"]["f16"] = [str(v) for v in obs["vals"]["f16"]]
    g = tf.gradients(tf.reduce_sum(tf.cast(f, tf.float64) * 2.0), f)[0]
    gi = tf.gradients(tf.reduce_sum(tf.cast(f, tf.int32)), f)[0]
    obs["grad_cast"] = [g.op.type, g.dtype.name, gi is None]
    return obs
