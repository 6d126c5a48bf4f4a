"""tf.metrics: local accumulators, names and values (reference numbers observed in TF 2.21)."""
import numpy as np
import pytest

import varflow as tf


def _run_update_then_value(pairs):
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        updates = {k: sess.run(v[1]) for k, v in pairs.items()}
        values = {k: sess.run(v[0]) for k, v in pairs.items()}
    return updates, values


def test_metric_variable_names_and_collections():
    labels = tf.constant([1, 0, 1, 1, 0, 0])
    preds = tf.constant([0.9, 0.2, 0.4, 0.7, 0.6, 0.1])
    tf.metrics.precision(labels, preds > 0.5)
    tf.metrics.recall(labels, preds > 0.5)
    tf.metrics.auc(labels, preds)
    tf.metrics.mean_iou(tf.constant([0, 1]), tf.constant([0, 1]), 3)
    tf.metrics.root_mean_squared_error(tf.constant([1.0]), tf.constant([2.0]))
    # Observed in TF 2.21.
    assert [v.name for v in tf.local_variables()] == [
        "precision/true_positives/count:0", "precision/false_positives/count:0",
        "recall/true_positives/count:0", "recall/false_negatives/count:0",
        "auc/true_positives:0", "auc/false_negatives:0", "auc/true_negatives:0",
        "auc/false_positives:0", "mean_iou/total_confusion_matrix:0",
        "root_mean_squared_error/total:0", "root_mean_squared_error/count:0"]
    assert tf.get_collection(tf.GraphKeys.METRIC_VARIABLES) == tf.local_variables()
    assert tf.global_variables() == [] and tf.trainable_variables() == []


def test_metric_values_match_tf():
    labels = tf.constant([1, 0, 1, 1, 0, 0])
    preds = tf.constant([0.9, 0.2, 0.4, 0.7, 0.6, 0.1])
    pairs = {
        "precision": tf.metrics.precision(labels, preds > 0.5),
        "recall": tf.metrics.recall(labels, preds > 0.5),
        "auc": tf.metrics.auc(labels, preds),
        "auc_pr": tf.metrics.auc(labels, preds, curve="PR", num_thresholds=50),
        "miou": tf.metrics.mean_iou(tf.constant([0, 1, 2, 1]), tf.constant([0, 1, 1, 1]), 3),
        "rmse": tf.metrics.root_mean_squared_error(tf.constant([1.0, 2.0]),
                                                   tf.constant([2.0, 4.0])),
        "mae": tf.metrics.mean_absolute_error(tf.constant([1.0, 2.0]), tf.constant([2.0, 4.0]),
                                              weights=tf.constant([1.0, 3.0])),
        "tp": tf.metrics.true_positives(labels, preds > 0.5),
        "fn": tf.metrics.false_negatives(labels, preds > 0.5),
    }
    updates, values = _run_update_then_value(pairs)
    # Observed in TF 2.21.
    expected = {"precision": 0.6666666865348816, "recall": 0.6666666865348816,
                "auc": 0.8888886570930481, "auc_pr": 0.9027774333953857,
                "miou": 0.5555555820465088, "rmse": 1.5811388492584229, "mae": 1.75,
                "tp": 2.0, "fn": 1.0}
    for k, v in expected.items():
        assert values[k] == pytest.approx(v, rel=1e-5), k
    np.testing.assert_allclose(updates["miou"], [[1, 0, 0], [0, 2, 0], [0, 1, 0]])
    assert updates["miou"].dtype == np.float64


def test_accuracy_streams_and_resets():
    labels = tf.placeholder(tf.int64, [None])
    preds = tf.placeholder(tf.int64, [None])
    acc, update = tf.metrics.accuracy(labels, preds)
    assert acc.op.name == "accuracy/value" and update.op.name == "accuracy/update_op"
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        assert sess.run(update, {labels: [1, 2, 3, 4], preds: [1, 2, 0, 0]}) == 0.5
        assert sess.run(update, {labels: [1, 1], preds: [1, 1]}) == pytest.approx(2 / 3)
        sess.run(tf.local_variables_initializer())
        assert sess.run(acc) == 0.0


def test_metrics_and_updates_collections():
    m, upd = tf.metrics.mean(tf.constant([1.0, 3.0]), metrics_collections=["m"],
                             updates_collections=["u"])
    assert tf.get_collection("m") == [m] and tf.get_collection("u") == [upd]
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        assert sess.run(upd) == 2.0
