"""tf.device strings: canonical spellings (cpu/gpu lowercase, /device:, job/replica/task),
nested merging and overriding, device(None) clearing, DeviceSpec objects, '' device."""


def case(tf):
    obs = {}
    specs = ["/cpu:0", "/gpu:1", "/CPU:0", "/device:GPU:2", "/job:ps", "/job:ps/task:1",
             "/job:worker/replica:0/task:2/cpu:3", "/task:3", "/replica:1", "gpu:0", "/job:w/device:cpu:*",
             "/device:XLA_CPU:0", "", "/gpu:*", "/job:a/job:b"]
    out = {}
    for i, d in enumerate(specs):
        try:
            with tf.device(d):
                out[d] = tf.constant(1.0, name="c%d" % i).device
        except Exception as e:
            out[d] = type(e).__name__
    obs["single"] = out
    with tf.device("/job:ps"):
        with tf.device("/task:2"):
            with tf.device("/gpu:1"):
                a = tf.constant(1.0, name="a")
            b = tf.constant(1.0, name="b")
            with tf.device("/job:worker"):
                c = tf.constant(1.0, name="c")
            with tf.device(None):
                d = tf.constant(1.0, name="d")
                with tf.device("/cpu:0"):
                    e = tf.constant(1.0, name="e")
            with tf.device(""):
                f = tf.constant(1.0, name="f")
    obs["nested"] = [t.device for t in (a, b, c, d, e, f)]
    spec = tf.DeviceSpec(job="ps", task=1, device_type="GPU", device_index=0)
    obs["spec_str"] = spec.to_string()
    with tf.device(spec):
        g = tf.constant(1.0, name="g")
    obs["spec_dev"] = g.device
    parsed = tf.DeviceSpec.from_string("/job:foo/replica:2/task:3/device:CPU:1")
    obs["parsed"] = [parsed.job, parsed.replica, parsed.task, parsed.device_type, parsed.device_index]
    obs["partial_spec"] = tf.DeviceSpec(device_type="CPU").to_string()
    obs["lower_type"] = tf.DeviceSpec(device_type="gpu", device_index=1).to_string()
    v = None
    with tf.device("/job:ps/task:0"):
        v = tf.Variable(1.0, name="v")
        w = tf.get_variable("w", [1])
    obs["var_devices"] = [v.device, v.initializer.device, v.value().device, w.device,
                          w.initial_value.device, w.initializer.device]
    obs["op_device_attr"] = tf.get_default_graph().get_operation_by_name("a").device
    return obs
