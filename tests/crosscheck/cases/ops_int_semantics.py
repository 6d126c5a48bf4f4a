"""Integer ops beyond the basics: floordiv/truncatediv/floormod/truncatemod on int64, int8 and
uint8 with negative operands and broadcasting, floordiv on floats with negative zero results,
integer division by zero at run time (error class), tf.math.divide on ints (float64), int pow with
negative exponent error, abs/negative of ints, dtypes."""
import numpy as np


def case(tf):
    obs = {}
    a64 = tf.constant([-9, -8, -1, 0, 1, 8, 9], tf.int64)
    exprs = {
        "fd64": tf.floordiv(a64, tf.constant(4, tf.int64)), "td64": tf.truncatediv(a64, tf.constant(-4, tf.int64)),
        "fm64": tf.floormod(a64, tf.constant(-4, tf.int64)), "tm64": tf.truncatemod(a64, tf.constant(4, tf.int64)),
        "fd8": tf.constant([-7, 7], tf.int8) // tf.constant([2, -2], tf.int8),
        "fmu8": tf.constant([250, 7], tf.uint8) % tf.constant([7, 3], tf.uint8),
        "fdf": tf.constant([-0.5, 0.5, -3.0]) // tf.constant([2.0, -2.0, 2.0]),
        "fmf": tf.constant([-0.5, 5.5, -3.0]) % tf.constant([2.0, -2.0, 3.0]),
        "div_int": tf.math.divide(tf.constant([7, -7]), tf.constant([2, 2])),
        "truediv_i16": tf.truediv(tf.constant([7, -7], tf.int16), tf.constant([2, 2], tf.int16)),
        "abs_int": tf.abs(tf.constant([-3, 0, 4])), "neg_int": -tf.constant([-3, 0, 4], tf.int64),
        "pow_int": tf.pow(tf.constant([2, -3, 5]), tf.constant([3, 3, 0])),
        "mod_scalar_py": tf.constant([-5, 5]) % 3, "rfloordiv": 7 // tf.constant([2, -2]),
    }
    obs["types"] = {k: e.op.type for k, e in exprs.items()}
    obs["dtypes"] = {k: e.dtype.name for k, e in exprs.items()}
    with tf.Session() as sess:
        vals = sess.run(exprs)
        obs["vals"] = {k: v.tolist() for k, v in vals.items()}
        obs["neg_zero_sign"] = np.signbit(vals["fdf"]).tolist()
        for k, t in (("int_div0", tf.floordiv(tf.constant([1, 2]), tf.constant([0, 1]))),
                     ("int_mod0", tf.floormod(tf.constant([1, 2]), tf.constant([1, 0]))),
                     ("trunc_div0", tf.truncatediv(tf.constant([1]), tf.constant([0]))),
                     ("trunc_mod0", tf.truncatemod(tf.constant([1]), tf.constant([0]))),
                     ("int_pow_neg", tf.pow(tf.placeholder_with_default([2], [1]),
                                            tf.placeholder_with_default([-1], [1])))):
            try:
                obs["run_" + k] = sess.run(t).tolist()
            except Exception as e:
                obs["run_" + k] = type(e).__name__
        obs["float_div0"] = [str(v) for v in sess.run(tf.constant([1.0, -1.0, 0.0]) / 0.0).tolist()]
        obs["float_fd0"] = [str(v) for v in sess.run(tf.constant([1.0, -1.0]) // 0.0).tolist()]
    for k, fn in (("mod_bool", lambda: tf.floormod(tf.constant([True]), tf.constant([True]))),):
        try:
            fn()
            obs["err_" + k] = "ok"
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
