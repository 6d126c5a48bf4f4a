"""tf.global_norm / tf.clip_by_global_norm / tf.clip_by_norm / tf.clip_by_value as TF builds them:
one L2Loss per tensor, stack, Sum, mul by a Const 2.0, a Sqrt named `global_norm`; Python clip norms
converted where they are used (`truediv/x`, `truediv_1/y`, `mul/x`); clip_by_norm's v1 Selects."""
import numpy as np


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [o.shape.as_list() if o.shape.ndims is not None else None for o in op.outputs],
             sorted(c.name for c in op.control_inputs)] for op in graph.get_operations()]


def case(tf):
    a = tf.placeholder(tf.float32, [3, 4], name="a")
    b = tf.placeholder(tf.float32, [4], name="b")
    d = tf.placeholder(tf.float32, [None, 4], name="d")
    cn = tf.placeholder(tf.float32, [], name="cn")
    outs = {}
    clipped, norm = tf.clip_by_global_norm([a, None, b], 1.0)
    outs["c0"], outs["c2"], outs["n"] = clipped[0], clipped[2], norm
    clipped2, _ = tf.clip_by_global_norm([a, d], cn, use_norm=norm, name="mine")
    outs["c3"] = clipped2[1]
    outs["g"] = tf.global_norm([a, b, d])
    outs["cbn"] = tf.clip_by_norm(a, 2.0)
    outs["cbn_axes"] = tf.clip_by_norm(d, cn, axes=[1])
    outs["cbv"] = tf.clip_by_value(d, -0.5, 0.5)
    outs["grad"] = tf.gradients(tf.reduce_sum(tf.clip_by_global_norm([a * 3.0], 1.0)[0][0]), a)[0]
    obs = {"ops": _ops(tf.get_default_graph())}
    rng = np.random.RandomState(3)
    with tf.Session() as sess:
        vals = sess.run(outs, {a: rng.rand(3, 4), b: rng.rand(4), d: rng.rand(2, 4) - 0.5, cn: 0.7})
    obs["values"] = {k: np.round(np.asarray(v, np.float64), 5).tolist() for k, v in vals.items()}
    return obs
