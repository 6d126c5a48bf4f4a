"""SessionRunArgs / SessionRunValues / SessionRunContext: fields and defaults, hook fetches returned in
after_run (nested structures), request_stop, the original args, and the order hooks are called in."""


def case(tf):
    obs = {}
    args = tf.train.SessionRunArgs("a")
    obs["args_fields"] = [list(args._fields), args.fetches, args.feed_dict, args.options]
    obs["args_is_tuple"] = isinstance(args, tuple)
    obs["values_fields"] = list(tf.train.SessionRunValues._fields)
    v = tf.Variable(2.0, name="v")
    w = tf.Variable([1, 2], name="w")
    order = []

    class A(tf.train.SessionRunHook):
        def before_run(self, run_context):
            order.append("A.before")
            obs["context_session_is_none"] = run_context.session is None
            obs["original_fetches_is_v"] = run_context.original_args.fetches is v
            return tf.train.SessionRunArgs({"v": v, "pair": (w, [v])})

        def after_run(self, run_context, run_values):
            order.append("A.after")
            r = run_values.results
            obs["results"] = [float(r["v"]), [r["pair"][0].tolist(), [float(r["pair"][1][0])]],
                              type(r["pair"]).__name__, type(r["pair"][1]).__name__]
            obs["run_values_fields"] = [run_values.options is None, run_values.run_metadata is None]

    class B(tf.train.SessionRunHook):
        def before_run(self, run_context):
            order.append("B.before")

        def after_run(self, run_context, run_values):
            order.append("B.after")
            obs["b_results"] = run_values.results
            obs["stop_before"] = run_context.stop_requested
            run_context.request_stop()
            obs["stop_after"] = run_context.stop_requested

        def end(self, session):
            order.append("B.end")

    with tf.train.MonitoredSession(hooks=[A(), B()]) as sess:
        obs["value"] = float(sess.run(v))
        obs["should_stop"] = sess.should_stop()
    obs["order"] = order
    return obs
