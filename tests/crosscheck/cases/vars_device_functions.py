"""Device functions: a function of op, nested under string devices and vice versa, returning
None or DeviceSpec; op._set_device; colocate_with (ops, tensors, variables, ignore_existing)."""


def case(tf):
    obs = {}

    def by_type(op):
        return "/gpu:0" if op.type == "MatMul" else "/cpu:0"

    with tf.device(by_type):
        x = tf.constant([[1.0]], name="x")
        m = tf.matmul(x, x, name="m")
        with tf.device("/job:ps"):
            y = tf.constant(1.0, name="y")
    obs["fn"] = [x.device, m.device, y.device]
    with tf.device("/job:ps/task:1"):
        with tf.device(lambda op: "/gpu:2"):
            z = tf.constant(1.0, name="z")
        try:
            with tf.device(lambda op: None):
                z2 = tf.constant(1.0, name="z2")
            obs["fn_none"] = z2.device
        except Exception as e:
            obs["fn_none"] = type(e).__name__
        with tf.device(lambda op: tf.DeviceSpec(device_type="CPU", device_index=1)):
            z3 = tf.constant(1.0, name="z3")
    obs["fn_under_str"] = [z.device, z3.device]
    with tf.device("/gpu:1"):
        a = tf.constant(1.0, name="a")
    with tf.device("/cpu:0"):
        with tf.colocate_with(a):
            b = tf.constant(1.0, name="b")
        with tf.colocate_with(a.op):
            b2 = tf.add(a, 1.0, name="b2")
    obs["coloc"] = [b.device, [c.decode() for c in b.op.colocation_groups()], b2.device,
                    [c.decode() for c in b2.op.colocation_groups()]]
    with tf.device("/job:ps"):
        v = tf.Variable(1.0, name="v")
    with tf.device("/gpu:0"):
        with tf.colocate_with(v):
            c = tf.identity(v, name="c")
    obs["coloc_var"] = [c.device, [x.decode() for x in c.op.colocation_groups()]]
    with tf.colocate_with(a):
        with tf.colocate_with(None, ignore_existing=True):
            d = tf.constant(1.0, name="d")
        with tf.device("/cpu:3"):
            e = tf.constant(1.0, name="e")
    obs["coloc_reset"] = [d.device, [x.decode() for x in d.op.colocation_groups()], e.device,
                          [x.decode() for x in e.op.colocation_groups()]]
    try:
        with tf.device(lambda op: None):
            z4 = tf.constant(1.0, name="z4")
        obs["fn_none_top"] = z4.device
    except Exception as e:
        obs["fn_none_top"] = type(e).__name__
    f = tf.constant(1.0, name="f")
    f.op._set_device("/job:foo/gpu:1")
    obs["set_device"] = f.device
    g = tf.get_default_graph()
    with g.device("/cpu:1"):
        h = tf.constant(1.0, name="h")
    obs["graph_device"] = h.device
    return obs
