"""Layer dtypes and shapes after building: Dense casts inputs of another dtype (float64, int) to
its own, convs and pools keep the input dtype, numpy and Variable inputs, constraints kept on
the variables, input_spec before/after building, compute_output_shape of dense, conv,
transposed conv, pooling and flatten layers."""
import numpy as np


def case(tf):
    obs = {}

    def trial(key, fn):
        try:
            r = fn()
            obs[key] = r if isinstance(r, (str, int, float, list, bool)) or r is None else \
                getattr(r, "name", str(r))
        except Exception as e:
            obs[key] = type(e).__name__

    x32 = tf.placeholder(tf.float32, [None, 3])
    x64 = tf.placeholder(tf.float64, [None, 3])
    d = tf.layers.Dense(2, kernel_constraint=tf.nn.relu)
    d(x32)
    trial("constraint_kept", lambda: d.kernel.constraint is tf.nn.relu)
    trial("bias_constraint", lambda: d.bias.constraint is None)
    trial("call_f64_on_f32", lambda: d(x64).dtype.name)
    trial("call_int", lambda: d(tf.placeholder(tf.int32, [None, 3])).dtype.name)
    c = tf.layers.Conv2D(2, 1)
    trial("conv_f64", lambda: c(tf.placeholder(tf.float64, [None, 2, 2, 1])).dtype.name)
    trial("conv_vars", lambda: [v.dtype.base_dtype.name for v in c.variables])
    trial("flatten_f16",
          lambda: tf.layers.flatten(tf.placeholder(tf.float16, [None, 2, 2])).dtype.name)
    trial("pool_f64", lambda: tf.layers.max_pooling2d(tf.placeholder(tf.float64, [None, 2, 2, 1]),
                                                      2, 2).dtype.name)
    trial("dropout_f64", lambda: tf.layers.dropout(x64, training=True).dtype.name)
    trial("dense_numpy", lambda: tf.layers.dense(np.ones((2, 3), "float32"), 2).shape.as_list())
    trial("dense_numpy64", lambda: tf.layers.dense(np.ones((2, 3)), 2).dtype.name)
    trial("dense_variable_input",
          lambda: tf.layers.dense(tf.Variable(tf.ones([2, 3])), 2).shape.as_list())
    l = tf.layers.Dense(3, name="trk")
    trial("input_spec_before", lambda: str(l.input_spec))
    l(x32)
    trial("input_spec_after", lambda: str(l.input_spec))
    trial("layer_trainable_variables", lambda: [v.name for v in l.trainable_variables])
    trial("layer_non_trainable_variables", lambda: [v.name for v in l.non_trainable_variables])
    shape = tf.TensorShape
    trial("compute_output_shape", lambda: str(l.compute_output_shape(shape([None, 5, 3]))))
    trial("conv_compute_output_shape", lambda: str(tf.layers.Conv2D(4, 3, strides=2)
                                                   .compute_output_shape(shape([None, 9, 9, 2]))))
    trial("conv_t_compute_output_shape",
          lambda: str(tf.layers.Conv2DTranspose(4, 3, strides=2, data_format="channels_first")
                      .compute_output_shape(shape([None, 2, 5, None]))))
    trial("pool_compute_output_shape", lambda: str(tf.layers.MaxPooling2D(2, 2, padding="same")
                                                   .compute_output_shape(shape([None, 5, 5, 2]))))
    trial("pool1d_compute_output_shape", lambda: str(tf.layers.AveragePooling1D(3, 2)
                                                     .compute_output_shape(shape([4, 9, 2]))))
    trial("flatten_compute_output_shape",
          lambda: str(tf.layers.Flatten().compute_output_shape(shape([None, 5, 2]))))
    trial("flatten_compute_output_shape_unknown",
          lambda: str(tf.layers.Flatten().compute_output_shape(shape([3, None, 2]))))
    obs["globals"] = [v.name for v in tf.global_variables()]
    return obs
