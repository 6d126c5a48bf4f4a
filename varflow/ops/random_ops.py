"""Random ops (`tf.random_normal`, `tf.random_uniform`, …) and TF1's graph/op seed rules.

Random ops are stateful: each binds, per session, to a generator from `runtime.random_generator(op)`
seeded by the op's `seed`/`seed2` attrs. Each run draws new numbers; a new session restarts the
sequence, so a fresh graph with the same seeds reproduces its results.
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import Tensor, convert_to_tensor, get_default_graph, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape
from .op_util import FLOATS, INTS, check_dtype_in, const_value, make1

__all__ = ["random_normal", "random_uniform", "truncated_normal", "random_shuffle", "multinomial",
           "random_gamma", "random_poisson", "random_crop", "set_random_seed", "get_seed"]
# (the stateless_* draws are reached through tf.random only, as in TF)

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2 ** 31 - 1


# --- seeds -------------------------------------------------------------------------------------
def set_random_seed(seed) -> None:
    """`tf.set_random_seed`: the graph-level seed that makes every random op of the default graph
    deterministic (op seeds not given are derived from the op's position in the graph)."""
    get_default_graph().seed = seed


def get_seed(op_seed):
    """`tf.get_seed`: the (seed, seed2) pair a random op uses, by TF1's rules: with a graph seed,
    a missing op seed becomes the graph's last op id; an op seed alone pairs with 87654321;
    neither gives (None, None), i.e. non-deterministic."""
    graph = get_default_graph()
    graph_seed = graph.seed
    if graph_seed is not None:
        if op_seed is None:
            op_seed = graph._last_id
        seeds = (int(graph_seed) % _MAXINT32, int(op_seed) % _MAXINT32)
    elif op_seed is not None:
        seeds = (DEFAULT_GRAPH_SEED, int(op_seed) % _MAXINT32)
    else:
        seeds = (None, None)
    if seeds == (0, 0):                      # (0, 0) would mean "non-deterministic" to the kernels
        seeds = (0, _MAXINT32)
    return seeds


def _seed_attrs(seed) -> dict:
    s1, s2 = get_seed(seed)
    return {"seed": s1 or 0, "seed2": s2 or 0}


# --- shapes --------------------------------------------------------------------------------------
def _shape_tensor(shape) -> Tensor:
    """A 1-D int tensor for a shape given as a list (of ints or scalar tensors), TensorShape or tensor."""
    if isinstance(shape, TensorShape):
        if not shape.is_fully_defined():
            raise ValueError("Cannot convert a partially known TensorShape %s to a Tensor" % shape)
        shape = shape.as_list()
    if isinstance(shape, (list, tuple)) and any(isinstance(d, Tensor) for d in shape):
        from . import array_ops

        return array_ops.stack([convert_to_tensor(d, dtype=dtypes.int32) for d in shape])
    if isinstance(shape, Tensor):
        if shape._dtype.base_dtype not in (dtypes.int32, dtypes.int64):
            raise TypeError("shape must be an int32 or int64 tensor, got %s" % shape._dtype.name)
        return shape
    arr = np.asarray(shape)
    if arr.dtype == object or (arr.size and arr.dtype.kind not in "iu"):
        raise ValueError("shape must be a list of integers, got %r" % (shape,))
    if arr.size and arr.min() < 0:
        raise ValueError("Dimension %d must be >= 0 in shape %r" % (int(arr.min()), shape))
    return convert_to_tensor(arr.astype(np.int64) if arr.size and arr.max() > _MAXINT32
                             else arr.astype(np.int32), name="shape")


def _static_shape(shape_t: Tensor) -> TensorShape:
    """What a shape tensor says statically: constants, the known parts of `tf.shape(x)` and of
    stacked or concatenated pieces, else just the rank."""
    from .array_ops import _shape_from_tensor
    return _shape_from_tensor(shape_t)


def _dims(shape) -> tuple:
    dims = tuple(int(d) for d in np.reshape(shape, [-1]))
    if any(d < 0 for d in dims):
        raise errors.InvalidArgumentError(None, None, "Random op shape must be non-negative, got %s"
                                          % (list(dims),))
    return dims


def _drawn(values: np.ndarray, dtype) -> np.ndarray:
    return np.asarray(values).astype(dtype.np_dtype, copy=False)


def _random_op(op_type: str, draw, rule):
    """Define a stateful random op: `draw(rng, attrs, *inputs)` makes one run's values."""
    def compile_(op, runtime):
        rng = runtime.random_generator(op)
        attrs = op._attrs
        return lambda *inputs: draw(rng, attrs, *inputs)
    define(op_type, rule, compile=compile_, stateful=True, differentiable=False)


def _dtype_rule(inputs, attrs):
    return [(attrs["dtype"], _static_shape(inputs[0]))]


def _standard_normal(rng, shape, dtype):
    dims = _dims(shape)
    fast = dtype.np_dtype if dtype in (dtypes.float32, dtypes.float64) else np.float32
    return _drawn(rng.standard_normal(dims, dtype=fast), dtype)


def _truncated(rng, shape, dtype):
    """Normal draws, each one beyond 2 standard deviations drawn again until it lands inside."""
    values = rng.standard_normal(_dims(shape))
    bad = np.abs(values) > 2
    while bad.any():
        values[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(values) > 2
    return _drawn(values, dtype)


def _uniform(rng, shape, dtype):
    dims = _dims(shape)
    fast = dtype.np_dtype if dtype in (dtypes.float32, dtypes.float64) else np.float32
    return _drawn(rng.random(dims, dtype=fast), dtype)


def _uniform_int(rng, shape, minval, maxval, dtype):
    lo, hi = int(minval), int(maxval)
    if lo >= hi:
        raise errors.InvalidArgumentError(None, None, "Need minval < maxval: %d >= %d" % (lo, hi))
    return rng.integers(lo, hi, _dims(shape), dtype=dtype.np_dtype)


_random_op("RandomStandardNormal", lambda rng, attrs, shape: _standard_normal(rng, shape, attrs["dtype"]),
           _dtype_rule)
_random_op("TruncatedNormal", lambda rng, attrs, shape: _truncated(rng, shape, attrs["dtype"]),
           _dtype_rule)
_random_op("RandomUniform", lambda rng, attrs, shape: _uniform(rng, shape, attrs["dtype"]), _dtype_rule)
_random_op("RandomUniformInt",
           lambda rng, attrs, shape, lo, hi: _uniform_int(rng, shape, lo, hi, attrs["Tout"]),
           lambda inputs, attrs: [(attrs["Tout"], _static_shape(inputs[0]))])


def _scale_shift(rnd: Tensor, scale, shift, name: str) -> Tensor:
    from . import math_ops

    return math_ops.add(rnd * scale, shift, name=name)   # the operator names it `mul`, as in TF


def _float_dtype(dtype, op: str):
    dtype = dtypes.as_dtype(dtype).base_dtype
    if dtype not in FLOATS:
        raise TypeError("Invalid dtype %s for %s: it needs a floating point dtype (draw floats and "
                        "tf.cast them)" % (dtype.name, op))
    return dtype


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """`tf.random_normal`: normal draws with the given mean and standard deviation."""
    dtype = _float_dtype(dtype, "random_normal")
    with name_scope(name, "random_normal", [shape, mean, stddev]) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = convert_to_tensor(mean, dtype=dtype, name="mean")
        std_t = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        attrs = {"dtype": dtype, **_seed_attrs(seed)}
        rnd = make1("RandomStandardNormal", [shape_t], attrs, name="RandomStandardNormal")
        return _scale_shift(rnd, std_t, mean_t, scope)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None,
                     name=None) -> Tensor:
    """`tf.truncated_normal`: normal draws, redrawn when more than 2 stddev from the mean."""
    dtype = _float_dtype(dtype, "truncated_normal")
    with name_scope(name, "truncated_normal", [shape, mean, stddev]) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = convert_to_tensor(mean, dtype=dtype, name="mean")
        std_t = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        attrs = {"dtype": dtype, **_seed_attrs(seed)}
        rnd = make1("TruncatedNormal", [shape_t], attrs, name="TruncatedNormal")
        return _scale_shift(rnd, std_t, mean_t, scope)


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None,
                   name=None) -> Tensor:
    """`tf.random_uniform`: uniform draws in [minval, maxval); integer dtypes need `maxval`."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    if dtype not in FLOATS + (dtypes.int32, dtypes.int64):
        raise ValueError("Invalid dtype %s for random_uniform" % dtype.name)
    if maxval is None:
        if dtype.is_integer:
            raise ValueError("Must specify maxval for integer dtype %s" % dtype.name)
        maxval = 1
    # As in TF: only the Python ints 0 and 1 skip the bounds (no min/max Consts, no scaling ops)
    unit = isinstance(minval, int) and minval == 0 and isinstance(maxval, int) and maxval == 1
    with name_scope(name, "random_uniform", [shape, minval, maxval]) as scope:
        shape_t = _shape_tensor(shape)
        attrs = _seed_attrs(seed)
        if not unit or dtype.is_integer:
            lo = convert_to_tensor(minval, dtype=dtype, name="min")
            hi = convert_to_tensor(maxval, dtype=dtype, name="max")
        if dtype.is_integer:
            attrs["Tout"] = dtype
            return make1("RandomUniformInt", [shape_t, lo, hi], attrs, name=scope)
        attrs["dtype"] = dtype
        rnd = make1("RandomUniform", [shape_t], attrs, name="RandomUniform")
        if unit:
            return rnd
        return _scale_shift(rnd, hi - lo, lo, scope)   # `sub`, `mul` and the scope-named add


# --- shuffle, multinomial, gamma, poisson ---------------------------------------------------------
def _shuffle(rng, attrs, value):
    if value.ndim == 0:
        return value
    return value[rng.permutation(value.shape[0])]


_random_op("RandomShuffle", _shuffle, lambda inputs, attrs: [(inputs[0]._dtype.base_dtype, inputs[0]._shape)])


def random_shuffle(value, seed=None, name=None) -> Tensor:
    """`tf.random_shuffle`: `value` with its first dimension randomly permuted."""
    v = convert_to_tensor(value, name="value")
    return make1("RandomShuffle", [v], _seed_attrs(seed), name=name or "RandomShuffle")


def _multinomial(rng, attrs, logits, num_samples):
    n = int(num_samples)
    if logits.ndim != 2:
        raise errors.InvalidArgumentError(None, None, "logits should be a matrix, got shape %s"
                                          % (logits.shape,))
    z = logits.astype(np.float64)
    z = z - np.max(np.where(np.isfinite(z), z, -np.inf), axis=1, keepdims=True)
    p = np.exp(z)
    cdf = np.cumsum(p, axis=1)
    u = rng.random((z.shape[0], n)) * cdf[:, -1:]
    out = np.empty((z.shape[0], n), dtype=attrs["output_dtype"].np_dtype)
    for row in range(z.shape[0]):            # one vectorised search per batch row
        out[row] = np.minimum(np.searchsorted(cdf[row], u[row], side="right"), z.shape[1] - 1)
    return out


def _multinomial_rule(inputs, attrs):
    logits, n = inputs
    check_dtype_in("Multinomial", logits, FLOATS + INTS, "logits")
    if logits._shape.ndims not in (None, 2):
        raise ValueError("Shape must be rank 2 but is rank %d for 'Multinomial' (logits)"
                         % logits._shape.ndims)
    nv = const_value(n)
    batch = logits._shape[0] if logits._shape.ndims else None
    return [(attrs["output_dtype"], TensorShape([batch, None if nv is None else int(nv)]))]


_random_op("Multinomial", _multinomial, _multinomial_rule)


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None) -> Tensor:
    """`tf.multinomial`: `num_samples` class indices per row drawn from softmax(logits)."""
    with name_scope(name, "multinomial", [logits]):
        return _categorical(logits, num_samples, output_dtype or dtypes.int64, seed)


def categorical(logits, num_samples, dtype=None, seed=None, name=None) -> Tensor:
    """`tf.random.categorical`: as `multinomial`."""
    with name_scope(name, "categorical", [logits]):
        return _categorical(logits, num_samples, dtype or dtypes.int64, seed)


def _categorical(logits, num_samples, dtype, seed) -> Tensor:
    dtype = dtypes.as_dtype(dtype).base_dtype
    if dtype not in (dtypes.int32, dtypes.int64):
        raise TypeError("output_dtype must be int32 or int64, got %s" % dtype.name)
    lt = convert_to_tensor(logits, name="logits")
    n = convert_to_tensor(num_samples, dtype=dtypes.int32, name="num_samples")
    attrs = {"output_dtype": dtype, **_seed_attrs(seed)}
    return make1("Multinomial", [lt, n], attrs, name="Multinomial")


def _param_rule(inputs, attrs):
    shape, param = inputs
    return [(attrs["dtype"], _static_shape(shape).concatenate(param._shape))]


_random_op("RandomGamma",
           lambda rng, attrs, shape, alpha: _drawn(
               rng.standard_gamma(alpha, size=_dims(shape) + alpha.shape), attrs["dtype"]),
           _param_rule)
_random_op("RandomPoissonV2",
           lambda rng, attrs, shape, lam: _drawn(
               rng.poisson(lam, size=_dims(shape) + lam.shape), attrs["dtype"]),
           _param_rule)


def random_gamma(shape, alpha, beta=None, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """`tf.random_gamma`: Gamma(alpha, beta) draws of shape `shape + broadcast(alpha, beta).shape`,
    divided by beta and kept at least the dtype's smallest normal number (so never 0), as TF."""
    from . import array_ops, math_ops

    dtype = _float_dtype(dtype, "random_gamma")
    with name_scope(name, "random_gamma", [shape, alpha, beta]):
        shape_t = _shape_tensor(shape)
        alpha_t = convert_to_tensor(alpha, dtype=dtype, name="alpha")
        beta_t = convert_to_tensor(1 if beta is None else beta, dtype=dtype, name="beta")
        both = array_ops.broadcast_dynamic_shape(array_ops.shape(alpha_t), array_ops.shape(beta_t))
        attrs = {"dtype": dtype, **_seed_attrs(seed)}
        draws = make1("RandomGamma", [shape_t, array_ops.broadcast_to(alpha_t, both)], attrs,
                      name="RandomGamma")
        return math_ops.maximum(np.finfo(dtype.np_dtype).tiny, draws / beta_t)


def random_poisson(lam, shape, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """`tf.random_poisson`: Poisson(lam) draws of shape `shape + lam.shape`."""
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, "random_poisson", [lam, shape]):
        shape_t = _shape_tensor(shape)
        lam_t = convert_to_tensor(lam, name="lam")
        if not lam_t._dtype.is_floating:
            lam_t = convert_to_tensor(lam, dtype=dtypes.float32, name="lam")
        attrs = {"dtype": dtype, **_seed_attrs(seed)}
        return make1("RandomPoissonV2", [shape_t, lam_t], attrs, name="RandomPoissonV2")


# --- stateless draws: the same values for the same seed pair, in any graph or session ------------
def _stateless_rng(seed: np.ndarray) -> np.random.Generator:
    key = [int(v) & 0xFFFFFFFFFFFFFFFF for v in np.reshape(seed, [-1])]
    return np.random.Generator(np.random.Philox(key=key[0] << 64 | key[1]))


def _stateless_rule(inputs, attrs):
    shape, seed = inputs[0], inputs[1]
    if seed._shape.ndims is not None and seed._shape.as_list() not in ([2], [None]):
        raise ValueError("seed must have shape [2], not %s" % seed._shape)
    return [(attrs["dtype"], _static_shape(shape))]


def _stateless_kernel(draw):
    return lambda shape, seed, dtype: draw(_stateless_rng(seed), shape, dtype)


define("StatelessRandomNormal", _stateless_rule, _stateless_kernel(_standard_normal),
       differentiable=False)
define("StatelessRandomUniform", _stateless_rule, _stateless_kernel(_uniform), differentiable=False)
define("StatelessTruncatedNormal", _stateless_rule, _stateless_kernel(_truncated),
       differentiable=False)


def _stateless(op_type: str, shape, seed, dtype, name) -> Tensor:
    shape_t = _shape_tensor(shape)
    seed_t = convert_to_tensor(seed, name="seed")
    if seed_t._dtype.base_dtype not in (dtypes.int32, dtypes.int64):
        raise TypeError("seed must be an int32 or int64 tensor, got %s" % seed_t._dtype.name)
    return make1(op_type, [shape_t, seed_t], {"dtype": dtype}, name=name)


def stateless_random_normal(shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32,
                            name=None) -> Tensor:
    """`tf.random.stateless_normal`: normal draws determined by the [2]-shaped `seed` alone."""
    dtype = _float_dtype(dtype, "stateless_random_normal")
    with name_scope(name, "stateless_random_normal", [shape, seed, mean, stddev]) as scope:
        rnd = _stateless("StatelessRandomNormal", shape, seed, dtype, "StatelessRandomNormal")
        return _scale_shift(rnd, convert_to_tensor(stddev, dtype=dtype, name="stddev"),
                            convert_to_tensor(mean, dtype=dtype, name="mean"), scope)


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32,
                               name=None) -> Tensor:
    """`tf.random.stateless_truncated_normal`: truncated normal draws determined by `seed`."""
    dtype = _float_dtype(dtype, "stateless_truncated_normal")
    with name_scope(name, "stateless_truncated_normal", [shape, seed, mean, stddev]) as scope:
        rnd = _stateless("StatelessTruncatedNormal", shape, seed, dtype, "StatelessTruncatedNormal")
        return _scale_shift(rnd, convert_to_tensor(stddev, dtype=dtype, name="stddev"),
                            convert_to_tensor(mean, dtype=dtype, name="mean"), scope)


def stateless_random_uniform(shape, seed, minval=0, maxval=None, dtype=dtypes.float32,
                             name=None) -> Tensor:
    """`tf.random.stateless_uniform`: uniform draws in [minval, maxval) determined by `seed`."""
    from . import math_ops

    dtype = _float_dtype(dtype, "stateless_random_uniform")
    with name_scope(name, "stateless_random_uniform", [shape, seed, minval, maxval]) as scope:
        lo = convert_to_tensor(minval, dtype=dtype, name="min")
        hi = convert_to_tensor(1 if maxval is None else maxval, dtype=dtype, name="max")
        rnd = _stateless("StatelessRandomUniform", shape, seed, dtype, "StatelessRandomUniform")
        return _scale_shift(rnd, math_ops.subtract(hi, lo), lo, scope)


def random_crop(value, size, seed=None, name=None) -> Tensor:
    """`tf.random_crop`: a random slice of shape `size` of `value`."""
    from . import array_ops, math_ops

    with name_scope(name, "random_crop", [value, size]) as scope:
        value = convert_to_tensor(value, name="value")
        size_t = convert_to_tensor(size, dtype=dtypes.int32, name="size")
        shape = array_ops.shape(value)
        limit = math_ops.add(math_ops.subtract(shape, size_t), 1)
        offset = math_ops.floormod(
            random_uniform(array_ops.shape(shape), dtype=dtypes.int32, maxval=_MAXINT32, seed=seed),
            limit)
        return array_ops.slice(value, offset, size_t, name=scope)
