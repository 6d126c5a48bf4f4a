"""tf.metrics input edge cases: auc predictions outside [0, 1] (constants fail at build time,
before any variable), bool/float/out-of-range labels, float predictions for precision, mixed
int dtypes, NaN and int values, weights one rank below the values (a weight per row), 2-D
mean_iou (with weights) and out-of-range class ids, shape mismatches."""


def case(tf):
    obs = {}

    def run(key, build, feed=None):
        try:
            pair = build()
        except Exception as e:
            obs[key] = "build:" + type(e).__name__
            return
        try:
            with tf.Session() as sess:
                sess.run(tf.local_variables_initializer())
                v = sess.run(pair[1], feed)
                obs[key] = getattr(v, "tolist", lambda: v)()
        except Exception as e:
            obs[key] = "run:" + type(e).__name__

    C = tf.constant
    run("auc_out_of_range", lambda: tf.metrics.auc(C([1, 0]), C([1.5, 0.2])))
    run("auc_negative", lambda: tf.metrics.auc(C([1, 0]), C([-0.5, 0.2])))
    run("auc_bool_labels", lambda: tf.metrics.auc(C([True, False]), C([0.7, 0.2])))
    run("auc_float_labels", lambda: tf.metrics.auc(C([1.0, 0.0]), C([0.7, 0.2])))
    run("auc_label_2", lambda: tf.metrics.auc(C([2, 0]), C([0.7, 0.2])))
    run("precision_float_preds", lambda: tf.metrics.precision([1, 0, 1], [0.2, 0.0, 0.7]))
    run("recall_int_labels2", lambda: tf.metrics.recall([2, 0, 1], [1, 1, 0]))
    run("accuracy_int64_int32", lambda: tf.metrics.accuracy(tf.constant([1, 2], tf.int64),
                                                            tf.constant([1, 3], tf.int32)))
    run("accuracy_float_labels", lambda: tf.metrics.accuracy([1.0, 2.0], [1.0, 2.5]))
    run("mean_nan", lambda: tf.metrics.mean([1.0, float("nan")]))
    run("mean_int", lambda: tf.metrics.mean([1, 2, 4]))
    run("mean_bad_weights", lambda: tf.metrics.mean([1.0, 2.0, 3.0], weights=[1.0, 2.0]))
    run("mean_2d_weights_row", lambda: tf.metrics.mean([[1.0, 2.0], [3.0, 4.0]],
                                                       weights=[[1.0], [0.0]]))
    run("mean_weights_1d_on_2d", lambda: tf.metrics.mean([[1.0, 2.0], [3.0, 4.0]],
                                                         weights=[1.0, 0.0]))
    run("mean_iou_out_of_range", lambda: tf.metrics.mean_iou(C([0, 5]), C([0, 1]), 3))
    run("mean_iou_2d", lambda: tf.metrics.mean_iou(C([[0, 1], [1, 1]]), C([[0, 1], [0, 1]]), 2))
    run("mean_iou_2d_weights", lambda: tf.metrics.mean_iou(
        C([[0, 1], [1, 1]]), C([[0, 1], [0, 1]]), 2, weights=C([[1.0, 2.0], [0.5, 0.0]])))
    run("mse_int", lambda: tf.metrics.mean_squared_error([1, 2], [2, 4]))
    run("mse_shape_mismatch", lambda: tf.metrics.mean_squared_error([1.0, 2.0],
                                                                    [1.0, 2.0, 3.0]))
    run("tp_weights_2d", lambda: tf.metrics.true_positives([[1, 0], [1, 1]], [[1, 1], [0, 1]],
                                                           weights=[[2.0], [3.0]]))
    run("rmse_weights", lambda: tf.metrics.root_mean_squared_error([1.0, 2.0], [3.0, 2.0],
                                                                   weights=[0.5, 1.5]))
    run("auc_pr_defaults", lambda: tf.metrics.auc(C([1, 0, 1, 0]), C([0.9, 0.8, 0.3, 0.1]),
                                                  curve="PR"))
    run("mean_tensor_weights_bad", lambda: tf.metrics.mean_tensor([1.0, 2.0],
                                                                  weights=[1.0, 2.0, 3.0]))
    obs["n_local"] = len(tf.local_variables())
    return obs
