"""3-D convolution and pooling (`tf.nn.conv3d`, `conv3d_transpose`, `max_pool3d`, `avg_pool3d`).

Ops Conv3D, Conv3DBackpropInputV2, Conv3DBackpropFilterV2, MaxPool3D, MaxPool3DGrad,
MaxPool3DGradGrad, AvgPool3D and AvgPool3DGrad, each defined once next to its wrapper. Kernels
work on NDHWC arrays (NCDHW is transposed in and out). A 3-D convolution is the sum over the
filter's depth taps of 2-D convolutions of depth slices (the input's depth slices that tap sees,
as one batch of N * D_out images): `nn_ops`' 2-D kernels run them, through oneDNN where it is
installed, else as GEMMs over patch matrices. Pooling loops over the few window taps only.

TF's CPU kernels set the run-time rules followed here: Conv3D needs the filter's in-channels to
equal the input's (grouped filters pass shape inference but fail to run), strides and dilations of
the batch and channel dimensions fail at run time, MaxPool3D runs float32 and bfloat16 only,
AvgPool3D float32 and bfloat16 only (float16 and float64 pass the op's type check and fail to run).
MaxPool3DGrad sends each window's gradient to its first input equal to the window's output, and
MaxPool3DGradGrad takes the first equal input of each window (NDHWC only). (TF's constant folding
runs other kernels, which give every tied input the gradient: run-time behaviour is followed.)
"""
from __future__ import annotations

import numbers

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape, unknown_shape
from . import op_util
from .nn_ops import (_conv_bwd_filter, _conv_bwd_input, _conv_fwd, _Geometry, _known_shape,
                     _negative_size_error, _NegativeSizeError, _out_size)
from .op_util import FLOATS, check_dtype_in, make1

__all__ = ["conv3d", "conv3d_transpose", "conv3d_backprop_filter", "conv3d_backprop_filter_v2",
           "max_pool3d", "avg_pool3d"]

_FORMATS = ("NDHWC", "NCDHW")
_HALF_FLOATS = (dtypes.float16, dtypes.bfloat16, dtypes.float32)   # MaxPool3D's op-def types


def _array():
    from . import array_ops
    return array_ops


# =================================================================================================
# Geometry: strides, dilations and padding of the three spatial dimensions, in NDHWC order
# =================================================================================================
class _Geometry3D:
    """The spatial geometry of a 3-D window op from its attrs (data_format order)."""

    __slots__ = ("ncdhw", "strides", "dilations", "ksize", "padding", "raw_strides",
                 "raw_dilations", "raw_ksize")

    def __init__(self, attrs):
        self.ncdhw = attrs.get("data_format", "NDHWC") == "NCDHW"
        sp = (2, 3, 4) if self.ncdhw else (1, 2, 3)
        self.raw_strides = list(attrs["strides"])
        self.raw_dilations = list(attrs.get("dilations") or [1] * 5)
        self.raw_ksize = list(attrs.get("ksize") or [1] * 5)
        self.strides = tuple(self.raw_strides[i] for i in sp)
        self.dilations = tuple(self.raw_dilations[i] for i in sp)
        self.ksize = tuple(self.raw_ksize[i] for i in sp)
        self.padding = attrs["padding"]

    def plan(self, dims, ksize, dilations=None):
        """[(out, pad_before, pad_after)] for depth, height and width (None sizes stay None)."""
        dilations = dilations or self.dilations
        return [_out_size(n, k, s, d, self.padding)
                for n, k, s, d in zip(dims, ksize, self.strides, dilations)]

    def run_plan(self, op_type, dims, ksize, dilations=None):
        """`plan` for a kernel: a window larger than its input is TF's InvalidArgumentError."""
        try:
            return self.plan(dims, ksize, dilations)
        except _NegativeSizeError as e:
            raise errors.InvalidArgumentError(None, None, "%s: %s" % (op_type, e)) from None

    def to_ndhwc(self, x):
        return np.transpose(x, (0, 2, 3, 4, 1)) if self.ncdhw else x

    def from_ndhwc(self, x):
        return np.ascontiguousarray(np.transpose(x, (0, 4, 1, 2, 3))) if self.ncdhw else x

    def shape_ndhwc(self, shape):
        shape = list(shape)
        return [shape[0]] + shape[2:] + [shape[1]] if self.ncdhw else shape

    def shape_from_ndhwc(self, shape):
        shape = list(shape)
        return [shape[0], shape[4]] + shape[1:4] if self.ncdhw else shape

    def plane(self, plan) -> _Geometry:
        """The 2-D geometry (height, width) of the depth slices, with the 3-D plan's padding."""
        (_, pt, pb), (_, pl, pr) = plan[1], plan[2]
        return _Geometry({"strides": [1, self.strides[1], self.strides[2], 1],
                          "dilations": [1, self.dilations[1], self.dilations[2], 1],
                          "padding": "EXPLICIT", "explicit_paddings": [0, 0, pt, pb, pl, pr, 0, 0],
                          "data_format": "NHWC"})


def _tap(i, j, k, plan, strides, dilations=(1, 1, 1)):
    """The index into a padded NDHWC array of everything window tap (i, j, k) sees."""
    index = [slice(None)]
    for t, (out, _, _), s, d in zip((i, j, k), plan, strides, dilations):
        index.append(slice(t * d, t * d + s * (out - 1) + 1, s))
    return tuple(index + [slice(None)])


def _taps(ksize, plan, strides, dilations=(1, 1, 1)):
    return [_tap(i, j, k, plan, strides, dilations)
            for i in range(ksize[0]) for j in range(ksize[1]) for k in range(ksize[2])]


def _pad_spatial(x, plan, value=0):
    pads = [(b, a) for _, b, a in plan]
    if not any(b or a for b, a in pads):
        return x
    return np.pad(x, [(0, 0)] + pads + [(0, 0)], constant_values=value)


def _crop(xp, plan, dims):
    (_, f, _), (_, t, _), (_, left, _) = plan
    return xp[:, f:f + dims[0], t:t + dims[1], left:left + dims[2], :]


def _work_dtype(dtype):
    """Half-precision arrays are computed in float32 and rounded once at the end."""
    return np.dtype(np.float32) if dtype.itemsize < 4 and dtype.kind in "fV" else dtype


def _tf_name(array) -> str:
    return dtypes.dtype_of_numpy(array.dtype).name


def _require_kernel(op_type, array, names):
    """TF registers CPU kernels for these ops for some of their op-def types only."""
    if _tf_name(array) not in names:
        raise errors.InvalidArgumentError(
            None, None, "No OpKernel was registered to support Op '%s' with these attrs: "
            "[T=DT_%s] (its CPU kernels run %s; cast the input with tf.cast)"
            % (op_type, _tf_name(array).upper(), ", ".join(names)))


def _check_unit(op_type, values, what, data_format, cls):
    n, c = (0, 1) if data_format == "NCDHW" else (0, 4)
    if values[n] != 1 or values[c] != 1:
        raise cls(None, None, "%s: current implementation does not yet support %s in the batch "
                  "and depth dimensions (got %s)" % (op_type, what, list(values)))


# =================================================================================================
# Conv3D and its two gradients
# =================================================================================================
def _conv3d_fwd(x, w, geo: _Geometry3D, plan):
    """NDHWC x [kd, kh, kw, C, O] -> NDHWC: the sum over depth taps of 2-D convolutions."""
    n, _, h, wd, c = x.shape
    kd, _, _, _, o = w.shape
    (do, pf, pk), (ho, _, _), (wo, _, _) = plan
    dtype = np.result_type(x.dtype, w.dtype)
    work = _work_dtype(dtype)
    if n * do * ho * wo * o == 0:
        return np.zeros((n, do, ho, wo, o), dtype)
    x, w = x.astype(work, copy=False), w.astype(work, copy=False)
    xp = np.pad(x, ((0, 0), (pf, pk), (0, 0), (0, 0), (0, 0))) if pf or pk else x
    geo2 = geo.plane(plan)
    sd, dd = geo.strides[0], geo.dilations[0]
    out = None
    for i in range(kd):
        slab = xp[:, i * dd:i * dd + sd * (do - 1) + 1:sd].reshape(n * do, h, wd, c)
        part = _conv_fwd(slab, np.ascontiguousarray(w[i]), geo2)
        if out is None:
            out = part if part.flags.writeable else part.copy()
        else:
            out += part
    return out.reshape(n, do, ho, wo, o).astype(dtype, copy=False)


def _conv3d_bwd_input(shape, w, g, geo: _Geometry3D, plan):
    """The gradient w.r.t. an NDHWC input of `shape`: each depth tap's 2-D input gradient is added
    to the depth slices that tap saw."""
    n, d, h, wd, c = shape
    kd, _, _, _, o = w.shape
    (do, pf, pk), (ho, _, _), (wo, _, _) = plan
    dtype = np.result_type(w.dtype, g.dtype)
    work = _work_dtype(dtype)
    if n * d * h * wd * c == 0 or n * do * ho * wo * o == 0:
        return np.zeros(shape, dtype)
    w, g = w.astype(work, copy=False), g.astype(work, copy=False)
    g2 = np.ascontiguousarray(g).reshape(n * do, ho, wo, o)
    geo2 = geo.plane(plan)
    sd, dd = geo.strides[0], geo.dilations[0]
    dxp = np.zeros((n, d + pf + pk, h, wd, c), work)
    for i in range(kd):
        part = _conv_bwd_input((n * do, h, wd, c), np.ascontiguousarray(w[i]), g2)(geo2)
        dxp[:, i * dd:i * dd + sd * (do - 1) + 1:sd] += part.reshape(n, do, h, wd, c)
    return dxp[:, pf:pf + d].astype(dtype, copy=False)


def _conv3d_bwd_filter(x, fshape, g, geo: _Geometry3D, plan):
    """The gradient w.r.t. the filter: per depth tap, the 2-D filter gradient of the depth slices
    that tap saw."""
    n, _, h, wd, c = x.shape
    kd, kh, kw, _, o = fshape
    (do, pf, pk), (ho, _, _), (wo, _, _) = plan
    dtype = np.result_type(x.dtype, g.dtype)
    work = _work_dtype(dtype)
    if n * do * ho * wo == 0:
        return np.zeros(fshape, dtype)
    x, g = x.astype(work, copy=False), g.astype(work, copy=False)
    xp = np.pad(x, ((0, 0), (pf, pk), (0, 0), (0, 0), (0, 0))) if pf or pk else x
    g2 = np.ascontiguousarray(g).reshape(n * do, ho, wo, o)
    geo2 = geo.plane(plan)
    sd, dd = geo.strides[0], geo.dilations[0]
    dw = np.empty(fshape, work)
    for i in range(kd):
        slab = xp[:, i * dd:i * dd + sd * (do - 1) + 1:sd].reshape(n * do, h, wd, c)
        dw[i] = _conv_bwd_filter(slab, (kh, kw, c, o), g2, geo2)
    return dw.astype(dtype, copy=False)


def _check_conv_run(op_type, attrs):
    fmt = attrs.get("data_format", "NDHWC")
    _check_unit(op_type, attrs["strides"], "strides", fmt, errors.UnimplementedError)
    _check_unit(op_type, attrs.get("dilations") or [1] * 5, "dilations", fmt,
                errors.InvalidArgumentError)


def _check_rank5(op_type, **arrays):
    for what, a in arrays.items():
        if a.ndim != 5:
            raise errors.InvalidArgumentError(None, None, "%s: %s must be 5-dimensional, got shape "
                                              "%s" % (op_type, what, list(a.shape)))


def _check_depth(op_type, c, fc):
    if c != fc:
        raise errors.InvalidArgumentError(
            None, None, "%s: input and filter must have the same depth: %d vs %d (TF's CPU Conv3D "
            "has no grouped convolution)" % (op_type, c, fc))


def _check_sizes(op_type, what, got, want):
    if tuple(got) != tuple(want):
        raise errors.InvalidArgumentError(None, None, "%s: %s has shape %s, expected %s"
                                          % (op_type, what, list(got), list(want)))


def _conv3d_kernel(x, w, **attrs):
    _check_rank5("Conv3D", input=x, filter=w)
    _check_conv_run("Conv3D", attrs)
    geo = _Geometry3D(attrs)
    x = geo.to_ndhwc(x)
    _check_depth("Conv3D", x.shape[4], w.shape[3])
    plan = geo.run_plan("Conv3D", x.shape[1:4], w.shape[:3])
    return geo.from_ndhwc(_conv3d_fwd(x, w, geo, plan))


def _out_plan(op_type, geo, shape_ndhwc, fshape, g_ndhwc):
    """The plan of a backprop op, with the out_backprop's shape checked against it."""
    plan = geo.run_plan(op_type, shape_ndhwc[1:4], fshape[:3])
    want = [shape_ndhwc[0]] + [p[0] for p in plan] + [fshape[4]]
    _check_sizes(op_type, "out_backprop", g_ndhwc.shape, want)
    return plan


def _conv3d_bwd_input_kernel(sizes, w, g, **attrs):
    _check_rank5("Conv3DBackpropInputV2", filter=w, out_backprop=g)
    _check_conv_run("Conv3DBackpropInputV2", attrs)
    geo = _Geometry3D(attrs)
    sizes = [int(v) for v in np.reshape(sizes, [-1])]
    if len(sizes) != 5:
        raise errors.InvalidArgumentError(None, None, "Conv3DBackpropInputV2: input_sizes must "
                                          "have 5 elements, got %s" % sizes)
    shape = geo.shape_ndhwc(sizes)
    g = geo.to_ndhwc(g)
    _check_depth("Conv3DBackpropInputV2", shape[4], w.shape[3])
    plan = _out_plan("Conv3DBackpropInputV2", geo, shape, w.shape, g)
    return geo.from_ndhwc(_conv3d_bwd_input(shape, w, g, geo, plan))


def _conv3d_bwd_filter_kernel(x, sizes, g, **attrs):
    _check_rank5("Conv3DBackpropFilterV2", input=x, out_backprop=g)
    _check_conv_run("Conv3DBackpropFilterV2", attrs)
    geo = _Geometry3D(attrs)
    fshape = tuple(int(v) for v in np.reshape(sizes, [-1]))
    if len(fshape) != 5:
        raise errors.InvalidArgumentError(None, None, "Conv3DBackpropFilterV2: filter_sizes must "
                                          "have 5 elements, got %s" % list(fshape))
    x, g = geo.to_ndhwc(x), geo.to_ndhwc(g)
    _check_depth("Conv3DBackpropFilterV2", x.shape[4], fshape[3])
    plan = _out_plan("Conv3DBackpropFilterV2", geo, x.shape, fshape, g)
    return _conv3d_bwd_filter(x, fshape, g, geo, plan)


def _shape_dilations(geo: _Geometry3D) -> tuple:
    """The dilations TF's Conv3D shape function uses: the height and width ones swapped (its
    shape inference reads them so; the kernels dilate correctly). Static shapes follow TF, so a
    VALID conv3d with unequal height and width dilations has the static shape TF gives it."""
    d, h, w = geo.dilations
    return d, w, h


def _conv3d_out_shape(x_shape: TensorShape, f_shape: TensorShape, attrs) -> TensorShape:
    if f_shape.ndims is None:
        return unknown_shape(5)
    if x_shape.ndims is None:     # only the output channels are known, from the filter
        fo = f_shape[4] if f_shape.ndims == 5 else None
        return TensorShape(_Geometry3D(attrs).shape_from_ndhwc([None] * 4 + [fo]))
    for what, shape in (("input", x_shape), ("filter", f_shape)):
        if shape.ndims != 5:
            raise ValueError("Shape must be rank 5 but is rank %d for 'Conv3D' (%s %s)"
                             % (shape.ndims, what, shape))
    geo = _Geometry3D(attrs)
    n, d, h, w, c = geo.shape_ndhwc(x_shape.as_list())
    kd, kh, kw, fi, fo = f_shape.as_list()
    if c is not None and fi is not None and (fi == 0 or c % fi):
        raise ValueError("Depth of input (%d) is not a multiple of input depth of filter (%d) for "
                         "'Conv3D' with input shapes: %s, %s." % (c, fi, x_shape, f_shape))
    if c is not None and fi and fo is not None and fo % (c // fi):
        raise ValueError("Depth of output (%d) is not a multiple of the number of groups (%d) for "
                         "'Conv3D' with input shapes: %s, %s." % (fo, c // fi, x_shape, f_shape))
    out = []
    try:
        for size, k, s, dil in zip((d, h, w), (kd, kh, kw), geo.strides, _shape_dilations(geo)):
            out.append(None if k is None else _out_size(size, k, s, dil, geo.padding)[0])
    except _NegativeSizeError as e:
        raise _negative_size_error(e, "Conv3D", x_shape, f_shape) from None
    return TensorShape(geo.shape_from_ndhwc([n] + out + [fo]))


def _conv3d_rule(inputs, attrs):
    x, f = inputs
    op_util.check_same_dtype("Conv3D", ("input", x), ("filter", f))
    check_dtype_in("Conv3D", x, FLOATS, "input")
    return [(x._dtype.base_dtype, _conv3d_out_shape(x._shape, f._shape, attrs))]


def _sizes_shape(op_type, sizes: Tensor, what: str) -> TensorShape:
    s = sizes._shape
    if s.ndims is not None and s.ndims != 1:
        raise ValueError("Shape must be rank 1 but is rank %d for '%s' (%s %s)"
                         % (s.ndims, op_type, what, s))
    if s.ndims == 1 and s[0] is not None and s[0] != 5:
        raise ValueError("Shape must be rank 5 but is rank %d for '%s' (%s holds %d sizes)"
                         % (s[0], op_type, what, s[0]))
    return _known_shape(sizes, 5)


def _conv3d_bwd_input_rule(inputs, attrs):
    sizes, f, g = inputs
    op_util.check_same_dtype("Conv3DBackpropInputV2", ("filter", f), ("out_backprop", g))
    check_dtype_in("Conv3DBackpropInputV2", f, FLOATS, "filter")
    return [(f._dtype.base_dtype, _sizes_shape("Conv3DBackpropInputV2", sizes, "input_sizes"))]


def _conv3d_bwd_filter_rule(inputs, attrs):
    x, sizes, g = inputs
    op_util.check_same_dtype("Conv3DBackpropFilterV2", ("input", x), ("out_backprop", g))
    check_dtype_in("Conv3DBackpropFilterV2", x, FLOATS, "input")
    return [(x._dtype.base_dtype, _sizes_shape("Conv3DBackpropFilterV2", sizes, "filter_sizes"))]


def _conv3d_grad(op, g):
    x, f = op._inputs
    shapes = _array().shape_n([x, f])
    attrs = dict(op._attrs)
    return [make1("Conv3DBackpropInputV2", [shapes[0], f, g], attrs),
            make1("Conv3DBackpropFilterV2", [x, shapes[1], g], attrs)]


def _conv3d_bwd_input_grad(op, gg):
    _, f, g = op._inputs
    attrs = dict(op._attrs)
    return [None, make1("Conv3DBackpropFilterV2", [gg, _array().shape(f), g], attrs),
            make1("Conv3D", [gg, f], attrs)]


def _conv3d_bwd_filter_grad(op, gg):
    x, _, g = op._inputs
    attrs = dict(op._attrs)
    return [make1("Conv3DBackpropInputV2", [_array().shape(x), gg, g], attrs), None,
            make1("Conv3D", [x, gg], attrs)]


define("Conv3D", _conv3d_rule, _conv3d_kernel, grad=_conv3d_grad)
define("Conv3DBackpropInputV2", _conv3d_bwd_input_rule, _conv3d_bwd_input_kernel,
       grad=_conv3d_bwd_input_grad)
define("Conv3DBackpropFilterV2", _conv3d_bwd_filter_rule, _conv3d_bwd_filter_kernel,
       grad=_conv3d_bwd_filter_grad)


# --- wrappers --------------------------------------------------------------------------------------
def _data_format(data_format) -> str:
    data_format = data_format or "NDHWC"
    if isinstance(data_format, bytes):
        data_format = data_format.decode()
    if data_format not in _FORMATS:
        raise ValueError("Attr 'data_format' of a 3-D op passed string '%s' not in: \"NDHWC\", "
                         "\"NCDHW\"." % (data_format,))
    return data_format


def _padding(padding) -> str:
    if isinstance(padding, bytes):
        padding = padding.decode()
    if not isinstance(padding, str):
        raise TypeError("Expected string for argument 'padding' not %r: 3-D convolution and "
                        "pooling take 'SAME' or 'VALID' only (no explicit padding list)."
                        % (padding,))
    if padding not in ("SAME", "VALID"):
        raise ValueError("Attr 'padding' passed string '%s' not in: \"SAME\", \"VALID\"." % padding)
    return padding


def _list5(value, name: str, op_type: str) -> list:
    """An attr that TF1's op wrappers take as a list of exactly 5 ints (conv3d's strides)."""
    if isinstance(value, numbers.Integral) or value is None:
        raise TypeError("Expected list for '%s' argument to '%s' Op, not %r." % (name, op_type, value))
    value = [int(v) for v in value]
    if len(value) < 5:
        raise ValueError("Attr '%s' of '%s' Op passed list of length %d less than minimum 5."
                         % (name, op_type, len(value)))
    if len(value) != 5:
        raise ValueError("%s requires the %s attribute to contain 5 values, but got: %d"
                         % (op_type, name, len(value)))
    return value


def _seq5(value, name: str, data_format: str) -> list:
    """TF's `ksize`/`strides` spelling for the 3-D pools and conv3d_transpose: an int, or 1, 3 or
    5 values; returned as 5 in data_format order."""
    if isinstance(value, numbers.Integral):
        value = [int(value)]
    if value is None:
        raise ValueError("%s must be given" % name)
    value = [int(v) for v in value]
    if len(value) == 5:
        return value
    if len(value) == 1:
        value = value * 3
    if len(value) != 3:
        raise ValueError("%s should be of length 1, 3 or 5 but was %d" % (name, len(value)))
    return [1, 1] + value if data_format == "NCDHW" else [1] + value + [1]


def conv3d(input, filter=None, strides=None, padding=None, data_format: str = "NDHWC",  # noqa: A002
           dilations=(1, 1, 1, 1, 1), name=None, filters=None) -> Tensor:
    """`tf.nn.conv3d`: 3-D convolution of NDHWC (or NCDHW) `input` with a [kd, kh, kw, in, out]
    filter; `strides` and `dilations` are lists of 5."""
    f = op_util.legacy_kwarg(filters, "filters", filter, "filter")
    data_format = _data_format(data_format)
    attrs = {"strides": _list5(strides, "strides", "Conv3D"), "padding": _padding(padding),
             "data_format": data_format,
             "dilations": _list5([1] * 5 if dilations is None else dilations, "dilations", "Conv3D")}
    with name_scope(name, "Conv3D", [input, f]) as scope:   # constants: `Conv3D/input`, as TF
        x = convert_to_tensor(input, name="input")
        f = op_util.convert_like(f, x, "filter")
        return make1("Conv3D", [x, f], attrs, name=scope)


def conv3d_backprop_filter_v2(input, filter_sizes, out_backprop, strides, padding,  # noqa: A002
                              data_format: str = "NDHWC", dilations=(1, 1, 1, 1, 1),
                              name=None) -> Tensor:
    """`tf.nn.conv3d_backprop_filter_v2`: the gradient of conv3d w.r.t. a filter of shape
    `filter_sizes`."""
    data_format = _data_format(data_format)
    attrs = {"strides": _list5(strides, "strides", "Conv3DBackpropFilterV2"),
             "padding": _padding(padding), "data_format": data_format,
             "dilations": _list5([1] * 5 if dilations is None else dilations, "dilations",
                                 "Conv3DBackpropFilterV2")}
    with name_scope(name, "Conv3DBackpropFilterV2", [input, filter_sizes, out_backprop]) as scope:
        x = convert_to_tensor(input, name="input")
        sizes = convert_to_tensor(filter_sizes, dtype=dtypes.int32, name="filter_sizes")
        g = op_util.convert_like(out_backprop, x, "out_backprop")
        return make1("Conv3DBackpropFilterV2", [x, sizes, g], attrs, name=scope)


conv3d_backprop_filter = conv3d_backprop_filter_v2


def conv3d_transpose(value, filter=None, output_shape=None, strides=None,  # noqa: A002
                     padding: str = "SAME", data_format: str = "NDHWC", name=None,
                     input=None, filters=None, dilations=None) -> Tensor:  # noqa: A002
    """`tf.nn.conv3d_transpose`: the transpose (gradient) of conv3d; the filter is
    [kd, kh, kw, out, in] and `output_shape` the 5 sizes of the result."""
    value = op_util.legacy_kwarg(input, "input", value, "value")
    f = op_util.legacy_kwarg(filters, "filters", filter, "filter")
    data_format = _data_format(data_format)
    attrs = {"strides": _seq5(strides, "strides", data_format), "padding": _padding(padding),
             "data_format": data_format,
             "dilations": _seq5(1 if dilations is None else dilations, "dilations", data_format)}
    with name_scope(name, "conv3d_transpose", [value, f, output_shape]) as scope:
        # converted in the op's argument order, as TF: input_sizes, filter, out_backprop
        if isinstance(output_shape, Tensor):
            sizes = output_shape
        else:
            sizes = convert_to_tensor(output_shape, dtype=dtypes.int32, name="input_sizes")
        if sizes._dtype.base_dtype not in (dtypes.int32, dtypes.int64):
            raise TypeError("output_shape must be int32 or int64, got %s" % sizes._dtype.name)
        if isinstance(value, Tensor) and not isinstance(f, Tensor):
            f = convert_to_tensor(f, dtype=value._dtype.base_dtype, name="filter")
        else:
            f = convert_to_tensor(f, name="filter")
        x = op_util.convert_like(value, f, "out_backprop")
        return make1("Conv3DBackpropInputV2", [sizes, f, x], attrs, name=scope)


# =================================================================================================
# MaxPool3D (+ MaxPool3DGrad, MaxPool3DGradGrad) and AvgPool3D (+ AvgPool3DGrad)
# =================================================================================================
def _check_pool_run(op_type, attrs):
    fmt = attrs.get("data_format", "NDHWC")
    n, c = (0, 1) if fmt == "NCDHW" else (0, 4)
    k, s = attrs["ksize"], attrs["strides"]
    if k[n] != 1 or s[n] != 1:
        raise errors.UnimplementedError(None, None, "%s: pooling is not yet supported on the batch "
                                        "dimension (ksize %s, strides %s)" % (op_type, k, s))
    if k[c] != 1 or s[c] != 1:
        raise errors.UnimplementedError(None, None, "%s: pooling is not yet supported on the depth "
                                        "(channel) dimension (ksize %s, strides %s)"
                                        % (op_type, k, s))


def _pool_setup(op_type, x_shape_ndhwc, attrs):
    _check_pool_run(op_type, attrs)
    geo = _Geometry3D(attrs)
    plan = geo.run_plan(op_type, x_shape_ndhwc[1:4], geo.ksize, (1, 1, 1))
    return geo, plan, _taps(geo.ksize, plan, geo.strides)


def _pool_rule_for(op_type: str, allowed):
    def rule(inputs, attrs):
        x = inputs[0]
        check_dtype_in(op_type, x, allowed, "input")
        if x._shape.ndims is None:
            return [(x._dtype.base_dtype, unknown_shape(5))]
        if x._shape.ndims != 5:
            raise ValueError("Shape must be rank 5 but is rank %d for '%s' (input %s)"
                             % (x._shape.ndims, op_type, x._shape))
        geo = _Geometry3D(attrs)
        n, d, h, w, c = geo.shape_ndhwc(x._shape.as_list())
        try:
            plan = geo.plan((d, h, w), geo.ksize, (1, 1, 1))
        except _NegativeSizeError as e:
            raise _negative_size_error(e, op_type, x._shape) from None
        return [(x._dtype.base_dtype, TensorShape(geo.shape_from_ndhwc([n] + [p[0] for p in plan]
                                                                         + [c])))]
    return rule


def _lowest(dtype):
    return np.asarray(dtypes.dtype_of_numpy(dtype).min, dtype) if dtype.kind == "f" else None


def _max_pool3d_kernel(x, **attrs):
    """The maximum of each window, by TF's vectorised CPU rule: NaN and -inf count as the lowest
    finite value, and padding never wins."""
    _check_rank5("MaxPool3D", input=x)
    _require_kernel("MaxPool3D", x, ("float32", "bfloat16"))
    xn = _Geometry3D(attrs).to_ndhwc(x)
    geo, plan, taps = _pool_setup("MaxPool3D", xn.shape, attrs)
    work = _work_dtype(x.dtype)
    xw = xn.astype(work, copy=False)
    xp = _pad_spatial(np.fmax(xw, _lowest(work)), plan, -np.inf)
    best = xp[taps[0]].copy()
    for tap in taps[1:]:
        np.maximum(best, xp[tap], out=best)
    return geo.from_ndhwc(best.astype(x.dtype, copy=False))


def _max_pool3d_grad_kernel(x, y, g, **attrs):
    """Each output's gradient goes to the first input of its window (row-major, padding
    included) equal to the output `y`, as TF's CPU kernel routes it: it compares the orig_output
    it is given with the input cleaned as the forward pass sees it (NaN and -inf are the lowest
    finite value, padding is the lowest value too), so a window of NaN/-inf whose first tap is
    padding sends its gradient nowhere, as does a window with no input equal to `y`. Gradients
    add up where windows overlap."""
    _check_rank5("MaxPool3DGrad", orig_input=x, orig_output=y, grad=g)
    _require_kernel("MaxPool3DGrad", g, ("float32", "bfloat16"))
    xn = _Geometry3D(attrs).to_ndhwc(x)
    geo, plan, taps = _pool_setup("MaxPool3DGrad", xn.shape, attrs)
    yn, gn = geo.to_ndhwc(y), geo.to_ndhwc(g)
    want = [xn.shape[0]] + [p[0] for p in plan] + [xn.shape[4]]
    _check_sizes("MaxPool3DGrad", "orig_output", yn.shape, want)
    _check_sizes("MaxPool3DGrad", "grad", gn.shape, want)
    work = _work_dtype(x.dtype)
    lowest = _lowest(work)
    xp = _pad_spatial(np.fmax(xn.astype(work, copy=False), lowest), plan, lowest)
    yw = yn.astype(work, copy=False)
    gw = gn.astype(_work_dtype(g.dtype), copy=False)
    dxp = np.zeros(xp.shape, gw.dtype)
    zero = np.zeros((), gw.dtype)
    taken = np.zeros(yw.shape, bool)
    for tap in taps:
        hit = xp[tap] == yw
        hit &= ~taken
        taken |= hit
        dxp[tap] += np.where(hit, gw, zero)
    return geo.from_ndhwc(_crop(dxp, plan, xn.shape[1:4]).astype(g.dtype, copy=False))


def _max_pool3d_grad_grad_kernel(x, y, gg, **attrs):
    """For each window, the incoming gradient at its first (row-major) input equal to `y`."""
    _check_rank5("MaxPool3DGradGrad", orig_input=x, orig_output=y, grad=gg)
    _require_kernel("MaxPool3DGradGrad", gg, ("float32", "bfloat16"))
    if attrs.get("data_format", "NDHWC") != "NDHWC":
        raise errors.InvalidArgumentError(None, None, "MaxPool3DGradGrad: TF's CPU kernel only "
                                          "supports NDHWC (got data_format=NCDHW)")
    xn = _Geometry3D(attrs).to_ndhwc(x)
    geo, plan, taps = _pool_setup("MaxPool3DGradGrad", xn.shape, attrs)
    yn, ggn = geo.to_ndhwc(y), geo.to_ndhwc(gg)
    want = [xn.shape[0]] + [p[0] for p in plan] + [xn.shape[4]]
    _check_sizes("MaxPool3DGradGrad", "orig_output", yn.shape, want)
    _check_sizes("MaxPool3DGradGrad", "grad", ggn.shape, xn.shape)
    work = _work_dtype(gg.dtype)
    xp = _pad_spatial(xn.astype(work, copy=False), plan, np.nan)
    ggp = _pad_spatial(ggn.astype(work, copy=False), plan, 0)
    yw = yn.astype(work, copy=False)
    out = np.zeros(yw.shape, work)
    taken = np.zeros(yw.shape, bool)
    for tap in taps:
        hit = xp[tap] == yw
        hit &= ~taken
        np.copyto(out, ggp[tap], where=hit)
        taken |= hit
    return geo.from_ndhwc(out.astype(gg.dtype, copy=False))


def _zeros_like(t):
    return _array().zeros_like(t)


def _max_pool3d_grad(op, g):
    x, y = op._inputs[0], op._outputs[0]
    return [make1("MaxPool3DGrad", [x, y, g], dict(op._attrs))]


def _max_pool3d_grad_grad(op, gg):
    x, y, _ = op._inputs
    return [_zeros_like(x), _zeros_like(y), make1("MaxPool3DGradGrad", [x, y, gg], dict(op._attrs))]


def _max_pool3d_grad_grad_grad(op, ggg):
    x, y, _ = op._inputs
    return [_zeros_like(x), _zeros_like(y), make1("MaxPool3DGrad", [x, y, ggg], dict(op._attrs))]


def _max_pool3d_grad_rule(inputs, attrs):
    x, y, g = inputs
    op_util.check_same_dtype("MaxPool3DGrad", ("orig_input", x), ("orig_output", y))
    check_dtype_in("MaxPool3DGrad", x, _HALF_FLOATS, "orig_input")
    check_dtype_in("MaxPool3DGrad", g, _HALF_FLOATS, "grad")
    return [(g._dtype.base_dtype, x._shape)]


def _max_pool3d_grad_grad_rule(inputs, attrs):
    x, y, g = inputs
    op_util.check_same_dtype("MaxPool3DGradGrad", ("orig_input", x), ("orig_output", y),
                             ("grad", g))
    return [(g._dtype.base_dtype, y._shape)]


define("MaxPool3D", _pool_rule_for("MaxPool3D", _HALF_FLOATS), _max_pool3d_kernel,
       grad=_max_pool3d_grad)
define("MaxPool3DGrad", _max_pool3d_grad_rule, _max_pool3d_grad_kernel, grad=_max_pool3d_grad_grad)
define("MaxPool3DGradGrad", _max_pool3d_grad_grad_rule, _max_pool3d_grad_grad_kernel,
       grad=_max_pool3d_grad_grad_grad)


def _avg_counts(dims, plan, taps, work):
    """How many real (unpadded) inputs each window holds."""
    ones = _pad_spatial(np.ones((1,) + tuple(dims) + (1,), work), plan, 0)
    counts = ones[taps[0]].copy()
    for tap in taps[1:]:
        counts += ones[tap]
    return counts


def _avg_pool3d_kernel(x, **attrs):
    """The mean of each window over its real inputs (padding is not counted)."""
    _check_rank5("AvgPool3D", input=x)
    _require_kernel("AvgPool3D", x, ("float32", "bfloat16"))
    xn = _Geometry3D(attrs).to_ndhwc(x)
    geo, plan, taps = _pool_setup("AvgPool3D", xn.shape, attrs)
    work = _work_dtype(x.dtype)
    xp = _pad_spatial(xn.astype(work, copy=False), plan, 0)
    sums = xp[taps[0]].copy()
    for tap in taps[1:]:
        sums += xp[tap]
    sums /= _avg_counts(xn.shape[1:4], plan, taps, work)
    return geo.from_ndhwc(sums.astype(x.dtype, copy=False))


def _avg_pool3d_grad_kernel(sizes, g, **attrs):
    """Each output's gradient shared equally by the real inputs of its window."""
    _check_rank5("AvgPool3DGrad", grad=g)
    _require_kernel("AvgPool3DGrad", g, ("float32", "bfloat16"))
    geo = _Geometry3D(attrs)
    shape = geo.shape_ndhwc([int(v) for v in np.reshape(sizes, [-1])])
    if len(shape) != 5:
        raise errors.InvalidArgumentError(None, None, "AvgPool3DGrad: orig_input_shape must have 5 "
                                          "elements, got %s" % shape)
    geo, plan, taps = _pool_setup("AvgPool3DGrad", shape, attrs)
    gn = geo.to_ndhwc(g)
    _check_sizes("AvgPool3DGrad", "grad", gn.shape,
                 [shape[0]] + [p[0] for p in plan] + [shape[4]])
    work = _work_dtype(g.dtype)
    share = gn.astype(work) / _avg_counts(shape[1:4], plan, taps, work)
    dxp = np.zeros([shape[0]] + [n + b + a for n, (_, b, a) in zip(shape[1:4], plan)] + [shape[4]],
                   work)
    for tap in taps:
        dxp[tap] += share
    return geo.from_ndhwc(_crop(dxp, plan, shape[1:4]).astype(g.dtype, copy=False))


def _avg_pool3d_grad(op, g):
    return [make1("AvgPool3DGrad", [_array().shape(op._inputs[0]), g], dict(op._attrs))]


def _avg_pool3d_grad_grad(op, gg):
    # TF returns stop_gradient(orig_input_shape) for the int shape input: the op is made as there
    return [_array().stop_gradient(op._inputs[0]), make1("AvgPool3D", [gg], dict(op._attrs))]


def _avg_pool3d_grad_rule(inputs, attrs):
    sizes, g = inputs
    check_dtype_in("AvgPool3DGrad", g, FLOATS, "grad")
    return [(g._dtype.base_dtype, _sizes_shape("AvgPool3DGrad", sizes, "orig_input_shape"))]


define("AvgPool3D", _pool_rule_for("AvgPool3D", FLOATS), _avg_pool3d_kernel, grad=_avg_pool3d_grad)
define("AvgPool3DGrad", _avg_pool3d_grad_rule, _avg_pool3d_grad_kernel, grad=_avg_pool3d_grad_grad)


def _pool3d(op_type, input, ksize, strides, padding, data_format, name):  # noqa: A002
    data_format = _data_format(data_format)
    attrs = {"ksize": _seq5(ksize, "ksize", data_format),
             "strides": _seq5(strides, "strides", data_format),
             "padding": _padding(padding), "data_format": data_format}
    with name_scope(name, op_type, [input]) as scope:
        x = convert_to_tensor(input, name="input")
        return make1(op_type, [x], attrs, name=scope)


def max_pool3d(input, ksize, strides, padding, data_format: str = "NDHWC",  # noqa: A002
               name=None) -> Tensor:
    """`tf.nn.max_pool3d`: the maximum of each 3-D window; `ksize`/`strides` are an int or 1, 3
    or 5 values."""
    return _pool3d("MaxPool3D", input, ksize, strides, padding, data_format, name)


def avg_pool3d(input, ksize, strides, padding, data_format: str = "NDHWC",  # noqa: A002
               name=None) -> Tensor:
    """`tf.nn.avg_pool3d`: the mean of each 3-D window over its real (unpadded) cells."""
    return _pool3d("AvgPool3D", input, ksize, strides, padding, data_format, name)
