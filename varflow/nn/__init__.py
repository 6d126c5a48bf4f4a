"""`tf.nn`: the neural-network namespace (activations, convolutions, pooling, losses, lookups).

Re-exports only; the ops live in `varflow.ops.nn_ops` (3-D convolution and pooling in `nn3d_ops`,
sigmoid/tanh in `math_ops`).
"""
# ruff: noqa: F401
from ..ops.math_ops import log_sigmoid, sigmoid, tanh
from ..ops.nn_ops import (atrous_conv2d, avg_pool, avg_pool2d, batch_normalization, bias_add, conv1d,
                          conv2d, conv2d_backprop_filter, conv2d_backprop_input, conv2d_transpose,
                          crelu, depthwise_conv2d, depthwise_conv2d_native, dropout, elu,
                          embedding_lookup, fused_batch_norm, in_top_k, l2_loss, l2_normalize,
                          leaky_relu, log_poisson_loss, log_softmax, max_pool, max_pool2d, moments,
                          relu, relu6, selu, separable_conv2d, sigmoid_cross_entropy_with_logits,
                          softmax, softmax_cross_entropy_with_logits,
                          softmax_cross_entropy_with_logits_v2, softplus, softsign,
                          sparse_softmax_cross_entropy_with_logits, swish, top_k,
                          weighted_cross_entropy_with_logits, xw_plus_b, zero_fraction)
from ..ops.nn_ops import (max_pool_with_argmax, normalize_moments, sufficient_statistics,
                          weighted_moments)
from ..ops.nn3d_ops import (avg_pool3d, conv3d, conv3d_backprop_filter, conv3d_backprop_filter_v2,
                            conv3d_transpose, max_pool3d)

silu = swish
from ..ops.candidate_sampling import (compute_accidental_hits, log_uniform_candidate_sampler,  # noqa: E402
                                      nce_loss, sampled_softmax_loss, uniform_candidate_sampler)
from ..ops.sparse_ops import embedding_lookup_sparse, safe_embedding_lookup_sparse  # noqa: E402

# Less common ops and the recurrent cells (built on tf.layers) load on first use, keeping
# `import varflow` light: name -> the module defining it.
_LAZY = {name: "..ops.rnn" for name in ("bidirectional_dynamic_rnn", "dynamic_rnn",
                                         "static_bidirectional_rnn", "static_rnn",
                                         "static_state_saving_rnn")}
_LAZY.update({name: "..ops.nn_lrn_ops" for name in ("local_response_normalization", "lrn")})
_LAZY.update({name: "..ops.nn_spatial_ops" for name in ("depth_to_space", "space_to_depth",
                                                        "space_to_batch")})
_LAZY.update({name: "..ops.nn_morph_ops" for name in ("dilation2d", "erosion2d")})
_LAZY.update({name: "..ops.nn_nd_ops" for name in (
    "avg_pool1d", "avg_pool_v2", "conv1d_transpose", "convolution", "depthwise_conv2d_backprop_filter",
    "depthwise_conv2d_backprop_input", "depthwise_conv2d_native_backprop_filter",
    "depthwise_conv2d_native_backprop_input", "max_pool1d", "max_pool_v2", "pool", "relu_layer",
    "with_space_to_batch")})


def __getattr__(name: str):
    import importlib

    if name == "rnn_cell":
        value = importlib.import_module(".rnn_cell", __name__)
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError("module 'varflow.nn' has no attribute %r" % name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | {"rnn_cell", *_LAZY})
