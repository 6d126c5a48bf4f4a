"""Initialization helpers: report_uninitialized_variables (names, dtype, shape, op names, after
partial init, custom var_list, empty list), is_variable_initialized, assert_variables_initialized,
global/local initializer op names and control inputs."""


def case(tf):
    obs = {}
    a = tf.Variable(1.0, name="a")
    with tf.variable_scope("s"):
        b = tf.get_variable("b", [2])
    tf.get_local_variable("c", [1])
    r = tf.Variable(1.0, name="r", use_resource=True)
    rep = tf.report_uninitialized_variables()
    obs["rep"] = [rep.name, rep.dtype.name, str(rep.shape), rep.device]
    rep2 = tf.report_uninitialized_variables([a], name="mine")
    obs["rep2"] = rep2.name
    rep3 = tf.report_uninitialized_variables([])
    obs["rep3"] = [rep3.name, rep3.op.type, str(rep3.shape), rep3.device]
    iv = tf.is_variable_initialized(a)
    ivr = tf.is_variable_initialized(r)
    obs["iv"] = [iv.name, iv.op.type, iv.dtype.name, ivr.name, ivr.op.type]
    av = tf.assert_variables_initialized([a, b])
    obs["av"] = [av.name, av.op.type, av.dtype.name]
    with tf.Session() as s:
        obs["all"] = [x.decode() for x in s.run(rep)]
        s.run(a.initializer)
        obs["after_a"] = [x.decode() for x in s.run(rep)]
        obs["mine"] = [x.decode() for x in s.run(rep2)]
        obs["empty"] = s.run(rep3).tolist()
        obs["iv_run"] = [bool(s.run(iv)), bool(s.run(ivr))]
        try:
            s.run(av)
            obs["assert_before"] = "ok"
        except Exception as e:
            obs["assert_before"] = type(e).__name__
        s.run(tf.global_variables_initializer())
        obs["after_global"] = [x.decode() for x in s.run(rep)]
        s.run(tf.local_variables_initializer())
        obs["after_local"] = s.run(rep).tolist()
        obs["assert_after"] = s.run(av).tolist()
        try:
            s.run(tf.Variable(2.0, name="late"))
            obs["read_uninit"] = "ok"
        except Exception as e:
            obs["read_uninit"] = type(e).__name__
    return obs
