"""`tf.image` basics: resizing (nearest / bilinear, TF1 pixel conventions), flips, per-image
standardization and dtype conversion, composed from gathers and arithmetic so gradients flow."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import convert_to_tensor, name_scope
from ..ops import array_ops, math_ops


class ResizeMethod:
    BILINEAR = 0
    NEAREST_NEIGHBOR = 1


def _source_coords(n_in: int, n_out: int, align_corners: bool) -> np.ndarray:
    scale = (n_in - 1) / (n_out - 1) if align_corners and n_out > 1 else n_in / n_out
    return np.arange(n_out) * scale


def _static_hw(images):
    shape = images.shape
    if shape.ndims not in (3, 4):
        raise ValueError("'images' must have either 3 or 4 dimensions, got shape %s" % shape)
    h, w = shape[-3], shape[-2]
    if h is None or w is None:
        raise ValueError("resize_images needs the input height and width known when the graph is "
                         "built (got shape %s); set_shape() them first." % shape)
    return h, w


def resize_images(images, size, method=ResizeMethod.BILINEAR, align_corners: bool = False,
                  preserve_aspect_ratio: bool = False, name=None):
    """`tf.image.resize_images` (TF1 pixel grid: source = dest * in/out, or corners aligned)."""
    with name_scope(name, "resize_images", [images]):
        images = convert_to_tensor(images, name="images")
        h_in, w_in = _static_hw(images)
        h_out, w_out = (int(s) for s in np.asarray(size).reshape(-1))
        ax_h, ax_w = images.shape.ndims - 3, images.shape.ndims - 2
        if method in (ResizeMethod.NEAREST_NEIGHBOR, "nearest"):
            ys, xs = (_source_coords(n, o, align_corners) for n, o in ((h_in, h_out), (w_in, w_out)))
            pick = (lambda v: np.floor(v + 0.5)) if align_corners else np.floor
            ys = np.minimum(pick(ys), h_in - 1).astype(np.int32)
            xs = np.minimum(pick(xs), w_in - 1).astype(np.int32)
            return array_ops.gather(array_ops.gather(images, ys, axis=ax_h), xs, axis=ax_w)
        if method not in (ResizeMethod.BILINEAR, "bilinear"):
            raise ValueError("Resize method is not implemented: %r (use BILINEAR or "
                             "NEAREST_NEIGHBOR)" % (method,))
        keep = images.dtype.base_dtype in (dtypes.float32, dtypes.float64)   # others become float32
        x = images if keep else math_ops.cast(images, dtypes.float32)
        for axis, n_in, n_out in ((ax_h, h_in, h_out), (ax_w, w_in, w_out)):
            src = _source_coords(n_in, n_out, align_corners)
            lo = np.floor(src).astype(np.int32)
            hi = np.minimum(lo + 1, n_in - 1)
            frac = (src - lo).astype(np.float32)
            bshape = [1] * x.shape.ndims
            bshape[axis] = n_out
            frac = convert_to_tensor(frac.reshape(bshape), dtype=x.dtype.base_dtype)
            a, b = array_ops.gather(x, lo, axis=axis), array_ops.gather(x, hi, axis=axis)
            x = a + (b - a) * frac
        return x


def resize_bilinear(images, size, align_corners: bool = False, name=None, half_pixel_centers=False):
    return resize_images(images, size, ResizeMethod.BILINEAR, align_corners, name=name)


def resize_nearest_neighbor(images, size, align_corners: bool = False, name=None,
                            half_pixel_centers=False):
    return resize_images(images, size, ResizeMethod.NEAREST_NEIGHBOR, align_corners, name=name)


def flip_left_right(image):
    """Mirror the width axis."""
    image = convert_to_tensor(image, name="image")
    return array_ops.reverse(image, [image.shape.ndims - 2])


def flip_up_down(image):
    """Mirror the height axis."""
    image = convert_to_tensor(image, name="image")
    return array_ops.reverse(image, [image.shape.ndims - 3])


def per_image_standardization(image):
    """(image - mean) / max(stddev, 1/sqrt(num_pixels * channels)), per image."""
    with name_scope(None, "per_image_standardization", [image]) as scope:
        image = convert_to_tensor(image, name="image")
        if image.dtype.base_dtype not in (dtypes.float16, dtypes.float32, dtypes.float64):
            image = math_ops.cast(image, dtypes.float32)
        axes = [-1, -2, -3]
        n = math_ops.cast(math_ops.reduce_prod(array_ops.shape(image)[-3:]), image.dtype)
        mean = math_ops.reduce_mean(image, axis=axes, keepdims=True)
        std = math_ops.sqrt(math_ops.reduce_mean(math_ops.square(image - mean), axis=axes,
                                                 keepdims=True))
        adjusted = math_ops.maximum(std, math_ops.rsqrt(n))
        return math_ops.divide(image - mean, adjusted, name=scope)


def convert_image_dtype(image, dtype, saturate: bool = False, name=None):
    """Integer images span [0, MAX]; float images [0, 1): scale between them (TF's rules)."""
    with name_scope(name, "convert_image", [image]):
        image = convert_to_tensor(image, name="image")
        dtype = dtypes.as_dtype(dtype)
        src = image.dtype.base_dtype
        if src == dtype:
            return array_ops.identity(image)
        if src.is_integer and dtype.is_integer:
            src_max, dst_max = src.max, dtype.max
            if src_max > dst_max:
                return math_ops.cast(math_ops.floordiv(image, (src_max + 1) // (dst_max + 1)), dtype)
            return math_ops.cast(image, dtype) * ((dst_max + 1) // (src_max + 1))
        if src.is_floating and dtype.is_floating:
            return math_ops.cast(image, dtype)
        if src.is_integer:
            return math_ops.cast(image, dtype) * (1.0 / src.max)
        scaled = image * (dtype.max + 0.5)
        if saturate:
            scaled = math_ops.minimum(math_ops.maximum(scaled, 0.0), float(dtype.max))
        return math_ops.cast(scaled, dtype)
