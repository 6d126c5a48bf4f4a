"""tf.image basics; numbers observed in TF 2.21 (compat.v1, TF1 pixel conventions)."""
import numpy as np

import varflow as tf

X = np.arange(2 * 3 * 4 * 2, dtype=np.float32).reshape(2, 3, 4, 2) ** 1.5
U = (np.arange(12).reshape(3, 4, 1) * 20).astype(np.uint8)


def run(t):
    with tf.Session() as sess:
        return sess.run(t)


def head(a):
    return np.asarray(a, np.float64).ravel()[:12]


def test_resize_matches_tf():
    cases = [
        (tf.image.resize_images(X, [5, 3]), (2, 5, 3, 2),
         [0.0, 1.0, 4.5523, 7.1909, 12.4646, 16.0736, 13.5765, 16.6, 22.7839, 26.8439, 34.253, 39.0418]),
        (tf.image.resize_images(X, [5, 7], align_corners=True), (2, 5, 7, 2),
         [0.0, 1.0, 1.4142, 3.0981, 2.8284, 5.1962, 5.4142, 8.1882, 8.0, 11.1803, 11.3485, 14.8503]),
        (tf.image.resize_images(X, [5, 3], method=tf.image.ResizeMethod.NEAREST_NEIGHBOR),
         (2, 5, 3, 2), [0.0, 1.0, 2.8284, 5.1962, 8.0, 11.1803, 0.0, 1.0, 2.8284, 5.1962, 8.0, 11.1803]),
        (tf.image.resize_images(X, [2, 7], method=tf.image.ResizeMethod.NEAREST_NEIGHBOR,
                                align_corners=True), (2, 2, 7, 2),
         [0.0, 1.0, 2.8284, 5.1962, 2.8284, 5.1962, 8.0, 11.1803, 8.0, 11.1803, 14.6969, 18.5203]),
    ]
    for t, shape, expected in cases:
        value = run(t)
        assert value.shape == shape and value.dtype == np.float32
        np.testing.assert_allclose(head(value), expected, atol=1e-4)
    assert run(tf.image.resize_images(U, [4, 6])).dtype == np.float32
    assert tf.image.resize_nearest_neighbor(X, [5, 3]).dtype == tf.float32


def test_resize_bilinear_gradient():
    """ResizeBilinear always outputs float32 (as TF); its gradient (ResizeBilinearGrad) takes the
    input's dtype. Values observed in TF 2.21."""
    x = tf.constant(X[:1] / 10)
    w = tf.constant(np.arange(30, dtype=np.float32).reshape(1, 5, 3, 2))
    g = tf.gradients(tf.reduce_sum(tf.image.resize_bilinear(x, [5, 3]) * w), x)[0]
    assert g.op.type == "ResizeBilinearGrad"
    np.testing.assert_allclose(run(g).ravel()[:8], [2.4, 3.8, 3.4667, 4.4, 4.4, 5.3333, 5.3333,
                                                    6.2667], atol=1e-4)
    x64 = tf.constant(X[:1] / 10, tf.float64)
    assert tf.gradients(tf.reduce_sum(tf.image.resize_bilinear(x64, [5, 3])), x64)[0].dtype == tf.float64


def test_flips_standardization_and_dtype_conversion():
    np.testing.assert_array_equal(run(tf.image.flip_left_right(X)), X[:, :, ::-1])
    np.testing.assert_array_equal(run(tf.image.flip_up_down(U)), U[::-1])
    std = run(tf.image.per_image_standardization(X))
    np.testing.assert_allclose(std.reshape(2, -1).mean(1), 0, atol=1e-5)
    np.testing.assert_allclose(std.reshape(2, -1).std(1), 1, atol=1e-5)
    su = run(tf.image.per_image_standardization(U))
    assert su.dtype == np.float32
    np.testing.assert_allclose(su, (U - U.mean()) / U.std(), rtol=1e-5)
    f = run(tf.image.convert_image_dtype(U, tf.float32))
    np.testing.assert_allclose(f, U / 255.0, rtol=1e-6)
    # observed in TF 2.21: 0.5 -> 127, saturated 1.2 -> 255
    assert run(tf.image.convert_image_dtype(tf.constant([[[0.5]]]), tf.uint8)).item() == 127
    assert run(tf.image.convert_image_dtype(tf.constant([[[0.5], [1.2]]]), tf.uint8,
                                            saturate=True)).ravel().tolist() == [127, 255]
