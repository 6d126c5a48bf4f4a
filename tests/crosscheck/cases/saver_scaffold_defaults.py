"""Scaffold: properties are None before finalize; finalize() makes the default init / ready / local-init
ops (names, types, shapes, dtypes), a sharded allow_empty Saver in SAVERS, and finalizes the graph;
ops already in the collections are reused; two SAVERS is an error; copy_from_scaffold."""


def _err(f):
    try:
        f()
        return "ok"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def _desc(x):
    if x is None:
        return None
    if hasattr(x, "type"):
        return [x.name, x.type]
    return [x.name, x.op.type, x.dtype.name, x.shape.as_list()]


def case(tf):
    obs = {}
    with tf.Graph().as_default() as g:
        tf.Variable(1.0, name="v")
        tf.get_local_variable("loc", [1])
        s = tf.train.Scaffold()
        obs["before"] = [s.init_op, s.ready_op, s.ready_for_local_init_op, s.local_init_op, s.summary_op,
                         s.saver, s.init_feed_dict, s.init_fn]
        s.finalize()
        obs["init_op"] = _desc(s.init_op)
        obs["ready_op"] = _desc(s.ready_op)
        obs["ready_for_local_init_op"] = _desc(s.ready_for_local_init_op)
        obs["local_init_op"] = _desc(s.local_init_op)
        obs["summary_op"] = _desc(s.summary_op)
        obs["saver_type"] = type(s.saver).__name__
        obs["saver_def"] = [s.saver.saver_def.sharded, s.saver.saver_def.max_to_keep,
                            s.saver.saver_def.restore_op_name]
        obs["savers_collection_is_it"] = tf.get_collection(tf.GraphKeys.SAVERS) == [s.saver]
        obs["finalized"] = g.finalized
        obs["finalize_again"] = _err(s.finalize)
        obs["init_fn_none"] = s.init_fn is None
    with tf.Graph().as_default() as g:
        tf.Variable(1.0, name="v")
        init = tf.no_op(name="my_init")
        tf.add_to_collection(tf.GraphKeys.INIT_OP, init)
        my_saver = tf.train.Saver()
        tf.add_to_collection(tf.GraphKeys.SAVERS, my_saver)
        s = tf.train.Scaffold()
        s.finalize()
        obs["reused_init"] = s.init_op.name
        obs["reused_saver"] = s.saver is my_saver
    with tf.Graph().as_default() as g:
        tf.Variable(1.0, name="v")
        tf.add_to_collection(tf.GraphKeys.SAVERS, tf.train.Saver())
        tf.add_to_collection(tf.GraphKeys.SAVERS, tf.train.Saver())
        obs["two_savers"] = _err(tf.train.Scaffold().finalize)
    with tf.Graph().as_default() as g:
        tf.Variable(1.0, name="v")
        base = tf.train.Scaffold(init_op=tf.no_op(name="base_init"), init_feed_dict={"a": 1})
        copy = tf.train.Scaffold(copy_from_scaffold=base, local_init_op=tf.no_op(name="copy_local"))
        obs["copy"] = [copy.init_op.name, copy.local_init_op.name, copy.init_feed_dict]
        obs["copy_bad"] = _err(lambda: tf.train.Scaffold(copy_from_scaffold="x"))
        obs["default_local_init_op"] = _desc(tf.train.Scaffold.default_local_init_op())
    return obs
