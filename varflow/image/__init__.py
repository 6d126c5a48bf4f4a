"""`tf.image` basics: resizing (TF's ResizeBilinear / ResizeNearestNeighbor ops with their pixel
conventions and gradients), flips, rotations, crops and pads, colour adjustments, per-image
standardization and dtype conversion (the rest composed from array and math ops)."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape
from ..ops import array_ops, math_ops
from ..ops.op_util import make1


class ResizeMethod:
    BILINEAR = 0
    NEAREST_NEIGHBOR = 1


# --- resizing: TF's ResizeBilinear / ResizeNearestNeighbor ops and their gradients -------------
def _source_coords(n_in: int, n_out: int, align_corners: bool, half_pixel: bool) -> np.ndarray:
    """Where each output row/column samples the input, in TF's float32 arithmetic."""
    scale = np.float32((n_in - 1) / (n_out - 1) if align_corners and n_out > 1 else n_in / n_out)
    out = np.arange(n_out, dtype=np.float32)
    return (out + np.float32(0.5)) * scale - np.float32(0.5) if half_pixel else out * scale


def _bilinear_taps(n_in, n_out, align_corners, half_pixel):
    src = _source_coords(n_in, n_out, align_corners, half_pixel)
    floor = np.floor(src)
    lo = np.maximum(floor, 0).astype(np.int64)
    hi = np.minimum(np.ceil(src), n_in - 1).astype(np.int64)
    return lo, hi, (src - floor).astype(np.float32)


def _resize_rule(inputs, attrs, dtype=None):
    images, size = inputs
    out = array_ops._shape_from_tensor(size)
    s = images.shape
    if s.ndims not in (None, 4):
        raise ValueError("Shape must be rank 4 but is rank %d for resizing (images %s)" % (s.ndims, s))
    if out.ndims is None:
        out = TensorShape([None, None])
    n, c = (s[0], s[3]) if s.ndims == 4 else (None, None)
    return [(dtype or images.dtype.base_dtype, TensorShape([n, out[0], out[1], c]))]


def _bilinear_kernel(images, size, align_corners=False, half_pixel_centers=False):
    """TF's order of operations: interpolate along width on the two source rows, then height."""
    h_out, w_out = (int(v) for v in size)
    x = images.astype(np.float32)
    y0, y1, ly = _bilinear_taps(x.shape[1], h_out, align_corners, half_pixel_centers)
    x0, x1, lx = _bilinear_taps(x.shape[2], w_out, align_corners, half_pixel_centers)
    lx = lx[None, None, :, None]
    top = x[:, y0][:, :, x0] + (x[:, y0][:, :, x1] - x[:, y0][:, :, x0]) * lx
    bottom = x[:, y1][:, :, x0] + (x[:, y1][:, :, x1] - x[:, y1][:, :, x0]) * lx
    return (top + (bottom - top) * ly[None, :, None, None]).astype(np.float32)


def _bilinear_grad_kernel(grads, original, align_corners=False, half_pixel_centers=False):
    n, h, w, c = original.shape
    out = np.zeros((n, h, w, c), np.float64)
    y0, y1, ly = _bilinear_taps(h, grads.shape[1], align_corners, half_pixel_centers)
    x0, x1, lx = _bilinear_taps(w, grads.shape[2], align_corners, half_pixel_centers)
    g = grads.astype(np.float64)
    for ys, wy in ((y0, 1 - ly), (y1, ly)):
        for xs, wx in ((x0, 1 - lx), (x1, lx)):
            part = g * wy[None, :, None, None] * wx[None, None, :, None]
            np.add.at(out, (slice(None), ys[:, None], xs[None, :]), part)
    return out.astype(original.dtype if original.dtype.kind == "f" else np.float32)


def _nearest_index(n_in, n_out, align_corners, half_pixel):
    scale = np.float32((n_in - 1) / (n_out - 1) if align_corners and n_out > 1 else n_in / n_out)
    out = np.arange(n_out, dtype=np.float32)
    src = (out + np.float32(0.5)) * scale if half_pixel else out * scale
    idx = np.sign(src) * np.floor(np.abs(src) + 0.5) if align_corners else np.floor(src)
    return np.clip(idx, 0, n_in - 1).astype(np.int64)


def _nearest_kernel(images, size, align_corners=False, half_pixel_centers=False):
    h_out, w_out = (int(v) for v in size)
    ys = _nearest_index(images.shape[1], h_out, align_corners, half_pixel_centers)
    xs = _nearest_index(images.shape[2], w_out, align_corners, half_pixel_centers)
    return images[:, ys][:, :, xs]


def _nearest_grad_kernel(grads, size, align_corners=False, half_pixel_centers=False):
    h, w = (int(v) for v in size)
    out = np.zeros((grads.shape[0], h, w, grads.shape[3]), grads.dtype)
    ys = _nearest_index(h, grads.shape[1], align_corners, half_pixel_centers)
    xs = _nearest_index(w, grads.shape[2], align_corners, half_pixel_centers)
    np.add.at(out, (slice(None), ys[:, None], xs[None, :]), grads)
    return out


def _resize_attrs(op):
    return {k: op._attrs[k] for k in ("align_corners", "half_pixel_centers")}


define("ResizeBilinear", lambda inputs, attrs: _resize_rule(inputs, attrs, dtypes.float32),
       _bilinear_kernel, grad=lambda op, g: [make1("ResizeBilinearGrad", [g, op._inputs[0]],
                                                   _resize_attrs(op)), None])
define("ResizeBilinearGrad", lambda inputs, attrs: [(
    inputs[1].dtype.base_dtype if inputs[1].dtype.is_floating else dtypes.float32, inputs[1].shape)],
    _bilinear_grad_kernel, differentiable=False)
define("ResizeNearestNeighbor", _resize_rule, _nearest_kernel,
       grad=lambda op, g: [make1("ResizeNearestNeighborGrad", [
           g, array_ops.shape(op._inputs[0])[1:3]], _resize_attrs(op)), None])
define("ResizeNearestNeighborGrad", lambda inputs, attrs: [(inputs[0].dtype.base_dtype, TensorShape(
    [inputs[0].shape[0] if inputs[0].shape.ndims else None]).concatenate(
        array_ops._shape_from_tensor(inputs[1])).concatenate(
            [inputs[0].shape[3] if inputs[0].shape.ndims else None]))],
    _nearest_grad_kernel, differentiable=False)


def _resize_op(op_type: str, images, size, align_corners, half_pixel_centers, name):
    images = convert_to_tensor(images, name="images")
    size = convert_to_tensor(size, dtype=dtypes.int32, name="size")
    return make1(op_type, [images, size], {"align_corners": bool(align_corners),
                                           "half_pixel_centers": bool(half_pixel_centers)},
                 name=name or op_type)


def resize_bilinear(images, size, align_corners: bool = False, name=None, half_pixel_centers=False):
    """`tf.image.resize_bilinear`: a float32 ResizeBilinear of NHWC `images`."""
    return _resize_op("ResizeBilinear", images, size, align_corners, half_pixel_centers, name)


def resize_nearest_neighbor(images, size, align_corners: bool = False, name=None,
                            half_pixel_centers=False):
    """`tf.image.resize_nearest_neighbor`: a ResizeNearestNeighbor of NHWC `images`."""
    return _resize_op("ResizeNearestNeighbor", images, size, align_corners, half_pixel_centers, name)


def resize_images(images, size, method=ResizeMethod.BILINEAR, align_corners: bool = False,
                  preserve_aspect_ratio: bool = False, name=None):
    """`tf.image.resize_images` (TF1 pixel grid: source = dest * in/out, or corners aligned): one
    3-D image or a batch; a size equal to the static input size returns `images` itself."""
    with name_scope(name, "resize", [images, size]):
        images = convert_to_tensor(images, name="images")
        rank = images.shape.ndims
        if rank not in (3, 4):
            raise ValueError("'images' must have either 3 or 4 dimensions, got shape %s"
                             % images.shape)
        if method not in (ResizeMethod.BILINEAR, ResizeMethod.NEAREST_NEIGHBOR, "bilinear",
                          "nearest"):
            raise ValueError("Resize method is not implemented: %r (use BILINEAR or "
                             "NEAREST_NEIGHBOR)" % (method,))
        size_value = None if isinstance(size, Tensor) else [int(v) for v in np.reshape(size, [-1])]
        if size_value is not None and list(images.shape[-3:-1].as_list()) == size_value:
            return images
        batch = images if rank == 4 else array_ops.expand_dims(images, 0)
        op_type = "ResizeBilinear" if method in (ResizeMethod.BILINEAR, "bilinear") else             "ResizeNearestNeighbor"
        out = _resize_op(op_type, batch, size, align_corners, False, None)
        return out if rank == 4 else array_ops.squeeze(out, [0])


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


# --- geometry: rotations, transposes, crops and pads ------------------------------------------
def _hw_axes(image: Tensor):
    rank = image.shape.ndims
    if rank not in (3, 4):
        raise ValueError("'image' must have either 3 or 4 dimensions, got shape %s" % image.shape)
    return rank - 3, rank - 2


def transpose_image(image, name=None):
    """`tf.image.transpose`: swap height and width."""
    with name_scope(name, "transpose", [image]):
        image = convert_to_tensor(image, name="image")
        h, w = _hw_axes(image)
        perm = list(range(image.shape.ndims))
        perm[h], perm[w] = w, h
        return array_ops.transpose(image, perm)


transpose = transpose_image


def rot90(image, k=1, name=None):
    """`tf.image.rot90`: rotate counter-clockwise by k quarter turns (k a Python int here)."""
    with name_scope(name, "rot90", [image, k]):
        image = convert_to_tensor(image, name="image")
        h, w = _hw_axes(image)
        k = int(k) % 4
        if k == 0:
            return array_ops.identity(image)
        if k == 2:
            return array_ops.reverse(image, [h, w])
        perm = list(range(image.shape.ndims))
        perm[h], perm[w] = w, h
        if k == 1:
            return array_ops.transpose(array_ops.reverse(image, [w]), perm)
        return array_ops.reverse(array_ops.transpose(image, perm), [w])


def _spatial(image: Tensor):
    """(height, width) as Python ints where static, else scalar tensors."""
    h_axis, w_axis = _hw_axes(image)
    dims = image.shape.as_list()
    shape = array_ops.shape(image)
    return [dims[a] if dims[a] is not None else shape[a] for a in (h_axis, w_axis)]


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """`tf.image.crop_to_bounding_box`: the target_height x target_width window at the offsets."""
    with name_scope(None, "crop_to_bounding_box", [image]):
        image = convert_to_tensor(image, name="image")
        lead = [0] * (image.shape.ndims - 3)
        out = array_ops.slice(image, array_ops.stack(lead + [offset_height, offset_width, 0]),
                              array_ops.stack([-1] * len(lead) + [target_height, target_width, -1]))
        if isinstance(target_height, int) and isinstance(target_width, int):
            dims = image.shape.as_list()
            out.set_shape(dims[:-3] + [target_height, target_width, dims[-1]])
        return out


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """`tf.image.pad_to_bounding_box`: `image` placed at the offsets in a zero image of the target
    size."""
    with name_scope(None, "pad_to_bounding_box", [image]):
        image = convert_to_tensor(image, name="image")
        height, width = _spatial(image)
        lead = [[0, 0]] * (image.shape.ndims - 3)
        paddings = lead + [[offset_height, target_height - offset_height - height],
                           [offset_width, target_width - offset_width - width], [0, 0]]
        out = array_ops.pad(image, array_ops.stack([array_ops.stack(p) for p in paddings]))
        if isinstance(target_height, int) and isinstance(target_width, int):
            dims = image.shape.as_list()
            out.set_shape(dims[:-3] + [target_height, target_width, dims[-1]])
        return out


def _max(a, b):
    return max(a, b) if isinstance(a, int) and isinstance(b, int) else math_ops.maximum(a, b)


def _min(a, b):
    return min(a, b) if isinstance(a, int) and isinstance(b, int) else math_ops.minimum(a, b)


def resize_image_with_crop_or_pad(image, target_height, target_width):
    """`tf.image.resize_image_with_crop_or_pad`: centre-crop and/or zero-pad to the target size."""
    with name_scope(None, "resize_image_with_crop_or_pad", [image]):
        image = convert_to_tensor(image, name="image")
        height, width = _spatial(image)
        cropped = crop_to_bounding_box(
            image, _max((height - target_height) // 2, 0), _max((width - target_width) // 2, 0),
            _min(target_height, height), _min(target_width, width))
        out = pad_to_bounding_box(cropped, _max((target_height - height) // 2, 0),
                                  _max((target_width - width) // 2, 0), target_height, target_width)
        dims = image.shape.as_list()
        out.set_shape(dims[:-3] + [target_height, target_width, dims[-1]])
        return out


resize_with_crop_or_pad = resize_image_with_crop_or_pad


def central_crop(image, central_fraction):
    """`tf.image.central_crop`: the centred central_fraction of the height and width."""
    if not 0.0 < central_fraction <= 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    with name_scope(None, "central_crop", [image]):
        image = convert_to_tensor(image, name="image")
        if central_fraction == 1.0:
            return image
        height, width = _spatial(image)
        if not (isinstance(height, int) and isinstance(width, int)):
            raise ValueError("central_crop needs the image height and width known statically")
        top, left = int((height - height * central_fraction) / 2), int((width - width * central_fraction) / 2)
        return crop_to_bounding_box(image, top, left, height - 2 * top, width - 2 * left)


# --- colour ------------------------------------------------------------------------------------
def _as_float(image: Tensor):
    return image if image.dtype.is_floating else convert_image_dtype(image, dtypes.float32)


def adjust_brightness(image, delta):
    """`tf.image.adjust_brightness`: add `delta` (in the [0, 1] float scale for integer images)."""
    with name_scope(None, "adjust_brightness", [image, delta]):
        image = convert_to_tensor(image, name="image")
        adjusted = _as_float(image) + math_ops.cast(delta, _as_float(image).dtype)
        return array_ops.identity(convert_image_dtype(adjusted, image.dtype, saturate=True)
                                  if not image.dtype.is_floating else adjusted)


def adjust_contrast(images, contrast_factor):
    """`tf.image.adjust_contrast`: (x - mean) * factor + mean, the mean per image and channel."""
    with name_scope(None, "adjust_contrast", [images, contrast_factor]):
        images = convert_to_tensor(images, name="images")
        x = _as_float(images)
        mean = math_ops.reduce_mean(x, axis=[-3, -2], keepdims=True)
        adjusted = (x - mean) * math_ops.cast(contrast_factor, x.dtype) + mean
        return array_ops.identity(convert_image_dtype(adjusted, images.dtype, saturate=True)
                                  if not images.dtype.is_floating else adjusted)


def rgb_to_grayscale(images, name=None):
    """`tf.image.rgb_to_grayscale`: 0.2989 R + 0.5870 G + 0.1140 B, keeping a channel axis of 1."""
    with name_scope(name, "rgb_to_grayscale", [images]) as scope:
        images = convert_to_tensor(images, name="images")
        x = _as_float(images)
        weights = convert_to_tensor([0.2989, 0.5870, 0.1140], dtype=x.dtype)
        gray = array_ops.expand_dims(math_ops.reduce_sum(x * weights, axis=-1), -1)
        return convert_image_dtype(gray, images.dtype, name=scope)


def grayscale_to_rgb(images, name=None):
    """`tf.image.grayscale_to_rgb`: the one channel repeated three times."""
    with name_scope(name, "grayscale_to_rgb", [images]) as scope:
        images = convert_to_tensor(images, name="images")
        return array_ops.tile(images, [1] * (images.shape.ndims - 1) + [3], name=scope)


def rgb_to_hsv(images, name=None):
    """`tf.image.rgb_to_hsv`: hue in [0, 1), saturation and value of float RGB images."""
    with name_scope(name, "rgb_to_hsv", [images]):
        images = convert_to_tensor(images, name="images")
        r, g, b = array_ops.unstack(images, axis=-1)
        value = math_ops.reduce_max(images, axis=-1)
        chroma = value - math_ops.reduce_min(images, axis=-1)
        zero = array_ops.zeros_like(value)
        safe = array_ops.where_v2(math_ops.equal(chroma, zero), array_ops.ones_like(chroma), chroma)
        saturation = array_ops.where_v2(math_ops.greater(value, zero),
                                        chroma / array_ops.where_v2(math_ops.greater(value, zero),
                                                                    value, array_ops.ones_like(value)),
                                        zero)
        hue = array_ops.where_v2(math_ops.equal(value, r), (g - b) / safe,
                                 array_ops.where_v2(math_ops.equal(value, g), 2.0 + (b - r) / safe,
                                                    4.0 + (r - g) / safe))
        hue = array_ops.where_v2(math_ops.equal(chroma, zero), zero, hue) / 6.0
        hue = array_ops.where_v2(math_ops.less(hue, zero), hue + 1.0, hue)
        return array_ops.stack([hue, saturation, value], axis=-1)
