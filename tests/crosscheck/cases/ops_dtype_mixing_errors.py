"""Dtype mixing: int32 + float32 tensors, float32 + float64, int32 + int64, Python floats with int
tensors, numpy scalars, bool arithmetic, string ops, tf.add with dtype-mismatched constants; which
raise TypeError vs ValueError at build time; which Python literals convert (2.0 into int32 ok?
2.5 into int32?); and the resulting dtypes of allowed mixes."""
import numpy as np


def _try(fn):
    try:
        r = fn()
        return ["ok", r.dtype.name, r.op.type]
    except Exception as e:
        return type(e).__name__


def case(tf):
    i32 = tf.constant([1, 2])
    i64 = tf.constant([1, 2], tf.int64)
    f32 = tf.constant([1.0, 2.0])
    f64 = tf.constant([1.0, 2.0], tf.float64)
    b = tf.constant([True, False])
    s = tf.constant(["a", "b"])
    obs = {
        "i32_f32": _try(lambda: i32 + f32), "f32_f64": _try(lambda: f32 * f64),
        "i32_i64": _try(lambda: i32 - i64), "i32_pyfloat": _try(lambda: i32 + 2.0),
        "i32_pyfloat_frac": _try(lambda: i32 + 2.5), "f32_pyint": _try(lambda: f32 + 2),
        "i64_pyint": _try(lambda: i64 * 3), "f64_pyfloat": _try(lambda: f64 / 3.0),
        "np_f64_scalar": _try(lambda: f32 + np.float64(1.5)), "np_i64_scalar": _try(lambda: i32 + np.int64(2)),
        "np_array_f64": _try(lambda: f32 + np.array([1.0, 2.0])), "np_array_i64": _try(lambda: i32 + np.array([1, 2])),
        "bool_add": _try(lambda: b + b), "bool_and": _try(lambda: b & b), "bool_or": _try(lambda: b | b),
        "bool_xor": _try(lambda: b ^ b), "bool_invert": _try(lambda: ~b), "int_and": _try(lambda: i32 & i32),
        "str_add": _try(lambda: s + s), "str_mul": _try(lambda: s * 2),
        "tf_add_mixed": _try(lambda: tf.add(i32, f32)), "tf_maximum_mixed": _try(lambda: tf.maximum(f32, f64)),
        "tf_add_list": _try(lambda: tf.add([1, 2], [1.5, 2.5])), "tf_add_list_f_i": _try(lambda: tf.add([1.5, 2.0], [1, 2])),
        "const_bad": _try(lambda: tf.constant([1.5, 2.0], tf.int32)),
        "const_int_to_float": _try(lambda: tf.constant([1, 2], tf.float32)),
        "const_overflow": _try(lambda: tf.constant(300, tf.int8)),
        "const_neg_uint": _try(lambda: tf.constant(-1, tf.uint8)),
        "const_str_num": _try(lambda: tf.constant("a", tf.int32)),
        "convert_f64_to_f32": _try(lambda: tf.convert_to_tensor(f64, tf.float32)),
        "convert_np_f64": _try(lambda: tf.convert_to_tensor(np.array([1.5]), tf.float32)),
        "convert_list_f": _try(lambda: tf.convert_to_tensor([1.5], tf.int64)),
        "matmul_mixed": _try(lambda: tf.matmul([[1.0]], [[1]])), "equal_mixed": _try(lambda: tf.equal(i32, f32)),
        "less_mixed": _try(lambda: i32 < f32), "less_pyfloat": _try(lambda: i32 < 1.5),
        "where_mixed": _try(lambda: tf.where(b, i32, f32)), "concat_mixed": _try(lambda: tf.concat([i32, f32], 0)),
        "stack_mixed": _try(lambda: tf.stack([i32, i64])), "add_n_mixed": _try(lambda: tf.add_n([f32, f64])),
        "none_add": _try(lambda: f32 + None), "list_tensor_add": _try(lambda: [1.0, 2.0] + f32),
        "reduce_sum_str": _try(lambda: tf.reduce_sum(s)), "neg_bool": _try(lambda: -b),
        "abs_uint8": _try(lambda: tf.abs(tf.constant([1], tf.uint8))), "sqrt_int": _try(lambda: tf.sqrt(i32)),
        "exp_int": _try(lambda: tf.exp(i32)), "sigmoid_int": _try(lambda: tf.sigmoid(i32)),
        "relu_bool": _try(lambda: tf.nn.relu(b)), "softmax_int": _try(lambda: tf.nn.softmax(i32)),
        "floor_int": _try(lambda: tf.floor(i32)), "round_int": _try(lambda: tf.round(i32)),
        "cast_str": _try(lambda: tf.cast(s, tf.int32)), "cast_num_str": _try(lambda: tf.cast(i32, tf.string)),
    }
    return obs
