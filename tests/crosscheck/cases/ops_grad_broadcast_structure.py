"""Gradients of broadcasting binary ops as TF builds them: `Shape`/`Shape_1` (Consts when static),
Sum(keepdims) over the statically known broadcast axes and Reshape, BroadcastGradientArgs when a
dimension is unknown on both sides (or unknown against a known dim > 1), no ops at all for Add/Sub/
Mul/SquaredDifference of equal static shapes; operand order of Mul's gradients; Maximum/Minimum's
zeros_like and SelectV2s; SelectV2's scalar `zeros`; the empty-axis Sum of [1, 1] * []."""
import numpy as np


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [o.shape.as_list() if o.shape.ndims is not None else None for o in op.outputs],
             sorted(c.name for c in op.control_inputs)] for op in graph.get_operations()]


def case(tf):
    obs = {}
    rng = np.random.RandomState(0)
    shapes = [("A", [None, 3], [None, 1], (2, 3), (2, 1)), ("B", [None, 1], [1, 3], (2, 1), (1, 3)),
              ("C", [None, 3], [None, 3], (2, 3), (2, 3)), ("D", None, [3], (2, 3), (3,)),
              ("E", [2, 1], [1, 3], (2, 1), (1, 3)), ("F", [], [2, 3], (), (2, 3)),
              ("G", [None, 3], [], (2, 3), ()), ("J", [None, 3], [5, 3], (5, 3), (5, 3)),
              ("K", [None, 3], [1, 3], (2, 3), (1, 3)), ("L", [5, None], [5, 1], (5, 2), (5, 1)),
              ("O", [3], [None, 3], (3,), (2, 3)), ("Q", [1, 1], [3, 1], (1, 1), (3, 1)),
              ("R", [2, 1], [1], (2, 1), (1,)), ("S", [1, 1], [], (1, 1), ()), ("T", [None, 1], [], (2, 1), ())]
    g = tf.Graph()
    with g.as_default():
        fetch, feed = {}, {}
        for n, s1, s2, v1, v2 in shapes:
            with tf.name_scope(n):
                a = tf.placeholder(tf.float32, s1, name="a")
                b = tf.placeholder(tf.float32, s2, name="b")
                y = a * b + a / (b + 2.0) - tf.maximum(a, b) + tf.squared_difference(a, b)
            ga, gb = tf.gradients(y, [a, b], grad_ys=tf.ones_like(y))
            fetch[n] = (ga, gb)
            feed[a] = rng.rand(*v1)
            feed[b] = rng.rand(*v2)
        with tf.Session() as sess:
            vals = sess.run(fetch, feed)
        obs["broadcast_sums"] = {k: [float(np.sum(x)) for x in v] for k, v in vals.items()}
    obs["broadcast_ops"] = _ops(g)
    g = tf.Graph()
    with g.as_default():
        fns = {"add": tf.add, "sub": tf.subtract, "mul": tf.multiply, "div": tf.truediv,
               "max": tf.maximum, "min": tf.minimum, "sqd": tf.squared_difference, "pow": tf.pow,
               "dnn": tf.div_no_nan, "where": lambda a, b: tf.where_v2(a > 0.5, a, b),
               "where_s": lambda a, b: tf.where_v2(a > 0.5, a, 0.0)}
        fetch, feed = {}, {}
        for s in ([2, 3], [None, 3]):
            for n, f in fns.items():
                with tf.name_scope(n):
                    a = tf.placeholder(tf.float32, s, name="a")
                    b = tf.placeholder(tf.float32, s, name="b")
                    y = f(a, b)
                fetch["%s_%s" % (n, s[0])] = tf.gradients(y, [a, b])
                feed[a] = rng.rand(2, 3) + 0.5
                feed[b] = rng.rand(2, 3) + 0.5
        with tf.Session() as sess:
            vals = sess.run({k: [t for t in v if t is not None] for k, v in fetch.items()}, feed)
        obs["equal_sums"] = {k: [float(np.sum(x)) for x in v] for k, v in vals.items()}
    obs["equal_ops"] = _ops(g)
    return obs
