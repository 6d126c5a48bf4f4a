"""ReluGrad / Relu6Grad multiply by the mask as TF does: signed zeros and NaNs as TF 2.21 gives them."""
import numpy as np

import varflow as tf
from varflow.ops.op_util import make1


def test_relu_and_relu6_grads_keep_signed_zeros_and_nans():
    g = np.array([-1.0, 2.0, np.nan, 3.0, -2.0], np.float32)
    y = np.array([0.0, 1.0, 0.0, 1.0, -1.0], np.float32)
    with tf.Graph().as_default():
        grads = [make1(t, [tf.constant(g), tf.constant(y)], {}) for t in ("ReluGrad", "Relu6Grad")]
        with tf.Session() as sess:
            for out in sess.run(grads):
                # observed in TF 2.21: [-0., 2., nan, 3., -0.]
                assert out.dtype == np.float32
                np.testing.assert_array_equal(out, [-0.0, 2.0, np.nan, 3.0, -0.0])
                assert np.signbit(out).tolist() == [True, False, False, False, True]


def test_relu_and_relu6_keep_negative_zero_and_nan_as_tensorflow():
    # observed in TF 2.21 (x86 CPU): relu([-0., 0., -1., nan, 2., 7.]) = [-0., 0., 0., nan, 2., 7.]
    # for float16, float32 and float64; relu6 the same with 6. for 7.
    for dtype in (np.float16, np.float32, np.float64):
        x = np.array([-0.0, 0.0, -1.0, np.nan, 2.0, 7.0], dtype)
        with tf.Graph().as_default():
            with tf.Session() as sess:
                relu, relu6 = sess.run([tf.nn.relu(tf.constant(x)), tf.nn.relu6(tf.constant(x))])
        np.testing.assert_array_equal(relu, [-0.0, 0.0, 0.0, np.nan, 2.0, 7.0])
        np.testing.assert_array_equal(relu6, [-0.0, 0.0, 0.0, np.nan, 2.0, 6.0])
        for out in (relu, relu6):
            assert out.dtype == dtype
            assert np.signbit(out).tolist() == [True, False, False, False, False, False]

