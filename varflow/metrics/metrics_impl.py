"""`tf.metrics.*`: streaming metrics. Each returns `(value, update_op)`; the accumulators are
local variables (LOCAL_VARIABLES + METRIC_VARIABLES, not trainable) named under the metric's
variable scope (`accuracy/total`, `accuracy/count`), reset by `tf.local_variables_initializer()`."""
from __future__ import annotations

from ..framework import dtypes
from ..framework.graph import add_to_collections, convert_to_tensor
from ..framework.graph_keys import GraphKeys
from ..ops import array_ops, math_ops, state_ops
from ..variables import variable_scope as vs
from ..variables.variables import Variable

__all__ = ["metric_variable", "mean", "accuracy", "mean_absolute_error", "mean_squared_error",
           "root_mean_squared_error", "true_positives", "false_positives", "true_negatives",
           "false_negatives", "precision", "recall", "auc", "mean_iou", "mean_tensor",
           "true_positives_at_thresholds", "false_positives_at_thresholds",
           "true_negatives_at_thresholds", "false_negatives_at_thresholds"]


def metric_variable(shape, dtype, validate_shape: bool = True, name=None) -> Variable:
    """A zero-initialized local accumulator in LOCAL_VARIABLES and METRIC_VARIABLES."""
    dtype = dtypes.as_dtype(dtype)
    return Variable(lambda: array_ops.zeros(shape, dtype), trainable=False,
                    collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES],
                    validate_shape=validate_shape, name=name)


def _collect(collections, value) -> None:
    if collections:
        add_to_collections(collections, value)


def _squeeze_to_match(predictions, labels, weights=None):
    """TF's `_remove_squeezable_dimensions`: drop a trailing size-1 axis where ranks differ by one."""
    predictions = convert_to_tensor(predictions)
    if labels is not None:
        labels = convert_to_tensor(labels)
        pr, lr = predictions.shape.ndims, labels.shape.ndims
        if pr is not None and lr is not None:
            if pr == lr + 1 and predictions.shape[-1] == 1:
                predictions = array_ops.squeeze(predictions, [-1])
            elif lr == pr + 1 and labels.shape[-1] == 1:
                labels = array_ops.squeeze(labels, [-1])
    if weights is not None:
        weights = convert_to_tensor(weights)
        wr, pr = weights.shape.ndims, predictions.shape.ndims
        if wr is not None and pr is not None and wr == pr + 1 and weights.shape[-1] == 1:
            weights = array_ops.squeeze(weights, [-1])
    return predictions, labels, weights


def _broadcast_weights(weights, values):
    weights = math_ops.cast(convert_to_tensor(weights), dtypes.float32)
    if weights.shape.is_fully_defined() and values.shape.is_fully_defined() and \
            weights.shape == values.shape:
        return weights
    return math_ops.multiply(weights, array_ops.ones_like(values), name="broadcast_weights")


def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """The running (weighted) mean of `values`: total / count."""
    with vs.variable_scope(name, "mean", (values, weights)):
        values = math_ops.cast(convert_to_tensor(values), dtypes.float32)
        total = metric_variable([], dtypes.float32, name="total")
        count = metric_variable([], dtypes.float32, name="count")
        if weights is None:
            num_values = math_ops.cast(array_ops.size(values), dtypes.float32)
        else:
            values, _, weights = _squeeze_to_match(values, None, weights)
            weights = _broadcast_weights(weights, values)
            values = math_ops.multiply(values, weights)
            num_values = math_ops.reduce_sum(weights)
        update_total = state_ops.assign_add(total, math_ops.reduce_sum(values))
        update_count = state_ops.assign_add(count, num_values)
        value = math_ops.div_no_nan(total, math_ops.maximum(count, 0.0), name="value")
        update_op = math_ops.div_no_nan(update_total, math_ops.maximum(update_count, 0.0),
                                        name="update_op")
        _collect(metrics_collections, value)
        _collect(updates_collections, update_op)
        return value, update_op


def mean_tensor(values, weights=None, metrics_collections=None, updates_collections=None,
                name=None):
    """The element-wise running mean of `values` (shape kept)."""
    with vs.variable_scope(name, "mean", (values, weights)):
        values = math_ops.cast(convert_to_tensor(values), dtypes.float32)
        if not values.shape.is_fully_defined():
            raise ValueError("mean_tensor needs a fully defined shape, got %s" % values.shape)
        total = metric_variable(values.shape.as_list(), dtypes.float32, name="total_tensor")
        count = metric_variable(values.shape.as_list(), dtypes.float32, name="count_tensor")
        num_values = array_ops.ones_like(values)
        if weights is not None:
            weights = _broadcast_weights(weights, values)
            values = math_ops.multiply(values, weights)
            num_values = math_ops.multiply(num_values, weights)
        update_total = state_ops.assign_add(total, values)
        update_count = state_ops.assign_add(count, num_values)
        value = math_ops.div_no_nan(total, count, name="value")
        update_op = math_ops.div_no_nan(update_total, update_count, name="update_op")
        _collect(metrics_collections, value)
        _collect(updates_collections, update_op)
        return value, update_op


def accuracy(labels, predictions, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    """How often `predictions` equals `labels` (a `mean` named `accuracy`)."""
    predictions, labels, weights = _squeeze_to_match(predictions, labels, weights)
    predictions.shape.assert_is_compatible_with(labels.shape)
    if labels.dtype.base_dtype != predictions.dtype.base_dtype:
        predictions = math_ops.cast(predictions, labels.dtype.base_dtype)
    is_correct = math_ops.cast(math_ops.equal(predictions, labels), dtypes.float32)
    return mean(is_correct, weights, metrics_collections, updates_collections,
                name or "accuracy")


def mean_absolute_error(labels, predictions, weights=None, metrics_collections=None,
                        updates_collections=None, name=None):
    """Running mean of |predictions - labels|."""
    predictions, labels, weights = _squeeze_to_match(predictions, labels, weights)
    errors = math_ops.abs(predictions - labels)
    return mean(errors, weights, metrics_collections, updates_collections,
                name or "mean_absolute_error")


def mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                       updates_collections=None, name=None):
    """Running mean of (labels - predictions)**2."""
    predictions, labels, weights = _squeeze_to_match(predictions, labels, weights)
    errors = math_ops.squared_difference(labels, predictions)
    return mean(errors, weights, metrics_collections, updates_collections,
                name or "mean_squared_error")


def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    """sqrt of the running mean squared error."""
    mse, update_mse = mean_squared_error(labels, predictions, weights, None, None,
                                         name or "root_mean_squared_error")
    rmse = math_ops.sqrt(mse)
    update_op = math_ops.sqrt(update_mse)
    _collect(metrics_collections, rmse)
    _collect(updates_collections, update_op)
    return rmse, update_op


# --- counts of boolean conditions ------------------------------------------------------------
def _count_condition(values, weights, metrics_collections, updates_collections):
    count = metric_variable([], dtypes.float32, name="count")
    values = math_ops.cast(values, dtypes.float32)
    if weights is not None:
        values = math_ops.multiply(values, math_ops.cast(weights, dtypes.float32))
    value = array_ops.identity(count)
    update_op = state_ops.assign_add(count, math_ops.reduce_sum(values))
    _collect(metrics_collections, value)
    _collect(updates_collections, update_op)
    return value, update_op


def _bool_pair(labels, predictions, weights):
    return _squeeze_to_match(math_ops.cast(predictions, dtypes.bool),
                             math_ops.cast(labels, dtypes.bool), weights)


def _condition_metric(default_name, label_value, pred_value):
    def metric(labels, predictions, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with vs.variable_scope(name, default_name, (predictions, labels, weights)):
            predictions, labels, weights = _bool_pair(labels, predictions, weights)
            condition = math_ops.logical_and(math_ops.equal(labels, label_value),
                                             math_ops.equal(predictions, pred_value))
            return _count_condition(condition, weights, metrics_collections, updates_collections)
    metric.__name__ = default_name
    metric.__doc__ = "Running (weighted) count of %s (labels %s, predictions %s)." % (
        default_name.replace("_", " "), label_value, pred_value)
    return metric


true_positives = _condition_metric("true_positives", True, True)
false_positives = _condition_metric("false_positives", False, True)
true_negatives = _condition_metric("true_negatives", False, False)
false_negatives = _condition_metric("false_negatives", True, False)


def _ratio(a, b, name):
    return array_ops.where(math_ops.greater(a + b, 0), math_ops.divide(a, a + b), 0.0 * a,
                           name=name)


def precision(labels, predictions, weights=None, metrics_collections=None,
              updates_collections=None, name=None):
    """tp / (tp + fp), 0 when there are no positive predictions."""
    with vs.variable_scope(name, "precision", (predictions, labels, weights)):
        predictions, labels, weights = _bool_pair(labels, predictions, weights)
        tp, tp_update = true_positives(labels, predictions, weights)
        fp, fp_update = false_positives(labels, predictions, weights)
        value = _ratio(tp, fp, "value")
        update_op = _ratio(tp_update, fp_update, "update_op")
        _collect(metrics_collections, value)
        _collect(updates_collections, update_op)
        return value, update_op


def recall(labels, predictions, weights=None, metrics_collections=None,
           updates_collections=None, name=None):
    """tp / (tp + fn), 0 when there are no positive labels."""
    with vs.variable_scope(name, "recall", (predictions, labels, weights)):
        predictions, labels, weights = _bool_pair(labels, predictions, weights)
        tp, tp_update = true_positives(labels, predictions, weights)
        fn, fn_update = false_negatives(labels, predictions, weights)
        value = _ratio(tp, fn, "value")
        update_op = _ratio(tp_update, fn_update, "update_op")
        _collect(metrics_collections, value)
        _collect(updates_collections, update_op)
        return value, update_op


# --- threshold-based metrics ---------------------------------------------------------------
_INCLUDES = ("tp", "fn", "tn", "fp")
_VAR_NAMES = {"tp": "true_positives", "fn": "false_negatives", "tn": "true_negatives",
              "fp": "false_positives"}


def _confusion_at_thresholds(labels, predictions, thresholds, weights=None, includes=_INCLUDES):
    """Per-threshold tp/fn/tn/fp accumulators (`prediction > threshold` is positive)."""
    predictions, labels, weights = _squeeze_to_match(
        math_ops.cast(predictions, dtypes.float32), math_ops.cast(labels, dtypes.bool), weights)
    n = len(thresholds)
    preds_2d = array_ops.reshape(predictions, [-1, 1])
    labels_2d = array_ops.reshape(labels, [1, -1])
    num_preds = array_ops.shape(preds_2d)[0]
    thresh = array_ops.tile(array_ops.expand_dims(
        convert_to_tensor(list(thresholds), dtype=dtypes.float32), 1),
        array_ops.stack([1, num_preds]))
    preds_tiled = array_ops.tile(array_ops.transpose(preds_2d), [n, 1])
    pred_pos = math_ops.greater(preds_tiled, thresh)
    pred_neg = math_ops.logical_not(pred_pos)
    label_pos = array_ops.tile(labels_2d, [n, 1])
    label_neg = math_ops.logical_not(label_pos)
    weights_tiled = None
    if weights is not None:
        weights = _broadcast_weights(weights, predictions)
        weights_tiled = array_ops.tile(array_ops.reshape(weights, [1, -1]), [n, 1])
    conditions = {"tp": (label_pos, pred_pos), "fn": (label_pos, pred_neg),
                  "tn": (label_neg, pred_neg), "fp": (label_neg, pred_pos)}
    values, updates = {}, {}
    for key in _INCLUDES:
        if key not in includes:
            continue
        var = metric_variable([n], dtypes.float32, name=_VAR_NAMES[key])
        hit = math_ops.cast(math_ops.logical_and(*conditions[key]), dtypes.float32)
        if weights_tiled is not None:
            hit = hit * weights_tiled
        updates[key] = state_ops.assign_add(var, math_ops.reduce_sum(hit, 1))
        values[key] = var
    return values, updates


def _at_thresholds(key, default_name):
    def metric(labels, predictions, thresholds, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with vs.variable_scope(name, default_name, (predictions, labels, weights)):
            values, updates = _confusion_at_thresholds(labels, predictions, thresholds, weights,
                                                       includes=(key,))
            _collect(metrics_collections, values[key])
            _collect(updates_collections, updates[key])
            return values[key], updates[key]
    metric.__name__ = default_name
    metric.__doc__ = "Running %s counts at each of `thresholds`." % key
    return metric


true_positives_at_thresholds = _at_thresholds("tp", "true_positives")
false_positives_at_thresholds = _at_thresholds("fp", "false_positives")
true_negatives_at_thresholds = _at_thresholds("tn", "true_negatives")
false_negatives_at_thresholds = _at_thresholds("fn", "false_negatives")


def auc(labels, predictions, weights=None, num_thresholds: int = 200, metrics_collections=None,
        updates_collections=None, curve: str = "ROC", name=None,
        summation_method: str = "trapezoidal", thresholds=None):
    """Area under the ROC or PR curve by a Riemann sum over `num_thresholds` thresholds."""
    if summation_method not in ("trapezoidal", "careful_interpolation", "minoring", "majoring"):
        raise ValueError("Invalid summation_method: %s" % summation_method)
    if curve not in ("ROC", "PR"):
        raise ValueError("curve must be either ROC or PR, %s unknown" % curve)
    with vs.variable_scope(name, "auc", (labels, predictions, weights)):
        kepsilon = 1e-7
        if thresholds is not None:
            thresholds = sorted(thresholds)
            num_thresholds = len(thresholds) + 2
            thresholds = [0.0 - kepsilon] + list(thresholds) + [1.0 + kepsilon]
        else:
            if num_thresholds <= 1:
                raise ValueError("`num_thresholds` must be > 1.")
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            thresholds = [0.0 - kepsilon] + thresholds + [1.0 + kepsilon]
        values, updates = _confusion_at_thresholds(labels, predictions, thresholds, weights)
        epsilon = 1.0e-6
        n = num_thresholds

        def compute(tp, fn, tn, fp, op_name):
            rec = math_ops.divide(tp + epsilon, tp + fn + epsilon)
            if curve == "ROC":
                x, y = math_ops.divide(fp, fp + tn + epsilon), rec
            else:
                x, y = rec, math_ops.divide(tp + epsilon, tp + fp + epsilon)
            dx = x[:n - 1] - x[1:]
            if summation_method == "minoring":
                height = math_ops.minimum(y[:n - 1], y[1:])
            elif summation_method == "majoring":
                height = math_ops.maximum(y[:n - 1], y[1:])
            else:
                height = (y[:n - 1] + y[1:]) / 2.0
            return math_ops.reduce_sum(math_ops.multiply(dx, height), name=op_name)

        value = compute(values["tp"], values["fn"], values["tn"], values["fp"], "value")
        update_op = compute(updates["tp"], updates["fn"], updates["tn"], updates["fp"],
                            "update_op")
        _collect(metrics_collections, value)
        _collect(updates_collections, update_op)
        return value, update_op


def mean_iou(labels, predictions, num_classes: int, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    """Mean over classes of intersection / union, from a streaming float64 confusion matrix."""
    with vs.variable_scope(name, "mean_iou", (predictions, labels, weights)):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        predictions.shape.assert_is_compatible_with(labels.shape)
        total_cm = metric_variable([num_classes, num_classes], dtypes.float64,
                                   name="total_confusion_matrix")
        preds = array_ops.reshape(math_ops.cast(predictions, dtypes.int64), [-1])
        labs = array_ops.reshape(math_ops.cast(labels, dtypes.int64), [-1])
        if weights is None:
            w = array_ops.ones_like(preds, dtype=dtypes.float64)
        else:
            w = array_ops.reshape(math_ops.cast(_broadcast_weights(weights, predictions),
                                                dtypes.float64), [-1])
        cell = labs * num_classes + preds
        current = array_ops.reshape(
            math_ops.unsorted_segment_sum(w, cell, num_classes * num_classes),
            [num_classes, num_classes])
        update_op = state_ops.assign_add(total_cm, current)
        rows = math_ops.cast(math_ops.reduce_sum(total_cm, 0), dtypes.float32)
        cols = math_ops.cast(math_ops.reduce_sum(total_cm, 1), dtypes.float32)
        diag = math_ops.cast(array_ops.diag_part(total_cm), dtypes.float32)
        denominator = rows + cols - diag
        num_valid = math_ops.reduce_sum(math_ops.cast(math_ops.not_equal(denominator, 0),
                                                      dtypes.float32))
        denominator = array_ops.where(math_ops.greater(denominator, 0), denominator,
                                      array_ops.ones_like(denominator))
        iou = math_ops.divide(diag, denominator)
        value = array_ops.where(math_ops.greater(num_valid, 0),
                                math_ops.reduce_sum(iou, name="mean_iou") / num_valid, 0.0)
        _collect(metrics_collections, value)
        _collect(updates_collections, update_op)
        return value, update_op
