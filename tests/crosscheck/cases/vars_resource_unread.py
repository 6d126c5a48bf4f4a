"""What resource variables' assign family returns (TF's _UnreadVariable): its name and op are
the update op's, sess.run gives the new value, using it as a tensor reads after the update,
chained updates, group/control_dependencies, scatter and tf.assign on resource variables."""


def case(tf):
    obs = {}
    r = tf.Variable([1.0, 2.0], name="r", use_resource=True)
    a = r.assign([3.0, 4.0])
    obs["a"] = [a.name, a.op.name, a.op.type, a.dtype.name, a.shape.as_list(), a.device]
    b = a + 1.0
    obs["b_inputs"] = [t.op.type for t in b.op.inputs]
    obs["b_ctrl"] = [[c.name for c in t.op.control_inputs] for t in b.op.inputs]
    c = a.assign_add([1.0, 1.0])
    obs["c"] = [c.name, c.op.type, [x.name for x in c.op.control_inputs]]
    d = tf.assign(r, [0.0, 0.0], name="set0")
    e = tf.assign_add(r, [1.0, 1.0])
    f = tf.assign_sub(r, [1.0, 1.0])
    obs["tf_fns"] = [[t.name, t.op.type] for t in (d, e, f)]
    g = r.scatter_update(tf.IndexedSlices(tf.constant([9.0]), tf.constant([1])))
    obs["scatter"] = [g.name, g.op.type]
    with tf.control_dependencies([a]):
        h = tf.identity(1.0, name="h")
    obs["h_ctrl"] = [x.name for x in h.op.control_inputs]
    grp = tf.group(a, c, name="grp")
    obs["grp"] = [grp.name, sorted(x.name for x in grp.control_inputs)]
    obs["value_read"] = [a.value().op.type, a.read_value().op.type]
    with tf.Session() as s:
        s.run(r.initializer)
        obs["run_a"] = s.run(a).tolist()
        obs["run_b"] = s.run(b).tolist()
        obs["run_c"] = s.run(c).tolist()
        obs["run_d"] = s.run(d).tolist()
        obs["run_g"] = s.run(g).tolist()
        obs["run_r"] = s.run(r).tolist()
        s.run(grp)
        obs["run_after_grp"] = s.run(r).tolist()
    n = tf.Variable(0, name="n", use_resource=True)
    cu = n.count_up_to(2)
    obs["count_up_to"] = [cu.op.type, cu.dtype.name]
    fv = tf.Variable(0.0, name="fv")
    try:
        fv.count_up_to(2)
        obs["float_count_up_to"] = "ok"
    except Exception as ex:
        obs["float_count_up_to"] = type(ex).__name__
    obs["repr_spec"] = [repr(tf.DeviceSpec(job="ps", task=1)),
                        repr(tf.DeviceSpec.from_string("/replica:2/gpu:0"))]
    return obs
