"""`tf.metrics`: TF1's streaming metrics, each `(value, update_op)`. Re-exports only."""
# ruff: noqa: F401
from .metrics_impl import (accuracy, auc, false_negatives, false_negatives_at_thresholds,
                           false_positives, false_positives_at_thresholds, mean, mean_absolute_error,
                           mean_iou, mean_squared_error, mean_tensor, precision, recall,
                           root_mean_squared_error, true_negatives, true_negatives_at_thresholds,
                           true_positives, true_positives_at_thresholds)
