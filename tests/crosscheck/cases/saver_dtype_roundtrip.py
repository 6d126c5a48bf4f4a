"""Save and restore variables of many dtypes (float16/32/64, bfloat16, ints, uints, bool, complex, string,
scalars and empty tensors) through a Saver into a new graph; the checkpoint's dtype map."""
import numpy as np


def case(tf):
    obs = {}

    def dtype_of(var):
        return var.dtype.base_dtype.name

    specs = {
        "f16": (np.array([1.5, -2.0], np.float16), tf.float16),
        "f32": (np.array([[1.5], [2.5]], np.float32), tf.float32),
        "f64": (np.array(3.25, np.float64), tf.float64),
        "bf16": (np.array([1.0, 2.0], np.float32), tf.bfloat16),
        "i8": (np.array([-3, 4], np.int8), tf.int8),
        "u8": (np.array([200, 1], np.uint8), tf.uint8),
        "i16": (np.array([-300], np.int16), tf.int16),
        "u16": (np.array([60000], np.uint16), tf.uint16),
        "i32": (np.array([7, 8, 9], np.int32), tf.int32),
        "i64": (np.array([2 ** 40], np.int64), tf.int64),
        "b": (np.array([True, False]), tf.bool),
        "c64": (np.array([1 + 2j], np.complex64), tf.complex64),
        "c128": (np.array([3 - 1j], np.complex128), tf.complex128),
        "s": (np.array([b"ab", b"", b"\xff\x00"], object), tf.string),
        "s_scalar": (np.array(b"hello", object), tf.string),
        "empty": (np.zeros([0, 3], np.float32), tf.float32),
    }
    with tf.Graph().as_default():
        for name, (value, dtype) in specs.items():
            tf.Variable(tf.constant(value, dtype=dtype), name=name)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.train.Saver().save(sess, "m", write_meta_graph=False)
    obs["dtypes"] = sorted((k, v.name) for k, v in tf.train.load_checkpoint("m").get_variable_to_dtype_map().items())
    obs["shapes"] = tf.train.list_variables("m")
    with tf.Graph().as_default():
        made = {name: tf.Variable(tf.zeros(value.shape, dtype) if dtype != tf.string else
                                  tf.constant(np.full(value.shape, b"x", object)), name=name)
                for name, (value, dtype) in specs.items()}
        with tf.Session() as sess:
            tf.train.Saver().restore(sess, "m")
            for name, var in made.items():
                got = np.asarray(sess.run(var), dtype=object if dtype_of(var) == "string" else None)
                if got.dtype.kind == "c":
                    obs[name] = [[float(x.real), float(x.imag)] for x in got.reshape(-1)]
                elif got.dtype == object or got.dtype.kind == "S":
                    obs[name] = [x.decode("latin-1") for x in np.asarray(got, object).reshape(-1)]
                else:
                    obs[name] = [str(got.dtype), got.astype(np.float64).tolist()]
    return obs
