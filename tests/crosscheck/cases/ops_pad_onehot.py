"""pad: CONSTANT with constant_values, REFLECT and SYMMETRIC on 2-D, mode lower-case, pad too large
for REFLECT (run-time error), paddings shape errors, placeholder shapes, pad gradient; one_hot:
on/off values, axis=0/-1/1 on 2-D indices, negative and out-of-range indices (zeros), dtype
options (inferred from on_value), int on/off with float dtype error; op types and names."""
import numpy as np


def case(tf):
    x = tf.constant(np.arange(1, 7, dtype=np.float32).reshape(2, 3))
    exprs = {
        "const": tf.pad(x, [[1, 0], [0, 2]]), "const_val": tf.pad(x, [[0, 1], [1, 1]], constant_values=-1),
        "reflect": tf.pad(x, [[1, 1], [2, 2]], "REFLECT"), "symmetric": tf.pad(x, [[1, 1], [2, 3]], "SYMMETRIC"),
        "lower": tf.pad(x, [[0, 0], [1, 1]], mode="reflect"),
        "int_pad": tf.pad(tf.constant([[1, 2]]), [[1, 1], [0, 0]], constant_values=9),
        "oh": tf.one_hot([0, 2, -1, 5], 3), "oh_vals": tf.one_hot([1, 0], 3, on_value=5, off_value=-1),
        "oh_axis0": tf.one_hot([[0, 1], [2, 0]], 3, axis=0), "oh_axis1": tf.one_hot([[0, 1], [2, 0]], 3, axis=1),
        "oh_dtype": tf.one_hot([1], 2, dtype=tf.int64), "oh_float_on": tf.one_hot([1], 2, on_value=2.5),
        "oh_bool": tf.one_hot([1, 0], 2, on_value=True, off_value=False),
    }
    obs = {"shapes": {k: e.shape.as_list() for k, e in exprs.items()},
           "types": {k: e.op.type for k, e in exprs.items()},
           "names": {k: e.name for k, e in exprs.items()},
           "dtypes": {k: e.dtype.name for k, e in exprs.items()}}
    p = tf.placeholder(tf.float32, [None, 3])
    obs["ph"] = [str(tf.pad(p, [[1, 1], [2, 0]]).shape), str(tf.pad(p, tf.placeholder(tf.int32, [2, 2])).shape),
                 str(tf.one_hot(tf.placeholder(tf.int32, [None]), 4).shape),
                 str(tf.one_hot(tf.placeholder(tf.int32, [None, 2]), 4, axis=1).shape),
                 str(tf.one_hot(tf.placeholder(tf.int32, [3]), tf.placeholder(tf.int32, [])).shape)]
    g = tf.gradients(tf.reduce_sum(exprs["reflect"] * tf.reshape(tf.range(28, dtype=tf.float32), [4, 7])), x)[0]
    gs = tf.gradients(tf.reduce_sum(exprs["symmetric"] * tf.reshape(tf.range(32, dtype=tf.float32), [4, 8])), x)[0]
    gc = tf.gradients(tf.reduce_sum(exprs["const_val"] * 2.0), x)[0]
    obs["grad_types"] = [g.op.type, gc.op.type]
    with tf.Session() as sess:
        obs["vals"] = {k: v.tolist() for k, v in sess.run(exprs).items()}
        obs["grads"] = [v.tolist() for v in sess.run([g, gs, gc])]
        try:
            sess.run(tf.pad(x, [[2, 2], [0, 0]], "REFLECT"))
            obs["run_reflect_big"] = "ok"
        except Exception as e:
            obs["run_reflect_big"] = type(e).__name__
        try:
            obs["run_symmetric_edge"] = sess.run(tf.pad(x, [[2, 2], [0, 0]], "SYMMETRIC")).tolist()
        except Exception as e:
            obs["run_symmetric_edge"] = type(e).__name__
    for k, fn in (("bad_mode", lambda: tf.pad(x, [[1, 1], [1, 1]], "WRAP")),
                  ("bad_pad_shape", lambda: tf.pad(x, [[1, 1]])),
                  ("neg_pad", lambda: tf.pad(x, [[-1, 0], [0, 0]])),
                  ("reflect_static_big", lambda: tf.pad(x, [[2, 2], [0, 0]], "REFLECT")),
                  ("oh_mixed", lambda: tf.one_hot([1], 2, on_value=1, off_value=0.0)),
                  ("oh_dtype_mis", lambda: tf.one_hot([1], 2, on_value=1, dtype=tf.float32)),
                  ("oh_float_idx", lambda: tf.one_hot([1.0], 2))):
        try:
            r = fn()
            obs["err_" + k] = ["ok", r.shape.as_list()]
        except Exception as e:
            obs["err_" + k] = type(e).__name__
    return obs
