"""replica_device_setter: ps_tasks round-robin over variables (ref and resource), worker device
for other ops, cluster dicts, merge with explicit devices, ps_ops, ps_device/worker_device
variants, get_variable and slot-like variables."""


def case(tf):
    obs = {}
    with tf.device(tf.train.replica_device_setter(ps_tasks=2)):
        a = tf.Variable(1.0, name="a")
        b = tf.get_variable("b", [1])
        c = tf.Variable(1.0, name="c", use_resource=True)
        x = tf.add(a, b, name="x")
        with tf.device("/gpu:0"):
            d = tf.Variable(1.0, name="d")
            y = tf.add(a, 1.0, name="y")
    obs["ps2"] = [a.device, b.device, c.device, x.device, d.device, y.device,
                  a.initializer.device, a.value().device, b.initial_value.device]
    cluster = {"ps": ["h1:1", "h2:2", "h3:3"], "worker": ["w:1"]}
    with tf.device(tf.train.replica_device_setter(cluster=cluster, worker_device="/job:worker/task:0")):
        vs = [tf.Variable(1.0, name="cv%d" % i) for i in range(4)]
        op = tf.constant(1.0, name="cop")
    obs["cluster"] = [v.device for v in vs] + [op.device]
    with tf.device(tf.train.replica_device_setter(ps_tasks=1, ps_device="/job:param", worker_device="/gpu:1")):
        e = tf.Variable(1.0, name="e")
        f = tf.constant(1.0, name="f")
    obs["custom_devices"] = [e.device, f.device]
    with tf.device(tf.train.replica_device_setter(ps_tasks=2, merge_devices=False)):
        with tf.device("/job:other"):
            g = tf.Variable(1.0, name="g")
            h = tf.constant(1.0, name="h")
    obs["no_merge"] = [g.device, h.device]
    with tf.device(tf.train.replica_device_setter(ps_tasks=2, ps_ops=["Const"])):
        i = tf.constant(1.0, name="i")
        j = tf.Variable(1.0, name="j")
    obs["ps_ops"] = [i.device, j.device]
    obs["none"] = tf.train.replica_device_setter(ps_tasks=0) is None
    obs["no_ps_job"] = tf.train.replica_device_setter(cluster={"worker": ["w:1"]}) is None
    with tf.device(tf.train.replica_device_setter(ps_tasks=3, ps_device="/job:ps/cpu:0")):
        k = tf.Variable(1.0, name="k")
        k2 = tf.Variable(1.0, name="k2")
    obs["ps_with_cpu"] = [k.device, k2.device]
    obs["std_ops"] = "VariableV2" in tf.train.replica_device_setter.__globals__.get("STANDARD_PS_OPS", ("VariableV2",))
    try:
        tf.train.replica_device_setter(cluster=3)
        obs["bad_cluster"] = "ok"
    except Exception as ex:
        obs["bad_cluster"] = type(ex).__name__
    return obs
