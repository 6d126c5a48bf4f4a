"""Op names and types of a ref variable's reads and updates: assign / assign_add / assign_sub
(read_value True/False, name=), value vs read_value, initialized_value, count_up_to."""


def case(tf):
    obs = {}
    v = tf.Variable([1.0, 2.0], name="v")
    a = v.assign([3.0, 4.0])
    b = v.assign_add([1.0, 1.0])
    c = v.assign_sub([1.0, 1.0], name="sub_me")
    d = v.assign([0.0, 0.0], read_value=False)
    e = v.assign_add([1.0, 1.0], read_value=False)
    f = tf.assign(v, [5.0, 6.0], name="named")
    g = tf.assign_add(v, [1.0, 1.0])
    h = tf.assign_sub(v, [1.0, 1.0])
    obs["names"] = [a.name, b.name, c.name, f.name, g.name, h.name]
    obs["types"] = [x.op.type for x in (a, b, c, f, g, h)]
    obs["dtypes"] = [x.dtype.name for x in (a, b, c, f, g, h)]
    obs["op_results"] = [type(d).__name__, d.name, d.type, type(e).__name__, e.name]
    obs["use_locking"] = [a.op.get_attr("use_locking"), b.op.get_attr("use_locking")]
    obs["rv"] = [v.read_value().name, v.read_value().op.type]
    with tf.name_scope("inside"):
        obs["rv_scoped"] = v.read_value().name
        obs["value_scoped"] = v.value().name
    iv = v.initialized_value()
    obs["initialized_value"] = [iv.name, iv.op.type, iv.dtype.name]
    n = tf.Variable(0, name="n")
    cu = n.count_up_to(2)
    obs["count_up_to"] = [cu.name, cu.op.type, cu.dtype.name]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        obs["run"] = [s.run(a).tolist(), s.run(b).tolist(), s.run(c).tolist()]
        s.run(d)
        obs["after_d"] = s.run(v).tolist()
        obs["cu"] = [s.run(cu).tolist(), s.run(cu).tolist()]
        try:
            s.run(cu)
            obs["cu3"] = "ok"
        except Exception as ex:
            obs["cu3"] = type(ex).__name__
    return obs
