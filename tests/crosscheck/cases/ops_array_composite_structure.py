"""Array composites as TF builds them: sequence_mask (Max/Maximum, a Range op named Range),
gather_nd (`GatherNd/indices`), reverse (`ReverseV2/axis`), boolean_mask (Shape/strided_slice/Prod/
concat/Reshape then Where/Squeeze/GatherV2 at every rank), where (v1 Select, 1-arg Where), pad
modes, einsum, placeholder_with_default (`kp/input`), reductions over an empty list (a float32 Const
first) and of a scalar (over range(Rank))."""
import numpy as np


def _ops(graph):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [o.shape.as_list() if o.shape.ndims is not None else None for o in op.outputs],
             sorted(c.name for c in op.control_inputs)] for op in graph.get_operations()]


def case(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    d = tf.placeholder(tf.float32, [None, 3], name="d")
    L = tf.placeholder(tf.int32, [None], name="L")
    outs = {}
    outs["sm"] = tf.cast(tf.sequence_mask(L, 5), tf.int32)
    outs["sm2"] = tf.cast(tf.sequence_mask(L), tf.int32)
    outs["sm3"] = tf.sequence_mask([1, 2], 3, dtype=tf.float32)
    outs["sm4"] = tf.cast(tf.sequence_mask([1, 2]), tf.int32)
    outs["gnd"] = tf.gather_nd(x, [[0, 1], [2, 2]])
    outs["gnd2"] = tf.gather_nd(x, [[1], [0]], name="g")
    outs["rev"] = tf.reverse(x, [1])
    outs["rev2"] = tf.reverse(d, axis=[0, 1], name="myrev")
    outs["bm"] = tf.boolean_mask(x, [True, False, True, True])
    outs["bm2"] = tf.boolean_mask(d, tf.reduce_sum(d, 1) > 1)
    outs["bm3"] = tf.boolean_mask(x, [[True, False, True]] * 4)
    outs["bm4"] = tf.boolean_mask(x, [True, False, True], axis=1)
    outs["w3"] = tf.where(x > 2, x, -x)
    outs["w1"] = tf.where(x > 2)
    outs["pad1"] = tf.pad(x, [[1, 0], [0, 2]])
    outs["pad2"] = tf.pad(x, [[1, 1], [1, 1]], "REFLECT")
    outs["pad3"] = tf.pad(x, [[1, 1], [1, 1]], "SYMMETRIC")
    outs["pad4"] = tf.pad(x, [[1, 1], [1, 1]], constant_values=3)
    outs["ein"] = tf.einsum("ij,kj->ik", x, x)
    outs["ein2"] = tf.einsum("ij->j", d)
    outs["pwd"] = tf.placeholder_with_default(1.0, [], name="kp") * 2.0
    outs["empty_axes"] = tf.reduce_sum(x, []) + tf.reduce_mean(x, [], keepdims=True) + tf.reduce_max(x, ())
    c = tf.constant(2.0)
    outs["scalar_red"] = tf.reduce_sum(c) + tf.reduce_mean(c) + tf.reduce_prod(c) + tf.reduce_max(c)
    obs = {"ops": _ops(tf.get_default_graph())}
    feed = {x: np.arange(12.).reshape(4, 3) % 5, d: np.arange(6.).reshape(2, 3), L: [1, 3]}
    with tf.Session() as sess:
        vals = sess.run(outs, feed)
    obs["values"] = {k: np.round(np.asarray(v, np.float64), 4).tolist() for k, v in vals.items()}
    return obs
