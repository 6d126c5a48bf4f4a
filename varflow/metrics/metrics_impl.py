"""`tf.metrics.*`: streaming metrics. Each returns `(value, update_op)`; the accumulators are
local variables (LOCAL_VARIABLES + METRIC_VARIABLES, not trainable) named under the metric's
variable scope (`accuracy/total`, `accuracy/count`), reset by `tf.local_variables_initializer()`."""
from __future__ import annotations

from ..framework import dtypes
from ..framework.graph import (add_to_collections, control_dependencies, convert_to_tensor,
                               name_scope)
from ..framework.graph_keys import GraphKeys
from ..ops import array_ops, logging_ops, math_ops, nn_ops, state_ops
from ..variables import variable_scope as vs
from ..variables.variables import Variable

__all__ = ["metric_variable", "mean", "accuracy", "mean_absolute_error", "mean_squared_error",
           "root_mean_squared_error", "true_positives", "false_positives", "true_negatives",
           "false_negatives", "precision", "recall", "auc", "mean_iou", "mean_tensor",
           "true_positives_at_thresholds", "false_positives_at_thresholds",
           "true_negatives_at_thresholds", "false_negatives_at_thresholds",
           "precision_at_thresholds", "recall_at_thresholds", "mean_relative_error",
           "percentage_below", "mean_cosine_distance", "mean_per_class_accuracy",
           "recall_at_k", "recall_at_top_k", "precision_at_k", "precision_at_top_k",
           "sparse_precision_at_k"]


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
    """TF's `_remove_squeezable_dimensions`: where the ranks of labels and predictions differ by
    one, drop the larger one's trailing axis if it may be 1; weights one rank above predictions
    lose their last axis, weights one rank below gain one (a weight per row)."""
    predictions = convert_to_tensor(predictions)
    if labels is not None:
        labels = convert_to_tensor(labels)
        pr, lr = predictions.shape.ndims, labels.shape.ndims
        if pr is not None and lr is not None:
            if pr == lr + 1 and predictions.shape.as_list()[-1] in (None, 1):
                predictions = array_ops.squeeze(predictions, [-1])
            elif lr == pr + 1 and labels.shape.as_list()[-1] in (None, 1):
                labels = array_ops.squeeze(labels, [-1])
    if weights is not None:
        weights = convert_to_tensor(weights)
        wr, pr = weights.shape.ndims, predictions.shape.ndims
        if wr and pr is not None:
            if wr == pr + 1:
                weights = array_ops.squeeze(weights, [-1])
            elif wr == pr - 1:
                weights = array_ops.expand_dims(weights, -1)
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


def mean_relative_error(labels, predictions, normalizer, weights=None, metrics_collections=None,
                        updates_collections=None, name=None):
    """Running mean of |labels - predictions| / normalizer (0 where the normalizer is 0)."""
    predictions, labels, _ = _squeeze_to_match(predictions, labels)
    predictions, normalizer, _ = _squeeze_to_match(predictions, normalizer)
    predictions.shape.assert_is_compatible_with(normalizer.shape)
    relative_errors = array_ops.where(
        math_ops.equal(normalizer, 0.0), array_ops.zeros_like(labels),
        math_ops.divide(math_ops.abs(labels - predictions), normalizer))
    return mean(relative_errors, weights, metrics_collections, updates_collections,
                name or "mean_relative_error")


def percentage_below(values, threshold, weights=None, metrics_collections=None,
                     updates_collections=None, name=None):
    """Running fraction of `values` below `threshold`."""
    is_below = math_ops.cast(math_ops.less(values, threshold), dtypes.float32)
    return mean(is_below, weights, metrics_collections, updates_collections,
                name or "percentage_below_threshold")


def mean_cosine_distance(labels, predictions, dim, weights=None, metrics_collections=None,
                         updates_collections=None, name=None):
    """1 - the running mean of sum(labels * predictions, dim) (inputs are unit-normalized); the
    two `1 - x` ops are built outside the metric's scope, as in TF."""
    predictions, labels, weights = _squeeze_to_match(predictions, labels, weights)
    radial_diffs = math_ops.reduce_sum(math_ops.multiply(predictions, labels), axis=[dim],
                                       keepdims=True)
    mean_distance, update_op = mean(radial_diffs, weights, None, None,
                                    name or "mean_cosine_distance")
    mean_distance = math_ops.subtract(1.0, mean_distance)
    update_op = math_ops.subtract(1.0, update_op)
    _collect(metrics_collections, mean_distance)
    _collect(updates_collections, update_op)
    return mean_distance, update_op


def mean_per_class_accuracy(labels, predictions, num_classes: int, weights=None,
                            metrics_collections=None, updates_collections=None, name=None):
    """The mean over `num_classes` classes of each class's running accuracy; the update op
    returns the per-class accuracies ([num_classes]), the value their mean."""
    with vs.variable_scope(name, "mean_accuracy", (predictions, labels, weights)):
        labels = math_ops.cast(convert_to_tensor(labels), dtypes.int64)
        predictions = convert_to_tensor(predictions)
        if labels.shape.ndims is not None and labels.shape.ndims > 1:
            labels = array_ops.reshape(labels, [-1])
        if predictions.shape.ndims is not None and predictions.shape.ndims > 1:
            predictions = array_ops.reshape(predictions, [-1])
        predictions.shape.assert_is_compatible_with(labels.shape)
        total = metric_variable([num_classes], dtypes.float32, name="total")
        count = metric_variable([num_classes], dtypes.float32, name="count")
        ones = array_ops.ones(array_ops.stack([array_ops.size(labels)]), dtypes.float32)
        if labels.dtype != predictions.dtype:
            predictions = math_ops.cast(predictions, labels.dtype)
        is_correct = math_ops.cast(math_ops.equal(predictions, labels), dtypes.float32)
        if weights is not None:
            weights = convert_to_tensor(weights)
            if weights.shape.ndims is not None and weights.shape.ndims > 1:
                weights = array_ops.reshape(weights, [-1])
            weights = math_ops.cast(weights, dtypes.float32)
            is_correct = is_correct * weights
            ones = ones * weights
        update_total = state_ops.scatter_add(total, labels, ones)
        update_count = state_ops.scatter_add(count, labels, is_correct)
        per_class = math_ops.div_no_nan(count, total)
        value = math_ops.reduce_mean(per_class, name="mean_accuracy")
        update_op = math_ops.div_no_nan(update_count, update_total, name="update_op")
        _collect(metrics_collections, value)
        _collect(updates_collections, update_op)
        return value, update_op


# --- threshold-based metrics ---------------------------------------------------------------
_INCLUDES = ("tp", "fn", "tn", "fp")
_VAR_NAMES = {"tp": "true_positives", "fn": "false_negatives", "tn": "true_negatives",
              "fp": "false_positives"}


def _confusion_at_thresholds(labels, predictions, thresholds, weights=None, includes=_INCLUDES):
    """Per-threshold tp/fn/tn/fp accumulators (`prediction > threshold` is positive); predictions
    outside [0, 1] fail an assertion (at once when they are constants)."""
    predictions = convert_to_tensor(predictions)
    dtype = predictions.dtype.base_dtype
    message = "predictions must be in [0, 1]"
    with control_dependencies([
            logging_ops.assert_greater_equal(predictions, math_ops.cast(0.0, dtype),
                                             message=message),
            logging_ops.assert_less_equal(predictions, math_ops.cast(1.0, dtype),
                                          message=message)]):
        predictions, labels, weights = _squeeze_to_match(
            math_ops.cast(predictions, dtypes.float32), math_ops.cast(labels, dtypes.bool),
            weights)
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
            value = array_ops.identity(values[key])
            _collect(metrics_collections, value)
            _collect(updates_collections, updates[key])
            return value, updates[key]
    metric.__name__ = default_name
    metric.__doc__ = "Running %s counts at each of `thresholds`." % key
    return metric


true_positives_at_thresholds = _at_thresholds("tp", "true_positives")
false_positives_at_thresholds = _at_thresholds("fp", "false_positives")
true_negatives_at_thresholds = _at_thresholds("tn", "true_negatives")
false_negatives_at_thresholds = _at_thresholds("fn", "false_negatives")


def _ratio_at_thresholds(default_name, pair, what):
    def metric(labels, predictions, thresholds, weights=None, metrics_collections=None,
               updates_collections=None, name=None):
        with vs.variable_scope(name, default_name, (predictions, labels, weights)):
            values, updates = _confusion_at_thresholds(labels, predictions, thresholds, weights,
                                                       includes=pair)

            def ratio(tp, other, op_name):
                return math_ops.divide(tp, 1e-7 + tp + other, name="%s_%s" % (what, op_name))

            value = ratio(values["tp"], values[pair[1]], "value")
            update_op = ratio(updates["tp"], updates[pair[1]], "update_op")
            _collect(metrics_collections, value)
            _collect(updates_collections, update_op)
            return value, update_op
    metric.__name__ = default_name
    metric.__doc__ = "Running %s at each of `thresholds` (`prediction > threshold` is positive)." % what
    return metric


precision_at_thresholds = _ratio_at_thresholds("precision_at_thresholds", ("tp", "fp"),
                                               "precision")
recall_at_thresholds = _ratio_at_thresholds("recall_at_thresholds", ("tp", "fn"), "recall")


def _interpolate_pr_auc(tp, fp, fn, n: int):
    """The PR AUC integrated exactly between thresholds (Davis & Goadrich 2006): precision is
    interpolated along the straight line in (tp, tp + fp) between adjacent thresholds."""
    dtp = tp[:n - 1] - tp[1:]
    p = tp + fp
    prec_slope = math_ops.div_no_nan(dtp, math_ops.maximum(p[:n - 1] - p[1:], 0),
                                     name="prec_slope")
    intercept = tp[1:] - math_ops.multiply(prec_slope, p[1:])
    safe_p_ratio = array_ops.where(
        math_ops.logical_and(p[:n - 1] > 0, p[1:] > 0),
        math_ops.div_no_nan(p[:n - 1], math_ops.maximum(p[1:], 0), name="recall_relative_ratio"),
        array_ops.ones_like(p[1:]))
    increments = math_ops.div_no_nan(prec_slope * (dtp + intercept * math_ops.log(safe_p_ratio)),
                                     math_ops.maximum(tp[1:] + fn[1:], 0),
                                     name="pr_auc_increment")
    return math_ops.reduce_sum(increments, name="interpolate_pr_auc")


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

        if curve == "PR" and summation_method == "careful_interpolation":
            value = _interpolate_pr_auc(values["tp"], values["fp"], values["fn"], n)
            update_op = _interpolate_pr_auc(updates["tp"], updates["fp"], updates["fn"], n)
        else:
            value = compute(values["tp"], values["fn"], values["tn"], values["fp"], "value")
            update_op = compute(updates["tp"], updates["fn"], updates["tn"], updates["fp"],
                                "update_op")
        _collect(metrics_collections, value)
        _collect(updates_collections, update_op)
        return value, update_op


def _check_class_ids(labels, predictions, num_classes: int):
    """`labels` and `predictions` guarded by assertions that they lie in [0, num_classes) (failing
    at once for constants), as TF's confusion matrix checks them."""
    with name_scope(None, "confusion_matrix", (labels, predictions)):
        bound = math_ops.cast(num_classes, dtypes.int64)
        checks = [logging_ops.assert_non_negative(labels, message="`labels` contains negative "
                                                  "values"),
                  logging_ops.assert_non_negative(predictions, message="`predictions` contains "
                                                  "negative values"),
                  logging_ops.assert_less(labels, bound, message="`labels` out of bound"),
                  logging_ops.assert_less(predictions, bound,
                                          message="`predictions` out of bound")]
        with control_dependencies(checks):
            return array_ops.identity(labels), array_ops.identity(predictions)


def mean_iou(labels, predictions, num_classes: int, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    """Mean over classes of intersection / union, from a streaming float64 confusion matrix."""
    with vs.variable_scope(name, "mean_iou", (predictions, labels, weights)):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        predictions.shape.assert_is_compatible_with(labels.shape)
        total_cm = metric_variable([num_classes, num_classes], dtypes.float64,
                                   name="total_confusion_matrix")
        if predictions.shape.ndims != 1:
            predictions = array_ops.reshape(predictions, [-1])
        if labels.shape.ndims != 1:
            labels = array_ops.reshape(labels, [-1])
        labs, preds = _check_class_ids(math_ops.cast(labels, dtypes.int64),
                                       math_ops.cast(predictions, dtypes.int64), num_classes)
        if weights is None:
            w = array_ops.ones_like(preds, dtype=dtypes.float64)
        else:
            weights = math_ops.cast(convert_to_tensor(weights), dtypes.float64)
            if (weights.shape.ndims or 0) > 1:
                weights = array_ops.reshape(weights, [-1])
            w = math_ops.multiply(weights, array_ops.ones_like(preds, dtype=dtypes.float64))
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


# --- top-k metrics ---------------------------------------------------------------------------
def _at_k_name(what: str, k, class_id) -> str:
    name = "%s_at_%s" % (what, "k" if k is None else k)
    return name if class_id is None else "%s_class%d" % (name, class_id)


def _top_k_counts(labels, top_k, class_id):
    """Per example, float64 counts of labels in the top k (tp), top-k entries that are not
    labels (fp) and distinct labels missing from the top k (fn); with `class_id`, 0/1 counts
    for that class only. Labels out of [0, num_classes) never match, so they only add to fn."""
    labels = math_ops.cast(convert_to_tensor(labels), dtypes.int64)
    top_k = math_ops.cast(convert_to_tensor(top_k), dtypes.int64)
    if labels.shape.ndims is not None and top_k.shape.ndims is not None and \
            labels.shape.ndims == top_k.shape.ndims - 1:
        labels = array_ops.expand_dims(labels, -1)

    def count(mask):
        return math_ops.cast(mask, dtypes.float64)

    if class_id is not None:
        in_labels = math_ops.reduce_any(math_ops.equal(labels, class_id), -1)
        in_top_k = math_ops.reduce_any(math_ops.equal(top_k, class_id), -1)
        return {"tp": count(math_ops.logical_and(in_labels, in_top_k)),
                "fp": count(math_ops.logical_and(in_top_k, math_ops.logical_not(in_labels))),
                "fn": count(math_ops.logical_and(in_labels, math_ops.logical_not(in_top_k)))}
    same = math_ops.equal(array_ops.expand_dims(labels, -1), array_ops.expand_dims(top_k, -2))
    top_k_hit = math_ops.reduce_any(same, -2)
    label_hit = math_ops.reduce_any(same, -1)
    positions = math_ops.range(array_ops.shape(labels)[-1])
    earlier = math_ops.less(array_ops.expand_dims(positions, 0), array_ops.expand_dims(positions, 1))
    repeated = math_ops.reduce_any(math_ops.logical_and(
        math_ops.equal(array_ops.expand_dims(labels, -1), array_ops.expand_dims(labels, -2)),
        earlier), -1)
    missed = math_ops.logical_and(math_ops.logical_not(label_hit), math_ops.logical_not(repeated))
    return {"tp": math_ops.reduce_sum(count(top_k_hit), -1),
            "fp": math_ops.reduce_sum(count(math_ops.logical_not(top_k_hit)), -1),
            "fn": math_ops.reduce_sum(count(missed), -1)}


_COUNT_NAMES = {"tp": "true_positive", "fp": "false_positive", "fn": "false_negative"}


def _streaming_count(counts, key, k, class_id, weights):
    """A float64 local variable named after its name scope (`true_positive_at_2`) and its
    `update` op adding the batch's (weighted) total."""
    with name_scope(None, _at_k_name(_COUNT_NAMES[key], k, class_id)) as scope:
        batch = counts[key]
        if weights is not None:
            batch = math_ops.multiply(batch, math_ops.cast(convert_to_tensor(weights),
                                                           dtypes.float64))
        total = math_ops.cast(math_ops.reduce_sum(batch), dtypes.float64)
        var = metric_variable([], dtypes.float64, name=scope)
        return var, state_ops.assign_add(var, total, name="update")


def _at_top_k(what, other, labels, predictions_idx, k, class_id, weights, metrics_collections,
              updates_collections, name):
    with name_scope(name, _at_k_name(what, k, class_id), (predictions_idx, labels, weights)) \
            as scope:
        counts = _top_k_counts(labels, predictions_idx, class_id)
        tp, tp_update = _streaming_count(counts, "tp", k, class_id, weights)
        o, o_update = _streaming_count(counts, other, k, class_id, weights)
        value = math_ops.divide(tp, math_ops.add(tp, o), name=scope)
        update = math_ops.divide(tp_update, math_ops.add(tp_update, o_update), name="update")
        _collect(metrics_collections, value)
        _collect(updates_collections, update)
        return value, update


def recall_at_top_k(labels, predictions_idx, k=None, class_id=None, weights=None,
                    metrics_collections=None, updates_collections=None, name=None):
    """Running recall of the top-k class ids `predictions_idx` against `labels` (float64)."""
    return _at_top_k("recall", "fn", labels, predictions_idx, k, class_id, weights,
                     metrics_collections, updates_collections, name)


def precision_at_top_k(labels, predictions_idx, k=None, class_id=None, weights=None,
                       metrics_collections=None, updates_collections=None, name=None):
    """Running precision of the top-k class ids `predictions_idx` against `labels` (float64)."""
    return _at_top_k("precision", "fp", labels, predictions_idx, k, class_id, weights,
                     metrics_collections, updates_collections, name)


def _at_k(what, metric, labels, predictions, k, class_id, weights, metrics_collections,
          updates_collections, name):
    with name_scope(name, _at_k_name(what, k, class_id), (predictions, labels, weights)) as scope:
        _, top_k_idx = nn_ops.top_k(predictions, k)
        return metric(labels, top_k_idx, k=k, class_id=class_id, weights=weights,
                      metrics_collections=metrics_collections,
                      updates_collections=updates_collections, name=scope)


def recall_at_k(labels, predictions, k, class_id=None, weights=None, metrics_collections=None,
                updates_collections=None, name=None):
    """Running recall@k: the share of labels found among each row's k highest predictions."""
    return _at_k("recall", recall_at_top_k, labels, predictions, k, class_id, weights,
                 metrics_collections, updates_collections, name)


def precision_at_k(labels, predictions, k, class_id=None, weights=None, metrics_collections=None,
                   updates_collections=None, name=None):
    """Running precision@k: the share of each row's k highest predictions that are labels."""
    return _at_k("precision", precision_at_top_k, labels, predictions, k, class_id, weights,
                 metrics_collections, updates_collections, name)


sparse_precision_at_k = precision_at_k
