"""use_resource=True variables: VarHandleOp, op names of initializer/read/assign family, dtype
without _ref, handle, value() and read_value() names, collections."""


def case(tf):
    obs = {}
    r = tf.Variable([1.0, 2.0], name="r", use_resource=True)
    obs["r"] = [r.name, r.op.type, r.op.name, r.dtype.name, r.handle.name, r.handle.dtype.name]
    obs["init"] = [r.initializer.name, r.initializer.type, [t.name for t in r.initializer.inputs]]
    obs["initial_value"] = r.initial_value.name
    obs["value"] = [r.value().name, r.value().op.type]
    obs["read_value"] = [r.read_value().name, r.read_value().op.type]
    a = r.assign([3.0, 4.0])
    b = r.assign_add([1.0, 1.0])
    c = r.assign_sub([1.0, 1.0], read_value=False)
    obs["assign"] = [a.name, a.op.type, [x.name for x in a.op.control_inputs]]
    obs["assign_add"] = [b.name, b.op.type]
    obs["assign_sub"] = [c.name, c.type]
    obs["attrs"] = [r.op.get_attr("shared_name").decode() if isinstance(r.op.get_attr("shared_name"), bytes) else r.op.get_attr("shared_name"),
                    r.op.get_attr("dtype").name]
    obs["globals"] = [v.name for v in tf.global_variables()]
    obs["ops"] = sorted(op.name for op in tf.get_default_graph().get_operations())
    with tf.Session() as s:
        s.run(r.initializer)
        obs["vals"] = [s.run(a).tolist(), s.run(b).tolist()]
        s.run(c)
        obs["after"] = s.run(r).tolist()
    with tf.Graph().as_default():
        with tf.device("/cpu:1"):
            d = tf.Variable([1.0, 2.0], name="d", use_resource=True)
            cd = tf.Variable([1.0, 2.0], name="cd", use_resource=True, caching_device="/cpu:2")
        with tf.device("/gpu:0"):
            reads = {"plus": d + 1.0, "read_value": d.read_value(), "value": d.value(),
                     "sparse": d.sparse_read([1]), "sparse_named": d.sparse_read([0], name="pick"),
                     "gather": tf.gather(d, [0]), "cached_value": cd.value(), "cached_read": cd.read_value(),
                     "cached_plus": cd + 1.0}
        obs["reads"] = {k: [t.name, t.op.type, t.device, [i.name for i in t.op.inputs]] for k, t in reads.items()}
        obs["cached_ops"] = sorted([op.name, op.type, op.device] for op in tf.get_default_graph().get_operations()
                                   if op.name.startswith("cd/"))
        with tf.Session(config=tf.ConfigProto(allow_soft_placement=True)) as s:
            s.run([d.initializer, cd.initializer])
            obs["sparse_val"] = s.run(reads["sparse"]).tolist()
    return obs
