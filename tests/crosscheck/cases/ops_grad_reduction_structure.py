"""Gradients of Sum/Mean/Max/Min as TF builds them: Reshape to [1]*rank and Tile by a Const (or the
Shape) for a reduction over every axis, Reshape + Tile by Consts for static shapes (the multiples'
Maximum/floordiv ops built once per graph and (shape, axes)), Reshape to TF's reduced_shape
(DynamicStitch) + BroadcastTo for unknown dims, BroadcastTo alone with keepdims; Mean's count as a
Const or Prod(Gather(Shape)) cast; rank-0 reductions over range(rank)."""
import numpy as np


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [o.shape.as_list() if o.shape.ndims is not None else None for o in op.outputs],
             sorted(c.name for c in op.control_inputs)] for op in graph.get_operations()]


def case(tf):
    obs = {}
    rng = np.random.RandomState(1)
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    d = tf.placeholder(tf.float32, [None, 3], name="d")
    u = tf.placeholder(tf.float32, None, name="u")
    x3 = tf.placeholder(tf.float32, [4, 3, 2], name="x3")
    ls = {}
    with tf.name_scope("A"):
        ls["A"] = tf.reduce_sum(tf.reduce_sum(x, 1))
    with tf.name_scope("B"):
        ls["B"] = tf.reduce_sum(tf.reduce_mean(x, 0))
    with tf.name_scope("C"):
        ls["C"] = tf.reduce_sum(tf.reduce_mean(x, 1, keepdims=True))
    with tf.name_scope("D"):
        ls["D"] = tf.reduce_sum(tf.reduce_sum(d, 0))
    with tf.name_scope("E"):
        ls["E"] = tf.reduce_sum(tf.reduce_mean(d, 1))
    with tf.name_scope("F"):
        ls["F"] = tf.reduce_mean(u)
    with tf.name_scope("G"):
        ls["G"] = tf.reduce_sum(tf.reduce_sum(x, -1))
    with tf.name_scope("H"):
        ls["H"] = tf.reduce_sum(tf.reduce_mean(x, [0, 1], keepdims=True))
    with tf.name_scope("I"):
        ls["I"] = tf.reduce_mean(d) + tf.reduce_sum(d, 1, keepdims=True)[0, 0]
    with tf.name_scope("J"):
        ls["J"] = tf.reduce_sum(tf.reduce_max(x, 1)) + tf.reduce_min(x) + tf.reduce_sum(tf.reduce_max(d, 1))
    with tf.name_scope("K"):
        ls["K"] = tf.reduce_sum(tf.reduce_mean(x3, [0, 2], keepdims=True)) + tf.reduce_sum(tf.reduce_sum(x3, [-1, 0]))
    with tf.name_scope("L"):
        ls["L"] = tf.reduce_sum(tf.reduce_mean(x, [])) + tf.reduce_sum(tf.constant(2.0)) + tf.reduce_mean(tf.reduce_max(x))
    grads = {}
    for k, l in sorted(ls.items()):
        with tf.name_scope("grad_" + k):
            grads[k] = [gr for gr in tf.gradients(l, [x, d, u, x3]) if gr is not None]
    obs["ops"] = _ops(tf.get_default_graph())
    feed = {x: rng.rand(4, 3), d: rng.rand(5, 3), u: rng.rand(2, 3), x3: rng.rand(4, 3, 2)}
    with tf.Session() as sess:
        vals = sess.run(grads, feed)
    obs["sums"] = {k: [float(np.sum(v)) for v in vs] for k, vs in vals.items()}
    return obs
