"""Session.make_callable (single fetch, lists, feed_list by tensor and name, wrong arg count), run with
RunOptions/RunMetadata, ConfigProto fields (allow_soft_placement, log_device_placement, gpu_options,
inter/intra threads), Session(config=bad), list_devices names/types, sess.graph_def node names."""


def _err(fn):
    try:
        fn()
        return "ok"
    except Exception as e:
        return type(e).__name__


def case(tf):
    obs = {}
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.reduce_sum(x * 2.0, name="y")
    z = tf.identity(y, name="z")
    cfg = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False,
                         inter_op_parallelism_threads=2, intra_op_parallelism_threads=1)
    cfg.gpu_options.allow_growth = True
    cfg.gpu_options.per_process_gpu_memory_fraction = 0.5
    obs["cfg"] = [cfg.allow_soft_placement, cfg.log_device_placement,
                  cfg.inter_op_parallelism_threads, cfg.intra_op_parallelism_threads,
                  cfg.gpu_options.allow_growth, cfg.gpu_options.per_process_gpu_memory_fraction]
    obs["bad_config"] = _err(lambda: tf.Session(config=3))
    with tf.Session(config=cfg) as sess:
        f1 = sess.make_callable(y, feed_list=[x])
        obs["f1"] = float(f1([1.0, 2.0]))
        f2 = sess.make_callable([y, z], feed_list=["x:0"])
        obs["f2"] = [float(v) for v in f2([3.0])]
        f3 = sess.make_callable({"a": y}, feed_list=[x])
        obs["f3"] = {k: float(v) for k, v in f3([1.0]).items()}
        f4 = sess.make_callable(z.op, feed_list=[x])
        obs["f4"] = f4([1.0])
        obs["f1_bad_args"] = _err(lambda: f1())
        opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
        md = tf.RunMetadata()
        obs["with_opts"] = float(sess.run(y, {x: [1.0]}, options=opts, run_metadata=md))
        obs["trace_level"] = [tf.RunOptions.NO_TRACE, tf.RunOptions.SOFTWARE_TRACE,
                              tf.RunOptions.HARDWARE_TRACE, tf.RunOptions.FULL_TRACE]
        devs = sess.list_devices()
        obs["devices"] = [(d.name, d.device_type) for d in devs if d.device_type == "CPU"]
        nodes = [n.name for n in sess.graph_def.node]
        obs["graph_def_nodes"] = [n for n in nodes if n in ("x", "y", "z")]
        obs["sess_config"] = sess._config.allow_soft_placement if hasattr(sess, "_config") else None
    return obs
