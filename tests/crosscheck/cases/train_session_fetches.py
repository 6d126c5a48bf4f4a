"""Session.run fetch structures: nested lists/tuples/dicts/namedtuples/OrderedDict, ops -> None,
strings as fetch names (tensor and op names), variables, duplicates, empty structures, scalar types,
IndexedSlices values, fetched numpy dtypes."""
import collections


def case(tf):
    obs = {}
    a = tf.constant(1.5, name="a")
    b = tf.constant([1, 2], name="b")
    s = tf.constant("hi", name="s")
    v = tf.Variable([3.0, 4.0], name="v")
    op = tf.no_op(name="noop")
    Pair = collections.namedtuple("Pair", ["x", "y"])
    with tf.Session() as sess:
        sess.run(v.initializer)
        r = sess.run([a, [b, (a, op)], {"k": a, "op": op}, Pair(x=a, y=[b])])
        obs["nested"] = [type(r).__name__, type(r[1]).__name__, type(r[1][1]).__name__,
                         type(r[2]).__name__, type(r[3]).__name__, r[1][1][1], r[2]["op"],
                         float(r[3].x), r[3].y[0].tolist()]
        od = sess.run(collections.OrderedDict([("z", a), ("a", b)]))
        obs["ordered"] = [type(od).__name__, list(od.keys())]
        obs["op_only"] = sess.run(op)
        obs["str_tensor"] = float(sess.run("a:0"))
        obs["str_op"] = sess.run("noop")
        obs["str_list"] = [x if x is None else x.tolist() for x in sess.run(["b:0", "noop"])]
        obs["var"] = sess.run(v).tolist()
        obs["var_in_list"] = sess.run([v, v.initializer])[1]
        obs["dup"] = [float(x) for x in sess.run([a, a, "a:0"])]
        obs["empty_list"] = sess.run([])
        obs["empty_dict"] = sess.run({})
        obs["empty_tuple"] = sess.run(())
        obs["types"] = [type(sess.run(a)).__name__, type(sess.run(b)).__name__,
                        type(sess.run(s)).__name__, sess.run(s).decode(),
                        sess.run(tf.constant(True)).__class__.__name__,
                        sess.run(tf.constant(3, tf.int64)).dtype.name]
        isl = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]))
        iv = sess.run(isl)
        obs["indexed"] = [type(iv).__name__, iv.values.tolist(), iv.indices.tolist(),
                          iv.dense_shape.tolist()]
        obs["tuple_of_dict"] = [sorted(x.keys()) for x in sess.run(({"p": a}, {"q": b}))]
    return obs
