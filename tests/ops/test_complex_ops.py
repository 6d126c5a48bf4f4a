"""tf.complex / to_complex64 / to_complex128; numbers observed in TF 2.21 (tf.compat.v1)."""
import numpy as np
import pytest

import varflow as tf
from varflow.ops import complex_ops as C  # noqa: N812
from varflow.testing.gradient_checker import assert_gradients_match


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default():
        yield


def test_complex_values_names_dtypes():
    c = C.complex(tf.constant([1., 2]), tf.constant([3., 4]))
    c2 = C.complex(tf.constant([1., 2], tf.float64), tf.constant(3., tf.float64))
    assert (c.name, c.dtype, c.shape.as_list()) == ("Complex:0", tf.complex64, [2])
    assert (c2.name, c2.dtype, c2.shape.as_list()) == ("Complex_1:0", tf.complex128, [2])
    with tf.Session() as sess:
        v, v2 = sess.run([c, c2])
    assert v.dtype == np.complex64
    np.testing.assert_array_equal(v, [1 + 3j, 2 + 4j])
    np.testing.assert_array_equal(v2, [1 + 3j, 2 + 3j])


def test_complex_type_errors():
    with pytest.raises(TypeError, match="incorrect types: float32 float64"):
        C.complex(tf.constant([1.]), tf.constant([1.], tf.float64))
    with pytest.raises(TypeError, match="incorrect types: int32 int32"):
        C.complex(tf.constant([1]), tf.constant([1]))


def test_to_complex():
    a = C.to_complex64(tf.constant([1., 2]))
    b = C.to_complex128(tf.constant([1, 2]))
    assert (a.name, a.op.type, a.dtype) == ("ToComplex64:0", "Cast", tf.complex64)
    assert (b.name, b.dtype) == ("ToComplex128:0", tf.complex128)
    np.testing.assert_array_equal(tf.Session().run(b), [1, 2])


def test_complex_gradient():
    re, im = tf.constant([1., 2]), tf.constant([3., 4])
    c = C.complex(re, im)
    g = tf.gradients(tf.real(c * tf.conj(c)) + tf.imag(c * c) + tf.real(c) * 2.0, [re, im])
    gre, gim = tf.Session().run(g)
    np.testing.assert_allclose(gre, [10., 14.])     # 2re + 2im + 2
    np.testing.assert_allclose(gim, [8., 12.])      # 2im + 2re
    assert_gradients_match(lambda a, b: tf.real(C.complex(a, b) * C.complex(b, a)) +
                           tf.imag(C.complex(a, b) * C.complex(a, b)),
                           [np.array([[0.5, -1.], [2., 0.3]]), np.array([1.5, -0.7])])


def test_complex_abs_gradient_as_tf():
    re, im = tf.constant([3.0, 0.0, -1.0]), tf.constant([4.0, 0.0, 2.0])
    c = tf.complex(re, im)
    g_re, g_im, g_c = tf.gradients(tf.abs(c), [re, im, c])
    with tf.Session() as sess:
        got = sess.run([g_re, g_im, g_c])
    # observed in TF 2.21
    np.testing.assert_allclose(got[0], [0.6, 0.0, -0.4472136], rtol=1e-6)
    np.testing.assert_allclose(got[1], [0.8, 0.0, 0.8944272], rtol=1e-6)
    np.testing.assert_allclose(got[2], [0.6 + 0.8j, 0.0, -0.4472136 + 0.8944272j], rtol=1e-6)
