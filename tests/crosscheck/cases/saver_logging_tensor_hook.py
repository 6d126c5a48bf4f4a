"""LoggingTensorHook: argument errors; with a formatter, which iterations log which values (every_n_iter,
at_end, dict and list forms, tensor names as strings)."""


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def case(tf):
    obs = {}
    c = tf.Variable(0, name="c")
    inc = tf.assign_add(c, 1)
    obs["no_freq"] = _err(lambda: tf.train.LoggingTensorHook([c]))
    obs["both_freq"] = _err(lambda: tf.train.LoggingTensorHook([c], every_n_iter=1, every_n_secs=1))
    obs["zero_iter"] = _err(lambda: tf.train.LoggingTensorHook([c], every_n_iter=0))
    obs["negative_iter"] = _err(lambda: tf.train.LoggingTensorHook([c], every_n_iter=-1))
    obs["at_end_only"] = _err(lambda: tf.train.LoggingTensorHook([c], at_end=True))
    logged = {"every2": [], "end": [], "names": []}

    def fmt(key):
        return lambda values: logged[key].append(sorted((k, int(v)) for k, v in values.items())) or "x"

    hooks = [tf.train.LoggingTensorHook({"count": c}, every_n_iter=2, formatter=fmt("every2")),
             tf.train.LoggingTensorHook({"count": c}, at_end=True, formatter=fmt("end")),
             tf.train.LoggingTensorHook(["c:0"], every_n_iter=3, formatter=fmt("names"))]
    with tf.train.MonitoredSession(hooks=hooks) as sess:
        for _ in range(5):
            sess.run(inc)
    obs["logged"] = logged
    return obs
