"""float32 convolution kernels from oneDNN, the library TensorFlow's own CPU convolutions run on,
and its GEMM for the matrix products of plans that run them (see runtime/kernel_choice.py).

Used when the optional `onednn-cpu-gomp` package is installed (`pip install varflow[onednn]`) and
`VARFLOW_ONEDNN` is not `0`: its shared library is loaded through ctypes on the first convolution
(nothing at import). Each (kind, shapes, strides, dilations, padding) gets one oneDNN primitive,
created once and cached; a call wraps the NumPy arrays as oneDNN memory without copying and runs
it with a scratchpad of its own, so concurrent calls from several threads are safe. A layout or
geometry oneDNN declines returns None, and the caller runs its NumPy kernel instead.

Why oneDNN and not hand-written kernels: on the 2-core AVX-512 VM the seed's second conv layer
took 15-17 ms per batch in oneDNN against 30-48 ms as OpenBLAS GEMMs over patch matrices (whose
per-core speed is the ceiling of any GEMM-based convolution in NumPy). Why ctypes: oneDNN ships
only its C library on PyPI, no Python binding.
"""
from __future__ import annotations

import ctypes
import os
import threading

import numpy as np

_F32 = 3                      # dnnl_f32
_TAG_X, _TAG_NHWC, _TAG_HWIO = 2, 22, 28      # dnnl_a, dnnl_acdb, dnnl_cdba
_CPU, _IN_ORDER = 1, 1        # dnnl_cpu, dnnl_stream_in_order
_FORWARD_TRAINING = 64
_CONV_DIRECT = 1
_SCRATCHPAD_USER = 1
_QUERY_SCRATCHPAD_MD = 136
_TAG_ANY = 1                  # dnnl_format_tag_any: the primitive picks the layout
_ARG_SRC, _ARG_WEIGHTS, _ARG_BIAS, _ARG_DST = 1, 33, 41, 17
_ARG_DIFF_SRC, _ARG_DIFF_DST, _ARG_DIFF_WEIGHTS, _ARG_SCRATCHPAD = 129, 145, 161, 80
_MAX_NDIMS = 12
_QUERY_MD = {_ARG_WEIGHTS: 131, _ARG_DIFF_WEIGHTS: 132}   # dnnl_query_weights_md / diff_weights_md
_CACHE_LIMIT = 256            # primitives kept (one per distinct convolution geometry)

_Dims = ctypes.c_int64 * _MAX_NDIMS
_P = ctypes.c_void_p


class _Arg(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_int), ("memory", _P)]


_INT, _STATUS = ctypes.c_int, ctypes.c_int
_OUT = ctypes.POINTER(_P)               # where a created object's handle is written
_DIMS = ctypes.POINTER(ctypes.c_int64)
_SIGNATURES = {                         # the C API functions used: (return type, argument types)
    "dnnl_engine_create": (_STATUS, [_OUT, _INT, ctypes.c_size_t]),
    "dnnl_stream_create": (_STATUS, [_OUT, _P, ctypes.c_uint]),
    "dnnl_stream_wait": (_STATUS, [_P]),
    "dnnl_primitive_attr_create": (_STATUS, [_OUT]),
    "dnnl_primitive_attr_set_scratchpad_mode": (_STATUS, [_P, _INT]),
    "dnnl_memory_desc_create_with_tag": (_STATUS, [_OUT, _INT, _DIMS, _INT, _INT]),
    "dnnl_memory_desc_get_size": (ctypes.c_size_t, [_P]),
    "dnnl_memory_desc_equal": (_INT, [_P, _P]),
    "dnnl_memory_desc_destroy": (_STATUS, [_P]),
    "dnnl_memory_create": (_STATUS, [_OUT, _P, _P, _P]),
    "dnnl_memory_destroy": (_STATUS, [_P]),
    "dnnl_convolution_forward_primitive_desc_create": (
        _STATUS, [_OUT, _P, _INT, _INT, _P, _P, _P, _P, _DIMS, _DIMS, _DIMS, _DIMS, _P]),
    "dnnl_convolution_backward_data_primitive_desc_create": (
        _STATUS, [_OUT, _P, _INT, _P, _P, _P, _DIMS, _DIMS, _DIMS, _DIMS, _P, _P]),
    "dnnl_convolution_backward_weights_primitive_desc_create": (
        _STATUS, [_OUT, _P, _INT, _P, _P, _P, _P, _DIMS, _DIMS, _DIMS, _DIMS, _P, _P]),
    "dnnl_reorder_primitive_desc_create": (_STATUS, [_OUT, _P, _P, _P, _P, _P]),
    "dnnl_primitive_desc_query_md": (_P, [_P, _INT, _INT]),
    "dnnl_primitive_desc_destroy": (_STATUS, [_P]),
    "dnnl_primitive_create": (_STATUS, [_OUT, _P]),
    "dnnl_primitive_destroy": (_STATUS, [_P]),
    "dnnl_primitive_execute": (_STATUS, [_P, _P, _INT, ctypes.POINTER(_Arg)]),
    "dnnl_primitive_attr_destroy": (_STATUS, [_P]),
    "dnnl_primitive_attr_set_post_ops": (_STATUS, [_P, _P]),
    "dnnl_primitive_attr_set_scales_mask": (_STATUS, [_P, _INT, _INT]),
    "dnnl_post_ops_create": (_STATUS, [_OUT]),
    "dnnl_post_ops_destroy": (_STATUS, [_P]),
    "dnnl_post_ops_append_sum": (_STATUS, [_P, ctypes.c_float, ctypes.c_int32, _INT]),
    "dnnl_post_ops_append_eltwise": (_STATUS, [_P, _INT, ctypes.c_float, ctypes.c_float]),
    "dnnl_post_ops_append_binary": (_STATUS, [_P, _INT, _P]),
    "dnnl_binary_primitive_desc_create": (_STATUS, [_OUT, _P, _INT, _P, _P, _P, _P]),
    "dnnl_sgemm": (_STATUS, [ctypes.c_char, ctypes.c_char, ctypes.c_int64, ctypes.c_int64,
                             ctypes.c_int64, ctypes.c_float, _P, ctypes.c_int64, _P,
                             ctypes.c_int64, ctypes.c_float, _P, ctypes.c_int64]),
}


class _OneDnnError(RuntimeError):
    """A oneDNN call returned a status other than success."""


def _library_path() -> str | None:
    """libdnnl.so.3 of the installed onednn-cpu-gomp package, or VARFLOW_ONEDNN_LIBRARY."""
    path = os.environ.get("VARFLOW_ONEDNN_LIBRARY")
    if path:
        return path
    try:
        from importlib import metadata
        files = metadata.files("onednn-cpu-gomp") or []
    except Exception:  # noqa: BLE001 - not installed (PackageNotFoundError) or unreadable metadata
        return None
    for f in files:
        if f.name.startswith("libdnnl.so"):
            return str(f.locate())
    return None


class _OneDnn:
    """The loaded library, its CPU engine, one stream per thread and the primitive cache."""

    def __init__(self, lib):
        self.lib = lib
        for name, (restype, argtypes) in _SIGNATURES.items():
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
        self.engine = _P()
        self.check(lib.dnnl_engine_create(ctypes.byref(self.engine), _CPU, 0), "engine_create")
        self.local = threading.local()
        self.lock = threading.Lock()
        self.cache: dict = {}
        self.made: list = []          # descriptors created for the primitive being made
        self.attr = _P()
        self.check(lib.dnnl_primitive_attr_create(ctypes.byref(self.attr)), "attr_create")
        self.check(lib.dnnl_primitive_attr_set_scratchpad_mode(self.attr, _SCRATCHPAD_USER),
                   "set_scratchpad_mode")

    @staticmethod
    def check(status: int, what: str) -> None:
        if status != 0:
            raise _OneDnnError("oneDNN %s failed with status %d" % (what, status))

    def stream(self):
        stream = getattr(self.local, "stream", None)
        if stream is None:
            stream = _P()
            self.check(self.lib.dnnl_stream_create(ctypes.byref(stream), self.engine, _IN_ORDER),
                       "stream_create")
            self.local.stream = stream
        return stream

    def md(self, dims, tag):
        """A float32 memory descriptor, owned by the primitive being made (see `primitive`)."""
        desc = _P()
        self.check(self.lib.dnnl_memory_desc_create_with_tag(
            ctypes.byref(desc), len(dims), _Dims(*dims), _F32, tag), "memory_desc_create")
        self.made.append(desc)
        return desc

    def primitive(self, key, make_pd):
        """The cached `_Compiled` primitive for `key`, made from what `make_pd` returns (see
        `_compile`); None where oneDNN has no implementation for it."""
        entry = self.cache.get(key)
        if entry is None:
            with self.lock:
                entry = self.cache.get(key)
                if entry is None:
                    if len(self.cache) >= _CACHE_LIMIT:
                        self.cache.clear()     # primitives are small; drop rather than track use
                    self.made = []
                    try:
                        entry = self._compile(*make_pd())
                        entry.owned = self.made
                    except _OneDnnError:
                        for desc in self.made:
                            self.lib.dnnl_memory_desc_destroy(desc)
                        entry = False          # no implementation: the NumPy kernel runs
                    self.made = []
                    self.cache[key] = entry
        return entry or None

    def _compile(self, pd, descs: dict, weights_arg=None, plain_weights=None):
        """A `_Compiled` from a primitive descriptor and its arguments' memory descriptors. Where
        the primitive left its filter layout to oneDNN (`weights_arg`), the layout it chose and a
        reorder between it and TF's HWIO layout (`plain_weights`) come with it."""
        compiled = self._compiled(pd, descs)
        if weights_arg is not None:
            chosen = _P(self.lib.dnnl_primitive_desc_query_md(pd, _QUERY_MD[weights_arg], 0))
            if not self.lib.dnnl_memory_desc_equal(chosen, plain_weights):
                reads = weights_arg == _ARG_WEIGHTS
                src, dst = (plain_weights, chosen) if reads else (chosen, plain_weights)
                reorder = _P()
                self.check(self.lib.dnnl_reorder_primitive_desc_create(
                    ctypes.byref(reorder), src, self.engine, dst, self.engine, self.attr),
                    "reorder_primitive_desc_create")
                compiled.reorder = self._compiled(reorder, {_ARG_SRC: src, _ARG_DST: dst})
                compiled.weights_arg = weights_arg
                compiled.weights_bytes = self.lib.dnnl_memory_desc_get_size(chosen)
                descs[weights_arg] = chosen
        return compiled

    def _compiled(self, pd, descs: dict) -> "_Compiled":
        prim = _P()
        self.check(self.lib.dnnl_primitive_create(ctypes.byref(prim), pd), "primitive_create")
        scratch_md = self.lib.dnnl_primitive_desc_query_md(pd, _QUERY_SCRATCHPAD_MD, 0)
        size = self.lib.dnnl_memory_desc_get_size(_P(scratch_md)) if scratch_md else 0
        if size:
            descs[_ARG_SCRATCHPAD] = _P(scratch_md)
        return _Compiled(self.lib, prim, pd, descs, size)

    def execute(self, entry: "_Compiled", arrays: dict) -> None:
        """Run a cached primitive on NumPy arrays (C-contiguous float32), arg id -> array, with
        its filter reordered into (or its filter gradient out of) oneDNN's layout around it."""
        if entry.reorder is None:
            self._run(entry, arrays)
            return
        arg = entry.weights_arg
        hwio, arrays[arg] = arrays[arg], np.empty(entry.weights_bytes, np.uint8)
        if arg == _ARG_WEIGHTS:
            self._run(entry.reorder, {_ARG_SRC: hwio, _ARG_DST: arrays[arg]})
            self._run(entry, arrays)
        else:
            self._run(entry, arrays)
            self._run(entry.reorder, {_ARG_SRC: arrays[arg], _ARG_DST: hwio})

    def _run(self, entry: "_Compiled", arrays: dict) -> None:
        lib = self.lib
        if entry.scratch_bytes:
            arrays = dict(arrays)
            arrays[_ARG_SCRATCHPAD] = np.empty(entry.scratch_bytes, np.uint8)
        mems = []
        try:
            for arg, array in arrays.items():
                mem = _P()
                self.check(lib.dnnl_memory_create(ctypes.byref(mem), entry.descs[arg], self.engine,
                                                  _P(array.ctypes.data)), "memory_create")
                mems.append((arg, mem))
            args = (_Arg * len(mems))(*[_Arg(arg, mem) for arg, mem in mems])
            stream = self.stream()
            self.check(lib.dnnl_primitive_execute(entry.prim, stream, len(mems), args), "execute")
            self.check(lib.dnnl_stream_wait(stream), "stream_wait")
        finally:
            for _, mem in mems:
                lib.dnnl_memory_destroy(mem)


class _Compiled:
    """A oneDNN primitive and what a run of it needs: its primitive descriptor (kept alive with
    it), a memory descriptor per argument, its scratchpad size, and, where oneDNN chose its own
    filter layout, the reorder to or from TF's HWIO filter. Its C objects are freed with it (when
    the cache drops it and no run holds it)."""

    __slots__ = ("lib", "prim", "pd", "descs", "scratch_bytes", "reorder", "weights_arg",
                 "weights_bytes", "owned")

    def __init__(self, lib, prim, pd, descs: dict, scratch_bytes: int):
        self.lib = lib
        self.prim = prim
        self.pd = pd
        self.descs = descs
        self.scratch_bytes = scratch_bytes
        self.reorder = None
        self.weights_arg = None
        self.weights_bytes = 0
        self.owned: list = []         # descriptors this primitive created (the rest are pd's)

    def __del__(self):
        try:
            self.lib.dnnl_primitive_destroy(self.prim)
            self.lib.dnnl_primitive_desc_destroy(self.pd)
            for desc in self.owned:
                self.lib.dnnl_memory_desc_destroy(desc)
        except Exception:  # noqa: BLE001 - at interpreter exit the library may be gone
            pass


_STATE: dict = {}
_LOAD_LOCK = threading.Lock()


def _onednn() -> _OneDnn | None:
    """The loaded library, or None (not installed, disabled, or it failed to load)."""
    if "dnn" not in _STATE:
        with _LOAD_LOCK:
            if "dnn" not in _STATE:
                _STATE["dnn"] = _load()
    return _STATE["dnn"]


def _load() -> _OneDnn | None:
    if os.environ.get("VARFLOW_ONEDNN", "1") == "0":
        return None
    path = _library_path()
    if not path:
        return None
    # GNU OpenMP's threads spin ~300,000 times after each parallel region by default, and stalled
    # NumPy's OpenBLAS threads on few cores (and the other way round: a conv + dense + Adam step
    # measured 61-68 ms so, 45-49 ms with threads that sleep at once). Sleeping at once costs a
    # wake-up per primitive instead (oneDNN's GEMM of a 128x512 by 512x512 product took 627 µs so,
    # against 315 µs spinning 30,000 times and 374 µs in OpenBLAS); with the products on oneDNN
    # too (runtime/kernel_choice.py) a short spin is best. libgomp reads this when it loads,
    # which is here; a user's own setting stands.
    if "OMP_WAIT_POLICY" not in os.environ and "GOMP_SPINCOUNT" not in os.environ:
        os.environ["GOMP_SPINCOUNT"] = "30000"
    try:
        dnn = _OneDnn(ctypes.CDLL(path))
    except (OSError, _OneDnnError):
        return None
    if hasattr(os, "register_at_fork"):   # GNU OpenMP's thread pool does not survive fork(): a
        os.register_at_fork(after_in_child=_use_numpy_kernels)   # forked child runs NumPy's
    return dnn


def _use_numpy_kernels() -> None:
    _STATE["dnn"] = None


def available() -> bool:
    """Whether convolutions run through oneDNN in this process."""
    return _onednn() is not None


def _usable(*arrays) -> bool:
    return all(a.dtype == np.float32 for a in arrays)


def _geometry_dims(strides, dilations, pads):
    (pt, pb), (pl, pr) = pads
    return (_Dims(*strides), _Dims(dilations[0] - 1, dilations[1] - 1), _Dims(pt, pl),
            _Dims(pb, pr))


def _descs(dnn, x_shape, w_shape, y_shape, weights_tag=_TAG_HWIO):
    n, h, w, c = x_shape
    kh, kw, ci, o = w_shape
    return (dnn.md((n, c, h, w), _TAG_NHWC), dnn.md((o, ci, kh, kw), weights_tag),
            dnn.md((n, o, y_shape[1], y_shape[2]), _TAG_NHWC))


def _hwio(dnn, w_shape):
    kh, kw, ci, o = w_shape
    return dnn.md((o, ci, kh, kw), _TAG_HWIO)


def _forward_pd(dnn, src, wei, dst, geometry, bias=None):
    pd = _P()
    dnn.check(dnn.lib.dnnl_convolution_forward_primitive_desc_create(
        ctypes.byref(pd), dnn.engine, _FORWARD_TRAINING, _CONV_DIRECT, src, wei, bias, dst,
        *geometry, dnn.attr), "convolution_forward_primitive_desc_create")
    return pd


def _backward_pd(dnn, x_shape, w_shape, y_shape, strides, dilations, pads, create):
    """A backward convolution's primitive descriptor, made by `create(pd, src, weights, dst,
    geometry, hint)` with the forward one as the hint oneDNN requires, and its (src, weights, dst)
    descriptors. The filter's layout is left to oneDNN: in HWIO only a slow GEMM path runs them."""
    src, wei, dst = _descs(dnn, x_shape, w_shape, y_shape, _TAG_ANY)
    geometry = _geometry_dims(strides, dilations, pads)
    hint = _forward_pd(dnn, src, wei, dst, geometry)
    pd = _P()
    try:
        create(pd, src, wei, dst, geometry, hint)
    finally:
        dnn.lib.dnnl_primitive_desc_destroy(hint)
    return pd, src, wei, dst


def _key(kind, x_shape, w_shape, y_shape, strides, dilations, pads):
    return (kind, tuple(x_shape), tuple(w_shape), tuple(y_shape), tuple(strides),
            tuple(dilations), tuple(pads))


def conv2d(x: np.ndarray, w: np.ndarray, out_hw, strides, dilations, pads,
           bias: np.ndarray | None = None) -> np.ndarray | None:
    """NHWC input x HWIO filter (+ a per-channel bias added to each output value) -> NHWC output
    of spatial size `out_hw`; None where oneDNN does not run it (not float32, not installed, a
    geometry it declines)."""
    dnn = _onednn()
    if dnn is None or not _usable(x, w) or (bias is not None and not _usable(bias)):
        return None
    y_shape = (x.shape[0], out_hw[0], out_hw[1], w.shape[3])

    def make_pd():
        src, wei, dst = _descs(dnn, x.shape, w.shape, y_shape)
        descs = {_ARG_SRC: src, _ARG_WEIGHTS: wei, _ARG_DST: dst}
        if bias is not None:
            descs[_ARG_BIAS] = dnn.md((w.shape[3],), _TAG_X)
        pd = _forward_pd(dnn, src, wei, dst, _geometry_dims(strides, dilations, pads),
                         descs.get(_ARG_BIAS))
        return pd, descs
    entry = dnn.primitive(_key("fwd" if bias is None else "fwd_bias", x.shape, w.shape, y_shape,
                               strides, dilations, pads), make_pd)
    if entry is None:
        return None
    y = np.empty(y_shape, np.float32)
    arrays = {_ARG_SRC: np.ascontiguousarray(x), _ARG_WEIGHTS: np.ascontiguousarray(w), _ARG_DST: y}
    if bias is not None:
        arrays[_ARG_BIAS] = np.ascontiguousarray(bias)
    dnn.execute(entry, arrays)
    return y


def conv2d_backprop_input(input_shape, w: np.ndarray, g: np.ndarray, strides, dilations,
                          pads) -> np.ndarray | None:
    """The gradient w.r.t. the NHWC input of shape `input_shape`, from the output gradient g."""
    dnn = _onednn()
    if dnn is None or not _usable(w, g):
        return None
    input_shape = tuple(int(d) for d in input_shape)

    def make_pd():
        def create(pd, src, wei, dst, geometry, hint):
            dnn.check(dnn.lib.dnnl_convolution_backward_data_primitive_desc_create(
                ctypes.byref(pd), dnn.engine, _CONV_DIRECT, src, wei, dst, *geometry, hint,
                dnn.attr), "convolution_backward_data_primitive_desc_create")
        pd, src, wei, dst = _backward_pd(dnn, input_shape, w.shape, g.shape, strides, dilations,
                                         pads, create)
        return (pd, {_ARG_DIFF_SRC: src, _ARG_WEIGHTS: wei, _ARG_DIFF_DST: dst}, _ARG_WEIGHTS,
                _hwio(dnn, w.shape))
    entry = dnn.primitive(_key("bwd_data", input_shape, w.shape, g.shape, strides, dilations, pads),
                          make_pd)
    if entry is None:
        return None
    dx = np.empty(input_shape, np.float32)
    dnn.execute(entry, {_ARG_DIFF_SRC: dx, _ARG_WEIGHTS: np.ascontiguousarray(w),
                        _ARG_DIFF_DST: np.ascontiguousarray(g)})
    return dx


def conv2d_backprop_filter(x: np.ndarray, filter_shape, g: np.ndarray, strides, dilations,
                           pads) -> np.ndarray | None:
    """The gradient w.r.t. the HWIO filter of shape `filter_shape`, from the output gradient g."""
    dnn = _onednn()
    if dnn is None or not _usable(x, g):
        return None
    filter_shape = tuple(int(d) for d in filter_shape)

    def make_pd():
        def create(pd, src, wei, dst, geometry, hint):
            dnn.check(dnn.lib.dnnl_convolution_backward_weights_primitive_desc_create(
                ctypes.byref(pd), dnn.engine, _CONV_DIRECT, src, wei, None, dst, *geometry, hint,
                dnn.attr), "convolution_backward_weights_primitive_desc_create")
        pd, src, wei, dst = _backward_pd(dnn, x.shape, filter_shape, g.shape, strides, dilations,
                                         pads, create)
        return (pd, {_ARG_SRC: src, _ARG_DIFF_WEIGHTS: wei, _ARG_DIFF_DST: dst}, _ARG_DIFF_WEIGHTS,
                _hwio(dnn, filter_shape))
    entry = dnn.primitive(_key("bwd_filter", x.shape, filter_shape, g.shape, strides, dilations,
                               pads), make_pd)
    if entry is None:
        return None
    dw = np.empty(filter_shape, np.float32)
    dnn.execute(entry, {_ARG_SRC: np.ascontiguousarray(x), _ARG_DIFF_WEIGHTS: dw,
                        _ARG_DIFF_DST: np.ascontiguousarray(g)})
    return dw


def matmul(a: np.ndarray, b: np.ndarray, transpose_a: bool = False,
           transpose_b: bool = False) -> np.ndarray | None:
    """op(a) @ op(b) for 2-D float32 matrices through oneDNN's GEMM, on the same OpenMP threads
    as its convolutions; None where oneDNN does not run it (not installed, other dtypes or ranks,
    an empty dimension)."""
    dnn = _onednn()
    if dnn is None or a.ndim != 2 or b.ndim != 2 or not _usable(a, b):
        return None
    m, k = a.shape[::-1] if transpose_a else a.shape
    n = b.shape[0] if transpose_b else b.shape[1]
    if not (m and n and k):
        return None
    a, b = np.ascontiguousarray(a), np.ascontiguousarray(b)
    c = np.empty((m, n), np.float32)
    dnn.check(dnn.lib.dnnl_sgemm(b"T" if transpose_a else b"N", b"T" if transpose_b else b"N",
                                 m, n, k, 1.0, a.ctypes.data, a.shape[1], b.ctypes.data,
                                 b.shape[1], 0.0, c.ctypes.data, n), "sgemm")
    return c
