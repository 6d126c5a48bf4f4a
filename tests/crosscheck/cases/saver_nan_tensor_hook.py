"""NanTensorHook: a NaN loss raises NanLossDuringTrainingError (a RuntimeError), or with
fail_on_nan_loss=False requests a stop; finite losses run normally."""


def case(tf):
    obs = {}
    x = tf.placeholder(tf.float32, [])
    loss = tf.sqrt(x)
    sess = tf.train.MonitoredSession(hooks=[tf.train.NanTensorHook(loss)])
    obs["finite"] = float(sess.run(loss, {x: 4.0}))
    try:
        sess.run(loss, {x: -1.0})
        obs["nan"] = "ok"
    except Exception as e:  # noqa: BLE001
        obs["nan"] = type(e).__name__
        obs["nan_is_runtime_error"] = isinstance(e, RuntimeError)
        obs["nan_str"] = str(e)
    obs["nan_class_exported"] = tf.train.NanLossDuringTrainingError.__name__
    obs["should_stop_after_nan"] = sess.should_stop()
    sess.close()
    soft = tf.train.MonitoredSession(hooks=[tf.train.NanTensorHook(loss, fail_on_nan_loss=False)])
    obs["soft_nan_value"] = str(soft.run(loss, {x: -1.0}))
    obs["soft_should_stop"] = soft.should_stop()
    try:
        soft.run(loss, {x: 1.0})
        obs["soft_run_after"] = "ok"
    except Exception as e:  # noqa: BLE001
        obs["soft_run_after"] = type(e).__name__
    soft.close()
    return obs
