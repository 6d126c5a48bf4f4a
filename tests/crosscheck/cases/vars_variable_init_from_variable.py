"""A variable initialized from another variable's value: the initializer is guarded (it works
when the source is uninitialized, in any order), the copies TF makes (`mul_w`, `v/read_w`),
initial_value left unguarded, initialized_value() as a cond, chains, get_variable forms."""


def case(tf):
    obs = {}
    v = tf.Variable(3.0, name="v")
    w = tf.Variable(v * 2.0, name="w")
    x = tf.get_variable("x", initializer=v + 1.0)
    with tf.variable_scope("s"):
        y = tf.Variable(w + v, name="y")
    iv = v.initialized_value()
    z = tf.Variable(iv, name="z")
    c = tf.Variable(tf.constant(5.0) * 2.0, name="c")
    obs["initial_values"] = [w.initial_value.name, x.initial_value.name, y.initial_value.name, z.initial_value.name]
    obs["assign_inputs"] = [t.initializer.inputs[1].name for t in (w, x, y, z, c)]
    obs["iv"] = [iv.name, iv.op.type, iv.shape.as_list()]
    ops = [op.name for op in tf.get_default_graph().get_operations()]
    obs["copies"] = sorted(n for n in ops if n.endswith("_w") or n.endswith("_x") or n.endswith("_s/y"))
    # (the Switch that tf.cond puts on a branch returning an outside tensor is left out: varflow's
    # cond names it `<tensor op>/Switch`, TF `cond/Switch_1`)
    obs["guard_ops"] = [n for n in ops if (n.startswith("w/") or n.startswith("s/y/")) and "Switch_1" not in n]
    with tf.Session() as s:
        obs["w_alone"] = s.run(w.initializer) is None
        obs["w_val"] = float(s.run(w))
        try:        # y's guard covers w, but w's own initial value (read in its cond) reads v
            s.run(y.initializer)
            obs["y_val"] = float(s.run(y))
        except Exception as e:
            obs["y_val"] = type(e).__name__
        s.run(v.initializer)
        s.run(v.assign(10.0))
        for t in (w, x, y):     # one at a time: y reads w
            s.run(t.initializer)
        obs["after_v_set"] = [float(t) for t in s.run([w, x, y])]
    for _ in range(2):
        with tf.Session() as s:
            s.run(tf.variables_initializer([v, w, x, z, c]))   # (y's would race with v's)
            obs.setdefault("global_runs", []).append([float(t) for t in s.run([v, w, x, z, c])])
    r = tf.Variable(2.0, name="r", use_resource=True)
    rw = tf.Variable(r * 3.0, name="rw", use_resource=True)
    fw = tf.Variable(v * r, name="fw", use_resource=True)
    obs["resource_assign_inputs"] = [rw.initializer.inputs[1].name, fw.initializer.inputs[1].name]
    obs["resource_guard_ops"] = sorted(op.name for op in tf.get_default_graph().get_operations()
                                       if (op.name.startswith("fw/") or op.name.endswith("_fw"))
                                       and "Switch_1" not in op.name)
    with tf.Session() as s:
        try:        # resource reads are not guarded: r is uninitialized
            s.run(fw.initializer)
            obs["fw_val"] = float(s.run(fw))
        except Exception as e:
            obs["fw_val"] = type(e).__name__
        s.run(r.initializer)
        s.run(fw.initializer)
        obs["fw_val2"] = float(s.run(fw))
    return obs
