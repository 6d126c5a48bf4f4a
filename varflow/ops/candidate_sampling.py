"""Sampled losses for large output vocabularies: candidate samplers, accidental hits, and
`tf.nn.nce_loss` / `tf.nn.sampled_softmax_loss` (TF's formulas, sparse gradients on the weights).

Samplers are stateful random ops: each run draws `num_sampled` class ids (all distinct when
`unique`) and reports the expected count of each true and sampled class, which the losses use to
correct their logits (`logit - log(expected_count)`).
"""
from __future__ import annotations

import numpy as np

from ..framework import dtypes, errors
from ..framework.graph import convert_to_tensor, name_scope
from ..framework.registry import define
from ..framework.tensor_shape import TensorShape
from . import array_ops, math_ops, nn_ops
from .op_util import make
from .random_ops import get_seed

__all__ = ["log_uniform_candidate_sampler", "uniform_candidate_sampler", "compute_accidental_hits",
           "nce_loss", "sampled_softmax_loss"]

_FLOAT_MAX = np.finfo(np.float32).max


# --- samplers ------------------------------------------------------------------------------------
def _log_uniform_prob(ids, range_max: int) -> np.ndarray:
    ids = np.asarray(ids, dtype=np.float64)
    return (np.log(ids + 2.0) - np.log(ids + 1.0)) / np.log(range_max + 1.0)


def _log_uniform_draw(rng, n: int, range_max: int) -> np.ndarray:
    values = np.floor(np.exp(rng.random(n) * np.log(range_max + 1.0))) - 1
    return np.clip(values, 0, range_max - 1).astype(np.int64)


def _uniform_prob(ids, range_max: int) -> np.ndarray:
    return np.full(np.shape(ids), 1.0 / range_max)


def _uniform_draw(rng, n: int, range_max: int) -> np.ndarray:
    return rng.integers(0, range_max, n, dtype=np.int64)


_DISTRIBUTIONS = {"LogUniformCandidateSampler": (_log_uniform_prob, _log_uniform_draw),
                  "UniformCandidateSampler": (_uniform_prob, _uniform_draw)}


def _expected_count(p: np.ndarray, num_sampled: int, num_tries: int) -> np.ndarray:
    """How often a class of probability `p` appears among the samples (TF's estimate): with
    `num_tries` draws needed for `num_sampled` distinct ids, 1 - (1 - p)^num_tries."""
    if num_tries == num_sampled:
        return p * num_sampled
    return -np.expm1(num_tries * np.log1p(-p))


def _sample(rng, op_type: str, true_classes, num_sampled: int, unique: bool, range_max: int):
    prob, draw = _DISTRIBUTIONS[op_type]
    if unique and num_sampled > range_max:
        raise errors.InvalidArgumentError(None, None, "Sampler: num_sampled (%d) must be at most "
                                          "range_max (%d) when unique=True"
                                          % (num_sampled, range_max))
    if unique:
        chosen: dict = {}
        num_tries = 0
        while len(chosen) < num_sampled:
            for v in draw(rng, num_sampled - len(chosen), range_max):
                num_tries += 1
                if v not in chosen:
                    chosen[int(v)] = None
                    if len(chosen) == num_sampled:
                        break
        sampled = np.fromiter(chosen, dtype=np.int64, count=num_sampled)
    else:
        sampled = draw(rng, num_sampled, range_max)
        num_tries = num_sampled
    true_count = _expected_count(prob(true_classes, range_max), num_sampled, num_tries)
    sampled_count = _expected_count(prob(sampled, range_max), num_sampled, num_tries)
    return sampled, true_count.astype(np.float32), sampled_count.astype(np.float32)


def _sampler_rule(inputs, attrs):
    batch = inputs[0].shape[0] if inputs[0].shape.ndims else None
    return [(dtypes.int64, TensorShape([attrs["num_sampled"]])),
            (dtypes.float32, TensorShape([batch, attrs["num_true"]])),
            (dtypes.float32, TensorShape([attrs["num_sampled"]]))]


def _define_sampler(op_type: str) -> None:
    def compile_(op, runtime):
        rng = runtime.random_generator(op)
        a = op._attrs
        return lambda true_classes: _sample(rng, op_type, true_classes, a["num_sampled"],
                                            a["unique"], a["range_max"])
    define(op_type, _sampler_rule, compile=compile_, stateful=True, differentiable=False)


for _op_type in _DISTRIBUTIONS:
    _define_sampler(_op_type)


def _sampler(op_type, true_classes, num_true, num_sampled, unique, range_max, seed, name):
    true_classes = convert_to_tensor(true_classes, dtype=dtypes.int64, name="true_classes")
    if true_classes.shape.ndims is not None and true_classes.shape.ndims != 2:
        raise ValueError("true_classes must be a matrix [batch_size, num_true], got shape %s"
                         % true_classes.shape)
    if int(range_max) < 1:
        raise ValueError("range_max must be positive, got %s" % range_max)
    s1, s2 = get_seed(seed)
    op = make(op_type, [true_classes],
              {"num_true": int(num_true), "num_sampled": int(num_sampled), "unique": bool(unique),
               "range_max": int(range_max), "seed": s1 or 0, "seed2": s2 or 0},
              name=name or op_type)
    return tuple(op._outputs)


def log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                  seed=None, name=None):
    """Sample class ids from Zipf's law: P(c) = log((c + 2) / (c + 1)) / log(range_max + 1).
    Returns (sampled_candidates, true_expected_count, sampled_expected_count)."""
    return _sampler("LogUniformCandidateSampler", true_classes, num_true, num_sampled, unique,
                    range_max, seed, name)


def uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None,
                              name=None):
    """Sample class ids uniformly from [0, range_max).
    Returns (sampled_candidates, true_expected_count, sampled_expected_count)."""
    return _sampler("UniformCandidateSampler", true_classes, num_true, num_sampled, unique,
                    range_max, seed, name)


# --- accidental hits -------------------------------------------------------------------------------
def _accidental_hits(true_classes, sampled):
    positions: dict = {}
    for j, s in enumerate(sampled.tolist()):
        positions.setdefault(s, []).append(j)
    rows, ids = [], []
    for i, row in enumerate(true_classes.tolist()):
        for label in row:
            for j in positions.get(label, ()):
                rows.append(i)
                ids.append(j)
    return (np.array(rows, dtype=np.int32), np.array(ids, dtype=np.int64),
            np.full(len(rows), -_FLOAT_MAX, dtype=np.float32))


define("ComputeAccidentalHits",
       lambda inputs, attrs: [(dtypes.int32, TensorShape([None])),
                              (dtypes.int64, TensorShape([None])),
                              (dtypes.float32, TensorShape([None]))],
       lambda true_classes, sampled, num_true: _accidental_hits(true_classes, sampled),
       differentiable=False)


def compute_accidental_hits(true_classes, sampled_candidates, num_true, seed=None, name=None):
    """Where a sampled candidate equals one of its row's true classes: (row indices, positions in
    `sampled_candidates`, weights of -FLT_MAX to add to those sampled logits)."""
    true_classes = convert_to_tensor(true_classes, dtype=dtypes.int64, name="true_classes")
    sampled = convert_to_tensor(sampled_candidates, dtype=dtypes.int64, name="sampled_candidates")
    op = make("ComputeAccidentalHits", [true_classes, sampled], {"num_true": int(num_true)},
              name=name or "ComputeAccidentalHits")
    return tuple(op._outputs)


# --- sampled logits and the two losses ---------------------------------------------------------
def _compute_sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true,
                            sampled_values, subtract_log_q, remove_accidental_hits,
                            partition_strategy, seed=None):
    """Logits of each row's true classes and of the shared sampled classes, and their targets
    (1/num_true for true classes, 0 for sampled ones)."""
    a, m = array_ops, math_ops
    weights = list(weights) if isinstance(weights, (list, tuple)) else weights
    biases = list(biases) if isinstance(biases, (list, tuple)) else biases
    inputs = convert_to_tensor(inputs, name="inputs")
    labels = convert_to_tensor(labels, name="labels")
    if labels.dtype.base_dtype != dtypes.int64:
        labels = m.cast(labels, dtypes.int64)
    labels_flat = a.reshape(labels, [-1])
    if sampled_values is None:
        sampled_values = log_uniform_candidate_sampler(labels, num_true, num_sampled, True,
                                                       num_classes, seed=seed)
    sampled, true_expected, sampled_expected = (a.stop_gradient(convert_to_tensor(s))
                                                for s in sampled_values)
    sampled = m.cast(sampled, dtypes.int64)
    all_ids = a.concat([labels_flat, sampled], 0)
    all_w = nn_ops.embedding_lookup(weights, all_ids, partition_strategy=partition_strategy)
    n_true = a.shape(labels_flat)[0]
    true_w = a.slice(all_w, [0, 0], a.stack([n_true, -1]))
    sampled_w = a.slice(all_w, a.stack([n_true, 0]), [-1, -1])
    sampled_logits = m.matmul(inputs, sampled_w, transpose_b=True)
    all_b = nn_ops.embedding_lookup(biases, all_ids, partition_strategy=partition_strategy)
    true_b = a.slice(all_b, [0], a.reshape(n_true, [1]))
    sampled_b = a.slice(all_b, a.reshape(n_true, [1]), [-1])
    dim = a.shape(true_w)[1:2]
    true_w = a.reshape(true_w, a.concat([[-1, num_true], dim], 0))
    dots = m.multiply(a.expand_dims(inputs, 1), true_w)
    true_logits = m.reduce_sum(dots, axis=2) + a.reshape(true_b, [-1, num_true])
    sampled_logits = sampled_logits + sampled_b
    if remove_accidental_hits:
        rows, ids, hit_weights = compute_accidental_hits(labels, sampled, num_true=num_true)
        indices = a.stack([m.cast(rows, dtypes.int64), ids], axis=1)
        logits_shape = a.stack([a.shape(labels, out_type=dtypes.int64)[0],
                                convert_to_tensor(int(num_sampled), dtype=dtypes.int64)])
        sampled_logits = sampled_logits + a.scatter_nd(
            indices, m.cast(hit_weights, sampled_logits.dtype), logits_shape)
    if subtract_log_q:
        true_logits = true_logits - m.log(m.cast(true_expected, true_logits.dtype))
        sampled_logits = sampled_logits - m.log(m.cast(sampled_expected, sampled_logits.dtype))
    out_logits = a.concat([true_logits, sampled_logits], 1)
    out_labels = a.concat([a.ones_like(true_logits) / num_true, a.zeros_like(sampled_logits)], 1)
    return out_logits, out_labels


def nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
             sampled_values=None, remove_accidental_hits=False, partition_strategy="mod",
             name="nce_loss"):
    """`tf.nn.nce_loss`: noise-contrastive estimation, a per-example loss [batch_size] whose
    gradient touches only the true and sampled rows of `weights` (IndexedSlices)."""
    with name_scope(name, "nce_loss", [inputs, labels]):
        logits, targets = _compute_sampled_logits(
            weights, biases, labels, inputs, num_sampled, num_classes, num_true, sampled_values,
            True, remove_accidental_hits, partition_strategy)
        losses = nn_ops.sigmoid_cross_entropy_with_logits(labels=targets, logits=logits,
                                                          name="sampled_losses")
        return math_ops.reduce_sum(losses, axis=1)


def sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
                         sampled_values=None, remove_accidental_hits=True,
                         partition_strategy="mod", name="sampled_softmax_loss", seed=None):
    """`tf.nn.sampled_softmax_loss`: softmax cross entropy over the true and sampled classes only,
    a per-example loss [batch_size] (training-time stand-in for the full softmax)."""
    with name_scope(name, "sampled_softmax_loss", [inputs, labels]):
        logits, targets = _compute_sampled_logits(
            weights, biases, labels, inputs, num_sampled, num_classes, num_true, sampled_values,
            True, remove_accidental_hits, partition_strategy, seed=seed)
        targets = array_ops.stop_gradient(targets, name="labels_stop_gradient")
        return nn_ops.softmax_cross_entropy_with_logits_v2(labels=targets, logits=logits)
