"""SummarySaverHook in a MonitoredSession (the SessionLog START event and the summaries every two
steps, with the global step after each run), FeedFnHook feeding each run, GlobalStepWaiterHook with
a step already reached, the hooks' argument and missing-global-step errors, checkpoints_iterator with
a timeout, and basic_train_loop over a Supervisor."""
import glob


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def _events(tf, logdir):
    out = []
    for path in glob.glob(logdir + "/events.out.tfevents.*"):
        for event in tf.train.summary_iterator(path):
            if event.HasField("session_log"):
                out.append([event.step, "session_log", int(event.session_log.status)])
            elif event.HasField("summary"):
                out.append([event.step, "summary",
                            [[v.tag, v.simple_value] for v in event.summary.value]])
    return out


def case(tf):
    obs = {}
    obs["no_op_or_scaffold"] = _err(lambda: tf.train.SummarySaverHook(save_steps=1))
    obs["both"] = _err(lambda: tf.train.SummarySaverHook(save_steps=1, summary_op=1, scaffold=2))
    obs["no_timer"] = _err(lambda: tf.train.SummarySaverHook(summary_op=1))
    obs["two_timers"] = _err(lambda: tf.train.SummarySaverHook(save_steps=1, save_secs=1,
                                                               summary_op=1))
    with tf.Graph().as_default():
        hook = tf.train.SummarySaverHook(save_steps=1, summary_op=tf.constant(1))
        obs["summary_no_step"] = _err(hook.begin)
        obs["waiter_no_step"] = _err(tf.train.GlobalStepWaiterHook(3).begin)

    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        x = tf.placeholder(tf.float32, [], name="x")
        loss = tf.summary.scalar("loss", x * 2.0)
        other = tf.summary.scalar("other", x + 1.0)
        train = tf.assign_add(gs, 1)
        writer = tf.summary.FileWriter("logs")
        feeds = iter([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
        hooks = [tf.train.SummarySaverHook(save_steps=2, summary_writer=writer,
                                           summary_op=[loss, other]),
                 tf.train.FeedFnHook(lambda: {x: next(feeds)}),
                 tf.train.GlobalStepWaiterHook(0)]
        steps = []
        with tf.train.MonitoredSession(hooks=hooks) as sess:
            for _ in range(5):
                steps.append(int(sess.run(train)))
            obs["user_feed_conflict"] = _err(lambda: sess.run(train, feed_dict={x: 0.0}))
        writer.close()
        obs["steps"] = steps
        obs["events"] = _events(tf, "logs")

    obs["iterator_empty"] = list(tf.train.checkpoints_iterator("nockpt", timeout=0.05))
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        train = tf.assign_add(gs, 1)
        saver = tf.train.Saver()
        sv = tf.train.Supervisor(logdir=None, summary_op=None, saver=None)
        seen = []

        def step(sess, scale, offset=0):
            seen.append(int(sess.run(train)) * scale + offset)
            if len(seen) == 3:
                saver.save(sess, "ckpts/model.ckpt", global_step=gs)
                sv.request_stop()

        tf.train.basic_train_loop(sv, step, args=[10], kwargs={"offset": 1})
        obs["train_loop"] = seen
    obs["iterator"] = [p.replace("\\", "/") for p in
                       tf.train.checkpoints_iterator("ckpts", timeout=0.05)]
    return obs
